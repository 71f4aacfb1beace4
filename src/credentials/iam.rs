//! The IAM subset: roles with trust policies and inline policies, and OpenID Connect
//! providers. Operator-only (the adapter checks). API reference:
//! <https://docs.aws.amazon.com/IAM/latest/APIReference/API_Operations.html>.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use rand::Rng;

use super::Credentials;
use super::CredentialsError;
use super::policy::{self, DocumentKind};
use super::roles::role_arn;
use super::store::{CONFLICT_ROLE_NAME, RolePolicyRow, RoleRow};
use super::wire::{Node, Output, Params, boolean, text, timestamp};
use crate::error::StorageError;
use crate::federation::store::{CONFLICT_OIDC_PROVIDER, OidcProviderRow};
use crate::validation;

/// The operations, by `Action`.
pub const OPERATIONS: &[&str] = &[
    "CreateRole",
    "GetRole",
    "ListRoles",
    "DeleteRole",
    "UpdateAssumeRolePolicy",
    "PutRolePolicy",
    "GetRolePolicy",
    "DeleteRolePolicy",
    "ListRolePolicies",
    "CreateOpenIDConnectProvider",
    "GetOpenIDConnectProvider",
    "ListOpenIDConnectProviders",
    "DeleteOpenIDConnectProvider",
];

/// Runs IAM operation `action` (one of [`OPERATIONS`]).
pub async fn dispatch(s: &Credentials, action: &str, p: &Params) -> Result<Output, CredentialsError> {
    let output = match action {
        "CreateRole" => create_role(s, p).await?,
        "GetRole" => get_role(s, p).await?,
        "ListRoles" => list_roles(s, p).await?,
        "DeleteRole" => delete_role(s, p).await?,
        "UpdateAssumeRolePolicy" => update_assume_role_policy(s, p).await?,
        "PutRolePolicy" => put_role_policy(s, p).await?,
        "GetRolePolicy" => get_role_policy(s, p).await?,
        "DeleteRolePolicy" => delete_role_policy(s, p).await?,
        "ListRolePolicies" => list_role_policies(s, p).await?,
        "CreateOpenIDConnectProvider" => create_open_id_connect_provider(s, p).await?,
        "GetOpenIDConnectProvider" => get_open_id_connect_provider(s, p).await?,
        "ListOpenIDConnectProviders" => list_open_id_connect_providers(s).await?,
        "DeleteOpenIDConnectProvider" => delete_open_id_connect_provider(s, p).await?,
        other => {
            return Err(CredentialsError::Internal(crate::error::Internal::from(format!(
                "dispatch of unlisted IAM action {other}"
            ))));
        }
    };
    Ok(output)
}

/// Policy documents go back URL-encoded, as IAM returns them (botocore decodes them).
const DOCUMENT_ENCODE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

fn encode_document(document: &str) -> Node {
    text(utf8_percent_encode(document, DOCUMENT_ENCODE).to_string())
}

const NAME_PATTERN: &str = r"[\w+=,.@-]+";

fn is_name(name: &str) -> bool {
    name.chars().all(|c| validation::is_word(c) || "+=,.@-".contains(c))
}

fn role_name(p: &Params) -> Result<&str, CredentialsError> {
    let name = p.required("RoleName")?;
    validation::length("RoleName", name, Some(name), 1, 64)?;
    validation::pattern("RoleName", Some(name), is_name(name), NAME_PATTERN)?;
    Ok(name)
}

fn policy_name(p: &Params) -> Result<&str, CredentialsError> {
    let name = p.required("PolicyName")?;
    validation::length("PolicyName", name, Some(name), 1, 128)?;
    validation::pattern("PolicyName", Some(name), is_name(name), NAME_PATTERN)?;
    Ok(name)
}

fn document<'a>(p: &'a Params, field: &str, kind: DocumentKind) -> Result<&'a str, CredentialsError> {
    let doc = p.required(field)?;
    validation::length(field, doc, Some(doc), 1, 131_072)?;
    policy::validate(doc, kind)?;
    Ok(doc)
}

