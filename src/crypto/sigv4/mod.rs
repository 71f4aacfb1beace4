//! AWS Signature Version 4 verification of incoming requests (header-based auth).
//!
//! Owns: parsing the `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
//! Signature=...` header, rebuilding the canonical request from the request parts as the AWS
//! SDKs and CLI sign it (non-S3 rules: normalized, double-encoded path), the ±15 minute clock-skew
//! check against an injected `now`, and the constant-time signature comparison.
//!
//! Does not own: looking up the secret for the access key id (the caller does that between
//! [`parse_authorization`] and [`verify`]), validating `X-Amz-Security-Token`, checking that the
//! region and service in the credential scope are the expected ones, or reading the clock.
//! Presigned URLs (query-string auth: [`parse_presigned`], [`verify_presigned`]) are verified
//! too; SigV4a and S3-style streaming payloads are not supported.
//!
//! Neither the secret nor the signature ever appears in an error.
//!
//! Files: this one parses the header and checks the signature; `canonical` builds the
//! canonical request; `presigned` does query-string auth; `sign` signs outgoing requests. The AWS test-suite vectors the
//! tests run are data, in `tests/data/sigv4-vectors.json`.

mod canonical;
mod presigned;
mod sign;
#[cfg(test)]
mod tests;

use canonical::{canonical_request, payload_hash};
pub use presigned::{Presigned, parse_presigned, verify_presigned};
pub use sign::{SigningCredentials, sign};

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, Utc};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use http::{HeaderMap, Method, Uri, header};

/// The only signing algorithm accepted.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";
pub(crate) const TERMINATOR: &str = "aws4_request";
pub(crate) const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
pub(crate) const ISO8601_BASIC: &str = "%Y%m%dT%H%M%SZ";
pub(crate) const MAX_SKEW_MINUTES: i64 = 15;

/// The parsed `Authorization` header of a SigV4-signed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    pub access_key_id: String,
    /// Credential scope date, `yyyymmdd`.
    pub date: String,
    pub region: String,
    pub service: String,
    /// Lowercased header names, in the order the client listed them.
    pub signed_headers: Vec<String>,
    pub signature: String,
}

/// Why a request failed SigV4 verification. `Display` is the AWS-style message.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SigV4Error {
    /// No `Authorization` header at all.
    #[error("Missing Authentication Token")]
    Missing,
    /// The `Authorization` header or the date headers are malformed or incomplete.
    #[error("{0}")]
    Incomplete(String),
    /// The signature (or the declared payload hash) does not match the request.
    #[error(
        "The request signature we calculated does not match the signature you provided. \
         Check your AWS Secret Access Key and signing method. \
         Consult the service documentation for details."
    )]
    SignatureMismatch,
    /// The request time is more than 15 minutes away from `now`. All times are
    /// `yyyymmddThhmmssZ`; `limit` is `server_time` ∓ 15 minutes.
    #[error("{}", expired_message(*not_yet_current, signed_at, limit, server_time))]
    Expired {
        signed_at: String,
        limit: String,
        server_time: String,
        /// `true` when the request time is in the future rather than the past.
        not_yet_current: bool,
    },
    /// The credential scope date is not the date of `X-Amz-Date` / `Date`.
    #[error(
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from \
         HTTP: '{credential_date}' != '{request_date}', from '{request_timestamp}'."
    )]
    ScopeDateMismatch { credential_date: String, request_date: String, request_timestamp: String },
    /// A presigned request used after `X-Amz-Date` + `X-Amz-Expires`.
    // unsure: AWS's wording for execute-api; S3 says "Request has expired".
    #[error(
        "Request has expired: it was valid until {expired_at} (X-Amz-Date + X-Amz-Expires); the server time is {server_time}."
    )]
    PresignedExpired { expired_at: String, server_time: String },
}

