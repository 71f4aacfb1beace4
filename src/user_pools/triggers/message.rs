//! CustomMessage: the function rewrites a code message (subject and body) before it goes
//! out. The code stays a placeholder the function places (`{####}`), so the function never
//! sees it; the invitation's temporary password and username are `{####}` and `{username}`.
//!
//! The custom senders (CustomEmailSender / CustomSMSSender) get the event Cognito sends
//! them, asynchronously, as Cognito calls them; but Cognito encrypts their `code` with the
//! pool's KMS key (AWS Encryption SDK), which incognito cannot do offline: here `code` is
//! the code in plain base64. The outbox still records the message.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use super::{Caller, Event, Trigger, call, text, user_attributes};
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::PoolSettings;
use crate::user_pools::store::UserRow;

pub const SIGN_UP: &str = "CustomMessage_SignUp";
pub const ADMIN_CREATE_USER: &str = "CustomMessage_AdminCreateUser";
pub const RESEND_CODE: &str = "CustomMessage_ResendCode";
pub const FORGOT_PASSWORD: &str = "CustomMessage_ForgotPassword";
pub const UPDATE_USER_ATTRIBUTE: &str = "CustomMessage_UpdateUserAttribute";
pub const VERIFY_USER_ATTRIBUTE: &str = "CustomMessage_VerifyUserAttribute";
pub const AUTHENTICATION: &str = "CustomMessage_Authentication";

/// The code placeholder Cognito hands the function.
pub const CODE_PARAMETER: &str = "{####}";
/// The username placeholder of invitations.
pub const USERNAME_PARAMETER: &str = "{username}";
const LINK_PARAMETER: &str = "{##Click Here##}";

/// The function's version of a message, for the medium it goes by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomMessage {
    /// The body, with [`CODE_PARAMETER`] (and for invitations [`USERNAME_PARAMETER`]) in it.
    pub body: String,
    /// The email subject, when the function gave one.
    pub subject: Option<String>,
}

/// Asks the function for the message of `source` to go by `medium` (`EMAIL` or `SMS`).
/// `None`: no function, or it left the message as it was. A message without the code
/// placeholder (or, for invitations, the username one) is not used: Cognito then sends its
/// default message.
pub async fn custom_message(
    s: &UserPools,
    settings: &PoolSettings,
    source: &str,
    user: &UserRow,
    medium: &str,
    caller: Caller<'_>,
) -> Result<Option<CustomMessage>, UserPoolError> {
    let invitation = source == ADMIN_CREATE_USER;
    let request = json!({
        "userAttributes": user_attributes(user)?,
        "codeParameter": CODE_PARAMETER,
        "linkParameter": LINK_PARAMETER,
        "usernameParameter": if invitation { Value::from(USERNAME_PARAMETER) } else { Value::Null },
        "clientMetadata": caller.metadata(),
    });
    let event = Event::of(user, Trigger::CustomMessage, source, caller, request);
    let Some(response) = call(s, settings, event).await? else { return Ok(None) };
    let (body, subject) = if medium == "SMS" {
        (text(&response, "smsMessage")?, None)
    } else {
        (text(&response, "emailMessage")?, text(&response, "emailSubject")?)
    };
    let Some(body) = body.filter(|b| !b.is_empty()) else {
        return Ok(subject.map(|subject| CustomMessage { body: String::new(), subject: Some(subject) }));
    };
    if !body.contains(CODE_PARAMETER) || invitation && !body.contains(USERNAME_PARAMETER) {
        return Ok(None);
    }
    let limit = if medium == "SMS" { 140 } else { 20_000 };
    if body.chars().count() > limit || subject.as_ref().is_some_and(|s| s.chars().count() > 140) {
        return Err(super::unrecognizable());
    }
    Ok(Some(CustomMessage { body, subject }))
}

/// The pool's custom sender function for `medium` (`EMAIL` or `SMS`), if it has one.
pub fn sender_function(settings: &PoolSettings, medium: &str) -> Option<String> {
    let trigger = if medium == "SMS" { Trigger::CustomSmsSender } else { Trigger::CustomEmailSender };
    super::function(settings, trigger)
}

/// Calls custom sender `arn` for `medium` without waiting for it (as Cognito does): `source`
/// is the CustomMessage occasion the message was sent for.
pub fn custom_sender(
    s: &UserPools,
    arn: &str,
    source: &str,
    user: &UserRow,
    medium: &str,
    code: &str,
    caller: Caller<'_>,
) -> Result<(), UserPoolError> {
    let (trigger, kind) = if medium == "SMS" {
        (Trigger::CustomSmsSender, "customSMSSenderRequestV1")
    } else {
        (Trigger::CustomEmailSender, "customEmailSenderRequestV1")
    };
    let occasion = source.strip_prefix("CustomMessage_").unwrap_or(source);
    let sender_source = format!("{}_{occasion}", trigger.name());
    let request = json!({
        "type": kind,
        "code": STANDARD.encode(code),
        "clientMetadata": caller.metadata(),
        "userAttributes": user_attributes(user)?,
    });
    let body = super::event_body(s, &Event::of(user, trigger, &sender_source, caller, request));
    let arn = arn.to_string();
    let invoker = s.triggers.clone();
    tokio::spawn(async move {
        // The sender's answer is not used; a failure is logged by the invoker.
        let _ = invoker.invoke(&arn, &body).await;
    });
    Ok(())
}
