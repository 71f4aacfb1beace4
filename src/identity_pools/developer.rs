//! Developer-authenticated identities (operator-signed): GetOpenIdTokenForDeveloperIdentity,
//! LookupDeveloperIdentity, MergeDeveloperIdentities, UnlinkDeveloperIdentity. The pool's
//! `DeveloperProviderName` is a provider like any other in `identity_logins`; its subject is
//! the developer user identifier. The app's backend gets an OpenID token for the identity and
//! hands it to the client, which presents it under `cognito-identity.amazonaws.com`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::IdentityPools;
use super::error::IdentityPoolError;
use super::identities::identity_id;
use super::logins::{self, Presented, identity_not_found};
use super::model::IdentityPoolSettings;
use super::ops::load_identity_pool;
use super::store::LoginRow;
use crate::credentials::openid;
use crate::error::StorageError;
use crate::validation::{self, is_word, length, pattern};
use crate::wire::{Empty, next_page, parse_page_token};

type Result<T, E = IdentityPoolError> = std::result::Result<T, E>;

/// The default `TokenDuration` (AWS: 15 minutes).
const DEFAULT_TOKEN_DURATION: i64 = 900;

fn developer_provider(name: &str) -> Result<()> {
    length("DeveloperProviderName", name, Some(name), 1, 128)?;
    let ok = name.chars().all(|c| is_word(c) || "._-".contains(c));
    Ok(pattern("DeveloperProviderName", Some(name), ok, r"[\w._-]+")?)
}

fn developer_user(field: &str, id: &str) -> Result<()> {
    Ok(length(field, id, Some(id), 1, 1024)?)
}

