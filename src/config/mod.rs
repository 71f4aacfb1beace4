//! Configuration, layered as DESIGN.md promises: defaults in code, then `config/default.toml`
//! (if present), then the `--config` file, then `INCOGNITO_SECTION__KEY` environment
//! variables (env wins). `DATABASE_URL`, `INCOGNITO_LISTEN` and `INCOGNITO_PUBLIC_URL` are
//! accepted as shorthands. Unknown keys are an error at start, and the error names the key.

pub mod gateway;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub server: ServerConfig,
    pub database: DatabaseConfig,
    pub admin: AdminConfig,
    pub passwords: PasswordConfig,
    pub security: SecurityConfig,
    pub seed: SeedConfig,
    pub log: LogConfig,
    pub tokens: TokenConfig,
    pub lockout: LockoutConfig,
    /// Unset: messages stay in the outbox only.
    pub smtp: Option<SmtpConfig>,
    pub outbox: OutboxConfig,
    /// Temporary credentials (identity pools, STS).
    pub credentials: CredentialsConfig,
    /// Where identity-pool logins (Google, Apple, Facebook, Amazon) are checked.
    pub federation: FederationConfig,
    /// Unset: no gateway listener (see [`gateway`]).
    pub gateway: Option<gateway::GatewayConfig>,
    /// The hosted login pages and `/oauth2/*` of pool domains.
    pub hosted_ui: HostedUiConfig,
    /// How the pools' Lambda triggers run (`crate::lambda`).
    pub triggers: TriggersConfig,
}

/// Where trigger functions named in a pool's LambdaConfig run: as plain HTTP hooks (`hooks`),
/// or through the AWS Lambda Invoke API.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TriggersConfig {
    /// How long one trigger call may take, retries included (Cognito allows 5 s).
    pub timeout_ms: u64,
    /// Further attempts after a transient failure (no connection, or 429), within
    /// `timeout_ms`. Like Cognito, a 5xx or a function error is not retried.
    pub retries: u32,
    /// Functions that are HTTP endpoints: each receives the Lambda event JSON as a POST and
    /// answers the event with `response` filled in.
    pub hooks: Vec<TriggerHook>,
    /// The Lambda Invoke endpoint for every other function. Unset: `AWS_ENDPOINT_URL_LAMBDA`,
    /// then `AWS_ENDPOINT_URL`, then `https://lambda.<region of the ARN>.amazonaws.com`.
    pub lambda_endpoint: Option<String>,
    /// Credentials the Invoke calls are signed with (SigV4, service `lambda`). Unset: the
    /// `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN` environment; with
    /// none, calls go unsigned (the Lambda runtime interface emulator takes those).
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<SecretString>,
    pub session_token: Option<SecretString>,
}

impl Default for TriggersConfig {
    fn default() -> Self {
        Self {
            timeout_ms: 5_000,
            retries: 2,
            hooks: Vec::new(),
            lambda_endpoint: None,
            access_key_id: None,
            secret_access_key: None,
            session_token: None,
        }
    }
}

/// One function served over plain HTTP.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerHook {
    /// The function's name, or its whole ARN (which then must match exactly).
    pub function: String,
    /// Where the event is POSTed, e.g. `http://127.0.0.1:9000/pre-sign-up`.
    pub url: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HostedUiConfig {
    /// Prefix domains answer at `<prefix>.auth.<region>.<domain_suffix>` (and always at
    /// `<public_url>/_domain/<prefix>/`).
    pub domain_suffix: String,
    /// Also route `<prefix>.auth.<region>.amazoncognito.com` (with a hosts-file mapping).
    pub accept_aws_hostnames: bool,
    /// How long the hosted pages' sign-in lasts (not sliding).
    pub session_seconds: i64,
    /// Lifetime of an authorization code.
    pub auth_code_seconds: i64,
    /// The base URL the discovery document advertises for a domain's endpoints, with
    /// `{domain}` standing for the domain; unset: `<public_url>/_domain/{domain}`, which every
    /// client can resolve.
    pub discovery_base: Option<String>,
}

