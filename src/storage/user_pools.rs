//! The SQL behind `user_pools::store::UserPoolStore` (pools, clients, users and aliases,
//! groups, the outbox, refresh tokens, codes, sessions, lockout, and the revocation feed),
//! shared by both backends and expanded once per backend by [`impl_user_pool_store!`] so the
//! queries cannot drift apart.

pub const INSERT_POOL: &str = "insert into user_pools (user_pool_id, name, settings, created_at, updated_at) values ($1, $2, $3, $4, $5)";
pub const GET_POOL: &str =
    "select user_pool_id, name, settings, created_at, updated_at from user_pools where user_pool_id = $1";
pub const UPDATE_POOL: &str =
    "update user_pools set name = $2, settings = $3, updated_at = $4 where user_pool_id = $1";
pub const LIST_POOLS: &str = "select user_pool_id, name, settings, created_at, updated_at from user_pools where user_pool_id > $1 order by user_pool_id limit $2";
pub const COUNT_USERS: &str = "select count(*) from users where user_pool_id = $1";
/// Children first, so deletion does not depend on foreign-key enforcement being on.
pub const DELETE_POOL: [&str; 13] = [
    "delete from messages where user_pool_id = $1",
    "delete from authorization_codes where user_pool_id = $1",
    "delete from resource_servers where user_pool_id = $1",
    "delete from user_pool_domains where user_pool_id = $1",
    "delete from signing_keys where user_pool_id = $1",
    "delete from refresh_tokens where user_pool_id = $1",
    "delete from user_codes where user_pool_id = $1",
    "delete from group_members where user_pool_id = $1",
    "delete from groups where user_pool_id = $1",
    "delete from user_aliases where user_pool_id = $1",
    "delete from users where user_pool_id = $1",
    "delete from user_pool_clients where user_pool_id = $1",
    "delete from user_pools where user_pool_id = $1",
];

pub const INSERT_CLIENT: &str = "insert into user_pool_clients (client_id, user_pool_id, client_name, secret_sealed, settings, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7)";
pub const GET_CLIENT: &str = "select client_id, user_pool_id, client_name, secret_sealed, settings, created_at, updated_at from user_pool_clients where user_pool_id = $1 and client_id = $2";
pub const FIND_CLIENT: &str = "select client_id, user_pool_id, client_name, secret_sealed, settings, created_at, updated_at from user_pool_clients where client_id = $1";
pub const UPDATE_CLIENT: &str = "update user_pool_clients set client_name = $3, secret_sealed = $4, settings = $5, updated_at = $6 where user_pool_id = $1 and client_id = $2";
pub const DELETE_CLIENT: &str = "delete from user_pool_clients where user_pool_id = $1 and client_id = $2";
pub const LIST_CLIENTS: &str = "select client_id, user_pool_id, client_name, secret_sealed, settings, created_at, updated_at from user_pool_clients where user_pool_id = $1 and client_id > $2 order by client_id limit $3";

pub const INSERT_USER: &str = "insert into users (user_pool_id, username_key, username, sub, enabled, status, password_hash, attributes, created_at, updated_at, tokens_valid_after, failed_attempts, locked_until, pending_attributes, srp_verifier) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";
pub const GET_USER: &str = "select user_pool_id, username_key, username, sub, enabled, status, password_hash, attributes, created_at, updated_at, tokens_valid_after, failed_attempts, locked_until, pending_attributes, srp_verifier, totp_secret_sealed, totp_pending_sealed, totp_last_step, mfa_settings from users where user_pool_id = $1 and username_key = $2";
pub const FIND_USER_BY_ALIAS: &str = "select u.user_pool_id, u.username_key, u.username, u.sub, u.enabled, u.status, u.password_hash, u.attributes, u.created_at, u.updated_at, u.tokens_valid_after, u.failed_attempts, u.locked_until, u.pending_attributes, u.srp_verifier, u.totp_secret_sealed, u.totp_pending_sealed, u.totp_last_step, u.mfa_settings from user_aliases a join users u on u.user_pool_id = a.user_pool_id and u.username_key = a.username_key where a.user_pool_id = $1 and a.alias_key = $2";
pub const UPDATE_USER: &str = "update users set username = $3, enabled = $4, status = $5, password_hash = $6, attributes = $7, updated_at = $8, tokens_valid_after = $9, pending_attributes = $10, srp_verifier = $11 where user_pool_id = $1 and username_key = $2";
/// Run before [`DELETE_USER`]: the user's `sub` goes into the tombstones the revocation feed
/// reads (idempotent: a second delete of the same row finds no user).
pub const TOMBSTONE_USER: &str = "insert into deleted_users (user_pool_id, sub, deleted_at) select user_pool_id, sub, $3 from users where user_pool_id = $1 and username_key = $2 and not exists (select 1 from deleted_users d where d.user_pool_id = users.user_pool_id and d.sub = users.sub)";
pub const DELETE_USER: [&str; 5] = [
    "delete from refresh_tokens where user_pool_id = $1 and username_key = $2",
    "delete from user_codes where user_pool_id = $1 and username_key = $2",
    "delete from group_members where user_pool_id = $1 and username_key = $2",
    "delete from user_aliases where user_pool_id = $1 and username_key = $2",
    "delete from users where user_pool_id = $1 and username_key = $2",
];
pub const LIST_USERS: &str = "select user_pool_id, username_key, username, sub, enabled, status, password_hash, attributes, created_at, updated_at, tokens_valid_after, failed_attempts, locked_until, pending_attributes, srp_verifier, totp_secret_sealed, totp_pending_sealed, totp_last_step, mfa_settings from users where user_pool_id = $1 and username_key > $2 order by username_key limit $3";
/// MFA state is written only here, so other user updates cannot undo an enrolment.
pub const SET_USER_MFA: &str = "update users set totp_secret_sealed = $3, totp_pending_sealed = $4, totp_last_step = $5, mfa_settings = $6, updated_at = $7 where user_pool_id = $1 and username_key = $2";
/// Moves the last accepted TOTP step forward; no row changes for a step already used.
pub const USE_TOTP_STEP: &str = "update users set totp_last_step = $3 where user_pool_id = $1 and username_key = $2 and (totp_last_step is null or totp_last_step < $3)";
pub const INSERT_ALIAS: &str =
    "insert into user_aliases (user_pool_id, alias_key, username_key) values ($1, $2, $3)";
