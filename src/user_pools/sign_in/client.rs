//! The app client's part of a sign-in: the client by id (cached), the flows it allows, and
//! its SECRET_HASH (`base64(HMAC-SHA256(secret, username ‖ client_id))`), required and
//! checked for clients with a secret on every client-facing operation.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::user_pools::UserPools;
use crate::user_pools::constraints;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::PoolSettings;
use crate::user_pools::ops::clients::client_secret;
use crate::user_pools::store::{ClientRow, UserRow};
use crate::user_pools::tokens::client_settings;
use crate::user_pools::users::find_user;

/// Loads an app client by id alone, as the public operations name it.
pub async fn load_client_by_id(s: &UserPools, client_id: &str) -> Result<ClientRow, UserPoolError> {
    constraints::client_id(client_id)?;
    let now = s.clock.now_millis();
    if let Some(cached) = s.cache.clients.get(client_id, now) {
        return Ok(cached.as_ref().clone());
    }
    let client =
        s.store.find_client(client_id).await?.ok_or_else(|| UserPoolError::client_not_found(client_id))?;
    s.cache.clients.put(client_id.to_string(), now, std::sync::Arc::new(client.clone()));
    Ok(client)
}

/// A client that must belong to `pool_id` (the Admin* operations name both).
pub async fn load_pool_client(
    s: &UserPools,
    pool_id: &str,
    client_id: &str,
) -> Result<ClientRow, UserPoolError> {
    let client = load_client_by_id(s, client_id).await?;
    if client.user_pool_id != pool_id {
        return Err(UserPoolError::client_not_found(client_id));
    }
    Ok(client)
}

/// `base64(HMAC-SHA256(client_secret, username ‖ client_id))`.
pub fn secret_hash(secret: &str, username: &str, client_id: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(username.as_bytes());
    mac.update(client_id.as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

/// For clients with a secret, checks SECRET_HASH against any of `usernames` (the name the
/// caller typed, or the stored username). Clients without a secret ignore it.
pub fn check_secret_hash(
    s: &UserPools,
    client: &ClientRow,
    usernames: &[&str],
    provided: Option<&str>,
) -> Result<(), UserPoolError> {
    let Some(secret) = client_secret(s, client)? else { return Ok(()) };
    let Some(provided) = provided else {
        return Err(UserPoolError::NotAuthorized(format!(
            "Client {} is configured with secret but SECRET_HASH was not received",
            client.client_id
        )));
    };
    let ok = usernames.iter().any(|u| {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
        mac.update(u.as_bytes());
        mac.update(client.client_id.as_bytes());
        STANDARD.decode(provided).is_ok_and(|p| mac.verify_slice(&p).is_ok())
    });
    if ok {
        Ok(())
    } else {
        Err(UserPoolError::NotAuthorized(format!(
            "Unable to verify secret hash for client {}",
            client.client_id
        )))
    }
}

/// Finds the user a client names and checks the client's SECRET_HASH for it, computed over
/// the name the caller typed or the stored username (they differ for aliases and for
/// email/phone-username pools).
pub async fn find_for_client(
    s: &UserPools,
    client: &ClientRow,
    pool_id: &str,
    settings: &PoolSettings,
    username: &str,
    secret_hash: Option<&str>,
) -> Result<Option<UserRow>, UserPoolError> {
    let found = find_user(s, pool_id, settings, username).await?;
    let stored = found.as_ref().map_or(username, |u| u.username.as_str());
    check_secret_hash(s, client, &[username, stored], secret_hash)?;
    Ok(found)
}

/// Whether the client hides which users exist (PreventUserExistenceErrors = ENABLED).
pub fn hides_existence(client: &ClientRow) -> bool {
    client_settings(client).is_ok_and(|c| c.prevent_user_existence_errors.as_deref() == Some("ENABLED"))
}

/// The explicit flows a client allows; AWS's defaults when it names none.
pub fn allowed_flows(client: &ClientRow) -> Result<Vec<String>, UserPoolError> {
    Ok(client_settings(client)?.explicit_auth_flows.unwrap_or_else(|| {
        ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"].map(String::from).to_vec()
    }))
}

pub fn require_flow(client: &ClientRow, flow: &str, accepted: &[&str]) -> Result<(), UserPoolError> {
    let allowed = allowed_flows(client)?;
    if allowed.iter().any(|f| accepted.contains(&f.as_str())) {
        Ok(())
    } else {
        Err(UserPoolError::InvalidParameter(format!("{flow} flow not enabled for this client")))
    }
}

pub fn require_srp(client: &ClientRow) -> Result<(), UserPoolError> {
    let allowed = allowed_flows(client)?;
    // Legacy flow lists (no ALLOW_ values) always allowed SRP.
    if allowed.iter().any(|f| f == "ALLOW_USER_SRP_AUTH") || !allowed.iter().any(|f| f.starts_with("ALLOW_"))
    {
        Ok(())
    } else {
        Err(UserPoolError::InvalidParameter("USER_SRP_AUTH flow not enabled for this client".into()))
    }
}

pub fn require_refresh(client: &ClientRow) -> Result<(), UserPoolError> {
    let allowed = allowed_flows(client)?;
    // Legacy flow lists (no ALLOW_ values) always allowed refresh.
    if allowed.iter().any(|f| f == "ALLOW_REFRESH_TOKEN_AUTH")
        || !allowed.iter().any(|f| f.starts_with("ALLOW_"))
    {
        Ok(())
    } else {
        Err(UserPoolError::InvalidParameter("REFRESH_TOKEN_AUTH flow not enabled for this client".into()))
    }
}
