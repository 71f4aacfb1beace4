//! Sign-in: InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge,
//! AdminRespondToAuthChallenge, with USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH,
//! ADMIN_NO_SRP_AUTH, USER_SRP_AUTH (its arithmetic and PASSWORD_VERIFIER in `auth_srp`),
//! REFRESH_TOKEN_AUTH / REFRESH_TOKEN and the NEW_PASSWORD_REQUIRED challenge; after the
//! first factor, `mfa` decides whether an MFA challenge follows. Also the checks every
//! client-facing operation shares: the app client, SECRET_HASH, and brute-force lockout.

use std::collections::HashMap;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use super::pools::load_pool;
use super::{auth_srp, mfa};
use crate::user_pools::UserPools;
use crate::user_pools::constraints;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::{Attribute, PoolSettings, status};
use crate::user_pools::ops::clients::client_secret;
use crate::user_pools::password::check_policy;
use crate::user_pools::store::{ClientRow, UserRow};
use crate::user_pools::tokens::{self, AuthenticationResult, Origin, client_settings, hash_refresh_token};
use crate::user_pools::users::{
    alias_keys, check_attributes, check_required, conflict_error, encode_attributes, find_user,
    parse_attributes, set_attribute, set_password,
};

/// How long a challenge session lives (AuthSessionValidity's default, 3 minutes).
pub(super) const SESSION_MINUTES_DEFAULT: i64 = 3;
const SESSION_PURPOSE: &str = "auth-session";

