//! REFRESH_TOKEN_AUTH / REFRESH_TOKEN: new ID and access tokens of the same token family.

use std::collections::HashMap;

use super::client::check_secret_hash;
use super::{InitiateAuthResponse, param, tokens_response};
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::PoolSettings;
use crate::user_pools::ops::clients::secret_matches;
use crate::user_pools::store::{ClientRow, RefreshTokenRow, UserRow};
use crate::user_pools::tokens::Issuing;
use crate::user_pools::tokens::rotation::{self, Rotation};
use crate::user_pools::tokens::{self, AuthenticationResult, Origin, client_settings, hash_refresh_token};
use crate::user_pools::triggers::{Caller, token as token_trigger};

fn invalid_refresh() -> UserPoolError {
    UserPoolError::NotAuthorized("Invalid Refresh Token".into())
}

/// The family a refresh token names, and its user, if the token is still good for `client`.
async fn family(
    s: &UserPools,
    client: &ClientRow,
    token: &str,
) -> Result<(RefreshTokenRow, UserRow), UserPoolError> {
    let row = s.store.get_refresh_token(&hash_refresh_token(token)).await?.ok_or_else(invalid_refresh)?;
    if row.client_id != client.client_id || row.user_pool_id != client.user_pool_id {
        return Err(invalid_refresh());
    }
    if row.revoked_at.is_some() {
        return Err(UserPoolError::NotAuthorized("Refresh Token has been revoked".into()));
    }
    if row.expires_at <= s.clock.now_millis() {
        return Err(UserPoolError::NotAuthorized("Refresh Token has expired".into()));
    }
    let user = s.store.get_user(&row.user_pool_id, &row.username_key).await?.ok_or_else(invalid_refresh)?;
    Ok((row, user))
}

/// New tokens of the family, once the caller checked the client's secret.
async fn reissue(
    s: &UserPools,
    settings: &PoolSettings,
    client: &ClientRow,
    row: &RefreshTokenRow,
    user: &UserRow,
    caller: Caller<'_>,
) -> Result<AuthenticationResult, UserPoolError> {
    if !user.enabled {
        return Err(UserPoolError::NotAuthorized("User is disabled.".into()));
    }
    let origin = Origin::of(row);
    let how = Issuing { origin: Some(&origin), oauth: None, source: token_trigger::REFRESH_TOKENS, caller };
    tokens::issue(s, settings, client, user, how).await
}

/// REFRESH_TOKEN_AUTH: new ID and access tokens from the same token family.
pub async fn refresh_flow(
    s: &UserPools,
    settings: &PoolSettings,
    client: &ClientRow,
    params: &HashMap<String, String>,
) -> Result<InitiateAuthResponse, UserPoolError> {
    let token = param(params, "REFRESH_TOKEN")?;
    let rotation = Rotation::of(&client_settings(client)?);
    if rotation.enabled {
        // unsure: AWS's message; with rotation on Cognito refreshes only through
        // GetTokensFromRefreshToken and /oauth2/token.
        return Err(UserPoolError::NotAuthorized(
            "Refresh token rotation is enabled for this client: use GetTokensFromRefreshToken.".into(),
        ));
    }
    let (row, user) = family(s, client, token).await?;
    rotation::refuse_replay(s, rotation, &row).await?;
    let mut names = vec![user.username.as_str()];
    if let Some(given) = params.get("USERNAME") {
        names.push(given);
    }
    check_secret_hash(s, client, &names, params.get("SECRET_HASH").map(String::as_str))?;
    Ok(tokens_response(reissue(s, settings, client, &row, &user, Caller::new(client, None)).await?))
}

/// GetTokensFromRefreshToken: the same, with the client's secret itself instead of a
/// SECRET_HASH. With the client's refresh-token rotation on, the answer also carries the
/// family's next refresh token (`tokens::rotation`); off, no refresh token, as Cognito does.
pub async fn refresh_with_secret(
    s: &UserPools,
    settings: &PoolSettings,
    client: &ClientRow,
    token: &str,
    secret: Option<&str>,
    caller: Caller<'_>,
) -> Result<AuthenticationResult, UserPoolError> {
    if client.secret_sealed.is_some() && !secret_matches(s, client, secret)? {
        // unsure: AWS's message for a wrong ClientSecret here.
        return Err(UserPoolError::NotAuthorized(format!(
            "Client {} is configured with secret but the given secret does not match.",
            client.client_id
        )));
    }
    let (row, user) = family(s, client, token).await?;
    let rotation = Rotation::of(&client_settings(client)?);
    rotation::refuse_replay(s, rotation, &row).await?;
    let mut result = reissue(s, settings, client, &row, &user, caller).await?;
    result.refresh_token = rotation::successor(s, rotation, &row).await?;
    Ok(result)
}
