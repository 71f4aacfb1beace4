//! Refresh-token rotation (the app client's RefreshTokenRotation): GetTokensFromRefreshToken
//! and `/oauth2/token` answer a new refresh token each time, a retry within the grace period
//! gets the same one, and a rotated-out token replayed after it is refused with
//! RefreshTokenReuseException and, by default, takes its whole family with it. Time moves on
//! the injected clock.

use std::sync::Arc;

use aws_sdk_cognitoidentityprovider::types::{
    AuthFlowType, ExplicitAuthFlowsType, FeatureType, OAuthFlowType, RefreshTokenRotationType,
};
use incognito::clock::FixedClock;
use serde_json::Value;

use crate::helpers::{Options, TestApp, code, message};

const PASSWORD: &str = "Passw0rd!";

struct Fixture {
    app: TestApp,
    clock: Arc<FixedClock>,
    client: String,
    token_url: String,
}

/// A pool with a domain, a confirmed `alice` and a client with rotation on (`grace` seconds).
async fn fixture_with(grace: i32, revoke_family: bool) -> Fixture {
    let clock = Arc::new(FixedClock::new(1_800_000_000_000));
    let app = TestApp::spawn_with(Options {
        clock: clock.clone(),
        configure: Some(Box::new(move |c| c.tokens.revoke_family_on_refresh_reuse = revoke_family)),
        ..Default::default()
    })
    .await;
    let pool = app.pool().await;
    let prefix = format!("r{}", &uuid::Uuid::new_v4().simple().to_string()[..10]);
    app.idp.create_user_pool_domain().user_pool_id(&pool).domain(&prefix).send().await.unwrap();
    let rotation =
        RefreshTokenRotationType::builder().feature(FeatureType::Enabled).retry_grace_period_seconds(grace);
    let client = app
        .idp
        .create_user_pool_client()
        .user_pool_id(&pool)
        .client_name("rotating")
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserPasswordAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .allowed_o_auth_flows_user_pool_client(true)
        .allowed_o_auth_flows(OAuthFlowType::Code)
        .allowed_o_auth_scopes("openid")
        .callback_urls("https://app.example.com/cb")
        .supported_identity_providers("COGNITO")
        .refresh_token_rotation(rotation.build().unwrap())
        .send()
        .await
        .unwrap()
        .user_pool_client
        .unwrap();
    let described = client.refresh_token_rotation().unwrap();
    assert_eq!(described.feature(), &FeatureType::Enabled, "DescribeUserPoolClient echoes the setting");
    assert_eq!(described.retry_grace_period_seconds(), Some(grace));
    app.confirmed_user(&pool, "alice", "alice@example.com", PASSWORD).await;
    let token_url = format!("{}/_domain/{prefix}/oauth2/token", app.url);
    Fixture { client: client.client_id().unwrap().to_string(), app, clock, token_url }
}

impl Fixture {
    async fn sign_in(&self) -> String {
        let out = self
            .app
            .idp
            .initiate_auth()
            .client_id(&self.client)
            .auth_flow(AuthFlowType::UserPasswordAuth)
            .auth_parameters("USERNAME", "alice")
            .auth_parameters("PASSWORD", PASSWORD)
            .send()
            .await
            .unwrap();
        out.authentication_result.unwrap().refresh_token.unwrap()
    }

    /// GetTokensFromRefreshToken: the new refresh token, or `code: message`.
    async fn refresh(&self, token: &str) -> Result<String, String> {
        let out = self
            .app
            .idp
            .get_tokens_from_refresh_token()
            .client_id(&self.client)
            .refresh_token(token)
            .send()
            .await
            .map_err(|e| format!("{}: {}", code(&e), message(&e)))?;
        let result = out.authentication_result.unwrap();
        assert!(result.access_token().is_some() && result.id_token().is_some());
        Ok(result.refresh_token.expect("rotation answers a refresh token"))
    }

    async fn oauth_refresh(&self, token: &str) -> (u16, Value) {
        let response = reqwest::Client::new()
            .post(&self.token_url)
            .form(&[("grant_type", "refresh_token"), ("client_id", &self.client), ("refresh_token", token)])
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.json().await.unwrap())
    }
}

fn is_reuse(answer: &Result<String, String>) -> bool {
    answer.as_ref().is_err_and(|e| e.starts_with("RefreshTokenReuseException: "))
}

