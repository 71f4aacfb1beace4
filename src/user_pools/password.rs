//! Passwords: the pool's password policy, argon2id hashing off the async runtime with
//! bounded concurrency, and temporary passwords that satisfy the policy.

use std::sync::Arc;

use argon2::password_hash::{PasswordHash, PasswordHasher as _, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use rand::Rng;
use rand::seq::SliceRandom;
use subtle::ConstantTimeEq;
use tokio::sync::Semaphore;

use super::error::UserPoolError;
use super::model::PasswordPolicy;
use crate::config::PasswordPreset;

/// The characters AWS counts as symbols in a password policy.
pub const SYMBOLS: &str = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

/// Checks `password` against `policy`, answering with AWS's message for the first rule broken.
pub fn check_policy(policy: &PasswordPolicy, password: &str) -> Result<(), UserPoolError> {
    let fail = |why: &str| {
        Err(UserPoolError::InvalidPassword(format!("Password did not conform with policy: {why}")))
    };
    let min = policy.minimum_length.unwrap_or(8).max(0) as usize;
    if password.chars().count() < min {
        return fail("Password not long enough");
    }
    if policy.require_uppercase && !password.chars().any(|c| c.is_uppercase()) {
        return fail("Password must have uppercase characters");
    }
    if policy.require_lowercase && !password.chars().any(|c| c.is_lowercase()) {
        return fail("Password must have lowercase characters");
    }
    if policy.require_numbers && !password.chars().any(|c| c.is_ascii_digit()) {
        return fail("Password must have numeric characters");
    }
    if policy.require_symbols && !password.chars().any(|c| c != ' ' && SYMBOLS.contains(c)) {
        return fail("Password must have symbol characters");
    }
    Ok(())
}

/// A random password that satisfies `policy`, for AdminCreateUser without TemporaryPassword.
pub fn temporary_password(policy: &PasswordPolicy) -> String {
    const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    const LOWER: &[u8] = b"abcdefghijkmnopqrstuvwxyz";
    const DIGITS: &[u8] = b"23456789";
    const SYMS: &[u8] = b"!@#$%^&*-_=+";
    let mut rng = rand::rng();
    let mut pick = |set: &[u8]| set[rng.random_range(0..set.len())] as char;
    let mut chars = vec![pick(UPPER), pick(LOWER), pick(DIGITS), pick(SYMS)];
    let len = (policy.minimum_length.unwrap_or(8).max(12)) as usize;
    let all: Vec<u8> = [UPPER, LOWER, DIGITS, SYMS].concat();
    while chars.len() < len {
        chars.push(pick(&all));
    }
    chars.shuffle(&mut rand::rng());
    chars.into_iter().collect()
}

/// Hashes and verifies passwords with argon2id on the blocking pool, at most
/// `max_concurrent` at a time so a burst of sign-ins cannot exhaust memory.
#[derive(Clone)]
pub struct PasswordHasher {
    params: Params,
    permits: Arc<Semaphore>,
    /// argon2's working memory (19 MiB with the OWASP preset), one buffer per permit, reused:
    /// a fresh allocation per verification is faulted in page by page each time, which
    /// cost a third more CPU than the hash itself under load.
    memory: Arc<std::sync::Mutex<Vec<Vec<Block>>>>,
    /// A hash of a random password, verified against when the user does not exist, so the
    /// time taken does not reveal which usernames exist.
    dummy: Arc<String>,
}

impl std::fmt::Debug for PasswordHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordHasher").field("params", &self.params).finish()
    }
}

impl PasswordHasher {
    pub fn new(preset: PasswordPreset, max_concurrent: usize) -> Self {
        let params = match preset {
            // OWASP's first argon2id recommendation: 19 MiB, 2 iterations, 1 lane.
            PasswordPreset::Owasp => Params::new(19 * 1024, 2, 1, None),
            PasswordPreset::Fast => Params::new(64, 1, 1, None),
        }
        .expect("argon2 parameters are valid constants");
        let dummy = hash_with(&params, &temporary_password(&PasswordPolicy::aws_default()));
        Self {
            params,
            permits: Arc::new(Semaphore::new(max_concurrent.max(1))),
            memory: Arc::default(),
            dummy: Arc::new(dummy),
        }
    }

    pub async fn hash(&self, password: &str) -> Result<String, UserPoolError> {
        let _permit = self.permits.acquire().await.map_err(|_| internal("hasher closed"))?;
        let params = self.params.clone();
        let password = password.to_owned();
        tokio::task::spawn_blocking(move || hash_with(&params, &password))
            .await
            .map_err(|_| internal("hashing task failed"))
    }

