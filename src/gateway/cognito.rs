//! The `cognito` authorizer: a user-pool JWT, verified against the pool's keys held in
//! memory (`keys::KeyCache`), with no database read per request.
//!
//! Checks, in order: a token is present (`Authorization: Bearer <jwt>` or the raw token, as
//! API Gateway accepts); then the user pools' own first step (`tokens::check_signed`: RS256
//! with a `kid` of the route's pool, signature, issuer, `token_use`, expiry); revocation (the
//! in-memory [`super::revocation::RevocationView`]). Those are 401s. Then the route's rules:
//! client allow-list (`aud` of ID tokens, `client_id` of access tokens), scopes, groups and
//! required claim values.
//! Those are 403s.

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use serde_json::Value;

use super::revocation::Revocation;
use super::{Denial, Gateway, Identity, Route};
use crate::config::gateway::TokenUse;
use crate::keys::JwtError;
use crate::user_pools::tokens::{self, TokenRefusal};

/// The token in `Authorization`: after `Bearer ` (any case), or the whole value.
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let token = match value.split_once(' ') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
        _ => value,
    };
    (!token.is_empty()).then_some(token)
}

fn invalid(description: impl Into<String>) -> Denial {
    Denial::InvalidToken(description.into())
}

pub async fn authorize(gw: &Gateway, route: &Route, headers: &HeaderMap) -> Result<Identity, Denial> {
    let pools = &gw.state.user_pools;
    let pool = route.config.user_pool_id.as_deref().unwrap_or_default();
    let token = bearer_token(headers).ok_or(Denial::MissingToken)?;
    let want = route.config.token_use;
    let claims = tokens::check_signed(pools, pool, token, want.as_str()).await.map_err(|e| match e {
        TokenRefusal::Internal(e) => {
            tracing::error!(error = %e, user_pool.id = %pool, "checking a token failed");
            Denial::Unavailable
        }
        TokenRefusal::WrongUse(_) => invalid(format!("the route accepts {} tokens only", want.as_str())),
        TokenRefusal::Jwt(JwtError::UnknownKid(_)) => {
            invalid(format!("the token was not signed by a key of user pool {pool} (unknown kid)"))
        }
        e => invalid(e.to_string()),
    })?;

    let str_claim = |name: &str| claims.get(name).and_then(Value::as_str);
    let int_claim = |name: &str| claims.get(name).and_then(Value::as_i64);
    let sub = str_claim("sub").ok_or_else(|| invalid("the token has no sub"))?;
    let iat = int_claim("iat").unwrap_or(0);
    match gw.revocations.check(pool, sub, str_claim("origin_jti"), iat) {
        Revocation::Valid => {}
        Revocation::Revoked => return Err(invalid("the token has been revoked")),
        Revocation::Unavailable => return Err(Denial::Unavailable),
    }

    let client_id = match want {
        TokenUse::Access => str_claim("client_id"),
        TokenUse::Id => str_claim("aud"),
    }
    .unwrap_or_default();
    if !route.config.client_ids.is_empty() && !route.config.client_ids.iter().any(|c| c == client_id) {
        return Err(Denial::Forbidden(format!(
            "the token was issued to app client {client_id}, which route '{}' does not accept \
             (gateway.routes.client_ids)",
            route.config.name
        )));
    }
    let scopes: Vec<&str> =
        str_claim("scope").map(|s| s.split(' ').filter(|s| !s.is_empty()).collect()).unwrap_or_default();
    if !route.config.scopes.is_empty()
        && !route.config.scopes.iter().any(|want| scopes.contains(&want.as_str()))
    {
        return Err(Denial::Forbidden(format!(
            "route '{}' needs one of the scopes [{}]; the token has [{}]",
            route.config.name,
            route.config.scopes.join(", "),
            scopes.join(", ")
        )));
    }
    let groups: Vec<&str> = claims
        .get("cognito:groups")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if !route.config.groups.is_empty()
        && !route.config.groups.iter().any(|want| groups.contains(&want.as_str()))
    {
        return Err(Denial::Forbidden(format!(
            "route '{}' needs membership in one of the groups [{}]; the user is in [{}]",
            route.config.name,
            route.config.groups.join(", "),
            groups.join(", ")
        )));
    }
    for (name, want_value) in &route.config.claims {
        let holds = match claims.get(name) {
            Some(Value::String(v)) => v == want_value,
            Some(Value::Array(values)) => values.iter().any(|v| v.as_str() == Some(want_value)),
            Some(other @ (Value::Number(_) | Value::Bool(_))) => {
                want_value.parse::<Value>().ok().as_ref() == Some(other)
            }
            _ => false,
        };
        if !holds {
            return Err(Denial::Forbidden(format!(
                "route '{}' needs the claim {name} = {want_value}; the token has {}",
                route.config.name,
                claims.get(name).map_or_else(|| "none".to_string(), Value::to_string)
            )));
        }
    }
    let username = match want {
        TokenUse::Access => str_claim("username"),
        TokenUse::Id => str_claim("cognito:username"),
    }
    .unwrap_or_default();
    let mut identity = Identity::default();
    identity.push("x-incognito-sub", sub);
    identity.push("x-incognito-username", username);
    identity.push("x-incognito-groups", &groups.join(","));
    identity.push("x-incognito-client-id", client_id);
    identity.push("x-incognito-scopes", &scopes.join(" "));
    identity.push("x-incognito-claims", &Value::Object(claims.clone()).to_string());
    Ok(identity)
}
