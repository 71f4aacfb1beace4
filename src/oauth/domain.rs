//! How a request names a pool's domain offline, on incognito's own listener:
//!
//! 1. `Host: <prefix>.auth.<region>.<hosted_ui.domain_suffix>` (`localhost` by default;
//!    browsers and curl resolve `*.localhost` to loopback), or with `accept_aws_hostnames`
//!    `<prefix>.auth.<region>.amazoncognito.com` (mapped to 127.0.0.1 in /etc/hosts);
//! 2. `Host:` a registered custom domain (an FQDN);
//! 3. the path `/_domain/<domain>/…`, for clients that cannot resolve wildcard names
//!    (server-side Node and Python).
//!
//! [`route_by_host`] rewrites the first two into the third, so one set of routes serves all
//! three; [`Domain`] is what a handler gets: the pool and the base URL every link and
//! redirect is built from, so a page reached one way keeps working.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::AppState;
use crate::user_pools::ops::domains::find_domain;

/// The prefix of path-routed domain requests.
pub const PATH_PREFIX: &str = "/_domain/";

/// The paths a domain serves (after its prefix).
const DOMAIN_PATHS: &[&str] = &[
    "/oauth2/",
    "/login",
    "/logout",
    "/error",
    "/mfa",
    "/changePassword",
    "/signup",
    "/confirm",
    "/resendcode",
    "/forgotPassword",
];

/// Marks a request that named its domain by `Host` (its links need no path prefix).
#[derive(Debug, Clone, Copy)]
struct HostRouted;

/// The domain of a hosted-page or `/oauth2/*` request.
#[derive(Debug, Clone)]
pub struct Domain {
    pub name: String,
    pub pool_id: String,
    /// `scheme://host[/_domain/<name>]`, no trailing slash.
    pub base_url: String,
    /// The cookie path: `/_domain/<name>` when path-routed, else `/`.
    pub cookie_path: String,
    pub secure: bool,
}

/// The prefix a host names under `<prefix>.auth.<region>.<suffix>`, if it does.
fn prefix_of_host<'a>(host: &'a str, region: &str, suffixes: &[&str]) -> Option<&'a str> {
    let (prefix, rest) = host.split_once('.')?;
    let rest = rest.strip_prefix("auth.")?.strip_prefix(region)?.strip_prefix('.')?;
    suffixes.iter().any(|s| rest.eq_ignore_ascii_case(s)).then_some(prefix)
}

fn host_of(header: Option<&str>) -> Option<String> {
    let host = header?;
    let name = if host.starts_with('[') {
        // A bracketed IPv6 literal, with or without a port.
        host.split_inclusive(']').next().unwrap_or(host)
    } else {
        match host.rsplit_once(':') {
            Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
            _ => host,
        }
    };
    Some(name.to_ascii_lowercase())
}

/// Whether a `Host` value names this machine: `localhost`, `*.localhost`, 127.0.0.1, [::1].
fn is_loopback(authority: &str) -> bool {
    let Some(host) = host_of(Some(authority)) else { return false };
    host == "localhost" || host.ends_with(".localhost") || host == "127.0.0.1" || host == "[::1]"
}

/// Middleware: a request whose `Host` names a domain is rewritten to `/_domain/<d>/…`.
/// Only domain paths are considered, so the JSON API never waits on a domain lookup.
pub async fn route_by_host(State(s): State<AppState>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if path.starts_with(PATH_PREFIX) || !DOMAIN_PATHS.iter().any(|p| path.starts_with(p)) {
        return next.run(req).await;
    }
    let host = host_of(req.headers().get("host").and_then(|h| h.to_str().ok()));
    let Some(host) = host else { return next.run(req).await };
    let ui = &s.config.hosted_ui;
    let mut suffixes = vec![ui.domain_suffix.as_str()];
    if ui.accept_aws_hostnames {
        suffixes.push("amazoncognito.com");
    }
    let named = match prefix_of_host(&host, s.user_pools.region(), &suffixes) {
        Some(prefix) => Some(prefix.to_string()),
        // A custom domain is an FQDN; loopback names and IP literals never are.
        None if host.contains('.') && host.parse::<std::net::IpAddr>().is_err() && !host.starts_with('[') => {
            match find_domain(&s.user_pools, &host).await {
                Ok(Some(d)) if d.custom => Some(d.domain),
                Ok(_) => None,
                Err(e) => {
                    tracing::error!(error = %e, "domain lookup failed");
                    return StatusCode::INTERNAL_SERVER_ERROR.into_response();
                }
            }
        }
        None => None,
    };
    if let Some(domain) = named {
        let rest = req.uri().path_and_query().map(|pq| pq.as_str()).unwrap_or("/");
        if let Ok(uri) = format!("{PATH_PREFIX}{domain}{rest}").parse::<Uri>() {
            *req.uri_mut() = uri;
            req.extensions_mut().insert(HostRouted);
        }
    }
    next.run(req).await
}

