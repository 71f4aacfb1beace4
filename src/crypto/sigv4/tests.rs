//! SigV4 verification against the AWS test suite and requests signed by the official SDK
//! signers (vectors in `tests/data/sigv4-vectors.json`), and every way a request can be
//! tampered with.

use super::canonical::{canonical_header_value, canonical_query, canonical_uri};
use super::*;
use http::{HeaderName, HeaderValue};

/// Every vector below was signed with this secret (it is the AWS documentation example key).
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

/// A signed request as a server receives it (HTTP/1.1: origin-form URI plus `host`).
#[derive(serde::Deserialize)]
struct Vector {
    name: String,
    method: String,
    uri: String,
    headers: Vec<(String, String)>,
    body: String,
    /// RFC 3339; the signing time.
    now: String,
}

/// The vectors of `tests/data/sigv4-vectors.json`: `suite` from the AWS SigV4 test suite,
/// `sdk` signed by the official signers (see the file's `_about`).
#[derive(serde::Deserialize)]
struct Vectors {
    suite: Vec<Vector>,
    sdk: Vec<Vector>,
}

fn vectors() -> &'static Vectors {
    static VECTORS: std::sync::OnceLock<Vectors> = std::sync::OnceLock::new();
    VECTORS.get_or_init(|| {
        serde_json::from_str(include_str!("../../../tests/data/sigv4-vectors.json")).expect("vectors parse")
    })
}

/// The request parts handed to [`verify`], open to tampering by a test.
struct Parts {
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Vec<u8>,
    secret: String,
    now: DateTime<Utc>,
}

fn ts(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap().with_timezone(&Utc)
}

fn parts(v: &Vector) -> Parts {
    let mut headers = HeaderMap::new();
    for (name, value) in &v.headers {
        headers
            .append(HeaderName::from_bytes(name.as_bytes()).unwrap(), HeaderValue::from_str(value).unwrap());
    }
    Parts {
        method: v.method.parse().unwrap(),
        uri: v.uri.parse().unwrap(),
        headers,
        body: v.body.as_bytes().to_vec(),
        secret: SECRET.to_owned(),
        now: ts(&v.now),
    }
}

fn check_parts(p: &Parts) -> Result<(), SigV4Error> {
    let header = p.headers.get("authorization").ok_or(SigV4Error::Missing)?.to_str().unwrap();
    let auth = parse_authorization(header)?;
    verify(&p.method, &p.uri, &p.headers, &p.body, &auth, &p.secret, p.now)
}

/// Verifies `v` after letting `tweak` alter the request.
fn check(v: &Vector, tweak: impl FnOnce(&mut Parts)) -> Result<(), SigV4Error> {
    let mut p = parts(v);
    tweak(&mut p);
    check_parts(&p)
}

fn set(p: &mut Parts, name: &'static str, value: &str) {
    p.headers.insert(name, HeaderValue::from_str(value).unwrap());
}

fn sdk(name: &str) -> &'static Vector {
    vectors().sdk.iter().find(|v| v.name == name).unwrap()
}

fn json_post() -> &'static Vector {
    sdk("json_post")
}

#[test]
fn aws_test_suite_vectors_verify() {
    // The data file holds them all: an empty or truncated one must not pass for green.
    assert_eq!((vectors().suite.len(), vectors().sdk.len()), (20, 10));
    for v in &vectors().suite {
        assert_eq!(check(v, |_| {}), Ok(()), "{}", v.name);
    }
}

