//! The `cognito` authorizer: a user-pool JWT, verified against the pool's keys held in
//! memory (`keys::KeyCache`), with no database read per request.
//!
//! Checks, in order: a token is present (`Authorization: Bearer <jwt>` or the raw token, as
//! API Gateway accepts); the header says RS256 with a `kid` (anything else, `none` and HS256
//! included, is refused before any key is touched); the key is one of the route's pool's;
//! the signature; the issuer; `token_use`; expiry against the injected clock; revocation
//! (the in-memory [`super::revocation::RevocationView`]). Those are 401s. Then the route's
//! rules: client allow-list (`aud` of ID tokens, `client_id` of access tokens), scopes,
//! groups. Those are 403s.

use std::sync::Arc;
use std::time::{Duration, Instant};

use aws_lc_rs::signature::{ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256, RsaPublicKeyComponents};
use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::Algorithm;
use jsonwebtoken::jwk::AlgorithmParameters;
use serde_json::{Map, Value};

use super::config::TokenUse;
use super::revocation::Revocation;
use super::{Denial, Gateway, Identity, Route};

/// An unknown `kid` may mean a key rotated on another node; reload the pool's keys, but at
/// most this often, because the `kid` comes from a token nobody has verified yet.
const KEY_RELOAD_EVERY: Duration = Duration::from_secs(10);

/// The token in `Authorization`: after `Bearer ` (any case), or the whole value.
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let token = match value.split_once(' ') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
        _ => value,
    };
    (!token.is_empty()).then_some(token)
}

fn invalid(description: impl Into<String>) -> Denial {
    Denial::InvalidToken(description.into())
}

pub async fn authorize(gw: &Gateway, route: &Route, headers: &HeaderMap) -> Result<Identity, Denial> {
    let s = &gw.state;
    let pool = route.config.user_pool_id.as_deref().unwrap_or_default();
    let token = bearer_token(headers).ok_or(Denial::MissingToken)?;
    let header = jsonwebtoken::decode_header(token).map_err(|_| invalid("the token is not a JWT"))?;
    if header.alg != Algorithm::RS256 {
        return Err(invalid("the token is not signed with RS256"));
    }
    let kid = header.kid.ok_or_else(|| invalid("the token header has no kid"))?;
    let now_ms = s.clock.now_millis();
    let key_error = |e: crate::keys::KeyError| {
        tracing::error!(error = %e, user_pool.id = %pool, "loading signing keys failed");
        Denial::Unavailable
    };
    let mut keys = s.keys.get(s.store.as_ref(), &s.sealer, pool, now_ms).await.map_err(key_error)?;
    if keys.by_kid(&kid).is_none() && gw.may_reload_keys(pool) {
        s.keys.invalidate(pool);
        keys = s.keys.get(s.store.as_ref(), &s.sealer, pool, now_ms).await.map_err(key_error)?;
    }
    let key = keys.by_kid(&kid).ok_or_else(|| {
        invalid(format!("the token was not signed by a key of user pool {pool} (unknown kid)"))
    })?;
    let verifier = gw.parsed_key(key).ok_or_else(|| invalid("the pool's key is not an RSA key"))?;
    let claims = verify_rs256(&verifier, token)?;
    let iss = crate::user_pools::tokens::issuer(s, pool);
    if claims.get("iss").and_then(Value::as_str) != Some(iss.as_str()) {
        return Err(invalid(format!("the token's issuer is not {iss}")));
    }

    let str_claim = |name: &str| claims.get(name).and_then(Value::as_str);
    let int_claim = |name: &str| claims.get(name).and_then(Value::as_i64);
    let want = route.config.token_use;
    if str_claim("token_use") != Some(want.as_str()) {
        return Err(invalid(format!("the route accepts {} tokens only", want.as_str())));
    }
    let exp = int_claim("exp").ok_or_else(|| invalid("the token has no exp"))?;
    if exp <= now_ms.div_euclid(1000) {
        return Err(invalid("the token has expired"));
    }
    let sub = str_claim("sub").ok_or_else(|| invalid("the token has no sub"))?;
    let iat = int_claim("iat").unwrap_or(0);
    match gw.revocations.check(pool, sub, str_claim("origin_jti"), iat) {
        Revocation::Valid => {}
        Revocation::Revoked => return Err(invalid("the token has been revoked")),
        Revocation::Unavailable => return Err(Denial::Unavailable),
    }

    let client_id = match want {
        TokenUse::Access => str_claim("client_id"),
        TokenUse::Id => str_claim("aud"),
    }
    .unwrap_or_default();
    if !route.config.client_ids.is_empty() && !route.config.client_ids.iter().any(|c| c == client_id) {
        return Err(Denial::Forbidden(format!(
            "the token was issued to app client {client_id}, which route '{}' does not accept \
             (gateway.routes.client_ids)",
            route.config.name
        )));
    }
    let scopes: Vec<&str> =
        str_claim("scope").map(|s| s.split(' ').filter(|s| !s.is_empty()).collect()).unwrap_or_default();
    if !route.config.scopes.is_empty()
        && !route.config.scopes.iter().any(|want| scopes.contains(&want.as_str()))
    {
        return Err(Denial::Forbidden(format!(
            "route '{}' needs one of the scopes [{}]; the token has [{}]",
            route.config.name,
            route.config.scopes.join(", "),
            scopes.join(", ")
        )));
    }
    let groups: Vec<&str> = claims
        .get("cognito:groups")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if !route.config.groups.is_empty()
        && !route.config.groups.iter().any(|want| groups.contains(&want.as_str()))
    {
        return Err(Denial::Forbidden(format!(
            "route '{}' needs membership in one of the groups [{}]; the user is in [{}]",
            route.config.name,
            route.config.groups.join(", "),
            groups.join(", ")
        )));
    }
    let username = match want {
        TokenUse::Access => str_claim("username"),
        TokenUse::Id => str_claim("cognito:username"),
    }
    .unwrap_or_default();
    let mut identity = Identity::default();
    identity.push("x-incognito-sub", sub);
    identity.push("x-incognito-username", username);
    identity.push("x-incognito-groups", &groups.join(","));
    identity.push("x-incognito-client-id", client_id);
    identity.push("x-incognito-scopes", &scopes.join(" "));
    identity.push("x-incognito-claims", &Value::Object(claims.clone()).to_string());
    Ok(identity)
}