pub const DELETE_ALIASES: &str = "delete from user_aliases where user_pool_id = $1 and username_key = $2";

pub const INSERT_GROUP: &str = "insert into groups (user_pool_id, group_name, description, role_arn, precedence, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7)";
pub const GET_GROUP: &str = "select user_pool_id, group_name, description, role_arn, precedence, created_at, updated_at from groups where user_pool_id = $1 and group_name = $2";
pub const UPDATE_GROUP: &str = "update groups set description = $3, role_arn = $4, precedence = $5, updated_at = $6 where user_pool_id = $1 and group_name = $2";
pub const DELETE_GROUP: [&str; 2] = [
    "delete from group_members where user_pool_id = $1 and group_name = $2",
    "delete from groups where user_pool_id = $1 and group_name = $2",
];
pub const LIST_GROUPS: &str = "select user_pool_id, group_name, description, role_arn, precedence, created_at, updated_at from groups where user_pool_id = $1 and group_name > $2 order by group_name limit $3";
/// Idempotent on both backends without dialect-specific upserts.
pub const ADD_MEMBER: &str = "insert into group_members (user_pool_id, group_name, username_key, created_at) select $1, $2, $3, $4 where not exists (select 1 from group_members where user_pool_id = $1 and group_name = $2 and username_key = $3)";
pub const REMOVE_MEMBER: &str =
    "delete from group_members where user_pool_id = $1 and group_name = $2 and username_key = $3";
pub const LIST_GROUPS_FOR_USER: &str = "select g.user_pool_id, g.group_name, g.description, g.role_arn, g.precedence, g.created_at, g.updated_at from group_members m join groups g on g.user_pool_id = m.user_pool_id and g.group_name = m.group_name where m.user_pool_id = $1 and m.username_key = $2 and m.group_name > $3 order by m.group_name limit $4";
pub const LIST_USERS_IN_GROUP: &str = "select u.user_pool_id, u.username_key, u.username, u.sub, u.enabled, u.status, u.password_hash, u.attributes, u.created_at, u.updated_at, u.tokens_valid_after, u.failed_attempts, u.locked_until, u.pending_attributes, u.srp_verifier, u.totp_secret_sealed, u.totp_pending_sealed, u.totp_last_step, u.mfa_settings from group_members m join users u on u.user_pool_id = m.user_pool_id and u.username_key = m.username_key where m.user_pool_id = $1 and m.group_name = $2 and m.username_key > $3 order by m.username_key limit $4";

pub const INSERT_MESSAGE: &str = "insert into messages (message_id, user_pool_id, username, destination, delivery_medium, kind, code, message, created_at, code_sealed, subject) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
/// `$2` null means every username.
pub const LIST_MESSAGES: &str = "select message_id, user_pool_id, username, destination, delivery_medium, kind, code, message, created_at, code_sealed, subject from messages where user_pool_id = $1 and ($2 is null or username = $2) order by created_at desc, message_id desc limit $3";

pub const INSERT_REFRESH_TOKEN: &str = "insert into refresh_tokens (token_hash, user_pool_id, client_id, username_key, origin_jti, auth_time, created_at, expires_at, revoked_at, scopes) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
pub const GET_REFRESH_TOKEN: &str = "select token_hash, user_pool_id, client_id, username_key, origin_jti, auth_time, created_at, expires_at, revoked_at, scopes, rotated_at, successor_sealed from refresh_tokens where token_hash = $1";
/// Marks a family's current token rotated out, naming its successor; only one rotation wins.
pub const ROTATE_REFRESH_TOKEN: &str = "update refresh_tokens set rotated_at = $2, successor_sealed = $3 where token_hash = $1 and rotated_at is null and revoked_at is null";
pub const REVOKE_REFRESH_ORIGIN: &str =
    "update refresh_tokens set revoked_at = $2 where origin_jti = $1 and revoked_at is null";
pub const REVOKE_USER_REFRESH_TOKENS: &str = "update refresh_tokens set revoked_at = $3 where user_pool_id = $1 and username_key = $2 and revoked_at is null";
pub const GET_USER_AND_ORIGIN_REVOKED: &str = "select user_pool_id, username_key, username, sub, enabled, status, password_hash, attributes, created_at, updated_at, tokens_valid_after, failed_attempts, locked_until, pending_attributes, srp_verifier, totp_secret_sealed, totp_pending_sealed, totp_last_step, mfa_settings, (select count(*) from refresh_tokens where origin_jti = $3 and revoked_at is not null) as origin_revoked from users where user_pool_id = $1 and username_key = $2";
pub const IS_ORIGIN_REVOKED: &str =
    "select count(*) from refresh_tokens where origin_jti = $1 and revoked_at is not null";

pub const DELETE_CODE: &str =
    "delete from user_codes where user_pool_id = $1 and username_key = $2 and purpose = $3";
pub const INSERT_CODE: &str = "insert into user_codes (user_pool_id, username_key, purpose, code_hash, expires_at, created_at) values ($1, $2, $3, $4, $5, $6)";
pub const GET_CODE: &str = "select user_pool_id, username_key, purpose, code_hash, expires_at, created_at from user_codes where user_pool_id = $1 and username_key = $2 and purpose = $3";

pub const CONSUME_SESSION: &str = "insert into consumed_sessions (session_id, expires_at) values ($1, $2)";
pub const SESSION_CONSUMED: &str = "select 1 from consumed_sessions where session_id = $1";
pub const PURGE_EXPIRED: [&str; 5] = [
    "delete from consumed_sessions where expires_at < $1",
    "delete from authorization_codes where expires_at < $1",
    "delete from user_codes where expires_at < $1",
    // Kept a day past expiry: an access token (at most 1 day) minted just before a refresh
    // token expired must still find its family's revocation.
    "delete from refresh_tokens where expires_at < $1 - 86400000",
    // No token outlives a day; 25 h leaves the revocation views' overlap room.
    "delete from deleted_users where deleted_at < $1 - 90000000",
];

pub const ADD_FAILED_ATTEMPT: &str = "update users set failed_attempts = failed_attempts + 1 where user_pool_id = $1 and username_key = $2 returning failed_attempts";
pub const SET_LOCKED_UNTIL: &str =
    "update users set locked_until = $3 where user_pool_id = $1 and username_key = $2";
