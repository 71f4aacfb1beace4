//! Fake login providers for identity-pool tests, each a small axum app on 127.0.0.1:0
//! speaking the real protocol:
//! - [`FakeIdp`]: an OpenID Connect issuer — discovery document, JWKS (with
//!   `Cache-Control: max-age`) and RS256 ID tokens. As Google it serves
//!   `/oauth2/v3/certs` and signs as `https://accounts.google.com`; as Apple
//!   `/auth/keys` and `https://appleid.apple.com`; as a generic issuer its own URL.
//! - [`FakeFacebook`]: the Graph API's `GET /me?fields=id` and `GET /app` for access tokens
//!   it handed out, with Graph's `OAuthException` error bodies otherwise.
//! - [`FakeAmazon`]: Login with Amazon's `GET /auth/o2/tokeninfo`.
//!
//! Typical use:
//! ```ignore
//! let fakes = Fakes::start().await;
//! let app = TestApp::spawn_with(Options { configure: Some(fakes.configure()), ..Default::default() }).await;
//! let token = fakes.google.id_token("user-1");              // aud = GOOGLE_CLIENT
//! let fb = fakes.facebook.token("fb-user-1", FACEBOOK_APP);  // an access token
//! ```
//! The identity pool then lists [`SUPPORTED_LOGIN_PROVIDERS`] (`accounts.google.com` →
//! [`GOOGLE_CLIENT`], `graph.facebook.com` → [`FACEBOOK_APP`], …). The generic issuer is
//! registered with IAM CreateOpenIDConnectProvider (`Url` = `fakes.oidc.url`, client id
//! [`OIDC_CLIENT`]) and presented under `fakes.oidc.provider_name()`.

#![allow(dead_code)] // Each test file uses a different part of the fakes.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use axum::Json;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use incognito::config::Config;
use jsonwebtoken::jwk::{Jwk, JwkSet, KeyAlgorithm, PublicKeyUse};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Map, Value, json};
use tokio::net::TcpListener;

/// The client id (audience) the fake Google issues tokens for by default.
pub const GOOGLE_CLIENT: &str = "1234567890-fake.apps.googleusercontent.com";
/// The services id the fake Apple issues tokens for by default.
pub const APPLE_CLIENT: &str = "com.example.incognito.signin";
/// The client id the generic OIDC issuer issues tokens for by default.
pub const OIDC_CLIENT: &str = "incognito-oidc-client";
pub const FACEBOOK_APP: &str = "1357924680123456";
pub const AMAZON_APP: &str = "amzn1.application.0123456789abcdef0123456789abcdef";

/// Seconds since the epoch, by the wall clock.
pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// Serves `router` on 127.0.0.1:0 and returns `http://127.0.0.1:<port>`.
async fn serve(router: Router) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind fake");
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    url
}

/// A URL on which nothing listens: a provider that is down.
pub async fn unreachable_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    url
}

/// An RSA key pair that signs RS256 tokens and its public JWK.
pub struct Signer {
    pub kid: String,
    key: EncodingKey,
    pub jwk: Jwk,
}

impl Signer {
    pub fn generate(kid: &str) -> Self {
        let pair = KeyPair::generate(KeySize::Rsa2048).expect("generate RSA key");
        let der = pair.as_der().expect("PKCS#8");
        let body = STANDARD.encode(der.as_ref());
        let lines: Vec<&str> = body.as_bytes().chunks(64).map(|c| std::str::from_utf8(c).unwrap()).collect();
        let pem = format!("-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n", lines.join("\n"));
        let key = EncodingKey::from_rsa_pem(pem.as_bytes()).expect("PEM key");
        let mut jwk = Jwk::from_encoding_key(&key, Algorithm::RS256).expect("JWK");
        jwk.common.key_id = Some(kid.to_string());
        jwk.common.public_key_use = Some(PublicKeyUse::Signature);
        jwk.common.key_algorithm = Some(KeyAlgorithm::RS256);
        Self { kid: kid.to_string(), key, jwk }
    }

    /// Signs `claims` as RS256 with this key's `kid`.
    pub fn sign(&self, claims: &Map<String, Value>) -> String {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, claims, &self.key).expect("sign")
    }
}

/// The claims of a token to mint; start from [`FakeIdp::claims`] and change what the test needs.
#[derive(Debug, Clone)]
pub struct Claims {
    pub iss: String,
    pub sub: String,
    pub aud: Value,
    pub iat: i64,
    pub exp: i64,
    /// Further claims (email, custom claims, …).
    pub extra: Map<String, Value>,
}

