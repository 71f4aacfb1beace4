//! CORS on the AWS API endpoint (`POST /`): browser SDKs (Amplify, amazon-cognito-identity-js
//! in a web page) call Cognito cross-origin, and Cognito answers their preflights for any
//! origin. The answers expose the headers the SDKs read (`x-amzn-RequestId`, the error type).
//! Operator calls are signed with SigV4 and carry no cookies, so any origin is safe here.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

const EXPOSED: &str = "x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date";
const DEFAULT_HEADERS: &str = "content-type, x-amz-target, x-amz-user-agent, x-amz-date, x-amz-security-token, authorization, cache-control";

/// `OPTIONS /`: the preflight.
pub async fn preflight(headers: HeaderMap) -> Response {
    let mut r = StatusCode::NO_CONTENT.into_response();
    let h = r.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("POST, OPTIONS"));
    let requested = headers
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .cloned()
        .unwrap_or_else(|| HeaderValue::from_static(DEFAULT_HEADERS));
    h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, requested);
    h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
    r
}

/// Middleware for the answers of `POST /`: any origin may read them and their AWS headers.
pub async fn allow(req: Request, next: Next) -> Response {
    let cross_origin = req.headers().contains_key(header::ORIGIN);
    let mut r = next.run(req).await;
    if cross_origin {
        let h = r.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        h.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static(EXPOSED));
    }
    r
}
