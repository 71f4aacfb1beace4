//! Sign-in flows, Cognito-shaped tokens, refresh, challenges, lockout and revocation,
//! through the AWS SDK for Rust; tokens checked with jsonwebtoken from the published JWKS.

use std::collections::HashMap;
use std::sync::Arc;

use aws_sdk_cognitoidentityprovider::types::{
    AttributeType, AuthFlowType, AuthenticationResultType, ChallengeNameType, ExplicitAuthFlowsType,
    MessageActionType, PreventUserExistenceErrorTypes,
};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use incognito::clock::FixedClock;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::Value;

use crate::helpers::{Options, TestApp, code, message};

const PASSWORD: &str = "Correct-Horse-9";

struct Fixture {
    app: TestApp,
    pool: String,
    client: String,
}

/// A pool with a confirmed user `alice` (email alice@example.com) and a public client.
async fn fixture_with(options: Options, flows: &[ExplicitAuthFlowsType], prevent: Option<&str>) -> Fixture {
    let app = TestApp::spawn_with(options).await;
    let pool = app.pool().await;
    let mut create = app.idp.create_user_pool_client().user_pool_id(&pool).client_name("app");
    for f in flows {
        create = create.explicit_auth_flows(f.clone());
    }
    if let Some(p) = prevent {
        create = create.prevent_user_existence_errors(PreventUserExistenceErrorTypes::from(p));
    }
    let client = create.send().await.unwrap().user_pool_client.unwrap().client_id.unwrap();
    app.idp
        .admin_create_user()
        .user_pool_id(&pool)
        .username("alice")
        .user_attributes(AttributeType::builder().name("email").value("alice@example.com").build().unwrap())
        .user_attributes(AttributeType::builder().name("email_verified").value("true").build().unwrap())
        .message_action(MessageActionType::Suppress)
        .send()
        .await
        .unwrap();
    app.idp
        .admin_set_user_password()
        .user_pool_id(&pool)
        .username("alice")
        .password(PASSWORD)
        .permanent(true)
        .send()
        .await
        .unwrap();
    Fixture { app, pool, client }
}

fn password_flows() -> Vec<ExplicitAuthFlowsType> {
    vec![
        ExplicitAuthFlowsType::AllowUserPasswordAuth,
        ExplicitAuthFlowsType::AllowRefreshTokenAuth,
        ExplicitAuthFlowsType::AllowAdminUserPasswordAuth,
    ]
}

async fn fixture() -> Fixture {
    fixture_with(Options::default(), &password_flows(), None).await
}

impl Fixture {
    async fn sign_in(&self, username: &str, password: &str) -> Result<AuthenticationResultType, String> {
        self.app
            .idp
            .initiate_auth()
            .client_id(&self.client)
            .auth_flow(AuthFlowType::UserPasswordAuth)
            .auth_parameters("USERNAME", username)
            .auth_parameters("PASSWORD", password)
            .send()
            .await
            .map(|r| r.authentication_result.expect("tokens"))
            .map_err(|e| format!("{}: {}", code(&e), message(&e)))
    }

    async fn get_user(&self, access_token: &str) -> Result<String, String> {
        self.app
            .idp
            .get_user()
            .access_token(access_token)
            .send()
            .await
            .map(|r| r.username)
            .map_err(|e| format!("{}: {}", code(&e), message(&e)))
    }

    async fn refresh(&self, refresh_token: &str) -> Result<AuthenticationResultType, String> {
        self.app
            .idp
            .initiate_auth()
            .client_id(&self.client)
            .auth_flow(AuthFlowType::RefreshTokenAuth)
            .auth_parameters("REFRESH_TOKEN", refresh_token)
            .send()
            .await
            .map(|r| r.authentication_result.expect("tokens"))
            .map_err(|e| format!("{}: {}", code(&e), message(&e)))
    }

