//! Temporary credentials, STS and the IAM subset behind them.
//!
//! Owns: minting credentials (`ASIA…` access key id, 40-character secret, session token),
//! the session token itself, SigV4 verification of requests signed with such credentials
//! ([`authenticate_request`]), roles and their cache ([`roles`]), IAM policy validation and
//! evaluation ([`policy`]), assuming a role for an identity-pool identity
//! ([`assume_role_for_identity`]), the STS operations ([`sts`]) and the IAM operations
//! ([`iam`]), the identity-pool OpenID tokens credentials are minted for ([`openid`]), and
//! operator authentication of admin calls ([`operator`]). Does not own: the wire
//! (`protocol::awsquery`) or which identity gets which role (`identity_pools`).
//!
//! The session token is the credential's state: AES-256-GCM under the master key (purpose
//! [`SESSION_TOKEN_PURPOSE`]) over everything a verifier needs, secret included. Nothing is
//! stored per credential, so any node verifies a signed request with no database read; the
//! price is that a credential cannot be revoked before it expires (AWS cannot either, short
//! of a deny policy).

pub mod error;
pub mod iam;
pub mod openid;
pub mod operator;
pub mod policy;
pub mod roles;
pub mod seed;
pub mod store;
pub mod sts;
pub mod wire;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, RwLock};

use http::{HeaderMap, Method, Uri, header};
use rand::Rng;
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use crate::clock::Clock;
use crate::config::{Config, PublicUrl};
use crate::crypto::seal::Sealer;
use crate::crypto::sigv4;
use crate::federation::store::OidcProviderStore;
use crate::keys::KeyCache;
pub use error::CredentialsError;
use openid::OpenIdClaims;
use store::IamStore;

/// What STS, IAM and credential checks run with. Cheap to clone.
#[derive(Clone)]
pub struct Credentials {
    pub config: Arc<Config>,
    /// Roles and their inline policies.
    pub store: Arc<dyn IamStore>,
    /// The OpenID Connect providers IAM manages (kept by `federation`).
    pub oidc_providers: Arc<dyn OidcProviderStore>,
    pub clock: Arc<dyn Clock>,
    pub sealer: Arc<Sealer>,
    /// The identity-pool token key lives with the pools' keys.
    pub keys: Arc<KeyCache>,
    pub roles: Arc<roles::RoleCache>,
    pub sessions: Arc<SessionCache>,
    pub public_url: PublicUrl,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials").finish_non_exhaustive()
    }
}

impl Credentials {
    pub fn public_url(&self) -> String {
        self.public_url.get()
    }

    pub fn region(&self) -> &str {
        &self.config.server.region
    }

    pub fn account_id(&self) -> &str {
        &self.config.server.account_id
    }
}

/// The AEAD purpose label of session tokens.
pub const SESSION_TOKEN_PURPOSE: &str = "sts-session-token-v1";
/// The federated principal identity-pool tokens stand for in trust policies.
pub const COGNITO_FEDERATED: &str = "cognito-identity.amazonaws.com";
/// The action a trust policy must allow for identity-pool credentials.
pub const ASSUME_WEB_IDENTITY: &str = "sts:AssumeRoleWithWebIdentity";
/// The session name AWS gives identity-pool credentials.
pub const COGNITO_SESSION_NAME: &str = "CognitoIdentityCredentials";

/// What a set of credentials is for: the role, who holds it, and for how long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub role_arn: String,
    pub role_session_name: String,
    pub identity_id: Option<String>,
    pub identity_pool_id: Option<String>,
    /// The login provider (`cognito-idp.us-east-1.amazonaws.com/<pool>`, `accounts.google.com`, …).
    pub authentication_provider: Option<String>,
    pub subject: String,
    pub amr: Vec<String>,
    pub principal_tags: BTreeMap<String, String>,
    pub duration_seconds: i64,
}

/// Credentials as handed to the caller.
#[derive(Clone, PartialEq, Eq)]
pub struct IssuedCredentials {
    /// `ASIA` + 16 `[A-Z0-9]`.
    pub access_key_id: String,
    /// 40 characters.
    pub secret_access_key: String,
    pub session_token: String,
    /// Epoch seconds.
    pub expiration: i64,
}