pub(super) fn incorrect() -> UserPoolError {
    UserPoolError::NotAuthorized("Incorrect username or password.".into())
}

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
async fn load_pool_client(s: &UserPools, pool_id: &str, client_id: &str) -> Result<ClientRow, UserPoolError> {
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
pub(crate) async fn find_for_client(
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
fn allowed_flows(client: &ClientRow) -> Result<Vec<String>, UserPoolError> {
    Ok(client_settings(client)?.explicit_auth_flows.unwrap_or_else(|| {
        ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"].map(String::from).to_vec()
    }))
}

fn require_flow(client: &ClientRow, flow: &str, accepted: &[&str]) -> Result<(), UserPoolError> {
    let allowed = allowed_flows(client)?;
    if allowed.iter().any(|f| accepted.contains(&f.as_str())) {
        Ok(())
    } else {
        Err(UserPoolError::InvalidParameter(format!("{flow} flow not enabled for this client")))
    }
}

/// Verifies a password with lockout: five consecutive failures lock the user, first for
/// `lockout.first_lock_seconds`, doubling with each further failure.
pub async fn verify_password(s: &UserPools, user: &UserRow, password: &str) -> Result<(), UserPoolError> {
    check_not_locked(s, user)?;
    let ok = s.passwords.verify(password, user.password_hash.as_deref()).await?;
    record_password_check(s, user, ok).await
}

/// Refuses a user locked out by failed password proofs.
pub fn check_not_locked(s: &UserPools, user: &UserRow) -> Result<(), UserPoolError> {
    if user.locked_until > s.clock.now_millis() {
        return Err(UserPoolError::NotAuthorized("Password attempts exceeded".into()));
    }
    Ok(())
}

/// Records the outcome of a password proof (a password, or an SRP password claim) for
/// lockout: success resets the counters; a failure counts and may lock the user. Returns
/// the sign-in error for a failure.
pub async fn record_password_check(s: &UserPools, user: &UserRow, ok: bool) -> Result<(), UserPoolError> {
    if ok {
        if user.failed_attempts != 0 || user.locked_until != 0 {
            s.store.reset_failed_attempts(&user.user_pool_id, &user.username_key).await?;
        }
        return Ok(());
    }
    let attempts = s.store.add_failed_attempt(&user.user_pool_id, &user.username_key).await?;
    let policy = &s.config.lockout;
    if attempts >= policy.max_attempts {
        let doublings = (attempts - policy.max_attempts).min(20) as u32;
        let seconds = (policy.first_lock_seconds.max(0) << doublings).min(policy.max_lock_seconds);
        let until = s.clock.now_millis() + seconds * 1000;
        s.store.set_locked_until(&user.user_pool_id, &user.username_key, until).await?;
        tracing::warn!(user_pool.id = %user.user_pool_id, user.sub = %user.sub, attempts, "user locked after failed sign-ins");
    }
    Err(incorrect())
}

/// Finds the user for a sign-in, answering an unknown one as the client wants.
async fn sign_in_user(
    s: &UserPools,
    pool_id: &str,
    settings: &PoolSettings,
    client: &ClientRow,
    username: &str,
    password: &str,
) -> Result<UserRow, UserPoolError> {
    let Some(user) = find_user(s, pool_id, settings, username).await? else {
        // Spend the time a real verification would, so timing does not tell either.
        let _ = s.passwords.verify(password, None).await?;
        return Err(if hides_existence(client) { incorrect() } else { UserPoolError::UserNotFound });
    };
    verify_password(s, &user, password).await?;
    if !user.enabled {
        return Err(UserPoolError::NotAuthorized("User is disabled.".into()));
    }
    match user.status.as_str() {
        status::UNCONFIRMED => Err(UserPoolError::UserNotConfirmed),
        status::RESET_REQUIRED => Err(UserPoolError::PasswordResetRequired),
        _ => Ok(user),
    }
}

/// The sealed content of a challenge `Session`. `challenge` names the step the session may
/// be used for: a challenge name, or an internal stage such as `MFA_SETUP:VERIFIED`.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Session {
    id: String,
    pub(super) pool: String,
    pub(super) client: String,
    /// The user's `username_key`.
    pub(super) user: String,
    pub(super) challenge: String,
    /// Epoch ms.
    expires: i64,
}

pub(super) fn seal_session(
    s: &UserPools,
    client: &ClientRow,
    user: &UserRow,
    challenge: &str,
) -> Result<String, UserPoolError> {
    let minutes = client_settings(client)?.auth_session_validity.unwrap_or(SESSION_MINUTES_DEFAULT);
    let session = Session {
        id: crate::crypto::ids::uuid(),
        pool: user.user_pool_id.clone(),
        client: client.client_id.clone(),
        user: user.username_key.clone(),
        challenge: challenge.into(),
        expires: s.clock.now_millis() + minutes * 60_000,
    };
    let json = serde_json::to_vec(&session)
        .map_err(|e| UserPoolError::Internal(crate::error::Internal::source(e)))?;
    Ok(s.sealer.seal(SESSION_PURPOSE, &json))
}

pub(super) fn invalid_session() -> UserPoolError {
    UserPoolError::NotAuthorized("Invalid session for the user.".into())
}

/// Opens a session and checks its expiry, without using it up.
pub(super) fn open_session(s: &UserPools, sealed: &str) -> Result<Session, UserPoolError> {
    let plain = s.sealer.open(SESSION_PURPOSE, sealed).map_err(|_| invalid_session())?;
    let session: Session = serde_json::from_slice(&plain).map_err(|_| invalid_session())?;
    if session.expires <= s.clock.now_millis() {
        return Err(UserPoolError::NotAuthorized("Invalid session for the user, session is expired.".into()));
    }
    Ok(session)
}

/// Uses a session up: of two answers with the same session, one wins.
pub(super) async fn spend_session(s: &UserPools, session: &Session) -> Result<(), UserPoolError> {
    if !s.store.consume_session(&session.id, session.expires).await? {
        return Err(invalid_session());
    }
    Ok(())
}

/// Opens a session for `client` and `challenge` and uses it up.
pub(super) async fn redeem_session(
    s: &UserPools,
    client: &ClientRow,
    challenge: &str,
    sealed: &str,
) -> Result<Session, UserPoolError> {
    let session = open_session(s, sealed)?;
    if session.client != client.client_id
        || session.pool != client.user_pool_id
        || session.challenge != challenge
    {
        return Err(invalid_session());
    }
    spend_session(s, &session).await?;
    Ok(session)
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InitiateAuthResponse {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub challenge_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub challenge_parameters: Option<HashMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authentication_result: Option<AuthenticationResult>,
}

pub(super) fn tokens_response(result: AuthenticationResult) -> InitiateAuthResponse {
    InitiateAuthResponse {
        challenge_parameters: Some(HashMap::new()),
        authentication_result: Some(result),
        ..Default::default()
    }
}

/// The NEW_PASSWORD_REQUIRED challenge for a user with a temporary password.
pub(super) fn new_password_challenge(
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

pub(super) fn param<'a>(params: &'a HashMap<String, String>, name: &str) -> Result<&'a str, UserPoolError> {
    params
        .get(name)
        .map(String::as_str)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| UserPoolError::InvalidParameter(format!("Missing required parameter {name}")))
}