/// `AROA` + 17 characters of `[A-Z0-9]`, like AWS's role ids.
fn new_role_id() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut rng = rand::rng();
    let suffix: String = (0..17).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect();
    format!("AROA{suffix}")
}

fn tags_node(tags: &[(String, String)]) -> Node {
    Node::List(
        tags.iter()
            .map(|(k, v)| Node::Struct(vec![("Key", text(k.clone())), ("Value", text(v.clone()))]))
            .collect(),
    )
}

fn parse_tags(p: &Params) -> Result<Vec<(String, String)>, CredentialsError> {
    let tags = p.tags("Tags");
    if tags.len() > 50 {
        return Err(
            validation::message("Tags", None, "Member must have length less than or equal to 50").into()
        );
    }
    for (key, value) in &tags {
        validation::length("Tags.member.Key", key, Some(key), 1, 128)?;
        validation::length("Tags.member.Value", value, Some(value), 0, 256)?;
    }
    Ok(tags)
}

fn stored_tags(row: &RoleRow) -> Vec<(String, String)> {
    let parsed: Vec<serde_json::Value> = serde_json::from_str(&row.tags).unwrap_or_default();
    parsed
        .iter()
        .filter_map(|t| Some((t.get("Key")?.as_str()?.to_string(), t.get("Value")?.as_str()?.to_string())))
        .collect()
}

/// The `Role` shape. `detailed` adds what GetRole and CreateRole show beyond ListRoles (tags).
fn role_node(row: &RoleRow, detailed: bool) -> Node {
    let mut fields = vec![
        ("Path", text(row.path.clone())),
        ("RoleName", text(row.role_name.clone())),
        ("RoleId", text(row.role_id.clone())),
        ("Arn", text(row.arn.clone())),
        ("CreateDate", timestamp(row.created_at.div_euclid(1000))),
        ("AssumeRolePolicyDocument", encode_document(&row.trust_policy)),
    ];
    if let Some(description) = &row.description {
        fields.push(("Description", text(description.clone())));
    }
    fields.push(("MaxSessionDuration", text(row.max_session_duration.to_string())));
    let tags = stored_tags(row);
    if detailed && !tags.is_empty() {
        fields.push(("Tags", tags_node(&tags)));
    }
    Node::Struct(fields)
}

async fn find_role(s: &Credentials, name: &str) -> Result<RoleRow, CredentialsError> {
    s.store.get_role(&name.to_lowercase()).await?.ok_or_else(|| CredentialsError::no_such_role(name))
}

/// <https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html>
pub async fn create_role(s: &Credentials, p: &Params) -> Result<Output, CredentialsError> {
    let name = role_name(p)?;
    let path = p.get("Path").unwrap_or("/");
    validation::length("Path", path, Some(path), 1, 512)?;
    let path_ok = path == "/"
        || (path.len() >= 3
            && path.starts_with('/')
            && path.ends_with('/')
            && path[1..path.len() - 1].chars().all(|c| ('\u{21}'..='\u{7e}').contains(&c)));
    validation::pattern("Path", Some(path), path_ok, r"(\u002F)|(\u002F[\u0021-\u007E]+\u002F)")?;
    let trust = document(p, "AssumeRolePolicyDocument", DocumentKind::Trust)?;
    let description = p.get("Description");
    if let Some(d) = description {
        validation::length("Description", d, Some(d), 0, 1000)?;
    }
    let max_session = p.int("MaxSessionDuration")?;
    validation::range("MaxSessionDuration", max_session, 3600, 43_200)?;
    let tags = parse_tags(p)?;
    let now = s.clock.now_millis();
    let row = RoleRow {
        role_name_key: name.to_lowercase(),
        role_name: name.to_string(),
        role_id: new_role_id(),
        path: path.to_string(),
        arn: role_arn(s.account_id(), path, name),
        trust_policy: trust.to_string(),
        description: description.map(str::to_string),
        max_session_duration: max_session.unwrap_or(3600),
        tags: serde_json::to_string(
            &tags.iter().map(|(k, v)| serde_json::json!({"Key": k, "Value": v})).collect::<Vec<_>>(),
        )
        .map_err(|e| CredentialsError::Internal(crate::error::Internal::source(e)))?,
        created_at: now,
        updated_at: now,
    };
    match s.store.insert_role(&row).await {
        Ok(()) => {}
        Err(StorageError::Conflict(CONFLICT_ROLE_NAME)) => {
            return Err(CredentialsError::EntityAlreadyExists(format!(
                "Role with name {name} already exists."
            )));
        }
        Err(e) => return Err(e.into()),
    }
    s.roles.invalidate();
    Ok(Some(vec![("Role", role_node(&row, true))]))
}

