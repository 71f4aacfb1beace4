//! The AWS JSON 1.1 envelope: errors, malformed input, request ids, operator SigV4.

use incognito::config::AdminMode;

use crate::helpers::{ADMIN_KEY_ID, ADMIN_SECRET, Options, TestApp, code};

#[tokio::test]
async fn unknown_operations_get_an_aws_error() {
    let app = TestApp::spawn().await;
    let (status, body, headers) = app.raw("NoSuchThing", "{}").await;
    assert_eq!(status, 400);
    assert_eq!(body["__type"], "UnknownOperationException");
    assert_eq!(headers["x-amzn-errortype"], "UnknownOperationException");
    assert!(headers.contains_key("x-amzn-requestid"));
}

#[tokio::test]
async fn malformed_bodies_are_serialization_errors_and_missing_members_are_validation_errors() {
    let app = TestApp::spawn().await;
    let cases = [
        ("not json", "{nope", "SerializationException"),
        ("wrong type", r#"{"PoolName": 5}"#, "SerializationException"),
        ("missing member", "{}", "InvalidParameterException"),
    ];
    for (description, body, expected) in cases {
        let (status, json, _) = app.raw("CreateUserPool", body).await;
        assert_eq!(status, 400, "{description}");
        assert_eq!(json["__type"], expected, "{description}");
    }
    let (_, json, _) = app.raw("CreateUserPool", "{}").await;
    assert_eq!(
        json["message"],
        "1 validation error detected: Value null at 'poolName' failed to satisfy constraint: Member must not be null"
    );
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let app = TestApp::spawn().await;
    let huge = format!(r#"{{"PoolName":"{}"}}"#, "a".repeat(2 * 1024 * 1024));
    let (status, json, _) = app.raw("CreateUserPool", &huge).await;
    assert_eq!(status, 413);
    assert_eq!(json["__type"], "SerializationException");
}

#[tokio::test]
async fn health_answers_once_ready() {
    let app = TestApp::spawn().await;
    let response = reqwest::get(format!("{}/health", app.url)).await.unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn sigv4_mode_accepts_only_the_operator_signature() {
    // Arrange
    let app = TestApp::spawn_with(Options { admin_mode: AdminMode::Sigv4, ..Default::default() }).await;

    // Act + Assert: the configured credentials work.
    app.idp.list_user_pools().max_results(1).send().await.unwrap();

    let wrong_secret = app.client_as(ADMIN_KEY_ID, "wrong/secret/0123456789abcdefghijklmnop");
    let err = wrong_secret.list_user_pools().max_results(1).send().await.unwrap_err();
    assert_eq!(code(&err), "InvalidSignatureException");

    let stranger = app.client_as("AKIASTRANGER00000000", ADMIN_SECRET);
    let err = stranger.list_user_pools().max_results(1).send().await.unwrap_err();
    assert_eq!(code(&err), "UnrecognizedClientException");

    let (status, json, _) = app.raw("ListUserPools", r#"{"MaxResults": 1}"#).await;
    assert_eq!(status, 400);
    assert_eq!(json["__type"], "MissingAuthenticationTokenException");

    let outbox =
        reqwest::get(format!("{}/_incognito/messages?userPoolId=us-east-1_x", app.url)).await.unwrap();
    assert_eq!(outbox.status(), 403, "the outbox needs the operator too");
}

#[tokio::test]
async fn browsers_may_call_the_api_cross_origin() {
    let app = TestApp::spawn().await;
    let http = reqwest::Client::new();
    let preflight = http
        .request(reqwest::Method::OPTIONS, format!("{}/", app.url))
        .header("origin", "http://localhost:3000")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type,x-amz-target,x-amz-user-agent")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status().as_u16(), 204);
    assert_eq!(preflight.headers()["access-control-allow-origin"], "*");
    assert_eq!(
        preflight.headers()["access-control-allow-headers"],
        "content-type,x-amz-target,x-amz-user-agent"
    );
    // The answer, an error included, is readable with its AWS headers.
    let answer = http
        .post(format!("{}/", app.url))
        .header("origin", "http://localhost:3000")
        .header("x-amz-target", "AWSCognitoIdentityProviderService.InitiateAuth")
        .header("content-type", "application/x-amz-json-1.1")
        .body(r#"{"ClientId":"nosuchclient00000000000000","AuthFlow":"USER_PASSWORD_AUTH","AuthParameters":{}}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 400);
    assert_eq!(answer.headers()["access-control-allow-origin"], "*");
    assert!(answer.headers()["access-control-expose-headers"].to_str().unwrap().contains("x-amzn-ErrorType"));
}
