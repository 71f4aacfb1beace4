//! Presigned requests (query-string auth): the `X-Amz-*` parameters in the URL instead of
//! an `Authorization` header, valid from `X-Amz-Date` for `X-Amz-Expires` seconds.

use chrono::{DateTime, TimeDelta, Utc};
use http::{HeaderMap, Method, Uri};
use percent_encoding::percent_decode;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use super::canonical::canonical_request_with_query;
use super::{
    ALGORITHM, Authorization, ISO8601_BASIC, MAX_SKEW_MINUTES, SigV4Error, TERMINATOR, UNSIGNED_PAYLOAD,
    excerpt, hmac_sha256, incomplete, parse_authorization, request_timestamp, signing_key,
};

/// The authentication parameters of a presigned request (`X-Amz-*` in the query).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presigned {
    /// The same fields as a header's; `signed_headers` from `X-Amz-SignedHeaders`.
    pub auth: Authorization,
    /// `X-Amz-Date`, `yyyymmddThhmmssZ`.
    pub amz_date: String,
    /// `X-Amz-Expires`, seconds after `X-Amz-Date` the request stays valid.
    pub expires_seconds: i64,
    /// `X-Amz-Security-Token`, for temporary credentials.
    pub security_token: Option<String>,
}

/// The longest `X-Amz-Expires` AWS accepts: seven days.
const MAX_PRESIGNED_EXPIRES: i64 = 7 * 24 * 3600;

fn query_decode(component: &str) -> String {
    let spaced = component.replace('+', " ");
    percent_decode(spaced.as_bytes()).decode_utf8_lossy().into_owned()
}

/// Reads the `X-Amz-*` parameters of a presigned request. `Ok(None)` when the query carries
/// no `X-Amz-Signature` (not a presigned request); an error when it is one but incomplete.
pub fn parse_presigned(uri: &Uri) -> Result<Option<Presigned>, SigV4Error> {
    let Some(query) = uri.query() else { return Ok(None) };
    let mut params = std::collections::HashMap::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        if query_decode(name).starts_with("X-Amz-") {
            params.insert(query_decode(name), query_decode(value));
        }
    }
    let Some(signature) = params.get("X-Amz-Signature").filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let get = |name: &str| {
        params.get(name).filter(|v| !v.is_empty()).ok_or_else(|| {
            incomplete(format!(
                "AWS query-string parameters must include '{name}'. Re-examine the query-string parameters."
            ))
        })
    };
    let algorithm = get("X-Amz-Algorithm")?;
    let credential = get("X-Amz-Credential")?;
    let signed_headers = get("X-Amz-SignedHeaders")?;
    let amz_date = get("X-Amz-Date")?;
    let expires = get("X-Amz-Expires")?;
    // The header parser checks the algorithm, the credential scope and the header list.
    let auth = parse_authorization(&format!(
        "{} Credential={credential}, SignedHeaders={signed_headers}, Signature={signature}",
        excerpt(algorithm)
    ))?;
    let expires_seconds =
        expires.parse::<i64>().ok().filter(|e| (1..=MAX_PRESIGNED_EXPIRES).contains(e)).ok_or_else(|| {
            incomplete(format!(
                "X-Amz-Expires must be a number of seconds from 1 to {MAX_PRESIGNED_EXPIRES}."
            ))
        })?;
    Ok(Some(Presigned {
        auth,
        amz_date: amz_date.clone(),
        expires_seconds,
        security_token: params.get("X-Amz-Security-Token").cloned(),
    }))
}

