//! The outbox: messages the service would send to users (invitations with temporary
//! passwords, confirmation, reset and verification codes, and sign-in MFA codes). Each is stored so
//! tests and local users can read it through `GET /_incognito/messages`, and logged
//! without its secret.

use super::codes;
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

/// A message the CustomMessage trigger (if any) has already shaped, not yet stored or sent.
/// Composing comes before the operation writes anything, so a failing function leaves no
/// trace of the operation.
#[derive(Debug, Clone)]
pub struct Composed {
    attribute: String,
    destination: String,
    medium: &'static str,
    kind: String,
    source: String,
    text: String,
    subject: Option<String>,
    /// The pool's custom sender for this medium: it delivers instead of SMTP.
    sender: Option<String>,
}

/// Composes the code message of `kind` for `user` to `to` (the attribute that holds the
/// address, `email` or `phone_number`, and the address). `source` names the occasion for a
/// CustomMessage trigger, which may rewrite the message.
pub async fn compose_code(
    s: &UserPools,
    user: &UserRow,
    to: (&str, &str),
    kind: &str,
    source: &str,
    caller: Caller<'_>,
) -> Result<Composed, UserPoolError> {
    let (attribute, destination) = to;
    let medium = if attribute == "phone_number" { "SMS" } else { "EMAIL" };
    let default = match kind {
        kind::FORGOT_PASSWORD | kind::ADMIN_RESET_PASSWORD => format!("Your password reset code is {CODE}"),
        kind::SMS_MFA | kind::EMAIL_OTP => format!("Your authentication code is {CODE}"),
        _ => format!("Your verification code is {CODE}"),
    };
    compose(s, user, (attribute, destination, medium), kind, source, caller, default).await
}

/// Stores and sends a composed code message with `code` in it, hands it to the pool's custom
/// sender if it has one, and returns the delivery details to show the caller.
pub async fn deliver_code(
    s: &UserPools,
    user: &UserRow,
    composed: Composed,
    code: &str,
    caller: Caller<'_>,
) -> Result<CodeDeliveryDetails, UserPoolError> {
    let details = CodeDeliveryDetails {
        destination: mask(&composed.destination),
        delivery_medium: composed.medium.into(),
        attribute_name: composed.attribute.clone(),
    };
    deliver(s, user, composed, code, caller).await?;
    Ok(details)
}

/// A new code of `purpose` (valid `validity_secs`) for `user`, sent to `to`: the message is
/// composed first, so a failing CustomMessage function leaves any earlier code working.
pub async fn send_code(
    s: &UserPools,
    user: &UserRow,
    to: (&str, &str),
    kind: &str,
    source: &str,
    (purpose, validity_secs): (&str, i64),
    caller: Caller<'_>,
) -> Result<CodeDeliveryDetails, UserPoolError> {
    let composed = compose_code(s, user, to, kind, source, caller).await?;
    let code = codes::issue(s, user, purpose, validity_secs).await?;
    deliver_code(s, user, composed, &code, caller).await
}