/// The answer for a domain that does not exist (or was deleted): 404.
pub fn unknown_domain() -> Response {
    (StatusCode::NOT_FOUND, "This domain does not exist.").into_response()
}

impl FromRequestParts<AppState> for Domain {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Self::Rejection> {
        let name = parts
            .uri
            .path()
            .strip_prefix(PATH_PREFIX)
            .and_then(|rest| rest.split('/').next())
            .filter(|n| !n.is_empty())
            .map(str::to_ascii_lowercase)
            .ok_or_else(unknown_domain)?;
        let row = match find_domain(&s.user_pools, &name).await {
            Ok(Some(row)) => row,
            Ok(None) => return Err(unknown_domain()),
            Err(e) => {
                tracing::error!(error = %e, "domain lookup failed");
                return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response());
            }
        };
        let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok());
        let host_routed = parts.extensions.get::<HostRouted>().is_some();
        let public = s.public_url();
        let (public_scheme, public_authority) = public.split_once("://").unwrap_or(("http", public.as_str()));
        let public_authority = public_authority.split('/').next().unwrap_or_default();
        // The host links name: one that cannot send a browser elsewhere. A Host-named
        // request's Host matched the domain itself; otherwise the public URL's own host or a
        // loopback name, else the public URL's. X-Forwarded-Host passes the same test.
        let candidate = header("x-forwarded-host").or(header("host")).unwrap_or_default();
        let trusted = host_routed || candidate == public_authority || is_loopback(candidate);
        let authority = if trusted && !candidate.is_empty() { candidate } else { public_authority };
        let scheme = match header("x-forwarded-proto") {
            Some(p) if p.eq_ignore_ascii_case("https") => "https",
            Some(_) => "http",
            None if authority == public_authority => public_scheme,
            None => "http",
        };
        let secure = scheme == "https";
        let (base_url, cookie_path) = if host_routed {
            (format!("{scheme}://{authority}"), "/".to_string())
        } else {
            (format!("{scheme}://{authority}{PATH_PREFIX}{name}"), format!("{PATH_PREFIX}{name}"))
        };
        Ok(Domain { name, pool_id: row.user_pool_id, base_url, cookie_path, secure })
    }
}

#[cfg(test)]
mod tests {
    use super::{host_of, prefix_of_host};

    #[test]
    fn prefix_hosts() {
        let suffixes = ["localhost", "amazoncognito.com"];
        assert_eq!(prefix_of_host("myapp.auth.us-east-1.localhost", "us-east-1", &suffixes), Some("myapp"));
        assert_eq!(
            prefix_of_host("myapp.auth.us-east-1.amazoncognito.com", "us-east-1", &suffixes),
            Some("myapp")
        );
        assert_eq!(prefix_of_host("myapp.auth.eu-west-1.localhost", "us-east-1", &suffixes), None);
        assert_eq!(prefix_of_host("localhost", "us-east-1", &suffixes), None);
        assert_eq!(prefix_of_host("myapp.auth.us-east-1.example.com", "us-east-1", &suffixes), None);
    }

    #[test]
    fn only_loopback_names_are_trusted_without_configuration() {
        assert!(super::is_loopback("localhost:8443"));
        assert!(super::is_loopback("myapp.auth.us-east-1.localhost"));
        assert!(super::is_loopback("127.0.0.1:9229"));
        assert!(super::is_loopback("[::1]:9229"));
        assert!(!super::is_loopback("evil.example"));
        assert!(!super::is_loopback("localhost.evil.example"));
        assert!(!super::is_loopback("127.0.0.1.evil.example:80"));
    }

    #[test]
    fn hosts_lose_their_port() {
        assert_eq!(
            host_of(Some("MyApp.auth.us-east-1.localhost:9229")).as_deref(),
            Some("myapp.auth.us-east-1.localhost")
        );
        assert_eq!(host_of(Some("[::1]:80")).as_deref(), Some("[::1]"));
        assert_eq!(host_of(Some("example.com")).as_deref(), Some("example.com"));
    }
}
