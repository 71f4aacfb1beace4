//! The gateway in front of a real upstream (a small axum app that echoes what it receives):
//! the cognito authorizer, identity headers, forward-auth, streaming, upgrades, and upstream
//! failures. Tokens come from the server itself (AdminInitiateAuth on a seeded pool).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use aws_sdk_cognitoidentityprovider::types::AuthFlowType;
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use http_body_util::BodyExt;
use hyper::body::Frame;
use incognito::clock::FixedClock;
use incognito::config::Config;
use incognito::config::gateway::{AuthorizerKind, GatewayConfig, RouteConfig, TokenUse};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{Options, TestApp};

pub const POOL: &str = "us-east-1_Gateway01";
pub const OTHER_POOL: &str = "us-east-1_Gateway02";
pub const CLIENT: &str = "gatewayclient0000000000000";
pub const OTHER_CLIENT: &str = "gatewayclient0000000000001";
const OTHER_POOL_CLIENT: &str = "gatewayotherpool0000000000";
pub const PASSWORD: &str = "Correct-Horse-9";

const SEED: &str = r#"
[[user_pools]]
Id = "us-east-1_Gateway01"
PoolName = "gateway"
  [[user_pools.clients]]
  ClientId = "gatewayclient0000000000000"
  ClientName = "web"
  ExplicitAuthFlows = ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  [[user_pools.clients]]
  ClientId = "gatewayclient0000000000001"
  ClientName = "other"
  ExplicitAuthFlows = ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  [[user_pools.groups]]
  GroupName = "admins"
  [[user_pools.users]]
  Username = "alice"
  Password = "Correct-Horse-9"
  Groups = ["admins"]
  [[user_pools.users]]
  Username = "bob"
  Password = "Correct-Horse-9"
[[user_pools]]
Id = "us-east-1_Gateway02"
PoolName = "other"
  [[user_pools.clients]]
  ClientId = "gatewayotherpool0000000000"
  ClientName = "web"
  ExplicitAuthFlows = ["ALLOW_ADMIN_USER_PASSWORD_AUTH"]
  [[user_pools.users]]
  Username = "carol"
  Password = "Correct-Horse-9"
"#;

// ---------------------------------------------------------------------------------------
// The upstream: echoes method, path, headers and body as JSON; `/hang` never answers;
// `/stream` streams the request body back as it arrives; an upgrade request becomes a
// byte-echo connection after 101.

fn websocket_accept(key: &str) -> String {
    use sha1::Digest;
    let digest = sha1::Sha1::digest(format!("{key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11").as_bytes());
    base64::engine::general_purpose::STANDARD.encode(digest)
}

