//! Users as the domain sees them: how a username is keyed, how a user is found (by name or
//! by sign-in alias), which alias keys a user holds, and whether attributes fit the schema.
//! Shared by the admin operations, ListUsers, groups and the seed file.

use super::constraints;
use super::error::UserPoolError;
use super::model::{Attribute, PoolSettings, SchemaAttribute};
use super::outbox::code_destination;
use super::store::{CONFLICT_ALIAS, CONFLICT_PRIMARY, ClientRow, UserRow};
use super::tokens::client_settings;
use crate::crypto::srp;
use crate::error::StorageError;
use crate::user_pools::UserPools;

const SRP_VERIFIER_PURPOSE: &str = "srp-verifier";

/// What `users.srp_verifier` holds, sealed under the master key.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredVerifier {
    /// Hex.
    salt: String,
    /// Hex of `pad(v)`.
    verifier: String,
}

/// Sets a user's password: the argon2 hash for the password flows and the SRP verifier for
/// USER_SRP_AUTH, both computed off the async runtime. The verifier is bound to the stored
/// `username` (USER_ID_FOR_SRP) and the pool, so it is computed from `user` as it is now.
/// The caller saves the row.
pub async fn set_password(s: &UserPools, user: &mut UserRow, password: &str) -> Result<(), UserPoolError> {
    let pool = srp::pool_name(&user.user_pool_id).to_owned();
    let (username, plain) = (user.username.clone(), password.to_owned());
    // Started first so it runs while argon2 does.
    let verifier = tokio::task::spawn_blocking(move || srp::make_verifier(&pool, &username, &plain));
    let hash = s.passwords.hash(password).await?;
    let verifier = verifier.await.map_err(|_| UserPoolError::Internal("verifier task failed".into()))?;
    let stored =
        StoredVerifier { salt: hex::encode(&verifier.salt), verifier: hex::encode(&verifier.verifier) };
    let json = serde_json::to_vec(&stored)
        .map_err(|e| UserPoolError::Internal(crate::error::Internal::source(e)))?;
    user.password_hash = Some(hash);
    user.srp_verifier = Some(s.sealer.seal(SRP_VERIFIER_PURPOSE, &json));
    Ok(())
}

/// The user's SRP verifier, if the user has one.
pub fn srp_verifier(s: &UserPools, user: &UserRow) -> Result<Option<srp::Verifier>, UserPoolError> {
    let Some(sealed) = user.srp_verifier.as_deref() else { return Ok(None) };
    let corrupt = |_| UserPoolError::Internal("stored SRP verifier does not open".into());
    let plain = s.sealer.open(SRP_VERIFIER_PURPOSE, sealed).map_err(|_| corrupt(()))?;
    let stored: StoredVerifier = serde_json::from_slice(&plain).map_err(|_| corrupt(()))?;
    Ok(Some(srp::Verifier {
        salt: hex::decode(stored.salt).map_err(|_| corrupt(()))?,
        verifier: hex::decode(stored.verifier).map_err(|_| corrupt(()))?,
    }))
}

/// The key a username is stored and looked up under.
pub fn username_key(settings: &PoolSettings, username: &str) -> String {
    if settings.case_sensitive() { username.to_string() } else { username.to_lowercase() }
}

fn alias_key(settings: &PoolSettings, attribute: &str, value: &str) -> String {
    let value = match attribute {
        "email" => value.to_lowercase(),
        "preferred_username" if !settings.case_sensitive() => value.to_lowercase(),
        _ => value.to_string(),
    };
    format!("{attribute}:{value}")
}

/// Attribute names a user can sign in with besides the username.
fn sign_in_attributes(settings: &PoolSettings) -> impl Iterator<Item = &str> {
    settings.username_attributes().iter().chain(settings.alias_attributes()).map(String::as_str)
}

