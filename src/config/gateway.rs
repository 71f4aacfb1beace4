//! The `[gateway]` section of the configuration and its validation at start.
//!
//! ```toml
//! [gateway]
//! listen = "127.0.0.1:9230"
//!
//! [[gateway.routes]]
//! name = "orders"
//! path = "/orders"
//! upstream = "http://127.0.0.1:7000"
//! authorizer = "cognito"
//! user_pool_id = "us-east-1_Example01"
//! ```

use std::collections::HashSet;
use std::net::SocketAddr;

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GatewayConfig {
    /// Address of the gateway's own listener (not the API's).
    pub listen: String,
    /// The stage in `execute-api` ARNs evaluated by the `iam` authorizer.
    pub stage: String,
    /// Upper bound on establishing a TCP connection to an upstream; past it, 504.
    pub connect_timeout_ms: u64,
    /// Upper bound on waiting for an upstream's response head; past it, 504. Per-route
    /// `timeout_ms` overrides it. The body then streams for as long as it takes.
    pub timeout_ms: u64,
    /// How often the revocation view (sign-outs, revoked refresh-token families) is
    /// refreshed from the database. A revocation takes effect within this plus one query.
    pub revocation_poll_ms: u64,
    /// The largest body the `iam` authorizer buffers to check the payload hash.
    pub signed_body_limit_bytes: usize,
    pub routes: Vec<RouteConfig>,
}

