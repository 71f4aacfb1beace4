//! How fast this machine does the expensive steps of a sign-in, with nothing else running:
//! argon2id verification (OWASP and fast presets, as incognito configures them), RS256
//! signing with a 2048-bit key (two per sign-in or refresh: ID + access token), and the SRP
//! arithmetic of a USER_SRP_AUTH sign-in, server side (src/crypto/srp.rs) and client side
//! (what aws-cognito-srp, the load generator of bench/srp.sh, computes).

use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use base64::Engine;
use num_bigint::BigUint;

const WINDOW: Duration = Duration::from_secs(5);

/// Runs `work` on every core for WINDOW and returns operations per second.
fn per_second(work: impl Fn() + Sync) -> f64 {
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    let start = Instant::now();
    let total: u64 = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut n = 0u64;
                    while start.elapsed() < WINDOW {
                        work();
                        n += 1;
                    }
                    n
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("thread")).sum()
    });
    total as f64 / start.elapsed().as_secs_f64()
}

fn argon2(m_kib: u32, t: u32) -> f64 {
    let params = Params::new(m_kib, t, 1, None).expect("parameters");
    let hasher = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let salt = SaltString::encode_b64(b"benchmark-salt16").expect("salt");
    let hash = hasher.hash_password(b"Bench-Pass-123", &salt).expect("hash").to_string();
    let parsed = PasswordHash::new(&hash).expect("parse");
    per_second(|| Argon2::default().verify_password(b"Bench-Pass-123", &parsed).expect("verifies"))
}

/// RS256 the way incognito signs: a parsed aws-lc-rs key pair, PKCS#1 v1.5 with SHA-256
/// over a typical header.payload.
fn rs256() -> f64 {
    let pair = KeyPair::generate(KeySize::Rsa2048).expect("keygen");
    let der = pair.as_der().expect("der");
    let signer = KeyPair::from_pkcs8(der.as_ref()).expect("parse");
    let message = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode([7u8; 700]);
    per_second(|| {
        let mut signature = vec![0u8; signer.public_modulus_len()];
        signer
            .sign(
                &aws_lc_rs::signature::RSA_PKCS1_SHA256,
                &aws_lc_rs::rand::SystemRandom::new(),
                message.as_bytes(),
                &mut signature,
            )
            .expect("sign");
    })
}

/// RFC 3526's 3072-bit MODP prime, the group of Cognito's SRP (as in src/crypto/srp.rs).
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

fn random(bytes: usize) -> BigUint {
    let mut buf = vec![0u8; bytes];
    aws_lc_rs::rand::fill(&mut buf).expect("random");
    BigUint::from_bytes_be(&buf)
}

fn sha256(parts: &[&[u8]]) -> BigUint {
    let mut ctx = aws_lc_rs::digest::Context::new(&aws_lc_rs::digest::SHA256);
    parts.iter().for_each(|p| ctx.update(p));
    BigUint::from_bytes_be(ctx.finish().as_ref())
}

struct Group {
    n: BigUint,
    g: BigUint,
    k: BigUint,
}

fn group() -> Group {
    let n = BigUint::parse_bytes(N_HEX.as_bytes(), 16).expect("N");
    let g = BigUint::from(2u32);
    let k = sha256(&[&[0], &n.to_bytes_be(), &[2]]);
    Group { n, g, k }
}

/// The server's arithmetic for one SRP sign-in, as src/crypto/srp.rs does it with num-bigint:
/// at InitiateAuth `B = (k·v + g^b) mod N` with a fresh 256-bit `b`; at RespondToAuthChallenge
/// `B` again, `u = H(A ‖ B)`, `S = (A · v^u)^b mod N`. Four modpows mod 3072 bits, 256-bit
/// exponents.
fn srp_server() -> f64 {
    let Group { n, g, k } = group();
    let v = g.modpow(&random(32), &n);
    let a_pub = g.modpow(&random(128), &n);
    per_second(|| {
        let b = random(32);
        // InitiateAuth.
        let b_pub = (&k * &v + g.modpow(&b, &n)) % &n;
        std::hint::black_box(&b_pub);
        // RespondToAuthChallenge (verify_claim).
        let b_pub = (&k * &v + g.modpow(&b, &n)) % &n;
        let u = sha256(&[&a_pub.to_bytes_be(), &b_pub.to_bytes_be()]);
        let s = (&a_pub * v.modpow(&u, &n) % &n).modpow(&b, &n);
        std::hint::black_box(s);
    })
}

/// The client's arithmetic for one SRP sign-in, as the protocol needs it (all clients draw a
/// 1024-bit `a`): `A = g^a`, `g^x`, and `S = (B − k·g^x)^(a + u·x) mod N`: two modpows with a
/// ~1024-bit exponent and one with a 256-bit one. aws-cognito-srp, bench/srp.sh's load
/// generator, computes `A` a second time when answering, so it pays one modpow more.
fn srp_client() -> f64 {
    let Group { n, g, k } = group();
    let b_pub = g.modpow(&random(32), &n);
    per_second(|| {
        let a = random(128);
        let a_pub = g.modpow(&a, &n);
        let u = sha256(&[&a_pub.to_bytes_be(), &b_pub.to_bytes_be()]);
        let x = random(32);
        let kgx = &k * g.modpow(&x, &n) % &n;
        let base = (&b_pub + &n - kgx) % &n;
        std::hint::black_box(base.modpow(&(a + u * x), &n));
    })
}

fn main() {
    println!("argon2id verify (owasp 19 MiB t=2)   rps={:.0}", argon2(19 * 1024, 2));
    println!("argon2id verify (fast 64 KiB t=1)    rps={:.0}", argon2(64, 1));
    println!("RS256 sign (RSA-2048)                rps={:.0}", rs256());
    println!("SRP server math, per sign-in         rps={:.0}", srp_server());
    println!("SRP client math, per sign-in         rps={:.0}", srp_client());
}
