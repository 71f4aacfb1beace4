//! Regression tests of the hostile review (issue "Security findings"): removed and disabled
//! users keep no access anywhere, codes are not readable at rest, tokens dated in the
//! future are refused, a database outage answers fast and heals, and lenient input is
//! refused. Through the real server, the real gateway over HTTP, and the AWS SDK.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aws_sdk_cognitoidentityprovider::types::AttributeType;
use axum::http::StatusCode;
use incognito::clock::{Clock, FixedClock};
use tokio::net::TcpListener;

use crate::gateway::{CLIENT, Gw, PASSWORD, POOL, send, spawn_gateway};
use crate::helpers::{Options, TestApp, code, message};

/// Polls until `check` answers `expected`, failing after a generous deadline (the property
/// is "within one revocation poll plus one query"; the deadline only keeps a broken build
/// from hanging).
async fn eventually<F, Fut>(what: &str, expected: StatusCode, check: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = StatusCode>,
{
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let status = check().await;
        if status == expected {
            return;
        }
        assert!(Instant::now() < deadline, "{what}: still {status} instead of {expected}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn route(gw: &Gw, token: &str) -> StatusCode {
    send(gw.http.get(format!("{}/orders", gw.url)).header("authorization", format!("Bearer {token}"))).await.0
}

async fn forward_auth(gw: &Gw, token: &str) -> StatusCode {
    send(
        gw.http
            .get(format!("{}/_incognito/authorize", gw.url))
            .header("x-original-uri", "/orders/1")
            .header("authorization", format!("Bearer {token}")),
    )
    .await
    .0
}

/// The gateway route and forward-auth both refuse `token` (eventually), and GetUser too.
async fn refused_everywhere(gw: &Gw, token: &str, what: &str) {
    eventually(&format!("{what}: gateway"), StatusCode::UNAUTHORIZED, || route(gw, token)).await;
    eventually(&format!("{what}: forward-auth"), StatusCode::UNAUTHORIZED, || forward_auth(gw, token)).await;
    let err = gw.app.idp.get_user().access_token(token).send().await.unwrap_err();
    assert_eq!(code(&err), "NotAuthorizedException", "{what}: GetUser");
}

async fn create_user(gw: &Gw, username: &str) {
    gw.app
        .idp
        .admin_create_user()
        .user_pool_id(POOL)
        .username(username)
        .message_action(aws_sdk_cognitoidentityprovider::types::MessageActionType::Suppress)
        .send()
        .await
        .unwrap();
    gw.app
        .idp
        .admin_set_user_password()
        .user_pool_id(POOL)
        .username(username)
        .password(PASSWORD)
        .permanent(true)
        .send()
        .await
        .unwrap();
}

fn sub_of(token: &str) -> String {
    use base64::Engine;
    let payload = token.split('.').nth(1).unwrap();
    let claims: serde_json::Value =
        serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap())
            .unwrap();
    claims["sub"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn a_disabled_user_loses_access_everywhere_and_enabling_brings_no_old_token_back() {
    // Arrange
    let gw = spawn_gateway(None, |_| vec![]).await;
    create_user(&gw, "dana").await;
    let (token, _, _) = gw.tokens_of(POOL, CLIENT, "dana").await;
    assert_eq!(route(&gw, &token).await, StatusCode::OK);
    assert_eq!(forward_auth(&gw, &token).await, StatusCode::OK);

    // Act
    gw.app.idp.admin_disable_user().user_pool_id(POOL).username("dana").send().await.unwrap();

    // Assert
    refused_everywhere(&gw, &token, "disabled").await;
    gw.app.idp.admin_enable_user().user_pool_id(POOL).username("dana").send().await.unwrap();
    refused_everywhere(&gw, &token, "enabled again").await;
    let err = gw.app.idp.get_user().access_token(&token).send().await.unwrap_err();
    assert_eq!(message(&err), "Access Token has been revoked");
    let (fresh, _, _) = gw.tokens_of(POOL, CLIENT, "dana").await;
    assert_eq!(route(&gw, &fresh).await, StatusCode::OK);
}

#[tokio::test]
async fn a_deleted_user_loses_access_and_a_user_re_created_under_the_name_is_someone_else() {
    // Arrange
    let gw = spawn_gateway(None, |_| vec![]).await;
    create_user(&gw, "erin").await;
    let (old, old_id, _) = gw.tokens_of(POOL, CLIENT, "erin").await;
    assert_eq!(route(&gw, &old).await, StatusCode::OK);

    // Act
    gw.app.idp.admin_delete_user().user_pool_id(POOL).username("erin").send().await.unwrap();
    create_user(&gw, "erin").await;
    let (new, _, _) = gw.tokens_of(POOL, CLIENT, "erin").await;

    // Assert
    refused_everywhere(&gw, &old, "deleted").await;
    eventually("the deleted user's ID token", StatusCode::UNAUTHORIZED, || async {
        send(gw.http.get(format!("{}/ids", gw.url)).header("authorization", format!("Bearer {old_id}")))
            .await
            .0
    })
    .await;
    assert_ne!(sub_of(&old), sub_of(&new), "a re-created user has a new sub");
    assert_eq!(route(&gw, &new).await, StatusCode::OK);
    assert_eq!(forward_auth(&gw, &new).await, StatusCode::OK);
    gw.app.idp.get_user().access_token(&new).send().await.unwrap();
}

#[tokio::test]
async fn users_who_delete_themselves_or_are_reset_by_an_admin_lose_access() {
    // Arrange
    let gw = spawn_gateway(None, |_| vec![]).await;
    create_user(&gw, "finn").await;
    create_user(&gw, "gus").await;
    let (finn, _, _) = gw.tokens_of(POOL, CLIENT, "finn").await;
    let (gus, _, _) = gw.tokens_of(POOL, CLIENT, "gus").await;
    assert_eq!(route(&gw, &finn).await, StatusCode::OK);
    assert_eq!(route(&gw, &gus).await, StatusCode::OK);

    // Act
    gw.app.idp.delete_user().access_token(&finn).send().await.unwrap();
    gw.app.idp.admin_reset_user_password().user_pool_id(POOL).username("gus").send().await.unwrap();

    // Assert
    refused_everywhere(&gw, &finn, "deleted themselves").await;
    refused_everywhere(&gw, &gus, "reset by an admin").await;
}

#[tokio::test]
async fn tokens_dated_in_the_future_are_refused_everywhere() {
    // Arrange: tokens minted while the server's clock ran two hours ahead.
    let now = incognito::clock::SystemClock.now_millis();
    let clock = Arc::new(FixedClock::new(now + 2 * 3600 * 1000));
    let gw = spawn_gateway(Some(clock.clone()), |_| vec![]).await;
    let (ahead, ahead_id, _) = gw.tokens_of(POOL, CLIENT, "alice").await;
    clock.set(now);
    let (fine, _, _) = gw.tokens_of(POOL, CLIENT, "alice").await;

    // Act / Assert
    assert_eq!(route(&gw, &fine).await, StatusCode::OK);
    let (status, _, body) =
        send(gw.http.get(format!("{}/orders", gw.url)).header("authorization", format!("Bearer {ahead}")))
            .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(body["reason"].as_str().unwrap().contains("future"), "{body}");
    assert_eq!(forward_auth(&gw, &ahead).await, StatusCode::UNAUTHORIZED);
    let err = gw.app.idp.get_user().access_token(&ahead).send().await.unwrap_err();
    assert_eq!(code(&err), "NotAuthorizedException");
    gw.app.idp.get_user().access_token(&fine).send().await.unwrap();

    // An identity-pool login with such an ID token is refused too.
    let pool = gw
        .app
        .identity
        .create_identity_pool()
        .identity_pool_name("future")
        .allow_unauthenticated_identities(false)
        .cognito_identity_providers(
            aws_sdk_cognitoidentity::types::CognitoIdentityProvider::builder()
                .provider_name(format!("cognito-idp.us-east-1.amazonaws.com/{POOL}"))
                .client_id(CLIENT)
                .build(),
        )
        .send()
        .await
        .unwrap();
    let err = gw
        .app
        .identity
        .get_id()
        .identity_pool_id(pool.identity_pool_id)
        .logins(format!("cognito-idp.us-east-1.amazonaws.com/{POOL}"), ahead_id)
        .send()
        .await
        .unwrap_err();
    let err = err.into_service_error();
    assert!(err.is_not_authorized_exception(), "{err:?}");
    assert!(format!("{err:?}").contains("not yet valid"), "{err:?}");
}

#[tokio::test]
async fn outbox_codes_are_sealed_at_rest_and_shown_only_by_the_messages_api() {
    // Arrange
    let app = TestApp::spawn().await;
    let pool = app.pool().await;
    app.idp
        .update_user_pool()
        .user_pool_id(&pool)
        .auto_verified_attributes(aws_sdk_cognitoidentityprovider::types::VerifiedAttributeType::Email)
        .send()
        .await
        .unwrap();
    let client = app
        .idp
        .create_user_pool_client()
        .user_pool_id(&pool)
        .client_name("web")
        .send()
        .await
        .unwrap()
        .user_pool_client
        .unwrap()
        .client_id
        .unwrap();

    // Act
    app.idp
        .sign_up()
        .client_id(&client)
        .username("hana")
        .password(PASSWORD)
        .user_attributes(AttributeType::builder().name("email").value("hana@example.test").build().unwrap())
        .send()
        .await
        .unwrap();

    // Assert: the messages API shows the code...
    let listed: serde_json::Value =
        reqwest::get(format!("{}/_incognito/messages?userPoolId={pool}&username=hana", app.url))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    let shown = listed["messages"][0]["code"].as_str().unwrap().to_string();
    assert_eq!(shown.len(), 6, "{listed}");
    assert!(listed["messages"][0]["message"].as_str().unwrap().contains(&shown));
    // ...but no column of the stored row holds it.
    let row = raw_message_row(&app, &pool).await;
    assert!(!row.iter().any(|column| column.contains(&shown)), "the code is readable at rest: {row:?}");
    assert!(row.iter().any(|column| column.contains("{####}")), "{row:?}");
}

/// Every text column of the pool's newest outbox row, read straight from the database.
async fn raw_message_row(app: &TestApp, pool: &str) -> Vec<String> {
    const SQL: &str = "select username, destination, code, message, coalesce(code_sealed, '') as sealed from messages where user_pool_id = $1 order by created_at desc limit 1";
    use sqlx::Row;
    let columns =
        |r: &dyn Fn(&str) -> String| ["username", "destination", "code", "message", "sealed"].map(r).to_vec();
    if app.database_url.starts_with("postgres") {
        let pg = sqlx::PgPool::connect(&app.database_url).await.unwrap();
        let row = sqlx::query(SQL).bind(pool).fetch_one(&pg).await.unwrap();
        columns(&|c| row.get::<String, _>(c))
    } else {
        let lite = sqlx::SqlitePool::connect(&app.database_url).await.unwrap();
        let row = sqlx::query(SQL).bind(pool).fetch_one(&lite).await.unwrap();
        columns(&|c| row.get::<String, _>(c))
    }
}

#[cfg(unix)]
#[tokio::test]
async fn a_new_sqlite_database_and_its_directory_are_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    // Arrange
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let url = format!("sqlite://{}/incognito.db?mode=rwc", data.display());

    // Act
    let store = incognito::storage::SqliteStore::connect(&url, 2).await.unwrap();
    drop(store);

    // Assert
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("incognito.db")), 0o600);
}

