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

/// Whether `given` is the client's secret (compared in constant time); a client without a
/// secret matches nothing but an absent one.
pub fn secret_matches(s: &UserPools, client: &ClientRow, given: Option<&str>) -> Result<bool, UserPoolError> {
    Ok(match (client_secret(s, client)?, given) {
        (Some(expected), Some(given)) => {
            bool::from(subtle::ConstantTimeEq::ct_eq(expected.as_bytes(), given.as_bytes()))
        }
        (None, None) => true,
        _ => false,
    })
}

/// Loads a client of a pool, or AWS's ResourceNotFoundException.
pub async fn load_client(s: &UserPools, pool_id: &str, client_id: &str) -> Result<ClientRow, UserPoolError> {
    constraints::client_id(client_id)?;
    s.store.get_client(pool_id, client_id).await?.ok_or_else(|| UserPoolError::client_not_found(client_id))
}

/// What checking a client's OAuth settings needs to know beyond the request: whether the
/// client has a secret, and the pool's custom scopes (`<resource server>/<scope>`).
#[derive(Debug, Default, Clone)]
pub struct OAuthFacts {
    pub has_secret: bool,
    pub custom_scopes: Vec<String>,
}

/// The facts for a client of `pool_id`; the custom scopes are read only when the request
/// names a scope that is not a standard one.
pub async fn oauth_facts(
    s: &UserPools,
    pool_id: &str,
    settings: &ClientSettings,
    has_secret: bool,
) -> Result<OAuthFacts, UserPoolError> {
    let needs_scopes = settings.allowed_o_auth_scopes.iter().flatten().any(|sc| !is_standard_scope(sc));
    let custom_scopes = if needs_scopes { pool_scopes(s, pool_id).await? } else { Vec::new() };
    Ok(OAuthFacts { has_secret, custom_scopes })
}

/// Every custom scope of a pool, as `<identifier>/<scope>` (a pool holds at most 25
/// resource servers).
async fn pool_scopes(s: &UserPools, pool_id: &str) -> Result<Vec<String>, UserPoolError> {
    let rows = s.store.list_resource_servers(pool_id, None, 100).await?;
    Ok(rows.iter().flat_map(|row| row.scope_names()).collect())
}

/// The scopes Cognito defines itself; every other scope is `<resource server>/<scope>`.
pub const STANDARD_SCOPES: &[&str] =
    &["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"];

pub fn is_standard_scope(scope: &str) -> bool {
    STANDARD_SCOPES.contains(&scope)
}

const OAUTH_FLOWS: &[&str] = &["code", "implicit", "client_credentials"];

/// Seconds per `TokenValidityUnits` value; `None` for a value outside the enum.
fn unit_seconds(unit: &str) -> Option<i64> {
    match unit {
        "seconds" => Some(1),
        "minutes" => Some(60),
        "hours" => Some(3600),
        "days" => Some(86400),
        _ => None,
    }
}

/// The token lifetimes in their units, against Cognito's limits: access and ID tokens 5
/// minutes to 1 day, refresh tokens 1 hour to 10 years.
fn check_validity(c: &ClientSettings) -> Result<(), UserPoolError> {
    crate::user_pools::tokens::rotation::check(c.refresh_token_rotation.as_ref())?;
    constraints::range("AccessTokenValidity", c.access_token_validity, 1, 86400)?;
    constraints::range("IdTokenValidity", c.id_token_validity, 1, 86400)?;
    constraints::range("RefreshTokenValidity", c.refresh_token_validity, 0, 315360000)?;
    let units = c.token_validity_units.as_ref();
    let unit = |which: &str, default: &str| -> Result<i64, UserPoolError> {
        let value = units.and_then(|u| u.get(which)).and_then(Value::as_str).unwrap_or(default);
        unit_seconds(value).ok_or_else(|| {
            UserPoolError::validation(
                &format!("TokenValidityUnits.{which}"),
                Some(value),
                "Member must satisfy enum value set: [seconds, minutes, hours, days]",
            )
        })
    };
    let access = unit("AccessToken", "hours")?;
    let id = unit("IdToken", "hours")?;
    let refresh = unit("RefreshToken", "days")?;
    let out_of_range = |value: Option<i64>, unit: i64, min: i64, max: i64| {
        value.is_some_and(|v| v != 0 && !(min..=max).contains(&v.saturating_mul(unit)))
    };
    if out_of_range(c.access_token_validity, access, 300, 86400)
        || out_of_range(c.id_token_validity, id, 300, 86400)
        || out_of_range(c.refresh_token_validity, refresh, 3600, 3650 * 86400)
    {
        return Err(UserPoolError::InvalidParameter("Invalid range for token validity.".into()));
    }
    Ok(())
}

