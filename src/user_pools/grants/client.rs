//! The client of a token or revocation request: `client_secret_basic` (an `Authorization:
//! Basic` header), `client_secret_post` (`client_id` and `client_secret` in the body), or a
//! public client naming itself with `client_id` alone.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::OAuthError;
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::ClientSettings;
use crate::user_pools::ops::clients::secret_matches;
use crate::user_pools::sign_in::client::load_client_by_id;
use crate::user_pools::store::ClientRow;
use crate::user_pools::tokens::client_settings;

/// What a request says about its client.
#[derive(Debug, Default, Clone)]
pub struct ClientCredentials {
    /// The decoded `Authorization: Basic` pair, if the header was sent.
    pub basic: Option<(String, String)>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
}

impl ClientCredentials {
    /// Reads an `Authorization` header value; `Err` when it is Basic but not decodable.
    pub fn with_authorization(mut self, header: Option<&str>) -> Result<Self, OAuthError> {
        let Some(value) = header else { return Ok(self) };
        let Some(encoded) = value.strip_prefix("Basic ").or_else(|| value.strip_prefix("basic ")) else {
            return Ok(self);
        };
        let decoded = STANDARD
            .decode(encoded.trim())
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .ok_or(OAuthError::InvalidClient)?;
        let (id, secret) = decoded.split_once(':').ok_or(OAuthError::InvalidClient)?;
        self.basic = Some((id.to_string(), secret.to_string()));
        Ok(self)
    }
}

/// An authenticated client of `pool_id` and its settings.
#[derive(Debug, Clone)]
pub struct OAuthClient {
    pub row: ClientRow,
    pub settings: ClientSettings,
}

impl OAuthClient {
    /// Whether the client may use OAuth at all (`AllowedOAuthFlowsUserPoolClient`).
    pub fn is_oauth(&self) -> bool {
        self.settings.allowed_o_auth_flows_user_pool_client == Some(true)
    }

    pub fn allows_flow(&self, flow: &str) -> bool {
        self.settings.allowed_o_auth_flows.iter().flatten().any(|f| f == flow)
    }

    pub fn allowed_scopes(&self) -> &[String] {
        self.settings.allowed_o_auth_scopes.as_deref().unwrap_or_default()
    }
}

/// Loads a client of `pool_id` by id; an unknown client, or one of another pool, is
/// `invalid_client`.
pub async fn pool_client(s: &UserPools, pool_id: &str, client_id: &str) -> Result<OAuthClient, OAuthError> {
    let row = match load_client_by_id(s, client_id).await {
        Ok(row) => row,
        Err(UserPoolError::ResourceNotFound(_) | UserPoolError::InvalidParameter(_)) => {
            return Err(OAuthError::InvalidClient);
        }
        Err(e) => return Err(OAuthError::Internal(e)),
    };
    if row.user_pool_id != pool_id {
        return Err(OAuthError::InvalidClient);
    }
    let settings = client_settings(&row).map_err(OAuthError::Internal)?;
    Ok(OAuthClient { row, settings })
}

/// Authenticates the client of a request to a domain of `pool_id`. A client with a secret
/// must present it (any way); a Basic id and a body `client_id` that disagree are refused.
pub async fn authenticate(
    s: &UserPools,
    pool_id: &str,
    credentials: &ClientCredentials,
) -> Result<OAuthClient, OAuthError> {
    let (client_id, secret) = match &credentials.basic {
        Some((id, secret)) => {
            if credentials.client_id.as_deref().is_some_and(|body| body != id) {
                return Err(OAuthError::InvalidClient);
            }
            (id.as_str(), Some(secret.as_str()))
        }
        None => {
            let id = credentials.client_id.as_deref().filter(|id| !id.is_empty());
            (id.ok_or(OAuthError::InvalidClient)?, credentials.client_secret.as_deref())
        }
    };
    let client = pool_client(s, pool_id, client_id).await?;
    // A wrong or missing secret, or a secret sent for a public client.
    // unsure: AWS's answer to a secret sent for a public client.
    if secret_matches(s, &client.row, secret.filter(|s| !s.is_empty())).map_err(OAuthError::Internal)? {
        Ok(client)
    } else {
        Err(OAuthError::InvalidClient)
    }
}
