//! Errors of the user-pool API. The `Display` text of each client error is the message
//! AWS sends for it; `code()` is the AWS error type.

use crate::error::AwsError;
use crate::error::StorageError;

#[derive(Debug, thiserror::Error)]
pub enum UserPoolError {
    /// The message names what was missing, as AWS does ("User pool … does not exist.").
    #[error("{0}")]
    ResourceNotFound(String),
    #[error("User does not exist.")]
    UserNotFound,
    #[error("{0}")]
    UsernameExists(String),
    #[error("{0}")]
    AliasExists(String),
    #[error("A group with the name {0} already exists.")]
    GroupExists(String),
    #[error("{0}")]
    InvalidPassword(String),
    #[error("{0}")]
    InvalidParameter(String),
    #[error("{0}")]
    NotAuthorized(String),
    #[error("{0}")]
    UnsupportedUserState(String),
    #[error("{0}")]
    LimitExceeded(String),
    #[error("{0}")]
    Serialization(String),
    #[error("Invalid verification code provided, please try again.")]
    CodeMismatch,
    #[error("Invalid code provided, please request a code again.")]
    ExpiredCode,
    #[error("User is not confirmed.")]
    UserNotConfirmed,
    #[error("Password reset required for the user")]
    PasswordResetRequired,
    /// A rotated-out refresh token presented after its grace period.
    #[error("{0}")]
    RefreshTokenReuse(String),
    /// A wrong MFA code at sign-in; the message differs by factor.
    #[error("{0}")]
    MfaCodeMismatch(String),
    #[error("{0}")]
    EnableSoftwareTokenMfa(String),
    #[error("{0}")]
    SoftwareTokenMfaNotFound(String),
    #[error("{0}")]
    InvalidUserPoolConfiguration(String),
    #[error("{0}")]
    TooManyRequests(String),
    #[error("{0}")]
    UnsupportedOperation(String),
    #[error("{0}")]
    UnsupportedTokenType(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    InvalidOAuthFlow(String),
    #[error("{0}")]
    ScopeDoesNotExist(String),
    /// A trigger function failed ("PreSignUp failed with error …").
    #[error("{0}")]
    UserLambdaValidation(String),
    /// A trigger function could not be run (timeout, unreachable, unknown function).
    #[error("{0}")]
    UnexpectedLambda(String),
    /// A trigger function answered something Cognito cannot use.
    #[error("{0}")]
    InvalidLambdaResponse(String),
    #[error("{0}")]
    Internal(crate::error::Internal),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl UserPoolError {
    /// AWS's validation message for one failed constraint, e.g.
    /// `1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null`.
    pub fn validation(field: &str, value: Option<&str>, constraint: &str) -> Self {
        crate::validation::message(field, value, constraint).into()
    }

    /// Like [`UserPoolError::validation`] for sensitive members, whose value AWS never echoes.
    pub fn validation_hidden(field: &str, constraint: &str) -> Self {
        crate::validation::message_hidden(field, constraint).into()
    }

    pub fn pool_not_found(id: &str) -> Self {
        Self::ResourceNotFound(format!("User pool {id} does not exist."))
    }

    pub fn client_not_found(id: &str) -> Self {
        Self::ResourceNotFound(format!("User pool client {id} does not exist."))
    }

    pub fn group_not_found() -> Self {
        Self::ResourceNotFound("Group not found.".into())
    }
}

impl From<crate::keys::KeyError> for UserPoolError {
    fn from(e: crate::keys::KeyError) -> Self {
        Self::Internal(crate::error::Internal::because("signing keys", e))
    }
}

impl From<crate::validation::Invalid> for UserPoolError {
    fn from(e: crate::validation::Invalid) -> Self {
        Self::InvalidParameter(e.0)
    }
}

impl AwsError for UserPoolError {
    fn code(&self) -> &'static str {
        match self {
            Self::ResourceNotFound(_) => "ResourceNotFoundException",
            Self::UserNotFound => "UserNotFoundException",
            Self::UsernameExists(_) => "UsernameExistsException",
            Self::AliasExists(_) => "AliasExistsException",
            Self::GroupExists(_) => "GroupExistsException",
            Self::InvalidPassword(_) => "InvalidPasswordException",
            Self::InvalidParameter(_) => "InvalidParameterException",
            Self::NotAuthorized(_) => "NotAuthorizedException",
            Self::UnsupportedUserState(_) => "UnsupportedUserStateException",
            Self::LimitExceeded(_) => "LimitExceededException",
            Self::Serialization(_) => "SerializationException",
            Self::CodeMismatch | Self::MfaCodeMismatch(_) => "CodeMismatchException",
            Self::EnableSoftwareTokenMfa(_) => "EnableSoftwareTokenMFAException",
            Self::SoftwareTokenMfaNotFound(_) => "SoftwareTokenMFANotFoundException",
            Self::ExpiredCode => "ExpiredCodeException",
            Self::UserNotConfirmed => "UserNotConfirmedException",
            Self::PasswordResetRequired => "PasswordResetRequiredException",
            Self::RefreshTokenReuse(_) => "RefreshTokenReuseException",
            Self::InvalidUserPoolConfiguration(_) => "InvalidUserPoolConfigurationException",
            Self::TooManyRequests(_) => "TooManyRequestsException",
            Self::UnsupportedOperation(_) => "UnsupportedOperationException",
            Self::UnsupportedTokenType(_) => "UnsupportedTokenTypeException",
            Self::Unauthorized(_) => "UnauthorizedException",
            Self::InvalidOAuthFlow(_) => "InvalidOAuthFlowException",
            Self::ScopeDoesNotExist(_) => "ScopeDoesNotExistException",
            Self::UserLambdaValidation(_) => "UserLambdaValidationException",
            Self::UnexpectedLambda(_) => "UnexpectedLambdaException",
            Self::InvalidLambdaResponse(_) => "InvalidLambdaResponseException",
            Self::Internal(_) | Self::Storage(_) => "InternalErrorException",
        }
    }

    fn is_internal(&self) -> bool {
        matches!(self, Self::Internal(_) | Self::Storage(_))
    }
}