/// Runs CustomMessage over `default` (keeping the default body when the function gave only a
/// subject) and notes the pool's custom sender.
async fn compose(
    s: &UserPools,
    user: &UserRow,
    (attribute, destination, medium): (&str, &str, &'static str),
    kind: &str,
    source: &str,
    caller: Caller<'_>,
    default: String,
) -> Result<Composed, UserPoolError> {
    let (_, settings) = crate::user_pools::ops::pools::load_pool(s, &user.user_pool_id).await?;
    let (text, subject) = match message::custom_message(s, &settings, source, user, medium, caller).await? {
        Some(custom) => {
            let body = if custom.body.is_empty() { default } else { custom.body };
            (body.replace(message::USERNAME_PARAMETER, &user.username), custom.subject)
        }
        None => (default, None),
    };
    Ok(Composed {
        attribute: attribute.into(),
        destination: destination.into(),
        medium,
        kind: kind.into(),
        source: source.into(),
        text,
        subject,
        sender: message::sender_function(&settings, medium),
    })
}

async fn deliver(
    s: &UserPools,
    user: &UserRow,
    composed: Composed,
    code: &str,
    caller: Caller<'_>,
) -> Result<(), UserPoolError> {
    store(s, user, &composed, code).await?;
    if let Some(arn) = &composed.sender {
        message::custom_sender(s, arn, &composed.source, user, composed.medium, code, caller)?;
    }
    Ok(())
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

/// Stores a composed message, with [`CODE`] in its text where `code` goes, and mails it when
/// SMTP is configured and no custom sender delivers it. The code is kept sealed under the
/// master key (for the test-control API) unless the pool's messages are delivered by SMTP or
/// `outbox.keep_codes` is off; the stored text never holds it.
async fn store(s: &UserPools, user: &UserRow, composed: &Composed, code: &str) -> Result<(), UserPoolError> {
    let medium = composed.medium;
    let message = MessageRow {
        // Time-ordered (v7), so "newest first" is insertion order even within one millisecond.
        message_id: uuid::Uuid::now_v7().to_string(),
        user_pool_id: user.user_pool_id.clone(),
        username: user.username.clone(),
        destination: composed.destination.clone(),
        delivery_medium: medium.to_string(),
        kind: composed.kind.clone(),
        code: String::new(),
        message: composed.text.clone(),
        created_at: s.clock.now_millis(),
        code_sealed: s.config.keeps_outbox_codes().then(|| s.sealer.seal(CODE_PURPOSE, code.as_bytes())),
        subject: composed.subject.clone().filter(|_| medium == "EMAIL"),
    };
    s.store.insert_message(&message).await?;
    if let Some(mailer) = &s.mailer
        && medium == "EMAIL"
        && !composed.destination.is_empty()
        && composed.sender.is_none()
    {
        let title = message.subject.clone().unwrap_or_else(|| subject(&composed.kind));
        mailer.send_later(&composed.destination, &title, &composed.text.replace(CODE, code));
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

/// Composes the invitation AdminCreateUser sends (the username and temporary password) for
/// each requested medium (AWS's default is SMS; with no phone number we fall back to email).
pub async fn compose_invite(
    s: &UserPools,
    user: &UserRow,
    attributes: &[Attribute],
    mediums: Option<&[String]>,
    caller: Caller<'_>,
) -> Result<Vec<Composed>, UserPoolError> {
    let default = ["SMS".to_string()];
    let mediums = mediums.filter(|m| !m.is_empty()).unwrap_or(&default);
    let mut targets: Vec<(&'static str, String)> = mediums
        .iter()
        .map(|m| if m == "EMAIL" { "EMAIL" } else { "SMS" })
        .filter_map(|m| destination(attributes, m).map(|d| (m, d)))
        .collect();
    if targets.is_empty() {
        // AWS deviation: AWS fails silently to deliver; we still record the invitation
        // (with an empty destination) so a test can read the temporary password.
        let medium = if destination(attributes, "EMAIL").is_some() { "EMAIL" } else { "SMS" };
        targets.push((medium, destination(attributes, medium).unwrap_or_default()));
    }
    let default = format!("Your username is {} and temporary password is {CODE}.", user.username);
    let mut composed = Vec::new();
    for (medium, destination) in targets {
        let attribute = if medium == "EMAIL" { "email" } else { "phone_number" };
        let to = (attribute, destination.as_str(), medium);
        let kind = kind::ADMIN_CREATE_USER;
        composed.push(compose(s, user, to, kind, message::ADMIN_CREATE_USER, caller, default.clone()).await?);
    }
    Ok(composed)
}

/// Stores and sends composed invitations with the temporary password in them.
pub async fn deliver_invite(
    s: &UserPools,
    user: &UserRow,
    composed: Vec<Composed>,
    temporary_password: &str,
    caller: Caller<'_>,
) -> Result<(), UserPoolError> {
    for message in composed {
        deliver(s, user, message, temporary_password, caller).await?;
    }
    Ok(())
}
