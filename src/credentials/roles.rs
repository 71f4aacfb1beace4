//! Roles as the credential paths see them: a role with its trust policy and inline policies,
//! found by ARN and cached for a few seconds per node, so assuming a role or authorizing a
//! request does not cost a database round trip each time. IAM writes on this node drop the
//! entry at once; other nodes see a change within [`ROLE_CACHE_TTL`].

use std::sync::Arc;

use super::Credentials;
use crate::cache::TtlCache;
use crate::error::StorageError;

/// How long a looked-up role (or its absence) is reused, in milliseconds.
pub const ROLE_CACHE_TTL_MS: i64 = 5_000;

/// A role, ready for trust and permission checks.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    pub arn: String,
    pub name: String,
    pub role_id: String,
    /// The trust policy (AssumeRolePolicyDocument) as stored.
    pub trust_policy: String,
    /// Inline policies as (name, document).
    pub policies: Vec<(String, String)>,
    /// The longest session this role allows, in seconds.
    pub max_session_duration: i64,
}

/// Roles by ARN (`None`: the role is absent), timed on the injected clock.
#[derive(Debug)]
pub struct RoleCache {
    entries: TtlCache<String, Option<Arc<Role>>>,
}

impl Default for RoleCache {
    fn default() -> Self {
        Self { entries: TtlCache::new(ROLE_CACHE_TTL_MS) }
    }
}

impl RoleCache {
    /// Forgets every entry (after an IAM write on this node).
    pub fn invalidate(&self) {
        self.entries.clear();
    }
}

/// The role `role_arn` names, if it exists in this account (cached a few seconds).
pub async fn role(s: &Credentials, role_arn: &str) -> Result<Option<Arc<Role>>, StorageError> {
    let now = s.clock.now_millis();
    if let Some(found) = s.roles.entries.get(role_arn, now) {
        return Ok(found.as_ref().clone());
    }
    let found = load(s, role_arn).await?.map(Arc::new);
    s.roles.entries.put(role_arn.to_string(), now, Arc::new(found.clone()));
    Ok(found)
}

async fn load(s: &Credentials, role_arn: &str) -> Result<Option<Role>, StorageError> {
    let Some((_, name)) = parse_role_arn(s.account_id(), role_arn) else { return Ok(None) };
    let Some(row) = s.store.get_role(&name.to_lowercase()).await? else { return Ok(None) };
    // The path and the name's case are part of the ARN.
    if row.arn != role_arn {
        return Ok(None);
    }
    let policies = s.store.list_role_policies(&row.role_name_key).await?;
    Ok(Some(Role {
        arn: row.arn,
        name: row.role_name,
        role_id: row.role_id,
        trust_policy: row.trust_policy,
        policies: policies.into_iter().map(|p| (p.policy_name, p.document)).collect(),
        max_session_duration: row.max_session_duration,
    }))
}

/// `arn:aws:iam::<account>:role/<path><name>` → (path, name), for this account only.
pub fn parse_role_arn<'a>(account_id: &str, arn: &'a str) -> Option<(&'a str, &'a str)> {
    let rest = arn.strip_prefix("arn:aws:iam::")?;
    let (account, resource) = rest.split_once(':')?;
    if account != account_id {
        return None;
    }
    let path_and_name = resource.strip_prefix("role/")?;
    let (path, name) = match path_and_name.rsplit_once('/') {
        Some((path, name)) => (&path_and_name[..path.len() + 1], name),
        None => ("", path_and_name),
    };
    (!name.is_empty()).then_some((path, name))
}

/// The ARN of a role: `arn:aws:iam::<account>:role/<path without leading slash><name>`.
pub fn role_arn(account_id: &str, path: &str, name: &str) -> String {
    format!("arn:aws:iam::{account_id}:role/{}{name}", path.trim_start_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_arns_round_trip_with_and_without_path() {
        let cases = [
            ("no path", "/", "app", "arn:aws:iam::000000000000:role/app"),
            ("one level", "/svc/", "app", "arn:aws:iam::000000000000:role/svc/app"),
            ("two levels", "/a/b/", "app", "arn:aws:iam::000000000000:role/a/b/app"),
        ];
        for (description, path, name, arn) in cases {
            assert_eq!(role_arn("000000000000", path, name), arn, "{description}");
            let (parsed_path, parsed_name) = parse_role_arn("000000000000", arn).unwrap();
            assert_eq!(format!("/{parsed_path}"), path, "{description}");
            assert_eq!(parsed_name, name, "{description}");
        }
        assert_eq!(parse_role_arn("111111111111", "arn:aws:iam::000000000000:role/app"), None);
        assert_eq!(parse_role_arn("000000000000", "arn:aws:iam::000000000000:user/app"), None);
        assert_eq!(parse_role_arn("000000000000", "arn:aws:iam::000000000000:role/"), None);
    }
}
