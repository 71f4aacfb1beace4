//! Signing out and revoking: GlobalSignOut, AdminUserGlobalSignOut, RevokeToken. Revoking a
//! refresh token revokes its token family, so every access and ID token minted from it is
//! refused by token-authorised operations too.

use serde::Deserialize;

use super::clients::secret_matches;
use super::pools::load_pool;
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::sign_in::client::load_client_by_id;
use crate::user_pools::store::UserRow;
use crate::user_pools::tokens::{client_settings, hash_refresh_token, verify_access_token};
use crate::user_pools::users::parse_attributes;
use crate::user_pools::users::pool_user;
use crate::user_pools::users::save_user;
use crate::wire::Empty;

/// Revokes every refresh token of the user and refuses tokens issued before now.
async fn sign_out_everywhere(s: &UserPools, mut user: UserRow) -> Result<(), UserPoolError> {
    let now = s.clock.now_millis();
    s.store.revoke_user_refresh_tokens(&user.user_pool_id, &user.username_key, now).await?;
    user.tokens_valid_after = now.div_euclid(1000);
    let (_, settings) = load_pool(s, &user.user_pool_id).await?;
    let attributes = parse_attributes(&user.attributes)?;
    save_user(s, &settings, &mut user, &attributes).await?;
    tracing::info!(user_pool.id = %user.user_pool_id, user.sub = %user.sub, "user signed out everywhere");
    Ok(())
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GlobalSignOutRequest {
    pub access_token: String,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GlobalSignOut.html>
pub async fn global_sign_out(s: &UserPools, r: GlobalSignOutRequest) -> Result<Empty, UserPoolError> {
    let caller = verify_access_token(s, &r.access_token).await?;
    sign_out_everywhere(s, caller.user).await?;
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminUserGlobalSignOutRequest {
    pub user_pool_id: String,
    pub username: String,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUserGlobalSignOut.html>
pub async fn admin_user_global_sign_out(
    s: &UserPools,
    r: AdminUserGlobalSignOutRequest,
) -> Result<Empty, UserPoolError> {
    let (_settings, user) = pool_user(s, &r.user_pool_id, &r.username).await?;
    sign_out_everywhere(s, user).await?;
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RevokeTokenRequest {
    pub token: String,
    pub client_id: String,
    #[serde(default)]
    pub client_secret: Option<String>,
    #[serde(default)]
    pub content_type: Option<String>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RevokeToken.html>
pub async fn revoke_token(s: &UserPools, r: RevokeTokenRequest) -> Result<Empty, UserPoolError> {
    let client = load_client_by_id(s, &r.client_id).await?;
    if client_settings(&client)?.enable_token_revocation == Some(false) {
        return Err(UserPoolError::UnsupportedOperation(
            "Token revocation is not enabled for this client.".into(),
        ));
    }
    // A public client ignores a secret sent along.
    if client.secret_sealed.is_some() && !secret_matches(s, &client, r.client_secret.as_deref())? {
        return Err(UserPoolError::Unauthorized("Invalid client secret.".into()));
    }
    if r.token.matches('.').count() == 2 {
        return Err(UserPoolError::UnsupportedTokenType("Only refresh tokens can be revoked.".into()));
    }
    let Some(row) = s.store.get_refresh_token(&hash_refresh_token(&r.token)).await? else {
        // As in RFC 7009: an unknown token is already as revoked as it can be.
        return Ok(Empty {});
    };
    if row.client_id != client.client_id {
        return Err(UserPoolError::Unauthorized("The token was not issued to this client.".into()));
    }
    s.store.revoke_refresh_origin(&row.origin_jti, s.clock.now_millis()).await?;
    Ok(Empty {})
}
