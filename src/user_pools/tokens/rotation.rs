//! Refresh-token rotation, the app client's `RefreshTokenRotation {Feature,
//! RetryGracePeriodSeconds}`: with it ENABLED every refresh (GetTokensFromRefreshToken,
//! `/oauth2/token`) answers a new refresh token of the same family, with the original's
//! expiry, and the presented one is rotated out. Within the grace period a retry with the
//! rotated-out token gets the same successor back (lost answers are retried safely); after
//! it the token is a replay: RefreshTokenReuseException, and by default the whole family is
//! revoked (`tokens.revoke_family_on_refresh_reuse`), since one of the two holders is not
//! the user.

use serde_json::Value;

use super::{hash_refresh_token, random_token};
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::ClientSettings;
use crate::user_pools::store::RefreshTokenRow;

const SUCCESSOR_PURPOSE: &str = "refresh-successor";

/// A client's rotation setting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rotation {
    pub enabled: bool,
    /// `RetryGracePeriodSeconds` in ms; 0: a rotated-out token stops working at once.
    pub grace_ms: i64,
}

impl Rotation {
    pub fn of(settings: &ClientSettings) -> Self {
        let Some(config) = settings.refresh_token_rotation.as_ref() else { return Self::default() };
        Self {
            enabled: config.get("Feature").and_then(Value::as_str) == Some("ENABLED"),
            grace_ms: config.get("RetryGracePeriodSeconds").and_then(Value::as_i64).unwrap_or(0) * 1000,
        }
    }
}

/// Checks a RefreshTokenRotation as CreateUserPoolClient / UpdateUserPoolClient receive it.
pub fn check(config: Option<&Value>) -> Result<(), UserPoolError> {
    let Some(config) = config else { return Ok(()) };
    let feature = config.get("Feature").and_then(Value::as_str);
    if !matches!(feature, Some("ENABLED" | "DISABLED")) {
        return Err(UserPoolError::validation(
            "refreshTokenRotation.feature",
            feature,
            "Member must satisfy enum value set: [ENABLED, DISABLED]",
        ));
    }
    match config.get("RetryGracePeriodSeconds") {
        None | Some(Value::Null) => Ok(()),
        Some(grace) => {
            let value = grace.as_i64();
            if value.is_some_and(|g| (0..=60).contains(&g)) {
                return Ok(());
            }
            Err(UserPoolError::validation(
                "refreshTokenRotation.retryGracePeriodSeconds",
                Some(&grace.to_string()),
                if value.is_some_and(|g| g > 60) {
                    "Member must have value less than or equal to 60"
                } else {
                    "Member must have value greater than or equal to 0"
                },
            ))
        }
    }
}

fn reuse() -> UserPoolError {
    // unsure: AWS's message; the type is the model's.
    UserPoolError::RefreshTokenReuse("Refresh token has been rotated out and can no longer be used.".into())
}

/// Refuses a rotated-out token past its grace (revoking its family unless configured not
/// to). Called before anything is minted, so a replay gets nothing.
pub async fn refuse_replay(
    s: &UserPools,
    rotation: Rotation,
    row: &RefreshTokenRow,
) -> Result<(), UserPoolError> {
    let now = s.clock.now_millis();
    match row.rotated_at {
        Some(at) if now >= at + rotation.grace_ms => {
            if s.config.tokens.revoke_family_on_refresh_reuse {
                let revoked = s.store.revoke_refresh_origin(&row.origin_jti, now).await?;
                tracing::warn!(
                    user_pool.id = %row.user_pool_id,
                    client.id = %row.client_id,
                    revoked,
                    "rotated-out refresh token replayed: family revoked"
                );
            }
            Err(reuse())
        }
        _ => Ok(()),
    }
}

/// The refresh token to answer a refresh with `row` (already checked live and not a
/// replay): `None` without rotation; the stored successor for a retry within the grace;
/// otherwise a new token that replaces `row`.
pub async fn successor(
    s: &UserPools,
    rotation: Rotation,
    row: &RefreshTokenRow,
) -> Result<Option<String>, UserPoolError> {
    let mut row = row.clone();
    // Twice at most: a rotation that loses a race reads the winner's successor.
    for _ in 0..2 {
        if row.rotated_at.is_some() {
            refuse_replay(s, rotation, &row).await?;
            let sealed = row.successor_sealed.as_deref().ok_or_else(reuse)?;
            let plain = s.sealer.open(SUCCESSOR_PURPOSE, sealed).map_err(|_| {
                UserPoolError::Internal("a refresh-token successor does not open under the master key".into())
            })?;
            return Ok(Some(String::from_utf8_lossy(&plain).into_owned()));
        }
        if !rotation.enabled {
            return Ok(None);
        }
        let now = s.clock.now_millis();
        let token = random_token(96);
        let next = RefreshTokenRow {
            token_hash: hash_refresh_token(&token),
            created_at: now,
            revoked_at: None,
            rotated_at: None,
            successor_sealed: None,
            ..row.clone()
        };
        let sealed = s.sealer.seal(SUCCESSOR_PURPOSE, token.as_bytes());
        if s.store.rotate_refresh_token(&row.token_hash, now, &sealed, &next).await? {
            return Ok(Some(token));
        }
        row = s
            .store
            .get_refresh_token(&row.token_hash)
            .await?
            .filter(|r| r.revoked_at.is_none())
            .ok_or_else(|| UserPoolError::NotAuthorized("Refresh Token has been revoked".into()))?;
    }
    Err(UserPoolError::Internal("refresh-token rotation did not settle".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AwsError;
    use serde_json::json;

    #[test]
    fn rotation_settings_are_checked_as_the_model_says() {
        assert!(check(Some(&json!({"Feature": "ENABLED", "RetryGracePeriodSeconds": 60}))).is_ok());
        assert!(check(Some(&json!({"Feature": "DISABLED"}))).is_ok());
        for bad in [
            json!({}),
            json!({"Feature": "ON"}),
            json!({"Feature": "ENABLED", "RetryGracePeriodSeconds": 61}),
            json!({"Feature": "ENABLED", "RetryGracePeriodSeconds": -1}),
        ] {
            let err = check(Some(&bad)).unwrap_err();
            assert_eq!(err.code(), "InvalidParameterException", "{bad}");
        }
        let settings = ClientSettings {
            refresh_token_rotation: Some(json!({"Feature": "ENABLED", "RetryGracePeriodSeconds": 10})),
            ..Default::default()
        };
        assert_eq!(Rotation::of(&settings), Rotation { enabled: true, grace_ms: 10_000 });
        assert_eq!(Rotation::of(&ClientSettings::default()), Rotation::default());
    }
}
