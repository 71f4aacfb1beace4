//! The OpenID Connect providers registered through IAM (CreateOpenIDConnectProvider):
//! federation checks identity-pool logins against them; `credentials::iam` manages them on
//! the IAM wire. Lists are JSON arrays in TEXT columns.

use async_trait::async_trait;

use crate::error::StorageError;

/// The unique key an OIDC provider conflict is reported on.
pub const CONFLICT_OIDC_PROVIDER: &str = "iam_oidc_providers_pkey";

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
pub trait OidcProviderStore: Send + Sync {
    /// A taken ARN is `Conflict(CONFLICT_OIDC_PROVIDER)`.
    async fn insert_oidc_provider(&self, provider: &OidcProviderRow) -> Result<(), StorageError>;
    async fn get_oidc_provider(&self, arn: &str) -> Result<Option<OidcProviderRow>, StorageError>;
    /// Replaces client ids and thumbprints; `NotFound` if gone.
    async fn update_oidc_provider(&self, provider: &OidcProviderRow) -> Result<(), StorageError>;
    async fn delete_oidc_provider(&self, arn: &str) -> Result<bool, StorageError>;
    /// All providers ordered by ARN.
    async fn list_oidc_providers(&self) -> Result<Vec<OidcProviderRow>, StorageError>;
}
