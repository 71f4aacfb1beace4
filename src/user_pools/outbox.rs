//! The outbox: messages the service would send to users (invitations with temporary
//! passwords, confirmation, reset and verification codes, and sign-in MFA codes). Each is stored so
//! tests and local users can read it through `GET /_incognito/messages`, and logged
//! without its secret.

use super::error::UserPoolError;
use super::model::Attribute;
use super::store::{MessageRow, UserRow};
use super::triggers::{Caller, message};
use crate::user_pools::UserPools;

/// Kinds of message, as the messages endpoint reports them.
pub mod kind {
    pub const ADMIN_CREATE_USER: &str = "ADMIN_CREATE_USER";
    pub const SIGN_UP: &str = "SIGN_UP";
    pub const RESEND: &str = "RESEND";
    pub const FORGOT_PASSWORD: &str = "FORGOT_PASSWORD";
    pub const ADMIN_RESET_PASSWORD: &str = "ADMIN_RESET_PASSWORD";
    pub const VERIFY_ATTRIBUTE: &str = "VERIFY_ATTRIBUTE";
    /// Sign-in codes of the SMS_MFA and EMAIL_OTP challenges.
    pub const SMS_MFA: &str = "SMS_MFA";
    pub const EMAIL_OTP: &str = "EMAIL_OTP";
}

/// `CodeDeliveryDetailsType`: where a code went, masked as AWS masks it.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CodeDeliveryDetails {
    pub destination: String,
    pub delivery_medium: String,
    pub attribute_name: String,
}

/// `alice@example.com` → `a***@e***`, `+15555550123` → `+*******0123`.
pub fn mask(destination: &str) -> String {
    if let Some((local, domain)) = destination.split_once('@') {
        let first = |s: &str| s.chars().next().map(String::from).unwrap_or_default();
        format!("{}***@{}***", first(local), first(domain))
    } else {
        let keep: String = destination.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
        format!("+{}{keep}", "*".repeat(destination.len().saturating_sub(5)))
    }
}

/// Queues a code for `user` to `to`: the attribute that holds the address (`email` or
/// `phone_number`) and the address. Returns the delivery details to show the caller. A
/// CustomMessage trigger (`source` names the occasion) may rewrite the message.
pub async fn send_code(
    s: &UserPools,
    user: &UserRow,
    to: (&str, &str),
    kind: &str,
    source: &str,
    code: &str,
    caller: Caller<'_>,
) -> Result<CodeDeliveryDetails, UserPoolError> {
    let (attribute, destination) = to;
    let medium = if attribute == "phone_number" { "SMS" } else { "EMAIL" };
    let default = match kind {
        kind::FORGOT_PASSWORD | kind::ADMIN_RESET_PASSWORD => format!("Your password reset code is {CODE}"),
        kind::SMS_MFA | kind::EMAIL_OTP => format!("Your authentication code is {CODE}"),
        _ => format!("Your verification code is {CODE}"),
    };
    let (text, subject) = customized(s, user, source, medium, caller, default).await?;
    store(s, user, destination, medium, kind, code, &text, subject).await?;
    let (_, settings) = crate::user_pools::ops::pools::load_pool(s, &user.user_pool_id).await?;
    message::custom_sender(s, &settings, source, user, medium, code, caller).await?;
    Ok(CodeDeliveryDetails {
        destination: mask(destination),
        delivery_medium: medium.into(),
        attribute_name: attribute.into(),
    })
}

/// The message the pool's CustomMessage trigger makes of `default` (with its subject, if
/// it set one); `default` itself without a trigger.
async fn customized(
    s: &UserPools,
    user: &UserRow,
    source: &str,
    medium: &str,
    caller: Caller<'_>,
    default: String,
) -> Result<(String, Option<String>), UserPoolError> {
    let (_, settings) = crate::user_pools::ops::pools::load_pool(s, &user.user_pool_id).await?;
    match message::custom_message(s, &settings, source, user, medium, caller).await? {
        Some(custom) => {
            let body = if custom.body.is_empty() { default } else { custom.body };
            Ok((body.replace(message::USERNAME_PARAMETER, &user.username), custom.subject))
        }
        None => Ok((default, None)),
    }
}

/// Where codes for `user` go: a verified-or-not email first, then phone, per the pool's
/// AutoVerifiedAttributes preference when it names one. `None` if the user has neither.
pub fn code_destination(
    settings: &super::model::PoolSettings,
    attributes: &[Attribute],
) -> Option<(String, String)> {
    let get = |name: &str| {
        attributes.iter().find(|a| a.name == name).and_then(|a| a.value.clone()).filter(|v| !v.is_empty())
    };
    let preferred = settings.auto_verified_attributes.as_deref().unwrap_or(&[]);
    let order: Vec<&str> = if preferred.first().map(String::as_str) == Some("phone_number") {
        vec!["phone_number", "email"]
    } else {
        vec!["email", "phone_number"]
    };
    order.into_iter().find_map(|name| get(name).map(|v| (name.to_string(), v)))
}

