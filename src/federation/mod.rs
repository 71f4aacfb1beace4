//! Federation: verifying the login tokens that identity-pool callers put in `Logins`,
//! never trusting them blindly. One entry point, [`verify_login`], takes the provider
//! name (the `Logins` key) and the token, checks that the identity pool supports that
//! provider, and verifies the token the way that provider requires:
//!
//! | provider name | token | checked against |
//! |---|---|---|
//! | `cognito-idp.<region>.amazonaws.com/<pool>` (or our issuer without scheme) | ID token | the pool's keys, issuer, `token_use`, `aud` ∈ the pool's configured clients, expiry, revocation |
//! | `accounts.google.com` | ID token | Google's JWKS, both issuer spellings, `aud` ∈ the configured client ids |
//! | `appleid.apple.com` | ID token | Apple's JWKS, `aud` ∈ the configured services ids |
//! | `graph.facebook.com` | access token | Graph API `/me` + `/app`: the app must be the configured one |
//! | `www.amazon.com` | access token | Login with Amazon's tokeninfo: the app must be the configured one |
//! | `<host/path>` of a registered OIDC provider | ID token | discovery + JWKS, `iss` = the provider URL, `aud` ∈ its client ids |
//!
//! It owns the provider HTTP client, the caches of keys and discovery documents
//! ([`cache`]) and the registry of IAM OpenID Connect providers ([`store`]). It does not
//! create identities or choose roles (that is `identity_pools`), and it never logs a token.

pub mod cache;
pub mod error;
mod jwt;
mod social;
pub mod store;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value};

use crate::clock::Clock;
use crate::config::FederationConfig;
use crate::user_pools::UserPools;
use crate::user_pools::tokens::{IdTokenRefusal, TokenRefusal};
pub use error::FederationError;
pub use jwt::KeySet;
use store::OidcProviderStore;

pub const GOOGLE: &str = "accounts.google.com";
pub const APPLE: &str = "appleid.apple.com";
pub const FACEBOOK: &str = "graph.facebook.com";
pub const AMAZON: &str = "www.amazon.com";
pub const TWITTER: &str = "api.twitter.com";
pub const DIGITS: &str = "www.digits.com";

/// A login that passed its provider's checks.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedLogin {
    /// The canonical provider name (see [`canonical_provider_name`]).
    pub provider: String,
    /// The user's id at the provider (`sub`, Facebook user id, Amazon user id).
    pub subject: String,
    /// The token's claims (for an access token: what the provider said about it).
    pub claims: Map<String, Value>,
    pub kind: ProviderKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProviderKind {
    UserPool { user_pool_id: String, client_id: String },
    Google,
    Facebook,
    Amazon,
    Apple,
    Twitter,
    Oidc { arn: String },
    Saml,
}

/// AWS's messages for refused logins. Those marked unsure were not seen from AWS.
pub mod messages {
    pub const NOT_SUPPORTED: &str = "Token is not from a supported provider of this identity pool.";
    pub const NOT_OIDC: &str = "Invalid login token. Not a valid OpenId Connect identity token.";
    pub const BAD_SIGNATURE: &str = "Invalid login token. Couldn't verify signed token.";
    pub const WRONG_ISSUER: &str = "Invalid login token. Issuer doesn't match providerName";
    // unsure: seen for Google tokens of another client; AWS may word other providers differently.
    pub const WRONG_AUDIENCE: &str = "Invalid login token. Incorrect token audience.";
    // unsure: AWS checks revocation only with ServerSideTokenCheck; its wording is not known.
    pub const REVOKED: &str = "Invalid login token. Token has been revoked.";
    // unsure
    pub const USER_DISABLED: &str = "Invalid login token. User is disabled.";
    // unsure
    pub const NOT_YET_VALID: &str = "Invalid login token. Token is not yet valid.";

