//! Why a login was refused, or could not be checked. Identity pools answer these with the
//! same AWS codes (`NotAuthorizedException`, `ExternalServiceException`).

use crate::error::{AwsError, StorageError};
use crate::user_pools::UserPoolError;

#[derive(Debug, thiserror::Error)]
pub enum FederationError {
    /// The token (or the provider named for it) is not accepted; AWS's message.
    #[error("{0}")]
    NotAuthorized(String),
    /// The provider could not be reached, or answered something unusable.
    #[error("{0}")]
    ExternalService(String),
    /// A user pool failed to check its own token (keys, database).
    #[error(transparent)]
    UserPool(Box<UserPoolError>),
    #[error("{0}")]
    Internal(crate::error::Internal),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl AwsError for FederationError {
    fn code(&self) -> &'static str {
        match self {
            Self::NotAuthorized(_) => "NotAuthorizedException",
            Self::ExternalService(_) => "ExternalServiceException",
            Self::UserPool(e) => e.code(),
            Self::Internal(_) | Self::Storage(_) => "InternalErrorException",
        }
    }

    fn is_internal(&self) -> bool {
        match self {
            Self::UserPool(e) => e.is_internal(),
            Self::Internal(_) | Self::Storage(_) => true,
            _ => false,
        }
    }
}
