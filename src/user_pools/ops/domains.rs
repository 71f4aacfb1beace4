//! User pool domains: CreateUserPoolDomain, DescribeUserPoolDomain, UpdateUserPoolDomain,
//! DeleteUserPoolDomain. A pool may hold one prefix domain (`myapp`, the model's
//! `DomainType`) and one custom domain (an FQDN with a `CustomDomainConfig`); a domain names
//! one pool on this server. The hosted pages and `/oauth2/*` of a pool answer under them
//! (see `oauth::domain` for how a request names its domain offline).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::pools::load_pool;
use crate::error::StorageError;
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::store::{CONFLICT_DOMAIN, DomainRow};
use crate::validation::{self, length, pattern};
use crate::wire::Empty;

/// A prefix label: `^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?$`.
fn is_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 63
        && bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && bytes[0] != b'-'
        && bytes[bytes.len() - 1] != b'-'
}

/// Checks `Domain` as a prefix, or (`custom`) as an FQDN of such labels, ≤ 253 characters.
fn check_domain(domain: &str, custom: bool) -> Result<(), UserPoolError> {
    if custom {
        let ok = domain.len() <= 253 && domain.contains('.') && domain.split('.').all(is_label);
        return if ok {
            Ok(())
        } else {
            // unsure: AWS's wording for a malformed custom domain.
            Err(UserPoolError::InvalidParameter(format!("Domain {domain} is not a valid domain name.")))
        };
    }
    length("Domain", domain, Some(domain), 1, 63)?;
    pattern("Domain", Some(domain), is_label(domain), r"^[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?$")?;
    if ["aws", "amazon", "cognito"].iter().any(|reserved| domain.contains(reserved)) {
        // unsure: AWS refuses these words in prefixes; its exact wording is not known.
        return Err(UserPoolError::InvalidParameter(format!(
            "Domain cannot contain reserved word: {domain}"
        )));
    }
    Ok(())
}

