//! The `iam` authorizer: a request SigV4-signed (in the `Authorization` header, or presigned
//! in the query) with identity-pool credentials, then the role's policies evaluated for
//! `execute-api:Invoke`, as API Gateway's IAM authorization does.
//!
//! No database read per request: the session token is opened with the master key
//! (`credentials::open_for_key`, through the per-node session cache), which yields the secret,
//! role, identity and expiry; the role's policies come from `credentials::roles::role`, cached
//! a few seconds.
//!
//! The resource is `arn:aws:execute-api:<region>:<account>:<route name>/<stage>/<METHOD>/<path>`
//! with the route's name as the api id, `gateway.stage` (default `$default`) as the stage, and
//! the request path without its leading `/`. Every failure is a 403 whose `message` is AWS's
//! and whose `reason` says what to fix.

use axum::http::{HeaderMap, Method, Uri, header};
use serde_json::Value;

use super::{Denial, Gateway, Identity, Route};
use crate::credentials::policy::{self, Decision, PolicyRequest};
use crate::credentials::{self, CredentialsError, SessionClaims};
use crate::crypto::sigv4;

/// The action API Gateway authorizes.
pub const INVOKE: &str = "execute-api:Invoke";
/// The service name clients sign for.
const SERVICE: &str = "execute-api";

fn refused(message: impl Into<String>, reason: impl Into<String>) -> Denial {
    Denial::SignatureRefused { message: message.into(), reason: reason.into() }
}

fn explain(e: &CredentialsError) -> Denial {
    let reason = match e {
        CredentialsError::MissingAuthenticationToken => {
            "sign the request with SigV4 (service execute-api) using identity-pool credentials"
        }
        CredentialsError::InvalidClientTokenId => {
            "send the SessionToken issued with these credentials as X-Amz-Security-Token, signed with its own AccessKeyId"
        }
        CredentialsError::ExpiredToken => {
            "the credentials have expired; get new ones (GetCredentialsForIdentity)"
        }
        CredentialsError::SignatureDoesNotMatch(_) => {
            "sign exactly the method, path, query, signed headers and body sent, with the SecretKey of these \
             credentials, within 15 minutes of the server's time"
        }
        CredentialsError::IncompleteSignature(_) => "the SigV4 Authorization header or query is malformed",
        _ => "the request could not be authenticated",
    };
    let message = match e {
        // API Gateway's wording (STS says "Request is missing Authentication Token").
        CredentialsError::MissingAuthenticationToken => "Missing Authentication Token".to_string(),
        e => e.to_string(),
    };
    refused(message, reason)
}

/// `arn:aws:execute-api:<region>:<account>:<api>/<stage>/<METHOD>/<path without leading />`.
pub fn resource_arn(
    region: &str,
    account: &str,
    api: &str,
    stage: &str,
    method: &Method,
    path: &str,
) -> String {
    format!("arn:aws:execute-api:{region}:{account}:{api}/{stage}/{method}/{}", path.trim_start_matches('/'))
}

/// Authenticates the request from its header or presigned query. No database read.
fn authenticate(
    gw: &Gateway,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<SessionClaims, Denial> {
    let s = &gw.state.credentials;
    let check_scope = |auth: &sigv4::Authorization| {
        if auth.service != SERVICE {
            return Err(refused(
                format!("Credential should be scoped to correct service: '{SERVICE}'. "),
                format!("sign for the service '{SERVICE}', not '{}'", auth.service),
            ));
        }
        if auth.region != s.region() {
            return Err(refused(
                format!("Credential should be scoped to a valid region, not '{}'. ", auth.region),
                format!("sign for the region '{}'", s.region()),
            ));
        }
        Ok(())
    };
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        let parsed = sigv4::parse_authorization(value.to_str().unwrap_or_default())
            .map_err(|e| explain(&CredentialsError::from(e)))?;
        check_scope(&parsed)?;
        return credentials::authenticate_request(s, method, uri, headers, body).map_err(|e| explain(&e));
    }
    let presigned = sigv4::parse_presigned(uri)
        .map_err(|e| explain(&CredentialsError::from(e)))?
        .ok_or_else(|| explain(&CredentialsError::MissingAuthenticationToken))?;
    check_scope(&presigned.auth)?;
    let token = presigned
        .security_token
        .as_deref()
        .ok_or_else(|| explain(&CredentialsError::InvalidClientTokenId))?;
    let session =
        credentials::open_for_key(s, token, &presigned.auth.access_key_id).map_err(|e| explain(&e))?;
    let claims = session.claims.clone();
    sigv4::verify_presigned(
        method,
        uri,
        headers,
        body,
        &presigned,
        &claims.secret_access_key,
        s.clock.now_utc(),
    )
    .map_err(|e| explain(&CredentialsError::from(e)))?;
    Ok(claims)
}

