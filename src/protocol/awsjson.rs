//! AWS JSON 1.1 at `POST /`: the operation is named by `X-Amz-Target`
//! (`AWSCognitoIdentityProviderService.<Op>` for user pools, `AWSCognitoIdentityService.<Op>`
//! for identity pools), the body is the request shape as JSON, and
//! errors are `{"__type","message"}` with `x-amzn-ErrorType`.

use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use super::operations::Access;
use super::{AMZ_JSON, ApiError, cognito_identity, cognito_idp};
use crate::credentials::operator;
use crate::state::AppState;

/// The service prefix of user-pool operations.
pub const USER_POOLS_SERVICE: &str = "AWSCognitoIdentityProviderService";
/// The service prefix of identity-pool operations.
pub const IDENTITY_POOLS_SERVICE: &str = "AWSCognitoIdentityService";

/// The domains behind `POST /`, by service prefix.
#[derive(Clone, Copy)]
enum Service {
    UserPools,
    IdentityPools,
}

pub async fn handle(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(rejection) => {
            return ApiError::new("SerializationException", rejection.body_text())
                .with_status(rejection.status())
                .into_response();
        }
    };
    // STS and IAM speak the query protocol on the same path.
    if super::awsquery::is_query_request(&headers, &body) {
        return super::awsquery::handle(&state, &method, &uri, &headers, &body).await;
    }
    if headers.contains_key("x-amz-target") && !is_json(&headers) {
        return not_understood();
    }
    match dispatch(&state, &method, &uri, &headers, &body).await {
        Ok(value) => {
            let mut response = (StatusCode::OK, value.to_string()).into_response();
            response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(AMZ_JSON));
            response
        }
        Err(e) => e.into_response(),
    }
}

/// Whether the body is declared as JSON, as the AWS SDKs send it (`application/x-amz-json-1.1`;
/// 1.0 and plain `application/json` are accepted too, parameters such as a charset ignored).
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else { return false };
    let media = value.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    matches!(media.as_str(), "application/x-amz-json-1.1" | "application/x-amz-json-1.0" | "application/json")
}

/// The answer to an `X-Amz-Target` request whose body is not declared as JSON.
// unsure: what Cognito was seen answering such requests with (404 and this body, no
// `__type`); the error type header lets SDKs still classify it.
fn not_understood() -> Response {
    let body = r#"{"code":"BadRequest","message":"The server did not understand the operation that was requested.","type":"client"}"#;
    let mut response = (StatusCode::NOT_FOUND, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert("x-amzn-errortype", HeaderValue::from_static("BadRequest"));
    response
}

async fn dispatch(
    state: &AppState,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<serde_json::Value, ApiError> {
    let target = headers.get("x-amz-target").and_then(|v| v.to_str().ok()).unwrap_or("");
    let unknown = || ApiError::unknown_operation(target);
    let (service, operation) = target.split_once('.').ok_or_else(unknown)?;
    let (service, access) = match service {
        USER_POOLS_SERVICE => (Service::UserPools, cognito_idp::access(operation)),
        IDENTITY_POOLS_SERVICE => (Service::IdentityPools, cognito_identity::access(operation)),
        _ => return Err(unknown()),
    };
    if access.ok_or_else(unknown)? == Access::Admin {
        operator::authorize(&state.config, state.clock.as_ref(), method, uri, headers, body)
            .map_err(|e| ApiError::from_domain(&e))?;
    }
    match service {
        Service::UserPools => cognito_idp::dispatch(&state.user_pools, operation, body).await,
        Service::IdentityPools => cognito_identity::dispatch(&state.identity_pools, operation, body).await,
    }
}
