//! STS: GetCallerIdentity with credentials minted here (and every way they can be wrong),
//! and AssumeRoleWithWebIdentity with identity-pool OpenID tokens, through the AWS SDK for
//! Rust.

use std::collections::BTreeMap;
use std::sync::Arc;

use aws_sdk_sts::error::ProvideErrorMetadata;
use incognito::clock::FixedClock;
use incognito::credentials::{self, Grant, IssuedCredentials, SESSION_TOKEN_PURPOSE, SessionClaims};
use incognito::crypto::seal::Sealer;

use crate::helpers::{ADMIN_KEY_ID, ADMIN_SECRET, Options, TestApp, sts_client};
use crate::iam::{TRUST_ANY_COGNITO, create_role, query, signed_query, xml};
use incognito::config::AdminMode;

const POOL: &str = "us-east-1:00000000-0000-4000-8000-000000000001";
const IDENTITY: &str = "us-east-1:11111111-2222-4333-8444-555555555555";

fn grant(role_arn: &str) -> Grant {
    Grant {
        role_arn: role_arn.to_string(),
        role_session_name: "CognitoIdentityCredentials".into(),
        identity_id: Some(IDENTITY.into()),
        identity_pool_id: Some(POOL.into()),
        authentication_provider: Some("cognito-idp.us-east-1.amazonaws.com/us-east-1_Example01".into()),
        subject: IDENTITY.into(),
        amr: vec!["authenticated".into()],
        principal_tags: BTreeMap::new(),
        duration_seconds: 3600,
    }
}

fn client_for(app: &TestApp, c: &IssuedCredentials) -> aws_sdk_sts::Client {
    sts_client(&app.url, &c.access_key_id, &c.secret_access_key, Some(&c.session_token))
}

async fn caller_error(client: &aws_sdk_sts::Client) -> (String, String) {
    let err = client.get_caller_identity().send().await.expect_err("refused");
    let service = err.as_service_error().expect("a service error");
    (service.code().unwrap_or("").to_string(), service.message().unwrap_or("").to_string())
}

#[tokio::test]
async fn get_caller_identity_with_minted_credentials_returns_the_assumed_role() {
    // Arrange
    let app = TestApp::spawn().await;
    let role_arn = create_role(&app, "app-authenticated", TRUST_ANY_COGNITO).await;
    let issued = credentials::mint(&app.state.credentials, &grant(&role_arn));

    // Act
    let identity = client_for(&app, &issued).get_caller_identity().send().await.unwrap();

    // Assert
    assert!(issued.access_key_id.starts_with("ASIA") && issued.access_key_id.len() == 20);
    assert_eq!(issued.secret_access_key.len(), 40);
    assert_eq!(
        identity.arn(),
        Some("arn:aws:sts::000000000000:assumed-role/app-authenticated/CognitoIdentityCredentials")
    );
    assert_eq!(identity.account(), Some("000000000000"));
    let user_id = identity.user_id().unwrap();
    assert!(user_id.starts_with("AROA") && user_id.ends_with(":CognitoIdentityCredentials"), "{user_id}");
}

#[tokio::test]
async fn get_caller_identity_with_operator_credentials_is_the_account_root() {
    // Arrange
    let app = TestApp::spawn_with(Options { admin_mode: AdminMode::Sigv4, ..Default::default() }).await;

    // Act
    let identity =
        sts_client(&app.url, ADMIN_KEY_ID, ADMIN_SECRET, None).get_caller_identity().send().await.unwrap();
    let (code, _) = caller_error(&sts_client(&app.url, "AKIAUNKNOWN000000000", ADMIN_SECRET, None)).await;

    // Assert
    assert_eq!(identity.arn(), Some("arn:aws:iam::000000000000:root"));
    assert_eq!(identity.account(), Some("000000000000"));
    assert_eq!(code, "InvalidClientTokenId");
}