/// The pool's developer provider, which must be `name` when one is given.
fn pool_developer_provider(settings: &IdentityPoolSettings, name: Option<&str>) -> Result<String> {
    // unsure: AWS's wording for a pool without (or with another) developer provider.
    let refused = || {
        IdentityPoolError::NotAuthorized("Developer provider name does not match the identity pool.".into())
    };
    let configured = settings.developer_provider_name.clone().ok_or_else(refused)?;
    match name {
        Some(name) if name != configured => Err(refused()),
        _ => Ok(configured),
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetOpenIdTokenForDeveloperIdentityRequest {
    pub identity_pool_id: String,
    #[serde(default)]
    pub identity_id: Option<String>,
    pub logins: BTreeMap<String, String>,
    #[serde(default)]
    pub principal_tags: Option<BTreeMap<String, String>>,
    #[serde(default)]
    pub token_duration: Option<i64>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GetOpenIdTokenForDeveloperIdentityResponse {
    pub identity_id: String,
    pub token: String,
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetOpenIdTokenForDeveloperIdentity.html>
pub async fn get_open_id_token_for_developer_identity(
    s: &IdentityPools,
    r: GetOpenIdTokenForDeveloperIdentityRequest,
) -> Result<GetOpenIdTokenForDeveloperIdentityResponse> {
    if let Some(id) = &r.identity_id {
        identity_id(id)?;
    }
    let duration = r.token_duration.unwrap_or(DEFAULT_TOKEN_DURATION);
    validation::range("TokenDuration", Some(duration), 1, 86400)?;
    let tags = r.principal_tags.clone().unwrap_or_default();
    for (k, v) in &tags {
        length("principalTags.key", k, Some(k), 1, 128)?;
        length("principalTags.value", v, Some(v), 1, 256)?;
    }
    logins::check_logins(&r.logins)?;
    let (pool, settings) = load_identity_pool(s, &r.identity_pool_id).await?;
    let provider = pool_developer_provider(&settings, None)?;
    let Some(user) = r.logins.get(&provider) else {
        return Err(IdentityPoolError::NotAuthorized(
            // unsure: AWS's wording when the developer provider's login is missing.
            "Logins must contain the identity pool's developer provider name.".into(),
        ));
    };
    developer_user("logins.value", user)?;
    // Other providers in the map are verified and linked like in GetId.
    let others: BTreeMap<String, String> =
        r.logins.iter().filter(|(k, _)| **k != provider).map(|(k, v)| (k.clone(), v.clone())).collect();
    let mut presented = logins::verify_logins(s, &pool.identity_pool_id, &settings, &others).await?;
    let existing = s.store.find_login(&pool.identity_pool_id, &provider, user).await?;
    let identity = match (existing, &r.identity_id) {
        (Some(login), Some(wanted)) if login.identity_id != *wanted => {
            return Err(IdentityPoolError::DeveloperUserAlreadyRegistered(
                // unsure: AWS's wording.
                "The developer user identifier is already registered with a different identity ID.".into(),
            ));
        }
        (Some(login), _) => login.identity_id,
        (None, target) => {
            link_developer(s, &pool.identity_pool_id, &provider, user, target.as_deref()).await?
        }
    };
    if !presented.is_empty() {
        logins::resolve(s, &pool.identity_pool_id, &presented, Some(&identity)).await?;
    }
    let mut amr = vec!["authenticated".to_string(), openid::PROVIDER.to_string()];
    amr.push(format!("{}:{}:{provider}", openid::PROVIDER, pool.identity_pool_id));
    for p in presented.drain(..) {
        if let Presented::Provider(login) = p {
            amr.push(login.provider);
        }
    }
    let extra = super::identities::tags_claim(&tags);
    let token =
        openid::issue_open_id_token(&s.credentials, &pool.identity_pool_id, &identity, &amr, duration, extra)
            .await?;
    Ok(GetOpenIdTokenForDeveloperIdentityResponse { identity_id: identity, token })
}

/// Links a developer user to `target` (or a new identity). A racing call that linked the same
/// user first wins; this one then returns the winner's identity.
async fn link_developer(
    s: &IdentityPools,
    pool_id: &str,
    provider: &str,
    user: &str,
    target: Option<&str>,
) -> Result<String> {
    let login = [(provider.to_string(), user.to_string())];
    let outcome = match target {
        None => logins::create_identity(s, pool_id, &login).await,
        Some(id) => {
            let identity = s.store.get_identity(id).await?.filter(|i| i.identity_pool_id == pool_id);
            if identity.is_none() {
                return Err(identity_not_found(id));
            }
            let now = s.clock.now_millis();
            let row = LoginRow {
                identity_pool_id: pool_id.to_string(),
                provider: provider.to_string(),
                subject: user.to_string(),
                identity_id: id.to_string(),
                created_at: now,
            };
            s.store.link_logins(id, &[row], now).await.map(|()| id.to_string()).map_err(Into::into)
        }
    };
    match outcome {
        Err(IdentityPoolError::Storage(StorageError::Conflict(_))) => {
            let winner = s.store.find_login(pool_id, provider, user).await?;
            match winner {
                Some(l) if target.is_none_or(|t| t == l.identity_id) => Ok(l.identity_id),
                _ => Err(IdentityPoolError::DeveloperUserAlreadyRegistered(
                    "The developer user identifier is already registered with a different identity ID."
                        .into(),
                )),
            }
        }
        other => other,
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LookupDeveloperIdentityRequest {
    pub identity_pool_id: String,
    #[serde(default)]
    pub identity_id: Option<String>,
    #[serde(default)]
    pub developer_user_identifier: Option<String>,
    #[serde(default)]
    pub max_results: Option<i64>,
    #[serde(default)]
    pub next_token: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct LookupDeveloperIdentityResponse {
    pub identity_id: String,
    pub developer_user_identifier_list: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_LookupDeveloperIdentity.html>
pub async fn lookup_developer_identity(
    s: &IdentityPools,
    r: LookupDeveloperIdentityRequest,
) -> Result<LookupDeveloperIdentityResponse> {
    if let Some(id) = &r.identity_id {
        identity_id(id)?;
    }
    if let Some(user) = &r.developer_user_identifier {
        developer_user("DeveloperUserIdentifier", user)?;
    }
    let limit = r.max_results.unwrap_or(60);
    validation::range("MaxResults", Some(limit), 1, 60)?;
    let after = parse_page_token(r.next_token.as_deref())?;
    let (pool, settings) = load_identity_pool(s, &r.identity_pool_id).await?;
    let provider = pool_developer_provider(&settings, None)?;
    let identity = match (&r.identity_id, &r.developer_user_identifier) {
        (Some(id), _) => id.clone(),
        (None, Some(user)) => s
            .store
            .find_login(&pool.identity_pool_id, &provider, user)
            .await?
            .map(|l| l.identity_id)
            .ok_or_else(|| {
                IdentityPoolError::ResourceNotFound(format!("Developer user identifier '{user}' not found."))
            })?,
        (None, None) => {
            return Err(IdentityPoolError::InvalidParameter(
                // unsure: AWS's wording.
                "Either IdentityId or DeveloperUserIdentifier must be provided.".into(),
            ));
        }
    };
    let found =
        s.store.get_identity(&identity).await?.filter(|i| i.identity_pool_id == pool.identity_pool_id);
    if found.is_none() {
        return Err(identity_not_found(&identity));
    }
    let mut rows = s
        .store
        .list_provider_logins(&pool.identity_pool_id, &provider, Some(&identity), after.as_deref(), limit + 1)
        .await?;
    if let Some(user) = &r.developer_user_identifier
        && !rows.iter().any(|l| l.subject == *user)
        && after.is_none()
    {
        return Err(IdentityPoolError::ResourceNotFound(format!(
            "Developer user identifier '{user}' not found."
        )));
    }
    let next_token = next_page(&mut rows, limit, |l| &l.subject);
    Ok(LookupDeveloperIdentityResponse {
        identity_id: identity,
        developer_user_identifier_list: rows.into_iter().map(|l| l.subject).collect(),
        next_token,
    })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MergeDeveloperIdentitiesRequest {
    pub source_user_identifier: String,
    pub destination_user_identifier: String,
    pub developer_provider_name: String,
    pub identity_pool_id: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MergeDeveloperIdentitiesResponse {
    pub identity_id: String,
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_MergeDeveloperIdentities.html>
///
/// Every login of the source user's identity moves to the destination user's identity, and
/// the source identity is deleted.
pub async fn merge_developer_identities(
    s: &IdentityPools,
    r: MergeDeveloperIdentitiesRequest,
) -> Result<MergeDeveloperIdentitiesResponse> {
    developer_user("SourceUserIdentifier", &r.source_user_identifier)?;
    developer_user("DestinationUserIdentifier", &r.destination_user_identifier)?;
    developer_provider(&r.developer_provider_name)?;
    let (pool, settings) = load_identity_pool(s, &r.identity_pool_id).await?;
    let provider = pool_developer_provider(&settings, Some(&r.developer_provider_name))?;
    let find = |user: String| {
        let pool_id = pool.identity_pool_id.clone();
        let provider = provider.clone();
        async move {
            s.store.find_login(&pool_id, &provider, &user).await?.map(|l| l.identity_id).ok_or_else(|| {
                IdentityPoolError::ResourceNotFound(format!("Developer user identifier '{user}' not found."))
            })
        }
    };
    let source = find(r.source_user_identifier.clone()).await?;
    let destination = find(r.destination_user_identifier.clone()).await?;
    if source != destination {
        s.cache.identities.remove(source.as_str());
        s.store.merge_identities(&source, &destination, s.clock.now_millis()).await.map_err(|e| match e {
            StorageError::NotFound => identity_not_found(&destination),
            e => e.into(),
        })?;
    }
    Ok(MergeDeveloperIdentitiesResponse { identity_id: destination })
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UnlinkDeveloperIdentityRequest {
    pub identity_id: String,
    pub identity_pool_id: String,
    pub developer_provider_name: String,
    pub developer_user_identifier: String,
}

/// <https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_UnlinkDeveloperIdentity.html>
pub async fn unlink_developer_identity(
    s: &IdentityPools,
    r: UnlinkDeveloperIdentityRequest,
) -> Result<Empty> {
    identity_id(&r.identity_id)?;
    developer_provider(&r.developer_provider_name)?;
    developer_user("DeveloperUserIdentifier", &r.developer_user_identifier)?;
    let (pool, settings) = load_identity_pool(s, &r.identity_pool_id).await?;
    let provider = pool_developer_provider(&settings, Some(&r.developer_provider_name))?;
    let linked = s.store.find_login(&pool.identity_pool_id, &provider, &r.developer_user_identifier).await?;
    if linked.is_none_or(|l| l.identity_id != r.identity_id) {
        return Err(IdentityPoolError::ResourceNotFound(format!(
            "Developer user identifier '{}' not found.",
            r.developer_user_identifier
        )));
    }
    let target = [(provider, r.developer_user_identifier)];
    s.store.unlink_logins(&r.identity_id, &target, s.clock.now_millis()).await?;
    Ok(Empty {})
}
