//! The error contracts shared by every domain: [`AwsError`] (an AWS error code, an HTTP
//! status and AWS's message as the `Display` text; only the protocol adapter turns these
//! into HTTP responses) and [`StorageError`], what every domain's store trait returns.

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

/// What a store method can fail with, on either backend. Domains turn `Conflict` into their
/// own AWS errors by the key it names (each domain's `store.rs` lists its keys).
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("not found")]
    NotFound,
    /// A unique key was taken; the value names which (see the domain's store module).
    #[error("conflict on {0}")]
    Conflict(&'static str),
    #[error("database error: {0}")]
    Other(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{0}")]
    Setup(String),
}

/// An internal failure: what went wrong, and the error behind it kept as its `source()` so the
/// one log line the protocol adapter writes has the whole chain. Never sent to a client.
#[derive(Debug)]
pub struct Internal {
    what: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Internal {
    /// `what` failed because of `source`.
    pub fn because(what: impl Into<String>, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self { what: what.into(), source: Some(Box::new(source)) }
    }

    /// An error of another layer, as it is.
    pub fn source(source: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self { what: String::new(), source: Some(Box::new(source)) }
    }
}

impl std::fmt::Display for Internal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.source, self.what.is_empty()) {
            (Some(source), true) => write!(f, "{source}"),
            (Some(source), false) => write!(f, "{}: {source}", self.what),
            (None, _) => f.write_str(&self.what),
        }
    }
}

impl std::error::Error for Internal {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl From<String> for Internal {
    fn from(what: String) -> Self {
        Self { what, source: None }
    }
}

impl From<&str> for Internal {
    fn from(what: &str) -> Self {
        Self { what: what.to_string(), source: None }
    }
}