/// A callback or sign-out URL as Cognito accepts it: absolute, no fragment, and `https`
/// unless it is plain `http` to a loopback host (any port); custom schemes (`myapp://cb`)
/// are fine.
pub fn is_acceptable_redirect(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else { return false };
    let scheme_ok = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if !scheme_ok || rest.is_empty() || url.contains('#') || url.chars().any(char::is_whitespace) {
        return false;
    }
    // Script schemes never; and no user info (`http://localhost:1@evil.example/` is evil.example).
    if ["javascript", "data", "vbscript", "file"].iter().any(|s| scheme.eq_ignore_ascii_case(s)) {
        return false;
    }
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    if authority.contains('@') {
        return false;
    }
    if !scheme.eq_ignore_ascii_case("http") {
        return true;
    }
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().map(|h| format!("[{h}]")).unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default().to_ascii_lowercase(),
    };
    ["localhost", "127.0.0.1", "[::1]"].contains(&host.as_str())
}

/// The OAuth members of a client, checked in the order Cognito checks them (the first
/// failure wins). See `../shared/notes/cognito-oauth.md` §2 for the table this follows.
fn check_oauth(c: &ClientSettings, facts: &OAuthFacts) -> Result<(), UserPoolError> {
    let flows = c.allowed_o_auth_flows.as_deref().unwrap_or_default();
    let scopes = c.allowed_o_auth_scopes.as_deref().unwrap_or_default();
    let callbacks = c.callback_urls.as_deref().unwrap_or_default();
    for flow in flows {
        if !OAUTH_FLOWS.contains(&flow.as_str()) {
            return Err(UserPoolError::validation(
                "AllowedOAuthFlows",
                Some(flow),
                "Member must satisfy enum value set: [code, implicit, client_credentials]",
            ));
        }
    }
    if flows.len() > 3 {
        return Err(UserPoolError::validation(
            "AllowedOAuthFlows",
            None,
            "Member must have length less than or equal to 3",
        ));
    }
    if scopes.len() > 50 {
        return Err(UserPoolError::validation(
            "AllowedOAuthScopes",
            None,
            "Member must have length less than or equal to 50",
        ));
    }
    for scope in scopes {
        crate::validation::length("AllowedOAuthScopes.member", scope, Some(scope), 1, 256)?;
        let ok = scope.bytes().all(|b| (0x21..=0x7e).contains(&b) && b != b'"' && b != b'\\');
        crate::validation::pattern(
            "AllowedOAuthScopes.member",
            Some(scope),
            ok,
            r"[\x21\x23-\x5B\x5D-\x7E]+",
        )?;
    }
    for (field, urls) in [("CallbackURLs", &c.callback_urls), ("LogoutURLs", &c.logout_urls)] {
        let urls = urls.as_deref().unwrap_or_default();
        if urls.len() > 100 {
            return Err(UserPoolError::validation(
                field,
                None,
                "Member must have length less than or equal to 100",
            ));
        }
        for url in urls {
            crate::validation::length(&format!("{field}.member"), url, Some(url), 1, 1024)?;
        }
    }
    for provider in c.supported_identity_providers.iter().flatten() {
        crate::validation::length("SupportedIdentityProviders.member", provider, Some(provider), 1, 32)?;
    }
    if c.allowed_o_auth_flows_user_pool_client == Some(true) && (flows.is_empty() || scopes.is_empty()) {
        return Err(UserPoolError::InvalidParameter(
            "AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows."
                .into(),
        ));
    }
    let has = |flow: &str| flows.iter().any(|f| f == flow);
    if has("client_credentials") {
        if has("code") || has("implicit") {
            return Err(UserPoolError::InvalidOAuthFlow(
                "client_credentials flow can not be selected along with code flow or implicit flow.".into(),
            ));
        }
        if !facts.has_secret {
            return Err(UserPoolError::InvalidOAuthFlow(
                "client_credentials flow can not be selected if client does not have a client secret.".into(),
            ));
        }
        if let Some(standard) = scopes.iter().find(|sc| is_standard_scope(sc)) {
            return Err(UserPoolError::InvalidOAuthFlow(format!(
                "{standard} is not supported with client_credentials flow"
            )));
        }
    }
    if (has("code") || has("implicit")) && callbacks.is_empty() {
        return Err(UserPoolError::InvalidOAuthFlow(
            "CallbackUrls can not be empty when code flow or implicit flow is selected".into(),
        ));
    }
    if let Some(unknown) =
        scopes.iter().find(|sc| !is_standard_scope(sc) && !facts.custom_scopes.contains(sc))
    {
        // unsure: AWS's wording.
        return Err(UserPoolError::ScopeDoesNotExist(format!("Invalid scope requested: {unknown}")));
    }
    for (field, urls) in [("CallbackURLs", &c.callback_urls), ("LogoutURLs", &c.logout_urls)] {
        if let Some(bad) = urls.iter().flatten().find(|u| !is_acceptable_redirect(u)) {
            // unsure: AWS's wording for a refused URL.
            return Err(UserPoolError::InvalidParameter(format!(
                "{bad} is not a valid {field} entry: use an absolute URL without a fragment, https \
                 unless the host is localhost, 127.0.0.1 or [::1]."
            )));
        }
    }
    if let Some(default) = &c.default_redirect_uri
        && !callbacks.contains(default)
    {
        // unsure: AWS's wording.
        return Err(UserPoolError::InvalidParameter(
            "DefaultRedirectURI must be one of the CallbackURLs.".into(),
        ));
    }
    if let Some(provider) = c.supported_identity_providers.iter().flatten().find(|p| p.as_str() != "COGNITO")
    {
        // Federated providers arrive with user-pool identity providers; until then only the
        // pool's own directory exists.
        return Err(UserPoolError::InvalidParameter(format!(
            "The provider {provider} does not exist for User Pool."
        )));
    }
    Ok(())
}

