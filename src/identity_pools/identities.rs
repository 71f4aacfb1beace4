//! Identities: GetId, GetOpenIdToken, GetCredentialsForIdentity (public, unsigned),
//! DescribeIdentity, ListIdentities, DeleteIdentities, UnlinkIdentity, and the principal-tag
//! attribute maps that turn token claims into session tags.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use std::sync::Arc;

use super::error::IdentityPoolError;
use super::logins::{self, Presented, identity_not_found, logins_do_not_match};
use super::model::IdentityPoolSettings;
use super::ops::{cached_identity_pool, identity_pool_id, load_identity_pool, region_guid};
use super::role_choice;
use super::store::{IdentityRow, PrincipalTagMapRow};
use super::{CachedPool, IdentityPools};
use crate::credentials::openid::{self, OpenIdClaims};
use crate::validation::{self, is_visible, length, pattern};
use crate::wire::{Empty, next_page, parse_page_token};

type Result<T, E = IdentityPoolError> = std::result::Result<T, E>;

/// GetOpenIdToken's tokens live 10 minutes (AWS documents the same).
const OPEN_ID_TOKEN_TTL: i64 = 600;

/// `IdentityId`: 1–55 chars, `[\w-]+:[0-9a-f-]+` (the same shape as a pool id).
pub fn identity_id(id: &str) -> Result<()> {
    region_guid("IdentityId", id)
}

/// An identity and its pool, or ResourceNotFoundException.
pub async fn load_identity(s: &IdentityPools, id: &str) -> Result<(Arc<IdentityRow>, Arc<CachedPool>)> {
    identity_id(id)?;
    let now = s.clock.now_millis();
    let identity = match s.cache.identities.get(id, now) {
        Some(found) => found,
        None => {
            let found = Arc::new(s.store.get_identity(id).await?.ok_or_else(|| identity_not_found(id))?);
            s.cache.identities.put(id.to_string(), now, found.clone());
            found
        }
    };
    let pool = cached_identity_pool(s, &identity.identity_pool_id).await.map_err(|e| match e {
        IdentityPoolError::ResourceNotFound(_) => identity_not_found(id),
        e => e,
    })?;
    Ok((identity, pool))
}

fn unauthenticated_refused() -> IdentityPoolError {
    IdentityPoolError::NotAuthorized("Unauthenticated access is not supported for this identity pool.".into())
}

