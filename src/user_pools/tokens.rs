//! Cognito-exact tokens: RS256 ID and access tokens signed with the pool's active key
//! (`kid` in the header, no `typ`), claims as Cognito issues them, opaque refresh tokens
//! stored as SHA-256, and verification of access tokens for token-authorised operations
//! (signature, issuer, `token_use`, expiry against the injectable clock, sign-out and
//! revocation).

use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::Algorithm;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::error::UserPoolError;
use super::model::{ClientSettings, PoolSettings};
use super::ops::pools::load_pool;
use super::store::{ClientRow, GroupRow, RefreshTokenRow, UserRow};
use super::users::{attributes_with_sub, username_key};
use crate::app::AppState;
use crate::config::IssuerStyle;
use crate::keys::{self, PoolKeys};

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
    pub id_token: String,
}

/// The issuer of a pool's tokens.
pub fn issuer(s: &AppState, pool_id: &str) -> String {
    match s.config.tokens.issuer_style {
        IssuerStyle::PublicUrl => format!("{}/{pool_id}", s.public_url()),
        IssuerStyle::Aws => format!("https://cognito-idp.{}.amazonaws.com/{pool_id}", s.region()),
    }
}

/// The pool's keys, creating the first key if the pool has none (e.g. an interrupted create).
pub async fn pool_keys(s: &AppState, pool_id: &str) -> Result<Arc<PoolKeys>, UserPoolError> {
    let now = s.clock.now_millis();
    s.keys
        .get_or_create(s.store.as_ref(), &s.sealer, pool_id, now)
        .await
        .map_err(|e| UserPoolError::Internal(e.to_string()))
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
        .map_err(|e| UserPoolError::Internal(format!("client settings: {e}")))
}

pub fn hash_refresh_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn random_token(bytes: usize) -> String {
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
}

/// Groups of a user, ordered by precedence (lowest first), then name.
async fn groups_of(s: &AppState, user: &UserRow) -> Result<Vec<GroupRow>, UserPoolError> {
    let mut groups = s.store.list_groups_for_user(&user.user_pool_id, &user.username_key, None, 1000).await?;
    groups.sort_by(|a, b| {
        a.precedence
            .unwrap_or(i64::MAX)
            .cmp(&b.precedence.unwrap_or(i64::MAX))
            .then(a.group_name.cmp(&b.group_name))
    });
    Ok(groups)
}

/// The ID token's attribute claims: every readable attribute, with booleans and numbers
/// typed as Cognito types them and custom attributes as strings.
fn attribute_claims(
    settings: &PoolSettings,
    client: &ClientSettings,
    user: &UserRow,
) -> Result<Map<String, Value>, UserPoolError> {
    let mut claims = Map::new();
    for a in attributes_with_sub(user)? {
        if a.name == "sub" {
            continue;
        }
        if let Some(readable) = &client.read_attributes
            && !readable.contains(&a.name)
        {
            continue;
        }
        let value = a.value.unwrap_or_default();
        let typed = match settings.schema_attribute(&a.name).map(|s| s.data_type()) {
            Some("Boolean") if !a.name.starts_with("custom:") => Value::Bool(value == "true"),
            Some("Number") if !a.name.starts_with("custom:") => {
                value.parse::<i64>().map(Value::from).unwrap_or(Value::String(value))
            }
            _ => Value::String(value),
        };
        claims.insert(a.name, typed);
    }
    Ok(claims)
}

