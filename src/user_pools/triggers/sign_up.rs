//! PreSignUp (SignUp, AdminCreateUser; before the user is written, so a failure leaves no
//! user) and PostConfirmation (ConfirmSignUp, AdminConfirmSignUp, ConfirmForgotPassword;
//! after the code is checked and before the change is saved, so a failure leaves the user and
//! the code as they were: AWS documents no outcome, and the one report seen says the user
//! stayed unconfirmed; what the function itself changes in the user is kept).

use serde_json::{Value, json};

use super::{Caller, Event, Trigger, attribute_map, call, flag, unrecognizable, user_attributes};
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::{Attribute, PoolSettings};
use crate::user_pools::store::UserRow;

pub const SIGN_UP: &str = "PreSignUp_SignUp";
pub const ADMIN_CREATE_USER: &str = "PreSignUp_AdminCreateUser";
pub const CONFIRM_SIGN_UP: &str = "PostConfirmation_ConfirmSignUp";
pub const CONFIRM_FORGOT_PASSWORD: &str = "PostConfirmation_ConfirmForgotPassword";

/// The user about to be created.
#[derive(Debug, Clone, Copy)]
pub struct NewUser<'a> {
    pub pool_id: &'a str,
    pub username: &'a str,
    pub attributes: &'a [Attribute],
    pub validation_data: Option<&'a [Attribute]>,
}

/// What a PreSignUp function decided.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PreSignUp {
    pub auto_confirm_user: bool,
    pub auto_verify_email: bool,
    pub auto_verify_phone: bool,
}

/// The new user's attributes and the caller's ValidationData go to the function before the
/// user exists. Cognito's rules for the answer: auto-verification needs auto-confirmation
/// and an address the user gave; AdminCreateUser ignores all three flags.
pub async fn pre_sign_up(
    s: &UserPools,
    settings: &PoolSettings,
    source: &str,
    new: NewUser<'_>,
    caller: Caller<'_>,
) -> Result<PreSignUp, UserPoolError> {
    let NewUser { pool_id, username, attributes, validation_data } = new;
    let request = json!({
        "userAttributes": attribute_map(attributes),
        "validationData": validation_data.map_or(Value::Null, attribute_map),
        "clientMetadata": caller.metadata(),
    });
    let event = Event {
        trigger: Trigger::PreSignUp,
        source,
        user_pool_id: pool_id,
        user_name: username,
        caller,
        request,
        version: "1",
    };
    let Some(response) = call(s, settings, event).await? else { return Ok(PreSignUp::default()) };
    let decided = PreSignUp {
        auto_confirm_user: flag(&response, "autoConfirmUser")?,
        auto_verify_email: flag(&response, "autoVerifyEmail")?,
        auto_verify_phone: flag(&response, "autoVerifyPhone")?,
    };
    if source == ADMIN_CREATE_USER {
        return Ok(PreSignUp::default());
    }
    if (decided.auto_verify_email || decided.auto_verify_phone) && !decided.auto_confirm_user {
        return Err(UserPoolError::InvalidParameter(
            "Phone or email cannot be auto verified, when user is not being auto confirmed.".into(),
        ));
    }
    let has = |name: &str| {
        attributes.iter().any(|a| a.name == name && a.value.as_deref().is_some_and(|v| !v.is_empty()))
    };
    if decided.auto_verify_email && !has("email") || decided.auto_verify_phone && !has("phone_number") {
        return Err(unrecognizable());
    }
    Ok(decided)
}

/// Whether the pool has a PostConfirmation function.
pub fn configured(settings: &PoolSettings) -> bool {
    super::function(settings, Trigger::PostConfirmation).is_some()
}

/// With `user` as the confirmation will leave them, before it is saved: a failure answers
/// the caller with the function's error and nothing is saved.
pub async fn post_confirmation(
    s: &UserPools,
    settings: &PoolSettings,
    source: &str,
    user: &UserRow,
    caller: Caller<'_>,
) -> Result<(), UserPoolError> {
    let request = json!({ "userAttributes": user_attributes(user)?, "clientMetadata": caller.metadata() });
    let event = Event::of(user, Trigger::PostConfirmation, source, caller, request);
    call(s, settings, event).await.map(|_| ())
}
