//! Signing an outgoing request with SigV4 (the Lambda Invoke calls of triggers): the same
//! canonical request the verifier builds, so what one side signs the other accepts.

use chrono::{DateTime, Utc};
use http::{HeaderMap, HeaderValue, Method, Uri};
use sha2::{Digest, Sha256};

use super::canonical::canonical_request;
use super::{ALGORITHM, ISO8601_BASIC, TERMINATOR, hmac_sha256, signing_key, to_hex};

/// The credentials a request is signed with.
#[derive(Clone)]
pub struct SigningCredentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
}

impl std::fmt::Debug for SigningCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningCredentials")
            .field("access_key_id", &self.access_key_id)
            .finish_non_exhaustive()
    }
}

/// Adds `x-amz-date`, `x-amz-content-sha256`, the session token (if any) and `authorization`
/// to `headers`, which must already hold `host` and whatever else is to be signed: every
/// header present is signed. The credential scope is `(region, service)`.
pub fn sign(
    method: &Method,
    uri: &Uri,
    headers: &mut HeaderMap,
    body: &[u8],
    credentials: &SigningCredentials,
    (region, service): (&str, &str),
    now: DateTime<Utc>,
) {
    let amz_date = now.format(ISO8601_BASIC).to_string();
    let date = &amz_date[..8];
    let payload_hash = to_hex(Sha256::digest(body));
    let value = |v: &str| HeaderValue::from_str(v).unwrap_or_else(|_| HeaderValue::from_static(""));
    headers.insert("x-amz-date", value(&amz_date));
    headers.insert("x-amz-content-sha256", value(&payload_hash));
    if let Some(token) = &credentials.session_token {
        headers.insert("x-amz-security-token", value(token));
    }
    let mut signed: Vec<String> = headers.keys().map(|k| k.as_str().to_ascii_lowercase()).collect();
    signed.sort();
    signed.dedup();
    let canonical = canonical_request(method, uri, headers, &signed, &payload_hash);
    let scope = format!("{date}/{region}/{service}/{TERMINATOR}");
    let string_to_sign = format!("{ALGORITHM}\n{amz_date}\n{scope}\n{}", to_hex(Sha256::digest(&canonical)));
    let key = signing_key(&credentials.secret_access_key, date, region, service);
    let signature = to_hex(hmac_sha256(&key, string_to_sign.as_bytes()));
    let authorization = format!(
        "{ALGORITHM} Credential={}/{scope}, SignedHeaders={}, Signature={signature}",
        credentials.access_key_id,
        signed.join(";")
    );
    headers.insert(http::header::AUTHORIZATION, value(&authorization));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What this signs, the AWS SDK's own signer signs identically (an ARN in the path is
    /// the double-encoding case).
    #[test]
    fn signs_as_the_aws_sdk_signs() {
        use aws_credential_types::Credentials;
        use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign as sdk_sign};
        use aws_sigv4::sign::v4;

        let now = DateTime::parse_from_rfc3339("2026-12-07T20:00:00Z").unwrap().with_timezone(&Utc);
        let uri: Uri = "http://127.0.0.1:9001/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Ahook/invocations"
            .parse()
            .unwrap();
        let body = br#"{"version":"1"}"#;
        let credentials = SigningCredentials {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into(),
            session_token: Some("token/with+chars".into()),
        };
        let mut ours = HeaderMap::new();
        ours.insert("host", HeaderValue::from_static("127.0.0.1:9001"));
        ours.insert("content-type", HeaderValue::from_static("application/json"));
        sign(&Method::POST, &uri, &mut ours, body, &credentials, ("us-east-1", "lambda"), now);

        let identity = Credentials::new(
            "AKIDEXAMPLE",
            &credentials.secret_access_key,
            credentials.session_token.clone(),
            None,
            "test",
        )
        .into();
        let mut settings = SigningSettings::default();
        settings.payload_checksum_kind = aws_sigv4::http_request::PayloadChecksumKind::XAmzSha256;
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region("us-east-1")
            .name("lambda")
            .time(now.into())
            .settings(settings)
            .build()
            .unwrap()
            .into();
        let headers = [("host", "127.0.0.1:9001"), ("content-type", "application/json")];
        let request =
            SignableRequest::new("POST", uri.to_string(), headers.into_iter(), SignableBody::Bytes(body))
                .unwrap();
        let (instructions, _) = sdk_sign(request, &params).unwrap().into_parts();
        let (sdk_headers, _) = instructions.into_parts();
        let sdk_auth = sdk_headers.iter().find(|h| h.name() == "authorization").unwrap().value().to_string();
        assert_eq!(ours.get("authorization").unwrap().to_str().unwrap(), sdk_auth);
    }
}