    /// Verifies `password` against `hash`; `None` verifies against the dummy hash and
    /// returns false, taking the same time.
    pub async fn verify(&self, password: &str, hash: Option<&str>) -> Result<bool, UserPoolError> {
        let _permit = self.permits.acquire().await.map_err(|_| internal("hasher closed"))?;
        let known = hash.is_some();
        let hash = hash.map(str::to_owned).unwrap_or_else(|| self.dummy.as_ref().clone());
        let password = password.to_owned();
        let memory = self.memory.clone();
        let ok = tokio::task::spawn_blocking(move || {
            let mut blocks = memory.lock().unwrap_or_else(|e| e.into_inner()).pop().unwrap_or_default();
            let ok = verify_with(&hash, password.as_bytes(), &mut blocks);
            memory.lock().unwrap_or_else(|e| e.into_inner()).push(blocks);
            ok
        })
        .await
        .map_err(|_| internal("verify task failed"))?;
        Ok(known && ok)
    }
}

fn hash_with(params: &Params, password: &str) -> String {
    let mut salt = [0u8; 16];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut salt);
    let salt = SaltString::encode_b64(&salt).expect("16 bytes is a valid salt length");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashing with valid parameters cannot fail")
        .to_string()
}

/// Whether `password` hashes to the PHC-string `hash`, computed in `blocks` (grown to the
/// hash's memory cost if needed). A hash that does not parse verifies nothing.
fn verify_with(hash: &str, password: &[u8], blocks: &mut Vec<Block>) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else { return false };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else { return false };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm) else { return false };
    let version = parsed.version.map(Version::try_from).transpose().ok().flatten().unwrap_or_default();
    let Ok(params) = Params::try_from(&parsed) else { return false };
    let mut salt_buf = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_buf) else { return false };
    if blocks.len() < params.block_count() {
        blocks.resize(params.block_count(), Block::default());
    }
    let mut out = vec![0u8; expected.len()];
    let argon = Argon2::new(algorithm, version, params);
    argon.hash_password_into_with_memory(password, salt, &mut out, &mut blocks[..]).is_ok()
        && bool::from(out.as_slice().ct_eq(expected.as_bytes()))
}

fn internal(what: &str) -> UserPoolError {
    UserPoolError::Internal(what.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_violations_get_aws_messages() {
        let policy = PasswordPolicy::aws_default();
        let cases = [
            ("too short", "Ab1!", "Password not long enough"),
            ("no uppercase", "abcdefg1!", "Password must have uppercase characters"),
            ("no lowercase", "ABCDEFG1!", "Password must have lowercase characters"),
            ("no digit", "Abcdefgh!", "Password must have numeric characters"),
            ("no symbol", "Abcdefgh1", "Password must have symbol characters"),
        ];
        for (description, password, message) in cases {
            let err = check_policy(&policy, password).unwrap_err().to_string();
            assert_eq!(err, format!("Password did not conform with policy: {message}"), "{description}");
        }
        assert!(check_policy(&policy, "Correct-Horse-9").is_ok());
    }

    #[test]
    fn temporary_passwords_satisfy_the_strictest_policy() {
        let policy = PasswordPolicy { minimum_length: Some(20), ..PasswordPolicy::aws_default() };
        for _ in 0..50 {
            let p = temporary_password(&policy);
            assert!(check_policy(&policy, &p).is_ok(), "{p}");
        }
    }

    #[test]
    fn the_reused_memory_verifies_hashes_of_any_cost_as_argon2_does() {
        use argon2::password_hash::PasswordVerifier;
        let mut blocks = Vec::new();
        for (m, t) in [(64, 1), (1024, 2), (256, 3)] {
            let params = Params::new(m, t, 1, None).unwrap();
            let hash = hash_with(&params, "Correct-Horse-9");
            let parsed = PasswordHash::new(&hash).unwrap();
            assert!(Argon2::default().verify_password(b"Correct-Horse-9", &parsed).is_ok());
            assert!(verify_with(&hash, b"Correct-Horse-9", &mut blocks), "m={m} t={t}");
            assert!(!verify_with(&hash, b"Correct-Horse-0", &mut blocks), "m={m} t={t}");
            assert!(!verify_with(&hash[..hash.len() - 4], b"Correct-Horse-9", &mut blocks));
        }
        assert!(!verify_with("not a hash", b"x", &mut blocks));
    }

    #[tokio::test]
    async fn hashes_verify_only_the_right_password() {
        let hasher = PasswordHasher::new(PasswordPreset::Fast, 2);
        let hash = hasher.hash("Correct-Horse-9").await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(hasher.verify("Correct-Horse-9", Some(&hash)).await.unwrap());
        assert!(!hasher.verify("wrong", Some(&hash)).await.unwrap());
        assert!(!hasher.verify("Correct-Horse-9", None).await.unwrap());
    }
}