#[test]
fn aws_test_suite_canonical_requests() {
    // Expected texts are the suite's header-canonical-request.txt files.
    // (method, uri, headers, signed headers, body, expected canonical request)
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)], &'a [&'a str], &'a str, &'a str);
    let cases: &[Case] = &[
        (
            "GET",
            "/",
            &[("host", "example.amazonaws.com"), ("x-amz-date", "20150830T123600Z")],
            &["host", "x-amz-date"],
            "",
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ),
        (
            "POST",
            "/",
            &[
                ("content-type", "application/x-www-form-urlencoded"),
                ("host", "example.amazonaws.com"),
                ("content-length", "13"),
                ("x-amz-date", "20150830T123600Z"),
                ("x-amz-content-sha256", "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e"),
            ],
            &["content-length", "content-type", "host", "x-amz-content-sha256", "x-amz-date"],
            "Param1=value1",
            "POST\n/\n\ncontent-length:13\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\nx-amz-content-sha256:9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e\nx-amz-date:20150830T123600Z\n\ncontent-length;content-type;host;x-amz-content-sha256;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
        ),
        (
            "GET",
            "/?Param-3=Value3&Param=Value2&%E1%88%B4=Value1",
            &[("host", "example.amazonaws.com"), ("x-amz-date", "20150830T123600Z")],
            &["host", "x-amz-date"],
            "",
            "GET\n/\n%E1%88%B4=Value1&Param=Value2&Param-3=Value3\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ),
        (
            "GET",
            "/",
            &[
                ("host", "example.amazonaws.com"),
                ("my-header1", " value1"),
                ("my-header2", " \"a   b   c\""),
                ("x-amz-date", "20150830T123600Z"),
            ],
            // Listed unsorted on purpose: the canonical form is sorted.
            &["x-amz-date", "my-header2", "host", "my-header1"],
            "",
            "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\nx-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ),
        (
            // double-encode-path
            "POST",
            "/test/@connections/JBDvjfGEIAMCERw%3D",
            &[("host", "tj9n5r0m12.execute-api.us-east-1.amazonaws.com"), ("x-amz-date", "20210511T154045Z")],
            &["host", "x-amz-date"],
            "",
            "POST\n/test/%40connections/JBDvjfGEIAMCERw%253D\n\nhost:tj9n5r0m12.execute-api.us-east-1.amazonaws.com\nx-amz-date:20210511T154045Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ),
    ];
    for (method, uri, headers, signed, body, expected) in cases {
        let mut map = HeaderMap::new();
        for (name, value) in *headers {
            map.append(*name, HeaderValue::from_str(value).unwrap());
        }
        let signed: Vec<String> = signed.iter().map(|s| s.to_string()).collect();
        let hash = payload_hash(&map, body.as_bytes()).unwrap();
        let got = canonical_request(&method.parse().unwrap(), &uri.parse().unwrap(), &map, &signed, &hash);
        assert_eq!(String::from_utf8(got).unwrap(), *expected, "{uri}");
    }
}

#[test]
fn signing_key_matches_aws_documentation_example() {
    // "Examples of how to derive a signing key for Signature Version 4" (AWS General Reference).
    let key = signing_key(SECRET, "20120215", "us-east-1", "iam");
    assert_eq!(hex::encode(key), "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

#[test]
fn sdk_signed_requests_verify() {
    for v in &vectors().sdk {
        assert_eq!(check(v, |_| {}), Ok(()), "{}", v.name);
    }
}

#[test]
fn sdk_signed_requests_verify_without_host_header() {
    // HTTP/2: no Host header, the authority arrives in the URI (from :authority).
    for v in &vectors().sdk {
        let result = check(v, |p| {
            let host = p.headers.remove("host").unwrap();
            let scheme = if host.as_bytes().ends_with(b":8443") { "https" } else { "http" };
            p.uri = format!("{scheme}://{}{}", host.to_str().unwrap(), v.uri).parse().unwrap();
        });
        assert_eq!(result, Ok(()), "{}", v.name);
    }
}

#[test]
fn verifies_anywhere_within_fifteen_minutes() {
    let v = json_post();
    for offset in [-15 * 60, -14 * 60, -1, 0, 1, 14 * 60, 15 * 60] {
        let result = check(v, |p| p.now = ts(&v.now) + TimeDelta::seconds(offset));
        assert_eq!(result, Ok(()), "now = signing time {offset:+}s");
    }
    // Sub-second server clocks do not shift the boundary.
    let result = check(v, |p| p.now = ts(&v.now) + TimeDelta::minutes(15) + TimeDelta::milliseconds(999));
    assert_eq!(result, Ok(()));
}

#[test]
fn wrong_secret_is_signature_mismatch() {
    for v in vectors().suite.iter().chain(&vectors().sdk) {
        let result = check(v, |p| p.secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEZ".into());
        assert_eq!(result, Err(SigV4Error::SignatureMismatch), "{}", v.name);
    }
}

#[test]
fn tampered_body_is_signature_mismatch() {
    for v in vectors().sdk.iter().filter(|v| v.name != "json_post_unsigned_payload") {
        let result = check(v, |p| p.body.extend_from_slice(b" "));
        assert_eq!(result, Err(SigV4Error::SignatureMismatch), "{}", v.name);
    }
    let result = check(json_post(), |p| p.body = br#"{"AuthFlow":"ADMIN_USER_PASSWORD_AUTH"}"#.to_vec());
    assert_eq!(result, Err(SigV4Error::SignatureMismatch));
}

#[test]
fn tampered_request_parts_are_signature_mismatch() {
    type Tweak = fn(&mut Parts);
    let tweaks: &[(&str, Tweak)] = &[
        ("target", |p| set(p, "x-amz-target", "AWSCognitoIdentityProviderService.AdminDeleteUser")),
        ("host", |p| set(p, "host", "localhost:9230")),
        ("method", |p| p.method = Method::PUT),
        ("path", |p| p.uri = "/x".parse().unwrap()),
        ("query", |p| p.uri = "/?a=b".parse().unwrap()),
        ("date", |p| set(p, "x-amz-date", "20261126T105001Z")),
        ("extra value", |p| {
            p.headers.append("content-type", HeaderValue::from_static("text/plain"));
        }),
        ("signature", |p| {
            let h = p.headers["authorization"].to_str().unwrap().replace("Signature=3", "Signature=4");
            set(p, "authorization", &h);
        }),
        ("short signature", |p| {
            let h = p.headers["authorization"].to_str().unwrap();
            let h = h[..h.len() - 1].to_owned();
            set(p, "authorization", &h);
        }),
        ("scope region", |p| {
            let h = p.headers["authorization"].to_str().unwrap().replace("us-east-1", "us-east-2");
            set(p, "authorization", &h);
        }),
    ];
    for (name, tweak) in tweaks {
        assert_eq!(check(json_post(), tweak), Err(SigV4Error::SignatureMismatch), "{name}");
    }
}

#[test]
fn unsigned_headers_may_change() {
    let v = sdk("botocore_json_post");
    let result = check(v, |p| {
        set(p, "user-agent", "something-else/1.0");
        set(p, "content-length", "18");
        set(p, "x-forwarded-for", "203.0.113.9");
    });
    assert_eq!(result, Ok(()));
}

#[test]
fn signature_comparison_ignores_hex_case() {
    let result = check(json_post(), |p| {
        let h = p.headers["authorization"].to_str().unwrap();
        let (head, sig) = h.split_once("Signature=").unwrap();
        set(p, "authorization", &format!("{head}Signature={}", sig.to_ascii_uppercase()));
    });
    assert_eq!(result, Ok(()));
}

#[test]
fn session_token_is_covered_by_the_signature() {
    let v = sdk("json_post_session_token");
    let result = check(v, |p| set(p, "x-amz-security-token", "IQoJb3JpZ2luX2VjEXAMPLE"));
    assert_eq!(result, Err(SigV4Error::SignatureMismatch));
    let result = check(v, |p| {
        p.headers.remove("x-amz-security-token");
    });
    assert_eq!(result, Err(SigV4Error::SignatureMismatch));
}

#[test]
fn declared_content_sha256_must_match_the_body() {
    let v = sdk("json_post_content_sha256");
    // The client's declared hash is right but the body changed in transit.
    let result = check(v, |p| p.body.push(b'\n'));
    assert_eq!(result, Err(SigV4Error::SignatureMismatch));
    // A declared hash that is not the body's, even if unsigned, is refused.
    let result = check(json_post(), |p| {
        set(p, "x-amz-content-sha256", &"0".repeat(64));
    });
    assert_eq!(result, Err(SigV4Error::SignatureMismatch));
    // Declaring the right hash on a request that did not sign it changes nothing.
    let result = check(json_post(), |p| {
        let hash = hex::encode(Sha256::digest(&p.body));
        set(p, "x-amz-content-sha256", &hash);
    });
    assert_eq!(result, Ok(()));
}

#[test]
fn unsigned_payload_does_not_cover_the_body() {
    let v = sdk("json_post_unsigned_payload");
    assert_eq!(check(v, |p| p.body = b"{}".to_vec()), Ok(()));
    // ...but switching a signed-payload request to UNSIGNED-PAYLOAD breaks the signature.
    let result =
        check(sdk("json_post_content_sha256"), |p| set(p, "x-amz-content-sha256", "UNSIGNED-PAYLOAD"));
    assert_eq!(result, Err(SigV4Error::SignatureMismatch));
}

#[test]
fn twenty_minutes_late_is_expired() {
    let v = json_post();
    let err = check(v, |p| p.now = ts(&v.now) + TimeDelta::minutes(20)).unwrap_err();
    assert_eq!(
        err,
        SigV4Error::Expired {
            signed_at: "20261126T105000Z".into(),
            limit: "20261126T105500Z".into(),
            server_time: "20261126T111000Z".into(),
            not_yet_current: false,
        }
    );
    assert_eq!(
        err.to_string(),
        "Signature expired: 20261126T105000Z is now earlier than 20261126T105500Z \
         (20261126T111000Z - 15 min.)"
    );
    assert_eq!(err.aws_code(), "InvalidSignatureException");
    let err = check(v, |p| p.now = ts(&v.now) + TimeDelta::seconds(15 * 60 + 1)).unwrap_err();
    assert!(matches!(err, SigV4Error::Expired { not_yet_current: false, .. }));
}

#[test]
fn twenty_minutes_early_is_not_yet_current() {
    let v = json_post();
    let err = check(v, |p| p.now = ts(&v.now) - TimeDelta::minutes(20)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Signature not yet current: 20261126T105000Z is still later than 20261126T104500Z \
         (20261126T103000Z + 15 min.)"
    );
    assert_eq!(err.aws_code(), "InvalidSignatureException");
    assert!(matches!(err, SigV4Error::Expired { not_yet_current: true, .. }));
}

#[test]
fn expired_message_matches_the_documented_example() {
    let err = check_skew(ts("2026-11-26T10:00:00Z"), ts("2026-11-26T10:50:00Z")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Signature expired: 20261126T100000Z is now earlier than 20261126T103500Z \
         (20261126T105000Z - 15 min.)"
    );
}

#[test]
fn scope_date_must_match_request_date() {
    // Signed just before midnight, x-amz-date moved to the next day.
    let v = json_post();
    let err = check(v, |p| {
        set(p, "x-amz-date", "20261127T000500Z");
        p.now = ts("2026-11-27T00:05:00Z");
    })
    .unwrap_err();
    assert_eq!(
        err,
        SigV4Error::ScopeDateMismatch {
            credential_date: "20261126".into(),
            request_date: "20261127".into(),
            request_timestamp: "20261127T000500Z".into(),
        }
    );
    assert_eq!(
        err.to_string(),
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date \
         from HTTP: '20261126' != '20261127', from '20261127T000500Z'."
    );
    assert_eq!(err.aws_code(), "InvalidSignatureException");
}

#[test]
fn date_header_is_the_fallback_for_x_amz_date() {
    // From the 2011 edition of the AWS SigV4 test suite (get-vanilla), which dated
    // requests with `Date` rather than `X-Amz-Date`.
    let v = Vector {
        name: "get-vanilla (2011 suite)".into(),
        method: "GET".into(),
        uri: "/".into(),
        headers: [
            ("date", "Mon, 09 Sep 2011 23:36:00 GMT"),
            ("host", "host.foo.com"),
            (
                "authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20110909/us-east-1/host/aws4_request, SignedHeaders=date;host, Signature=b27ccfbfa7df52a200ff74193ca6e32d4b48b8856fab7ebf1c595d0670a7e470",
            ),
        ]
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .to_vec(),
        body: String::new(),
        now: "2011-09-09T23:40:00Z".into(),
    };
    assert_eq!(check(&v, |_| {}), Ok(()));
    assert_eq!(
        check(&v, |p| set(p, "date", "Mon, 09 Sep 2011 23:36:01 GMT")),
        Err(SigV4Error::SignatureMismatch)
    );
    // X-Amz-Date, when present, is the one that counts.
    assert_eq!(check(&v, |p| set(p, "x-amz-date", "20110909T233600Z")), Ok(()));
    assert!(matches!(check(&v, |p| p.now = ts("2011-09-10T00:00:00Z")), Err(SigV4Error::Expired { .. })));
}

#[test]
fn missing_or_malformed_date_is_incomplete() {
    let v = json_post();
    let err = check(v, |p| {
        p.headers.remove("x-amz-date");
    })
    .unwrap_err();
    assert_eq!(
        err,
        SigV4Error::Incomplete(
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' \
             header."
                .into()
        )
    );
    assert_eq!(err.aws_code(), "IncompleteSignatureException");
    for bad in [
        "2026-11-26T10:50:00Z",
        "20261126T105000",
        "20261126T255000Z",
        "20261326T105000Z",
        "+0261126T105000Z",
        "",
    ] {
        let err = check(v, |p| set(p, "x-amz-date", bad)).unwrap_err();
        assert_eq!(
            err,
            SigV4Error::Incomplete(format!(
                "Date must be in ISO-8601 'basic format'. Got '{bad}'. \
                 See http://en.wikipedia.org/wiki/ISO_8601"
            )),
            "{bad:?}"
        );
    }
    let err = check(v, |p| {
        p.headers.remove("x-amz-date");
        set(p, "date", "yesterday");
    })
    .unwrap_err();
    assert!(matches!(err, SigV4Error::Incomplete(_)));
}

#[test]
fn host_must_be_signed() {
    let v = sdk("get_query_canonicalization");
    let err = check(v, |p| {
        let h = p.headers["authorization"].to_str().unwrap().replace("SignedHeaders=host;", "SignedHeaders=");
        set(p, "authorization", &h);
    })
    .unwrap_err();
    assert_eq!(
        err,
        SigV4Error::Incomplete(
            "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.".into()
        )
    );
}

#[test]
fn missing_authorization_header_is_missing() {
    let err = check(json_post(), |p| {
        p.headers.remove("authorization");
    })
    .unwrap_err();
    assert_eq!(err, SigV4Error::Missing);
    assert_eq!(err.aws_code(), "MissingAuthenticationTokenException");
    assert_eq!(err.to_string(), "Missing Authentication Token");
    assert_eq!(parse_authorization(""), Err(SigV4Error::Missing));
    assert_eq!(parse_authorization("  "), Err(SigV4Error::Missing));
}

#[test]
fn parses_authorization_header() {
    let expected = Authorization {
        access_key_id: "AKIDEXAMPLE".into(),
        date: "20150830".into(),
        region: "us-east-1".into(),
        service: "service".into(),
        signed_headers: vec!["content-type".into(), "host".into(), "x-amz-date".into()],
        signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31".into(),
    };
    for header in [
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,SignedHeaders=content-type;host;x-amz-date,Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
        "  AWS4-HMAC-SHA256   Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31 ,SignedHeaders=Content-Type;Host;X-Amz-Date , Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, Extra=ignored ",
    ] {
        assert_eq!(parse_authorization(header), Ok(expected.clone()), "{header}");
    }
    let cognito = parse_authorization(
        "AWS4-HMAC-SHA256 Credential=AKID/20261126/us-east-1/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=abc",
    )
    .unwrap();
    assert_eq!(cognito.access_key_id, "AKID");
    assert_eq!(cognito.service, "cognito-idp");
    assert_eq!(cognito.signed_headers.len(), 4);
}

#[test]
fn malformed_authorization_header_is_incomplete() {
    const SIG: &str = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
    let cases: &[(&str, &str)] = &[
        (
            "AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date",
            "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter.",
        ),
        (
            "AWS4-HMAC-SHA256",
            "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter.",
        ),
        (
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            "Authorization header requires 'SignedHeaders' parameter.",
        ),
        (
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, SignedHeaders=host, Signature=",
            "Authorization header requires 'Signature' parameter.",
        ),
        (
            "AWS4-HMAC-SHA512 Credential=AKID/20150830/us-east-1/service/aws4_request, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'.",
        ),
        (
            "AWS4-HMAC-SHA256Credential=AKID/20150830/us-east-1/service/aws4_request,SignedHeaders=host,Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            "Authorization header must start with the algorithm 'AWS4-HMAC-SHA256'.",
        ),
        ("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "Unsupported AWS 'algorithm': 'Bearer'."),
        (
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKID/20150830/us-east-1/service'",
        ),
        (
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request/x, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKID/20150830/us-east-1/service/aws4_request/x'",
        ),
        (
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws5_request, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.",
        ),
        (
            "AWS4-HMAC-SHA256 Credential=AKID/2015-08-30/us-east-1/service/aws4_request, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            "Invalid credential date. Date is not the required format: yyyyMMdd.",
        ),
        (
            "AWS4-HMAC-SHA256 Credential=AKID/20150231/us-east-1/service/aws4_request, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            "Invalid credential date. Date is not the required format: yyyyMMdd.",
        ),
        (
            "AWS4-HMAC-SHA256 Credential=/20150830/us-east-1/service/aws4_request, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            "Credential should contain an access key id.",
        ),
        (
            "AWS4-HMAC-SHA256 Credential=AKID/20150830//service/aws4_request, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            "Credential should be scoped to a valid region.",
        ),
        (
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1//aws4_request, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            "Credential should be scoped to a valid service.",
        ),
        (
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, SignedHeaders=host;;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            "Authorization header has an empty name in the 'SignedHeaders' parameter.",
        ),
        (
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, SignedHeaders=host, Signature 5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            "Authorization header contains a parameter that is not a valid key=value pair (missing equal-sign).",
        ),
        (
            "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/service/aws4_request, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31, Signature=00",
            "Authorization header has more than one 'Signature' parameter.",
        ),
    ];
    for (header, message) in cases {
        let err = parse_authorization(header).unwrap_err();
        assert_eq!(err, SigV4Error::Incomplete(message.to_string()), "{header}");
        assert_eq!(err.aws_code(), "IncompleteSignatureException");
        assert!(!err.to_string().contains(SIG), "signature echoed: {err}");
    }
}

#[test]
fn errors_never_reveal_secret_or_signature() {
    let v = json_post();
    let failures: Vec<SigV4Error> = vec![
        check(v, |p| p.secret = "x".into()).unwrap_err(),
        check(v, |p| p.now = ts("2030-01-01T00:00:00Z")).unwrap_err(),
        check(v, |p| set(p, "x-amz-date", "20261127T000000Z")).unwrap_err(),
        check(v, |p| set(p, "x-amz-date", "bogus")).unwrap_err(),
    ];
    for err in failures {
        let text = format!("{err} {err:?}");
        assert!(!text.contains(SECRET), "{text}");
        assert!(!text.contains("35efad782bd72d8d"), "{text}");
    }
}

#[test]
fn signature_mismatch_message_and_code() {
    let err = SigV4Error::SignatureMismatch;
    assert_eq!(err.aws_code(), "InvalidSignatureException");
    assert_eq!(
        err.to_string(),
        "The request signature we calculated does not match the signature you provided. \
         Check your AWS Secret Access Key and signing method. Consult the service \
         documentation for details."
    );
}

#[test]
fn canonical_query_cases() {
    let cases: &[(Option<&str>, &str)] = &[
        (None, ""),
        (Some(""), ""),
        (Some("b=2&a=1"), "a=1&b=2"),
        // Sorted by name, then by value.
        (Some("a=2&a=10&a=1"), "a=1&a=10&a=2"),
        // Upper case sorts before lower case (byte order).
        (Some("a=1&B=2&A=3"), "A=3&B=2&a=1"),
        // A name alone, or with an empty value, gets `=`; empty pairs vanish.
        (Some("flag&x=&&y"), "flag=&x=&y="),
        // Decoded then re-encoded: the result is canonical whatever the client sent.
        (Some("k=%7e%2d%2E%5F"), "k=~-._"),
        (Some("k=%e1%88%b4"), "k=%E1%88%B4"),
        (Some("k=a%2fb/c"), "k=a%2Fb%2Fc"),
        (Some("k=!$'()*,;:@?"), "k=%21%24%27%28%29%2A%2C%3B%3A%40%3F"),
        // `+` is a space (form encoding), `%2B` is a plus.
        (Some("k=a+b&l=a%2Bb&m=a%20b"), "k=a%20b&l=a%2Bb&m=a%20b"),
        // `=` inside a value is data.
        (Some("k=a=b"), "k=a%3Db"),
        // Invalid escapes are taken literally.
        (Some("k=%zz%4"), "k=%25zz%254"),
    ];
    for (query, expected) in cases {
        assert_eq!(canonical_query(*query), *expected, "{query:?}");
    }
}

#[test]
fn canonical_uri_cases() {
    let cases: &[(&str, &str)] = &[
        ("", "/"),
        ("/", "/"),
        ("//", "/"),
        ("/a/b/", "/a/b/"),
        ("/a/./b/../c", "/a/c"),
        ("/a/..", "/"),
        ("/../..", "/"),
        ("/a/.", "/a/"),
        ("/a//b", "/a/b"),
        // The path arrives encoded and is encoded again.
        ("/a%20b", "/a%2520b"),
        ("/a%2Fb", "/a%252Fb"),
        ("/d:e/@f", "/d%3Ae/%40f"),
        ("/-._~", "/-._~"),
    ];
    for (path, expected) in cases {
        assert_eq!(canonical_uri(path), *expected, "{path:?}");
    }
}

#[test]
fn canonical_header_values() {
    let mut headers = HeaderMap::new();
    headers.append("x-a", HeaderValue::from_static("  one   two  "));
    headers.append("x-a", HeaderValue::from_static("three"));
    headers.append("x-b", HeaderValue::from_static("tab\t\tkept"));
    headers.append("x-c", HeaderValue::from_bytes(b"caf\xe9").unwrap());
    let uri: Uri = "https://idp.example.com:443/".parse().unwrap();
    let value = |name| String::from_utf8_lossy(&canonical_header_value(name, &uri, &headers)).into_owned();
    assert_eq!(value("x-a"), "one two,three");
    assert_eq!(value("x-b"), "tab\t\tkept");
    assert_eq!(canonical_header_value("x-c", &uri, &headers), b"caf\xe9");
    // Absent headers are empty; no Host header: the URI authority, minus a default port.
    assert_eq!(value("x-missing"), "");
    assert_eq!(value("host"), "idp.example.com");
    let uri: Uri = "http://idp.example.com:8080/".parse().unwrap();
    assert_eq!(
        String::from_utf8(canonical_header_value("host", &uri, &headers)).unwrap(),
        "idp.example.com:8080"
    );
    // A signed name that is not a valid header name just matches nothing.
    assert_eq!(value("bad name"), "");
}
