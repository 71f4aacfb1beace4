//! The AWS query protocol at `POST /` for the STS and IAM subsets: a form-encoded body
//! (`Action=GetCallerIdentity&Version=2011-06-15&…`) and no `X-Amz-Target`. Decodes the
//! form, authenticates by operation (IAM: the operator; GetCallerIdentity: temporary
//! credentials or the operator; AssumeRoleWithWebIdentity: unsigned), dispatches by `Action`
//! and writes AWS's XML: `<{Action}Response xmlns=…><{Action}Result>…</{Action}Result>
//! <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata></{Action}Response>`, and
//! errors as `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.

use std::collections::BTreeMap;

use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode;

use super::ApiError;
use crate::credentials::operator::{self, OperatorRefusal};
use crate::credentials::sts::Caller;
use crate::credentials::wire::{Node, Output, Params};
use crate::credentials::{self, CredentialsError, iam, sts};
use crate::state::AppState;

pub const STS_XMLNS: &str = "https://sts.amazonaws.com/doc/2011-06-15/";
pub const IAM_XMLNS: &str = "https://iam.amazonaws.com/doc/2010-05-08/";
const XML: &str = "text/xml";

/// Whether a `POST /` is a query-protocol request: no `X-Amz-Target`, and a form body.
pub fn is_query_request(headers: &HeaderMap, body: &[u8]) -> bool {
    if headers.contains_key("x-amz-target") {
        return false;
    }
    let form = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|ct| {
        ct.trim_start().to_ascii_lowercase().starts_with("application/x-www-form-urlencoded")
    });
    form || body.starts_with(b"Action=")
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Service {
    Sts,
    Iam,
}

impl Service {
    fn xmlns(self) -> &'static str {
        match self {
            Service::Sts => STS_XMLNS,
            Service::Iam => IAM_XMLNS,
        }
    }
}

/// A failure as the query protocol writes it: the JSON protocol's [`ApiError`] (so internal
/// errors are logged and masked in one place) with the query protocol's names for the codes
/// that differ.
struct QueryError(ApiError);

impl From<CredentialsError> for QueryError {
    fn from(e: CredentialsError) -> Self {
        Self::renamed(ApiError::from_domain(&e))
    }
}

impl From<OperatorRefusal> for QueryError {
    fn from(e: OperatorRefusal) -> Self {
        Self::renamed(ApiError::from_domain(&e))
    }
}

impl QueryError {
    /// Operator authentication and internal errors speak JSON-protocol codes; STS and IAM
    /// name them differently.
    fn renamed(mut e: ApiError) -> Self {
        let (code, status) = match e.code {
            "MissingAuthenticationTokenException" => ("MissingAuthenticationToken", StatusCode::FORBIDDEN),
            "IncompleteSignatureException" => ("IncompleteSignature", StatusCode::BAD_REQUEST),
            "InvalidSignatureException" => ("SignatureDoesNotMatch", StatusCode::FORBIDDEN),
            "UnrecognizedClientException" => ("InvalidClientTokenId", StatusCode::FORBIDDEN),
            "InternalErrorException" => ("ServiceFailure", e.status),
            other => (other, e.status),
        };
        if code == "MissingAuthenticationToken" {
            e.message = "Request is missing Authentication Token".to_string();
        }
        e.code = code;
        e.status = status;
        Self(e)
    }
}

