//! User pools: CreateUserPool, DescribeUserPool, UpdateUserPool, DeleteUserPool,
//! ListUserPools, AddCustomAttributes.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::crypto::ids;
use crate::error::StorageError;
use crate::user_pools::UserPools;
use crate::user_pools::constraints;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::{
    AdminCreateUserConfig, PasswordPolicy, Policies, PoolSettings, SchemaAttribute, standard_schema,
};
use crate::user_pools::store::{CONFLICT_PRIMARY, PoolRow};
use crate::wire::{Empty, epoch_seconds, next_page, parse_page_token};

/// Loads a pool and its settings, or AWS's ResourceNotFoundException.
pub async fn load_pool(s: &UserPools, id: &str) -> Result<(PoolRow, PoolSettings), UserPoolError> {
    constraints::user_pool_id(id)?;
    let now = s.clock.now_millis();
    if let Some(cached) = s.cache.pools.get(id, now) {
        return Ok((cached.0.clone(), cached.1.clone()));
    }
    let pool = s.store.get_pool(id).await?.ok_or_else(|| UserPoolError::pool_not_found(id))?;
    let settings: PoolSettings = serde_json::from_str(&pool.settings)
        .map_err(|e| UserPoolError::Internal(crate::error::Internal::because("pool settings", e)))?;
    s.cache.pools.put(id.to_string(), now, std::sync::Arc::new((pool.clone(), settings.clone())));
    Ok((pool, settings))
}

