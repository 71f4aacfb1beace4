//! USER_SRP_AUTH and its PASSWORD_VERIFIER challenge, for InitiateAuth / AdminInitiateAuth
//! and RespondToAuthChallenge / AdminRespondToAuthChallenge. The arithmetic is in
//! `crypto::srp`; this module finds the user, seals the server's state into SECRET_BLOCK,
//! and applies lockout and the sign-in checks of the password flows.
//!
//! SECRET_BLOCK is base64 (standard, as clients decode it) of a blob sealed under the master
//! key, carrying the session id, pool, client, user, the secret `b`, `SRP_A` and an expiry;
//! the session id is used up on the first answer, so a block cannot be replayed.

use std::collections::HashMap;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

use super::client::{check_secret_hash, find_for_client, hides_existence};
use super::lockout::{check_not_locked, record_password_check};
use super::password::new_password_challenge;
use super::session::{SESSION_MINUTES_DEFAULT, invalid_session};
use super::{InitiateAuthResponse, Step, incorrect, mfa, param};
use crate::crypto::srp::{self, SrpError};
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::{PoolSettings, status};
use crate::user_pools::ops::pools::load_pool;
use crate::user_pools::store::{ClientRow, UserRow};
use crate::user_pools::tokens::client_settings;
use crate::user_pools::triggers::challenge::ChallengeResult;
use crate::user_pools::triggers::{Caller, authentication};
use crate::user_pools::users::{find_user, srp_verifier};

const BLOCK_PURPOSE: &str = "srp-secret-block";
const FAKE_PURPOSE: &str = "srp-fake-user";

/// How far the client's TIMESTAMP may be from the server's clock.
const MAX_TIMESTAMP_SKEW_MINUTES: i64 = 5;

/// The sealed content of SECRET_BLOCK.
#[derive(Serialize, Deserialize)]
struct SecretBlock {
    id: String,
    pool: String,
    client: String,
    /// The user's `username_key`; empty for the stand-in challenge of an unknown user.
    user: String,
    /// Hex of the server's secret exponent.
    b: String,
    /// `SRP_A` as sent.
    a: String,
    /// Epoch ms.
    expires: i64,
    /// The challenges so far when SRP runs inside CUSTOM_AUTH: a right claim then goes back
    /// to DefineAuthChallenge instead of ending the sign-in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    custom: Option<Vec<ChallengeResult>>,
}

fn internal(e: impl std::error::Error + Send + Sync + 'static) -> UserPoolError {
    UserPoolError::Internal(crate::error::Internal::source(e))
}

/// What the challenge is computed from: the real user's verifier, or (unknown user, client
/// hiding existence) a stand-in.
struct Subject {
    username_key: String,
    user_id_for_srp: String,
    verifier: srp::Verifier,
}

/// AWS answers an unknown user with a challenge too when the client hides user existence.
/// The salt and verifier are keyed digests of the pool and name, so repeated attempts see the
/// same salt, as they would for a real user; the answer is then "Incorrect username or
/// password." For pools whose usernames are email/phone, USER_ID_FOR_SRP looks like a UUID.
fn stand_in(s: &UserPools, pool_id: &str, settings: &PoolSettings, username: &str) -> Subject {
    let data = format!("{pool_id}\n{}", username.to_lowercase());
    let mut salt = s.sealer.mac(FAKE_PURPOSE, format!("salt\n{data}").as_bytes())[..srp::SALT_LEN].to_vec();
    salt[0] = 1 + salt[0] % 0x7f;
    let verifier = s.sealer.mac(FAKE_PURPOSE, format!("verifier\n{data}").as_bytes()).to_vec();
    let user_id_for_srp = if settings.username_attributes().is_empty() {
        username.to_string()
    } else {
        let id = s.sealer.mac(FAKE_PURPOSE, format!("id\n{data}").as_bytes());
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&id[..16]);
        uuid::Builder::from_random_bytes(bytes).into_uuid().to_string()
    };
    Subject { username_key: String::new(), user_id_for_srp, verifier: srp::Verifier { salt, verifier } }
}

