//! ID tokens of Google, Apple and OpenID Connect providers: an asymmetric signature by a
//! key of the provider's JWKS (cached, see [`super::cache`]), then issuer, audience and
//! expiry against the service clock. Errors carry AWS's identity-pool wording.

use jsonwebtoken::jwk::{Jwk, JwkSet, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{Map, Value};

use super::{cache, external, messages, refused};

use super::{Federation, FederationError};

/// A provider's keys, parsed once per fetch.
pub struct KeySet {
    keys: Vec<(Option<String>, Jwk, DecodingKey)>,
}

impl KeySet {
    fn parse(body: &[u8]) -> Result<Self, String> {
        let set: JwkSet =
            serde_json::from_slice(body).map_err(|_| "the key set is not a JWKS".to_string())?;
        let keys = set
            .keys
            .into_iter()
            .filter(|k| !matches!(k.common.public_key_use, Some(PublicKeyUse::Encryption)))
            .filter_map(|k| DecodingKey::from_jwk(&k).ok().map(|d| (k.common.key_id.clone(), k, d)))
            .collect();
        Ok(Self { keys })
    }

    /// The key a token's header names; without a `kid`, the only key there is.
    fn find(&self, kid: Option<&str>) -> Option<&(Option<String>, Jwk, DecodingKey)> {
        match kid {
            Some(kid) => self.keys.iter().find(|(k, _, _)| k.as_deref() == Some(kid)),
            None if self.keys.len() == 1 => self.keys.first(),
            None => None,
        }
    }
}

/// What an ID token is checked against.
pub struct Check<'a> {
    /// The provider name, for error messages.
    pub provider: &'a str,
    pub jwks_url: &'a str,
    /// Accepted `iss` values.
    pub issuers: &'a [&'a str],
    /// Accepted `aud` values (one must match).
    pub audiences: &'a [String],
}

/// Only public-key algorithms: a provider never shares a secret with us, and `none` or
/// HS256 with the public key as secret are classic forgeries.
const ASYMMETRIC: &[Algorithm] = &[
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
];

/// Fetches and parses the JWKS at `url`.
async fn fetch_keys(s: &Federation, url: &str) -> Result<cache::Fetched<KeySet>, String> {
    let parsed = reqwest::Url::parse(url).map_err(|_| "the key set URL is not valid".to_string())?;
    let response = s.get(parsed).await?;
    if response.status != 200 {
        return Err(format!("the key set answered HTTP {}", response.status));
    }
    let value = KeySet::parse(&response.body)?;
    Ok(cache::Fetched { value, max_age_ms: cache::max_age_ms(response.cache_control.as_deref()) })
}

fn number(v: Option<&Value>) -> Option<i64> {
    v.and_then(|v| v.as_i64().or_else(|| v.as_f64().map(|f| f as i64)))
}

/// Verifies `token` and returns its subject and claims.
pub async fn verify(
    s: &Federation,
    check: &Check<'_>,
    token: &str,
) -> Result<(String, Map<String, Value>), FederationError> {
    let header = jsonwebtoken::decode_header(token).map_err(|_| refused(messages::NOT_OIDC))?;
    if !ASYMMETRIC.contains(&header.alg) {
        return Err(refused(messages::BAD_SIGNATURE));
    }
    let kid = header.kid.as_deref();
    let fed = s;
    let lookup = fed
        .jwks
        .get(
            check.jwks_url,
            || s.clock.now_millis(),
            |set| set.find(kid).is_none(),
            || fetch_keys(s, check.jwks_url),
        )
        .await;
    let Some(set) = lookup.value else {
        let reason = lookup.error.unwrap_or_else(|| "its keys could not be fetched recently".into());
        return Err(external(check.provider, &reason));
    };
    let Some((_, _, key)) = set.find(kid) else {
        // A refresh that failed cannot tell a new key from a forged kid.
        return Err(match lookup.error {
            Some(reason) => external(check.provider, &reason),
            None => refused(messages::BAD_SIGNATURE),
        });
    };
    let mut validation = Validation::new(header.alg);
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    let claims = jsonwebtoken::decode::<Map<String, Value>>(token, key, &validation)
        .map_err(|e| match e.kind() {
            jsonwebtoken::errors::ErrorKind::Base64(_)
            | jsonwebtoken::errors::ErrorKind::Json(_)
            | jsonwebtoken::errors::ErrorKind::Utf8(_)
            | jsonwebtoken::errors::ErrorKind::InvalidToken => refused(messages::NOT_OIDC),
            _ => refused(messages::BAD_SIGNATURE),
        })?
        .claims;
    let iss =
        claims.get("iss").and_then(Value::as_str).ok_or_else(|| refused(messages::missing_claim("iss")))?;
    if !check.issuers.contains(&iss) {
        return Err(refused(messages::WRONG_ISSUER));
    }
    let audiences: Vec<&str> = match claims.get("aud") {
        Some(Value::String(a)) => vec![a.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => return Err(refused(messages::missing_claim("aud"))),
    };
    if !audiences.iter().any(|a| check.audiences.iter().any(|c| c == a)) {
        return Err(refused(messages::WRONG_AUDIENCE));
    }
    let now = s.clock.now_secs();
    let exp = number(claims.get("exp")).ok_or_else(|| refused(messages::missing_claim("exp")))?;
    if now >= exp {
        return Err(refused(messages::expired(now, exp)));
    }
    // A little leeway for clocks that run behind the provider's.
    if number(claims.get("nbf")).is_some_and(|nbf| nbf > now + 60) {
        return Err(refused(messages::NOT_YET_VALID));
    }
    let subject = claims
        .get("sub")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| refused(messages::missing_claim("sub")))?
        .to_string();
    Ok((subject, claims))
}