/// Serves one query-protocol request.
pub async fn handle(
    state: &AppState,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Response {
    let request_id = headers.get("x-amzn-requestid").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let mut params = decode_form(uri.query().unwrap_or("").as_bytes());
    params.extend(decode_form(body));
    let params = Params(params);
    let action = params.get("Action").unwrap_or("").to_string();
    // IAM by its actions, or by its Version for an action neither service has.
    let service = if iam::OPERATIONS.contains(&action.as_str())
        || (!sts::OPERATIONS.contains(&action.as_str()) && params.get("Version") == Some("2010-05-08"))
    {
        Service::Iam
    } else {
        Service::Sts
    };
    match run(state, service, &action, method, uri, headers, body, &params).await {
        Ok(output) => success(service, &action, output, &request_id),
        Err(e) => failure(service, e, &request_id),
    }
}

#[expect(clippy::too_many_arguments)]
async fn run(
    state: &AppState,
    service: Service,
    action: &str,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
    params: &Params,
) -> Result<Output, QueryError> {
    let version = params.get("Version").unwrap_or("");
    let expected = match service {
        Service::Sts => "2011-06-15",
        Service::Iam => "2010-05-08",
    };
    let known = sts::OPERATIONS.contains(&action) || iam::OPERATIONS.contains(&action);
    if !known || (!version.is_empty() && version != expected) {
        // AWS's wording on its query-protocol services.
        return Err(CredentialsError::InvalidAction(format!(
            "Could not find operation {action} for version {version}"
        ))
        .into());
    }
    match (service, action) {
        (Service::Sts, "AssumeRoleWithWebIdentity") => {
            Ok(sts::assume_role_with_web_identity(&state.credentials, params).await?)
        }
        (Service::Sts, _) => {
            let caller = if headers.contains_key("x-amz-security-token") {
                let claims =
                    credentials::authenticate_request(&state.credentials, method, uri, headers, body)?;
                Caller::Session(Box::new(claims))
            } else {
                operator::authorize(&state.config, state.clock.as_ref(), method, uri, headers, body)?;
                Caller::Operator
            };
            Ok(sts::get_caller_identity(&state.credentials, &caller).await?)
        }
        (Service::Iam, _) => {
            operator::authorize(&state.config, state.clock.as_ref(), method, uri, headers, body)?;
            Ok(iam::dispatch(&state.credentials, action, params).await?)
        }
    }
}

/// `a=b&c=d` with `+` as space and percent-escapes decoded; the last of repeated names wins.
fn decode_form(body: &[u8]) -> BTreeMap<String, String> {
    let decode = |part: &[u8]| {
        let spaced: Vec<u8> = part.iter().map(|&b| if b == b'+' { b' ' } else { b }).collect();
        String::from_utf8_lossy(&percent_decode(&spaced).collect::<Vec<u8>>()).into_owned()
    };
    body.split(|&b| b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.iter().position(|&b| b == b'=') {
            Some(i) => (decode(&pair[..i]), decode(&pair[i + 1..])),
            None => (decode(pair), String::new()),
        })
        .collect()
}

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Not representable in XML 1.0: drop rather than write a broken document.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn write_node(out: &mut String, name: &str, node: &Node) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    match node {
        Node::Text(text) => out.push_str(&escape(text)),
        Node::Struct(fields) => {
            for (field, value) in fields {
                write_node(out, field, value);
            }
        }
        Node::List(items) => {
            for item in items {
                write_node(out, "member", item);
            }
        }
    }
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

fn xml_response(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(XML));
    response
}

fn success(service: Service, action: &str, output: Output, request_id: &str) -> Response {
    let mut out = String::with_capacity(512);
    out.push_str(&format!("<{action}Response xmlns=\"{}\">", service.xmlns()));
    if let Some(fields) = output {
        write_node(&mut out, &format!("{action}Result"), &Node::Struct(fields));
    }
    out.push_str(&format!(
        "<ResponseMetadata><RequestId>{}</RequestId></ResponseMetadata></{action}Response>",
        escape(request_id)
    ));
    xml_response(StatusCode::OK, out)
}

fn failure(service: Service, QueryError(e): QueryError, request_id: &str) -> Response {
    if !e.status.is_server_error() {
        tracing::info!(error.code = e.code, "request refused");
    }
    let kind = if e.status.is_server_error() { "Receiver" } else { "Sender" };
    let body = format!(
        "<ErrorResponse xmlns=\"{}\"><Error><Type>{kind}</Type><Code>{}</Code><Message>{}</Message></Error>\
         <RequestId>{}</RequestId></ErrorResponse>",
        service.xmlns(),
        escape(e.code),
        escape(&e.message),
        escape(request_id)
    );
    xml_response(e.status, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_decode_plus_and_percent_escapes() {
        let form = decode_form(b"Action=GetRole&RoleName=a%2Bb+c&Empty=&Flag");
        assert_eq!(form["Action"], "GetRole");
        assert_eq!(form["RoleName"], "a+b c");
        assert_eq!(form["Empty"], "");
        assert_eq!(form["Flag"], "");
    }

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(escape(r#"<a href="x">&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
        assert_eq!(escape("a\u{1}b\nc"), "ab\nc");
    }

    #[test]
    fn lists_become_members() {
        let mut out = String::new();
        write_node(&mut out, "Names", &Node::List(vec![Node::Text("a".into()), Node::Text("<b>".into())]));
        assert_eq!(out, "<Names><member>a</member><member>&lt;b&gt;</member></Names>");
    }

    #[test]
    fn query_requests_are_told_apart_from_json_ones() {
        let mut form = HeaderMap::new();
        form.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded; charset=utf-8"),
        );
        assert!(is_query_request(&form, b"Action=GetCallerIdentity"));
        let mut json = form.clone();
        json.insert("x-amz-target", HeaderValue::from_static("AWSCognitoIdentityService.GetId"));
        assert!(!is_query_request(&json, b"{}"));
        assert!(is_query_request(&HeaderMap::new(), b"Action=GetCallerIdentity"));
        assert!(!is_query_request(&HeaderMap::new(), b"{}"));
    }
}
