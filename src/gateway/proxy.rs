//! Forwarding one request to its route's upstream and the answer back: streaming bodies both
//! ways (only `iam` routes buffer the request body, to check its hash), hop-by-hop headers
//! removed in both directions (RFC 9110 §7.6.1), `X-Forwarded-For/Proto/Host`, identity
//! headers replaced, HTTP upgrades (WebSocket) spliced through, and upstream failures as
//! 502 (unreachable, broken) or 504 (no answer in time) with short JSON bodies.

use std::error::Error as _;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use hyper_util::rt::TokioIo;

use super::{Gateway, IDENTITY_HEADER_PREFIX, json_response};
use crate::config::gateway::AuthorizerKind;

/// Headers that describe one hop, never forwarded (plus those `Connection` names).
const HOP_BY_HOP: [&str; 8] = [
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "proxy-authenticate",
];

/// Whether the request asks to switch protocols (`Connection: upgrade` + `Upgrade`).
fn upgrade_requested(headers: &HeaderMap) -> Option<HeaderValue> {
    let asks = headers
        .get_all(header::CONNECTION)
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case("upgrade"))));
    if asks { headers.get(header::UPGRADE).cloned() } else { None }
}

/// Removes hop-by-hop headers, those named by `Connection`, and every `Proxy-*` header.
pub fn strip_hop_by_hop(headers: &mut HeaderMap) {
    let named: Vec<String> = headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(',').map(|t| t.trim().to_ascii_lowercase()).collect::<Vec<_>>())
        .filter(|t| !t.is_empty())
        .collect();
    for name in HOP_BY_HOP.iter().copied().chain(named.iter().map(String::as_str)) {
        headers.remove(name);
    }
    let proxy: Vec<_> = headers.keys().filter(|k| k.as_str().starts_with("proxy-")).cloned().collect();
    for name in proxy {
        headers.remove(name);
    }
}

/// Drops every incoming `X-Incognito-*` header: only the gateway may set them.
pub fn strip_identity(headers: &mut HeaderMap) {
    let spoofed: Vec<_> =
        headers.keys().filter(|k| k.as_str().starts_with(IDENTITY_HEADER_PREFIX)).cloned().collect();
    for name in spoofed {
        headers.remove(name);
    }
}

fn upstream_error(status: StatusCode, message: &str) -> Response {
    json_response(status, serde_json::json!({ "message": message }))
}

fn is_timeout(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(e);
    while let Some(e) = current {
        if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut) {
            return true;
        }
        current = e.source();
    }
    false
}

