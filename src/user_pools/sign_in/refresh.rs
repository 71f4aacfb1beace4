//! REFRESH_TOKEN_AUTH / REFRESH_TOKEN: new ID and access tokens of the same token family.

use std::collections::HashMap;

use super::client::check_secret_hash;
use super::{InitiateAuthResponse, param, tokens_response};
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::PoolSettings;
use crate::user_pools::store::ClientRow;
use crate::user_pools::tokens::{self, Origin, hash_refresh_token};

fn invalid_refresh() -> UserPoolError {
    UserPoolError::NotAuthorized("Invalid Refresh Token".into())
}

/// REFRESH_TOKEN_AUTH: new ID and access tokens from the same token family.
pub async fn refresh_flow(
    s: &UserPools,
    settings: &PoolSettings,
    client: &ClientRow,
    params: &HashMap<String, String>,
) -> Result<InitiateAuthResponse, UserPoolError> {
    let token = param(params, "REFRESH_TOKEN")?;
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
    let mut names = vec![user.username.as_str()];
    if let Some(given) = params.get("USERNAME") {
        names.push(given);
    }
    check_secret_hash(s, client, &names, params.get("SECRET_HASH").map(String::as_str))?;
    if !user.enabled {
        return Err(UserPoolError::NotAuthorized("User is disabled.".into()));
    }
    let origin = Origin::of(&row);
    Ok(tokens_response(tokens::issue(s, settings, client, &user, Some(origin), None).await?))
}
