//! The one short-lived cache every domain uses for what it reads on hot paths (pool settings,
//! app clients, signing keys, identity pools, principal-tag maps, IAM roles): entries are
//! trusted for a fixed time measured on the injected clock, writes on this node invalidate at
//! once, and other nodes see a change within the TTL. Bounded: past `max_entries` the map
//! starts over rather than track which entries are cold.
//!
//! It does not refetch by itself or coordinate concurrent misses; provider key sets, which
//! need max-age, single-flight and stale-on-error, use `federation::cache::RefreshingCache`.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, RwLock};

/// Entries kept before the cache is cleared wholesale.
pub const DEFAULT_MAX_ENTRIES: usize = 10_000;

/// Values of type `V` by key `K`, each trusted for `ttl_ms` after it was put.
#[derive(Debug)]
pub struct TtlCache<K, V> {
    ttl_ms: i64,
    max_entries: usize,
    entries: RwLock<HashMap<K, (i64, Arc<V>)>>,
}

impl<K: Eq + Hash + Clone, V> TtlCache<K, V> {
    pub fn new(ttl_ms: i64) -> Self {
        Self::with_capacity(ttl_ms, DEFAULT_MAX_ENTRIES)
    }

    pub fn with_capacity(ttl_ms: i64, max_entries: usize) -> Self {
        Self { ttl_ms, max_entries: max_entries.max(1), entries: RwLock::new(HashMap::new()) }
    }

    /// The value of `key` if it was put less than the TTL before `now_ms`.
    pub fn get<Q>(&self, key: &Q, now_ms: i64) -> Option<Arc<V>>
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        let (at, value) = entries.get(key)?;
        (now_ms - at < self.ttl_ms).then(|| value.clone())
    }

    pub fn put(&self, key: K, now_ms: i64, value: Arc<V>) {
        let mut entries = self.entries.write().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= self.max_entries && !entries.contains_key(&key) {
            entries.clear();
        }
        entries.insert(key, (now_ms, value));
    }

    pub fn remove<Q>(&self, key: &Q)
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.entries.write().unwrap_or_else(|e| e.into_inner()).remove(key);
    }

    /// Drops every entry `keep` says no to.
    pub fn retain(&self, mut keep: impl FnMut(&K, &V) -> bool) {
        self.entries.write().unwrap_or_else(|e| e.into_inner()).retain(|k, (_, v)| keep(k, v));
    }

    pub fn clear(&self) {
        self.entries.write().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_after_the_ttl_on_the_given_clock() {
        let cache: TtlCache<String, i32> = TtlCache::new(1_000);
        cache.put("a".into(), 10_000, Arc::new(1));
        assert_eq!(cache.get("a", 10_999).as_deref(), Some(&1));
        assert_eq!(cache.get("a", 11_000), None);
        cache.remove("a");
        assert_eq!(cache.get("a", 10_000), None);
    }

    #[test]
    fn a_full_cache_starts_over_instead_of_growing() {
        let cache: TtlCache<u32, u32> = TtlCache::with_capacity(1_000, 2);
        cache.put(1, 0, Arc::new(1));
        cache.put(2, 0, Arc::new(2));
        cache.put(2, 0, Arc::new(3));
        assert!(cache.get(&1, 0).is_some(), "replacing a key does not clear");
        cache.put(3, 0, Arc::new(3));
        assert!(cache.get(&1, 0).is_none() && cache.get(&3, 0).is_some());
    }
}