pub async fn authorize(
    gw: &Gateway,
    route: &Route,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Identity, Denial> {
    let s = &gw.state.credentials;
    let claims = authenticate(gw, method, uri, headers, body)?;
    let caller = claims.assumed_role_arn(s.account_id());
    let resource =
        resource_arn(s.region(), s.account_id(), &route.config.name, &gw.config.stage, method, uri.path());
    let not_authorized = |explicit: bool, reason: String| Denial::NotAuthorized {
        message: format!(
            "User: {caller} is not authorized to perform: {INVOKE} on resource: {resource}{}",
            if explicit { " with an explicit deny" } else { "" }
        ),
        reason,
    };
    let role = match credentials::roles::role(s, &claims.role_arn).await {
        Ok(Some(role)) => role,
        Ok(None) => {
            return Err(not_authorized(false, format!("the role {} no longer exists", claims.role_arn)));
        }
        Err(e) => {
            tracing::error!(error = %e, "loading a role for the gateway failed");
            return Err(Denial::Unavailable);
        }
    };
    let mut context = claims.policy_context();
    let now = s.clock.now_utc();
    context.insert("aws:CurrentTime".into(), Value::String(now.format("%Y-%m-%dT%H:%M:%SZ").to_string()));
    context.insert("aws:EpochTime".into(), Value::from(now.timestamp()));
    context.insert("aws:SecureTransport".into(), Value::Bool(false));
    let request = PolicyRequest { action: INVOKE.into(), resource: resource.clone(), context };
    let documents: Vec<&str> = role.policies.iter().map(|(_, d)| d.as_str()).collect();
    match policy::evaluate(&documents, &request) {
        Decision::Allow => {}
        Decision::ExplicitDeny => {
            let denying: Vec<&str> = role
                .policies
                .iter()
                .filter(|(_, d)| policy::evaluate(&[d.as_str()], &request) == Decision::ExplicitDeny)
                .map(|(name, _)| name.as_str())
                .collect();
            return Err(not_authorized(
                true,
                format!(
                    "a Deny statement in policy [{}] of role {} matches {INVOKE} on {resource}; Deny wins over Allow",
                    denying.join(", "),
                    role.name
                ),
            ));
        }
        Decision::ImplicitDeny => {
            return Err(not_authorized(
                false,
                format!(
                    "no policy of role {} allows {INVOKE} on {resource}; add a statement allowing it \
                     (e.g. Resource \"arn:aws:execute-api:*:*:{}/*\")",
                    role.name, route.config.name
                ),
            ));
        }
    }
    let mut identity = Identity::default();
    identity.push("x-incognito-identity-id", claims.identity_id.as_deref().unwrap_or_default());
    identity.push("x-incognito-identity-pool-id", claims.identity_pool_id.as_deref().unwrap_or_default());
    identity.push("x-incognito-role-arn", &claims.role_arn);
    identity.push(
        "x-incognito-authentication-provider",
        claims.authentication_provider.as_deref().unwrap_or_default(),
    );
    let verified = serde_json::json!({
        "identity_id": claims.identity_id,
        "identity_pool_id": claims.identity_pool_id,
        "role_arn": claims.role_arn,
        "role_session_name": claims.role_session_name,
        "caller_arn": caller,
        "authentication_provider": claims.authentication_provider,
        "subject": claims.subject,
        "amr": claims.amr,
        "principal_tags": claims.principal_tags,
        "access_key_id": claims.access_key_id,
        "issued_at": claims.issued_at,
        "expires_at": claims.expires_at,
    });
    identity.push("x-incognito-claims", &verified.to_string());
    Ok(identity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_arns_follow_api_gateway() {
        assert_eq!(
            resource_arn("us-east-1", "000000000000", "orders", "$default", &Method::GET, "/orders/1"),
            "arn:aws:execute-api:us-east-1:000000000000:orders/$default/GET/orders/1"
        );
        assert_eq!(
            resource_arn("eu-west-1", "123456789012", "api", "prod", &Method::POST, "/"),
            "arn:aws:execute-api:eu-west-1:123456789012:api/prod/POST/"
        );
    }
}