/// A TCP relay to PostgreSQL that can be cut off (every connection closed, the port refusing
/// new ones) and restored on the same port: a database outage the test controls.
struct Relay {
    port: u16,
    tasks: Mutex<Vec<tokio::task::JoinHandle<()>>>,
}

impl Relay {
    async fn start(port: u16) -> Arc<Self> {
        let relay = Arc::new(Self { port, tasks: Mutex::default() });
        relay.open().await;
        relay
    }

    async fn open(self: &Arc<Self>) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).await.expect("relay port");
        let me = self.clone();
        let accept = tokio::spawn(async move {
            loop {
                let Ok((mut inbound, _)) = listener.accept().await else { return };
                let pipe = tokio::spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect("127.0.0.1:5432").await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                me.tasks.lock().unwrap().push(pipe);
            }
        });
        self.tasks.lock().unwrap().push(accept);
    }

    fn cut(&self) {
        for task in self.tasks.lock().unwrap().drain(..) {
            task.abort();
        }
    }
}

#[tokio::test]
async fn a_database_outage_answers_fast_with_an_aws_error_and_heals_without_a_restart() {
    let Ok(server) = std::env::var("TEST_DATABASE_URL") else {
        eprintln!("skipped: a PostgreSQL outage needs TEST_DATABASE_URL (scripts/test runs it)");
        return;
    };
    assert!(server.starts_with("postgres"));
    // Arrange: the server reaches PostgreSQL through a relay the test can cut.
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    let relay = Relay::start(port).await;
    let app = TestApp::spawn_with(Options {
        configure: Some(Box::new(move |c| {
            c.database.url = c.database.url.replace("127.0.0.1:5432", &format!("127.0.0.1:{port}"));
            c.database.acquire_timeout_ms = 1_000;
        })),
        ..Options::default()
    })
    .await;
    assert!(app.database_url.contains(&port.to_string()), "the test goes through the relay");
    // One attempt per call: the SDK's retries would hide how long one call takes.
    let idp = aws_sdk_cognitoidentityprovider::Client::from_conf(
        app.idp
            .config()
            .to_builder()
            .retry_config(aws_sdk_cognitoidentityprovider::config::retry::RetryConfig::disabled())
            .build(),
    );
    idp.list_user_pools().max_results(1).send().await.unwrap();

    // Act: the database goes away.
    relay.cut();
    let started = Instant::now();
    let err = idp.list_user_pools().max_results(1).send().await.unwrap_err();

    // Assert: a clean AWS-shaped 5xx, without waiting long (bound: acquire_timeout_ms = 1 s).
    assert_eq!(code(&err), "InternalErrorException");
    assert_eq!(err.raw_response().map(|r| r.status().as_u16()), Some(500));
    assert!(started.elapsed() < Duration::from_secs(5), "the call hung for {:?}", started.elapsed());
    let health = reqwest::get(format!("{}/health", app.url)).await.unwrap().status();
    assert_eq!(health.as_u16(), 503);

    // The database comes back: calls succeed again, with no restart.
    relay.open().await;
    let healed = Instant::now() + Duration::from_secs(10);
    loop {
        if idp.list_user_pools().max_results(1).send().await.is_ok() {
            break;
        }
        assert!(Instant::now() < healed, "the server did not recover");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn non_json_bodies_invisible_characters_and_repeated_attributes_are_refused() {
    let app = TestApp::spawn().await;
    let pool = app.pool().await;

    // A body not declared as JSON is not understood, as AWS answers.
    let response = reqwest::Client::new()
        .post(&app.url)
        .header("x-amz-target", "AWSCognitoIdentityProviderService.ListUserPools")
        .header("content-type", "text/plain")
        .body(r#"{"MaxResults":1}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 404);
    assert_eq!(response.headers()["x-amzn-errortype"], "BadRequest");

    // A username with a zero-width space next to a plain one.
    app.idp
        .admin_create_user()
        .user_pool_id(&pool)
        .username("bob")
        .message_action(aws_sdk_cognitoidentityprovider::types::MessageActionType::Suppress)
        .send()
        .await
        .unwrap();
    for (description, name) in
        [("zero-width space", "bob\u{200b}"), ("right-to-left override", "\u{202e}bob")]
    {
        let err = app.idp.admin_create_user().user_pool_id(&pool).username(name).send().await.unwrap_err();
        assert_eq!(code(&err), "InvalidParameterException", "{description}");
        assert!(message(&err).contains("regular expression pattern"), "{description}: {}", message(&err));
    }

    // An attribute named twice: refused, and nothing written.
    let attribute = |v: &str| AttributeType::builder().name("name").value(v).build().unwrap();
    let mut request = app.idp.admin_update_user_attributes().user_pool_id(&pool).username("bob");
    for i in 0..100 {
        request = request.user_attributes(attribute(&format!("n{i}")));
    }
    let err = request.send().await.unwrap_err();
    assert_eq!(code(&err), "InvalidParameterException");
    assert!(message(&err).contains("Duplicate attribute name"), "{}", message(&err));
    let user = app.idp.admin_get_user().user_pool_id(&pool).username("bob").send().await.unwrap();
    assert!(!user.user_attributes().iter().any(|a| a.name() == "name"));
}
