//! The error contract shared by every domain: an AWS error code, an HTTP status and AWS's
//! message as the `Display` text. Only the protocol adapter turns these into HTTP responses.

/// An error that can be written on the wire in AWS's shape.
pub trait AwsError: std::error::Error {
    /// The AWS error type, e.g. `NotAuthorizedException`.
    fn code(&self) -> &'static str;

    /// HTTP status: 400 for client errors, 500 for internal ones.
    fn status(&self) -> u16 {
        if self.is_internal() { 500 } else { 400 }
    }

    /// Internal errors are logged with their detail and answered with a generic message.
    fn is_internal(&self) -> bool {
        false
    }
}
