//! The hosted pages a user reaches from the sign-in form: sign-up (`/signup`), its
//! confirmation (`/confirm`, `/resendcode`) and the forgotten password
//! (`/forgotPassword` → `/confirmForgotPassword`). Each runs the JSON API's own operation
//! (SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword)
//! for the authorize request's client, with the SECRET_HASH the pages can compute, and
//! shows AWS's message next to the form when it refuses.

use std::collections::HashMap;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::domain::Domain;
use super::html::{self, ConfirmPage, ForgotPage, ResetPage, SignupPage};
use super::page_request::{CsrfField, Posted, Shown, base_query, internal, redirect, secret_hash_of};
use super::with_params;
use crate::state::AppState;
use crate::user_pools::UserPoolError;
use crate::user_pools::grants::authorize::Authorization;
use crate::user_pools::ops::pools::load_pool;
use crate::user_pools::ops::sign_up;

fn page_url(domain: &Domain, path: &str, query: &str, username: Option<&str>) -> String {
    let url = format!("{}/{path}?{}", domain.base_url, base_query(query));
    match username {
        Some(u) => with_params(&url, &[("username", u)], false),
        None => url,
    }
}

/// A request body of one of the JSON API's operations, with the client and SECRET_HASH.
fn request<T: serde::de::DeserializeOwned>(
    s: &AppState,
    a: &Authorization,
    username: &str,
    mut body: Value,
) -> Result<T, UserPoolError> {
    body["ClientId"] = a.client.row.client_id.clone().into();
    body["Username"] = username.into();
    if let Some(hash) = secret_hash_of(&s.user_pools, a, username)? {
        body["SecretHash"] = hash.into();
    }
    serde_json::from_value(body).map_err(|e| UserPoolError::InvalidParameter(e.to_string()))
}

/// AWS's message of a refused step, shown by the form; our own failures stay errors.
fn refused(e: UserPoolError) -> Result<String, UserPoolError> {
    match e {
        UserPoolError::Internal(_) | UserPoolError::Storage(_) => Err(e),
        e => Ok(e.to_string()),
    }
}

#[derive(Debug, Deserialize, Default)]
pub struct UsernameQuery {
    #[serde(default)]
    username: Option<String>,
}

fn signup_page(domain: &Domain, query: &str, csrf: &str, required: &[String], error: Option<&str>) -> String {
    html::render(&SignupPage {
        action: &page_url(domain, "signup", query, None),
        csrf,
        required: required.iter().filter(|n| *n != "email").cloned().collect(),
        error,
        login_url: &page_url(domain, "login", query, None),
    })
}

/// Required attributes the sign-up form must ask for, besides the username and password.
async fn required_attributes(s: &AppState, pool_id: &str) -> Result<Vec<String>, UserPoolError> {
    let (_, settings) = load_pool(&s.user_pools, pool_id).await?;
    Ok(settings
        .schema_attributes
        .iter()
        .filter(|a| a.is_required() && a.name() != "sub")
        .map(|a| a.name().to_string())
        .collect())
}

/// `GET /signup`.
pub async fn signup_form(State(s): State<AppState>, page: Shown) -> Response {
    let (domain, query, csrf) = (&page.domain, page.query.as_str(), page.csrf.as_str());
    let required = match required_attributes(&s, &domain.pool_id).await {
        Ok(r) => r,
        Err(e) => return internal(e),
    };
    let body = signup_page(domain, query, csrf, &required, None);
    page.page(StatusCode::OK, body)
}

/// `POST /signup`: SignUp, then the confirmation page when the pool sent a code.
pub async fn signup(
    State(s): State<AppState>,
    Posted { page, form }: Posted<HashMap<String, String>>,
) -> Response {
    let (domain, query, csrf, a) =
        (&page.domain, page.query.as_str(), page.csrf.as_str(), &page.authorization);
    let mut f = form;
    let required = match required_attributes(&s, &domain.pool_id).await {
        Ok(r) => r,
        Err(e) => return internal(e),
    };
    let username = f.remove("username").unwrap_or_default();
    let password = f.remove("password").unwrap_or_default();
    let attributes: Vec<Value> = f
        .iter()
        .filter(|(name, value)| !name.starts_with('_') && *name != "signUpButton" && !value.is_empty())
        .map(|(name, value)| json!({ "Name": name, "Value": value }))
        .collect();
    let body = json!({ "Password": password, "UserAttributes": attributes });
    let outcome = match request(&s, a, &username, body) {
        Ok(r) => sign_up::sign_up(&s.user_pools, r).await.map(|r| r.user_confirmed),
        Err(e) => Err(e),
    };
    match outcome {
        Ok(true) => redirect(&page_url(domain, "login", query, None)),
        Ok(false) => redirect(&page_url(domain, "confirm", query, Some(&username))),
        Err(e) => match refused(e) {
            Ok(message) => {
                let body = signup_page(domain, query, csrf, &required, Some(&message));
                page.page(StatusCode::OK, body)
            }
            Err(e) => internal(e),
        },
    }
}

fn confirm_page(
    domain: &Domain,
    query: &str,
    csrf: &str,
    username: &str,
    message: (&str, Option<&str>),
) -> String {
    let (notice, error) = if message.0 == "notice" { (message.1, None) } else { (None, message.1) };
    html::render(&ConfirmPage {
        action: &page_url(domain, "confirm", query, Some(username)),
        resend_action: &page_url(domain, "resendcode", query, Some(username)),
        csrf,
        username,
        notice,
        error,
    })
}

