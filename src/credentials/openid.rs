//! The OpenID tokens of identity pools (GetOpenIdToken, GetOpenIdTokenForDeveloperIdentity):
//! RS256 JWTs with `iss`, `aud` = identity pool id, `sub` = identity id and `amr`, signed with
//! one service-wide key pair and published as a JWKS with a discovery document. They are the
//! web identity that credentials are minted for: STS's AssumeRoleWithWebIdentity trusts them
//! as the federated provider `cognito-identity.amazonaws.com`, and the enhanced flow
//! (GetCredentialsForIdentity) goes through the same claims. Identity pools issue them here.
//!
//! The key lives in `signing_keys` under the reserved pool id [`KEY_OWNER`] (user pool ids
//! always contain `_`, so it cannot collide) and is created on first use.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Credentials;
use crate::config::IssuerStyle;
use crate::keys::{JwtError, KeyError, PoolKeys};

/// The `signing_keys.user_pool_id` of the identity-pool token key.
pub const KEY_OWNER: &str = "cognito-identity";
/// The provider name STS and trust policies know these tokens by.
pub const PROVIDER: &str = "cognito-identity.amazonaws.com";
/// Where principal tags travel in the token, as in AWS's tokens.
pub const TAGS_CLAIM: &str = "https://aws.amazon.com/tags";

/// The verified claims of an identity-pool OpenID token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenIdClaims {
    pub iss: String,
    /// The identity pool id.
    pub aud: String,
    /// The identity id.
    pub sub: String,
    pub amr: Vec<String>,
    pub exp: i64,
    pub iat: i64,
    /// Any further claims (principal tags under [`TAGS_CLAIM`]).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl OpenIdClaims {
    /// `true` when `amr` says the identity was authenticated by a login.
    pub fn authenticated(&self) -> bool {
        self.amr.iter().any(|a| a == "authenticated")
    }

    /// The principal tags carried in the token (`{"principal_tags": {"k": ["v"]}}`).
    pub fn principal_tags(&self) -> std::collections::BTreeMap<String, String> {
        let tags =
            self.extra.get(TAGS_CLAIM).and_then(|t| t.get("principal_tags")).and_then(Value::as_object);
        tags.into_iter()
            .flatten()
            .filter_map(|(k, v)| {
                let value = v.as_array().and_then(|a| a.first()).unwrap_or(v);
                value.as_str().map(|v| (k.clone(), v.to_string()))
            })
            .collect()
    }
}

/// The issuer of identity-pool tokens: `{public_url}/cognito-identity`, or AWS's own with
/// `tokens.issuer_style = "aws"`.
pub fn issuer(s: &Credentials) -> String {
    match s.config.tokens.issuer_style {
        IssuerStyle::PublicUrl => format!("{}/{KEY_OWNER}", s.public_url()),
        IssuerStyle::Aws => format!("https://{PROVIDER}"),
    }
}

/// The identity-token keys, creating the first one on first use.
pub async fn token_keys(s: &Credentials) -> Result<Arc<PoolKeys>, KeyError> {
    s.keys.get_or_create(KEY_OWNER).await
}

/// Signs an OpenID token for an identity, valid `ttl_seconds` from now.
pub async fn issue_open_id_token(
    s: &Credentials,
    identity_pool_id: &str,
    identity_id: &str,
    amr: &[String],
    ttl_seconds: i64,
    extra: Map<String, Value>,
) -> Result<String, KeyError> {
    let keys = token_keys(s).await?;
    let key = keys.active().ok_or(KeyError::Missing)?;
    let now = s.clock.now_secs();
    let claims = OpenIdClaims {
        iss: issuer(s),
        aud: identity_pool_id.to_string(),
        sub: identity_id.to_string(),
        amr: amr.to_vec(),
        exp: now + ttl_seconds,
        iat: now,
        extra,
    };
    key.sign(&claims)
}

/// Why a token presented as one of ours was refused.
#[derive(Debug, thiserror::Error)]
pub enum OpenIdRefusal {
    /// Not signed by our token key, not our issuer, or not shaped like our tokens.
    #[error("not a valid OpenID token of this service")]
    Invalid,
    #[error("the token has expired")]
    Expired,
    #[error(transparent)]
    Keys(KeyError),
}

/// Verifies a token this service issued: RS256 with a published key, issuer, expiry against
/// the clock. The audience is returned for the caller to check.
pub async fn verify_open_id_token(s: &Credentials, token: &str) -> Result<OpenIdClaims, OpenIdRefusal> {
    let claims = s.keys.verify(KEY_OWNER, token).await.map_err(|e| match e {
        JwtError::Keys(e) => OpenIdRefusal::Keys(e),
        _ => OpenIdRefusal::Invalid,
    })?;
    let claims: OpenIdClaims =
        serde_json::from_value(Value::Object(claims)).map_err(|_| OpenIdRefusal::Invalid)?;
    if claims.iss != issuer(s) {
        return Err(OpenIdRefusal::Invalid);
    }
    let now = s.clock.now_secs();
    if claims.exp <= now {
        return Err(OpenIdRefusal::Expired);
    }
    if claims.iat > now + s.config.tokens.max_clock_skew_seconds {
        return Err(OpenIdRefusal::Invalid);
    }
    Ok(claims)
}
