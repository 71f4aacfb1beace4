//! What STS and the IAM subset need from the database: roles with their inline policies.
//! Documents are stored as given (JSON text). (OpenID Connect providers, which IAM also
//! manages, are `federation::store`'s.)

use async_trait::async_trait;

use crate::error::StorageError;

/// The unique key a role name conflict is reported on (`iam_roles` primary key).
pub const CONFLICT_ROLE_NAME: &str = "iam_roles_pkey";

/// One IAM role.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleRow {
    /// The role name lowercased: IAM role names are unique regardless of case.
    pub role_name_key: String,
    pub role_name: String,
    /// `AROA` + 17 characters.
    pub role_id: String,
    /// `/` or `/a/b/`.
    pub path: String,
    pub arn: String,
    /// The trust policy (AssumeRolePolicyDocument), JSON as given.
    pub trust_policy: String,
    pub description: Option<String>,
    pub max_session_duration: i64,
    /// JSON array of `{"Key","Value"}`.
    pub tags: String,
    /// Epoch ms.
    pub created_at: i64,
    pub updated_at: i64,
}

/// One inline policy of a role.
#[derive(Debug, Clone, PartialEq)]
pub struct RolePolicyRow {
    pub role_name_key: String,
    pub policy_name: String,
    /// JSON as given.
    pub document: String,
    pub created_at: i64,
    pub updated_at: i64,
}

#[async_trait]
pub trait IamStore: Send + Sync {
    /// A taken name (any case) is `Conflict(CONFLICT_ROLE_NAME)`.
    async fn insert_role(&self, role: &RoleRow) -> Result<(), StorageError>;
    async fn get_role(&self, role_name_key: &str) -> Result<Option<RoleRow>, StorageError>;
    /// Writes trust policy, description, max session duration and tags; `NotFound` if gone.
    async fn update_role(&self, role: &RoleRow) -> Result<(), StorageError>;
    /// Deletes a role that has no inline policies; `false` if it did not exist.
    async fn delete_role(&self, role_name_key: &str) -> Result<bool, StorageError>;
    /// Roles ordered by name key, after `after` (exclusive).
    async fn list_roles(&self, after: Option<&str>, limit: i64) -> Result<Vec<RoleRow>, StorageError>;
    /// Creates or replaces the named inline policy.
    async fn put_role_policy(&self, policy: &RolePolicyRow) -> Result<(), StorageError>;
    async fn get_role_policy(
        &self,
        role_name_key: &str,
        policy_name: &str,
    ) -> Result<Option<RolePolicyRow>, StorageError>;
    async fn delete_role_policy(&self, role_name_key: &str, policy_name: &str) -> Result<bool, StorageError>;
    /// All inline policies of a role, ordered by name.
    async fn list_role_policies(&self, role_name_key: &str) -> Result<Vec<RolePolicyRow>, StorageError>;
}
