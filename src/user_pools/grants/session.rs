//! The hosted pages' sign-in: a cookie sealed under the master key naming the pool, the
//! user (by name key and `sub`), when they signed in, and an id. The cookie is good until
//! its expiry (not sliding) while the user exists with that `sub`, is enabled, has not
//! signed out everywhere since (GlobalSignOut, AdminUserGlobalSignOut, AdminDisableUser and
//! deletion end it, unlike AWS, which keeps its cookie), and the session was not ended by
//! `/logout` (its id is then recorded until the cookie's expiry, so a copy of the cookie
//! stops working too).

use serde::{Deserialize, Serialize};

use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::store::UserRow;

const PURPOSE: &str = "hosted-session";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct HostedSession {
    /// Recorded when `/logout` ends the session.
    #[serde(default)]
    pub id: String,
    pub pool: String,
    pub user: String,
    pub sub: String,
    /// Epoch seconds of the sign-in.
    pub auth_time: i64,
    /// Epoch seconds after which the cookie is refused.
    pub expires: i64,
}

/// A new session for `user`, signed in now; the sealed cookie value.
pub fn start(s: &UserPools, user: &UserRow) -> (HostedSession, String) {
    let now = s.clock.now_secs();
    let session = HostedSession {
        id: crate::crypto::ids::uuid(),
        pool: user.user_pool_id.clone(),
        user: user.username_key.clone(),
        sub: user.sub.clone(),
        auth_time: now,
        expires: now + s.config.hosted_ui.session_seconds,
    };
    let json = serde_json::to_vec(&session).unwrap_or_default();
    let sealed = s.sealer.seal(PURPOSE, &json);
    (session, sealed)
}

/// The session's user, if the cookie opens, belongs to `pool_id` and still holds.
pub async fn resume(
    s: &UserPools,
    pool_id: &str,
    sealed: &str,
) -> Result<Option<(HostedSession, UserRow)>, UserPoolError> {
    let Some(session) = open(s, pool_id, sealed) else { return Ok(None) };
    if s.store.session_consumed(&session.id).await? {
        return Ok(None);
    }
    let user = s
        .store
        .get_user(pool_id, &session.user)
        .await?
        .filter(|u| u.sub == session.sub && u.enabled && u.tokens_valid_after <= session.auth_time);
    Ok(user.map(|u| (session, u)))
}

/// The session a cookie holds, if it opens, is this pool's and has not expired.
fn open(s: &UserPools, pool_id: &str, sealed: &str) -> Option<HostedSession> {
    let plain = s.sealer.open(PURPOSE, sealed).ok()?;
    let session = serde_json::from_slice::<HostedSession>(&plain).ok()?;
    (session.pool == pool_id && !session.id.is_empty() && session.expires > s.clock.now_secs())
        .then_some(session)
}

/// Ends the session a cookie holds (`/logout`): every copy of the cookie stops working.
pub async fn end(s: &UserPools, pool_id: &str, sealed: &str) -> Result<(), UserPoolError> {
    if let Some(session) = open(s, pool_id, sealed) {
        s.store.consume_session(&session.id, session.expires * 1000).await?;
    }
    Ok(())
}