impl SigV4Error {
    /// The AWS error code (`__type`) to answer with.
    pub fn aws_code(&self) -> &'static str {
        match self {
            SigV4Error::Missing => "MissingAuthenticationTokenException",
            SigV4Error::Incomplete(_) => "IncompleteSignatureException",
            SigV4Error::SignatureMismatch
            | SigV4Error::Expired { .. }
            | SigV4Error::ScopeDateMismatch { .. }
            | SigV4Error::PresignedExpired { .. } => "InvalidSignatureException",
        }
    }
}

fn expired_message(not_yet_current: bool, signed_at: &str, limit: &str, now: &str) -> String {
    if not_yet_current {
        format!(
            "Signature not yet current: {signed_at} is still later than {limit} \
             ({now} + {MAX_SKEW_MINUTES} min.)"
        )
    } else {
        format!(
            "Signature expired: {signed_at} is now earlier than {limit} \
             ({now} - {MAX_SKEW_MINUTES} min.)"
        )
    }
}

pub(crate) fn incomplete(message: impl Into<String>) -> SigV4Error {
    SigV4Error::Incomplete(message.into())
}

/// At most 64 characters of client-supplied text, for echoing in error messages.
pub(crate) fn excerpt(text: &str) -> &str {
    match text.char_indices().nth(64) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// Parses an `Authorization` header value of the form
/// `AWS4-HMAC-SHA256 Credential=AKID/yyyymmdd/region/service/aws4_request,
/// SignedHeaders=a;b;c, Signature=hex`. Parameters may be separated by `,` or `, `;
/// unknown parameters are ignored. An empty value is [`SigV4Error::Missing`].
pub fn parse_authorization(header_value: &str) -> Result<Authorization, SigV4Error> {
    let value = header_value.trim();
    if value.is_empty() {
        return Err(SigV4Error::Missing);
    }
    let (algorithm, params) = match value.split_once(|c: char| c.is_ascii_whitespace()) {
        Some((algorithm, params)) => (algorithm, params.trim_start()),
        None => (value, ""),
    };
    if algorithm != ALGORITHM {
        // Never echo something that may carry the signature (e.g. a missing space after the
        // algorithm glues the whole header into one token).
        return Err(if algorithm.contains('=') || algorithm.len() > 32 {
            incomplete(format!("Authorization header must start with the algorithm '{ALGORITHM}'."))
        } else {
            incomplete(format!("Unsupported AWS 'algorithm': '{algorithm}'."))
        });
    }

    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    for param in params.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((key, value)) = param.split_once('=') else {
            return Err(incomplete(
                "Authorization header contains a parameter that is not a valid key=value pair \
                 (missing equal-sign).",
            ));
        };
        let slot = match key.trim() {
            "Credential" => &mut credential,
            "SignedHeaders" => &mut signed_headers,
            "Signature" => &mut signature,
            _ => continue,
        };
        if slot.is_some() {
            return Err(incomplete(format!(
                "Authorization header has more than one '{}' parameter.",
                key.trim()
            )));
        }
        *slot = Some(value.trim()).filter(|v| !v.is_empty());
    }

    let mut missing = String::new();
    for (name, present) in [
        ("Credential", credential.is_some()),
        ("Signature", signature.is_some()),
        ("SignedHeaders", signed_headers.is_some()),
    ] {
        if !present {
            missing.push_str(&format!("Authorization header requires '{name}' parameter. "));
        }
    }
    let (Some(credential), Some(signed_headers), Some(signature)) = (credential, signed_headers, signature)
    else {
        return Err(incomplete(missing.trim_end()));
    };

    let parts: Vec<&str> = credential.split('/').collect();
    let [access_key_id, date, region, service, terminator] = parts[..] else {
        return Err(incomplete(format!(
            "Credential must have exactly 5 slash-delimited elements, e.g. \
             keyid/date/region/service/term, got '{}'",
            excerpt(credential)
        )));
    };
    if access_key_id.is_empty() {
        return Err(incomplete("Credential should contain an access key id."));
    }
    if date.len() != 8
        || !date.bytes().all(|b| b.is_ascii_digit())
        || NaiveDate::parse_from_str(date, "%Y%m%d").is_err()
    {
        return Err(incomplete("Invalid credential date. Date is not the required format: yyyyMMdd."));
    }
    if region.is_empty() {
        return Err(incomplete("Credential should be scoped to a valid region."));
    }
    if service.is_empty() {
        return Err(incomplete("Credential should be scoped to a valid service."));
    }
    if terminator != TERMINATOR {
        return Err(incomplete(format!(
            "Credential should be scoped with a valid terminator: '{TERMINATOR}', not '{}'.",
            excerpt(terminator)
        )));
    }

    let signed_headers: Vec<String> =
        signed_headers.split(';').map(|h| h.trim().to_ascii_lowercase()).collect();
    if signed_headers.iter().any(String::is_empty) {
        return Err(incomplete("Authorization header has an empty name in the 'SignedHeaders' parameter."));
    }

    Ok(Authorization {
        access_key_id: access_key_id.to_owned(),
        date: date.to_owned(),
        region: region.to_owned(),
        service: service.to_owned(),
        signed_headers,
        signature: signature.to_owned(),
    })
}

