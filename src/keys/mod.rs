//! Signing keys: one RSA-2048 key pair per user pool, generated at pool creation, stored
//! sealed under the master key, served as a JWKS. Parsed keys are cached per pool so a
//! token is signed or verified without touching the database or re-parsing a key; the
//! cache expires after [`CACHE_TTL_MS`] so a rotation made by another node is seen.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::RSA_PKCS1_SHA256;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use jsonwebtoken::jwk::{Jwk, KeyAlgorithm, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Validation};
use serde::Serialize;

use crate::crypto::seal::Sealer;
use crate::storage::{StorageError, Store};
use crate::user_pools::store::SigningKeyRow;

const SEAL_PURPOSE: &str = "signing-key";
/// How long parsed keys are trusted before the database is asked again.
pub const CACHE_TTL_MS: i64 = 60_000;
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
    pub decoding: DecodingKey,
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
        let decoding = DecodingKey::from_jwk(&jwk).map_err(|e| corrupt(&e))?;
        // Cognito's header: kid first, then alg, no typ.
        let header = format!(r#"{{"kid":{},"alg":"RS256"}}"#, serde_json::Value::String(row.kid.clone()));
        Ok(Self {
            kid: row.kid.clone(),
            created_at: row.created_at,
            retired_at: row.retired_at,
            signer,
            header_b64: URL_SAFE_NO_PAD.encode(header),
            decoding,
            jwk,
        })
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

/// Parsed keys per pool, loaded on first use and refreshed after [`CACHE_TTL_MS`].
#[derive(Debug, Default)]
pub struct KeyCache {
    pools: RwLock<HashMap<String, (i64, Arc<PoolKeys>)>>,
}

impl KeyCache {
    pub async fn get(
        &self,
        store: &dyn Store,
        sealer: &Sealer,
        user_pool_id: &str,
        now_ms: i64,
    ) -> Result<Arc<PoolKeys>, KeyError> {
        if let Some((loaded, keys)) = self.pools.read().ok().and_then(|m| m.get(user_pool_id).cloned())
            && now_ms - loaded < CACHE_TTL_MS
        {
            return Ok(keys);
        }
        let rows = store.list_signing_keys(user_pool_id).await?;
        let keys = Arc::new(PoolKeys {
            keys: rows.iter().map(|r| PoolKey::parse(r, sealer)).collect::<Result<_, _>>()?,
        });
        if let Ok(mut map) = self.pools.write() {
            map.insert(user_pool_id.to_string(), (now_ms, keys.clone()));
        }
        Ok(keys)
    }

    /// The keys of `owner`, creating the first one if there is none (a pool whose creation
    /// was interrupted, or the identity-pool token key on first use). Two nodes may both
    /// create one; both stay published and the newest signs.
    pub async fn get_or_create(
        &self,
        store: &dyn Store,
        sealer: &Sealer,
        owner: &str,
        now_ms: i64,
    ) -> Result<Arc<PoolKeys>, KeyError> {
        let found = self.get(store, sealer, owner, now_ms).await?;
        if found.active().is_some() {
            return Ok(found);
        }
        rotate(store, sealer, owner, now_ms).await?;
        self.invalidate(owner);
        self.get(store, sealer, owner, now_ms).await
    }

    /// Forgets a pool's keys (after rotation or deletion on this node).
    pub fn invalidate(&self, user_pool_id: &str) {
        if let Ok(mut map) = self.pools.write() {
            map.remove(user_pool_id);
        }
    }
}

/// Creates and stores a new active key for a pool, retiring the previous ones (they stay
/// published for the grace period so tokens they signed keep verifying).
pub async fn rotate(
    store: &dyn Store,
    sealer: &Sealer,
    user_pool_id: &str,
    now_ms: i64,
) -> Result<String, KeyError> {
    let key = generate_blocking(user_pool_id, sealer, now_ms).await?;
    store.insert_signing_key(&key).await?;
    store.retire_signing_keys(user_pool_id, &key.kid, now_ms).await?;
    Ok(key.kid)
}

/// Key generation takes tens of milliseconds of CPU: run it off the async runtime.
pub async fn generate_blocking(
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

/// How tokens this service signed are checked: RS256 and the issuer. Expiry, not-before
/// and audience are left to the caller, which judges them by the injectable clock and
/// answers each with its own AWS message.
pub fn rs256_validation(issuer: &str) -> Validation {
    let mut validation = Validation::new(Algorithm::RS256);
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    validation.set_issuer(&[issuer]);
    validation
}

/// Installs jsonwebtoken's aws-lc provider explicitly: if another crate in the graph ever
/// enables its rust_crypto backend too, jsonwebtoken would otherwise pick a panicking one.
pub fn install_crypto_provider() {
    let _ = jsonwebtoken::crypto::aws_lc::DEFAULT_PROVIDER.install_default();
}
