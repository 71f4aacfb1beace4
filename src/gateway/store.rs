//! What the gateway reads from the database: only the revocations it polls for its
//! revocation view (never anything per request).

use crate::storage::StorageError;

/// A refresh-token family revoked at `revoked_at` (epoch ms): every token minted from it
/// (same `origin_jti`) is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevokedFamily {
    pub origin_jti: String,
    pub revoked_at: i64,
}

/// A user whose tokens issued before `tokens_valid_after` (epoch seconds) are refused
/// (GlobalSignOut, AdminUserGlobalSignOut).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedOutUser {
    pub user_pool_id: String,
    pub sub: String,
    pub tokens_valid_after: i64,
}

#[async_trait::async_trait]
pub trait GatewayStore {
    /// Families with `revoked_at > since_ms`.
    async fn revoked_families_since(&self, since_ms: i64) -> Result<Vec<RevokedFamily>, StorageError>;
    /// Users with `tokens_valid_after > since_secs`.
    async fn signed_out_users_since(&self, since_secs: i64) -> Result<Vec<SignedOutUser>, StorageError>;
}