impl std::fmt::Debug for IssuedCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuedCredentials")
            .field("access_key_id", &self.access_key_id)
            .field("expiration", &self.expiration)
            .finish_non_exhaustive()
    }
}

/// What a session token carries: everything needed to verify a request signed with the
/// credentials and to authorize it, with no database read.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionClaims {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub role_arn: String,
    pub role_session_name: String,
    /// Known when the role was looked up at minting ([`assume_role_for_identity`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_id: Option<String>,
    pub identity_id: Option<String>,
    pub identity_pool_id: Option<String>,
    pub authentication_provider: Option<String>,
    pub subject: String,
    pub amr: Vec<String>,
    pub principal_tags: BTreeMap<String, String>,
    /// Epoch seconds.
    pub issued_at: i64,
    /// Epoch seconds.
    pub expires_at: i64,
}

impl std::fmt::Debug for SessionClaims {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionClaims")
            .field("access_key_id", &self.access_key_id)
            .field("role_arn", &self.role_arn)
            .field("role_session_name", &self.role_session_name)
            .field("identity_id", &self.identity_id)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

impl SessionClaims {
    /// The role's name: the last segment of its ARN.
    pub fn role_name(&self) -> &str {
        self.role_arn.rsplit('/').next().unwrap_or(&self.role_arn)
    }

    /// `arn:aws:sts::<account>:assumed-role/<role name>/<session name>`.
    pub fn assumed_role_arn(&self, account_id: &str) -> String {
        format!("arn:aws:sts::{account_id}:assumed-role/{}/{}", self.role_name(), self.role_session_name)
    }

