//! Self-service registration and password recovery: SignUp, ConfirmSignUp,
//! ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword, and their operator
//! counterparts AdminConfirmSignUp and AdminResetUserPassword. The attribute rules they
//! share with `ops::user` (where a code goes, which attributes a client may write, saving a
//! user whose aliases may move) are `users`'.
//!
//! Codes are minted and redeemed by `codes`, delivered through the `outbox`; signing in is
//! `sign_in`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::admin_users::resolve_username;
use super::pools::load_pool;
use crate::crypto::ids;
use crate::error::StorageError;
use crate::user_pools::UserPools;
use crate::user_pools::codes;
use crate::user_pools::constraints;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::{Attribute, PoolSettings, status};
use crate::user_pools::outbox::{self, CodeDeliveryDetails, kind, mask};
use crate::user_pools::password::check_policy;
use crate::user_pools::sign_in::client::{
    check_secret_hash, find_for_client, hides_existence, load_client_by_id,
};
use crate::user_pools::sign_in::migrate;
use crate::user_pools::store::{CONFLICT_PRIMARY, ClientRow, UserRow};
use crate::user_pools::triggers::sign_up::{self as sign_up_trigger, NewUser};
use crate::user_pools::triggers::{Caller, message};
use crate::user_pools::users::pool_user;
use crate::user_pools::users::{
    alias_keys, check_attributes, check_required, conflict_error, encode_attributes, is_email, is_phone,
    parse_attributes, set_attribute, set_password, username_key,
};
use crate::user_pools::users::{
    check_writable, ensure_aliases_free, save_user_attributes, value_of, verification_target, verified_flag,
};
use crate::wire::Empty;

