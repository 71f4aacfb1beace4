//! Resource servers: CreateResourceServer, DescribeResourceServer, UpdateResourceServer,
//! DeleteResourceServer, ListResourceServers. A server's scopes are the custom OAuth scopes
//! `<Identifier>/<ScopeName>` that app clients may be allowed (AllowedOAuthScopes) and that
//! client_credentials tokens carry.

use serde::{Deserialize, Serialize};

use super::pools::load_pool;
use crate::error::StorageError;
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::store::{CONFLICT_PRIMARY, ResourceServerRow};
use crate::validation::{length, pattern, range};
use crate::wire::{Empty, next_page, parse_page_token};

/// AWS's quotas: servers per pool, scopes per server.
const MAX_SERVERS: usize = 25;
const MAX_SCOPES: usize = 100;

/// `[\x21\x23-\x5B\x5D-\x7E]+`: printable ASCII without space, `"` and `\`.
fn is_identifier(s: &str) -> bool {
    s.bytes().all(|b| (0x21..=0x7e).contains(&b) && b != b'"' && b != b'\\')
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "PascalCase")]
pub struct Scope {
    pub scope_name: String,
    pub scope_description: String,
}

fn check(identifier: &str, name: &str, scopes: &[Scope]) -> Result<(), UserPoolError> {
    length("Identifier", identifier, Some(identifier), 1, 256)?;
    pattern("Identifier", Some(identifier), is_identifier(identifier), r"[\x21\x23-\x5B\x5D-\x7E]+")?;
    crate::validation::length("Name", name, Some(name), 1, 256)?;
    let name_ok =
        name.chars().all(|c| crate::validation::is_word(c) || c.is_whitespace() || "+=,.@-".contains(c));
    pattern("Name", Some(name), name_ok, r"[\w\s+=,.@-]+")?;
    if scopes.len() > MAX_SCOPES {
        return Err(crate::validation::message(
            "Scopes",
            None,
            &format!("Member must have length less than or equal to {MAX_SCOPES}"),
        )
        .into());
    }
    let mut seen = std::collections::HashSet::new();
    for scope in scopes {
        let n = &scope.scope_name;
        length("Scopes.member.ScopeName", n, Some(n), 1, 256)?;
        pattern(
            "Scopes.member.ScopeName",
            Some(n),
            is_identifier(n) && !n.contains('/'),
            r"[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+",
        )?;
        let d = &scope.scope_description;
        length("Scopes.member.ScopeDescription", d, Some(d), 1, 256)?;
        if !seen.insert(n.as_str()) {
            // unsure: AWS's wording for a scope named twice.
            return Err(UserPoolError::InvalidParameter(format!("Duplicate scope name {n}.")));
        }
    }
    Ok(())
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ResourceServerType {
    pub user_pool_id: String,
    pub identifier: String,
    pub name: String,
    pub scopes: Vec<Scope>,
}

fn server_type(row: ResourceServerRow) -> Result<ResourceServerType, UserPoolError> {
    Ok(ResourceServerType {
        scopes: serde_json::from_str(&row.scopes).map_err(|e| {
            UserPoolError::Internal(crate::error::Internal::because("resource server scopes", e))
        })?,
        user_pool_id: row.user_pool_id,
        identifier: row.identifier,
        name: row.name,
    })
}

fn encode(scopes: &[Scope]) -> String {
    serde_json::to_string(scopes).unwrap_or_else(|_| "[]".into())
}

fn not_found(identifier: &str) -> UserPoolError {
    // unsure: AWS's wording.
    UserPoolError::ResourceNotFound(format!("Resource server {identifier} does not exist."))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ResourceServerRequest {
    pub user_pool_id: String,
    pub identifier: String,
    pub name: String,
    #[serde(default)]
    pub scopes: Vec<Scope>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ResourceServerResponse {
    pub resource_server: ResourceServerType,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateResourceServer.html>
pub async fn create_resource_server(
    s: &UserPools,
    r: ResourceServerRequest,
) -> Result<ResourceServerResponse, UserPoolError> {
    let (pool, _) = load_pool(s, &r.user_pool_id).await?;
    check(&r.identifier, &r.name, &r.scopes)?;
    let existing = s.store.list_resource_servers(&pool.user_pool_id, None, MAX_SERVERS as i64 + 1).await?;
    if existing.len() >= MAX_SERVERS {
        return Err(UserPoolError::LimitExceeded(format!(
            "Maximum number of resource servers ({MAX_SERVERS}) reached for the user pool."
        )));
    }
    let now = s.clock.now_millis();
    let row = ResourceServerRow {
        user_pool_id: pool.user_pool_id.clone(),
        identifier: r.identifier.clone(),
        name: r.name,
        scopes: encode(&r.scopes),
        created_at: now,
        updated_at: now,
    };
    match s.store.insert_resource_server(&row).await {
        Ok(()) => {}
        Err(StorageError::Conflict(CONFLICT_PRIMARY)) => {
            // unsure: AWS's wording.
            return Err(UserPoolError::InvalidParameter(format!(
                "Resource server with identifier {} already exists.",
                r.identifier
            )));
        }
        Err(e) => return Err(e.into()),
    }
    Ok(ResourceServerResponse { resource_server: server_type(row)? })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ResourceServerIdRequest {
    pub user_pool_id: String,
    pub identifier: String,
}

/// The resource server a request names, or ResourceNotFoundException.
async fn existing(
    s: &UserPools,
    pool_id: &str,
    identifier: &str,
) -> Result<ResourceServerRow, UserPoolError> {
    s.store.get_resource_server(pool_id, identifier).await?.ok_or_else(|| not_found(identifier))
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeResourceServer.html>
pub async fn describe_resource_server(
    s: &UserPools,
    r: ResourceServerIdRequest,
) -> Result<ResourceServerResponse, UserPoolError> {
    let (pool, _) = load_pool(s, &r.user_pool_id).await?;
    let row = existing(s, &pool.user_pool_id, &r.identifier).await?;
    Ok(ResourceServerResponse { resource_server: server_type(row)? })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateResourceServer.html>
///
/// Replaces the name and the scopes (omitted scopes: none). Scopes that vanish are removed
/// from the pool's clients' AllowedOAuthScopes; tokens already issued keep them.
pub async fn update_resource_server(
    s: &UserPools,
    r: ResourceServerRequest,
) -> Result<ResourceServerResponse, UserPoolError> {
    let (pool, _) = load_pool(s, &r.user_pool_id).await?;
    check(&r.identifier, &r.name, &r.scopes)?;
    let mut row = existing(s, &pool.user_pool_id, &r.identifier).await?;
    let before: Vec<Scope> = serde_json::from_str(&row.scopes).unwrap_or_default();
    row.name = r.name;
    row.scopes = encode(&r.scopes);
    row.updated_at = s.clock.now_millis();
    s.store.update_resource_server(&row).await?;
    let gone: Vec<String> = before
        .iter()
        .filter(|b| !r.scopes.iter().any(|a| a.scope_name == b.scope_name))
        .map(|b| format!("{}/{}", r.identifier, b.scope_name))
        .collect();
    super::clients::drop_scopes(s, &pool.user_pool_id, &gone).await?;
    Ok(ResourceServerResponse { resource_server: server_type(row)? })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteResourceServer.html>
pub async fn delete_resource_server(
    s: &UserPools,
    r: ResourceServerIdRequest,
) -> Result<Empty, UserPoolError> {
    let (pool, _) = load_pool(s, &r.user_pool_id).await?;
    let row = existing(s, &pool.user_pool_id, &r.identifier).await?;
    s.store.delete_resource_server(&pool.user_pool_id, &r.identifier).await?;
    let scopes: Vec<Scope> = serde_json::from_str(&row.scopes).unwrap_or_default();
    let gone: Vec<String> = scopes.iter().map(|sc| format!("{}/{}", r.identifier, sc.scope_name)).collect();
    super::clients::drop_scopes(s, &pool.user_pool_id, &gone).await?;
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListResourceServersRequest {
    pub user_pool_id: String,
    #[serde(default)]
    pub max_results: Option<i64>,
    #[serde(default)]
    pub next_token: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListResourceServersResponse {
    pub resource_servers: Vec<ResourceServerType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListResourceServers.html>
pub async fn list_resource_servers(
    s: &UserPools,
    r: ListResourceServersRequest,
) -> Result<ListResourceServersResponse, UserPoolError> {
    range("MaxResults", r.max_results, 1, 50)?;
    let (pool, _) = load_pool(s, &r.user_pool_id).await?;
    let limit = r.max_results.unwrap_or(50);
    let after = parse_page_token(r.next_token.as_deref())?;
    let mut rows = s.store.list_resource_servers(&pool.user_pool_id, after.as_deref(), limit + 1).await?;
    let next_token = next_page(&mut rows, limit, |row| &row.identifier);
    Ok(ListResourceServersResponse {
        resource_servers: rows.into_iter().map(server_type).collect::<Result<_, _>>()?,
        next_token,
    })
}