/// <https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html>
pub async fn get_role(s: &Credentials, p: &Params) -> Result<Output, CredentialsError> {
    let row = find_role(s, role_name(p)?).await?;
    Ok(Some(vec![("Role", role_node(&row, true))]))
}

fn max_items(p: &Params) -> Result<i64, CredentialsError> {
    let max = p.int("MaxItems")?;
    validation::range("MaxItems", max, 1, 1000)?;
    Ok(max.unwrap_or(100))
}

/// <https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html>
pub async fn list_roles(s: &Credentials, p: &Params) -> Result<Output, CredentialsError> {
    let limit = max_items(p)?;
    let prefix = p.get("PathPrefix").unwrap_or("/");
    let mut after = p.get("Marker").map(str::to_string);
    let mut page = Vec::new();
    let mut truncated = false;
    // Filter by path prefix while paging through the name order.
    'scan: loop {
        let batch = s.store.list_roles(after.as_deref(), 500).await?;
        for row in &batch {
            if !row.path.starts_with(prefix) {
                continue;
            }
            if page.len() as i64 == limit {
                truncated = true;
                break 'scan;
            }
            page.push(row.clone());
        }
        match batch.last() {
            Some(last) if batch.len() == 500 => after = Some(last.role_name_key.clone()),
            _ => break,
        }
    }
    let mut fields = vec![
        ("Roles", Node::List(page.iter().map(|r| role_node(r, false)).collect())),
        ("IsTruncated", boolean(truncated)),
    ];
    if truncated && let Some(last) = page.last() {
        fields.push(("Marker", text(last.role_name_key.clone())));
    }
    Ok(Some(fields))
}

/// <https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html>
pub async fn delete_role(s: &Credentials, p: &Params) -> Result<Output, CredentialsError> {
    let name = role_name(p)?;
    let row = find_role(s, name).await?;
    if !s.store.delete_role(&row.role_name_key).await? {
        let still_there = s.store.get_role(&row.role_name_key).await?.is_some();
        if still_there {
            return Err(CredentialsError::DeleteConflict(
                "Cannot delete entity, must delete policies first.".into(),
            ));
        }
        return Err(CredentialsError::no_such_role(name));
    }
    s.roles.invalidate();
    Ok(None)
}

/// <https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html>
pub async fn update_assume_role_policy(s: &Credentials, p: &Params) -> Result<Output, CredentialsError> {
    let name = role_name(p)?;
    let trust = document(p, "PolicyDocument", DocumentKind::Trust)?;
    let mut row = find_role(s, name).await?;
    row.trust_policy = trust.to_string();
    row.updated_at = s.clock.now_millis();
    match s.store.update_role(&row).await {
        Ok(()) => {}
        Err(StorageError::NotFound) => return Err(CredentialsError::no_such_role(name)),
        Err(e) => return Err(e.into()),
    }
    s.roles.invalidate();
    Ok(None)
}

/// <https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html>
pub async fn put_role_policy(s: &Credentials, p: &Params) -> Result<Output, CredentialsError> {
    let name = role_name(p)?;
    let policy = policy_name(p)?;
    let doc = document(p, "PolicyDocument", DocumentKind::Identity)?;
    let row = find_role(s, name).await?;
    let now = s.clock.now_millis();
    let written = s
        .store
        .put_role_policy(&RolePolicyRow {
            role_name_key: row.role_name_key,
            policy_name: policy.to_string(),
            document: doc.to_string(),
            created_at: now,
            updated_at: now,
        })
        .await;
    match written {
        Ok(()) => {}
        // The role was deleted in between (foreign key).
        Err(StorageError::Other(e))
            if e.as_database_error().is_some_and(|d| d.is_foreign_key_violation()) =>
        {
            return Err(CredentialsError::no_such_role(name));
        }
        Err(e) => return Err(e.into()),
    }
    s.roles.invalidate();
    Ok(None)
}