pub const RESET_FAILED_ATTEMPTS: &str = "update users set failed_attempts = 0, locked_until = 0 where user_pool_id = $1 and username_key = $2 and (failed_attempts <> 0 or locked_until <> 0)";

pub const INSERT_DOMAIN: &str = "insert into user_pool_domains (domain, user_pool_id, custom, settings, created_at, updated_at) values ($1, $2, $3, $4, $5, $6)";
pub const GET_DOMAIN: &str = "select domain, user_pool_id, custom, settings, created_at, updated_at from user_pool_domains where domain = $1";
pub const LIST_POOL_DOMAINS: &str = "select domain, user_pool_id, custom, settings, created_at, updated_at from user_pool_domains where user_pool_id = $1 order by custom, domain";
pub const UPDATE_DOMAIN: &str =
    "update user_pool_domains set settings = $3, updated_at = $4 where user_pool_id = $1 and domain = $2";
pub const DELETE_DOMAIN: &str = "delete from user_pool_domains where user_pool_id = $1 and domain = $2";

pub const INSERT_RESOURCE_SERVER: &str = "insert into resource_servers (user_pool_id, identifier, name, scopes, created_at, updated_at) values ($1, $2, $3, $4, $5, $6)";
pub const GET_RESOURCE_SERVER: &str = "select user_pool_id, identifier, name, scopes, created_at, updated_at from resource_servers where user_pool_id = $1 and identifier = $2";
pub const UPDATE_RESOURCE_SERVER: &str = "update resource_servers set name = $3, scopes = $4, updated_at = $5 where user_pool_id = $1 and identifier = $2";
pub const DELETE_RESOURCE_SERVER: &str =
    "delete from resource_servers where user_pool_id = $1 and identifier = $2";
pub const LIST_RESOURCE_SERVERS: &str = "select user_pool_id, identifier, name, scopes, created_at, updated_at from resource_servers where user_pool_id = $1 and identifier > $2 order by identifier limit $3";

pub const INSERT_AUTHORIZATION_CODE: &str = "insert into authorization_codes (code_hash, user_pool_id, client_id, username_key, grant_data, expires_at) values ($1, $2, $3, $4, $5, $6)";
pub const GET_AUTHORIZATION_CODE: &str = "select code_hash, user_pool_id, client_id, username_key, grant_data, expires_at from authorization_codes where code_hash = $1";
pub const DELETE_AUTHORIZATION_CODE: &str = "delete from authorization_codes where code_hash = $1";

/// One row per family, however many refresh tokens it had (range scans on indexes of
/// migration 0008; only what changed since the previous poll).
pub const REVOKED_FAMILIES_SINCE: &str = "select origin_jti, max(revoked_at) as revoked_at from refresh_tokens where revoked_at > $1 group by origin_jti";
pub const DELETED_USERS_SINCE: &str =
    "select user_pool_id, sub, deleted_at from deleted_users where deleted_at > $1";
pub const SIGNED_OUT_USERS_SINCE: &str =
    "select user_pool_id, sub, tokens_valid_after from users where tokens_valid_after > $1";

