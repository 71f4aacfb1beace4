//! The hosted login: `GET /oauth2/authorize`, the sign-in page (`/login`), the challenge
//! pages that can follow it (`/mfa`, `/changePassword`), `/logout` and `/error`. Sign-in
//! runs the same engine as the JSON API (`user_pools::sign_in`), with the password flow's
//! semantics whatever the client's explicit flows say, as Cognito's hosted UI does.
//! Every page carries the authorize query forward; every POST checks the `_csrf` field
//! against the `XSRF-TOKEN` cookie.

use std::collections::HashMap;

use axum::Form;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Query, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use subtle::ConstantTimeEq;

use super::domain::Domain;
use super::html::{self, Form as HtmlForm, escape};
use super::with_params;
use crate::state::AppState;
use crate::user_pools::UserPoolError;
use crate::user_pools::UserPools;
use crate::user_pools::grants::authorize::{
    self, Authorization, AuthorizeParams, AuthorizeRefusal, ResponseType,
};
use crate::user_pools::grants::{code, session};
use crate::user_pools::ops::clients::client_secret;
use crate::user_pools::ops::pools::load_pool;
use crate::user_pools::sign_in::client::secret_hash;
use crate::user_pools::sign_in::{InitiateAuthResponse, Step, mfa, password};
use crate::user_pools::store::UserRow;
use crate::user_pools::tokens::{self, OAuthGrant};

/// The hosted pages' session cookie.
const SESSION_COOKIE: &str = "cognito";
const CSRF_COOKIE: &str = "XSRF-TOKEN";

/// A cookie of the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

fn set_cookie(domain: &Domain, name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    let mut c = format!("{name}={value}; Path={}; HttpOnly; SameSite=Lax", domain.cookie_path);
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if domain.secure {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static(""))
}

pub(super) fn redirect(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(v) => (StatusCode::FOUND, [(header::LOCATION, v)]).into_response(),
        Err(_) => StatusCode::BAD_REQUEST.into_response(),
    }
}

pub(super) fn internal(e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "hosted page failed");
    (StatusCode::INTERNAL_SERVER_ERROR, Html(html::page("Error", "<h1>Something went wrong</h1>")))
        .into_response()
}

/// `<base>/error?error=…&client_id=…`.
fn error_page_url(domain: &Domain, error: &str, client_id: Option<&str>) -> String {
    let mut params = vec![("error", error)];
    if let Some(id) = client_id {
        params.push(("client_id", id));
    }
    with_params(&format!("{}/error", domain.base_url), &params, false)
}