impl Default for HostedUiConfig {
    fn default() -> Self {
        Self {
            domain_suffix: "localhost".into(),
            accept_aws_hostnames: true,
            session_seconds: 3600,
            auth_code_seconds: 300,
            discovery_base: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain SMTP (a local relay or a test sink).
    None,
    /// STARTTLS on the given port (usually 587).
    #[default]
    Starttls,
    /// Implicit TLS (usually 465).
    Tls,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    pub host: String,
    #[serde(default = "default_smtp_port")]
    pub port: u16,
    #[serde(default)]
    pub tls: SmtpTls,
    pub username: Option<String>,
    pub password: Option<SecretString>,
    /// The From address, e.g. `no-reply@example.com` or `Example <no-reply@example.com>`.
    pub from: String,
}

fn default_smtp_port() -> u16 {
    587
}

/// The outbox of codes and invitations.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct OutboxConfig {
    /// Keep each message's code or temporary password (sealed under the master key) so the
    /// test-control API can show it. Unset: kept unless `[smtp]` delivers the messages.
    pub keep_codes: Option<bool>,
}

/// Endpoints and limits of the login-provider checks (`crate::federation`). Every endpoint
/// can point at a local fake for tests and offline use.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FederationConfig {
    /// Google's JWKS (ID tokens of `accounts.google.com`).
    pub google_jwks_url: String,
    /// Apple's JWKS (ID tokens of `appleid.apple.com`).
    pub apple_jwks_url: String,
    /// The Graph API base (`graph.facebook.com` access tokens), optionally with a version.
    pub facebook_graph_url: String,
    /// Login with Amazon's token-information endpoint (`www.amazon.com` access tokens).
    pub amazon_tokeninfo_url: String,
    /// Timeout of one request to a provider.
    pub http_timeout_ms: u64,
    /// Longest time fetched keys and discovery documents are trusted (a smaller
    /// Cache-Control max-age wins).
    pub max_cache_seconds: u64,
    /// A token with an unknown `kid` refetches a provider's keys at most this often.
    pub min_refresh_seconds: u64,
    /// Allow `http://` OpenID Connect issuers on non-loopback hosts (loopback always may).
    pub allow_insecure_http: bool,
}

impl Default for FederationConfig {
    fn default() -> Self {
        Self {
            google_jwks_url: "https://www.googleapis.com/oauth2/v3/certs".into(),
            apple_jwks_url: "https://appleid.apple.com/auth/keys".into(),
            facebook_graph_url: "https://graph.facebook.com".into(),
            amazon_tokeninfo_url: "https://api.amazon.com/auth/o2/tokeninfo".into(),
            http_timeout_ms: 5_000,
            max_cache_seconds: 86_400,
            min_refresh_seconds: 60,
            allow_insecure_http: false,
        }
    }
}

/// Temporary credentials minted for identity pools and by STS.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CredentialsConfig {
    /// Lifetime of identity-pool credentials (GetCredentialsForIdentity), 900–43200 seconds.
    pub duration_seconds: i64,
}