#[tokio::test]
async fn tampered_session_tokens_are_invalid() {
    // Arrange
    let app = TestApp::spawn().await;
    let issued = credentials::mint(&app.state.credentials, &grant("arn:aws:iam::000000000000:role/r"));
    let mut tampered = issued.clone();
    let mut bytes = tampered.session_token.into_bytes();
    let middle = bytes.len() / 2;
    bytes[middle] = if bytes[middle] == b'A' { b'B' } else { b'A' };
    tampered.session_token = String::from_utf8(bytes).unwrap();

    // Act
    let (code, message) = caller_error(&client_for(&app, &tampered)).await;

    // Assert
    assert_eq!(code, "InvalidClientTokenId");
    assert_eq!(message, "The security token included in the request is invalid.");
}

#[tokio::test]
async fn session_tokens_sealed_under_another_master_key_are_invalid() {
    // Arrange
    let app = TestApp::spawn().await;
    let foreign = Sealer::from_base64(&Sealer::generate_base64()).unwrap();
    let now = app.state.clock.now_secs();
    let claims = SessionClaims {
        access_key_id: "ASIAFOREIGN000000001".into(),
        secret_access_key: "f".repeat(40),
        role_arn: "arn:aws:iam::000000000000:role/r".into(),
        role_session_name: "CognitoIdentityCredentials".into(),
        role_id: None,
        identity_id: Some(IDENTITY.into()),
        identity_pool_id: Some(POOL.into()),
        authentication_provider: None,
        subject: IDENTITY.into(),
        amr: vec!["authenticated".into()],
        principal_tags: BTreeMap::new(),
        issued_at: now,
        expires_at: now + 3600,
    };
    let token = foreign.seal(SESSION_TOKEN_PURPOSE, &serde_json::to_vec(&claims).unwrap());

    // Act
    let (code, _) =
        caller_error(&sts_client(&app.url, &claims.access_key_id, &claims.secret_access_key, Some(&token)))
            .await;

    // Assert
    assert_eq!(code, "InvalidClientTokenId");
}

#[tokio::test]
async fn expired_credentials_are_refused_with_expired_token() {
    // Arrange
    let now = incognito::clock::SystemClock.now_millis();
    let clock = Arc::new(FixedClock::new(now));
    let app = TestApp::spawn_with(Options { clock: clock.clone(), ..Default::default() }).await;
    let issued = credentials::mint(&app.state.credentials, &grant("arn:aws:iam::000000000000:role/r"));
    clock.advance_secs(3600);

    // Act
    let (code, message) = caller_error(&client_for(&app, &issued)).await;

    // Assert
    assert_eq!(code, "ExpiredToken");
    assert_eq!(message, "The security token included in the request is expired");
}

use incognito::clock::Clock;

#[tokio::test]
async fn a_wrong_secret_or_another_access_key_is_refused() {
    // Arrange
    let app = TestApp::spawn().await;
    let issued = credentials::mint(&app.state.credentials, &grant("arn:aws:iam::000000000000:role/r"));
    let other = credentials::mint(&app.state.credentials, &grant("arn:aws:iam::000000000000:role/r"));
    let wrong_secret =
        IssuedCredentials { secret_access_key: other.secret_access_key.clone(), ..issued.clone() };
    let wrong_key = IssuedCredentials { access_key_id: other.access_key_id.clone(), ..issued.clone() };

    // Act
    let (secret_code, secret_message) = caller_error(&client_for(&app, &wrong_secret)).await;
    let (key_code, _) = caller_error(&client_for(&app, &wrong_key)).await;

    // Assert
    assert_eq!(secret_code, "SignatureDoesNotMatch");
    assert!(
        secret_message.starts_with("The request signature we calculated does not match"),
        "{secret_message}"
    );
    assert_eq!(key_code, "InvalidClientTokenId");
}

/// Signs a GetCallerIdentity form post with `c`, then sends `sent_body` instead.
async fn signed_post(
    app: &TestApp,
    c: &IssuedCredentials,
    signed_body: &str,
    sent_body: &str,
) -> (u16, String) {
    let key = (c.access_key_id.as_str(), c.secret_access_key.as_str(), Some(c.session_token.as_str()));
    signed_query(app, key, "sts", signed_body, sent_body).await
}

