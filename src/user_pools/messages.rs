//! The outbox: messages the service would send to users (invitations with temporary
//! passwords now; confirmation and reset codes as those flows arrive). Each is stored so
//! tests and local users can read it through `GET /_incognito/messages`, and logged
//! without its secret.

use super::error::UserPoolError;
use super::model::Attribute;
use super::store::{MessageRow, UserRow};
use crate::app::AppState;

/// Kinds of message, as the messages endpoint reports them.
pub mod kind {
    pub const ADMIN_CREATE_USER: &str = "ADMIN_CREATE_USER";
}

/// Where a message for `medium` goes, if the user has such an address.
fn destination(attributes: &[Attribute], medium: &str) -> Option<String> {
    let name = if medium == "EMAIL" { "email" } else { "phone_number" };
    attributes.iter().find(|a| a.name == name).and_then(|a| a.value.clone()).filter(|v| !v.is_empty())
}

/// Queues the invitation AdminCreateUser sends: the username and temporary password, to
/// each requested medium (AWS's default is SMS; with no phone number we fall back to email).
pub async fn invite(
    s: &AppState,
    user: &UserRow,
    attributes: &[Attribute],
    temporary_password: &str,
    mediums: Option<&[String]>,
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
    let text = format!("Your username is {} and temporary password is {temporary_password}.", user.username);
    for (medium, destination) in targets {
        let message = MessageRow {
            message_id: crate::crypto::ids::uuid(),
            user_pool_id: user.user_pool_id.clone(),
            username: user.username.clone(),
            destination,
            delivery_medium: medium,
            kind: kind::ADMIN_CREATE_USER.into(),
            code: temporary_password.to_string(),
            message: text.clone(),
            created_at: s.clock.now_millis(),
        };
        s.store.insert_message(&message).await?;
        tracing::info!(
            user_pool.id = %message.user_pool_id,
            user.sub = %user.sub,
            kind = %message.kind,
            medium = %message.delivery_medium,
            "message queued"
        );
    }
    Ok(())
}
