//! The OAuth 2.0 / OpenID Connect surface over HTTP: discovery and JWKS on the issuer
//! (`discovery`), and on each pool domain (`domain`: how a request names one offline) the
//! hosted login (`pages`, and the sign-up and password-reset pages of `self_service`, drawn by `html`) and the machine endpoints (`endpoints`). What
//! may be granted is decided in `user_pools::grants`; this layer only speaks HTTP.

pub mod discovery;
pub mod domain;
pub mod endpoints;
pub mod html;
pub mod page_request;
pub mod pages;
pub mod self_service;

pub use discovery::{jwks, openid_configuration};

use axum::Router;
use axum::routing::get;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::state::AppState;

/// What a query value keeps unescaped: RFC 3986's unreserved characters.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

pub fn encode(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// `url` with `params` added to its query (or, `fragment`, as its fragment).
pub fn with_params(url: &str, params: &[(&str, &str)], fragment: bool) -> String {
    let encoded: Vec<String> = params.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
    let joined = encoded.join("&");
    let separator = if fragment {
        '#'
    } else if url.contains('?') {
        '&'
    } else {
        '?'
    };
    format!("{url}{separator}{joined}")
}

/// The routes of every domain, under `/_domain/{domain}` (host-named requests are rewritten
/// there by `domain::route_by_host`).
pub fn domain_routes() -> Router<AppState> {
    let machine = |r: axum::routing::MethodRouter<AppState>| r.options(endpoints::preflight);
    Router::new()
        .route("/_domain/{domain}/oauth2/authorize", get(pages::authorize))
        .route("/_domain/{domain}/oauth2/token", machine(axum::routing::post(endpoints::token)))
        .route("/_domain/{domain}/oauth2/revoke", machine(axum::routing::post(endpoints::revoke)))
        .route(
            "/_domain/{domain}/oauth2/userInfo",
            machine(get(endpoints::userinfo).post(endpoints::userinfo)),
        )
        .route("/_domain/{domain}/login", get(pages::login_form).post(pages::login))
        .route("/_domain/{domain}/mfa", axum::routing::post(pages::challenge))
        .route("/_domain/{domain}/changePassword", axum::routing::post(pages::challenge))
        .route("/_domain/{domain}/signup", get(self_service::signup_form).post(self_service::signup))
        .route("/_domain/{domain}/confirm", get(self_service::confirm_form).post(self_service::confirm))
        .route("/_domain/{domain}/resendcode", axum::routing::post(self_service::resend))
        .route("/_domain/{domain}/forgotPassword", get(self_service::forgot_form).post(self_service::forgot))
        .route(
            "/_domain/{domain}/confirmForgotPassword",
            get(self_service::reset_form).post(self_service::reset),
        )
        .route("/_domain/{domain}/logout", get(pages::logout))
        .route("/_domain/{domain}/error", get(pages::error))
}

#[cfg(test)]
mod tests {
    use super::with_params;

    #[test]
    fn params_join_an_existing_query_or_the_fragment() {
        assert_eq!(
            with_params("https://app/cb", &[("code", "a b"), ("state", "x&y")], false),
            "https://app/cb?code=a%20b&state=x%26y"
        );
        assert_eq!(with_params("https://app/cb?k=1", &[("code", "c")], false), "https://app/cb?k=1&code=c");
        assert_eq!(with_params("myapp://cb", &[("access_token", "t")], true), "myapp://cb#access_token=t");
    }
}
