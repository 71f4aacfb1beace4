//! The request side of the hosted pages: cookies, the CSRF token, redirects, and the two
//! extractors every page handler starts from. [`Shown`] is a page request whose authorize
//! query was checked (a refusal is answered before the handler runs); [`Posted`] is the
//! same plus a form whose `_csrf` field matched the `XSRF-TOKEN` cookie.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::de::DeserializeOwned;
use subtle::ConstantTimeEq;

use super::domain::Domain;
use super::html::{self, MessagePage};
use super::with_params;
use crate::state::AppState;
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::grants::authorize::{self, Authorization, AuthorizeParams, AuthorizeRefusal};
use crate::user_pools::ops::clients::client_secret;
use crate::user_pools::sign_in::client::secret_hash;

pub const SESSION_COOKIE: &str = "cognito";
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

/// A host-only cookie of the domain: HttpOnly, SameSite=Lax, Secure on https.
pub fn set_cookie(domain: &Domain, name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    let mut c = format!("{name}={value}; Path={}; HttpOnly; SameSite=Lax", domain.cookie_path);
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if domain.secure {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static(""))
}

pub fn redirect(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(v) => (StatusCode::FOUND, [(header::LOCATION, v)]).into_response(),
        Err(_) => StatusCode::BAD_REQUEST.into_response(),
    }
}

/// Our own failure: logged, and a page that says nothing about it.
pub fn internal(e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "hosted page failed");
    let body = html::render(&MessagePage { title: "Error", heading: "Something went wrong", text: None });
    (StatusCode::INTERNAL_SERVER_ERROR, Html(body)).into_response()
}

/// `<base>/error?error=…&client_id=…`.
pub fn error_page_url(domain: &Domain, error: &str, client_id: Option<&str>) -> String {
    let mut params = vec![("error", error)];
    if let Some(id) = client_id {
        params.push(("client_id", id));
    }
    with_params(&format!("{}/error", domain.base_url), &params, false)
}

/// The answer to a refused authorize request.
pub fn refusal(domain: &Domain, r: AuthorizeRefusal) -> Response {
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

/// The CSRF token of this browser (reused while its cookie lasts).
fn csrf_token(headers: &HeaderMap) -> String {
    cookie(headers, CSRF_COOKIE)
        .filter(|t| t.len() >= 32 && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or_else(|| format!("{}{}", crate::crypto::ids::uuid(), crate::crypto::ids::uuid()))
}

/// A hosted page request whose authorize query (carried by every page) was checked.
pub struct Shown {
    pub domain: Domain,
    pub authorization: Authorization,
    pub params: AuthorizeParams,
    /// The raw query, carried forward into every link and form action.
    pub query: String,
    pub headers: HeaderMap,
    /// The CSRF token the page's forms carry (and its cookie sets).
    pub csrf: String,
}

impl Shown {
    /// `body` as the page's answer, with the CSRF cookie.
    pub fn page(&self, status: StatusCode, body: String) -> Response {
        let mut response = (status, Html(body)).into_response();
        let headers = response.headers_mut();
        headers.append(header::SET_COOKIE, set_cookie(&self.domain, CSRF_COOKIE, &self.csrf, None));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}

impl FromRequestParts<AppState> for Shown {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Self::Rejection> {
        let domain = Domain::from_request_parts(parts, s).await?;
        let Ok(Query(params)) = Query::<AuthorizeParams>::try_from_uri(&parts.uri) else {
            return Err(redirect(&error_page_url(&domain, "invalid_request", None)));
        };
        let authorization = authorize::check(&s.user_pools, &domain.pool_id, &params)
            .await
            .map_err(|r| refusal(&domain, r))?;
        let csrf = csrf_token(&parts.headers);
        Ok(Shown {
            query: parts.uri.query().unwrap_or_default().to_string(),
            headers: parts.headers.clone(),
            domain,
            authorization,
            params,
            csrf,
        })
    }
}

/// A form that carries the CSRF field.
pub trait CsrfField {
    fn csrf(&self) -> &str;
}

impl CsrfField for HashMap<String, String> {
    fn csrf(&self) -> &str {
        self.get("_csrf").map(String::as_str).unwrap_or_default()
    }
}

/// A posted hosted-page form: the checked request and the form, whose `_csrf` matched the
/// cookie. Otherwise 403 with a page asking to go back and try again.
pub struct Posted<T> {
    pub page: Shown,
    pub form: T,
}

impl<T: DeserializeOwned + CsrfField + Send> FromRequest<AppState> for Posted<T> {
    type Rejection = Response;

    async fn from_request(req: Request, s: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let page = Shown::from_request_parts(&mut parts, s).await?;
        let form = Form::<T>::from_request(Request::from_parts(parts, body), s).await;
        let expected = cookie(&page.headers, CSRF_COOKIE);
        match form {
            Ok(Form(form))
                if expected.is_some_and(|c| {
                    !form.csrf().is_empty() && bool::from(c.as_bytes().ct_eq(form.csrf().as_bytes()))
                }) =>
            {
                Ok(Posted { page, form })
            }
            // unsure: the classic UI's wording when its CSRF check fails.
            _ => Err(page.page(
                StatusCode::FORBIDDEN,
                html::render(&MessagePage {
                    title: "Error",
                    heading: "Your session has expired",
                    text: Some("Please go back and try again."),
                }),
            )),
        }
    }
}

/// The authorize query without the `username` and `notice` these pages add to it.
pub fn base_query(query: &str) -> String {
    query
        .split('&')
        .filter(|kv| !kv.is_empty() && !kv.starts_with("username=") && !kv.starts_with("notice="))
        .collect::<Vec<_>>()
        .join("&")
}

/// The SECRET_HASH the hosted pages compute for a client with a secret (they hold it).
pub fn secret_hash_of(
    s: &UserPools,
    a: &Authorization,
    username: &str,
) -> Result<Option<String>, UserPoolError> {
    Ok(client_secret(s, &a.client.row)?.map(|secret| secret_hash(&secret, username, &a.client.row.client_id)))
}
