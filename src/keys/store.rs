//! What signing keys need from the database: the key rows of an owner (a user pool id, or
//! the reserved owner of the identity-pool token key), newest first.

use async_trait::async_trait;

use crate::error::StorageError;

/// One key pair. The private key is PKCS#8 DER sealed under the master key.
#[derive(Debug, Clone, PartialEq)]
pub struct SigningKeyRow {
    /// The owner: a user pool id, or `cognito-identity` for the identity-pool token key.
    pub user_pool_id: String,
    pub kid: String,
    pub private_key_sealed: String,
    pub public_jwk: String,
    pub created_at: i64,
    pub retired_at: Option<i64>,
}

#[async_trait]
pub trait KeyStore: Send + Sync {
    async fn insert_signing_key(&self, key: &SigningKeyRow) -> Result<(), StorageError>;
    /// Keys of an owner, newest first.
    async fn list_signing_keys(&self, owner: &str) -> Result<Vec<SigningKeyRow>, StorageError>;
    /// Marks every key of the owner but `kid` retired at `at` (those not yet retired).
    async fn retire_signing_keys(&self, owner: &str, kid: &str, at: i64) -> Result<(), StorageError>;
}

/// A `kid` that was taken (two nodes racing to create a key never collide: kids are random).
pub const CONFLICT_PRIMARY: &str = "primary";
