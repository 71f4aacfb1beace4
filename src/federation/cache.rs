//! A small cache of documents fetched from login providers (JWKS, discovery documents),
//! keyed by URL. What it guarantees:
//! - a value is trusted until its expiry (Cache-Control max-age, bounded by the config);
//! - one refresh at a time per key (single flight): concurrent callers wait for it and
//!   share its result instead of all asking the provider;
//! - a forced refresh (a token names an unknown `kid`) happens at most once per
//!   `min_refresh_ms`, because the `kid` comes from a token nobody has verified yet;
//! - a failed refresh keeps the stale value, and is not retried before `min_refresh_ms`.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

/// What a fetch returns: the value and how long the provider lets us keep it.
pub struct Fetched<T> {
    pub value: T,
    pub max_age_ms: Option<i64>,
}

struct Slot<T> {
    value: Option<Arc<T>>,
    expires_at: i64,
    /// When a fetch was last started (successful or not).
    attempted_at: Option<i64>,
}

struct Entry<T> {
    slot: Mutex<Slot<T>>,
    /// Held while fetching: the single flight.
    flight: tokio::sync::Mutex<()>,
}

pub struct RefreshingCache<T> {
    entries: Mutex<HashMap<String, Arc<Entry<T>>>>,
    default_ttl_ms: i64,
    max_ttl_ms: i64,
    min_refresh_ms: i64,
}

impl<T> std::fmt::Debug for RefreshingCache<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RefreshingCache").finish_non_exhaustive()
    }
}

/// What `get` hands back: the value (maybe stale) and the error of a failed refresh.
pub struct Lookup<T, E> {
    pub value: Option<Arc<T>>,
    pub error: Option<E>,
}

impl<T> RefreshingCache<T> {
    pub fn new(default_ttl_ms: i64, max_ttl_ms: i64, min_refresh_ms: i64) -> Self {
        Self { entries: Mutex::default(), default_ttl_ms, max_ttl_ms: max_ttl_ms.max(1), min_refresh_ms }
    }

    fn entry(&self, key: &str) -> Arc<Entry<T>> {
        let mut map = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        // Keys are provider URLs from the configuration and the registered OIDC providers;
        // the bound only guards against a pathological number of them.
        if map.len() > 1_000 && !map.contains_key(key) {
            map.clear();
        }
        map.entry(key.to_string())
            .or_insert_with(|| {
                Arc::new(Entry {
                    slot: Mutex::new(Slot { value: None, expires_at: 0, attempted_at: None }),
                    flight: tokio::sync::Mutex::new(()),
                })
            })
            .clone()
    }

    /// The cached value for `key`, fetched with `fetch` when missing or expired, or when
    /// `want_fresh` says the cached value lacks something (rate-limited).
    pub async fn get<E, F, Fut>(
        &self,
        key: &str,
        now: impl Fn() -> i64,
        want_fresh: impl Fn(&T) -> bool,
        fetch: F,
    ) -> Lookup<T, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Fetched<T>, E>>,
    {
        let entry = self.entry(key);
        let decide = |slot: &Slot<T>, t: i64| -> bool {
            let may_retry = slot.attempted_at.is_none_or(|at| t - at >= self.min_refresh_ms);
            match &slot.value {
                None => may_retry,
                Some(v) => may_retry && (t >= slot.expires_at || want_fresh(v)),
            }
        };
        {
            let slot = entry.slot.lock().unwrap_or_else(|e| e.into_inner());
            if !decide(&slot, now()) {
                return Lookup { value: slot.value.clone(), error: None };
            }
        }
        let _flight = entry.flight.lock().await;
        // Someone else may have refreshed while this caller waited for the flight.
        {
            let slot = entry.slot.lock().unwrap_or_else(|e| e.into_inner());
            if !decide(&slot, now()) {
                return Lookup { value: slot.value.clone(), error: None };
            }
        }
        let started = now();
        entry.slot.lock().unwrap_or_else(|e| e.into_inner()).attempted_at = Some(started);
        let result = fetch().await;
        let mut slot = entry.slot.lock().unwrap_or_else(|e| e.into_inner());
        match result {
            Ok(fetched) => {
                let ttl = fetched.max_age_ms.unwrap_or(self.default_ttl_ms).clamp(0, self.max_ttl_ms);
                slot.value = Some(Arc::new(fetched.value));
                slot.expires_at = started + ttl;
                Lookup { value: slot.value.clone(), error: None }
            }
            Err(e) => Lookup { value: slot.value.clone(), error: Some(e) },
        }
    }
}

/// `max-age` of a Cache-Control header, in milliseconds (`no-store`/`no-cache` → 0).
pub fn max_age_ms(cache_control: Option<&str>) -> Option<i64> {
    let header = cache_control?;
    let mut out = None;
    for directive in header.split(',').map(str::trim) {
        let lower = directive.to_ascii_lowercase();
        if lower == "no-store" || lower == "no-cache" {
            return Some(0);
        }
        if let Some(v) = lower.strip_prefix("max-age=") {
            out = v.trim_matches('"').parse::<i64>().ok().map(|s| s.saturating_mul(1000));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[test]
    fn max_age_is_read_from_cache_control() {
        assert_eq!(
            max_age_ms(Some("public, max-age=19869, must-revalidate, no-transform")),
            Some(19_869_000)
        );
        assert_eq!(max_age_ms(Some("no-store")), Some(0));
        assert_eq!(max_age_ms(Some("public")), None);
        assert_eq!(max_age_ms(None), None);
    }

    #[tokio::test]
    async fn values_are_reused_until_expiry_and_forced_refreshes_are_rate_limited() {
        let cache: RefreshingCache<u32> = RefreshingCache::new(1_000, 10_000, 100);
        let fetches = AtomicUsize::new(0);
        let fetch = || async {
            fetches.fetch_add(1, Ordering::SeqCst);
            Ok::<_, ()>(Fetched { value: 7, max_age_ms: Some(500) })
        };
        // Arrange: a first fetch at t=0.
        assert_eq!(cache.get("k", || 0, |_| false, fetch).await.value.as_deref(), Some(&7));
        // Act/Assert: reused before expiry, even when asked for fresh keys within the limit.
        cache.get("k", || 50, |_| true, fetch).await;
        cache.get("k", || 400, |_| false, fetch).await;
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        // A forced refresh after the limit, and a plain one after expiry.
        cache.get("k", || 150, |_| true, fetch).await;
        assert_eq!(fetches.load(Ordering::SeqCst), 2);
        cache.get("k", || 700, |_| false, fetch).await;
        assert_eq!(fetches.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn a_failed_refresh_keeps_the_stale_value() {
        let cache: RefreshingCache<u32> = RefreshingCache::new(10, 10, 100);
        let ok = || async { Ok::<_, &str>(Fetched { value: 1, max_age_ms: None }) };
        cache.get("k", || 0, |_| false, ok).await;
        let failing = || async { Err::<Fetched<u32>, _>("down") };
        let got = cache.get("k", || 200, |_| false, failing).await;
        assert_eq!(got.value.as_deref(), Some(&1));
        assert_eq!(got.error, Some("down"));
        // Not retried before the limit: no error, the stale value.
        let got = cache.get("k", || 250, |_| false, failing).await;
        assert_eq!((got.value.as_deref(), got.error), (Some(&1), None));
    }
}
