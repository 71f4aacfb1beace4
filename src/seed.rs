//! The seed file: user pools, app clients, groups, users and identity pools with pinned
//! ids, applied at every start. Entries use the AWS request shapes (PascalCase, as in the CLI or CloudFormation);
//! collections are snake_case. Applying the same file twice changes nothing; a changed
//! entry updates what it names. Entries are matched by pinned id, or by name when no id is
//! given.

use std::path::Path;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::identity_pools::IdentityPoolError;
use crate::identity_pools::IdentityPools;
use crate::identity_pools::model::{IdentityPoolSettings, PoolRoles, RoleMapping};
use crate::identity_pools::ops::{
    self as identity_ops, CreateIdentityPoolRequest, SetIdentityPoolRolesRequest,
};
use crate::identity_pools::store::IdentityPoolRow;
use crate::state::AppState;
use crate::user_pools::UserPools;
use crate::user_pools::constraints;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::{Attribute, ClientSettings, PoolSettings, status};
use crate::user_pools::ops::clients::{self, CreateUserPoolClientRequest, SECRET_PURPOSE};
use crate::user_pools::ops::domains::{self, DomainRequest};
use crate::user_pools::ops::pools::{self, CreateUserPoolRequest};
use crate::user_pools::ops::resource_servers::{self, ResourceServerIdRequest, ResourceServerRequest};
use crate::user_pools::password::check_policy;
use crate::user_pools::store::{ClientRow, GroupRow, PoolRow};
use crate::user_pools::users::save_user;
use crate::user_pools::users::{check_attributes, find_user, parse_attributes, username_key};

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("reading {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("parsing {path}: {message}")]
    Parse { path: String, message: String },
    #[error("{entry}: {source}")]
    Apply { entry: String, source: UserPoolError },
    #[error("{entry}: {source}")]
    ApplyIdentityPool { entry: String, source: IdentityPoolError },
    #[error("{entry}: {source}")]
    ApplyIam { entry: String, source: crate::credentials::CredentialsError },
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedFile {
    #[serde(default)]
    pub user_pools: Vec<Map<String, Value>>,
    #[serde(default)]
    pub identity_pools: Vec<Map<String, Value>>,
    /// IAM roles with `policies` (see `credentials::seed`).
    #[serde(default)]
    pub roles: Vec<Map<String, Value>>,
    /// IAM OpenID Connect providers.
    #[serde(default)]
    pub oidc_providers: Vec<Map<String, Value>>,
}

/// What applying a seed did, for the start-up log and for tests.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SeedReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// Reads a TOML (by extension `.toml`) or JSON seed file.
pub fn load(path: &Path) -> Result<SeedFile, SeedError> {
    let shown = path.display().to_string();
    let text =
        std::fs::read_to_string(path).map_err(|source| SeedError::Read { path: shown.clone(), source })?;
    let parsed = if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(&text).map_err(|e| e.to_string())
    } else {
        toml::from_str(&text).map_err(|e| e.to_string())
    };
    parsed.map_err(|message| SeedError::Parse { path: shown, message })
}

/// Takes `key` out of an entry as `T`.
fn take<T: serde::de::DeserializeOwned>(
    entry: &mut Map<String, Value>,
    key: &str,
    at: &str,
) -> Result<Option<T>, SeedError> {
    match entry.remove(key) {
        None => Ok(None),
        Some(v) => serde_json::from_value(v).map(Some).map_err(|e| SeedError::Apply {
            entry: at.to_string(),
            source: UserPoolError::Serialization(format!("{key}: {e}")),
        }),
    }
}

fn parse_entry<T: serde::de::DeserializeOwned>(entry: Map<String, Value>, at: &str) -> Result<T, SeedError> {
    serde_json::from_value(Value::Object(entry)).map_err(|e| SeedError::Apply {
        entry: at.to_string(),
        source: UserPoolError::Serialization(e.to_string()),
    })
}

fn at(entry: &str) -> impl Fn(UserPoolError) -> SeedError + '_ {
    move |source| SeedError::Apply { entry: entry.to_string(), source }
}

