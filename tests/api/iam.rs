//! The IAM subset on the AWS query protocol: roles, inline policies, OpenID Connect
//! providers, their errors, and the seed file's roles. The AWS SDK for Rust has no IAM client
//! among our dev-dependencies, so these are form posts as the SDKs send them (the operator in
//! open mode needs no signature); tests/compat covers the same with boto3.

use crate::helpers::{ADMIN_KEY_ID, ADMIN_SECRET, Options, TestApp};
use incognito::config::AdminMode;

pub const TRUST_ANY_COGNITO: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}"#;
const ORDERS: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:orders/*"}]}"#;

/// Posts an IAM action; returns status and XML body.
pub async fn iam(app: &TestApp, action: &str, params: &[(&str, &str)]) -> (u16, String) {
    query(app, action, "2010-05-08", params).await
}

/// Posts a query-protocol action unsigned.
pub async fn query(app: &TestApp, action: &str, version: &str, params: &[(&str, &str)]) -> (u16, String) {
    let mut form: Vec<(&str, &str)> = vec![("Action", action), ("Version", version)];
    form.extend_from_slice(params);
    let response = reqwest::Client::new()
        .post(&app.url)
        .header("content-type", "application/x-www-form-urlencoded; charset=utf-8")
        .body(encode_form(&form))
        .send()
        .await
        .expect("query request");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

fn encode_form(pairs: &[(&str, &str)]) -> String {
    use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
    pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                utf8_percent_encode(k, NON_ALPHANUMERIC),
                utf8_percent_encode(v, NON_ALPHANUMERIC)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// Signs a form post for `service` with (key id, secret, session token), then sends
/// `sent_body` (the same as `signed_body` unless a test tampers with it).
pub async fn signed_query(
    app: &TestApp,
    (key_id, secret, token): (&str, &str, Option<&str>),
    service: &str,
    signed_body: &str,
    sent_body: &str,
) -> (u16, String) {
    use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
    use aws_sigv4::sign::v4;

    let identity =
        aws_credential_types::Credentials::new(key_id, secret, token.map(str::to_string), None, "tests")
            .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name(service)
        .time(std::time::SystemTime::now())
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let url = format!("{}/", app.url);
    let host = app.url.trim_start_matches("http://").to_string();
    let headers =
        [("host", host.as_str()), ("content-type", "application/x-www-form-urlencoded; charset=utf-8")];
    let signable =
        SignableRequest::new("POST", &url, headers.into_iter(), SignableBody::Bytes(signed_body.as_bytes()))
            .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    let mut request = axum::http::Request::builder().method("POST").uri(&url);
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let mut request = request.body(()).unwrap();
    instructions.apply_to_request_http1x(&mut request);
    let mut send = reqwest::Client::new().post(&url).body(sent_body.to_string());
    for (name, value) in request.headers() {
        send = send.header(name.as_str(), value.to_str().unwrap());
    }
    let response = send.send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// The text of the first `<tag>` element, unescaped.
pub fn xml(body: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let start = body.find(&open)? + open.len();
    let end = body[start..].find(&format!("</{tag}>"))? + start;
    Some(
        body[start..end]
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

/// Every `<member>` text inside the first `<tag>`.
fn members(body: &str, tag: &str) -> Vec<String> {
    let Some(inner) = xml(body, tag) else { return Vec::new() };
    inner.split("<member>").skip(1).filter_map(|m| m.split("</member>").next()).map(str::to_string).collect()
}

fn url_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// Creates a role with `trust` and returns its ARN.
pub async fn create_role(app: &TestApp, name: &str, trust: &str) -> String {
    let (status, body) =
        iam(app, "CreateRole", &[("RoleName", name), ("AssumeRolePolicyDocument", trust)]).await;
    assert_eq!(status, 200, "{body}");
    xml(&body, "Arn").expect("role arn")
}

#[tokio::test]
async fn roles_round_trip_in_aws_shape() {
    // Arrange
    let app = TestApp::spawn().await;

    // Act
    let (status, created) = iam(
        &app,
        "CreateRole",
        &[
            ("RoleName", "app-authenticated"),
            ("Path", "/apps/"),
            ("AssumeRolePolicyDocument", TRUST_ANY_COGNITO),
            ("Description", "for <signed-in> users & co"),
            ("MaxSessionDuration", "7200"),
            ("Tags.member.1.Key", "team"),
            ("Tags.member.1.Value", "platform"),
        ],
    )
    .await;
    let (_, fetched) = iam(&app, "GetRole", &[("RoleName", "app-authenticated")]).await;
    let (_, listed) = iam(&app, "ListRoles", &[]).await;

    // Assert
    assert_eq!(status, 200, "{created}");
    assert!(created.starts_with(r#"<CreateRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><CreateRoleResult><Role>"#), "{created}");
    assert!(created.contains("<ResponseMetadata><RequestId>"), "{created}");
    assert_eq!(xml(&fetched, "Arn").unwrap(), "arn:aws:iam::000000000000:role/apps/app-authenticated");
    assert_eq!(xml(&fetched, "Path").unwrap(), "/apps/");
    let role_id = xml(&fetched, "RoleId").unwrap();
    assert!(role_id.starts_with("AROA") && role_id.len() == 21, "{role_id}");
    assert!(role_id.bytes().skip(4).all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
    assert_eq!(xml(&created, "RoleId").unwrap(), role_id);
    assert_eq!(url_decode(&xml(&fetched, "AssumeRolePolicyDocument").unwrap()), TRUST_ANY_COGNITO);
    assert!(
        xml(&fetched, "AssumeRolePolicyDocument").unwrap().starts_with("%7B%22Version"),
        "URL-encoded as AWS does"
    );
    assert_eq!(xml(&fetched, "Description").unwrap(), "for <signed-in> users & co");
    assert!(fetched.contains("&lt;signed-in&gt; users &amp; co"), "escaped on the wire: {fetched}");
    assert_eq!(xml(&fetched, "MaxSessionDuration").unwrap(), "7200");
    assert_eq!(xml(&fetched, "Key").unwrap(), "team");
    let created_at = xml(&fetched, "CreateDate").unwrap();
    assert!(created_at.ends_with('Z') && created_at.len() == 20, "{created_at}");
    assert_eq!(xml(&listed, "RoleName").unwrap(), "app-authenticated");
    assert_eq!(xml(&listed, "IsTruncated").unwrap(), "false");
}

#[tokio::test]
async fn role_errors_are_aws_shaped() {
    // Arrange
    let app = TestApp::spawn().await;
    create_role(&app, "taken", TRUST_ANY_COGNITO).await;

    // Act
    let duplicate =
        iam(&app, "CreateRole", &[("RoleName", "TAKEN"), ("AssumeRolePolicyDocument", TRUST_ANY_COGNITO)])
            .await;
    let missing = iam(&app, "GetRole", &[("RoleName", "nobody")]).await;
    let malformed =
        iam(&app, "CreateRole", &[("RoleName", "bad"), ("AssumeRolePolicyDocument", "{not json")]).await;
    let no_principal = iam(
        &app,
        "CreateRole",
        &[
            ("RoleName", "bad"),
            (
                "AssumeRolePolicyDocument",
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}"#,
            ),
        ],
    )
    .await;
    let bad_name =
        iam(&app, "CreateRole", &[("RoleName", "a b"), ("AssumeRolePolicyDocument", TRUST_ANY_COGNITO)])
            .await;
    let no_document = iam(&app, "CreateRole", &[("RoleName", "x")]).await;
    let unknown_action = iam(&app, "CreateUser", &[("UserName", "x")]).await;

    // Assert
    assert_eq!(duplicate.0, 409, "{}", duplicate.1);
    assert_eq!(xml(&duplicate.1, "Code").unwrap(), "EntityAlreadyExists");
    assert_eq!(xml(&duplicate.1, "Message").unwrap(), "Role with name TAKEN already exists.");
    assert!(
        duplicate.1.starts_with(
            r#"<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>"#
        ),
        "{}",
        duplicate.1
    );
    assert!(xml(&duplicate.1, "RequestId").is_some_and(|id| !id.is_empty()));
    assert_eq!(missing.0, 404);
    assert_eq!(xml(&missing.1, "Code").unwrap(), "NoSuchEntity");
    assert_eq!(xml(&missing.1, "Message").unwrap(), "The role with name nobody cannot be found.");
    assert_eq!((malformed.0, xml(&malformed.1, "Code").unwrap()), (400, "MalformedPolicyDocument".into()));
    assert_eq!(xml(&malformed.1, "Message").unwrap(), "Syntax errors in policy.");
    assert_eq!(xml(&no_principal.1, "Code").unwrap(), "MalformedPolicyDocument");
    assert_eq!((bad_name.0, xml(&bad_name.1, "Code").unwrap()), (400, "ValidationError".into()));
    assert_eq!(
        xml(&bad_name.1, "Message").unwrap(),
        r"1 validation error detected: Value 'a b' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+"
    );
    assert_eq!(
        xml(&no_document.1, "Message").unwrap(),
        "1 validation error detected: Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null"
    );
    assert_eq!(xml(&unknown_action.1, "Code").unwrap(), "InvalidAction");
}

#[tokio::test]
async fn inline_policies_round_trip_and_block_role_deletion() {
    // Arrange
    let app = TestApp::spawn().await;
    create_role(&app, "orders", TRUST_ANY_COGNITO).await;

    // Act
    let put = iam(
        &app,
        "PutRolePolicy",
        &[("RoleName", "orders"), ("PolicyName", "invoke"), ("PolicyDocument", ORDERS)],
    )
    .await;
    let fetched = iam(&app, "GetRolePolicy", &[("RoleName", "orders"), ("PolicyName", "invoke")]).await;
    let listed = iam(&app, "ListRolePolicies", &[("RoleName", "orders")]).await;
    let blocked = iam(&app, "DeleteRole", &[("RoleName", "orders")]).await;
    let with_principal = iam(
        &app,
        "PutRolePolicy",
        &[
            ("RoleName", "orders"),
            ("PolicyName", "bad"),
            ("PolicyDocument", r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}"#),
        ],
    )
    .await;
    let deleted_policy =
        iam(&app, "DeleteRolePolicy", &[("RoleName", "orders"), ("PolicyName", "invoke")]).await;
    let missing_policy =
        iam(&app, "GetRolePolicy", &[("RoleName", "orders"), ("PolicyName", "invoke")]).await;
    let deleted_role = iam(&app, "DeleteRole", &[("RoleName", "orders")]).await;
    let gone = iam(&app, "ListRolePolicies", &[("RoleName", "orders")]).await;

    // Assert
    assert_eq!(put.0, 200, "{}", put.1);
    assert!(
        put.1.starts_with("<PutRolePolicyResponse") && !put.1.contains("PutRolePolicyResult"),
        "{}",
        put.1
    );
    assert_eq!(url_decode(&xml(&fetched.1, "PolicyDocument").unwrap()), ORDERS);
    assert_eq!(xml(&fetched.1, "RoleName").unwrap(), "orders");
    assert_eq!(members(&listed.1, "PolicyNames"), vec!["invoke"]);
    assert_eq!((blocked.0, xml(&blocked.1, "Code").unwrap()), (409, "DeleteConflict".into()));
    assert_eq!(xml(&blocked.1, "Message").unwrap(), "Cannot delete entity, must delete policies first.");
    assert_eq!(xml(&with_principal.1, "Message").unwrap(), "Policy document should not specify a principal.");
    assert_eq!(deleted_policy.0, 200);
    assert_eq!(
        xml(&missing_policy.1, "Message").unwrap(),
        "The role policy with name invoke cannot be found."
    );
    assert_eq!(deleted_role.0, 200, "{}", deleted_role.1);
    assert_eq!(xml(&gone.1, "Code").unwrap(), "NoSuchEntity");
}

#[tokio::test]
async fn trust_policy_updates_are_validated_and_stored() {
    // Arrange
    let app = TestApp::spawn().await;
    create_role(&app, "r", TRUST_ANY_COGNITO).await;
    let narrower = TRUST_ANY_COGNITO.replace(
        r#""Action":"sts:AssumeRoleWithWebIdentity"}"#,
        r#""Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"us-east-1:x"}}}"#,
    );

    // Act
    let updated =
        iam(&app, "UpdateAssumeRolePolicy", &[("RoleName", "r"), ("PolicyDocument", &narrower)]).await;
    let refused = iam(&app, "UpdateAssumeRolePolicy", &[("RoleName", "r"), ("PolicyDocument", "[]")]).await;
    let missing =
        iam(&app, "UpdateAssumeRolePolicy", &[("RoleName", "none"), ("PolicyDocument", &narrower)]).await;
    let (_, fetched) = iam(&app, "GetRole", &[("RoleName", "r")]).await;

    // Assert
    assert_eq!(updated.0, 200, "{}", updated.1);
    assert_eq!(xml(&refused.1, "Code").unwrap(), "MalformedPolicyDocument");
    assert_eq!(xml(&missing.1, "Code").unwrap(), "NoSuchEntity");
    assert_eq!(url_decode(&xml(&fetched, "AssumeRolePolicyDocument").unwrap()), narrower);
}

#[tokio::test]
async fn list_roles_pages_with_markers_and_filters_by_path() {
    // Arrange
    let app = TestApp::spawn().await;
    for name in ["a", "b", "c"] {
        create_role(&app, name, TRUST_ANY_COGNITO).await;
    }
    iam(
        &app,
        "CreateRole",
        &[("RoleName", "d"), ("Path", "/svc/"), ("AssumeRolePolicyDocument", TRUST_ANY_COGNITO)],
    )
    .await;

    // Act
    let (_, first) = iam(&app, "ListRoles", &[("MaxItems", "2")]).await;
    let marker = xml(&first, "Marker").expect("marker");
    let (_, second) = iam(&app, "ListRoles", &[("MaxItems", "2"), ("Marker", &marker)]).await;
    let (_, svc) = iam(&app, "ListRoles", &[("PathPrefix", "/svc/")]).await;

    // Assert
    assert_eq!(xml(&first, "IsTruncated").unwrap(), "true");
    assert_eq!(first.matches("<RoleName>").count(), 2);
    assert_eq!(second.matches("<RoleName>").count(), 2);
    assert_eq!(xml(&second, "IsTruncated").unwrap(), "false");
    assert_eq!(svc.matches("<RoleName>").count(), 1);
    assert_eq!(xml(&svc, "RoleName").unwrap(), "d");
}

#[tokio::test]
async fn oidc_providers_round_trip() {
    // Arrange
    let app = TestApp::spawn().await;

    // Act
    let created = iam(
        &app,
        "CreateOpenIDConnectProvider",
        &[
            ("Url", "https://issuer.example.com"),
            ("ClientIDList.member.1", "client-a"),
            ("ClientIDList.member.2", "client-b"),
            ("ThumbprintList.member.1", "0123456789abcdef0123456789abcdef01234567"),
        ],
    )
    .await;
    let local = iam(&app, "CreateOpenIDConnectProvider", &[("Url", "http://127.0.0.1:8080/realm")]).await;
    let insecure = iam(&app, "CreateOpenIDConnectProvider", &[("Url", "http://issuer.example.com")]).await;
    let duplicate = iam(&app, "CreateOpenIDConnectProvider", &[("Url", "https://issuer.example.com")]).await;
    let arn = "arn:aws:iam::000000000000:oidc-provider/issuer.example.com";
    let fetched = iam(&app, "GetOpenIDConnectProvider", &[("OpenIDConnectProviderArn", arn)]).await;
    let listed = iam(&app, "ListOpenIDConnectProviders", &[]).await;
    let deleted = iam(&app, "DeleteOpenIDConnectProvider", &[("OpenIDConnectProviderArn", arn)]).await;
    let gone = iam(&app, "GetOpenIDConnectProvider", &[("OpenIDConnectProviderArn", arn)]).await;
    let stored = app
        .state
        .store
        .get_oidc_provider("arn:aws:iam::000000000000:oidc-provider/127.0.0.1:8080/realm")
        .await
        .unwrap()
        .expect("the local provider by ARN");

    // Assert
    assert_eq!(xml(&created.1, "OpenIDConnectProviderArn").unwrap(), arn);
    assert_eq!(local.0, 200, "{}", local.1);
    assert_eq!(stored.url, "http://127.0.0.1:8080/realm");
    assert_eq!((insecure.0, xml(&insecure.1, "Code").unwrap()), (400, "InvalidInput".into()));
    assert_eq!((duplicate.0, xml(&duplicate.1, "Code").unwrap()), (409, "EntityAlreadyExists".into()));
    assert_eq!(xml(&fetched.1, "Url").unwrap(), "issuer.example.com");
    assert_eq!(members(&fetched.1, "ClientIDList"), vec!["client-a", "client-b"]);
    assert_eq!(members(&fetched.1, "ThumbprintList").len(), 1);
    assert_eq!(listed.1.matches("<Arn>").count(), 2);
    assert_eq!(deleted.0, 200);
    assert_eq!((gone.0, xml(&gone.1, "Code").unwrap()), (404, "NoSuchEntity".into()));
}

#[tokio::test]
async fn iam_needs_the_operator_in_sigv4_mode() {
    // Arrange
    let app = TestApp::spawn_with(Options { admin_mode: AdminMode::Sigv4, ..Default::default() }).await;

    // Act
    let (status, body) = iam(&app, "ListRoles", &[]).await;

    // Assert
    assert_eq!(status, 403, "{body}");
    assert_eq!(xml(&body, "Code").unwrap(), "MissingAuthenticationToken");
    assert_eq!(xml(&body, "Message").unwrap(), "Request is missing Authentication Token");
}

#[tokio::test]
async fn iam_accepts_the_operator_signature_and_refuses_others_in_sigv4_mode() {
    // Arrange
    let app = TestApp::spawn_with(Options { admin_mode: AdminMode::Sigv4, ..Default::default() }).await;
    let body = "Action=ListRoles&Version=2010-05-08";

    // Act
    let (ok, listed) = signed_query(&app, (ADMIN_KEY_ID, ADMIN_SECRET, None), "iam", body, body).await;
    let (bad_secret, refused) = signed_query(
        &app,
        (ADMIN_KEY_ID, "wrong-secret-wrong-secret-wrong-secret-00", None),
        "iam",
        body,
        body,
    )
    .await;
    let (unknown_key, unknown) =
        signed_query(&app, ("AKIAUNKNOWN000000000", ADMIN_SECRET, None), "iam", body, body).await;

    // Assert
    assert_eq!(ok, 200, "{listed}");
    assert!(listed.starts_with("<ListRolesResponse"), "{listed}");
    assert_eq!((bad_secret, xml(&refused, "Code").unwrap()), (403, "SignatureDoesNotMatch".into()));
    assert_eq!((unknown_key, xml(&unknown, "Code").unwrap()), (403, "InvalidClientTokenId".into()));
}

#[tokio::test]
async fn seeded_roles_and_providers_apply_idempotently() {
    // Arrange
    let app = TestApp::spawn().await;
    let seed = r#"
[[oidc_providers]]
Url = "https://issuer.example.com"
ClientIDList = ["client-a"]

[[roles]]
RoleName = "app-authenticated"
AssumeRolePolicyDocument = '''{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}'''
  [[roles.policies]]
  PolicyName = "invoke-orders"
  PolicyDocument = '''{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:*:*:orders/*"}]}'''
"#;
    let parse = || -> incognito::seed::SeedFile { toml::from_str(seed).unwrap() };

    // Act
    let first = incognito::seed::apply(&app.state, parse()).await.unwrap();
    let second = incognito::seed::apply(&app.state, parse()).await.unwrap();
    let role = incognito::credentials::roles::role(
        &app.state.credentials,
        "arn:aws:iam::000000000000:role/app-authenticated",
    )
    .await
    .unwrap()
    .expect("seeded role");

    // Assert
    assert_eq!((first.created, first.updated), (2, 0));
    assert_eq!((second.created, second.updated, second.unchanged), (0, 0, 2));
    assert_eq!(role.policies.len(), 1);
    assert_eq!(role.policies[0].0, "invoke-orders");
}
