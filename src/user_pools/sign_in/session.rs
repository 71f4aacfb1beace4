//! Challenge sessions: the `Session` of a sign-in step (NEW_PASSWORD_REQUIRED, the MFA
//! challenges, MFA_SETUP), sealed (AES-GCM under the master key), expiring after the
//! client's AuthSessionValidity, and single-use: spending one is a database insert that only
//! one of two concurrent answers wins.

use serde::{Deserialize, Serialize};

use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::store::{ClientRow, UserRow};
use crate::user_pools::tokens::client_settings;
use crate::user_pools::triggers::challenge::ChallengeResult;

/// How long a challenge session lives (AuthSessionValidity's default, 3 minutes).
pub const SESSION_MINUTES_DEFAULT: i64 = 3;
const SESSION_PURPOSE: &str = "auth-session";

/// The sealed content of a challenge `Session`. `challenge` names the step the session may
/// be used for: a challenge name, or an internal stage such as `MFA_SETUP:VERIFIED`.
#[derive(Debug, Serialize, Deserialize)]
pub struct ChallengeSession {
    id: String,
    pub pool: String,
    pub client: String,
    /// The user's `username_key`.
    pub user: String,
    pub challenge: String,
    /// Epoch ms.
    expires: i64,
    /// CUSTOM_AUTH's state between rounds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom: Option<CustomState>,
}

/// What a CUSTOM_CHALLENGE session remembers: the challenges so far and what
/// CreateAuthChallenge kept from the user (its private parameters and metadata).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CustomState {
    pub history: Vec<ChallengeResult>,
    pub private: serde_json::Map<String, serde_json::Value>,
    pub metadata: Option<String>,
}

pub fn seal_session(
    s: &UserPools,
    client: &ClientRow,
    user: &UserRow,
    challenge: &str,
) -> Result<String, UserPoolError> {
    seal_session_with(s, client, user, challenge, None)
}

/// [`seal_session`] carrying CUSTOM_AUTH's state.
pub fn seal_session_with(
    s: &UserPools,
    client: &ClientRow,
    user: &UserRow,
    challenge: &str,
    custom: Option<CustomState>,
) -> Result<String, UserPoolError> {
    let minutes = client_settings(client)?.auth_session_validity.unwrap_or(SESSION_MINUTES_DEFAULT);
    let session = ChallengeSession {
        id: crate::crypto::ids::uuid(),
        pool: user.user_pool_id.clone(),
        client: client.client_id.clone(),
        user: user.username_key.clone(),
        challenge: challenge.into(),
        expires: s.clock.now_millis() + minutes * 60_000,
        custom,
    };
    let json = serde_json::to_vec(&session)
        .map_err(|e| UserPoolError::Internal(crate::error::Internal::source(e)))?;
    Ok(s.sealer.seal(SESSION_PURPOSE, &json))
}

pub fn invalid_session() -> UserPoolError {
    UserPoolError::NotAuthorized("Invalid session for the user.".into())
}

/// Opens a session and checks its expiry, without using it up.
pub fn open_session(s: &UserPools, sealed: &str) -> Result<ChallengeSession, UserPoolError> {
    let plain = s.sealer.open(SESSION_PURPOSE, sealed).map_err(|_| invalid_session())?;
    let session: ChallengeSession = serde_json::from_slice(&plain).map_err(|_| invalid_session())?;
    if session.expires <= s.clock.now_millis() {
        return Err(UserPoolError::NotAuthorized("Invalid session for the user, session is expired.".into()));
    }
    Ok(session)
}

/// Uses a session up: of two answers with the same session, one wins.
pub async fn spend_session(s: &UserPools, session: &ChallengeSession) -> Result<(), UserPoolError> {
    if !s.store.consume_session(&session.id, session.expires).await? {
        return Err(invalid_session());
    }
    Ok(())
}

/// Opens a session for `client` and `challenge` and uses it up.
pub async fn redeem_session(
    s: &UserPools,
    client: &ClientRow,
    challenge: &str,
    sealed: &str,
) -> Result<ChallengeSession, UserPoolError> {
    let session = open_session(s, sealed)?;
    if session.client != client.client_id
        || session.pool != client.user_pool_id
        || session.challenge != challenge
    {
        return Err(invalid_session());
    }
    spend_session(s, &session).await?;
    Ok(session)
}
