//! Signing keys: one RSA-2048 key pair per user pool, generated at pool creation, stored
//! sealed under the master key, served as a JWKS. Parsed keys are cached per pool so a
//! token is signed or verified without touching the database or re-parsing a key; the
//! cache expires after [`CACHE_TTL_MS`] so a rotation made by another node is seen.
//! Owns its store contract ([`store::KeyStore`]); knows nothing of what the keys sign.

pub mod store;

use std::sync::Arc;

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::RSA_PKCS1_SHA256;
use aws_lc_rs::signature::{ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256, RsaPublicKeyComponents};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use jsonwebtoken::jwk::{AlgorithmParameters, Jwk, KeyAlgorithm, PublicKeyUse};
use jsonwebtoken::{Algorithm, EncodingKey};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::cache::TtlCache;
use crate::clock::Clock;
use crate::crypto::seal::Sealer;
use crate::error::StorageError;
pub use store::{KeyStore, SigningKeyRow};

const SEAL_PURPOSE: &str = "signing-key";
/// How long parsed keys are trusted before the database is asked again.
pub const CACHE_TTL_MS: i64 = 60_000;
/// An unknown `kid` reloads an owner's keys at most this often.
pub const KEY_RELOAD_EVERY_MS: i64 = 10_000;
/// Retired keys stay in the JWKS this long: the longest an access or ID token can live.
pub const RETIRED_KEY_GRACE_MS: i64 = 24 * 3600 * 1000;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("key generation failed")]
    Generate,
    #[error("stored key is unusable: {0}")]
    Corrupt(String),
    #[error("user pool has no signing key")]
    Missing,
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// One parsed key pair. The private key is held parsed (aws-lc-rs `KeyPair`): parsing and
/// validating an RSA key costs about as much as a signature, so signing through
/// jsonwebtoken's `EncodingKey` (which re-parses the DER on every `encode`) halved
/// throughput.
pub struct PoolKey {
    pub kid: String,
    pub created_at: i64,
    pub retired_at: Option<i64>,
    signer: KeyPair,
    /// `base64url({"kid":…,"alg":"RS256"})`, the same for every token.
    header_b64: String,
    /// The public key parsed once: building it from `n`/`e` per token (what
    /// `jsonwebtoken::DecodingKey` does) costs about as much as the verification itself.
    verifier: ParsedPublicKey,
    pub jwk: Jwk,
}

impl std::fmt::Debug for PoolKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PoolKey").field("kid", &self.kid).finish_non_exhaustive()
    }
}

