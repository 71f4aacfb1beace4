//! Cognito's SRP-6a, server side: the `USER_SRP_AUTH` flow and its `PASSWORD_VERIFIER` challenge.
//!
//! What this module does: all the arithmetic, with the exact byte encodings that Cognito's
//! clients use (amazon-cognito-identity-js, Amplify v6, pycognito, aws-cognito-srp):
//! - [`make_verifier`], at sign-up or password change: a salt and `v = g^x mod N`.
//! - [`server_challenge`], at `InitiateAuth`: checks `SRP_A`, draws the secret `b`, computes `SRP_B`.
//! - [`verify_claim`], at `RespondToAuthChallenge`: recomputes the session key and checks
//!   `PASSWORD_CLAIM_SIGNATURE` in constant time.
//! - [`check_timestamp`] / [`format_timestamp`]: the `TIMESTAMP` the clients sign.
//!
//! What the caller owns: storing the [`Verifier`] (sealed: `v` is a *fast* SHA-256 password
//! hash, so a leaked verifier can be brute-forced offline), sealing `b` (and `A`, user, pool,
//! issued-at) into `SECRET_BLOCK`, sending `SALT` as `hex::encode(salt)` and `SRP_B` as
//! [`ServerChallenge::srp_b_hex`], `USER_ID_FOR_SRP`, `SECRET_HASH`, honouring the app client's
//! `ExplicitAuthFlows`, and mapping [`SrpError`] to Cognito's exceptions.
//!
//! The group is RFC 3526's 3072-bit MODP prime with `g = 2` and `H = SHA-256`. Big integers are
//! encoded with `pad()` (Java's `BigInteger.toByteArray()`), not RFC 5054's pad-to-|N|.
//!
//! Caveat: `num-bigint`'s `modpow` is not constant time, so the exponentiations by `b` leak
//! timing. `b` is ephemeral (one per login attempt, never reused), which limits what an
//! attacker could learn; a constant-time big-integer crate would remove the concern.

use std::sync::LazyLock;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use hmac::{Hmac, Mac};
use num_bigint::BigUint;
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// RFC 3526 group 15 (3072-bit MODP), as in every Cognito client (`initN`, `N_HEX`).
const N_HEX: &str = concat!(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74",
    "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437",
    "4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED",
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05",
    "98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB",
    "9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B",
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718",
    "3995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33",
    "A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7",
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864",
    "D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2",
    "08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
);

static N: LazyLock<BigUint> =
    LazyLock::new(|| BigUint::parse_bytes(N_HEX.as_bytes(), 16).expect("N is valid hex"));

static G: LazyLock<BigUint> = LazyLock::new(|| BigUint::from(2u32));

/// The SRP-6a multiplier `k = H(pad(N) || pad(g)) = H(0x00 || N || 0x02)`.
static K: LazyLock<BigUint> = LazyLock::new(|| {
    let digest = Sha256::new().chain_update(pad(&N)).chain_update(pad(&G)).finalize();
    BigUint::from_bytes_be(&digest)
});

/// HKDF `info` for the session key.
const DERIVE_KEY_INFO: &[u8] = b"Caldera Derived Key";

/// Length of the salt drawn by [`make_verifier`].
pub const SALT_LEN: usize = 16;

/// Length of the server's secret `b` drawn by [`server_challenge`]: 256 bits, RFC 5054's minimum
/// and twice the group's ~128-bit strength. (Clients draw 128 bytes for `a`; a 128-byte `b` would
/// make the server's arithmetic about 4 times slower for no practical gain.)
pub const B_LEN: usize = 32;

/// Longest `SRP_A` accepted, in hex digits: |N| plus room for leading zeros.
const MAX_A_HEX_LEN: usize = 1024;

/// A user's SRP password verifier, stored (sealed) next to the password hash.
#[derive(Clone, PartialEq, Eq)]
pub struct Verifier {
    /// 16 random bytes, first byte in `0x01..=0x7f`; sent to clients as `SALT = hex(salt)`.
    pub salt: Vec<u8>,
    /// `pad(v)`, big-endian, where `v = g^x mod N`.
    pub verifier: Vec<u8>,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Verifier(..)")
    }
}

/// What [`server_challenge`] hands back for the `PASSWORD_VERIFIER` challenge.
#[derive(Clone, PartialEq, Eq)]
pub struct ServerChallenge {
    /// The server's secret exponent ([`B_LEN`] bytes, big-endian); seal it into `SECRET_BLOCK`.
    pub b: Vec<u8>,
    /// `SRP_B`: lowercase hex of `B`'s minimal big-endian bytes (even length).
    pub srp_b_hex: String,
}

impl std::fmt::Debug for ServerChallenge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerChallenge").field("b", &"..").field("srp_b_hex", &self.srp_b_hex).finish()
    }
}

/// Why an SRP step failed. Only [`SrpError::BadProof`] means a wrong password; the caller maps
/// these to Cognito's exceptions (`NotAuthorizedException` for a bad proof).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SrpError {
    /// `SRP_A` is not hex, is too long, is `>= N`, or is `0 mod N`.
    #[error("SRP_A is invalid")]
    BadA,
    /// The sealed secret `b` is empty or zero, or yields `B = 0 mod N` or `u = 0`.
    #[error("SRP_B is invalid")]
    BadB,
    /// The stored verifier is empty, zero, or `>= N`.
    #[error("password verifier is invalid")]
    BadVerifier,
    /// The signature does not match (wrong password, or any tampered input).
    #[error("Incorrect username or password.")]
    BadProof,
    /// `TIMESTAMP` is not in the clients' format (`Fri Nov 6 20:35:23 UTC 2026`).
    #[error("TIMESTAMP is malformed")]
    BadTimestamp,
    /// `TIMESTAMP` is further from the server's clock than the allowed skew.
    #[error("TIMESTAMP is too far from the current time")]
    TimestampSkew,
}

/// Java's `BigInteger.toByteArray()` for a non-negative integer: minimal big-endian bytes, with a
/// `0x00` prefix when the top bit is set (so `0` is `[0x00]`). Clients call this `padHex`.
fn pad(n: &BigUint) -> Vec<u8> {
    let bytes = n.to_bytes_be();
    if bytes[0] >= 0x80 {
        let mut out = Vec::with_capacity(bytes.len() + 1);
        out.push(0);
        out.extend_from_slice(&bytes);
        out
    } else {
        bytes
    }
}

/// The pool name that enters `x` and the signature: the part of the user pool id after `_`
/// (`us-east-1_AbC123` gives `AbC123`). Like the clients (`split('_')[1]`), it stops at a second
/// `_`; an id without `_` is returned whole.
pub fn pool_name(user_pool_id: &str) -> &str {
    user_pool_id.split('_').nth(1).unwrap_or(user_pool_id)
}

