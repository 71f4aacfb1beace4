//! What `/oauth2/authorize` may grant: the parameters checked in Cognito's order. Before
//! the redirect URI is known to be the client's, a refusal is shown on the domain's error
//! page; after it, the refusal is sent back to the app at its redirect URI.

use serde::{Deserialize, Serialize};

use super::client::{OAuthClient, pool_client};
use super::{OAuthError, split_scopes};
use crate::user_pools::UserPools;

/// The query of `/oauth2/authorize` (and of the hosted pages, which carry it forward).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct AuthorizeParams {
    #[serde(default)]
    pub response_type: Option<String>,
    #[serde(default)]
    pub client_id: Option<String>,
    #[serde(default)]
    pub redirect_uri: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub nonce: Option<String>,
    #[serde(default)]
    pub code_challenge: Option<String>,
    #[serde(default)]
    pub code_challenge_method: Option<String>,
    #[serde(default)]
    pub identity_provider: Option<String>,
    #[serde(default)]
    pub prompt: Option<String>,
    #[serde(default)]
    pub login_hint: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseType {
    /// The authorization code grant: `?code=…`.
    Code,
    /// The implicit grant: tokens in the fragment.
    Token,
}

/// A request `/oauth2/authorize` accepted.
#[derive(Debug, Clone)]
pub struct Authorization {
    pub client: OAuthClient,
    pub response_type: ResponseType,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    pub state: Option<String>,
    pub nonce: Option<String>,
    /// The PKCE `S256` challenge.
    pub code_challenge: Option<String>,
}

/// Why `/oauth2/authorize` refused.
#[derive(Debug)]
pub enum AuthorizeRefusal {
    /// Shown on the domain's error page (`/error?error=…&client_id=…`): the redirect URI
    /// cannot be trusted yet.
    Page {
        error: &'static str,
        client_id: Option<String>,
    },
    /// Sent to the app: `<redirect_uri>?error=…&state=…` (the fragment for `token`).
    Redirect {
        redirect_uri: String,
        fragment: bool,
        error: &'static str,
        description: Option<&'static str>,
        state: Option<String>,
    },
    Internal(crate::user_pools::UserPoolError),
}

/// Checks an authorize request for a domain of `pool_id`.
pub async fn check(
    s: &UserPools,
    pool_id: &str,
    p: &AuthorizeParams,
) -> Result<Authorization, AuthorizeRefusal> {
    let client_id = p.client_id.clone().filter(|c| !c.is_empty());
    let page = |error| AuthorizeRefusal::Page { error, client_id: client_id.clone() };
    let Some(id) = client_id.as_deref() else { return Err(page("invalid_request")) };
    let client = match pool_client(s, pool_id, id).await {
        Ok(c) => c,
        Err(OAuthError::Internal(e)) => return Err(AuthorizeRefusal::Internal(e)),
        Err(_) => return Err(page("invalid_request")),
    };
    // An SDK-only client has no redirect URI it may be sent to.
    if !client.is_oauth() {
        return Err(page("redirect_mismatch"));
    }
    let callbacks = client.settings.callback_urls.clone().unwrap_or_default();
    let redirect_uri = match p.redirect_uri.as_deref().filter(|r| !r.is_empty()) {
        Some(given) => given.to_string(),
        // unsure: AWS's handling of an omitted redirect_uri; the default one if set.
        None => client.settings.default_redirect_uri.clone().ok_or_else(|| page("redirect_mismatch"))?,
    };
    // Exact string equality: scheme, host, port, path and trailing slash all count.
    if !callbacks.contains(&redirect_uri) {
        return Err(page("redirect_mismatch"));
    }
    let fragment = p.response_type.as_deref() == Some("token");
    let redirect = |error, description| AuthorizeRefusal::Redirect {
        redirect_uri: redirect_uri.clone(),
        fragment,
        error,
        description,
        state: p.state.clone(),
    };
    let response_type = match p.response_type.as_deref() {
        Some("code") => ResponseType::Code,
        Some("token") => ResponseType::Token,
        _ => return Err(redirect("invalid_request", Some("invalid response_type"))),
    };
    let flow = if response_type == ResponseType::Code { "code" } else { "implicit" };
    if !client.allows_flow(flow) {
        return Err(redirect("unauthorized_client", None));
    }
    let code_challenge = match (p.code_challenge.as_deref(), p.code_challenge_method.as_deref()) {
        (None, None) => None,
        // RFC 7636: 43 to 128 characters of [A-Za-z0-9-._~] (an S256 challenge is 43).
        (Some(challenge), Some("S256"))
            if (43..=128).contains(&challenge.len())
                && challenge.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b)) =>
        {
            Some(challenge.to_string())
        }
        _ => {
            return Err(redirect("invalid_request", Some("invalid code_challenge or code_challenge_method")));
        }
    };
    let allowed = client.allowed_scopes();
    let mut scopes = match p.scope.as_deref().map(split_scopes) {
        Some(requested) if !requested.is_empty() => requested,
        _ => allowed.to_vec(),
    };
    if scopes.iter().any(|sc| !allowed.contains(sc)) {
        return Err(redirect("invalid_scope", None));
    }
    // The attribute scopes mean nothing without an ID token.
    // unsure: AWS may refuse instead of dropping them.
    if !scopes.iter().any(|sc| sc == "openid") {
        scopes.retain(|sc| !["email", "phone", "profile"].contains(&sc.as_str()));
    }
    let supported = client.settings.supported_identity_providers.clone().unwrap_or_default();
    // Without COGNITO the client offers no username/password sign-in, and federated
    // providers arrive with user-pool federation: nothing to sign in with.
    // unsure: AWS's answer here (its hosted UI shows an error page).
    if !supported.iter().any(|s| s == "COGNITO") {
        return Err(redirect(
            "invalid_request",
            Some("the client has no identity provider (SupportedIdentityProviders)"),
        ));
    }
    if let Some(idp) = p.identity_provider.as_deref() {
        // Federated providers arrive with user-pool federation; until then only COGNITO.
        if idp != "COGNITO" || !supported.iter().any(|s| s == idp) {
            return Err(redirect(
                "invalid_request",
                Some("identity_provider is not supported by the client"),
            ));
        }
    }
    Ok(Authorization {
        client,
        response_type,
        redirect_uri,
        scopes,
        state: p.state.clone(),
        nonce: p.nonce.clone(),
        code_challenge,
    })
}
