//! `incognito::verify`: a tower [`Layer`] for Rust services that sit behind no gateway. It
//! checks user-pool tokens offline against the pool's JWKS, as the gateway's `cognito`
//! authorizer does (minus revocation, which needs the database), and puts the verified
//! [`Claims`] in the request's extensions; anything else gets a 401 with
//! `WWW-Authenticate: Bearer`.
//!
//! Usable without the server: depend on `incognito` with `default-features = false,
//! features = ["verify"]` (no database drivers, no axum).
//!
//! ```ignore
//! let verify = incognito::verify::VerifyLayer::new(
//!     incognito::verify::VerifyConfig::new("http://127.0.0.1:9229/us-east-1_Example01")
//!         .client_ids(["exampleclient0000000000000"]),
//! );
//! let app = axum::Router::new().route("/orders", get(handler)).layer(verify);
//! // in a handler: Extension(claims): Extension<incognito::verify::Claims>
//! ```
//!
//! Keys are fetched on first use and kept; a token whose `kid` is unknown triggers a refetch,
//! but at most once per [`VerifyConfig::min_refresh_interval`], since the `kid` comes from a
//! token nobody has verified yet (a flood of made-up kids must not become a flood of fetches).
//! A failed fetch keeps the keys already known.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use http::{HeaderMap, HeaderValue, Request, Response, StatusCode};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{Map, Value};
use tower::{Layer, Service};

/// Which tokens a service accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenUse {
    Access,
    Id,
}

impl TokenUse {
    fn as_str(self) -> &'static str {
        match self {
            TokenUse::Access => "access",
            TokenUse::Id => "id",
        }
    }
}

#[derive(Debug, Clone)]
pub struct VerifyConfig {
    /// The pool's issuer, `{public_url}/{userPoolId}`; `iss` must equal it.
    pub issuer: String,
    /// Defaults to `{issuer}/.well-known/jwks.json`.
    pub jwks_url: String,
    pub token_use: TokenUse,
    /// If not empty: `client_id` (access) or `aud` (ID) must be one of these.
    pub client_ids: Vec<String>,
    /// Least time between two JWKS fetches caused by unknown `kid`s.
    pub min_refresh_interval: Duration,
    /// Timeout of one JWKS fetch.
    pub fetch_timeout: Duration,
    /// A token whose `iat` or `auth_time` lies further ahead than this is refused.
    pub max_clock_skew: Duration,
}

impl VerifyConfig {
    pub fn new(issuer: impl Into<String>) -> Self {
        let issuer = issuer.into().trim_end_matches('/').to_string();
        Self {
            jwks_url: format!("{issuer}/.well-known/jwks.json"),
            issuer,
            token_use: TokenUse::Access,
            client_ids: Vec::new(),
            min_refresh_interval: Duration::from_secs(30),
            fetch_timeout: Duration::from_secs(5),
            max_clock_skew: Duration::from_secs(300),
        }
    }

    pub fn token_use(mut self, token_use: TokenUse) -> Self {
        self.token_use = token_use;
        self
    }

    pub fn client_ids<I: IntoIterator<Item = S>, S: Into<String>>(mut self, ids: I) -> Self {
        self.client_ids = ids.into_iter().map(Into::into).collect();
        self
    }

    pub fn jwks_url(mut self, url: impl Into<String>) -> Self {
        self.jwks_url = url.into();
        self
    }

    pub fn min_refresh_interval(mut self, every: Duration) -> Self {
        self.min_refresh_interval = every;
        self
    }
}

/// The verified token, in the request's extensions.
#[derive(Debug, Clone, PartialEq)]
pub struct Claims {
    pub sub: String,
    /// `username` (access) or `cognito:username` (ID).
    pub username: Option<String>,
    /// `client_id` (access) or `aud` (ID).
    pub client_id: String,
    pub scopes: Vec<String>,
    pub groups: Vec<String>,
    /// Every claim of the token.
    pub all: Map<String, Value>,
}