/// InitiateAuth / AdminInitiateAuth with USER_SRP_AUTH, after the flow was allowed.
pub async fn initiate(
    s: &UserPools,
    pool_id: &str,
    settings: &PoolSettings,
    client: &ClientRow,
    params: &HashMap<String, String>,
    caller: Caller<'_>,
) -> Result<InitiateAuthResponse, UserPoolError> {
    password_verifier(s, pool_id, settings, client, params, caller, None).await
}

/// The PASSWORD_VERIFIER challenge for `SRP_A`; `custom` carries the CUSTOM_AUTH session
/// it is part of, if any.
pub async fn password_verifier(
    s: &UserPools,
    pool_id: &str,
    settings: &PoolSettings,
    client: &ClientRow,
    params: &HashMap<String, String>,
    caller: Caller<'_>,
    custom: Option<Vec<ChallengeResult>>,
) -> Result<InitiateAuthResponse, UserPoolError> {
    let username = param(params, "USERNAME")?;
    let srp_a = param(params, "SRP_A")?;
    let secret_hash = params.get("SECRET_HASH").map(String::as_str);
    let found = find_for_client(s, client, pool_id, settings, username, secret_hash).await?;
    let subject = match found {
        None if hides_existence(client) => stand_in(s, pool_id, settings, username),
        None => return Err(UserPoolError::UserNotFound),
        Some(user) => {
            if custom.is_none() {
                authentication::pre_authentication(s, settings, &user, caller).await?;
            }
            super::has_password(&user)?;
            check_not_locked(s, &user)?;
            // Every password set since the verifier column exists also sets a verifier.
            let Some(verifier) = srp_verifier(s, &user)? else { return Err(incorrect()) };
            Subject { username_key: user.username_key, user_id_for_srp: user.username, verifier }
        }
    };

    let (a, v) = (srp_a.to_owned(), subject.verifier.verifier.clone());
    let challenge = tokio::task::spawn_blocking(move || srp::server_challenge(&a, &v))
        .await
        .map_err(internal)?
        .map_err(|e| match e {
            SrpError::BadA => UserPoolError::InvalidParameter("SRP_A is invalid.".into()),
            other => internal(other),
        })?;

    let minutes = client_settings(client)?.auth_session_validity.unwrap_or(SESSION_MINUTES_DEFAULT);
    let block = SecretBlock {
        id: crate::crypto::ids::uuid(),
        pool: pool_id.to_string(),
        client: client.client_id.clone(),
        user: subject.username_key,
        b: hex::encode(&challenge.b),
        a: srp_a.to_string(),
        expires: s.clock.now_millis() + minutes * 60_000,
        custom,
    };
    let json = serde_json::to_vec(&block).map_err(internal)?;
    let sealed = URL_SAFE_NO_PAD.decode(s.sealer.seal(BLOCK_PURPOSE, &json)).map_err(internal)?;

    let parameters = HashMap::from([
        ("SALT".to_string(), hex::encode(&subject.verifier.salt)),
        ("SRP_B".to_string(), challenge.srp_b_hex),
        ("SECRET_BLOCK".to_string(), STANDARD.encode(sealed)),
        ("USERNAME".to_string(), subject.user_id_for_srp.clone()),
        ("USER_ID_FOR_SRP".to_string(), subject.user_id_for_srp),
    ]);
    Ok(InitiateAuthResponse {
        challenge_name: Some("PASSWORD_VERIFIER".into()),
        session: None,
        challenge_parameters: Some(parameters),
        authentication_result: None,
    })
}

/// Opens SECRET_BLOCK as sent back in PASSWORD_CLAIM_SECRET_BLOCK. Anything that does not
/// open is a wrong claim, as AWS words it.
fn open_block(s: &UserPools, text: &str) -> Result<(SecretBlock, Vec<u8>), UserPoolError> {
    let raw = STANDARD.decode(text.trim()).map_err(|_| incorrect())?;
    let plain = s.sealer.open(BLOCK_PURPOSE, &URL_SAFE_NO_PAD.encode(&raw)).map_err(|_| incorrect())?;
    let block = serde_json::from_slice(&plain).map_err(|_| incorrect())?;
    Ok((block, raw))
}

