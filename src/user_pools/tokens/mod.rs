//! Cognito-exact tokens: RS256 ID and access tokens signed with the pool's active key
//! (`kid` in the header, no `typ`), claims as Cognito issues them (`issue`), opaque refresh
//! tokens stored as SHA-256, and the one verification every place that accepts a user-pool
//! token goes through (`verify`): the JSON API, identity-pool logins and the gateway.

mod issue;
pub mod rotation;
mod verify;

pub use issue::{
    Issuing, OAuthGrant, PROFILE_ATTRIBUTES, at_hash, issue, issue_client_token, scope_releases,
};
pub use verify::{
    AccessClaims, IdTokenRefusal, SignedInUser, TokenRefusal, check_live, check_signed, verify_access_token,
    verify_id_token,
};

use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::UserPools;
use super::error::UserPoolError;
use super::model::ClientSettings;
use super::store::ClientRow;
use crate::config::IssuerStyle;
use crate::keys::PoolKeys;

/// The scope of access tokens from the user-pool API flows.
pub const ADMIN_SCOPE: &str = "aws.cognito.signin.user.admin";

/// What a successful sign-in returns (`AuthenticationResultType`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AuthenticationResult {
    pub access_token: String,
    pub expires_in: i64,
    pub token_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// Always present on the JSON API; from the OAuth flows only when `openid` was granted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
}

/// The issuer of a pool's tokens.
pub fn issuer(s: &UserPools, pool_id: &str) -> String {
    match s.config.tokens.issuer_style {
        IssuerStyle::PublicUrl => format!("{}/{pool_id}", s.public_url()),
        IssuerStyle::Aws => format!("https://cognito-idp.{}.amazonaws.com/{pool_id}", s.region()),
    }
}

/// The pool's keys, creating the first key if the pool has none (e.g. an interrupted create).
pub async fn pool_keys(s: &UserPools, pool_id: &str) -> Result<Arc<PoolKeys>, UserPoolError> {
    Ok(s.keys.get_or_create(pool_id).await?)
}

/// Token lifetimes of a client, in seconds (AWS defaults: 1 h, 1 h, 30 days).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Validity {
    pub access: i64,
    pub id: i64,
    pub refresh: i64,
}

fn unit_seconds(units: Option<&Value>, which: &str, default: &str) -> i64 {
    let unit = units.and_then(|u| u.get(which)).and_then(Value::as_str).unwrap_or(default);
    match unit {
        "seconds" => 1,
        "minutes" => 60,
        "hours" => 3600,
        _ => 86400,
    }
}

impl Validity {
    pub fn of(c: &ClientSettings) -> Self {
        let units = c.token_validity_units.as_ref();
        Self {
            access: c.access_token_validity.map_or(3600, |v| v * unit_seconds(units, "AccessToken", "hours")),
            id: c.id_token_validity.map_or(3600, |v| v * unit_seconds(units, "IdToken", "hours")),
            refresh: c
                .refresh_token_validity
                .filter(|v| *v > 0)
                .map_or(30 * 86400, |v| v * unit_seconds(units, "RefreshToken", "days")),
        }
    }
}

pub fn client_settings(client: &ClientRow) -> Result<ClientSettings, UserPoolError> {
    serde_json::from_str(&client.settings)
        .map_err(|e| UserPoolError::Internal(crate::error::Internal::because("client settings", e)))
}

pub fn hash_refresh_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub(super) fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// A token family: the refresh token and everything minted from it share `origin_jti`.
#[derive(Debug, Clone)]
pub struct Origin {
    pub origin_jti: String,
    /// Epoch seconds of the sign-in that started the family.
    pub auth_time: i64,
    /// The OAuth scopes the family was granted; `None` for JSON-API sign-ins.
    pub scopes: Option<Vec<String>>,
}

impl Origin {
    /// The family a stored refresh token belongs to.
    pub fn of(row: &super::store::RefreshTokenRow) -> Self {
        Self {
            origin_jti: row.origin_jti.clone(),
            auth_time: row.auth_time,
            scopes: row.scopes.as_deref().map(|sc| sc.split(' ').map(String::from).collect()),
        }
    }
}
