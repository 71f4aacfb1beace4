//! CUSTOM_AUTH: the sign-in the pool's functions define. DefineAuthChallenge looks at the
//! challenges so far and says what comes next (tokens, failure, a CUSTOM_CHALLENGE made by
//! CreateAuthChallenge, or SRP's PASSWORD_VERIFIER); each answer goes to
//! VerifyAuthChallengeResponse, and the loop goes round again. The state between rounds
//! rides in the sealed, single-use `Session`.

use std::collections::HashMap;

use super::client::{check_secret_hash, find_for_client, hides_existence};
use super::session::{CustomState, invalid_session, redeem_session, seal_session_with};
use super::{InitiateAuthResponse, Step, incorrect, may_sign_in, param, srp};
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::PoolSettings;
use crate::user_pools::ops::pools::load_pool;
use crate::user_pools::store::{ClientRow, UserRow};
use crate::user_pools::triggers::challenge::{self, ChallengeResult, Next};
use crate::user_pools::triggers::{Caller, authentication};

pub const CUSTOM_CHALLENGE: &str = "CUSTOM_CHALLENGE";

/// InitiateAuth / AdminInitiateAuth with CUSTOM_AUTH, after the flow was allowed. With
/// `CHALLENGE_NAME=SRP_A` and `SRP_A` the session starts with SRP, as Cognito's does.
pub async fn initiate(
    s: &UserPools,
    pool_id: &str,
    settings: &PoolSettings,
    client: &ClientRow,
    params: &HashMap<String, String>,
    caller: Caller<'_>,
) -> Result<InitiateAuthResponse, UserPoolError> {
    if !challenge::configured(settings) {
        return Err(challenge::not_configured());
    }
    let username = param(params, "USERNAME")?;
    let secret_hash = params.get("SECRET_HASH").map(String::as_str);
    let found = find_for_client(s, client, pool_id, settings, username, secret_hash).await?;
    let Some(user) = found else {
        return Err(if hides_existence(client) { incorrect() } else { UserPoolError::UserNotFound });
    };
    authentication::pre_authentication(s, settings, &user, caller).await?;
    may_sign_in(&user)?;
    // InitiateAuth's ClientMetadata goes to PreAuthentication only (AWS's list); the
    // challenge, post-authentication and token triggers see none.
    let caller = Caller { metadata: None, ..caller };
    let history = if params.get("CHALLENGE_NAME").map(String::as_str) == Some("SRP_A") {
        param(params, "SRP_A")?;
        vec![ChallengeResult {
            challenge_name: "SRP_A".into(),
            challenge_result: true,
            challenge_metadata: None,
        }]
    } else {
        Vec::new()
    };
    match next(s, settings, client, &user, history, params, caller).await? {
        Step::Challenge(challenge) => Ok(challenge),
        Step::SignedIn(user) => Step::SignedIn(user).respond(s, settings, client, TOKEN_SOURCE, caller).await,
    }
}

/// The trigger source of tokens a custom sign-in ends in.
const TOKEN_SOURCE: &str = crate::user_pools::triggers::token::AUTHENTICATION;

/// Asks DefineAuthChallenge what comes after `history`, and sets it up.
async fn next(
    s: &UserPools,
    settings: &PoolSettings,
    client: &ClientRow,
    user: &UserRow,
    history: Vec<ChallengeResult>,
    params: &HashMap<String, String>,
    caller: Caller<'_>,
) -> Result<Step, UserPoolError> {
    match challenge::define(s, settings, user, &history, caller).await? {
        // The functions vouch for the first factor only: a temporary password still has to be
        // changed, and the pool's MFA still applies.
        Next::IssueTokens if user.status == crate::user_pools::model::status::FORCE_CHANGE_PASSWORD => {
            super::password::new_password_challenge(s, settings, client, user).map(Step::Challenge)
        }
        Next::IssueTokens => super::mfa::after_first_factor(s, settings, client, user).await,
        Next::Fail => Err(incorrect()),
        Next::Challenge(name) if name == CUSTOM_CHALLENGE => {
            let created = challenge::create(s, settings, user, CUSTOM_CHALLENGE, &history, caller).await?;
            let mut parameters: HashMap<String, String> = created
                .public
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect();
            parameters.entry("USERNAME".into()).or_insert_with(|| user.username.clone());
            let state = CustomState { history, private: created.private, metadata: created.metadata };
            let session = seal_session_with(s, client, user, CUSTOM_CHALLENGE, Some(state))?;
            Ok(Step::Challenge(InitiateAuthResponse {
                challenge_name: Some(CUSTOM_CHALLENGE.into()),
                session: Some(session),
                challenge_parameters: Some(parameters),
                authentication_result: None,
            }))
        }
        // SRP inside CUSTOM_AUTH: only where the client sent SRP_A (the first round).
        Next::Challenge(_) if params.contains_key("SRP_A") => {
            let challenge = srp::password_verifier(
                s,
                &user.user_pool_id,
                settings,
                client,
                params,
                caller,
                Some(history),
            )
            .await?;
            Ok(Step::Challenge(challenge))
        }
        Next::Challenge(_) => Err(UserPoolError::InvalidParameter("Missing required parameter SRP_A".into())),
    }
}

/// RespondToAuthChallenge with CUSTOM_CHALLENGE: VerifyAuthChallengeResponse judges ANSWER,
/// then DefineAuthChallenge decides again.
pub async fn respond(
    s: &UserPools,
    client: &ClientRow,
    session: Option<&str>,
    responses: &HashMap<String, String>,
    caller: Caller<'_>,
) -> Result<Step, UserPoolError> {
    let (_, settings) = load_pool(s, &client.user_pool_id).await?;
    let username = param(responses, "USERNAME")?;
    let answer = param(responses, "ANSWER")?;
    let session = session
        .ok_or_else(|| UserPoolError::InvalidParameter("Missing required parameter Session".into()))?;
    let session = redeem_session(s, client, CUSTOM_CHALLENGE, session).await?;
    let state = session.custom.ok_or_else(invalid_session)?;
    let user = s.store.get_user(&session.pool, &session.user).await?.ok_or_else(invalid_session)?;
    check_secret_hash(
        s,
        client,
        &[username, &user.username],
        responses.get("SECRET_HASH").map(String::as_str),
    )?;
    if username != user.username && !srp::names_user(s, &settings, username, &user).await? {
        return Err(invalid_session());
    }
    may_sign_in(&user)?;
    let correct = challenge::verify(s, &settings, &user, &state.private, answer, caller).await?;
    let mut history = state.history;
    history.push(ChallengeResult {
        challenge_name: CUSTOM_CHALLENGE.into(),
        challenge_result: correct,
        challenge_metadata: state.metadata,
    });
    next(s, &settings, client, &user, history, &HashMap::new(), caller).await
}

/// After a right SRP claim inside CUSTOM_AUTH: back to DefineAuthChallenge.
pub async fn after_password(
    s: &UserPools,
    settings: &PoolSettings,
    client: &ClientRow,
    user: &UserRow,
    mut history: Vec<ChallengeResult>,
    caller: Caller<'_>,
) -> Result<Step, UserPoolError> {
    may_sign_in(user)?;
    history.push(ChallengeResult {
        challenge_name: "PASSWORD_VERIFIER".into(),
        challenge_result: true,
        challenge_metadata: None,
    });
    next(s, settings, client, user, history, &HashMap::new(), caller).await
}
