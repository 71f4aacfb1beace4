//! MFA: the pool's configuration (SetUserPoolMfaConfig, GetUserPoolMfaConfig), a user's
//! factors (AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference,
//! AdminSetUserMFAPreference), and the second step of sign-in: which challenge follows a
//! right password or SRP claim (SOFTWARE_TOKEN_MFA, SMS_MFA, EMAIL_OTP, SELECT_MFA_TYPE,
//! MFA_SETUP) and the answers to them.
//!
//! TOTP secrets are sealed under the master key; the last accepted step is kept per user and
//! moved forward atomically, so a code works once. SMS and email codes are one-time codes
//! (`codes`) delivered through the outbox. Every answer uses its session up, right or wrong
//! (so a wrong code means signing in again, which also bounds guessing).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::admin_users::pool_and_user;
use super::auth::{
    InitiateAuthResponse, find_for_client, invalid_session, load_client_by_id, open_session, param,
    seal_session, spend_session, tokens_response,
};
use super::pools::load_pool;
use crate::crypto::totp;
use crate::error::StorageError;
use crate::user_pools::UserPools;
use crate::user_pools::codes;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::{PoolSettings, status};
use crate::user_pools::outbox::{self, kind};
use crate::user_pools::store::{ClientRow, UserRow};
use crate::user_pools::tokens::{self, verify_access_token};
use crate::user_pools::users::parse_attributes;
use crate::wire::Empty;

pub const SOFTWARE_TOKEN_MFA: &str = "SOFTWARE_TOKEN_MFA";
pub const SMS_MFA: &str = "SMS_MFA";
pub const EMAIL_OTP: &str = "EMAIL_OTP";
const SELECT_MFA_TYPE: &str = "SELECT_MFA_TYPE";
const MFA_SETUP: &str = "MFA_SETUP";
/// MFA_SETUP sessions move through these stages: a secret was associated, then verified.
const SETUP_ASSOCIATED: &str = "MFA_SETUP:ASSOCIATED";
const SETUP_VERIFIED: &str = "MFA_SETUP:VERIFIED";
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

fn mode(settings: &PoolSettings) -> &str {
    settings.mfa_configuration.as_deref().unwrap_or("OFF")
}

/// The factors the pool offers, in AWS's order.
fn pool_factors(settings: &PoolSettings) -> Vec<&'static str> {
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
fn ready(user: &UserRow, factor: &str) -> Result<bool, UserPoolError> {
    match factor {
        SOFTWARE_TOKEN_MFA => Ok(user.totp_secret_sealed.is_some()),
        _ => Ok(address(user, factor)?.is_some()),
    }
}

/// The factors the user enabled that the pool offers and that work now.
fn usable_factors(settings: &PoolSettings, user: &UserRow) -> Result<Vec<&'static str>, UserPoolError> {
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
pub(super) async fn after_first_factor(
    s: &UserPools,
    settings: &PoolSettings,
    client: &ClientRow,
    user: &UserRow,
) -> Result<InitiateAuthResponse, UserPoolError> {
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
            return setup_challenge(s, client, user, &offered);
        }
    }
    let preferred = user_mfa(user).preferred;
    match usable.as_slice() {
        [] => Ok(tokens_response(tokens::issue(s, settings, client, user, None).await?)),
        [only] => challenge(s, client, user, only).await,
        several => match several.iter().find(|f| preferred.as_deref() == Some(**f)) {
            Some(factor) => challenge(s, client, user, factor).await,
            None => choice(s, client, user, several),
        },
    }
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
        let code = codes::issue(s, user, &code_purpose(factor), CODE_VALIDITY_SECS).await?;
        let delivery = outbox::send_code(s, user, attribute, &destination, message_kind, &code).await?;
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

fn seal_secret(s: &UserPools, secret: &str) -> String {
    s.sealer.seal(TOTP_PURPOSE, secret.as_bytes())
}

fn open_secret(s: &UserPools, sealed: &str) -> Result<String, UserPoolError> {
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
pub(super) async fn respond(
    s: &UserPools,
    client: &ClientRow,
    challenge_name: &str,
    session: Option<&str>,
    responses: &HashMap<String, String>,
) -> Result<InitiateAuthResponse, UserPoolError> {
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
            return challenge(s, client, &user, factor).await;
        }
        _ => {}
    }
    Ok(tokens_response(tokens::issue(s, &settings, client, &user, None).await?))
}

