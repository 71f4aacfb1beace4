//! Authorization codes: minted for a signed-in user by `/oauth2/authorize` (or the sign-in
//! page), stored as SHA-256, redeemed once at `/oauth2/token` within their lifetime by the
//! client they were issued to, with the same redirect URI and, when a PKCE challenge was
//! bound, the verifier whose S256 hash it is.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::OAuthError;
use super::authorize::Authorization;
use super::client::OAuthClient;
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::PoolSettings;
use crate::user_pools::store::{AuthorizationCodeRow, UserRow};
use crate::user_pools::tokens::Issuing;
use crate::user_pools::tokens::{self, AuthenticationResult, OAuthGrant, hash_refresh_token};
use crate::user_pools::triggers::{Caller, token as token_trigger};

/// What a code grants, stored with it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct CodeGrant {
    redirect_uri: String,
    scopes: Vec<String>,
    #[serde(default)]
    nonce: Option<String>,
    #[serde(default)]
    code_challenge: Option<String>,
    /// The sign-in the code carries (epoch seconds), kept across the family.
    auth_time: i64,
    /// The user's `sub` at sign-in: a user re-created under the same name is not the same.
    sub: String,
}

/// Mints a code for `user`, signed in at `auth_time`, under `authorization`.
pub async fn issue(
    s: &UserPools,
    authorization: &Authorization,
    user: &UserRow,
    auth_time: i64,
) -> Result<String, UserPoolError> {
    let code = crate::crypto::ids::uuid();
    let grant = CodeGrant {
        redirect_uri: authorization.redirect_uri.clone(),
        scopes: authorization.scopes.clone(),
        nonce: authorization.nonce.clone(),
        code_challenge: authorization.code_challenge.clone(),
        auth_time,
        sub: user.sub.clone(),
    };
    let grant_data = serde_json::to_string(&grant)
        .map_err(|e| UserPoolError::Internal(crate::error::Internal::because("code grant", e)))?;
    s.store
        .insert_authorization_code(&AuthorizationCodeRow {
            code_hash: hash_refresh_token(&code),
            user_pool_id: user.user_pool_id.clone(),
            client_id: authorization.client.row.client_id.clone(),
            username_key: user.username_key.clone(),
            grant_data,
            expires_at: s.clock.now_millis() + s.config.hosted_ui.auth_code_seconds * 1000,
        })
        .await?;
    Ok(code)
}

/// `BASE64URL-NOPAD(SHA-256(verifier))`, compared in constant time.
pub fn pkce_matches(verifier: &str, challenge: &str) -> bool {
    let computed = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    bool::from(computed.as_bytes().ct_eq(challenge.as_bytes()))
}

/// The `authorization_code` grant: the code's tokens, once.
pub async fn redeem(
    s: &UserPools,
    settings: &PoolSettings,
    client: &OAuthClient,
    code: &str,
    redirect_uri: Option<&str>,
    verifier: Option<&str>,
) -> Result<AuthenticationResult, OAuthError> {
    // Taken out before anything else is checked: a code that fails a check is spent too,
    // so it cannot be retried with other guesses.
    let row =
        s.store.take_authorization_code(&hash_refresh_token(code)).await?.ok_or(OAuthError::InvalidGrant)?;
    if row.client_id != client.row.client_id
        || row.user_pool_id != client.row.user_pool_id
        || row.expires_at <= s.clock.now_millis()
    {
        return Err(OAuthError::InvalidGrant);
    }
    let grant: CodeGrant = serde_json::from_str(&row.grant_data).map_err(|_| OAuthError::InvalidGrant)?;
    if redirect_uri != Some(grant.redirect_uri.as_str()) {
        return Err(OAuthError::InvalidGrant);
    }
    if let Some(challenge) = &grant.code_challenge {
        match verifier {
            Some(v) if pkce_matches(v, challenge) => {}
            _ => return Err(OAuthError::InvalidGrant),
        }
    }
    let user = s
        .store
        .get_user(&row.user_pool_id, &row.username_key)
        .await?
        .filter(|u| u.sub == grant.sub && u.enabled && u.tokens_valid_after <= grant.auth_time)
        .ok_or(OAuthError::InvalidGrant)?;
    let oauth = OAuthGrant { scopes: grant.scopes, nonce: grant.nonce, auth_time: Some(grant.auth_time) };
    let how = Issuing {
        origin: None,
        oauth: Some(&oauth),
        source: token_trigger::HOSTED_AUTH,
        caller: Caller::new(&client.row, None),
    };
    Ok(tokens::issue(s, settings, &client.row, &user, how).await?)
}

#[cfg(test)]
mod tests {
    use super::pkce_matches;

    #[test]
    fn pkce_s256_matches_an_independent_computation() {
        // The challenge computed with Python's hashlib and base64 (urlsafe, padding stripped).
        let verifier = "dBjftJeZ4CVP-mJ92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let challenge = "ngF5GsXcbwljx6u133FFr3Xht9xooA_DuaX_3QwODtc";
        assert!(pkce_matches(verifier, challenge));
        assert!(!pkce_matches("another-verifier", challenge));
        // A plain challenge (the verifier itself) is not S256.
        assert!(!pkce_matches(verifier, verifier));
    }
}