fn no_such_policy(policy: &str) -> CredentialsError {
    CredentialsError::NoSuchEntity(format!("The role policy with name {policy} cannot be found."))
}

/// <https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html>
pub async fn get_role_policy(s: &Credentials, p: &Params) -> Result<Output, CredentialsError> {
    let name = role_name(p)?;
    let policy = policy_name(p)?;
    let row = find_role(s, name).await?;
    let found =
        s.store.get_role_policy(&row.role_name_key, policy).await?.ok_or_else(|| no_such_policy(policy))?;
    Ok(Some(vec![
        ("RoleName", text(row.role_name)),
        ("PolicyName", text(found.policy_name)),
        ("PolicyDocument", encode_document(&found.document)),
    ]))
}

/// <https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRolePolicy.html>
pub async fn delete_role_policy(s: &Credentials, p: &Params) -> Result<Output, CredentialsError> {
    let name = role_name(p)?;
    let policy = policy_name(p)?;
    let row = find_role(s, name).await?;
    if !s.store.delete_role_policy(&row.role_name_key, policy).await? {
        return Err(no_such_policy(policy));
    }
    s.roles.invalidate();
    Ok(None)
}

/// <https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRolePolicies.html>
pub async fn list_role_policies(s: &Credentials, p: &Params) -> Result<Output, CredentialsError> {
    let name = role_name(p)?;
    let limit = max_items(p)? as usize;
    let row = find_role(s, name).await?;
    let marker = p.get("Marker");
    let names: Vec<String> = s
        .store
        .list_role_policies(&row.role_name_key)
        .await?
        .into_iter()
        .map(|p| p.policy_name)
        .filter(|n| marker.is_none_or(|m| n.as_str() > m))
        .collect();
    let truncated = names.len() > limit;
    let page = &names[..names.len().min(limit)];
    let mut fields = vec![
        ("PolicyNames", Node::List(page.iter().map(|n| text(n.clone())).collect())),
        ("IsTruncated", boolean(truncated)),
    ];
    if truncated && let Some(last) = page.last() {
        fields.push(("Marker", text(last.clone())));
    }
    Ok(Some(fields))
}

/// Whether `url` may name an OIDC provider: `https://`, or `http://` on a loopback host
/// (local fakes).
fn provider_url_ok(url: &str) -> bool {
    if let Some(rest) = url.strip_prefix("https://") {
        return !rest.is_empty();
    }
    let Some(rest) = url.strip_prefix("http://") else { return false };
    let authority = rest.split('/').next().unwrap_or("");
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
    };
    host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// `arn:aws:iam::<account>:oidc-provider/<url without scheme>`.
pub fn oidc_provider_arn(account_id: &str, url: &str) -> String {
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    format!("arn:aws:iam::{account_id}:oidc-provider/{}", without_scheme.trim_end_matches('/'))
}

/// <https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html>
pub async fn create_open_id_connect_provider(
    s: &Credentials,
    p: &Params,
) -> Result<Output, CredentialsError> {
    let url = p.required("Url")?;
    validation::length("Url", url, Some(url), 1, 255)?;
    if !provider_url_ok(url) {
        // unsure: AWS's wording for a URL that is not https.
        return Err(CredentialsError::InvalidInput(format!("Invalid OpenID Connect provider URL: {url}")));
    }
    let client_ids = p.list("ClientIDList");
    for id in &client_ids {
        validation::length("ClientIDList.member", id, Some(id), 1, 255)?;
    }
    let thumbprints = p.list("ThumbprintList");
    for t in &thumbprints {
        validation::length("ThumbprintList.member", t, Some(t), 40, 40)?;
    }
    let row = OidcProviderRow {
        arn: oidc_provider_arn(s.account_id(), url),
        url: url.to_string(),
        client_ids,
        thumbprints,
        created_at: s.clock.now_millis(),
    };
    match s.oidc_providers.insert_oidc_provider(&row).await {
        Ok(()) => {}
        Err(StorageError::Conflict(CONFLICT_OIDC_PROVIDER)) => {
            // unsure: AWS's wording.
            return Err(CredentialsError::EntityAlreadyExists(format!(
                "Provider with url {url} already exists."
            )));
        }
        Err(e) => return Err(e.into()),
    }
    Ok(Some(vec![("OpenIDConnectProviderArn", text(row.arn))]))
}