impl Default for CredentialsConfig {
    fn default() -> Self {
        Self { duration_seconds: 3600 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum IssuerStyle {
    /// `iss` = `{public_url}/{userPoolId}`.
    #[default]
    PublicUrl,
    /// `iss` = `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`, for client code
    /// that hard-codes Cognito's issuer (keys are still served here).
    Aws,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TokenConfig {
    pub issuer_style: IssuerStyle,
    /// A token whose `iat` or `auth_time` lies further than this in the future is refused
    /// everywhere tokens are accepted (clocks of nodes and issuers may differ a little).
    pub max_clock_skew_seconds: i64,
    /// With refresh-token rotation: a rotated-out token replayed after its grace period
    /// revokes its whole family (every token of that sign-in), not only answers
    /// RefreshTokenReuseException. One of the two holders is not the user.
    pub revoke_family_on_refresh_reuse: bool,
}

impl Default for TokenConfig {
    fn default() -> Self {
        Self {
            issuer_style: IssuerStyle::default(),
            max_clock_skew_seconds: 300,
            revoke_family_on_refresh_reuse: true,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LockoutConfig {
    /// Consecutive wrong passwords before a user is locked.
    pub max_attempts: i64,
    /// The first lock; each further failure doubles it.
    pub first_lock_seconds: i64,
    /// The longest lock.
    pub max_lock_seconds: i64,
}

impl Default for LockoutConfig {
    fn default() -> Self {
        Self { max_attempts: 5, first_lock_seconds: 1, max_lock_seconds: 900 }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerConfig {
    /// Address to listen on.
    pub listen: String,
    /// Base of issuers and discovery documents; defaults to `http://<listen>`.
    pub public_url: Option<String>,
    /// The region that appears in ids and ARNs.
    pub region: String,
    /// The 12-digit account id that appears in ARNs.
    pub account_id: String,
    /// Largest accepted request body.
    pub body_limit_bytes: usize,
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:9229".into(),
            public_url: None,
            region: "us-east-1".into(),
            account_id: "000000000000".into(),
            body_limit_bytes: 1024 * 1024,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseConfig {
    /// `sqlite://…` or `postgres://…`; the scheme picks the backend.
    pub url: String,
    pub max_connections: u32,
    /// How long a request waits for a database connection before it fails with a 500
    /// (`InternalErrorException`): during an outage every call answers within about this.
    pub acquire_timeout_ms: u64,
}

impl Default for DatabaseConfig {
    fn default() -> Self {
        Self {
            url: "sqlite://data/incognito.db?mode=rwc".into(),
            max_connections: 10,
            acquire_timeout_ms: 3_000,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AdminMode {
    /// Any request to an admin operation is accepted (local development only).
    Open,
    /// Admin operations must be SigV4-signed with the configured credentials.
    Sigv4,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct AdminConfig {
    /// Unset means `open` on a loopback listen address and `sigv4` elsewhere.
    pub mode: Option<AdminMode>,
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<SecretString>,
    /// Allow `mode = "open"` on a non-loopback address.
    pub allow_open_on_public: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PasswordPreset {
    /// argon2id, m = 19 MiB, t = 2, p = 1 (OWASP).
    #[default]
    Owasp,
    /// argon2id, m = 64 KiB, t = 1, p = 1: for test suites, never production.
    Fast,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct PasswordConfig {
    pub preset: PasswordPreset,
    /// Hashes computed at once; defaults to the number of cores.
    pub max_concurrent_hashes: Option<usize>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SecurityConfig {
    /// Base64 of 32 bytes. Seals client secrets (and later keys and credentials).
    pub master_key: Option<SecretString>,
    /// Where a generated master key is kept when `master_key` is unset.
    pub master_key_file: PathBuf,
}

impl Default for SecurityConfig {
    fn default() -> Self {
        Self { master_key: None, master_key_file: PathBuf::from("data/master.key") }
    }
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct SeedConfig {
    /// A TOML or JSON seed file applied at every start.
    pub file: Option<PathBuf>,
}

/// The base of issuers, discovery documents and links: `server.public_url` when set,
/// otherwise `http://<the address actually bound>` (port 0 becomes the real port), known
/// once the listener is bound. Cheap to clone; every clone sees the bound address.
#[derive(Debug, Clone, Default)]
pub struct PublicUrl {
    configured: Option<String>,
    listen: String,
    bound: Arc<OnceLock<String>>,
}

impl PublicUrl {
    pub fn new(server: &ServerConfig) -> Self {
        let configured = server.public_url.as_deref().filter(|u| !u.is_empty());
        Self {
            configured: configured.map(|u| u.trim_end_matches('/').to_string()),
            listen: server.listen.clone(),
            bound: Arc::default(),
        }
    }

    /// The base URL, without a trailing slash.
    pub fn get(&self) -> String {
        match &self.configured {
            Some(url) => url.clone(),
            None => self.bound.get().cloned().unwrap_or_else(|| format!("http://{}", self.listen)),
        }
    }

    /// Records the address actually bound.
    pub fn set_bound(&self, addr: SocketAddr) {
        let _ = self.bound.set(format!("http://{addr}"));
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogConfig {
    pub format: LogFormat,
    /// An `EnvFilter` directive; `RUST_LOG` wins when set.
    pub level: String,
}

impl Default for LogConfig {
    fn default() -> Self {
        Self { format: LogFormat::Text, level: "info".into() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration: {0}")]
    Load(#[from] config::ConfigError),
    #[error("configuration: {0}")]
    Invalid(String),
}

impl Config {
    /// Loads the layers in order. `file` is the `--config` argument.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        Self::load_from(file, std::env::vars())
    }

    /// Like [`Config::load`] with an explicit environment, for tests.
    pub fn load_from(
        file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, ConfigError> {
        let mut builder = config::Config::builder()
            .add_source(config::File::with_name("config/default.toml").required(false));
        if let Some(file) = file {
            builder = builder.add_source(config::File::from(file).required(true));
        }
        let mut sectioned = std::collections::HashMap::new();
        for (key, value) in env {
            let Some(rest) = key.strip_prefix("INCOGNITO_") else {
                if key == "DATABASE_URL" {
                    builder = builder.set_override("database.url", value)?;
                }
                continue;
            };
            match rest {
                "LISTEN" => builder = builder.set_override("server.listen", value)?,
                "PUBLIC_URL" => builder = builder.set_override("server.public_url", value)?,
                _ if rest.contains("__") => {
                    sectioned.insert(key, value);
                }
                _ => {}
            }
        }
        // Sectioned env vars go last, so they win over the shorthands too.
        builder = builder.add_source(
            config::Environment::with_prefix("INCOGNITO")
                .prefix_separator("_")
                .separator("__")
                .try_parsing(true)
                .source(Some(sectioned)),
        );
        let config: Config = builder.build()?.try_deserialize()?;
        config.validate()?;
        Ok(config)
    }

    /// Checks what serde cannot: addresses parse, admin mode is safe for the address.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let addr = self.listen_addr()?;
        let mode = self.admin_mode()?;
        if mode == AdminMode::Open && !addr.ip().is_loopback() && !self.admin.allow_open_on_public {
            return Err(ConfigError::Invalid(format!(
                "admin.mode = \"open\" accepts unsigned admin calls; refusing to listen on \
                 non-loopback {addr} (set admin.mode = \"sigv4\" with credentials, or \
                 admin.allow_open_on_public = true)"
            )));
        }
        if mode == AdminMode::Sigv4 {
            let secret_ok =
                self.admin.secret_access_key.as_ref().is_some_and(|s| !s.expose_secret().is_empty());
            if self.admin.access_key_id.as_deref().unwrap_or("").is_empty() || !secret_ok {
                return Err(ConfigError::Invalid(
                    "admin.mode = \"sigv4\" needs admin.access_key_id and admin.secret_access_key".into(),
                ));
            }
        }
        if self.server.account_id.len() != 12 || !self.server.account_id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ConfigError::Invalid("server.account_id must be 12 digits".into()));
        }
        if !self.database.url.starts_with("sqlite:")
            && !self.database.url.starts_with("postgres://")
            && !self.database.url.starts_with("postgresql://")
        {
            return Err(ConfigError::Invalid("database.url must start with sqlite: or postgres://".into()));
        }
        if !(900..=43_200).contains(&self.credentials.duration_seconds) {
            return Err(ConfigError::Invalid("credentials.duration_seconds must be 900 to 43200".into()));
        }
        if let Some(gateway) = &self.gateway {
            gateway.validate().map_err(ConfigError::Invalid)?;
        }
        for hook in &self.triggers.hooks {
            if !hook.url.starts_with("http://") && !hook.url.starts_with("https://") {
                return Err(ConfigError::Invalid(format!(
                    "triggers.hooks: the url of {} must start with http:// or https://",
                    hook.function
                )));
            }
        }
        if self.triggers.timeout_ms == 0 {
            return Err(ConfigError::Invalid("triggers.timeout_ms must be above 0".into()));
        }
        Ok(())
    }

    pub fn listen_addr(&self) -> Result<SocketAddr, ConfigError> {
        self.server.listen.parse().map_err(|_| {
            ConfigError::Invalid(format!("server.listen: not an address: {}", self.server.listen))
        })
    }

    /// Whether the outbox keeps codes (see [`OutboxConfig::keep_codes`]).
    pub fn keeps_outbox_codes(&self) -> bool {
        self.outbox.keep_codes.unwrap_or(self.smtp.is_none())
    }

    /// The effective admin mode: explicit, or chosen by the listen address.
    pub fn admin_mode(&self) -> Result<AdminMode, ConfigError> {
        Ok(match self.admin.mode {
            Some(mode) => mode,
            None if self.listen_addr()?.ip().is_loopback() => AdminMode::Open,
            None => AdminMode::Sigv4,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn env_overrides_win_and_shorthands_apply() {
        let c = Config::load_from(
            None,
            env(&[
                ("DATABASE_URL", "postgres://x/y"),
                ("INCOGNITO_LISTEN", "127.0.0.1:1"),
                ("INCOGNITO_SERVER__REGION", "eu-west-1"),
                ("INCOGNITO_PASSWORDS__PRESET", "fast"),
            ]),
        )
        .unwrap();
        assert_eq!(c.database.url, "postgres://x/y");
        assert_eq!(c.server.listen, "127.0.0.1:1");
        assert_eq!(c.server.region, "eu-west-1");
        assert_eq!(c.passwords.preset, PasswordPreset::Fast);
    }

    #[test]
    fn credentials_duration_must_be_within_sts_limits() {
        let err =
            Config::load_from(None, env(&[("INCOGNITO_CREDENTIALS__DURATION_SECONDS", "60")])).unwrap_err();
        assert!(err.to_string().contains("credentials.duration_seconds"), "{err}");
        let c = Config::load_from(None, env(&[("INCOGNITO_CREDENTIALS__DURATION_SECONDS", "900")])).unwrap();
        assert_eq!(c.credentials.duration_seconds, 900);
        assert_eq!(Config::default().credentials.duration_seconds, 3600);
    }

    #[test]
    fn unknown_keys_are_an_error_naming_the_key() {
        let err = Config::load_from(None, env(&[("INCOGNITO_SERVER__LISTNE", "x")])).unwrap_err();
        assert!(err.to_string().contains("listne"), "{err}");
    }

    #[test]
    fn open_admin_mode_is_refused_on_a_public_address() {
        let err = Config::load_from(
            None,
            env(&[("INCOGNITO_LISTEN", "0.0.0.0:9229"), ("INCOGNITO_ADMIN__MODE", "open")]),
        )
        .unwrap_err();
        assert!(err.to_string().contains("refusing"), "{err}");
    }

    #[test]
    fn public_address_defaults_to_sigv4_which_needs_credentials() {
        let err = Config::load_from(None, env(&[("INCOGNITO_LISTEN", "0.0.0.0:9229")])).unwrap_err();
        assert!(err.to_string().contains("needs admin.access_key_id"), "{err}");
    }
}
