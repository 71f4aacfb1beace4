//! User pools: the directory of pools, app clients, users and groups; sign-in, MFA and
//! Cognito's tokens. Operations live in `ops/` (one file per family), the rules they share
//! next to this file. Nothing here knows about HTTP; the table of operations is
//! `protocol::cognito_idp`.

pub mod cache;
pub mod codes;
pub mod constraints;
pub mod error;
pub mod grants;
pub mod model;
pub mod ops;
pub mod outbox;
pub mod password;
pub mod sign_in;
pub mod store;
pub mod tokens;
pub mod triggers;
pub mod users;
pub mod wire;

use std::sync::Arc;

use crate::clock::Clock;
use crate::config::{Config, PublicUrl};
use crate::crypto::seal::Sealer;
use crate::keys::KeyCache;
use crate::mail::Mailer;
pub use error::UserPoolError;
use password::PasswordHasher;
use store::UserPoolStore;

/// What user-pool operations run with: the user-pool store and the shared pieces they need.
/// Cheap to clone (everything is shared).
#[derive(Clone)]
pub struct UserPools {
    pub config: Arc<Config>,
    pub store: Arc<dyn UserPoolStore>,
    pub clock: Arc<dyn Clock>,
    pub sealer: Arc<Sealer>,
    pub passwords: PasswordHasher,
    /// Signing keys of every pool (parsed, cached).
    pub keys: Arc<KeyCache>,
    /// Pool settings and app clients, briefly cached.
    pub cache: Arc<cache::Caches>,
    /// Real email delivery, when `[smtp]` is configured.
    pub mailer: Option<Mailer>,
    pub public_url: PublicUrl,
    /// Runs the pools' Lambda triggers (`triggers` builds the events).
    pub triggers: crate::lambda::Invoker,
}

impl std::fmt::Debug for UserPools {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserPools").finish_non_exhaustive()
    }
}

impl UserPools {
    /// The base of issuers and discovery documents, without a trailing slash.
    pub fn public_url(&self) -> String {
        self.public_url.get()
    }

    pub fn region(&self) -> &str {
        &self.config.server.region
    }

    pub fn account_id(&self) -> &str {
        &self.config.server.account_id
    }
}