/// Finds a user by username, then by any sign-in alias the pool has.
pub async fn find_user(
    s: &UserPools,
    pool_id: &str,
    settings: &PoolSettings,
    username: &str,
) -> Result<Option<UserRow>, UserPoolError> {
    if let Some(user) = s.store.get_user(pool_id, &username_key(settings, username)).await? {
        return Ok(Some(user));
    }
    for attribute in sign_in_attributes(settings) {
        let key = alias_key(settings, attribute, username);
        if let Some(user) = s.store.find_user_by_alias(pool_id, &key).await? {
            return Ok(Some(user));
        }
    }
    Ok(None)
}

/// The pool and the user a request names (`UserPoolId` + `Username`), with AWS's errors.
pub async fn pool_user(
    s: &UserPools,
    pool_id: &str,
    username: &str,
) -> Result<(PoolSettings, UserRow), UserPoolError> {
    let (pool, settings) = crate::user_pools::ops::pools::load_pool(s, pool_id).await?;
    constraints::username(username)?;
    let user = require_user(s, &pool.user_pool_id, &settings, username).await?;
    Ok((settings, user))
}

/// The one way a changed user is saved: its attributes encoded, `updated_at` set, its alias
/// keys recomputed, all in one write; a user deleted meanwhile is UserNotFound, a taken
/// alias AWS's error for the pool's sign-in style.
pub async fn save_user(
    s: &UserPools,
    settings: &PoolSettings,
    user: &mut UserRow,
    attributes: &[Attribute],
) -> Result<(), UserPoolError> {
    user.attributes = encode_attributes(attributes);
    user.updated_at = s.clock.now_millis();
    s.store.update_user(user, &alias_keys(settings, attributes)).await.map_err(|e| match e {
        StorageError::NotFound => UserPoolError::UserNotFound,
        e => conflict_error(settings, e),
    })
}

/// Like [`find_user`], with AWS's error when there is none.
pub async fn require_user(
    s: &UserPools,
    pool_id: &str,
    settings: &PoolSettings,
    username: &str,
) -> Result<UserRow, UserPoolError> {
    find_user(s, pool_id, settings, username).await?.ok_or(UserPoolError::UserNotFound)
}

/// The alias keys `attributes` give a user: username attributes always, alias attributes
/// once verified (preferred_username needs no verification).
pub fn alias_keys(settings: &PoolSettings, attributes: &[Attribute]) -> Vec<String> {
    let get = |name: &str| attributes.iter().find(|a| a.name == name).and_then(|a| a.value.as_deref());
    let mut keys = Vec::new();
    for name in settings.username_attributes() {
        if let Some(v) = get(name).filter(|v| !v.is_empty()) {
            keys.push(alias_key(settings, name, v));
        }
    }
    for name in settings.alias_attributes() {
        let verified = match name.as_str() {
            "email" => get("email_verified") == Some("true"),
            "phone_number" => get("phone_number_verified") == Some("true"),
            _ => true,
        };
        if let Some(v) = get(name).filter(|v| verified && !v.is_empty()) {
            keys.push(alias_key(settings, name, v));
        }
    }
    keys
}

/// Maps a storage conflict on a user to AWS's error for the pool's sign-in style.
pub fn conflict_error(settings: &PoolSettings, e: StorageError) -> UserPoolError {
    match e {
        StorageError::Conflict(CONFLICT_PRIMARY) => {
            UserPoolError::UsernameExists("User account already exists".into())
        }
        StorageError::Conflict(CONFLICT_ALIAS) if !settings.username_attributes().is_empty() => {
            let what = if settings.username_attributes().iter().any(|a| a == "email") {
                "email"
            } else {
                "phone_number"
            };
            UserPoolError::UsernameExists(format!("An account with the given {what} already exists."))
        }
        StorageError::Conflict(CONFLICT_ALIAS) => {
            UserPoolError::AliasExists("An account with the given email already exists.".into())
        }
        other => other.into(),
    }
}

pub use super::model::{encode_attributes, parse_attributes};

