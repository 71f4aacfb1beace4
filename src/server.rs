//! The server: the router of the main listener, `serve` (both listeners, graceful
//! shutdown) and the background purge of expired rows. Everything below it is reached
//! through `AppState`; nothing below imports the router.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderName, StatusCode};
use axum::routing::{get, post};
use tokio::net::TcpListener;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

pub use crate::state::{AppState, StartError};

const REQUEST_ID: HeaderName = HeaderName::from_static("x-amzn-requestid");

/// All routes of the service.
pub fn router(state: AppState) -> Router {
    let body_limit = state.config.server.body_limit_bytes;
    let routes = Router::new()
        .route(
            "/",
            post(crate::protocol::awsjson::handle)
                .options(crate::protocol::cors::preflight)
                .layer(axum::middleware::from_fn(crate::protocol::cors::allow)),
        )
        .route("/health", get(health))
        .route("/_incognito/messages", get(crate::control::messages))
        .route("/{pool_id}/.well-known/jwks.json", get(crate::oauth::jwks))
        .route("/{pool_id}/.well-known/openid-configuration", get(crate::oauth::openid_configuration))
        .merge(crate::oauth::domain_routes())
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
            let id = req.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("");
            let target = req.headers().get("x-amz-target").and_then(|v| v.to_str().ok()).unwrap_or("");
            tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id, target = %target)
        }))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .with_state(state.clone());
    // A layer of a router runs after its routing; a domain named by Host must be rewritten
    // before it, so the rewriting wraps the whole router as the fallback of an outer one.
    Router::new()
        .fallback_service(routes)
        .layer(axum::middleware::from_fn_with_state(state, crate::oauth::domain::route_by_host))
}

/// 200 once migrations ran and the database answers.
async fn health(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

/// Serves `state` on `listener` until `shutdown` resolves; in-flight requests finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    if let Ok(addr) = listener.local_addr() {
        state.public_url.set_bound(addr);
    }
    tokio::spawn(purge_periodically(state.clone()));
    // One shutdown signal for both listeners.
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    if let Some(gateway) = state.config.gateway.clone() {
        let gateway_listener =
            TcpListener::bind(gateway.listen_addr().map_err(std::io::Error::other)?).await?;
        state.set_gateway_addr(gateway_listener.local_addr()?);
        let mut stop = stop_rx.clone();
        let gateway_state = state.clone();
        tokio::spawn(async move {
            let stopped = async move {
                let _ = stop.wait_for(|s| *s).await;
            };
            if let Err(e) = crate::gateway::serve(gateway_listener, gateway_state, gateway, stopped).await {
                tracing::error!(error = %e, "gateway stopped");
            }
        });
    }
    let shutdown = async move {
        shutdown.await;
        let _ = stop_tx.send(true);
    };
    let app = router(state);
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}

/// How often expired single-use rows are deleted.
const PURGE_EVERY: Duration = Duration::from_secs(300);
const PURGE_MARGIN_MS: i64 = 5 * 60 * 1000;

/// Deletes expired consumed sessions and codes every [`PURGE_EVERY`], so those tables stay
/// the size of what is in flight. Every node does it; the deletes are idempotent.
async fn purge_periodically(state: AppState) {
    let mut tick = tokio::time::interval(PURGE_EVERY);
    loop {
        tick.tick().await;
        // A margin for clock skew between nodes: a node whose clock runs behind must not
        // accept (and so re-consume) a session another node already purged.
        match state.store.purge_expired(state.clock.now_millis() - PURGE_MARGIN_MS).await {
            Ok(0) => {}
            Ok(purged) => tracing::debug!(purged, "expired sessions and codes deleted"),
            Err(e) => tracing::warn!(error = %e, "purging expired sessions and codes failed"),
        }
    }
}

/// Resolves on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down; finishing in-flight requests");
    // Give a slow client no more than this to finish before the process exits anyway.
    tokio::spawn(async {
        tokio::time::sleep(Duration::from_secs(30)).await;
        std::process::exit(0);
    });
}