impl PoolKey {
    fn parse(row: &SigningKeyRow, sealer: &Sealer) -> Result<Self, KeyError> {
        let corrupt = |e: &dyn std::fmt::Display| KeyError::Corrupt(e.to_string());
        let der = sealer.open(SEAL_PURPOSE, &row.private_key_sealed).map_err(|e| corrupt(&e))?;
        let signer = KeyPair::from_pkcs8(&der).map_err(|e| corrupt(&e))?;
        let jwk: Jwk = serde_json::from_str(&row.public_jwk).map_err(|e| corrupt(&e))?;
        let verifier = parse_public_key(&jwk).ok_or_else(|| KeyError::Corrupt("not an RSA key".into()))?;
        // Cognito's header: kid first, then alg, no typ.
        let header = format!(r#"{{"kid":{},"alg":"RS256"}}"#, serde_json::Value::String(row.kid.clone()));
        Ok(Self {
            kid: row.kid.clone(),
            created_at: row.created_at,
            retired_at: row.retired_at,
            signer,
            header_b64: URL_SAFE_NO_PAD.encode(header),
            verifier,
            jwk,
        })
    }

    /// Checks the RS256 signature of `token` with this key and returns its claims.
    pub fn verify(&self, token: &str) -> Result<Map<String, Value>, JwtError> {
        let (signing_input, signature) = token.rsplit_once('.').ok_or(JwtError::Malformed)?;
        let (_, payload) = signing_input.split_once('.').ok_or(JwtError::Malformed)?;
        let signature = URL_SAFE_NO_PAD.decode(signature).map_err(|_| JwtError::BadSignature)?;
        self.verifier.verify_sig(signing_input.as_bytes(), &signature).map_err(|_| JwtError::BadSignature)?;
        let payload = URL_SAFE_NO_PAD.decode(payload).map_err(|_| JwtError::BadPayload)?;
        serde_json::from_slice(&payload).map_err(|_| JwtError::BadPayload)
    }

    /// Signs `claims` as an RS256 JWT with this key's `kid`, shaped like Cognito's (no `typ`).
    pub fn sign<T: Serialize>(&self, claims: &T) -> Result<String, KeyError> {
        let payload = serde_json::to_vec(claims).map_err(|e| KeyError::Corrupt(e.to_string()))?;
        let mut token = format!("{}.{}", self.header_b64, URL_SAFE_NO_PAD.encode(payload));
        let mut signature = vec![0u8; self.signer.public_modulus_len()];
        self.signer
            .sign(&RSA_PKCS1_SHA256, &SystemRandom::new(), token.as_bytes(), &mut signature)
            .map_err(|_| KeyError::Corrupt("RSA signing failed".into()))?;
        token.push('.');
        token.push_str(&URL_SAFE_NO_PAD.encode(signature));
        Ok(token)
    }
}

fn parse_public_key(jwk: &Jwk) -> Option<ParsedPublicKey> {
    let AlgorithmParameters::RSA(rsa) = &jwk.algorithm else { return None };
    let n = URL_SAFE_NO_PAD.decode(&rsa.n).ok()?;
    let e = URL_SAFE_NO_PAD.decode(&rsa.e).ok()?;
    RsaPublicKeyComponents { n: n.as_slice(), e: e.as_slice() }
        .to_parsed_public_key(&RSA_PKCS1_2048_8192_SHA256)
        .ok()
}

/// Why a JWT was refused before any of its claims was judged. `Display` is a reason a
/// developer can act on (the gateway shows it); each API words its own refusal.
#[derive(Debug, thiserror::Error)]
pub enum JwtError {
    #[error("the token is not a JWT")]
    Malformed,
    /// `alg` is not RS256 (`none` and HS256 included): refused before any key is touched.
    #[error("the token is not signed with RS256")]
    NotRs256,
    #[error("the token header has no kid")]
    NoKid,
    #[error("the token was not signed by a key of {0} (unknown kid)")]
    UnknownKid(String),
    #[error("the token's signature does not verify")]
    BadSignature,
    #[error("the token's payload is not a JSON object")]
    BadPayload,
    /// The owner's keys could not be loaded: not the token's fault.
    #[error(transparent)]
    Keys(#[from] KeyError),
}

impl JwtError {
    pub fn is_internal(&self) -> bool {
        matches!(self, Self::Keys(_))
    }
}

/// The `kid` of an RS256 JWT, from its header (nothing is verified yet).
pub fn rs256_kid(token: &str) -> Result<String, JwtError> {
    let header = jsonwebtoken::decode_header(token).map_err(|_| JwtError::Malformed)?;
    if header.alg != Algorithm::RS256 {
        return Err(JwtError::NotRs256);
    }
    header.kid.ok_or(JwtError::NoKid)
}

/// The keys of one pool: the active one signs, all unexpired ones verify.
#[derive(Debug)]
pub struct PoolKeys {
    pub keys: Vec<PoolKey>,
}

impl PoolKeys {
    /// The newest key that is not retired.
    pub fn active(&self) -> Option<&PoolKey> {
        self.keys.iter().find(|k| k.retired_at.is_none())
    }

    pub fn by_kid(&self, kid: &str) -> Option<&PoolKey> {
        self.keys.iter().find(|k| k.kid == kid)
    }

    /// Checks `token`'s header (RS256 with a `kid` of these keys) and signature, and returns
    /// its claims unjudged: issuer, `token_use`, times and audience are the caller's.
    pub fn verify(&self, owner: &str, token: &str) -> Result<Map<String, Value>, JwtError> {
        let kid = rs256_kid(token)?;
        let key = self.by_kid(&kid).ok_or_else(|| JwtError::UnknownKid(owner.to_string()))?;
        key.verify(token)
    }

    /// What `jwks.json` lists: the active key and keys retired within the grace period.
    pub fn published(&self, now_ms: i64) -> impl Iterator<Item = &PoolKey> {
        self.keys.iter().filter(move |k| k.retired_at.is_none_or(|at| now_ms - at < RETIRED_KEY_GRACE_MS))
    }
}

fn pem(der: &[u8]) -> String {
    let body = STANDARD.encode(der);
    let mut out = String::from("-----BEGIN PRIVATE KEY-----\n");
    for chunk in body.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out.push_str("-----END PRIVATE KEY-----\n");
    out
}

/// Parsed keys per owner, loaded on first use and refreshed after [`CACHE_TTL_MS`].
pub struct KeyCache {
    store: Arc<dyn KeyStore>,
    sealer: Arc<Sealer>,
    clock: Arc<dyn Clock>,
    pools: TtlCache<String, PoolKeys>,
    /// When an unknown `kid` last made an owner's keys reload.
    reloads: TtlCache<String, ()>,
}

impl std::fmt::Debug for KeyCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyCache").finish_non_exhaustive()
    }
}

impl KeyCache {
    pub fn new(store: Arc<dyn KeyStore>, sealer: Arc<Sealer>, clock: Arc<dyn Clock>) -> Self {
        Self {
            store,
            sealer,
            clock,
            pools: TtlCache::new(CACHE_TTL_MS),
            reloads: TtlCache::new(KEY_RELOAD_EVERY_MS),
        }
    }

    /// The keys of `owner` (possibly none), from the cache or the database.
    pub async fn get(&self, owner: &str) -> Result<Arc<PoolKeys>, KeyError> {
        let now_ms = self.clock.now_millis();
        if let Some(keys) = self.pools.get(owner, now_ms) {
            return Ok(keys);
        }
        let rows = self.store.list_signing_keys(owner).await?;
        let keys = Arc::new(PoolKeys {
            keys: rows.iter().map(|r| PoolKey::parse(r, &self.sealer)).collect::<Result<_, _>>()?,
        });
        self.pools.put(owner.to_string(), now_ms, keys.clone());
        Ok(keys)
    }