/// The user's attributes as AWS returns them: `sub` first, then the stored ones.
pub fn attributes_with_sub(user: &UserRow) -> Result<Vec<Attribute>, UserPoolError> {
    let mut all = vec![Attribute { name: "sub".into(), value: Some(user.sub.clone()) }];
    all.extend(parse_attributes(&user.attributes)?);
    Ok(all)
}

/// Sets or replaces `name` in `attributes`.
pub fn set_attribute(attributes: &mut Vec<Attribute>, name: &str, value: &str) {
    match attributes.iter_mut().find(|a| a.name == name) {
        Some(a) => a.value = Some(value.to_string()),
        None => attributes.push(Attribute { name: name.into(), value: Some(value.into()) }),
    }
}

fn schema_error(name: &str, why: &str) -> UserPoolError {
    UserPoolError::InvalidParameter(format!("Attributes did not conform to the schema: {name}: {why}\n"))
}

/// Checks attributes a caller wants to write against the pool's schema. `existing` is the
/// user's current attributes (empty at creation); immutable attributes cannot change once set.
pub fn check_attributes(
    settings: &PoolSettings,
    attributes: &[Attribute],
    existing: &[Attribute],
) -> Result<(), UserPoolError> {
    let mut seen = std::collections::HashSet::with_capacity(attributes.len());
    for attribute in attributes {
        let name = attribute.name.as_str();
        if !seen.insert(name) {
            // unsure: AWS's wording for an attribute named twice in one request.
            return Err(schema_error(name, "Duplicate attribute name"));
        }
        if name == "sub" {
            return Err(schema_error(name, "Attribute cannot be updated. (changing an immutable attribute)"));
        }
        let Some(schema) = settings.schema_attribute(name) else {
            return Err(schema_error(name, "Attribute does not exist in the schema."));
        };
        let value = attribute.value.as_deref().unwrap_or("");
        let current = existing.iter().find(|a| a.name == name).and_then(|a| a.value.as_deref());
        if !schema.is_mutable() && current.is_some_and(|c| c != value) {
            return Err(schema_error(name, "Attribute cannot be updated. (changing an immutable attribute)"));
        }
        check_value(schema, name, value)?;
    }
    Ok(())
}

/// Checks that attributes may be deleted: they exist, and are neither required nor immutable.
pub fn check_deletable(settings: &PoolSettings, names: &[String]) -> Result<(), UserPoolError> {
    for name in names {
        let Some(schema) = settings.schema_attribute(name) else {
            return Err(schema_error(name, "Attribute does not exist in the schema."));
        };
        if name == "sub" || schema.is_required() || !schema.is_mutable() {
            return Err(schema_error(name, "The attribute is required"));
        }
    }
    Ok(())
}

/// Checks that every required attribute has a value in `attributes`.
pub fn check_required(settings: &PoolSettings, attributes: &[Attribute]) -> Result<(), UserPoolError> {
    for schema in settings.schema_attributes.iter().filter(|a| a.is_required() && a.name() != "sub") {
        let present = attributes
            .iter()
            .any(|a| a.name == schema.name() && a.value.as_deref().is_some_and(|v| !v.is_empty()));
        if !present {
            return Err(schema_error(schema.name(), "The attribute is required"));
        }
    }
    Ok(())
}

