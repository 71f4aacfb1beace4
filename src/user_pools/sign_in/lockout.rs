//! Brute-force lockout: after `lockout.max_attempts` consecutive failed password proofs (a
//! password, or an SRP claim) the user is locked, first for `lockout.first_lock_seconds`,
//! doubling with each further failure up to `lockout.max_lock_seconds`. The counters live in
//! the database, so every node sees them; a success resets them.

use super::incorrect;
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::store::UserRow;

/// Verifies a password with lockout: five consecutive failures lock the user, first for
/// `lockout.first_lock_seconds`, doubling with each further failure.
pub async fn verify_password(s: &UserPools, user: &UserRow, password: &str) -> Result<(), UserPoolError> {
    check_not_locked(s, user)?;
    let ok = s.passwords.verify(password, user.password_hash.as_deref()).await?;
    record_password_check(s, user, ok).await
}

/// Refuses a user locked out by failed password proofs.
pub fn check_not_locked(s: &UserPools, user: &UserRow) -> Result<(), UserPoolError> {
    if user.locked_until > s.clock.now_millis() {
        return Err(UserPoolError::NotAuthorized("Password attempts exceeded".into()));
    }
    Ok(())
}

/// Records the outcome of a password proof (a password, or an SRP password claim) for
/// lockout: success resets the counters; a failure counts and may lock the user. Returns
/// the sign-in error for a failure.
pub async fn record_password_check(s: &UserPools, user: &UserRow, ok: bool) -> Result<(), UserPoolError> {
    if ok {
        if user.failed_attempts != 0 || user.locked_until != 0 {
            s.store.reset_failed_attempts(&user.user_pool_id, &user.username_key).await?;
        }
        return Ok(());
    }
    let attempts = s.store.add_failed_attempt(&user.user_pool_id, &user.username_key).await?;
    let policy = &s.config.lockout;
    if attempts >= policy.max_attempts {
        let doublings = (attempts - policy.max_attempts).min(20) as u32;
        let seconds = (policy.first_lock_seconds.max(0) << doublings).min(policy.max_lock_seconds);
        let until = s.clock.now_millis() + seconds * 1000;
        s.store.set_locked_until(&user.user_pool_id, &user.username_key, until).await?;
        tracing::warn!(user_pool.id = %user.user_pool_id, user.sub = %user.sub, attempts, "user locked after failed sign-ins");
    }
    Err(incorrect())
}