/// Verifies a presigned request with `secret_access_key`, at `now`. Checks: `host` is signed,
/// `X-Amz-Date` is well formed and on the credential scope date, the request is not used
/// after `X-Amz-Date + X-Amz-Expires` nor more than 15 minutes before `X-Amz-Date`, and the
/// signature over the canonical request whose query is every parameter but
/// `X-Amz-Signature`. The payload is the body's hash (what SDKs sign for non-S3 services)
/// or, failing that, `UNSIGNED-PAYLOAD` (what S3-style presigners sign).
pub fn verify_presigned(
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
    presigned: &Presigned,
    secret_access_key: &str,
    now: DateTime<Utc>,
) -> Result<(), SigV4Error> {
    let auth = &presigned.auth;
    if !auth.signed_headers.iter().any(|h| h.eq_ignore_ascii_case("host")) {
        return Err(incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."));
    }
    let mut date_only = HeaderMap::new();
    if let Ok(value) = http::HeaderValue::from_str(&presigned.amz_date) {
        date_only.insert("x-amz-date", value);
    }
    let (amz_date, signed_at) = request_timestamp(&date_only)?;
    let request_date = amz_date.get(..8).unwrap_or(&amz_date);
    if request_date != auth.date {
        return Err(SigV4Error::ScopeDateMismatch {
            credential_date: auth.date.clone(),
            request_date: request_date.to_owned(),
            request_timestamp: amz_date,
        });
    }
    let now = DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
    let expires_at = signed_at + TimeDelta::seconds(presigned.expires_seconds);
    let format = |t: DateTime<Utc>| t.format(ISO8601_BASIC).to_string();
    if now > expires_at {
        return Err(SigV4Error::PresignedExpired {
            expired_at: format(expires_at),
            server_time: format(now),
        });
    }
    if signed_at > now + TimeDelta::minutes(MAX_SKEW_MINUTES) {
        return Err(SigV4Error::Expired {
            signed_at: format(signed_at),
            limit: format(now + TimeDelta::minutes(MAX_SKEW_MINUTES)),
            server_time: format(now),
            not_yet_current: true,
        });
    }
    let query: Vec<&str> = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|pair| query_decode(pair.split('=').next().unwrap_or_default()) != "X-Amz-Signature")
        .collect();
    let query = query.join("&");
    let scope = format!("{}/{}/{}/{TERMINATOR}", auth.date, auth.region, auth.service);
    let key = signing_key(secret_access_key, &auth.date, &auth.region, &auth.service);
    let provided = auth.signature.to_ascii_lowercase();
    for payload_hash in [hex::encode(Sha256::digest(body)), UNSIGNED_PAYLOAD.to_owned()] {
        let canonical = canonical_request_with_query(
            method,
            uri,
            Some(&query),
            headers,
            &auth.signed_headers,
            &payload_hash,
        );
        let string_to_sign =
            format!("{ALGORITHM}\n{amz_date}\n{scope}\n{}", hex::encode(Sha256::digest(&canonical)));
        let expected = hex::encode(hmac_sha256(&key, string_to_sign.as_bytes()));
        if bool::from(expected.as_bytes().ct_eq(provided.as_bytes())) {
            return Ok(());
        }
    }
    Err(SigV4Error::SignatureMismatch)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(rfc3339: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(rfc3339).unwrap().with_timezone(&Utc)
    }

    /// The presigned URL example of the AWS S3 documentation ("Authenticating Requests:
    /// Using Query Parameters"): GET /test.txt, UNSIGNED-PAYLOAD, expires after a day.
    const S3_EXAMPLE: &str = "/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
    const S3_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    fn s3_check(uri: &str, now: &str, secret: &str) -> Result<(), SigV4Error> {
        let uri: Uri = uri.parse().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("host", "examplebucket.s3.amazonaws.com".parse().unwrap());
        let presigned = parse_presigned(&uri)?.expect("presigned");
        verify_presigned(&Method::GET, &uri, &headers, b"", &presigned, secret, ts(now))
    }

    #[test]
    fn the_documented_presigned_url_verifies_for_its_lifetime_only() {
        assert_eq!(s3_check(S3_EXAMPLE, "2013-05-24T00:00:00Z", S3_SECRET), Ok(()));
        assert_eq!(s3_check(S3_EXAMPLE, "2013-05-24T23:59:59Z", S3_SECRET), Ok(()));
        let err = s3_check(S3_EXAMPLE, "2013-05-25T00:00:01Z", S3_SECRET).unwrap_err();
        assert!(matches!(err, SigV4Error::PresignedExpired { .. }), "{err}");
        assert_eq!(err.aws_code(), "InvalidSignatureException");
        let err = s3_check(S3_EXAMPLE, "2013-05-23T23:40:00Z", S3_SECRET).unwrap_err();
        assert!(matches!(err, SigV4Error::Expired { not_yet_current: true, .. }), "{err}");
    }

    #[test]
    fn a_presigned_url_with_a_changed_part_or_secret_does_not_verify() {
        let now = "2013-05-24T01:00:00Z";
        assert_eq!(s3_check(S3_EXAMPLE, now, "wrong"), Err(SigV4Error::SignatureMismatch));
        let other_path = S3_EXAMPLE.replace("/test.txt", "/other.txt");
        assert_eq!(s3_check(&other_path, now, S3_SECRET), Err(SigV4Error::SignatureMismatch));
        let longer = S3_EXAMPLE.replace("X-Amz-Expires=86400", "X-Amz-Expires=86401");
        assert_eq!(s3_check(&longer, now, S3_SECRET), Err(SigV4Error::SignatureMismatch));
        let extra = format!("{S3_EXAMPLE}&x=1");
        assert_eq!(s3_check(&extra, now, S3_SECRET), Err(SigV4Error::SignatureMismatch));
    }

    #[test]
    fn incomplete_presigned_queries_are_refused_and_plain_queries_ignored() {
        assert_eq!(parse_presigned(&"/a?b=1".parse().unwrap()), Ok(None));
        assert_eq!(parse_presigned(&"/a".parse().unwrap()), Ok(None));
        let without_date = S3_EXAMPLE.replace("X-Amz-Date=20130524T000000Z&", "");
        let err = parse_presigned(&without_date.parse().unwrap()).unwrap_err();
        assert!(err.to_string().contains("X-Amz-Date"), "{err}");
        let forever = S3_EXAMPLE.replace("X-Amz-Expires=86400", "X-Amz-Expires=604801");
        assert!(matches!(parse_presigned(&forever.parse().unwrap()), Err(SigV4Error::Incomplete(_))));
    }

    #[test]
    fn requests_presigned_by_the_aws_sdk_signer_verify_with_their_session_token() {
        use aws_credential_types::Credentials;
        use aws_sigv4::http_request::{
            SignableBody, SignableRequest, SignatureLocation, SigningSettings, sign,
        };
        use aws_sigv4::sign::v4;
        use std::time::{Duration, SystemTime};

        let secret = "abcdefghijklmnopqrstuvwxyz0123456789ABCD";
        let identity =
            Credentials::new("ASIAEXAMPLEEXAMPLE00", secret, Some("the-session-token".into()), None, "t")
                .into();
        let mut settings = SigningSettings::default();
        settings.signature_location = SignatureLocation::QueryParams;
        settings.expires_in = Some(Duration::from_secs(300));
        let signed_at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_764_200_000);
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region("us-east-1")
            .name("execute-api")
            .time(signed_at)
            .settings(settings)
            .build()
            .unwrap()
            .into();
        let url = "http://127.0.0.1:9230/orders/a%20b?x=1&y=two";
        let signable =
            SignableRequest::new("GET", url, std::iter::empty(), SignableBody::Bytes(b"")).unwrap();
        let (instructions, _) = sign(signable, &params).unwrap().into_parts();
        let mut request = http::Request::get(url).body(()).unwrap();
        instructions.apply_to_request_http1x(&mut request);
        let uri: Uri = request.uri().path_and_query().unwrap().as_str().parse().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("host", "127.0.0.1:9230".parse().unwrap());
        let presigned = parse_presigned(&uri).unwrap().unwrap();
        assert_eq!(presigned.security_token.as_deref(), Some("the-session-token"));
        assert_eq!(presigned.auth.access_key_id, "ASIAEXAMPLEEXAMPLE00");
        let now = DateTime::from_timestamp(1_764_200_100, 0).unwrap();
        assert_eq!(verify_presigned(&Method::GET, &uri, &headers, b"", &presigned, secret, now), Ok(()));
        assert_eq!(
            verify_presigned(&Method::POST, &uri, &headers, b"", &presigned, secret, now),
            Err(SigV4Error::SignatureMismatch)
        );
        let late = DateTime::from_timestamp(1_764_200_301, 0).unwrap();
        assert!(matches!(
            verify_presigned(&Method::GET, &uri, &headers, b"", &presigned, secret, late),
            Err(SigV4Error::PresignedExpired { .. })
        ));
    }
}