/// Why a token was refused; `Display` is the `error_description`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("no token")]
    Missing,
    #[error("{0}")]
    Invalid(String),
}

fn invalid(text: &str) -> VerifyError {
    VerifyError::Invalid(text.to_string())
}

#[derive(Default)]
struct Keys {
    by_kid: HashMap<String, DecodingKey>,
    fetched_at: Option<Instant>,
}

/// Verifies tokens; shared by every clone of the layer's service.
pub struct Verifier {
    config: VerifyConfig,
    keys: RwLock<Arc<Keys>>,
    /// Single flight: one fetch at a time; waiters then look again.
    fetching: tokio::sync::Mutex<()>,
    http: reqwest::Client,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier").field("issuer", &self.config.issuer).finish_non_exhaustive()
    }
}

impl Verifier {
    pub fn new(config: VerifyConfig) -> Self {
        // jsonwebtoken panics on first use if it cannot pick a provider (two backends enabled).
        let _ = jsonwebtoken::crypto::aws_lc::DEFAULT_PROVIDER.install_default();
        let http = reqwest::Client::builder()
            .timeout(config.fetch_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default();
        Self { config, keys: RwLock::default(), fetching: tokio::sync::Mutex::new(()), http }
    }

    fn key(&self, kid: &str) -> (Option<DecodingKey>, Option<Instant>) {
        let keys = self.keys.read().map(|k| k.clone()).unwrap_or_default();
        (keys.by_kid.get(kid).cloned(), keys.fetched_at)
    }

    /// The key for `kid`, fetching the JWKS if the kid is unknown and the last fetch is old
    /// enough.
    async fn key_for(&self, kid: &str) -> Option<DecodingKey> {
        if let (Some(key), _) = self.key(kid) {
            return Some(key);
        }
        let _guard = self.fetching.lock().await;
        let (key, fetched_at) = self.key(kid);
        if key.is_some() {
            return key;
        }
        if fetched_at.is_some_and(|at| at.elapsed() < self.config.min_refresh_interval) {
            return None;
        }
        match self.fetch().await {
            Ok(by_kid) => {
                if let Ok(mut keys) = self.keys.write() {
                    *keys = Arc::new(Keys { by_kid, fetched_at: Some(Instant::now()) });
                }
            }
            Err(e) => {
                tracing::warn!(jwks_url = %self.config.jwks_url, error = %e, "fetching the JWKS failed; keeping the keys known");
                if let Ok(mut keys) = self.keys.write() {
                    let by_kid = keys.by_kid.clone();
                    *keys = Arc::new(Keys { by_kid, fetched_at: Some(Instant::now()) });
                }
            }
        }
        self.key(kid).0
    }

    async fn fetch(&self) -> Result<HashMap<String, DecodingKey>, String> {
        let response = self.http.get(&self.config.jwks_url).send().await.map_err(|e| e.to_string())?;
        if !response.status().is_success() {
            return Err(format!("HTTP {}", response.status()));
        }
        let set: JwkSet = response.json().await.map_err(|e| e.to_string())?;
        Ok(set
            .keys
            .iter()
            .filter_map(|jwk| Some((jwk.common.key_id.clone()?, DecodingKey::from_jwk(jwk).ok()?)))
            .collect())
    }

    /// Verifies `token`: RS256 only, a known key, the signature, `iss`, `token_use`, `exp`,
    /// and the client allow-list.
    pub async fn verify(&self, token: &str) -> Result<Claims, VerifyError> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| invalid("the token is not a JWT"))?;
        if header.alg != Algorithm::RS256 {
            return Err(invalid("the token is not signed with RS256"));
        }
        let kid = header.kid.ok_or_else(|| invalid("the token header has no kid"))?;
        let key = self
            .key_for(&kid)
            .await
            .ok_or_else(|| invalid("the token was not signed by a key of the issuer"))?;
        let mut validation = Validation::new(Algorithm::RS256);
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.validate_aud = false;
        validation.required_spec_claims.clear();
        validation.set_issuer(&[&self.config.issuer]);
        let all = jsonwebtoken::decode::<Map<String, Value>>(token, &key, &validation)
            .map_err(|_| invalid("the token's signature or issuer does not verify"))?
            .claims;
        let text = |name: &str| all.get(name).and_then(Value::as_str).map(str::to_string);
        let want = self.config.token_use;
        if text("token_use").as_deref() != Some(want.as_str()) {
            return Err(VerifyError::Invalid(format!("only {} tokens are accepted", want.as_str())));
        }
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
        if all.get("exp").and_then(Value::as_i64).is_none_or(|exp| exp <= now) {
            return Err(invalid("the token has expired"));
        }
        let skew = self.config.max_clock_skew.as_secs() as i64;
        if ["iat", "auth_time"]
            .iter()
            .any(|c| all.get(*c).and_then(Value::as_i64).is_some_and(|t| t > now + skew))
        {
            return Err(invalid("the token was issued in the future"));
        }
        let client_id = match want {
            TokenUse::Access => text("client_id"),
            TokenUse::Id => text("aud"),
        }
        .unwrap_or_default();
        if !self.config.client_ids.is_empty() && !self.config.client_ids.contains(&client_id) {
            return Err(invalid("the token was issued to another app client"));
        }
        Ok(Claims {
            sub: text("sub").ok_or_else(|| invalid("the token has no sub"))?,
            username: match want {
                TokenUse::Access => text("username"),
                TokenUse::Id => text("cognito:username"),
            },
            client_id,
            scopes: text("scope")
                .map(|s| s.split_whitespace().map(str::to_string).collect())
                .unwrap_or_default(),
            groups: all
                .get("cognito:groups")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
                .unwrap_or_default(),
            all,
        })
    }
}

