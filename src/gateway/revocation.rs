//! The revocation view: which token families were revoked (RevokeToken, sign-out, a disabled
//! user), which users signed out everywhere (GlobalSignOut) and which were deleted, held in
//! memory so the `cognito` authorizer
//! checks revocation with no database round trip per request.
//!
//! Every node polls the database every `gateway.revocation_poll_ms` (default 500 ms) for
//! revocations newer than the newest it has seen minus [`OVERLAP_MS`], so a revocation made
//! on any node sharing the database takes effect on every gateway within one poll interval
//! plus one query: under 1 s with the default. The overlap re-reads the last minute each
//! poll, which covers rows committed late and clocks of nodes that differ by up to a minute.
//!
//! Fail closed: until the first load succeeds, and whenever the last successful poll is
//! older than [`STALE_AFTER`], [`RevocationView::check`] answers `Unavailable` and the
//! gateway refuses token requests with 503 rather than honour a possibly revoked token.

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

use crate::error::StorageError;
use crate::user_pools::UserPools;

/// How far back each poll looks before the newest revocation already seen.
pub const OVERLAP_MS: i64 = 60_000;
/// Tokens live at most a day, so older revocations no longer matter.
const HORIZON_MS: i64 = 25 * 3600 * 1000;
/// Without a successful poll for this long, the view is not trusted.
pub const STALE_AFTER: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revocation {
    Valid,
    Revoked,
    /// The view could not be refreshed recently; refuse rather than guess.
    Unavailable,
}

#[derive(Debug, Default)]
struct Inner {
    /// origin_jti → revoked_at (ms).
    families: HashMap<String, i64>,
    /// (user_pool_id, sub) → tokens_valid_after (s).
    signed_out: HashMap<(String, String), i64>,
    /// (user_pool_id, sub) of deleted users → deleted_at (ms): every token refused.
    deleted: HashMap<(String, String), i64>,
    /// Newest revoked_at seen (ms), tokens_valid_after seen (s), deleted_at seen (ms).
    newest_family_ms: i64,
    newest_sign_out_s: i64,
    newest_deleted_ms: i64,
    last_ok: Option<Instant>,
}

#[derive(Debug, Default)]
pub struct RevocationView {
    inner: RwLock<Inner>,
}

impl RevocationView {
    /// Whether a token of `pool`/`sub` from family `origin_jti`, issued at `iat` (s), is
    /// still good.
    pub fn check(&self, pool: &str, sub: &str, origin_jti: Option<&str>, iat: i64) -> Revocation {
        let Ok(inner) = self.inner.read() else { return Revocation::Unavailable };
        if inner.last_ok.is_none_or(|at| at.elapsed() > STALE_AFTER) {
            return Revocation::Unavailable;
        }
        if let Some(jti) = origin_jti
            && inner.families.contains_key(jti)
        {
            return Revocation::Revoked;
        }
        // Keyed by an owned pair; the lookup allocates only when users signed out or went.
        if !inner.signed_out.is_empty() || !inner.deleted.is_empty() {
            let key = (pool.to_string(), sub.to_string());
            if inner.deleted.contains_key(&key)
                || inner.signed_out.get(&key).is_some_and(|after| iat < *after)
            {
                return Revocation::Revoked;
            }
        }
        Revocation::Valid
    }

    /// One poll: loads what changed since the newest revocation seen (minus the overlap).
    pub async fn refresh(&self, s: &UserPools) -> Result<(), StorageError> {
        let (since_ms, since_s, since_deleted_ms) = {
            let inner = self.inner.read().map_err(|_| poisoned())?;
            if inner.last_ok.is_none() {
                let now = s.clock.now_millis();
                (now - HORIZON_MS, (now - HORIZON_MS).div_euclid(1000), now - HORIZON_MS)
            } else {
                (
                    inner.newest_family_ms - OVERLAP_MS,
                    inner.newest_sign_out_s - OVERLAP_MS / 1000,
                    inner.newest_deleted_ms - OVERLAP_MS,
                )
            }
        };
        let families = s.store.revoked_families_since(since_ms).await?;
        let users = s.store.signed_out_users_since(since_s).await?;
        let deleted = s.store.deleted_users_since(since_deleted_ms).await?;
        let mut inner = self.inner.write().map_err(|_| poisoned())?;
        if inner.last_ok.is_none() {
            inner.newest_family_ms = since_ms + OVERLAP_MS;
            inner.newest_sign_out_s = since_s + OVERLAP_MS / 1000;
            inner.newest_deleted_ms = since_deleted_ms + OVERLAP_MS;
        }
        for d in deleted {
            inner.newest_deleted_ms = inner.newest_deleted_ms.max(d.deleted_at);
            inner.deleted.insert((d.user_pool_id, d.sub), d.deleted_at);
        }
        for f in families {
            inner.newest_family_ms = inner.newest_family_ms.max(f.revoked_at);
            inner.families.insert(f.origin_jti, f.revoked_at);
        }
        for u in users {
            inner.newest_sign_out_s = inner.newest_sign_out_s.max(u.tokens_valid_after);
            let slot = inner.signed_out.entry((u.user_pool_id, u.sub)).or_insert(0);
            *slot = (*slot).max(u.tokens_valid_after);
        }
        let (family_floor, user_floor) =
            (inner.newest_family_ms - HORIZON_MS, inner.newest_sign_out_s - HORIZON_MS / 1000);
        inner.families.retain(|_, at| *at > family_floor);
        inner.signed_out.retain(|_, after| *after > user_floor);
        let deleted_floor = inner.newest_deleted_ms - HORIZON_MS;
        inner.deleted.retain(|_, at| *at > deleted_floor);
        inner.last_ok = Some(Instant::now());
        Ok(())
    }

    /// Polls forever every `every`; failures are logged and the view goes stale (closed).
    pub async fn poll(self: std::sync::Arc<Self>, s: UserPools, every: Duration) {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = self.refresh(&s).await {
                tracing::warn!(error = %e, "refreshing the gateway revocation view failed");
            }
        }
    }
}

fn poisoned() -> StorageError {
    StorageError::Setup("revocation view lock poisoned".into())
}
