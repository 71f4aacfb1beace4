//! Starting the real server for a test: a fresh database (SQLite in a tempdir, or a new
//! PostgreSQL database when TEST_DATABASE_URL names a server), an ephemeral port, and AWS
//! SDK clients pointed at it.

use std::sync::Arc;

use aws_sdk_cognitoidentity as identity;
use aws_sdk_cognitoidentityprovider as idp;
use aws_sdk_cognitoidentityprovider::config::{BehaviorVersion, Credentials, Region};
use incognito::clock::{Clock, SystemClock};
use incognito::config::{AdminMode, Config, PasswordPreset};
use incognito::server::{self as app, AppState};
use secrecy::SecretString;
use tokio::net::TcpListener;

pub const ADMIN_KEY_ID: &str = "AKIAINCOGNITOTEST0001";
pub const ADMIN_SECRET: &str = "incognito/test/secret/0123456789abcdefghi";

pub struct TestApp {
    pub url: String,
    /// The database and master key, for running the binary against the same data.
    pub database_url: String,
    pub master_key: String,
    pub state: AppState,
    pub idp: idp::Client,
    /// The cognito-identity (identity pools) client, signing as the operator.
    pub identity: identity::Client,
    _dir: tempfile::TempDir,
}

/// The database URL for a new test: a SQLite file in `dir`, or a fresh PostgreSQL database.
pub async fn database_url(dir: &std::path::Path) -> String {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(server) if server.starts_with("postgres") => {
            use sqlx::Connection;
            let name = format!("test_{}", uuid::Uuid::new_v4().simple());
            let mut conn = sqlx::PgConnection::connect(&server).await.expect("connect to TEST_DATABASE_URL");
            sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}")))
                .execute(&mut conn)
                .await
                .expect("create test database");
            let (base, _) = server.rsplit_once('/').expect("TEST_DATABASE_URL ends in /database");
            format!("{base}/{name}")
        }
        _ => format!("sqlite://{}/incognito.db?mode=rwc", dir.display()),
    }
}

/// A change to the test server's configuration.
pub type Configure = Box<dyn FnOnce(&mut Config) + Send>;

