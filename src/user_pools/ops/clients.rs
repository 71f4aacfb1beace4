//! App clients: CreateUserPoolClient, DescribeUserPoolClient, UpdateUserPoolClient,
//! DeleteUserPoolClient, ListUserPoolClients. Secrets are sealed under the master key: the
//! service needs them in clear to check SECRET_HASH, so hashing is not an option.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::pools::load_pool;
use crate::crypto::ids;
use crate::error::StorageError;
use crate::user_pools::UserPools;
use crate::user_pools::constraints;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::{ClientSettings, PoolSettings};
use crate::user_pools::store::{CONFLICT_PRIMARY, ClientRow};
use crate::wire::{Empty, epoch_seconds, next_page, parse_page_token};

pub(crate) const SECRET_PURPOSE: &str = "client-secret";

const AUTH_FLOWS: &[&str] = &[
    "ADMIN_NO_SRP_AUTH",
    "CUSTOM_AUTH_FLOW_ONLY",
    "USER_PASSWORD_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_CUSTOM_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_USER_AUTH",
    "ALLOW_TOKEN_EXCHANGE_DELEGATION",
    "ALLOW_TOKEN_EXCHANGE_IMPERSONATION",
];

/// The client's secret in clear, if it has one.
pub fn client_secret(s: &UserPools, client: &ClientRow) -> Result<Option<String>, UserPoolError> {
    client
        .secret_sealed
        .as_deref()
        .map(|sealed| {
            s.sealer.open(SECRET_PURPOSE, sealed).ok().and_then(|b| String::from_utf8(b).ok()).ok_or_else(
                || UserPoolError::Internal("client secret does not open under the master key".into()),
            )
        })
        .transpose()
}

/// Loads a client of a pool, or AWS's ResourceNotFoundException.
pub async fn load_client(s: &UserPools, pool_id: &str, client_id: &str) -> Result<ClientRow, UserPoolError> {
    constraints::client_id(client_id)?;
    s.store.get_client(pool_id, client_id).await?.ok_or_else(|| UserPoolError::client_not_found(client_id))
}

/// Checks a client's settings and fills in AWS's defaults.
pub(crate) fn complete(mut c: ClientSettings, pool: &PoolSettings) -> Result<ClientSettings, UserPoolError> {
    if let Some(flows) = &c.explicit_auth_flows {
        for flow in flows {
            if !AUTH_FLOWS.contains(&flow.as_str()) {
                return Err(UserPoolError::validation(
                    "ExplicitAuthFlows",
                    Some(flow),
                    &format!("Member must satisfy enum value set: [{}]", AUTH_FLOWS.join(", ")),
                ));
            }
        }
        let legacy = flows.iter().any(|f| !f.starts_with("ALLOW_"));
        let modern = flows.iter().any(|f| f.starts_with("ALLOW_"));
        if legacy && modern {
            return Err(UserPoolError::InvalidParameter(
                "The legacy and new auth flow values cannot be used together.".into(),
            ));
        }
    }
    if let Some(p) = &c.prevent_user_existence_errors
        && p != "LEGACY"
        && p != "ENABLED"
    {
        return Err(UserPoolError::validation(
            "PreventUserExistenceErrors",
            Some(p),
            "Member must satisfy enum value set: [LEGACY, ENABLED]",
        ));
    }
    for (field, list) in [("ReadAttributes", &c.read_attributes), ("WriteAttributes", &c.write_attributes)] {
        for name in list.iter().flatten() {
            if pool.schema_attribute(name).is_none() {
                return Err(UserPoolError::InvalidParameter(format!(
                    "Invalid {field} specified while creating a client: {name}"
                )));
            }
        }
    }
    constraints::range("AccessTokenValidity", c.access_token_validity, 1, 86400)?;
    constraints::range("IdTokenValidity", c.id_token_validity, 1, 86400)?;
    constraints::range("RefreshTokenValidity", c.refresh_token_validity, 0, 315360000)?;
    constraints::range("AuthSessionValidity", c.auth_session_validity, 3, 15)?;
    if c.refresh_token_validity.is_none_or(|v| v == 0) {
        c.refresh_token_validity = Some(30);
    }
    c.auth_session_validity.get_or_insert(3);
    c.allowed_o_auth_flows_user_pool_client.get_or_insert(false);
    c.enable_token_revocation.get_or_insert(true);
    c.enable_propagate_additional_user_context_data.get_or_insert(false);
    Ok(c)
}

