//! Operations a signed-in user calls with their access token: GetUser, ChangePassword,
//! UpdateUserAttributes, GetUserAttributeVerificationCode, VerifyUserAttribute,
//! DeleteUserAttributes, DeleteUser. The token is checked by `tokens::verify_access_token`;
//! the user is always the token's user, never one named in the request.
//!
//! Changing `email` or `phone_number` follows the pool's UserAttributeUpdateSettings: listed
//! attributes keep their old value until the new one is verified (the new value waits in
//! `pending_attributes`); others change at once and become unverified.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::user_pools::UserPools;
use crate::user_pools::codes;
use crate::user_pools::constraints;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::{Attribute, PoolSettings, status};
use crate::user_pools::outbox::{self, CodeDeliveryDetails, kind};
use crate::user_pools::password::check_policy;
use crate::user_pools::sign_in::lockout::verify_password;
use crate::user_pools::store::{ClientRow, UserRow};
use crate::user_pools::tokens::{SignedInUser, verify_access_token};
use crate::user_pools::triggers::{Caller, message};
use crate::user_pools::users::{
    attributes_with_sub, check_attributes, check_deletable, encode_attributes, parse_attributes,
    set_attribute, set_password,
};
use crate::user_pools::users::{check_writable, ensure_aliases_free, save_user_attributes, verified_flag};
use crate::wire::Empty;

/// Verifies the access token; a user whose password an operator reset must reset it first.
async fn caller(s: &UserPools, access_token: &str) -> Result<SignedInUser, UserPoolError> {
    let caller = verify_access_token(s, access_token).await?;
    if caller.user.status == status::RESET_REQUIRED {
        return Err(UserPoolError::PasswordResetRequired);
    }
    Ok(caller)
}

/// The app client the token was issued to, whose WriteAttributes limit what the user writes.
async fn token_client(s: &UserPools, caller: &SignedInUser) -> Result<ClientRow, UserPoolError> {
    s.store
        .find_client(&caller.claims.client_id)
        .await?
        .filter(|c| c.user_pool_id == caller.pool_id)
        .ok_or_else(|| UserPoolError::NotAuthorized("Invalid Access Token".into()))
}

fn pending_of(user: &UserRow) -> Result<Vec<Attribute>, UserPoolError> {
    user.pending_attributes.as_deref().map_or(Ok(Vec::new()), parse_attributes)
}

fn encode_pending(pending: &[Attribute]) -> Option<String> {
    (!pending.is_empty()).then(|| encode_attributes(pending))
}

fn value_of<'a>(attributes: &'a [Attribute], name: &str) -> Option<&'a str> {
    attributes.iter().find(|a| a.name == name).and_then(|a| a.value.as_deref()).filter(|v| !v.is_empty())
}

