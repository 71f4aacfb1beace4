//! The STS subset: GetCallerIdentity and AssumeRoleWithWebIdentity with the OpenID tokens of
//! our identity pools. API reference:
//! <https://docs.aws.amazon.com/STS/latest/APIReference/API_Operations.html>.

use super::Credentials;
use super::openid::{self, OpenIdClaims, OpenIdRefusal};
use super::wire::{Node, Output, Params, text, timestamp};
use super::{CredentialsError, Grant, SessionClaims, roles};
use crate::validation;

/// The operations, by `Action`.
pub const OPERATIONS: &[&str] = &["GetCallerIdentity", "AssumeRoleWithWebIdentity"];

/// Who signed a request, as the adapter established it.
#[derive(Debug)]
pub enum Caller {
    /// The operator's admin credentials (or anyone, in open admin mode).
    Operator,
    /// Temporary credentials minted here.
    Session(Box<SessionClaims>),
}

/// `AROA…:<session name>`: the role id is in the token when the role was looked up at
/// minting; otherwise it is looked up (cached).
async fn assumed_role_id(s: &Credentials, claims: &SessionClaims) -> Result<String, CredentialsError> {
    let role_id = match &claims.role_id {
        Some(id) => id.clone(),
        None => match roles::role(s, &claims.role_arn).await? {
            Some(role) => role.role_id.clone(),
            // AWS deviation: a deleted role has no id; a stable stand-in derived from the ARN.
            None => {
                let mac = s.sealer.mac("role-id", claims.role_arn.as_bytes());
                let digits: String = mac.iter().map(|b| (b'A' + b % 26) as char).take(17).collect();
                format!("AROA{digits}")
            }
        },
    };
    Ok(format!("{role_id}:{}", claims.role_session_name))
}

/// <https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html>
pub async fn get_caller_identity(s: &Credentials, caller: &Caller) -> Result<Output, CredentialsError> {
    let account = s.account_id().to_string();
    let (user_id, arn) = match caller {
        Caller::Operator => (account.clone(), format!("arn:aws:iam::{account}:root")),
        Caller::Session(claims) => (assumed_role_id(s, claims).await?, claims.assumed_role_arn(&account)),
    };
    Ok(Some(vec![("UserId", text(user_id)), ("Account", text(account)), ("Arn", text(arn))]))
}

fn invalid_token() -> CredentialsError {
    // The STS API reference's description of InvalidIdentityToken.
    CredentialsError::InvalidIdentityToken(
        "The web identity token that was passed could not be validated by AWS. Get a new identity \
         token from the identity provider and then retry the request."
            .into(),
    )
}

/// The payload of a JWT without verifying it: only to choose the error after verification
/// already failed.
fn unverified_claims(token: &str) -> Option<serde_json::Value> {
    use base64::Engine;
    let payload = token.split('.').nth(1)?;
    let bytes =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    serde_json::from_slice(&bytes).ok()
}

async fn verify_web_identity(s: &Credentials, token: &str) -> Result<OpenIdClaims, CredentialsError> {
    match openid::verify_open_id_token(s, token).await {
        Ok(claims) => Ok(claims),
        Err(OpenIdRefusal::Invalid | OpenIdRefusal::Expired) => {
            let now = s.clock.now_secs();
            let claims = unverified_claims(token);
            let claim = |name: &str| claims.as_ref().and_then(|c| c.get(name).cloned());
            if let Some(iss) =
                claim("iss").as_ref().and_then(|v| v.as_str()).filter(|iss| *iss != openid::issuer(s))
            {
                // AWS's wording for an issuer with no IAM OIDC provider (we trust only our own).
                return Err(CredentialsError::InvalidIdentityToken(format!(
                    "No OpenIDConnect provider found in your account for {iss}"
                )));
            }
            match claim("exp").and_then(|v| v.as_i64()) {
                // AWS's wording, as STS answers for an expired web identity token.
                Some(exp) if exp <= now => Err(CredentialsError::ExpiredWebIdentityToken(format!(
                    "Token expired: current date/time {now} must be before the expiration date/time {exp}"
                ))),
                _ => Err(invalid_token()),
            }
        }
        Err(OpenIdRefusal::Keys(e)) => Err(CredentialsError::Internal(crate::error::Internal::source(e))),
    }
}

