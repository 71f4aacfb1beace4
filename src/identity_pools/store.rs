//! What the identity-pool domain needs from the database. Settings, tags and roles are JSON
//! text in AWS's shapes, so new AWS fields need no migration.

use async_trait::async_trait;

use crate::error::StorageError;

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

/// One identity handed out by GetId.
#[derive(Debug, Clone, PartialEq)]
pub struct IdentityRow {
    pub identity_id: String,
    pub identity_pool_id: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A verified login linked to an identity.
#[derive(Debug, Clone, PartialEq)]
pub struct LoginRow {
    pub identity_pool_id: String,
    pub provider: String,
    pub subject: String,
    pub identity_id: String,
    pub created_at: i64,
}

/// SetPrincipalTagAttributeMap's settings for one provider of one pool.
#[derive(Debug, Clone, PartialEq)]
pub struct PrincipalTagMapRow {
    pub identity_pool_id: String,
    pub provider: String,
    pub use_defaults: bool,
    /// JSON object: tag key → claim name.
    pub tags: String,
    pub updated_at: i64,
}

/// The unique key of a login: `(identity_pool_id, provider, subject)`.
/// An identity or identity-pool id that was taken.
pub const CONFLICT_PRIMARY: &str = "primary";
pub const CONFLICT_LOGIN: &str = "identity_logins_pkey";

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

    /// Creates an identity together with its logins, all or nothing. A login already linked
    /// (to any identity) is `Conflict(CONFLICT_LOGIN)` and nothing is written.
    async fn create_identity(&self, identity: &IdentityRow, logins: &[LoginRow]) -> Result<(), StorageError>;
    async fn get_identity(&self, identity_id: &str) -> Result<Option<IdentityRow>, StorageError>;
    /// The identity a login is linked to, if any.
    async fn find_login(
        &self,
        identity_pool_id: &str,
        provider: &str,
        subject: &str,
    ) -> Result<Option<LoginRow>, StorageError>;
    /// Logins of an identity, ordered by provider then subject.
    async fn list_logins(&self, identity_id: &str) -> Result<Vec<LoginRow>, StorageError>;
    /// Links more logins to an existing identity, all or nothing; an already-linked login is
    /// `Conflict(CONFLICT_LOGIN)`; `NotFound` if the identity is gone.
    async fn link_logins(&self, identity_id: &str, logins: &[LoginRow], now: i64)
    -> Result<(), StorageError>;
    /// Removes the given (provider, subject) logins of an identity; returns how many went.
    async fn unlink_logins(
        &self,
        identity_id: &str,
        logins: &[(String, String)],
        now: i64,
    ) -> Result<u64, StorageError>;
    /// Moves every login of `from` to `to` and deletes `from`, in one transaction.
    async fn merge_identities(&self, from: &str, to: &str, now: i64) -> Result<(), StorageError>;
    /// Deletes an identity and its logins; `false` if it did not exist.
    async fn delete_identity(&self, identity_id: &str) -> Result<bool, StorageError>;
    /// Identities of a pool ordered by id, after `after` (exclusive).
    async fn list_identities(
        &self,
        identity_pool_id: &str,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<IdentityRow>, StorageError>;
    /// Logins of one provider in a pool, optionally of one identity, ordered by subject,
    /// after `after` (exclusive).
    async fn list_provider_logins(
        &self,
        identity_pool_id: &str,
        provider: &str,
        identity_id: Option<&str>,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<LoginRow>, StorageError>;
    async fn put_principal_tag_map(&self, row: &PrincipalTagMapRow) -> Result<(), StorageError>;
    async fn get_principal_tag_map(
        &self,
        identity_pool_id: &str,
        provider: &str,
    ) -> Result<Option<PrincipalTagMapRow>, StorageError>;
}