impl Default for GatewayConfig {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:9230".into(),
            stage: "$default".into(),
            connect_timeout_ms: 5_000,
            timeout_ms: 30_000,
            revocation_poll_ms: 500,
            signed_body_limit_bytes: 10 * 1024 * 1024,
            routes: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthorizerKind {
    /// A user-pool JWT (`Authorization: Bearer …` or the raw token).
    Cognito,
    /// SigV4 with identity-pool credentials, checked against the role's policies.
    Iam,
    /// Anyone may call the route; identity headers are still stripped.
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum TokenUse {
    #[default]
    Access,
    Id,
}

impl TokenUse {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenUse::Access => "access",
            TokenUse::Id => "id",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteConfig {
    /// Also the api-id in `execute-api` ARNs.
    pub name: String,
    /// A path prefix, matched on segment boundaries; the longest matching prefix wins.
    pub path: String,
    /// `http://host:port[/base]`; the request path is appended unchanged.
    pub upstream: String,
    pub authorizer: AuthorizerKind,
    /// `cognito`: the pool whose tokens are accepted.
    #[serde(default)]
    pub user_pool_id: Option<String>,
    /// `cognito`: allowed app clients (`aud` of ID tokens, `client_id` of access tokens).
    #[serde(default)]
    pub client_ids: Vec<String>,
    #[serde(default)]
    pub token_use: TokenUse,
    /// `cognito`, access tokens: the token must carry at least one of these.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// `cognito`: `cognito:groups` must contain at least one of these.
    #[serde(default)]
    pub groups: Vec<String>,
    /// `cognito`: claims the token must carry with exactly these values (a string claim
    /// equal to the value, or an array claim holding it), e.g. what a PreTokenGeneration
    /// trigger added: `claims = { tier = "gold" }`. ID tokens also carry user attributes, which
    /// users may write themselves when the app client allows it: such a claim proves nothing.
    #[serde(default)]
    pub claims: std::collections::BTreeMap<String, String>,
    /// Overrides `gateway.timeout_ms` for this route.
    #[serde(default)]
    pub timeout_ms: Option<u64>,
}

impl GatewayConfig {
    pub fn listen_addr(&self) -> Result<SocketAddr, String> {
        self.listen.parse().map_err(|_| format!("gateway.listen: not an address: {}", self.listen))
    }

    /// Checks everything serde cannot, so a bad route fails the start, not a request.
    pub fn validate(&self) -> Result<(), String> {
        self.listen_addr()?;
        if self.stage.is_empty() || self.stage.contains('/') {
            return Err("gateway.stage must be non-empty and contain no '/'".into());
        }
        if self.revocation_poll_ms == 0 || self.timeout_ms == 0 || self.connect_timeout_ms == 0 {
            return Err("gateway: timeouts and revocation_poll_ms must be positive".into());
        }
        let mut names = HashSet::new();
        let mut paths = HashSet::new();
        for r in &self.routes {
            let at = format!("gateway.routes[name = {:?}]", r.name);
            if r.name.is_empty()
                || !r.name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                return Err(format!("{at}: name must be non-empty [A-Za-z0-9_-]"));
            }
            if !names.insert(&r.name) {
                return Err(format!("{at}: duplicate route name"));
            }
            if !r.path.starts_with('/') || r.path.contains(['?', '#']) {
                return Err(format!("{at}: path must start with '/' and hold no query"));
            }
            if !paths.insert(normalized_prefix(&r.path)) {
                return Err(format!("{at}: another route has the same path {}", r.path));
            }
            let upstream: axum::http::Uri =
                r.upstream.parse().map_err(|_| format!("{at}: upstream is not a URL: {}", r.upstream))?;
            if upstream.scheme_str() != Some("http") || upstream.authority().is_none() {
                return Err(format!(
                    "{at}: upstream must be http://host:port[/path] (TLS to upstreams is not supported)"
                ));
            }
            if upstream.query().is_some() {
                return Err(format!("{at}: upstream must not have a query"));
            }
            if r.timeout_ms == Some(0) {
                return Err(format!("{at}: timeout_ms must be positive"));
            }
            match r.authorizer {
                AuthorizerKind::Cognito => {
                    let pool = r
                        .user_pool_id
                        .as_deref()
                        .ok_or_else(|| format!("{at}: authorizer = \"cognito\" needs user_pool_id"))?;
                    if crate::validation::user_pool_id(pool).is_err() {
                        return Err(format!("{at}: user_pool_id is not a user pool id: {pool}"));
                    }
                    if r.token_use == TokenUse::Id && !r.scopes.is_empty() {
                        return Err(format!(
                            "{at}: scopes need token_use = \"access\" (ID tokens carry no scopes)"
                        ));
                    }
                }
                AuthorizerKind::Iam | AuthorizerKind::None => {
                    if r.user_pool_id.is_some()
                        || !r.client_ids.is_empty()
                        || !r.scopes.is_empty()
                        || !r.groups.is_empty()
                        || !r.claims.is_empty()
                        || r.token_use != TokenUse::Access
                    {
                        return Err(format!(
                            "{at}: user_pool_id, client_ids, token_use, scopes, groups and claims apply \
                             only to authorizer = \"cognito\""
                        ));
                    }
                }
            }
        }
        Ok(())
    }
}

/// `/orders/` and `/orders` are the same prefix.
pub(crate) fn normalized_prefix(path: &str) -> &str {
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() { "/" } else { trimmed }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(toml_text: &str) -> Result<GatewayConfig, String> {
        let c: GatewayConfig = toml::from_str(toml_text).map_err(|e| e.to_string())?;
        c.validate()?;
        Ok(c)
    }

    #[test]
    fn the_issue_example_parses() {
        let c = parse(
            r#"
            listen = "127.0.0.1:9230"
            [[routes]]
            name = "orders"
            path = "/orders"
            upstream = "http://127.0.0.1:7000"
            authorizer = "cognito"
            user_pool_id = "us-east-1_Example01"
            client_ids = ["abc"]
            token_use = "access"
            scopes = ["orders/read"]
            groups = ["admins"]
            "#,
        )
        .unwrap();
        assert_eq!(c.routes[0].authorizer, AuthorizerKind::Cognito);
        assert_eq!(c.stage, "$default");
    }

    #[test]
    fn bad_routes_are_refused_with_the_route_named() {
        let cases = [
            (
                "unknown key",
                r#"[[routes]]
name = "a"
path = "/a"
upstream = "http://x:1"
authorizer = "none"
colour = "red""#,
                "colour",
            ),
            (
                "cognito without pool",
                r#"[[routes]]
name = "a"
path = "/a"
upstream = "http://x:1"
authorizer = "cognito""#,
                "needs user_pool_id",
            ),
            (
                "https upstream",
                r#"[[routes]]
name = "a"
path = "/a"
upstream = "https://x:1"
authorizer = "none""#,
                "TLS",
            ),
            (
                "scopes on iam",
                r#"[[routes]]
name = "a"
path = "/a"
upstream = "http://x:1"
authorizer = "iam"
scopes = ["s"]"#,
                "apply only",
            ),
            (
                "path without slash",
                r#"[[routes]]
name = "a"
path = "a"
upstream = "http://x:1"
authorizer = "none""#,
                "must start",
            ),
            (
                "duplicate path",
                r#"[[routes]]
name = "a"
path = "/a"
upstream = "http://x:1"
authorizer = "none"
[[routes]]
name = "b"
path = "/a/"
upstream = "http://x:1"
authorizer = "none""#,
                "same path",
            ),
        ];
        for (what, text, needle) in cases {
            let err = parse(text).unwrap_err();
            assert!(err.contains(needle), "{what}: {err}");
        }
    }
}
