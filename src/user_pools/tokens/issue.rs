//! Minting: the ID and access tokens of a sign-in or refresh, with Cognito's claims, and
//! the refresh token of a new sign-in (stored hashed). The OAuth flows (hosted pages,
//! `/oauth2/token`) add what Cognito adds there: the granted `scope` and `version: 2` in the
//! access token; `at_hash`, the `nonce` and scope-bounded attributes in the ID token, which
//! exists only when `openid` was granted.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::{
    AuthenticationResult, Origin, Validity, client_settings, hash_refresh_token, pool_keys, random_token,
};
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::{ClientSettings, PoolSettings};
use crate::user_pools::store::{ClientRow, GroupRow, RefreshTokenRow, UserRow};
use crate::user_pools::triggers::token::{self as token_trigger, GroupClaims, TokenRequest};
use crate::user_pools::triggers::{Caller, Trigger, function as trigger_configured};
use crate::user_pools::users::attributes_with_sub;

/// Groups of a user, ordered by precedence (lowest first), then name.
async fn groups_of(s: &UserPools, user: &UserRow) -> Result<Vec<GroupRow>, UserPoolError> {
    let mut groups = s.store.list_groups_for_user(&user.user_pool_id, &user.username_key, None, 1000).await?;
    groups.sort_by(|a, b| {
        a.precedence
            .unwrap_or(i64::MAX)
            .cmp(&b.precedence.unwrap_or(i64::MAX))
            .then(a.group_name.cmp(&b.group_name))
    });
    Ok(groups)
}

/// What an OAuth flow grants beyond the JSON API's tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OAuthGrant {
    /// The granted scopes, in request order, without duplicates.
    pub scopes: Vec<String>,
    /// The client's `nonce` from `/oauth2/authorize`, for the ID token.
    pub nonce: Option<String>,
    /// When the user signed in (epoch seconds), if before now: the hosted pages' session.
    pub auth_time: Option<i64>,
}

impl OAuthGrant {
    pub fn has(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == scope)
    }
}

/// The attributes the `profile` scope releases (OpenID Connect's standard claims).
pub const PROFILE_ATTRIBUTES: &[&str] = &[
    "name",
    "family_name",
    "given_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "profile",
    "picture",
    "website",
    "gender",
    "birthdate",
    "zoneinfo",
    "locale",
    "updated_at",
    "address",
];

/// Whether the granted scopes release attribute `name`: `openid` alone releases every
/// readable attribute; with `profile`, `email` or `phone` only those groups (and custom
/// attributes) are released.
pub fn scope_releases(grant: &OAuthGrant, name: &str) -> bool {
    let narrowed = ["profile", "email", "phone"].iter().any(|sc| grant.has(sc));
    if !narrowed || name.starts_with("custom:") || name == "identities" {
        return true;
    }
    (grant.has("profile") && PROFILE_ATTRIBUTES.contains(&name))
        || (grant.has("email") && (name == "email" || name == "email_verified"))
        || (grant.has("phone") && (name == "phone_number" || name == "phone_number_verified"))
}

/// OpenID Connect's `at_hash`: base64url of the left half of SHA-256 of the access token.
pub fn at_hash(access_token: &str) -> String {
    let digest = Sha256::digest(access_token.as_bytes());
    URL_SAFE_NO_PAD.encode(&digest[..16])
}