async fn upstream_handler(mut req: Request) -> Response {
    let path = req.uri().path().to_string();
    if path.ends_with("/hang") {
        std::future::pending::<()>().await;
    }
    if req.headers().contains_key("upgrade") {
        let upgrade = hyper::upgrade::on(&mut req);
        tokio::spawn(async move {
            if let Ok(upgraded) = upgrade.await {
                let mut io = hyper_util::rt::TokioIo::new(upgraded);
                let mut buf = [0u8; 1024];
                while let Ok(n) = io.read(&mut buf).await {
                    if n == 0 || io.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                }
            }
        });
        // RFC 6455 §4.2.2: the accept value proves the key reached the upstream.
        let protocol = req.headers()["upgrade"].clone();
        let mut response = Response::builder()
            .status(StatusCode::SWITCHING_PROTOCOLS)
            .header("connection", "upgrade")
            .header("upgrade", protocol);
        if let Some(key) = req.headers().get("sec-websocket-key") {
            response = response.header("sec-websocket-accept", websocket_accept(key.to_str().unwrap()));
        }
        return response.body(Body::empty()).unwrap();
    }
    if path.ends_with("/stream") {
        return Response::new(req.into_body());
    }
    let (parts, body) = req.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    let mut headers = serde_json::Map::new();
    for name in parts.headers.keys() {
        let values: Vec<Value> = parts
            .headers
            .get_all(name)
            .iter()
            .map(|v| Value::String(String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        headers.insert(name.as_str().to_string(), Value::Array(values));
    }
    let echo = serde_json::json!({
        "method": parts.method.as_str(),
        "path": parts.uri.path(),
        "query": parts.uri.query(),
        "headers": headers,
        "body": String::from_utf8_lossy(&body),
    });
    ([("content-type", "application/json")], echo.to_string()).into_response()
}

pub async fn spawn_upstream() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum::Router::new().fallback(upstream_handler);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

/// An address nothing listens on.
async fn closed_port() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap()
}

pub fn route(name: &str, path: &str, upstream: SocketAddr, authorizer: AuthorizerKind) -> RouteConfig {
    RouteConfig {
        name: name.into(),
        path: path.into(),
        upstream: format!("http://{upstream}"),
        authorizer,
        user_pool_id: (authorizer == AuthorizerKind::Cognito).then(|| POOL.to_string()),
        client_ids: vec![],
        token_use: TokenUse::Access,
        scopes: vec![],
        groups: vec![],
        claims: Default::default(),
        timeout_ms: None,
    }
}

/// The routes every test here uses.
fn routes(up: SocketAddr, down: SocketAddr) -> Vec<RouteConfig> {
    use AuthorizerKind::{Cognito, None};
    let with = |mut r: RouteConfig, f: &dyn Fn(&mut RouteConfig)| {
        f(&mut r);
        r
    };
    vec![
        route("open", "/open", up, None),
        with(route("orders", "/orders", up, Cognito), &|r| r.client_ids = vec![CLIENT.into()]),
        with(route("orders-admin", "/orders/admin", up, Cognito), &|r| r.groups = vec!["admins".into()]),
        with(route("ids", "/ids", up, Cognito), &|r| r.token_use = TokenUse::Id),
        with(route("scoped", "/scoped", up, Cognito), &|r| r.scopes = vec!["orders/read".into()]),
        with(route("userinfo", "/userinfo", up, Cognito), &|r| {
            r.scopes = vec!["orders/read".into(), "aws.cognito.signin.user.admin".into()]
        }),
        with(route("strict", "/strict", up, Cognito), &|r| r.client_ids = vec![OTHER_CLIENT.into()]),
        with(route("slow", "/slow", up, None), &|r| r.timeout_ms = Some(300)),
        route("down", "/down", down, None),
    ]
}

pub struct Gw {
    pub app: TestApp,
    pub url: String,
    pub http: reqwest::Client,
}

/// The server with a gateway (on 127.0.0.1:0) in front of a fresh upstream, and the seed.
pub async fn spawn_gateway(
    clock: Option<Arc<FixedClock>>,
    extra: impl FnOnce(SocketAddr) -> Vec<RouteConfig> + Send + 'static,
) -> Gw {
    let up = spawn_upstream().await;
    let down = closed_port().await;
    let mut options = Options {
        configure: Some(Box::new(move |c: &mut Config| {
            let mut routes = routes(up, down);
            routes.extend(extra(up));
            c.gateway = Some(GatewayConfig {
                listen: "127.0.0.1:0".into(),
                revocation_poll_ms: 50,
                routes,
                ..GatewayConfig::default()
            });
        })),
        ..Options::default()
    };
    if let Some(clock) = clock {
        options.clock = clock;
    }
    let app = TestApp::spawn_with(options).await;
    let seed: incognito::seed::SeedFile = toml::from_str(SEED).unwrap();
    incognito::seed::apply(&app.state, seed).await.unwrap();
    let addr = app.state.gateway_addr().await.expect("gateway configured");
    Gw { app, url: format!("http://{addr}"), http: reqwest::Client::new() }
}

impl Gw {
    pub async fn tokens_of(&self, pool: &str, client: &str, user: &str) -> (String, String, String) {
        let r = self
            .app
            .idp
            .admin_initiate_auth()
            .user_pool_id(pool)
            .client_id(client)
            .auth_flow(AuthFlowType::AdminUserPasswordAuth)
            .auth_parameters("USERNAME", user)
            .auth_parameters("PASSWORD", PASSWORD)
            .send()
            .await
            .expect("sign in")
            .authentication_result
            .unwrap();
        (r.access_token.unwrap(), r.id_token.unwrap(), r.refresh_token.unwrap())
    }

    async fn alice(&self) -> (String, String, String) {
        self.tokens_of(POOL, CLIENT, "alice").await
    }

    async fn get(&self, path: &str, token: Option<&str>) -> (StatusCode, HeaderMap, Value) {
        let mut request = self.http.get(format!("{}{path}", self.url));
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        send(request).await
    }
}

pub async fn send(request: reqwest::RequestBuilder) -> (StatusCode, HeaderMap, Value) {
    let response = request.send().await.expect("request through the gateway");
    let status = StatusCode::from_u16(response.status().as_u16()).unwrap();
    let mut headers = HeaderMap::new();
    for (k, v) in response.headers() {
        headers.append(
            axum::http::HeaderName::from_bytes(k.as_str().as_bytes()).unwrap(),
            axum::http::HeaderValue::from_bytes(v.as_bytes()).unwrap(),
        );
    }
    let text = response.text().await.unwrap_or_default();
    (status, headers, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// The one value of a header the upstream received, if any.
pub fn seen<'a>(echo: &'a Value, name: &str) -> Option<&'a str> {
    echo["headers"][name].as_array().and_then(|v| v.first()).and_then(Value::as_str)
}

fn claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

fn www_authenticate(headers: &HeaderMap) -> String {
    headers.get("www-authenticate").map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn gateway_valid_access_token_reaches_the_upstream_with_identity_headers() {
    // Arrange
    let gw = spawn_gateway(None, |_| vec![]).await;
    let (access, _, _) = gw.alice().await;

    // Act
    let (status, _, echo) = gw.get("/orders/42?x=1", Some(&access)).await;

    // Assert
    assert_eq!(status, StatusCode::OK, "{echo}");
    assert_eq!(echo["path"], "/orders/42");
    assert_eq!(echo["query"], "x=1");
    let c = claims(&access);
    assert_eq!(seen(&echo, "x-incognito-sub"), c["sub"].as_str());
    assert_eq!(seen(&echo, "x-incognito-username"), Some("alice"));
    assert_eq!(seen(&echo, "x-incognito-groups"), Some("admins"));
    assert_eq!(seen(&echo, "x-incognito-client-id"), Some(CLIENT));
    assert_eq!(seen(&echo, "x-incognito-scopes"), Some("aws.cognito.signin.user.admin"));
    let forwarded: Value = serde_json::from_str(seen(&echo, "x-incognito-claims").unwrap()).unwrap();
    assert_eq!(forwarded["token_use"], "access");
    assert_eq!(forwarded["sub"], c["sub"]);
    // Forwarding headers; the token itself still reaches the upstream, hop-by-hop ones do not.
    assert_eq!(seen(&echo, "x-forwarded-for"), Some("127.0.0.1"));
    assert_eq!(seen(&echo, "x-forwarded-proto"), Some("http"));
    assert!(seen(&echo, "x-forwarded-host").unwrap().starts_with("127.0.0.1:"));
    assert!(seen(&echo, "authorization").is_some());
}

#[tokio::test]
async fn gateway_accepts_the_raw_token_without_bearer_like_api_gateway() {
    let gw = spawn_gateway(None, |_| vec![]).await;
    let (access, _, _) = gw.alice().await;
    let (status, _, _) =
        send(gw.http.get(format!("{}/orders", gw.url)).header("authorization", &access)).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn gateway_refuses_bad_tokens_with_401_and_a_bearer_challenge() {
    // Arrange
    let gw = spawn_gateway(None, |_| vec![]).await;
    let (access, id, _) = gw.alice().await;
    let (carol, _, _) = gw.tokens_of(OTHER_POOL, OTHER_POOL_CLIENT, "carol").await;
    let mut parts: Vec<String> = access.split('.').map(str::to_string).collect();
    let mut payload = claims(&access);
    payload["username"] = "mallory".into();
    parts[1] = URL_SAFE_NO_PAD.encode(payload.to_string());
    let tampered = parts.join(".");
    let header: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(access.split('.').next().unwrap()).unwrap()).unwrap();
    let kid = header["kid"].as_str().unwrap().to_string();
    let none = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(serde_json::json!({"alg": "none", "kid": kid}).to_string()),
        parts[1]
    );
    // HS256 keyed with the pool's public key, as published: the classic alg confusion.
    let jwks = gw
        .http
        .get(format!("{}/{POOL}/.well-known/jwks.json", gw.app.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let mut hs_header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    hs_header.kid = Some(kid);
    let hs256 = jsonwebtoken::encode(
        &hs_header,
        &claims(&access),
        &jsonwebtoken::EncodingKey::from_secret(jwks.as_bytes()),
    )
    .unwrap();
    let cases: Vec<(&str, Option<String>, &str)> = vec![
        ("tampered payload", Some(tampered), "signature"),
        ("alg none", Some(none), "not a JWT"),
        ("alg confusion (HS256 with the public key)", Some(hs256), "RS256"),
        ("another pool's token", Some(carol), "not signed by a key of user pool"),
        ("an ID token where access tokens are required", Some(id), "access tokens only"),
        ("garbage", Some("not-a-token".into()), "not a JWT"),
    ];

    for (what, token, reason) in cases {
        // Act
        let (status, headers, body) = gw.get("/orders/1", token.as_deref()).await;

        // Assert
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{what}: {body}");
        let challenge = www_authenticate(&headers);
        assert!(
            challenge.starts_with("Bearer error=\"invalid_token\", error_description=\""),
            "{what}: {challenge}"
        );
        assert!(body["reason"].as_str().unwrap().contains(reason), "{what}: {body}");
        assert_eq!(body["message"], "Unauthorized");
    }

    let (status, headers, body) = gw.get("/orders/1", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "missing token");
    assert_eq!(www_authenticate(&headers), "Bearer");
    assert!(body["reason"].as_str().unwrap().contains("no token"));
}

#[tokio::test]
async fn gateway_refuses_an_expired_token_by_the_server_clock() {
    // Arrange
    let clock = Arc::new(FixedClock::new(chrono::Utc::now().timestamp_millis()));
    let gw = spawn_gateway(Some(clock.clone()), |_| vec![]).await;
    let (access, _, _) = gw.alice().await;
    assert_eq!(gw.get("/orders", Some(&access)).await.0, StatusCode::OK);

    // Act
    clock.advance_secs(3601);
    let (status, headers, body) = gw.get("/orders", Some(&access)).await;

    // Assert
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    assert!(www_authenticate(&headers).contains("the token has expired"));
}

#[tokio::test]
async fn gateway_applies_client_scope_group_and_token_use_rules_with_403() {
    // Arrange
    let gw = spawn_gateway(None, |_| vec![]).await;
    let (alice, alice_id, _) = gw.alice().await;
    let (bob, _, _) = gw.tokens_of(POOL, CLIENT, "bob").await;
    let (other_client, _, _) = gw.tokens_of(POOL, OTHER_CLIENT, "alice").await;

    let cases: Vec<(&str, &str, &str, StatusCode, &str)> = vec![
        ("allowed client", "/orders", &alice, StatusCode::OK, ""),
        ("client not in the allow-list", "/orders", &other_client, StatusCode::FORBIDDEN, "does not accept"),
        ("allow-list of another client", "/strict", &alice, StatusCode::FORBIDDEN, CLIENT),
        ("a scope the token lacks", "/scoped", &alice, StatusCode::FORBIDDEN, "orders/read"),
        ("one of the scopes is enough", "/userinfo", &alice, StatusCode::OK, ""),
        ("group member", "/orders/admin/x", &alice, StatusCode::OK, ""),
        ("not in the group (longest prefix wins)", "/orders/admin/x", &bob, StatusCode::FORBIDDEN, "admins"),
        ("ID token on an id route", "/ids", &alice_id, StatusCode::OK, ""),
    ];
    for (what, path, token, expected, reason) in cases {
        // Act
        let (status, _, body) = gw.get(path, Some(token)).await;

        // Assert
        assert_eq!(status, expected, "{what}: {body}");
        if expected == StatusCode::FORBIDDEN {
            assert_eq!(body["message"], "Forbidden", "{what}");
            assert!(body["reason"].as_str().unwrap().contains(reason), "{what}: {body}");
        }
    }
    let (_, _, echo) = gw.get("/ids/me", Some(&alice_id)).await;
    assert_eq!(seen(&echo, "x-incognito-client-id"), Some(CLIENT));
    assert_eq!(seen(&echo, "x-incognito-username"), Some("alice"));
}

/// Polls `path` until it answers `expected`, failing after a generous deadline.
async fn eventually(gw: &Gw, path: &str, token: &str, expected: StatusCode) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (status, _, body) = gw.get(path, Some(token)).await;
        if status == expected {
            return body;
        }
        assert!(Instant::now() < deadline, "still {status} instead of {expected}: {body}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn gateway_refuses_tokens_after_global_sign_out_and_revoke_token() {
    // Arrange
    let gw = spawn_gateway(None, |_| vec![]).await;
    let (signed_out, _, _) = gw.alice().await;
    let (revoked, revoked_id, refresh) = gw.tokens_of(POOL, CLIENT, "bob").await;
    let (bob_again, _, _) = gw.tokens_of(POOL, OTHER_CLIENT, "bob").await;
    assert_eq!(gw.get("/orders", Some(&signed_out)).await.0, StatusCode::OK);
    assert_eq!(gw.get("/orders", Some(&revoked)).await.0, StatusCode::OK);

    // Act
    gw.app.idp.global_sign_out().access_token(&signed_out).send().await.unwrap();
    gw.app.idp.revoke_token().client_id(CLIENT).token(&refresh).send().await.unwrap();

    // Assert
    let body = eventually(&gw, "/orders", &signed_out, StatusCode::UNAUTHORIZED).await;
    assert!(body["reason"].as_str().unwrap().contains("revoked"), "{body}");
    eventually(&gw, "/orders", &revoked, StatusCode::UNAUTHORIZED).await;
    eventually(&gw, "/ids", &revoked_id, StatusCode::UNAUTHORIZED).await;
    // Bob's other sign-in (another family) is untouched.
    assert_eq!(gw.get("/strict", Some(&bob_again)).await.0, StatusCode::OK);
}

#[tokio::test]
async fn gateway_never_forwards_spoofed_identity_headers() {
    // Arrange
    let gw = spawn_gateway(None, |_| vec![]).await;
    let (access, _, _) = gw.alice().await;
    let spoof = |path: &str| {
        gw.http
            .get(format!("{}{path}", gw.url))
            .header("X-Incognito-Sub", "admin")
            .header("x-incognito-groups", "admins")
            .header("X-Incognito-Identity-Id", "us-east-1:spoofed")
            .header("x-incognito-claims", "{\"sub\":\"admin\"}")
    };

    // Act
    let (open_status, _, open) = send(spoof("/open/x")).await;
    let (authed_status, _, authed) =
        send(spoof("/orders").header("authorization", format!("Bearer {access}"))).await;

    // Assert
    assert_eq!(open_status, StatusCode::OK);
    let names: Vec<&String> = open["headers"].as_object().unwrap().keys().collect();
    assert!(!names.iter().any(|n| n.starts_with("x-incognito-")), "{names:?}");
    assert_eq!(authed_status, StatusCode::OK);
    assert_eq!(authed["headers"]["x-incognito-sub"].as_array().unwrap().len(), 1);
    assert_eq!(seen(&authed, "x-incognito-sub"), claims(&access)["sub"].as_str());
    assert_eq!(seen(&authed, "x-incognito-groups"), Some("admins"));
    assert!(seen(&authed, "x-incognito-identity-id").is_none());
    assert_ne!(seen(&authed, "x-incognito-claims"), Some("{\"sub\":\"admin\"}"));
}

#[tokio::test]
async fn gateway_strips_hop_by_hop_headers_and_keeps_the_rest() {
    let gw = spawn_gateway(None, |_| vec![]).await;
    let (status, _, echo) = send(
        gw.http
            .post(format!("{}/open/echo", gw.url))
            .header("connection", "x-private-hop")
            .header("x-private-hop", "1")
            .header("proxy-authorization", "Basic Zm9vOmJhcg==")
            .header("te", "trailers")
            .header("x-kept", "yes")
            .header("x-forwarded-for", "10.0.0.1")
            .body("hello"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(echo["method"], "POST");
    assert_eq!(echo["body"], "hello");
    for gone in ["x-private-hop", "proxy-authorization", "te", "connection"] {
        assert!(seen(&echo, gone).is_none(), "{gone} was forwarded");
    }
    assert_eq!(seen(&echo, "x-kept"), Some("yes"));
    assert_eq!(seen(&echo, "x-forwarded-for"), Some("10.0.0.1, 127.0.0.1"));
}

#[tokio::test]
async fn gateway_answers_502_when_the_upstream_is_down_and_504_when_it_is_slow() {
    let gw = spawn_gateway(None, |_| vec![]).await;
    let (status, _, body) = gw.get("/down/x", None).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    assert_eq!(body, serde_json::json!({"message": "Bad Gateway"}));
    let (status, _, body) = gw.get("/slow/hang", None).await;
    assert_eq!(status, StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(body, serde_json::json!({"message": "Endpoint request timed out"}));
    let (status, _, _) = gw.get("/nowhere", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// A request body fed from a channel, so the test decides when each chunk is sent.
struct ChannelBody(tokio::sync::mpsc::Receiver<Bytes>);

impl hyper::body::Body for ChannelBody {
    type Data = Bytes;
    type Error = Infallible;
    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0.poll_recv(cx).map(|chunk| chunk.map(|c| Ok(Frame::data(c))))
    }
}

#[tokio::test]
async fn gateway_streams_bodies_both_ways() {
    // Arrange: the upstream echoes each request chunk as it arrives. If the gateway buffered
    // either direction, the first echoed chunk could not arrive before the second is sent.
    let gw = spawn_gateway(None, |_| vec![]).await;
    let (access, _, _) = gw.alice().await;
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<ChannelBody>();
    let (tx, rx) = tokio::sync::mpsc::channel(1);
    let request = hyper::Request::post(format!("{}/orders/stream", gw.url))
        .header("authorization", format!("Bearer {access}"))
        .body(ChannelBody(rx))
        .unwrap();

    let exchange = async {
        // Act
        tx.send(Bytes::from_static(b"first")).await.unwrap();
        let response = client.request(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let mut body = response.into_body();
        let mut received = Vec::new();
        while received.len() < 5 {
            let frame = body.frame().await.unwrap().unwrap();
            received.extend_from_slice(&frame.into_data().unwrap());
        }
        assert_eq!(received, b"first");
        tx.send(Bytes::from_static(b"second")).await.unwrap();
        drop(tx);
        let rest = body.collect().await.unwrap().to_bytes();
        assert_eq!(&rest[..], b"second");
    };
    // A deadline, so a buffering gateway fails instead of hanging.
    tokio::time::timeout(Duration::from_secs(20), exchange).await.expect("streamed both ways");
}

#[tokio::test]
async fn gateway_passes_websocket_upgrades_through() {
    // Arrange
    let gw = spawn_gateway(None, |_| vec![]).await;
    let (access, _, _) = gw.alice().await;
    let addr = gw.url.trim_start_matches("http://").to_string();
    let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();

    let exchange = async {
        // Act: a WebSocket handshake (RFC 6455 §1.3's example key), then bytes both ways.
        let request = format!(
            "GET /orders/socket HTTP/1.1\r\nHost: {addr}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nAuthorization: Bearer {access}\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            stream.read_exact(&mut byte).await.unwrap();
            head.push(byte[0]);
        }
        let head = String::from_utf8(head).unwrap().to_ascii_lowercase();

        // Assert
        assert!(head.starts_with("http/1.1 101"), "{head}");
        assert!(head.contains("upgrade: websocket"), "{head}");
        assert!(head.contains("sec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo="), "{head}");
        stream.write_all(b"ping over the tunnel").await.unwrap();
        let mut echoed = [0u8; 20];
        stream.read_exact(&mut echoed).await.unwrap();
        assert_eq!(&echoed, b"ping over the tunnel");
    };
    tokio::time::timeout(Duration::from_secs(20), exchange).await.expect("upgrade spliced");

    // Without a token the upgrade is refused like any request.
    let mut stream = tokio::net::TcpStream::connect(&addr).await.unwrap();
    stream
        .write_all(
            format!(
                "GET /orders/socket HTTP/1.1\r\nHost: {addr}\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n"
            )
            .as_bytes(),
        )
        .await
        .unwrap();
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).await.unwrap();
    assert_eq!(&head, b"HTTP/1.1 401");
}

#[tokio::test]
async fn gateway_forward_auth_answers_200_with_identity_or_401_403() {
    // Arrange
    let gw = spawn_gateway(None, |_| vec![]).await;
    let (access, _, _) = gw.alice().await;
    let (bob, _, _) = gw.tokens_of(POOL, CLIENT, "bob").await;
    let ask = |uri: &str, token: Option<&str>| {
        let mut r = gw
            .http
            .get(format!("{}/_incognito/authorize", gw.url))
            .header("x-original-uri", uri)
            .header("x-forwarded-method", "POST");
        if let Some(token) = token {
            r = r.header("authorization", format!("Bearer {token}"));
        }
        r
    };

    // Act / Assert
    let (status, headers, _) = send(ask("/orders/7?x=1", Some(&access))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["x-incognito-sub"].to_str().unwrap(), claims(&access)["sub"].as_str().unwrap());
    assert_eq!(headers["x-incognito-username"], "alice");
    assert_eq!(headers["x-incognito-client-id"], CLIENT);
    assert!(headers.contains_key("x-incognito-claims"));

    assert_eq!(send(ask("/orders/7", None)).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(send(ask("/orders/admin", Some(&bob))).await.0, StatusCode::FORBIDDEN);
    assert_eq!(send(ask("/open/anything", None)).await.0, StatusCode::OK);
    let (status, _, body) = send(ask("/unrouted", Some(&access))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body["reason"].as_str().unwrap().contains("no gateway route"), "{body}");
    let (status, _, _) = send(gw.http.get(format!("{}/_incognito/authorize", gw.url))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn gateway_config_with_a_bad_route_fails_validation() {
    let mut c = Config::default();
    let up: SocketAddr = "127.0.0.1:1".parse().unwrap();
    let mut r = route("x", "/x", up, AuthorizerKind::Cognito);
    r.user_pool_id = None;
    c.gateway = Some(GatewayConfig { routes: vec![r], ..GatewayConfig::default() });
    let err = c.validate().unwrap_err().to_string();
    assert!(err.contains("needs user_pool_id"), "{err}");
}

#[tokio::test]
async fn gateway_verify_layer_checks_tokens_offline_against_the_servers_jwks() {
    use incognito::verify::{Claims, VerifyConfig, VerifyLayer};
    use tower::ServiceExt;

    // Arrange: a service behind the layer that answers with the verified sub.
    let gw = spawn_gateway(None, |_| vec![]).await;
    let (access, id, _) = gw.alice().await;
    let (other_client, _, _) = gw.tokens_of(POOL, OTHER_CLIENT, "alice").await;
    let (carol, _, _) = gw.tokens_of(OTHER_POOL, OTHER_POOL_CLIENT, "carol").await;
    let issuer = format!("{}/{POOL}", gw.app.url);
    let service = |layer: VerifyLayer| {
        tower::ServiceBuilder::new().layer(layer).service_fn(|req: axum::http::Request<String>| async move {
            let sub = req.extensions().get::<Claims>().map(|c| c.sub.clone()).unwrap_or_default();
            Ok::<_, Infallible>(axum::http::Response::new(sub))
        })
    };
    let call = |layer: VerifyLayer, token: Option<String>| async move {
        let mut request = axum::http::Request::get("/orders");
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        service(layer).oneshot(request.body(String::new()).unwrap()).await.unwrap()
    };
    // Slow to refetch: an unknown kid after the first fetch is simply refused.
    let layer = VerifyLayer::new(
        VerifyConfig::new(&issuer).client_ids([CLIENT]).min_refresh_interval(Duration::from_secs(3600)),
    );

    // Act / Assert
    let ok = call(layer.clone(), Some(access.clone())).await;
    assert_eq!(ok.status(), StatusCode::OK);
    assert_eq!(ok.body(), claims(&access)["sub"].as_str().unwrap());
    let missing = call(layer.clone(), None).await;
    assert_eq!(missing.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(missing.headers()["www-authenticate"], "Bearer");
    for (what, token) in [("ID token", id), ("other client", other_client), ("other pool", carol)] {
        let refused = call(layer.clone(), Some(token)).await;
        assert_eq!(refused.status(), StatusCode::UNAUTHORIZED, "{what}");
        assert!(www_authenticate(refused.headers()).contains("invalid_token"), "{what}");
    }

    // A key rotation: the new kid is unknown to both layers; the rate-limited one keeps
    // refusing until its interval has passed, one allowed to refetch picks the new key up.
    let eager = VerifyLayer::new(VerifyConfig::new(&issuer).min_refresh_interval(Duration::ZERO));
    assert_eq!(call(eager.clone(), Some(access.clone())).await.status(), StatusCode::OK);
    let s = &gw.app.state;
    s.user_pools.keys.rotate(POOL).await.unwrap();
    s.user_pools.keys.invalidate(POOL);
    let (rotated, _, _) = gw.alice().await;
    assert_ne!(rotated.split('.').next(), access.split('.').next(), "a new kid");
    assert_eq!(call(layer.clone(), Some(rotated.clone())).await.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(call(eager, Some(rotated)).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn client_credentials_tokens_pass_scoped_routes_by_their_custom_scopes() {
    // Arrange: a resource server, a machine client and a domain to get its token from.
    use aws_sdk_cognitoidentityprovider::types::{OAuthFlowType, ResourceServerScopeType};
    let gw = spawn_gateway(None, |_| vec![]).await;
    let idp = &gw.app.idp;
    idp.create_user_pool_domain().user_pool_id(POOL).domain("gateway-m2m").send().await.unwrap();
    let scope =
        |n: &str| ResourceServerScopeType::builder().scope_name(n).scope_description(n).build().unwrap();
    idp.create_resource_server()
        .user_pool_id(POOL)
        .identifier("orders")
        .name("orders")
        .scopes(scope("read"))
        .scopes(scope("write"))
        .send()
        .await
        .unwrap();
    let m2m = idp
        .create_user_pool_client()
        .user_pool_id(POOL)
        .client_name("m2m")
        .generate_secret(true)
        .allowed_o_auth_flows_user_pool_client(true)
        .allowed_o_auth_flows(OAuthFlowType::ClientCredentials)
        .allowed_o_auth_scopes("orders/read")
        .allowed_o_auth_scopes("orders/write")
        .send()
        .await
        .unwrap()
        .user_pool_client
        .unwrap();
    let (id, secret) = (m2m.client_id().unwrap(), m2m.client_secret().unwrap());
    let token = |scope: &'static str| {
        let url = format!("{}/_domain/gateway-m2m/oauth2/token", gw.app.url);
        async move {
            let body: Value = reqwest::Client::new()
                .post(url)
                .basic_auth(id, Some(secret))
                .form(&[("grant_type", "client_credentials"), ("scope", scope)])
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            body["access_token"].as_str().expect("a token").to_string()
        }
    };

    // Act + assert: the scope the route wants lets the machine in, as itself.
    let read = token("orders/read").await;
    let (status, _, echo) = gw.get("/scoped/report", Some(&read)).await;
    assert_eq!(status, StatusCode::OK, "{echo}");
    assert_eq!(seen(&echo, "x-incognito-sub"), Some(id));
    assert_eq!(seen(&echo, "x-incognito-client-id"), Some(id));
    assert_eq!(seen(&echo, "x-incognito-scopes"), Some("orders/read"));
    let write = token("orders/write").await;
    let (status, _, body) = gw.get("/scoped/report", Some(&write)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    // A route limited to the web client refuses the machine's token.
    let (status, _, _) = gw.get("/orders/1", Some(&read)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