/// The answer to a refused authorize request.
fn refusal(domain: &Domain, r: AuthorizeRefusal) -> Response {
    match r {
        AuthorizeRefusal::Page { error, client_id } => {
            redirect(&error_page_url(domain, error, client_id.as_deref()))
        }
        AuthorizeRefusal::Redirect { redirect_uri, fragment, error, description, state } => {
            let mut params = vec![("error", error)];
            if let Some(d) = description {
                params.push(("error_description", d));
            }
            if let Some(st) = state.as_deref() {
                params.push(("state", st));
            }
            redirect(&with_params(&redirect_uri, &params, fragment))
        }
        AuthorizeRefusal::Internal(e) => internal(e),
    }
}

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
            match tokens::issue(s, &settings, &a.client.row, user, None, Some(&grant)).await {
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

pub(super) type Params = Result<Query<AuthorizeParams>, QueryRejection>;

pub(super) async fn check(s: &AppState, domain: &Domain, params: Params) -> Result<Authorization, Response> {
    let Ok(Query(p)) = params else {
        return Err(redirect(&error_page_url(domain, "invalid_request", None)));
    };
    authorize::check(&s.user_pools, &domain.pool_id, &p).await.map_err(|r| refusal(domain, r))
}

/// `GET /oauth2/authorize`: with a live session, straight back to the app; else the
/// sign-in page with the same query.
pub async fn authorize(
    State(s): State<AppState>,
    domain: Domain,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    params: Params,
) -> Response {
    let prompt = params.as_ref().ok().and_then(|q| q.prompt.clone());
    let a = match check(&s, &domain, params).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    if prompt.as_deref() != Some("login")
        && let Some(sealed) = cookie(&headers, SESSION_COOKIE)
    {
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
    redirect(&format!("{}/login?{}", domain.base_url, query.unwrap_or_default()))
}

/// The CSRF token of this browser (reused while its cookie lasts).
pub(super) fn csrf_token(headers: &HeaderMap) -> String {
    cookie(headers, CSRF_COOKIE)
        .filter(|t| t.len() >= 32 && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or_else(|| format!("{}{}", crate::crypto::ids::uuid(), crate::crypto::ids::uuid()))
}

pub(super) fn csrf_ok(headers: &HeaderMap, given: &str) -> bool {
    cookie(headers, CSRF_COOKIE)
        .is_some_and(|c| !given.is_empty() && bool::from(c.as_bytes().ct_eq(given.as_bytes())))
}

/// A page with the CSRF cookie set (and any other cookies).
pub(super) fn with_csrf(
    domain: &Domain,
    csrf: &str,
    status: StatusCode,
    body: String,
    extra: Vec<HeaderValue>,
) -> Response {
    let mut response = (status, Html(body)).into_response();
    let headers = response.headers_mut();
    headers.append(header::SET_COOKIE, set_cookie(domain, CSRF_COOKIE, csrf, None));
    for c in extra {
        headers.append(header::SET_COOKIE, c);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
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
    let query = super::self_service::base_query(raw_query);
    let action = format!("{}/login?{query}", domain.base_url);
    let form = HtmlForm::new(&action, csrf)
        .input("signInFormUsername", "username", "Username", "text", username)
        .input("signInFormPassword", "password", "Password", "password", "")
        .submit("signInSubmitButton", "Sign in");
    let forgot = format!("{}/forgotPassword?{query}", domain.base_url);
    let mut links =
        format!("<p><a id=\"forgotPasswordLink\" href=\"{}\">Forgot your password?</a></p>", escape(&forgot));
    if signup {
        let url = format!("{}/signup?{query}", domain.base_url);
        links.push_str(&format!(
            "<p>Need an account? <a id=\"signUpLink\" href=\"{}\">Sign up</a></p>",
            escape(&url)
        ));
    }
    let notice = if error.is_none() { notice_of(raw_query) } else { None };
    html::page(
        "Signin",
        &format!(
            "<h1>Sign in with your username and password</h1>{}{}{form}{links}",
            html::message("notice", notice),
            html::message("error", error)
        ),
    )
}

/// `GET /login`: the sign-in form.
pub async fn login_form(
    State(s): State<AppState>,
    domain: Domain,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    params: Params,
) -> Response {
    let hint = params.as_ref().ok().and_then(|q| q.login_hint.clone()).unwrap_or_default();
    if let Err(r) = check(&s, &domain, params).await {
        return r;
    }
    let csrf = csrf_token(&headers);
    let signup = signup_allowed(&s, &domain.pool_id).await;
    let body = login_page(&domain, &query.unwrap_or_default(), &csrf, None, &hint, signup);
    with_csrf(&domain, &csrf, StatusCode::OK, body, Vec::new())
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

/// What a sign-in step shows next: back to the app, a challenge page, or the sign-in form
/// with AWS's message.
async fn after_step(
    s: &AppState,
    domain: &Domain,
    a: &Authorization,
    query: &str,
    csrf: &str,
    username: &str,
    step: Result<Step, UserPoolError>,
) -> Response {
    match step {
        Ok(Step::SignedIn(user)) => {
            let (started, sealed) = session::start(&s.user_pools, &user);
            let mut response = complete(&s.user_pools, a, &user, started.auth_time).await;
            let max_age = s.config.hosted_ui.session_seconds;
            response
                .headers_mut()
                .append(header::SET_COOKIE, set_cookie(domain, SESSION_COOKIE, &sealed, Some(max_age)));
            response
        }
        Ok(Step::Challenge(challenge)) => with_csrf(
            domain,
            csrf,
            StatusCode::OK,
            challenge_page(domain, query, csrf, username, &challenge, None),
            Vec::new(),
        ),
        Err(e @ (UserPoolError::Internal(_) | UserPoolError::Storage(_))) => internal(e),
        Err(e) => {
            let signup = signup_allowed(s, &domain.pool_id).await;
            let body = login_page(domain, query, csrf, Some(&e.to_string()), username, signup);
            with_csrf(domain, csrf, StatusCode::OK, body, Vec::new())
        }
    }
}

pub(super) fn forbidden_csrf(domain: &Domain, query: &str, csrf: &str) -> Response {
    // unsure: the classic UI's wording when its CSRF check fails.
    let body =
        login_page(domain, query, csrf, Some("Your session has expired. Please try again."), "", false);
    with_csrf(domain, csrf, StatusCode::FORBIDDEN, body, Vec::new())
}

/// The SECRET_HASH the hosted pages compute for a client with a secret (they hold it).
fn with_secret_hash(
    s: &UserPools,
    a: &Authorization,
    username: &str,
    params: &mut HashMap<String, String>,
) -> Result<(), UserPoolError> {
    if let Some(secret) = client_secret(s, &a.client.row)? {
        params.insert("SECRET_HASH".into(), secret_hash(&secret, username, &a.client.row.client_id));
    }
    Ok(())
}

/// `POST /login`: the password sign-in.
pub async fn login(
    State(s): State<AppState>,
    domain: Domain,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    params: Params,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Response {
    let query = query.unwrap_or_default();
    let a = match check(&s, &domain, params).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let csrf = csrf_token(&headers);
    let Ok(Form(form)) = form else { return forbidden_csrf(&domain, &query, &csrf) };
    if !csrf_ok(&headers, &form.csrf) {
        return forbidden_csrf(&domain, &query, &csrf);
    }
    let us = &s.user_pools;
    let settings = match load_pool(us, &domain.pool_id).await {
        Ok((_, settings)) => settings,
        Err(e) => return internal(e),
    };
    let mut p = HashMap::from([
        ("USERNAME".to_string(), form.username.clone()),
        ("PASSWORD".to_string(), form.password),
    ]);
    if let Err(e) = with_secret_hash(us, &a, &form.username, &mut p) {
        return internal(e);
    }
    let step = if form.username.is_empty() || p["PASSWORD"].is_empty() {
        Err(crate::user_pools::sign_in::incorrect())
    } else {
        password::password_flow(us, &domain.pool_id, &settings, &a.client.row, &p).await
    };
    after_step(&s, &domain, &a, &query, &csrf, &form.username, step).await
}

/// The page of a challenge that follows the password.
fn challenge_page(
    domain: &Domain,
    query: &str,
    csrf: &str,
    username: &str,
    challenge: &InitiateAuthResponse,
    error: Option<&str>,
) -> String {
    let name = challenge.challenge_name.as_deref().unwrap_or_default();
    let session = challenge.session.as_deref().unwrap_or_default();
    let params = challenge.challenge_parameters.clone().unwrap_or_default();
    let error = html::message("error", error);
    let form = |path: &str| {
        HtmlForm::new(&format!("{}/{path}?{query}", domain.base_url), csrf)
            .hidden("session", session)
            .hidden("username", username)
            .hidden("challenge", name)
    };
    match name {
        "NEW_PASSWORD_REQUIRED" => {
            let f = form("changePassword")
                .input("new_password", "new_password", "New password", "password", "")
                .input("confirm_password", "confirm_password", "Enter new password again", "password", "")
                .submit("reset_password", "Send");
            html::page(
                "Change password",
                &format!("<h1>Change password</h1><p>Please enter a new password.</p>{error}{f}"),
            )
        }
        "SMS_MFA" | "EMAIL_OTP" | "SOFTWARE_TOKEN_MFA" => {
            let whereto = params
                .get("CODE_DELIVERY_DESTINATION")
                .map(|d| format!("<p>We sent a code to {}.</p>", escape(d)))
                .unwrap_or_else(|| "<p>Enter the code from your authenticator app.</p>".into());
            let f = form("mfa")
                .input("totpCodeInput", "code", "Code", "text", "")
                .submit("signInSubmitButton", "Sign in");
            html::page("Verify", &format!("<h1>Verify your identity</h1>{whereto}{error}{f}"))
        }
        "SELECT_MFA_TYPE" => {
            let choices: Vec<String> = params
                .get("MFAS_CAN_CHOOSE")
                .and_then(|v| serde_json::from_str::<Vec<String>>(v).ok())
                .unwrap_or_default();
            let mut body = format!("<h1>Choose how to verify</h1>{error}");
            for choice in choices {
                body.push_str(&form("mfa").hidden("answer", &choice).submit("select", &choice));
            }
            html::page("Verify", &body)
        }
        // AWS deviation: MFA enrolment (MFA_SETUP) is not offered by the hosted pages yet;
        // the user must set MFA up through the API first.
        other => html::page(
            "Not available",
            &format!(
                "<h1>This sign-in cannot continue here</h1><p class=\"error\">The {} step is not offered by \
                 incognito's hosted pages yet. Set it up through the API and sign in again.</p>",
                escape(other)
            ),
        ),
    }
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

/// `POST /mfa` and `POST /changePassword`: the answer to a challenge.
pub async fn challenge(
    State(s): State<AppState>,
    domain: Domain,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    params: Params,
    form: Result<Form<ChallengeForm>, FormRejection>,
) -> Response {
    let query = query.unwrap_or_default();
    let a = match check(&s, &domain, params).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let csrf = csrf_token(&headers);
    let Ok(Form(f)) = form else { return forbidden_csrf(&domain, &query, &csrf) };
    if !csrf_ok(&headers, &f.csrf) {
        return forbidden_csrf(&domain, &query, &csrf);
    }
    let us = &s.user_pools;
    let mut responses = HashMap::from([("USERNAME".to_string(), f.username.clone())]);
    if let Err(e) = with_secret_hash(us, &a, &f.username, &mut responses) {
        return internal(e);
    }
    let client = &a.client.row;
    let step = match f.challenge.as_str() {
        "NEW_PASSWORD_REQUIRED" => {
            if f.new_password != f.confirm_password {
                let again = InitiateAuthResponse {
                    challenge_name: Some(f.challenge.clone()),
                    session: Some(f.session.clone()),
                    ..Default::default()
                };
                let body = challenge_page(
                    &domain,
                    &query,
                    &csrf,
                    &f.username,
                    &again,
                    Some("Passwords do not match."),
                );
                return with_csrf(&domain, &csrf, StatusCode::OK, body, Vec::new());
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
    after_step(&s, &domain, &a, &query, &csrf, &f.username, step).await
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
    let body = html::page(
        "Error",
        &format!(
            "<h1>An error was encountered with the requested page.</h1><p class=\"error\" id=\"errorMessage\">{}</p>",
            escape(&error)
        ),
    );
    (StatusCode::BAD_REQUEST, Html(body)).into_response()
}