    /// The condition keys and policy variables of a request made with these credentials, as
    /// AWS sets them for identity-pool credentials.
    pub fn policy_context(&self) -> BTreeMap<String, serde_json::Value> {
        use serde_json::Value;
        let mut context = BTreeMap::new();
        if let Some(pool) = &self.identity_pool_id {
            context.insert(format!("{COGNITO_FEDERATED}:aud"), Value::String(pool.clone()));
        }
        if let Some(identity) = &self.identity_id {
            context.insert(format!("{COGNITO_FEDERATED}:sub"), Value::String(identity.clone()));
        }
        context.insert(
            format!("{COGNITO_FEDERATED}:amr"),
            Value::Array(self.amr.iter().cloned().map(Value::String).collect()),
        );
        for (key, value) in &self.principal_tags {
            context.insert(format!("aws:PrincipalTag/{key}"), Value::String(value.clone()));
        }
        context.insert("aws:userid".into(), Value::String(self.role_session_name.clone()));
        context
    }
}

const KEY_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const SECRET_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn random_from(alphabet: &[u8], len: usize) -> String {
    let mut rng = rand::rng();
    (0..len).map(|_| alphabet[rng.random_range(0..alphabet.len())] as char).collect()
}

/// Mints credentials for `grant`, valid `grant.duration_seconds` from now. No database.
pub fn mint(s: &Credentials, grant: &Grant) -> IssuedCredentials {
    mint_with_role_id(s, grant, None)
}

fn mint_with_role_id(s: &Credentials, grant: &Grant, role_id: Option<String>) -> IssuedCredentials {
    let now = s.clock.now_secs();
    let claims = SessionClaims {
        access_key_id: format!("ASIA{}", random_from(KEY_ALPHABET, 16)),
        secret_access_key: random_from(SECRET_ALPHABET, 40),
        role_arn: grant.role_arn.clone(),
        role_session_name: grant.role_session_name.clone(),
        role_id,
        identity_id: grant.identity_id.clone(),
        identity_pool_id: grant.identity_pool_id.clone(),
        authentication_provider: grant.authentication_provider.clone(),
        subject: grant.subject.clone(),
        amr: grant.amr.clone(),
        principal_tags: grant.principal_tags.clone(),
        issued_at: now,
        expires_at: now + grant.duration_seconds,
    };
    let plain = serde_json::to_vec(&claims).expect("session claims serialize");
    IssuedCredentials {
        session_token: s.sealer.seal(SESSION_TOKEN_PURPOSE, &plain),
        access_key_id: claims.access_key_id,
        secret_access_key: claims.secret_access_key,
        expiration: claims.expires_at,
    }
}

/// Opens a session token sealed by this service (any node with the same master key). Does
/// not check expiry: [`authenticate_request`] does, against the clock.
pub fn open_session_token(s: &Credentials, token: &str) -> Result<SessionClaims, CredentialsError> {
    open_with(&s.sealer, token)
}

fn open_with(sealer: &Sealer, token: &str) -> Result<SessionClaims, CredentialsError> {
    let plain = sealer
        .open(SESSION_TOKEN_PURPOSE, token.trim())
        .map_err(|_| CredentialsError::InvalidClientTokenId)?;
    serde_json::from_slice(&plain).map_err(|_| CredentialsError::InvalidClientTokenId)
}

/// Verifies a request SigV4-signed with temporary credentials from this service: the
/// `X-Amz-Security-Token` opens, names the signing access key id and has not expired, and the
/// signature is right under its secret. No database read.
pub fn authenticate_request(
    s: &Credentials,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<SessionClaims, CredentialsError> {
    authenticate_request_shared(s, method, uri, headers, body).map(|session| session.claims.clone())
}

/// [`authenticate_request`] without copying the claims out of the session cache.
pub fn authenticate_request_shared(
    s: &Credentials,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Arc<OpenedSession>, CredentialsError> {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or(CredentialsError::MissingAuthenticationToken)?;
    let auth = sigv4::parse_authorization(authorization)?;
    let token = headers
        .get("x-amz-security-token")
        .and_then(|v| v.to_str().ok())
        .ok_or(CredentialsError::InvalidClientTokenId)?;
    let session = open_for_key(s, token, &auth.access_key_id)?;
    let key = session.signing_key(&auth.date, &auth.region, &auth.service);
    sigv4::verify_with_key(method, uri, headers, body, &auth, &key, s.clock.now_utc())?;
    Ok(session)
}

/// The session of `token` (through the session cache) if it names `access_key_id` and has
/// not expired: what every way of signing with temporary credentials checks first.
pub fn open_for_key(
    s: &Credentials,
    token: &str,
    access_key_id: &str,
) -> Result<Arc<OpenedSession>, CredentialsError> {
    let session = s.sessions.open(&s.sealer, token)?;
    let claims = &session.claims;
    if !bool::from(claims.access_key_id.as_bytes().ct_eq(access_key_id.as_bytes())) {
        return Err(CredentialsError::InvalidClientTokenId);
    }
    if claims.expires_at <= s.clock.now_secs() {
        return Err(CredentialsError::ExpiredToken);
    }
    Ok(session)
}

/// An opened session token and the last SigV4 signing key derived from its secret.
pub struct OpenedSession {
    pub claims: SessionClaims,
    /// The session token itself: a cache hit must match it exactly.
    token: String,
    /// `(date/region/service, key)`: one scope per day and service, so one entry suffices.
    key: RwLock<Option<(String, [u8; 32])>>,
}

impl OpenedSession {
    /// The signing key of this session's secret for a credential scope, derived once.
    pub fn signing_key(&self, date: &str, region: &str, service: &str) -> [u8; 32] {
        let same = |cached: &str| {
            let mut parts = cached.split('/');
            parts.next() == Some(date)
                && parts.next() == Some(region)
                && parts.next() == Some(service)
                && parts.next().is_none()
        };
        if let Ok(slot) = self.key.read()
            && let Some((cached, key)) = slot.as_ref()
            && same(cached)
        {
            return *key;
        }
        let key = sigv4::signing_key(&self.claims.secret_access_key, date, region, service);
        if let Ok(mut slot) = self.key.write() {
            *slot = Some((format!("{date}/{region}/{service}"), key));
        }
        key
    }
}

/// Session tokens this node opened recently, keyed by the token itself: a client signs many
/// requests with one set of credentials, and opening (base64, AES-GCM, JSON) costs about as
/// much as the signature check. Only tokens that opened under this node's master key get in,
/// so a hit is exactly as trustworthy as opening again; expiry and the access key id are
/// still checked on every request. Bounded: cleared wholesale past [`SESSION_CACHE_MAX`].
#[derive(Default)]
pub struct SessionCache {
    sessions: RwLock<HashMap<String, Arc<OpenedSession>>>,
}

/// Entries kept before the session cache starts over.
pub const SESSION_CACHE_MAX: usize = 10_000;

impl std::fmt::Debug for SessionCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionCache").finish_non_exhaustive()
    }
}

impl SessionCache {
    /// The opened session of `token`, from the cache or by opening it.
    ///
    /// Entries are found by the token's last characters (its AES-GCM tag: random, so a good
    /// key, and hashing 30 bytes instead of ~1 KB is a visible share of a verification), and
    /// a hit must then equal the whole token.
    pub fn open(&self, sealer: &Sealer, token: &str) -> Result<Arc<OpenedSession>, CredentialsError> {
        let token = token.trim();
        let key = token.get(token.len().saturating_sub(32)..).unwrap_or(token);
        if let Some(found) = self.sessions.read().ok().and_then(|m| m.get(key).cloned())
            && found.token == token
        {
            return Ok(found);
        }
        let session = Arc::new(OpenedSession {
            claims: open_with(sealer, token)?,
            token: token.to_string(),
            key: RwLock::new(None),
        });
        if let Ok(mut map) = self.sessions.write() {
            if map.len() >= SESSION_CACHE_MAX {
                map.clear();
            }
            map.insert(key.to_string(), session.clone());
        }
        Ok(session)
    }
}

/// Assumes `grant.role_arn` for the identity `web_identity` describes: the role must exist
/// and its trust policy must allow `sts:AssumeRoleWithWebIdentity` for the federated
/// principal `cognito-identity.amazonaws.com`, with the token's `aud`, `sub` and `amr` as the
/// condition keys `cognito-identity.amazonaws.com:{aud,sub,amr}`. Then mints.
///
/// A missing role and a refusing trust policy are the same `AccessDenied`, as in AWS.
pub async fn assume_role_for_identity(
    s: &Credentials,
    web_identity: &OpenIdClaims,
    grant: Grant,
) -> Result<IssuedCredentials, CredentialsError> {
    let role =
        roles::role(s, &grant.role_arn).await?.ok_or_else(CredentialsError::not_authorized_to_assume)?;
    let context = trust_context(web_identity);
    match policy::evaluate_trust(&role.trust_policy, COGNITO_FEDERATED, ASSUME_WEB_IDENTITY, &context) {
        policy::Decision::Allow => Ok(mint_with_role_id(s, &grant, Some(role.role_id.clone()))),
        _ => {
            tracing::info!(role = %role.arn, "trust policy refused the identity");
            Err(CredentialsError::not_authorized_to_assume())
        }
    }
}

/// The condition keys of a trust-policy check for an identity-pool token.
pub fn trust_context(web_identity: &OpenIdClaims) -> BTreeMap<String, serde_json::Value> {
    use serde_json::Value;
    let mut context = BTreeMap::new();
    context.insert(format!("{COGNITO_FEDERATED}:aud"), Value::String(web_identity.aud.clone()));
    context.insert(format!("{COGNITO_FEDERATED}:sub"), Value::String(web_identity.sub.clone()));
    context.insert(
        format!("{COGNITO_FEDERATED}:amr"),
        Value::Array(web_identity.amr.iter().cloned().map(Value::String).collect()),
    );
    context
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_shapes_match_aws() {
        let key = format!("ASIA{}", random_from(KEY_ALPHABET, 16));
        assert_eq!(key.len(), 20);
        assert!(key.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
        let secret = random_from(SECRET_ALPHABET, 40);
        assert_eq!(secret.len(), 40);
    }

    #[test]
    fn assumed_role_arn_uses_the_role_name_without_path() {
        let claims = SessionClaims {
            access_key_id: "ASIA".into(),
            secret_access_key: "s".into(),
            role_arn: "arn:aws:iam::000000000000:role/svc/app".into(),
            role_session_name: "CognitoIdentityCredentials".into(),
            role_id: None,
            identity_id: None,
            identity_pool_id: None,
            authentication_provider: None,
            subject: "x".into(),
            amr: vec![],
            principal_tags: BTreeMap::new(),
            issued_at: 0,
            expires_at: 0,
        };
        assert_eq!(
            claims.assumed_role_arn("000000000000"),
            "arn:aws:sts::000000000000:assumed-role/app/CognitoIdentityCredentials"
        );
        assert!(!format!("{claims:?}").contains("secret_access_key"));
    }
}