/// The ID token's attribute claims: every readable attribute (bounded by the granted scopes
/// in the OAuth flows), with booleans and numbers typed as Cognito types them and custom
/// attributes as strings.
fn attribute_claims(
    settings: &PoolSettings,
    client: &ClientSettings,
    user: &UserRow,
    oauth: Option<&OAuthGrant>,
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
        if oauth.is_some_and(|g| !scope_releases(g, &a.name)) {
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

/// How a set of tokens comes about: a new sign-in or a refresh (`origin` given), through an
/// OAuth flow (`oauth`) or not, and what the PreTokenGeneration trigger is told.
#[derive(Debug, Clone, Copy)]
pub struct Issuing<'a> {
    pub origin: Option<&'a Origin>,
    pub oauth: Option<&'a OAuthGrant>,
    /// The trigger source, e.g. `TokenGeneration_Authentication`.
    pub source: &'a str,
    pub caller: Caller<'a>,
}

impl<'a> Issuing<'a> {
    /// A sign-in through the JSON API.
    pub fn sign_in(source: &'a str, caller: Caller<'a>) -> Self {
        Self { origin: None, oauth: None, source, caller }
    }
}

/// Mints an ID and access token (and, for a new sign-in, a refresh token) for `user`.
/// `oauth` is the grant of an OAuth sign-in; a refresh (`origin` given) carries on the
/// family's own grant. A PreTokenGeneration trigger changes the claims before signing.
pub async fn issue(
    s: &UserPools,
    settings: &PoolSettings,
    client: &ClientRow,
    user: &UserRow,
    how: Issuing<'_>,
) -> Result<AuthenticationResult, UserPoolError> {
    let (origin, oauth) = (how.origin.cloned(), how.oauth);
    let keys = pool_keys(s, &user.user_pool_id).await?;
    let client_settings = client_settings(client)?;
    let validity = Validity::of(&client_settings);
    let now_ms = s.clock.now_millis();
    let now = now_ms.div_euclid(1000);
    let iss = super::issuer(s, &user.user_pool_id);
    let new_family = origin.is_none();
    let refreshed = origin.as_ref().and_then(|o| o.scopes.clone()).map(|scopes| OAuthGrant {
        scopes,
        nonce: None,
        auth_time: None,
    });
    let oauth = oauth.cloned().or(refreshed);
    let origin = origin.unwrap_or_else(|| Origin {
        origin_jti: crate::crypto::ids::uuid(),
        auth_time: oauth.as_ref().and_then(|g| g.auth_time).unwrap_or(now),
        scopes: oauth.as_ref().map(|g| g.scopes.clone()),
    });
    let event_id = crate::crypto::ids::uuid();
    let groups = groups_of(s, user).await?;
    let group_names: Vec<Value> = groups.iter().map(|g| Value::String(g.group_name.clone())).collect();

    let group_claims = GroupClaims {
        groups: groups.iter().map(|g| g.group_name.clone()).collect(),
        roles: groups.iter().filter_map(|g| g.role_arn.clone()).collect(),
        preferred_role: groups.iter().find_map(|g| g.role_arn.clone()),
    };

    let mut id = attribute_claims(settings, &client_settings, user, oauth.as_ref())?;
    id.insert("sub".into(), user.sub.clone().into());
    if !group_names.is_empty() {
        id.insert("cognito:groups".into(), Value::Array(group_names.clone()));
        if let Some(preferred) = &group_claims.preferred_role {
            id.insert("cognito:preferred_role".into(), preferred.clone().into());
            id.insert("cognito:roles".into(), group_claims.roles.clone().into());
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
    if let Some(nonce) = oauth.as_ref().and_then(|g| g.nonce.clone()) {
        id.insert("nonce".into(), nonce.into());
    }
    let with_id = oauth.as_ref().is_none_or(|g| g.has("openid"));

    let mut access = Map::new();
    access.insert("sub".into(), user.sub.clone().into());
    if !group_names.is_empty() {
        access.insert("cognito:groups".into(), Value::Array(group_names));
    }
    access.insert("iss".into(), iss.into());
    if oauth.is_some() {
        access.insert("version".into(), 2.into());
    }
    access.insert("client_id".into(), client.client_id.clone().into());
    access.insert("origin_jti".into(), origin.origin_jti.clone().into());
    access.insert("event_id".into(), event_id.into());
    access.insert("token_use".into(), "access".into());
    let scope = oauth.as_ref().map_or_else(|| super::ADMIN_SCOPE.to_string(), |g| g.scopes.join(" "));
    access.insert("scope".into(), scope.clone().into());
    access.insert("auth_time".into(), origin.auth_time.into());
    access.insert("exp".into(), (now + validity.access).into());
    access.insert("iat".into(), now.into());
    access.insert("jti".into(), crate::crypto::ids::uuid().into());
    access.insert("username".into(), user.username.clone().into());

    if trigger_configured(settings, Trigger::PreTokenGeneration).is_some() {
        let scopes: Vec<String> = scope.split(' ').filter(|s| !s.is_empty()).map(String::from).collect();
        let request = TokenRequest {
            source: how.source,
            client,
            caller: how.caller,
            groups: &group_claims,
            scopes: &scopes,
        };
        if let Some(overrides) = token_trigger::pre_token_generation(s, settings, user, request).await? {
            overrides.apply(with_id.then_some(&mut id), &mut access);
        }
    }

    // RSA signing costs most of a sign-in's CPU (about 1 ms per token here): done on the
    // blocking pool, so the async workers stay free to hand back database connections. Done
    // inline, a task holding SQLite's single writer waited behind other tasks' signatures and
    // the whole server queued on it with cores idle (measured: bench/README.md).
    let with_at_hash = oauth.is_some();
    let signing = tokio::task::spawn_blocking(move || {
        let key = keys.active().ok_or(crate::keys::KeyError::Missing)?;
        let access_token = key.sign(&access)?;
        let id_token = if with_id {
            if with_at_hash {
                id.insert("at_hash".into(), at_hash(&access_token).into());
            }
            Some(key.sign(&id)?)
        } else {
            None
        };
        Ok::<_, crate::keys::KeyError>((access_token, id_token))
    });
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
                scopes: origin.scopes.as_ref().map(|sc| sc.join(" ")),
                rotated_at: None,
                successor_sealed: None,
            })
            .await?;
        Some(token)
    } else {
        None
    };
    let (access_token, id_token) =
        signing.await.map_err(|e| UserPoolError::Internal(crate::error::Internal::source(e)))??;
    Ok(AuthenticationResult {
        access_token,
        expires_in: validity.access,
        token_type: "Bearer",
        refresh_token,
        id_token,
    })
}