/// At sign-up or password change: a fresh salt and `v = g^x mod N`, with
/// `x = H(pad(salt) || H(pool_name || username || ":" || password))`.
///
/// `username` must be exactly the string later sent as `USER_ID_FOR_SRP`.
pub fn make_verifier(pool_name: &str, username: &str, password: &str) -> Verifier {
    let mut salt = vec![0u8; SALT_LEN];
    let mut rng = rand::rng();
    rng.fill_bytes(&mut salt);
    // A leading 0x00 would be dropped by clients that round-trip SALT through a big integer,
    // and a leading byte >= 0x80 would be padded by some but not others: avoid both.
    salt[0] = rng.random_range(0x01..=0x7f);
    verifier_with_salt(pool_name, username, password, salt)
}

fn verifier_with_salt(pool_name: &str, username: &str, password: &str, salt: Vec<u8>) -> Verifier {
    let x = compute_x(pool_name, username, password, &salt);
    let v = G.modpow(&x, &N);
    Verifier { salt, verifier: pad(&v) }
}

fn compute_x(pool_name: &str, username: &str, password: &str, salt: &[u8]) -> BigUint {
    let identity = Sha256::new()
        .chain_update(pool_name.as_bytes())
        .chain_update(username.as_bytes())
        .chain_update(b":")
        .chain_update(password.as_bytes())
        .finalize();
    let x = Sha256::new().chain_update(pad(&BigUint::from_bytes_be(salt))).chain_update(identity).finalize();
    BigUint::from_bytes_be(&x)
}

/// `u = H(pad(A) || pad(B))`, as the 32 hash bytes.
fn hash_u(a_pub: &BigUint, b_pub: &BigUint) -> [u8; 32] {
    Sha256::new().chain_update(pad(a_pub)).chain_update(pad(b_pub)).finalize().into()
}

/// `B = (k·v + g^b) mod N`.
fn compute_b_pub(v: &BigUint, b: &BigUint) -> BigUint {
    (&*K * v + G.modpow(b, &N)) % &*N
}

fn parse_a(a_hex: &str) -> Result<BigUint, SrpError> {
    if a_hex.is_empty() || a_hex.len() > MAX_A_HEX_LEN || !a_hex.bytes().all(|c| c.is_ascii_hexdigit()) {
        return Err(SrpError::BadA);
    }
    let a_pub = BigUint::parse_bytes(a_hex.as_bytes(), 16).ok_or(SrpError::BadA)?;
    // SRP-6a requires A mod N != 0; an honest client's A is also always < N.
    if a_pub >= *N || a_pub == BigUint::ZERO {
        return Err(SrpError::BadA);
    }
    Ok(a_pub)
}

fn parse_verifier(verifier: &[u8]) -> Result<BigUint, SrpError> {
    let v = BigUint::from_bytes_be(verifier);
    if v >= *N || v == BigUint::ZERO {
        return Err(SrpError::BadVerifier);
    }
    Ok(v)
}

/// At `InitiateAuth`: validates `SRP_A`, draws `b` and computes `B = (k·v + g^b) mod N`.
///
/// `b` is redrawn while `u = H(pad(A) || pad(B))` starts with a `0x00` byte (1 draw in 256): the
/// old amazon-cognito-identity-js feeds u's 64-digit hash into HKDF while Amplify v6, pycognito
/// and aws-cognito-srp feed `pad(u)`, so they would disagree on the key in about 1 login in 512.
pub fn server_challenge(a_hex: &str, verifier: &[u8]) -> Result<ServerChallenge, SrpError> {
    let a_pub = parse_a(a_hex)?;
    let v = parse_verifier(verifier)?;
    Ok(challenge_with(&a_pub, &v, || {
        let mut b = vec![0u8; B_LEN];
        rand::rng().fill_bytes(&mut b);
        b
    }))
}

fn challenge_with(a_pub: &BigUint, v: &BigUint, mut draw_b: impl FnMut() -> Vec<u8>) -> ServerChallenge {
    loop {
        let b_bytes = draw_b();
        let b = BigUint::from_bytes_be(&b_bytes);
        if b == BigUint::ZERO {
            continue;
        }
        let b_pub = compute_b_pub(v, &b);
        if b_pub == BigUint::ZERO || hash_u(a_pub, &b_pub)[0] == 0 {
            continue;
        }
        return ServerChallenge { b: b_bytes, srp_b_hex: hex::encode(b_pub.to_bytes_be()) };
    }
}

/// `K = HKDF-SHA256(salt = pad(u), IKM = pad(S), info = "Caldera Derived Key", L = 16)`.
fn session_key(u: &BigUint, s: &BigUint) -> [u8; 16] {
    let mut extract = HmacSha256::new_from_slice(&pad(u)).expect("HMAC takes any key length");
    extract.update(&pad(s));
    let prk = extract.finalize().into_bytes();
    let mut expand = HmacSha256::new_from_slice(&prk).expect("HMAC takes any key length");
    expand.update(DERIVE_KEY_INFO);
    expand.update(&[0x01]);
    let okm = expand.finalize().into_bytes();
    let mut key = [0u8; 16];
    key.copy_from_slice(&okm[..16]);
    key
}

