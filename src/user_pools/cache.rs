//! A short-lived cache of pool settings and app clients, which every sign-in and every
//! token-authorised call reads: it saves a database round trip and a JSON parse per
//! request. Writes on this node invalidate at once; other nodes see a change within
//! [`TTL_MS`] (pool and client settings change rarely and AWS itself documents such
//! changes as eventually consistent).

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use super::model::PoolSettings;
use super::store::{ClientRow, PoolRow};
use crate::identity_pools::model::IdentityPoolSettings;
use crate::identity_pools::store::{IdentityPoolRow, PrincipalTagMapRow};

/// How long a cached entry is trusted.
pub const TTL_MS: i64 = 5_000;

type Entry<T> = (i64, Arc<T>);

#[derive(Debug, Default)]
pub struct SettingsCache {
    pools: RwLock<HashMap<String, Entry<(PoolRow, PoolSettings)>>>,
    clients: RwLock<HashMap<String, Entry<ClientRow>>>,
    /// Identity pools, for the public identity operations (GetId, GetCredentialsForIdentity).
    identity_pools: RwLock<HashMap<String, Entry<(IdentityPoolRow, IdentityPoolSettings)>>>,
    /// Principal-tag maps by `<identity pool>\n<provider>`; `None` caches "no map".
    tag_maps: RwLock<HashMap<String, Entry<Option<PrincipalTagMapRow>>>>,
}

fn get<T>(map: &RwLock<HashMap<String, Entry<T>>>, key: &str, now: i64) -> Option<Arc<T>> {
    let map = map.read().ok()?;
    let (at, value) = map.get(key)?;
    (now - at < TTL_MS).then(|| value.clone())
}

fn put<T>(map: &RwLock<HashMap<String, Entry<T>>>, key: &str, now: i64, value: Arc<T>) {
    if let Ok(mut map) = map.write() {
        // Bound memory: entries of pools nobody asks for again are dropped wholesale.
        if map.len() > 10_000 {
            map.clear();
        }
        map.insert(key.to_string(), (now, value));
    }
}

impl SettingsCache {
    pub fn pool(&self, id: &str, now: i64) -> Option<Arc<(PoolRow, PoolSettings)>> {
        get(&self.pools, id, now)
    }

    pub fn put_pool(&self, id: &str, now: i64, value: Arc<(PoolRow, PoolSettings)>) {
        put(&self.pools, id, now, value);
    }

    pub fn client(&self, id: &str, now: i64) -> Option<Arc<ClientRow>> {
        get(&self.clients, id, now)
    }

    pub fn put_client(&self, id: &str, now: i64, value: Arc<ClientRow>) {
        put(&self.clients, id, now, value);
    }

    /// Forgets a pool and, since a pool's clients go with it, every client.
    pub fn invalidate_pool(&self, id: &str) {
        if let Ok(mut map) = self.pools.write() {
            map.remove(id);
        }
        if let Ok(mut map) = self.clients.write() {
            map.retain(|_, (_, c)| c.user_pool_id != id);
        }
    }

    pub fn identity_pool(&self, id: &str, now: i64) -> Option<Arc<(IdentityPoolRow, IdentityPoolSettings)>> {
        get(&self.identity_pools, id, now)
    }

    pub fn put_identity_pool(&self, id: &str, now: i64, value: Arc<(IdentityPoolRow, IdentityPoolSettings)>) {
        put(&self.identity_pools, id, now, value);
    }

    pub fn invalidate_identity_pool(&self, id: &str) {
        if let Ok(mut map) = self.identity_pools.write() {
            map.remove(id);
        }
        let prefix = format!("{id}\n");
        if let Ok(mut map) = self.tag_maps.write() {
            map.retain(|k, _| !k.starts_with(&prefix));
        }
    }

    pub fn tag_map(&self, pool: &str, provider: &str, now: i64) -> Option<Arc<Option<PrincipalTagMapRow>>> {
        get(&self.tag_maps, &format!("{pool}\n{provider}"), now)
    }

    pub fn put_tag_map(&self, pool: &str, provider: &str, now: i64, value: Arc<Option<PrincipalTagMapRow>>) {
        put(&self.tag_maps, &format!("{pool}\n{provider}"), now, value);
    }

    pub fn invalidate_client(&self, id: &str) {
        if let Ok(mut map) = self.clients.write() {
            map.remove(id);
        }
    }
}