/// Where a password-reset code goes: a *verified* email or phone number, in the order of the
/// pool's AccountRecoverySetting, or (without one) AWS's legacy order, phone before email.
fn recovery_target(settings: &PoolSettings, attributes: &[Attribute]) -> Option<(String, String)> {
    let mut mechanisms: Vec<(i64, String)> = settings
        .account_recovery_setting
        .as_ref()
        .and_then(|s| s.get("RecoveryMechanisms"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|m| Some((m.get("Priority")?.as_i64()?, m.get("Name")?.as_str()?.to_string())))
        .collect();
    mechanisms.sort();
    let order: Vec<&str> = if mechanisms.is_empty() {
        vec!["phone_number", "email"]
    } else {
        // `admin_only` means users cannot recover by themselves at all.
        mechanisms
            .iter()
            .take_while(|(_, name)| name != "admin_only")
            .filter_map(|(_, name)| match name.as_str() {
                "verified_email" => Some("email"),
                "verified_phone_number" => Some("phone_number"),
                _ => None,
            })
            .collect()
    };
    order.into_iter().find_map(|name| {
        let verified = verified_flag(name).and_then(|flag| value_of(attributes, flag)) == Some("true");
        value_of(attributes, name).filter(|_| verified).map(|v| (name.to_string(), v.to_string()))
    })
}

/// The delivery details a client that hides user existence shows for a user who does not
/// exist, so the answer looks like the one for a real user.
fn simulated_delivery(username: &str) -> CodeDeliveryDetails {
    let (medium, attribute, destination) = if is_phone(username) {
        ("SMS", "phone_number", mask(username))
    } else if is_email(username) {
        ("EMAIL", "email", mask(username))
    } else {
        ("EMAIL", "email", mask(&format!("{username}@example.com")))
    };
    CodeDeliveryDetails { destination, delivery_medium: medium.into(), attribute_name: attribute.into() }
}

/// The client a public operation names, with its pool.
async fn client_and_pool(
    s: &UserPools,
    client_id: &str,
) -> Result<(ClientRow, String, PoolSettings), UserPoolError> {
    let client = load_client_by_id(s, client_id).await?;
    let (pool, settings) = load_pool(s, &client.user_pool_id).await?;
    Ok((client, pool.user_pool_id, settings))
}

/// Finds the user a public operation names and checks SECRET_HASH against the name the
/// caller typed or the stored username.
async fn named_user(
    s: &UserPools,
    client: &ClientRow,
    pool_id: &str,
    settings: &PoolSettings,
    username: &str,
    secret_hash: Option<&str>,
) -> Result<Option<UserRow>, UserPoolError> {
    constraints::username(username)?;
    find_for_client(s, client, pool_id, settings, username, secret_hash).await
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SignUpRequest {
    pub client_id: String,
    #[serde(default)]
    pub secret_hash: Option<String>,
    pub username: String,
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub user_attributes: Vec<Attribute>,
    /// For the PreSignUp trigger.
    #[serde(default)]
    pub validation_data: Option<Vec<Attribute>>,
    #[serde(default)]
    pub analytics_metadata: Option<Value>,
    #[serde(default)]
    pub user_context_data: Option<Value>,
    #[serde(default)]
    pub client_metadata: Option<Value>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SignUpResponse {
    pub user_confirmed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_delivery_details: Option<CodeDeliveryDetails>,
    pub user_sub: String,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignUp.html>
///
/// The user starts UNCONFIRMED. When the pool auto-verifies an address the user gave, a
/// code goes there; otherwise the user stays unconfirmed until an operator confirms them. A
/// PreSignUp trigger runs before the user is written: it may refuse them (nothing is
/// written), confirm them and mark their addresses verified (no code is sent).
pub async fn sign_up(s: &UserPools, r: SignUpRequest) -> Result<SignUpResponse, UserPoolError> {
    let (client, pool_id, settings) = client_and_pool(s, &r.client_id).await?;
    constraints::username(&r.username)?;
    // AWS deviation: the model makes Password optional for passwordless (choice-based)
    // sign-in, which is not implemented; without it we answer as AWS did before that.
    let Some(password) = r.password.as_deref() else {
        return Err(UserPoolError::validation("Password", None, "Member must not be null"));
    };
    constraints::password("Password", password)?;
    check_secret_hash(s, &client, &[&r.username], r.secret_hash.as_deref())?;
    if settings.admin_create_user_config.as_ref().and_then(|c| c.allow_admin_create_user_only) == Some(true) {
        return Err(UserPoolError::NotAuthorized("SignUp is not permitted for this user pool".into()));
    }
    check_policy(&settings.password_policy(), password)?;
    check_writable(&client, r.user_attributes.iter().map(|a| a.name.as_str()))?;
    if settings.alias_attributes().iter().any(|a| a == "email") && is_email(&r.username) {
        return Err(UserPoolError::InvalidParameter(
            "Username cannot be of email format, since user pool is configured for email alias.".into(),
        ));
    }

    let sub = ids::uuid();
    let mut attributes = r.user_attributes;
    let username = resolve_username(&settings, &r.username, &sub, &mut attributes)?;
    check_attributes(&settings, &attributes, &[])?;
    check_required(&settings, &attributes)?;
    let new = NewUser {
        pool_id: &pool_id,
        username: &username,
        attributes: &attributes,
        validation_data: r.validation_data.as_deref(),
    };
    let caller = Caller::new(&client, r.client_metadata.as_ref());
    let decided = sign_up_trigger::pre_sign_up(s, &settings, sign_up_trigger::SIGN_UP, new, caller).await?;
    if decided.auto_verify_email {
        set_attribute(&mut attributes, "email_verified", "true");
    }
    if decided.auto_verify_phone {
        set_attribute(&mut attributes, "phone_number_verified", "true");
    }
    let initial = if decided.auto_confirm_user { status::CONFIRMED } else { status::UNCONFIRMED };
    let mut user = UserRow::new(
        pool_id,
        username.clone(),
        username_key(&settings, &username),
        sub,
        initial,
        None,
        encode_attributes(&attributes),
        s.clock.now_millis(),
    );
    set_password(s, &mut user, password).await?;
    // The confirmation message first: a failing CustomMessage function leaves no user.
    let target = verification_target(&settings, &attributes).filter(|_| !decided.auto_confirm_user);
    let composed = match &target {
        Some((attribute, destination)) => {
            let to = (attribute.as_str(), destination.as_str());
            Some(outbox::compose_code(s, &user, to, kind::SIGN_UP, message::SIGN_UP, caller).await?)
        }
        None => None,
    };
    s.store.insert_user(&user, &alias_keys(&settings, &attributes)).await.map_err(|e| match e {
        // SignUp words this differently from AdminCreateUser's "User account already exists".
        StorageError::Conflict(CONFLICT_PRIMARY) => {
            UserPoolError::UsernameExists("User already exists".into())
        }
        e => conflict_error(&settings, e),
    })?;
    tracing::info!(user_pool.id = %user.user_pool_id, user.sub = %user.sub, "user signed up");

    let code_delivery_details = match composed {
        Some(composed) => {
            let code = codes::issue(s, &user, codes::SIGN_UP, codes::SIGN_UP_VALIDITY_SECS).await?;
            Some(outbox::deliver_code(s, &user, composed, &code, caller).await?)
        }
        None => None,
    };
    Ok(SignUpResponse {
        user_confirmed: decided.auto_confirm_user,
        code_delivery_details,
        user_sub: user.sub,
    })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ConfirmSignUpRequest {
    pub client_id: String,
    #[serde(default)]
    pub secret_hash: Option<String>,
    pub username: String,
    pub confirmation_code: String,
    /// Not honoured yet (see `confirm_sign_up`).
    #[serde(default)]
    pub force_alias_creation: Option<bool>,
    #[serde(default)]
    pub analytics_metadata: Option<Value>,
    #[serde(default)]
    pub user_context_data: Option<Value>,
    #[serde(default)]
    pub client_metadata: Option<Value>,
    #[serde(default)]
    pub session: Option<String>,
}

/// A confirmation (of a sign-up or a password reset) applied to a user.
type Confirmation = dyn Fn(&mut UserRow, &mut Vec<Attribute>) + Send + Sync;

/// Runs PostConfirmation with the user as `confirm` leaves them, then saves the confirmation:
/// a failing function leaves the user as they were (AWS documents no outcome; the one report
/// seen says the user stayed unconfirmed). The user is read again after the function, which
/// may have changed them (AdminUpdateUserAttributes, AdminAddUserToGroup, …), and only the
/// confirmation is applied to what it left. `spend` uses up the code, after the function and
/// before the save, so a failing function leaves the code working.
async fn confirm_with_trigger(
    s: &UserPools,
    settings: &PoolSettings,
    user: &UserRow,
    (source, caller): (&str, Caller<'_>),
    spend: Option<&str>,
    confirm: &Confirmation,
) -> Result<UserRow, UserPoolError> {
    let mut after = user.clone();
    let mut attributes = parse_attributes(&user.attributes)?;
    confirm(&mut after, &mut attributes);
    after.attributes = encode_attributes(&attributes);
    sign_up_trigger::post_confirmation(s, settings, source, &after, caller).await?;
    if let Some(purpose) = spend {
        codes::spend(s, user, purpose).await?;
    }
    let mut fresh = if sign_up_trigger::configured(settings) {
        s.store.get_user(&user.user_pool_id, &user.username_key).await?.ok_or(UserPoolError::UserNotFound)?
    } else {
        user.clone()
    };
    if fresh.status != user.status {
        // Confirmed (or changed) by someone else while the function ran.
        return Err(cannot_confirm(&fresh));
    }
    let mut attributes = parse_attributes(&fresh.attributes)?;
    confirm(&mut fresh, &mut attributes);
    save_user_attributes(s, settings, fresh, &attributes).await
}

fn cannot_confirm(user: &UserRow) -> UserPoolError {
    UserPoolError::NotAuthorized(format!("User cannot be confirmed. Current status is {}", user.status))
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmSignUp.html>
///
/// A right code confirms the user and marks the address it went to verified.
pub async fn confirm_sign_up(s: &UserPools, r: ConfirmSignUpRequest) -> Result<Empty, UserPoolError> {
    let (client, pool_id, settings) = client_and_pool(s, &r.client_id).await?;
    let found = named_user(s, &client, &pool_id, &settings, &r.username, r.secret_hash.as_deref()).await?;
    let Some(user) = found else {
        return Err(if hides_existence(&client) {
            UserPoolError::CodeMismatch
        } else {
            UserPoolError::UserNotFound
        });
    };
    if user.status != status::UNCONFIRMED {
        return Err(cannot_confirm(&user));
    }
    let mut attributes = parse_attributes(&user.attributes)?;
    let flag = verification_target(&settings, &attributes).and_then(|(a, _)| verified_flag(&a));
    if let Some(flag) = flag {
        set_attribute(&mut attributes, flag, "true");
    }
    // AWS deviation: ForceAliasCreation is not honoured yet; a verified address another
    // user holds as an alias is always AliasExistsException.
    ensure_aliases_free(s, &settings, &user, &attributes).await?;
    codes::check(s, &user, codes::SIGN_UP, &r.confirmation_code).await?;
    let confirm = move |user: &mut UserRow, attributes: &mut Vec<Attribute>| {
        user.status = status::CONFIRMED.into();
        if let Some(flag) = flag {
            set_attribute(attributes, flag, "true");
        }
    };
    let trigger = (sign_up_trigger::CONFIRM_SIGN_UP, Caller::new(&client, r.client_metadata.as_ref()));
    let user = confirm_with_trigger(s, &settings, &user, trigger, Some(codes::SIGN_UP), &confirm).await?;
    tracing::info!(user_pool.id = %user.user_pool_id, user.sub = %user.sub, "user confirmed sign-up");
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClientUserRequest {
    pub client_id: String,
    #[serde(default)]
    pub secret_hash: Option<String>,
    pub username: String,
    #[serde(default)]
    pub user_context_data: Option<Value>,
    #[serde(default)]
    pub analytics_metadata: Option<Value>,
    #[serde(default)]
    pub client_metadata: Option<Value>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CodeDeliveryResponse {
    pub code_delivery_details: CodeDeliveryDetails,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ResendConfirmationCode.html>
pub async fn resend_confirmation_code(
    s: &UserPools,
    r: ClientUserRequest,
) -> Result<CodeDeliveryResponse, UserPoolError> {
    let (client, pool_id, settings) = client_and_pool(s, &r.client_id).await?;
    let found = named_user(s, &client, &pool_id, &settings, &r.username, r.secret_hash.as_deref()).await?;
    let Some(user) = found else {
        if hides_existence(&client) {
            return Ok(CodeDeliveryResponse { code_delivery_details: simulated_delivery(&r.username) });
        }
        return Err(UserPoolError::UserNotFound);
    };
    if user.status != status::UNCONFIRMED {
        return Err(UserPoolError::InvalidParameter("User is already confirmed.".into()));
    }
    let attributes = parse_attributes(&user.attributes)?;
    // AWS gives the same answer when the pool auto-verifies but the user has no address.
    let Some((attribute, destination)) = verification_target(&settings, &attributes) else {
        return Err(UserPoolError::InvalidParameter(
            "Cannot resend codes. Auto verification not turned on.".into(),
        ));
    };
    let to = (attribute.as_str(), destination.as_str());
    let caller = Caller::new(&client, r.client_metadata.as_ref());
    let purpose = (codes::SIGN_UP, codes::SIGN_UP_VALIDITY_SECS);
    let details =
        outbox::send_code(s, &user, to, kind::RESEND, message::RESEND_CODE, purpose, caller).await?;
    Ok(CodeDeliveryResponse { code_delivery_details: details })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminUserMetadataRequest {
    pub user_pool_id: String,
    pub username: String,
    #[serde(default)]
    pub client_metadata: Option<Value>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminConfirmSignUp.html>
///
/// Confirms without a code; unlike ConfirmSignUp it verifies no address.
pub async fn admin_confirm_sign_up(
    s: &UserPools,
    r: AdminUserMetadataRequest,
) -> Result<Empty, UserPoolError> {
    let (settings, user) = pool_user(s, &r.user_pool_id, &r.username).await?;
    if user.status != status::UNCONFIRMED {
        return Err(cannot_confirm(&user));
    }
    let confirm = |user: &mut UserRow, _: &mut Vec<Attribute>| user.status = status::CONFIRMED.into();
    let trigger = (sign_up_trigger::CONFIRM_SIGN_UP, Caller::admin(r.client_metadata.as_ref()));
    let user = confirm_with_trigger(s, &settings, &user, trigger, None, &confirm).await?;
    s.store.delete_code(&user.user_pool_id, &user.username_key, codes::SIGN_UP).await?;
    tracing::info!(user_pool.id = %user.user_pool_id, user.sub = %user.sub, "user confirmed by admin");
    Ok(Empty {})
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgotPassword.html>
///
/// Sends a reset code to a verified address. A client that hides user existence gets the
/// same kind of answer for a user who does not exist.
pub async fn forgot_password(
    s: &UserPools,
    r: ClientUserRequest,
) -> Result<CodeDeliveryResponse, UserPoolError> {
    let (client, pool_id, settings) = client_and_pool(s, &r.client_id).await?;
    let found = named_user(s, &client, &pool_id, &settings, &r.username, r.secret_hash.as_deref()).await?;
    let caller = Caller::new(&client, r.client_metadata.as_ref());
    let found = match found {
        Some(user) => Some(user),
        None => migrate::migrate(s, &settings, &client, &r.username, None, caller).await?,
    };
    let Some(user) = found else {
        if hides_existence(&client) {
            return Ok(CodeDeliveryResponse { code_delivery_details: simulated_delivery(&r.username) });
        }
        return Err(UserPoolError::UserNotFound);
    };
    if !user.enabled {
        return Err(UserPoolError::NotAuthorized("User is disabled.".into()));
    }
    if user.status == status::FORCE_CHANGE_PASSWORD {
        // The invitation's temporary password is the way in for these users.
        return Err(UserPoolError::NotAuthorized(
            "User password cannot be reset in the current state.".into(),
        ));
    }
    let details =
        send_reset_code(s, &settings, &user, kind::FORGOT_PASSWORD, caller).await?.ok_or_else(|| {
            UserPoolError::InvalidParameter(
                "Cannot reset password for the user as there is no registered/verified email or phone_number"
                    .into(),
            )
        })?;
    Ok(CodeDeliveryResponse { code_delivery_details: details })
}

/// Issues a FORGOT_PASSWORD code and sends it to the user's recovery address, if any.
async fn send_reset_code(
    s: &UserPools,
    settings: &PoolSettings,
    user: &UserRow,
    message_kind: &str,
    caller: Caller<'_>,
) -> Result<Option<CodeDeliveryDetails>, UserPoolError> {
    let attributes = parse_attributes(&user.attributes)?;
    let Some((attribute, destination)) = recovery_target(settings, &attributes) else { return Ok(None) };
    let to = (attribute.as_str(), destination.as_str());
    let source = message::FORGOT_PASSWORD;
    let purpose = (codes::FORGOT_PASSWORD, codes::FORGOT_PASSWORD_VALIDITY_SECS);
    Ok(Some(outbox::send_code(s, user, to, message_kind, source, purpose, caller).await?))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ConfirmForgotPasswordRequest {
    pub client_id: String,
    #[serde(default)]
    pub secret_hash: Option<String>,
    pub username: String,
    pub confirmation_code: String,
    pub password: String,
    #[serde(default)]
    pub analytics_metadata: Option<Value>,
    #[serde(default)]
    pub user_context_data: Option<Value>,
    #[serde(default)]
    pub client_metadata: Option<Value>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmForgotPassword.html>
///
/// Sets the new password and clears a reset requirement and any sign-in lockout.
pub async fn confirm_forgot_password(
    s: &UserPools,
    r: ConfirmForgotPasswordRequest,
) -> Result<Empty, UserPoolError> {
    let (client, pool_id, settings) = client_and_pool(s, &r.client_id).await?;
    constraints::password("Password", &r.password)?;
    let found = named_user(s, &client, &pool_id, &settings, &r.username, r.secret_hash.as_deref()).await?;
    let Some(user) = found else {
        return Err(if hides_existence(&client) {
            UserPoolError::CodeMismatch
        } else {
            UserPoolError::UserNotFound
        });
    };
    if !user.enabled {
        return Err(UserPoolError::NotAuthorized("User is disabled.".into()));
    }
    // The policy first, so a rejected password does not use up the code.
    check_policy(&settings.password_policy(), &r.password)?;
    codes::check(s, &user, codes::FORGOT_PASSWORD, &r.confirmation_code).await?;
    let mut hashed = user.clone();
    set_password(s, &mut hashed, &r.password).await?;
    let confirm = move |user: &mut UserRow, _: &mut Vec<Attribute>| {
        user.password_hash.clone_from(&hashed.password_hash);
        user.srp_verifier.clone_from(&hashed.srp_verifier);
        // AWS deviation (unsure): an UNCONFIRMED user (reachable only with an address an
        // operator marked verified) stays unconfirmed; every other status becomes CONFIRMED.
        if user.status != status::UNCONFIRMED {
            user.status = status::CONFIRMED.into();
        }
    };
    let trigger =
        (sign_up_trigger::CONFIRM_FORGOT_PASSWORD, Caller::new(&client, r.client_metadata.as_ref()));
    let purpose = Some(codes::FORGOT_PASSWORD);
    let user = confirm_with_trigger(s, &settings, &user, trigger, purpose, &confirm).await?;
    s.store.reset_failed_attempts(&user.user_pool_id, &user.username_key).await?;
    tracing::info!(user_pool.id = %user.user_pool_id, user.sub = %user.sub, "password reset with code");
    Ok(Empty {})
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminResetUserPassword.html>
///
/// The password stops working (sign-in answers PasswordResetRequiredException) and refresh
/// tokens are revoked. A reset code goes to a verified address when the user has one; the
/// user can also ask for one later with ForgotPassword.
pub async fn admin_reset_user_password(
    s: &UserPools,
    r: AdminUserMetadataRequest,
) -> Result<Empty, UserPoolError> {
    let (settings, mut user) = pool_user(s, &r.user_pool_id, &r.username).await?;
    user.status = status::RESET_REQUIRED.into();
    let attributes = parse_attributes(&user.attributes)?;
    let user = save_user_attributes(s, &settings, user, &attributes).await?;
    s.store.revoke_user_refresh_tokens(&user.user_pool_id, &user.username_key, s.clock.now_millis()).await?;
    send_reset_code(
        s,
        &settings,
        &user,
        kind::ADMIN_RESET_PASSWORD,
        Caller::admin(r.client_metadata.as_ref()),
    )
    .await?;
    tracing::info!(user_pool.id = %user.user_pool_id, user.sub = %user.sub, "password reset by admin");
    Ok(Empty {})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(name: &str, value: &str) -> Attribute {
        Attribute { name: name.into(), value: Some(value.into()) }
    }

    #[test]
    fn codes_go_only_to_addresses_the_pool_auto_verifies() {
        let mut settings = PoolSettings::default();
        let both = [attr("email", "a@x.io"), attr("phone_number", "+15550100")];
        let cases = [
            ("nothing auto-verified", None, None),
            ("email auto-verified", Some(vec!["email"]), Some("email")),
            ("phone auto-verified", Some(vec!["phone_number"]), Some("phone_number")),
        ];
        for (description, auto, expected) in cases {
            settings.auto_verified_attributes = auto.map(|a| a.into_iter().map(String::from).collect());
            let got = verification_target(&settings, &both).map(|(a, _)| a);
            assert_eq!(got.as_deref(), expected, "{description}");
        }
        settings.auto_verified_attributes = Some(vec!["phone_number".into()]);
        assert_eq!(verification_target(&settings, &[attr("email", "a@x.io")]), None, "no phone to verify");
    }

    #[test]
    fn reset_codes_go_to_verified_addresses_in_recovery_order() {
        let mut settings = PoolSettings::default();
        let verified_both = [
            attr("email", "a@x.io"),
            attr("email_verified", "true"),
            attr("phone_number", "+15550100"),
            attr("phone_number_verified", "true"),
        ];
        let target = |s: &PoolSettings, a: &[Attribute]| recovery_target(s, a).map(|(n, _)| n);
        assert_eq!(target(&settings, &verified_both).as_deref(), Some("phone_number"), "legacy: phone first");
        assert_eq!(target(&settings, &[attr("email", "a@x.io")]), None, "unverified email");
        settings.account_recovery_setting = Some(serde_json::json!({"RecoveryMechanisms": [
            {"Priority": 2, "Name": "verified_phone_number"},
            {"Priority": 1, "Name": "verified_email"},
        ]}));
        assert_eq!(target(&settings, &verified_both).as_deref(), Some("email"), "priority order");
        settings.account_recovery_setting =
            Some(serde_json::json!({"RecoveryMechanisms": [{"Priority": 1, "Name": "admin_only"}]}));
        assert_eq!(target(&settings, &verified_both), None, "admin only");
    }
}