fn check_value(schema: &SchemaAttribute, name: &str, value: &str) -> Result<(), UserPoolError> {
    if value.chars().count() > 2048 {
        return Err(schema_error(name, "String must be no longer than 2048 characters"));
    }
    match schema.data_type() {
        "Boolean" if value != "true" && value != "false" => {
            return Err(schema_error(name, "Attribute value must be a boolean (true or false)"));
        }
        "Number" if !value.is_empty() && value.parse::<f64>().is_err() => {
            return Err(schema_error(name, "Number must be a number"));
        }
        _ => {}
    }
    if let Some(c) = &schema.string_attribute_constraints {
        let len = value.chars().count();
        let min = c.min_length.as_deref().and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
        let max = c.max_length.as_deref().and_then(|v| v.parse::<usize>().ok()).unwrap_or(2048);
        if !value.is_empty() && (len < min || len > max) {
            return Err(schema_error(
                name,
                &format!("String must be between {min} and {max} characters long"),
            ));
        }
    }
    match name {
        "email" if !is_email(value) => {
            Err(UserPoolError::InvalidParameter("Invalid email address format.".into()))
        }
        "phone_number" if !is_phone(value) => {
            Err(UserPoolError::InvalidParameter("Invalid phone number format.".into()))
        }
        // A sign-in alias must not pass for another user's name by an invisible character.
        // unsure: AWS's wording.
        "preferred_username" if !value.is_empty() && !crate::validation::is_printable_name(value) => {
            Err(schema_error(name, "Invalid preferred_username format."))
        }
        _ => Ok(()),
    }
}

/// The model's `EmailAddressType`: `[\p{L}\p{M}\p{S}\p{N}\p{P}]+@[\p{L}\p{M}\p{S}\p{N}\p{P}]+`
/// with one `@` (so no spaces, controls or invisible format characters).
pub fn is_email(v: &str) -> bool {
    v.split_once('@').is_some_and(|(local, domain)| {
        crate::validation::is_printable_name(local)
            && crate::validation::is_printable_name(domain)
            && !domain.contains('@')
    })
}

/// E.164: `+` then 1–15 digits.
pub fn is_phone(v: &str) -> bool {
    v.strip_prefix('+').is_some_and(|d| (1..=15).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
}

/// The attribute that records whether `attribute` (`email` or `phone_number`) is verified.
pub fn verified_flag(attribute: &str) -> Option<&'static str> {
    match attribute {
        "email" => Some("email_verified"),
        "phone_number" => Some("phone_number_verified"),
        _ => None,
    }
}

pub fn value_of<'a>(attributes: &'a [Attribute], name: &str) -> Option<&'a str> {
    attributes.iter().find(|a| a.name == name).and_then(|a| a.value.as_deref()).filter(|v| !v.is_empty())
}

/// Where a sign-up (or changed-attribute) verification code goes: an address the user has
/// in an attribute the pool auto-verifies. `None` when the pool verifies nothing the user has.
pub fn verification_target(settings: &PoolSettings, attributes: &[Attribute]) -> Option<(String, String)> {
    let auto = settings.auto_verified_attributes.as_deref().unwrap_or(&[]);
    code_destination(settings, attributes).filter(|(name, _)| auto.contains(name)).or_else(|| {
        auto.iter().find_map(|name| value_of(attributes, name).map(|v| (name.clone(), v.to_string())))
    })
}

/// Checks that `client` may write the attributes named in `names`. Without WriteAttributes
/// a client may write every attribute except the `*_verified` flags.
pub fn check_writable<'a>(
    client: &ClientRow,
    names: impl IntoIterator<Item = &'a str>,
) -> Result<(), UserPoolError> {
    let writable = client_settings(client)?.write_attributes;
    for name in names {
        let allowed = match &writable {
            Some(list) => list.iter().any(|w| w == name),
            // AWS deviation (unsure): AWS documents that a client without WriteAttributes may
            // write all attributes; we keep users from marking their own address verified.
            None => !matches!(name, "email_verified" | "phone_number_verified"),
        };
        if !allowed {
            return Err(UserPoolError::NotAuthorized(
                "A client attempted to write unauthorized attribute".into(),
            ));
        }
    }
    Ok(())
}

/// Maps a storage error on an existing user: a taken alias is AliasExistsException (the
/// operations that verify or change an address list no UsernameExistsException).
pub fn alias_taken(settings: &PoolSettings, e: StorageError) -> UserPoolError {
    match e {
        StorageError::NotFound => UserPoolError::UserNotFound,
        e => match conflict_error(settings, e) {
            UserPoolError::UsernameExists(message) => UserPoolError::AliasExists(message),
            other => other,
        },
    }
}

