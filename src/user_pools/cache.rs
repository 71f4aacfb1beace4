//! Pool settings, app clients and domains, which every sign-in and every token-authorised call reads,
//! held for [`TTL_MS`] in the shared [`TtlCache`]: it saves a database round trip and a JSON
//! parse per request. Writes on this node invalidate at once; other nodes see a change
//! within the TTL (pool and client settings change rarely, and AWS itself documents such
//! changes as eventually consistent).

use super::model::PoolSettings;
use super::store::{ClientRow, DomainRow, PoolRow};
use crate::cache::TtlCache;

/// How long a cached entry is trusted.
pub const TTL_MS: i64 = 5_000;

#[derive(Debug)]
pub struct Caches {
    pub pools: TtlCache<String, (PoolRow, PoolSettings)>,
    /// Clients by id alone (client ids are unique across pools).
    pub clients: TtlCache<String, ClientRow>,
    /// Domains by name, which every hosted-page and `/oauth2/*` request resolves.
    pub domains: TtlCache<String, DomainRow>,
}

impl Default for Caches {
    fn default() -> Self {
        Self { pools: TtlCache::new(TTL_MS), clients: TtlCache::new(TTL_MS), domains: TtlCache::new(TTL_MS) }
    }
}

impl Caches {
    /// Forgets a pool and, since a pool's clients go with it, its clients.
    pub fn invalidate_pool(&self, id: &str) {
        self.pools.remove(id);
        self.clients.retain(|_, c| c.user_pool_id != id);
        self.domains.retain(|_, d| d.user_pool_id != id);
    }

    pub fn invalidate_client(&self, id: &str) {
        self.clients.remove(id);
    }
}