    /// `Invalid login token. Token expired: <now> >= <exp>` (as AWS words it).
    pub fn expired(now: i64, exp: i64) -> String {
        format!("Invalid login token. Token expired: {now} >= {exp}")
    }

    pub fn missing_claim(claim: &str) -> String {
        format!("Invalid login token. Missing a required claim: {claim}")
    }

    /// AWS deviation: providers incognito cannot check (SAML, Twitter/Digits).
    pub fn unsupported_kind(what: &str) -> String {
        format!("Invalid login token. {what} logins are not supported by incognito.")
    }
}

fn refused(message: impl Into<String>) -> FederationError {
    FederationError::NotAuthorized(message.into())
}

/// What login checks run with: the HTTP client to providers and the caches of their
/// documents (one per node), the OIDC provider registry, and the user pools whose ID tokens
/// are logins too.
pub struct Federation {
    config: FederationConfig,
    http: Result<reqwest::Client, String>,
    /// Parsed JWKS per JWKS URL.
    jwks: cache::RefreshingCache<KeySet>,
    /// `jwks_uri` per OpenID Connect issuer (from its discovery document).
    discovery: cache::RefreshingCache<String>,
    pub store: Arc<dyn OidcProviderStore>,
    pub clock: Arc<dyn Clock>,
    pub user_pools: UserPools,
}

/// The login providers an identity pool accepts, as the checks need them.
#[derive(Debug, Clone, Default)]
pub struct LoginProviders<'a> {
    /// `(provider name, app client id)` of each user-pool provider.
    pub cognito: Vec<(&'a str, &'a str)>,
    /// `SupportedLoginProviders`: provider name → app ids (comma-separated).
    pub social: Option<&'a BTreeMap<String, String>>,
    pub oidc_arns: &'a [String],
    pub saml_arns: &'a [String],
}

impl std::fmt::Debug for Federation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Federation").finish_non_exhaustive()
    }
}

/// Keys without a Cache-Control max-age are kept this long.
const DEFAULT_TTL_MS: i64 = 3_600_000;

impl Federation {
    pub fn new(
        config: &FederationConfig,
        store: Arc<dyn OidcProviderStore>,
        clock: Arc<dyn Clock>,
        user_pools: UserPools,
    ) -> Self {
        // Redirects off: a provider URL must not bounce our requests elsewhere (SSRF).
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_millis(config.http_timeout_ms.max(1)))
            .user_agent(concat!("incognito/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| e.without_url().to_string());
        let max_ttl = i64::try_from(config.max_cache_seconds.saturating_mul(1000)).unwrap_or(i64::MAX);
        let min_refresh = i64::try_from(config.min_refresh_seconds.saturating_mul(1000)).unwrap_or(i64::MAX);
        Self {
            config: config.clone(),
            http,
            jwks: cache::RefreshingCache::new(DEFAULT_TTL_MS.min(max_ttl), max_ttl, min_refresh),
            discovery: cache::RefreshingCache::new(DEFAULT_TTL_MS.min(max_ttl), max_ttl, min_refresh),
            store,
            clock,
            user_pools,
        }
    }

    fn client(&self) -> Result<&reqwest::Client, FederationError> {
        self.http
            .as_ref()
            .map_err(|e| FederationError::Internal(format!("federation http client: {e}").into()))
    }
}

/// A provider answer too large to be a key set or a token check.
const MAX_BODY: usize = 1024 * 1024;

/// A GET answered: status, body (bounded) and Cache-Control.
pub(crate) struct Response {
    pub status: u16,
    pub body: Vec<u8>,
    pub cache_control: Option<String>,
}

impl Federation {
    /// GETs `url`. Errors are worded without the URL: it may carry an access token.
    pub(crate) async fn get(&self, url: reqwest::Url) -> Result<Response, String> {
        let client = self.http.as_ref().map_err(Clone::clone)?;
        let mut response = client
            .get(url)
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| e.without_url().to_string())?;
        let status = response.status().as_u16();
        let cache_control = response
            .headers()
            .get(reqwest::header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| e.without_url().to_string())? {
            if body.len() + chunk.len() > MAX_BODY {
                return Err("response too large".into());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Response { status, body, cache_control })
    }
}

fn external(provider: &str, reason: &str) -> FederationError {
    // unsure: AWS's ExternalServiceException wording for an unreachable provider.
    FederationError::ExternalService(format!("Could not verify the login with {provider}: {reason}"))
}

fn strip_scheme(url: &str) -> &str {
    url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).unwrap_or(url)
}