/// Fails with AliasExistsException if another user holds an alias `attributes` would give
/// `user`. Checked before a code is used up, so the user can retry after fixing it.
pub async fn ensure_aliases_free(
    s: &UserPools,
    settings: &PoolSettings,
    user: &UserRow,
    attributes: &[Attribute],
) -> Result<(), UserPoolError> {
    for key in alias_keys(settings, attributes) {
        if let Some(holder) = s.store.find_user_by_alias(&user.user_pool_id, &key).await?
            && holder.username_key != user.username_key
        {
            return Err(alias_taken(settings, StorageError::Conflict(CONFLICT_ALIAS)));
        }
    }
    Ok(())
}

/// [`save_user`] for the self-service operations, where AWS reports any taken alias (an
/// email or phone number used as username included) as AliasExistsException.
pub async fn save_user_attributes(
    s: &UserPools,
    settings: &PoolSettings,
    mut user: UserRow,
    attributes: &[Attribute],
) -> Result<UserRow, UserPoolError> {
    save_user(s, settings, &mut user, attributes).await.map_err(|e| match e {
        UserPoolError::UsernameExists(message) => UserPoolError::AliasExists(message),
        other => other,
    })?;
    Ok(user)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::user_pools::model::{UsernameConfiguration, standard_schema};

    fn attr(name: &str, value: &str) -> Attribute {
        Attribute { name: name.into(), value: Some(value.into()) }
    }

    fn settings() -> PoolSettings {
        PoolSettings { schema_attributes: standard_schema(), ..Default::default() }
    }

    #[test]
    fn case_insensitive_pools_key_usernames_in_lower_case() {
        let mut s = settings();
        assert_eq!(username_key(&s, "Alice"), "Alice");
        s.username_configuration = Some(UsernameConfiguration { case_sensitive: false });
        assert_eq!(username_key(&s, "Alice"), "alice");
    }

    #[test]
    fn alias_attributes_count_only_once_verified() {
        let mut s = settings();
        s.alias_attributes = Some(vec!["email".into(), "preferred_username".into()]);
        let unverified = [attr("email", "A@x.io"), attr("preferred_username", "al")];
        assert_eq!(alias_keys(&s, &unverified), vec!["preferred_username:al".to_string()]);
        let verified = [attr("email", "A@x.io"), attr("email_verified", "true")];
        assert_eq!(alias_keys(&s, &verified), vec!["email:a@x.io".to_string()]);
    }

    #[test]
    fn attributes_are_checked_against_the_schema() {
        let s = settings();
        let cases = [
            ("unknown attribute", attr("custom:nope", "x"), "Attribute does not exist in the schema."),
            ("sub is immutable", attr("sub", "x"), "immutable"),
            ("boolean type", attr("email_verified", "yes"), "boolean"),
            ("email format", attr("email", "not-an-email"), "Invalid email address format."),
            ("phone format", attr("phone_number", "555-1234"), "Invalid phone number format."),
            (
                "invisible character in an email",
                attr("email", "bob\u{200b}@x.io"),
                "Invalid email address format.",
            ),
            (
                "invisible character in an alias",
                attr("preferred_username", "bob\u{200b}"),
                "preferred_username",
            ),
        ];
        for (description, a, message) in cases {
            let err = check_attributes(&s, &[a], &[]).unwrap_err().to_string();
            assert!(err.contains(message), "{description}: {err}");
        }
        assert!(check_attributes(&s, &[attr("email", "a@b.c"), attr("email_verified", "true")], &[]).is_ok());
        let twice = check_attributes(&s, &[attr("name", "a"), attr("name", "b")], &[]).unwrap_err();
        assert_eq!(
            twice.to_string(),
            "Attributes did not conform to the schema: name: Duplicate attribute name\n"
        );
    }
}