/// Mints an ID and access token (and, for a new sign-in, a refresh token) for `user`.
pub async fn issue(
    s: &AppState,
    settings: &PoolSettings,
    client: &ClientRow,
    user: &UserRow,
    origin: Option<Origin>,
) -> Result<AuthenticationResult, UserPoolError> {
    let keys = pool_keys(s, &user.user_pool_id).await?;
    let key = keys.active().ok_or_else(|| UserPoolError::Internal("no active signing key".into()))?;
    let client_settings = client_settings(client)?;
    let validity = Validity::of(&client_settings);
    let now_ms = s.clock.now_millis();
    let now = now_ms.div_euclid(1000);
    let iss = issuer(s, &user.user_pool_id);
    let new_family = origin.is_none();
    let origin = origin.unwrap_or_else(|| Origin { origin_jti: crate::crypto::ids::uuid(), auth_time: now });
    let event_id = crate::crypto::ids::uuid();
    let groups = groups_of(s, user).await?;
    let group_names: Vec<Value> = groups.iter().map(|g| Value::String(g.group_name.clone())).collect();

    let mut id = attribute_claims(settings, &client_settings, user)?;
    id.insert("sub".into(), user.sub.clone().into());
    if !group_names.is_empty() {
        id.insert("cognito:groups".into(), Value::Array(group_names.clone()));
        let roles: Vec<Value> = groups.iter().filter_map(|g| g.role_arn.clone()).map(Value::String).collect();
        if let Some(preferred) = groups.iter().find_map(|g| g.role_arn.clone()) {
            id.insert("cognito:preferred_role".into(), preferred.into());
            id.insert("cognito:roles".into(), Value::Array(roles));
        }
    }
    id.insert("iss".into(), iss.clone().into());
    id.insert("cognito:username".into(), user.username.clone().into());
    id.insert("origin_jti".into(), origin.origin_jti.clone().into());
    id.insert("aud".into(), client.client_id.clone().into());
    id.insert("event_id".into(), event_id.clone().into());
    id.insert("token_use".into(), "id".into());
    id.insert("auth_time".into(), origin.auth_time.into());
    id.insert("exp".into(), (now + validity.id).into());
    id.insert("iat".into(), now.into());
    id.insert("jti".into(), crate::crypto::ids::uuid().into());

    let mut access = Map::new();
    access.insert("sub".into(), user.sub.clone().into());
    if !group_names.is_empty() {
        access.insert("cognito:groups".into(), Value::Array(group_names));
    }
    access.insert("iss".into(), iss.into());
    access.insert("client_id".into(), client.client_id.clone().into());
    access.insert("origin_jti".into(), origin.origin_jti.clone().into());
    access.insert("event_id".into(), event_id.into());
    access.insert("token_use".into(), "access".into());
    access.insert("scope".into(), ADMIN_SCOPE.into());
    access.insert("auth_time".into(), origin.auth_time.into());
    access.insert("exp".into(), (now + validity.access).into());
    access.insert("iat".into(), now.into());
    access.insert("jti".into(), crate::crypto::ids::uuid().into());
    access.insert("username".into(), user.username.clone().into());

    let sign =
        |claims: &Map<String, Value>| key.sign(claims).map_err(|e| UserPoolError::Internal(e.to_string()));
    let refresh_token = if new_family {
        let token = random_token(96);
        s.store
            .insert_refresh_token(&RefreshTokenRow {
                token_hash: hash_refresh_token(&token),
                user_pool_id: user.user_pool_id.clone(),
                client_id: client.client_id.clone(),
                username_key: user.username_key.clone(),
                origin_jti: origin.origin_jti.clone(),
                auth_time: origin.auth_time,
                created_at: now_ms,
                expires_at: now_ms + validity.refresh * 1000,
                revoked_at: None,
            })
            .await?;
        Some(token)
    } else {
        None
    };
    Ok(AuthenticationResult {
        access_token: sign(&access)?,
        expires_in: validity.access,
        token_type: "Bearer",
        refresh_token,
        id_token: sign(&id)?,
    })
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

/// An authenticated caller of a token-authorised operation.
#[derive(Debug, Clone)]
pub struct Caller {
    pub pool_id: String,
    pub settings: PoolSettings,
    pub user: UserRow,
    pub claims: AccessClaims,
}

fn invalid() -> UserPoolError {
    UserPoolError::NotAuthorized("Invalid Access Token".into())
}

/// Verifies an access token completely and loads its user.
pub async fn verify_access_token(s: &AppState, token: &str) -> Result<Caller, UserPoolError> {
    let header = jsonwebtoken::decode_header(token).map_err(|_| invalid())?;
    if header.alg != Algorithm::RS256 {
        return Err(invalid());
    }
    let kid = header.kid.ok_or_else(invalid)?;
    // The pool is named by the (not yet verified) issuer; everything is checked below.
    let unverified: AccessClaims =
        jsonwebtoken::dangerous::insecure_decode_claims(token).map_err(|_| invalid())?;
    let pool_id = unverified.iss.rsplit('/').next().unwrap_or_default().to_string();
    if super::validate::user_pool_id(&pool_id).is_err() {
        return Err(invalid());
    }
    let (_, settings) = load_pool(s, &pool_id).await.map_err(|e| match e {
        UserPoolError::ResourceNotFound(_) | UserPoolError::InvalidParameter(_) => invalid(),
        e => e,
    })?;
    let keys = pool_keys(s, &pool_id).await?;
    let key = keys.by_kid(&kid).ok_or_else(invalid)?;
    let validation = keys::rs256_validation(&issuer(s, &pool_id));
    let claims = jsonwebtoken::decode::<AccessClaims>(token, &key.decoding, &validation)
        .map_err(|_| invalid())?
        .claims;
    if claims.token_use != "access" {
        return Err(invalid());
    }
    if claims.exp <= s.clock.now_secs() {
        return Err(UserPoolError::NotAuthorized("Access Token has expired".into()));
    }
    let (user, origin_revoked) = s
        .store
        .get_user_and_origin_revoked(&pool_id, &username_key(&settings, &claims.username), &claims.origin_jti)
        .await?
        .filter(|(u, _)| u.sub == claims.sub)
        .ok_or_else(|| UserPoolError::NotAuthorized("Access Token has been revoked".into()))?;
    if claims.iat < user.tokens_valid_after || origin_revoked {
        return Err(UserPoolError::NotAuthorized("Access Token has been revoked".into()));
    }
    if !user.enabled {
        return Err(UserPoolError::NotAuthorized("User is disabled.".into()));
    }
    Ok(Caller { pool_id, settings, user, claims })
}

/// Verifies an ID token of `pool_id` presented as an identity-pool login
/// (`crate::federation`): RS256 with the pool's key named by `kid`, the pool's issuer,
/// `token_use` = id, `aud` ∈ `audiences` (the app clients the identity pool accepts),
/// expiry against the clock, then revocation like access tokens: the user still exists
/// with the same `sub`, is enabled, did not sign out globally after the token was issued,
/// and the token's family (`origin_jti`) is not revoked. Refusals are `NotAuthorized`
/// with the identity-pool API's wording; returns the token's claims.
// AWS deviation: AWS checks revocation only when the provider has ServerSideTokenCheck;
// incognito always does.
pub async fn verify_id_token(
    s: &AppState,
    pool_id: &str,
    token: &str,
    audiences: &[&str],
) -> Result<Map<String, Value>, UserPoolError> {
    use crate::federation::messages;
    let refused = |m: &str| UserPoolError::NotAuthorized(m.to_string());
    let header = jsonwebtoken::decode_header(token).map_err(|_| refused(messages::NOT_OIDC))?;
    if header.alg != Algorithm::RS256 {
        return Err(refused(messages::BAD_SIGNATURE));
    }
    let kid = header.kid.ok_or_else(|| refused(messages::BAD_SIGNATURE))?;
    let expected_issuer = issuer(s, pool_id);
    let unverified: Map<String, Value> =
        jsonwebtoken::dangerous::insecure_decode_claims(token).map_err(|_| refused(messages::NOT_OIDC))?;
    if unverified.get("iss").and_then(Value::as_str) != Some(expected_issuer.as_str()) {
        return Err(refused(messages::WRONG_ISSUER));
    }
    let (_, settings) = load_pool(s, pool_id).await.map_err(|e| match e {
        UserPoolError::ResourceNotFound(_) | UserPoolError::InvalidParameter(_) => {
            refused(messages::BAD_SIGNATURE)
        }
        e => e,
    })?;
    let keys = pool_keys(s, pool_id).await?;
    let key = keys.by_kid(&kid).ok_or_else(|| refused(messages::BAD_SIGNATURE))?;
    let validation = keys::rs256_validation(&expected_issuer);
    let claims = jsonwebtoken::decode::<Map<String, Value>>(token, &key.decoding, &validation)
        .map_err(|_| refused(messages::BAD_SIGNATURE))?
        .claims;
    let text = |name: &str| claims.get(name).and_then(Value::as_str).unwrap_or_default();
    let number = |name: &str| claims.get(name).and_then(Value::as_i64);
    let Some(aud) = claims.get("aud").and_then(Value::as_str) else {
        return Err(refused(&messages::missing_claim("aud")));
    };
    if text("token_use") != "id" {
        return Err(refused(messages::NOT_OIDC));
    }
    if !audiences.contains(&aud) {
        return Err(refused(messages::NOT_SUPPORTED));
    }
    let now = s.clock.now_secs();
    let exp = number("exp").ok_or_else(|| refused(&messages::missing_claim("exp")))?;
    if now >= exp {
        return Err(refused(&messages::expired(now, exp)));
    }
    let (user, origin_revoked) = s
        .store
        .get_user_and_origin_revoked(
            pool_id,
            &username_key(&settings, text("cognito:username")),
            text("origin_jti"),
        )
        .await?
        .filter(|(u, _)| u.sub == text("sub"))
        .ok_or_else(|| refused(messages::REVOKED))?;
    let iat = number("iat").unwrap_or(0);
    if iat < user.tokens_valid_after || origin_revoked {
        return Err(refused(messages::REVOKED));
    }
    if !user.enabled {
        return Err(refused(messages::USER_DISABLED));
    }
    Ok(claims)
}