impl Claims {
    pub fn to_map(&self) -> Map<String, Value> {
        let mut m = self.extra.clone();
        m.insert("iss".into(), self.iss.clone().into());
        m.insert("sub".into(), self.sub.clone().into());
        m.insert("aud".into(), self.aud.clone());
        m.insert("iat".into(), self.iat.into());
        m.insert("exp".into(), self.exp.into());
        m
    }
}

struct IdpState {
    issuer: String,
    base: String,
    jwks_path: &'static str,
    /// Published keys; the first one signs.
    keys: Mutex<Vec<Arc<Signer>>>,
    jwks_hits: AtomicUsize,
    max_age: u64,
    /// When set, the JWKS answers 503.
    down: std::sync::atomic::AtomicBool,
}

/// A fake OpenID Connect provider (Google, Apple or a generic issuer).
#[derive(Clone)]
pub struct FakeIdp {
    /// Base URL of the fake, `http://127.0.0.1:<port>`.
    pub url: String,
    /// The `iss` of tokens it mints by default.
    pub issuer: String,
    /// The `aud` of tokens it mints by default.
    pub audience: String,
    /// Where its JWKS is served.
    pub jwks_url: String,
    state: Arc<IdpState>,
}

async fn jwks(State(state): State<Arc<IdpState>>) -> Response {
    state.jwks_hits.fetch_add(1, Ordering::SeqCst);
    if state.down.load(Ordering::SeqCst) {
        return (StatusCode::SERVICE_UNAVAILABLE, "unavailable").into_response();
    }
    let keys = state.keys.lock().unwrap().iter().map(|s| s.jwk.clone()).collect();
    let cache = format!("public, max-age={}, must-revalidate, no-transform", state.max_age);
    ([(header::CACHE_CONTROL, cache)], Json(JwkSet { keys })).into_response()
}

async fn discovery(State(state): State<Arc<IdpState>>) -> Json<Value> {
    Json(json!({
        "issuer": state.issuer,
        "authorization_endpoint": format!("{}/authorize", state.base),
        "token_endpoint": format!("{}/token", state.base),
        "jwks_uri": format!("{}{}", state.base, state.jwks_path),
        "response_types_supported": ["code", "id_token", "code id_token"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "scopes_supported": ["openid", "email", "profile"],
        "claims_supported": ["aud", "email", "exp", "iat", "iss", "sub"],
    }))
}

impl FakeIdp {
    async fn start(issuer: Option<&str>, audience: &str, jwks_path: &'static str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind fake");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let issuer = issuer.map_or_else(|| base.clone(), str::to_string);
        let state = Arc::new(IdpState {
            issuer: issuer.clone(),
            base: base.clone(),
            jwks_path,
            keys: Mutex::new(vec![Arc::new(Signer::generate("fake-key-1"))]),
            jwks_hits: AtomicUsize::new(0),
            max_age: 3600,
            down: Default::default(),
        });
        let router = Router::new()
            .route(jwks_path, get(jwks))
            .route("/.well-known/openid-configuration", get(discovery))
            .with_state(state.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        Self { jwks_url: format!("{base}{jwks_path}"), url: base, issuer, audience: audience.into(), state }
    }

    /// Google: JWKS at `/oauth2/v3/certs`, tokens from `https://accounts.google.com`.
    pub async fn google() -> Self {
        Self::start(Some("https://accounts.google.com"), GOOGLE_CLIENT, "/oauth2/v3/certs").await
    }

    /// Apple: JWKS at `/auth/keys`, tokens from `https://appleid.apple.com`.
    pub async fn apple() -> Self {
        Self::start(Some("https://appleid.apple.com"), APPLE_CLIENT, "/auth/keys").await
    }

    /// A generic issuer whose `iss` is its own URL; discovery at `/.well-known/openid-configuration`.
    pub async fn oidc() -> Self {
        Self::start(None, OIDC_CLIENT, "/jwks").await
    }

    /// The `Logins` key of this issuer when registered as an IAM OIDC provider: its URL
    /// without scheme.
    pub fn provider_name(&self) -> String {
        self.url.trim_start_matches("http://").to_string()
    }

    /// Default claims for `sub`: this issuer and audience, issued now, valid one hour.
    pub fn claims(&self, sub: &str) -> Claims {
        let now = now();
        Claims {
            iss: self.issuer.clone(),
            sub: sub.into(),
            aud: self.audience.clone().into(),
            iat: now,
            exp: now + 3600,
            extra: Map::new(),
        }
    }

    /// Signs `claims` with the current key.
    pub fn sign(&self, claims: &Claims) -> String {
        let signer = self.state.keys.lock().unwrap()[0].clone();
        signer.sign(&claims.to_map())
    }

    /// A valid ID token for `sub`.
    pub fn id_token(&self, sub: &str) -> String {
        self.sign(&self.claims(sub))
    }

    /// Publishes a new key (first in the JWKS) that signs from now on; returns its kid.
    pub fn rotate(&self) -> String {
        let mut keys = self.state.keys.lock().unwrap();
        let kid = format!("fake-key-{}", keys.len() + 1);
        keys.insert(0, Arc::new(Signer::generate(&kid)));
        kid
    }

    /// Makes the JWKS answer 503 (`true`) or work again (`false`).
    pub fn set_down(&self, down: bool) {
        self.state.down.store(down, Ordering::SeqCst);
    }

    /// How often the JWKS was fetched.
    pub fn jwks_hits(&self) -> usize {
        self.state.jwks_hits.load(Ordering::SeqCst)
    }
}

/// Flips one character of the signature.
pub fn tamper(token: &str) -> String {
    let (head, sig) = token.rsplit_once('.').unwrap();
    let mut sig = sig.as_bytes().to_vec();
    sig[5] = if sig[5] == b'A' { b'B' } else { b'A' };
    format!("{head}.{}", String::from_utf8(sig).unwrap())
}

/// The same claims with `"alg":"none"` and no signature.
pub fn alg_none(claims: &Claims) -> String {
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    let body = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims.to_map()).unwrap());
    format!("{header}.{body}.")
}

