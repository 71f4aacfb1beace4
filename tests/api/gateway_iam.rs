//! The gateway's `iam` authorizer with real identity-pool credentials (GetId +
//! GetCredentialsForIdentity from a user-pool login), requests signed by the AWS SDK's own
//! SigV4 signer (aws-sigv4), and the role's policies evaluated for `execute-api:Invoke`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SignatureLocation, SigningSettings, sign};
use aws_sigv4::sign::v4;
use axum::http::StatusCode;
use incognito::clock::{Clock, FixedClock};
use incognito::config::gateway::{AuthorizerKind, RouteConfig};
use serde_json::Value;

use crate::gateway::{CLIENT, Gw, POOL, route, seen, send, spawn_gateway};

const IDENTITY_POOL: &str = "us-east-1:00000000-0000-4000-8000-0000000000a1";
const ROLE_ARN: &str = "arn:aws:iam::000000000000:role/gateway-authenticated";

const IAM_SEED: &str = r#"
[[roles]]
RoleName = "gateway-authenticated"
AssumeRolePolicyDocument = '''{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}'''
  [[roles.policies]]
  PolicyName = "invoke-orders"
  PolicyDocument = '''{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:iam-orders/*"},{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:mine/$default/*/mine/${cognito-identity.amazonaws.com:sub}/*"}]}'''
  [[roles.policies]]
  PolicyName = "deny-secrets"
  PolicyDocument = '''{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:iam-orders/*/*/iam/secret*"}]}'''