/// The access token of the `client_credentials` grant: exactly Cognito's ten claims, the
/// client as its own subject, no ID or refresh token.
pub async fn issue_client_token(
    s: &UserPools,
    settings: &PoolSettings,
    client: &ClientRow,
    scopes: &[String],
) -> Result<AuthenticationResult, UserPoolError> {
    let keys = pool_keys(s, &client.user_pool_id).await?;
    let validity = Validity::of(&client_settings(client)?);
    let now = s.clock.now_secs();
    let mut access = Map::new();
    access.insert("sub".into(), client.client_id.clone().into());
    access.insert("token_use".into(), "access".into());
    access.insert("scope".into(), scopes.join(" ").into());
    access.insert("auth_time".into(), now.into());
    access.insert("iss".into(), super::issuer(s, &client.user_pool_id).into());
    access.insert("exp".into(), (now + validity.access).into());
    access.insert("iat".into(), now.into());
    access.insert("version".into(), 2.into());
    access.insert("jti".into(), crate::crypto::ids::uuid().into());
    access.insert("client_id".into(), client.client_id.clone().into());
    if let Some(overrides) = token_trigger::client_credentials(s, settings, client, scopes).await? {
        overrides.apply(None, &mut access);
    }
    let access_token = tokio::task::spawn_blocking(move || {
        let key = keys.active().ok_or(crate::keys::KeyError::Missing)?;
        key.sign(&access)
    })
    .await
    .map_err(|e| UserPoolError::Internal(crate::error::Internal::source(e)))??;
    Ok(AuthenticationResult {
        access_token,
        expires_in: validity.access,
        token_type: "Bearer",
        refresh_token: None,
        id_token: None,
    })
}
