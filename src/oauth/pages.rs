//! The hosted login: `GET /oauth2/authorize`, the sign-in page (`/login`), the challenge
//! pages that can follow it (`/mfa`, `/changePassword`), `/logout` and `/error`. Sign-in
//! runs the same engine as the JSON API (`user_pools::sign_in`), with the password flow's
//! semantics whatever the client's explicit flows say, as Cognito's hosted UI does.
//! Every page carries the authorize query forward; every POST checks the `_csrf` field
//! against the `XSRF-TOKEN` cookie.

use std::collections::HashMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use super::domain::Domain;
use super::html::{self, ChallengePage, ChallengeStep, LoginPage, MessagePage};
use super::page_request::{
    CsrfField, Posted, SESSION_COOKIE, Shown, base_query, cookie, error_page_url, internal, redirect,
    refusal, secret_hash_of, set_cookie,
};
use super::with_params;
use crate::state::AppState;
use crate::user_pools::UserPoolError;
use crate::user_pools::UserPools;
use crate::user_pools::grants::authorize::{Authorization, AuthorizeRefusal, ResponseType};
use crate::user_pools::grants::{code, session};
use crate::user_pools::ops::pools::load_pool;
use crate::user_pools::sign_in::{InitiateAuthResponse, Step, mfa, password};
use crate::user_pools::store::UserRow;
use crate::user_pools::tokens::{self, Issuing, OAuthGrant};
use crate::user_pools::triggers::{Caller, authentication, token as token_trigger};

/// Sends the signed-in user back to the app: a code, or (implicit) the tokens.
async fn complete(s: &UserPools, a: &Authorization, user: &UserRow, auth_time: i64) -> Response {
    let state = a.state.as_deref();
    match a.response_type {
        ResponseType::Code => match code::issue(s, a, user, auth_time).await {
            Ok(code) => {
                let mut params = vec![("code", code.as_str())];
                if let Some(st) = state {
                    params.push(("state", st));
                }
                redirect(&with_params(&a.redirect_uri, &params, false))
            }
            Err(e) => internal(e),
        },
        ResponseType::Token => {
            let Ok((_, settings)) = load_pool(s, &user.user_pool_id).await else {
                return internal("pool vanished");
            };
            let grant =
                OAuthGrant { scopes: a.scopes.clone(), nonce: a.nonce.clone(), auth_time: Some(auth_time) };
            // The implicit grant returns no refresh token (its family is still recorded, so
            // revoking by family works the same).
            let how = Issuing {
                origin: None,
                oauth: Some(&grant),
                source: token_trigger::HOSTED_AUTH,
                caller: Caller::new(&a.client.row, None),
            };
            match tokens::issue(s, &settings, &a.client.row, user, how).await {
                Ok(t) => {
                    let expires = t.expires_in.to_string();
                    let mut params = vec![("access_token", t.access_token.as_str())];
                    if let Some(id) = t.id_token.as_deref() {
                        params.push(("id_token", id));
                    }
                    params.push(("token_type", "Bearer"));
                    params.push(("expires_in", expires.as_str()));
                    if let Some(st) = state {
                        params.push(("state", st));
                    }
                    redirect(&with_params(&a.redirect_uri, &params, true))
                }
                Err(e) => internal(e),
            }
        }
    }
}

/// `GET /oauth2/authorize`: with a live session, straight back to the app; else the
/// sign-in page with the same query.
pub async fn authorize(State(s): State<AppState>, page: Shown) -> Response {
    let Shown { domain, authorization: a, params, query, headers, .. } = page;
    let prompt = params.prompt;
    // unsure: AWS's handling of select_account and consent for the COGNITO provider; like
    // login here (show the form again).
    let fresh_sign_in = matches!(prompt.as_deref(), Some("login" | "select_account" | "consent"));
    if !fresh_sign_in && let Some(sealed) = cookie(&headers, SESSION_COOKIE) {
        match session::resume(&s.user_pools, &domain.pool_id, &sealed).await {
            Ok(Some((session, user))) => return complete(&s.user_pools, &a, &user, session.auth_time).await,
            Ok(None) => {}
            Err(e) => return internal(e),
        }
    }
    if prompt.as_deref() == Some("none") {
        return refusal(
            &domain,
            AuthorizeRefusal::Redirect {
                redirect_uri: a.redirect_uri.clone(),
                fragment: a.response_type == ResponseType::Token,
                error: "login_required",
                description: None,
                state: a.state.clone(),
            },
        );
    }
    redirect(&format!("{}/login?{query}", domain.base_url))
}

