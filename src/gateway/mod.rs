//! The gateway: a reverse proxy on its own listener that puts an authorizer in front of
//! each configured route, the way API Gateway fronts its integrations, plus a forward-auth
//! endpoint (`/_incognito/authorize`) for proxies that do their own forwarding (nginx
//! `auth_request`, Traefik ForwardAuth, Envoy ext_authz over HTTP).
//!
//! Owns: route matching (longest prefix on segment boundaries), the authorizers
//! ([`cognito`], [`iam`]), the identity headers (`X-Incognito-*`, always stripped from the
//! incoming request first), proxying with streaming bodies, hop-by-hop header handling,
//! `X-Forwarded-*`, HTTP upgrades (WebSocket), and 502/504 on upstream failures.
//! Does not own: minting tokens or credentials, or any database access per request (keys
//! and revocations are held in memory, see [`revocation`]).

pub mod cognito;
pub mod iam;
pub mod proxy;
pub mod revocation;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use tokio::net::TcpListener;

use crate::config::gateway::{self as config, AuthorizerKind, GatewayConfig, RouteConfig};
use crate::state::AppState;
use revocation::RevocationView;

/// The prefix of every identity header the gateway sets; incoming ones are dropped.
pub const IDENTITY_HEADER_PREFIX: &str = "x-incognito-";
/// The forward-auth endpoint, on the gateway listener.
pub const AUTHORIZE_PATH: &str = "/_incognito/authorize";

/// A route, parsed once at start.
#[derive(Debug)]
pub struct Route {
    pub config: RouteConfig,
    /// The path prefix without a trailing slash (`/` for the root).
    prefix: String,
    upstream_authority: axum::http::uri::Authority,
    /// The upstream's own path prefix, without a trailing slash (often empty).
    upstream_base: String,
    timeout: Duration,
}

impl Route {
    fn matches(&self, path: &str) -> bool {
        self.prefix == "/"
            || path == self.prefix
            || path.strip_prefix(self.prefix.as_str()).is_some_and(|rest| rest.starts_with('/'))
    }
}

/// The verified caller, as the headers forwarded upstream (all named `x-incognito-*`).
#[derive(Debug, Default, Clone)]
pub struct Identity {
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

impl Identity {
    /// Adds a header; values are sent as bytes, so non-ASCII usernames survive. A value a
    /// header cannot hold (control characters) is dropped rather than forwarded mangled.
    pub fn push(&mut self, name: &'static str, value: &str) {
        if let Ok(value) = HeaderValue::from_bytes(value.as_bytes()) {
            self.headers.push((HeaderName::from_static(name), value));
        }
    }
}

/// Why a request was refused. Bodies are short JSON a developer can act on; nothing internal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Denial {
    /// No token at all: 401 with a bare `WWW-Authenticate: Bearer` challenge (RFC 6750 §3.1).
    MissingToken,
    /// A token that is malformed, badly signed, expired or revoked: 401, `invalid_token`.
    InvalidToken(String),
    /// A valid caller this route does not accept: 403.
    Forbidden(String),
    /// `iam`: no or bad signature or credentials: 403 with the AWS message.
    SignatureRefused { message: String, reason: String },
    /// `iam`: the role's policies do not allow `execute-api:Invoke`: 403.
    NotAuthorized { message: String, reason: String },
    /// The gateway cannot decide right now (keys or revocations unavailable): 503.
    Unavailable,
}

fn json_response(status: StatusCode, body: serde_json::Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

impl IntoResponse for Denial {
    fn into_response(self) -> Response {
        use serde_json::json;
        match self {
            Denial::MissingToken => {
                let mut r = json_response(
                    StatusCode::UNAUTHORIZED,
                    json!({"message": "Unauthorized", "reason": "no token: send Authorization: Bearer <access or ID token>"}),
                );
                r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                r
            }
            Denial::InvalidToken(reason) => {
                let challenge = format!(
                    "Bearer error=\"invalid_token\", error_description=\"{}\"",
                    reason.replace(['"', '\\'], "'")
                );
                let mut r = json_response(
                    StatusCode::UNAUTHORIZED,
                    json!({"message": "Unauthorized", "reason": reason}),
                );
                if let Ok(v) = HeaderValue::from_str(&challenge) {
                    r.headers_mut().insert(header::WWW_AUTHENTICATE, v);
                }
                r
            }
            Denial::Forbidden(reason) => {
                json_response(StatusCode::FORBIDDEN, json!({"message": "Forbidden", "reason": reason}))
            }
            Denial::SignatureRefused { message, reason } | Denial::NotAuthorized { message, reason } => {
                json_response(StatusCode::FORBIDDEN, json!({"message": message, "reason": reason}))
            }
            Denial::Unavailable => json_response(
                StatusCode::SERVICE_UNAVAILABLE,
                json!({"message": "Service Unavailable", "reason": "the gateway cannot verify tokens right now; retry"}),
            ),
        }
    }
}

/// The gateway's state: the app's state plus routes, the upstream client and the views.
pub struct Gateway {
    pub state: AppState,
    pub config: GatewayConfig,
    /// Longest prefix first.
    routes: Vec<Route>,
    client: Client<HttpConnector, Body>,
    pub revocations: Arc<RevocationView>,
}

impl std::fmt::Debug for Gateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gateway").field("routes", &self.routes).finish_non_exhaustive()
    }
}

