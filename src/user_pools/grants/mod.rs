//! OAuth 2.0 on a pool's domain, without HTTP: who the client is (`client`), what
//! `/oauth2/authorize` may grant (`authorize`), the single-use authorization codes and their
//! redemption (`code`), the other token grants and revocation (`token`), the signed-in
//! session of the hosted pages (`session`) and userInfo (`userinfo`). The HTTP side is
//! `crate::oauth`; the errors are OAuth's (RFC 6749 §5.2), not the JSON API's.

pub mod authorize;
pub mod client;
pub mod code;
pub mod session;
pub mod token;
pub mod userinfo;

use crate::user_pools::error::UserPoolError;

/// An OAuth error of the token and revocation endpoints: `error` and, where it helps, an
/// `error_description`.
#[derive(Debug, thiserror::Error)]
pub enum OAuthError {
    #[error("invalid_request")]
    InvalidRequest(&'static str),
    #[error("invalid_client")]
    InvalidClient,
    #[error("invalid_grant")]
    InvalidGrant,
    #[error("unauthorized_client")]
    UnauthorizedClient,
    #[error("unsupported_grant_type")]
    UnsupportedGrantType,
    #[error("invalid_scope")]
    InvalidScope,
    #[error("unsupported_token_type")]
    UnsupportedTokenType,
    /// A Lambda trigger refused or failed (PreTokenGeneration, say): `invalid_request` with
    /// Cognito's message as the description.
    #[error("invalid_request: {0}")]
    Trigger(String),
    /// Our own failure; answered as a 500 without detail.
    #[error("internal error: {0}")]
    Internal(UserPoolError),
}

impl OAuthError {
    /// The `error` member.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidRequest(_) | Self::Trigger(_) => "invalid_request",
            Self::InvalidClient => "invalid_client",
            Self::InvalidGrant => "invalid_grant",
            Self::UnauthorizedClient => "unauthorized_client",
            Self::UnsupportedGrantType => "unsupported_grant_type",
            Self::InvalidScope => "invalid_scope",
            Self::UnsupportedTokenType => "unsupported_token_type",
            Self::Internal(_) => "server_error",
        }
    }

    /// The `error_description` member, where there is one worth sending.
    pub fn description(&self) -> Option<&str> {
        match self {
            Self::InvalidRequest(d) => Some(d),
            Self::Trigger(message) => Some(message),
            _ => None,
        }
    }
}

impl From<UserPoolError> for OAuthError {
    fn from(e: UserPoolError) -> Self {
        match e {
            UserPoolError::Internal(_) | UserPoolError::Storage(_) => Self::Internal(e),
            UserPoolError::UserLambdaValidation(m)
            | UserPoolError::UnexpectedLambda(m)
            | UserPoolError::InvalidLambdaResponse(m) => Self::Trigger(m),
            // Any refusal of the domain below (an unknown user, a disabled one, a revoked
            // family) is a grant that no longer holds.
            _ => Self::InvalidGrant,
        }
    }
}

impl From<crate::error::StorageError> for OAuthError {
    fn from(e: crate::error::StorageError) -> Self {
        Self::Internal(e.into())
    }
}

/// Space-separated scopes, in order, without duplicates or empty items.
pub fn split_scopes(scope: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in scope.split(' ').filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::split_scopes;

    #[test]
    fn scopes_keep_request_order_once_each() {
        assert_eq!(split_scopes("openid  email openid rs/read"), vec!["openid", "email", "rs/read"]);
        assert!(split_scopes("  ").is_empty());
    }
}
