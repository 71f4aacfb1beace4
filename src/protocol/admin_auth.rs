//! Operator authentication for admin and management operations: SigV4 with the configured
//! admin credentials, or nothing at all in `open` mode (loopback development only; the
//! config refuses it elsewhere unless forced).

use axum::http::{HeaderMap, Method, Uri};
use secrecy::ExposeSecret;
use subtle::ConstantTimeEq;

use super::ApiError;
use crate::app::AppState;
use crate::config::AdminMode;
use crate::crypto::sigv4::{self, SigV4Error};

/// Checks that the request was signed by the configured operator.
pub fn authorize(
    state: &AppState,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), ApiError> {
    let config = &state.config;
    if config.admin_mode().unwrap_or(AdminMode::Sigv4) == AdminMode::Open {
        return Ok(());
    }
    let sig_err = |e: SigV4Error| ApiError::new(e.aws_code(), e.to_string());
    let header = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| sig_err(SigV4Error::Missing))?;
    let auth = sigv4::parse_authorization(header).map_err(sig_err)?;
    let (Some(key_id), Some(secret)) = (&config.admin.access_key_id, &config.admin.secret_access_key) else {
        return Err(unrecognized());
    };
    if !bool::from(auth.access_key_id.as_bytes().ct_eq(key_id.as_bytes())) {
        return Err(unrecognized());
    }
    sigv4::verify(method, uri, headers, body, &auth, secret.expose_secret(), state.clock.now_utc())
        .map_err(sig_err)
}

fn unrecognized() -> ApiError {
    ApiError::new("UnrecognizedClientException", "The security token included in the request is invalid.")
}
