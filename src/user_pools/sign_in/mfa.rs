//! The second step of sign-in: which challenge follows a right password or SRP claim
//! (SOFTWARE_TOKEN_MFA, SMS_MFA, EMAIL_OTP, SELECT_MFA_TYPE, MFA_SETUP) and the answers to
//! them; and the MFA rules the management operations (`ops::mfa`) share: a user's factors,
//! the pool's, TOTP secrets sealed under the master key.
//!
//! The last accepted TOTP step is kept per user and moved forward atomically, so a code works
//! once. SMS and email codes are one-time codes (`codes`) delivered through the outbox. Every
//! answer uses its session up, right or wrong (so a wrong code means signing in again, which
//! also bounds guessing).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::client::{find_for_client, load_client_by_id};
use super::session::{invalid_session, open_session, seal_session, spend_session};
use super::{InitiateAuthResponse, Step, param};
use crate::crypto::totp;
use crate::user_pools::UserPools;
use crate::user_pools::codes;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::PoolSettings;
use crate::user_pools::ops::pools::load_pool;
use crate::user_pools::outbox::{self, kind};
use crate::user_pools::store::{ClientRow, UserRow};
use crate::user_pools::users::parse_attributes;

pub const SOFTWARE_TOKEN_MFA: &str = "SOFTWARE_TOKEN_MFA";
pub const SMS_MFA: &str = "SMS_MFA";
pub const EMAIL_OTP: &str = "EMAIL_OTP";
pub const SELECT_MFA_TYPE: &str = "SELECT_MFA_TYPE";
pub const MFA_SETUP: &str = "MFA_SETUP";
/// MFA_SETUP sessions move through these stages: a secret was associated, then verified.
pub const SETUP_ASSOCIATED: &str = "MFA_SETUP:ASSOCIATED";
pub const SETUP_VERIFIED: &str = "MFA_SETUP:VERIFIED";
const TOTP_PURPOSE: &str = "totp-secret";
/// SMS and email codes live as long as the default challenge session.
const CODE_VALIDITY_SECS: i64 = 180;

/// What `users.mfa_settings` holds.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct MfaSettings {
    #[serde(default)]
    pub enabled: Vec<String>,
    #[serde(default)]
    pub preferred: Option<String>,
}

pub fn user_mfa(user: &UserRow) -> MfaSettings {
    user.mfa_settings.as_deref().and_then(|j| serde_json::from_str(j).ok()).unwrap_or_default()
}

/// GetUser's `UserMFASettingList` and `PreferredMfaSetting`, when the user has any.
pub fn user_mfa_fields(user: &UserRow) -> (Option<Vec<String>>, Option<String>) {
    let m = user_mfa(user);
    (Some(m.enabled).filter(|e| !e.is_empty()), m.preferred)
}

pub fn mode(settings: &PoolSettings) -> &str {
    settings.mfa_configuration.as_deref().unwrap_or("OFF")
}

/// The factors the pool offers, in AWS's order.
pub fn pool_factors(settings: &PoolSettings) -> Vec<&'static str> {
    let mut factors = Vec::new();
    if settings
        .software_token_mfa_configuration
        .as_ref()
        .and_then(|v| v.get("Enabled"))
        .and_then(Value::as_bool)
        == Some(true)
    {
        factors.push(SOFTWARE_TOKEN_MFA);
    }
    if settings.sms_mfa_configuration.is_some() || settings.sms_configuration.is_some() {
        factors.push(SMS_MFA);
    }
    if settings.email_mfa_configuration.is_some() {
        factors.push(EMAIL_OTP);
    }
    factors
}

/// The address an SMS or email factor delivers to.
fn address(user: &UserRow, factor: &str) -> Result<Option<String>, UserPoolError> {
    let name = if factor == SMS_MFA { "phone_number" } else { "email" };
    Ok(parse_attributes(&user.attributes)?
        .into_iter()
        .find(|a| a.name == name)
        .and_then(|a| a.value)
        .filter(|v| !v.is_empty()))
}

/// Whether the user could use `factor` now.
pub fn ready(user: &UserRow, factor: &str) -> Result<bool, UserPoolError> {
    match factor {
        SOFTWARE_TOKEN_MFA => Ok(user.totp_secret_sealed.is_some()),
        _ => Ok(address(user, factor)?.is_some()),
    }
}

/// The factors the user enabled that the pool offers and that work now.
pub fn usable_factors(settings: &PoolSettings, user: &UserRow) -> Result<Vec<&'static str>, UserPoolError> {
    let enabled = user_mfa(user).enabled;
    let mut usable = Vec::new();
    for factor in pool_factors(settings) {
        if enabled.iter().any(|e| e == factor) && ready(user, factor)? {
            usable.push(factor);
        }
    }
    Ok(usable)
}