/// The password flows, after the flow was allowed.
async fn password_flow(
    s: &UserPools,
    pool_id: &str,
    settings: &PoolSettings,
    client: &ClientRow,
    params: &HashMap<String, String>,
) -> Result<InitiateAuthResponse, UserPoolError> {
    let username = param(params, "USERNAME")?;
    let password = param(params, "PASSWORD")?;
    find_for_client(s, client, pool_id, settings, username, params.get("SECRET_HASH").map(String::as_str))
        .await?;
    let user = sign_in_user(s, pool_id, settings, client, username, password).await?;
    if user.status == status::FORCE_CHANGE_PASSWORD {
        return new_password_challenge(s, settings, client, &user);
    }
    mfa::after_first_factor(s, settings, client, &user).await
}

fn invalid_refresh() -> UserPoolError {
    UserPoolError::NotAuthorized("Invalid Refresh Token".into())
}

/// REFRESH_TOKEN_AUTH: new ID and access tokens from the same token family.
async fn refresh_flow(
    s: &UserPools,
    settings: &PoolSettings,
    client: &ClientRow,
    params: &HashMap<String, String>,
) -> Result<InitiateAuthResponse, UserPoolError> {
    let token = param(params, "REFRESH_TOKEN")?;
    let row = s.store.get_refresh_token(&hash_refresh_token(token)).await?.ok_or_else(invalid_refresh)?;
    if row.client_id != client.client_id || row.user_pool_id != client.user_pool_id {
        return Err(invalid_refresh());
    }
    if row.revoked_at.is_some() {
        return Err(UserPoolError::NotAuthorized("Refresh Token has been revoked".into()));
    }
    if row.expires_at <= s.clock.now_millis() {
        return Err(UserPoolError::NotAuthorized("Refresh Token has expired".into()));
    }
    let user = s.store.get_user(&row.user_pool_id, &row.username_key).await?.ok_or_else(invalid_refresh)?;
    let mut names = vec![user.username.as_str()];
    if let Some(given) = params.get("USERNAME") {
        names.push(given);
    }
    check_secret_hash(s, client, &names, params.get("SECRET_HASH").map(String::as_str))?;
    if !user.enabled {
        return Err(UserPoolError::NotAuthorized("User is disabled.".into()));
    }
    let origin = Origin { origin_jti: row.origin_jti, auth_time: row.auth_time };
    Ok(tokens_response(tokens::issue(s, settings, client, &user, Some(origin)).await?))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct InitiateAuthRequest {
    pub auth_flow: String,
    #[serde(default)]
    pub auth_parameters: HashMap<String, String>,
    #[serde(default)]
    pub client_metadata: Option<serde_json::Value>,
    pub client_id: String,
    #[serde(default)]
    pub analytics_metadata: Option<serde_json::Value>,
    #[serde(default)]
    pub user_context_data: Option<serde_json::Value>,
    #[serde(default)]
    pub session: Option<String>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html>
pub async fn initiate_auth(
    s: &UserPools,
    r: InitiateAuthRequest,
) -> Result<InitiateAuthResponse, UserPoolError> {
    let client = load_client_by_id(s, &r.client_id).await?;
    let (pool, settings) = load_pool(s, &client.user_pool_id).await?;
    match r.auth_flow.as_str() {
        "USER_PASSWORD_AUTH" => {
            require_flow(&client, "USER_PASSWORD_AUTH", &["ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH"])?;
            password_flow(s, &pool.user_pool_id, &settings, &client, &r.auth_parameters).await
        }
        "REFRESH_TOKEN_AUTH" | "REFRESH_TOKEN" => {
            require_refresh(&client)?;
            refresh_flow(s, &settings, &client, &r.auth_parameters).await
        }
        "USER_SRP_AUTH" => {
            require_srp(&client)?;
            auth_srp::initiate(s, &pool.user_pool_id, &settings, &client, &r.auth_parameters).await
        }
        other => Err(unsupported_flow(other)),
    }
}

fn require_srp(client: &ClientRow) -> Result<(), UserPoolError> {
    let allowed = allowed_flows(client)?;
    // Legacy flow lists (no ALLOW_ values) always allowed SRP.
    if allowed.iter().any(|f| f == "ALLOW_USER_SRP_AUTH") || !allowed.iter().any(|f| f.starts_with("ALLOW_"))
    {
        Ok(())
    } else {
        Err(UserPoolError::InvalidParameter("USER_SRP_AUTH flow not enabled for this client".into()))
    }
}

fn require_refresh(client: &ClientRow) -> Result<(), UserPoolError> {
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

fn unsupported_flow(flow: &str) -> UserPoolError {
    const KNOWN: &[&str] = &[
        "USER_SRP_AUTH",
        "REFRESH_TOKEN_AUTH",
        "REFRESH_TOKEN",
        "CUSTOM_AUTH",
        "ADMIN_NO_SRP_AUTH",
        "USER_PASSWORD_AUTH",
        "ADMIN_USER_PASSWORD_AUTH",
        "USER_AUTH",
    ];
    if KNOWN.contains(&flow) {
        // AWS deviation: these flows exist in Cognito but are not implemented here yet
        // (custom auth needs Lambda triggers; USER_AUTH arrives with passwordless and MFA), or
        // not through this operation (USER_SRP_AUTH, USER_PASSWORD_AUTH on AdminInitiateAuth).
        UserPoolError::InvalidParameter(format!("{flow} is not supported by incognito yet"))
    } else {
        UserPoolError::validation(
            "AuthFlow",
            Some(flow),
            &format!("Member must satisfy enum value set: [{}]", KNOWN.join(", ")),
        )
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminInitiateAuthRequest {
    pub user_pool_id: String,
    pub client_id: String,
    pub auth_flow: String,
    #[serde(default)]
    pub auth_parameters: HashMap<String, String>,
    #[serde(default)]
    pub client_metadata: Option<serde_json::Value>,
    #[serde(default)]
    pub analytics_metadata: Option<serde_json::Value>,
    #[serde(default)]
    pub context_data: Option<serde_json::Value>,
    #[serde(default)]
    pub session: Option<String>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminInitiateAuth.html>
pub async fn admin_initiate_auth(
    s: &UserPools,
    r: AdminInitiateAuthRequest,
) -> Result<InitiateAuthResponse, UserPoolError> {
    let (pool, settings) = load_pool(s, &r.user_pool_id).await?;
    let client = load_pool_client(s, &pool.user_pool_id, &r.client_id).await?;
    match r.auth_flow.as_str() {
        "ADMIN_USER_PASSWORD_AUTH" | "ADMIN_NO_SRP_AUTH" => {
            require_flow(&client, &r.auth_flow, &["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"])?;
            password_flow(s, &pool.user_pool_id, &settings, &client, &r.auth_parameters).await
        }
        "REFRESH_TOKEN_AUTH" | "REFRESH_TOKEN" => {
            require_refresh(&client)?;
            refresh_flow(s, &settings, &client, &r.auth_parameters).await
        }
        "USER_SRP_AUTH" => {
            require_srp(&client)?;
            auth_srp::initiate(s, &pool.user_pool_id, &settings, &client, &r.auth_parameters).await
        }
        other => Err(unsupported_flow(other)),
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RespondToAuthChallengeRequest {
    pub client_id: String,
    pub challenge_name: String,
    #[serde(default)]
    pub session: Option<String>,
    #[serde(default)]
    pub challenge_responses: HashMap<String, String>,
    #[serde(default)]
    pub analytics_metadata: Option<serde_json::Value>,
    #[serde(default)]
    pub user_context_data: Option<serde_json::Value>,
    #[serde(default)]
    pub client_metadata: Option<serde_json::Value>,
}

/// The challenges answered here: PASSWORD_VERIFIER (USER_SRP_AUTH), NEW_PASSWORD_REQUIRED and
/// the MFA challenges (in `mfa`).
async fn answer_challenge(
    s: &UserPools,
    client: &ClientRow,
    challenge: &str,
    session: Option<&str>,
    responses: &HashMap<String, String>,
) -> Result<InitiateAuthResponse, UserPoolError> {
    match challenge {
        "PASSWORD_VERIFIER" => auth_srp::respond(s, client, responses).await,
        "NEW_PASSWORD_REQUIRED" => new_password(s, client, challenge, session, responses).await,
        "SOFTWARE_TOKEN_MFA" | "SMS_MFA" | "EMAIL_OTP" | "SELECT_MFA_TYPE" | "MFA_SETUP" => {
            mfa::respond(s, client, challenge, session, responses).await
        }
        other => Err(UserPoolError::InvalidParameter(format!("{other} is not supported by incognito yet"))),
    }
}

/// NEW_PASSWORD_REQUIRED: set the new password (and any required attributes) and sign in.
async fn new_password(
    s: &UserPools,
    client: &ClientRow,
    challenge: &str,
    session: Option<&str>,
    responses: &HashMap<String, String>,
) -> Result<InitiateAuthResponse, UserPoolError> {
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
    user.attributes = encode_attributes(&attributes);
    user.updated_at = s.clock.now_millis();
    s.store
        .update_user(&user, &alias_keys(&settings, &attributes))
        .await
        .map_err(|e| conflict_error(&settings, e))?;
    mfa::after_first_factor(s, &settings, client, &user).await
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html>
pub async fn respond_to_auth_challenge(
    s: &UserPools,
    r: RespondToAuthChallengeRequest,
) -> Result<InitiateAuthResponse, UserPoolError> {
    let client = load_client_by_id(s, &r.client_id).await?;
    answer_challenge(s, &client, &r.challenge_name, r.session.as_deref(), &r.challenge_responses).await
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdminRespondToAuthChallengeRequest {
    pub user_pool_id: String,
    pub client_id: String,
    pub challenge_name: String,
    #[serde(default)]
    pub challenge_responses: HashMap<String, String>,
    #[serde(default)]
    pub session: Option<String>,
    #[serde(default)]
    pub analytics_metadata: Option<serde_json::Value>,
    #[serde(default)]
    pub context_data: Option<serde_json::Value>,
    #[serde(default)]
    pub client_metadata: Option<serde_json::Value>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminRespondToAuthChallenge.html>
pub async fn admin_respond_to_auth_challenge(
    s: &UserPools,
    r: AdminRespondToAuthChallengeRequest,
) -> Result<InitiateAuthResponse, UserPoolError> {
    let (pool, _) = load_pool(s, &r.user_pool_id).await?;
    let client = load_pool_client(s, &pool.user_pool_id, &r.client_id).await?;
    answer_challenge(s, &client, &r.challenge_name, r.session.as_deref(), &r.challenge_responses).await
}