/// Applies a seed file. Each entry is applied on its own; the first failure stops the run.
pub async fn apply(state: &AppState, seed: SeedFile) -> Result<SeedReport, SeedError> {
    let s = &state.user_pools;
    let mut report = SeedReport::default();
    for (i, mut entry) in seed.user_pools.into_iter().enumerate() {
        let here = format!("user_pools[{i}]");
        let id: Option<String> = take(&mut entry, "Id", &here)?;
        let client_entries: Vec<Map<String, Value>> = take(&mut entry, "clients", &here)?.unwrap_or_default();
        let group_entries: Vec<Map<String, Value>> = take(&mut entry, "groups", &here)?.unwrap_or_default();
        let user_entries: Vec<Map<String, Value>> = take(&mut entry, "users", &here)?.unwrap_or_default();
        let domain_entries: Vec<Map<String, Value>> = take(&mut entry, "domains", &here)?.unwrap_or_default();
        let server_entries: Vec<Map<String, Value>> =
            take(&mut entry, "resource_servers", &here)?.unwrap_or_default();
        let request: CreateUserPoolRequest = parse_entry(entry, &here)?;
        let pool_id = apply_pool(s, request, id, &here, &mut report).await?;
        let (_, settings) = pools::load_pool(s, &pool_id).await.map_err(at(&here))?;
        for (j, mut d) in domain_entries.into_iter().enumerate() {
            let here = format!("{here}.domains[{j}]");
            d.insert("UserPoolId".into(), Value::String(pool_id.clone()));
            let request: DomainRequest = parse_entry(d, &here)?;
            apply_domain(s, request, &here, &mut report).await?;
        }
        // Before the clients: their AllowedOAuthScopes name these servers' scopes.
        for (j, mut r) in server_entries.into_iter().enumerate() {
            let here = format!("{here}.resource_servers[{j}]");
            r.insert("UserPoolId".into(), Value::String(pool_id.clone()));
            let request: ResourceServerRequest = parse_entry(r, &here)?;
            apply_resource_server(s, request, &here, &mut report).await?;
        }
        for (j, mut c) in client_entries.into_iter().enumerate() {
            let here = format!("{here}.clients[{j}]");
            let client_id: Option<String> = take(&mut c, "ClientId", &here)?;
            c.insert("UserPoolId".into(), Value::String(pool_id.clone()));
            let request: CreateUserPoolClientRequest = parse_entry(c, &here)?;
            apply_client(s, &settings, request, client_id, &here, &mut report).await?;
        }
        for (j, mut g) in group_entries.into_iter().enumerate() {
            let here = format!("{here}.groups[{j}]");
            g.insert("UserPoolId".into(), Value::String(pool_id.clone()));
            let request: GroupEntry = parse_entry(g, &here)?;
            apply_group(s, &pool_id, request, &here, &mut report).await?;
        }
        for (j, u) in user_entries.into_iter().enumerate() {
            let here = format!("{here}.users[{j}]");
            let request: UserEntry = parse_entry(u, &here)?;
            apply_user(s, &pool_id, &settings, request, &here, &mut report).await?;
        }
    }
    // Roles first: identity pools name them.
    for (i, entry) in seed.oidc_providers.iter().enumerate() {
        let applied = crate::credentials::seed::apply_oidc_provider(&state.credentials, entry)
            .await
            .map_err(|source| SeedError::ApplyIam { entry: format!("oidc_providers[{i}]"), source })?;
        count_iam(&mut report, applied);
    }
    for (i, entry) in seed.roles.iter().enumerate() {
        let applied = crate::credentials::seed::apply_role(&state.credentials, entry)
            .await
            .map_err(|source| SeedError::ApplyIam { entry: format!("roles[{i}]"), source })?;
        count_iam(&mut report, applied);
    }
    for (i, entry) in seed.identity_pools.into_iter().enumerate() {
        apply_identity_pool(&state.identity_pools, entry, &format!("identity_pools[{i}]"), &mut report)
            .await?;
    }
    Ok(report)
}

fn count_iam(report: &mut SeedReport, applied: crate::credentials::seed::Applied) {
    use crate::credentials::seed::Applied;
    match applied {
        Applied::Created => report.created += 1,
        Applied::Updated => report.updated += 1,
        Applied::Unchanged => report.unchanged += 1,
    }
}

