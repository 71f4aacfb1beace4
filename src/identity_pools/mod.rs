//! Identity pools (the cognito-identity API, `AWSCognitoIdentityService.<Op>`): pool
//! management, roles and tags (`ops`), identities and their logins (`identities`, `logins`),
//! developer-authenticated identities (`developer`), and role choice (`role_choice`). Token checks
//! of login providers live in `federation`; credentials, STS and the OpenID tokens in
//! `credentials`. Nothing here knows about HTTP; the table of operations is
//! `protocol::cognito_identity`.

pub mod developer;
pub mod error;
pub mod identities;
pub mod logins;
pub mod model;
pub mod ops;
pub mod role_choice;
pub mod store;

use std::sync::Arc;

use crate::cache::TtlCache;
use crate::clock::Clock;
use crate::config::Config;
use crate::credentials::Credentials;
use crate::federation::Federation;
pub use error::IdentityPoolError;
use model::{IdentityPoolSettings, PoolRoles};
use store::{IdentityPoolRow, IdentityPoolStore, IdentityRow, PrincipalTagMapRow};

/// What identity-pool operations run with: their store, and the domains below them that
/// verify logins (`federation`) and mint credentials (`credentials`). Cheap to clone.
#[derive(Clone)]
pub struct IdentityPools {
    pub config: Arc<Config>,
    pub store: Arc<dyn IdentityPoolStore>,
    pub clock: Arc<dyn Clock>,
    pub cache: Arc<Caches>,
    pub federation: Arc<Federation>,
    pub credentials: Credentials,
}

impl std::fmt::Debug for IdentityPools {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdentityPools").finish_non_exhaustive()
    }
}

impl IdentityPools {
    pub fn region(&self) -> &str {
        &self.config.server.region
    }

    pub fn account_id(&self) -> &str {
        &self.config.server.account_id
    }
}

/// How long the public operations trust a cached identity pool or principal-tag map.
pub const CACHE_TTL_MS: i64 = 5_000;

/// An identity pool as the public operations use it, parsed once per cache fill.
#[derive(Debug)]
pub struct CachedPool {
    pub row: IdentityPoolRow,
    pub settings: IdentityPoolSettings,
    pub roles: PoolRoles,
}

/// What GetId, GetOpenIdToken and GetCredentialsForIdentity read on every call: identity
/// pools (parsed), principal-tag maps, and identities (whose pool never changes). Writes on
/// this node invalidate at once (see `crate::cache`); another node's delete of an identity
/// is safe to see late, because its logins go with it and a login must resolve to it.
#[derive(Debug)]
pub struct Caches {
    pub pools: TtlCache<String, CachedPool>,
    /// By (identity pool, provider); `None` caches "no map".
    pub tag_maps: TtlCache<(String, String), Option<PrincipalTagMapRow>>,
    pub identities: TtlCache<String, IdentityRow>,
}

impl Default for Caches {
    fn default() -> Self {
        Self {
            pools: TtlCache::new(CACHE_TTL_MS),
            tag_maps: TtlCache::new(CACHE_TTL_MS),
            identities: TtlCache::new(CACHE_TTL_MS),
        }
    }
}

impl Caches {
    pub fn invalidate_pool(&self, id: &str) {
        self.pools.remove(id);
        self.tag_maps.retain(|(pool, _), _| pool != id);
        self.identities.retain(|_, identity| identity.identity_pool_id != id);
    }
}
