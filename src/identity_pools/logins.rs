//! From a `Logins` map to an identity: every token is verified (by `federation`, or as one
//! of our own OpenID tokens under `cognito-identity.amazonaws.com`), then the logins are
//! looked up, linked or turned into a new identity. "One identity per (pool, provider,
//! subject)" is the primary key of `identity_logins`: concurrent first logins race on it and
//! the losers read the winner's identity.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::IdentityPools;
use super::error::IdentityPoolError;
use super::model::IdentityPoolSettings;
use super::store::{CONFLICT_LOGIN, IdentityRow, LoginRow};
use crate::credentials::openid::{self, OpenIdClaims};
use crate::crypto::ids;
use crate::error::StorageError;
use crate::federation::{self, ProviderKind, VerifiedLogin};
use crate::validation::length;

type Result<T, E = IdentityPoolError> = std::result::Result<T, E>;

/// AWS's limit of logins in one request (`LoginsMap` max 10).
const MAX_LOGINS: usize = 10;

/// One verified entry of a `Logins` map.
#[derive(Debug, Clone)]
pub enum Presented {
    /// A provider's token (user pool, Google, Facebook, OIDC, …).
    Provider(VerifiedLogin),
    /// One of our own OpenID tokens (the developer-authenticated flow): it names the identity.
    Token(OpenIdClaims),
}

impl Presented {
    /// The provider name as `amr`, role mappings and DescribeIdentity show it.
    pub fn provider(&self) -> &str {
        match self {
            Presented::Provider(login) => &login.provider,
            Presented::Token(_) => openid::PROVIDER,
        }
    }

    /// The verified claims of the token.
    pub fn claims(&self) -> Map<String, Value> {
        match self {
            Presented::Provider(login) => login.claims.clone(),
            Presented::Token(claims) => match serde_json::to_value(claims) {
                Ok(Value::Object(map)) => map,
                _ => Map::new(),
            },
        }
    }

    /// The third `amr` entry AWS puts after "authenticated" and the provider name.
    pub fn amr_detail(&self) -> Option<String> {
        match self {
            Presented::Provider(login) => Some(match &login.kind {
                ProviderKind::UserPool { .. } => {
                    format!("{}:CognitoSignIn:{}", login.provider, login.subject)
                }
                _ => format!("{}:{}", login.provider, login.subject),
            }),
            Presented::Token(claims) => claims.amr.get(2).cloned(),
        }
    }
}

/// Checks the `Logins` map's size and member lengths (botocore `LoginsMap`).
pub fn check_logins(logins: &BTreeMap<String, String>) -> Result<()> {
    if logins.len() > MAX_LOGINS {
        return Err(IdentityPoolError::validation(
            "logins",
            None,
            &format!("Member must have length less than or equal to {MAX_LOGINS}"),
        ));
    }
    for (name, token) in logins {
        length("logins.key", name, Some(name), 1, 128)?;
        // The token is sensitive: never echoed.
        length("logins.value", token, None, 1, 50000)?;
    }
    Ok(())
}

/// Verifies every login of the map, in the map's (sorted) order.
pub async fn verify_logins(
    s: &IdentityPools,
    identity_pool_id: &str,
    settings: &IdentityPoolSettings,
    logins: &BTreeMap<String, String>,
) -> Result<Vec<Presented>> {
    check_logins(logins)?;
    let providers = settings.login_providers();
    let mut verified = Vec::with_capacity(logins.len());
    for (name, token) in logins {
        if name == openid::PROVIDER {
            let claims = openid::verify_open_id_token(&s.credentials, token).await.map_err(|e| match e {
                // unsure: AWS's wording for a bad Cognito OpenID token presented back to Cognito.
                openid::OpenIdRefusal::Invalid => IdentityPoolError::NotAuthorized(
                    "Invalid login token. Not a valid OpenId Connect identity token.".into(),
                ),
                // unsure: AWS's wording.
                openid::OpenIdRefusal::Expired => {
                    IdentityPoolError::NotAuthorized("Invalid login token. Token expired.".into())
                }
                openid::OpenIdRefusal::Keys(e) => {
                    IdentityPoolError::Internal(crate::error::Internal::source(e))
                }
            })?;
            if claims.aud != identity_pool_id {
                // unsure: AWS's wording for a token of another identity pool.
                return Err(IdentityPoolError::NotAuthorized(
                    "Invalid login token. Incorrect token audience.".into(),
                ));
            }
            verified.push(Presented::Token(claims));
        } else {
            verified.push(Presented::Provider(
                federation::verify_login(&s.federation, &providers, name, token).await?,
            ));
        }
    }
    Ok(verified)
}

/// What a set of presented logins resolves to.
#[derive(Debug)]
struct Known {
    /// The distinct identities the logins are already linked to.
    identities: Vec<String>,
    /// Provider logins not linked to any identity yet.
    unlinked: Vec<(String, String)>,
}

