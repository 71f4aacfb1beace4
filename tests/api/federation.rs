//! Login providers of identity pools (`incognito::federation`): every provider kind
//! accepted and refused, against the fakes in `fakes.rs`. Most cases call `verify_login`
//! directly with the running app's state; the last ones go through GetId with the AWS SDK.

use std::sync::Arc;

use aws_sdk_cognitoidentity::types::CognitoIdentityProvider as SdkProvider;
use aws_sdk_cognitoidentityprovider::types::{AuthFlowType, ExplicitAuthFlowsType, MessageActionType};
use incognito::clock::FixedClock;
use incognito::error::AwsError;
use incognito::federation::FederationError;
use incognito::federation::store::OidcProviderRow;
use incognito::federation::{self, ProviderKind, VerifiedLogin, messages};
use incognito::identity_pools::model::{CognitoIdentityProvider, IdentityPoolSettings};
use serde_json::json;

use crate::fakes::{self, AMAZON_APP, APPLE_CLIENT, FACEBOOK_APP, Fakes, GOOGLE_CLIENT, OIDC_CLIENT, Signer};
use crate::helpers::{Options, TestApp};

const PASSWORD: &str = "Correct-Horse-9";

/// `(code, message)` of a refusal, or the verified login.
fn outcome(r: Result<VerifiedLogin, FederationError>) -> Result<VerifiedLogin, (String, String)> {
    r.map_err(|e| (e.code().to_string(), e.to_string()))
}

fn refused(message: &str) -> (String, String) {
    ("NotAuthorizedException".into(), message.into())
}

/// An identity pool supporting every social provider with the fakes' app ids.
fn social_pool() -> IdentityPoolSettings {
    let providers = [
        ("accounts.google.com", format!("other-client.apps.googleusercontent.com, {GOOGLE_CLIENT}")),
        ("appleid.apple.com", APPLE_CLIENT.to_string()),
        ("graph.facebook.com", FACEBOOK_APP.to_string()),
        ("www.amazon.com", AMAZON_APP.to_string()),
    ];
    IdentityPoolSettings {
        supported_login_providers: Some(providers.into_iter().map(|(k, v)| (k.to_string(), v)).collect()),
        saml_provider_arns: Some(vec!["arn:aws:iam::000000000000:saml-provider/corp".into()]),
        ..Default::default()
    }
}

async fn spawn(fakes: &Fakes) -> TestApp {
    TestApp::spawn_with(Options { configure: Some(fakes.configure()), ..Default::default() }).await
}

#[tokio::test]
async fn google_id_tokens_verify_with_either_issuer_spelling_and_bad_ones_are_refused() {
    // Arrange
    let fakes = Fakes::start().await;
    let app = spawn(&fakes).await;
    let pool = social_pool();
    let google = &fakes.google;
    let verify = |token: String| {
        let (state, pool) = (app.state.clone(), pool.clone());
        async move {
            outcome(
                federation::verify_login(
                    &state.federation,
                    &pool.login_providers(),
                    "accounts.google.com",
                    &token,
                )
                .await,
            )
        }
    };

    // Act/Assert: both issuer spellings are Google's.
    let login = verify(google.id_token("g-user-1")).await.unwrap();
    assert_eq!(login.provider, "accounts.google.com");
    assert_eq!(login.subject, "g-user-1");
    assert_eq!(login.kind, ProviderKind::Google);
    assert_eq!(login.claims["aud"], GOOGLE_CLIENT);
    let mut bare = google.claims("g-user-2");
    bare.iss = "accounts.google.com".into();
    assert_eq!(verify(google.sign(&bare)).await.unwrap().subject, "g-user-2");

    // Each refusal, with a description.
    let mut expired = google.claims("g");
    expired.exp = fakes::now() - 10;
    let mut wrong_aud = google.claims("g");
    wrong_aud.aud = "someone-else.apps.googleusercontent.com".into();
    let mut wrong_iss = google.claims("g");
    wrong_iss.iss = "https://evil.example.com".into();
    let secret = b"a secret anyone could guess";
    let cases: Vec<(&str, String, (String, String))> = vec![
        ("expired", google.sign(&expired), ("NotAuthorizedException".into(), "expired".into())),
        ("another client's token", google.sign(&wrong_aud), refused(messages::WRONG_AUDIENCE)),
        ("another issuer", google.sign(&wrong_iss), refused(messages::WRONG_ISSUER)),
        ("tampered signature", fakes::tamper(&google.id_token("g")), refused(messages::BAD_SIGNATURE)),
        ("alg none", fakes::alg_none(&google.claims("g")), refused(messages::NOT_OIDC)),
        (
            "HS256 with a guessable secret",
            fakes::hs256(&google.claims("g"), "fake-key-1", secret),
            refused(messages::BAD_SIGNATURE),
        ),
        (
            "signed by a key Google never published",
            Signer::generate("ghost").sign(&google.claims("g").to_map()),
            refused(messages::BAD_SIGNATURE),
        ),
        ("not a JWT", "ya29.not-a-jwt".into(), refused(messages::NOT_OIDC)),
    ];
    for (description, token, expected) in cases {
        let got = verify(token).await.map(|l| l.subject).unwrap_err();
        if expected.1 == "expired" {
            assert!(got.1.starts_with("Invalid login token. Token expired: "), "{description}: {got:?}");
        } else {
            assert_eq!(got, expected, "{description}");
        }
    }
}