fn encode(settings: &PoolSettings) -> Result<String, UserPoolError> {
    serde_json::to_string(settings).map_err(|e| UserPoolError::Internal(crate::error::Internal::source(e)))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateUserPoolRequest {
    pub pool_name: String,
    #[serde(default)]
    pub schema: Option<Vec<SchemaAttribute>>,
    #[serde(flatten)]
    pub settings: PoolSettings,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateUserPoolResponse {
    pub user_pool: Value,
}

/// Fills in what AWS fills in when CreateUserPool leaves it out, and checks the rest.
pub(crate) fn complete_settings(
    mut settings: PoolSettings,
    schema: Option<Vec<SchemaAttribute>>,
) -> Result<PoolSettings, UserPoolError> {
    if !settings.username_attributes().is_empty() && !settings.alias_attributes().is_empty() {
        return Err(UserPoolError::InvalidParameter(
            "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.".into(),
        ));
    }
    for a in settings.username_attributes() {
        if a != "email" && a != "phone_number" {
            return Err(UserPoolError::validation(
                "UsernameAttributes",
                Some(a),
                "Member must satisfy enum value set: [phone_number, email]",
            ));
        }
    }
    for a in settings.alias_attributes() {
        if !["email", "phone_number", "preferred_username"].contains(&a.as_str()) {
            return Err(UserPoolError::validation(
                "AliasAttributes",
                Some(a),
                "Member must satisfy enum value set: [phone_number, email, preferred_username]",
            ));
        }
    }
    apply_defaults(&mut settings)?;
    settings.schema_attributes = standard_schema();
    add_schema(&mut settings, schema.unwrap_or_default(), true)?;
    Ok(settings)
}

/// Defaults that UpdateUserPool also restores when a member is left out.
fn apply_defaults(settings: &mut PoolSettings) -> Result<(), UserPoolError> {
    crate::user_pools::triggers::check_lambda_config(settings.lambda_config.as_ref())?;
    let policy = match settings.policies.as_ref().and_then(|p| p.password_policy.clone()) {
        Some(mut p) => {
            p.minimum_length.get_or_insert(8);
            p.temporary_password_validity_days.get_or_insert(7);
            constraints::range("MinimumLength", p.minimum_length, 6, 99)?;
            constraints::range("TemporaryPasswordValidityDays", p.temporary_password_validity_days, 0, 365)?;
            p
        }
        None => PasswordPolicy::aws_default(),
    };
    let sign_in = settings.policies.as_ref().and_then(|p| p.sign_in_policy.clone());
    settings.policies = Some(Policies { password_policy: Some(policy), sign_in_policy: sign_in });
    let mfa = settings.mfa_configuration.get_or_insert_with(|| "OFF".into());
    if !["OFF", "ON", "OPTIONAL"].contains(&mfa.as_str()) {
        return Err(UserPoolError::validation(
            "MfaConfiguration",
            Some(mfa),
            "Member must satisfy enum value set: [OFF, ON, OPTIONAL]",
        ));
    }
    let protection = settings.deletion_protection.get_or_insert_with(|| "INACTIVE".into());
    if protection != "ACTIVE" && protection != "INACTIVE" {
        return Err(UserPoolError::validation(
            "DeletionProtection",
            Some(protection),
            "Member must satisfy enum value set: [ACTIVE, INACTIVE]",
        ));
    }
    let admin = settings.admin_create_user_config.get_or_insert_with(AdminCreateUserConfig::default);
    admin.allow_admin_create_user_only.get_or_insert(false);
    admin.unused_account_validity_days.get_or_insert(7);
    settings
        .email_configuration
        .get_or_insert_with(|| serde_json::json!({"EmailSendingAccount": "COGNITO_DEFAULT"}));
    settings
        .verification_message_template
        .get_or_insert_with(|| serde_json::json!({"DefaultEmailOption": "CONFIRM_WITH_CODE"}));
    settings.user_pool_tier.get_or_insert_with(|| "ESSENTIALS".into());
    Ok(())
}

/// Adds `Schema` entries: standard names adjust the standard attribute, other names become
/// `custom:` attributes. `creating` allows changes to standard attributes (only CreateUserPool may).
fn add_schema(
    settings: &mut PoolSettings,
    entries: Vec<SchemaAttribute>,
    creating: bool,
) -> Result<(), UserPoolError> {
    for mut entry in entries {
        let Some(raw) = entry.name.clone().filter(|n| !n.is_empty()) else {
            return Err(UserPoolError::validation("Name", None, "Member must not be null"));
        };
        let data_type = entry.attribute_data_type.get_or_insert_with(|| "String".into()).clone();
        if !["String", "Number", "DateTime", "Boolean"].contains(&data_type.as_str()) {
            return Err(UserPoolError::validation(
                "AttributeDataType",
                Some(&data_type),
                "Member must satisfy enum value set: [Boolean, Number, String, DateTime]",
            ));
        }
        let standard = settings.schema_attributes.iter().position(|a| a.name() == raw);
        match standard {
            Some(i) if creating && !raw.starts_with("custom:") => {
                let existing = &mut settings.schema_attributes[i];
                if raw == "sub" {
                    continue;
                }
                if let Some(required) = entry.required {
                    existing.required = Some(required);
                }
                if let Some(mutable) = entry.mutable {
                    existing.mutable = Some(mutable);
                }
                if entry.string_attribute_constraints.is_some() {
                    existing.string_attribute_constraints = entry.string_attribute_constraints;
                }
            }
            _ => {
                let name = if raw.starts_with("custom:") { raw.clone() } else { format!("custom:{raw}") };
                let bare = name.trim_start_matches("custom:");
                if bare.is_empty() || bare.chars().count() > 20 {
                    return Err(UserPoolError::validation(
                        "Name",
                        Some(&raw),
                        "Member must have length less than or equal to 20",
                    ));
                }
                if settings.schema_attribute(&name).is_some() {
                    return Err(UserPoolError::InvalidParameter(format!(
                        "{name}: Existing attribute already has name {name}."
                    )));
                }
                if entry.required == Some(true) {
                    return Err(UserPoolError::InvalidParameter(
                        "Required custom attributes are not supported currently.".into(),
                    ));
                }
                if settings.schema_attributes.iter().filter(|a| a.name().starts_with("custom:")).count() >= 50
                {
                    return Err(UserPoolError::LimitExceeded(
                        "A user pool can have at most 50 custom attributes.".into(),
                    ));
                }
                entry.name = Some(name);
                entry.developer_only_attribute.get_or_insert(false);
                entry.mutable.get_or_insert(true);
                entry.required = Some(false);
                if data_type == "String" && entry.string_attribute_constraints.is_none() {
                    entry.string_attribute_constraints = Some(Default::default());
                }
                settings.schema_attributes.push(entry);
            }
        }
    }
    Ok(())
}

/// Builds `UserPoolType` from the row and its settings.
fn user_pool_type(s: &UserPools, pool: &PoolRow, settings: &PoolSettings, estimated_users: i64) -> Value {
    let mut v = match serde_json::to_value(settings) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    // Only GetUserPoolMfaConfig shows these.
    for key in ["SoftwareTokenMfaConfiguration", "SmsMfaConfiguration", "EmailMfaConfiguration"] {
        v.remove(key);
    }
    v.insert("Id".into(), pool.user_pool_id.clone().into());
    v.insert("Name".into(), pool.name.clone().into());
    v.insert("Arn".into(), arn(s, &pool.user_pool_id).into());
    v.insert("CreationDate".into(), epoch_seconds(pool.created_at).into());
    v.insert("LastModifiedDate".into(), epoch_seconds(pool.updated_at).into());
    v.insert("EstimatedNumberOfUsers".into(), estimated_users.into());
    Value::Object(v)
}

pub fn arn(s: &UserPools, id: &str) -> String {
    format!("arn:aws:cognito-idp:{}:{}:userpool/{id}", s.region(), s.account_id())
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html>
pub async fn create_user_pool(
    s: &UserPools,
    r: CreateUserPoolRequest,
) -> Result<CreateUserPoolResponse, UserPoolError> {
    create_pool_with_id(s, r, None).await
}

/// CreateUserPool with an optional pinned id (the seed file's `Id`).
pub async fn create_pool_with_id(
    s: &UserPools,
    r: CreateUserPoolRequest,
    id: Option<String>,
) -> Result<CreateUserPoolResponse, UserPoolError> {
    constraints::resource_name("PoolName", &r.pool_name)?;
    let settings = complete_settings(r.settings, r.schema)?;
    let now = s.clock.now_millis();
    let pinned = id.is_some();
    let mut attempts = 0;
    loop {
        let user_pool_id = id.clone().unwrap_or_else(|| ids::user_pool_id(s.region()));
        constraints::user_pool_id(&user_pool_id)?;
        let row = PoolRow {
            user_pool_id,
            name: r.pool_name.clone(),
            settings: encode(&settings)?,
            created_at: now,
            updated_at: now,
        };
        match s.store.insert_pool(&row).await {
            Ok(()) => {
                s.keys.create_first(&row.user_pool_id).await?;
                tracing::info!(user_pool.id = %row.user_pool_id, "user pool created");
                return Ok(CreateUserPoolResponse { user_pool: user_pool_type(s, &row, &settings, 0) });
            }
            // A random id collided: draw again. A pinned id that exists is the caller's problem.
            Err(StorageError::Conflict(CONFLICT_PRIMARY)) if !pinned && attempts < 3 => attempts += 1,
            Err(StorageError::Conflict(_)) => {
                return Err(UserPoolError::InvalidParameter(format!(
                    "User pool {} already exists.",
                    row.user_pool_id
                )));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeUserPoolRequest {
    pub user_pool_id: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeUserPoolResponse {
    pub user_pool: Value,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPool.html>
pub async fn describe_user_pool(
    s: &UserPools,
    r: DescribeUserPoolRequest,
) -> Result<DescribeUserPoolResponse, UserPoolError> {
    let (pool, settings) = load_pool(s, &r.user_pool_id).await?;
    let users = s.store.count_users(&pool.user_pool_id).await?;
    let mut user_pool = user_pool_type(s, &pool, &settings, users);
    let domains = s.store.list_pool_domains(&pool.user_pool_id).await?;
    let find = |custom: bool| domains.iter().find(|d| d.custom == custom).map(|d| d.domain.clone());
    let (prefix, custom) = (find(false), find(true));
    if let Some(prefix) = prefix {
        user_pool["Domain"] = prefix.into();
    }
    if let Some(custom) = custom {
        user_pool["CustomDomain"] = custom.into();
    }
    Ok(DescribeUserPoolResponse { user_pool })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateUserPoolRequest {
    pub user_pool_id: String,
    #[serde(default)]
    pub pool_name: Option<String>,
    #[serde(flatten)]
    pub settings: PoolSettings,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPool.html>
///
/// As in AWS, members left out of the request go back to their defaults; what cannot change
/// after creation (schema, username and alias attributes, case sensitivity) is kept.
pub async fn update_user_pool(s: &UserPools, r: UpdateUserPoolRequest) -> Result<Empty, UserPoolError> {
    let (mut pool, old) = load_pool(s, &r.user_pool_id).await?;
    if let Some(name) = &r.pool_name {
        constraints::resource_name("PoolName", name)?;
        pool.name = name.clone();
    }
    let mut settings = r.settings;
    settings.username_attributes = old.username_attributes;
    settings.alias_attributes = old.alias_attributes;
    settings.username_configuration = old.username_configuration;
    settings.schema_attributes = old.schema_attributes;
    // Set by SetUserPoolMfaConfig, not by UpdateUserPool.
    settings.software_token_mfa_configuration = old.software_token_mfa_configuration;
    settings.sms_mfa_configuration = old.sms_mfa_configuration;
    settings.email_mfa_configuration = old.email_mfa_configuration;
    apply_defaults(&mut settings)?;
    pool.settings = encode(&settings)?;
    pool.updated_at = s.clock.now_millis();
    s.store.update_pool(&pool).await.map_err(|e| match e {
        StorageError::NotFound => UserPoolError::pool_not_found(&r.user_pool_id),
        e => e.into(),
    })?;
    s.cache.invalidate_pool(&pool.user_pool_id);
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteUserPoolRequest {
    pub user_pool_id: String,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPool.html>
pub async fn delete_user_pool(s: &UserPools, r: DeleteUserPoolRequest) -> Result<Empty, UserPoolError> {
    let (pool, settings) = load_pool(s, &r.user_pool_id).await?;
    if settings.deletion_protection.as_deref() == Some("ACTIVE") {
        return Err(UserPoolError::InvalidParameter(
            "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactive first.".into(),
        ));
    }
    if !s.store.list_pool_domains(&pool.user_pool_id).await?.is_empty() {
        return Err(UserPoolError::InvalidParameter(
            "User pool cannot be deleted. It has a domain configured that should be deleted first.".into(),
        ));
    }
    if !s.store.delete_pool(&pool.user_pool_id).await? {
        return Err(UserPoolError::pool_not_found(&pool.user_pool_id));
    }
    s.keys.invalidate(&pool.user_pool_id);
    s.cache.invalidate_pool(&pool.user_pool_id);
    tracing::info!(user_pool.id = %pool.user_pool_id, "user pool deleted");
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUserPoolsRequest {
    pub max_results: i64,
    #[serde(default)]
    pub next_token: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserPoolDescription {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lambda_config: Option<Value>,
    pub creation_date: f64,
    pub last_modified_date: f64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUserPoolsResponse {
    pub user_pools: Vec<UserPoolDescription>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUserPools.html>
pub async fn list_user_pools(
    s: &UserPools,
    r: ListUserPoolsRequest,
) -> Result<ListUserPoolsResponse, UserPoolError> {
    constraints::range("MaxResults", Some(r.max_results), 1, 60)?;
    let after = parse_page_token(r.next_token.as_deref())?;
    let mut rows = s.store.list_pools(after.as_deref(), r.max_results + 1).await?;
    let next_token = next_page(&mut rows, r.max_results, |p| &p.user_pool_id);
    let user_pools = rows
        .into_iter()
        .map(|p| {
            let settings: PoolSettings = serde_json::from_str(&p.settings).unwrap_or_default();
            UserPoolDescription {
                id: p.user_pool_id,
                name: p.name,
                lambda_config: Some(settings.lambda_config.unwrap_or_else(|| Value::Object(Map::new()))),
                creation_date: epoch_seconds(p.created_at),
                last_modified_date: epoch_seconds(p.updated_at),
            }
        })
        .collect();
    Ok(ListUserPoolsResponse { user_pools, next_token })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AddCustomAttributesRequest {
    pub user_pool_id: String,
    pub custom_attributes: Vec<SchemaAttribute>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddCustomAttributes.html>
pub async fn add_custom_attributes(
    s: &UserPools,
    r: AddCustomAttributesRequest,
) -> Result<Empty, UserPoolError> {
    constraints::range("CustomAttributes", Some(r.custom_attributes.len() as i64), 1, 25).map_err(|_| {
        UserPoolError::validation(
            "CustomAttributes",
            None,
            "Member must have length greater than or equal to 1",
        )
    })?;
    let (mut pool, mut settings) = load_pool(s, &r.user_pool_id).await?;
    add_schema(&mut settings, r.custom_attributes, false)?;
    pool.settings = encode(&settings)?;
    pool.updated_at = s.clock.now_millis();
    s.store.update_pool(&pool).await?;
    s.cache.invalidate_pool(&pool.user_pool_id);
    Ok(Empty {})
}
