//! The public, unauthenticated documents a token verifier needs: each pool's JWKS and OIDC
//! discovery document under `/{userPoolId}/.well-known/`. Discovery advertises the
//! `/oauth2/*` endpoints of the pool's domain (its custom domain if it has one, else its
//! prefix) when it has one, at `hosted_ui.discovery_base` or by default under the public
//! URL (`<public_url>/_domain/<domain>/oauth2/…`), which every client can resolve.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::credentials::openid;
use crate::state::AppState;
use crate::user_pools::UserPoolError;
use crate::user_pools::ops::pools::load_pool;
use crate::user_pools::tokens::{issuer, pool_keys};

fn not_found(e: UserPoolError) -> Response {
    let status = match e {
        UserPoolError::ResourceNotFound(_) | UserPoolError::InvalidParameter(_) => StatusCode::NOT_FOUND,
        _ => {
            tracing::error!(error = %e, "well-known document failed");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    };
    (status, Json(json!({ "message": e.to_string() }))).into_response()
}

fn cached(mut response: Response) -> Response {
    // Verifiers cache keys; a short max-age lets a rotation reach them quickly.
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    response
}

/// `GET /{userPoolId}/.well-known/jwks.json`: the active key and recently retired ones.
pub async fn jwks(State(s): State<AppState>, Path(pool_id): Path<String>) -> Response {
    if pool_id == openid::KEY_OWNER {
        return identity_jwks(&s).await;
    }
    if let Err(e) = load_pool(&s.user_pools, &pool_id).await {
        return not_found(e);
    }
    match pool_keys(&s.user_pools, &pool_id).await {
        Ok(keys) => {
            let now = s.clock.now_millis();
            let published: Vec<_> = keys.published(now).map(|k| k.jwk.clone()).collect();
            cached(Json(json!({ "keys": published })).into_response())
        }
        Err(e) => not_found(e),
    }
}

/// `GET /{userPoolId}/.well-known/openid-configuration`.
pub async fn openid_configuration(State(s): State<AppState>, Path(pool_id): Path<String>) -> Response {
    if pool_id == openid::KEY_OWNER {
        return identity_openid_configuration(&s);
    }
    if let Err(e) = load_pool(&s.user_pools, &pool_id).await {
        return not_found(e);
    }
    let base = format!("{}/{pool_id}", s.public_url());
    let mut doc = json!({
        "issuer": issuer(&s.user_pools, &pool_id),
        "jwks_uri": format!("{base}/.well-known/jwks.json"),
        "id_token_signing_alg_values_supported": ["RS256"],
        "subject_types_supported": ["public"],
        "response_types_supported": ["code", "token"],
        "scopes_supported": ["openid", "email", "phone", "profile"],
    });
    let domains = match s.user_pools.store.list_pool_domains(&pool_id).await {
        Ok(d) => d,
        Err(e) => return not_found(e.into()),
    };
    // unsure: which of its two domains AWS advertises; the custom one here.
    let domain = domains.iter().find(|d| d.custom).or(domains.first());
    if let Some(domain) = domain {
        let root = domain_base(&s, &domain.domain);
        doc["authorization_endpoint"] = format!("{root}/oauth2/authorize").into();
        doc["token_endpoint"] = format!("{root}/oauth2/token").into();
        doc["userinfo_endpoint"] = format!("{root}/oauth2/userInfo").into();
        doc["token_endpoint_auth_methods_supported"] = json!(["client_secret_basic", "client_secret_post"]);
    }
    cached(Json(doc).into_response())
}

/// The base URL discovery advertises for `domain`.
pub fn domain_base(s: &AppState, domain: &str) -> String {
    match &s.config.hosted_ui.discovery_base {
        Some(template) => template.replace("{domain}", domain).trim_end_matches('/').to_string(),
        None => format!("{}{}{domain}", s.public_url(), super::domain::PATH_PREFIX),
    }
}

/// `GET /cognito-identity/.well-known/jwks.json`: the keys of identity-pool OpenID tokens.
async fn identity_jwks(s: &AppState) -> Response {
    match openid::token_keys(&s.credentials).await {
        Ok(keys) => {
            let now = s.clock.now_millis();
            let published: Vec<_> = keys.published(now).map(|k| k.jwk.clone()).collect();
            cached(Json(json!({ "keys": published })).into_response())
        }
        Err(e) => {
            tracing::error!(error = %e, "identity jwks failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// `GET /cognito-identity/.well-known/openid-configuration`: discovery for the tokens of
/// GetOpenIdToken, so generic OIDC verifiers can check them.
fn identity_openid_configuration(s: &AppState) -> Response {
    let base = format!("{}/{}", s.public_url(), openid::KEY_OWNER);
    cached(
        Json(json!({
            "issuer": openid::issuer(&s.credentials),
            "jwks_uri": format!("{base}/.well-known/jwks.json"),
            "id_token_signing_alg_values_supported": ["RS256"],
            "subject_types_supported": ["public"],
            "response_types_supported": ["id_token"],
            "claims_supported": ["sub", "aud", "iss", "amr", "exp", "iat"],
        }))
        .into_response(),
    )
}