fn check_version(version: Option<i64>) -> Result<(), UserPoolError> {
    match version {
        None | Some(1) | Some(2) => Ok(()),
        Some(v) => Err(UserPoolError::InvalidParameter(format!(
            "ManagedLoginVersion {v} is not valid: use 1 (hosted UI) or 2 (managed login)."
        ))),
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DomainRequest {
    pub domain: String,
    pub user_pool_id: String,
    #[serde(default)]
    pub managed_login_version: Option<i64>,
    #[serde(default)]
    pub custom_domain_config: Option<Value>,
    #[serde(default)]
    pub routing: Option<Value>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DomainResponse {
    pub managed_login_version: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud_front_domain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub routing: Option<Value>,
}

fn settings_of(r: &DomainRequest) -> Result<String, UserPoolError> {
    let mut settings = Map::new();
    settings.insert("ManagedLoginVersion".into(), r.managed_login_version.unwrap_or(1).into());
    if let Some(config) = &r.custom_domain_config {
        let arn = config.get("CertificateArn").and_then(Value::as_str);
        let Some(arn) = arn else {
            return Err(UserPoolError::validation(
                "CustomDomainConfig.CertificateArn",
                None,
                "Member must not be null",
            ));
        };
        validation::arn("CertificateArn", arn)?;
        settings.insert("CustomDomainConfig".into(), config.clone());
    }
    if let Some(routing) = &r.routing {
        settings.insert("Routing".into(), routing.clone());
    }
    Ok(Value::Object(settings).to_string())
}

/// Whether a request would store what `row` already holds (the seed file's idempotence).
pub fn same_settings(row: &DomainRow, r: &DomainRequest) -> Result<bool, UserPoolError> {
    let new: Value = serde_json::from_str(&settings_of(r)?).unwrap_or(Value::Null);
    let old: Value = serde_json::from_str(&row.settings).unwrap_or(Value::Null);
    Ok(new == old)
}

fn response(row: &DomainRow, public_host: String) -> Result<DomainResponse, UserPoolError> {
    let settings: Value = serde_json::from_str(&row.settings)
        .map_err(|e| UserPoolError::Internal(crate::error::Internal::because("domain settings", e)))?;
    Ok(DomainResponse {
        managed_login_version: settings["ManagedLoginVersion"].as_i64().unwrap_or(1),
        // AWS deviation: no CloudFront here; a custom domain is served by this host.
        cloud_front_domain: row.custom.then_some(public_host),
        routing: settings.get("Routing").cloned(),
    })
}

/// The host custom domains are served by: the public URL's host.
fn public_host(s: &UserPools) -> String {
    let url = s.public_url();
    let rest = url.split_once("://").map_or(url.as_str(), |(_, r)| r);
    rest.split('/').next().unwrap_or(rest).to_string()
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolDomain.html>
pub async fn create_user_pool_domain(
    s: &UserPools,
    r: DomainRequest,
) -> Result<DomainResponse, UserPoolError> {
    let (pool, _) = load_pool(s, &r.user_pool_id).await?;
    let custom = r.custom_domain_config.is_some();
    check_domain(&r.domain, custom)?;
    check_version(r.managed_login_version)?;
    let now = s.clock.now_millis();
    let row = DomainRow {
        domain: r.domain.clone(),
        user_pool_id: pool.user_pool_id.clone(),
        custom,
        settings: settings_of(&r)?,
        created_at: now,
        updated_at: now,
    };
    match s.store.insert_domain(&row).await {
        Ok(()) => {}
        Err(StorageError::Conflict(CONFLICT_DOMAIN)) => {
            let taken = s.store.get_domain(&r.domain).await?.is_some();
            return Err(UserPoolError::InvalidParameter(if taken {
                "Domain already exists.".into()
            } else {
                // unsure: AWS's wording when the pool already has a domain of this kind.
                format!("User pool {} already has a domain configured.", pool.user_pool_id)
            }));
        }
        Err(e) => return Err(e.into()),
    }
    s.cache.invalidate_pool(&pool.user_pool_id);
    tracing::info!(user_pool.id = %pool.user_pool_id, domain = %r.domain, "user pool domain created");
    response(&row, public_host(s))
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolDomain.html>
///
/// Changes the managed-login version, the certificate and routing; the name stays (AWS:
/// delete and create to rename).
pub async fn update_user_pool_domain(
    s: &UserPools,
    r: DomainRequest,
) -> Result<DomainResponse, UserPoolError> {
    let (pool, _) = load_pool(s, &r.user_pool_id).await?;
    check_version(r.managed_login_version)?;
    let mut row = s
        .store
        .get_domain(&r.domain)
        .await?
        .filter(|d| d.user_pool_id == pool.user_pool_id)
        .ok_or_else(|| UserPoolError::ResourceNotFound(format!("Domain {} does not exist.", r.domain)))?;
    if row.custom && r.custom_domain_config.is_none() {
        return Err(UserPoolError::validation("CustomDomainConfig", None, "Member must not be null"));
    }
    row.settings = settings_of(&r)?;
    row.updated_at = s.clock.now_millis();
    s.store.update_domain(&row).await?;
    s.cache.domains.remove(&row.domain);
    response(&row, public_host(s))
}

/// The domain `name`, briefly cached: every hosted-page and `/oauth2/*` request resolves
/// one. Changes on this node invalidate it at once; other nodes see a delete within the
/// cache's TTL.
pub async fn find_domain(s: &UserPools, name: &str) -> Result<Option<DomainRow>, UserPoolError> {
    let now = s.clock.now_millis();
    if let Some(cached) = s.cache.domains.get(name, now) {
        return Ok(Some(cached.as_ref().clone()));
    }
    let row = s.store.get_domain(name).await?;
    if let Some(row) = &row {
        s.cache.domains.put(name.to_string(), now, std::sync::Arc::new(row.clone()));
    }
    Ok(row)
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteDomainRequest {
    pub domain: String,
    pub user_pool_id: String,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPoolDomain.html>
pub async fn delete_user_pool_domain(s: &UserPools, r: DeleteDomainRequest) -> Result<Empty, UserPoolError> {
    let (pool, _) = load_pool(s, &r.user_pool_id).await?;
    if !s.store.delete_domain(&pool.user_pool_id, &r.domain).await? {
        return Err(UserPoolError::ResourceNotFound(format!("Domain {} does not exist.", r.domain)));
    }
    s.cache.invalidate_pool(&pool.user_pool_id);
    tracing::info!(user_pool.id = %pool.user_pool_id, domain = %r.domain, "user pool domain deleted");
    Ok(Empty {})
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeDomainRequest {
    pub domain: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeDomainResponse {
    pub domain_description: Value,
}

/// <https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeUserPoolDomain.html>
///
/// An unknown domain is `{"DomainDescription": {}}`, not an error, as AWS answers (Terraform
/// and CDK test for absence that way).
pub async fn describe_user_pool_domain(
    s: &UserPools,
    r: DescribeDomainRequest,
) -> Result<DescribeDomainResponse, UserPoolError> {
    length("Domain", &r.domain, Some(&r.domain), 1, 253)?;
    let Some(row) = s.store.get_domain(&r.domain).await? else {
        return Ok(DescribeDomainResponse { domain_description: json!({}) });
    };
    let settings: Value = serde_json::from_str(&row.settings).unwrap_or_else(|_| json!({}));
    let mut description = json!({
        "UserPoolId": row.user_pool_id,
        "AWSAccountId": s.account_id(),
        "Domain": row.domain,
        // AWS deviation: no S3 bucket or CloudFront distribution exist offline.
        "S3Bucket": "incognito-hosted-ui",
        "CloudFrontDistribution": public_host(s),
        "Version": "1",
        // AWS deviation: AWS reports CREATING for up to a minute; incognito serves at once.
        "Status": "ACTIVE",
        "ManagedLoginVersion": settings["ManagedLoginVersion"].as_i64().unwrap_or(1),
    });
    for key in ["CustomDomainConfig", "Routing"] {
        if let Some(v) = settings.get(key) {
            description[key] = v.clone();
        }
    }
    Ok(DescribeDomainResponse { domain_description: description })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_custom_domains_follow_the_rules() {
        let cases = [
            ("a plain prefix", "myapp", false, true),
            ("digits and a hyphen", "my-app-2", false, true),
            ("a dot in a prefix", "my.app", false, false),
            ("upper case", "MyApp", false, false),
            ("a reserved word", "my-cognito", false, false),
            ("a leading hyphen", "-app", false, false),
            ("an FQDN", "auth.example.com", true, true),
            ("a custom domain without a dot", "localhost", true, false),
            ("an empty label", "auth..example.com", true, false),
        ];
        for (description, domain, custom, ok) in cases {
            assert_eq!(check_domain(domain, custom).is_ok(), ok, "{description}");
        }
    }
}
