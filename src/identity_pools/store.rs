//! What the identity-pool domain needs from the database. Settings, tags and roles are JSON
//! text in AWS's shapes, so new AWS fields need no migration.

use async_trait::async_trait;

use crate::storage::StorageError;

/// One identity pool.
#[derive(Debug, Clone, PartialEq)]
pub struct IdentityPoolRow {
    pub identity_pool_id: String,
    pub name: String,
    /// JSON of [`super::model::IdentityPoolSettings`] (tags included).
    pub settings: String,
    /// JSON of [`super::model::PoolRoles`].
    pub roles: String,
    pub created_at: i64,
    pub updated_at: i64,
}

#[async_trait]
pub trait IdentityPoolStore: Send + Sync {
    /// A taken id is `Conflict(CONFLICT_PRIMARY)`.
    async fn insert_identity_pool(&self, pool: &IdentityPoolRow) -> Result<(), StorageError>;
    async fn get_identity_pool(
        &self,
        identity_pool_id: &str,
    ) -> Result<Option<IdentityPoolRow>, StorageError>;
    /// Writes name and settings (not roles); `NotFound` if the pool is gone.
    async fn update_identity_pool(&self, pool: &IdentityPoolRow) -> Result<(), StorageError>;
    /// Writes roles only; `NotFound` if the pool is gone.
    async fn set_identity_pool_roles(
        &self,
        identity_pool_id: &str,
        roles: &str,
        updated_at: i64,
    ) -> Result<(), StorageError>;
    async fn delete_identity_pool(&self, identity_pool_id: &str) -> Result<bool, StorageError>;
    /// Pools ordered by id, after `after` (exclusive).
    async fn list_identity_pools(
        &self,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<IdentityPoolRow>, StorageError>;
}
