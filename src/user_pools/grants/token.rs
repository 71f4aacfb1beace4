//! `/oauth2/token`'s grants (`authorization_code`, `refresh_token`, `client_credentials`)
//! and `/oauth2/revoke`, for a client already authenticated by `client::authenticate`.

use super::client::OAuthClient;
use super::{OAuthError, code, split_scopes};
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::PoolSettings;
use crate::user_pools::ops::clients::is_standard_scope;
use crate::user_pools::sign_in::client::require_refresh;
use crate::user_pools::tokens::Issuing;
use crate::user_pools::tokens::rotation::{self, Rotation};
use crate::user_pools::tokens::{self, AuthenticationResult, Origin, hash_refresh_token};
use crate::user_pools::triggers::{Caller, token as token_trigger};

/// The body of a token request, as far as the grants read it.
#[derive(Debug, Default, Clone)]
pub struct TokenRequest {
    pub grant_type: Option<String>,
    pub code: Option<String>,
    pub redirect_uri: Option<String>,
    pub code_verifier: Option<String>,
    pub refresh_token: Option<String>,
    pub scope: Option<String>,
}

fn present(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|v| !v.is_empty())
}

/// Runs the grant `r` names.
pub async fn grant(
    s: &UserPools,
    settings: &PoolSettings,
    client: &OAuthClient,
    r: &TokenRequest,
) -> Result<AuthenticationResult, OAuthError> {
    let grant_type = present(&r.grant_type).ok_or(OAuthError::InvalidRequest("grant_type is required"))?;
    let known = ["authorization_code", "refresh_token", "client_credentials"];
    if !known.contains(&grant_type) {
        return Err(OAuthError::UnsupportedGrantType);
    }
    // An SDK-only client takes part in no OAuth grant (seen live: even client_credentials
    // answers invalid_grant).
    if !client.is_oauth() {
        return Err(OAuthError::InvalidGrant);
    }
    match grant_type {
        "authorization_code" => {
            let code = present(&r.code).ok_or(OAuthError::InvalidRequest("code is required"))?;
            let redirect_uri = present(&r.redirect_uri);
            if redirect_uri.is_none() {
                return Err(OAuthError::InvalidRequest("redirect_uri is required"));
            }
            if !client.allows_flow("code") {
                return Err(OAuthError::UnauthorizedClient);
            }
            code::redeem(s, settings, client, code, redirect_uri, present(&r.code_verifier)).await
        }
        "refresh_token" => {
            let token =
                present(&r.refresh_token).ok_or(OAuthError::InvalidRequest("refresh_token is required"))?;
            refresh(s, settings, client, token).await
        }
        _ => client_credentials(s, client, present(&r.scope)).await,
    }
}

/// The `refresh_token` grant: new ID and access tokens of the token's family, with the
/// family's scopes. Refresh tokens of JSON-API sign-ins are accepted too, as Cognito does.
async fn refresh(
    s: &UserPools,
    settings: &PoolSettings,
    client: &OAuthClient,
    token: &str,
) -> Result<AuthenticationResult, OAuthError> {
    // unsure: which error AWS gives a client whose explicit flows lack ALLOW_REFRESH_TOKEN_AUTH.
    match require_refresh(&client.row) {
        Ok(()) => {}
        Err(e @ (UserPoolError::Internal(_) | UserPoolError::Storage(_))) => {
            return Err(OAuthError::Internal(e));
        }
        Err(_) => return Err(OAuthError::UnauthorizedClient),
    }
    let row = s.store.get_refresh_token(&hash_refresh_token(token)).await?.ok_or(OAuthError::InvalidGrant)?;
    if row.client_id != client.row.client_id
        || row.user_pool_id != client.row.user_pool_id
        || row.revoked_at.is_some()
        || row.expires_at <= s.clock.now_millis()
    {
        return Err(OAuthError::InvalidGrant);
    }
    let user = s
        .store
        .get_user(&row.user_pool_id, &row.username_key)
        .await?
        .filter(|u| u.enabled)
        .ok_or(OAuthError::InvalidGrant)?;
    // The family keeps the scopes it was granted, less any the client has lost since.
    let mut origin = Origin::of(&row);
    if let Some(scopes) = origin.scopes.as_mut() {
        scopes.retain(|sc| client.allowed_scopes().contains(sc));
    }
    let how = Issuing {
        origin: Some(&origin),
        oauth: None,
        source: token_trigger::REFRESH_TOKENS,
        caller: Caller::new(&client.row, None),
    };
    let rotation = Rotation::of(&tokens::client_settings(&client.row)?);
    let replayed = |e| match e {
        UserPoolError::RefreshTokenReuse(_) => OAuthError::InvalidGrant,
        e => e.into(),
    };
    rotation::refuse_replay(s, rotation, &row).await.map_err(replayed)?;
    let mut result = tokens::issue(s, settings, &client.row, &user, how).await?;
    result.refresh_token = rotation::successor(s, rotation, &row).await.map_err(replayed)?;
    Ok(result)
}

/// The `client_credentials` grant: a token for the client itself, with custom scopes only.
async fn client_credentials(
    s: &UserPools,
    client: &OAuthClient,
    scope: Option<&str>,
) -> Result<AuthenticationResult, OAuthError> {
    if !client.allows_flow("client_credentials") {
        return Err(OAuthError::UnauthorizedClient);
    }
    let allowed: Vec<String> =
        client.allowed_scopes().iter().filter(|sc| !is_standard_scope(sc)).cloned().collect();
    let scopes = match scope.map(split_scopes) {
        Some(requested) if !requested.is_empty() => {
            if requested.iter().any(|sc| !allowed.contains(sc)) {
                return Err(OAuthError::InvalidScope);
            }
            requested
        }
        _ => allowed,
    };
    if scopes.is_empty() {
        return Err(OAuthError::InvalidScope);
    }
    let (_, settings) = crate::user_pools::ops::pools::load_pool(s, &client.row.user_pool_id).await?;
    Ok(tokens::issue_client_token(s, &settings, &client.row, &scopes).await?)
}

/// `/oauth2/revoke`: revokes a refresh token and every token of its family. A token that
/// is unknown, foreign or already revoked answers success (no oracle, RFC 7009).
pub async fn revoke(s: &UserPools, client: &OAuthClient, token: Option<&str>) -> Result<(), OAuthError> {
    let token = token.filter(|t| !t.is_empty()).ok_or(OAuthError::InvalidRequest("token is required"))?;
    if client.settings.enable_token_revocation == Some(false) {
        return Err(OAuthError::InvalidRequest("token revocation is disabled for this client"));
    }
    if token.matches('.').count() == 2 {
        return Err(OAuthError::UnsupportedTokenType);
    }
    if let Some(row) = s.store.get_refresh_token(&hash_refresh_token(token)).await?
        && row.client_id == client.row.client_id
    {
        s.store.revoke_refresh_origin(&row.origin_jti, s.clock.now_millis()).await?;
    }
    Ok(())
}