/// After a right password or SRP claim: tokens, or the MFA challenge the pool and the user's
/// factors call for.
pub async fn after_first_factor(
    s: &UserPools,
    settings: &PoolSettings,
    client: &ClientRow,
    user: &UserRow,
) -> Result<Step, UserPoolError> {
    let mode = mode(settings);
    let mut usable = if mode == "OFF" { Vec::new() } else { usable_factors(settings, user)? };
    if usable.is_empty() && mode == "ON" {
        // MFA is required: codes go to an address the user has (as AWS sends SMS_MFA to a
        // user with a phone number), and a user with none sets up a factor.
        let offered = pool_factors(settings);
        for factor in &offered {
            if *factor != SOFTWARE_TOKEN_MFA && ready(user, factor)? {
                usable.push(*factor);
            }
        }
        if usable.is_empty() {
            return setup_challenge(s, client, user, &offered).map(Step::Challenge);
        }
    }
    let preferred = user_mfa(user).preferred;
    let next = match usable.as_slice() {
        [] => return Ok(Step::SignedIn(Box::new(user.clone()))),
        [only] => challenge(s, client, user, only).await?,
        several => match several.iter().find(|f| preferred.as_deref() == Some(**f)) {
            Some(factor) => challenge(s, client, user, factor).await?,
            None => choice(s, client, user, several)?,
        },
    };
    Ok(Step::Challenge(next))
}

fn json_list(factors: &[&str]) -> String {
    serde_json::to_string(factors).unwrap_or_default()
}

fn challenge_response(
    s: &UserPools,
    client: &ClientRow,
    user: &UserRow,
    name: &str,
    mut parameters: HashMap<String, String>,
) -> Result<InitiateAuthResponse, UserPoolError> {
    parameters.insert("USER_ID_FOR_SRP".into(), user.username.clone());
    Ok(InitiateAuthResponse {
        challenge_name: Some(name.into()),
        session: Some(seal_session(s, client, user, name)?),
        challenge_parameters: Some(parameters),
        authentication_result: None,
    })
}

fn setup_challenge(
    s: &UserPools,
    client: &ClientRow,
    user: &UserRow,
    offered: &[&str],
) -> Result<InitiateAuthResponse, UserPoolError> {
    let parameters = HashMap::from([("MFAS_CAN_SETUP".to_string(), json_list(offered))]);
    challenge_response(s, client, user, MFA_SETUP, parameters)
}

fn choice(
    s: &UserPools,
    client: &ClientRow,
    user: &UserRow,
    factors: &[&str],
) -> Result<InitiateAuthResponse, UserPoolError> {
    let parameters = HashMap::from([("MFAS_CAN_CHOOSE".to_string(), json_list(factors))]);
    challenge_response(s, client, user, SELECT_MFA_TYPE, parameters)
}

fn code_purpose(factor: &str) -> String {
    format!("MFA:{factor}")
}

/// The challenge of one factor; for SMS and email, a fresh code goes to the outbox.
async fn challenge(
    s: &UserPools,
    client: &ClientRow,
    user: &UserRow,
    factor: &str,
) -> Result<InitiateAuthResponse, UserPoolError> {
    let mut parameters = HashMap::new();
    if factor != SOFTWARE_TOKEN_MFA {
        let destination = address(user, factor)?.ok_or_else(invalid_session)?;
        let (attribute, message_kind) =
            if factor == SMS_MFA { ("phone_number", kind::SMS_MFA) } else { ("email", kind::EMAIL_OTP) };
        let source = crate::user_pools::triggers::message::AUTHENTICATION;
        let caller = crate::user_pools::triggers::Caller::new(client, None);
        let to = (attribute, destination.as_str());
        let purpose = (code_purpose(factor), CODE_VALIDITY_SECS);
        let delivery =
            outbox::send_code(s, user, to, message_kind, source, (&purpose.0, purpose.1), caller).await?;
        parameters.insert("CODE_DELIVERY_DELIVERY_MEDIUM".into(), delivery.delivery_medium);
        parameters.insert("CODE_DELIVERY_DESTINATION".into(), delivery.destination);
    }
    challenge_response(s, client, user, factor, parameters)
}

fn wrong_totp() -> UserPoolError {
    UserPoolError::MfaCodeMismatch("Invalid code received for user".into())
}

fn wrong_code() -> UserPoolError {
    UserPoolError::MfaCodeMismatch("Invalid code or auth state for the user.".into())
}

fn internal(what: &str) -> UserPoolError {
    UserPoolError::Internal(what.into())
}

