//! UserMigration: a sign-in or password reset names a user the pool does not have, and the
//! function may bring them over from another directory. This file builds the event and
//! reads the answer; `sign_in::migrate` creates the user.

use serde_json::json;

use super::{Caller, Event, Trigger, call, flag, string_map, text, unrecognizable};
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::{Attribute, PoolSettings};

pub const AUTHENTICATION: &str = "UserMigration_Authentication";
pub const FORGOT_PASSWORD: &str = "UserMigration_ForgotPassword";

/// The user the function brought over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migrated {
    pub attributes: Vec<Attribute>,
    /// `CONFIRMED` or `RESET_REQUIRED`.
    pub final_status: String,
    /// `SUPPRESS` or `RESEND`, if given.
    pub message_action: Option<String>,
    pub force_alias_creation: bool,
}

/// Asks the function about `username`. `password` is what the user typed (sign-in only).
/// `None`: no function, or the function did not migrate the user (no attributes).
pub async fn user_migration(
    s: &UserPools,
    settings: &PoolSettings,
    pool_id: &str,
    source: &str,
    username: &str,
    password: Option<&str>,
    caller: Caller<'_>,
) -> Result<Option<Migrated>, UserPoolError> {
    // InitiateAuth's ClientMetadata reaches this trigger as its validationData.
    let mut request = if password.is_some() {
        json!({ "validationData": caller.metadata(), "clientMetadata": {} })
    } else {
        json!({ "validationData": {}, "clientMetadata": caller.metadata() })
    };
    if let Some(password) = password {
        request["password"] = password.into();
    }
    let event = Event {
        trigger: Trigger::UserMigration,
        source,
        user_pool_id: pool_id,
        user_name: username,
        caller,
        request,
        version: "1",
    };
    let Some(response) = call(s, settings, event).await? else { return Ok(None) };
    let attributes = string_map(&response, "userAttributes")?;
    if attributes.is_empty() {
        return Ok(None);
    }
    let final_status = match text(&response, "finalUserStatus")?.as_deref() {
        None | Some("CONFIRMED") if source == AUTHENTICATION => "CONFIRMED".to_string(),
        None | Some("RESET_REQUIRED") => "RESET_REQUIRED".to_string(),
        Some("CONFIRMED") => "CONFIRMED".to_string(),
        Some(_) => return Err(unrecognizable()),
    };
    let message_action = text(&response, "messageAction")?;
    if message_action.as_deref().is_some_and(|a| a != "SUPPRESS" && a != "RESEND") {
        return Err(unrecognizable());
    }
    let attributes = attributes
        .into_iter()
        .map(|(name, value)| Attribute { name, value: value.as_str().map(String::from) })
        .filter(|a| a.name != "sub" && a.name != "username")
        .collect();
    Ok(Some(Migrated {
        attributes,
        final_status,
        message_action,
        force_alias_creation: flag(&response, "forceAliasCreation")?,
    }))
}
