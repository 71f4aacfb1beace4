//! Identity-pool management: CreateIdentityPool, DescribeIdentityPool, UpdateIdentityPool,
//! DeleteIdentityPool, ListIdentityPools, TagResource, UntagResource, ListTagsForResource,
//! SetIdentityPoolRoles, GetIdentityPoolRoles. Identities, credentials and federation are
//! not here (not built yet).

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::error::IdentityPoolError;
use super::model::{IdentityPoolSettings, PoolRoles, RoleMapping};
use super::store::CONFLICT_PRIMARY;
use super::store::IdentityPoolRow;
use super::{CachedPool, IdentityPools};
use crate::crypto::ids;
use crate::error::StorageError;
use crate::validation::{
    self, fail, is_printable_name, is_visible, is_word, length, length_constraint, pattern,
};
use crate::wire::{Empty, next_page, parse_page_token};

type Result<T, E = IdentityPoolError> = std::result::Result<T, E>;

/// AWS's limit of tags on one identity pool (unverified message; see [`check_tags`]).
const MAX_TAGS: usize = 50;

/// `IdentityPoolId`: 1–55 chars, `[\w-]+:[0-9a-f-]+`.
pub fn identity_pool_id(id: &str) -> Result<()> {
    region_guid("IdentityPoolId", id)
}

/// The shape identity pool ids and identity ids share: 1–55 chars, `[\w-]+:[0-9a-f-]+`.
pub fn region_guid(field: &str, id: &str) -> Result<()> {
    length(field, id, Some(id), 1, 55)?;
    let ok = id.split_once(':').is_some_and(|(region, rest)| {
        !region.is_empty()
            && region.chars().all(|c| is_word(c) || c == '-')
            && !rest.is_empty()
            && rest.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f' | '-'))
    });
    Ok(pattern(field, Some(id), ok, r"[\w-]+:[0-9a-f-]+")?)
}

/// Loads a pool and its settings, or AWS's ResourceNotFoundException.
pub async fn load_identity_pool(
    s: &IdentityPools,
    id: &str,
) -> Result<(IdentityPoolRow, IdentityPoolSettings)> {
    identity_pool_id(id)?;
    let row = s.store.get_identity_pool(id).await?.ok_or_else(|| IdentityPoolError::pool_not_found(id))?;
    let settings = serde_json::from_str(&row.settings).map_err(|e| {
        IdentityPoolError::Internal(crate::error::Internal::because("identity pool settings", e))
    })?;
    Ok((row, settings))
}

/// Like [`load_identity_pool`], with the roles parsed too, through the short-lived cache
/// (`IdentityPools::cache`): for the public identity operations, which read a pool on every
/// call. Writes on this node invalidate it; management operations always read the database.
pub async fn cached_identity_pool(s: &IdentityPools, id: &str) -> Result<Arc<CachedPool>> {
    identity_pool_id(id)?;
    let now = s.clock.now_millis();
    if let Some(found) = s.cache.pools.get(id, now) {
        return Ok(found);
    }
    let (row, settings) = load_identity_pool(s, id).await?;
    let roles = serde_json::from_str(&row.roles).map_err(|e| {
        IdentityPoolError::Internal(crate::error::Internal::because("identity pool roles", e))
    })?;
    let loaded = Arc::new(CachedPool { row, settings, roles });
    s.cache.pools.put(id.to_string(), now, loaded.clone());
    Ok(loaded)
}

fn encode<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| IdentityPoolError::Internal(crate::error::Internal::source(e)))
}

/// A map as Java prints it in AWS's validation messages: `{k1=v1, k2=v2}`.
fn java_map<'a>(entries: impl Iterator<Item = (&'a String, &'a String)>) -> String {
    let inner: Vec<String> = entries.map(|(k, v)| format!("{k}={v}")).collect();
    format!("{{{}}}", inner.join(", "))
}

