//! The application's state: every domain's context, built once at start from the config,
//! the database and the master key, and shared (cheaply cloned) by every listener. Holds
//! nothing of its own but the gateway's bound address; the router is `server`'s.

use std::net::SocketAddr;
use std::sync::Arc;

use secrecy::ExposeSecret;

use crate::clock::{Clock, SystemClock};
use crate::config::{Config, PublicUrl};
use crate::credentials::Credentials;
use crate::crypto::seal::Sealer;
use crate::federation::Federation;
use crate::identity_pools::IdentityPools;
use crate::keys::KeyCache;
use crate::storage::{self, Store};
use crate::user_pools::UserPools;
use crate::user_pools::password::PasswordHasher;

/// Everything a request handler may use: the domains' contexts. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    /// The whole database; each domain holds it as its own store trait.
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    pub sealer: Arc<Sealer>,
    pub public_url: PublicUrl,
    pub user_pools: UserPools,
    pub federation: Arc<Federation>,
    pub credentials: Credentials,
    pub identity_pools: IdentityPools,
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
    Storage(#[from] crate::error::StorageError),
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
        let store = storage::connect(&config.database).await?;
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
        let config = Arc::new(config);
        let public_url = PublicUrl::new(&config.server);
        let keys = Arc::new(KeyCache::new(store.clone(), sealer.clone(), clock.clone()));
        let user_pools = UserPools {
            config: config.clone(),
            store: store.clone(),
            clock: clock.clone(),
            sealer: sealer.clone(),
            passwords,
            keys: keys.clone(),
            cache: Arc::default(),
            mailer,
            public_url: public_url.clone(),
            triggers: crate::lambda::Invoker::new(&config.triggers, clock.clone()),
        };
        let federation =
            Arc::new(Federation::new(&config.federation, store.clone(), clock.clone(), user_pools.clone()));
        let credentials = Credentials {
            config: config.clone(),
            store: store.clone(),
            oidc_providers: store.clone(),
            clock: clock.clone(),
            sealer: sealer.clone(),
            keys,
            roles: Arc::default(),
            sessions: Arc::default(),
            public_url: public_url.clone(),
        };
        let identity_pools = IdentityPools {
            config: config.clone(),
            store: store.clone(),
            clock: clock.clone(),
            cache: Arc::default(),
            federation: federation.clone(),
            credentials: credentials.clone(),
        };
        Ok(Self {
            config,
            store,
            clock,
            sealer,
            public_url,
            user_pools,
            federation,
            credentials,
            identity_pools,
            gateway_addr: Arc::new(tokio::sync::watch::Sender::new(None)),
        })
    }

    /// The base of issuers and discovery documents, without a trailing slash.
    pub fn public_url(&self) -> String {
        self.public_url.get()
    }

    /// The address the gateway listens on: `None` without a `[gateway]` section, otherwise
    /// waits until [`serve`] has bound it (useful with `gateway.listen = "127.0.0.1:0"`).
    pub async fn gateway_addr(&self) -> Option<SocketAddr> {
        self.config.gateway.as_ref()?;
        let mut rx = self.gateway_addr.subscribe();
        rx.wait_for(Option::is_some).await.ok().and_then(|a| *a)
    }

    /// Records where the gateway listens, once bound.
    pub(crate) fn set_gateway_addr(&self, addr: SocketAddr) {
        self.gateway_addr.send_replace(Some(addr));
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