/// Checks a client's settings and fills in AWS's defaults.
pub(crate) fn complete(
    mut c: ClientSettings,
    pool: &PoolSettings,
    facts: &OAuthFacts,
) -> Result<ClientSettings, UserPoolError> {
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
    check_validity(&c)?;
    constraints::range("AuthSessionValidity", c.auth_session_validity, 3, 15)?;
    check_oauth(&c, facts)?;
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
    let facts = oauth_facts(s, &pool.user_pool_id, &r.settings, secret.is_some()).await?;
    let settings = complete(r.settings, &pool_settings, &facts)?;
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
    let facts = oauth_facts(s, &pool.user_pool_id, &r.settings, client.secret_sealed.is_some()).await?;
    let settings = complete(r.settings, &pool_settings, &facts)?;
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

/// Removes `gone` scopes (of a resource server updated or deleted) from every client of the
/// pool that allows them.
pub async fn drop_scopes(s: &UserPools, pool_id: &str, gone: &[String]) -> Result<(), UserPoolError> {
    if gone.is_empty() {
        return Ok(());
    }
    let clients = s.store.list_clients(pool_id, None, 1000).await?;
    for mut client in clients {
        let mut settings = settings_of(&client)?;
        let Some(scopes) = settings.allowed_o_auth_scopes.as_mut() else { continue };
        let before = scopes.len();
        scopes.retain(|sc| !gone.contains(sc));
        if scopes.len() == before {
            continue;
        }
        client.settings = encode(&settings)?;
        client.updated_at = s.clock.now_millis();
        s.store.update_client(&client).await?;
        s.cache.invalidate_client(&client.client_id);
    }
    Ok(())
}