/// `GET /confirm`.
pub async fn confirm_form(page: Shown, user: Result<Query<UsernameQuery>, QueryRejection>) -> Response {
    let (domain, query, csrf) = (&page.domain, page.query.as_str(), page.csrf.as_str());
    let username = user.ok().and_then(|Query(u)| u.username).unwrap_or_default();
    let body = confirm_page(domain, query, csrf, &username, ("error", None));
    page.page(StatusCode::OK, body)
}

#[derive(Debug, Deserialize)]
pub struct CodeForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    confirmation_code: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm_password: String,
}

impl CsrfField for CodeForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }
}

/// `POST /confirm`: ConfirmSignUp, then the sign-in page.
pub async fn confirm(State(s): State<AppState>, Posted { page, form }: Posted<CodeForm>) -> Response {
    let (domain, query, csrf, a) =
        (&page.domain, page.query.as_str(), page.csrf.as_str(), &page.authorization);
    let f = form;
    let body = json!({ "ConfirmationCode": f.confirmation_code });
    let outcome = match request(&s, a, &f.username, body) {
        Ok(r) => sign_up::confirm_sign_up(&s.user_pools, r).await.map(|_| ()),
        Err(e) => Err(e),
    };
    match outcome {
        Ok(()) => {
            redirect(&with_params(&page_url(domain, "login", query, None), &[("notice", "confirmed")], false))
        }
        Err(e) => match refused(e) {
            Ok(message) => {
                let body = confirm_page(domain, query, csrf, &f.username, ("error", Some(&message)));
                page.page(StatusCode::OK, body)
            }
            Err(e) => internal(e),
        },
    }
}

/// `POST /resendcode`: ResendConfirmationCode, back on the confirmation page.
pub async fn resend(State(s): State<AppState>, Posted { page, form }: Posted<CodeForm>) -> Response {
    let (domain, query, csrf, a) =
        (&page.domain, page.query.as_str(), page.csrf.as_str(), &page.authorization);
    let f = form;
    let outcome = match request(&s, a, &f.username, json!({})) {
        Ok(r) => sign_up::resend_confirmation_code(&s.user_pools, r).await.map(|_| ()),
        Err(e) => Err(e),
    };
    let message = match outcome {
        Ok(()) => ("notice", "We have sent a new code.".to_string()),
        Err(e) => match refused(e) {
            Ok(m) => ("error", m),
            Err(e) => return internal(e),
        },
    };
    let body = confirm_page(domain, query, csrf, &f.username, (message.0, Some(&message.1)));
    page.page(StatusCode::OK, body)
}

fn forgot_page(domain: &Domain, query: &str, csrf: &str, error: Option<&str>) -> String {
    html::render(&ForgotPage { action: &page_url(domain, "forgotPassword", query, None), csrf, error })
}

/// `GET /forgotPassword`.
pub async fn forgot_form(page: Shown) -> Response {
    let (domain, query, csrf) = (&page.domain, page.query.as_str(), page.csrf.as_str());
    let body = forgot_page(domain, query, csrf, None);
    page.page(StatusCode::OK, body)
}

/// `POST /forgotPassword`: ForgotPassword, then the page taking the code.
pub async fn forgot(State(s): State<AppState>, Posted { page, form }: Posted<CodeForm>) -> Response {
    let (domain, query, csrf, a) =
        (&page.domain, page.query.as_str(), page.csrf.as_str(), &page.authorization);
    let f = form;
    let outcome = match request(&s, a, &f.username, json!({})) {
        Ok(r) => sign_up::forgot_password(&s.user_pools, r).await.map(|_| ()),
        Err(e) => Err(e),
    };
    match outcome {
        Ok(()) => redirect(&page_url(domain, "confirmForgotPassword", query, Some(&f.username))),
        Err(e) => match refused(e) {
            Ok(message) => page.page(StatusCode::OK, forgot_page(domain, query, csrf, Some(&message))),
            Err(e) => internal(e),
        },
    }
}

fn reset_page(domain: &Domain, query: &str, csrf: &str, username: &str, error: Option<&str>) -> String {
    html::render(&ResetPage {
        action: &page_url(domain, "confirmForgotPassword", query, Some(username)),
        csrf,
        username,
        error,
    })
}

/// `GET /confirmForgotPassword`.
pub async fn reset_form(page: Shown, user: Result<Query<UsernameQuery>, QueryRejection>) -> Response {
    let (domain, query, csrf) = (&page.domain, page.query.as_str(), page.csrf.as_str());
    let username = user.ok().and_then(|Query(u)| u.username).unwrap_or_default();
    let body = reset_page(domain, query, csrf, &username, None);
    page.page(StatusCode::OK, body)
}

/// `POST /confirmForgotPassword`: ConfirmForgotPassword, then the sign-in page.
pub async fn reset(State(s): State<AppState>, Posted { page, form }: Posted<CodeForm>) -> Response {
    let (domain, query, csrf, a) =
        (&page.domain, page.query.as_str(), page.csrf.as_str(), &page.authorization);
    let f = form;
    let outcome = if f.password != f.confirm_password {
        Err(UserPoolError::InvalidParameter("Passwords do not match.".into()))
    } else {
        let body = json!({ "ConfirmationCode": f.confirmation_code, "Password": f.password });
        match request(&s, a, &f.username, body) {
            Ok(r) => sign_up::confirm_forgot_password(&s.user_pools, r).await.map(|_| ()),
            Err(e) => Err(e),
        }
    };
    match outcome {
        Ok(()) => redirect(&with_params(
            &page_url(domain, "login", query, None),
            &[("notice", "password_reset")],
            false,
        )),
        Err(e) => match refused(e) {
            Ok(message) => {
                let body = reset_page(domain, query, csrf, &f.username, Some(&message));
                page.page(StatusCode::OK, body)
            }
            Err(e) => internal(e),
        },
    }
}
