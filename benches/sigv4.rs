//! Micro-benchmark: verifying a SigV4-signed request made with identity-pool credentials
//! (`credentials::authenticate_request`: parse the Authorization header, open the sealed
//! session token, compare the access key id, check expiry, rebuild the canonical request and
//! compare the signature), on ONE core. Also the signature check alone (`sigv4::verify` with
//! the secret already known) for comparison. The request is signed here by a small
//! independent signer.
//!
//! Run: `cargo bench --bench sigv4` (README "Performance" has the figures).

use std::time::{Duration, Instant};

use axum::http::{HeaderMap, HeaderValue, Method, Uri};
use hmac::{Hmac, Mac};
use incognito::config::Config;
use incognito::credentials::{self, Grant};
use incognito::crypto::sigv4;
use incognito::state::AppState;
use secrecy::SecretString;
use sha2::{Digest, Sha256};

const WINDOW: Duration = Duration::from_secs(5);
const BODY: &[u8] = b"Action=GetCallerIdentity&Version=2011-06-15";

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// Signs `POST /` with `content-type;host;x-amz-date;x-amz-security-token` as botocore does.
fn sign(key: &str, secret: &str, token: &str, host: &str) -> HeaderMap {
    let now = chrono::Utc::now();
    let amz_date = now.format("%Y%m%dT%H%M%SZ").to_string();
    let date = &amz_date[..8];
    let content_type = "application/x-www-form-urlencoded; charset=utf-8";
    let signed = "content-type;host;x-amz-date;x-amz-security-token";
    let canonical = format!(
        "POST\n/\n\ncontent-type:{content_type}\nhost:{host}\nx-amz-date:{amz_date}\nx-amz-security-token:{token}\n\n{signed}\n{}",
        hex::encode(Sha256::digest(BODY))
    );
    let scope = format!("{date}/us-east-1/sts/aws4_request");
    let to_sign =
        format!("AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{}", hex::encode(Sha256::digest(canonical)));
    let mut k = hmac(format!("AWS4{secret}").as_bytes(), date);
    for part in ["us-east-1", "sts", "aws4_request"] {
        k = hmac(&k, part);
    }
    let signature = hex::encode(hmac(&k, &to_sign));
    let mut headers = HeaderMap::new();
    let put = |h: &mut HeaderMap, name: &'static str, value: String| {
        h.insert(name, HeaderValue::from_str(&value).expect("header value"));
    };
    put(&mut headers, "content-type", content_type.into());
    put(&mut headers, "host", host.into());
    put(&mut headers, "x-amz-date", amz_date);
    put(&mut headers, "x-amz-security-token", token.into());
    put(
        &mut headers,
        "authorization",
        format!("AWS4-HMAC-SHA256 Credential={key}/{scope}, SignedHeaders={signed}, Signature={signature}"),
    );
    headers
}

/// Runs `work` on this thread for WINDOW; operations per second.
fn per_second(mut work: impl FnMut()) -> f64 {
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < WINDOW {
        for _ in 0..64 {
            work();
        }
        n += 64;
    }
    n as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = Config::default();
    config.database.url = format!("sqlite://{}/bench.db?mode=rwc", dir.path().display());
    config.security.master_key = Some(SecretString::from(incognito::crypto::seal::Sealer::generate_base64()));
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let state = runtime.block_on(AppState::build(config)).expect("state");

    let grant = Grant {
        role_arn: "arn:aws:iam::000000000000:role/app-authenticated".into(),
        role_session_name: "CognitoIdentityCredentials".into(),
        identity_id: Some("us-east-1:8f0c7a52-1e43-4c55-9a36-3b1d1f7e4a10".into()),
        identity_pool_id: Some("us-east-1:00000000-0000-4000-8000-000000000001".into()),
        authentication_provider: Some("cognito-idp.us-east-1.amazonaws.com/us-east-1_Example01".into()),
        subject: "us-east-1:8f0c7a52-1e43-4c55-9a36-3b1d1f7e4a10".into(),
        amr: vec!["authenticated".into(), "cognito-idp.us-east-1.amazonaws.com/us-east-1_Example01".into()],
        principal_tags: [("username".to_string(), "4b1a3c1e-0f0e-4d8a-a1f3-6f6d2b9c7e55".to_string())].into(),
        duration_seconds: 3600,
    };
    let issued = credentials::mint(&state.credentials, &grant);
    let headers =
        sign(&issued.access_key_id, &issued.secret_access_key, &issued.session_token, "127.0.0.1:9229");
    let method = Method::POST;
    let uri: Uri = "/".parse().expect("uri");

    let claims = credentials::authenticate_request(&state.credentials, &method, &uri, &headers, BODY)
        .expect("the request verifies");
    assert_eq!(claims.identity_id, grant.identity_id);
    let auth = sigv4::parse_authorization(headers["authorization"].to_str().expect("ascii")).expect("parses");
    let now = chrono::Utc::now();

    // Steady state: a client signs many requests with one set of credentials, so the opened
    // token and the derived signing key come from the session cache.
    let cached = per_second(|| {
        std::hint::black_box(
            credentials::authenticate_request_shared(&state.credentials, &method, &uri, &headers, BODY)
                .expect("verifies"),
        );
    });
    // First use of a set of credentials: open the token (base64, AES-256-GCM, JSON) and
    // derive the key, then the same signature check.
    let token = issued.session_token.as_str();
    let first_use = per_second(|| {
        let claims = credentials::open_session_token(&state.credentials, token).expect("opens");
        sigv4::verify(&method, &uri, &headers, BODY, &auth, &claims.secret_access_key, now)
            .expect("verifies");
    });
    let signature_only = per_second(|| {
        sigv4::verify(&method, &uri, &headers, BODY, &auth, &issued.secret_access_key, now)
            .expect("verifies");
    });
    println!("session token: {} bytes", issued.session_token.len());
    println!(
        "authenticate_request, credentials seen before, 1 core: {cached:>9.0}/s  ({:.2} µs each)",
        1e6 / cached
    );
    println!(
        "first use: open the token + full SigV4 check, 1 core:  {first_use:>9.0}/s  ({:.2} µs each)",
        1e6 / first_use
    );
    println!(
        "sigv4::verify alone (secret known), 1 core:           {signature_only:>9.0}/s  ({:.2} µs each)",
        1e6 / signature_only
    );
}