/// Map keys and values against their member constraints, in AWS's wording for maps.
fn check_map(
    field: &str,
    map: &BTreeMap<String, String>,
    max_entries: Option<usize>,
    key: impl Fn(&str) -> Option<String>,
    value: impl Fn(&str) -> Option<String>,
) -> Result<()> {
    let shown = java_map(map.iter());
    if let Some(max) = max_entries
        && map.len() > max
    {
        return Err(IdentityPoolError::validation(
            field,
            Some(&shown),
            &format!("Member must have length less than or equal to {max}"),
        ));
    }
    for (k, v) in map {
        if let Some(c) = key(k) {
            return Err(IdentityPoolError::validation(
                field,
                Some(&shown),
                &format!("Map keys must satisfy constraint: [{c}]"),
            ));
        }
        if let Some(c) = value(v) {
            return Err(IdentityPoolError::validation(
                field,
                Some(&shown),
                &format!("Map value must satisfy constraint: [{c}]"),
            ));
        }
    }
    Ok(())
}

/// A length constraint, then a pattern, as one constraint text or `None`.
fn constrained(
    value: &str,
    min: usize,
    max: usize,
    ok: impl Fn(char) -> bool,
    regex: &str,
) -> Option<String> {
    length_constraint(value, min, max).or_else(|| {
        (!value.chars().all(ok)).then(|| format!("Member must satisfy regular expression pattern: {regex}"))
    })
}

/// `IdentityPoolTagsType`: keys 1–128, values 0–256, at most 50 tags.
///
/// AWS deviation (unverified): the message for more than 50 tags is a guess.
fn check_tags(field: &str, tags: &BTreeMap<String, String>) -> Result<()> {
    check_map(field, tags, None, |k| length_constraint(k, 1, 128), |v| length_constraint(v, 0, 256))?;
    if tags.len() > MAX_TAGS {
        return Err(IdentityPoolError::InvalidParameter(format!(
            "An identity pool can have at most {MAX_TAGS} tags."
        )));
    }
    Ok(())
}

/// `ARNString` members: 20–2048 chars (the model has no pattern for them).
fn check_arn_list(field: &str, arns: &[String]) -> Result<()> {
    for (i, arn) in arns.iter().enumerate() {
        let member = format!("{}.{}.member", validation::lower_first(field), i + 1);
        length(&member, arn, Some(arn), 20, 2048)?;
    }
    Ok(())
}

/// The constraints of every settings member (the model's; AWS checks more against IAM).
pub fn check_settings(settings: &IdentityPoolSettings) -> Result<()> {
    if let Some(providers) = &settings.supported_login_providers {
        check_map(
            "SupportedLoginProviders",
            providers,
            Some(10),
            |k| length_constraint(k, 1, 128),
            |v| constrained(v, 1, 128, |c| is_word(c) || ".;_/-".contains(c), r"[\w.;_/-]+"),
        )?;
    }
    if let Some(name) = &settings.developer_provider_name {
        length("DeveloperProviderName", name, Some(name), 1, 128)?;
        let ok = name.chars().all(|c| is_word(c) || "._-".contains(c));
        pattern("DeveloperProviderName", Some(name), ok, r"[\w._-]+")?;
    }
    if let Some(arns) = &settings.open_id_connect_provider_arns {
        check_arn_list("OpenIdConnectProviderARNs", arns)?;
    }
    if let Some(arns) = &settings.saml_provider_arns {
        check_arn_list("SamlProviderARNs", arns)?;
    }
    for (i, p) in settings.cognito_identity_providers.iter().flatten().enumerate() {
        let member = format!("cognitoIdentityProviders.{}.member", i + 1);
        if let Some(name) = &p.provider_name {
            let field = format!("{member}.providerName");
            length(&field, name, Some(name), 1, 128)?;
            let ok = name.chars().all(|c| is_word(c) || "._:/-".contains(c));
            pattern(&field, Some(name), ok, r"[\w._:/-]+")?;
        }
        if let Some(id) = &p.client_id {
            let field = format!("{member}.clientId");
            length(&field, id, Some(id), 1, 128)?;
            pattern(&field, Some(id), id.chars().all(is_word), r"[\w_]+")?;
        }
    }
    if let Some(tags) = &settings.identity_pool_tags {
        check_tags("IdentityPoolTags", tags)?;
    }
    Ok(())
}

/// `IdentityPool`: the response of Create/Describe/Update and the input of Update.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IdentityPool {
    pub identity_pool_id: String,
    pub identity_pool_name: String,
    #[serde(flatten)]
    pub settings: IdentityPoolSettings,
}