async fn look_up(s: &IdentityPools, pool_id: &str, presented: &[Presented]) -> Result<Known> {
    let mut known = Known { identities: Vec::new(), unlinked: Vec::new() };
    for p in presented {
        let found = match p {
            Presented::Token(claims) => {
                // Our token names its identity; it must still exist in this pool.
                match s.store.get_identity(&claims.sub).await? {
                    Some(identity) if identity.identity_pool_id == pool_id => Some(identity.identity_id),
                    _ => return Err(identity_not_found(&claims.sub)),
                }
            }
            Presented::Provider(login) => {
                match s.store.find_login(pool_id, &login.provider, &login.subject).await? {
                    Some(row) => Some(row.identity_id),
                    None => {
                        known.unlinked.push((login.provider.clone(), login.subject.clone()));
                        None
                    }
                }
            }
        };
        if let Some(id) = found
            && !known.identities.contains(&id)
        {
            known.identities.push(id);
        }
    }
    Ok(known)
}

/// AWS's answer for an unknown identity id (unsure of the exact wording).
pub fn identity_not_found(id: &str) -> IdentityPoolError {
    IdentityPoolError::ResourceNotFound(format!("Identity '{id}' not found."))
}

/// Logins linked to two identities cannot be joined (AWS merges only developer identities,
/// through MergeDeveloperIdentities). unsure: AWS's exact wording.
fn linked_elsewhere() -> IdentityPoolError {
    IdentityPoolError::ResourceConflict("Logins are already linked to a different identity.".into())
}

/// A login presented for an identity it does not belong to.
pub fn logins_do_not_match() -> IdentityPoolError {
    IdentityPoolError::NotAuthorized(
        "Logins don't match. Please include at least one valid login for this identity or identity pool."
            .into(),
    )
}

fn rows(pool_id: &str, identity_id: &str, unlinked: &[(String, String)], now: i64) -> Vec<LoginRow> {
    unlinked
        .iter()
        .map(|(provider, subject)| LoginRow {
            identity_pool_id: pool_id.to_string(),
            provider: provider.clone(),
            subject: subject.clone(),
            identity_id: identity_id.to_string(),
            created_at: now,
        })
        .collect()
}

/// Creates a new identity in `pool_id` holding `logins` (none for an unauthenticated one).
pub async fn create_identity(
    s: &IdentityPools,
    pool_id: &str,
    logins: &[(String, String)],
) -> Result<String> {
    let now = s.clock.now_millis();
    let identity_id = ids::identity_pool_id(s.region());
    let row = IdentityRow {
        identity_id: identity_id.clone(),
        identity_pool_id: pool_id.to_string(),
        created_at: now,
        updated_at: now,
    };
    s.store.create_identity(&row, &rows(pool_id, &identity_id, logins, now)).await?;
    Ok(identity_id)
}

/// The identity the verified logins belong to, creating it or linking new logins as needed.
/// With `target`, the logins must belong to that identity (or be new, and are then linked).
pub async fn resolve(
    s: &IdentityPools,
    pool_id: &str,
    presented: &[Presented],
    target: Option<&str>,
) -> Result<String> {
    // A lost race on a login's key means someone else linked it meanwhile: look again once.
    for attempt in 0..2 {
        let known = look_up(s, pool_id, presented).await?;
        let identity = match (known.identities.as_slice(), target) {
            ([], None) => None,
            ([], Some(target)) => Some(target.to_string()),
            ([one], None) => Some(one.clone()),
            ([one], Some(target)) if one == target => Some(one.clone()),
            (_, Some(_)) => return Err(logins_do_not_match()),
            (_, None) => return Err(linked_elsewhere()),
        };
        let outcome = match identity {
            None => create_identity(s, pool_id, &known.unlinked).await,
            Some(id) if known.unlinked.is_empty() => return Ok(id),
            Some(id) => {
                let now = s.clock.now_millis();
                s.store
                    .link_logins(&id, &rows(pool_id, &id, &known.unlinked, now), now)
                    .await
                    .map(|()| id.clone())
                    .map_err(|e| match e {
                        StorageError::NotFound => identity_not_found(&id),
                        e => e.into(),
                    })
            }
        };
        match outcome {
            Err(IdentityPoolError::Storage(StorageError::Conflict(CONFLICT_LOGIN))) if attempt == 0 => {
                continue;
            }
            Err(IdentityPoolError::Storage(StorageError::Conflict(CONFLICT_LOGIN))) => {
                return Err(linked_elsewhere());
            }
            other => return other,
        }
    }
    Err(linked_elsewhere())
}

/// The `amr` of an identity signed in with `presented` (or unauthenticated when empty).
pub fn amr(presented: &[Presented]) -> Vec<String> {
    if presented.is_empty() {
        return vec!["unauthenticated".into()];
    }
    let mut amr = vec!["authenticated".to_string()];
    for p in presented {
        if let Presented::Token(claims) = p {
            // Our own token already carries the original login's amr.
            amr.extend(claims.amr.iter().filter(|a| *a != "authenticated").cloned());
            continue;
        }
        amr.push(p.provider().to_string());
        amr.extend(p.amr_detail());
    }
    amr
}