    /// Verifies a token the way a relying party would: discovery → JWKS → RS256.
    async fn verify(&self, token: &str, audience: Option<&str>) -> Value {
        let discovery: Value =
            reqwest::get(format!("{}/{}/.well-known/openid-configuration", self.app.url, self.pool))
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
        let jwks: JwkSet =
            reqwest::get(discovery["jwks_uri"].as_str().unwrap()).await.unwrap().json().await.unwrap();
        let kid = jsonwebtoken::decode_header(token).unwrap().kid.unwrap();
        let key = DecodingKey::from_jwk(jwks.find(&kid).expect("kid is published")).unwrap();
        let mut validation = Validation::new(Algorithm::RS256);
        validation.set_issuer(&[discovery["issuer"].as_str().unwrap()]);
        match audience {
            Some(aud) => validation.set_audience(&[aud]),
            None => validation.validate_aud = false,
        }
        jsonwebtoken::decode::<Value>(token, &key, &validation).expect("token verifies").claims
    }
}

fn claims_of(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

#[tokio::test]
async fn user_password_auth_issues_cognito_shaped_tokens_that_verify_from_discovery() {
    // Arrange
    let f = fixture().await;
    f.app.idp.create_group().user_pool_id(&f.pool).group_name("admins").precedence(0).send().await.unwrap();
    f.app
        .idp
        .admin_add_user_to_group()
        .user_pool_id(&f.pool)
        .username("alice")
        .group_name("admins")
        .send()
        .await
        .unwrap();

    // Act
    let tokens = f.sign_in("alice", PASSWORD).await.unwrap();

    // Assert
    assert_eq!(tokens.expires_in, 3600);
    assert_eq!(tokens.token_type.as_deref(), Some("Bearer"));
    let id = f.verify(tokens.id_token.as_deref().unwrap(), Some(&f.client)).await;
    let access = f.verify(tokens.access_token.as_deref().unwrap(), None).await;
    assert_eq!(id["iss"], format!("{}/{}", f.app.url, f.pool));
    assert_eq!(id["token_use"], "id");
    assert_eq!(id["aud"], f.client.as_str());
    assert_eq!(id["cognito:username"], "alice");
    assert_eq!(id["email"], "alice@example.com");
    assert_eq!(id["email_verified"], true, "booleans are JSON booleans");
    assert_eq!(id["cognito:groups"], serde_json::json!(["admins"]));
    for claim in ["sub", "auth_time", "exp", "iat", "jti", "origin_jti", "event_id"] {
        assert!(!id[claim].is_null(), "ID token has {claim}");
        assert!(!access[claim].is_null(), "access token has {claim}");
    }
    assert_eq!(access["token_use"], "access");
    assert_eq!(access["client_id"], f.client.as_str());
    assert_eq!(access["scope"], "aws.cognito.signin.user.admin");
    assert_eq!(access["username"], "alice");
    assert!(access.get("aud").is_none());
    assert_eq!(id["origin_jti"], access["origin_jti"]);
    assert_eq!(id["sub"], access["sub"]);
    assert_eq!(access["exp"].as_i64().unwrap() - access["iat"].as_i64().unwrap(), 3600);
    let header = jsonwebtoken::decode_header(tokens.id_token.as_deref().unwrap()).unwrap();
    assert_eq!(header.alg, Algorithm::RS256);
    assert!(header.typ.is_none(), "Cognito's tokens carry no typ");
    let refresh = tokens.refresh_token.unwrap();
    let stored = f.app.state.store.get_refresh_token(&refresh).await.unwrap();
    assert!(stored.is_none(), "refresh tokens are stored hashed, not as themselves");
}

#[tokio::test]
async fn refresh_token_auth_mints_new_tokens_in_the_same_family() {
    let f = fixture().await;
    let first = f.sign_in("alice", PASSWORD).await.unwrap();
    let refreshed = f.refresh(first.refresh_token.as_deref().unwrap()).await.unwrap();
    assert!(refreshed.refresh_token.is_none(), "refresh does not rotate the refresh token");
    let (a, b) = (
        claims_of(first.access_token.as_deref().unwrap()),
        claims_of(refreshed.access_token.as_deref().unwrap()),
    );
    assert_eq!(a["origin_jti"], b["origin_jti"]);
    assert_eq!(a["auth_time"], b["auth_time"]);
    assert_ne!(a["jti"], b["jti"]);
    assert_eq!(f.get_user(refreshed.access_token.as_deref().unwrap()).await.unwrap(), "alice");

    let err = f.refresh("not-a-refresh-token").await.unwrap_err();
    assert_eq!(err, "NotAuthorizedException: Invalid Refresh Token");
}

#[tokio::test]
async fn wrong_passwords_and_unknown_users_are_refused_as_the_client_prefers() {
    let f = fixture().await;
    assert_eq!(
        f.sign_in("alice", "Wrong-Horse-9").await.unwrap_err(),
        "NotAuthorizedException: Incorrect username or password."
    );
    assert_eq!(
        f.sign_in("nobody", PASSWORD).await.unwrap_err(),
        "UserNotFoundException: User does not exist."
    );

    let hidden = fixture_with(Options::default(), &password_flows(), Some("ENABLED")).await;
    assert_eq!(
        hidden.sign_in("nobody", PASSWORD).await.unwrap_err(),
        "NotAuthorizedException: Incorrect username or password.",
        "with PreventUserExistenceErrors an unknown user looks like a wrong password"
    );
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_user_with_doubling_back_off() {
    // Arrange
    let clock = Arc::new(FixedClock::new(1_800_000_000_000));
    let f =
        fixture_with(Options { clock: clock.clone(), ..Default::default() }, &password_flows(), None).await;

    // Act
    for _ in 0..5 {
        assert_eq!(
            f.sign_in("alice", "Wrong-Horse-9").await.unwrap_err(),
            "NotAuthorizedException: Incorrect username or password."
        );
    }

    // Assert: locked even with the right password, for 1 s.
    assert_eq!(
        f.sign_in("alice", PASSWORD).await.unwrap_err(),
        "NotAuthorizedException: Password attempts exceeded"
    );
    clock.advance_secs(1);
    assert_eq!(
        f.sign_in("alice", "Wrong-Horse-9").await.unwrap_err(),
        "NotAuthorizedException: Incorrect username or password."
    );
    // The sixth failure doubles the lock to 2 s.
    clock.advance_secs(1);
    assert_eq!(
        f.sign_in("alice", PASSWORD).await.unwrap_err(),
        "NotAuthorizedException: Password attempts exceeded"
    );
    clock.advance_secs(1);
    f.sign_in("alice", PASSWORD).await.expect("the lock has passed");
    let user = f.app.state.store.get_user(&f.pool, "alice").await.unwrap().unwrap();
    assert_eq!((user.failed_attempts, user.locked_until), (0, 0), "a success resets the counter");
}

#[tokio::test]
async fn flows_the_client_does_not_allow_are_refused() {
    let f = fixture_with(Options::default(), &[ExplicitAuthFlowsType::AllowRefreshTokenAuth], None).await;
    assert_eq!(
        f.sign_in("alice", PASSWORD).await.unwrap_err(),
        "InvalidParameterException: USER_PASSWORD_AUTH flow not enabled for this client"
    );
    let err = f
        .app
        .idp
        .admin_initiate_auth()
        .user_pool_id(&f.pool)
        .client_id(&f.client)
        .auth_flow(AuthFlowType::AdminNoSrpAuth)
        .auth_parameters("USERNAME", "alice")
        .auth_parameters("PASSWORD", PASSWORD)
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException");
}

#[tokio::test]
async fn clients_with_a_secret_require_a_correct_secret_hash() {
    // Arrange
    let f = fixture().await;
    let client = f
        .app
        .idp
        .create_user_pool_client()
        .user_pool_id(&f.pool)
        .client_name("server")
        .generate_secret(true)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserPasswordAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .send()
        .await
        .unwrap()
        .user_pool_client
        .unwrap();
    let (id, secret) = (client.client_id.unwrap(), client.client_secret.unwrap());
    let attempt = |hash: Option<String>| {
        let mut params = HashMap::from([
            ("USERNAME".to_string(), "alice".to_string()),
            ("PASSWORD".to_string(), PASSWORD.to_string()),
        ]);
        if let Some(h) = hash {
            params.insert("SECRET_HASH".into(), h);
        }
        f.app
            .idp
            .initiate_auth()
            .client_id(&id)
            .auth_flow(AuthFlowType::UserPasswordAuth)
            .set_auth_parameters(Some(params))
            .send()
    };

    // Act + Assert
    let missing = attempt(None).await.unwrap_err();
    assert_eq!(code(&missing), "NotAuthorizedException");
    assert!(message(&missing).contains("SECRET_HASH was not received"));
    let wrong = attempt(Some(incognito::user_pools::sign_in::client::secret_hash("wrong", "alice", &id)))
        .await
        .unwrap_err();
    assert_eq!(message(&wrong), format!("Unable to verify secret hash for client {id}"));
    let right = incognito::user_pools::sign_in::client::secret_hash(&secret, "alice", &id);
    let tokens = attempt(Some(right.clone())).await.unwrap().authentication_result.unwrap();
    let refreshed = f
        .app
        .idp
        .initiate_auth()
        .client_id(&id)
        .auth_flow(AuthFlowType::RefreshTokenAuth)
        .auth_parameters("REFRESH_TOKEN", tokens.refresh_token().unwrap())
        .auth_parameters("SECRET_HASH", right)
        .send()
        .await;
    assert!(refreshed.is_ok(), "refresh with SECRET_HASH works");
    // GetTokensFromRefreshToken takes the secret itself.
    let rt = tokens.refresh_token().unwrap();
    let with = |secret: Option<&str>| {
        f.app
            .idp
            .get_tokens_from_refresh_token()
            .client_id(&id)
            .refresh_token(rt)
            .set_client_secret(secret.map(String::from))
            .send()
    };
    for bad in [None, Some("wrong-secret")] {
        let err = with(bad).await.unwrap_err();
        assert_eq!(code(&err), "NotAuthorizedException", "{bad:?}");
    }
    assert!(with(Some(&secret)).await.unwrap().authentication_result.unwrap().access_token().is_some());
}

#[tokio::test]
async fn a_temporary_password_leads_to_a_single_use_new_password_challenge() {
    // Arrange
    let clock = Arc::new(FixedClock::new(1_800_000_000_000));
    let f =
        fixture_with(Options { clock: clock.clone(), ..Default::default() }, &password_flows(), None).await;
    f.app
        .idp
        .admin_create_user()
        .user_pool_id(&f.pool)
        .username("bob")
        .temporary_password("Temp-Pass-123")
        .message_action(MessageActionType::Suppress)
        .send()
        .await
        .unwrap();
    let start = || {
        f.app
            .idp
            .admin_initiate_auth()
            .user_pool_id(&f.pool)
            .client_id(&f.client)
            .auth_flow(AuthFlowType::AdminUserPasswordAuth)
            .auth_parameters("USERNAME", "bob")
            .auth_parameters("PASSWORD", "Temp-Pass-123")
            .send()
    };

    // Act
    let challenge = start().await.unwrap();
    assert_eq!(challenge.challenge_name, Some(ChallengeNameType::NewPasswordRequired));
    let params = challenge.challenge_parameters.unwrap();
    assert_eq!(params["USER_ID_FOR_SRP"], "bob");
    let session = challenge.session.unwrap();
    let respond = |session: String, password: &str| {
        f.app
            .idp
            .admin_respond_to_auth_challenge()
            .user_pool_id(&f.pool)
            .client_id(&f.client)
            .challenge_name(ChallengeNameType::NewPasswordRequired)
            .session(session)
            .challenge_responses("USERNAME", "bob")
            .challenge_responses("NEW_PASSWORD", password)
            .send()
    };

    // Assert: a weak password is refused without using up the session.
    let weak = respond(session.clone(), "weak").await.unwrap_err();
    assert_eq!(code(&weak), "InvalidPasswordException");
    let tokens = respond(session.clone(), "Brand-New-Pass-1").await.unwrap().authentication_result.unwrap();
    assert!(tokens.id_token.is_some());
    let replay = respond(session, "Another-Pass-2").await.unwrap_err();
    assert_eq!(message(&replay), "Invalid session for the user.");
    f.sign_in("bob", "Brand-New-Pass-1").await.expect("the new password works");

    // A session older than 3 minutes is expired.
    f.app
        .idp
        .admin_set_user_password()
        .user_pool_id(&f.pool)
        .username("bob")
        .password("Temp-Pass-123")
        .permanent(false)
        .send()
        .await
        .unwrap();
    let stale = start().await.unwrap().session.unwrap();
    clock.advance_secs(181);
    let expired = respond(stale, "Brand-New-Pass-3").await.unwrap_err();
    assert_eq!(message(&expired), "Invalid session for the user, session is expired.");
    let wrong_temp = f
        .app
        .idp
        .admin_initiate_auth()
        .user_pool_id(&f.pool)
        .client_id(&f.client)
        .auth_flow(AuthFlowType::AdminNoSrpAuth)
        .auth_parameters("USERNAME", "bob")
        .auth_parameters("PASSWORD", "Not-The-Temp-1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&wrong_temp), "NotAuthorizedException", "no challenge without the temporary password");
}

#[tokio::test]
async fn concurrent_answers_to_one_session_have_one_winner() {
    let f = fixture().await;
    f.app
        .idp
        .admin_create_user()
        .user_pool_id(&f.pool)
        .username("carl")
        .temporary_password("Temp-Pass-123")
        .message_action(MessageActionType::Suppress)
        .send()
        .await
        .unwrap();
    let session = f
        .app
        .idp
        .admin_initiate_auth()
        .user_pool_id(&f.pool)
        .client_id(&f.client)
        .auth_flow(AuthFlowType::AdminUserPasswordAuth)
        .auth_parameters("USERNAME", "carl")
        .auth_parameters("PASSWORD", "Temp-Pass-123")
        .send()
        .await
        .unwrap()
        .session
        .unwrap();
    let handles: Vec<_> = (0..8)
        .map(|i| {
            let (idp, pool, client, session) =
                (f.app.idp.clone(), f.pool.clone(), f.client.clone(), session.clone());
            tokio::spawn(async move {
                idp.admin_respond_to_auth_challenge()
                    .user_pool_id(pool)
                    .client_id(client)
                    .challenge_name(ChallengeNameType::NewPasswordRequired)
                    .session(session)
                    .challenge_responses("USERNAME", "carl")
                    .challenge_responses("NEW_PASSWORD", format!("Racing-Pass-{i}"))
                    .send()
                    .await
            })
        })
        .collect();
    let mut wins = 0;
    for h in handles {
        if h.await.unwrap().is_ok() {
            wins += 1;
        }
    }
    assert_eq!(wins, 1);
}

#[tokio::test]
async fn tampered_forged_and_expired_access_tokens_are_refused() {
    // Arrange
    let clock = Arc::new(FixedClock::new(1_800_000_000_000));
    let f =
        fixture_with(Options { clock: clock.clone(), ..Default::default() }, &password_flows(), None).await;
    let token = f.sign_in("alice", PASSWORD).await.unwrap().access_token.unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
    let enc = |v: &Value| URL_SAFE_NO_PAD.encode(v.to_string());

    let mut sig: Vec<char> = parts[2].chars().collect();
    let mid = sig.len() / 2;
    sig[mid] = if sig[mid] == 'A' { 'B' } else { 'A' };
    let tampered_signature = format!("{}.{}.{}", parts[0], parts[1], sig.into_iter().collect::<String>());
    let mut payload = claims_of(&token);
    payload["username"] = "mallory".into();
    let tampered_payload = format!("{}.{}.{}", parts[0], enc(&payload), parts[2]);
    let alg_none =
        format!("{}.{}.", enc(&serde_json::json!({"alg": "none", "kid": header["kid"]})), parts[1]);
    // HS256 keyed with the public key: the classic algorithm-confusion forgery.
    let jwks: Value = reqwest::get(format!("{}/{}/.well-known/jwks.json", f.app.url, f.pool))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let public = jwks["keys"][0]["n"].as_str().unwrap().to_string();
    let mut hs_header = jsonwebtoken::Header::new(Algorithm::HS256);
    hs_header.kid = header["kid"].as_str().map(String::from);
    let hs256 = jsonwebtoken::encode(
        &hs_header,
        &claims_of(&token),
        &jsonwebtoken::EncodingKey::from_secret(public.as_bytes()),
    )
    .unwrap();
    let mut wrong_kid_header = header.clone();
    wrong_kid_header["kid"] = "not-a-key".into();
    let wrong_kid = format!("{}.{}.{}", enc(&wrong_kid_header), parts[1], parts[2]);

    // Act + Assert
    for (description, bad) in [
        ("tampered signature", tampered_signature),
        ("tampered payload", tampered_payload),
        ("alg=none", alg_none),
        ("HS256 with the public key", hs256),
        ("unknown kid", wrong_kid),
        ("garbage", "abc".to_string()),
    ] {
        assert_eq!(
            f.get_user(&bad).await.unwrap_err(),
            "NotAuthorizedException: Invalid Access Token",
            "{description}"
        );
    }
    let id_token = f.sign_in("alice", PASSWORD).await.unwrap().id_token.unwrap();
    assert_eq!(
        f.get_user(&id_token).await.unwrap_err(),
        "NotAuthorizedException: Invalid Access Token",
        "an ID token is not an access token"
    );

    assert_eq!(f.get_user(&token).await.unwrap(), "alice");
    clock.advance_secs(3600);
    assert_eq!(f.get_user(&token).await.unwrap_err(), "NotAuthorizedException: Access Token has expired");
}

#[tokio::test]
async fn global_sign_out_and_revoke_token_refuse_the_tokens_they_cover() {
    // Arrange
    let f = fixture().await;
    let session_a = f.sign_in("alice", PASSWORD).await.unwrap();
    let session_b = f.sign_in("alice", PASSWORD).await.unwrap();
    let refreshed_a = f.refresh(session_a.refresh_token.as_deref().unwrap()).await.unwrap();

    // Act: revoke session A's refresh token.
    f.app
        .idp
        .revoke_token()
        .client_id(&f.client)
        .token(session_a.refresh_token.clone().unwrap())
        .send()
        .await
        .unwrap();

    // Assert: A's refresh and every access token of its family are refused; B is untouched.
    assert_eq!(
        f.refresh(session_a.refresh_token.as_deref().unwrap()).await.unwrap_err(),
        "NotAuthorizedException: Refresh Token has been revoked"
    );
    for access in [&session_a.access_token, &refreshed_a.access_token] {
        assert_eq!(
            f.get_user(access.as_deref().unwrap()).await.unwrap_err(),
            "NotAuthorizedException: Access Token has been revoked"
        );
    }
    assert_eq!(f.get_user(session_b.access_token.as_deref().unwrap()).await.unwrap(), "alice");

    // Act: sign out everywhere with B's access token.
    f.app.idp.global_sign_out().access_token(session_b.access_token.clone().unwrap()).send().await.unwrap();
    assert!(f.refresh(session_b.refresh_token.as_deref().unwrap()).await.is_err());
    assert_eq!(
        f.get_user(session_b.access_token.as_deref().unwrap()).await.unwrap_err(),
        "NotAuthorizedException: Access Token has been revoked"
    );

    // A new sign-in after sign-out works, even within the same second.
    let fresh = f.sign_in("alice", PASSWORD).await.unwrap();
    assert_eq!(f.get_user(fresh.access_token.as_deref().unwrap()).await.unwrap(), "alice");

    // The operator can do the same.
    f.app.idp.admin_user_global_sign_out().user_pool_id(&f.pool).username("alice").send().await.unwrap();
    assert!(f.refresh(fresh.refresh_token.as_deref().unwrap()).await.is_err());
    let err = f
        .app
        .idp
        .revoke_token()
        .client_id(&f.client)
        .token(fresh.access_token.unwrap())
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err), "UnsupportedTokenTypeException");
}

#[tokio::test]
async fn disabled_users_cannot_sign_in_or_use_their_tokens() {
    let f = fixture().await;
    let tokens = f.sign_in("alice", PASSWORD).await.unwrap();
    f.app.idp.admin_disable_user().user_pool_id(&f.pool).username("alice").send().await.unwrap();
    assert_eq!(f.sign_in("alice", PASSWORD).await.unwrap_err(), "NotAuthorizedException: User is disabled.");
    assert!(f.get_user(tokens.access_token.as_deref().unwrap()).await.is_err());
    assert!(f.refresh(tokens.refresh_token.as_deref().unwrap()).await.is_err());
}

#[tokio::test]
async fn refresh_tokens_expire_after_the_client_validity() {
    let clock = Arc::new(FixedClock::new(1_800_000_000_000));
    let f =
        fixture_with(Options { clock: clock.clone(), ..Default::default() }, &password_flows(), None).await;
    let tokens = f.sign_in("alice", PASSWORD).await.unwrap();
    clock.advance_secs(30 * 86400 - 1);
    f.refresh(tokens.refresh_token.as_deref().unwrap()).await.expect("valid until 30 days");
    clock.advance_secs(1);
    assert_eq!(
        f.refresh(tokens.refresh_token.as_deref().unwrap()).await.unwrap_err(),
        "NotAuthorizedException: Refresh Token has expired"
    );
}

#[tokio::test]
async fn rotated_keys_sign_new_tokens_while_old_tokens_keep_verifying() {
    // Arrange
    let f = fixture().await;
    let before = f.sign_in("alice", PASSWORD).await.unwrap().access_token.unwrap();
    let old_kid = jsonwebtoken::decode_header(&before).unwrap().kid.unwrap();

    // Act
    let new_kid = f.app.state.user_pools.keys.rotate(&f.pool).await.unwrap();
    f.app.state.user_pools.keys.invalidate(&f.pool);

    // Assert
    let jwks: JwkSet = reqwest::get(format!("{}/{}/.well-known/jwks.json", f.app.url, f.pool))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(jwks.find(&old_kid).is_some() && jwks.find(&new_kid).is_some());
    let after = f.sign_in("alice", PASSWORD).await.unwrap().access_token.unwrap();
    assert_eq!(jsonwebtoken::decode_header(&after).unwrap().kid.unwrap(), new_kid);
    assert_eq!(f.get_user(&before).await.unwrap(), "alice");
    assert_eq!(f.get_user(&after).await.unwrap(), "alice");
}

#[tokio::test]
async fn the_keys_rotate_command_adds_a_new_active_key() {
    let f = fixture().await;
    let before = f.sign_in("alice", PASSWORD).await.unwrap().access_token.unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_incognito"))
        .args(["keys", "rotate", "--user-pool", &f.pool])
        .env("DATABASE_URL", &f.app.database_url)
        .env("INCOGNITO_SECURITY__MASTER_KEY", &f.app.master_key)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let kid = String::from_utf8(output.stdout).unwrap().trim().to_string();
    f.app.state.user_pools.keys.invalidate(&f.pool);
    let after = f.sign_in("alice", PASSWORD).await.unwrap().access_token.unwrap();
    assert_eq!(jsonwebtoken::decode_header(&after).unwrap().kid.unwrap(), kid);
    assert_eq!(f.get_user(&before).await.unwrap(), "alice", "tokens signed by the old key still verify");

    let unknown = std::process::Command::new(env!("CARGO_BIN_EXE_incognito"))
        .args(["keys", "rotate", "--user-pool", "us-east-1_nopool000"])
        .env("DATABASE_URL", &f.app.database_url)
        .env("INCOGNITO_SECURITY__MASTER_KEY", &f.app.master_key)
        .output()
        .unwrap();
    assert!(!unknown.status.success());
}

#[tokio::test]
async fn aws_issuer_style_puts_cognitos_issuer_in_tokens() {
    let f = fixture_with(Options { issuer_aws: true, ..Default::default() }, &password_flows(), None).await;
    let tokens = f.sign_in("alice", PASSWORD).await.unwrap();
    let expected = format!("https://cognito-idp.us-east-1.amazonaws.com/{}", f.pool);
    assert_eq!(claims_of(tokens.id_token.as_deref().unwrap())["iss"], expected.as_str());
    assert_eq!(
        f.verify(tokens.id_token.as_deref().unwrap(), Some(&f.client)).await["iss"],
        expected.as_str()
    );
    assert_eq!(f.get_user(tokens.access_token.as_deref().unwrap()).await.unwrap(), "alice");
}

#[tokio::test]
async fn well_known_documents_of_unknown_pools_are_not_found() {
    let app = TestApp::spawn().await;
    let r = reqwest::get(format!("{}/us-east-1_nope00000/.well-known/jwks.json", app.url)).await.unwrap();
    assert_eq!(r.status(), 404);
}

#[tokio::test]
async fn expired_consumed_sessions_and_codes_are_purged() {
    // Arrange: one used session and one code, both expiring at T.
    let app = TestApp::spawn().await;
    let store = &app.state.store;
    let t = 1_800_000_000_000;
    assert!(store.consume_session("s-1", t).await.unwrap());
    let pool = app.pool().await;
    app.idp
        .admin_create_user()
        .user_pool_id(&pool)
        .username("dora")
        .message_action(MessageActionType::Suppress)
        .send()
        .await
        .unwrap();
    store
        .put_code(&incognito::user_pools::store::CodeRow {
            user_pool_id: pool.clone(),
            username_key: "dora".into(),
            purpose: "SIGN_UP".into(),
            code_hash: "x".into(),
            expires_at: t,
            created_at: t - 1,
        })
        .await
        .unwrap();

    // Act + Assert: nothing goes before T; both go after it.
    assert_eq!(store.purge_expired(t).await.unwrap(), 0);
    assert!(!store.consume_session("s-1", t).await.unwrap(), "still remembered as used");
    assert_eq!(store.purge_expired(t + 1).await.unwrap(), 2);
    assert!(store.get_code(&pool, "dora", "SIGN_UP").await.unwrap().is_none());
}

#[tokio::test]
async fn refresh_tokens_are_purged_a_day_after_they_expire() {
    let clock = Arc::new(FixedClock::new(1_800_000_000_000));
    let f =
        fixture_with(Options { clock: clock.clone(), ..Default::default() }, &password_flows(), None).await;
    let tokens = f.sign_in("alice", PASSWORD).await.unwrap();
    let hash = incognito::user_pools::tokens::hash_refresh_token(tokens.refresh_token.as_deref().unwrap());
    let expires = f.app.state.store.get_refresh_token(&hash).await.unwrap().unwrap().expires_at;

    f.app.state.store.purge_expired(expires + 86_400_000).await.unwrap();
    assert!(
        f.app.state.store.get_refresh_token(&hash).await.unwrap().is_some(),
        "kept for a day past expiry"
    );
    f.app.state.store.purge_expired(expires + 86_400_001).await.unwrap();
    assert!(f.app.state.store.get_refresh_token(&hash).await.unwrap().is_none());
}

#[tokio::test]
async fn get_tokens_from_refresh_token_refreshes_as_amplify_does() {
    let f = fixture().await;
    let signed_in = f.sign_in("alice", PASSWORD).await.unwrap();
    let refresh = signed_in.refresh_token().unwrap();
    let got = f
        .app
        .idp
        .get_tokens_from_refresh_token()
        .client_id(&f.client)
        .refresh_token(refresh)
        .send()
        .await
        .unwrap()
        .authentication_result
        .unwrap();
    // No rotation: new ID and access tokens of the same family, no new refresh token.
    assert!(got.refresh_token().is_none());
    let (old, new) = (claims_of(signed_in.access_token().unwrap()), claims_of(got.access_token().unwrap()));
    assert_eq!(new["origin_jti"], old["origin_jti"]);
    assert_eq!(new["username"], "alice");
    assert_eq!(f.get_user(got.access_token().unwrap()).await.unwrap(), "alice");
    // A revoked family, a garbage token and an unknown client are refused.
    let err = f
        .app
        .idp
        .get_tokens_from_refresh_token()
        .client_id(&f.client)
        .refresh_token("garbage")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        (code(&err).as_str(), message(&err).as_str()),
        ("NotAuthorizedException", "Invalid Refresh Token")
    );
    let err = f
        .app
        .idp
        .get_tokens_from_refresh_token()
        .client_id("nosuchclient000000000000")
        .refresh_token(refresh)
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err), "ResourceNotFoundException");
    f.app.idp.revoke_token().client_id(&f.client).token(refresh).send().await.unwrap();
    let err = f
        .app
        .idp
        .get_tokens_from_refresh_token()
        .client_id(&f.client)
        .refresh_token(refresh)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        (code(&err).as_str(), message(&err).as_str()),
        ("NotAuthorizedException", "Refresh Token has been revoked")
    );
}