    /// The keys of `owner`, creating the first one if there is none (a pool whose creation
    /// was interrupted, or the identity-pool token key on first use). Two nodes may both
    /// create one; both stay published and the newest signs.
    pub async fn get_or_create(&self, owner: &str) -> Result<Arc<PoolKeys>, KeyError> {
        let found = self.get(owner).await?;
        if found.active().is_some() {
            return Ok(found);
        }
        self.rotate(owner).await?;
        self.get(owner).await
    }

    /// Creates and stores a new active key for `owner`, retiring the previous ones (they
    /// stay published for the grace period so tokens they signed keep verifying).
    pub async fn rotate(&self, owner: &str) -> Result<String, KeyError> {
        let now_ms = self.clock.now_millis();
        let key = generate_blocking(owner, &self.sealer, now_ms).await?;
        self.store.insert_signing_key(&key).await?;
        self.store.retire_signing_keys(owner, &key.kid, now_ms).await?;
        self.invalidate(owner);
        Ok(key.kid)
    }

    /// A first key for a new owner, generated and stored (user pool creation).
    pub async fn create_first(&self, owner: &str) -> Result<(), KeyError> {
        let key = generate_blocking(owner, &self.sealer, self.clock.now_millis()).await?;
        self.store.insert_signing_key(&key).await?;
        self.invalidate(owner);
        Ok(())
    }

    /// Verifies `token` against `owner`'s keys ([`PoolKeys::verify`]). A `kid` this node
    /// does not know may be a key rotated on another node: the keys are reloaded, but at most
    /// once per [`KEY_RELOAD_EVERY_MS`] per owner, because the `kid` comes from a token nobody
    /// has verified yet.
    pub async fn verify(&self, owner: &str, token: &str) -> Result<Map<String, Value>, JwtError> {
        let kid = rs256_kid(token)?;
        let mut keys = self.get(owner).await?;
        if keys.by_kid(&kid).is_none() && self.may_reload(owner) {
            self.invalidate(owner);
            keys = self.get(owner).await?;
        }
        let key = keys.by_kid(&kid).ok_or_else(|| JwtError::UnknownKid(owner.to_string()))?;
        key.verify(token)
    }

    fn may_reload(&self, owner: &str) -> bool {
        let now = self.clock.now_millis();
        if self.reloads.get(owner, now).is_some() {
            return false;
        }
        self.reloads.put(owner.to_string(), now, Arc::new(()));
        true
    }

    /// Forgets an owner's keys (after rotation or deletion on this node).
    pub fn invalidate(&self, owner: &str) {
        self.pools.remove(owner);
    }
}

/// Key generation takes tens of milliseconds of CPU: run it off the async runtime.
async fn generate_blocking(
    user_pool_id: &str,
    sealer: &Sealer,
    now_ms: i64,
) -> Result<SigningKeyRow, KeyError> {
    let pair_der = tokio::task::spawn_blocking(|| {
        let pair = KeyPair::generate(KeySize::Rsa2048).map_err(|_| KeyError::Generate)?;
        let der = pair.as_der().map_err(|_| KeyError::Generate)?;
        Ok::<_, KeyError>(der.as_ref().to_vec())
    })
    .await
    .map_err(|_| KeyError::Generate)??;
    row_from_der(user_pool_id, sealer, &pair_der, now_ms)
}

fn row_from_der(
    user_pool_id: &str,
    sealer: &Sealer,
    der: &[u8],
    now_ms: i64,
) -> Result<SigningKeyRow, KeyError> {
    let encoding = EncodingKey::from_rsa_pem(pem(der).as_bytes()).map_err(|_| KeyError::Generate)?;
    let mut jwk = Jwk::from_encoding_key(&encoding, Algorithm::RS256).map_err(|_| KeyError::Generate)?;
    let kid = STANDARD.encode(crate::crypto::ids::uuid().as_bytes())[..43].to_string() + "=";
    jwk.common.key_id = Some(kid.clone());
    jwk.common.public_key_use = Some(PublicKeyUse::Signature);
    jwk.common.key_algorithm = Some(KeyAlgorithm::RS256);
    Ok(SigningKeyRow {
        user_pool_id: user_pool_id.to_string(),
        kid,
        private_key_sealed: sealer.seal(SEAL_PURPOSE, der),
        public_jwk: serde_json::to_string(&jwk).map_err(|e| KeyError::Corrupt(e.to_string()))?,
        created_at: now_ms,
        retired_at: None,
    })
}

/// Installs jsonwebtoken's aws-lc provider explicitly: if another crate in the graph ever
/// enables its rust_crypto backend too, jsonwebtoken would otherwise pick a panicking one.
pub fn install_crypto_provider() {
    let _ = jsonwebtoken::crypto::aws_lc::DEFAULT_PROVIDER.install_default();
}