/// The claims signed HS256 with `secret` (e.g. the provider's public JWK as text).
pub fn hs256(claims: &Claims, kid: &str, secret: &[u8]) -> String {
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some(kid.into());
    jsonwebtoken::encode(&header, &claims.to_map(), &EncodingKey::from_secret(secret)).unwrap()
}

#[derive(Clone)]
struct FbToken {
    user_id: String,
    app_id: String,
    expired: bool,
}

/// A fake Facebook Graph API.
#[derive(Clone)]
pub struct FakeFacebook {
    pub url: String,
    tokens: Arc<Mutex<HashMap<String, FbToken>>>,
}

fn graph_error(token: Option<&FbToken>) -> Response {
    let error = match token {
        Some(_) => json!({
            "message": "Error validating access token: Session has expired on Thursday, 26-Nov-26 10:00:00 PST. The current time is Thursday, 26-Nov-26 11:00:00 PST.",
            "type": "OAuthException", "code": 190, "error_subcode": 463, "fbtrace_id": "AbCdEfGhIjK"
        }),
        None => json!({
            "message": "Invalid OAuth access token - Cannot parse access token",
            "type": "OAuthException", "code": 190, "fbtrace_id": "AbCdEfGhIjK"
        }),
    };
    (StatusCode::BAD_REQUEST, Json(json!({ "error": error }))).into_response()
}

type Tokens = Arc<Mutex<HashMap<String, FbToken>>>;

fn fb_lookup(tokens: &Tokens, q: &HashMap<String, String>) -> Result<FbToken, Box<Response>> {
    let Some(token) = q.get("access_token") else {
        let body = json!({"error": {"message": "An active access token must be used to query information about the current user.", "type": "OAuthException", "code": 2500, "fbtrace_id": "AbCdEfGhIjK"}});
        return Err(Box::new((StatusCode::BAD_REQUEST, Json(body)).into_response()));
    };
    match tokens.lock().unwrap().get(token) {
        Some(t) if !t.expired => Ok(t.clone()),
        other => Err(Box::new(graph_error(other))),
    }
}

async fn fb_me(State(tokens): State<Tokens>, Query(q): Query<HashMap<String, String>>) -> Response {
    match fb_lookup(&tokens, &q) {
        Ok(t) => Json(json!({ "id": t.user_id })).into_response(),
        Err(r) => *r,
    }
}

async fn fb_app(State(tokens): State<Tokens>, Query(q): Query<HashMap<String, String>>) -> Response {
    match fb_lookup(&tokens, &q) {
        Ok(t) => Json(
            json!({ "link": "https://www.facebook.com/games/?app_id=x", "name": "Fake app", "id": t.app_id }),
        )
        .into_response(),
        Err(r) => *r,
    }
}

impl FakeFacebook {
    pub async fn start() -> Self {
        let tokens: Tokens = Arc::default();
        let router =
            Router::new().route("/me", get(fb_me)).route("/app", get(fb_app)).with_state(tokens.clone());
        Self { url: serve(router).await, tokens }
    }