/// <https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html>
///
/// The web identity token must be an OpenID token of one of our identity pools
/// (GetOpenIdToken); the role's trust policy is checked as for GetCredentialsForIdentity.
// AWS deviation: tokens of other OpenID Connect providers registered in IAM, OAuth 2.0 access
// tokens (ProviderId) and session policies (Policy, PolicyArns) are not supported.
pub async fn assume_role_with_web_identity(s: &Credentials, p: &Params) -> Result<Output, CredentialsError> {
    let role_arn = p.required("RoleArn")?;
    validation::length("RoleArn", role_arn, Some(role_arn), 20, 2048)?;
    let session_name = p.required("RoleSessionName")?;
    validation::length("RoleSessionName", session_name, Some(session_name), 2, 64)?;
    let name_ok = session_name.chars().all(|c| validation::is_word(c) || "+=,.@-".contains(c));
    validation::pattern("RoleSessionName", Some(session_name), name_ok, r"[\w+=,.@-]*")?;
    let token = p.required("WebIdentityToken")?;
    validation::length("WebIdentityToken", token, None, 4, 20_000)?;
    let duration = p.int("DurationSeconds")?;
    validation::range("DurationSeconds", duration, 900, 43_200)?;
    if p.get("Policy").is_some() || p.get("PolicyArns.member.1.arn").is_some() {
        return Err(CredentialsError::Validation(
            "Session policies are not supported by this service.".into(),
        ));
    }

    let claims = verify_web_identity(s, token).await?;
    let role = roles::role(s, role_arn).await?.ok_or_else(CredentialsError::not_authorized_to_assume)?;
    let duration = duration.unwrap_or(3600);
    if duration > role.max_session_duration {
        return Err(CredentialsError::Validation(
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.".into(),
        ));
    }
    let grant = Grant {
        role_arn: role.arn.clone(),
        role_session_name: session_name.to_string(),
        identity_id: Some(claims.sub.clone()),
        identity_pool_id: Some(claims.aud.clone()),
        authentication_provider: Some(super::COGNITO_FEDERATED.to_string()),
        subject: claims.sub.clone(),
        amr: claims.amr.clone(),
        principal_tags: claims.principal_tags(),
        duration_seconds: duration,
    };
    let issued = super::assume_role_for_identity(s, &claims, grant).await?;
    let account = s.account_id();
    Ok(Some(vec![
        (
            "Credentials",
            Node::Struct(vec![
                ("AccessKeyId", text(issued.access_key_id)),
                ("SecretAccessKey", text(issued.secret_access_key)),
                ("SessionToken", text(issued.session_token)),
                ("Expiration", timestamp(issued.expiration)),
            ]),
        ),
        ("SubjectFromWebIdentityToken", text(claims.sub.clone())),
        (
            "AssumedRoleUser",
            Node::Struct(vec![
                ("AssumedRoleId", text(format!("{}:{session_name}", role.role_id))),
                ("Arn", text(format!("arn:aws:sts::{account}:assumed-role/{}/{session_name}", role.name))),
            ]),
        ),
        ("Provider", text(claims.iss.clone())),
        ("Audience", text(claims.aud.clone())),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unverified_claims_read_the_payload_only() {
        use base64::Engine;
        let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(br#"{"exp":123}"#);
        assert_eq!(unverified_claims(&format!("h.{payload}.s")).unwrap()["exp"], 123);
        assert_eq!(unverified_claims("not-a-jwt"), None);
    }
}