/// The token in `Authorization`: after `Bearer ` (any case), or the whole value.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let token = match value.split_once(' ') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
        _ => value,
    };
    (!token.is_empty()).then_some(token)
}

fn unauthorized<B: Default>(error: &VerifyError) -> Response<B> {
    let challenge = match error {
        VerifyError::Missing => "Bearer".to_string(),
        VerifyError::Invalid(text) => {
            format!(
                "Bearer error=\"invalid_token\", error_description=\"{}\"",
                text.replace(['"', '\\'], "'")
            )
        }
    };
    let mut response = Response::new(B::default());
    *response.status_mut() = StatusCode::UNAUTHORIZED;
    if let Ok(value) = HeaderValue::from_str(&challenge) {
        response.headers_mut().insert(WWW_AUTHENTICATE, value);
    }
    response
}

/// The layer: wrap a service so it sees only requests with a valid token.
#[derive(Debug, Clone)]
pub struct VerifyLayer {
    verifier: Arc<Verifier>,
}

impl VerifyLayer {
    pub fn new(config: VerifyConfig) -> Self {
        Self { verifier: Arc::new(Verifier::new(config)) }
    }

    pub fn verifier(&self) -> &Arc<Verifier> {
        &self.verifier
    }
}

impl<S> Layer<S> for VerifyLayer {
    type Service = Verify<S>;

    fn layer(&self, inner: S) -> Self::Service {
        Verify { inner, verifier: self.verifier.clone() }
    }
}

#[derive(Debug, Clone)]
pub struct Verify<S> {
    inner: S,
    verifier: Arc<Verifier>,
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for Verify<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    ReqBody: Send + 'static,
    ResBody: Default + Send + 'static,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<ReqBody>) -> Self::Future {
        // The ready service is the one to call; leave a fresh clone in its place.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let verifier = self.verifier.clone();
        Box::pin(async move {
            let verified = match bearer(request.headers()) {
                None => Err(VerifyError::Missing),
                Some(token) => verifier.verify(token).await,
            };
            match verified {
                Ok(claims) => {
                    request.extensions_mut().insert(claims);
                    inner.call(request).await
                }
                Err(error) => Ok(unauthorized(&error)),
            }
        })
    }
}
