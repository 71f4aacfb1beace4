//! Identity-pool settings and roles in AWS's shapes (botocore `IdentityPool`,
//! `SetIdentityPoolRolesInput`), stored as JSON and echoed back as they were given.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Everything of `IdentityPool` but the id and name. Members left out stay out of responses.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IdentityPoolSettings {
    pub allow_unauthenticated_identities: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_classic_flow: Option<bool>,
    /// Provider domain (`graph.facebook.com`, `accounts.google.com`, …) → app id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supported_login_providers: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub developer_provider_name: Option<String>,
    #[serde(default, rename = "OpenIdConnectProviderARNs", skip_serializing_if = "Option::is_none")]
    pub open_id_connect_provider_arns: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cognito_identity_providers: Option<Vec<CognitoIdentityProvider>>,
    #[serde(default, rename = "SamlProviderARNs", skip_serializing_if = "Option::is_none")]
    pub saml_provider_arns: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_pool_tags: Option<BTreeMap<String, String>>,
}

/// `CognitoIdentityProvider`: a user pool app client whose tokens the pool accepts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CognitoIdentityProvider {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_side_token_check: Option<bool>,
}

/// The `roles` column: what SetIdentityPoolRoles stored, as GetIdentityPoolRoles returns it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PoolRoles {
    /// `authenticated` / `unauthenticated` → IAM role ARN.
    #[serde(default)]
    pub roles: BTreeMap<String, String>,
    /// Provider name → how to choose a role for its users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_mappings: Option<BTreeMap<String, RoleMapping>>,
}

/// `RoleMapping`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RoleMapping {
    /// `Token` or `Rules`.
    pub r#type: String,
    /// `AuthenticatedRole` or `Deny`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ambiguous_role_resolution: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules_configuration: Option<RulesConfiguration>,
}

/// `RulesConfigurationType`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RulesConfiguration {
    pub rules: Vec<MappingRule>,
}

/// `MappingRule`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MappingRule {
    pub claim: String,
    /// `Equals`, `Contains`, `StartsWith` or `NotEqual`.
    pub match_type: String,
    pub value: String,
    #[serde(rename = "RoleARN")]
    pub role_arn: String,
}

impl IdentityPoolSettings {
    /// The pool's login providers, as `federation` checks them.
    pub fn login_providers(&self) -> crate::federation::LoginProviders<'_> {
        crate::federation::LoginProviders {
            cognito: self
                .cognito_identity_providers
                .iter()
                .flatten()
                .filter_map(|p| Some((p.provider_name.as_deref()?, p.client_id.as_deref()?)))
                .collect(),
            social: self.supported_login_providers.as_ref(),
            oidc_arns: self.open_id_connect_provider_arns.as_deref().unwrap_or_default(),
            saml_arns: self.saml_provider_arns.as_deref().unwrap_or_default(),
        }
    }
}
