//! The application: shared state, the router, and `serve` with graceful shutdown.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderName, StatusCode};
use axum::routing::{get, post};
use secrecy::ExposeSecret;
use tokio::net::TcpListener;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::crypto::seal::Sealer;
use crate::storage::{self, Store};
use crate::user_pools::password::PasswordHasher;

/// Everything a request handler may use. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    pub passwords: PasswordHasher,
    pub sealer: Arc<Sealer>,
    pub keys: Arc<crate::keys::KeyCache>,
    /// Pool settings and app clients, briefly cached (see `user_pools::cache`).
    pub settings_cache: Arc<crate::user_pools::cache::SettingsCache>,
    /// Login-provider checks: HTTP client, provider keys and discovery documents (cached).
    pub federation: Arc<crate::federation::Federation>,
    /// Real email delivery, when `[smtp]` is configured.
    pub mailer: Option<crate::mail::Mailer>,
    /// IAM roles by ARN, briefly cached (see `credentials::roles`).
    pub roles_cache: Arc<crate::credentials::roles::RoleCache>,
    /// Session tokens opened recently (see `credentials::SessionCache`).
    pub sessions: Arc<crate::credentials::SessionCache>,
    /// Set once the listener is bound when `server.public_url` is not configured.
    bound_url: Arc<std::sync::OnceLock<String>>,
    /// The gateway listener's bound address, once `serve` bound it (see [`AppState::gateway_addr`]).
    gateway_addr: Arc<tokio::sync::watch::Sender<Option<SocketAddr>>>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").field("backend", &self.store.backend()).finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error(transparent)]
    Storage(#[from] storage::StorageError),
    #[error("master key: {0}")]
    MasterKey(String),
    #[error("seed: {0}")]
    Seed(String),
    #[error("smtp: {0}")]
    Smtp(String),
    #[error("listening: {0}")]
    Io(#[from] std::io::Error),
}

impl AppState {
    /// Connects to the database, runs migrations and loads the master key.
    pub async fn build(config: Config) -> Result<Self, StartError> {
        Self::build_with_clock(config, Arc::new(SystemClock)).await
    }

    pub async fn build_with_clock(config: Config, clock: Arc<dyn Clock>) -> Result<Self, StartError> {
        let store = storage::connect(&config.database.url, config.database.max_connections).await?;
        store.migrate().await?;
        let sealer = Arc::new(load_master_key(&config)?);
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        let passwords = PasswordHasher::new(
            config.passwords.preset,
            config.passwords.max_concurrent_hashes.unwrap_or(cores),
        );
        crate::keys::install_crypto_provider();
        let mailer = match &config.smtp {
            Some(smtp) => Some(crate::mail::Mailer::new(smtp).map_err(|e| StartError::Smtp(e.to_string()))?),
            None => None,
        };
        Ok(Self {
            mailer,
            federation: Arc::new(crate::federation::Federation::new(&config.federation)),
            config: Arc::new(config),
            store,
            clock,
            passwords,
            sealer,
            keys: Arc::default(),
            settings_cache: Arc::default(),
            roles_cache: Arc::default(),
            sessions: Arc::default(),
            bound_url: Arc::default(),
            gateway_addr: Arc::new(tokio::sync::watch::Sender::new(None)),
        })
    }

    /// The base of issuers and discovery documents, without a trailing slash.
    pub fn public_url(&self) -> String {
        match &self.config.server.public_url {
            Some(url) if !url.is_empty() => url.trim_end_matches('/').to_string(),
            _ => self
                .bound_url
                .get()
                .cloned()
                .unwrap_or_else(|| format!("http://{}", self.config.server.listen)),
        }
    }

    /// Records the address actually bound (port 0 becomes the real port).
    pub fn set_bound_addr(&self, addr: SocketAddr) {
        let _ = self.bound_url.set(format!("http://{addr}"));
    }

    /// The address the gateway listens on: `None` without a `[gateway]` section, otherwise
    /// waits until [`serve`] has bound it (useful with `gateway.listen = "127.0.0.1:0"`).
    pub async fn gateway_addr(&self) -> Option<SocketAddr> {
        self.config.gateway.as_ref()?;
        let mut rx = self.gateway_addr.subscribe();
        rx.wait_for(Option::is_some).await.ok().and_then(|a| *a)
    }

    pub fn region(&self) -> &str {
        &self.config.server.region
    }

    pub fn account_id(&self) -> &str {
        &self.config.server.account_id
    }
}

/// The configured master key, or one generated into `security.master_key_file`.
fn load_master_key(config: &Config) -> Result<Sealer, StartError> {
    let bad = |e: crate::crypto::seal::SealError| StartError::MasterKey(e.to_string());
    if let Some(key) = &config.security.master_key {
        return Sealer::from_base64(key.expose_secret()).map_err(bad);
    }
    let path = &config.security.master_key_file;
    match std::fs::read_to_string(path) {
        Ok(text) => Sealer::from_base64(&text).map_err(bad),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)?;
            }
            let key = Sealer::generate_base64();
            write_private(path, &key)?;
            tracing::warn!(path = %path.display(), "generated a new master key; keep it safe and back it up");
            Sealer::from_base64(&key).map_err(bad)
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(unix)]
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    f.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-amzn-requestid");

/// All routes of the service.
pub fn router(state: AppState) -> Router {
    let body_limit = state.config.server.body_limit_bytes;
    Router::new()
        .route("/", post(crate::protocol::awsjson::handle))
        .route("/health", get(health))
        .route("/_incognito/messages", get(crate::control::messages))
        .route("/{pool_id}/.well-known/jwks.json", get(crate::oauth::jwks))
        .route("/{pool_id}/.well-known/openid-configuration", get(crate::oauth::openid_configuration))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
            let id = req.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("");
            let target = req.headers().get("x-amz-target").and_then(|v| v.to_str().ok()).unwrap_or("");
            tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id, target = %target)
        }))
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .with_state(state)
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
        state.set_bound_addr(addr);
    }
    tokio::spawn(purge_periodically(state.clone()));
    // One shutdown signal for both listeners.
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    if let Some(gateway) = state.config.gateway.clone() {
        let gateway_listener =
            TcpListener::bind(gateway.listen_addr().map_err(std::io::Error::other)?).await?;
        state.gateway_addr.send_replace(Some(gateway_listener.local_addr()?));
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