fn at_identity(entry: &str) -> impl Fn(IdentityPoolError) -> SeedError + '_ {
    move |source| SeedError::ApplyIdentityPool { entry: entry.to_string(), source }
}

/// An `[[identity_pools]]` entry: CreateIdentityPool's shape plus an optional pinned
/// `IdentityPoolId` and SetIdentityPoolRoles' `Roles` / `RoleMappings`.
async fn apply_identity_pool(
    s: &IdentityPools,
    mut entry: Map<String, Value>,
    here: &str,
    report: &mut SeedReport,
) -> Result<(), SeedError> {
    let fail = at_identity(here);
    let id: Option<String> = take(&mut entry, "IdentityPoolId", here)?;
    let roles: Option<std::collections::BTreeMap<String, String>> = take(&mut entry, "Roles", here)?;
    let role_mappings: Option<std::collections::BTreeMap<String, RoleMapping>> =
        take(&mut entry, "RoleMappings", here)?;
    let request: CreateIdentityPoolRequest = parse_entry(entry, here)?;
    let existing = match &id {
        Some(id) => {
            identity_ops::identity_pool_id(id).map_err(&fail)?;
            s.store.get_identity_pool(id).await.map_err(|e| fail(e.into()))?
        }
        None => find_identity_pool_by_name(s, &request.identity_pool_name).await.map_err(&fail)?,
    };
    let (pool_id, mut changed, created) = match existing {
        None => {
            let created = identity_ops::create_identity_pool_with_id(s, request, id).await.map_err(&fail)?;
            (created.identity_pool_id, false, true)
        }
        Some(mut row) => {
            crate::validation::resource_name("IdentityPoolName", &request.identity_pool_name)
                .map_err(|e| fail(e.into()))?;
            identity_ops::check_settings(&request.settings).map_err(&fail)?;
            let current: IdentityPoolSettings = serde_json::from_str(&row.settings).unwrap_or_default();
            let changed = current != request.settings || row.name != request.identity_pool_name;
            if changed {
                row.name = request.identity_pool_name;
                row.settings = serde_json::to_string(&request.settings)
                    .map_err(|e| fail(IdentityPoolError::Internal(crate::error::Internal::source(e))))?;
                row.updated_at = s.clock.now_millis();
                s.store.update_identity_pool(&row).await.map_err(|e| fail(e.into()))?;
            }
            (row.identity_pool_id, changed, false)
        }
    };
    if roles.is_some() || role_mappings.is_some() {
        let wanted = PoolRoles {
            roles: roles.clone().unwrap_or_default(),
            role_mappings: role_mappings.clone().filter(|m| !m.is_empty()),
        };
        let row = s.store.get_identity_pool(&pool_id).await.map_err(|e| fail(e.into()))?;
        let current: Option<PoolRoles> = row.and_then(|r| serde_json::from_str(&r.roles).ok());
        if current.as_ref() != Some(&wanted) {
            let request = SetIdentityPoolRolesRequest {
                identity_pool_id: pool_id.clone(),
                roles: roles.unwrap_or_default(),
                role_mappings,
            };
            identity_ops::set_identity_pool_roles(s, request).await.map_err(&fail)?;
            changed = true;
        }
    }
    if created {
        report.created += 1;
    } else if changed {
        report.updated += 1;
    } else {
        report.unchanged += 1;
    }
    Ok(())
}

async fn find_identity_pool_by_name(
    s: &IdentityPools,
    name: &str,
) -> Result<Option<IdentityPoolRow>, IdentityPoolError> {
    let mut after: Option<String> = None;
    loop {
        let page = s.store.list_identity_pools(after.as_deref(), 100).await?;
        if let Some(found) = page.iter().find(|p| p.name == name) {
            return Ok(Some(found.clone()));
        }
        match page.last() {
            Some(last) if page.len() == 100 => after = Some(last.identity_pool_id.clone()),
            _ => return Ok(None),
        }
    }
}