/// Verifies `auth` against the request parts using `secret_access_key`. `now` is injected
/// (no reading the clock inside).
///
/// `uri` is the request target as received (its path still percent-encoded); `body` is the
/// complete request body. Checks, in order: `host` is signed, a parsable `X-Amz-Date` (or
/// `Date`) header whose day equals the credential scope date, the request time within
/// ±15 minutes of `now`, an `X-Amz-Content-Sha256` header (if any, and not `UNSIGNED-PAYLOAD`)
/// equal to the body's hash, and finally the signature itself.
pub fn verify(
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
    auth: &Authorization,
    secret_access_key: &str,
    now: DateTime<Utc>,
) -> Result<(), SigV4Error> {
    let key = signing_key(secret_access_key, &auth.date, &auth.region, &auth.service);
    verify_with_key(method, uri, headers, body, auth, &key, now)
}

/// [`verify`] with the signing key already derived ([`signing_key`] for the credential
/// scope of `auth`): callers that see the same credentials often cache the key, which saves
/// four HMACs per request.
pub fn verify_with_key(
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
    auth: &Authorization,
    key: &[u8; 32],
    now: DateTime<Utc>,
) -> Result<(), SigV4Error> {
    if !auth.signed_headers.iter().any(|h| h.eq_ignore_ascii_case("host")) {
        return Err(incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."));
    }

    let (amz_date, signed_at) = request_timestamp(headers)?;
    let request_date = amz_date.get(..8).unwrap_or(&amz_date);
    if request_date != auth.date {
        return Err(SigV4Error::ScopeDateMismatch {
            credential_date: auth.date.clone(),
            request_date: request_date.to_owned(),
            request_timestamp: amz_date,
        });
    }
    check_skew(signed_at, now)?;

    let payload_hash = payload_hash(headers, body)?;
    let canonical_request = canonical_request(method, uri, headers, &auth.signed_headers, &payload_hash);
    // Built by hand rather than with format!: this runs on every signed request.
    let mut string_to_sign = String::with_capacity(160);
    for part in [ALGORITHM, "\n", &amz_date, "\n", &auth.date, "/", &auth.region, "/", &auth.service, "/"] {
        string_to_sign.push_str(part);
    }
    string_to_sign.push_str(TERMINATOR);
    string_to_sign.push('\n');
    string_to_sign.push_str(&to_hex(Sha256::digest(&canonical_request)));
    let expected = to_hex(hmac_sha256(key, string_to_sign.as_bytes()));
    let provided = auth.signature.to_ascii_lowercase();
    if bool::from(expected.as_bytes().ct_eq(provided.as_bytes())) {
        Ok(())
    } else {
        Err(SigV4Error::SignatureMismatch)
    }
}

/// `yyyymmddThhmmssZ` (already checked to be digits in the right places) without chrono's
/// format parser, which costs more than the rest of the header handling.
fn parse_basic(b: &[u8]) -> Option<NaiveDateTime> {
    if b.len() != 16 {
        return None;
    }
    let num = |range: std::ops::Range<usize>| {
        b.get(range)?.iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(4..6)?, num(6..8)?)?;
    date.and_hms_opt(num(9..11)?, num(11..13)?, num(13..15)?)
}

/// The request time as the `yyyymmddThhmmssZ` string that goes into the string to sign, and
/// as a timestamp. `X-Amz-Date` wins over `Date` (RFC 1123).
pub(crate) fn request_timestamp(headers: &HeaderMap) -> Result<(String, DateTime<Utc>), SigV4Error> {
    if let Some(value) = headers.get("x-amz-date") {
        let text = String::from_utf8_lossy(value.as_bytes());
        let text = text.trim();
        let bytes = text.as_bytes();
        let well_formed = bytes.len() == 16
            && bytes[8] == b'T'
            && bytes[15] == b'Z'
            && bytes[..8].iter().all(u8::is_ascii_digit)
            && bytes[9..15].iter().all(u8::is_ascii_digit);
        return match parse_basic(bytes).filter(|_| well_formed) {
            Some(parsed) => Ok((text.to_owned(), parsed.and_utc())),
            _ => Err(incomplete(format!(
                "Date must be in ISO-8601 'basic format'. Got '{}'. \
                 See http://en.wikipedia.org/wiki/ISO_8601",
                excerpt(text)
            ))),
        };
    }
    if let Some(value) = headers.get(header::DATE) {
        let text = String::from_utf8_lossy(value.as_bytes());
        let text = text.trim();
        // The day name is not checked: the value is authenticated by the signature anyway, and
        // AWS's own 2011 test suite dates its requests "Mon, 09 Sep 2011" (a Friday).
        let without_day_name = text.split_once(", ").map_or(text, |(_, rest)| rest);
        let parsed = DateTime::parse_from_rfc2822(text).map(|t| t.with_timezone(&Utc)).or_else(|_| {
            NaiveDateTime::parse_from_str(without_day_name, "%d %b %Y %H:%M:%S GMT").map(|t| t.and_utc())
        });
        return match parsed {
            Ok(parsed) => Ok((parsed.format(ISO8601_BASIC).to_string(), parsed)),
            Err(_) => {
                Err(incomplete(format!("Date header must be an RFC 1123 date. Got '{}'.", excerpt(text))))
            }
        };
    }
    Err(incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."))
}

fn check_skew(signed_at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), SigV4Error> {
    // Whole seconds, like the timestamps on the wire.
    let now = DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
    let skew = TimeDelta::minutes(MAX_SKEW_MINUTES);
    let format = |t: DateTime<Utc>| t.format(ISO8601_BASIC).to_string();
    let expired = |limit: DateTime<Utc>, not_yet_current: bool| SigV4Error::Expired {
        signed_at: format(signed_at),
        limit: format(limit),
        server_time: format(now),
        not_yet_current,
    };
    if signed_at < now - skew {
        Err(expired(now - skew, false))
    } else if signed_at > now + skew {
        Err(expired(now + skew, true))
    } else {
        Ok(())
    }
}

/// Lowercase hex, without the per-character iterator of the `hex` crate (a measurable share
/// of a verification, which hex-encodes three digests).
pub(crate) fn to_hex(bytes: impl AsRef<[u8]>) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let bytes = bytes.as_ref();
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

pub(crate) fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// `kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
pub fn signing_key(secret_access_key: &str, date: &str, region: &str, service: &str) -> [u8; 32] {
    let k_date = hmac_sha256(format!("AWS4{secret_access_key}").as_bytes(), date.as_bytes());
    let k_region = hmac_sha256(&k_date, region.as_bytes());
    let k_service = hmac_sha256(&k_region, service.as_bytes());
    hmac_sha256(&k_service, TERMINATOR.as_bytes())
}
