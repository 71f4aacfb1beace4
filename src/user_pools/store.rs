//! What the user-pool domain needs from the database. Rows carry settings as JSON text so
//! the schema stays the same on PostgreSQL and SQLite and new AWS fields need no migration;
//! anything the database must look up or keep unique has its own column.

use async_trait::async_trait;

use crate::error::StorageError;

/// One user pool. `settings` is the JSON of [`super::model::PoolSettings`].
#[derive(Debug, Clone, PartialEq)]
pub struct PoolRow {
    pub user_pool_id: String,
    pub name: String,
    pub settings: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// One app client. The secret is sealed under the master key.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientRow {
    pub client_id: String,
    pub user_pool_id: String,
    pub client_name: String,
    pub secret_sealed: Option<String>,
    /// JSON of [`super::model::ClientSettings`].
    pub settings: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// One user. `username_key` is what uniqueness and lookups use (lower-cased in
/// case-insensitive pools); `username` is what the caller sees.
#[derive(Debug, Clone, PartialEq)]
pub struct UserRow {
    pub user_pool_id: String,
    pub username: String,
    pub username_key: String,
    pub sub: String,
    pub enabled: bool,
    pub status: String,
    pub password_hash: Option<String>,
    /// JSON array of `{"Name","Value"}`, without `sub`.
    pub attributes: String,
    pub created_at: i64,
    pub updated_at: i64,
    /// Epoch seconds: tokens issued before this are refused (GlobalSignOut).
    pub tokens_valid_after: i64,
    /// Consecutive wrong passwords.
    pub failed_attempts: i64,
    /// Epoch ms until which sign-in is refused.
    pub locked_until: i64,
    /// JSON array of `{"Name","Value"}` awaiting verification (email/phone changes).
    pub pending_attributes: Option<String>,
    /// The SRP verifier (salt and `v`) sealed under the master key: see `users::set_password`.
    pub srp_verifier: Option<String>,
    /// The verified TOTP secret (base32), sealed: see `mfa`.
    pub totp_secret_sealed: Option<String>,
    /// A TOTP secret associated but not yet verified, sealed.
    pub totp_pending_sealed: Option<String>,
    /// The last TOTP step accepted, so a code works once.
    pub totp_last_step: Option<i64>,
    /// JSON of `mfa::MfaSettings`: enabled factors and the preferred one.
    pub mfa_settings: Option<String>,
}

impl UserRow {
    /// A new user row with sign-in state at rest.
    #[expect(clippy::too_many_arguments, reason = "a row constructor; every field is needed")]
    pub fn new(
        user_pool_id: String,
        username: String,
        username_key: String,
        sub: String,
        status: &str,
        password_hash: Option<String>,
        attributes: String,
        now: i64,
    ) -> Self {
        Self {
            user_pool_id,
            username,
            username_key,
            sub,
            enabled: true,
            status: status.to_string(),
            password_hash,
            attributes,
            created_at: now,
            updated_at: now,
            tokens_valid_after: 0,
            failed_attempts: 0,
            locked_until: 0,
            pending_attributes: None,
            srp_verifier: None,
            totp_secret_sealed: None,
            totp_pending_sealed: None,
            totp_last_step: None,
            mfa_settings: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RefreshTokenRow {
    pub token_hash: String,
    pub user_pool_id: String,
    pub client_id: String,
    pub username_key: String,
    pub origin_jti: String,
    pub auth_time: i64,
    pub created_at: i64,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
    /// The OAuth scopes granted (space-separated); `None` for JSON-API sign-ins.
    pub scopes: Option<String>,
    /// Epoch ms when rotation replaced this token (`None`: the family's current token).
    pub rotated_at: Option<i64>,
    /// The token that replaced it, sealed under the master key (for retries in the grace).
    pub successor_sealed: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CodeRow {
    pub user_pool_id: String,
    pub username_key: String,
    pub purpose: String,
    pub code_hash: String,
    pub expires_at: i64,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GroupRow {
    pub user_pool_id: String,
    pub group_name: String,
    pub description: Option<String>,
    pub role_arn: Option<String>,
    pub precedence: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// One message in the outbox.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageRow {
    pub message_id: String,
    pub user_pool_id: String,
    pub username: String,
    pub destination: String,
    pub delivery_medium: String,
    pub kind: String,
    pub code: String,
    /// The text, with `{####}` where the code goes when `code_sealed` holds it.
    pub message: String,
    pub created_at: i64,
    /// The code (or temporary password) sealed under the master key; `code` is then empty.
    /// `None` for rows written before codes were sealed, or when the code was not kept.
    pub code_sealed: Option<String>,
    /// An email's subject as a CustomMessage trigger set it; `None`: the kind's default.
    pub subject: Option<String>,
}

/// A refresh-token family revoked at `revoked_at` (epoch ms): every token minted from it
/// (same `origin_jti`) is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevokedFamily {
    pub origin_jti: String,
    pub revoked_at: i64,
}

/// A user whose tokens issued before `tokens_valid_after` (epoch seconds) are refused
/// (GlobalSignOut, AdminUserGlobalSignOut).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedOutUser {
    pub user_pool_id: String,
    pub sub: String,
    pub tokens_valid_after: i64,
}

/// A user deleted at `deleted_at` (epoch ms): every token naming this `sub` is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletedUser {
    pub user_pool_id: String,
    pub sub: String,
    pub deleted_at: i64,
}

/// A user pool domain: a prefix (`custom` false) or a custom domain (an FQDN).
#[derive(Debug, Clone, PartialEq)]
pub struct DomainRow {
    pub domain: String,
    pub user_pool_id: String,
    pub custom: bool,
    /// JSON: `ManagedLoginVersion`, `CustomDomainConfig`, `Routing`.
    pub settings: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A resource server; `scopes` is the JSON array of `{ScopeName, ScopeDescription}`.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceServerRow {
    pub user_pool_id: String,
    pub identifier: String,
    pub name: String,
    pub scopes: String,
    pub created_at: i64,
    pub updated_at: i64,
}

impl ResourceServerRow {
    /// The server's scopes as clients and tokens name them: `<identifier>/<scope>`.
    pub fn scope_names(&self) -> Vec<String> {
        let scopes: Vec<serde_json::Value> = serde_json::from_str(&self.scopes).unwrap_or_default();
        scopes
            .iter()
            .filter_map(|sc| sc.get("ScopeName").and_then(serde_json::Value::as_str))
            .map(|name| format!("{}/{name}", self.identifier))
            .collect()
    }
}

/// An authorization code of `/oauth2/authorize`, by the SHA-256 of the code.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthorizationCodeRow {
    pub code_hash: String,
    pub user_pool_id: String,
    pub client_id: String,
    pub username_key: String,
    /// JSON: what the code grants (redirect URI, scopes, nonce, PKCE challenge, auth time).
    pub grant_data: String,
    pub expires_at: i64,
}

/// Which unique key an insert or update ran into.
pub const CONFLICT_PRIMARY: &str = "primary";
pub const CONFLICT_ALIAS: &str = "alias";
/// A domain name taken, or a second domain of the same kind on one pool.
pub const CONFLICT_DOMAIN: &str = "domain";

#[async_trait]
pub trait UserPoolStore: Send + Sync {
    async fn insert_pool(&self, pool: &PoolRow) -> Result<(), StorageError>;
    async fn get_pool(&self, user_pool_id: &str) -> Result<Option<PoolRow>, StorageError>;
    async fn update_pool(&self, pool: &PoolRow) -> Result<(), StorageError>;
    /// Deletes the pool with its clients, users, aliases, groups and memberships.
    async fn delete_pool(&self, user_pool_id: &str) -> Result<bool, StorageError>;
    /// Pools ordered by id, after `after` (exclusive).
    async fn list_pools(&self, after: Option<&str>, limit: i64) -> Result<Vec<PoolRow>, StorageError>;
    async fn count_users(&self, user_pool_id: &str) -> Result<i64, StorageError>;

    async fn insert_client(&self, client: &ClientRow) -> Result<(), StorageError>;
    async fn get_client(
        &self,
        user_pool_id: &str,
        client_id: &str,
    ) -> Result<Option<ClientRow>, StorageError>;
    /// A client by id alone (client ids are unique across pools), for InitiateAuth.
    async fn find_client(&self, client_id: &str) -> Result<Option<ClientRow>, StorageError>;
    async fn update_client(&self, client: &ClientRow) -> Result<(), StorageError>;
    async fn delete_client(&self, user_pool_id: &str, client_id: &str) -> Result<bool, StorageError>;
    async fn list_clients(
        &self,
        user_pool_id: &str,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<ClientRow>, StorageError>;

    /// Inserts the user and its alias keys atomically. A taken username is
    /// `Conflict(CONFLICT_PRIMARY)`, a taken alias `Conflict(CONFLICT_ALIAS)`.
    async fn insert_user(&self, user: &UserRow, aliases: &[String]) -> Result<(), StorageError>;
    async fn get_user(&self, user_pool_id: &str, username_key: &str)
    -> Result<Option<UserRow>, StorageError>;
    /// [`UserPoolStore::get_user`] and [`UserPoolStore::is_origin_revoked`] in one round
    /// trip, for token verification (every token-authorised call and identity-pool login).
    async fn get_user_and_origin_revoked(
        &self,
        user_pool_id: &str,
        username_key: &str,
        origin_jti: &str,
    ) -> Result<Option<(UserRow, bool)>, StorageError>;
    async fn find_user_by_alias(
        &self,
        user_pool_id: &str,
        alias_key: &str,
    ) -> Result<Option<UserRow>, StorageError>;
    /// Updates the user and replaces its alias keys atomically (`Conflict(CONFLICT_ALIAS)`
    /// when another user holds one of them).
    async fn update_user(&self, user: &UserRow, aliases: &[String]) -> Result<(), StorageError>;
    /// Deletes the user with its aliases, memberships, codes and refresh tokens, leaving a
    /// tombstone of its `sub` (see [`UserPoolStore::deleted_users_since`]).
    async fn delete_user(
        &self,
        user_pool_id: &str,
        username_key: &str,
        now: i64,
    ) -> Result<bool, StorageError>;
    /// Users ordered by `username_key`, after `after` (exclusive).
    async fn list_users(
        &self,
        user_pool_id: &str,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<UserRow>, StorageError>;

    async fn insert_group(&self, group: &GroupRow) -> Result<(), StorageError>;
    async fn get_group(&self, user_pool_id: &str, group_name: &str)
    -> Result<Option<GroupRow>, StorageError>;
    async fn update_group(&self, group: &GroupRow) -> Result<(), StorageError>;
    async fn delete_group(&self, user_pool_id: &str, group_name: &str) -> Result<bool, StorageError>;
    async fn list_groups(
        &self,
        user_pool_id: &str,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<GroupRow>, StorageError>;

    /// Adds a membership; adding an existing one is not an error (AWS is idempotent here).
    async fn add_member(
        &self,
        user_pool_id: &str,
        group_name: &str,
        username_key: &str,
        now: i64,
    ) -> Result<(), StorageError>;
    async fn remove_member(
        &self,
        user_pool_id: &str,
        group_name: &str,
        username_key: &str,
    ) -> Result<(), StorageError>;
    /// Groups of a user ordered by name, after `after`.
    async fn list_groups_for_user(
        &self,
        user_pool_id: &str,
        username_key: &str,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<GroupRow>, StorageError>;
    /// Members of a group ordered by `username_key`, after `after`.
    async fn list_users_in_group(
        &self,
        user_pool_id: &str,
        group_name: &str,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<UserRow>, StorageError>;

    async fn insert_message(&self, message: &MessageRow) -> Result<(), StorageError>;
    /// Messages of a pool, optionally of one username, newest first.
    async fn list_messages(
        &self,
        user_pool_id: &str,
        username: Option<&str>,
        limit: i64,
    ) -> Result<Vec<MessageRow>, StorageError>;

    async fn insert_refresh_token(&self, token: &RefreshTokenRow) -> Result<(), StorageError>;
    async fn get_refresh_token(&self, token_hash: &str) -> Result<Option<RefreshTokenRow>, StorageError>;
    /// Rotation, in one transaction: marks the current token `old_hash` rotated out at `at`
    /// (with its successor, sealed) and stores the successor `new`. `false`: the token was
    /// already rotated or revoked (a concurrent rotation won), and nothing was written.
    async fn rotate_refresh_token(
        &self,
        old_hash: &str,
        at: i64,
        successor_sealed: &str,
        new: &RefreshTokenRow,
    ) -> Result<bool, StorageError>;
    /// Revokes every refresh token of a token family; returns how many were live.
    async fn revoke_refresh_origin(&self, origin_jti: &str, at: i64) -> Result<u64, StorageError>;
    /// Revokes every refresh token of a user.
    async fn revoke_user_refresh_tokens(
        &self,
        user_pool_id: &str,
        username_key: &str,
        at: i64,
    ) -> Result<(), StorageError>;
    /// Whether a token family was revoked.
    async fn is_origin_revoked(&self, origin_jti: &str) -> Result<bool, StorageError>;

    /// Stores a code, replacing any earlier one for the same purpose.
    async fn put_code(&self, code: &CodeRow) -> Result<(), StorageError>;
    async fn get_code(
        &self,
        user_pool_id: &str,
        username_key: &str,
        purpose: &str,
    ) -> Result<Option<CodeRow>, StorageError>;
    /// Deletes a code; returns whether it was there (so a code is used at most once).
    async fn delete_code(
        &self,
        user_pool_id: &str,
        username_key: &str,
        purpose: &str,
    ) -> Result<bool, StorageError>;

    /// Writes the user's MFA columns (and `updated_at`); nothing else.
    async fn set_user_mfa(&self, user: &UserRow) -> Result<(), StorageError>;
    /// Records TOTP `step` as used; false if it (or a later one) already was.
    async fn use_totp_step(
        &self,
        user_pool_id: &str,
        username_key: &str,
        step: i64,
    ) -> Result<bool, StorageError>;

    /// Marks a challenge session used (or a hosted sign-in ended); false if it already was.
    async fn consume_session(&self, session_id: &str, expires_at: i64) -> Result<bool, StorageError>;
    /// Whether [`UserPoolStore::consume_session`] marked `session_id`.
    async fn session_consumed(&self, session_id: &str) -> Result<bool, StorageError>;

    /// Deletes what can no longer be used at `now` (epoch ms): consumed sessions past their
    /// expiry (the session itself is refused as expired by then), expired codes, and refresh
    /// tokens a day past their expiry (when no access token of their family can be alive).
    /// Returns how many rows went.
    async fn purge_expired(&self, now: i64) -> Result<u64, StorageError>;

    /// Counts a wrong password atomically and returns the new count.
    async fn add_failed_attempt(&self, user_pool_id: &str, username_key: &str) -> Result<i64, StorageError>;
    async fn set_locked_until(
        &self,
        user_pool_id: &str,
        username_key: &str,
        until: i64,
    ) -> Result<(), StorageError>;
    async fn reset_failed_attempts(&self, user_pool_id: &str, username_key: &str)
    -> Result<(), StorageError>;

    /// Revocations as a feed, for views held in memory (the gateway's): families revoked
    /// after `since_ms`.
    async fn revoked_families_since(&self, since_ms: i64) -> Result<Vec<RevokedFamily>, StorageError>;
    /// Users deleted after `since_ms`.
    async fn deleted_users_since(&self, since_ms: i64) -> Result<Vec<DeletedUser>, StorageError>;
    /// Users with `tokens_valid_after > since_secs`.
    async fn signed_out_users_since(&self, since_secs: i64) -> Result<Vec<SignedOutUser>, StorageError>;

    /// Inserts a domain; a taken name or a pool's second prefix (or custom domain) is
    /// `Conflict(CONFLICT_DOMAIN)`.
    async fn insert_domain(&self, domain: &DomainRow) -> Result<(), StorageError>;
    async fn get_domain(&self, domain: &str) -> Result<Option<DomainRow>, StorageError>;
    async fn list_pool_domains(&self, user_pool_id: &str) -> Result<Vec<DomainRow>, StorageError>;
    async fn update_domain(&self, domain: &DomainRow) -> Result<(), StorageError>;
    async fn delete_domain(&self, user_pool_id: &str, domain: &str) -> Result<bool, StorageError>;

    /// A taken identifier is `Conflict(CONFLICT_PRIMARY)`.
    async fn insert_resource_server(&self, server: &ResourceServerRow) -> Result<(), StorageError>;
    async fn get_resource_server(
        &self,
        user_pool_id: &str,
        identifier: &str,
    ) -> Result<Option<ResourceServerRow>, StorageError>;
    async fn update_resource_server(&self, server: &ResourceServerRow) -> Result<(), StorageError>;
    async fn delete_resource_server(
        &self,
        user_pool_id: &str,
        identifier: &str,
    ) -> Result<bool, StorageError>;
    /// Resource servers ordered by identifier, after `after` (exclusive).
    async fn list_resource_servers(
        &self,
        user_pool_id: &str,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<ResourceServerRow>, StorageError>;

    async fn insert_authorization_code(&self, code: &AuthorizationCodeRow) -> Result<(), StorageError>;
    /// Takes a code out: of two redemptions of one code, one gets it.
    async fn take_authorization_code(
        &self,
        code_hash: &str,
    ) -> Result<Option<AuthorizationCodeRow>, StorageError>;
}