/// Checks the RS256 signature of `token` (whose header was already checked) with a
/// pre-parsed key and returns its claims.
fn verify_rs256(key: &ParsedPublicKey, token: &str) -> Result<Map<String, Value>, Denial> {
    let bad = || invalid("the token's signature does not verify");
    let (signing_input, signature) = token.rsplit_once('.').ok_or_else(bad)?;
    let (_, payload) = signing_input.split_once('.').ok_or_else(bad)?;
    let signature = URL_SAFE_NO_PAD.decode(signature).map_err(|_| bad())?;
    key.verify_sig(signing_input.as_bytes(), &signature).map_err(|_| bad())?;
    let payload =
        URL_SAFE_NO_PAD.decode(payload).map_err(|_| invalid("the token's payload is not base64url"))?;
    serde_json::from_slice(&payload).map_err(|_| invalid("the token's payload is not a JSON object"))
}

impl Gateway {
    /// The verification key for a pool key, parsed once: building an RSA key from `n`/`e`
    /// on every request (what `jsonwebtoken::DecodingKey` does) costs about as much as the
    /// verification itself.
    fn parsed_key(&self, key: &crate::keys::PoolKey) -> Option<Arc<ParsedPublicKey>> {
        if let Some(found) = self.parsed_keys.read().ok().and_then(|m| m.get(&key.kid).cloned()) {
            return Some(found);
        }
        let AlgorithmParameters::RSA(rsa) = &key.jwk.algorithm else { return None };
        let n = URL_SAFE_NO_PAD.decode(&rsa.n).ok()?;
        let e = URL_SAFE_NO_PAD.decode(&rsa.e).ok()?;
        let parsed = Arc::new(
            RsaPublicKeyComponents { n: n.as_slice(), e: e.as_slice() }
                .to_parsed_public_key(&RSA_PKCS1_2048_8192_SHA256)
                .ok()?,
        );
        if let Ok(mut map) = self.parsed_keys.write() {
            // Keys are never many; start over rather than track which ones retired.
            if map.len() > 1000 {
                map.clear();
            }
            map.insert(key.kid.clone(), parsed.clone());
        }
        Some(parsed)
    }

    /// Whether an unknown `kid` may trigger a reload of `pool`'s keys now.
    fn may_reload_keys(&self, pool: &str) -> bool {
        let Ok(mut last) = self.key_reloads.lock() else { return false };
        let now = Instant::now();
        match last.get(pool) {
            Some(at) if now.duration_since(*at) < KEY_RELOAD_EVERY => false,
            _ => {
                last.insert(pool.to_string(), now);
                true
            }
        }
    }
}