[[identity_pools]]
IdentityPoolId = "us-east-1:00000000-0000-4000-8000-0000000000a1"
IdentityPoolName = "gateway"
AllowUnauthenticatedIdentities = false
CognitoIdentityProviders = [{ ProviderName = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Gateway01", ClientId = "gatewayclient0000000000000" }]
Roles = { authenticated = "arn:aws:iam::000000000000:role/gateway-authenticated" }
"#;

struct Creds {
    identity_id: String,
    key: String,
    secret: String,
    token: String,
}

struct Fixture {
    gw: Gw,
    clock: Arc<FixedClock>,
    creds: Creds,
}

fn iam_routes(up: SocketAddr) -> Vec<RouteConfig> {
    vec![
        route("iam-orders", "/iam", up, AuthorizerKind::Iam),
        route("mine", "/mine", up, AuthorizerKind::Iam),
    ]
}

/// The gateway with iam routes, alice's identity and its credentials, on a fixed clock.
async fn fixture() -> Fixture {
    let clock = Arc::new(FixedClock::new(chrono::Utc::now().timestamp_millis()));
    let gw = spawn_gateway(Some(clock.clone()), iam_routes).await;
    let seed: incognito::seed::SeedFile = toml::from_str(IAM_SEED).unwrap();
    incognito::seed::apply(&gw.app.state, seed).await.expect("iam seed");
    let (_, id_token, _) = gw.tokens_of(POOL, CLIENT, "alice").await;
    let provider = format!("cognito-idp.us-east-1.amazonaws.com/{POOL}");
    let identity_id = gw
        .app
        .identity
        .get_id()
        .identity_pool_id(IDENTITY_POOL)
        .logins(&provider, &id_token)
        .send()
        .await
        .expect("GetId")
        .identity_id
        .unwrap();
    let c = gw
        .app
        .identity
        .get_credentials_for_identity()
        .identity_id(&identity_id)
        .logins(&provider, &id_token)
        .send()
        .await
        .expect("GetCredentialsForIdentity")
        .credentials
        .unwrap();
    let creds = Creds {
        identity_id,
        key: c.access_key_id.unwrap(),
        secret: c.secret_key.unwrap(),
        token: c.session_token.unwrap(),
    };
    Fixture { gw, clock, creds }
}

impl Fixture {
    /// A request signed by aws-sigv4 at the server's (fixed) time.
    fn signed(
        &self,
        method: &str,
        path: &str,
        body: &str,
        location: SignatureLocation,
    ) -> reqwest::RequestBuilder {
        self.signed_with(method, path, body, location, &self.creds.secret, self.clock.now_secs())
    }

    fn signed_with(
        &self,
        method: &str,
        path: &str,
        body: &str,
        location: SignatureLocation,
        secret: &str,
        at_secs: i64,
    ) -> reqwest::RequestBuilder {
        let url = format!("{}{path}", self.gw.url);
        let identity =
            Credentials::new(&self.creds.key, secret, Some(self.creds.token.clone()), None, "identity-pool")
                .into();
        let mut settings = SigningSettings::default();
        settings.signature_location = location;
        settings.expires_in = Some(Duration::from_secs(300));
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region("us-east-1")
            .name("execute-api")
            .time(UNIX_EPOCH + Duration::from_secs(at_secs as u64))
            .settings(settings)
            .build()
            .unwrap()
            .into();
        let signable =
            SignableRequest::new(method, &url, std::iter::empty(), SignableBody::Bytes(body.as_bytes()))
                .unwrap();
        let (instructions, _) = sign(signable, &params).unwrap().into_parts();
        let mut request = axum::http::Request::builder().method(method).uri(&url).body(()).unwrap();
        instructions.apply_to_request_http1x(&mut request);
        let mut builder = self
            .gw
            .http
            .request(reqwest::Method::from_bytes(method.as_bytes()).unwrap(), request.uri().to_string());
        for (name, value) in request.headers() {
            builder = builder.header(name.as_str(), value.as_bytes());
        }
        builder.body(body.to_string())
    }
}

fn reason(body: &Value) -> String {
    format!("{} / {}", body["message"].as_str().unwrap_or(""), body["reason"].as_str().unwrap_or(""))
}

#[tokio::test]
async fn gateway_iam_signed_request_with_identity_credentials_reaches_the_upstream() {
    // Arrange
    let f = fixture().await;

    // Act
    let (status, _, echo) = send(f.signed("GET", "/iam/orders/1?x=1", "", SignatureLocation::Headers)).await;
    let (post_status, _, post_echo) =
        send(f.signed("POST", "/iam/orders", "{\"item\":1}", SignatureLocation::Headers)).await;
    let (presigned_status, _, _) =
        send(f.signed("GET", "/iam/orders/2", "", SignatureLocation::QueryParams)).await;

    // Assert
    assert_eq!(status, StatusCode::OK, "{}", reason(&echo));
    assert_eq!(seen(&echo, "x-incognito-identity-id"), Some(f.creds.identity_id.as_str()));
    assert_eq!(seen(&echo, "x-incognito-identity-pool-id"), Some(IDENTITY_POOL));
    assert_eq!(seen(&echo, "x-incognito-role-arn"), Some(ROLE_ARN));
    assert!(seen(&echo, "x-incognito-authentication-provider").is_some());
    let claims: Value = serde_json::from_str(seen(&echo, "x-incognito-claims").unwrap()).unwrap();
    assert_eq!(claims["identity_id"], f.creds.identity_id.as_str());
    assert!(!seen(&echo, "x-incognito-claims").unwrap().contains(&f.creds.secret), "the secret leaked");
    assert_eq!(post_status, StatusCode::OK, "{}", reason(&post_echo));
    assert_eq!(post_echo["body"], "{\"item\":1}");
    assert_eq!(presigned_status, StatusCode::OK);
}

#[tokio::test]
async fn gateway_iam_policy_variables_scope_a_path_to_the_callers_identity() {
    let f = fixture().await;
    let own = format!("/mine/{}/notes", f.creds.identity_id);
    let (status, _, body) = send(f.signed("GET", &own, "", SignatureLocation::Headers)).await;
    assert_eq!(status, StatusCode::OK, "{}", reason(&body));

    let other = "/mine/us-east-1:00000000-0000-4000-8000-000000000bad/notes";
    let (status, _, body) = send(f.signed("GET", other, "", SignatureLocation::Headers)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        body["message"].as_str().unwrap().contains("is not authorized to perform: execute-api:Invoke"),
        "{body}"
    );
    assert!(body["reason"].as_str().unwrap().contains("no policy of role"), "{body}");
}

#[tokio::test]
async fn gateway_iam_refuses_bad_signatures_credentials_and_policy_denies_with_403() {
    // Arrange
    let f = fixture().await;
    let now = f.clock.now_secs();
    let mut modified_body = f.signed("POST", "/iam/orders", "{\"amount\":1}", SignatureLocation::Headers);
    modified_body = modified_body.body("{\"amount\":1000}");
    let cases: Vec<(&str, reqwest::RequestBuilder, &str)> = vec![
        (
            "wrong secret",
            f.signed_with(
                "GET",
                "/iam/orders",
                "",
                SignatureLocation::Headers,
                "0000000000000000000000000000000000000000",
                now,
            ),
            "does not match",
        ),
        ("modified body", modified_body, "does not match"),
        (
            "replayed 16 minutes later",
            f.signed_with(
                "GET",
                "/iam/orders",
                "",
                SignatureLocation::Headers,
                &f.creds.secret,
                now - 16 * 60,
            ),
            "Signature expired",
        ),
        (
            "presigned, wrong secret",
            f.signed_with("GET", "/iam/orders", "", SignatureLocation::QueryParams, "x", now),
            "does not match",
        ),
        (
            "explicit Deny wins over Allow",
            f.signed("GET", "/iam/secrets", "", SignatureLocation::Headers),
            "with an explicit deny",
        ),
        ("unsigned", f.gw.http.get(format!("{}/iam/orders", f.gw.url)), "Missing Authentication Token"),
        (
            "a session token that is not ours",
            {
                let mut forged =
                    f.signed("GET", "/iam/orders", "", SignatureLocation::Headers).build().unwrap();
                forged.headers_mut().insert("x-amz-security-token", "forged".parse().unwrap());
                reqwest::RequestBuilder::from_parts(f.gw.http.clone(), forged)
            },
            "security token included in the request is invalid",
        ),
    ];

    for (what, request, expected) in cases {
        // Act
        let (status, _, body) = send(request).await;

        // Assert
        assert_eq!(status, StatusCode::FORBIDDEN, "{what}: {body}");
        assert!(reason(&body).contains(expected), "{what}: {}", reason(&body));
        assert!(body["reason"].as_str().is_some_and(|r| !r.is_empty()), "{what}: no reason");
    }
    let (_, _, denied) = send(f.signed("GET", "/iam/secrets", "", SignatureLocation::Headers)).await;
    assert!(denied["reason"].as_str().unwrap().contains("deny-secrets"), "{denied}");
}

#[tokio::test]
async fn gateway_iam_refuses_expired_credentials() {
    // Arrange
    let f = fixture().await;

    // Act: two hours later the one-hour credentials are over, though the signature is fresh.
    f.clock.advance_secs(2 * 3600);
    let (status, _, body) = send(f.signed("GET", "/iam/orders", "", SignatureLocation::Headers)).await;
    let (presigned, _, _) = send(f.signed("GET", "/iam/orders", "", SignatureLocation::QueryParams)).await;

    // Assert
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(reason(&body).contains("expired"), "{}", reason(&body));
    assert_eq!(presigned, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn gateway_iam_strips_spoofed_identity_headers() {
    let f = fixture().await;
    let request = f
        .signed("GET", "/iam/orders", "", SignatureLocation::Headers)
        .header("x-incognito-identity-id", "us-east-1:spoofed")
        .header("x-incognito-sub", "admin");
    let (status, _, echo) = send(request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(seen(&echo, "x-incognito-identity-id"), Some(f.creds.identity_id.as_str()));
    assert!(seen(&echo, "x-incognito-sub").is_none());
}

#[tokio::test]
async fn gateway_iam_forward_auth_checks_the_original_signed_request() {
    // Arrange: what nginx would send: the original headers plus X-Original-URI / Host.
    let f = fixture().await;
    let original = f.signed("GET", "/iam/orders/7", "", SignatureLocation::Headers).build().unwrap();
    let host = f.gw.url.trim_start_matches("http://").to_string();
    let mut ask = f.gw.http.get(format!("{}/_incognito/authorize", f.gw.url));
    for (name, value) in original.headers() {
        ask = ask.header(name, value);
    }
    ask = ask
        .header("x-original-uri", "/iam/orders/7")
        .header("x-forwarded-method", "GET")
        .header("x-forwarded-host", &host);

    // Act
    let (status, headers, body) = send(ask).await;

    // Assert
    assert_eq!(status, StatusCode::OK, "{}", reason(&body));
    assert_eq!(headers["x-incognito-identity-id"].to_str().unwrap(), f.creds.identity_id);
}
