//! What STS and the IAM subset need from the database: roles with their inline policies,
//! and OpenID Connect providers. Documents are stored as given (JSON text); lists are JSON
//! arrays in TEXT columns.

use async_trait::async_trait;

use crate::storage::StorageError;

/// The unique key a role name conflict is reported on (`iam_roles` primary key).
pub const CONFLICT_ROLE_NAME: &str = "iam_roles_pkey";
/// The unique key an OIDC provider conflict is reported on.
pub const CONFLICT_OIDC_PROVIDER: &str = "iam_oidc_providers_pkey";

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

/// One OpenID Connect provider (CreateOpenIDConnectProvider).
#[derive(Debug, Clone, PartialEq)]
pub struct OidcProviderRow {
    /// `arn:aws:iam::<account>:oidc-provider/<url without scheme>`.
    pub arn: String,
    /// As given, e.g. `https://issuer` or `http://127.0.0.1:port/x`.
    pub url: String,
    pub client_ids: Vec<String>,
    pub thumbprints: Vec<String>,
    /// Epoch ms.
    pub created_at: i64,
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
    /// A taken ARN is `Conflict(CONFLICT_OIDC_PROVIDER)`.
    async fn insert_oidc_provider(&self, provider: &OidcProviderRow) -> Result<(), StorageError>;
    async fn get_oidc_provider(&self, arn: &str) -> Result<Option<OidcProviderRow>, StorageError>;
    /// Replaces client ids and thumbprints; `NotFound` if gone.
    async fn update_oidc_provider(&self, provider: &OidcProviderRow) -> Result<(), StorageError>;
    async fn delete_oidc_provider(&self, arn: &str) -> Result<bool, StorageError>;
    /// All providers ordered by ARN.
    async fn list_oidc_providers(&self) -> Result<Vec<OidcProviderRow>, StorageError>;
}