#[tokio::test]
async fn a_modified_body_fails_the_signature_in_aws_xml() {
    // Arrange
    let app = TestApp::spawn().await;
    let role_arn = create_role(&app, "r", TRUST_ANY_COGNITO).await;
    let issued = credentials::mint(&app.state.credentials, &grant(&role_arn));
    let body = "Action=GetCallerIdentity&Version=2011-06-15";

    // Act
    let (ok_status, ok_body) = signed_post(&app, &issued, body, body).await;
    let (status, error) = signed_post(&app, &issued, body, &format!("{body}&Extra=1")).await;

    // Assert
    assert_eq!(ok_status, 200, "{ok_body}");
    assert!(ok_body.starts_with(r#"<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>"#), "{ok_body}");
    assert_eq!(status, 403, "{error}");
    assert!(error.starts_with(r#"<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code>"#), "{error}");
}

/// An identity-pool OpenID token for `amr`, valid `ttl` seconds.
async fn open_id_token(app: &TestApp, pool: &str, amr: &[&str], ttl: i64) -> String {
    let amr: Vec<String> = amr.iter().map(|a| a.to_string()).collect();
    incognito::credentials::openid::issue_open_id_token(
        &app.state.credentials,
        pool,
        IDENTITY,
        &amr,
        ttl,
        Default::default(),
    )
    .await
    .expect("issue token")
}

fn cognito_trust(pool: &str) -> String {
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"Federated": "cognito-identity.amazonaws.com"},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {
                "StringEquals": {"cognito-identity.amazonaws.com:aud": pool},
                "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}
            }
        }]
    })
    .to_string()
}

fn anonymous_sts(app: &TestApp) -> aws_sdk_sts::Client {
    // AssumeRoleWithWebIdentity is unsigned; whatever credentials the SDK holds do not matter.
    sts_client(&app.url, "AKIAANYTHING00000000", "anything-anything-anything-anything-0000", None)
}

#[tokio::test]
async fn assume_role_with_web_identity_returns_working_credentials() {
    // Arrange
    let app = TestApp::spawn().await;
    let role_arn = create_role(&app, "authenticated", &cognito_trust(POOL)).await;
    let token =
        open_id_token(&app, POOL, &["authenticated", "cognito-idp.us-east-1.amazonaws.com/us-east-1_X"], 600)
            .await;

    // Act
    let assumed = anonymous_sts(&app)
        .assume_role_with_web_identity()
        .role_arn(&role_arn)
        .role_session_name("my-session")
        .web_identity_token(&token)
        .duration_seconds(900)
        .send()
        .await
        .unwrap();
    let c = assumed.credentials().unwrap();
    let identity = sts_client(&app.url, c.access_key_id(), c.secret_access_key(), Some(c.session_token()))
        .get_caller_identity()
        .send()
        .await
        .unwrap();

    // Assert
    assert!(c.access_key_id().starts_with("ASIA"));
    let lifetime = c.expiration().secs() - app.state.clock.now_secs();
    assert!((890..=900).contains(&lifetime), "{lifetime}");
    assert_eq!(assumed.subject_from_web_identity_token(), Some(IDENTITY));
    assert_eq!(assumed.audience(), Some(POOL));
    let user = assumed.assumed_role_user().unwrap();
    assert_eq!(user.arn(), "arn:aws:sts::000000000000:assumed-role/authenticated/my-session");
    assert!(user.assumed_role_id().starts_with("AROA") && user.assumed_role_id().ends_with(":my-session"));
    assert_eq!(identity.arn(), Some(user.arn()));
    assert_eq!(identity.user_id(), Some(user.assumed_role_id()));
}