#[tokio::test]
async fn apple_id_tokens_verify_against_apples_keys_and_issuer() {
    let fakes = Fakes::start().await;
    let app = spawn(&fakes).await;
    let pool = social_pool();
    let apple = &fakes.apple;

    let login = federation::verify_login(
        &app.state.federation,
        &pool.login_providers(),
        "appleid.apple.com",
        &apple.id_token("000123.abc"),
    )
    .await
    .unwrap();
    assert_eq!((login.subject.as_str(), login.kind), ("000123.abc", ProviderKind::Apple));

    // A Google-shaped token is not Apple's, even with Apple's audience.
    let mut google_iss = apple.claims("x");
    google_iss.iss = "https://accounts.google.com".into();
    let err = outcome(
        federation::verify_login(
            &app.state.federation,
            &pool.login_providers(),
            "appleid.apple.com",
            &apple.sign(&google_iss),
        )
        .await,
    )
    .unwrap_err();
    assert_eq!(err, refused(messages::WRONG_ISSUER));
    // Google's token under Apple's name: a key Apple never published.
    let err = outcome(
        federation::verify_login(
            &app.state.federation,
            &pool.login_providers(),
            "appleid.apple.com",
            &fakes.google.id_token("x"),
        )
        .await,
    )
    .unwrap_err();
    assert_eq!(err, refused(messages::BAD_SIGNATURE));
}

#[tokio::test]
async fn keys_are_cached_refetched_for_a_new_kid_at_most_once_a_minute() {
    // Arrange: a clock we move; the fake's tokens are valid for an hour of wall time.
    let clock = Arc::new(FixedClock::new(fakes::now() * 1000));
    let fakes = Fakes::start().await;
    let app = TestApp::spawn_with(Options {
        clock: clock.clone(),
        configure: Some(fakes.configure()),
        ..Default::default()
    })
    .await;
    let pool = social_pool();
    let google = &fakes.google;
    let verify = |token: String| {
        let (state, pool) = (app.state.clone(), pool.clone());
        async move {
            outcome(
                federation::verify_login(
                    &state.federation,
                    &pool.login_providers(),
                    "accounts.google.com",
                    &token,
                )
                .await,
            )
        }
    };

    // Act/Assert: the first token fetches the keys, the next ones reuse them.
    verify(google.id_token("a")).await.unwrap();
    verify(google.id_token("b")).await.unwrap();
    assert_eq!(google.jwks_hits(), 1);

    // Google rotates: a token with the new kid refetches (the minute has passed).
    google.rotate();
    clock.advance_secs(61);
    verify(google.id_token("c")).await.unwrap();
    assert_eq!(google.jwks_hits(), 2);

    // An unknown kid right after a fetch does not reach Google; a minute later it may.
    let ghost = Signer::generate("ghost").sign(&google.claims("d").to_map());
    assert_eq!(verify(ghost.clone()).await.unwrap_err(), refused(messages::BAD_SIGNATURE));
    assert_eq!(google.jwks_hits(), 2);
    clock.advance_secs(61);
    assert_eq!(verify(ghost).await.unwrap_err(), refused(messages::BAD_SIGNATURE));
    assert_eq!(google.jwks_hits(), 3);
}