async fn apply_pool(
    s: &UserPools,
    r: CreateUserPoolRequest,
    id: Option<String>,
    here: &str,
    report: &mut SeedReport,
) -> Result<String, SeedError> {
    let existing = match &id {
        Some(id) => {
            constraints::user_pool_id(id).map_err(at(here))?;
            s.store.get_pool(id).await.map_err(|e| at(here)(e.into()))?
        }
        None => find_pool_by_name(s, &r.pool_name).await.map_err(at(here))?,
    };
    let Some(mut pool) = existing else {
        let created = pools::create_pool_with_id(s, r, id).await.map_err(at(here))?;
        report.created += 1;
        return Ok(created.user_pool["Id"].as_str().unwrap_or_default().to_string());
    };
    constraints::resource_name("PoolName", &r.pool_name).map_err(at(here))?;
    let settings = pools::complete_settings(r.settings, r.schema).map_err(at(here))?;
    let current: PoolSettings = serde_json::from_str(&pool.settings).unwrap_or_default();
    if current == settings && pool.name == r.pool_name {
        report.unchanged += 1;
        return Ok(pool.user_pool_id);
    }
    pool.name = r.pool_name;
    pool.settings = serde_json::to_string(&settings)
        .map_err(|e| at(here)(UserPoolError::Internal(crate::error::Internal::source(e))))?;
    pool.updated_at = s.clock.now_millis();
    s.store.update_pool(&pool).await.map_err(|e| at(here)(e.into()))?;
    s.cache.invalidate_pool(&pool.user_pool_id);
    report.updated += 1;
    Ok(pool.user_pool_id)
}

async fn find_pool_by_name(s: &UserPools, name: &str) -> Result<Option<PoolRow>, UserPoolError> {
    let mut after: Option<String> = None;
    loop {
        let page = s.store.list_pools(after.as_deref(), 100).await?;
        if let Some(found) = page.iter().find(|p| p.name == name) {
            return Ok(Some(found.clone()));
        }
        match page.last() {
            Some(last) if page.len() == 100 => after = Some(last.user_pool_id.clone()),
            _ => return Ok(None),
        }
    }
}

async fn apply_client(
    s: &UserPools,
    pool_settings: &PoolSettings,
    r: CreateUserPoolClientRequest,
    id: Option<String>,
    here: &str,
    report: &mut SeedReport,
) -> Result<(), SeedError> {
    let pool_id = r.user_pool_id.clone();
    let existing = match &id {
        Some(id) => {
            constraints::client_id(id).map_err(at(here))?;
            s.store.get_client(&pool_id, id).await.map_err(|e| at(here)(e.into()))?
        }
        None => find_client_by_name(s, &pool_id, &r.client_name).await.map_err(at(here))?,
    };
    let Some(mut client) = existing else {
        clients::create_client_with_id(s, r, id).await.map_err(at(here))?;
        report.created += 1;
        return Ok(());
    };
    let current_secret = clients::client_secret(s, &client).map_err(at(here))?;
    let has_secret = current_secret.is_some() || r.client_secret.is_some();
    let facts = clients::oauth_facts(s, &pool_id, &r.settings, has_secret).await.map_err(at(here))?;
    let settings: ClientSettings = clients::complete(r.settings, pool_settings, &facts).map_err(at(here))?;
    let current: ClientSettings = serde_json::from_str(&client.settings).unwrap_or_default();
    let secret_changed = r.client_secret.as_ref().is_some_and(|new| Some(new) != current_secret.as_ref());
    if current == settings && client.client_name == r.client_name && !secret_changed {
        report.unchanged += 1;
        return Ok(());
    }
    constraints::resource_name("ClientName", &r.client_name).map_err(at(here))?;
    if let Some(secret) = r.client_secret.filter(|_| secret_changed) {
        constraints::client_secret(&secret).map_err(at(here))?;
        client.secret_sealed = Some(s.sealer.seal(SECRET_PURPOSE, secret.as_bytes()));
    }
    client.client_name = r.client_name;
    client.settings = serde_json::to_string(&settings)
        .map_err(|e| at(here)(UserPoolError::Internal(crate::error::Internal::source(e))))?;
    client.updated_at = s.clock.now_millis();
    s.store.update_client(&client).await.map_err(|e| at(here)(e.into()))?;
    s.cache.invalidate_client(&client.client_id);
    report.updated += 1;
    Ok(())
}

