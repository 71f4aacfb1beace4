//! The canonical request of SigV4 as the AWS SDKs and CLI build it for every service but
//! S3: normalized, double-encoded path; sorted, re-encoded query; the signed headers with
//! their values trimmed and folded; the payload hash.

use http::{HeaderMap, Method, Uri, header};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode, percent_encode};
use sha2::{Digest, Sha256};

use super::{SigV4Error, UNSIGNED_PAYLOAD, to_hex};

/// RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) stay, every other byte becomes `%XX`.
const URI_ENCODE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
/// Same as [`URI_ENCODE`] but keeps the path separator.
const PATH_ENCODE: &AsciiSet = &URI_ENCODE.remove(b'/');

/// The last line of the canonical request: the hex SHA-256 of the body, always computed here.
/// A client-declared `X-Amz-Content-Sha256` must agree with it, except `UNSIGNED-PAYLOAD`,
/// which is used literally.
pub(super) fn payload_hash(headers: &HeaderMap, body: &[u8]) -> Result<String, SigV4Error> {
    let declared =
        headers.get("x-amz-content-sha256").map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_owned());
    if declared.as_deref() == Some(UNSIGNED_PAYLOAD) {
        return Ok(UNSIGNED_PAYLOAD.to_owned());
    }
    let computed = to_hex(Sha256::digest(body));
    match declared {
        Some(declared) if !declared.eq_ignore_ascii_case(&computed) => Err(SigV4Error::SignatureMismatch),
        _ => Ok(computed),
    }
}

/// The canonical request, as bytes (header values need not be UTF-8).
pub(super) fn canonical_request(
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    signed_headers: &[String],
    payload_hash: &str,
) -> Vec<u8> {
    canonical_request_with_query(method, uri, uri.query(), headers, signed_headers, payload_hash)
}

/// [`canonical_request`] with the query given apart from the URI (presigned requests sign
/// their query minus `X-Amz-Signature`).
pub(super) fn canonical_request_with_query(
    method: &Method,
    uri: &Uri,
    query: Option<&str>,
    headers: &HeaderMap,
    signed_headers: &[String],
    payload_hash: &str,
) -> Vec<u8> {
    let mut names: Vec<String> = signed_headers.iter().map(|h| h.to_ascii_lowercase()).collect();
    names.sort();
    names.dedup();

    let mut out = Vec::with_capacity(512);
    out.extend_from_slice(method.as_str().as_bytes());
    out.push(b'\n');
    out.extend_from_slice(canonical_uri(uri.path()).as_bytes());
    out.push(b'\n');
    out.extend_from_slice(canonical_query(query).as_bytes());
    out.push(b'\n');
    for name in &names {
        out.extend_from_slice(name.as_bytes());
        out.push(b':');
        out.extend_from_slice(&canonical_header_value(name, uri, headers));
        out.push(b'\n');
    }
    out.push(b'\n');
    out.extend_from_slice(names.join(";").as_bytes());
    out.push(b'\n');
    out.extend_from_slice(payload_hash.as_bytes());
    out
}

/// All values of header `name` (lowercase), each trimmed with inner runs of spaces collapsed,
/// joined by `,`. A missing `host` header falls back to the URI authority (HTTP/2).
pub(super) fn canonical_header_value(name: &str, uri: &Uri, headers: &HeaderMap) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, value) in headers.get_all(name).iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let trimmed = value.as_bytes().trim_ascii();
        // Most values (and the long session token) have no runs of spaces: copy them whole.
        if !trimmed.contains(&b' ') || !trimmed.windows(2).any(|w| w == b"  ") {
            out.extend_from_slice(trimmed);
            continue;
        }
        let mut previous_space = false;
        for &b in trimmed {
            if b == b' ' && previous_space {
                continue;
            }
            previous_space = b == b' ';
            out.push(b);
        }
    }
    if out.is_empty()
        && name == "host"
        && !headers.contains_key(header::HOST)
        && let Some(authority) = uri.authority()
    {
        let default_port = match uri.scheme_str() {
            Some("https") => Some(443),
            Some("http") => Some(80),
            _ => None,
        };
        out.extend_from_slice(authority.host().as_bytes());
        if let Some(port) = authority.port_u16().filter(|&p| Some(p) != default_port) {
            out.extend_from_slice(format!(":{port}").as_bytes());
        }
    }
    out
}

/// The request path with dot segments and empty segments removed (as the AWS SDKs normalize
/// before signing for every service but S3), then URI-encoded again: the path arrives
/// percent-encoded, so `%` becomes `%25` ("double encoding").
pub(super) fn canonical_uri(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    let mut normalized = String::with_capacity(path.len() + 1);
    normalized.push('/');
    normalized.push_str(&segments.join("/"));
    let trailing_slash = ["/", "/.", "/.."].iter().any(|end| path.ends_with(end));
    if trailing_slash && !normalized.ends_with('/') {
        normalized.push('/');
    }
    percent_encode(normalized.as_bytes(), PATH_ENCODE).to_string()
}

/// `name=value` pairs, each side decoded (`+` is a space) then URI-encoded, sorted by name then
/// value, joined by `&`; a parameter without `=` gets an empty value.
pub(super) fn canonical_query(query: Option<&str>) -> String {
    fn encode(component: &str) -> String {
        let spaced = component.replace('+', " ");
        let decoded: Vec<u8> = percent_decode(spaced.as_bytes()).collect();
        percent_encode(&decoded, URI_ENCODE).to_string()
    }
    let mut pairs: Vec<(String, String)> = query
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (encode(name), encode(value))
        })
        .collect();
    pairs.sort();
    pairs.iter().map(|(name, value)| format!("{name}={value}")).collect::<Vec<_>>().join("&")
}