#[tokio::test]
async fn cached_keys_outlive_an_outage_of_the_provider() {
    // Arrange: keys fetched once (max-age one hour), then Google goes down.
    let clock = Arc::new(FixedClock::new(fakes::now() * 1000));
    let fakes = Fakes::start().await;
    let app = TestApp::spawn_with(Options {
        clock: clock.clone(),
        configure: Some(fakes.configure()),
        ..Default::default()
    })
    .await;
    let pool = social_pool();
    let google = &fakes.google;
    let long_lived = |sub: &str| {
        let mut claims = google.claims(sub);
        claims.exp = fakes::now() + 3 * 3600;
        google.sign(&claims)
    };
    federation::verify_login(
        &app.state.federation,
        &pool.login_providers(),
        "accounts.google.com",
        &long_lived("a"),
    )
    .await
    .unwrap();
    google.set_down(true);

    // Act: past the keys' max-age the refresh fails, and the old keys keep deciding.
    clock.advance_secs(3601);
    let login = federation::verify_login(
        &app.state.federation,
        &pool.login_providers(),
        "accounts.google.com",
        &long_lived("b"),
    )
    .await
    .unwrap();
    assert_eq!(login.subject, "b");
    assert_eq!(google.jwks_hits(), 2, "the refresh was tried once");

    // A new kid cannot be told from a forged one while Google is down.
    google.rotate();
    clock.advance_secs(61);
    let err = outcome(
        federation::verify_login(
            &app.state.federation,
            &pool.login_providers(),
            "accounts.google.com",
            &long_lived("c"),
        )
        .await,
    )
    .unwrap_err();
    assert_eq!(err.0, "ExternalServiceException", "{err:?}");

    // Assert: once Google is back, the new key is fetched.
    google.set_down(false);
    clock.advance_secs(61);
    federation::verify_login(
        &app.state.federation,
        &pool.login_providers(),
        "accounts.google.com",
        &long_lived("d"),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn facebook_access_tokens_are_checked_through_the_graph_api() {
    let fakes = Fakes::start().await;
    let app = spawn(&fakes).await;
    let pool = social_pool();
    let fb = &fakes.facebook;
    let verify = |token: String| {
        let (state, pool) = (app.state.clone(), pool.clone());
        async move {
            outcome(
                federation::verify_login(
                    &state.federation,
                    &pool.login_providers(),
                    "graph.facebook.com",
                    &token,
                )
                .await,
            )
        }
    };

    let login = verify(fb.token("10215241773831025", FACEBOOK_APP)).await.unwrap();
    assert_eq!((login.subject.as_str(), &login.kind), ("10215241773831025", &ProviderKind::Facebook));

    let other_app = verify(fb.token("10215241773831025", "999999999999999")).await.unwrap_err();
    assert_eq!(other_app, refused(messages::NOT_SUPPORTED), "a token of another app");
    let expired = verify(fb.expired_token("1", FACEBOOK_APP)).await.unwrap_err();
    assert_eq!(expired.0, "NotAuthorizedException", "an expired token: {expired:?}");
    let garbage = verify("EAAnot-a-token".into()).await.unwrap_err();
    assert_eq!(garbage.0, "NotAuthorizedException", "a token Facebook cannot parse: {garbage:?}");
}

#[tokio::test]
async fn amazon_access_tokens_are_checked_with_tokeninfo() {
    let fakes = Fakes::start().await;
    let app = spawn(&fakes).await;
    let pool = social_pool();
    let amazon = &fakes.amazon;
    let verify = |token: String| {
        let (state, pool) = (app.state.clone(), pool.clone());
        async move {
            outcome(
                federation::verify_login(
                    &state.federation,
                    &pool.login_providers(),
                    "www.amazon.com",
                    &token,
                )
                .await,
            )
        }
    };

    let login = verify(amazon.token("amzn1.account.K2LI23KL2LK2", AMAZON_APP)).await.unwrap();
    assert_eq!((login.subject.as_str(), &login.kind), ("amzn1.account.K2LI23KL2LK2", &ProviderKind::Amazon));
    assert_eq!(login.claims["app_id"], AMAZON_APP);

    let other_app = verify(amazon.token("amzn1.account.X", "amzn1.application.other")).await.unwrap_err();
    assert_eq!(other_app, refused(messages::NOT_SUPPORTED));
    assert_eq!(verify("Atza|unknown".into()).await.unwrap_err().0, "NotAuthorizedException");
}

#[tokio::test]
async fn providers_the_pool_does_not_support_are_refused_before_any_check() {
    let fakes = Fakes::start().await;
    let app = spawn(&fakes).await;
    let only_facebook = IdentityPoolSettings {
        supported_login_providers: Some(
            [("graph.facebook.com".to_string(), FACEBOOK_APP.to_string())].into(),
        ),
        ..Default::default()
    };
    let token = fakes.google.id_token("g");
    let cases = [
        ("a social provider the pool lacks", only_facebook.clone(), "accounts.google.com"),
        ("a name nobody knows", only_facebook.clone(), "login.example.com"),
        (
            "a user pool the pool lacks",
            only_facebook.clone(),
            "cognito-idp.us-east-1.amazonaws.com/us-east-1_Missing01",
        ),
        ("an OIDC issuer not registered on the pool", only_facebook, "127.0.0.1:1/realms/x"),
    ];
    for (description, pool, name) in cases {
        let err = outcome(
            federation::verify_login(&app.state.federation, &pool.login_providers(), name, &token).await,
        )
        .unwrap_err();
        assert_eq!(err, refused(messages::NOT_SUPPORTED), "{description}");
    }
    assert_eq!(fakes.google.jwks_hits(), 0, "no provider was asked");

    // SAML is supported by AWS but not by incognito: refused, and says so.
    let pool = social_pool();
    let err = outcome(
        federation::verify_login(
            &app.state.federation,
            &pool.login_providers(),
            "arn:aws:iam::000000000000:saml-provider/corp",
            "PHNhbWw+",
        )
        .await,
    )
    .unwrap_err();
    assert_eq!(err.0, "NotAuthorizedException");
    assert!(err.1.contains("not supported by incognito"), "{err:?}");
}

#[tokio::test]
async fn an_unreachable_provider_is_an_external_service_error() {
    let fakes = Fakes::start().await;
    let down = fakes::unreachable_url().await;
    let (google, graph, amazon) =
        (format!("{down}/oauth2/v3/certs"), down.clone(), format!("{down}/auth/o2/tokeninfo"));
    let app = TestApp::spawn_with(Options {
        configure: Some(Box::new(move |c| {
            c.federation.google_jwks_url = google;
            c.federation.facebook_graph_url = graph;
            c.federation.amazon_tokeninfo_url = amazon;
        })),
        ..Default::default()
    })
    .await;
    // An OIDC issuer registered in IAM whose discovery document cannot be fetched.
    let oidc_name = down.trim_start_matches("http://").to_string();
    let arn = format!("arn:aws:iam::000000000000:oidc-provider/{oidc_name}");
    let row = OidcProviderRow {
        arn: arn.clone(),
        url: down.clone(),
        client_ids: vec![OIDC_CLIENT.into()],
        thumbprints: vec![],
        created_at: 0,
    };
    app.state.federation.store.insert_oidc_provider(&row).await.unwrap();
    let pool = IdentityPoolSettings { open_id_connect_provider_arns: Some(vec![arn]), ..social_pool() };
    let cases = [
        ("accounts.google.com", fakes.google.id_token("g")),
        ("graph.facebook.com", fakes.facebook.token("1", FACEBOOK_APP)),
        ("www.amazon.com", fakes.amazon.token("amzn1.account.X", AMAZON_APP)),
        (oidc_name.as_str(), fakes.oidc.id_token("o")),
    ];
    for (name, token) in cases {
        let err = outcome(
            federation::verify_login(&app.state.federation, &pool.login_providers(), name, &token).await,
        )
        .unwrap_err();
        assert_eq!(err.0, "ExternalServiceException", "{name}: {err:?}");
        assert!(!err.1.contains(&token), "the token stays out of the message");
    }
}

/// A pool with user `alice` and an app client allowing admin password sign-in.
struct UserPool {
    app: TestApp,
    pool: String,
    client: String,
}

impl UserPool {
    async fn new(options: Options) -> Self {
        let app = TestApp::spawn_with(options).await;
        let pool = app.pool().await;
        let client = app
            .idp
            .create_user_pool_client()
            .user_pool_id(&pool)
            .client_name("app")
            .explicit_auth_flows(ExplicitAuthFlowsType::AllowAdminUserPasswordAuth)
            .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
            .send()
            .await
            .unwrap()
            .user_pool_client
            .unwrap()
            .client_id
            .unwrap();
        app.idp
            .admin_create_user()
            .user_pool_id(&pool)
            .username("alice")
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
        Self { app, pool, client }
    }

    /// `(id token, access token)` of a fresh sign-in.
    async fn sign_in(&self) -> (String, String) {
        let r = self
            .app
            .idp
            .admin_initiate_auth()
            .user_pool_id(&self.pool)
            .client_id(&self.client)
            .auth_flow(AuthFlowType::AdminUserPasswordAuth)
            .auth_parameters("USERNAME", "alice")
            .auth_parameters("PASSWORD", PASSWORD)
            .send()
            .await
            .unwrap()
            .authentication_result
            .unwrap();
        (r.id_token.unwrap(), r.access_token.unwrap())
    }

    fn provider_name(&self) -> String {
        format!("cognito-idp.us-east-1.amazonaws.com/{}", self.pool)
    }

    fn identity_pool(&self, client: &str) -> IdentityPoolSettings {
        IdentityPoolSettings {
            cognito_identity_providers: Some(vec![CognitoIdentityProvider {
                provider_name: Some(self.provider_name()),
                client_id: Some(client.into()),
                server_side_token_check: None,
            }]),
            ..Default::default()
        }
    }

    async fn verify(&self, name: &str, token: &str) -> Result<VerifiedLogin, (String, String)> {
        outcome(
            federation::verify_login(
                &self.app.state.federation,
                &self.identity_pool(&self.client).login_providers(),
                name,
                token,
            )
            .await,
        )
    }
}

#[tokio::test]
async fn user_pool_id_tokens_verify_under_either_provider_name() {
    // Arrange
    let up = UserPool::new(Options::default()).await;
    let (id_token, access_token) = up.sign_in().await;
    let local_name = format!("{}/{}", up.app.url.trim_start_matches("http://"), up.pool);

    // Act/Assert: the AWS name and our issuer without scheme are the same provider.
    for name in [up.provider_name(), local_name.clone()] {
        let login = up.verify(&name, &id_token).await.unwrap();
        assert_eq!(login.provider, up.provider_name(), "{name}");
        assert_eq!(
            login.kind,
            ProviderKind::UserPool { user_pool_id: up.pool.clone(), client_id: up.client.clone() }
        );
        assert_eq!(login.claims["cognito:username"], "alice");
        assert_eq!(login.subject, login.claims["sub"].as_str().unwrap());
    }
    assert_eq!(
        federation::canonical_provider_name(&up.app.state.federation, &local_name),
        up.provider_name()
    );
    assert_eq!(
        federation::canonical_provider_name(&up.app.state.federation, "accounts.google.com"),
        "accounts.google.com"
    );

    // Refusals.
    let name = up.provider_name();
    assert_eq!(
        up.verify(&name, &access_token).await.unwrap_err(),
        refused(&messages::missing_claim("aud")),
        "an access token is not an ID token"
    );
    assert_eq!(
        up.verify(&name, &fakes::tamper(&id_token)).await.unwrap_err(),
        refused(messages::BAD_SIGNATURE)
    );
    let other_client = outcome(
        federation::verify_login(
            &up.app.state.federation,
            &up.identity_pool("someotherclient0000000000").login_providers(),
            &name,
            &id_token,
        )
        .await,
    )
    .unwrap_err();
    assert_eq!(other_client, refused(messages::NOT_SUPPORTED), "a client the identity pool does not list");

    // A token of another pool presented under this pool's name.
    let other = up.app.pool().await;
    let other_name = format!("cognito-idp.us-east-1.amazonaws.com/{other}");
    let mut pool = up.identity_pool(&up.client);
    pool.cognito_identity_providers.as_mut().unwrap()[0].provider_name = Some(other_name.clone());
    let err = outcome(
        federation::verify_login(&up.app.state.federation, &pool.login_providers(), &other_name, &id_token)
            .await,
    )
    .unwrap_err();
    assert_eq!(err, refused(messages::WRONG_ISSUER));
}

#[tokio::test]
async fn user_pool_tokens_expire_and_are_revoked_by_sign_out_and_disabling() {
    // Arrange
    let clock = Arc::new(FixedClock::new(1_800_000_000_000));
    let up = UserPool::new(Options { clock: clock.clone(), ..Default::default() }).await;
    let name = up.provider_name();
    let (old, _) = up.sign_in().await;

    // Expiry is judged by the service clock (ID tokens live an hour).
    clock.advance_secs(3600);
    let err = up.verify(&name, &old).await.unwrap_err();
    assert_eq!(err, refused(&messages::expired(1_800_003_600, 1_800_003_600)));

    // A global sign-out revokes ID tokens issued before it.
    let (before, access) = up.sign_in().await;
    up.verify(&name, &before).await.unwrap();
    clock.advance_secs(1);
    up.app.idp.global_sign_out().access_token(access).send().await.unwrap();
    assert_eq!(up.verify(&name, &before).await.unwrap_err(), refused(messages::REVOKED));
    clock.advance_secs(1);
    let (after, _) = up.sign_in().await;
    up.verify(&name, &after).await.unwrap();

    // A disabled user's tokens are refused.
    up.app.idp.admin_disable_user().user_pool_id(&up.pool).username("alice").send().await.unwrap();
    assert_eq!(up.verify(&name, &after).await.unwrap_err(), refused(messages::USER_DISABLED));

    // Enabling the user again brings none of them back; a new sign-in works.
    up.app.idp.admin_enable_user().user_pool_id(&up.pool).username("alice").send().await.unwrap();
    assert_eq!(up.verify(&name, &after).await.unwrap_err(), refused(messages::REVOKED));
    let (fresh, _) = up.sign_in().await;
    up.verify(&name, &fresh).await.unwrap();

    // A deleted user's tokens are refused.
    up.app.idp.admin_delete_user().user_pool_id(&up.pool).username("alice").send().await.unwrap();
    assert_eq!(up.verify(&name, &fresh).await.unwrap_err(), refused(messages::REVOKED));
}

#[tokio::test]
async fn aws_issuer_style_tokens_verify_too() {
    let up = UserPool::new(Options { issuer_aws: true, ..Default::default() }).await;
    let (id_token, _) = up.sign_in().await;
    let login = up.verify(&up.provider_name(), &id_token).await.unwrap();
    assert_eq!(login.claims["iss"], format!("https://cognito-idp.us-east-1.amazonaws.com/{}", up.pool));
}

#[tokio::test]
async fn oidc_providers_registered_in_iam_are_discovered_and_checked() {
    // Arrange: the fake issuer registered as an IAM OIDC provider and listed on the pool.
    let fakes = Fakes::start().await;
    let app = spawn(&fakes).await;
    let oidc = &fakes.oidc;
    let name = oidc.url.trim_start_matches("http://").to_string();
    let arn = format!("arn:aws:iam::000000000000:oidc-provider/{name}");
    app.state
        .federation
        .store
        .insert_oidc_provider(&OidcProviderRow {
            arn: arn.clone(),
            url: oidc.url.clone(),
            client_ids: vec!["another-client".into(), OIDC_CLIENT.into()],
            thumbprints: vec![],
            created_at: 0,
        })
        .await
        .unwrap();
    let pool =
        IdentityPoolSettings { open_id_connect_provider_arns: Some(vec![arn.clone()]), ..Default::default() };
    let verify = |token: String| {
        let (state, pool, name) = (app.state.clone(), pool.clone(), name.clone());
        async move {
            outcome(federation::verify_login(&state.federation, &pool.login_providers(), &name, &token).await)
        }
    };

    // Act/Assert
    let mut claims = oidc.claims("oidc-user");
    claims.extra.insert("department".into(), json!("sales"));
    let login = verify(oidc.sign(&claims)).await.unwrap();
    assert_eq!(login.kind, ProviderKind::Oidc { arn });
    assert_eq!((login.provider.as_str(), login.subject.as_str()), (name.as_str(), "oidc-user"));
    assert_eq!(login.claims["department"], "sales");

    let mut wrong_aud = oidc.claims("u");
    wrong_aud.aud = json!(["not-registered"]);
    assert_eq!(verify(oidc.sign(&wrong_aud)).await.unwrap_err(), refused(messages::WRONG_AUDIENCE));
    let mut wrong_iss = oidc.claims("u");
    wrong_iss.iss = format!("{}/elsewhere", oidc.url);
    assert_eq!(verify(oidc.sign(&wrong_iss)).await.unwrap_err(), refused(messages::WRONG_ISSUER));
    let mut expired = oidc.claims("u");
    expired.exp = fakes::now() - 1;
    assert!(
        verify(oidc.sign(&expired)).await.unwrap_err().1.starts_with("Invalid login token. Token expired: ")
    );

    // A social provider's name registered as an OIDC provider instead (as AWS suggests for
    // Google with several client ids) is checked as OIDC.
    let google_arn = "arn:aws:iam::000000000000:oidc-provider/accounts.google.com".to_string();
    app.state
        .federation
        .store
        .insert_oidc_provider(&OidcProviderRow {
            arn: google_arn.clone(),
            url: oidc.url.clone(),
            client_ids: vec![OIDC_CLIENT.into()],
            thumbprints: vec![],
            created_at: 0,
        })
        .await
        .unwrap();
    let pool = IdentityPoolSettings {
        open_id_connect_provider_arns: Some(vec![google_arn.clone()]),
        ..Default::default()
    };
    let login = federation::verify_login(
        &app.state.federation,
        &pool.login_providers(),
        "accounts.google.com",
        &oidc.id_token("x"),
    )
    .await
    .unwrap();
    assert_eq!(login.kind, ProviderKind::Oidc { arn: google_arn });
}

// ---- Through the AWS SDK: GetId and GetOpenIdToken with each provider kind ----

#[tokio::test]
async fn get_id_accepts_each_provider_kind_and_refuses_bad_tokens() {
    // Arrange: one identity pool supporting a user pool, the social fakes and the OIDC fake.
    let fakes = Fakes::start().await;
    let up = UserPool::new(Options { configure: Some(fakes.configure()), ..Default::default() }).await;
    let app = &up.app;
    let oidc_name = fakes.oidc.url.trim_start_matches("http://").to_string();
    let arn = format!("arn:aws:iam::000000000000:oidc-provider/{oidc_name}");
    let params = [("Url", fakes.oidc.url.as_str()), ("ClientIDList.member.1", OIDC_CLIENT)];
    let (status, body) = crate::iam::iam(app, "CreateOpenIDConnectProvider", &params).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains(&arn), "{body}");
    let ipool = app
        .identity
        .create_identity_pool()
        .identity_pool_name("federated")
        .allow_unauthenticated_identities(false)
        .allow_classic_flow(true)
        .supported_login_providers("accounts.google.com", GOOGLE_CLIENT)
        .supported_login_providers("appleid.apple.com", APPLE_CLIENT)
        .supported_login_providers("graph.facebook.com", FACEBOOK_APP)
        .supported_login_providers("www.amazon.com", AMAZON_APP)
        .open_id_connect_provider_arns(&arn)
        .cognito_identity_providers(
            SdkProvider::builder().provider_name(up.provider_name()).client_id(&up.client).build(),
        )
        .send()
        .await
        .unwrap()
        .identity_pool_id;
    let anonymous = app.identity.clone();
    let get_id = |name: String, token: String| {
        let (client, ipool) = (anonymous.clone(), ipool.clone());
        async move {
            client
                .get_id()
                .identity_pool_id(ipool)
                .logins(name, token)
                .send()
                .await
                .map(|r| r.identity_id.unwrap())
                .map_err(|e| {
                    let e = e.into_service_error();
                    (
                        aws_sdk_cognitoidentity::error::ProvideErrorMetadata::code(&e)
                            .unwrap_or("")
                            .to_string(),
                        aws_sdk_cognitoidentity::error::ProvideErrorMetadata::message(&e)
                            .unwrap_or("")
                            .to_string(),
                    )
                })
        }
    };
    let (id_token, _) = up.sign_in().await;

    // Act/Assert: every kind gets an identity; the same login gets the same one again.
    let logins = [
        (up.provider_name(), id_token.clone()),
        ("accounts.google.com".to_string(), fakes.google.id_token("g-1")),
        ("appleid.apple.com".to_string(), fakes.apple.id_token("a-1")),
        ("graph.facebook.com".to_string(), fakes.facebook.token("fb-1", FACEBOOK_APP)),
        ("www.amazon.com".to_string(), fakes.amazon.token("amzn1.account.A1", AMAZON_APP)),
        (oidc_name.clone(), fakes.oidc.id_token("o-1")),
    ];
    let mut ids = Vec::new();
    for (name, token) in logins {
        let id = get_id(name.clone(), token).await.unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert!(id.starts_with("us-east-1:"), "{id}");
        ids.push(id);
    }
    ids.dedup();
    assert_eq!(ids.len(), 6, "one identity per provider login");
    assert_eq!(get_id("accounts.google.com".into(), fakes.google.id_token("g-1")).await.unwrap(), ids[1]);
    // Our issuer without scheme names the same user-pool identity.
    let local = format!("{}/{}", app.url.trim_start_matches("http://"), up.pool);
    assert_eq!(get_id(local, id_token).await.unwrap(), ids[0]);

    // Refusals keep AWS's codes.
    let mut expired = fakes.google.claims("g-1");
    expired.exp = fakes::now() - 5;
    let cases = [
        (
            "expired Google token",
            "accounts.google.com".to_string(),
            fakes.google.sign(&expired),
            "NotAuthorizedException",
        ),
        (
            "Facebook token of another app",
            "graph.facebook.com".into(),
            fakes.facebook.token("fb-1", "42"),
            "NotAuthorizedException",
        ),
        (
            "unsupported provider",
            "login.example.com".into(),
            fakes.google.id_token("g-1"),
            "NotAuthorizedException",
        ),
        (
            "tampered OIDC token",
            oidc_name,
            fakes::tamper(&fakes.oidc.id_token("o-1")),
            "NotAuthorizedException",
        ),
    ];
    for (description, name, token, code) in cases {
        let err = get_id(name, token).await.unwrap_err();
        assert_eq!(err.0, code, "{description}: {err:?}");
    }
    let err = get_id("graph.facebook.com".into(), fakes.facebook.token("fb-1", "42")).await.unwrap_err();
    assert_eq!(err.1, messages::NOT_SUPPORTED);

    // GetOpenIdToken checks the logins again: a valid one gets a token, an expired one not.
    let token = app
        .identity
        .get_open_id_token()
        .identity_id(&ids[1])
        .logins("accounts.google.com", fakes.google.id_token("g-1"))
        .send()
        .await
        .unwrap()
        .token
        .unwrap();
    assert_eq!(token.split('.').count(), 3, "a JWT");
    let err = app
        .identity
        .get_open_id_token()
        .identity_id(&ids[1])
        .logins("accounts.google.com", fakes.google.sign(&expired))
        .send()
        .await
        .unwrap_err();
    let err = err.into_service_error();
    assert!(err.is_not_authorized_exception(), "{err:?}");
}
