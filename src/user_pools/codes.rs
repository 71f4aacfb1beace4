//! One-time codes: six digits, stored as SHA-256, single-use, expiring. Purposes are
//! `SIGN_UP` (24 h), `FORGOT_PASSWORD` (1 h) and `VERIFY:<attribute>` (24 h).

use rand::Rng;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::error::UserPoolError;
use super::store::{CodeRow, UserRow};
use crate::user_pools::UserPools;

pub const SIGN_UP: &str = "SIGN_UP";
pub const FORGOT_PASSWORD: &str = "FORGOT_PASSWORD";
pub const SIGN_UP_VALIDITY_SECS: i64 = 24 * 3600;
pub const FORGOT_PASSWORD_VALIDITY_SECS: i64 = 3600;
pub const VERIFY_VALIDITY_SECS: i64 = 24 * 3600;

/// The purpose of a code that verifies `attribute` (`email` or `phone_number`).
pub fn verify_purpose(attribute: &str) -> String {
    format!("VERIFY:{attribute}")
}

fn hash(code: &str) -> String {
    hex::encode(Sha256::digest(code.as_bytes()))
}

/// Creates a fresh code for `user` and `purpose`, replacing any earlier one, and returns it.
pub async fn issue(
    s: &UserPools,
    user: &UserRow,
    purpose: &str,
    validity_secs: i64,
) -> Result<String, UserPoolError> {
    let code = format!("{:06}", rand::rng().random_range(0..1_000_000u32));
    let now = s.clock.now_millis();
    s.store
        .put_code(&CodeRow {
            user_pool_id: user.user_pool_id.clone(),
            username_key: user.username_key.clone(),
            purpose: purpose.to_string(),
            code_hash: hash(&code),
            expires_at: now + validity_secs * 1000,
            created_at: now,
        })
        .await?;
    Ok(code)
}

/// Checks `code` and uses it up. A wrong code leaves it in place; an expired one is removed.
pub async fn redeem(s: &UserPools, user: &UserRow, purpose: &str, code: &str) -> Result<(), UserPoolError> {
    check(s, user, purpose, code).await?;
    spend(s, user, purpose).await
}

/// Uses up a code [`check`] accepted. Deleting is what makes a code single-use: of two
/// concurrent redemptions one wins, the other answers ExpiredCodeException.
pub async fn spend(s: &UserPools, user: &UserRow, purpose: &str) -> Result<(), UserPoolError> {
    if !s.store.delete_code(&user.user_pool_id, &user.username_key, purpose).await? {
        return Err(UserPoolError::ExpiredCode);
    }
    Ok(())
}

/// Checks `code` without using it up (an expired one is removed), for an operation that has
/// more to check before the code counts as used.
pub async fn check(s: &UserPools, user: &UserRow, purpose: &str, code: &str) -> Result<(), UserPoolError> {
    let stored = s
        .store
        .get_code(&user.user_pool_id, &user.username_key, purpose)
        .await?
        .ok_or(UserPoolError::CodeMismatch)?;
    if !bool::from(stored.code_hash.as_bytes().ct_eq(hash(code).as_bytes())) {
        return Err(UserPoolError::CodeMismatch);
    }
    if stored.expires_at <= s.clock.now_millis() {
        s.store.delete_code(&user.user_pool_id, &user.username_key, purpose).await?;
        return Err(UserPoolError::ExpiredCode);
    }
    Ok(())
}