impl Gateway {
    /// Parses the routes of a validated config.
    pub fn new(state: AppState, config: GatewayConfig) -> Self {
        let mut routes: Vec<Route> = config
            .routes
            .iter()
            .filter_map(|r| {
                let uri: Uri = r.upstream.parse().ok()?;
                Some(Route {
                    prefix: config::normalized_prefix(&r.path).to_string(),
                    upstream_authority: uri.authority()?.clone(),
                    upstream_base: uri.path().trim_end_matches('/').to_string(),
                    timeout: Duration::from_millis(r.timeout_ms.unwrap_or(config.timeout_ms)),
                    config: r.clone(),
                })
            })
            .collect();
        routes.sort_by_key(|r| std::cmp::Reverse(if r.prefix == "/" { 0 } else { r.prefix.len() }));
        let mut connector = HttpConnector::new();
        connector.set_connect_timeout(Some(Duration::from_millis(config.connect_timeout_ms)));
        connector.set_nodelay(true);
        let client =
            Client::builder(TokioExecutor::new()).pool_idle_timeout(Duration::from_secs(30)).build(connector);
        Self { state, config, routes, client, revocations: Arc::default() }
    }

    /// The route for a request path: the longest matching prefix.
    pub fn route(&self, path: &str) -> Option<&Route> {
        self.routes.iter().find(|r| r.matches(path))
    }

    fn uses(&self, kind: AuthorizerKind) -> bool {
        self.routes.iter().any(|r| r.config.authorizer == kind)
    }

    /// Runs the route's authorizer on a request (or, for forward-auth, on the original
    /// request it describes). `body` is the complete body, needed only by `iam`.
    pub async fn authorize(
        &self,
        route: &Route,
        method: &Method,
        uri: &Uri,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<Identity, Denial> {
        match route.config.authorizer {
            AuthorizerKind::None => Ok(Identity::default()),
            AuthorizerKind::Cognito => cognito::authorize(self, route, headers).await,
            AuthorizerKind::Iam => iam::authorize(self, route, method, uri, headers, body).await,
        }
    }
}

/// The gateway's router: forward-auth, then everything else proxied.
pub fn router(gateway: Arc<Gateway>) -> Router {
    Router::new().route(AUTHORIZE_PATH, any(forward_auth)).fallback(proxy::proxy).with_state(gateway)
}

/// Serves the gateway on `listener` until `shutdown` resolves. The revocation view is
/// loaded before the first request is read (connections queue in the listener meanwhile).
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    config: GatewayConfig,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let poll = Duration::from_millis(config.revocation_poll_ms);
    let gateway = Arc::new(Gateway::new(state.clone(), config));
    if gateway.uses(AuthorizerKind::Cognito) {
        if let Err(e) = gateway.revocations.refresh(&state.user_pools).await {
            tracing::warn!(error = %e, "loading the gateway revocation view failed; token routes answer 503 until it loads");
        }
        tokio::spawn(gateway.revocations.clone().poll(state.user_pools.clone(), poll));
    }
    tracing::info!(listen = ?listener.local_addr().ok(), routes = gateway.routes.len(), "gateway is ready");
    axum::serve(listener, router(gateway).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}

/// `/_incognito/authorize`: evaluates the authorizer of the route that the original request
/// (`X-Forwarded-Uri` or `X-Original-URI`, `X-Forwarded-Method` or `X-Original-Method`,
/// `X-Forwarded-Host`) would take, against this request's headers. 200 with the identity
/// headers, or the authorizer's 401/403. No body is available here, so an `iam` route can
/// only be checked for requests signed over an empty body or with `UNSIGNED-PAYLOAD`.
async fn forward_auth(
    State(gw): State<Arc<Gateway>>,
    ConnectInfo(_peer): ConnectInfo<SocketAddr>,
    req: Request,
) -> Response {
    let headers = req.headers();
    let text =
        |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim).filter(|v| !v.is_empty());
    let Some(original) = text("x-forwarded-uri").or_else(|| text("x-original-uri")) else {
        return json_response(
            StatusCode::BAD_REQUEST,
            serde_json::json!({"message": "Bad Request", "reason": "send the original request's path in X-Forwarded-Uri or X-Original-URI"}),
        );
    };
    let Ok(uri) = original.parse::<Uri>() else {
        return json_response(
            StatusCode::BAD_REQUEST,
            serde_json::json!({"message": "Bad Request", "reason": "X-Forwarded-Uri is not a request path"}),
        );
    };
    let method = text("x-forwarded-method")
        .or_else(|| text("x-original-method"))
        .and_then(|m| Method::from_bytes(m.as_bytes()).ok())
        .unwrap_or_else(|| req.method().clone());
    let Some(route) = gw.route(uri.path()) else {
        return Denial::Forbidden(format!("no gateway route matches {}", uri.path())).into_response();
    };
    // The original request as the client signed it: its own Host.
    let mut original_headers = headers.clone();
    if let Some(host) = text("x-forwarded-host").and_then(|h| HeaderValue::from_str(h).ok()) {
        original_headers.insert(header::HOST, host);
    }
    match gw.authorize(route, &method, &uri, &original_headers, &[]).await {
        Ok(identity) => {
            let mut response = StatusCode::OK.into_response();
            for (name, value) in identity.headers {
                response.headers_mut().insert(name, value);
            }
            response
        }
        Err(denial) => denial.into_response(),
    }
}