fn forbidden(id: &str) -> IdentityPoolError {
    // unsure: the wording AWS uses when an authenticated identity is asked for without logins.
    IdentityPoolError::NotAuthorized(format!("Access to Identity '{id}' is forbidden."))
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetIdRequest {
    pub identity_pool_id: String,
    #[serde(default)]
    pub account_id: Option<String>,
    #[serde(default)]
    pub logins: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetIdResponse {
    pub identity_id: String,
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetId.html>
pub async fn get_id(s: &IdentityPools, r: GetIdRequest) -> Result<GetIdResponse> {
    if let Some(account) = &r.account_id {
        length("AccountId", account, Some(account), 1, 15)?;
        pattern("AccountId", Some(account), account.chars().all(|c| c.is_ascii_digit()), r"\d+")?;
    }
    logins::check_logins(&r.logins)?;
    let cached = cached_identity_pool(s, &r.identity_pool_id).await?;
    let (pool, settings) = (&cached.row, &cached.settings);
    if r.logins.is_empty() {
        if !settings.allow_unauthenticated_identities {
            return Err(unauthenticated_refused());
        }
        let identity_id = logins::create_identity(s, &pool.identity_pool_id, &[]).await?;
        return Ok(GetIdResponse { identity_id });
    }
    let presented = logins::verify_logins(s, &pool.identity_pool_id, settings, &r.logins).await?;
    let identity_id = logins::resolve(s, &pool.identity_pool_id, &presented, None).await?;
    Ok(GetIdResponse { identity_id })
}

/// The logins of a request checked against an existing identity: an identity with linked
/// logins needs at least one of them; new valid logins are linked to it.
async fn authorize_identity(
    s: &IdentityPools,
    identity: &IdentityRow,
    settings: &IdentityPoolSettings,
    logins: &BTreeMap<String, String>,
) -> Result<Vec<Presented>> {
    if logins.is_empty() {
        if !s.store.list_logins(&identity.identity_id).await?.is_empty() {
            return Err(forbidden(&identity.identity_id));
        }
        if !settings.allow_unauthenticated_identities {
            return Err(unauthenticated_refused());
        }
        return Ok(Vec::new());
    }
    let presented = logins::verify_logins(s, &identity.identity_pool_id, settings, logins).await?;
    let resolved =
        logins::resolve(s, &identity.identity_pool_id, &presented, Some(&identity.identity_id)).await?;
    if resolved != identity.identity_id {
        return Err(logins_do_not_match());
    }
    Ok(presented)
}

/// The session tags for an identity from the pool's principal-tag maps of the presented
/// providers (`UseDefaults` maps `username` → `sub` and `client` → `aud`).
async fn principal_tags(
    s: &IdentityPools,
    pool_id: &str,
    presented: &[Presented],
) -> Result<BTreeMap<String, String>> {
    let mut tags = BTreeMap::new();
    for p in presented {
        let Presented::Provider(login) = p else { continue };
        let now = s.clock.now_millis();
        let found = match s.cache.tag_maps.get(&(pool_id.to_string(), login.provider.clone()), now) {
            Some(found) => found,
            None => {
                let found =
                    std::sync::Arc::new(s.store.get_principal_tag_map(pool_id, &login.provider).await?);
                s.cache.tag_maps.put((pool_id.to_string(), login.provider.clone()), now, found.clone());
                found
            }
        };
        let Some(map) = found.as_ref() else { continue };
        let mut wanted: BTreeMap<String, String> = serde_json::from_str(&map.tags).unwrap_or_default();
        if map.use_defaults {
            wanted.entry("username".into()).or_insert_with(|| "sub".into());
            wanted.entry("client".into()).or_insert_with(|| "aud".into());
        }
        for (tag, claim) in wanted {
            let value = match login.claims.get(&claim) {
                Some(Value::String(v)) => v.clone(),
                Some(Value::Array(items)) => {
                    items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(",")
                }
                Some(Value::Null) | None => continue,
                Some(other) => other.to_string(),
            };
            tags.insert(tag, value);
        }
    }
    Ok(tags)
}

pub(super) fn tags_claim(tags: &BTreeMap<String, String>) -> Map<String, Value> {
    let mut extra = Map::new();
    if !tags.is_empty() {
        let principal: Map<String, Value> = tags.iter().map(|(k, v)| (k.clone(), json!([v]))).collect();
        extra.insert(openid::TAGS_CLAIM.into(), json!({ "principal_tags": principal }));
    }
    extra
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetOpenIdTokenRequest {
    pub identity_id: String,
    #[serde(default)]
    pub logins: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetOpenIdTokenResponse {
    pub identity_id: String,
    pub token: String,
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetOpenIdToken.html>
///
/// The token is for the basic (classic) flow: STS AssumeRoleWithWebIdentity. AWS deviation
/// (unsure where AWS refuses): a pool without AllowClassicFlow refuses here.
pub async fn get_open_id_token(
    s: &IdentityPools,
    r: GetOpenIdTokenRequest,
) -> Result<GetOpenIdTokenResponse> {
    logins::check_logins(&r.logins)?;
    let (identity, pool) = load_identity(s, &r.identity_id).await?;
    let settings = &pool.settings;
    if settings.allow_classic_flow != Some(true) {
        return Err(IdentityPoolError::InvalidParameter(
            "Basic (classic) flow is not enabled, please use enhanced flow.".into(),
        ));
    }
    let presented = authorize_identity(s, &identity, settings, &r.logins).await?;
    let tags = principal_tags(s, &identity.identity_pool_id, &presented).await?;
    let token = openid::issue_open_id_token(
        &s.credentials,
        &identity.identity_pool_id,
        &identity.identity_id,
        &logins::amr(&presented),
        OPEN_ID_TOKEN_TTL,
        tags_claim(&tags),
    )
    .await?;
    Ok(GetOpenIdTokenResponse { identity_id: identity.identity_id.clone(), token })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetCredentialsForIdentityRequest {
    pub identity_id: String,
    #[serde(default)]
    pub logins: BTreeMap<String, String>,
    #[serde(default)]
    pub custom_role_arn: Option<String>,
}

/// `Credentials`. `Expiration` is a timestamp (epoch seconds on the wire).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_key: String,
    pub session_token: String,
    pub expiration: i64,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetCredentialsForIdentityResponse {
    pub identity_id: String,
    pub credentials: Credentials,
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetCredentialsForIdentity.html>
///
/// The enhanced flow: the role comes from the pool (roles and role mappings), then the same
/// trust-policy check as STS AssumeRoleWithWebIdentity with the claims an OpenID token for
/// this identity would carry, then sealed temporary credentials.
pub async fn get_credentials_for_identity(
    s: &IdentityPools,
    r: GetCredentialsForIdentityRequest,
) -> Result<GetCredentialsForIdentityResponse> {
    logins::check_logins(&r.logins)?;
    if let Some(arn) = &r.custom_role_arn {
        length("CustomRoleArn", arn, Some(arn), 20, 2048)?;
    }
    let (identity, pool) = load_identity(s, &r.identity_id).await?;
    let pool_roles = &pool.roles;
    let presented = authorize_identity(s, &identity, &pool.settings, &r.logins).await?;
    let role_arn = if presented.is_empty() {
        pool_roles.roles.get("unauthenticated").cloned().ok_or_else(role_choice::invalid_configuration)?
    } else {
        role_choice::choose_role(pool_roles, &presented, r.custom_role_arn.as_deref())?
    };
    let tags = principal_tags(s, &identity.identity_pool_id, &presented).await?;
    let now = s.clock.now_secs();
    let amr = logins::amr(&presented);
    let web_identity = OpenIdClaims {
        iss: openid::issuer(&s.credentials),
        aud: identity.identity_pool_id.clone(),
        sub: identity.identity_id.clone(),
        amr: amr.clone(),
        exp: now + OPEN_ID_TOKEN_TTL,
        iat: now,
        extra: tags_claim(&tags),
    };
    let provider =
        presented.iter().map(Presented::provider).next().map(|p| match presented[0].amr_detail() {
            Some(detail) => format!("{p},{detail}"),
            None => p.to_string(),
        });
    let grant = crate::credentials::Grant {
        role_arn,
        role_session_name: "CognitoIdentityCredentials".into(),
        identity_id: Some(identity.identity_id.clone()),
        identity_pool_id: Some(identity.identity_pool_id.clone()),
        authentication_provider: provider,
        subject: identity.identity_id.clone(),
        amr,
        principal_tags: tags,
        duration_seconds: s.config.credentials.duration_seconds,
    };
    let issued = crate::credentials::assume_role_for_identity(&s.credentials, &web_identity, grant).await.map_err(|e| {
        if crate::error::AwsError::is_internal(&e) {
            return IdentityPoolError::Internal(crate::error::Internal::source(e));
        }
        tracing::info!(identity_pool.id = %identity.identity_pool_id, reason = %e, "role refused the identity");
        role_choice::invalid_configuration()
    })?;
    Ok(GetCredentialsForIdentityResponse {
        identity_id: identity.identity_id.clone(),
        credentials: Credentials {
            access_key_id: issued.access_key_id,
            secret_key: issued.secret_access_key,
            session_token: issued.session_token,
            expiration: issued.expiration,
        },
    })
}

/// `IdentityDescription`: dates are epoch seconds.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct IdentityDescription {
    pub identity_id: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub logins: Vec<String>,
    pub creation_date: f64,
    pub last_modified_date: f64,
}

async fn describe(s: &IdentityPools, identity: IdentityRow) -> Result<IdentityDescription> {
    let mut providers: Vec<String> =
        s.store.list_logins(&identity.identity_id).await?.into_iter().map(|l| l.provider).collect();
    providers.dedup();
    Ok(IdentityDescription {
        identity_id: identity.identity_id.clone(),
        logins: providers,
        creation_date: identity.created_at as f64 / 1000.0,
        last_modified_date: identity.updated_at as f64 / 1000.0,
    })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeIdentityRequest {
    pub identity_id: String,
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_DescribeIdentity.html>
pub async fn describe_identity(s: &IdentityPools, r: DescribeIdentityRequest) -> Result<IdentityDescription> {
    identity_id(&r.identity_id)?;
    let identity =
        s.store.get_identity(&r.identity_id).await?.ok_or_else(|| identity_not_found(&r.identity_id))?;
    describe(s, identity).await
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListIdentitiesRequest {
    pub identity_pool_id: String,
    pub max_results: i64,
    #[serde(default)]
    pub next_token: Option<String>,
    #[serde(default)]
    pub hide_disabled: Option<bool>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListIdentitiesResponse {
    pub identity_pool_id: String,
    pub identities: Vec<IdentityDescription>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// Checks `NextToken` (botocore `PaginationKey`) and decodes it.
fn page_after(token: Option<&str>) -> Result<Option<String>> {
    if let Some(token) = token {
        length("NextToken", token, Some(token), 1, 65535)?;
        pattern("NextToken", Some(token), is_visible(token), r"[\S]+")?;
    }
    Ok(parse_page_token(token)?)
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_ListIdentities.html>
///
/// Identities are never disabled here, so `HideDisabled` changes nothing.
pub async fn list_identities(s: &IdentityPools, r: ListIdentitiesRequest) -> Result<ListIdentitiesResponse> {
    validation::range("MaxResults", Some(r.max_results), 1, 60)?;
    let after = page_after(r.next_token.as_deref())?;
    let _ = r.hide_disabled;
    load_identity_pool(s, &r.identity_pool_id).await?;
    let mut rows = s.store.list_identities(&r.identity_pool_id, after.as_deref(), r.max_results + 1).await?;
    let next_token = next_page(&mut rows, r.max_results, |i| &i.identity_id);
    let mut identities = Vec::with_capacity(rows.len());
    for row in rows {
        identities.push(describe(s, row).await?);
    }
    Ok(ListIdentitiesResponse { identity_pool_id: r.identity_pool_id, identities, next_token })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteIdentitiesRequest {
    pub identity_ids_to_delete: Vec<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteIdentitiesResponse {
    pub unprocessed_identity_ids: Vec<Value>,
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_DeleteIdentities.html>
///
/// Unknown ids are not reported: deleting is idempotent (AWS lists only ids it failed on,
/// with `InternalServerError`).
pub async fn delete_identities(
    s: &IdentityPools,
    r: DeleteIdentitiesRequest,
) -> Result<DeleteIdentitiesResponse> {
    let n = r.identity_ids_to_delete.len();
    if n == 0 {
        return Err(IdentityPoolError::validation(
            "identityIdsToDelete",
            Some("[]"),
            "Member must have length greater than or equal to 1",
        ));
    }
    if n > 60 {
        return Err(IdentityPoolError::validation(
            "identityIdsToDelete",
            None,
            "Member must have length less than or equal to 60",
        ));
    }
    for id in &r.identity_ids_to_delete {
        identity_id(id)?;
    }
    let mut unprocessed = Vec::new();
    for id in &r.identity_ids_to_delete {
        s.cache.identities.remove(id.as_str());
        if let Err(e) = s.store.delete_identity(id).await {
            tracing::error!(identity.id = %id, error = %e, "deleting an identity failed");
            unprocessed.push(json!({ "IdentityId": id, "ErrorCode": "InternalServerError" }));
        }
    }
    Ok(DeleteIdentitiesResponse { unprocessed_identity_ids: unprocessed })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UnlinkIdentityRequest {
    pub identity_id: String,
    pub logins: BTreeMap<String, String>,
    pub logins_to_remove: Vec<String>,
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_UnlinkIdentity.html>
///
/// The caller proves it holds the identity with valid logins, then names providers to
/// remove; an identity left without logins becomes unauthenticated.
pub async fn unlink_identity(s: &IdentityPools, r: UnlinkIdentityRequest) -> Result<Empty> {
    for name in &r.logins_to_remove {
        length("loginsToRemove.member", name, Some(name), 1, 128)?;
    }
    let (identity, pool) = load_identity(s, &r.identity_id).await?;
    if r.logins.is_empty() {
        return Err(forbidden(&identity.identity_id));
    }
    authorize_identity(s, &identity, &pool.settings, &r.logins).await?;
    let removing: Vec<String> = r
        .logins_to_remove
        .iter()
        .map(|n| crate::federation::canonical_provider_name(&s.federation, n))
        .collect();
    let targets: Vec<(String, String)> = s
        .store
        .list_logins(&identity.identity_id)
        .await?
        .into_iter()
        .filter(|l| removing.contains(&l.provider))
        .map(|l| (l.provider, l.subject))
        .collect();
    s.store.unlink_logins(&identity.identity_id, &targets, s.clock.now_millis()).await?;
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetPrincipalTagAttributeMapRequest {
    pub identity_pool_id: String,
    pub identity_provider_name: String,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PrincipalTagAttributeMap {
    pub identity_pool_id: String,
    pub identity_provider_name: String,
    #[serde(default)]
    pub use_defaults: Option<bool>,
    #[serde(default)]
    pub principal_tags: Option<BTreeMap<String, String>>,
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetPrincipalTagAttributeMap.html>
pub async fn get_principal_tag_attribute_map(
    s: &IdentityPools,
    r: GetPrincipalTagAttributeMapRequest,
) -> Result<PrincipalTagAttributeMap> {
    length("IdentityProviderName", &r.identity_provider_name, Some(&r.identity_provider_name), 1, 128)?;
    load_identity_pool(s, &r.identity_pool_id).await?;
    let provider = crate::federation::canonical_provider_name(&s.federation, &r.identity_provider_name);
    let found = s.store.get_principal_tag_map(&r.identity_pool_id, &provider).await?;
    let (use_defaults, tags) = match found {
        Some(m) => (m.use_defaults, serde_json::from_str(&m.tags).unwrap_or_default()),
        None => (false, BTreeMap::new()),
    };
    Ok(PrincipalTagAttributeMap {
        identity_pool_id: r.identity_pool_id,
        identity_provider_name: r.identity_provider_name,
        use_defaults: Some(use_defaults),
        principal_tags: Some(tags),
    })
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_SetPrincipalTagAttributeMap.html>
pub async fn set_principal_tag_attribute_map(
    s: &IdentityPools,
    r: PrincipalTagAttributeMap,
) -> Result<PrincipalTagAttributeMap> {
    identity_pool_id(&r.identity_pool_id)?;
    length("IdentityProviderName", &r.identity_provider_name, Some(&r.identity_provider_name), 1, 128)?;
    let tags = r.principal_tags.clone().unwrap_or_default();
    if tags.len() > 50 {
        return Err(IdentityPoolError::validation(
            "principalTags",
            None,
            "Member must have length less than or equal to 50",
        ));
    }
    for (k, v) in &tags {
        length("principalTags.key", k, Some(k), 1, 128)?;
        length("principalTags.value", v, Some(v), 1, 256)?;
    }
    load_identity_pool(s, &r.identity_pool_id).await?;
    let provider = crate::federation::canonical_provider_name(&s.federation, &r.identity_provider_name);
    s.store
        .put_principal_tag_map(&PrincipalTagMapRow {
            identity_pool_id: r.identity_pool_id.clone(),
            provider,
            use_defaults: r.use_defaults.unwrap_or(false),
            tags: serde_json::to_string(&tags)
                .map_err(|e| IdentityPoolError::Internal(crate::error::Internal::source(e)))?,
            updated_at: s.clock.now_millis(),
        })
        .await?;
    s.cache.invalidate_pool(&r.identity_pool_id);
    Ok(PrincipalTagAttributeMap {
        use_defaults: Some(r.use_defaults.unwrap_or(false)),
        principal_tags: Some(tags),
        ..r
    })
}