pub fn seal_secret(s: &UserPools, secret: &str) -> String {
    s.sealer.seal(TOTP_PURPOSE, secret.as_bytes())
}

pub fn open_secret(s: &UserPools, sealed: &str) -> Result<String, UserPoolError> {
    let plain =
        s.sealer.open(TOTP_PURPOSE, sealed).map_err(|_| internal("stored TOTP secret does not open"))?;
    String::from_utf8(plain).map_err(|e| UserPoolError::Internal(crate::error::Internal::source(e)))
}

/// Checks a sign-in TOTP code and uses its step up.
async fn check_totp(s: &UserPools, user: &UserRow, code: &str) -> Result<(), UserPoolError> {
    let sealed = user.totp_secret_sealed.as_deref().ok_or_else(wrong_totp)?;
    let secret = open_secret(s, sealed)?;
    let step = totp::verify(&secret, code, s.clock.now_secs(), user.totp_last_step).ok_or_else(wrong_totp)?;
    // Of two sign-ins racing with the same code, one wins.
    if !s.store.use_totp_step(&user.user_pool_id, &user.username_key, step).await? {
        return Err(wrong_totp());
    }
    Ok(())
}

/// RespondToAuthChallenge / AdminRespondToAuthChallenge with an MFA challenge.
pub async fn respond(
    s: &UserPools,
    client: &ClientRow,
    challenge_name: &str,
    session: Option<&str>,
    responses: &HashMap<String, String>,
) -> Result<Step, UserPoolError> {
    let sealed = session
        .ok_or_else(|| UserPoolError::InvalidParameter("Missing required parameter Session".into()))?;
    let username = param(responses, "USERNAME")?;
    let answer = match challenge_name {
        SOFTWARE_TOKEN_MFA => Some(param(responses, "SOFTWARE_TOKEN_MFA_CODE")?),
        SMS_MFA => Some(param(responses, "SMS_MFA_CODE")?),
        EMAIL_OTP => Some(param(responses, "EMAIL_OTP_CODE")?),
        SELECT_MFA_TYPE => Some(param(responses, "ANSWER")?),
        _ => None,
    };
    let (_, settings) = load_pool(s, &client.user_pool_id).await?;
    let secret_hash = responses.get("SECRET_HASH").map(String::as_str);
    let found = find_for_client(s, client, &client.user_pool_id, &settings, username, secret_hash).await?;
    let stage = if challenge_name == MFA_SETUP { SETUP_VERIFIED } else { challenge_name };
    let session = open_session(s, sealed)?;
    if session.client != client.client_id || session.pool != client.user_pool_id || session.challenge != stage
    {
        return Err(invalid_session());
    }
    spend_session(s, &session).await?;
    let user = found.filter(|u| u.username_key == session.user).ok_or_else(invalid_session)?;
    if !user.enabled {
        return Err(UserPoolError::NotAuthorized("User is disabled.".into()));
    }
    match (challenge_name, answer) {
        (SOFTWARE_TOKEN_MFA, Some(code)) => check_totp(s, &user, code).await?,
        (SMS_MFA | EMAIL_OTP, Some(code)) => {
            codes::redeem(s, &user, &code_purpose(challenge_name), code).await.map_err(|e| match e {
                UserPoolError::CodeMismatch | UserPoolError::ExpiredCode => wrong_code(),
                e => e,
            })?
        }
        (SELECT_MFA_TYPE, Some(choice)) => {
            let usable = usable_factors(&settings, &user)?;
            let Some(factor) = usable.iter().find(|f| **f == choice) else {
                return Err(UserPoolError::InvalidParameter(format!("Invalid ANSWER: {choice}")));
            };
            return challenge(s, client, &user, factor).await.map(Step::Challenge);
        }
        _ => {}
    }
    Ok(Step::SignedIn(Box::new(user)))
}

/// For AssociateSoftwareToken / VerifySoftwareToken with a Session: opens a session of one of
/// the `stages`, uses it up, and loads its client and user.
pub async fn setup_session(
    s: &UserPools,
    sealed: &str,
    stages: &[&str],
) -> Result<(ClientRow, UserRow), UserPoolError> {
    let session = open_session(s, sealed)?;
    if !stages.contains(&session.challenge.as_str()) {
        return Err(invalid_session());
    }
    let client = load_client_by_id(s, &session.client).await.map_err(|_| invalid_session())?;
    if client.user_pool_id != session.pool {
        return Err(invalid_session());
    }
    spend_session(s, &session).await?;
    let user = s.store.get_user(&session.pool, &session.user).await?.ok_or_else(invalid_session)?;
    Ok((client, user))
}