#[tokio::test]
async fn assume_role_with_web_identity_failures_are_aws_errors() {
    // Arrange
    let app = TestApp::spawn().await;
    let role_arn = create_role(&app, "authenticated", &cognito_trust(POOL)).await;
    let good = open_id_token(&app, POOL, &["authenticated"], 600).await;
    let other_pool =
        open_id_token(&app, "us-east-1:99999999-0000-4000-8000-000000000009", &["authenticated"], 600).await;
    let unauthenticated = open_id_token(&app, POOL, &["unauthenticated"], 600).await;
    let expired = open_id_token(&app, POOL, &["authenticated"], -60).await;
    let sts = anonymous_sts(&app);
    let attempt = |role: &str, token: &str, duration: Option<i32>| {
        sts.assume_role_with_web_identity()
            .role_arn(role)
            .role_session_name("s1")
            .web_identity_token(token)
            .set_duration_seconds(duration)
            .send()
    };
    let code_of = |r: Result<_, aws_sdk_sts::error::SdkError<_, _>>| -> (String, String) {
        let err: aws_sdk_sts::error::SdkError<aws_sdk_sts::operation::assume_role_with_web_identity::AssumeRoleWithWebIdentityError, _> =
            r.map(|_: aws_sdk_sts::operation::assume_role_with_web_identity::AssumeRoleWithWebIdentityOutput| ()).expect_err("refused");
        let service = err.as_service_error().expect("service error");
        (service.code().unwrap_or("").into(), service.message().unwrap_or("").into())
    };

    // Act
    let wrong_aud = code_of(attempt(&role_arn, &other_pool, None).await);
    let wrong_amr = code_of(attempt(&role_arn, &unauthenticated, None).await);
    let unknown_role = code_of(attempt("arn:aws:iam::000000000000:role/nobody", &good, None).await);
    let expired_token = code_of(attempt(&role_arn, &expired, None).await);
    let garbage = code_of(attempt(&role_arn, "not.a.token", None).await);
    let google_like = {
        use base64::Engine;
        let b64 = |v: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v);
        let payload =
            format!(r#"{{"iss":"https://accounts.google.com","aud":"{POOL}","sub":"x","exp":9999999999}}"#);
        format!("{}.{}.{}", b64(r#"{"alg":"RS256","kid":"k"}"#), b64(&payload), b64("sig"))
    };
    let foreign_issuer = code_of(attempt(&role_arn, &google_like, None).await);
    let too_long = code_of(attempt(&role_arn, &good, Some(7200)).await);

    // Assert
    let denied =
        ("AccessDenied".to_string(), "Not authorized to perform sts:AssumeRoleWithWebIdentity".to_string());
    assert_eq!(wrong_aud, denied, "trust policy aud mismatch");
    assert_eq!(wrong_amr, denied, "amr condition");
    assert_eq!(unknown_role, denied, "unknown role");
    assert_eq!(expired_token.0, "ExpiredTokenException", "{expired_token:?}");
    assert_eq!(garbage.0, "InvalidIdentityToken");
    assert_eq!(
        foreign_issuer,
        (
            "InvalidIdentityToken".to_string(),
            "No OpenIDConnect provider found in your account for https://accounts.google.com".to_string()
        )
    );
    assert_eq!(too_long.0, "ValidationError");
    assert_eq!(too_long.1, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
}

#[tokio::test]
async fn unsigned_get_caller_identity_is_refused_in_sigv4_mode() {
    // Arrange
    let app = TestApp::spawn_with(Options { admin_mode: AdminMode::Sigv4, ..Default::default() }).await;

    // Act
    let (status, body) = query(&app, "GetCallerIdentity", "2011-06-15", &[]).await;
    let (unknown_status, unknown) = query(&app, "GetSessionToken", "2011-06-15", &[]).await;

    // Assert
    assert_eq!(status, 403, "{body}");
    assert_eq!(xml(&body, "Code").unwrap(), "MissingAuthenticationToken");
    assert_eq!(unknown_status, 400);
    assert_eq!(xml(&unknown, "Code").unwrap(), "InvalidAction");
}
