//! The password flows (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH / ADMIN_NO_SRP_AUTH) and
//! the NEW_PASSWORD_REQUIRED challenge that follows a temporary password.

use std::collections::HashMap;

use super::client::{find_for_client, hides_existence};
use super::lockout::verify_password;
use super::session::{invalid_session, redeem_session, seal_session};
use super::{InitiateAuthResponse, Step, has_password, incorrect, may_sign_in, mfa, migrate, param};
use crate::user_pools::UserPools;
use crate::user_pools::constraints;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::{Attribute, PoolSettings, status};
use crate::user_pools::ops::pools::load_pool;
use crate::user_pools::password::check_policy;
use crate::user_pools::store::{ClientRow, UserRow};
use crate::user_pools::triggers::{Caller, authentication};
use crate::user_pools::users::{
    check_attributes, check_required, parse_attributes, save_user, set_attribute, set_password,
};

/// Checks the password of the user a sign-in found (found once, by `find_for_client`),
/// answering an unknown one as the client wants. The PreAuthentication trigger runs first.
async fn sign_in_user(
    s: &UserPools,
    settings: &PoolSettings,
    client: &ClientRow,
    found: Option<UserRow>,
    password: &str,
    caller: Caller<'_>,
) -> Result<UserRow, UserPoolError> {
    let Some(user) = found else {
        // Spend the time a real verification would, so timing does not tell either.
        let _ = s.passwords.verify(password, None).await?;
        return Err(if hides_existence(client) { incorrect() } else { UserPoolError::UserNotFound });
    };
    authentication::pre_authentication(s, settings, &user, caller).await?;
    has_password(&user)?;
    verify_password(s, &user, password).await?;
    may_sign_in(&user)?;
    Ok(user)
}

/// The NEW_PASSWORD_REQUIRED challenge for a user with a temporary password.
pub fn new_password_challenge(
    s: &UserPools,
    settings: &PoolSettings,
    client: &ClientRow,
    user: &UserRow,
) -> Result<InitiateAuthResponse, UserPoolError> {
    let attributes = parse_attributes(&user.attributes)?;
    let user_attributes: serde_json::Map<String, serde_json::Value> = attributes
        .iter()
        .filter(|a| a.name != "email_verified" && a.name != "phone_number_verified")
        .map(|a| (a.name.clone(), a.value.clone().unwrap_or_default().into()))
        .collect();
    let required: Vec<String> = settings
        .schema_attributes
        .iter()
        .filter(|a| a.is_required() && a.name() != "sub")
        .filter(|a| {
            !attributes
                .iter()
                .any(|u| u.name == a.name() && u.value.as_deref().is_some_and(|v| !v.is_empty()))
        })
        .map(|a| format!("userAttributes.{}", a.name()))
        .collect();
    let mut parameters = HashMap::new();
    parameters.insert("USER_ID_FOR_SRP".to_string(), user.username.clone());
    parameters.insert("requiredAttributes".to_string(), serde_json::to_string(&required).unwrap_or_default());
    parameters.insert("userAttributes".to_string(), serde_json::Value::Object(user_attributes).to_string());
    Ok(InitiateAuthResponse {
        challenge_name: Some("NEW_PASSWORD_REQUIRED".into()),
        session: Some(seal_session(s, client, user, "NEW_PASSWORD_REQUIRED")?),
        challenge_parameters: Some(parameters),
        authentication_result: None,
    })
}

/// The password flows, after the flow was allowed. `caller` carries InitiateAuth's
/// ClientMetadata (PreAuthentication and UserMigration see it as validationData). A user the
/// pool lacks may be brought over by the UserMigration trigger.
pub async fn password_flow(
    s: &UserPools,
    pool_id: &str,
    settings: &PoolSettings,
    client: &ClientRow,
    params: &HashMap<String, String>,
    caller: Caller<'_>,
) -> Result<Step, UserPoolError> {
    let username = param(params, "USERNAME")?;
    let password = param(params, "PASSWORD")?;
    let secret_hash = params.get("SECRET_HASH").map(String::as_str);
    let found = match find_for_client(s, client, pool_id, settings, username, secret_hash).await? {
        Some(user) => Some(user),
        None => migrate::migrate(s, settings, client, username, Some(password), caller).await?,
    };
    let user = sign_in_user(s, settings, client, found, password, caller).await?;
    if user.status == status::FORCE_CHANGE_PASSWORD {
        return new_password_challenge(s, settings, client, &user).map(Step::Challenge);
    }
    mfa::after_first_factor(s, settings, client, &user).await
}

/// NEW_PASSWORD_REQUIRED: set the new password (and any required attributes) and sign in.
pub async fn new_password(
    s: &UserPools,
    client: &ClientRow,
    challenge: &str,
    session: Option<&str>,
    responses: &HashMap<String, String>,
) -> Result<Step, UserPoolError> {
    let (_, settings) = load_pool(s, &client.user_pool_id).await?;
    let username = param(responses, "USERNAME")?;
    let new_password = param(responses, "NEW_PASSWORD")?;
    let session = session
        .ok_or_else(|| UserPoolError::InvalidParameter("Missing required parameter Session".into()))?;
    constraints::password("NEW_PASSWORD", new_password)?;
    check_policy(&settings.password_policy(), new_password)?;
    let secret_hash = responses.get("SECRET_HASH").map(String::as_str);
    let found = find_for_client(s, client, &client.user_pool_id, &settings, username, secret_hash).await?;
    // Check the attributes before using up the session, so a fixable mistake can be retried.
    let mut user = found.ok_or_else(invalid_session)?;
    let mut attributes = parse_attributes(&user.attributes)?;
    let updates: Vec<Attribute> = responses
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("userAttributes.")
                .map(|name| Attribute { name: name.into(), value: Some(v.clone()) })
        })
        .collect();
    check_attributes(&settings, &updates, &attributes)?;
    for a in &updates {
        set_attribute(&mut attributes, &a.name, a.value.as_deref().unwrap_or(""));
    }
    check_required(&settings, &attributes)?;
    let session = redeem_session(s, client, challenge, session).await?;
    if session.user != user.username_key || user.status != status::FORCE_CHANGE_PASSWORD {
        return Err(invalid_session());
    }
    set_password(s, &mut user, new_password).await?;
    user.status = status::CONFIRMED.into();
    save_user(s, &settings, &mut user, &attributes).await?;
    mfa::after_first_factor(s, &settings, client, &user).await
}