/// Attributes the pool keeps until a change is verified (AttributesRequireVerificationBeforeUpdate).
fn verify_before_update(settings: &PoolSettings) -> Vec<String> {
    settings
        .user_attribute_update_settings
        .as_ref()
        .and_then(|u| u.get("AttributesRequireVerificationBeforeUpdate"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(String::from))
        .collect()
}

/// Issues a VERIFY code for `attribute` and sends it to `destination`. `source` is the
/// CustomMessage occasion: an attribute change, or a request for a code.
async fn send_verification(
    s: &UserPools,
    user: &UserRow,
    (attribute, destination): (&str, &str),
    source: &str,
    caller: Caller<'_>,
) -> Result<CodeDeliveryDetails, UserPoolError> {
    let purpose = codes::verify_purpose(attribute);
    let to = (attribute, destination);
    let purpose = (purpose.as_str(), codes::VERIFY_VALIDITY_SECS);
    outbox::send_code(s, user, to, kind::VERIFY_ATTRIBUTE, source, purpose, caller).await
}

/// Only `email` and `phone_number` have verification codes.
fn verifiable(attribute: &str) -> Result<&'static str, UserPoolError> {
    verified_flag(attribute).ok_or_else(|| {
        UserPoolError::InvalidParameter(
            "Invalid attribute name. Only phone_number and email can be verified.".into(),
        )
    })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccessTokenRequest {
    pub access_token: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetUserResponse {
    pub username: String,
    pub user_attributes: Vec<Attribute>,
    #[serde(rename = "UserMFASettingList", skip_serializing_if = "Option::is_none")]
    pub user_mfa_setting_list: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred_mfa_setting: Option<String>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUser.html>
pub async fn get_user(s: &UserPools, r: AccessTokenRequest) -> Result<GetUserResponse, UserPoolError> {
    let SignedInUser { user, .. } = caller(s, &r.access_token).await?;
    let (user_mfa_setting_list, preferred_mfa_setting) =
        crate::user_pools::sign_in::mfa::user_mfa_fields(&user);
    Ok(GetUserResponse {
        user_attributes: attributes_with_sub(&user)?,
        username: user.username,
        user_mfa_setting_list,
        preferred_mfa_setting,
    })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ChangePasswordRequest {
    #[serde(default)]
    pub previous_password: Option<String>,
    pub proposed_password: String,
    pub access_token: String,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ChangePassword.html>
///
/// A wrong previous password counts towards the sign-in lockout, as a failed sign-in does.
pub async fn change_password(s: &UserPools, r: ChangePasswordRequest) -> Result<Empty, UserPoolError> {
    let SignedInUser { settings, mut user, .. } = caller(s, &r.access_token).await?;
    // AWS deviation: PreviousPassword is optional in the model for passwordless users, who
    // do not exist here; every user has a password to prove.
    let Some(previous) = r.previous_password.as_deref() else {
        return Err(UserPoolError::validation("PreviousPassword", None, "Member must not be null"));
    };
    constraints::password("PreviousPassword", previous)?;
    constraints::password("ProposedPassword", &r.proposed_password)?;
    check_policy(&settings.password_policy(), &r.proposed_password)?;
    verify_password(s, &user, previous).await?;
    set_password(s, &mut user, &r.proposed_password).await?;
    let attributes = parse_attributes(&user.attributes)?;
    let user = save_user_attributes(s, &settings, user, &attributes).await?;
    tracing::info!(user_pool.id = %user.user_pool_id, user.sub = %user.sub, "password changed by user");
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateUserAttributesRequest {
    pub user_attributes: Vec<Attribute>,
    pub access_token: String,
    #[serde(default)]
    pub client_metadata: Option<Value>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateUserAttributesResponse {
    pub code_delivery_details_list: Vec<CodeDeliveryDetails>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserAttributes.html>
///
/// A changed `email` or `phone_number` either waits for verification (when the pool's
/// AttributesRequireVerificationBeforeUpdate lists it) or applies at once unverified; in
/// both cases a code goes to the new address when the pool verifies that attribute.
/// Setting an address to its current value sends nothing.
pub async fn update_user_attributes(
    s: &UserPools,
    r: UpdateUserAttributesRequest,
) -> Result<UpdateUserAttributesResponse, UserPoolError> {
    let caller = caller(s, &r.access_token).await?;
    let client = token_client(s, &caller).await?;
    check_writable(&client, r.user_attributes.iter().map(|a| a.name.as_str()))?;
    let SignedInUser { settings, mut user, .. } = caller;
    let mut attributes = parse_attributes(&user.attributes)?;
    check_attributes(&settings, &r.user_attributes, &attributes)?;
    let mut pending = pending_of(&user)?;
    let wait_for = verify_before_update(&settings);
    let auto = settings.auto_verified_attributes.clone().unwrap_or_default();
    // (attribute, new address) to send a code to; attributes whose outstanding code is stale.
    let mut to_verify: Vec<(String, String)> = Vec::new();
    let mut stale: Vec<String> = Vec::new();
    for update in &r.user_attributes {
        let name = update.name.as_str();
        let value = update.value.as_deref().unwrap_or("");
        let Some(flag) = verified_flag(name) else {
            set_attribute(&mut attributes, name, value);
            continue;
        };
        // A new request for this address replaces any change still waiting.
        pending.retain(|p| p.name != name);
        if value_of(&attributes, name) == Some(value) {
            continue;
        }
        if wait_for.iter().any(|w| w == name) {
            pending.push(Attribute { name: name.into(), value: Some(value.into()) });
            to_verify.push((name.into(), value.into()));
            continue;
        }
        set_attribute(&mut attributes, name, value);
        if !r.user_attributes.iter().any(|a| a.name == flag) {
            set_attribute(&mut attributes, flag, "false");
        }
        if auto.iter().any(|a| a == name) {
            to_verify.push((name.into(), value.into()));
        } else {
            // A code sent for the old address must not verify the new one.
            stale.push(name.into());
        }
    }
    user.pending_attributes = encode_pending(&pending);
    // The messages first, with the user as the change leaves them: a failing CustomMessage
    // function leaves the attributes unchanged.
    let trigger = Caller::new(&client, r.client_metadata.as_ref());
    let mut changed = user.clone();
    changed.attributes = encode_attributes(&attributes);
    let mut composed = Vec::new();
    for (name, destination) in &to_verify {
        let to = (name.as_str(), destination.as_str());
        let source = message::UPDATE_USER_ATTRIBUTE;
        composed.push((
            name,
            outbox::compose_code(s, &changed, to, kind::VERIFY_ATTRIBUTE, source, trigger).await?,
        ));
    }
    let user = save_user_attributes(s, &settings, user, &attributes).await?;
    for name in &stale {
        s.store.delete_code(&user.user_pool_id, &user.username_key, &codes::verify_purpose(name)).await?;
    }
    let mut code_delivery_details_list = Vec::new();
    for (name, message) in composed {
        let code = codes::issue(s, &user, &codes::verify_purpose(name), codes::VERIFY_VALIDITY_SECS).await?;
        code_delivery_details_list.push(outbox::deliver_code(s, &user, message, &code, trigger).await?);
    }
    Ok(UpdateUserAttributesResponse { code_delivery_details_list })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetUserAttributeVerificationCodeRequest {
    pub access_token: String,
    pub attribute_name: String,
    #[serde(default)]
    pub client_metadata: Option<Value>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetUserAttributeVerificationCodeResponse {
    pub code_delivery_details: CodeDeliveryDetails,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAttributeVerificationCode.html>
///
/// The code goes to the address waiting for verification, if any, else the current one.
pub async fn get_user_attribute_verification_code(
    s: &UserPools,
    r: GetUserAttributeVerificationCodeRequest,
) -> Result<GetUserAttributeVerificationCodeResponse, UserPoolError> {
    let SignedInUser { user, claims, .. } = caller(s, &r.access_token).await?;
    verifiable(&r.attribute_name)?;
    let pending = pending_of(&user)?;
    let attributes = parse_attributes(&user.attributes)?;
    let destination = value_of(&pending, &r.attribute_name)
        .or_else(|| value_of(&attributes, &r.attribute_name))
        .map(String::from)
        .ok_or_else(|| {
            // AWS's wording for a user without the attribute is not documented (unsure).
            let what = if r.attribute_name == "email" { "email address" } else { "phone number" };
            UserPoolError::InvalidParameter(format!("User does not have a valid registered {what}"))
        })?;
    let trigger = Caller { client_id: Some(&claims.client_id), metadata: r.client_metadata.as_ref() };
    let to = (r.attribute_name.as_str(), destination.as_str());
    let details = send_verification(s, &user, to, message::VERIFY_USER_ATTRIBUTE, trigger).await?;
    Ok(GetUserAttributeVerificationCodeResponse { code_delivery_details: details })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct VerifyUserAttributeRequest {
    pub access_token: String,
    pub attribute_name: String,
    pub code: String,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifyUserAttribute.html>
///
/// A right code applies a waiting change and marks the address verified, which may make it
/// a sign-in alias (AliasExistsException if another user holds it).
pub async fn verify_user_attribute(
    s: &UserPools,
    r: VerifyUserAttributeRequest,
) -> Result<Empty, UserPoolError> {
    let SignedInUser { settings, mut user, .. } = caller(s, &r.access_token).await?;
    let flag = verifiable(&r.attribute_name)?;
    let mut pending = pending_of(&user)?;
    let mut attributes = parse_attributes(&user.attributes)?;
    if let Some(new) = value_of(&pending, &r.attribute_name).map(String::from) {
        set_attribute(&mut attributes, &r.attribute_name, &new);
        pending.retain(|p| p.name != r.attribute_name);
    }
    set_attribute(&mut attributes, flag, "true");
    ensure_aliases_free(s, &settings, &user, &attributes).await?;
    codes::redeem(s, &user, &codes::verify_purpose(&r.attribute_name), &r.code).await?;
    user.pending_attributes = encode_pending(&pending);
    let user = save_user_attributes(s, &settings, user, &attributes).await?;
    tracing::info!(user_pool.id = %user.user_pool_id, user.sub = %user.sub, attribute = %r.attribute_name, "attribute verified");
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteUserAttributesRequest {
    pub user_attribute_names: Vec<String>,
    pub access_token: String,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserAttributes.html>
///
/// Deleting `email` or `phone_number` also drops its verified flag and any waiting change.
pub async fn delete_user_attributes(
    s: &UserPools,
    r: DeleteUserAttributesRequest,
) -> Result<Empty, UserPoolError> {
    let caller = caller(s, &r.access_token).await?;
    let client = token_client(s, &caller).await?;
    check_writable(&client, r.user_attribute_names.iter().map(String::as_str))?;
    let SignedInUser { settings, mut user, .. } = caller;
    check_deletable(&settings, &r.user_attribute_names)?;
    let removed =
        |name: &str| r.user_attribute_names.iter().any(|n| n == name || verified_flag(n) == Some(name));
    let mut attributes = parse_attributes(&user.attributes)?;
    attributes.retain(|a| !removed(&a.name));
    let mut pending = pending_of(&user)?;
    pending.retain(|p| !removed(&p.name));
    user.pending_attributes = encode_pending(&pending);
    save_user_attributes(s, &settings, user, &attributes).await?;
    Ok(Empty {})
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUser.html>
///
/// The user goes with their refresh tokens and codes; their access tokens stop working
/// because there is no user left to load.
pub async fn delete_user(s: &UserPools, r: AccessTokenRequest) -> Result<Empty, UserPoolError> {
    let SignedInUser { user, .. } = caller(s, &r.access_token).await?;
    if !s.store.delete_user(&user.user_pool_id, &user.username_key, s.clock.now_millis()).await? {
        return Err(UserPoolError::UserNotFound);
    }
    tracing::info!(user_pool.id = %user.user_pool_id, user.sub = %user.sub, "user deleted themselves");
    Ok(Empty {})
}
