//! The machine endpoints of a domain: `POST /oauth2/token`, `POST /oauth2/revoke` and
//! `GET|POST /oauth2/userInfo`, with CORS (Amplify exchanges its code with a cross-origin
//! `fetch` that sends `x-amz-user-agent`, so a preflight comes first).

use std::collections::HashMap;

use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::domain::Domain;
use crate::state::AppState;
use crate::user_pools::grants::OAuthError;
use crate::user_pools::grants::client::{ClientCredentials, OAuthClient, authenticate};
use crate::user_pools::grants::token::{self, TokenRequest};
use crate::user_pools::grants::userinfo::{UserInfoRefusal, user_info};
use crate::user_pools::ops::pools::load_pool;

fn json_response(status: StatusCode, body: Value) -> Response {
    let mut r = (status, body.to_string()).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json;charset=UTF-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// An OAuth error as the token endpoint sends it: 400 (500 for our own failures), and 401
/// for `invalid_client` where `client_status` says so (revocation).
fn oauth_error(e: OAuthError, client_status: StatusCode) -> Response {
    let status = match &e {
        OAuthError::Internal(inner) => {
            tracing::error!(error = %inner, "oauth endpoint failed");
            StatusCode::INTERNAL_SERVER_ERROR
        }
        OAuthError::InvalidClient => client_status,
        _ => StatusCode::BAD_REQUEST,
    };
    let mut body = json!({ "error": e.code() });
    if let Some(d) = e.description() {
        body["error_description"] = d.into();
    }
    json_response(status, body)
}

/// Adds the CORS headers for a request with an `Origin`.
fn cors(headers: &HeaderMap, mut response: Response) -> Response {
    if let Some(origin) = headers.get(header::ORIGIN).cloned() {
        let h = response.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        h.append(header::VARY, HeaderValue::from_static("Origin"));
    }
    response
}

/// `OPTIONS` on the machine endpoints: the preflight.
pub async fn preflight(_domain: Domain, headers: HeaderMap) -> Response {
    let mut r = StatusCode::NO_CONTENT.into_response();
    let h = r.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("POST, GET, OPTIONS"));
    let requested = headers
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .cloned()
        .unwrap_or_else(|| HeaderValue::from_static("authorization, content-type, x-amz-user-agent"));
    h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, requested);
    h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("3600"));
    cors(&headers, r)
}

fn credentials(headers: &HeaderMap, body: &HashMap<String, String>) -> Result<ClientCredentials, OAuthError> {
    ClientCredentials {
        basic: None,
        client_id: body.get("client_id").cloned(),
        client_secret: body.get("client_secret").cloned(),
    }
    .with_authorization(headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()))
}

/// A machine endpoint's form body and the client it authenticates.
async fn authenticated(
    s: &AppState,
    domain: &Domain,
    headers: &HeaderMap,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Result<(OAuthClient, HashMap<String, String>), OAuthError> {
    let Form(pairs) =
        form.map_err(|_| OAuthError::InvalidRequest("the body must be application/x-www-form-urlencoded"))?;
    // RFC 6749 §3.2: a parameter sent twice is a malformed request, not a last-one-wins.
    let mut body = HashMap::with_capacity(pairs.len());
    for (name, value) in pairs {
        if body.insert(name, value).is_some() {
            return Err(OAuthError::InvalidRequest("a parameter was sent more than once"));
        }
    }
    let client = authenticate(&s.user_pools, &domain.pool_id, &credentials(headers, &body)?).await?;
    Ok((client, body))
}

/// `POST /oauth2/token`.
pub async fn token(
    State(s): State<AppState>,
    domain: Domain,
    headers: HeaderMap,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let result = async {
        let (client, body) = authenticated(&s, &domain, &headers, form).await?;
        let (_, settings) = load_pool(&s.user_pools, &domain.pool_id).await?;
        let field = |name: &str| body.get(name).cloned();
        let request = TokenRequest {
            grant_type: field("grant_type"),
            code: field("code"),
            redirect_uri: field("redirect_uri"),
            code_verifier: field("code_verifier"),
            refresh_token: field("refresh_token"),
            scope: field("scope"),
        };
        token::grant(&s.user_pools, &settings, &client, &request).await
    }
    .await;
    let response = match result {
        Ok(t) => {
            let mut body = json!({ "access_token": t.access_token, "token_type": t.token_type, "expires_in": t.expires_in });
            if let Some(id) = t.id_token {
                body["id_token"] = id.into();
            }
            if let Some(refresh) = t.refresh_token {
                body["refresh_token"] = refresh.into();
            }
            json_response(StatusCode::OK, body)
        }
        Err(e) => oauth_error(e, StatusCode::BAD_REQUEST),
    };
    cors(&headers, response)
}

/// `POST /oauth2/revoke`.
pub async fn revoke(
    State(s): State<AppState>,
    domain: Domain,
    headers: HeaderMap,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let result = async {
        let (client, body) = authenticated(&s, &domain, &headers, form).await?;
        token::revoke(&s.user_pools, &client, body.get("token").map(String::as_str)).await
    }
    .await;
    let response = match result {
        Ok(()) => StatusCode::OK.into_response(),
        Err(e) => oauth_error(e, StatusCode::UNAUTHORIZED),
    };
    cors(&headers, response)
}

fn www_authenticate(status: StatusCode, error: &str, description: &str) -> Response {
    let mut r = status.into_response();
    let value = format!("Bearer error=\"{error}\", error_description=\"{description}\"");
    if let Ok(v) = HeaderValue::from_str(&value) {
        r.headers_mut().insert(header::WWW_AUTHENTICATE, v);
    }
    r
}

/// `GET` or `POST /oauth2/userInfo`.
pub async fn userinfo(State(s): State<AppState>, domain: Domain, headers: HeaderMap) -> Response {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let response = match bearer {
        None => www_authenticate(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Bad OAuth2 request at UserInfo Endpoint",
        ),
        Some(token) => match user_info(&s.user_pools, &domain.pool_id, token).await {
            Ok(claims) => {
                let mut r = json_response(StatusCode::OK, Value::Object(claims));
                r.headers_mut().insert(
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("no-cache, no-store, max-age=0, must-revalidate"),
                );
                r
            }
            Err(UserInfoRefusal::InvalidToken) => www_authenticate(
                StatusCode::UNAUTHORIZED,
                "invalid_token",
                "Access token is expired, disabled, or deleted, or the user has globally signed out.",
            ),
            Err(UserInfoRefusal::Internal(e)) => {
                tracing::error!(error = %e, "userInfo failed");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        },
    };
    cors(&headers, response)
}