/// The fallback handler of the gateway listener.
pub async fn proxy(
    State(gw): State<Arc<Gateway>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut req: Request,
) -> Response {
    let Some(route) = gw.route(req.uri().path()) else {
        return upstream_error(StatusCode::NOT_FOUND, "Not Found");
    };
    let upgrade = upgrade_requested(req.headers());
    let client_upgrade = upgrade.as_ref().map(|_| hyper::upgrade::on(&mut req));
    let (mut parts, body) = req.into_parts();

    // Authorize. Only SigV4 needs the body in hand (its hash is signed).
    let (body, identity) = if route.config.authorizer == AuthorizerKind::Iam {
        let Ok(bytes) = axum::body::to_bytes(body, gw.config.signed_body_limit_bytes).await else {
            return upstream_error(StatusCode::PAYLOAD_TOO_LARGE, "Request Entity Too Large");
        };
        match gw.authorize(route, &parts.method, &parts.uri, &parts.headers, &bytes).await {
            Ok(identity) => (Body::from(bytes), identity),
            Err(denial) => return denial.into_response(),
        }
    } else {
        match gw.authorize(route, &parts.method, &parts.uri, &parts.headers, &[]).await {
            Ok(identity) => (body, identity),
            Err(denial) => return denial.into_response(),
        }
    };

    // The upstream request.
    let headers = &mut parts.headers;
    let original_host = headers.get(header::HOST).cloned();
    strip_hop_by_hop(headers);
    strip_identity(headers);
    headers.remove(header::HOST);
    for (name, value) in identity.headers {
        headers.append(name, value);
    }
    let peer_ip = peer.ip().to_string();
    let forwarded_for = match headers.get("x-forwarded-for").and_then(|v| v.to_str().ok()) {
        Some(previous) => format!("{previous}, {peer_ip}"),
        None => peer_ip,
    };
    if let Ok(v) = HeaderValue::from_str(&forwarded_for) {
        headers.insert("x-forwarded-for", v);
    }
    if !headers.contains_key("x-forwarded-proto") {
        headers.insert("x-forwarded-proto", HeaderValue::from_static("http"));
    }
    if !headers.contains_key("x-forwarded-host")
        && let Some(host) = original_host
    {
        headers.insert("x-forwarded-host", host);
    }
    if let Some(protocol) = &upgrade {
        headers.insert(header::CONNECTION, HeaderValue::from_static("upgrade"));
        headers.insert(header::UPGRADE, protocol.clone());
    }
    let path_and_query = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let target = format!("http://{}{}{}", route.upstream_authority, route.upstream_base, path_and_query);
    let Ok(uri) = target.parse::<Uri>() else {
        return upstream_error(StatusCode::BAD_REQUEST, "Bad Request");
    };
    parts.uri = uri;
    parts.version = axum::http::Version::HTTP_11;
    let upstream_request = axum::http::Request::from_parts(parts, body);

    let sent = tokio::time::timeout(route.timeout, gw.client.request(upstream_request)).await;
    let mut response = match sent {
        Err(_) => return upstream_error(StatusCode::GATEWAY_TIMEOUT, "Endpoint request timed out"),
        Ok(Err(e)) if is_timeout(&e) => {
            return upstream_error(StatusCode::GATEWAY_TIMEOUT, "Endpoint request timed out");
        }
        Ok(Err(e)) => {
            tracing::warn!(route = %route.config.name, error = %e, cause = ?e.source(), "upstream request failed");
            return upstream_error(StatusCode::BAD_GATEWAY, "Bad Gateway");
        }
        Ok(Ok(response)) => response,
    };

    if response.status() == StatusCode::SWITCHING_PROTOCOLS
        && let (Some(client_upgrade), Some(protocol)) = (client_upgrade, upgrade)
    {
        let upstream_upgrade = hyper::upgrade::on(&mut response);
        let route_name = route.config.name.clone();
        tokio::spawn(async move {
            match tokio::try_join!(client_upgrade, upstream_upgrade) {
                Ok((client, upstream)) => {
                    let (mut client, mut upstream) = (TokioIo::new(client), TokioIo::new(upstream));
                    let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
                }
                Err(e) => tracing::debug!(route = %route_name, error = %e, "upgrade failed"),
            }
        });
        let (mut parts, _) = response.into_parts();
        strip_hop_by_hop(&mut parts.headers);
        parts.headers.insert(header::CONNECTION, HeaderValue::from_static("upgrade"));
        parts.headers.insert(header::UPGRADE, protocol);
        return Response::from_parts(parts, Body::empty());
    }

    let (mut parts, body) = response.into_parts();
    strip_hop_by_hop(&mut parts.headers);
    Response::from_parts(parts, Body::new(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hop_by_hop_headers_and_those_connection_names_are_removed() {
        let mut h = HeaderMap::new();
        for (k, v) in [
            ("connection", "keep-alive, X-Secret-Hop"),
            ("keep-alive", "timeout=5"),
            ("te", "trailers"),
            ("trailer", "x"),
            ("transfer-encoding", "chunked"),
            ("upgrade", "websocket"),
            ("proxy-authorization", "Basic x"),
            ("proxy-foo", "x"),
            ("x-secret-hop", "1"),
            ("x-kept", "1"),
        ] {
            h.insert(k, HeaderValue::from_static(v));
        }
        strip_hop_by_hop(&mut h);
        assert_eq!(h.keys().map(|k| k.as_str()).collect::<Vec<_>>(), ["x-kept"]);
    }

    #[test]
    fn identity_headers_are_stripped_whatever_their_case() {
        let mut h = HeaderMap::new();
        h.insert("X-Incognito-Sub", HeaderValue::from_static("admin"));
        h.insert("x-incognito-claims", HeaderValue::from_static("{}"));
        h.insert("x-incognitoish", HeaderValue::from_static("kept"));
        strip_identity(&mut h);
        assert_eq!(h.len(), 1);
    }
}