/// What the sign-in page says after a confirmation or a password reset.
fn notice_of(query: &str) -> Option<&'static str> {
    query.split('&').find_map(|kv| match kv {
        "notice=confirmed" => Some("Your account has been confirmed. Please sign in."),
        "notice=password_reset" => Some("Your password has been reset. Please sign in."),
        _ => None,
    })
}

/// Whether the sign-in page offers sign-up (not when only operators create users).
async fn signup_allowed(s: &AppState, pool_id: &str) -> bool {
    load_pool(&s.user_pools, pool_id).await.is_ok_and(|(_, settings)| {
        settings.admin_create_user_config.as_ref().and_then(|c| c.allow_admin_create_user_only) != Some(true)
    })
}

fn login_page(
    domain: &Domain,
    raw_query: &str,
    csrf: &str,
    error: Option<&str>,
    username: &str,
    signup: bool,
) -> String {
    let query = base_query(raw_query);
    let action = format!("{}/login?{query}", domain.base_url);
    let forgot_url = format!("{}/forgotPassword?{query}", domain.base_url);
    let signup_url = signup.then(|| format!("{}/signup?{query}", domain.base_url));
    html::render(&LoginPage {
        action: &action,
        csrf,
        username,
        notice: if error.is_none() { notice_of(raw_query) } else { None },
        error,
        forgot_url: &forgot_url,
        signup_url: signup_url.as_deref(),
    })
}