/// The pool id named by `cognito-idp.<region>.amazonaws.com/<pool>`.
fn aws_user_pool_name(name: &str) -> Option<&str> {
    let rest = name.strip_prefix("cognito-idp.")?;
    let (region, pool) = rest.split_once(".amazonaws.com/")?;
    let ok = !region.is_empty() && !region.contains('/') && crate::validation::user_pool_id(pool).is_ok();
    ok.then_some(pool)
}

/// The pool id named by our own issuer without its scheme, e.g. `127.0.0.1:9229/us-east-1_abc`.
fn local_user_pool_name<'a>(s: &Federation, name: &'a str) -> Option<&'a str> {
    let public = s.user_pools.public_url();
    let pool = name.strip_prefix(strip_scheme(&public))?.strip_prefix('/')?;
    crate::validation::user_pool_id(pool).is_ok().then_some(pool)
}

/// The name a provider is known by: a local user pool named by our issuer without scheme
/// becomes `cognito-idp.<region>.amazonaws.com/<pool>` (what client code written for AWS
/// sends, and what identities are stored under); other names are returned unchanged.
pub fn canonical_provider_name(s: &Federation, provider_name: &str) -> String {
    if aws_user_pool_name(provider_name).is_none()
        && let Some(pool) = local_user_pool_name(s, provider_name)
    {
        return format!("cognito-idp.{}.amazonaws.com/{pool}", s.user_pools.region());
    }
    provider_name.to_string()
}

/// The app ids configured for a social provider: AWS takes several, comma-separated.
fn configured_ids(pool: &LoginProviders<'_>, provider: &str) -> Option<Vec<String>> {
    let ids: Vec<String> = pool
        .social?
        .get(provider)?
        .split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_string)
        .collect();
    (!ids.is_empty()).then_some(ids)
}

