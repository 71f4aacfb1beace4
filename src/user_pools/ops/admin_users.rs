//! Operator-managed users: AdminCreateUser, AdminGetUser, AdminDeleteUser,
//! AdminUpdateUserAttributes, AdminDeleteUserAttributes, AdminSetUserPassword,
//! AdminEnableUser, AdminDisableUser.

use serde::{Deserialize, Serialize};

use super::pools::load_pool;
use crate::crypto::ids;
use crate::user_pools::UserPools;
use crate::user_pools::constraints;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::{Attribute, PoolSettings, status};
use crate::user_pools::outbox;
use crate::user_pools::password::{check_policy, temporary_password};
use crate::user_pools::store::UserRow;
use crate::user_pools::triggers::Caller;
use crate::user_pools::triggers::sign_up::{self as sign_up_trigger, NewUser};
use crate::user_pools::users::{
    alias_keys, attributes_with_sub, check_attributes, check_deletable, check_required, conflict_error,
    encode_attributes, is_email, is_phone, parse_attributes, require_user, set_attribute, set_password,
    username_key,
};
use crate::user_pools::users::{pool_user, save_user};
use crate::user_pools::wire::UserType;
use crate::wire::{Empty, epoch_seconds};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminCreateUserRequest {
    pub user_pool_id: String,
    pub username: String,
    #[serde(default)]
    pub user_attributes: Vec<Attribute>,
    #[serde(default)]
    pub validation_data: Option<Vec<Attribute>>,
    #[serde(default)]
    pub temporary_password: Option<String>,
    #[serde(default)]
    pub force_alias_creation: Option<bool>,
    #[serde(default)]
    pub message_action: Option<String>,
    #[serde(default)]
    pub desired_delivery_mediums: Option<Vec<String>>,
    #[serde(default)]
    pub client_metadata: Option<serde_json::Value>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminCreateUserResponse {
    pub user: UserType,
}

/// What username a new user gets: the given one, or (when the pool signs in by email or
/// phone) a fresh UUID equal to `sub`, with the given value stored as the attribute.
pub(crate) fn resolve_username(
    settings: &PoolSettings,
    username: &str,
    sub: &str,
    attributes: &mut Vec<Attribute>,
) -> Result<String, UserPoolError> {
    let allowed = settings.username_attributes();
    if allowed.is_empty() {
        return Ok(username.to_string());
    }
    let email = allowed.iter().any(|a| a == "email");
    let phone = allowed.iter().any(|a| a == "phone_number");
    if email && is_email(username) {
        set_attribute(attributes, "email", username);
    } else if phone && is_phone(username) {
        set_attribute(attributes, "phone_number", username);
    } else {
        let expected = match (email, phone) {
            (true, true) => "Username should be either an email or a phone number.",
            (true, false) => "Username should be an email.",
            _ => "Username should be a phone number.",
        };
        return Err(UserPoolError::InvalidParameter(expected.into()));
    }
    Ok(sub.to_string())
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html>
pub async fn admin_create_user(
    s: &UserPools,
    r: AdminCreateUserRequest,
) -> Result<AdminCreateUserResponse, UserPoolError> {
    let (pool, settings) = load_pool(s, &r.user_pool_id).await?;
    constraints::username(&r.username)?;
    let action = r.message_action.as_deref();
    if let Some(a) = action.filter(|a| *a != "RESEND" && *a != "SUPPRESS") {
        return Err(UserPoolError::validation(
            "MessageAction",
            Some(a),
            "Member must satisfy enum value set: [RESEND, SUPPRESS]",
        ));
    }
    for medium in r.desired_delivery_mediums.iter().flatten() {
        if medium != "EMAIL" && medium != "SMS" {
            return Err(UserPoolError::validation(
                "DesiredDeliveryMediums",
                Some(medium),
                "Member must satisfy enum value set: [SMS, EMAIL]",
            ));
        }
    }
    let policy = settings.password_policy();
    let password = match &r.temporary_password {
        Some(p) => {
            constraints::password("TemporaryPassword", p)?;
            check_policy(&policy, p)?;
            p.clone()
        }
        None => temporary_password(&policy),
    };
    let caller = Caller::admin(r.client_metadata.as_ref());
    if action == Some("RESEND") {
        return resend_invitation(s, &pool.user_pool_id, &settings, &r.username, &password, caller).await;
    }

    let sub = ids::uuid();
    let mut attributes: Vec<Attribute> = r.user_attributes.into_iter().filter(|a| a.name != "sub").collect();
    let username = resolve_username(&settings, &r.username, &sub, &mut attributes)?;
    check_attributes(&settings, &attributes, &[])?;
    check_required(&settings, &attributes)?;
    // Cognito ignores the function's flags here; it may still refuse the user.
    let new = NewUser {
        pool_id: &pool.user_pool_id,
        username: &username,
        attributes: &attributes,
        validation_data: r.validation_data.as_deref(),
    };
    sign_up_trigger::pre_sign_up(s, &settings, sign_up_trigger::ADMIN_CREATE_USER, new, caller).await?;
    let now = s.clock.now_millis();
    let mut user = UserRow::new(
        pool.user_pool_id.clone(),
        username.clone(),
        username_key(&settings, &username),
        sub,
        status::FORCE_CHANGE_PASSWORD,
        None,
        encode_attributes(&attributes),
        now,
    );
    set_password(s, &mut user, &password).await?;
    let aliases = alias_keys(&settings, &attributes);
    // The invitation first: a failing CustomMessage function leaves no user.
    let invitation = match action {
        Some("SUPPRESS") => Vec::new(),
        _ => {
            outbox::compose_invite(s, &user, &attributes, r.desired_delivery_mediums.as_deref(), caller)
                .await?
        }
    };
    if r.force_alias_creation == Some(true) {
        release_aliases(s, &settings, &user, &aliases).await?;
    }
    s.store.insert_user(&user, &aliases).await.map_err(|e| conflict_error(&settings, e))?;
    tracing::info!(user_pool.id = %user.user_pool_id, user.sub = %user.sub, "user created by admin");
    outbox::deliver_invite(s, &user, invitation, &password, caller).await?;
    Ok(AdminCreateUserResponse { user: UserType::new(&user, attributes_with_sub(&user)?) })
}

/// ForceAliasCreation: an alias held by another user moves to the new one, and the previous
/// holder's attribute becomes unverified (so it no longer counts as an alias).
pub(crate) async fn release_aliases(
    s: &UserPools,
    settings: &PoolSettings,
    user: &UserRow,
    aliases: &[String],
) -> Result<(), UserPoolError> {
    for alias in aliases {
        let Some(mut holder) = s.store.find_user_by_alias(&user.user_pool_id, alias).await? else { continue };
        if holder.username_key == user.username_key {
            continue;
        }
        let mut attrs = parse_attributes(&holder.attributes)?;
        let verified = if alias.starts_with("email:") { "email_verified" } else { "phone_number_verified" };
        set_attribute(&mut attrs, verified, "false");
        holder.attributes = encode_attributes(&attrs);
        holder.updated_at = s.clock.now_millis();
        let keys: Vec<String> = alias_keys(settings, &attrs).into_iter().filter(|k| k != alias).collect();
        s.store.update_user(&holder, &keys).await?;
    }
    Ok(())
}

/// MessageAction RESEND: a new temporary password for a user who has not signed in yet.
async fn resend_invitation(
    s: &UserPools,
    pool_id: &str,
    settings: &PoolSettings,
    username: &str,
    password: &str,
    caller: Caller<'_>,
) -> Result<AdminCreateUserResponse, UserPoolError> {
    let mut user = require_user(s, pool_id, settings, username).await?;
    if user.status != status::FORCE_CHANGE_PASSWORD {
        return Err(UserPoolError::UnsupportedUserState(format!(
            "Resend not possible. {username} status is not FORCE_CHANGE_PASSWORD."
        )));
    }
    set_password(s, &mut user, password).await?;
    let attributes = parse_attributes(&user.attributes)?;
    let invitation = outbox::compose_invite(s, &user, &attributes, None, caller).await?;
    save_user(s, settings, &mut user, &attributes).await?;
    outbox::deliver_invite(s, &user, invitation, password, caller).await?;
    Ok(AdminCreateUserResponse { user: UserType::new(&user, attributes_with_sub(&user)?) })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminUserRequest {
    pub user_pool_id: String,
    pub username: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminGetUserResponse {
    pub username: String,
    pub user_attributes: Vec<Attribute>,
    pub user_create_date: f64,
    pub user_last_modified_date: f64,
    pub enabled: bool,
    pub user_status: String,
    #[serde(rename = "UserMFASettingList", skip_serializing_if = "Option::is_none")]
    pub user_mfa_setting_list: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred_mfa_setting: Option<String>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetUser.html>
pub async fn admin_get_user(
    s: &UserPools,
    r: AdminUserRequest,
) -> Result<AdminGetUserResponse, UserPoolError> {
    let (_, user) = pool_user(s, &r.user_pool_id, &r.username).await?;
    let (user_mfa_setting_list, preferred_mfa_setting) =
        crate::user_pools::sign_in::mfa::user_mfa_fields(&user);
    Ok(AdminGetUserResponse {
        user_mfa_setting_list,
        preferred_mfa_setting,
        user_attributes: attributes_with_sub(&user)?,
        username: user.username,
        user_create_date: epoch_seconds(user.created_at),
        user_last_modified_date: epoch_seconds(user.updated_at),
        enabled: user.enabled,
        user_status: user.status,
    })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDeleteUser.html>
pub async fn admin_delete_user(s: &UserPools, r: AdminUserRequest) -> Result<Empty, UserPoolError> {
    let (_, user) = pool_user(s, &r.user_pool_id, &r.username).await?;
    if !s.store.delete_user(&user.user_pool_id, &user.username_key, s.clock.now_millis()).await? {
        return Err(UserPoolError::UserNotFound);
    }
    tracing::info!(user_pool.id = %user.user_pool_id, user.sub = %user.sub, "user deleted by admin");
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminUpdateUserAttributesRequest {
    pub user_pool_id: String,
    pub username: String,
    pub user_attributes: Vec<Attribute>,
    #[serde(default)]
    pub client_metadata: Option<serde_json::Value>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUpdateUserAttributes.html>
///
/// Changing `email` or `phone_number` without also setting its `*_verified` attribute marks
/// it unverified, as AWS does.
pub async fn admin_update_user_attributes(
    s: &UserPools,
    r: AdminUpdateUserAttributesRequest,
) -> Result<Empty, UserPoolError> {
    let (settings, mut user) = pool_user(s, &r.user_pool_id, &r.username).await?;
    let mut attributes = parse_attributes(&user.attributes)?;
    check_attributes(&settings, &r.user_attributes, &attributes)?;
    for update in &r.user_attributes {
        let value = update.value.as_deref().unwrap_or("");
        let changed =
            attributes.iter().find(|a| a.name == update.name).and_then(|a| a.value.as_deref()) != Some(value);
        let verified_flag = match update.name.as_str() {
            "email" => Some("email_verified"),
            "phone_number" => Some("phone_number_verified"),
            _ => None,
        };
        if let Some(flag) = verified_flag
            && changed
            && !r.user_attributes.iter().any(|a| a.name == flag)
        {
            set_attribute(&mut attributes, flag, "false");
        }
        set_attribute(&mut attributes, &update.name, value);
    }
    save_user(s, &settings, &mut user, &attributes).await?;
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminDeleteUserAttributesRequest {
    pub user_pool_id: String,
    pub username: String,
    pub user_attribute_names: Vec<String>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDeleteUserAttributes.html>
pub async fn admin_delete_user_attributes(
    s: &UserPools,
    r: AdminDeleteUserAttributesRequest,
) -> Result<Empty, UserPoolError> {
    let (settings, mut user) = pool_user(s, &r.user_pool_id, &r.username).await?;
    let mut attributes = parse_attributes(&user.attributes)?;
    check_deletable(&settings, &r.user_attribute_names)?;
    attributes.retain(|a| !r.user_attribute_names.contains(&a.name));
    save_user(s, &settings, &mut user, &attributes).await?;
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminSetUserPasswordRequest {
    pub user_pool_id: String,
    pub username: String,
    pub password: String,
    #[serde(default)]
    pub permanent: Option<bool>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminSetUserPassword.html>
pub async fn admin_set_user_password(
    s: &UserPools,
    r: AdminSetUserPasswordRequest,
) -> Result<Empty, UserPoolError> {
    let (settings, mut user) = pool_user(s, &r.user_pool_id, &r.username).await?;
    constraints::password("Password", &r.password)?;
    check_policy(&settings.password_policy(), &r.password)?;
    set_password(s, &mut user, &r.password).await?;
    user.status =
        if r.permanent.unwrap_or(false) { status::CONFIRMED } else { status::FORCE_CHANGE_PASSWORD }.into();
    let attributes = parse_attributes(&user.attributes)?;
    save_user(s, &settings, &mut user, &attributes).await?;
    Ok(Empty {})
}

async fn set_enabled(s: &UserPools, r: AdminUserRequest, enabled: bool) -> Result<Empty, UserPoolError> {
    let (settings, mut user) = pool_user(s, &r.user_pool_id, &r.username).await?;
    user.enabled = enabled;
    let attributes = parse_attributes(&user.attributes)?;
    save_user(s, &settings, &mut user, &attributes).await?;
    if !enabled {
        // Every token of the user belongs to one of its refresh-token families: revoking
        // them ends those tokens everywhere (JSON API, gateway, identity-pool logins), so
        // AdminEnableUser later brings none of them back.
        s.store
            .revoke_user_refresh_tokens(&user.user_pool_id, &user.username_key, s.clock.now_millis())
            .await?;
        tracing::info!(user_pool.id = %user.user_pool_id, user.sub = %user.sub, "user disabled; tokens revoked");
    }
    Ok(Empty {})
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminEnableUser.html>
pub async fn admin_enable_user(s: &UserPools, r: AdminUserRequest) -> Result<Empty, UserPoolError> {
    set_enabled(s, r, true).await
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableUser.html>
pub async fn admin_disable_user(s: &UserPools, r: AdminUserRequest) -> Result<Empty, UserPoolError> {
    set_enabled(s, r, false).await
}
