//! The OAuth 2.0 endpoints and hosted sign-in of a pool domain, over real HTTP: a browser
//! stand-in (reqwest, no automatic redirects, its own cookie jar) walks authorize → login
//! → the app's redirect, and an app exchanges codes, refreshes, revokes and reads userInfo.

use std::collections::HashMap;
use std::sync::Mutex;

use aws_sdk_cognitoidentityprovider::types::{
    AttributeType, ExplicitAuthFlowsType, OAuthFlowType, ResourceServerScopeType,
};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use incognito::clock::Clock;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::helpers::{TestApp, code, message};

const PASSWORD: &str = "Correct-Horse-9";
const CALLBACK: &str = "https://app.example.com/cb";

struct Fixture {
    app: TestApp,
    pool: String,
    prefix: String,
    /// `<url>/_domain/<prefix>`.
    base: String,
    /// Public: code + implicit, standard scopes and one custom scope.
    web: String,
    /// With a secret: code, openid only.
    confidential: (String, String),
    /// client_credentials with two custom scopes.
    m2m: (String, String),
    /// An SDK-only client (AllowedOAuthFlowsUserPoolClient unset).
    sdk: String,
}

async fn fixture() -> Fixture {
    fixture_with(crate::helpers::Options::default()).await
}

async fn fixture_with(options: crate::helpers::Options) -> Fixture {
    let app = TestApp::spawn_with(options).await;
    let pool = app.pool().await;
    let prefix = format!("t{}", &uuid::Uuid::new_v4().simple().to_string()[..10]);
    app.idp.create_user_pool_domain().user_pool_id(&pool).domain(&prefix).send().await.unwrap();
    let scope =
        |n: &str| ResourceServerScopeType::builder().scope_name(n).scope_description(n).build().unwrap();
    app.idp
        .create_resource_server()
        .user_pool_id(&pool)
        .identifier("orders")
        .name("orders")
        .scopes(scope("read"))
        .scopes(scope("write"))
        .send()
        .await
        .unwrap();
    let web = app
        .idp
        .create_user_pool_client()
        .user_pool_id(&pool)
        .client_name("web")
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowRefreshTokenAuth)
        .explicit_auth_flows(ExplicitAuthFlowsType::AllowUserSrpAuth)
        .allowed_o_auth_flows_user_pool_client(true)
        .allowed_o_auth_flows(OAuthFlowType::Code)
        .allowed_o_auth_flows(OAuthFlowType::Implicit)
        .allowed_o_auth_scopes("openid")
        .allowed_o_auth_scopes("email")
        .allowed_o_auth_scopes("profile")
        .allowed_o_auth_scopes("aws.cognito.signin.user.admin")
        .allowed_o_auth_scopes("orders/read")
        .callback_urls(CALLBACK)
        .logout_urls("https://app.example.com/bye")
        .supported_identity_providers("COGNITO")
        .send()
        .await
        .unwrap()
        .user_pool_client
        .unwrap();
    let confidential = app
        .idp
        .create_user_pool_client()
        .user_pool_id(&pool)
        .client_name("confidential")
        .generate_secret(true)
        .allowed_o_auth_flows_user_pool_client(true)
        .allowed_o_auth_flows(OAuthFlowType::Code)
        .allowed_o_auth_scopes("openid")
        .callback_urls(CALLBACK)
        .supported_identity_providers("COGNITO")
        .send()
        .await
        .unwrap()
        .user_pool_client
        .unwrap();
    let m2m = app
        .idp
        .create_user_pool_client()
        .user_pool_id(&pool)
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
    let sdk = app
        .idp
        .create_user_pool_client()
        .user_pool_id(&pool)
        .client_name("sdk")
        .allowed_o_auth_flows(OAuthFlowType::Code)
        .allowed_o_auth_scopes("openid")
        .callback_urls(CALLBACK)
        .send()
        .await
        .unwrap()
        .user_pool_client
        .unwrap();
    for (name, email) in [("alice", "alice@example.com"), ("bob", "bob@example.com")] {
        app.idp
            .admin_create_user()
            .user_pool_id(&pool)
            .username(name)
            .user_attributes(AttributeType::builder().name("email").value(email).build().unwrap())
            .user_attributes(AttributeType::builder().name("email_verified").value("true").build().unwrap())
            .user_attributes(
                AttributeType::builder().name("name").value(format!("{name} A.")).build().unwrap(),
            )
            .message_action(aws_sdk_cognitoidentityprovider::types::MessageActionType::Suppress)
            .send()
            .await
            .unwrap();
        app.idp
            .admin_set_user_password()
            .user_pool_id(&pool)
            .username(name)
            .password(PASSWORD)
            .permanent(true)
            .send()
            .await
            .unwrap();
    }
    let base = format!("{}/_domain/{prefix}", app.url);
    let id_and_secret = |c: &aws_sdk_cognitoidentityprovider::types::UserPoolClientType| {
        (c.client_id().unwrap().to_string(), c.client_secret().unwrap().to_string())
    };
    Fixture {
        pool,
        prefix,
        base,
        web: web.client_id().unwrap().to_string(),
        confidential: id_and_secret(&confidential),
        m2m: id_and_secret(&m2m),
        sdk: sdk.client_id().unwrap().to_string(),
        app,
    }
}

/// A browser: follows nothing by itself, keeps cookies by name.
struct Browser {
    http: reqwest::Client,
    cookies: Mutex<HashMap<String, String>>,
}

struct Page {
    status: u16,
    location: Option<String>,
    body: String,
}

impl Browser {
    fn new() -> Self {
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Self { http, cookies: Mutex::new(HashMap::new()) }
    }