fn provider_arn(p: &Params) -> Result<&str, CredentialsError> {
    let arn = p.required("OpenIDConnectProviderArn")?;
    validation::arn("OpenIDConnectProviderArn", arn)?;
    Ok(arn)
}

fn no_such_provider(arn: &str) -> CredentialsError {
    // unsure: AWS's wording.
    CredentialsError::NoSuchEntity(format!("OpenIDConnect Provider not found for arn {arn}"))
}

/// <https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetOpenIDConnectProvider.html>
pub async fn get_open_id_connect_provider(s: &Credentials, p: &Params) -> Result<Output, CredentialsError> {
    let arn = provider_arn(p)?;
    let row = s.oidc_providers.get_oidc_provider(arn).await?.ok_or_else(|| no_such_provider(arn))?;
    // AWS returns the URL without its scheme.
    let url = row.url.split_once("://").map_or(row.url.as_str(), |(_, rest)| rest).to_string();
    Ok(Some(vec![
        ("Url", text(url)),
        ("ClientIDList", Node::List(row.client_ids.into_iter().map(text).collect())),
        ("ThumbprintList", Node::List(row.thumbprints.into_iter().map(text).collect())),
        ("CreateDate", timestamp(row.created_at.div_euclid(1000))),
    ]))
}

/// <https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListOpenIDConnectProviders.html>
pub async fn list_open_id_connect_providers(s: &Credentials) -> Result<Output, CredentialsError> {
    let rows = s.oidc_providers.list_oidc_providers().await?;
    let list = rows.into_iter().map(|r| Node::Struct(vec![("Arn", text(r.arn))])).collect();
    Ok(Some(vec![("OpenIDConnectProviderList", Node::List(list))]))
}

/// <https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteOpenIDConnectProvider.html>
pub async fn delete_open_id_connect_provider(
    s: &Credentials,
    p: &Params,
) -> Result<Output, CredentialsError> {
    let arn = provider_arn(p)?;
    if !s.oidc_providers.delete_oidc_provider(arn).await? {
        return Err(no_such_provider(arn));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_urls_must_be_https_except_on_loopback() {
        let cases = [
            ("https issuer", "https://issuer.example.com", true),
            ("https with path", "https://issuer.example.com/tenant", true),
            ("http on 127.0.0.1", "http://127.0.0.1:8080/x", true),
            ("http on localhost", "http://localhost:1", true),
            ("http on ::1", "http://[::1]:8080", true),
            ("http elsewhere", "http://issuer.example.com", false),
            ("http on a private address", "http://10.0.0.1", false),
            ("no scheme", "issuer.example.com", false),
            ("empty https", "https://", false),
        ];
        for (description, url, ok) in cases {
            assert_eq!(provider_url_ok(url), ok, "{description}");
        }
    }

    #[test]
    fn provider_arns_drop_the_scheme() {
        assert_eq!(
            oidc_provider_arn("000000000000", "https://issuer.example.com/"),
            "arn:aws:iam::000000000000:oidc-provider/issuer.example.com"
        );
        assert_eq!(
            oidc_provider_arn("000000000000", "http://127.0.0.1:8080/x"),
            "arn:aws:iam::000000000000:oidc-provider/127.0.0.1:8080/x"
        );
    }

    #[test]
    fn documents_are_url_encoded_like_iam() {
        let Node::Text(encoded) = encode_document(r#"{"a": "b/c"}"#) else { panic!() };
        assert_eq!(encoded, "%7B%22a%22%3A%20%22b%2Fc%22%7D");
    }
}