    fn issue(&self, user_id: &str, app_id: &str, expired: bool) -> String {
        let token = format!("EAAfake{}", uuid::Uuid::new_v4().simple());
        let entry = FbToken { user_id: user_id.into(), app_id: app_id.into(), expired };
        self.tokens.lock().unwrap().insert(token.clone(), entry);
        token
    }

    /// A user access token of `user_id` issued to the app `app_id`.
    pub fn token(&self, user_id: &str, app_id: &str) -> String {
        self.issue(user_id, app_id, false)
    }

    /// A token the Graph API reports as expired (code 190, subcode 463).
    pub fn expired_token(&self, user_id: &str, app_id: &str) -> String {
        self.issue(user_id, app_id, true)
    }
}

/// A fake Login with Amazon token-information endpoint.
#[derive(Clone)]
pub struct FakeAmazon {
    pub url: String,
    /// Where tokeninfo is served (`{url}/auth/o2/tokeninfo`).
    pub tokeninfo_url: String,
    tokens: Arc<Mutex<HashMap<String, (String, String)>>>,
}

type AmazonTokens = Arc<Mutex<HashMap<String, (String, String)>>>;

async fn amazon_tokeninfo(
    State(tokens): State<AmazonTokens>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let found = q.get("access_token").and_then(|t| tokens.lock().unwrap().get(t).cloned());
    match found {
        Some((user_id, app_id)) => Json(json!({
            "iss": "https://www.amazon.com",
            "user_id": user_id,
            "aud": "amzn1.application-oa2-client.0123456789abcdef",
            "app_id": app_id,
            "exp": 3597,
            "iat": now(),
        }))
        .into_response(),
        None => (
            StatusCode::BAD_REQUEST,
            Json(json!({
                "error_description": "The request has an invalid parameter : access_token",
                "error": "invalid_token",
            })),
        )
            .into_response(),
    }
}

impl FakeAmazon {
    pub async fn start() -> Self {
        let tokens: AmazonTokens = Arc::default();
        let router =
            Router::new().route("/auth/o2/tokeninfo", get(amazon_tokeninfo)).with_state(tokens.clone());
        let url = serve(router).await;
        Self { tokeninfo_url: format!("{url}/auth/o2/tokeninfo"), url, tokens }
    }

    /// An access token (`Atza|…`) of `user_id` issued to the app `app_id`.
    pub fn token(&self, user_id: &str, app_id: &str) -> String {
        let token = format!("Atza|fake{}", uuid::Uuid::new_v4().simple());
        self.tokens.lock().unwrap().insert(token.clone(), (user_id.into(), app_id.into()));
        token
    }
}

/// `SupportedLoginProviders` of an identity pool that accepts the fakes' default tokens.
pub const SUPPORTED_LOGIN_PROVIDERS: [(&str, &str); 4] = [
    ("accounts.google.com", GOOGLE_CLIENT),
    ("appleid.apple.com", APPLE_CLIENT),
    ("graph.facebook.com", FACEBOOK_APP),
    ("www.amazon.com", AMAZON_APP),
];

/// All fakes at once.
#[derive(Clone)]
pub struct Fakes {
    pub google: FakeIdp,
    pub apple: FakeIdp,
    pub oidc: FakeIdp,
    pub facebook: FakeFacebook,
    pub amazon: FakeAmazon,
}

impl Fakes {
    pub async fn start() -> Self {
        let (google, apple, oidc, facebook, amazon) = tokio::join!(
            FakeIdp::google(),
            FakeIdp::apple(),
            FakeIdp::oidc(),
            FakeFacebook::start(),
            FakeAmazon::start()
        );
        Self { google, apple, oidc, facebook, amazon }
    }

    /// Points the server's `[federation]` endpoints at these fakes (for `Options::configure`).
    pub fn configure(&self) -> Box<dyn FnOnce(&mut Config) + Send> {
        let fakes = self.clone();
        Box::new(move |c: &mut Config| fakes.apply(c))
    }

    /// What [`Fakes::configure`] does, for tests that change more of the configuration.
    pub fn apply(&self, c: &mut Config) {
        c.federation.google_jwks_url = self.google.jwks_url.clone();
        c.federation.apple_jwks_url = self.apple.jwks_url.clone();
        c.federation.facebook_graph_url = self.facebook.url.clone();
        c.federation.amazon_tokeninfo_url = self.amazon.tokeninfo_url.clone();
    }
}
