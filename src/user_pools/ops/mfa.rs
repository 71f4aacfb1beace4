//! MFA management: the pool's configuration (SetUserPoolMfaConfig, GetUserPoolMfaConfig)
//! and a user's factors (AssociateSoftwareToken, VerifySoftwareToken, SetUserMFAPreference,
//! AdminSetUserMFAPreference). The sign-in challenges are `sign_in::mfa`'s.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::pools::load_pool;
use crate::crypto::totp;
use crate::error::StorageError;
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::{PoolSettings, status};
use crate::user_pools::sign_in::mfa::{
    EMAIL_OTP, MFA_SETUP, SETUP_ASSOCIATED, SETUP_VERIFIED, SMS_MFA, SOFTWARE_TOKEN_MFA, mode, open_secret,
    pool_factors, ready, seal_secret, setup_session, user_mfa,
};
use crate::user_pools::sign_in::session::seal_session;
use crate::user_pools::store::UserRow;
use crate::user_pools::tokens::verify_access_token;
use crate::user_pools::users::pool_user;
use crate::wire::Empty;

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
    let (_, mut user) = pool_user(s, &r.user_pool_id, &r.username).await?;
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

/// `MFAOptionType`, the legacy way to turn SMS MFA on: only `SMS` to `phone_number`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MfaOption {
    #[serde(default)]
    pub delivery_medium: Option<String>,
    #[serde(default)]
    pub attribute_name: Option<String>,
}

/// SetUserSettings' MFAOptions as SMS settings: an SMS option to `phone_number` turns SMS MFA
/// on, an empty list turns it off; anything else is not supported (AWS: "You can use it to
/// configure only SMS MFA").
fn sms_from_options(options: &[MfaOption]) -> Result<FactorSettings, UserPoolError> {
    for option in options {
        let sms = option.delivery_medium.as_deref() == Some("SMS");
        let phone = option.attribute_name.as_deref().is_none_or(|a| a == "phone_number");
        if !sms || !phone {
            // unsure: AWS's message for an EMAIL option or another attribute.
            return Err(UserPoolError::InvalidParameter(
                "Only SMS delivery to phone_number can be set with MFAOptions.".into(),
            ));
        }
    }
    Ok(FactorSettings { enabled: !options.is_empty(), preferred_mfa: false })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SetUserSettingsRequest {
    pub access_token: String,
    #[serde(rename = "MFAOptions")]
    pub mfa_options: Vec<MfaOption>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserSettings.html>
///
/// The legacy form of SetUserMFAPreference for SMS: the same rules (a phone number is needed
/// to turn it on).
pub async fn set_user_settings(s: &UserPools, r: SetUserSettingsRequest) -> Result<Empty, UserPoolError> {
    let sms = sms_from_options(&r.mfa_options)?;
    let mut user = token_user(s, &r.access_token).await?;
    set_preferences(s, &mut user, Some(sms), None, None).await?;
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminSetUserSettingsRequest {
    pub user_pool_id: String,
    pub username: String,
    #[serde(rename = "MFAOptions")]
    pub mfa_options: Vec<MfaOption>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminSetUserSettings.html>
pub async fn admin_set_user_settings(
    s: &UserPools,
    r: AdminSetUserSettingsRequest,
) -> Result<Empty, UserPoolError> {
    let sms = sms_from_options(&r.mfa_options)?;
    let (_, mut user) = pool_user(s, &r.user_pool_id, &r.username).await?;
    set_preferences(s, &mut user, Some(sms), None, None).await?;
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminDeleteSoftwareTokenRequest {
    pub user_pool_id: String,
    pub username: String,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDeleteSoftwareToken.html>
///
/// Forgets the user's TOTP factor (a lost phone): sign-ins no longer ask for it, and the user
/// can associate a new one. A user without one is answered like AWS answers a missing factor.
pub async fn admin_delete_software_token(
    s: &UserPools,
    r: AdminDeleteSoftwareTokenRequest,
) -> Result<Empty, UserPoolError> {
    let (_, mut user) = pool_user(s, &r.user_pool_id, &r.username).await?;
    if user.totp_secret_sealed.is_none() && user.totp_pending_sealed.is_none() {
        // unsure: AWS's type and message for a user without a software token.
        return Err(UserPoolError::SoftwareTokenMfaNotFound(
            "Software Token MFA has not been associated with the user.".into(),
        ));
    }
    user.totp_secret_sealed = None;
    user.totp_pending_sealed = None;
    user.totp_last_step = None;
    // Turning the factor off (and its preference) is SetUserMFAPreference's job; it saves.
    let off = FactorSettings { enabled: false, preferred_mfa: false };
    set_preferences(s, &mut user, None, Some(off), None).await?;
    tracing::info!(user_pool.id = %user.user_pool_id, user.sub = %user.sub, "software token deleted by admin");
    Ok(Empty {})
}