    fn cookie_header(&self) -> String {
        self.cookies.lock().unwrap().iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> Page {
        let response = request.header("cookie", self.cookie_header()).send().await.unwrap();
        for set in response.headers().get_all("set-cookie") {
            let set = set.to_str().unwrap();
            let (pair, attrs) = set.split_once(';').unwrap_or((set, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") {
                self.cookies.lock().unwrap().remove(name);
            } else {
                self.cookies.lock().unwrap().insert(name.into(), value.into());
            }
        }
        let status = response.status().as_u16();
        let location = response.headers().get("location").map(|l| l.to_str().unwrap().to_string());
        Page { status, location, body: response.text().await.unwrap() }
    }

    async fn get(&self, url: &str) -> Page {
        self.send(self.http.get(url)).await
    }

    async fn post(&self, url: &str, form: &[(&str, &str)]) -> Page {
        self.send(self.http.post(url).form(form)).await
    }
}

/// The value of the hidden or named input `name` in a page.
/// Undoes the HTML escaping of an attribute value.
fn unescape(v: &str) -> String {
    v.replace("&#38;", "&").replace("&amp;", "&").replace("&#34;", "\"").replace("&quot;", "\"")
}

fn field(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\""))?;
    let tag_start = html[..at].rfind('<')?;
    let tag = &html[tag_start..at + html[at..].find('>')?];
    let v = tag.split("value=\"").nth(1)?;
    Some(unescape(&v[..v.find('"')?]))
}

fn form_action(html: &str) -> String {
    let v = html.split("action=\"").nth(1).unwrap();
    unescape(&v[..v.find('"').unwrap()])
}

fn query_of(url: &str, fragment: bool) -> HashMap<String, String> {
    let part = if fragment { url.split_once('#').unwrap().1 } else { url.split_once('?').unwrap().1 };
    url_pairs(part)
}

fn url_pairs(s: &str) -> HashMap<String, String> {
    s.split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_string(), percent_decode(v)))
        .collect()
}