/// RespondToAuthChallenge / AdminRespondToAuthChallenge with PASSWORD_VERIFIER.
pub async fn respond(
    s: &UserPools,
    client: &ClientRow,
    responses: &HashMap<String, String>,
) -> Result<Verified, UserPoolError> {
    let username = param(responses, "USERNAME")?;
    let block_text = param(responses, "PASSWORD_CLAIM_SECRET_BLOCK")?;
    let signature = param(responses, "PASSWORD_CLAIM_SIGNATURE")?;
    let timestamp = param(responses, "TIMESTAMP")?;

    let (block, block_bytes) = open_block(s, block_text)?;
    if block.client != client.client_id || block.pool != client.user_pool_id {
        return Err(invalid_session());
    }
    if block.expires <= s.clock.now_millis() {
        return Err(UserPoolError::NotAuthorized("Invalid session for the user, session is expired.".into()));
    }
    let (_, settings) = load_pool(s, &client.user_pool_id).await?;
    let user = match block.user.as_str() {
        "" => None,
        key => s.store.get_user(&block.pool, key).await?,
    };
    let stored = user.as_ref().map(|u| u.username.as_str()).unwrap_or(username);
    check_secret_hash(s, client, &[username, stored], responses.get("SECRET_HASH").map(String::as_str))?;
    match srp::check_timestamp(timestamp, s.clock.now_utc(), TimeDelta::minutes(MAX_TIMESTAMP_SKEW_MINUTES)) {
        Ok(()) => {}
        Err(SrpError::BadTimestamp) => {
            return Err(UserPoolError::InvalidParameter("TIMESTAMP format is invalid.".into()));
        }
        Err(_) => return Err(incorrect()),
    }
    // One answer per challenge, right or wrong.
    if !s.store.consume_session(&block.id, block.expires).await? {
        return Err(invalid_session());
    }
    // The stand-in challenge of an unknown user, or a user deleted since.
    let Some(user) = user else { return Err(incorrect()) };
    if username != user.username && !names_user(s, &settings, username, &user).await? {
        return Err(incorrect());
    }
    check_not_locked(s, &user)?;
    let Some(verifier) = srp_verifier(s, &user)? else { return Err(incorrect()) };

    let b = hex::decode(&block.b).map_err(internal)?;
    let pool_name = srp::pool_name(&user.user_pool_id).to_owned();
    let (user_id, a, sig, ts) =
        (user.username.clone(), block.a.clone(), signature.to_owned(), timestamp.to_owned());
    let verdict = tokio::task::spawn_blocking(move || {
        srp::verify_claim(&pool_name, &user_id, &a, &b, &verifier.verifier, &block_bytes, &ts, &sig)
    })
    .await
    .map_err(internal)?;
    match verdict {
        Ok(()) => record_password_check(s, &user, true).await?,
        Err(SrpError::BadProof) => record_password_check(s, &user, false).await?,
        Err(e) => {
            tracing::warn!(user_pool.id = %user.user_pool_id, user.sub = %user.sub, error = %e, "SRP claim not checkable");
            return Err(incorrect());
        }
    }
    if let Some(history) = block.custom {
        return Ok(Verified::Custom { user: Box::new(user), history });
    }
    sign_in(s, &settings, client, user).await.map(Verified::Done)
}

/// Where a right PASSWORD_VERIFIER leads: the usual sign-in step, or (SRP inside
/// CUSTOM_AUTH) back to DefineAuthChallenge with the challenges so far.
#[derive(Debug)]
pub enum Verified {
    Done(Step),
    Custom { user: Box<UserRow>, history: Vec<ChallengeResult> },
}

/// Whether `name` (the USERNAME sent with the answer: clients send USER_ID_FOR_SRP, some send
/// what the user typed, such as an alias) names `user`.
pub(super) async fn names_user(
    s: &UserPools,
    settings: &PoolSettings,
    name: &str,
    user: &UserRow,
) -> Result<bool, UserPoolError> {
    Ok(find_user(s, &user.user_pool_id, settings, name)
        .await?
        .is_some_and(|found| found.username_key == user.username_key))
}

/// After a right claim: the same checks and outcomes (including MFA) as the password flows.
async fn sign_in(
    s: &UserPools,
    settings: &PoolSettings,
    client: &ClientRow,
    user: UserRow,
) -> Result<Step, UserPoolError> {
    super::may_sign_in(&user)?;
    if user.status == status::FORCE_CHANGE_PASSWORD {
        return new_password_challenge(s, settings, client, &user).map(Step::Challenge);
    }
    mfa::after_first_factor(s, settings, client, &user).await
}
