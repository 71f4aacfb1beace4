//! Seed-file entries of the IAM subset (`[[roles]]` with `[[roles.policies]]`, and
//! `[[oidc_providers]]`), applied idempotently through the same operations the API uses.
//! Entries use the request shapes (`RoleName`, `AssumeRolePolicyDocument`, `PolicyName`,
//! `PolicyDocument`, `Url`, `ClientIDList`, …); a document may be a JSON string or a table.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::Credentials;
use super::CredentialsError;
use super::iam;
use super::wire::Params;

/// What applying one entry did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    Created,
    Updated,
    Unchanged,
}

fn serialization(message: String) -> CredentialsError {
    CredentialsError::Validation(message)
}

/// A member as the query parameter text: strings as they are, documents (tables) as JSON,
/// numbers and booleans as written.
fn param_text(key: &str, value: &Value) -> Result<String, CredentialsError> {
    Ok(match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Object(_) if key.ends_with("Document") => value.to_string(),
        _ => return Err(serialization(format!("{key}: expected a string"))),
    })
}

fn params(entry: &Map<String, Value>, skip: &[&str]) -> Result<Params, CredentialsError> {
    let mut out = BTreeMap::new();
    for (key, value) in entry {
        if skip.contains(&key.as_str()) {
            continue;
        }
        match (key.as_str(), value) {
            ("Tags", Value::Array(tags)) => {
                for (i, tag) in tags.iter().enumerate() {
                    let get = |k: &str| tag.get(k).and_then(Value::as_str).map(str::to_string);
                    let key = get("Key").ok_or_else(|| serialization("Tags: each tag needs Key".into()))?;
                    out.insert(format!("Tags.member.{}.Key", i + 1), key);
                    out.insert(format!("Tags.member.{}.Value", i + 1), get("Value").unwrap_or_default());
                }
            }
            (_, Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    out.insert(format!("{key}.member.{}", i + 1), param_text(key, item)?);
                }
            }
            _ => {
                out.insert(key.clone(), param_text(key, value)?);
            }
        }
    }
    Ok(Params(out))
}

fn same_document(stored: &str, wanted: &str) -> bool {
    match (serde_json::from_str::<Value>(stored), serde_json::from_str::<Value>(wanted)) {
        (Ok(a), Ok(b)) => a == b,
        _ => stored == wanted,
    }
}

/// Applies a `[[roles]]` entry: creates the role, or brings its trust policy, description and
/// maximum session duration in line; then puts each listed inline policy that differs.
/// Policies the entry does not list are left alone.
pub async fn apply_role(s: &Credentials, entry: &Map<String, Value>) -> Result<Applied, CredentialsError> {
    let p = params(entry, &["policies"])?;
    let name = p.required("RoleName")?.to_string();
    let mut applied = match s.store.get_role(&name.to_lowercase()).await? {
        None => {
            iam::create_role(s, &p).await?;
            Applied::Created
        }
        Some(row) => {
            let trust = p.required("AssumeRolePolicyDocument")?;
            let description = p.get("Description").map(str::to_string);
            let max = p.int("MaxSessionDuration")?.unwrap_or(3600);
            if !same_document(&row.trust_policy, trust) {
                let update = Params(BTreeMap::from([
                    ("RoleName".to_string(), name.clone()),
                    ("PolicyDocument".to_string(), trust.to_string()),
                ]));
                iam::update_assume_role_policy(s, &update).await?;
            }
            if row.description != description || row.max_session_duration != max {
                crate::validation::range("MaxSessionDuration", Some(max), 3600, 43_200)?;
                let mut row = s.store.get_role(&row.role_name_key).await?.unwrap_or(row);
                row.description = description;
                row.max_session_duration = max;
                row.updated_at = s.clock.now_millis();
                s.store.update_role(&row).await?;
                s.roles.invalidate();
                Applied::Updated
            } else if !same_document(&row.trust_policy, trust) {
                Applied::Updated
            } else {
                Applied::Unchanged
            }
        }
    };
    let policies = match entry.get("policies") {
        None => Vec::new(),
        Some(Value::Array(list)) => list.clone(),
        Some(_) => return Err(serialization("policies: expected a list".into())),
    };
    let key = name.to_lowercase();
    for policy in policies {
        let Value::Object(policy) = policy else {
            return Err(serialization("policies: expected tables".into()));
        };
        let mut p = params(&policy, &[])?;
        p.0.insert("RoleName".into(), name.clone());
        let policy_name = p.required("PolicyName")?.to_string();
        let document = p.required("PolicyDocument")?.to_string();
        let current = s.store.get_role_policy(&key, &policy_name).await?;
        if current.is_some_and(|c| same_document(&c.document, &document)) {
            continue;
        }
        iam::put_role_policy(s, &p).await?;
        if applied == Applied::Unchanged {
            applied = Applied::Updated;
        }
    }
    Ok(applied)
}

/// Applies an `[[oidc_providers]]` entry: creates the provider, or replaces its client ids
/// and thumbprints.
pub async fn apply_oidc_provider(
    s: &Credentials,
    entry: &Map<String, Value>,
) -> Result<Applied, CredentialsError> {
    let p = params(entry, &[])?;
    let url = p.required("Url")?;
    let arn = iam::oidc_provider_arn(s.account_id(), url);
    match s.oidc_providers.get_oidc_provider(&arn).await? {
        None => {
            iam::create_open_id_connect_provider(s, &p).await?;
            Ok(Applied::Created)
        }
        Some(mut row) => {
            let client_ids = p.list("ClientIDList");
            let thumbprints = p.list("ThumbprintList");
            if row.client_ids == client_ids && row.thumbprints == thumbprints {
                return Ok(Applied::Unchanged);
            }
            row.client_ids = client_ids;
            row.thumbprints = thumbprints;
            s.oidc_providers.update_oidc_provider(&row).await?;
            Ok(Applied::Updated)
        }
    }
}