#[tokio::test]
async fn each_refresh_rotates_and_a_retry_within_the_grace_gets_the_same_token() {
    // Arrange
    let f = fixture_with(10, true).await;
    let first = f.sign_in().await;

    // Act
    let second = f.refresh(&first).await.unwrap();
    let retried = f.refresh(&first).await.unwrap();
    let third = f.refresh(&second).await.unwrap();

    // Assert
    assert_ne!(second, first);
    assert_eq!(retried, second, "a retry within the grace gets the same successor");
    assert_ne!(third, second);
    f.clock.advance_secs(11);
    assert!(is_reuse(&f.refresh(&first).await), "past the grace the old token is a replay");
    assert_eq!(
        f.refresh(&third).await.unwrap_err(),
        "NotAuthorizedException: Refresh Token has been revoked",
        "the replay revoked the whole family, the newest token too"
    );
}

#[tokio::test]
async fn with_no_grace_the_old_token_stops_at_once_and_the_switch_keeps_the_family() {
    // Arrange: grace 0, and reuse does not revoke the family.
    let f = fixture_with(0, false).await;
    let first = f.sign_in().await;

    // Act
    let second = f.refresh(&first).await.unwrap();
    let replay = f.refresh(&first).await;

    // Assert
    assert!(is_reuse(&replay), "{replay:?}");
    let third = f.refresh(&second).await.expect("the family lives on with the switch off");
    // REFRESH_TOKEN_AUTH is refused while rotation is on: it could not hand out the successor.
    let err = f
        .app
        .idp
        .initiate_auth()
        .client_id(&f.client)
        .auth_flow(AuthFlowType::RefreshTokenAuth)
        .auth_parameters("REFRESH_TOKEN", &third)
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err), "NotAuthorizedException");
    // A rotated token keeps the original's expiry (30 days from the sign-in), never more.
    f.clock.advance_secs(30 * 86400);
    assert_eq!(f.refresh(&third).await.unwrap_err(), "NotAuthorizedException: Refresh Token has expired");
}

#[tokio::test]
async fn the_token_endpoint_rotates_too_and_answers_a_replay_with_invalid_grant() {
    // Arrange
    let f = fixture_with(0, true).await;
    let first = f.sign_in().await;

    // Act
    let (status, rotated) = f.oauth_refresh(&first).await;
    let (replay_status, replay) = f.oauth_refresh(&first).await;

    // Assert
    assert_eq!(status, 200, "{rotated}");
    let second = rotated["refresh_token"].as_str().expect("rotation answers a refresh token");
    assert_ne!(second, first);
    assert_eq!((replay_status, replay["error"].as_str()), (400, Some("invalid_grant")));
    let (status, body) = f.oauth_refresh(second).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")), "the family is revoked");
}

#[tokio::test]
async fn concurrent_refreshes_with_one_token_share_one_successor() {
    // Arrange
    let f = fixture_with(30, true).await;
    let first = f.sign_in().await;

    // Act: eight clients (or one retrying) refresh with the same token at once.
    let mut handles = Vec::new();
    for _ in 0..8 {
        let (idp, client, token) = (f.app.idp.clone(), f.client.clone(), first.clone());
        handles.push(tokio::spawn(async move {
            let out = idp.get_tokens_from_refresh_token().client_id(client).refresh_token(token).send().await;
            out.map(|o| o.authentication_result.unwrap().refresh_token.unwrap()).map_err(|e| code(&e))
        }));
    }
    let mut tokens = Vec::new();
    for handle in handles {
        tokens.push(handle.await.unwrap().expect("all within the grace"));
    }

    // Assert
    assert!(tokens.iter().all(|t| *t == tokens[0]), "one rotation won; the others got its successor");
    f.refresh(&tokens[0]).await.expect("the successor is the family's current token");
}

#[tokio::test]
async fn rotation_settings_outside_the_model_are_refused() {
    let f = fixture_with(0, true).await;
    let pool = f.app.pool().await;
    let err = f
        .app
        .idp
        .create_user_pool_client()
        .user_pool_id(&pool)
        .client_name("bad")
        .refresh_token_rotation(
            RefreshTokenRotationType::builder()
                .feature(FeatureType::Enabled)
                .retry_grace_period_seconds(61)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException");
    assert!(message(&err).contains("retryGracePeriodSeconds"), "{}", message(&err));
}