/// Implements `UserPoolStore` for `$store`, whose `reader()` and `writer()` return the
/// backend's pool and whose rows are `$row`.
macro_rules! impl_user_pool_store {
    ($store:ty, $row:ty) => {
        const _: () = {
            use async_trait::async_trait;
            use sqlx::Row;

            use crate::error::StorageError;
            use crate::storage::conflict_as;
            use crate::storage::user_pools::*;
            use crate::user_pools::store::*;

            fn rows<T>(
                rows: Vec<$row>,
                f: impl Fn(&$row) -> Result<T, sqlx::Error>,
            ) -> Result<Vec<T>, StorageError> {
                Ok(rows.iter().map(f).collect::<Result<Vec<_>, _>>()?)
            }

            fn pool_row(r: &$row) -> Result<PoolRow, sqlx::Error> {
                Ok(PoolRow {
                    user_pool_id: r.try_get("user_pool_id")?,
                    name: r.try_get("name")?,
                    settings: r.try_get("settings")?,
                    created_at: r.try_get("created_at")?,
                    updated_at: r.try_get("updated_at")?,
                })
            }

            fn client_row(r: &$row) -> Result<ClientRow, sqlx::Error> {
                Ok(ClientRow {
                    client_id: r.try_get("client_id")?,
                    user_pool_id: r.try_get("user_pool_id")?,
                    client_name: r.try_get("client_name")?,
                    secret_sealed: r.try_get("secret_sealed")?,
                    settings: r.try_get("settings")?,
                    created_at: r.try_get("created_at")?,
                    updated_at: r.try_get("updated_at")?,
                })
            }

            fn user_row(r: &$row) -> Result<UserRow, sqlx::Error> {
                Ok(UserRow {
                    user_pool_id: r.try_get("user_pool_id")?,
                    username: r.try_get("username")?,
                    username_key: r.try_get("username_key")?,
                    sub: r.try_get("sub")?,
                    enabled: r.try_get("enabled")?,
                    status: r.try_get("status")?,
                    password_hash: r.try_get("password_hash")?,
                    attributes: r.try_get("attributes")?,
                    created_at: r.try_get("created_at")?,
                    updated_at: r.try_get("updated_at")?,
                    tokens_valid_after: r.try_get("tokens_valid_after")?,
                    failed_attempts: r.try_get("failed_attempts")?,
                    locked_until: r.try_get("locked_until")?,
                    pending_attributes: r.try_get("pending_attributes")?,
                    srp_verifier: r.try_get("srp_verifier")?,
                    totp_secret_sealed: r.try_get("totp_secret_sealed")?,
                    totp_pending_sealed: r.try_get("totp_pending_sealed")?,
                    totp_last_step: r.try_get("totp_last_step")?,
                    mfa_settings: r.try_get("mfa_settings")?,
                })
            }

            fn refresh_token_row(r: &$row) -> Result<RefreshTokenRow, sqlx::Error> {
                Ok(RefreshTokenRow {
                    token_hash: r.try_get("token_hash")?,
                    user_pool_id: r.try_get("user_pool_id")?,
                    client_id: r.try_get("client_id")?,
                    username_key: r.try_get("username_key")?,
                    origin_jti: r.try_get("origin_jti")?,
                    auth_time: r.try_get("auth_time")?,
                    created_at: r.try_get("created_at")?,
                    expires_at: r.try_get("expires_at")?,
                    revoked_at: r.try_get("revoked_at")?,
                    scopes: r.try_get("scopes")?,
                    rotated_at: r.try_get("rotated_at")?,
                    successor_sealed: r.try_get("successor_sealed")?,
                })
            }

            fn domain_row(r: &$row) -> Result<DomainRow, sqlx::Error> {
                Ok(DomainRow {
                    domain: r.try_get("domain")?,
                    user_pool_id: r.try_get("user_pool_id")?,
                    custom: r.try_get::<i64, _>("custom")? != 0,
                    settings: r.try_get("settings")?,
                    created_at: r.try_get("created_at")?,
                    updated_at: r.try_get("updated_at")?,
                })
            }

            fn resource_server_row(r: &$row) -> Result<ResourceServerRow, sqlx::Error> {
                Ok(ResourceServerRow {
                    user_pool_id: r.try_get("user_pool_id")?,
                    identifier: r.try_get("identifier")?,
                    name: r.try_get("name")?,
                    scopes: r.try_get("scopes")?,
                    created_at: r.try_get("created_at")?,
                    updated_at: r.try_get("updated_at")?,
                })
            }

            fn authorization_code_row(r: &$row) -> Result<AuthorizationCodeRow, sqlx::Error> {
                Ok(AuthorizationCodeRow {
                    code_hash: r.try_get("code_hash")?,
                    user_pool_id: r.try_get("user_pool_id")?,
                    client_id: r.try_get("client_id")?,
                    username_key: r.try_get("username_key")?,
                    grant_data: r.try_get("grant_data")?,
                    expires_at: r.try_get("expires_at")?,
                })
            }

            fn code_row(r: &$row) -> Result<CodeRow, sqlx::Error> {
                Ok(CodeRow {
                    user_pool_id: r.try_get("user_pool_id")?,
                    username_key: r.try_get("username_key")?,
                    purpose: r.try_get("purpose")?,
                    code_hash: r.try_get("code_hash")?,
                    expires_at: r.try_get("expires_at")?,
                    created_at: r.try_get("created_at")?,
                })
            }

            fn group_row(r: &$row) -> Result<GroupRow, sqlx::Error> {
                Ok(GroupRow {
                    user_pool_id: r.try_get("user_pool_id")?,
                    group_name: r.try_get("group_name")?,
                    description: r.try_get("description")?,
                    role_arn: r.try_get("role_arn")?,
                    precedence: r.try_get("precedence")?,
                    created_at: r.try_get("created_at")?,
                    updated_at: r.try_get("updated_at")?,
                })
            }

            fn message_row(r: &$row) -> Result<MessageRow, sqlx::Error> {
                Ok(MessageRow {
                    message_id: r.try_get("message_id")?,
                    user_pool_id: r.try_get("user_pool_id")?,
                    username: r.try_get("username")?,
                    destination: r.try_get("destination")?,
                    delivery_medium: r.try_get("delivery_medium")?,
                    kind: r.try_get("kind")?,
                    code: r.try_get("code")?,
                    message: r.try_get("message")?,
                    created_at: r.try_get("created_at")?,
                    code_sealed: r.try_get("code_sealed")?,
                    subject: r.try_get("subject")?,
                })
            }

            #[async_trait]
            impl UserPoolStore for $store {
                async fn insert_pool(&self, p: &PoolRow) -> Result<(), StorageError> {
                    sqlx::query(INSERT_POOL)
                        .bind(&p.user_pool_id)
                        .bind(&p.name)
                        .bind(&p.settings)
                        .bind(p.created_at)
                        .bind(p.updated_at)
                        .execute(self.writer())
                        .await
                        .map_err(conflict_as(CONFLICT_PRIMARY))?;
                    Ok(())
                }

                async fn get_pool(&self, id: &str) -> Result<Option<PoolRow>, StorageError> {
                    let row = sqlx::query(GET_POOL).bind(id).fetch_optional(self.reader()).await?;
                    Ok(row.as_ref().map(pool_row).transpose()?)
                }

                async fn update_pool(&self, p: &PoolRow) -> Result<(), StorageError> {
                    let done = sqlx::query(UPDATE_POOL)
                        .bind(&p.user_pool_id)
                        .bind(&p.name)
                        .bind(&p.settings)
                        .bind(p.updated_at)
                        .execute(self.writer())
                        .await?;
                    if done.rows_affected() == 0 { Err(StorageError::NotFound) } else { Ok(()) }
                }

                async fn delete_pool(&self, id: &str) -> Result<bool, StorageError> {
                    let mut tx = self.writer().begin().await?;
                    let mut affected = 0;
                    for sql in DELETE_POOL {
                        affected = sqlx::query(sql).bind(id).execute(&mut *tx).await?.rows_affected();
                    }
                    tx.commit().await?;
                    Ok(affected > 0)
                }

                async fn list_pools(
                    &self,
                    after: Option<&str>,
                    limit: i64,
                ) -> Result<Vec<PoolRow>, StorageError> {
                    let found = sqlx::query(LIST_POOLS)
                        .bind(after.unwrap_or(""))
                        .bind(limit)
                        .fetch_all(self.reader())
                        .await?;
                    rows(found, pool_row)
                }

                async fn count_users(&self, id: &str) -> Result<i64, StorageError> {
                    let row = sqlx::query(COUNT_USERS).bind(id).fetch_one(self.reader()).await?;
                    Ok(row.try_get::<i64, _>(0)?)
                }

                async fn insert_client(&self, c: &ClientRow) -> Result<(), StorageError> {
                    sqlx::query(INSERT_CLIENT)
                        .bind(&c.client_id)
                        .bind(&c.user_pool_id)
                        .bind(&c.client_name)
                        .bind(&c.secret_sealed)
                        .bind(&c.settings)
                        .bind(c.created_at)
                        .bind(c.updated_at)
                        .execute(self.writer())
                        .await
                        .map_err(conflict_as(CONFLICT_PRIMARY))?;
                    Ok(())
                }

                async fn get_client(&self, pool: &str, id: &str) -> Result<Option<ClientRow>, StorageError> {
                    let row =
                        sqlx::query(GET_CLIENT).bind(pool).bind(id).fetch_optional(self.reader()).await?;
                    Ok(row.as_ref().map(client_row).transpose()?)
                }

                async fn find_client(&self, id: &str) -> Result<Option<ClientRow>, StorageError> {
                    let row = sqlx::query(FIND_CLIENT).bind(id).fetch_optional(self.reader()).await?;
                    Ok(row.as_ref().map(client_row).transpose()?)
                }

                async fn update_client(&self, c: &ClientRow) -> Result<(), StorageError> {
                    let done = sqlx::query(UPDATE_CLIENT)
                        .bind(&c.user_pool_id)
                        .bind(&c.client_id)
                        .bind(&c.client_name)
                        .bind(&c.secret_sealed)
                        .bind(&c.settings)
                        .bind(c.updated_at)
                        .execute(self.writer())
                        .await?;
                    if done.rows_affected() == 0 { Err(StorageError::NotFound) } else { Ok(()) }
                }

                async fn delete_client(&self, pool: &str, id: &str) -> Result<bool, StorageError> {
                    let done = sqlx::query(DELETE_CLIENT).bind(pool).bind(id).execute(self.writer()).await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn list_clients(
                    &self,
                    pool: &str,
                    after: Option<&str>,
                    limit: i64,
                ) -> Result<Vec<ClientRow>, StorageError> {
                    let found = sqlx::query(LIST_CLIENTS)
                        .bind(pool)
                        .bind(after.unwrap_or(""))
                        .bind(limit)
                        .fetch_all(self.reader())
                        .await?;
                    rows(found, client_row)
                }

                async fn insert_user(&self, u: &UserRow, aliases: &[String]) -> Result<(), StorageError> {
                    let mut tx = self.writer().begin().await?;
                    sqlx::query(INSERT_USER)
                        .bind(&u.user_pool_id)
                        .bind(&u.username_key)
                        .bind(&u.username)
                        .bind(&u.sub)
                        .bind(u.enabled)
                        .bind(&u.status)
                        .bind(&u.password_hash)
                        .bind(&u.attributes)
                        .bind(u.created_at)
                        .bind(u.updated_at)
                        .bind(u.tokens_valid_after)
                        .bind(u.failed_attempts)
                        .bind(u.locked_until)
                        .bind(&u.pending_attributes)
                        .bind(&u.srp_verifier)
                        .execute(&mut *tx)
                        .await
                        .map_err(conflict_as(CONFLICT_PRIMARY))?;
                    for alias in aliases {
                        sqlx::query(INSERT_ALIAS)
                            .bind(&u.user_pool_id)
                            .bind(alias)
                            .bind(&u.username_key)
                            .execute(&mut *tx)
                            .await
                            .map_err(conflict_as(CONFLICT_ALIAS))?;
                    }
                    tx.commit().await?;
                    Ok(())
                }

                async fn get_user(&self, pool: &str, key: &str) -> Result<Option<UserRow>, StorageError> {
                    let row =
                        sqlx::query(GET_USER).bind(pool).bind(key).fetch_optional(self.reader()).await?;
                    Ok(row.as_ref().map(user_row).transpose()?)
                }

                async fn get_user_and_origin_revoked(
                    &self,
                    pool: &str,
                    key: &str,
                    origin: &str,
                ) -> Result<Option<(UserRow, bool)>, StorageError> {
                    let row = sqlx::query(GET_USER_AND_ORIGIN_REVOKED)
                        .bind(pool)
                        .bind(key)
                        .bind(origin)
                        .fetch_optional(self.reader())
                        .await?;
                    let Some(row) = row else { return Ok(None) };
                    let revoked: i64 = row.try_get("origin_revoked")?;
                    Ok(Some((user_row(&row)?, revoked > 0)))
                }

                async fn find_user_by_alias(
                    &self,
                    pool: &str,
                    alias: &str,
                ) -> Result<Option<UserRow>, StorageError> {
                    let row = sqlx::query(FIND_USER_BY_ALIAS)
                        .bind(pool)
                        .bind(alias)
                        .fetch_optional(self.reader())
                        .await?;
                    Ok(row.as_ref().map(user_row).transpose()?)
                }

                async fn update_user(&self, u: &UserRow, aliases: &[String]) -> Result<(), StorageError> {
                    let mut tx = self.writer().begin().await?;
                    let done = sqlx::query(UPDATE_USER)
                        .bind(&u.user_pool_id)
                        .bind(&u.username_key)
                        .bind(&u.username)
                        .bind(u.enabled)
                        .bind(&u.status)
                        .bind(&u.password_hash)
                        .bind(&u.attributes)
                        .bind(u.updated_at)
                        .bind(u.tokens_valid_after)
                        .bind(&u.pending_attributes)
                        .bind(&u.srp_verifier)
                        .execute(&mut *tx)
                        .await?;
                    if done.rows_affected() == 0 {
                        return Err(StorageError::NotFound);
                    }
                    sqlx::query(DELETE_ALIASES)
                        .bind(&u.user_pool_id)
                        .bind(&u.username_key)
                        .execute(&mut *tx)
                        .await?;
                    for alias in aliases {
                        sqlx::query(INSERT_ALIAS)
                            .bind(&u.user_pool_id)
                            .bind(alias)
                            .bind(&u.username_key)
                            .execute(&mut *tx)
                            .await
                            .map_err(conflict_as(CONFLICT_ALIAS))?;
                    }
                    tx.commit().await?;
                    Ok(())
                }

                async fn delete_user(&self, pool: &str, key: &str, now: i64) -> Result<bool, StorageError> {
                    let mut tx = self.writer().begin().await?;
                    sqlx::query(TOMBSTONE_USER).bind(pool).bind(key).bind(now).execute(&mut *tx).await?;
                    let mut affected = 0;
                    for sql in DELETE_USER {
                        affected =
                            sqlx::query(sql).bind(pool).bind(key).execute(&mut *tx).await?.rows_affected();
                    }
                    tx.commit().await?;
                    Ok(affected > 0)
                }

                async fn list_users(
                    &self,
                    pool: &str,
                    after: Option<&str>,
                    limit: i64,
                ) -> Result<Vec<UserRow>, StorageError> {
                    let found = sqlx::query(LIST_USERS)
                        .bind(pool)
                        .bind(after.unwrap_or(""))
                        .bind(limit)
                        .fetch_all(self.reader())
                        .await?;
                    rows(found, user_row)
                }

                async fn insert_group(&self, g: &GroupRow) -> Result<(), StorageError> {
                    sqlx::query(INSERT_GROUP)
                        .bind(&g.user_pool_id)
                        .bind(&g.group_name)
                        .bind(&g.description)
                        .bind(&g.role_arn)
                        .bind(g.precedence)
                        .bind(g.created_at)
                        .bind(g.updated_at)
                        .execute(self.writer())
                        .await
                        .map_err(conflict_as(CONFLICT_PRIMARY))?;
                    Ok(())
                }

                async fn get_group(&self, pool: &str, name: &str) -> Result<Option<GroupRow>, StorageError> {
                    let row =
                        sqlx::query(GET_GROUP).bind(pool).bind(name).fetch_optional(self.reader()).await?;
                    Ok(row.as_ref().map(group_row).transpose()?)
                }

                async fn update_group(&self, g: &GroupRow) -> Result<(), StorageError> {
                    let done = sqlx::query(UPDATE_GROUP)
                        .bind(&g.user_pool_id)
                        .bind(&g.group_name)
                        .bind(&g.description)
                        .bind(&g.role_arn)
                        .bind(g.precedence)
                        .bind(g.updated_at)
                        .execute(self.writer())
                        .await?;
                    if done.rows_affected() == 0 { Err(StorageError::NotFound) } else { Ok(()) }
                }

                async fn delete_group(&self, pool: &str, name: &str) -> Result<bool, StorageError> {
                    let mut tx = self.writer().begin().await?;
                    let mut affected = 0;
                    for sql in DELETE_GROUP {
                        affected =
                            sqlx::query(sql).bind(pool).bind(name).execute(&mut *tx).await?.rows_affected();
                    }
                    tx.commit().await?;
                    Ok(affected > 0)
                }

                async fn list_groups(
                    &self,
                    pool: &str,
                    after: Option<&str>,
                    limit: i64,
                ) -> Result<Vec<GroupRow>, StorageError> {
                    let found = sqlx::query(LIST_GROUPS)
                        .bind(pool)
                        .bind(after.unwrap_or(""))
                        .bind(limit)
                        .fetch_all(self.reader())
                        .await?;
                    rows(found, group_row)
                }

                async fn add_member(
                    &self,
                    pool: &str,
                    group: &str,
                    key: &str,
                    now: i64,
                ) -> Result<(), StorageError> {
                    let result = sqlx::query(ADD_MEMBER)
                        .bind(pool)
                        .bind(group)
                        .bind(key)
                        .bind(now)
                        .execute(self.writer())
                        .await;
                    match result {
                        Ok(_) => Ok(()),
                        // Two concurrent adds of the same membership: the loser's insert is a no-op.
                        Err(e) if crate::storage::is_unique_violation(&e) => Ok(()),
                        Err(e) => Err(e.into()),
                    }
                }

                async fn remove_member(
                    &self,
                    pool: &str,
                    group: &str,
                    key: &str,
                ) -> Result<(), StorageError> {
                    sqlx::query(REMOVE_MEMBER)
                        .bind(pool)
                        .bind(group)
                        .bind(key)
                        .execute(self.writer())
                        .await?;
                    Ok(())
                }

                async fn list_groups_for_user(
                    &self,
                    pool: &str,
                    key: &str,
                    after: Option<&str>,
                    limit: i64,
                ) -> Result<Vec<GroupRow>, StorageError> {
                    let found = sqlx::query(LIST_GROUPS_FOR_USER)
                        .bind(pool)
                        .bind(key)
                        .bind(after.unwrap_or(""))
                        .bind(limit)
                        .fetch_all(self.reader())
                        .await?;
                    rows(found, group_row)
                }

                async fn list_users_in_group(
                    &self,
                    pool: &str,
                    group: &str,
                    after: Option<&str>,
                    limit: i64,
                ) -> Result<Vec<UserRow>, StorageError> {
                    let found = sqlx::query(LIST_USERS_IN_GROUP)
                        .bind(pool)
                        .bind(group)
                        .bind(after.unwrap_or(""))
                        .bind(limit)
                        .fetch_all(self.reader())
                        .await?;
                    rows(found, user_row)
                }

                async fn insert_message(&self, m: &MessageRow) -> Result<(), StorageError> {
                    sqlx::query(INSERT_MESSAGE)
                        .bind(&m.message_id)
                        .bind(&m.user_pool_id)
                        .bind(&m.username)
                        .bind(&m.destination)
                        .bind(&m.delivery_medium)
                        .bind(&m.kind)
                        .bind(&m.code)
                        .bind(&m.message)
                        .bind(m.created_at)
                        .bind(&m.code_sealed)
                        .bind(&m.subject)
                        .execute(self.writer())
                        .await?;
                    Ok(())
                }

                async fn list_messages(
                    &self,
                    pool: &str,
                    username: Option<&str>,
                    limit: i64,
                ) -> Result<Vec<MessageRow>, StorageError> {
                    let found = sqlx::query(LIST_MESSAGES)
                        .bind(pool)
                        .bind(username)
                        .bind(limit)
                        .fetch_all(self.reader())
                        .await?;
                    rows(found, message_row)
                }

                async fn insert_refresh_token(&self, t: &RefreshTokenRow) -> Result<(), StorageError> {
                    sqlx::query(INSERT_REFRESH_TOKEN)
                        .bind(&t.token_hash)
                        .bind(&t.user_pool_id)
                        .bind(&t.client_id)
                        .bind(&t.username_key)
                        .bind(&t.origin_jti)
                        .bind(t.auth_time)
                        .bind(t.created_at)
                        .bind(t.expires_at)
                        .bind(t.revoked_at)
                        .bind(&t.scopes)
                        .execute(self.writer())
                        .await
                        .map_err(conflict_as(CONFLICT_PRIMARY))?;
                    Ok(())
                }

                async fn rotate_refresh_token(
                    &self,
                    old_hash: &str,
                    at: i64,
                    successor_sealed: &str,
                    new: &RefreshTokenRow,
                ) -> Result<bool, StorageError> {
                    let mut tx = self.writer().begin().await?;
                    let done = sqlx::query(ROTATE_REFRESH_TOKEN)
                        .bind(old_hash)
                        .bind(at)
                        .bind(successor_sealed)
                        .execute(&mut *tx)
                        .await?;
                    if done.rows_affected() != 1 {
                        return Ok(false);
                    }
                    sqlx::query(INSERT_REFRESH_TOKEN)
                        .bind(&new.token_hash)
                        .bind(&new.user_pool_id)
                        .bind(&new.client_id)
                        .bind(&new.username_key)
                        .bind(&new.origin_jti)
                        .bind(new.auth_time)
                        .bind(new.created_at)
                        .bind(new.expires_at)
                        .bind(new.revoked_at)
                        .bind(&new.scopes)
                        .execute(&mut *tx)
                        .await
                        .map_err(conflict_as(CONFLICT_PRIMARY))?;
                    tx.commit().await?;
                    Ok(true)
                }

                async fn get_refresh_token(
                    &self,
                    hash: &str,
                ) -> Result<Option<RefreshTokenRow>, StorageError> {
                    let row = sqlx::query(GET_REFRESH_TOKEN).bind(hash).fetch_optional(self.reader()).await?;
                    Ok(row.as_ref().map(refresh_token_row).transpose()?)
                }

                async fn revoke_refresh_origin(&self, origin: &str, at: i64) -> Result<u64, StorageError> {
                    let done = sqlx::query(REVOKE_REFRESH_ORIGIN)
                        .bind(origin)
                        .bind(at)
                        .execute(self.writer())
                        .await?;
                    Ok(done.rows_affected())
                }

                async fn revoke_user_refresh_tokens(
                    &self,
                    pool: &str,
                    key: &str,
                    at: i64,
                ) -> Result<(), StorageError> {
                    sqlx::query(REVOKE_USER_REFRESH_TOKENS)
                        .bind(pool)
                        .bind(key)
                        .bind(at)
                        .execute(self.writer())
                        .await?;
                    Ok(())
                }

                async fn is_origin_revoked(&self, origin: &str) -> Result<bool, StorageError> {
                    let row = sqlx::query(IS_ORIGIN_REVOKED).bind(origin).fetch_one(self.reader()).await?;
                    Ok(row.try_get::<i64, _>(0)? > 0)
                }

                async fn put_code(&self, c: &CodeRow) -> Result<(), StorageError> {
                    let mut tx = self.writer().begin().await?;
                    sqlx::query(DELETE_CODE)
                        .bind(&c.user_pool_id)
                        .bind(&c.username_key)
                        .bind(&c.purpose)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query(INSERT_CODE)
                        .bind(&c.user_pool_id)
                        .bind(&c.username_key)
                        .bind(&c.purpose)
                        .bind(&c.code_hash)
                        .bind(c.expires_at)
                        .bind(c.created_at)
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn get_code(
                    &self,
                    pool: &str,
                    key: &str,
                    purpose: &str,
                ) -> Result<Option<CodeRow>, StorageError> {
                    let row = sqlx::query(GET_CODE)
                        .bind(pool)
                        .bind(key)
                        .bind(purpose)
                        .fetch_optional(self.reader())
                        .await?;
                    Ok(row.as_ref().map(code_row).transpose()?)
                }

                async fn delete_code(
                    &self,
                    pool: &str,
                    key: &str,
                    purpose: &str,
                ) -> Result<bool, StorageError> {
                    let done = sqlx::query(DELETE_CODE)
                        .bind(pool)
                        .bind(key)
                        .bind(purpose)
                        .execute(self.writer())
                        .await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn set_user_mfa(&self, u: &UserRow) -> Result<(), StorageError> {
                    let done = sqlx::query(SET_USER_MFA)
                        .bind(&u.user_pool_id)
                        .bind(&u.username_key)
                        .bind(&u.totp_secret_sealed)
                        .bind(&u.totp_pending_sealed)
                        .bind(u.totp_last_step)
                        .bind(&u.mfa_settings)
                        .bind(u.updated_at)
                        .execute(self.writer())
                        .await?;
                    if done.rows_affected() == 0 { Err(StorageError::NotFound) } else { Ok(()) }
                }

                async fn use_totp_step(
                    &self,
                    pool: &str,
                    key: &str,
                    step: i64,
                ) -> Result<bool, StorageError> {
                    let done = sqlx::query(USE_TOTP_STEP)
                        .bind(pool)
                        .bind(key)
                        .bind(step)
                        .execute(self.writer())
                        .await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn consume_session(&self, id: &str, expires_at: i64) -> Result<bool, StorageError> {
                    match sqlx::query(CONSUME_SESSION).bind(id).bind(expires_at).execute(self.writer()).await
                    {
                        Ok(_) => Ok(true),
                        Err(e) if crate::storage::is_unique_violation(&e) => Ok(false),
                        Err(e) => Err(e.into()),
                    }
                }

                async fn session_consumed(&self, id: &str) -> Result<bool, StorageError> {
                    Ok(sqlx::query(SESSION_CONSUMED).bind(id).fetch_optional(self.reader()).await?.is_some())
                }

                async fn purge_expired(&self, now: i64) -> Result<u64, StorageError> {
                    let mut purged = 0;
                    for sql in PURGE_EXPIRED {
                        purged += sqlx::query(sql).bind(now).execute(self.writer()).await?.rows_affected();
                    }
                    Ok(purged)
                }

                async fn add_failed_attempt(&self, pool: &str, key: &str) -> Result<i64, StorageError> {
                    let row = sqlx::query(ADD_FAILED_ATTEMPT)
                        .bind(pool)
                        .bind(key)
                        .fetch_optional(self.writer())
                        .await?;
                    match row {
                        Some(row) => Ok(row.try_get::<i64, _>(0)?),
                        None => Err(StorageError::NotFound),
                    }
                }

                async fn set_locked_until(
                    &self,
                    pool: &str,
                    key: &str,
                    until: i64,
                ) -> Result<(), StorageError> {
                    sqlx::query(SET_LOCKED_UNTIL)
                        .bind(pool)
                        .bind(key)
                        .bind(until)
                        .execute(self.writer())
                        .await?;
                    Ok(())
                }

                async fn reset_failed_attempts(&self, pool: &str, key: &str) -> Result<(), StorageError> {
                    sqlx::query(RESET_FAILED_ATTEMPTS).bind(pool).bind(key).execute(self.writer()).await?;
                    Ok(())
                }

                async fn insert_domain(&self, d: &DomainRow) -> Result<(), StorageError> {
                    sqlx::query(INSERT_DOMAIN)
                        .bind(&d.domain)
                        .bind(&d.user_pool_id)
                        .bind(i64::from(d.custom))
                        .bind(&d.settings)
                        .bind(d.created_at)
                        .bind(d.updated_at)
                        .execute(self.writer())
                        .await
                        .map_err(conflict_as(CONFLICT_DOMAIN))?;
                    Ok(())
                }

                async fn get_domain(&self, domain: &str) -> Result<Option<DomainRow>, StorageError> {
                    let row = sqlx::query(GET_DOMAIN).bind(domain).fetch_optional(self.reader()).await?;
                    Ok(row.as_ref().map(domain_row).transpose()?)
                }

                async fn list_pool_domains(&self, pool: &str) -> Result<Vec<DomainRow>, StorageError> {
                    let found = sqlx::query(LIST_POOL_DOMAINS).bind(pool).fetch_all(self.reader()).await?;
                    rows(found, domain_row)
                }

                async fn update_domain(&self, d: &DomainRow) -> Result<(), StorageError> {
                    let done = sqlx::query(UPDATE_DOMAIN)
                        .bind(&d.user_pool_id)
                        .bind(&d.domain)
                        .bind(&d.settings)
                        .bind(d.updated_at)
                        .execute(self.writer())
                        .await?;
                    if done.rows_affected() == 0 { Err(StorageError::NotFound) } else { Ok(()) }
                }

                async fn delete_domain(&self, pool: &str, domain: &str) -> Result<bool, StorageError> {
                    let done =
                        sqlx::query(DELETE_DOMAIN).bind(pool).bind(domain).execute(self.writer()).await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn insert_resource_server(&self, r: &ResourceServerRow) -> Result<(), StorageError> {
                    sqlx::query(INSERT_RESOURCE_SERVER)
                        .bind(&r.user_pool_id)
                        .bind(&r.identifier)
                        .bind(&r.name)
                        .bind(&r.scopes)
                        .bind(r.created_at)
                        .bind(r.updated_at)
                        .execute(self.writer())
                        .await
                        .map_err(conflict_as(CONFLICT_PRIMARY))?;
                    Ok(())
                }

                async fn get_resource_server(
                    &self,
                    pool: &str,
                    identifier: &str,
                ) -> Result<Option<ResourceServerRow>, StorageError> {
                    let row = sqlx::query(GET_RESOURCE_SERVER)
                        .bind(pool)
                        .bind(identifier)
                        .fetch_optional(self.reader())
                        .await?;
                    Ok(row.as_ref().map(resource_server_row).transpose()?)
                }

                async fn update_resource_server(&self, r: &ResourceServerRow) -> Result<(), StorageError> {
                    let done = sqlx::query(UPDATE_RESOURCE_SERVER)
                        .bind(&r.user_pool_id)
                        .bind(&r.identifier)
                        .bind(&r.name)
                        .bind(&r.scopes)
                        .bind(r.updated_at)
                        .execute(self.writer())
                        .await?;
                    if done.rows_affected() == 0 { Err(StorageError::NotFound) } else { Ok(()) }
                }

                async fn delete_resource_server(
                    &self,
                    pool: &str,
                    identifier: &str,
                ) -> Result<bool, StorageError> {
                    let done = sqlx::query(DELETE_RESOURCE_SERVER)
                        .bind(pool)
                        .bind(identifier)
                        .execute(self.writer())
                        .await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn list_resource_servers(
                    &self,
                    pool: &str,
                    after: Option<&str>,
                    limit: i64,
                ) -> Result<Vec<ResourceServerRow>, StorageError> {
                    let found = sqlx::query(LIST_RESOURCE_SERVERS)
                        .bind(pool)
                        .bind(after.unwrap_or(""))
                        .bind(limit)
                        .fetch_all(self.reader())
                        .await?;
                    rows(found, resource_server_row)
                }

                async fn insert_authorization_code(
                    &self,
                    c: &AuthorizationCodeRow,
                ) -> Result<(), StorageError> {
                    sqlx::query(INSERT_AUTHORIZATION_CODE)
                        .bind(&c.code_hash)
                        .bind(&c.user_pool_id)
                        .bind(&c.client_id)
                        .bind(&c.username_key)
                        .bind(&c.grant_data)
                        .bind(c.expires_at)
                        .execute(self.writer())
                        .await
                        .map_err(conflict_as(CONFLICT_PRIMARY))?;
                    Ok(())
                }

                async fn take_authorization_code(
                    &self,
                    hash: &str,
                ) -> Result<Option<AuthorizationCodeRow>, StorageError> {
                    let mut tx = self.writer().begin().await?;
                    let row = sqlx::query(GET_AUTHORIZATION_CODE).bind(hash).fetch_optional(&mut *tx).await?;
                    let Some(row) = row.as_ref().map(authorization_code_row).transpose()? else {
                        return Ok(None);
                    };
                    let done = sqlx::query(DELETE_AUTHORIZATION_CODE).bind(hash).execute(&mut *tx).await?;
                    tx.commit().await?;
                    Ok((done.rows_affected() == 1).then_some(row))
                }

                async fn revoked_families_since(
                    &self,
                    since_ms: i64,
                ) -> Result<Vec<RevokedFamily>, StorageError> {
                    let found =
                        sqlx::query(REVOKED_FAMILIES_SINCE).bind(since_ms).fetch_all(self.reader()).await?;
                    rows(found, |r| {
                        Ok(RevokedFamily {
                            origin_jti: r.try_get("origin_jti")?,
                            revoked_at: r.try_get("revoked_at")?,
                        })
                    })
                }

                async fn deleted_users_since(&self, since_ms: i64) -> Result<Vec<DeletedUser>, StorageError> {
                    let found =
                        sqlx::query(DELETED_USERS_SINCE).bind(since_ms).fetch_all(self.reader()).await?;
                    rows(found, |r| {
                        Ok(DeletedUser {
                            user_pool_id: r.try_get("user_pool_id")?,
                            sub: r.try_get("sub")?,
                            deleted_at: r.try_get("deleted_at")?,
                        })
                    })
                }

                async fn signed_out_users_since(
                    &self,
                    since_secs: i64,
                ) -> Result<Vec<SignedOutUser>, StorageError> {
                    let found =
                        sqlx::query(SIGNED_OUT_USERS_SINCE).bind(since_secs).fetch_all(self.reader()).await?;
                    rows(found, |r| {
                        Ok(SignedOutUser {
                            user_pool_id: r.try_get("user_pool_id")?,
                            sub: r.try_get("sub")?,
                            tokens_valid_after: r.try_get("tokens_valid_after")?,
                        })
                    })
                }
            }
        };
    };
}

pub(crate) use impl_user_pool_store;