/// At `RespondToAuthChallenge`: recomputes `B` and `u = H(pad(A) || pad(B))`,
/// `S = (A · v^u)^b mod N` and `K = HKDF(pad(u), pad(S))`, then checks
/// `PASSWORD_CLAIM_SIGNATURE = base64(HMAC(K, pool_name || user_id_for_srp || secret_block || timestamp))`
/// in constant time. `secret_block` is the base64-decoded `PASSWORD_CLAIM_SECRET_BLOCK` and
/// `timestamp` the `TIMESTAMP` exactly as sent (check its skew with [`check_timestamp`]).
#[allow(clippy::too_many_arguments)]
pub fn verify_claim(
    pool_name: &str,
    user_id_for_srp: &str,
    a_hex: &str,
    b: &[u8],
    verifier: &[u8],
    secret_block: &[u8],
    timestamp: &str,
    signature_b64: &str,
) -> Result<(), SrpError> {
    let a_pub = parse_a(a_hex)?;
    let v = parse_verifier(verifier)?;
    let b = BigUint::from_bytes_be(b);
    if b == BigUint::ZERO {
        return Err(SrpError::BadB);
    }
    let signature = STANDARD.decode(signature_b64.trim()).map_err(|_| SrpError::BadProof)?;

    let b_pub = compute_b_pub(&v, &b);
    if b_pub == BigUint::ZERO {
        return Err(SrpError::BadB);
    }
    let u = BigUint::from_bytes_be(&hash_u(&a_pub, &b_pub));
    if u == BigUint::ZERO {
        return Err(SrpError::BadB);
    }
    let s = (a_pub * v.modpow(&u, &N) % &*N).modpow(&b, &N);
    let key = session_key(&u, &s);

    let mut mac = HmacSha256::new_from_slice(&key).expect("HMAC takes any key length");
    mac.update(pool_name.as_bytes());
    mac.update(user_id_for_srp.as_bytes());
    mac.update(secret_block);
    mac.update(timestamp.as_bytes());
    mac.verify_slice(&signature).map_err(|_| SrpError::BadProof)
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn digits(s: &str, min: usize, max: usize) -> Option<u32> {
    if s.len() < min || s.len() > max || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Parses `"EEE MMM d HH:mm:ss UTC yyyy"` (English names; the day with or without a leading
/// zero). The weekday must be a weekday name but is not checked against the date: it is
/// redundant, and the signature covers the string as sent anyway.
fn parse_timestamp(timestamp: &str) -> Option<DateTime<Utc>> {
    if timestamp.len() > 64 {
        return None;
    }
    let parts: Vec<&str> = timestamp.split_whitespace().collect();
    let [weekday, month, day, time, zone, year] = parts.as_slice() else {
        return None;
    };
    if !WEEKDAYS.contains(weekday) {
        return None;
    }
    let month = MONTHS.iter().position(|m| m == month)? as u32 + 1;
    let day = digits(day, 1, 2)?;
    let year = digits(year, 4, 4)? as i32;
    if *zone != "UTC" {
        return None;
    }
    let hms: Vec<&str> = time.split(':').collect();
    let [h, m, s] = hms.as_slice() else {
        return None;
    };
    let (h, m, s) = (digits(h, 2, 2)?, digits(m, 2, 2)?, digits(s, 2, 2)?);
    Some(NaiveDate::from_ymd_opt(year, month, day)?.and_hms_opt(h, m, s)?.and_utc())
}

/// Parses Cognito's `TIMESTAMP` (`Fri Nov 6 20:35:23 UTC 2026`; a zero-padded day is accepted
/// too) and checks `|now - timestamp| <= max_skew`.
pub fn check_timestamp(timestamp: &str, now: DateTime<Utc>, max_skew: TimeDelta) -> Result<(), SrpError> {
    let at = parse_timestamp(timestamp).ok_or(SrpError::BadTimestamp)?;
    if (now - at).abs() > max_skew {
        return Err(SrpError::TimestampSkew);
    }
    Ok(())
}

/// Formats a `TIMESTAMP` as the clients do: `Fri Nov 6 20:35:23 UTC 2026` (day not zero-padded).
pub fn format_timestamp(t: DateTime<Utc>) -> String {
    t.format("%a %b %-d %H:%M:%S UTC %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, TimeZone};

    /// A `PASSWORD_VERIFIER` exchange captured end to end with the independent client crate
    /// `aws-cognito-srp` 0.2.6: the client produced `srp_a`, `timestamp` and `signature`; this
    /// module produced `salt`, `verifier`, `b` and `srp_b`; `secret_block` is random. The client's
    /// secret `a` is not exposed by that crate, and the server never needs it.
    struct Vector<'a> {
        pool_id: &'a str,
        user: &'a str,
        password: &'a str,
        salt: &'a str,
        verifier: &'a str,
        srp_a: &'a str,
        b: &'a str,
        srp_b: &'a str,
        secret_block: &'a str,
        timestamp: &'a str,
        signature: &'a str,
    }

    // Produced with aws-cognito-srp 0.2.6 (client) against this module (server), B_LEN = 32.
    const VECTORS: &[Vector<'static>] = &[
        // u and S with the top bit set (2 tries; props (199, 384, 208))
        Vector {
            pool_id: "us-east-1_AbC123xyz",
            user: "alice",
            password: "Passw0rd!",
            salt: "5a31cfae496fc026dec8c9b013bdd74c",
            verifier: "5d03765aeccf910c3eb44352a6c922b5eea4eb0274aa390ed599a5460d97ede72408b3f13ad49c6b859ea7f33b37c0f48489f6f31da73bcea0e893b78053f3ac4bec32400e4dcb47a53c8f935b388b0ed63e3a8e72afc14f7ec44f072122718d3368c2600a75a6dab84d591c0c89404e11a264d6bd40c3917d2a868e0f28d99e369f006a2077269c6cc4baaf31a7b42530c54c6031872f674c33eae68a869787867ec31412208311c8afbc2a11765a6c15e27a3fbe71e9ba9aa66440fbb8f025ebc2a5f3f6ef1cbe02137240eac7454f08ace1ec7a52c6f986095132cb414429ecde8ce5c29c82ffb756461258735d1d29a2b2cdd65ab9279b1f3d63b78d8dc0ab6b9fc0884feacdfdac197c8886b310cdcf39ca6ecdbec4433f345229949d32d3761ebca1746e54be50a60b3c791717032725843377731e5404ef8ed43cb10579061596488daff702e64500bae8b36e4e2cf6cc2d5cc8eb449da222c9ee4a05aab0a207fe5a5ba02bdef46af15bb64f22987664433fd2889ac3c9c849537ec4",
            srp_a: "949ee09ef27bd0bd5beec3e25694d499e9a1dd96e3cbcde3aea5df04a36d535ad3193c806426f957553311605090f90e6bf14666ac3b46daa9868b69a1a07bf0ba9b9cba4836e7304d5e1a4adce0308263d3e8c5cab8b21d61a1af2809bef9cd17d7e70b591e9f506e4da42c84d72bffeaa75b1a14949eab0e4dfb561edd1643694a71eb39124d92fd05e1b1470ce7c3ccb2b6c9dcac161677b700ab96bfa4cefb6d22d4037c508c210af695903b8b674df90c5f3c15247715858bb04bdbb6d81bd7daf6d98fc07a9bd9d962c807f75d4c720c6768a2fb4c5e2fc289f88493b03c6ce807cb1d26b6e72f33a900dcb8d02fe309d7b585fef7026dc2c5eb95c0a1b03f90a5fa766be3487fc9cc2f2a1793be25d7633873906a9927e9be679ae40b49c3e1ff1f990a2ebef4d2610ebf63064e735ae208aff01ff7030dfdffa47d889571a9e2370d521cd184679cccd17dbf6dd4ac10e6d55224723cc0a6b4ea5b6ca71963b86101492a8ad0971719b7dee96cc3de74cdc74b8d88d755f5e5056327",
            b: "8aa96653604b3c1a4f8d775872b2bc136e2df7471f78c58d4aa7a1b23488eef6",
            srp_b: "5589346f2fd8db18c983473d70b3a6320859a72c59e11ec30ec40077f11a78f299a258d882f02afac952b30f54e625f7ac653a697b841623db413b959e2b18cfced5755351ef0e408c3b62ae9738c699faedd53dc39ea3d333ee31e0801011de4bd29a357585dba76bd83837ded90b8a42b6cb3a977622513c70433b9636da1e10b8c4b128c69179c804f857077cefe76ca94ba5bed4afb4629cd0763fd7d5bcf723cbdffd501c144e7a12adc489b5753838ea1f1091abe031ff214a344791bf9294e44934b788758d04e74e070c6364962493a06f4607cce99209a1d171693b60c93445821b6447d48a03631c23b7d5df9f30eb474b62fc444cafd276fec740089c4fc7424d0a0714a8575e89ecba99aa6c3ddd327f49d1dc4f2e9dc7d128ce32e32beab274bb19226b7a7a4fec84992c418306727a545066111c4bbec0951496a7ea4ee549de7f1d58da942c8025347e38ce6f5e25e033cbad29867bb44eb10123e9fd2db0811e3f9bcf2e4de39b618ec0e4fe149a7b5e9038eddcc8431b4d",
            secret_block: "L9g1ChdyrbVbNYd6sBC7CdfEKkjlSo70Udy20HWghqO+IWmKL5uAf9gYKEtagxvOa9prbdsxSjbIVHYNVWWvKmIiAxjp774LPj2EyIIkDrfI5Bhk8jcL",
            timestamp: "Thu Nov 26 21:42:23 UTC 2026",
            signature: "YvYdOS4VH/Oy7yn4vTTlhVRB3ORB3oaBg2f1dYFPekY=",
        },
        // u and S without the top bit (3 tries; props (32, 384, 110))
        Vector {
            pool_id: "eu-west-1_Zz9",
            user: "f47ac10b-58cc-4372-a567-0e02b2c3d479",
            password: "pässwörd 日本 🔑",
            salt: "11d91d5091eb3246baa6834e77f774dd",
            verifier: "008aaa571988042eb447c897356ba4736bde9896f71fd8ffade950994eb5fc79b133115f7b9b4976b4d31628a9671a71127b3c4e682d6248ddf405b06c06f6e190189899a4d9dbc3d7190a9c6514edca0ecb397efbcd6c335863870404a8b5462f884db0d00e6fd3ce5ee6b35dcacc80b49aced87e03e7c9e08ee87ed88a39caad10410633ccb3fa03f4c7b831fccb3de8287de435665b86fbe3977a4b045f67aaaf905bdbe09579cb285eea47127a0186a267cdef9e296b967e424c00e34968027fae639b89093f98499a90ea91016207798f822baaa9287ce1641711fa1c958747698ec72f9728c5b6dd56c44724a2926c1c58efc9fda9150022d22c873dd46a8dc4a438b7f2e04f3299493dfc9ced0194973858001b7d3c5ae58c9f5663369e99db502fef7eab6be7480f8927abdfb3916bfe6698ff6a47aad933832157dbfdfa7620b1c2eb2c43a6283555b1e6da1b01c3ad6263388e7b899a02c7d3dcd0cd670f35570ba649e50750a99976e11ca08933eca46909a8811aa1abc1e7631f89",
            srp_a: "172dfc365240a22838e26c5a72e94924a4019be7912b43ee2c58bb75474297c54eff1e4c4411ccf3c0535d48f6e88167054f5bb2648349b5233dccdc361eee5bc2d42d1fa4e9ab0b706528474ae1f9da287750db51433fdcf5af560cedbcb7e634fcacc82429dffe645c1f235d07655d7686126ea20cd9f884a12ce2720d56812e6f17aa74f92d779f35cee15ec72b3f69a093939df9ce37177f7353e68fdf745e9a4f1f0d68b4a2fed519eda330d95d548afccb6045165cb01855017473f1dd7ab30e2cf3d1f619795843a6f1f07ca2803e60f97bf1dfb36229073b3115c18b40e8ab65738881ece9044120eb34ad7f3d2ec6449db554eb48aa70170678c5e6225f8d0e8671520066f85badf6eb133d37969d7ea4ad6fa59f3d3a70b6c5900d5d8443410f26fc58366a0caac4c3d2a312684845b413597a0edcdb8811804bd00aef88b48a5463c4459c393517d689900ac446d24b0947900d8f36d42ff73fb3ac9a0e0a8c5545eaf60614d804f0374c8aaed7650883d08887ea9594d33e5d05",
            b: "ab2f3502de09d838500c9df3a8ddf47f0ff079e36831fe6f376c50ccb11defce",
            srp_b: "2b1b41f66d640fa3cea9c3441bc0915ce833cb16aaccd39a1f9c02885ea44841a4687ad610e65507ab94c896e803804240fde9b049890af638a872da560494df55620e6a973dba6df5799c031ca22f6dfc92666c41e5721bd2e4f57cc8049c96fae35c9e6060758266a67e1d0fa49f24bdcb636c8a43d32cfac5ab035f1276d6f33d410bd9fa58947f7e1c411552c1ed9798d48cb0e78d8934d0bfe1dbbd8ad374b57307ae05d260c3829f869de16fd38f916dd12107bd04b3640bb62e681821a7926cc4a913568517be7a315c036cf0129511e552d7a480003090ce0c42189e3cf1f9e2dfa7e10129e1db114f241f9201206f95289ae940b35740747d3b492fbccb7014596f8ea1d2b476c6ae6700ddbc42b4547951f51f60cc7fd02ef8275046829f9e121ef20ce05c3c4569646846ca3ce3c7fdcc872c5051aaecf40b5c801d604a397acfe1d0ce0c87ff5d0345b826010cae8c49d84e2c0f938eba432ca59a103e836097b26fbfa5933e6ec1d22d369f35652aeec65dc54d5b73effe25eb",
            secret_block: "1C472WMSZDijj+rhvgjTS3SwtTRDI4TM82Cwsh5PM3HLB2ao3kmg7sw42krVG+xF0rOMgwElGZ2+y/YeYGyj8Fl3Op62VmjZYonb9IqCh/P2XLsDd/g=",
            timestamp: "Thu Nov 26 21:42:23 UTC 2026",
            signature: "IW7wxxTZIUeXDvdw0LJnEg7sO3h0BX8M6IuEN7ZDV6k=",
        },
        // SRP_A shorter than 768 hex digits (684 tries; props (242, 384, 171))
        Vector {
            pool_id: "ap-southeast-2_q1W2e3R4t",
            user: "bob@example.com",
            password: "correct horse battery staple",
            salt: "2a1d4602734fc1fbbfbd3c5297c3e2c1",
            verifier: "259ed84b217d5417018bcdf95fcf2977674243b6cc82964fcf3800754ab10adbcd59cecebb35ea37495c71ed29c671471965422e46245a14dc402fadf7117b6a85e20886efca8648de0957dcf2c5a45c79f1d21c093d01d3bb5deecfb700fbb84e40bbd1b0cf0ca1fb8f9ce4530dca27e2c8ab3c92635b5796747dc172a5c86a32218cf2b82a974ad7e659c2ecaa1daa58fc7d0462676b324fceedbf0443d73875a7359d9df61e5aa407cc6fd3b9a489b1018abc82652fa20ea870aff57a2eb5f6a03296d5a8dbd7557e552cb9212b9e8fb14489b4a8e1ae78bf3c627df8aabbbfffb377e448ab3a2a0d195177407f52967815e0533fee0e579d8f6ff240d1d79369b78579699896eaf2270bfacf1dbd044124d83cb0c400869eada6dcff6d9143ffa82559a99d228fcf3786f5dce437dbcb727737c72204fc75653b3995ff38ae0efa8072e2d33090054adae449289f43001d4eabdfc0c2066444b93f8cc41dc990dccdd0e6dbcb59d57a3ea4fca8edc63d6ae0b28cb0c7f5a855b0d573a27a",
            srp_a: "f2cc11a6af2972555e8189dd043767e73763b77bed835bcd9b4c98fbc198d25c2bc689d1f783eab7bb04925d9399afae6d1819748b255dc64fc66e9205d4a72bd870a6efc70d2f962f6145b32efdce8f2f346b3452099b63c48a98f6128c8d9a242ccef6e0090d1abc29c15c858f66b3da8cb5ffdf3144ddf41ad1b8b1f96762f3388a2bd08ba75912adbd34889d38e85cdda48c8b2beb89eab6aab97705d2f64ea56d3f7b0477098974393e4c407c12f628e5f297e4c915f171e810c2d85f27dc3d2eaf9d6894d3d7fc4a872ea64352b32d15c91b955c57b67f1321a441bc3269875c981f9cd1bc986ded1616fb9639f494b83a2c95512839e11a2afa387a09fb43b5d349288d6b22546c6a5ab2cd551c2697f83f98a0b7889f23e44edf8c5ff1db670c17069e054f099dde6f5ae9fdca1e769682d97bcba40c95b0b92d38ddcfd6d90f9eb0ce0da8f8c501511d3999dc3feff3050b1867da5befa3be73932834c9bfb09e9bb35c57746073bef7b75e88247f7341ffd9e5e313267fd30382",
            b: "b584800478662b1c3f6e39ed3149fd69311543675b6d6bc53cc055bb2c79d875",
            srp_b: "316072d1ce0b685a15a5d676718d60832ec347fccf02497685ea48a466bb80ad9b97c0939a8b9dbcd60992023a52a0f5140c9e2c24d94f71e16731b89dc4853c8d8461b55e4259f9329a2423cb26c6e8d15092708648dafabfe81c21c7b6238177087789b9b3eaae09f9cc3c5892790866d340a50e15fcd82986246e621fc5164835718a0f2277db53e67fa9235bb215d23f74fe4f15f6788aacd48ea9fa5673e032b4b99fc3b6295f8b32f1d3b37812979429d92ad1e3ddf76f3c7c77d15019dcdb292a31a7cbf98c4b4bb435a9699722f1f525dcd07644a204dfff8a4ce50a04e5979c20cfbae15c91a2f83582da30c5dafffc2f6ce9da68161ca0cb510f0e29ca34f8ecacc373297e2c00e7f63708f2f7d818bd26a91be5195ee32b466d9ff96de6460cb192ec7c3b061819c8a2f19eff30c27185ce655e4dbd7d9797e7170237a0bb2594f98a89903dab348fb8d61d1f513f20d8e1f395fdbe4f4f4a20cfcdd142713e0b30968eaf4d5ad484a71c515d93a39fbae4ccca73ec9af854d7db",
            secret_block: "84l5PUjyqHENrQE4r/etNoLOzLayeb8hLXYJhoGK+NVBpeXTLsh3M0ZQBMeRy0Z0",
            timestamp: "Thu Nov 26 21:42:46 UTC 2026",
            signature: "2znqs99r9koKMzTW2Hss2+Edd+4w1A1q63VFqxWejjI=",
        },
        // SRP_B shorter than 768 hex digits (416 tries; props (155, 384, 174))
        Vector {
            pool_id: "us-west-2_Short",
            user: "carol",
            password: "hunter2",
            salt: "2c944ef8fcc4f7379cde4e2ed637db29",
            verifier: "00e9d47a5915f2d5a9895f6c438eb84030591a1d7630d794039f525ce28a041eb625a572eab400060998d2afa39a65c155a673e84146f072ce2947d3b8924a2bd862022e3df0f1bee51e73abcb50fe421001fc7e375dd4adcc228cac8771b0bc814e508fdbddbd1a920aa79c18ec4fe190da2e7107482f2725ce873e2c6938fe877df38630e2c06d35f94fba7bc07b93b7f2b66174dc835b362b2966d171ef21c39c1fa88d6ed959deed8199e0969334c6dcb91ea2300b3e63576291b1b281978d9bab2e6618f5a72d3ff450f9182d1d354c54fdeb882d00b9c9f95907baa7e370369e20486c27871f17a810fcee6c74ae7f1ec8d23a6726bb7c0db2823b0d0426f63fe9e69ea08e67c515427d2e4daa1df0be674fa4901683c775ea5bc7a9688df30969126094b4c2d614a173646208a2558097e10cb09609f0ba1f011215f7c62d59470d56ad7e988322be97afd27ada30510841707f0bcc47901ab04d497c14d51cb83663e05194f132cd85f2d490771792c792b33b7f7cea0cc160805e85f6",
            srp_a: "257db914967ca8671f89f87f7dde3b24e1553d7bdc9c50a9610dc859a5342dfcf8b2a63e19a616c05c7fc3dca2bf9b67cb2e1782e4a95f7d03f3a42bc93f964614d3f15fafc62077231c25670fcb7c30931ea50d03c3a405d21c2d80e766828391c597af1e53216a1c68b0527389a7bcffeaa5282c981d97e5a5a1de3ef174ef3f3e9ea7449abf7460a76e3585f12a465d2332a9ec361d78c2aa93d35507f5bb7605e3201abe39fd58c180ea2496e4a0ab2e18ced179b818376b55e3b2abe19157044dcd261440963cc72a6e84b4b90ebcec9a8fe5855ec81ff7b54c0a6cf14e77c2b037e3ba3ca2bb2271293f4a474f29122e7ee73444fa2bdc6c65444fcfa05fde0afa19232b02169ccd0bb657b3a606ae25582f307141f0d1e3a0bfc1abff37a365195342f61e60a7a09edd0e13e5325c9e3d9254ba445539feaa62547f54c13d4a62880dce5ced871e41733eba67dec2139ec48edaa2c1a0c3222b8116c6c8bffc94262fe5266a7e626241506f1a2381c50bae6a4825f0a966824c58a491",
            b: "80debc1312b0bab8fd2bbf33a76fa420c68fb3da5d142effd314819ce79748c0",
            srp_b: "1c9a66a92ba044b1631bc52e1248cfcccfbe56a693a54fc977fcc6d0ca2d463d1cb365b481c13a356085e92fee41da868a9d2c24351d34c1a302f8a859eca54a88223837a1c24510270208ffb5d0b8fc383f274e5f262bfb0dd8573b60f193c71b23761d48c25ae95b6939e5f03334d4cf344458323916e051f159a6a87a2c044e40f8ecd7d1023ed9b7197d91d093e3b01b908e549b98218d20786f9f274814febcc13e7f2faf63686462299f88244d25c779cbb23c2c30f08173c4a01533cac066d95aeed23a6a0c0eb6eb30021b6fa50fb010ed8edfe47b95bce9d8a2e5cb19c00eefca30e962986c3e653892cc9fd2c733454245ab0b557aeead22a9b8d36eb11f7f3c7770728e3fd659bdebe0bac5cc88ba63c46ddbbf253c549a456623b7f0cb65dbefb15af9bb5c57a88c08a6e93bd4c773fc53f471c208bab1741cacf12ee38a217404b2c545982d6d075c604c4dedc4cfce4c12eba1184034e9a85e90cd0244024548542495c9e5c05ecfaf139a80a43b0e827bc6d9ae91dfcf52",
            secret_block: "NDUFN6utccD0DdRVxDI485lZPXxEVLZNWa2kotPKHt0q27cC4m0tNYj14jc5kMgqwZzFkAXk2cfMIrOEy53Ngtc8l9I=",
            timestamp: "Thu Nov 26 21:42:59 UTC 2026",
            signature: "qtolza9ABKMtJMYblkIm8n3hO/9Tu2rcbrNhZuYFuVE=",
        },
        // S shorter than 384 bytes, empty password (129 tries; props (31, 383, 100))
        Vector {
            pool_id: "eu-central-1_EmptyPw",
            user: "dave",
            password: "",
            salt: "699c1a9cfd5cd8f08f520f6c19b928d4",
            verifier: "1b481494bd547f6a1f17ae2a4500631d6e63e3c579775639d82c2e4a2615e63bd5098dc028b976e0238261d0116266c0a0f393fa43d7acf38be9dd993a4c8bd551f3bfe36d15b18be70b29bee43dd151a958eb489dda802a3a44ca5063eb24fb0d7bc628b989ed96b66a63453c9920d42c6aea447cf79534172539829c2227c1cfbfd4005f65da97da21a08e13e328455a5ce1d607dcac84e4c0e59be46cd9a666b6e12995aaca0fc6e6b607e51db5d9382f3c3d68bc8d7a821ce458c8045463f644e8a1dc424860a52321f9513630ea675e11b60189f3050f7d0bcaada0a30952ef72fffb87fbf72421e4e11896f03679e6360250951f4b5fa4c46451715cccee26ad2ae5449bf82ea64cc5371a13c904b605ae800c2eac039171b496b849b9151b2b136daa2ef29aa67b2bc095503a826797acf9ca5e9ed1767a8979e3b923339e85b1e8af850ec5ee602d602da85cbf7d4bccd81face937f47d05426df4499857abe04f301f3574ed567d2f7d9488270c2e86d10d808ff1186573b4ff44bd",
            srp_a: "703aac543a9ca93f0c1addca23f7d1c7eb0f48f054a0020734971653817f1e81b3500191ebf77f2aaa98ed95b53556872b953b88a3d1c8ca7884d3a218dcbddb6554d6d35136b07d4932284dba0226bb729c7025bae8763dae786b379f8518fa7fb4643f11ee12f9ffad9b81e11baf5d65d50c0e9e77fb7c304442ab3b33d5276b1a3c4e5d1c1df0795ca9f1d475fd4b4e310bfbb51e2953ba41e576ddcd8ef096f5142e7802fcce7579b9e3612f55d3ca2842a6f98b9131a16e5df1c9f1d56d8932cdfcfc97f1ff4d3a2017d1bcf56f7ad95044775f95d0d095d841e1accf6264f06f53729db0b8f69edcb236b3e168b13485f4ea36751c43903f3835d1fe055e807caaeb97a4aa9a02808e1f22eb21a35bbfc1c9cac17356df1e91236dbe8847e84228a5d9c6851831f34fd2acf0c7f4cae65af013d2c606acead6a2e3e9096e858c393f0334e78aba3e82145016998dde25caf68c0a4256020a50a48e6840d17f9eaa9aec1efea218e87948a71e516e1cc1988053987fc4ab4d26ae38d12b",
            b: "879fd556c7c7cce5f45735cf095d6c3e7d6b27bd69a9873b64ea11aff2e236c5",
            srp_b: "25d266e2e885df3fb0e59d44ffba85d8d370769f02cfdca6e29beaa1c2c24815d5e0091d694e6460652edda7197e64381b399a2f20d8230cc0d707a97dba24d379c8d8e90409ceab1badbbcf81ad41a5824bac12c6da81cde2447cab46a159dc0ea9bd523174f624d357329c4ecc929ec2aaaa24a479137b4af6a393561df0845e20db5e1daeeb693abf151ad09c1ff9882a907ece3172dd2921e55bdabf9c3dee4d103247092abaf162250a923d6e13dbabb87706dbf35ab550f27dc30c7a1512da300fd6d77d1660b1d74ae7525950135a242a583d0ded07d939bbf849b68ad7f0f23de6e0b9bf9da991e03e72ebdeaf5595dcea6452520d9e69d71e45b2d399f74131299bc63d6deaf2598bd3faabc1a04830d9b417417576bd4eb449c6c0847ae501030c50edd6c6884ea097fa5a6b669a6af286685890b05ebc598aff29024d24194fdea5ceb07b3e1fcf9ea2893ce226160f30bf0dac2e37c36e877ab58246bdd44aa10fa29082ecf05f752efe6038d58ae5aaa1737bfe891cd9b9992f",
            secret_block: "/KvupKG+a3q+i3H7t5cbSc7/rEJ0/WbJe4qkOIbpc3sPiRQmFEKeqTpkPSJ9A6i2GpjM",
            timestamp: "Thu Nov 26 21:43:03 UTC 2026",
            signature: "X9yoLwFcVaB4JcyDn+PQl4w6pXYSN8m1nxsyutksyZs=",
        },
    ];

    fn verify(v: &Vector<'_>) -> Result<(), SrpError> {
        verify_claim(
            pool_name(v.pool_id),
            v.user,
            v.srp_a,
            &hex::decode(v.b).unwrap(),
            &hex::decode(v.verifier).unwrap(),
            &STANDARD.decode(v.secret_block).unwrap(),
            v.timestamp,
            v.signature,
        )
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
    }

    #[test]
    fn pad_adds_a_zero_byte_only_when_the_top_bit_is_set() {
        assert_eq!(pad(&BigUint::ZERO), vec![0x00]);
        assert_eq!(pad(&BigUint::from(0x7fu32)), vec![0x7f]);
        assert_eq!(pad(&BigUint::from(0x80u32)), vec![0x00, 0x80]);
        assert_eq!(pad(&BigUint::from(0xffu32)), vec![0x00, 0xff]);
        assert_eq!(pad(&BigUint::from(0x0100u32)), vec![0x01, 0x00]);
        assert_eq!(pad(&BigUint::from(0x8000_0000u32)), vec![0x00, 0x80, 0x00, 0x00, 0x00]);
        let n = pad(&N);
        assert_eq!((n.len(), n[0], n[1]), (385, 0x00, 0xff));
    }

    #[test]
    fn n_is_the_3072_bit_modp_prime() {
        assert_eq!(N.bits(), 3072);
        assert_eq!(N_HEX.len(), 768);
        // The group's order q = (N - 1) / 2 is prime, so 2 generates q's subgroup: 2^q = 1.
        let q: BigUint = (&*N - 1u32) >> 1;
        assert_eq!(G.modpow(&q, &N), BigUint::from(1u32));
    }

    #[test]
    fn k_is_hash_of_padded_n_and_g() {
        let bytes = hex::decode(format!("00{N_HEX}02")).unwrap();
        assert_eq!(bytes.len(), 1 + 384 + 1);
        assert_eq!(K.to_bytes_be(), Sha256::digest(&bytes).to_vec());
        // The value all Cognito clients use (e.g. pycognito, Amplify).
        assert_eq!(
            hex::encode(K.to_bytes_be()),
            "538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6"
        );
    }

    #[test]
    fn pool_name_is_the_part_after_the_underscore() {
        assert_eq!(pool_name("us-east-1_AbC123"), "AbC123");
        assert_eq!(pool_name("eu-west-1_x"), "x");
        assert_eq!(pool_name("a_b_c"), "b");
        assert_eq!(pool_name("nounderscore"), "nounderscore");
    }

    #[test]
    fn make_verifier_draws_a_positive_salt_and_computes_g_to_the_x() {
        for _ in 0..50 {
            let v = make_verifier("AbC123", "alice", "pw");
            assert_eq!(v.salt.len(), SALT_LEN);
            assert!((0x01..=0x7f).contains(&v.salt[0]), "salt {:02x?}", v.salt);
            let x = compute_x("AbC123", "alice", "pw", &v.salt);
            assert_eq!(v.verifier, pad(&G.modpow(&x, &N)));
        }
        let one = make_verifier("AbC123", "alice", "pw");
        let two = make_verifier("AbC123", "alice", "pw");
        assert_ne!(one.salt, two.salt);
        assert_ne!(one.verifier, two.verifier);
    }

    #[test]
    fn server_challenge_shape() {
        let vec = &VECTORS[0];
        let verifier = hex::decode(vec.verifier).unwrap();
        let a_pub = parse_a(vec.srp_a).unwrap();
        for _ in 0..20 {
            let ch = server_challenge(vec.srp_a, &verifier).unwrap();
            assert_eq!(ch.b.len(), B_LEN);
            assert_eq!(ch.srp_b_hex.len() % 2, 0);
            assert!(ch.srp_b_hex.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c)));
            let b_pub = BigUint::parse_bytes(ch.srp_b_hex.as_bytes(), 16).unwrap();
            assert!(b_pub < *N && b_pub != BigUint::ZERO);
            assert_eq!(
                b_pub,
                compute_b_pub(&BigUint::from_bytes_be(&verifier), &BigUint::from_bytes_be(&ch.b))
            );
            assert_ne!(hash_u(&a_pub, &b_pub)[0], 0);
        }
    }

    #[test]
    fn a_that_is_zero_mod_n_or_malformed_is_rejected() {
        let verifier = hex::decode(VECTORS[0].verifier).unwrap();
        let two_n = format!("{:x}", &*N * 2u32);
        let too_long = format!("{}1", "0".repeat(MAX_A_HEX_LEN));
        for bad in [
            "",
            "0",
            "00",
            "0000",
            N_HEX,
            &N_HEX.to_lowercase(),
            &two_n,
            "xyz",
            "-1",
            "0x1f",
            " 1f",
            &too_long,
        ] {
            assert_eq!(server_challenge(bad, &verifier), Err(SrpError::BadA), "{bad:?}");
            let v = &VECTORS[0];
            let r = verify_claim("p", "u", bad, &[1; 32], &verifier, b"", v.timestamp, v.signature);
            assert_eq!(r, Err(SrpError::BadA), "{bad:?}");
        }
        // Odd length and leading zeros are fine: A is read as an integer.
        assert!(server_challenge("1", &verifier).is_ok());
        assert!(server_challenge(&format!("000{}", VECTORS[0].srp_a), &verifier).is_ok());
    }

    #[test]
    fn bad_verifier_and_b_are_rejected() {
        let v = &VECTORS[0];
        let n = N.to_bytes_be();
        for bad in [&[][..], &[0u8; 4][..], &n[..]] {
            assert_eq!(server_challenge(v.srp_a, bad), Err(SrpError::BadVerifier));
        }
        let verifier = hex::decode(v.verifier).unwrap();
        for bad_b in [&[][..], &[0u8; 32][..]] {
            let r = verify_claim("p", "u", v.srp_a, bad_b, &verifier, b"", v.timestamp, v.signature);
            assert_eq!(r, Err(SrpError::BadB));
        }
    }

    #[test]
    fn b_is_redrawn_while_u_starts_with_a_zero_byte() {
        let vec = &VECTORS[0];
        let a_pub = parse_a(vec.srp_a).unwrap();
        let v = BigUint::from_bytes_be(&hex::decode(vec.verifier).unwrap());
        // Found by search: with this A and v, this b gives u = 0x00...
        let bad = hex::decode("122256c273fcf60e77f13560864727bedd1b818c8c0bea96012415596cea2856").unwrap();
        let bad_u = hash_u(&a_pub, &compute_b_pub(&v, &BigUint::from_bytes_be(&bad)));
        assert_eq!(bad_u[0], 0);
        // ... so pad(u) is shorter than the 32-byte hash the old identity-js feeds HKDF.
        assert!(pad(&BigUint::from_bytes_be(&bad_u)).len() < 32);

        let good = hex::decode(vec.b).unwrap();
        let mut draws = vec![good.clone(), vec![0u8; 32], bad.clone()];
        let ch = challenge_with(&a_pub, &v, || draws.pop().unwrap());
        assert!(draws.is_empty(), "the bad b and the zero b were both skipped");
        assert_eq!(ch.b, good);
        assert_eq!(ch.srp_b_hex, vec.srp_b);
    }

    #[test]
    fn vectors_from_aws_cognito_srp_verify() {
        for v in VECTORS {
            let salt = hex::decode(v.salt).unwrap();
            let made = verifier_with_salt(pool_name(v.pool_id), v.user, v.password, salt);
            assert_eq!(hex::encode(&made.verifier), v.verifier, "{}", v.pool_id);
            let b_pub = compute_b_pub(
                &BigUint::from_bytes_be(&made.verifier),
                &BigUint::from_bytes_be(&hex::decode(v.b).unwrap()),
            );
            assert_eq!(hex::encode(b_pub.to_bytes_be()), v.srp_b, "{}", v.pool_id);
            assert_eq!(verify(v), Ok(()), "{}", v.pool_id);
            assert_eq!(parse_timestamp(v.timestamp).map(format_timestamp).as_deref(), Some(v.timestamp));
        }
    }

    #[test]
    fn vectors_reject_any_change() {
        for v in VECTORS {
            let sig = STANDARD.decode(v.signature).unwrap();
            let mut flipped = sig.clone();
            flipped[31] ^= 1;
            let flipped = STANDARD.encode(flipped);
            let truncated = STANDARD.encode(&sig[..16]);
            let other_b = hex::encode([0x42u8; 32]);
            let wrong_password = verifier_with_salt(
                pool_name(v.pool_id),
                v.user,
                &format!("{}x", v.password),
                hex::decode(v.salt).unwrap(),
            );
            let wrong_password = hex::encode(wrong_password.verifier);
            let other_a = format!("{:x}", BigUint::parse_bytes(v.srp_a.as_bytes(), 16).unwrap() + 1u32);
            let cases = [
                Vector { signature: &flipped, ..*v },
                Vector { signature: &truncated, ..*v },
                Vector { signature: "not base64!", ..*v },
                Vector { signature: "", ..*v },
                Vector { user: "mallory", ..*v },
                Vector { pool_id: "us-east-1_Other", ..*v },
                Vector { timestamp: "Thu Jan 1 00:00:00 UTC 1970", ..*v },
                Vector { secret_block: "AAAA", ..*v },
                Vector { b: &other_b, ..*v },
                Vector { verifier: &wrong_password, ..*v },
                Vector { srp_a: &other_a, ..*v },
            ];
            for (i, case) in cases.iter().enumerate() {
                assert_eq!(verify(case), Err(SrpError::BadProof), "{} case {i}", v.pool_id);
            }
        }
    }

    /// A client written from the same description (not independent: the vectors above are the
    /// independent check), to run fresh logins and the wrong-password case without extra deps.
    #[allow(clippy::too_many_arguments)]
    fn client_signature(
        pool_id: &str,
        user: &str,
        password: &str,
        salt: &[u8],
        a: &BigUint,
        srp_b_hex: &str,
        secret_block: &[u8],
        timestamp: &str,
    ) -> String {
        let pool = pool_name(pool_id);
        let a_pub = G.modpow(a, &N);
        let b_pub = BigUint::parse_bytes(srp_b_hex.as_bytes(), 16).unwrap();
        let u = BigUint::from_bytes_be(&hash_u(&a_pub, &b_pub));
        let x = compute_x(pool, user, password, salt);
        let base = (&b_pub + &*N * &*K - (&*K * G.modpow(&x, &N)) % &*N) % &*N;
        let s = base.modpow(&(a + &u * &x), &N);
        let mut mac = HmacSha256::new_from_slice(&session_key(&u, &s)).unwrap();
        mac.update(pool.as_bytes());
        mac.update(user.as_bytes());
        mac.update(secret_block);
        mac.update(timestamp.as_bytes());
        STANDARD.encode(mac.finalize().into_bytes())
    }

    #[test]
    fn fresh_logins_pass_and_a_wrong_password_fails() {
        let mut rng = rand::rng();
        for i in 0..8 {
            let (pool_id, user, password) =
                ("us-east-1_Fresh1", format!("user{i}"), format!("pä55 wörd {i}"));
            let stored = make_verifier(pool_name(pool_id), &user, &password);
            let mut a_bytes = [0u8; 128];
            rng.fill_bytes(&mut a_bytes);
            let a = BigUint::from_bytes_be(&a_bytes);
            let a_hex = format!("{:x}", G.modpow(&a, &N));
            let ch = server_challenge(&a_hex, &stored.verifier).unwrap();
            let block = format!("sealed-{i}").into_bytes();
            let now = Utc::now();
            let ts = format_timestamp(now);
            assert_eq!(check_timestamp(&ts, now, TimeDelta::minutes(5)), Ok(()));
            for (guess, expected) in
                [(password.clone(), Ok(())), (format!("{password}!"), Err(SrpError::BadProof))]
            {
                let sig =
                    client_signature(pool_id, &user, &guess, &stored.salt, &a, &ch.srp_b_hex, &block, &ts);
                let r = verify_claim(
                    pool_name(pool_id),
                    &user,
                    &a_hex,
                    &ch.b,
                    &stored.verifier,
                    &block,
                    &ts,
                    &sig,
                );
                assert_eq!(r, expected, "login {i} with {guess:?}");
            }
        }
    }

    #[test]
    fn timestamp_format_does_not_pad_the_day() {
        assert_eq!(format_timestamp(utc(2026, 11, 6, 20, 35, 23)), "Fri Nov 6 20:35:23 UTC 2026");
        assert_eq!(format_timestamp(utc(2026, 11, 26, 0, 0, 0)), "Thu Nov 26 00:00:00 UTC 2026");
        assert_eq!(format_timestamp(utc(1970, 1, 1, 0, 0, 0)), "Thu Jan 1 00:00:00 UTC 1970");
        assert_eq!(format_timestamp(utc(2025, 2, 10, 18, 30, 12)), "Mon Feb 10 18:30:12 UTC 2025");
    }

    #[test]
    fn timestamp_parses_with_and_without_a_padded_day() {
        let at = utc(2026, 11, 6, 20, 35, 23);
        assert_eq!(parse_timestamp("Fri Nov 6 20:35:23 UTC 2026"), Some(at));
        assert_eq!(parse_timestamp("Fri Nov 06 20:35:23 UTC 2026"), Some(at));
        assert_eq!(parse_timestamp("Fri Nov  6 20:35:23 UTC 2026"), Some(at));
        // The weekday is not checked against the date.
        assert_eq!(parse_timestamp("Thu Nov 6 20:35:23 UTC 2026"), Some(at));
        // Every day of a leap year round-trips.
        let mut t = utc(2028, 1, 1, 23, 59, 59);
        while t.year() == 2028 {
            assert_eq!(parse_timestamp(&format_timestamp(t)), Some(t));
            t += TimeDelta::days(1);
        }
    }

    #[test]
    fn malformed_timestamps_are_rejected() {
        let now = utc(2026, 11, 6, 20, 35, 23);
        for bad in [
            "",
            "Xyz Nov 6 20:35:23 UTC 2026",   // not a weekday
            "Fri Nov 6 20:35:23 GMT 2026",   // not UTC
            "Fri Nov 6 20:35:23 2026",       // no zone
            "Fri Nov 6 20:35:23 UTC 2026 x", // extra field
            "thu nov 6 20:35:23 UTC 2026",   // names are capitalised
            "Fri November 6 20:35:23 UTC 2026",
            "Fri Nov 006 20:35:23 UTC 2026",
            "Fri Nov 6 20:35 UTC 2026",
            "Fri Nov 6 20:35:23:00 UTC 2026",
            "Fri Nov 6 2:35:23 UTC 2026",
            "Fri Nov 6 24:00:00 UTC 2026",
            "Fri Nov 6 20:60:00 UTC 2026",
            "Mon Feb 30 20:35:23 UTC 2026",
            "Fri Nov 6 20:35:23 UTC 26",
            "Fri Nov +6 20:35:23 UTC 2026",
            "2026-11-06T20:35:23Z",
        ] {
            assert_eq!(
                check_timestamp(bad, now, TimeDelta::days(10_000)),
                Err(SrpError::BadTimestamp),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn timestamp_skew_is_bounded_both_ways() {
        let ts = "Fri Nov 6 20:35:23 UTC 2026";
        let at = utc(2026, 11, 6, 20, 35, 23);
        let skew = TimeDelta::minutes(5);
        assert_eq!(check_timestamp(ts, at, skew), Ok(()));
        assert_eq!(check_timestamp(ts, at + skew, skew), Ok(()));
        assert_eq!(check_timestamp(ts, at - skew, skew), Ok(()));
        assert_eq!(
            check_timestamp(ts, at + skew + TimeDelta::seconds(1), skew),
            Err(SrpError::TimestampSkew)
        );
        assert_eq!(
            check_timestamp(ts, at - skew - TimeDelta::seconds(1), skew),
            Err(SrpError::TimestampSkew)
        );
    }

    #[test]
    fn secrets_stay_out_of_debug_output() {
        let v = make_verifier("p", "u", "pw");
        assert_eq!(format!("{v:?}"), "Verifier(..)");
        let ch = server_challenge(VECTORS[0].srp_a, &v.verifier).unwrap();
        assert!(!format!("{ch:?}").contains(&hex::encode(&ch.b)));
    }
}
