//! The one dispatch mechanism of the AWS JSON 1.1 APIs: a table per service maps the wire
//! name of each operation to its access level and to a typed domain function
//! `async fn(&Context, Request) -> Result<Response, DomainError>`. [`operations!`] turns a
//! table into `OPERATIONS`, `access` and `dispatch`; [`run`] parses the body into the
//! request shape, runs the function and turns its error into the AWS shape, once.

use std::future::Future;

use axum::http::StatusCode;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::ApiError;
use crate::error::AwsError;

/// Who may call an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Needs the operator's SigV4 credentials (AWS: IAM-authorized).
    Admin,
    /// Called by end users' apps without AWS credentials.
    Public,
}

/// Declares a service's operations: `Context; "WireName" => Access path::to::fn, …`.
macro_rules! operations {
    ($ctx:ty; $($name:literal => $access:ident $f:path,)*) => {
        /// Every implemented operation with its access level.
        pub const OPERATIONS: &[(&str, $crate::protocol::operations::Access)] =
            &[$(($name, $crate::protocol::operations::Access::$access)),*];

        /// The access level of `operation`, or `None` if it is not implemented.
        pub fn access(operation: &str) -> Option<$crate::protocol::operations::Access> {
            OPERATIONS.iter().find(|(name, _)| *name == operation).map(|(_, a)| *a)
        }

        /// Runs `operation` (one of [`OPERATIONS`]) on the JSON `body`.
        pub async fn dispatch(
            s: &$ctx,
            operation: &str,
            body: &[u8],
        ) -> Result<serde_json::Value, $crate::protocol::ApiError> {
            match operation {
                $($name => $crate::protocol::operations::run(s, body, $f).await,)*
                _ => Err($crate::protocol::ApiError::unknown_operation(operation)),
            }
        }
    };
}
pub(crate) use operations;

/// Parses the request, runs the operation and serializes its response.
pub async fn run<'a, C, Req, Resp, E, Fut, F>(ctx: &'a C, body: &[u8], f: F) -> Result<Value, ApiError>
where
    C: ?Sized,
    Req: DeserializeOwned,
    Resp: Serialize,
    E: AwsError,
    Fut: Future<Output = Result<Resp, E>>,
    F: FnOnce(&'a C, Req) -> Fut,
{
    let request = parse::<Req>(body)?;
    let response = f(ctx, request).await.map_err(|e| ApiError::from_domain(&e))?;
    serde_json::to_value(response).map_err(|e| {
        tracing::error!(error = %e, "serializing a response failed");
        ApiError::internal()
    })
}

/// Parses a JSON request body. A missing required member gets AWS's validation message;
/// anything else that does not fit the shape is a `SerializationException`.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let body = if body.iter().all(u8::is_ascii_whitespace) { b"{}".as_slice() } else { body };
    serde_json::from_slice(body).map_err(|e| {
        let text = e.to_string();
        if let Some(field) = text.strip_prefix("missing field `").and_then(|r| r.split('`').next()) {
            let message = crate::validation::message(field, None, "Member must not be null");
            return ApiError::new("InvalidParameterException", message.0);
        }
        let what = text.split(" at line ").next().unwrap_or(&text);
        ApiError::new("SerializationException", format!("Unable to parse request body: {what}"))
            .with_status(StatusCode::BAD_REQUEST)
    })
}
