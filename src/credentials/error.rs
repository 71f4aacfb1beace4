//! Errors of STS, the IAM subset and credential verification. The `Display` text of each
//! client error is the message AWS sends for it; `code()` is the AWS error code as the query
//! protocol spells it (`NoSuchEntity`, not `NoSuchEntityException`), and `status()` the HTTP
//! status from the botocore models.

use crate::crypto::sigv4::SigV4Error;
use crate::error::AwsError;
use crate::error::StorageError;
use crate::validation::Invalid;

#[derive(Debug, thiserror::Error)]
pub enum CredentialsError {
    /// No `Authorization` header.
    #[error("Request is missing Authentication Token")]
    MissingAuthenticationToken,
    /// A malformed `Authorization` header or date header; the text is the SigV4 parser's.
    #[error("{0}")]
    IncompleteSignature(String),
    /// The access key id is unknown, or the session token does not open under our master key
    /// or belongs to another access key.
    #[error("The security token included in the request is invalid.")]
    InvalidClientTokenId,
    #[error("The security token included in the request is expired")]
    ExpiredToken,
    /// The signature is wrong, or the request time is outside the allowed skew.
    #[error("{0}")]
    SignatureDoesNotMatch(String),
    /// The role does not exist or its trust policy refuses the caller.
    #[error("{0}")]
    AccessDenied(String),
    /// The web identity token is not one of ours, or is malformed.
    #[error("{0}")]
    InvalidIdentityToken(String),
    /// The web identity token has expired (AssumeRoleWithWebIdentity).
    #[error("{0}")]
    ExpiredWebIdentityToken(String),
    #[error("{0}")]
    Validation(String),
    #[error("{0}")]
    InvalidInput(String),
    #[error("{0}")]
    MalformedPolicyDocument(String),
    #[error("{0}")]
    NoSuchEntity(String),
    #[error("{0}")]
    EntityAlreadyExists(String),
    #[error("{0}")]
    DeleteConflict(String),
    #[error("{0}")]
    LimitExceeded(String),
    /// An `Action` this service does not implement.
    #[error("{0}")]
    InvalidAction(String),
    #[error("{0}")]
    Internal(crate::error::Internal),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl CredentialsError {
    /// The AWS error code, as the query protocol writes it in `<Code>`.
    pub fn aws_code(&self) -> &'static str {
        match self {
            Self::MissingAuthenticationToken => "MissingAuthenticationToken",
            Self::IncompleteSignature(_) => "IncompleteSignature",
            Self::InvalidClientTokenId => "InvalidClientTokenId",
            Self::ExpiredToken => "ExpiredToken",
            Self::SignatureDoesNotMatch(_) => "SignatureDoesNotMatch",
            Self::AccessDenied(_) => "AccessDenied",
            Self::InvalidIdentityToken(_) => "InvalidIdentityToken",
            Self::ExpiredWebIdentityToken(_) => "ExpiredTokenException",
            Self::Validation(_) => "ValidationError",
            Self::InvalidInput(_) => "InvalidInput",
            Self::MalformedPolicyDocument(_) => "MalformedPolicyDocument",
            Self::NoSuchEntity(_) => "NoSuchEntity",
            Self::EntityAlreadyExists(_) => "EntityAlreadyExists",
            Self::DeleteConflict(_) => "DeleteConflict",
            Self::LimitExceeded(_) => "LimitExceeded",
            Self::InvalidAction(_) => "InvalidAction",
            Self::Internal(_) | Self::Storage(_) => "ServiceFailure",
        }
    }

    /// AWS's message when a role or its trust policy refuses AssumeRoleWithWebIdentity.
    pub fn not_authorized_to_assume() -> Self {
        Self::AccessDenied("Not authorized to perform sts:AssumeRoleWithWebIdentity".into())
    }

    /// IAM's `NoSuchEntity` for a role name.
    pub fn no_such_role(name: &str) -> Self {
        Self::NoSuchEntity(format!("The role with name {name} cannot be found."))
    }
}

impl From<SigV4Error> for CredentialsError {
    fn from(e: SigV4Error) -> Self {
        match e {
            SigV4Error::Missing => Self::MissingAuthenticationToken,
            SigV4Error::Incomplete(m) => Self::IncompleteSignature(m),
            other => Self::SignatureDoesNotMatch(other.to_string()),
        }
    }
}

impl From<Invalid> for CredentialsError {
    fn from(e: Invalid) -> Self {
        Self::Validation(e.0)
    }
}

impl AwsError for CredentialsError {
    fn code(&self) -> &'static str {
        self.aws_code()
    }

    /// From the botocore models (`error.httpStatusCode`) and AWS's common-errors page for the
    /// authentication failures.
    fn status(&self) -> u16 {
        match self {
            // ExpiredToken on a signed request is 403 (as AWS answers it); the modelled
            // ExpiredTokenException of AssumeRoleWithWebIdentity is 400.
            Self::MissingAuthenticationToken
            | Self::InvalidClientTokenId
            | Self::ExpiredToken
            | Self::SignatureDoesNotMatch(_)
            | Self::AccessDenied(_) => 403,
            Self::NoSuchEntity(_) => 404,
            Self::EntityAlreadyExists(_) | Self::DeleteConflict(_) | Self::LimitExceeded(_) => 409,
            Self::Internal(_) | Self::Storage(_) => 500,
            _ => 400,
        }
    }

    fn is_internal(&self) -> bool {
        matches!(self, Self::Internal(_) | Self::Storage(_))
    }
}