/// Builds `UserPoolClientType`.
fn client_type(client: &ClientRow, settings: &ClientSettings, secret: Option<String>) -> Value {
    let mut v = match serde_json::to_value(settings) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    v.insert("UserPoolId".into(), client.user_pool_id.clone().into());
    v.insert("ClientName".into(), client.client_name.clone().into());
    v.insert("ClientId".into(), client.client_id.clone().into());
    if let Some(secret) = secret {
        v.insert("ClientSecret".into(), secret.into());
    }
    v.insert("CreationDate".into(), epoch_seconds(client.created_at).into());
    v.insert("LastModifiedDate".into(), epoch_seconds(client.updated_at).into());
    Value::Object(v)
}

fn settings_of(client: &ClientRow) -> Result<ClientSettings, UserPoolError> {
    serde_json::from_str(&client.settings)
        .map_err(|e| UserPoolError::Internal(crate::error::Internal::because("client settings", e)))
}

fn encode(settings: &ClientSettings) -> Result<String, UserPoolError> {
    serde_json::to_string(settings).map_err(|e| UserPoolError::Internal(crate::error::Internal::source(e)))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateUserPoolClientRequest {
    pub user_pool_id: String,
    pub client_name: String,
    #[serde(default)]
    pub generate_secret: Option<bool>,
    #[serde(default)]
    pub client_secret: Option<String>,
    #[serde(flatten)]
    pub settings: ClientSettings,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserPoolClientResponse {
    pub user_pool_client: Value,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html>
pub async fn create_user_pool_client(
    s: &UserPools,
    r: CreateUserPoolClientRequest,
) -> Result<UserPoolClientResponse, UserPoolError> {
    create_client_with_id(s, r, None).await
}

/// CreateUserPoolClient with an optional pinned client id (the seed file's `ClientId`).
pub async fn create_client_with_id(
    s: &UserPools,
    r: CreateUserPoolClientRequest,
    id: Option<String>,
) -> Result<UserPoolClientResponse, UserPoolError> {
    constraints::resource_name("ClientName", &r.client_name)?;
    let (pool, pool_settings) = load_pool(s, &r.user_pool_id).await?;
    let secret = match (r.generate_secret.unwrap_or(false), r.client_secret) {
        (true, Some(_)) => {
            return Err(UserPoolError::InvalidParameter(
                "You cannot specify both GenerateSecret as true and a ClientSecret value.".into(),
            ));
        }
        (true, None) => Some(ids::client_secret()),
        (false, Some(secret)) => {
            constraints::client_secret(&secret)?;
            Some(secret)
        }
        (false, None) => None,
    };
    let settings = complete(r.settings, &pool_settings)?;
    let now = s.clock.now_millis();
    let client_id = id.unwrap_or_else(ids::client_id);
    constraints::client_id(&client_id)?;
    let row = ClientRow {
        client_id,
        user_pool_id: pool.user_pool_id,
        client_name: r.client_name,
        secret_sealed: secret.as_deref().map(|v| s.sealer.seal(SECRET_PURPOSE, v.as_bytes())),
        settings: encode(&settings)?,
        created_at: now,
        updated_at: now,
    };
    s.store.insert_client(&row).await.map_err(|e| match e {
        StorageError::Conflict(CONFLICT_PRIMARY) => {
            UserPoolError::InvalidParameter(format!("User pool client {} already exists.", row.client_id))
        }
        e => e.into(),
    })?;
    tracing::info!(user_pool.id = %row.user_pool_id, client.id = %row.client_id, "app client created");
    Ok(UserPoolClientResponse { user_pool_client: client_type(&row, &settings, secret) })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeUserPoolClientRequest {
    pub user_pool_id: String,
    pub client_id: String,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPoolClient.html>
///
/// Like AWS, this returns the client secret: SDK users read it here to compute SECRET_HASH.
pub async fn describe_user_pool_client(
    s: &UserPools,
    r: DescribeUserPoolClientRequest,
) -> Result<UserPoolClientResponse, UserPoolError> {
    let (pool, _) = load_pool(s, &r.user_pool_id).await?;
    let client = load_client(s, &pool.user_pool_id, &r.client_id).await?;
    let secret = client_secret(s, &client)?;
    Ok(UserPoolClientResponse { user_pool_client: client_type(&client, &settings_of(&client)?, secret) })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateUserPoolClientRequest {
    pub user_pool_id: String,
    pub client_id: String,
    #[serde(default)]
    pub client_name: Option<String>,
    #[serde(flatten)]
    pub settings: ClientSettings,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html>
///
/// As in AWS, settings left out of the request return to their defaults; the secret stays.
pub async fn update_user_pool_client(
    s: &UserPools,
    r: UpdateUserPoolClientRequest,
) -> Result<UserPoolClientResponse, UserPoolError> {
    let (pool, pool_settings) = load_pool(s, &r.user_pool_id).await?;
    let mut client = load_client(s, &pool.user_pool_id, &r.client_id).await?;
    if let Some(name) = r.client_name {
        constraints::resource_name("ClientName", &name)?;
        client.client_name = name;
    }
    let settings = complete(r.settings, &pool_settings)?;
    client.settings = encode(&settings)?;
    client.updated_at = s.clock.now_millis();
    s.store.update_client(&client).await.map_err(|e| match e {
        StorageError::NotFound => UserPoolError::client_not_found(&r.client_id),
        e => e.into(),
    })?;
    s.cache.invalidate_client(&client.client_id);
    let secret = client_secret(s, &client)?;
    Ok(UserPoolClientResponse { user_pool_client: client_type(&client, &settings, secret) })
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPoolClient.html>
pub async fn delete_user_pool_client(
    s: &UserPools,
    r: DescribeUserPoolClientRequest,
) -> Result<Empty, UserPoolError> {
    let (pool, _) = load_pool(s, &r.user_pool_id).await?;
    constraints::client_id(&r.client_id)?;
    if !s.store.delete_client(&pool.user_pool_id, &r.client_id).await? {
        return Err(UserPoolError::client_not_found(&r.client_id));
    }
    s.cache.invalidate_client(&r.client_id);
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUserPoolClientsRequest {
    pub user_pool_id: String,
    #[serde(default)]
    pub max_results: Option<i64>,
    #[serde(default)]
    pub next_token: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserPoolClientDescription {
    pub client_id: String,
    pub user_pool_id: String,
    pub client_name: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUserPoolClientsResponse {
    pub user_pool_clients: Vec<UserPoolClientDescription>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUserPoolClients.html>
pub async fn list_user_pool_clients(
    s: &UserPools,
    r: ListUserPoolClientsRequest,
) -> Result<ListUserPoolClientsResponse, UserPoolError> {
    constraints::range("MaxResults", r.max_results, 1, 60)?;
    let limit = r.max_results.unwrap_or(60);
    let (pool, _) = load_pool(s, &r.user_pool_id).await?;
    let after = parse_page_token(r.next_token.as_deref())?;
    let mut rows = s.store.list_clients(&pool.user_pool_id, after.as_deref(), limit + 1).await?;
    let next_token = next_page(&mut rows, limit, |c| &c.client_id);
    let user_pool_clients = rows
        .into_iter()
        .map(|c| UserPoolClientDescription {
            client_id: c.client_id,
            user_pool_id: c.user_pool_id,
            client_name: c.client_name,
        })
        .collect();
    Ok(ListUserPoolClientsResponse { user_pool_clients, next_token })
}