/// Verifies the login `token` presented for `provider_name` to the identity pool `pool`.
///
/// Errors: `NotAuthorized` for a provider the pool does not support and for any token
/// that fails a check; `ExternalService` when the provider cannot be reached (and no
/// cached keys can decide); `Internal`/`Storage` for our own failures.
pub async fn verify_login(
    s: &Federation,
    pool: &LoginProviders<'_>,
    provider_name: &str,
    token: &str,
) -> Result<VerifiedLogin, FederationError> {
    let provider = canonical_provider_name(s, provider_name);
    let login = |subject: String, claims: Map<String, Value>, kind: ProviderKind| VerifiedLogin {
        provider: provider.clone(),
        subject,
        claims,
        kind,
    };
    if let Some(pool_id) = aws_user_pool_name(&provider) {
        let clients: Vec<&str> = pool
            .cognito
            .iter()
            .filter(|(name, _)| canonical_provider_name(s, name) == provider)
            .map(|(_, client)| *client)
            .collect();
        if clients.is_empty() {
            return Err(refused(messages::NOT_SUPPORTED));
        }
        let claims = crate::user_pools::tokens::verify_id_token(&s.user_pools, pool_id, token, &clients)
            .await
            .map_err(id_token_refusal)?;
        let subject = claims.get("sub").and_then(Value::as_str).unwrap_or_default().to_string();
        let client_id = claims.get("aud").and_then(Value::as_str).unwrap_or_default().to_string();
        let kind = ProviderKind::UserPool { user_pool_id: pool_id.to_string(), client_id };
        return Ok(login(subject, claims, kind));
    }
    // A social provider's own check when the pool lists it under SupportedLoginProviders;
    // otherwise the same name may be a registered OIDC provider (AWS suggests registering
    // Google that way for several client ids) or a SAML provider.
    let social = match provider.as_str() {
        GOOGLE | APPLE | FACEBOOK | AMAZON | TWITTER | DIGITS => configured_ids(pool, &provider),
        _ => None,
    };
    if let Some(ids) = social {
        let (subject, claims, kind) = match provider.as_str() {
            GOOGLE => {
                let url = &s.config.google_jwks_url;
                let issuers = ["https://accounts.google.com", "accounts.google.com"];
                let check =
                    jwt::Check { provider: &provider, jwks_url: url, issuers: &issuers, audiences: &ids };
                let (subject, claims) = jwt::verify(s, &check, token).await?;
                (subject, claims, ProviderKind::Google)
            }
            APPLE => {
                let url = &s.config.apple_jwks_url;
                let issuers = ["https://appleid.apple.com"];
                let check =
                    jwt::Check { provider: &provider, jwks_url: url, issuers: &issuers, audiences: &ids };
                let (subject, claims) = jwt::verify(s, &check, token).await?;
                (subject, claims, ProviderKind::Apple)
            }
            FACEBOOK => {
                let (subject, claims) = social::facebook(s, &ids, token).await?;
                (subject, claims, ProviderKind::Facebook)
            }
            AMAZON => {
                let (subject, claims) = social::amazon(s, &ids, token).await?;
                (subject, claims, ProviderKind::Amazon)
            }
            // AWS deviation: Twitter/Digits logins need OAuth 1.0a consumer secrets and
            // services that no longer exist; incognito refuses them.
            _ => return Err(refused(messages::unsupported_kind("Twitter"))),
        };
        return Ok(login(subject, claims, kind));
    }
    if let Some(arn) = pool
        .oidc_arns
        .iter()
        .find(|arn| arn.split_once(":oidc-provider/").is_some_and(|(_, name)| name == provider))
    {
        let (subject, claims) = oidc(s, arn, &provider, token).await?;
        return Ok(login(subject, claims, ProviderKind::Oidc { arn: arn.clone() }));
    }
    if pool.saml_arns.contains(&provider) {
        // AWS deviation: SAML assertions are not verified by incognito.
        return Err(refused(messages::unsupported_kind("SAML")));
    }
    Err(refused(messages::NOT_SUPPORTED))
}

/// A refused user-pool ID token, in the identity-pool API's words.
fn id_token_refusal(e: IdTokenRefusal) -> FederationError {
    use crate::keys::JwtError;
    match e {
        IdTokenRefusal::Token(JwtError::Malformed) => refused(messages::NOT_OIDC),
        IdTokenRefusal::Token(_) => refused(messages::BAD_SIGNATURE),
        IdTokenRefusal::WrongAudience => refused(messages::NOT_SUPPORTED),
        IdTokenRefusal::Refused(r) => match r {
            TokenRefusal::Jwt(JwtError::Malformed | JwtError::BadPayload) => refused(messages::NOT_OIDC),
            TokenRefusal::Jwt(_) => refused(messages::BAD_SIGNATURE),
            TokenRefusal::WrongIssuer(_) => refused(messages::WRONG_ISSUER),
            TokenRefusal::WrongUse(_) => refused(messages::NOT_OIDC),
            TokenRefusal::MissingClaim(claim) => refused(messages::missing_claim(claim)),
            TokenRefusal::Expired { now, exp } => refused(messages::expired(now, exp)),
            TokenRefusal::IssuedInFuture => refused(messages::NOT_YET_VALID),
            TokenRefusal::Revoked => refused(messages::REVOKED),
            TokenRefusal::UserDisabled => refused(messages::USER_DISABLED),
            TokenRefusal::Internal(e) => FederationError::UserPool(Box::new(e)),
        },
    }
}