impl IdentityPool {
    fn new(row: IdentityPoolRow, settings: IdentityPoolSettings) -> Self {
        Self { identity_pool_id: row.identity_pool_id, identity_pool_name: row.name, settings }
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateIdentityPoolRequest {
    pub identity_pool_name: String,
    #[serde(flatten)]
    pub settings: IdentityPoolSettings,
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_CreateIdentityPool.html>
pub async fn create_identity_pool(s: &IdentityPools, r: CreateIdentityPoolRequest) -> Result<IdentityPool> {
    create_identity_pool_with_id(s, r, None).await
}

/// CreateIdentityPool with an optional pinned id (for seed files).
pub async fn create_identity_pool_with_id(
    s: &IdentityPools,
    r: CreateIdentityPoolRequest,
    id: Option<String>,
) -> Result<IdentityPool> {
    validation::resource_name("IdentityPoolName", &r.identity_pool_name)?;
    check_settings(&r.settings)?;
    if let Some(id) = &id {
        identity_pool_id(id)?;
    }
    let now = s.clock.now_millis();
    let row = IdentityPoolRow {
        identity_pool_id: id.unwrap_or_else(|| ids::identity_pool_id(s.region())),
        name: r.identity_pool_name,
        settings: encode(&r.settings)?,
        roles: encode(&PoolRoles::default())?,
        created_at: now,
        updated_at: now,
    };
    s.store.insert_identity_pool(&row).await.map_err(|e| match e {
        // Only a pinned id can collide (a v4 uuid does not in practice).
        StorageError::Conflict(CONFLICT_PRIMARY) => IdentityPoolError::ResourceConflict(format!(
            "IdentityPool '{}' already exists.",
            row.identity_pool_id
        )),
        e => e.into(),
    })?;
    Ok(IdentityPool::new(row, r.settings))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IdentityPoolIdRequest {
    pub identity_pool_id: String,
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_DescribeIdentityPool.html>
pub async fn describe_identity_pool(s: &IdentityPools, r: IdentityPoolIdRequest) -> Result<IdentityPool> {
    let (row, settings) = load_identity_pool(s, &r.identity_pool_id).await?;
    Ok(IdentityPool::new(row, settings))
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_UpdateIdentityPool.html>
///
/// Like AWS, the request replaces the whole configuration: members left out are cleared.
/// AWS deviation (unverified): tags left out of the request are kept, since tags have
/// their own operations.
pub async fn update_identity_pool(s: &IdentityPools, r: IdentityPool) -> Result<IdentityPool> {
    let (mut row, old) = load_identity_pool(s, &r.identity_pool_id).await?;
    validation::resource_name("IdentityPoolName", &r.identity_pool_name)?;
    check_settings(&r.settings)?;
    let mut settings = r.settings;
    if settings.identity_pool_tags.is_none() {
        settings.identity_pool_tags = old.identity_pool_tags;
    }
    row.name = r.identity_pool_name;
    row.settings = encode(&settings)?;
    row.updated_at = s.clock.now_millis();
    s.store.update_identity_pool(&row).await.map_err(|e| match e {
        StorageError::NotFound => IdentityPoolError::pool_not_found(&row.identity_pool_id),
        e => e.into(),
    })?;
    s.cache.invalidate_pool(&row.identity_pool_id);
    Ok(IdentityPool::new(row, settings))
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_DeleteIdentityPool.html>
pub async fn delete_identity_pool(s: &IdentityPools, r: IdentityPoolIdRequest) -> Result<Empty> {
    identity_pool_id(&r.identity_pool_id)?;
    let deleted = s.store.delete_identity_pool(&r.identity_pool_id).await?;
    s.cache.invalidate_pool(&r.identity_pool_id);
    if !deleted {
        return Err(IdentityPoolError::pool_not_found(&r.identity_pool_id));
    }
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListIdentityPoolsRequest {
    pub max_results: i64,
    #[serde(default)]
    pub next_token: Option<String>,
}

/// `IdentityPoolShortDescription`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct IdentityPoolShortDescription {
    pub identity_pool_id: String,
    pub identity_pool_name: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListIdentityPoolsResponse {
    pub identity_pools: Vec<IdentityPoolShortDescription>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_ListIdentityPools.html>
pub async fn list_identity_pools(
    s: &IdentityPools,
    r: ListIdentityPoolsRequest,
) -> Result<ListIdentityPoolsResponse> {
    validation::range("MaxResults", Some(r.max_results), 1, 60)?;
    if let Some(token) = &r.next_token {
        length("NextToken", token, Some(token), 1, 65535)?;
        pattern("NextToken", Some(token), is_visible(token), r"[\S]+")?;
    }
    let after = parse_page_token(r.next_token.as_deref())?;
    let mut rows = s.store.list_identity_pools(after.as_deref(), r.max_results + 1).await?;
    let next_token = next_page(&mut rows, r.max_results, |p| &p.identity_pool_id);
    let identity_pools = rows
        .into_iter()
        .map(|p| IdentityPoolShortDescription {
            identity_pool_id: p.identity_pool_id,
            identity_pool_name: p.name,
        })
        .collect();
    Ok(ListIdentityPoolsResponse { identity_pools, next_token })
}

/// The identity pool an ARN names, if it is
/// `arn:<partition>:cognito-identity:<our region>:<our account>:identitypool/<id>`.
///
/// AWS deviation (unverified): an ARN of anything else is ResourceNotFoundException
/// naming the ARN; AWS's exact answer for foreign ARNs is not known.
async fn load_by_arn(s: &IdentityPools, arn: &str) -> Result<(IdentityPoolRow, IdentityPoolSettings)> {
    length("ResourceArn", arn, Some(arn), 20, 2048)?;
    let not_found = || IdentityPoolError::ResourceNotFound(format!("Resource '{arn}' not found."));
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [prefix, partition, service, region, account, resource] = parts[..] else {
        return Err(not_found());
    };
    if prefix != "arn" || partition.is_empty() || service != "cognito-identity" {
        return Err(not_found());
    }
    if region != s.region() || account != s.account_id() {
        return Err(not_found());
    }
    let id = resource.strip_prefix("identitypool/").ok_or_else(not_found)?;
    if identity_pool_id(id).is_err() {
        return Err(not_found());
    }
    load_identity_pool(s, id).await
}

async fn save_tags(
    s: &IdentityPools,
    mut row: IdentityPoolRow,
    mut settings: IdentityPoolSettings,
    tags: BTreeMap<String, String>,
) -> Result<()> {
    settings.identity_pool_tags = Some(tags);
    row.settings = encode(&settings)?;
    row.updated_at = s.clock.now_millis();
    let done = s.store.update_identity_pool(&row).await.map_err(|e| match e {
        StorageError::NotFound => IdentityPoolError::pool_not_found(&row.identity_pool_id),
        e => e.into(),
    });
    s.cache.invalidate_pool(&row.identity_pool_id);
    done
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TagResourceRequest {
    pub resource_arn: String,
    pub tags: BTreeMap<String, String>,
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_TagResource.html>
///
/// Adds the tags, overwriting values of keys already there.
pub async fn tag_resource(s: &IdentityPools, r: TagResourceRequest) -> Result<Empty> {
    check_tags("Tags", &r.tags)?;
    let (row, settings) = load_by_arn(s, &r.resource_arn).await?;
    let mut tags = settings.identity_pool_tags.clone().unwrap_or_default();
    tags.extend(r.tags);
    check_tags("Tags", &tags)?;
    save_tags(s, row, settings, tags).await?;
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UntagResourceRequest {
    pub resource_arn: String,
    pub tag_keys: Vec<String>,
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_UntagResource.html>
///
/// Keys that are not there are ignored.
pub async fn untag_resource(s: &IdentityPools, r: UntagResourceRequest) -> Result<Empty> {
    for (i, key) in r.tag_keys.iter().enumerate() {
        length(&format!("tagKeys.{}.member", i + 1), key, Some(key), 1, 128)?;
    }
    let (row, settings) = load_by_arn(s, &r.resource_arn).await?;
    let mut tags = settings.identity_pool_tags.clone().unwrap_or_default();
    for key in &r.tag_keys {
        tags.remove(key);
    }
    save_tags(s, row, settings, tags).await?;
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListTagsForResourceRequest {
    pub resource_arn: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListTagsForResourceResponse {
    pub tags: BTreeMap<String, String>,
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_ListTagsForResource.html>
pub async fn list_tags_for_resource(
    s: &IdentityPools,
    r: ListTagsForResourceRequest,
) -> Result<ListTagsForResourceResponse> {
    let (_, settings) = load_by_arn(s, &r.resource_arn).await?;
    Ok(ListTagsForResourceResponse { tags: settings.identity_pool_tags.unwrap_or_default() })
}

const ROLE_TYPES: [&str; 2] = ["authenticated", "unauthenticated"];
const ROLE_MAPPING_TYPES: [&str; 2] = ["Token", "Rules"];
const AMBIGUOUS_ROLE_RESOLUTIONS: [&str; 2] = ["AuthenticatedRole", "Deny"];
const MATCH_TYPES: [&str; 4] = ["Equals", "Contains", "StartsWith", "NotEqual"];

/// An IAM role ARN: `ARNString` length, then `arn:<partition>:iam::<account>:role/<name>`.
///
/// AWS deviation (unverified): AWS's message for a well-formed non-role ARN is not known;
/// this answers with a pattern-style validation message.
fn role_arn_constraint(arn: &str) -> Option<String> {
    length_constraint(arn, 20, 2048).or_else(|| {
        let parts: Vec<&str> = arn.splitn(6, ':').collect();
        let ok = validation::is_arn(arn) && parts[2] == "iam" && parts[5].starts_with("role/");
        (!ok)
            .then(|| "Member must satisfy regular expression pattern: arn:[\\w-]+:iam::[0-9]+:role/.+".into())
    })
}

fn one_of(field: &str, value: &str, allowed: &[&str]) -> Result<()> {
    if allowed.contains(&value) {
        return Ok(());
    }
    Err(IdentityPoolError::validation(
        field,
        Some(value),
        &format!("Member must satisfy enum value set: [{}]", allowed.join(", ")),
    ))
}

fn check_role_mapping(provider: &str, m: &RoleMapping) -> Result<()> {
    let member = format!("roleMappings.{provider}.member");
    one_of(&format!("{member}.type"), &m.r#type, &ROLE_MAPPING_TYPES)?;
    if let Some(resolution) = &m.ambiguous_role_resolution {
        one_of(&format!("{member}.ambiguousRoleResolution"), resolution, &AMBIGUOUS_ROLE_RESOLUTIONS)?;
    } else {
        // AWS documents AmbiguousRoleResolution as required for Token and Rules (message unverified).
        return Err(IdentityPoolError::InvalidParameter(format!(
            "AmbiguousRoleResolution must be specified for the role mapping of {provider}."
        )));
    }
    let Some(rules) = &m.rules_configuration else {
        if m.r#type == "Rules" {
            // Message unverified.
            return Err(IdentityPoolError::InvalidParameter(format!(
                "RulesConfiguration must be specified for the Rules role mapping of {provider}."
            )));
        }
        return Ok(());
    };
    let field = format!("{member}.rulesConfiguration.rules");
    let count = rules.rules.len() as i64;
    if count < 1 {
        return Err(IdentityPoolError::validation(
            &field,
            Some("[]"),
            "Member must have length greater than or equal to 1",
        ));
    }
    if count > 400 {
        return Err(IdentityPoolError::validation(
            &field,
            None,
            "Member must have length less than or equal to 400",
        ));
    }
    for (i, rule) in rules.rules.iter().enumerate() {
        let rule_member = format!("{field}.{}.member", i + 1);
        let claim = format!("{rule_member}.claim");
        length(&claim, &rule.claim, Some(&rule.claim), 1, 64)?;
        pattern(&claim, Some(&rule.claim), is_printable_name(&rule.claim), r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+")?;
        one_of(&format!("{rule_member}.matchType"), &rule.match_type, &MATCH_TYPES)?;
        length(&format!("{rule_member}.value"), &rule.value, Some(&rule.value), 1, 128)?;
        if let Some(c) = role_arn_constraint(&rule.role_arn) {
            return Err(fail(&format!("{rule_member}.roleARN"), Some(&rule.role_arn), &c).into());
        }
    }
    Ok(())
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SetIdentityPoolRolesRequest {
    pub identity_pool_id: String,
    pub roles: BTreeMap<String, String>,
    #[serde(default)]
    pub role_mappings: Option<BTreeMap<String, RoleMapping>>,
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_SetIdentityPoolRoles.html>
///
/// Replaces the roles and role mappings. AWS deviation: role ARNs are checked for shape
/// only, not against IAM, and mapping keys are not checked against the pool's providers.
pub async fn set_identity_pool_roles(s: &IdentityPools, r: SetIdentityPoolRolesRequest) -> Result<Empty> {
    check_map(
        "Roles",
        &r.roles,
        Some(2),
        |k| {
            constrained(k, 1, 128, |_| true, "(un)?authenticated").or_else(|| {
                (!ROLE_TYPES.contains(&k))
                    .then(|| "Member must satisfy regular expression pattern: (un)?authenticated".into())
            })
        },
        role_arn_constraint,
    )?;
    if let Some(mappings) = &r.role_mappings {
        if mappings.len() > 10 {
            return Err(IdentityPoolError::validation(
                "RoleMappings",
                None,
                "Member must have length less than or equal to 10",
            ));
        }
        for (provider, mapping) in mappings {
            if let Some(c) = length_constraint(provider, 1, 128) {
                return Err(IdentityPoolError::validation(
                    "RoleMappings",
                    None,
                    &format!("Map keys must satisfy constraint: [{c}]"),
                ));
            }
            check_role_mapping(provider, mapping)?;
        }
    }
    let (row, _) = load_identity_pool(s, &r.identity_pool_id).await?;
    let roles = PoolRoles { roles: r.roles, role_mappings: r.role_mappings.filter(|m| !m.is_empty()) };
    s.store
        .set_identity_pool_roles(&row.identity_pool_id, &encode(&roles)?, s.clock.now_millis())
        .await
        .map_err(|e| match e {
            StorageError::NotFound => IdentityPoolError::pool_not_found(&row.identity_pool_id),
            e => e.into(),
        })?;
    s.cache.invalidate_pool(&row.identity_pool_id);
    Ok(Empty {})
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetIdentityPoolRolesResponse {
    pub identity_pool_id: String,
    pub roles: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_mappings: Option<BTreeMap<String, RoleMapping>>,
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetIdentityPoolRoles.html>
pub async fn get_identity_pool_roles(
    s: &IdentityPools,
    r: IdentityPoolIdRequest,
) -> Result<GetIdentityPoolRolesResponse> {
    let (row, _) = load_identity_pool(s, &r.identity_pool_id).await?;
    let roles: PoolRoles = serde_json::from_str(&row.roles).map_err(|e| {
        IdentityPoolError::Internal(crate::error::Internal::because("identity pool roles", e))
    })?;
    Ok(GetIdentityPoolRolesResponse {
        identity_pool_id: row.identity_pool_id,
        roles: roles.roles,
        role_mappings: roles.role_mappings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_pool_ids_follow_the_model_pattern() {
        let cases = [
            ("generated id", "us-east-1:0b7c2a9e-5d7c-4a39-9a3b-3f1f6e1c2d4e", true),
            ("no colon", "us-east-1_abc", false),
            ("upper-case hex", "us-east-1:ABC", false),
            ("empty region", ":abc", false),
            ("too long", &format!("us-east-1:{}", "a".repeat(50)), false),
        ];
        for (description, id, ok) in cases {
            assert_eq!(identity_pool_id(id).is_ok(), ok, "{description}");
        }
    }

    #[test]
    fn role_arns_must_name_iam_roles() {
        assert!(role_arn_constraint("arn:aws:iam::123456789012:role/authenticated").is_none());
        assert!(role_arn_constraint("arn:aws:s3:::bucket-name-long-enough").is_some());
        assert!(role_arn_constraint("short").is_some());
    }

    #[test]
    fn settings_serialize_in_aws_shape() {
        let settings: IdentityPoolSettings = serde_json::from_str(
            r#"{"AllowUnauthenticatedIdentities":true,"OpenIdConnectProviderARNs":["arn:aws:iam::123456789012:oidc-provider/x"]}"#,
        )
        .unwrap();
        let json = serde_json::to_value(&settings).unwrap();
        assert_eq!(json["OpenIdConnectProviderARNs"][0], "arn:aws:iam::123456789012:oidc-provider/x");
        assert!(json.get("AllowClassicFlow").is_none(), "members left out stay out");
    }
}