fn percent_decode(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&v[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

fn claims(token: &str) -> Value {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(token.split('.').nth(1).unwrap()).unwrap()).unwrap()
}

fn challenge_of(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

impl Fixture {
    fn authorize_url(&self, client: &str, extra: &str) -> String {
        format!(
            "{}/oauth2/authorize?response_type=code&client_id={client}&redirect_uri={}&state=st-123{extra}",
            self.base,
            enc(CALLBACK)
        )
    }

    /// Walks authorize → login → the callback; the callback URL.
    async fn sign_in(&self, browser: &Browser, url: &str, username: &str, password: &str) -> Page {
        let to_login = browser.get(url).await;
        assert_eq!(to_login.status, 302, "{}", to_login.body);
        let login = browser.get(to_login.location.as_deref().unwrap()).await;
        assert_eq!(login.status, 200);
        let csrf = field(&login.body, "_csrf").expect("a CSRF field");
        let action = form_action(&login.body);
        browser
            .post(
                &action,
                &[
                    ("_csrf", &csrf),
                    ("username", username),
                    ("password", password),
                    ("signInSubmitButton", "Sign in"),
                ],
            )
            .await
    }

    async fn token(&self, form: &[(&str, &str)], basic: Option<(&str, &str)>) -> (u16, Value) {
        let mut request = reqwest::Client::new().post(format!("{}/oauth2/token", self.base)).form(form);
        if let Some((id, secret)) = basic {
            request = request.basic_auth(id, Some(secret));
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }
}

pub fn enc(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn the_code_flow_with_pkce_signs_in_on_the_hosted_page_and_issues_oidc_tokens() {
    let f = fixture().await;
    let browser = Browser::new();
    let verifier = "a-verifier-of-at-least-forty-three-characters-0123456789";
    let url = f.authorize_url(
        &f.web,
        &format!(
            "&scope=openid+email+orders%2Fread&nonce=n-42&code_challenge_method=S256&code_challenge={}",
            challenge_of(verifier)
        ),
    );

    // The page carries the classic hosted UI's selectors.
    let to_login = browser.get(&url).await;
    let login = browser.get(to_login.location.as_deref().unwrap()).await;
    for needle in ["id=\"signInFormUsername\"", "id=\"signInFormPassword\"", "name=\"signInSubmitButton\""] {
        assert!(login.body.contains(needle), "{needle}");
    }
    // Without the CSRF field the post is refused.
    let action = form_action(&login.body);
    let forged = browser.post(&action, &[("username", "alice"), ("password", PASSWORD)]).await;
    assert_eq!(forged.status, 403);
    // A wrong password re-renders the form with AWS's message.
    let csrf = field(&login.body, "_csrf").unwrap();
    let wrong = browser
        .post(&action, &[("_csrf", &csrf), ("username", "alice"), ("password", "Wrong-Horse-1")])
        .await;
    assert_eq!(wrong.status, 200);
    assert!(wrong.body.contains("Incorrect username or password."));

    let back =
        browser.post(&action, &[("_csrf", &csrf), ("username", "alice"), ("password", PASSWORD)]).await;
    assert_eq!(back.status, 302, "{}", back.body);
    let location = back.location.unwrap();
    assert!(location.starts_with(&format!("{CALLBACK}?")), "{location}");
    let q = query_of(&location, false);
    assert_eq!(q["state"], "st-123");
    let first = q["code"].clone();

    // A wrong verifier fails, and spends the code.
    let (status, body) = f
        .token(
            &[
                ("grant_type", "authorization_code"),
                ("client_id", &f.web),
                ("code", &first),
                ("redirect_uri", CALLBACK),
                ("code_verifier", "wrong-verifier-wrong-verifier-wrong-verifier-x"),
            ],
            None,
        )
        .await;
    assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")));

    // A second sign-in through the session cookie: no form this time.
    let again = browser.get(&url).await;
    assert_eq!(again.status, 302);
    let location = again.location.unwrap();
    assert!(location.starts_with(CALLBACK), "the session answers at once: {location}");
    let second = query_of(&location, false)["code"].clone();
    let redeem = [
        ("grant_type", "authorization_code"),
        ("client_id", f.web.as_str()),
        ("code", second.as_str()),
        ("redirect_uri", CALLBACK),
        ("code_verifier", verifier),
    ];
    let (status, tokens) = f.token(&redeem, None).await;
    assert_eq!(status, 200, "{tokens}");
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 3600);
    let id = claims(tokens["id_token"].as_str().unwrap());
    let access = claims(tokens["access_token"].as_str().unwrap());
    assert_eq!(id["aud"], f.web.as_str());
    assert_eq!(id["nonce"], "n-42");
    assert_eq!(id["email"], "alice@example.com");
    assert!(id.get("name").is_none(), "profile was not granted");
    let expected_hash =
        URL_SAFE_NO_PAD.encode(&Sha256::digest(tokens["access_token"].as_str().unwrap().as_bytes())[..16]);
    assert_eq!(id["at_hash"], expected_hash.as_str());
    assert_eq!(access["version"], 2);
    assert_eq!(access["scope"], "openid email orders/read");
    assert_eq!(access["username"], "alice");
    assert_eq!(id["auth_time"], access["auth_time"]);
    // Single use.
    let (status, body) = f.token(&redeem, None).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")));

    // The access token lacks aws.cognito.signin.user.admin: the JSON API refuses it.
    let err =
        f.app.idp.get_user().access_token(tokens["access_token"].as_str().unwrap()).send().await.unwrap_err();
    assert_eq!(
        (code(&err).as_str(), message(&err).as_str()),
        ("NotAuthorizedException", "Access Token does not have required scopes")
    );

    // userInfo answers by scope, as strings.
    let info: Value = reqwest::Client::new()
        .get(format!("{}/oauth2/userInfo", f.base))
        .bearer_auth(tokens["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(info["email"], "alice@example.com");
    assert_eq!(info["email_verified"], "true");
    assert_eq!(info["username"], "alice");
    assert_eq!(info["sub"], id["sub"]);
    assert!(info.get("name").is_none());

    // Refresh keeps the family's scopes and auth_time; no new refresh token.
    let refresh = tokens["refresh_token"].as_str().unwrap();
    let (status, refreshed) = f
        .token(&[("grant_type", "refresh_token"), ("client_id", &f.web), ("refresh_token", refresh)], None)
        .await;
    assert_eq!(status, 200, "{refreshed}");
    assert!(refreshed.get("refresh_token").is_none());
    let access2 = claims(refreshed["access_token"].as_str().unwrap());
    assert_eq!(access2["scope"], "openid email orders/read");
    assert_eq!(access2["auth_time"], access["auth_time"]);
    assert_eq!(access2["origin_jti"], access["origin_jti"]);

    // Revoke: the family is gone, and its access tokens with it.
    let revoke = reqwest::Client::new()
        .post(format!("{}/oauth2/revoke", f.base))
        .form(&[("token", refresh), ("client_id", &f.web)])
        .send()
        .await
        .unwrap();
    assert_eq!(revoke.status().as_u16(), 200);
    let (status, body) = f
        .token(&[("grant_type", "refresh_token"), ("client_id", &f.web), ("refresh_token", refresh)], None)
        .await;
    assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")));
    let after = reqwest::Client::new()
        .get(format!("{}/oauth2/userInfo", f.base))
        .bearer_auth(refreshed["access_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(after.status().as_u16(), 401);
    assert!(after.headers()["www-authenticate"].to_str().unwrap().contains("invalid_token"));
}

#[tokio::test]
async fn client_credentials_issue_cognitos_ten_claim_token_and_refuse_what_they_should() {
    let f = fixture().await;
    let (id, secret) = (f.m2m.0.as_str(), f.m2m.1.as_str());
    let (status, t) =
        f.token(&[("grant_type", "client_credentials"), ("scope", "orders/read")], Some((id, secret))).await;
    assert_eq!(status, 200, "{t}");
    assert!(t.get("id_token").is_none() && t.get("refresh_token").is_none());
    let c = claims(t["access_token"].as_str().unwrap());
    let mut names: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
    names.sort();
    assert_eq!(
        names,
        ["auth_time", "client_id", "exp", "iat", "iss", "jti", "scope", "sub", "token_use", "version"]
    );
    assert_eq!(c["sub"], id);
    assert_eq!(c["scope"], "orders/read");
    // client_secret_post works too, and no scope means every allowed one.
    let (status, t) = f
        .token(&[("grant_type", "client_credentials"), ("client_id", id), ("client_secret", secret)], None)
        .await;
    assert_eq!(status, 200);
    assert_eq!(claims(t["access_token"].as_str().unwrap())["scope"], "orders/read orders/write");

    type Case<'a> = (Vec<(&'a str, &'a str)>, Option<(&'a str, &'a str)>, &'a str);
    let cases: Vec<Case> = vec![
        (vec![("grant_type", "client_credentials")], Some((id, "wrong-secret")), "invalid_client"),
        (vec![("grant_type", "client_credentials")], None, "invalid_client"),
        (
            vec![("grant_type", "client_credentials"), ("scope", "orders/delete")],
            Some((id, secret)),
            "invalid_scope",
        ),
        (vec![("grant_type", "password")], Some((id, secret)), "unsupported_grant_type"),
        (vec![("scope", "orders/read")], Some((id, secret)), "invalid_request"),
        (
            vec![("grant_type", "client_credentials"), ("client_id", "someoneelse0000000000000")],
            Some((id, secret)),
            "invalid_client",
        ),
        // A client of the pool that may not use this grant.
        (
            vec![("grant_type", "client_credentials"), ("client_id", f.confidential.0.as_str())],
            Some((f.confidential.0.as_str(), f.confidential.1.as_str())),
            "unauthorized_client",
        ),
        // An SDK-only client takes part in no grant.
        (vec![("grant_type", "client_credentials"), ("client_id", f.sdk.as_str())], None, "invalid_grant"),
    ];
    for (form, basic, expected) in cases {
        let (status, body) = f.token(&form, basic).await;
        assert_eq!((status, body["error"].as_str()), (400, Some(expected)), "{form:?}");
    }
    // A parameter sent twice is malformed, not last-one-wins.
    let (status, body) = f
        .token(&[("grant_type", "refresh_token"), ("grant_type", "client_credentials")], Some((id, secret)))
        .await;
    assert_eq!((status, body["error"].as_str()), (400, Some("invalid_request")));
    // A machine token is no key to the JSON API.
    let (_, t) = f.token(&[("grant_type", "client_credentials")], Some((id, secret))).await;
    let err =
        f.app.idp.get_user().access_token(t["access_token"].as_str().unwrap()).send().await.unwrap_err();
    assert_eq!(message(&err), "Access Token does not have required scopes");
    // Not a form body.
    let response = reqwest::Client::new()
        .post(format!("{}/oauth2/token", f.base))
        .basic_auth(id, Some(secret))
        .json(&serde_json::json!({"grant_type": "client_credentials"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
    assert_eq!(response.json::<Value>().await.unwrap()["error"], "invalid_request");
    // Revocation answers a bad client with 401.
    let revoke = reqwest::Client::new()
        .post(format!("{}/oauth2/revoke", f.base))
        .basic_auth(id, Some("wrong-secret"))
        .form(&[("token", "whatever")])
        .send()
        .await
        .unwrap();
    assert_eq!(revoke.status().as_u16(), 401);
}

#[tokio::test]
async fn authorize_refuses_on_its_error_page_or_at_the_redirect_uri_as_cognito_does() {
    let f = fixture().await;
    let browser = Browser::new();
    let error_of = |page: &Page| query_of(page.location.as_deref().unwrap(), false).get("error").cloned();

    // Before the redirect URI is trusted: the domain's error page.
    let unknown = browser.get(&f.authorize_url("nosuchclient000000000000", "")).await;
    assert!(unknown.location.as_deref().unwrap().starts_with(&format!("{}/error?", f.base)));
    let slash = browser
        .get(&format!(
            "{}/oauth2/authorize?response_type=code&client_id={}&redirect_uri={}",
            f.base,
            f.web,
            enc("https://app.example.com/cb/")
        ))
        .await;
    assert_eq!(error_of(&slash).as_deref(), Some("redirect_mismatch"));
    let sdk_only = browser.get(&f.authorize_url(&f.sdk, "")).await;
    assert_eq!(error_of(&sdk_only).as_deref(), Some("redirect_mismatch"));
    let page = browser.get(slash.location.as_deref().unwrap()).await;
    assert_eq!(page.status, 400);

    // After it: back to the app with the error and the state.
    for (extra, expected) in [
        ("&scope=orders%2Fwrite", "invalid_scope"),
        ("&code_challenge_method=S256&code_challenge=too-short", "invalid_request"),
        ("&code_challenge_method=plain&code_challenge=abc", "invalid_request"),
        ("&code_challenge=abc", "invalid_request"),
        ("&identity_provider=Google", "invalid_request"),
    ] {
        let page = browser.get(&f.authorize_url(&f.web, extra)).await;
        let location = page.location.unwrap();
        assert!(location.starts_with(CALLBACK), "{extra}: {location}");
        let q = query_of(&location, false);
        assert_eq!((q["error"].as_str(), q["state"].as_str()), (expected, "st-123"), "{extra}");
    }
    let bad_type = browser
        .get(&format!(
            "{}/oauth2/authorize?response_type=id_token&client_id={}&redirect_uri={}&state=s",
            f.base,
            f.web,
            enc(CALLBACK)
        ))
        .await;
    assert_eq!(error_of(&bad_type).as_deref(), Some("invalid_request"));
    // A flow the client does not allow.
    let implicit = browser
        .get(&format!(
            "{}/oauth2/authorize?response_type=token&client_id={}&redirect_uri={}&state=s",
            f.base,
            f.confidential.0,
            enc(CALLBACK)
        ))
        .await;
    let location = implicit.location.unwrap();
    assert_eq!(query_of(&location, true)["error"], "unauthorized_client");
    // A client without COGNITO among its identity providers offers no sign-in here.
    let no_idp = f
        .app
        .idp
        .create_user_pool_client()
        .user_pool_id(&f.pool)
        .client_name("no-idp")
        .allowed_o_auth_flows_user_pool_client(true)
        .allowed_o_auth_flows(OAuthFlowType::Code)
        .allowed_o_auth_scopes("openid")
        .callback_urls(CALLBACK)
        .send()
        .await
        .unwrap()
        .user_pool_client
        .unwrap();
    let refused = browser.get(&f.authorize_url(no_idp.client_id().unwrap(), "")).await;
    assert_eq!(error_of(&refused).as_deref(), Some("invalid_request"));
    // Links never follow a forged host: X-Forwarded-Host or Host naming another machine.
    for (header, value) in [("x-forwarded-host", "evil.example"), ("host", "evil.example")] {
        let page = browser.send(browser.http.get(f.authorize_url(&f.web, "")).header(header, value)).await;
        let location = page.location.unwrap();
        assert!(location.starts_with(&format!("{}/login?", f.base)), "{header}: {location}");
    }
    // prompt=none without a session.
    let none = browser.get(&f.authorize_url(&f.web, "&prompt=none")).await;
    assert_eq!(error_of(&none).as_deref(), Some("login_required"));
}

#[tokio::test]
async fn the_implicit_flow_returns_tokens_in_the_fragment_without_a_refresh_token() {
    let f = fixture().await;
    let browser = Browser::new();
    let url = format!(
        "{}/oauth2/authorize?response_type=token&client_id={}&redirect_uri={}&state=xyz&scope=openid+aws.cognito.signin.user.admin",
        f.base,
        f.web,
        enc(CALLBACK)
    );
    let back = f.sign_in(&browser, &url, "bob", PASSWORD).await;
    let location = back.location.expect("a redirect");
    let q = query_of(&location, true);
    assert_eq!(q["state"], "xyz");
    assert_eq!(q["token_type"], "Bearer");
    assert!(!q.contains_key("refresh_token"));
    let id = claims(&q["id_token"]);
    assert_eq!(id["cognito:username"], "bob");
    assert!(id.get("at_hash").is_some());
    // With the admin scope the JSON API accepts the token.
    let user = f.app.idp.get_user().access_token(&q["access_token"]).send().await.unwrap();
    assert_eq!(user.username(), "bob");
}

#[tokio::test]
async fn sessions_end_with_logout_and_global_sign_out() {
    let now = incognito::clock::SystemClock.now_millis();
    let clock = std::sync::Arc::new(incognito::clock::FixedClock::new(now));
    let f = fixture_with(crate::helpers::Options { clock: clock.clone(), ..Default::default() }).await;
    let browser = Browser::new();
    let url = f.authorize_url(&f.web, "");
    let back = f.sign_in(&browser, &url, "alice", PASSWORD).await;
    assert_eq!(back.status, 302);
    assert_eq!(browser.get(&url).await.location.unwrap().split('?').next(), Some(CALLBACK));

    // A logout_uri must be registered.
    let bad = browser
        .get(&format!(
            "{}/logout?client_id={}&logout_uri={}",
            f.base,
            f.web,
            enc("https://evil.example.com/")
        ))
        .await;
    assert!(bad.location.unwrap().starts_with(&format!("{}/error", f.base)));
    assert_eq!(
        browser.get(&url).await.location.unwrap().split('?').next(),
        Some(CALLBACK),
        "still signed in"
    );
    let copy = browser.cookies.lock().unwrap().get("cognito").cloned().expect("a session cookie");
    let out = browser
        .get(&format!(
            "{}/logout?client_id={}&logout_uri={}",
            f.base,
            f.web,
            enc("https://app.example.com/bye")
        ))
        .await;
    assert_eq!(out.location.as_deref(), Some("https://app.example.com/bye"));
    assert!(
        browser.get(&url).await.location.unwrap().starts_with(&format!("{}/login?", f.base)),
        "signed out"
    );
    // A copy of the cookie taken before the logout is dead too.
    browser.cookies.lock().unwrap().insert("cognito".into(), copy);
    let replayed = browser.get(&url).await.location.unwrap();
    assert!(replayed.starts_with(&format!("{}/login?", f.base)), "copy refused: {replayed}");

    // GlobalSignOut ends the hosted session too (AWS keeps its cookie; incognito does not).
    f.sign_in(&browser, &url, "alice", PASSWORD).await;
    assert_eq!(browser.get(&url).await.location.unwrap().split('?').next(), Some(CALLBACK));
    // tokens_valid_after has a resolution of one second: sign out a second later.
    clock.advance_secs(1);
    f.app.idp.admin_user_global_sign_out().user_pool_id(&f.pool).username("alice").send().await.unwrap();
    assert!(browser.get(&url).await.location.unwrap().starts_with(&format!("{}/login?", f.base)));
}

#[tokio::test]
async fn a_temporary_password_is_changed_on_the_hosted_page() {
    let f = fixture().await;
    f.app
        .idp
        .admin_create_user()
        .user_pool_id(&f.pool)
        .username("carol")
        .temporary_password("Temp-Horse-1")
        .message_action(aws_sdk_cognitoidentityprovider::types::MessageActionType::Suppress)
        .send()
        .await
        .unwrap();
    let browser = Browser::new();
    let page = f.sign_in(&browser, &f.authorize_url(&f.confidential.0, ""), "carol", "Temp-Horse-1").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("name=\"new_password\""), "{}", page.body);
    let action = form_action(&page.body);
    let fields: Vec<(String, String)> = ["_csrf", "session", "username", "challenge"]
        .iter()
        .map(|n| (n.to_string(), field(&page.body, n).unwrap()))
        .collect();
    let mut form: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    form.push(("new_password", "Brand-New-Horse-2"));
    form.push(("confirm_password", "Brand-New-Horse-2"));
    let back = browser.post(&action, &form).await;
    let location = back.location.expect("back to the app");
    let code = query_of(&location, false)["code"].clone();
    // The confidential client authenticates with Basic.
    let (status, tokens) = f
        .token(
            &[("grant_type", "authorization_code"), ("code", &code), ("redirect_uri", CALLBACK)],
            Some((&f.confidential.0, &f.confidential.1)),
        )
        .await;
    assert_eq!(status, 200, "{tokens}");
    assert_eq!(claims(tokens["id_token"].as_str().unwrap())["cognito:username"], "carol");
    // The new password is the user's now.
    let user = f.app.idp.admin_get_user().user_pool_id(&f.pool).username("carol").send().await.unwrap();
    assert_eq!(user.user_status().map(|s| s.as_str()), Some("CONFIRMED"));
}

#[tokio::test]
async fn one_code_redeemed_concurrently_has_one_winner() {
    let f = fixture().await;
    let browser = Browser::new();
    let back = f.sign_in(&browser, &f.authorize_url(&f.web, ""), "alice", PASSWORD).await;
    let code = query_of(&back.location.unwrap(), false)["code"].clone();
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", f.web.as_str()),
        ("code", code.as_str()),
        ("redirect_uri", CALLBACK),
    ];
    let attempts = futures_join(&f, &form).await;
    assert_eq!(attempts.iter().filter(|s| **s == 200).count(), 1, "{attempts:?}");
    assert_eq!(attempts.iter().filter(|s| **s == 400).count(), attempts.len() - 1);
}

async fn futures_join(f: &Fixture, form: &[(&str, &str)]) -> Vec<u16> {
    let mut handles = Vec::new();
    for _ in 0..8 {
        let url = format!("{}/oauth2/token", f.base);
        let form: Vec<(String, String)> = form.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        handles.push(tokio::spawn(async move {
            reqwest::Client::new().post(url).form(&form).send().await.unwrap().status().as_u16()
        }));
    }
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

#[tokio::test]
async fn a_domain_is_named_by_host_or_path_and_advertised_by_discovery() {
    let f = fixture().await;
    let (id, secret) = (f.m2m.0.as_str(), f.m2m.1.as_str());
    // By Host, on the same listener.
    let response = reqwest::Client::new()
        .post(format!("{}/oauth2/token", f.app.url))
        .header("host", format!("{}.auth.us-east-1.localhost", f.prefix))
        .basic_auth(id, Some(secret))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    // Pages reached by Host link by Host, without the path prefix.
    let host = format!("{}.auth.us-east-1.localhost", f.prefix);
    let port = f.app.url.rsplit(':').next().unwrap();
    let signup = reqwest::Client::new()
        .get(format!(
            "{}/signup?response_type=code&client_id={}&redirect_uri={}",
            f.app.url,
            f.web,
            enc(CALLBACK)
        ))
        .header("host", format!("{host}:{port}"))
        .send()
        .await
        .unwrap();
    assert_eq!(signup.status().as_u16(), 200);
    let body = signup.text().await.unwrap();
    assert!(
        form_action(&body).starts_with(&format!("http://{host}:{port}/signup?")),
        "{}",
        form_action(&body)
    );
    // A bare host has no domain; an unknown domain is 404.
    let bare = reqwest::Client::new()
        .post(format!("{}/oauth2/token", f.app.url))
        .form(&[("a", "b")])
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status().as_u16(), 404);
    let unknown = reqwest::Client::new()
        .post(format!("{}/_domain/nobody/oauth2/token", f.app.url))
        .form(&[("a", "b")])
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status().as_u16(), 404);

    let doc: Value = reqwest::get(format!("{}/{}/.well-known/openid-configuration", f.app.url, f.pool))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(doc["token_endpoint"], format!("{}/oauth2/token", f.base).as_str());
    assert_eq!(doc["authorization_endpoint"], format!("{}/oauth2/authorize", f.base).as_str());
    assert_eq!(doc["userinfo_endpoint"], format!("{}/oauth2/userInfo", f.base).as_str());
    assert!(doc.get("claims_supported").is_none());

    // CORS preflight on the token endpoint.
    let preflight = reqwest::Client::new()
        .request(reqwest::Method::OPTIONS, format!("{}/oauth2/token", f.base))
        .header("origin", "http://localhost:3000")
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type,x-amz-user-agent")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status().as_u16(), 204);
    assert_eq!(preflight.headers()["access-control-allow-origin"], "http://localhost:3000");
    assert_eq!(preflight.headers()["access-control-allow-headers"], "content-type,x-amz-user-agent");

    // Deleting the domain takes its endpoints with it, at once.
    f.app.idp.delete_user_pool_domain().user_pool_id(&f.pool).domain(&f.prefix).send().await.unwrap();
    let gone = reqwest::Client::new()
        .post(format!("{}/oauth2/token", f.base))
        .basic_auth(id, Some(secret))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status().as_u16(), 404);
}

/// The newest code the outbox holds for `username`.
async fn outbox_code(f: &Fixture, username: &str) -> String {
    let outbox: Value =
        reqwest::get(format!("{}/_incognito/messages?userPoolId={}&username={username}", f.app.url, f.pool))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    // Newest first.
    outbox["messages"][0]["code"].as_str().expect("a message with a code").to_string()
}

/// Posts the only form of `page`, with `fields` besides its hidden ones.
async fn submit(browser: &Browser, page: &Page, fields: &[(&str, &str)]) -> Page {
    let hidden: Vec<(String, String)> = ["_csrf", "username"]
        .iter()
        .filter_map(|n| {
            field(&page.body, n)
                .filter(|_| page.body.contains(&format!("type=\"hidden\" name=\"{n}\"")))
                .map(|v| (n.to_string(), v))
        })
        .collect();
    let mut form: Vec<(&str, &str)> = hidden.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    form.extend_from_slice(fields);
    browser.post(&form_action(&page.body), &form).await
}

#[tokio::test]
async fn sign_up_confirmation_and_password_reset_run_on_the_hosted_pages() {
    let f = fixture().await;
    f.app
        .idp
        .update_user_pool()
        .user_pool_id(&f.pool)
        .auto_verified_attributes(aws_sdk_cognitoidentityprovider::types::VerifiedAttributeType::Email)
        .send()
        .await
        .unwrap();
    let browser = Browser::new();
    let authorize = f.authorize_url(&f.web, "");
    let login = browser.get(browser.get(&authorize).await.location.as_deref().unwrap()).await;
    let signup_url = login
        .body
        .split("id=\"signUpLink\" href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .replace("&amp;", "&")
        .replace("&#38;", "&");
    let signup = browser.get(&signup_url).await;
    assert!(signup.body.contains("id=\"signUpFormUsername\""));
    // A password against the policy is refused next to the form, with AWS's message.
    let weak = submit(
        &browser,
        &signup,
        &[("username", "dora"), ("email", "dora@example.com"), ("password", "short")],
    )
    .await;
    assert_eq!(weak.status, 200);
    assert!(weak.body.contains("Password did not conform with policy"), "{}", weak.body);
    let done = submit(
        &browser,
        &signup,
        &[("username", "dora"), ("email", "dora@example.com"), ("password", PASSWORD)],
    )
    .await;
    let confirm_url = done.location.expect("to the confirmation page");
    assert!(
        confirm_url.starts_with(&format!("{}/confirm?", f.base)) && confirm_url.contains("username=dora"),
        "{confirm_url}"
    );
    let confirm = browser.get(&confirm_url).await;
    let wrong = submit(&browser, &confirm, &[("confirmation_code", "000000")]).await;
    assert!(wrong.body.contains("Invalid verification code provided, please try again."), "{}", wrong.body);
    let code = outbox_code(&f, "dora").await;
    let confirmed = submit(&browser, &confirm, &[("confirmation_code", &code)]).await;
    let login_url = confirmed.location.expect("to the sign-in page");
    let login = browser.get(&login_url).await;
    assert!(login.body.contains("Your account has been confirmed."), "{}", login.body);
    let back = submit(&browser, &login, &[("username", "dora"), ("password", PASSWORD)]).await;
    assert!(back.location.as_deref().unwrap().starts_with(CALLBACK));

    // Forgotten password: the code from the outbox sets a new one.
    let browser = Browser::new();
    let login = browser.get(browser.get(&authorize).await.location.as_deref().unwrap()).await;
    let forgot_url = login
        .body
        .split("id=\"forgotPasswordLink\" href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .replace("&amp;", "&")
        .replace("&#38;", "&");
    let forgot = browser.get(&forgot_url).await;
    let sent = submit(&browser, &forgot, &[("username", "dora")]).await;
    let reset = browser.get(sent.location.as_deref().expect("to the reset page")).await;
    let code = outbox_code(&f, "dora").await;
    let mismatch = submit(
        &browser,
        &reset,
        &[("confirmation_code", &code), ("password", "New-Horse-77"), ("confirm_password", "Other-Horse-77")],
    )
    .await;
    assert!(mismatch.body.contains("Passwords do not match."));
    let changed = submit(
        &browser,
        &reset,
        &[("confirmation_code", &code), ("password", "New-Horse-77"), ("confirm_password", "New-Horse-77")],
    )
    .await;
    let login = browser
        .get(changed.location.as_deref().unwrap_or_else(|| panic!("to the sign-in page: {}", changed.body)))
        .await;
    assert!(login.body.contains("Your password has been reset."));
    let old = submit(&browser, &login, &[("username", "dora"), ("password", PASSWORD)]).await;
    assert!(old.body.contains("Incorrect username or password."));
    let back = submit(&browser, &login, &[("username", "dora"), ("password", "New-Horse-77")]).await;
    assert!(back.location.as_deref().unwrap().starts_with(CALLBACK));
}

#[tokio::test]
async fn expired_codes_and_tokens_are_refused_and_prompt_login_asks_again() {
    let now = incognito::clock::SystemClock.now_millis();
    let clock = std::sync::Arc::new(incognito::clock::FixedClock::new(now));
    let f = fixture_with(crate::helpers::Options { clock: clock.clone(), ..Default::default() }).await;
    let browser = Browser::new();
    let url = f.authorize_url(&f.web, "&scope=openid+email");
    let back = f.sign_in(&browser, &url, "alice", PASSWORD).await;
    let first = query_of(&back.location.unwrap(), false)["code"].clone();
    // prompt=login shows the form despite the session; without it the session answers.
    let again = browser.get(&format!("{url}&prompt=login")).await;
    assert!(again.location.unwrap().starts_with(&format!("{}/login?", f.base)));
    let second = query_of(&browser.get(&url).await.location.unwrap(), false)["code"].clone();
    let redeem = |code: String| {
        let f = &f;
        async move {
            f.token(
                &[
                    ("grant_type", "authorization_code"),
                    ("client_id", &f.web),
                    ("code", &code),
                    ("redirect_uri", CALLBACK),
                ],
                None,
            )
            .await
        }
    };
    let (status, tokens) = redeem(second).await;
    assert_eq!(status, 200, "{tokens}");
    // Five minutes later the other code is dead, and an hour later the access token.
    clock.advance_secs(301);
    let (status, body) = redeem(first).await;
    assert_eq!((status, body["error"].as_str()), (400, Some("invalid_grant")));
    let info = |token: String| {
        let url = format!("{}/oauth2/userInfo", f.base);
        async move { reqwest::Client::new().get(url).bearer_auth(token).send().await.unwrap().status().as_u16() }
    };
    let access = tokens["access_token"].as_str().unwrap().to_string();
    assert_eq!(info(access.clone()).await, 200);
    clock.advance_secs(3600);
    assert_eq!(info(access.clone()).await, 401);
    // A tampered token is refused too.
    let mut forged = access.into_bytes();
    let at = forged.len() - 5;
    forged[at] = if forged[at] == b'A' { b'B' } else { b'A' };
    assert_eq!(info(String::from_utf8(forged).unwrap()).await, 401);
    // No token at all is a bad request.
    let bare = reqwest::Client::new().get(format!("{}/oauth2/userInfo", f.base)).send().await.unwrap();
    assert_eq!(bare.status().as_u16(), 400);
}

#[tokio::test]
async fn triggers_run_for_hosted_sign_ins_and_client_credentials() {
    use crate::triggers::{Reply, arn, hook_config, hook_server};
    use aws_sdk_cognitoidentityprovider::types::{
        LambdaConfigType, PreTokenGenerationLambdaVersionType, PreTokenGenerationVersionConfigType,
    };
    // Arrange: PostAuthentication and a V3 PreTokenGeneration, served by the hook server.
    let (hooks, base) = hook_server().await;
    let f = fixture_with(crate::helpers::Options {
        configure: Some(Box::new(move |c| c.triggers.hooks = hook_config(&base))),
        ..Default::default()
    })
    .await;
    let v3 = PreTokenGenerationVersionConfigType::builder()
        .lambda_version(PreTokenGenerationLambdaVersionType::V30)
        .lambda_arn(arn("pre-token"))
        .build()
        .unwrap();
    f.app
        .idp
        .update_user_pool()
        .user_pool_id(&f.pool)
        .lambda_config(
            LambdaConfigType::builder()
                .post_authentication(arn("post-auth"))
                .pre_token_generation_config(v3)
                .build(),
        )
        .send()
        .await
        .unwrap();
    f.app.state.user_pools.cache.invalidate_pool(&f.pool);
    hooks.set(|function, event| match function {
        "pre-token" if event["triggerSource"] == "TokenGeneration_ClientCredentials" => {
            Reply::Respond(serde_json::json!({"claimsAndScopeOverrideDetails": {
                "accessTokenGeneration": {"claimsToAddOrOverride": {"machine_tier": "batch"}},
            }}))
        }
        "pre-token" => Reply::Respond(serde_json::json!({"claimsAndScopeOverrideDetails": {
            "idTokenGeneration": {"claimsToAddOrOverride": {"department": "sales"}},
        }})),
        _ => Reply::Respond(serde_json::json!({})),
    });
    let browser = Browser::new();
    let url = f.authorize_url(&f.web, "&scope=openid+email");

    // Act: the hosted sign-in and the code exchange.
    let callback = f.sign_in(&browser, &url, "alice", PASSWORD).await;
    let code = query_of(callback.location.as_deref().unwrap(), false)["code"].clone();
    let (status, tokens) = f
        .token(
            &[
                ("grant_type", "authorization_code"),
                ("client_id", &f.web),
                ("code", &code),
                ("redirect_uri", CALLBACK),
            ],
            None,
        )
        .await;

    // Assert
    assert_eq!(status, 200, "{tokens}");
    assert_eq!(claims(tokens["id_token"].as_str().unwrap())["department"], "sales");
    assert_eq!(hooks.last("post-auth")["triggerSource"], "PostAuthentication_Authentication");
    let event = hooks.last("pre-token");
    assert_eq!(event["triggerSource"], "TokenGeneration_HostedAuth");
    assert_eq!(event["version"], "3");
    assert_eq!(event["request"]["scopes"], serde_json::json!(["openid", "email"]));

    // client_credentials runs the V3 function for the machine's token.
    let (m2m, secret) = (&f.m2m.0, &f.m2m.1);
    let (status, machine) = f.token(&[("grant_type", "client_credentials")], Some((m2m, secret))).await;
    assert_eq!(status, 200, "{machine}");
    assert_eq!(claims(machine["access_token"].as_str().unwrap())["machine_tier"], "batch");
    assert_eq!(hooks.last("pre-token")["callerContext"]["clientId"], m2m.as_str());

    // A PreTokenGeneration failure at the code exchange: invalid_request with Cognito's message.
    hooks.set(|function, _| {
        if function == "pre-token" {
            Reply::Fail("No entitlements")
        } else {
            Reply::Respond(serde_json::json!({}))
        }
    });
    let callback = f.sign_in(&Browser::new(), &url, "alice", PASSWORD).await;
    let code = query_of(callback.location.as_deref().unwrap(), false)["code"].clone();
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", &f.web),
        ("code", &code),
        ("redirect_uri", CALLBACK),
    ];
    let (status, refused) = f.token(&form, None).await;
    assert_eq!(status, 400);
    assert_eq!(refused["error"], "invalid_request");
    assert_eq!(refused["error_description"], "PreTokenGeneration failed with error No entitlements.");

    // A PostAuthentication failure keeps the user on the sign-in form, with the message.
    hooks.set(|function, _| {
        if function == "post-auth" {
            Reply::Fail("Account under review")
        } else {
            Reply::Respond(serde_json::json!({}))
        }
    });
    let page = f.sign_in(&Browser::new(), &url, "alice", PASSWORD).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("PostAuthentication failed with error Account under review."),
        "{}",
        page.body
    );
}