/// A domain of the pool: created when missing, its settings updated when they differ.
async fn apply_domain(
    s: &UserPools,
    r: DomainRequest,
    here: &str,
    report: &mut SeedReport,
) -> Result<(), SeedError> {
    let existing = s.store.get_domain(&r.domain).await.map_err(|e| at(here)(e.into()))?;
    match existing {
        None => {
            domains::create_user_pool_domain(s, r).await.map_err(at(here))?;
            report.created += 1;
        }
        Some(row) if row.user_pool_id != r.user_pool_id => {
            return Err(at(here)(UserPoolError::InvalidParameter("Domain already exists.".into())));
        }
        Some(row) => {
            if domains::same_settings(&row, &r).map_err(at(here))? {
                report.unchanged += 1;
            } else {
                domains::update_user_pool_domain(s, r).await.map_err(at(here))?;
                report.updated += 1;
            }
        }
    }
    Ok(())
}

/// A resource server: created when missing, replaced when its name or scopes differ.
async fn apply_resource_server(
    s: &UserPools,
    r: ResourceServerRequest,
    here: &str,
    report: &mut SeedReport,
) -> Result<(), SeedError> {
    let id =
        ResourceServerIdRequest { user_pool_id: r.user_pool_id.clone(), identifier: r.identifier.clone() };
    match resource_servers::describe_resource_server(s, id).await {
        Err(UserPoolError::ResourceNotFound(_)) => {
            resource_servers::create_resource_server(s, r).await.map_err(at(here))?;
            report.created += 1;
        }
        Err(e) => return Err(at(here)(e)),
        Ok(current) => {
            let server = current.resource_server;
            if server.name == r.name && server.scopes == r.scopes {
                report.unchanged += 1;
            } else {
                resource_servers::update_resource_server(s, r).await.map_err(at(here))?;
                report.updated += 1;
            }
        }
    }
    Ok(())
}

