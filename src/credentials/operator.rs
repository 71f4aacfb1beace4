//! Operator authentication for admin and management operations: SigV4 with the configured
//! admin credentials, or nothing at all in `open` mode (loopback development only; the
//! config refuses it elsewhere unless forced). Used by the protocol adapters (every `Admin*`
//! operation, IAM) and the test-control API.

use http::{HeaderMap, Method, Uri};
use secrecy::ExposeSecret;
use subtle::ConstantTimeEq;

use crate::clock::Clock;
use crate::config::{AdminMode, Config};
use crate::crypto::sigv4::{self, SigV4Error};
use crate::error::AwsError;

/// Why a request was not accepted as the operator's. The codes are the JSON protocol's; the
/// query protocol renames them.
#[derive(Debug, thiserror::Error)]
pub enum OperatorRefusal {
    #[error(transparent)]
    Signature(#[from] SigV4Error),
    /// Signed, but not with the configured admin access key.
    #[error("The security token included in the request is invalid.")]
    UnrecognizedClient,
}

impl AwsError for OperatorRefusal {
    fn code(&self) -> &'static str {
        match self {
            Self::Signature(e) => e.aws_code(),
            Self::UnrecognizedClient => "UnrecognizedClientException",
        }
    }
}

/// Checks that the request was signed by the configured operator.
pub fn authorize(
    config: &Config,
    clock: &dyn Clock,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), OperatorRefusal> {
    if config.admin_mode().unwrap_or(AdminMode::Sigv4) == AdminMode::Open {
        return Ok(());
    }
    let header =
        headers.get(http::header::AUTHORIZATION).and_then(|v| v.to_str().ok()).ok_or(SigV4Error::Missing)?;
    let auth = sigv4::parse_authorization(header)?;
    let (Some(key_id), Some(secret)) = (&config.admin.access_key_id, &config.admin.secret_access_key) else {
        return Err(OperatorRefusal::UnrecognizedClient);
    };
    if !bool::from(auth.access_key_id.as_bytes().ct_eq(key_id.as_bytes())) {
        return Err(OperatorRefusal::UnrecognizedClient);
    }
    sigv4::verify(method, uri, headers, body, &auth, secret.expose_secret(), clock.now_utc())?;
    Ok(())
}
