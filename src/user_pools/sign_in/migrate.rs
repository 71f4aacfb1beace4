//! Bringing a user over on first use (the UserMigration trigger): a sign-in with a password
//! or a password reset names a user the pool lacks, and the function answers with their
//! attributes. The user is created as the function says (CONFIRMED with the typed password,
//! or RESET_REQUIRED), and the operation goes on as if they had been there.

use crate::crypto::ids;
use crate::user_pools::UserPools;
use crate::user_pools::error::UserPoolError;
use crate::user_pools::model::{PoolSettings, status};
use crate::user_pools::ops::admin_users::{release_aliases, resolve_username};
use crate::user_pools::store::{ClientRow, UserRow};
use crate::user_pools::triggers::migration::{self, user_migration};
use crate::user_pools::triggers::{self, Caller, Trigger};
use crate::user_pools::users::{
    alias_keys, check_attributes, conflict_error, encode_attributes, set_password, username_key,
};

/// Asks the pool's UserMigration function about `username` and creates the user it returns.
/// `password` is the typed password of a sign-in (`None` for ForgotPassword). `None`: no
/// function, or it did not know the user.
pub async fn migrate(
    s: &UserPools,
    settings: &PoolSettings,
    client: &ClientRow,
    username: &str,
    password: Option<&str>,
    caller: Caller<'_>,
) -> Result<Option<UserRow>, UserPoolError> {
    if triggers::function(settings, Trigger::UserMigration).is_none() {
        return Ok(None);
    }
    let source = if password.is_some() { migration::AUTHENTICATION } else { migration::FORGOT_PASSWORD };
    let pool_id = &client.user_pool_id;
    let Some(migrated) = user_migration(s, settings, pool_id, source, username, password, caller).await?
    else {
        return Ok(None);
    };
    let sub = ids::uuid();
    let mut attributes = migrated.attributes;
    let username = resolve_username(settings, username, &sub, &mut attributes)?;
    check_attributes(settings, &attributes, &[])?;
    let mut user = UserRow::new(
        pool_id.clone(),
        username.clone(),
        username_key(settings, &username),
        sub,
        &migrated.final_status,
        None,
        encode_attributes(&attributes),
        s.clock.now_millis(),
    );
    // The old directory checked the password; the pool's policy does not apply to it.
    if let Some(password) = password.filter(|_| migrated.final_status == status::CONFIRMED) {
        set_password(s, &mut user, password).await?;
    }
    let aliases = alias_keys(settings, &attributes);
    if migrated.force_alias_creation {
        release_aliases(s, settings, &user, &aliases).await?;
    }
    s.store.insert_user(&user, &aliases).await.map_err(|e| conflict_error(settings, e))?;
    tracing::info!(user_pool.id = %user.user_pool_id, user.sub = %user.sub, "user migrated");
    Ok(Some(user))
}
