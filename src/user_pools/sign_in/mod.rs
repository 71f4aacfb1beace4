//! Signing in: the steps every sign-in path shares, whether it comes through the JSON API
//! (`ops::auth`: InitiateAuth, RespondToAuthChallenge and their admin forms) or the hosted
//! pages. The app client and SECRET_HASH (`client`), lockout (`lockout`), the flows
//! (`password`, `srp`, `refresh`, `custom` for CUSTOM_AUTH), users brought over by the
//! UserMigration trigger (`migrate`), challenge sessions (`session`), and the second factor
//! (`mfa`), which ends every successful first factor.

pub mod client;
pub mod custom;
pub mod lockout;
pub mod mfa;
pub mod migrate;
pub mod password;
pub mod refresh;
pub mod session;
pub mod srp;

use std::collections::HashMap;

use serde::Serialize;

use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::{PoolSettings, status};
use crate::user_pools::store::{ClientRow, UserRow};
use crate::user_pools::tokens::{self, AuthenticationResult};
use crate::user_pools::triggers::{Caller, authentication};

pub fn incorrect() -> UserPoolError {
    UserPoolError::NotAuthorized("Incorrect username or password.".into())
}

/// Whether a user whose first factor passed may go on: not disabled, confirmed, no reset
/// pending (FORCE_CHANGE_PASSWORD users go on, to their NEW_PASSWORD_REQUIRED challenge).
pub fn may_sign_in(user: &UserRow) -> Result<(), UserPoolError> {
    if !user.enabled {
        return Err(UserPoolError::NotAuthorized("User is disabled.".into()));
    }
    match user.status.as_str() {
        status::UNCONFIRMED => Err(UserPoolError::UserNotConfirmed),
        status::RESET_REQUIRED => Err(UserPoolError::PasswordResetRequired),
        _ => Ok(()),
    }
}

/// A user with no password to check (brought over by UserMigration as RESET_REQUIRED) can
/// only reset it: every sign-in answers PasswordResetRequiredException, uncounted.
pub fn has_password(user: &UserRow) -> Result<(), UserPoolError> {
    if user.password_hash.is_none() && user.status == status::RESET_REQUIRED {
        return Err(UserPoolError::PasswordResetRequired);
    }
    Ok(())
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

/// Where a sign-in step leaves the user: signed in (the caller mints the tokens: the JSON
/// API's, or an OAuth flow's for the hosted pages), or facing a challenge.
#[derive(Debug)]
pub enum Step {
    SignedIn(Box<UserRow>),
    Challenge(InitiateAuthResponse),
}

impl Step {
    /// The JSON API's answer to the step: the challenge, or (after the PostAuthentication
    /// trigger) the JSON API's tokens. `source` is the PreTokenGeneration trigger source.
    pub async fn respond(
        self,
        s: &UserPools,
        settings: &PoolSettings,
        client: &ClientRow,
        source: &str,
        caller: Caller<'_>,
    ) -> Result<InitiateAuthResponse, UserPoolError> {
        match self {
            Step::Challenge(challenge) => Ok(challenge),
            Step::SignedIn(user) => {
                authentication::post_authentication(s, settings, &user, caller).await?;
                let how = tokens::Issuing::sign_in(source, caller);
                Ok(tokens_response(tokens::issue(s, settings, client, &user, how).await?))
            }
        }
    }
}

pub fn tokens_response(result: AuthenticationResult) -> InitiateAuthResponse {
    InitiateAuthResponse {
        challenge_parameters: Some(HashMap::new()),
        authentication_result: Some(result),
        ..Default::default()
    }
}

pub fn param<'a>(params: &'a HashMap<String, String>, name: &str) -> Result<&'a str, UserPoolError> {
    params
        .get(name)
        .map(String::as_str)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| UserPoolError::InvalidParameter(format!("Missing required parameter {name}")))
}
