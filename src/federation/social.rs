//! Access-token logins, which only the provider itself can check:
//! - Facebook (`graph.facebook.com`, plain OAuth 2.0, no ID token): the Graph API's
//!   `GET /me?fields=id` names the user and `GET /app` the app the token was issued to,
//!   which must be the pool's configured app id. Neither call needs the app secret.
//! - Login with Amazon (`www.amazon.com`): `GET /auth/o2/tokeninfo` names the user, the
//!   app (`app_id`) and the client (`aud`); one of them must be the configured app id.
//!
//! The token travels in the query string as these APIs document; errors are worded
//! without the URL so it never reaches a log.

use serde_json::{Map, Value};

use super::{AMAZON, FACEBOOK, Response, external, messages, refused, url_with};

use super::{Federation, FederationError};

// unsure: AWS's wording for a Facebook token the Graph API refuses.
const FACEBOOK_INVALID: &str = "Invalid login token. The Facebook access token is invalid or has expired.";
// unsure: AWS's wording for an Amazon token tokeninfo refuses.
const AMAZON_INVALID: &str =
    "Invalid login token. The Login with Amazon access token is invalid or has expired.";

/// Graph API error codes that mean "this token is no good" (rather than "we are down"):
/// 190 invalid/expired OAuth token, 102 session, 10 and 200–299 permissions, 2500 not a
/// user token, 100 invalid parameter (a malformed token).
fn graph_refuses(code: i64) -> bool {
    matches!(code, 190 | 102 | 100 | 10 | 200..=299 | 2500)
}

/// A Graph API answer: the JSON of a 200, a refusal for a token error, else unreachable.
fn graph(answer: Result<Response, String>) -> Result<Value, FederationError> {
    let answer = answer.map_err(|e| external(FACEBOOK, &e))?;
    let body: Value = serde_json::from_slice(&answer.body).map_err(|_| {
        external(FACEBOOK, &format!("the Graph API answered HTTP {} without JSON", answer.status))
    })?;
    if answer.status == 200 && body.get("error").is_none() {
        return Ok(body);
    }
    let code = body.pointer("/error/code").and_then(Value::as_i64);
    if code.is_some_and(graph_refuses) {
        return Err(refused(FACEBOOK_INVALID));
    }
    Err(external(FACEBOOK, &format!("the Graph API answered HTTP {} (error code {code:?})", answer.status)))
}

pub async fn facebook(
    s: &Federation,
    app_ids: &[String],
    token: &str,
) -> Result<(String, Map<String, Value>), FederationError> {
    let base = &s.config.facebook_graph_url;
    let bad_url = |e: String| external(FACEBOOK, &e);
    let me = url_with(base, "/me", &[("fields", "id"), ("access_token", token)]).map_err(bad_url)?;
    let app = url_with(base, "/app", &[("access_token", token)]).map_err(bad_url)?;
    let (me, app) = tokio::join!(s.get(me), s.get(app));
    let (me, app) = (graph(me)?, graph(app)?);
    let app_id = app
        .get("id")
        .and_then(Value::as_str)
        .ok_or_else(|| external(FACEBOOK, "the Graph API did not name the token's app"))?;
    if !app_ids.iter().any(|id| id == app_id) {
        // unsure: AWS's wording for a token of another Facebook app.
        return Err(refused(messages::NOT_SUPPORTED));
    }
    let user_id = me
        .get("id")
        .and_then(Value::as_str)
        .filter(|id| !id.is_empty())
        .ok_or_else(|| external(FACEBOOK, "the Graph API did not name the user"))?;
    let mut claims = Map::new();
    claims.insert("sub".into(), user_id.into());
    claims.insert("app_id".into(), app_id.into());
    Ok((user_id.to_string(), claims))
}

pub async fn amazon(
    s: &Federation,
    app_ids: &[String],
    token: &str,
) -> Result<(String, Map<String, Value>), FederationError> {
    let url = url_with(&s.config.amazon_tokeninfo_url, "", &[("access_token", token)])
        .map_err(|e| external(AMAZON, &e))?;
    let answer = s.get(url).await.map_err(|e| external(AMAZON, &e))?;
    let body: Value = serde_json::from_slice(&answer.body)
        .map_err(|_| external(AMAZON, &format!("tokeninfo answered HTTP {} without JSON", answer.status)))?;
    if answer.status != 200 {
        let error = body.get("error").and_then(Value::as_str);
        if matches!(answer.status, 400 | 401) && matches!(error, Some("invalid_token" | "invalid_request")) {
            return Err(refused(AMAZON_INVALID));
        }
        return Err(external(AMAZON, &format!("tokeninfo answered HTTP {}", answer.status)));
    }
    let Value::Object(mut claims) = body else {
        return Err(external(AMAZON, "tokeninfo answered something else than an object"));
    };
    let field = |name: &str| claims.get(name).and_then(Value::as_str).map(str::to_string);
    let matches = [field("app_id"), field("aud")].into_iter().flatten().any(|v| app_ids.contains(&v));
    if !matches {
        // unsure: AWS's wording for a token of another Amazon app.
        return Err(refused(messages::NOT_SUPPORTED));
    }
    // tokeninfo's `exp` is the number of seconds the token has left.
    if claims.get("exp").and_then(Value::as_i64).is_some_and(|left| left <= 0) {
        return Err(refused(AMAZON_INVALID));
    }
    let user_id = field("user_id")
        .filter(|id| !id.is_empty())
        .ok_or_else(|| external(AMAZON, "tokeninfo did not name the user"))?;
    claims.insert("sub".into(), user_id.clone().into());
    Ok((user_id, claims))
}
