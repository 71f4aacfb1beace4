//! The custom authentication triggers: DefineAuthChallenge decides what comes next from the
//! challenges so far, CreateAuthChallenge makes a CUSTOM_CHALLENGE, VerifyAuthChallengeResponse
//! judges an answer. The loop that runs them is `sign_in::custom`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::{Caller, Event, Trigger, call, flag, string_map, text, unrecognizable, user_attributes};
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::PoolSettings;
use crate::user_pools::store::UserRow;

pub const DEFINE: &str = "DefineAuthChallenge_Authentication";
pub const CREATE: &str = "CreateAuthChallenge_Authentication";
pub const VERIFY: &str = "VerifyAuthChallengeResponse_Authentication";

/// One challenge of the session so far, as the events list them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChallengeResult {
    pub challenge_name: String,
    pub challenge_result: bool,
    /// Set by CreateAuthChallenge for CUSTOM_CHALLENGE rounds; `null` otherwise, as in AWS.
    #[serde(default)]
    pub challenge_metadata: Option<String>,
}

/// What DefineAuthChallenge decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    IssueTokens,
    Fail,
    /// `CUSTOM_CHALLENGE`, `SRP_A` or `PASSWORD_VERIFIER`.
    Challenge(String),
}

/// A challenge CreateAuthChallenge made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub public: Map<String, Value>,
    pub private: Map<String, Value>,
    pub metadata: Option<String>,
}

/// The pool needs both challenge functions and the verifier for CUSTOM_AUTH.
pub fn configured(settings: &PoolSettings) -> bool {
    [Trigger::DefineAuthChallenge, Trigger::CreateAuthChallenge, Trigger::VerifyAuthChallengeResponse]
        .into_iter()
        .all(|trigger| super::function(settings, trigger).is_some())
}

pub async fn define(
    s: &UserPools,
    settings: &PoolSettings,
    user: &UserRow,
    session: &[ChallengeResult],
    caller: Caller<'_>,
) -> Result<Next, UserPoolError> {
    let request = json!({
        "userAttributes": user_attributes(user)?,
        "session": session,
        "clientMetadata": caller.metadata(),
        "userNotFound": false,
    });
    let Some(response) =
        call(s, settings, Event::of(user, Trigger::DefineAuthChallenge, DEFINE, caller, request)).await?
    else {
        return Err(not_configured());
    };
    if flag(&response, "failAuthentication")? {
        return Ok(Next::Fail);
    }
    if flag(&response, "issueTokens")? {
        return Ok(Next::IssueTokens);
    }
    match text(&response, "challengeName")?.as_deref() {
        Some(name @ ("CUSTOM_CHALLENGE" | "SRP_A" | "PASSWORD_VERIFIER")) => {
            Ok(Next::Challenge(name.to_string()))
        }
        _ => Err(unrecognizable()),
    }
}

pub async fn create(
    s: &UserPools,
    settings: &PoolSettings,
    user: &UserRow,
    challenge_name: &str,
    session: &[ChallengeResult],
    caller: Caller<'_>,
) -> Result<Created, UserPoolError> {
    let request = json!({
        "userAttributes": user_attributes(user)?,
        "challengeName": challenge_name,
        "session": session,
        "clientMetadata": caller.metadata(),
        "userNotFound": false,
    });
    let Some(response) =
        call(s, settings, Event::of(user, Trigger::CreateAuthChallenge, CREATE, caller, request)).await?
    else {
        return Err(not_configured());
    };
    Ok(Created {
        public: string_map(&response, "publicChallengeParameters")?,
        private: string_map(&response, "privateChallengeParameters")?,
        metadata: text(&response, "challengeMetadata")?,
    })
}

pub async fn verify(
    s: &UserPools,
    settings: &PoolSettings,
    user: &UserRow,
    private: &Map<String, Value>,
    answer: &str,
    caller: Caller<'_>,
) -> Result<bool, UserPoolError> {
    let request = json!({
        "userAttributes": user_attributes(user)?,
        "privateChallengeParameters": private,
        "challengeAnswer": answer,
        "clientMetadata": caller.metadata(),
        "userNotFound": false,
    });
    let source = VERIFY;
    let Some(response) =
        call(s, settings, Event::of(user, Trigger::VerifyAuthChallengeResponse, source, caller, request))
            .await?
    else {
        return Err(not_configured());
    };
    flag(&response, "answerCorrect")
}

/// CUSTOM_AUTH on a pool without the functions it needs.
pub fn not_configured() -> UserPoolError {
    UserPoolError::InvalidParameter("Custom auth lambda trigger is not configured for the user pool.".into())
}