pub struct Options {
    pub admin_mode: AdminMode,
    pub clock: Arc<dyn Clock>,
    /// Tokens carry `https://cognito-idp.<region>.amazonaws.com/<pool>` as issuer.
    pub issuer_aws: bool,
    pub smtp: Option<incognito::config::SmtpConfig>,
    /// Any further change to the configuration (federation endpoints, gateway routes, …).
    pub configure: Option<Configure>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            admin_mode: AdminMode::Open,
            clock: Arc::new(SystemClock),
            issuer_aws: false,
            smtp: None,
            configure: None,
        }
    }
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(Options::default()).await
    }

    pub async fn spawn_with(options: Options) -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut config = Config::default();
        config.database.url = database_url(dir.path()).await;
        config.database.max_connections = 5;
        config.passwords.preset = PasswordPreset::Fast;
        let master_key = incognito::crypto::seal::Sealer::generate_base64();
        config.security.master_key = Some(SecretString::from(master_key.clone()));
        config.admin.mode = Some(options.admin_mode);
        config.admin.access_key_id = Some(ADMIN_KEY_ID.into());
        config.admin.secret_access_key = Some(SecretString::from(ADMIN_SECRET));
        config.server.listen = "127.0.0.1:0".into();
        config.smtp = options.smtp;
        if options.issuer_aws {
            config.tokens.issuer_style = incognito::config::IssuerStyle::Aws;
        }
        if let Some(configure) = options.configure {
            configure(&mut config);
        }
        config.validate().expect("valid test config");
        let database_url = config.database.url.clone();
        let state = AppState::build_with_clock(config, options.clock).await.expect("build state");
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().unwrap());
        let served = state.clone();
        tokio::spawn(async move {
            app::serve(listener, served, std::future::pending()).await.expect("serve");
        });
        let idp = client(&url, ADMIN_KEY_ID, ADMIN_SECRET);
        let identity = identity_client(&url, ADMIN_KEY_ID, ADMIN_SECRET);
        Self { url, database_url, master_key, state, idp, identity, _dir: dir }
    }

    /// A client signing with other credentials.
    pub fn client_as(&self, key_id: &str, secret: &str) -> idp::Client {
        client(&self.url, key_id, secret)
    }

    /// Creates a pool named after the test and returns its id.
    pub async fn pool(&self) -> String {
        self.idp
            .create_user_pool()
            .pool_name(format!("pool-{}", uuid::Uuid::new_v4().simple()))
            .send()
            .await
            .expect("create pool")
            .user_pool
            .and_then(|p| p.id)
            .expect("pool id")
    }

    /// A CONFIRMED user with a permanent `password` and an (unverified) email, created with
    /// no invitation sent.
    pub async fn confirmed_user(&self, pool: &str, username: &str, email: &str, password: &str) {
        use aws_sdk_cognitoidentityprovider::types::{AttributeType, MessageActionType};
        self.idp
            .admin_create_user()
            .user_pool_id(pool)
            .username(username)
            .user_attributes(AttributeType::builder().name("email").value(email).build().expect("attribute"))
            .message_action(MessageActionType::Suppress)
            .send()
            .await
            .expect("create user");
        self.idp
            .admin_set_user_password()
            .user_pool_id(pool)
            .username(username)
            .password(password)
            .permanent(true)
            .send()
            .await
            .expect("set password");
    }

    /// POSTs a raw AWS JSON 1.1 request, for what an SDK would refuse to send.
    pub async fn raw(
        &self,
        operation: &str,
        body: &str,
    ) -> (u16, serde_json::Value, reqwest::header::HeaderMap) {
        self.raw_to("AWSCognitoIdentityProviderService", operation, body).await
    }

    /// Like [`TestApp::raw`] for the cognito-identity (identity pools) API.
    pub async fn raw_identity(&self, operation: &str, body: &str) -> (u16, serde_json::Value) {
        let (status, body, _) = self.raw_to("AWSCognitoIdentityService", operation, body).await;
        (status, body)
    }

    async fn raw_to(
        &self,
        service: &str,
        operation: &str,
        body: &str,
    ) -> (u16, serde_json::Value, reqwest::header::HeaderMap) {
        let response = reqwest::Client::new()
            .post(&self.url)
            .header("x-amz-target", format!("{service}.{operation}"))
            .header("content-type", "application/x-amz-json-1.1")
            .body(body.to_string())
            .send()
            .await
            .expect("raw request");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::Null), headers)
    }
}

pub fn client(url: &str, key_id: &str, secret: &str) -> idp::Client {
    let conf = idp::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(Credentials::new(key_id, secret, None, None, "incognito-tests"))
        .build();
    idp::Client::from_conf(conf)
}

pub fn identity_client(url: &str, key_id: &str, secret: &str) -> identity::Client {
    let conf = identity::Config::builder()
        .behavior_version(identity::config::BehaviorVersion::latest())
        .region(identity::config::Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(identity::config::Credentials::new(
            key_id,
            secret,
            None,
            None,
            "incognito-tests",
        ))
        .build();
    identity::Client::from_conf(conf)
}

/// The AWS error code of an SDK error, e.g. `ResourceNotFoundException`.
pub fn code<E, R>(err: &aws_sdk_cognitoidentityprovider::error::SdkError<E, R>) -> String
where
    E: aws_sdk_cognitoidentityprovider::error::ProvideErrorMetadata,
{
    err.as_service_error().and_then(|e| e.code()).unwrap_or("<not a service error>").to_string()
}

/// The AWS error message of an SDK error.
pub fn message<E, R>(err: &aws_sdk_cognitoidentityprovider::error::SdkError<E, R>) -> String
where
    E: aws_sdk_cognitoidentityprovider::error::ProvideErrorMetadata,
{
    err.as_service_error().and_then(|e| e.message()).unwrap_or("").to_string()
}

/// An STS client signing with `key_id` / `secret` and, for temporary credentials, their
/// session token.
pub fn sts_client(url: &str, key_id: &str, secret: &str, session_token: Option<&str>) -> aws_sdk_sts::Client {
    let conf = aws_sdk_sts::Config::builder()
        .behavior_version(aws_sdk_sts::config::BehaviorVersion::latest())
        .region(aws_sdk_sts::config::Region::new("us-east-1"))
        .endpoint_url(url)
        .credentials_provider(aws_sdk_sts::config::Credentials::new(
            key_id,
            secret,
            session_token.map(str::to_string),
            None,
            "incognito-tests",
        ))
        .build();
    aws_sdk_sts::Client::from_conf(conf)
}