async fn find_client_by_name(
    s: &UserPools,
    pool_id: &str,
    name: &str,
) -> Result<Option<ClientRow>, UserPoolError> {
    // Pools hold few clients; one generous page is enough to find a name.
    let page = s.store.list_clients(pool_id, None, 1000).await?;
    Ok(page.into_iter().find(|c| c.client_name == name))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct GroupEntry {
    user_pool_id: String,
    group_name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    role_arn: Option<String>,
    #[serde(default)]
    precedence: Option<i64>,
}

async fn apply_group(
    s: &UserPools,
    pool_id: &str,
    g: GroupEntry,
    here: &str,
    report: &mut SeedReport,
) -> Result<(), SeedError> {
    constraints::group_name(&g.group_name).map_err(at(here))?;
    if let Some(arn) = &g.role_arn {
        constraints::arn("RoleArn", arn).map_err(at(here))?;
    }
    let now = s.clock.now_millis();
    let existing = s.store.get_group(pool_id, &g.group_name).await.map_err(|e| at(here)(e.into()))?;
    match existing {
        None => {
            let row = GroupRow {
                user_pool_id: g.user_pool_id,
                group_name: g.group_name,
                description: g.description,
                role_arn: g.role_arn,
                precedence: g.precedence,
                created_at: now,
                updated_at: now,
            };
            s.store.insert_group(&row).await.map_err(|e| at(here)(e.into()))?;
            report.created += 1;
        }
        Some(row)
            if row.description == g.description
                && row.role_arn == g.role_arn
                && row.precedence == g.precedence =>
        {
            report.unchanged += 1;
        }
        Some(mut row) => {
            row.description = g.description;
            row.role_arn = g.role_arn;
            row.precedence = g.precedence;
            row.updated_at = now;
            s.store.update_group(&row).await.map_err(|e| at(here)(e.into()))?;
            report.updated += 1;
        }
    }
    Ok(())
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct UserEntry {
    username: String,
    /// A permanent password: the user is CONFIRMED.
    #[serde(default)]
    password: Option<String>,
    #[serde(default)]
    user_attributes: Vec<Attribute>,
    #[serde(default)]
    groups: Vec<String>,
    #[serde(default)]
    enabled: Option<bool>,
}

async fn apply_user(
    s: &UserPools,
    pool_id: &str,
    settings: &PoolSettings,
    u: UserEntry,
    here: &str,
    report: &mut SeedReport,
) -> Result<(), SeedError> {
    let fail = at(here);
    constraints::username(&u.username).map_err(&fail)?;
    let attributes: Vec<Attribute> = u.user_attributes.into_iter().filter(|a| a.name != "sub").collect();
    check_attributes(settings, &attributes, &[]).map_err(&fail)?;
    if let Some(p) = &u.password {
        check_policy(&settings.password_policy(), p).map_err(&fail)?;
    }
    let enabled = u.enabled.unwrap_or(true);
    let existing = find_user(s, pool_id, settings, &u.username).await.map_err(&fail)?;
    let user = match existing {
        None => {
            let request = crate::user_pools::ops::admin_users::AdminCreateUserRequest {
                user_pool_id: pool_id.to_string(),
                username: u.username.clone(),
                user_attributes: attributes,
                validation_data: None,
                temporary_password: u.password.clone(),
                force_alias_creation: None,
                message_action: Some("SUPPRESS".into()),
                desired_delivery_mediums: None,
                client_metadata: None,
            };
            let created =
                crate::user_pools::ops::admin_users::admin_create_user(s, request).await.map_err(&fail)?;
            let mut user = s
                .store
                .get_user(pool_id, &username_key(settings, &created.user.username))
                .await
                .map_err(|e| fail(e.into()))?
                .ok_or_else(|| fail(UserPoolError::UserNotFound))?;
            if u.password.is_some() {
                user.status = status::CONFIRMED.into();
            }
            user.enabled = enabled;
            let attrs = parse_attributes(&user.attributes).map_err(&fail)?;
            save_user(s, settings, &mut user, &attrs).await.map_err(&fail)?;
            report.created += 1;
            user
        }
        Some(mut user) => {
            let mut changed = false;
            let mut current = parse_attributes(&user.attributes).map_err(&fail)?;
            for a in &attributes {
                let value = a.value.clone().unwrap_or_default();
                match current.iter_mut().find(|c| c.name == a.name) {
                    Some(c) if c.value.as_deref() == Some(value.as_str()) => {}
                    Some(c) => {
                        c.value = Some(value);
                        changed = true;
                    }
                    None => {
                        current.push(Attribute { name: a.name.clone(), value: Some(value) });
                        changed = true;
                    }
                }
            }
            if let Some(p) = &u.password {
                let same = s.passwords.verify(p, user.password_hash.as_deref()).await.map_err(&fail)?;
                // Also when only the SRP verifier is missing (users stored before it existed).
                if !same || user.srp_verifier.is_none() {
                    crate::user_pools::users::set_password(s, &mut user, p).await.map_err(&fail)?;
                    changed = true;
                }
                if user.status != status::CONFIRMED {
                    user.status = status::CONFIRMED.into();
                    changed = true;
                }
            }
            if user.enabled != enabled {
                user.enabled = enabled;
                changed = true;
            }
            if changed {
                save_user(s, settings, &mut user, &current).await.map_err(&fail)?;
                report.updated += 1;
            } else {
                report.unchanged += 1;
            }
            user
        }
    };
    for group in &u.groups {
        if s.store.get_group(pool_id, group).await.map_err(|e| fail(e.into()))?.is_none() {
            return Err(fail(UserPoolError::group_not_found()));
        }
        s.store
            .add_member(pool_id, group, &user.username_key, s.clock.now_millis())
            .await
            .map_err(|e| fail(e.into()))?;
    }
    Ok(())
}

/// Loads and applies the configured seed file, if any.
pub async fn apply_configured(s: &AppState, path: Option<&Path>) -> Result<Option<SeedReport>, SeedError> {
    let Some(path) = path else { return Ok(None) };
    let seed = load(path)?;
    let report = apply(s, seed).await?;
    tracing::info!(
        path = %path.display(),
        created = report.created,
        updated = report.updated,
        unchanged = report.unchanged,
        "seed file applied"
    );
    Ok(Some(report))
}
