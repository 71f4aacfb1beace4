//! Sealing: authenticated encryption (AES-256-GCM) of small secrets under the service's
//! master key, so the database never holds them in plain text. Each sealed value is bound
//! to a purpose label (the AEAD's associated data), so a blob sealed for one use cannot be
//! replayed as another.

use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use aws_lc_rs::hmac;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use rand::RngCore;

/// Length of the master key in bytes.
pub const MASTER_KEY_LEN: usize = 32;

#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("master key must be base64 of 32 bytes")]
    BadKey,
    #[error("sealed value is corrupt or was sealed under another key")]
    Open,
}

pub struct Sealer {
    key: LessSafeKey,
    /// HMAC-SHA256 key derived from the master key, for [`Sealer::mac`].
    mac_key: hmac::Key,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(..)")
    }
}

impl Sealer {
    pub fn new(key: &[u8]) -> Result<Self, SealError> {
        if key.len() != MASTER_KEY_LEN {
            return Err(SealError::BadKey);
        }
        let unbound = UnboundKey::new(&AES_256_GCM, key).map_err(|_| SealError::BadKey)?;
        let derived = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, key), b"incognito mac key");
        Ok(Self {
            key: LessSafeKey::new(unbound),
            mac_key: hmac::Key::new(hmac::HMAC_SHA256, derived.as_ref()),
        })
    }

    /// Parses a base64 master key, as configured in `security.master_key`.
    pub fn from_base64(text: &str) -> Result<Self, SealError> {
        let bytes = STANDARD.decode(text.trim()).map_err(|_| SealError::BadKey)?;
        Self::new(&bytes)
    }

    /// A fresh random master key, base64-encoded.
    pub fn generate_base64() -> String {
        let mut key = [0u8; MASTER_KEY_LEN];
        rand::rng().fill_bytes(&mut key);
        STANDARD.encode(key)
    }

    /// Encrypts `plain` for `purpose`; the result is URL-safe base64 text.
    pub fn seal(&self, purpose: &str, plain: &[u8]) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let mut buf = plain.to_vec();
        self.key
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(purpose.as_bytes()),
                &mut buf,
            )
            .expect("AES-GCM sealing of an in-memory buffer cannot fail");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&buf);
        URL_SAFE_NO_PAD.encode(out)
    }

    /// A deterministic keyed digest of `data` for `purpose` (HMAC-SHA256 under a key derived
    /// from the master key): stable values nobody without the key can predict.
    pub fn mac(&self, purpose: &str, data: &[u8]) -> [u8; 32] {
        let mut ctx = hmac::Context::with_key(&self.mac_key);
        ctx.update(&(purpose.len() as u64).to_be_bytes());
        ctx.update(purpose.as_bytes());
        ctx.update(data);
        let mut out = [0u8; 32];
        out.copy_from_slice(ctx.sign().as_ref());
        out
    }

    /// Decrypts what [`Sealer::seal`] produced for the same purpose.
    pub fn open(&self, purpose: &str, sealed: &str) -> Result<Vec<u8>, SealError> {
        let raw = URL_SAFE_NO_PAD.decode(sealed).map_err(|_| SealError::Open)?;
        if raw.len() < NONCE_LEN {
            return Err(SealError::Open);
        }
        let (nonce, body) = raw.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| SealError::Open)?;
        let mut buf = body.to_vec();
        let plain = self
            .key
            .open_in_place(nonce, Aad::from(purpose.as_bytes()), &mut buf)
            .map_err(|_| SealError::Open)?;
        Ok(plain.to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealer() -> Sealer {
        Sealer::from_base64(&Sealer::generate_base64()).unwrap()
    }

    #[test]
    fn sealed_values_open_only_for_their_purpose_and_key() {
        let s = sealer();
        let sealed = s.seal("client-secret", b"hunter2");
        assert_eq!(s.open("client-secret", &sealed).unwrap(), b"hunter2");
        assert!(s.open("other", &sealed).is_err());
        assert!(sealer().open("client-secret", &sealed).is_err());
        assert!(!sealed.contains("hunter2"));
    }

    #[test]
    fn tampered_values_do_not_open() {
        let s = sealer();
        let mut sealed = s.seal("p", b"secret").into_bytes();
        let last = sealed.len() - 2;
        sealed[last] = if sealed[last] == b'A' { b'B' } else { b'A' };
        assert!(s.open("p", std::str::from_utf8(&sealed).unwrap()).is_err());
    }

    #[test]
    fn macs_are_stable_per_key_purpose_and_data() {
        let s = sealer();
        assert_eq!(s.mac("p", b"x"), s.mac("p", b"x"));
        assert_ne!(s.mac("p", b"x"), s.mac("q", b"x"));
        assert_ne!(s.mac("p", b"x"), s.mac("p", b"y"));
        assert_ne!(s.mac("p", b"x"), sealer().mac("p", b"x"));
    }

    #[test]
    fn bad_master_keys_are_refused() {
        assert!(Sealer::from_base64("c2hvcnQ=").is_err());
        assert!(Sealer::from_base64("not base64!").is_err());
    }
}