/// Whether `url`'s host is loopback (`localhost`, 127.0.0.0/8, ::1).
fn is_loopback(url: &reqwest::Url) -> bool {
    url.host_str().is_some_and(|h| {
        let h = h.trim_start_matches('[').trim_end_matches(']');
        h.eq_ignore_ascii_case("localhost") || h.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
    })
}

/// An ID token of a registered OpenID Connect provider: discovery → JWKS → checks.
async fn oidc(
    s: &Federation,
    arn: &str,
    provider: &str,
    token: &str,
) -> Result<(String, Map<String, Value>), FederationError> {
    let row = s.store.get_oidc_provider(arn).await?.ok_or_else(|| refused(messages::NOT_SUPPORTED))?;
    let issuer = row.url.clone();
    let parsed =
        reqwest::Url::parse(&issuer).map_err(|_| external(provider, "the provider URL is not a URL"))?;
    let secure = parsed.scheme() == "https"
        || (parsed.scheme() == "http" && (is_loopback(&parsed) || s.config.allow_insecure_http));
    if !secure {
        return Err(external(provider, "the provider URL must use https (http only on loopback)"));
    }
    let jwks_uri = discover(s, &issuer, provider).await?;
    let issuers = [issuer.as_str()];
    let check = jwt::Check { provider, jwks_url: &jwks_uri, issuers: &issuers, audiences: &row.client_ids };
    jwt::verify(s, &check, token).await
}

/// The `jwks_uri` of `issuer`, from its discovery document (openidconnect checks that the
/// document names the same issuer), cached like keys.
async fn discover(s: &Federation, issuer: &str, provider: &str) -> Result<String, FederationError> {
    use openidconnect::IssuerUrl;
    use openidconnect::core::CoreProviderMetadata;

    let fed = s;
    let client = fed.client()?;
    let fetch = || async {
        let url = IssuerUrl::new(issuer.to_string()).map_err(|e| e.to_string())?;
        let metadata =
            CoreProviderMetadata::discover_async(url, client).await.map_err(|e| discovery_error(&e))?;
        Ok::<_, String>(cache::Fetched { value: metadata.jwks_uri().url().to_string(), max_age_ms: None })
    };
    let lookup = fed.discovery.get(issuer, || s.clock.now_millis(), |_| false, fetch).await;
    match (lookup.value, lookup.error) {
        (Some(uri), _) => Ok(uri.as_ref().clone()),
        (None, Some(e)) => Err(external(provider, &e)),
        (None, None) => Err(external(provider, "discovery failed recently")),
    }
}

/// A discovery error worded without URLs or bodies.
fn discovery_error<E: std::error::Error + 'static>(e: &openidconnect::DiscoveryError<E>) -> String {
    use openidconnect::DiscoveryError;
    match e {
        DiscoveryError::Request(_) => "the discovery document could not be fetched".into(),
        DiscoveryError::Response(status, _, _) => format!("the discovery document answered HTTP {status}"),
        DiscoveryError::Parse(_) => "the discovery document is not valid".into(),
        DiscoveryError::Validation(m) => format!("the discovery document is not valid: {m}"),
        DiscoveryError::UrlParse(_) => "the provider URL is not valid".into(),
        DiscoveryError::Other(m) => m.clone(),
        _ => "discovery failed".into(),
    }
}

/// A reqwest URL for `base` with `path` appended and `query` pairs.
pub(crate) fn url_with(base: &str, path: &str, query: &[(&str, &str)]) -> Result<reqwest::Url, String> {
    let joined = format!("{}{path}", base.trim_end_matches('/'));
    let mut url = reqwest::Url::parse(&joined).map_err(|_| "the provider URL is not valid".to_string())?;
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(query);
    }
    Ok(url)
}