/// `GET /login`: the sign-in form.
pub async fn login_form(State(s): State<AppState>, page: Shown) -> Response {
    let hint = page.params.login_hint.clone().unwrap_or_default();
    let signup = signup_allowed(&s, &page.domain.pool_id).await;
    let body = login_page(&page.domain, &page.query, &page.csrf, None, &hint, signup);
    page.page(StatusCode::OK, body)
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

impl CsrfField for LoginForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// What a sign-in step shows next: back to the app, a challenge page, or the sign-in form
/// with AWS's message.
async fn after_step(
    s: &AppState,
    page: &Shown,
    username: &str,
    step: Result<Step, UserPoolError>,
) -> Response {
    let domain = &page.domain;
    let step = match step {
        Ok(Step::SignedIn(user)) => post_authentication(&s.user_pools, page, user).await,
        other => other,
    };
    match step {
        Ok(Step::SignedIn(user)) => {
            let (started, sealed) = session::start(&s.user_pools, &user);
            let mut response = complete(&s.user_pools, &page.authorization, &user, started.auth_time).await;
            let max_age = s.config.hosted_ui.session_seconds;
            response
                .headers_mut()
                .append(header::SET_COOKIE, set_cookie(domain, SESSION_COOKIE, &sealed, Some(max_age)));
            response
        }
        Ok(Step::Challenge(challenge)) => {
            page.page(StatusCode::OK, challenge_page(page, username, &challenge, None))
        }
        Err(e @ (UserPoolError::Internal(_) | UserPoolError::Storage(_))) => internal(e),
        Err(e) => {
            let signup = signup_allowed(s, &domain.pool_id).await;
            let body = login_page(domain, &page.query, &page.csrf, Some(&e.to_string()), username, signup);
            page.page(StatusCode::OK, body)
        }
    }
}

/// The PostAuthentication trigger of a hosted sign-in: a failure keeps the user on the form.
async fn post_authentication(s: &UserPools, page: &Shown, user: Box<UserRow>) -> Result<Step, UserPoolError> {
    let (_, settings) = load_pool(s, &user.user_pool_id).await?;
    let caller = Caller::new(&page.authorization.client.row, None);
    authentication::post_authentication(s, &settings, &user, caller).await?;
    Ok(Step::SignedIn(user))
}

/// Adds SECRET_HASH to sign-in parameters when the client needs one.
fn with_secret_hash(
    s: &UserPools,
    a: &Authorization,
    username: &str,
    params: &mut HashMap<String, String>,
) -> Result<(), UserPoolError> {
    if let Some(hash) = secret_hash_of(s, a, username)? {
        params.insert("SECRET_HASH".into(), hash);
    }
    Ok(())
}

/// `POST /login`: the password sign-in.
pub async fn login(State(s): State<AppState>, Posted { page, form }: Posted<LoginForm>) -> Response {
    let us = &s.user_pools;
    let settings = match load_pool(us, &page.domain.pool_id).await {
        Ok((_, settings)) => settings,
        Err(e) => return internal(e),
    };
    let mut p = HashMap::from([
        ("USERNAME".to_string(), form.username.clone()),
        ("PASSWORD".to_string(), form.password),
    ]);
    if let Err(e) = with_secret_hash(us, &page.authorization, &form.username, &mut p) {
        return internal(e);
    }
    let step = if form.username.is_empty() || p["PASSWORD"].is_empty() {
        Err(crate::user_pools::sign_in::incorrect())
    } else {
        let client = &page.authorization.client.row;
        password::password_flow(us, &page.domain.pool_id, &settings, client, &p, Caller::new(client, None))
            .await
    };
    after_step(&s, &page, &form.username, step).await
}

/// The page of a challenge that follows the password.
fn challenge_page(
    page: &Shown,
    username: &str,
    challenge: &InitiateAuthResponse,
    error: Option<&str>,
) -> String {
    let name = challenge.challenge_name.as_deref().unwrap_or_default();
    let params = challenge.challenge_parameters.clone().unwrap_or_default();
    let step = match name {
        "NEW_PASSWORD_REQUIRED" => ChallengeStep::NewPassword,
        "SMS_MFA" | "EMAIL_OTP" | "SOFTWARE_TOKEN_MFA" => {
            ChallengeStep::Code(params.get("CODE_DELIVERY_DESTINATION").cloned())
        }
        "SELECT_MFA_TYPE" => ChallengeStep::Select(
            params
                .get("MFAS_CAN_CHOOSE")
                .and_then(|v| serde_json::from_str::<Vec<String>>(v).ok())
                .unwrap_or_default(),
        ),
        // AWS deviation: MFA enrolment (MFA_SETUP) is not offered by the hosted pages yet;
        // the user must set MFA up through the API first.
        _ => ChallengeStep::Unavailable,
    };
    html::render(&ChallengePage {
        step,
        base: &page.domain.base_url,
        query: &page.query,
        csrf: &page.csrf,
        session: challenge.session.as_deref().unwrap_or_default(),
        username,
        challenge: name,
        error,
    })
}

#[derive(Debug, Deserialize)]
pub struct ChallengeForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    session: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    challenge: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    answer: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

impl CsrfField for ChallengeForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// `POST /mfa` and `POST /changePassword`: the answer to a challenge.
pub async fn challenge(
    State(s): State<AppState>,
    Posted { page, form: f }: Posted<ChallengeForm>,
) -> Response {
    let us = &s.user_pools;
    let mut responses = HashMap::from([("USERNAME".to_string(), f.username.clone())]);
    if let Err(e) = with_secret_hash(us, &page.authorization, &f.username, &mut responses) {
        return internal(e);
    }
    let client = &page.authorization.client.row;
    let step = match f.challenge.as_str() {
        "NEW_PASSWORD_REQUIRED" => {
            if f.new_password != f.confirm_password {
                let again = InitiateAuthResponse {
                    challenge_name: Some(f.challenge.clone()),
                    session: Some(f.session.clone()),
                    ..Default::default()
                };
                let body = challenge_page(&page, &f.username, &again, Some("Passwords do not match."));
                return page.page(StatusCode::OK, body);
            }
            responses.insert("NEW_PASSWORD".into(), f.new_password);
            password::new_password(us, client, &f.challenge, Some(&f.session), &responses).await
        }
        name @ ("SMS_MFA" | "EMAIL_OTP" | "SOFTWARE_TOKEN_MFA") => {
            responses.insert(format!("{name}_CODE"), f.code);
            mfa::respond(us, client, name, Some(&f.session), &responses).await
        }
        "SELECT_MFA_TYPE" => {
            responses.insert("ANSWER".into(), f.answer);
            mfa::respond(us, client, "SELECT_MFA_TYPE", Some(&f.session), &responses).await
        }
        _ => Err(crate::user_pools::sign_in::session::invalid_session()),
    };
    after_step(&s, &page, &f.username, step).await
}

#[derive(Debug, Deserialize)]
pub struct LogoutParams {
    #[serde(default)]
    client_id: Option<String>,
    #[serde(default)]
    logout_uri: Option<String>,
    #[serde(default)]
    redirect_uri: Option<String>,
}

/// `GET /logout`: ends the session, then to `logout_uri` (one of the client's LogoutURLs),
/// or back to the sign-in page when the app asks to sign in again (`redirect_uri` and
/// `response_type`, as `/oauth2/authorize` takes them).
pub async fn logout(
    State(s): State<AppState>,
    domain: Domain,
    headers: axum::http::HeaderMap,
    RawQuery(query): RawQuery,
    params: Result<Query<LogoutParams>, QueryRejection>,
) -> Response {
    let Ok(Query(p)) = params else { return redirect(&error_page_url(&domain, "invalid_request", None)) };
    let client_id = p.client_id.as_deref().filter(|c| !c.is_empty());
    let client = match client_id {
        Some(id) => {
            crate::user_pools::grants::client::pool_client(&s.user_pools, &domain.pool_id, id).await.ok()
        }
        None => None,
    };
    let Some(client) = client else {
        return redirect(&error_page_url(&domain, "invalid_request", client_id));
    };
    let target = if let Some(uri) = p.logout_uri.as_deref() {
        // unsure: AWS's error code for a logout_uri that is not registered.
        if !client.settings.logout_urls.iter().flatten().any(|u| u == uri) {
            return redirect(&error_page_url(&domain, "invalid_request", client_id));
        }
        uri.to_string()
    } else if let Some(uri) = p.redirect_uri.as_deref() {
        if !client.settings.callback_urls.iter().flatten().any(|u| u == uri) {
            return redirect(&error_page_url(&domain, "redirect_mismatch", client_id));
        }
        format!("{}/login?{}", domain.base_url, query.unwrap_or_default())
    } else {
        return redirect(&error_page_url(&domain, "invalid_request", client_id));
    };
    if let Some(sealed) = cookie(&headers, SESSION_COOKIE)
        && let Err(e) = session::end(&s.user_pools, &domain.pool_id, &sealed).await
    {
        return internal(e);
    }
    let mut response = redirect(&target);
    response.headers_mut().append(header::SET_COOKIE, set_cookie(&domain, SESSION_COOKIE, "", Some(0)));
    response
}

#[derive(Debug, Deserialize)]
pub struct ErrorParams {
    #[serde(default)]
    error: Option<String>,
}

/// `GET /error`: the domain's error page (HTTP 400).
pub async fn error(_domain: Domain, params: Result<Query<ErrorParams>, QueryRejection>) -> Response {
    let error = params.ok().and_then(|Query(p)| p.error).unwrap_or_else(|| "invalid_request".into());
    let body = html::render(&MessagePage {
        title: "Error",
        heading: "An error was encountered with the requested page.",
        text: Some(&error),
    });
    (StatusCode::BAD_REQUEST, Html(body)).into_response()
}
