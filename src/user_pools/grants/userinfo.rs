//! `/oauth2/userInfo`: the signed-in user's attributes for an access token of the domain's
//! pool that was granted `openid`, bounded by the scopes and the client's read attributes.
//! Values are strings, as Cognito sends them (`"email_verified": "true"`).

use serde_json::{Map, Value};

use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::ops::pools::load_pool;
use crate::user_pools::sign_in::client::load_client_by_id;
use crate::user_pools::tokens::OAuthGrant;
use crate::user_pools::tokens::{TokenRefusal, check_live, check_signed, client_settings, scope_releases};
use crate::user_pools::users::attributes_with_sub;

/// Why userInfo refused.
#[derive(Debug)]
pub enum UserInfoRefusal {
    /// 401 `invalid_token`: expired, revoked, foreign, tampered, or without `openid`.
    InvalidToken,
    Internal(UserPoolError),
}

/// The claims userInfo answers for `token` on a domain of `pool_id`.
pub async fn user_info(
    s: &UserPools,
    pool_id: &str,
    token: &str,
) -> Result<Map<String, Value>, UserInfoRefusal> {
    let refused = |e: TokenRefusal| match e {
        TokenRefusal::Internal(e) => UserInfoRefusal::Internal(e),
        _ => UserInfoRefusal::InvalidToken,
    };
    let (_, settings) = load_pool(s, pool_id).await.map_err(UserInfoRefusal::Internal)?;
    let claims = check_signed(s, pool_id, token, "access").await.map_err(refused)?;
    let scopes = super::split_scopes(claims.get("scope").and_then(Value::as_str).unwrap_or_default());
    if !scopes.iter().any(|sc| sc == "openid") {
        return Err(UserInfoRefusal::InvalidToken);
    }
    let user = check_live(s, pool_id, &settings, &claims).await.map_err(refused)?;
    let client_id = claims.get("client_id").and_then(Value::as_str).unwrap_or_default();
    let client = match load_client_by_id(s, client_id).await {
        Ok(c) => c,
        Err(UserPoolError::Internal(e)) => return Err(UserInfoRefusal::Internal(UserPoolError::Internal(e))),
        Err(_) => return Err(UserInfoRefusal::InvalidToken),
    };
    let readable = client_settings(&client).map_err(UserInfoRefusal::Internal)?.read_attributes;
    let grant = OAuthGrant { scopes, ..Default::default() };
    let mut out = Map::new();
    for a in attributes_with_sub(&user).map_err(UserInfoRefusal::Internal)? {
        let released = a.name == "sub"
            || (readable.as_ref().is_none_or(|r| r.contains(&a.name)) && scope_releases(&grant, &a.name));
        if released {
            out.insert(a.name, Value::String(a.value.unwrap_or_default()));
        }
    }
    out.insert("username".into(), Value::String(user.username));
    Ok(out)
}
