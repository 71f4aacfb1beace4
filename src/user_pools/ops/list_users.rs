//! ListUsers with AWS's server-side filter (`name = "value"`, `name ^= "value"`),
//! AttributesToGet, Limit and PaginationToken.

use serde::{Deserialize, Serialize};

use super::pools::load_pool;
use crate::user_pools::UserPools;
use crate::user_pools::constraints;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::Attribute;
use crate::user_pools::store::UserRow;
use crate::user_pools::users::attributes_with_sub;
use crate::user_pools::wire::UserType;
use crate::wire::{page_token, parse_page_token};

/// The attributes AWS lets ListUsers filter on.
const SEARCHABLE: &[&str] = &[
    "username",
    "email",
    "phone_number",
    "name",
    "given_name",
    "family_name",
    "preferred_username",
    "cognito:user_status",
    "status",
    "sub",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    pub attribute: String,
    pub prefix: bool,
    pub value: String,
}

fn parse_error() -> UserPoolError {
    UserPoolError::InvalidParameter("Error while parsing filter.".into())
}

/// Parses `attribute = "value"` or `attribute ^= "value"`; quotes inside the value are
/// escaped with a backslash. An empty filter is `None`.
pub fn parse_filter(text: &str) -> Result<Option<Filter>, UserPoolError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let (attribute, rest, prefix) = if let Some((a, r)) = text.split_once("^=") {
        (a, r, true)
    } else if let Some((a, r)) = text.split_once('=') {
        (a, r, false)
    } else {
        return Err(parse_error());
    };
    let attribute = attribute.trim();
    let rest = rest.trim();
    let inner = rest.strip_prefix('"').and_then(|r| r.strip_suffix('"')).ok_or_else(parse_error)?;
    let mut value = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => value.push(chars.next().ok_or_else(parse_error)?),
            '"' => return Err(parse_error()),
            c => value.push(c),
        }
    }
    if attribute.is_empty() || attribute.contains(char::is_whitespace) {
        return Err(parse_error());
    }
    if !SEARCHABLE.contains(&attribute) {
        return Err(UserPoolError::InvalidParameter(format!("Invalid search attribute: {attribute}")));
    }
    Ok(Some(Filter { attribute: attribute.to_string(), prefix, value }))
}

impl Filter {
    fn matches(&self, user: &UserRow, attributes: &[Attribute]) -> bool {
        let (actual, case_insensitive) = match self.attribute.as_str() {
            "username" => (Some(user.username.clone()), false),
            "cognito:user_status" => (Some(user.status.clone()), true),
            "status" => (Some(if user.enabled { "Enabled" } else { "Disabled" }.to_string()), false),
            name => (attributes.iter().find(|a| a.name == name).and_then(|a| a.value.clone()), false),
        };
        let Some(mut actual) = actual else { return false };
        let mut wanted = self.value.clone();
        if case_insensitive {
            actual = actual.to_lowercase();
            wanted = wanted.to_lowercase();
        }
        if self.prefix { actual.starts_with(&wanted) } else { actual == wanted }
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUsersRequest {
    pub user_pool_id: String,
    #[serde(default)]
    pub attributes_to_get: Option<Vec<String>>,
    #[serde(default)]
    pub limit: Option<i64>,
    #[serde(default)]
    pub pagination_token: Option<String>,
    #[serde(default)]
    pub filter: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUsersResponse {
    pub users: Vec<UserType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pagination_token: Option<String>,
}

/// Rows read per database round trip while filtering.
const SCAN_BATCH: i64 = 200;

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html>
pub async fn list_users(s: &UserPools, r: ListUsersRequest) -> Result<ListUsersResponse, UserPoolError> {
    constraints::range("Limit", r.limit, 0, 60)?;
    let limit = match r.limit {
        Some(n) if n > 0 => n as usize,
        _ => 60,
    };
    let (pool, settings) = load_pool(s, &r.user_pool_id).await?;
    let filter = parse_filter(r.filter.as_deref().unwrap_or(""))?;
    if let Some(names) = &r.attributes_to_get {
        for name in names {
            if settings.schema_attribute(name).is_none() {
                return Err(UserPoolError::InvalidParameter(format!(
                    "One or more requested attributes do not exist: {name}"
                )));
            }
        }
    }
    let mut after = parse_page_token(r.pagination_token.as_deref())?;
    let mut found: Vec<(UserRow, Vec<Attribute>)> = Vec::new();
    // Scan in key order until one more match than the page holds, so we know whether a
    // next page exists.
    'scan: loop {
        let batch = s.store.list_users(&pool.user_pool_id, after.as_deref(), SCAN_BATCH).await?;
        let exhausted = (batch.len() as i64) < SCAN_BATCH;
        for user in batch {
            after = Some(user.username_key.clone());
            let attributes = attributes_with_sub(&user)?;
            if filter.as_ref().is_none_or(|f| f.matches(&user, &attributes)) {
                found.push((user, attributes));
                if found.len() > limit {
                    break 'scan;
                }
            }
        }
        if exhausted {
            break;
        }
    }
    let pagination_token = if found.len() > limit {
        found.truncate(limit);
        found.last().map(|(u, _)| page_token(&u.username_key))
    } else {
        None
    };
    let users = found
        .into_iter()
        .map(|(user, mut attributes)| {
            if let Some(names) = &r.attributes_to_get {
                attributes.retain(|a| names.contains(&a.name));
            }
            UserType::new(&user, attributes)
        })
        .collect();
    Ok(ListUsersResponse { users, pagination_token })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_as_aws_documents_them() {
        let cases = [
            ("exact", r#"email = "a@b.c""#, Some(("email", false, "a@b.c"))),
            ("prefix", r#"given_name ^= "Jo""#, Some(("given_name", true, "Jo"))),
            ("no spaces", r#"family_name="Reddy""#, Some(("family_name", false, "Reddy"))),
            ("escaped quote", r#"name = "say \"hi\"""#, Some(("name", false, "say \"hi\""))),
            (
                "status",
                r#"cognito:user_status = "CONFIRMED""#,
                Some(("cognito:user_status", false, "CONFIRMED")),
            ),
            ("empty", "", None),
        ];
        for (description, text, expected) in cases {
            let parsed = parse_filter(text).unwrap();
            let expected =
                expected.map(|(a, p, v)| Filter { attribute: a.into(), prefix: p, value: v.into() });
            assert_eq!(parsed, expected, "{description}");
        }
    }

    #[test]
    fn malformed_or_unsearchable_filters_are_refused() {
        for (description, text, message) in [
            ("no operator", "email", "Error while parsing filter."),
            ("unquoted", "email = a@b.c", "Error while parsing filter."),
            ("custom attribute", r#"custom:tenant = "x""#, "Invalid search attribute: custom:tenant"),
        ] {
            assert_eq!(parse_filter(text).unwrap_err().to_string(), message, "{description}");
        }
    }
}