/// The subject of an email of `kind` when no trigger set one.
pub fn subject(kind: &str) -> String {
    match kind {
        kind::ADMIN_CREATE_USER => "Your temporary password".into(),
        kind::FORGOT_PASSWORD | kind::ADMIN_RESET_PASSWORD => "Your password reset code".into(),
        kind::SMS_MFA | kind::EMAIL_OTP => "Your authentication code".into(),
        _ => "Your verification code".into(),
    }
}

/// Where the code goes in a stored message's text (Cognito's own placeholder).
pub const CODE: &str = "{####}";
const CODE_PURPOSE: &str = "outbox-code";

/// Stores a message whose `template` has [`CODE`] where `code` goes. The code is kept
/// sealed under the master key (for the test-control API) unless the pool's messages are
/// delivered by SMTP or `outbox.keep_codes` is off; the stored text never holds it.
#[allow(clippy::too_many_arguments)]
async fn store(
    s: &UserPools,
    user: &UserRow,
    destination: &str,
    medium: &str,
    kind: &str,
    code: &str,
    template: &str,
    subject_set: Option<String>,
) -> Result<(), UserPoolError> {
    let message = MessageRow {
        // Time-ordered (v7), so "newest first" is insertion order even within one millisecond.
        message_id: uuid::Uuid::now_v7().to_string(),
        user_pool_id: user.user_pool_id.clone(),
        username: user.username.clone(),
        destination: destination.to_string(),
        delivery_medium: medium.to_string(),
        kind: kind.to_string(),
        code: String::new(),
        message: template.to_string(),
        created_at: s.clock.now_millis(),
        code_sealed: s.config.keeps_outbox_codes().then(|| s.sealer.seal(CODE_PURPOSE, code.as_bytes())),
        subject: subject_set.filter(|_| medium == "EMAIL"),
    };
    s.store.insert_message(&message).await?;
    if let Some(mailer) = &s.mailer
        && medium == "EMAIL"
        && !destination.is_empty()
    {
        let title = message.subject.clone().unwrap_or_else(|| subject(kind));
        mailer.send_later(destination, &title, &template.replace(CODE, code));
    }
    tracing::info!(
        user_pool.id = %message.user_pool_id,
        user.sub = %user.sub,
        kind = %message.kind,
        medium = %message.delivery_medium,
        "message queued"
    );
    Ok(())
}

/// The outbox of a pool (optionally of one username), newest first, with the codes opened:
/// what the test-control API shows. A row whose code was not kept shows it empty, and its
/// text with the placeholder.
pub async fn list(
    s: &UserPools,
    pool_id: &str,
    username: Option<&str>,
    limit: i64,
) -> Result<Vec<MessageRow>, UserPoolError> {
    let mut rows = s.store.list_messages(pool_id, username, limit).await?;
    for row in &mut rows {
        if let Some(sealed) = row.code_sealed.take() {
            let plain = s.sealer.open(CODE_PURPOSE, &sealed).map_err(|_| {
                UserPoolError::Internal("an outbox code does not open under the master key".into())
            })?;
            row.code = String::from_utf8_lossy(&plain).into_owned();
            row.message = row.message.replace(CODE, &row.code);
        }
    }
    Ok(rows)
}

/// Where a message for `medium` goes, if the user has such an address.
fn destination(attributes: &[Attribute], medium: &str) -> Option<String> {
    let name = if medium == "EMAIL" { "email" } else { "phone_number" };
    attributes.iter().find(|a| a.name == name).and_then(|a| a.value.clone()).filter(|v| !v.is_empty())
}

/// Queues the invitation AdminCreateUser sends: the username and temporary password, to
/// each requested medium (AWS's default is SMS; with no phone number we fall back to email).
pub async fn invite(
    s: &UserPools,
    user: &UserRow,
    attributes: &[Attribute],
    temporary_password: &str,
    mediums: Option<&[String]>,
    caller: Caller<'_>,
) -> Result<(), UserPoolError> {
    let default = ["SMS".to_string()];
    let mediums = mediums.filter(|m| !m.is_empty()).unwrap_or(&default);
    let mut targets: Vec<(String, String)> =
        mediums.iter().filter_map(|m| destination(attributes, m).map(|d| (m.clone(), d))).collect();
    if targets.is_empty() {
        // AWS deviation: AWS fails silently to deliver; we still record the invitation
        // (with an empty destination) so a test can read the temporary password.
        let medium = if destination(attributes, "EMAIL").is_some() { "EMAIL" } else { "SMS" };
        targets.push((medium.to_string(), destination(attributes, medium).unwrap_or_default()));
    }
    let default = format!("Your username is {} and temporary password is {CODE}.", user.username);
    for (medium, destination) in targets {
        let (text, subject) =
            customized(s, user, message::ADMIN_CREATE_USER, &medium, caller, default.clone()).await?;
        store(s, user, &destination, &medium, kind::ADMIN_CREATE_USER, temporary_password, &text, subject)
            .await?;
    }
    Ok(())
}
