//! Errors of the identity-pool API (cognito-identity). The `Display` text of each client
//! error is the message AWS sends for it; `code()` is the AWS error type.

use crate::error::AwsError;
use crate::error::StorageError;
use crate::federation::FederationError;
use crate::validation::Invalid;

#[derive(Debug, thiserror::Error)]
pub enum IdentityPoolError {
    #[error("{0}")]
    ResourceNotFound(String),
    #[error("{0}")]
    InvalidParameter(String),
    #[error("{0}")]
    ResourceConflict(String),
    /// A login token, identity or developer credential was refused.
    #[error("{0}")]
    NotAuthorized(String),
    /// The pool's roles cannot be used (missing role, trust policy refuses, …).
    #[error("{0}")]
    InvalidIdentityPoolConfiguration(String),
    /// A login provider (Google, Facebook, an OIDC issuer) could not be reached or answered
    /// something unusable.
    #[error("{0}")]
    ExternalService(String),
    #[error("{0}")]
    DeveloperUserAlreadyRegistered(String),
    #[error("{0}")]
    ConcurrentModification(String),
    #[error("{0}")]
    LimitExceeded(String),
    #[error("{0}")]
    Serialization(String),
    #[error("{0}")]
    Internal(crate::error::Internal),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl IdentityPoolError {
    /// AWS says `IdentityPool '<id>' not found.` (unverified against live AWS: the form
    /// moto and AWS forum reports show).
    pub fn pool_not_found(id: &str) -> Self {
        Self::ResourceNotFound(format!("IdentityPool '{id}' not found."))
    }

    /// A failed constraint on `field`, as [`crate::validation::message`] words it.
    pub fn validation(field: &str, value: Option<&str>, constraint: &str) -> Self {
        crate::validation::message(field, value, constraint).into()
    }
}

impl From<FederationError> for IdentityPoolError {
    fn from(e: FederationError) -> Self {
        match e {
            FederationError::NotAuthorized(m) => Self::NotAuthorized(m),
            FederationError::ExternalService(m) => Self::ExternalService(m),
            FederationError::Storage(e) => Self::Storage(e),
            e => Self::Internal(crate::error::Internal::source(e)),
        }
    }
}

impl From<crate::keys::KeyError> for IdentityPoolError {
    fn from(e: crate::keys::KeyError) -> Self {
        Self::Internal(crate::error::Internal::because("signing keys", e))
    }
}

impl From<Invalid> for IdentityPoolError {
    fn from(e: Invalid) -> Self {
        Self::InvalidParameter(e.0)
    }
}

impl AwsError for IdentityPoolError {
    fn code(&self) -> &'static str {
        match self {
            Self::ResourceNotFound(_) => "ResourceNotFoundException",
            Self::InvalidParameter(_) => "InvalidParameterException",
            Self::ResourceConflict(_) => "ResourceConflictException",
            Self::NotAuthorized(_) => "NotAuthorizedException",
            Self::InvalidIdentityPoolConfiguration(_) => "InvalidIdentityPoolConfigurationException",
            Self::ExternalService(_) => "ExternalServiceException",
            Self::DeveloperUserAlreadyRegistered(_) => "DeveloperUserAlreadyRegisteredException",
            Self::ConcurrentModification(_) => "ConcurrentModificationException",
            Self::LimitExceeded(_) => "LimitExceededException",
            Self::Serialization(_) => "SerializationException",
            Self::Internal(_) | Self::Storage(_) => "InternalErrorException",
        }
    }

    fn is_internal(&self) -> bool {
        matches!(self, Self::Internal(_) | Self::Storage(_))
    }
}