/// For AssociateSoftwareToken / VerifySoftwareToken with a Session: opens a session of one of
/// the `stages`, uses it up, and loads its client and user.
async fn setup_session(
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

/// The user behind an access token, as the self-service MFA operations see it.
async fn token_user(s: &UserPools, token: &str) -> Result<UserRow, UserPoolError> {
    let caller = verify_access_token(s, token).await?;
    if caller.user.status == status::RESET_REQUIRED {
        return Err(UserPoolError::PasswordResetRequired);
    }
    Ok(caller.user)
}

async fn save(s: &UserPools, user: &mut UserRow) -> Result<(), UserPoolError> {
    user.updated_at = s.clock.now_millis();
    s.store.set_user_mfa(user).await.map_err(|e| match e {
        StorageError::NotFound => UserPoolError::UserNotFound,
        e => e.into(),
    })
}

fn missing_credentials() -> UserPoolError {
    UserPoolError::InvalidParameter("Either AccessToken or Session must be provided.".into())
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AssociateSoftwareTokenRequest {
    #[serde(default)]
    pub access_token: Option<String>,
    #[serde(default)]
    pub session: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AssociateSoftwareTokenResponse {
    pub secret_code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AssociateSoftwareToken.html>
///
/// A new secret replaces any earlier unverified one; a verified token keeps working until
/// the new one is verified.
pub async fn associate_software_token(
    s: &UserPools,
    r: AssociateSoftwareTokenRequest,
) -> Result<AssociateSoftwareTokenResponse, UserPoolError> {
    let secret = totp::generate_secret();
    if let Some(token) = r.access_token.as_deref() {
        let mut user = token_user(s, token).await?;
        user.totp_pending_sealed = Some(seal_secret(s, &secret));
        save(s, &mut user).await?;
        return Ok(AssociateSoftwareTokenResponse { secret_code: secret, session: None });
    }
    let sealed = r.session.as_deref().ok_or_else(missing_credentials)?;
    let (client, mut user) = setup_session(s, sealed, &[MFA_SETUP, SETUP_ASSOCIATED]).await?;
    user.totp_pending_sealed = Some(seal_secret(s, &secret));
    save(s, &mut user).await?;
    let session = seal_session(s, &client, &user, SETUP_ASSOCIATED)?;
    Ok(AssociateSoftwareTokenResponse { secret_code: secret, session: Some(session) })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VerifySoftwareTokenRequest {
    #[serde(default)]
    pub access_token: Option<String>,
    #[serde(default)]
    pub session: Option<String>,
    pub user_code: String,
    #[serde(default)]
    pub friendly_device_name: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct VerifySoftwareTokenResponse {
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
}

/// Verifies the associated secret with a code and makes it the user's software token.
fn verify_pending(s: &UserPools, user: &mut UserRow, code: &str) -> Result<(), UserPoolError> {
    let sealed = user.totp_pending_sealed.clone().ok_or_else(|| {
        UserPoolError::SoftwareTokenMfaNotFound(
            "Software Token MFA has not been associated with the user.".into(),
        )
    })?;
    let secret = open_secret(s, &sealed)?;
    let step = totp::verify(&secret, code, s.clock.now_secs(), None)
        .ok_or_else(|| UserPoolError::EnableSoftwareTokenMfa("Code mismatch".into()))?;
    user.totp_secret_sealed = Some(sealed);
    user.totp_pending_sealed = None;
    // The code that verified the token cannot also sign in.
    user.totp_last_step = Some(step);
    let mut m = user_mfa(user);
    if !m.enabled.iter().any(|f| f == SOFTWARE_TOKEN_MFA) {
        m.enabled.push(SOFTWARE_TOKEN_MFA.into());
    }
    user.mfa_settings = Some(
        serde_json::to_string(&m).map_err(|e| UserPoolError::Internal(crate::error::Internal::source(e)))?,
    );
    Ok(())
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifySoftwareToken.html>
///
/// A verified token is enabled for the user (not preferred; SetUserMFAPreference does that).
pub async fn verify_software_token(
    s: &UserPools,
    r: VerifySoftwareTokenRequest,
) -> Result<VerifySoftwareTokenResponse, UserPoolError> {
    // SoftwareTokenMFAUserCodeType: sensitive, so AWS does not echo the value.
    match r.user_code.len() {
        n if n < 6 => {
            return Err(UserPoolError::validation_hidden(
                "UserCode",
                "Member must have length greater than or equal to 6",
            ));
        }
        n if n > 6 => {
            return Err(UserPoolError::validation_hidden(
                "UserCode",
                "Member must have length less than or equal to 6",
            ));
        }
        _ if !r.user_code.bytes().all(|b| b.is_ascii_digit()) => {
            return Err(UserPoolError::validation_hidden(
                "UserCode",
                "Member must satisfy regular expression pattern: [0-9]+",
            ));
        }
        _ => {}
    }
    if let Some(token) = r.access_token.as_deref() {
        let mut user = token_user(s, token).await?;
        verify_pending(s, &mut user, &r.user_code)?;
        save(s, &mut user).await?;
        return Ok(VerifySoftwareTokenResponse { status: "SUCCESS".into(), session: None });
    }
    let sealed = r.session.as_deref().ok_or_else(missing_credentials)?;
    let (client, mut user) = setup_session(s, sealed, &[SETUP_ASSOCIATED]).await?;
    verify_pending(s, &mut user, &r.user_code)?;
    save(s, &mut user).await?;
    let session = seal_session(s, &client, &user, SETUP_VERIFIED)?;
    Ok(VerifySoftwareTokenResponse { status: "SUCCESS".into(), session: Some(session) })
}

/// `SMSMfaSettingsType`, `SoftwareTokenMfaSettingsType`, `EmailMfaSettingsType`. A member
/// left out is false: SDKs that skip default booleans (the Rust SDK) send `{}` to disable.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct FactorSettings {
    #[serde(default)]
    pub enabled: bool,
    #[serde(default)]
    pub preferred_mfa: bool,
}

/// Applies SetUserMFAPreference / AdminSetUserMFAPreference to `user` and saves it.
async fn set_preferences(
    s: &UserPools,
    user: &mut UserRow,
    sms: Option<FactorSettings>,
    software_token: Option<FactorSettings>,
    email: Option<FactorSettings>,
) -> Result<(), UserPoolError> {
    let mut m = user_mfa(user);
    for (factor, setting) in [(SMS_MFA, sms), (SOFTWARE_TOKEN_MFA, software_token), (EMAIL_OTP, email)] {
        let Some(setting) = setting else { continue };
        if setting.enabled {
            if !ready(user, factor)? {
                return Err(UserPoolError::InvalidParameter(if factor == SOFTWARE_TOKEN_MFA {
                    "User has not verified software token mfa".into()
                } else {
                    format!("User does not have delivery config set to turn on {factor}")
                }));
            }
            if !m.enabled.iter().any(|f| f == factor) {
                m.enabled.push(factor.into());
            }
        } else {
            m.enabled.retain(|f| f != factor);
        }
        if setting.enabled && setting.preferred_mfa {
            m.preferred = Some(factor.into());
        } else if m.preferred.as_deref() == Some(factor) {
            m.preferred = None;
        }
    }
    user.mfa_settings = Some(
        serde_json::to_string(&m).map_err(|e| UserPoolError::Internal(crate::error::Internal::source(e)))?,
    );
    save(s, user).await
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SetUserMfaPreferenceRequest {
    pub access_token: String,
    #[serde(default, rename = "SMSMfaSettings")]
    pub sms_mfa_settings: Option<FactorSettings>,
    #[serde(default)]
    pub software_token_mfa_settings: Option<FactorSettings>,
    #[serde(default)]
    pub email_mfa_settings: Option<FactorSettings>,
    #[serde(default)]
    pub web_authn_mfa_settings: Option<Value>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserMFAPreference.html>
pub async fn set_user_mfa_preference(
    s: &UserPools,
    r: SetUserMfaPreferenceRequest,
) -> Result<Empty, UserPoolError> {
    let mut user = token_user(s, &r.access_token).await?;
    set_preferences(s, &mut user, r.sms_mfa_settings, r.software_token_mfa_settings, r.email_mfa_settings)
        .await?;
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminSetUserMfaPreferenceRequest {
    pub user_pool_id: String,
    pub username: String,
    #[serde(default, rename = "SMSMfaSettings")]
    pub sms_mfa_settings: Option<FactorSettings>,
    #[serde(default)]
    pub software_token_mfa_settings: Option<FactorSettings>,
    #[serde(default)]
    pub email_mfa_settings: Option<FactorSettings>,
    #[serde(default)]
    pub web_authn_mfa_settings: Option<Value>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminSetUserMFAPreference.html>
pub async fn admin_set_user_mfa_preference(
    s: &UserPools,
    r: AdminSetUserMfaPreferenceRequest,
) -> Result<Empty, UserPoolError> {
    let (_, mut user) = pool_and_user(s, &r.user_pool_id, &r.username).await?;
    set_preferences(s, &mut user, r.sms_mfa_settings, r.software_token_mfa_settings, r.email_mfa_settings)
        .await?;
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SetUserPoolMfaConfigRequest {
    pub user_pool_id: String,
    #[serde(default)]
    pub sms_mfa_configuration: Option<Value>,
    #[serde(default)]
    pub software_token_mfa_configuration: Option<Value>,
    #[serde(default)]
    pub email_mfa_configuration: Option<Value>,
    #[serde(default)]
    pub mfa_configuration: Option<String>,
    #[serde(default)]
    pub web_authn_configuration: Option<Value>,
}

/// GetUserPoolMfaConfig's and SetUserPoolMfaConfig's answer.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserPoolMfaConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sms_mfa_configuration: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub software_token_mfa_configuration: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email_mfa_configuration: Option<Value>,
    pub mfa_configuration: String,
}

fn mfa_config(settings: &PoolSettings) -> UserPoolMfaConfig {
    UserPoolMfaConfig {
        sms_mfa_configuration: settings.sms_mfa_configuration.clone(),
        software_token_mfa_configuration: settings.software_token_mfa_configuration.clone(),
        email_mfa_configuration: settings.email_mfa_configuration.clone(),
        mfa_configuration: mode(settings).to_string(),
    }
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserPoolMfaConfig.html>
///
/// AWS deviation: members left out keep their current value, and EmailMfaConfiguration does
/// not require a DEVELOPER email configuration or the Essentials tier.
pub async fn set_user_pool_mfa_config(
    s: &UserPools,
    r: SetUserPoolMfaConfigRequest,
) -> Result<UserPoolMfaConfig, UserPoolError> {
    let (mut pool, mut settings) = load_pool(s, &r.user_pool_id).await?;
    if let Some(mode) = r.mfa_configuration {
        if !["OFF", "ON", "OPTIONAL"].contains(&mode.as_str()) {
            return Err(UserPoolError::validation(
                "MfaConfiguration",
                Some(&mode),
                "Member must satisfy enum value set: [OFF, ON, OPTIONAL]",
            ));
        }
        settings.mfa_configuration = Some(mode);
    }
    if let Some(c) = r.software_token_mfa_configuration {
        settings.software_token_mfa_configuration = Some(c);
    }
    if let Some(c) = r.sms_mfa_configuration {
        settings.sms_mfa_configuration = Some(c);
    }
    if let Some(c) = r.email_mfa_configuration {
        settings.email_mfa_configuration = Some(c);
    }
    if mode(&settings) != "OFF" && pool_factors(&settings).is_empty() {
        return Err(UserPoolError::InvalidParameter(
            "Invalid MFA configuration given, can't turn on MFA without any enabled MFA factor.".into(),
        ));
    }
    pool.settings = serde_json::to_string(&settings)
        .map_err(|e| UserPoolError::Internal(crate::error::Internal::source(e)))?;
    pool.updated_at = s.clock.now_millis();
    s.store.update_pool(&pool).await.map_err(|e| match e {
        StorageError::NotFound => UserPoolError::pool_not_found(&r.user_pool_id),
        e => e.into(),
    })?;
    s.cache.invalidate_pool(&pool.user_pool_id);
    Ok(mfa_config(&settings))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetUserPoolMfaConfigRequest {
    pub user_pool_id: String,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserPoolMfaConfig.html>
pub async fn get_user_pool_mfa_config(
    s: &UserPools,
    r: GetUserPoolMfaConfigRequest,
) -> Result<UserPoolMfaConfig, UserPoolError> {
    let (_, settings) = load_pool(s, &r.user_pool_id).await?;
    Ok(mfa_config(&settings))
}
