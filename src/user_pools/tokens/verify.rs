//! The one verification of user-pool tokens. Two steps, so each place that accepts a token
//! takes what it needs and words refusals its own way:
//!
//! 1. [`check_signed`] — no database: the header (RS256 with a `kid`, anything else refused
//!    before a key is touched), the signature with the pool's key (keys reloaded, rate
//!    limited, when the `kid` is unknown), the issuer, `token_use`, and expiry against the
//!    injected clock. The gateway stops here and consults its in-memory revocation view.
//! 2. [`check_live`] — one query: the user still exists with the token's `sub`, did not sign
//!    out everywhere after the token was issued, the token's family (`origin_jti`) is not
//!    revoked, and the user is enabled.
//!
//! [`verify_access_token`] (the token-authorised JSON operations) and [`verify_id_token`]
//! (identity-pool logins) are both steps plus their own checks.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::issuer;
use crate::keys::JwtError;
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::PoolSettings;
use crate::user_pools::ops::pools::load_pool;
use crate::user_pools::store::UserRow;
use crate::user_pools::users::username_key;

/// Why a user-pool token was refused. Callers map each to their own AWS message.
#[derive(Debug, thiserror::Error)]
pub enum TokenRefusal {
    /// Malformed, not RS256, no or unknown `kid`, bad signature or payload.
    #[error(transparent)]
    Jwt(JwtError),
    #[error("the token's issuer is not {0}")]
    WrongIssuer(String),
    #[error("the token is not an {0} token")]
    WrongUse(&'static str),
    #[error("the token has no {0}")]
    MissingClaim(&'static str),
    #[error("the token has expired")]
    Expired { now: i64, exp: i64 },
    /// `iat` or `auth_time` beyond the clock skew allowed (`tokens.max_clock_skew_seconds`).
    #[error("the token was issued in the future")]
    IssuedInFuture,
    /// The user is gone (or re-created under another `sub`), signed out everywhere after
    /// the token was issued, or the token's family was revoked.
    #[error("the token has been revoked")]
    Revoked,
    #[error("the user is disabled")]
    UserDisabled,
    /// Our own failure (keys or database), not the token's.
    #[error(transparent)]
    Internal(UserPoolError),
}

impl From<JwtError> for TokenRefusal {
    fn from(e: JwtError) -> Self {
        match e {
            JwtError::Keys(e) => Self::Internal(e.into()),
            e => Self::Jwt(e),
        }
    }
}

impl From<crate::error::StorageError> for TokenRefusal {
    fn from(e: crate::error::StorageError) -> Self {
        Self::Internal(e.into())
    }
}

/// Step 1: signature, issuer, `token_use` and expiry of a token of `pool_id`; its claims.
pub async fn check_signed(
    s: &UserPools,
    pool_id: &str,
    token: &str,
    token_use: &'static str,
) -> Result<Map<String, Value>, TokenRefusal> {
    let claims = s.keys.verify(pool_id, token).await?;
    judge(s, pool_id, claims, token_use)
}

/// The claim checks of step 1, on claims whose signature was verified.
fn judge(
    s: &UserPools,
    pool_id: &str,
    claims: Map<String, Value>,
    token_use: &'static str,
) -> Result<Map<String, Value>, TokenRefusal> {
    let iss = issuer(s, pool_id);
    if claims.get("iss").and_then(Value::as_str) != Some(iss.as_str()) {
        return Err(TokenRefusal::WrongIssuer(iss));
    }
    if claims.get("token_use").and_then(Value::as_str) != Some(token_use) {
        return Err(TokenRefusal::WrongUse(token_use));
    }
    let exp = claims.get("exp").and_then(Value::as_i64).ok_or(TokenRefusal::MissingClaim("exp"))?;
    let now = s.clock.now_secs();
    if exp <= now {
        return Err(TokenRefusal::Expired { now, exp });
    }
    if issued_in_future(&claims, now, s.config.tokens.max_clock_skew_seconds) {
        return Err(TokenRefusal::IssuedInFuture);
    }
    Ok(claims)
}

/// Whether `iat` or `auth_time` lies more than `skew` seconds after `now`.
pub fn issued_in_future(claims: &Map<String, Value>, now: i64, skew: i64) -> bool {
    ["iat", "auth_time"]
        .iter()
        .any(|name| claims.get(*name).and_then(Value::as_i64).is_some_and(|t| t > now + skew))
}

/// Step 2: the token's user, if the token is still good for it.
pub async fn check_live(
    s: &UserPools,
    pool_id: &str,
    settings: &PoolSettings,
    claims: &Map<String, Value>,
) -> Result<UserRow, TokenRefusal> {
    let text = |name: &str| claims.get(name).and_then(Value::as_str).unwrap_or_default();
    let username = match text("token_use") {
        "id" => text("cognito:username"),
        _ => text("username"),
    };
    let (user, origin_revoked) = s
        .store
        .get_user_and_origin_revoked(pool_id, &username_key(settings, username), text("origin_jti"))
        .await?
        .filter(|(u, _)| u.sub == text("sub"))
        .ok_or(TokenRefusal::Revoked)?;
    // A disabled user's families are revoked too; saying the user is disabled is clearer.
    if !user.enabled {
        return Err(TokenRefusal::UserDisabled);
    }
    let iat = claims.get("iat").and_then(Value::as_i64).unwrap_or(0);
    if iat < user.tokens_valid_after || origin_revoked {
        return Err(TokenRefusal::Revoked);
    }
    Ok(user)
}

/// The claims of an access token that operations use.
#[derive(Debug, Clone, Deserialize)]
pub struct AccessClaims {
    pub sub: String,
    pub iss: String,
    pub client_id: String,
    pub origin_jti: String,
    pub token_use: String,
    pub exp: i64,
    pub iat: i64,
    pub username: String,
    #[serde(default)]
    pub scope: Option<String>,
}

/// The signed-in user behind the access token of a token-authorised operation.
#[derive(Debug, Clone)]
pub struct SignedInUser {
    pub pool_id: String,
    pub settings: PoolSettings,
    pub user: UserRow,
    pub claims: AccessClaims,
}

/// The pool a token names in its (not yet verified) issuer, if it is shaped like a pool id.
fn unverified_pool(token: &str, issuer_of: impl Fn(&str) -> String) -> Option<String> {
    let claims: Map<String, Value> = jsonwebtoken::dangerous::insecure_decode_claims(token).ok()?;
    let iss = claims.get("iss")?.as_str()?;
    let pool = iss.rsplit('/').next()?;
    (crate::validation::user_pool_id(pool).is_ok() && issuer_of(pool) == iss).then(|| pool.to_string())
}

/// Verifies an access token completely and loads its user, with the JSON API's messages.
pub async fn verify_access_token(s: &UserPools, token: &str) -> Result<SignedInUser, UserPoolError> {
    let invalid = || UserPoolError::NotAuthorized("Invalid Access Token".into());
    let revoked = || UserPoolError::NotAuthorized("Access Token has been revoked".into());
    let refused = |e: TokenRefusal| match e {
        TokenRefusal::Expired { .. } => UserPoolError::NotAuthorized("Access Token has expired".into()),
        TokenRefusal::Revoked => revoked(),
        TokenRefusal::UserDisabled => UserPoolError::NotAuthorized("User is disabled.".into()),
        TokenRefusal::Internal(e) => e,
        _ => invalid(),
    };
    crate::keys::rs256_kid(token).map_err(|_| invalid())?;
    // The pool is named by the (not yet verified) issuer; everything is checked below.
    let pool_id = unverified_pool(token, |pool| issuer(s, pool)).ok_or_else(invalid)?;
    let (_, settings) = load_pool(s, &pool_id).await.map_err(|e| match e {
        UserPoolError::ResourceNotFound(_) | UserPoolError::InvalidParameter(_) => invalid(),
        e => e,
    })?;
    let claims = check_signed(s, &pool_id, token, "access").await.map_err(refused)?;
    // OAuth tokens granted only other scopes (`openid email`, a client_credentials token's
    // custom scopes) may not use the API.
    let scope = claims.get("scope").and_then(Value::as_str).unwrap_or_default();
    if !scope.split(' ').any(|sc| sc == super::ADMIN_SCOPE) {
        return Err(UserPoolError::NotAuthorized("Access Token does not have required scopes".into()));
    }
    let user = check_live(s, &pool_id, &settings, &claims).await.map_err(refused)?;
    let claims: AccessClaims = serde_json::from_value(Value::Object(claims)).map_err(|_| invalid())?;
    Ok(SignedInUser { pool_id, settings, user, claims })
}

/// Verifies an ID token of `pool_id` presented as an identity-pool login: both steps, plus
/// `aud` ∈ `audiences` (the app clients the identity pool accepts). Returns the claims.
// AWS deviation: AWS checks revocation only when the provider has ServerSideTokenCheck;
// incognito always does.
pub async fn verify_id_token(
    s: &UserPools,
    pool_id: &str,
    token: &str,
    audiences: &[&str],
) -> Result<Map<String, Value>, IdTokenRefusal> {
    crate::keys::rs256_kid(token).map_err(IdTokenRefusal::Token)?;
    let expected = issuer(s, pool_id);
    let unverified: Map<String, Value> = jsonwebtoken::dangerous::insecure_decode_claims(token)
        .map_err(|_| IdTokenRefusal::Token(JwtError::Malformed))?;
    if unverified.get("iss").and_then(Value::as_str) != Some(expected.as_str()) {
        return Err(IdTokenRefusal::Refused(TokenRefusal::WrongIssuer(expected)));
    }
    let settings = match load_pool(s, pool_id).await {
        Ok((_, settings)) => settings,
        Err(UserPoolError::ResourceNotFound(_) | UserPoolError::InvalidParameter(_)) => {
            return Err(IdTokenRefusal::Token(JwtError::UnknownKid(pool_id.to_string())));
        }
        Err(e) => return Err(IdTokenRefusal::Refused(TokenRefusal::Internal(e))),
    };
    let claims = s.keys.verify(pool_id, token).await.map_err(|e| IdTokenRefusal::Refused(e.into()))?;
    let Some(aud) = claims.get("aud").and_then(Value::as_str) else {
        return Err(IdTokenRefusal::Refused(TokenRefusal::MissingClaim("aud")));
    };
    if claims.get("token_use").and_then(Value::as_str) != Some("id") {
        return Err(IdTokenRefusal::Refused(TokenRefusal::WrongUse("id")));
    }
    if !audiences.contains(&aud) {
        return Err(IdTokenRefusal::WrongAudience);
    }
    let claims = judge(s, pool_id, claims, "id").map_err(IdTokenRefusal::Refused)?;
    check_live(s, pool_id, &settings, &claims).await.map_err(IdTokenRefusal::Refused)?;
    Ok(claims)
}

/// Why an ID token presented as an identity-pool login was refused.
#[derive(Debug, thiserror::Error)]
pub enum IdTokenRefusal {
    /// Not a JWT of this pool's keys at all (before the signature could be checked).
    #[error(transparent)]
    Token(JwtError),
    #[error(transparent)]
    Refused(TokenRefusal),
    /// Signed and valid, but for an app client the identity pool does not accept.
    #[error("the token's audience is not a client of this identity pool")]
    WrongAudience,
}
