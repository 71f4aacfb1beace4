//! AWS wire protocols: parsing requests, dispatching by operation name (the tables of
//! `cognito_idp` and `cognito_identity`), writing AWS-shaped responses and errors, and
//! requiring the operator on admin operations. Nothing in here knows what an operation does.

pub mod awsjson;
pub mod awsquery;
pub mod cognito_identity;
pub mod cognito_idp;
pub mod cors;
pub mod operations;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::error::AwsError;

/// An error ready for the wire: AWS code, message and status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub code: &'static str,
    pub message: String,
    pub status: StatusCode,
}

impl ApiError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), status: StatusCode::BAD_REQUEST }
    }

    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    pub fn unknown_operation(target: &str) -> Self {
        Self::new("UnknownOperationException", format!("Unknown operation {target}"))
    }

    /// The generic answer to an internal failure (already logged by the caller).
    pub fn internal() -> Self {
        Self::new("InternalErrorException", "An internal error occurred.")
            .with_status(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// Converts a domain error; internal details are logged here once and never sent.
    pub fn from_domain(e: &dyn AwsError) -> Self {
        if e.is_internal() {
            tracing::error!(error = %e, "internal error");
            return Self::internal();
        }
        let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
        Self { code: e.code(), message: e.to_string(), status }
    }
}

pub const AMZ_JSON: &str = "application/x-amz-json-1.1";

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if !self.status.is_server_error() {
            tracing::info!(error.code = self.code, "request refused");
        }
        let body = serde_json::json!({ "__type": self.code, "message": self.message });
        let mut response = (self.status, body.to_string()).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(AMZ_JSON));
        headers.insert("x-amzn-errortype", HeaderValue::from_static(self.code));
        response
    }
}
