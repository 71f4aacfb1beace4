//! The SQL behind `identity_pools::store::IdentityPoolStore` (identity pools, identities,
//! their logins, principal-tag maps), shared by both backends and expanded once per backend
//! by [`impl_identity_pool_store!`].

pub const INSERT_IDENTITY_POOL: &str = "insert into identity_pools (identity_pool_id, name, settings, roles, created_at, updated_at) values ($1, $2, $3, $4, $5, $6)";
pub const GET_IDENTITY_POOL: &str = "select identity_pool_id, name, settings, roles, created_at, updated_at from identity_pools where identity_pool_id = $1";
pub const UPDATE_IDENTITY_POOL: &str =
    "update identity_pools set name = $2, settings = $3, updated_at = $4 where identity_pool_id = $1";
pub const SET_IDENTITY_POOL_ROLES: &str =
    "update identity_pools set roles = $2, updated_at = $3 where identity_pool_id = $1";
pub const DELETE_IDENTITY_POOL: [&str; 4] = [
    "delete from identity_logins where identity_pool_id = $1",
    "delete from principal_tag_maps where identity_pool_id = $1",
    "delete from identities where identity_pool_id = $1",
    "delete from identity_pools where identity_pool_id = $1",
];
pub const LIST_IDENTITY_POOLS: &str = "select identity_pool_id, name, settings, roles, created_at, updated_at from identity_pools where identity_pool_id > $1 order by identity_pool_id limit $2";

pub const INSERT_IDENTITY: &str =
    "insert into identities (identity_id, identity_pool_id, created_at, updated_at) values ($1, $2, $3, $4)";
pub const GET_IDENTITY: &str =
    "select identity_id, identity_pool_id, created_at, updated_at from identities where identity_id = $1";
pub const TOUCH_IDENTITY: &str = "update identities set updated_at = $2 where identity_id = $1";
pub const DELETE_IDENTITY: [&str; 2] =
    ["delete from identity_logins where identity_id = $1", "delete from identities where identity_id = $1"];
pub const LIST_IDENTITIES: &str = "select identity_id, identity_pool_id, created_at, updated_at from identities where identity_pool_id = $1 and identity_id > $2 order by identity_id limit $3";
pub const INSERT_LOGIN: &str = "insert into identity_logins (identity_pool_id, provider, subject, identity_id, created_at) values ($1, $2, $3, $4, $5)";
pub const FIND_LOGIN: &str = "select identity_pool_id, provider, subject, identity_id, created_at from identity_logins where identity_pool_id = $1 and provider = $2 and subject = $3";
pub const LIST_LOGINS: &str = "select identity_pool_id, provider, subject, identity_id, created_at from identity_logins where identity_id = $1 order by provider, subject";
pub const DELETE_LOGIN: &str =
    "delete from identity_logins where identity_id = $1 and provider = $2 and subject = $3";
pub const MOVE_LOGINS: &str = "update identity_logins set identity_id = $2 where identity_id = $1";
pub const LIST_PROVIDER_LOGINS: &str = "select identity_pool_id, provider, subject, identity_id, created_at from identity_logins where identity_pool_id = $1 and provider = $2 and ($3 = '' or identity_id = $3) and subject > $4 order by subject limit $5";
pub const PUT_PRINCIPAL_TAG_MAP: &str = "insert into principal_tag_maps (identity_pool_id, provider, use_defaults, tags, updated_at) values ($1, $2, $3, $4, $5) on conflict (identity_pool_id, provider) do update set use_defaults = excluded.use_defaults, tags = excluded.tags, updated_at = excluded.updated_at";
pub const GET_PRINCIPAL_TAG_MAP: &str = "select identity_pool_id, provider, use_defaults, tags, updated_at from principal_tag_maps where identity_pool_id = $1 and provider = $2";

/// Implements `IdentityPoolStore` for `$store` (see `storage::user_pools`).
macro_rules! impl_identity_pool_store {
    ($store:ty, $row:ty) => {
        const _: () = {
            use async_trait::async_trait;
            use sqlx::Row;

            use crate::error::StorageError;
            use crate::identity_pools::store::*;
            use crate::storage::conflict_as;
            use crate::storage::identity_pools::*;

            fn rows<T>(
                rows: Vec<$row>,
                f: impl Fn(&$row) -> Result<T, sqlx::Error>,
            ) -> Result<Vec<T>, StorageError> {
                Ok(rows.iter().map(f).collect::<Result<Vec<_>, _>>()?)
            }

            fn identity_pool_row(r: &$row) -> Result<IdentityPoolRow, sqlx::Error> {
                Ok(IdentityPoolRow {
                    identity_pool_id: r.try_get("identity_pool_id")?,
                    name: r.try_get("name")?,
                    settings: r.try_get("settings")?,
                    roles: r.try_get("roles")?,
                    created_at: r.try_get("created_at")?,
                    updated_at: r.try_get("updated_at")?,
                })
            }

            fn identity_row(r: &$row) -> Result<IdentityRow, sqlx::Error> {
                Ok(IdentityRow {
                    identity_id: r.try_get("identity_id")?,
                    identity_pool_id: r.try_get("identity_pool_id")?,
                    created_at: r.try_get("created_at")?,
                    updated_at: r.try_get("updated_at")?,
                })
            }

            fn login_row(r: &$row) -> Result<LoginRow, sqlx::Error> {
                Ok(LoginRow {
                    identity_pool_id: r.try_get("identity_pool_id")?,
                    provider: r.try_get("provider")?,
                    subject: r.try_get("subject")?,
                    identity_id: r.try_get("identity_id")?,
                    created_at: r.try_get("created_at")?,
                })
            }

            fn principal_tag_map_row(r: &$row) -> Result<PrincipalTagMapRow, sqlx::Error> {
                Ok(PrincipalTagMapRow {
                    identity_pool_id: r.try_get("identity_pool_id")?,
                    provider: r.try_get("provider")?,
                    use_defaults: r.try_get::<i64, _>("use_defaults")? != 0,
                    tags: r.try_get("tags")?,
                    updated_at: r.try_get("updated_at")?,
                })
            }

            #[async_trait]
            impl IdentityPoolStore for $store {
                async fn create_identity(
                    &self,
                    i: &IdentityRow,
                    logins: &[LoginRow],
                ) -> Result<(), StorageError> {
                    let mut tx = self.writer().begin().await?;
                    sqlx::query(INSERT_IDENTITY)
                        .bind(&i.identity_id)
                        .bind(&i.identity_pool_id)
                        .bind(i.created_at)
                        .bind(i.updated_at)
                        .execute(&mut *tx)
                        .await
                        .map_err(conflict_as(CONFLICT_PRIMARY))?;
                    for l in logins {
                        sqlx::query(INSERT_LOGIN)
                            .bind(&l.identity_pool_id)
                            .bind(&l.provider)
                            .bind(&l.subject)
                            .bind(&l.identity_id)
                            .bind(l.created_at)
                            .execute(&mut *tx)
                            .await
                            .map_err(conflict_as(CONFLICT_LOGIN))?;
                    }
                    tx.commit().await?;
                    Ok(())
                }

                async fn get_identity(&self, id: &str) -> Result<Option<IdentityRow>, StorageError> {
                    let row = sqlx::query(GET_IDENTITY).bind(id).fetch_optional(self.reader()).await?;
                    Ok(row.as_ref().map(identity_row).transpose()?)
                }

                async fn find_login(
                    &self,
                    pool: &str,
                    provider: &str,
                    subject: &str,
                ) -> Result<Option<LoginRow>, StorageError> {
                    let row = sqlx::query(FIND_LOGIN)
                        .bind(pool)
                        .bind(provider)
                        .bind(subject)
                        .fetch_optional(self.reader())
                        .await?;
                    Ok(row.as_ref().map(login_row).transpose()?)
                }

                async fn list_logins(&self, id: &str) -> Result<Vec<LoginRow>, StorageError> {
                    let found = sqlx::query(LIST_LOGINS).bind(id).fetch_all(self.reader()).await?;
                    rows(found, login_row)
                }

                async fn link_logins(
                    &self,
                    id: &str,
                    logins: &[LoginRow],
                    now: i64,
                ) -> Result<(), StorageError> {
                    let mut tx = self.writer().begin().await?;
                    let touched = sqlx::query(TOUCH_IDENTITY).bind(id).bind(now).execute(&mut *tx).await?;
                    if touched.rows_affected() == 0 {
                        return Err(StorageError::NotFound);
                    }
                    for l in logins {
                        sqlx::query(INSERT_LOGIN)
                            .bind(&l.identity_pool_id)
                            .bind(&l.provider)
                            .bind(&l.subject)
                            .bind(id)
                            .bind(l.created_at)
                            .execute(&mut *tx)
                            .await
                            .map_err(conflict_as(CONFLICT_LOGIN))?;
                    }
                    tx.commit().await?;
                    Ok(())
                }

                async fn unlink_logins(
                    &self,
                    id: &str,
                    logins: &[(String, String)],
                    now: i64,
                ) -> Result<u64, StorageError> {
                    let mut tx = self.writer().begin().await?;
                    let mut removed = 0;
                    for (provider, subject) in logins {
                        let done = sqlx::query(DELETE_LOGIN)
                            .bind(id)
                            .bind(provider)
                            .bind(subject)
                            .execute(&mut *tx)
                            .await?;
                        removed += done.rows_affected();
                    }
                    sqlx::query(TOUCH_IDENTITY).bind(id).bind(now).execute(&mut *tx).await?;
                    tx.commit().await?;
                    Ok(removed)
                }

                async fn merge_identities(&self, from: &str, to: &str, now: i64) -> Result<(), StorageError> {
                    let mut tx = self.writer().begin().await?;
                    sqlx::query(MOVE_LOGINS).bind(from).bind(to).execute(&mut *tx).await?;
                    sqlx::query(DELETE_IDENTITY[1]).bind(from).execute(&mut *tx).await?;
                    let touched = sqlx::query(TOUCH_IDENTITY).bind(to).bind(now).execute(&mut *tx).await?;
                    if touched.rows_affected() == 0 {
                        return Err(StorageError::NotFound);
                    }
                    tx.commit().await?;
                    Ok(())
                }

                async fn delete_identity(&self, id: &str) -> Result<bool, StorageError> {
                    let mut tx = self.writer().begin().await?;
                    sqlx::query(DELETE_IDENTITY[0]).bind(id).execute(&mut *tx).await?;
                    let done = sqlx::query(DELETE_IDENTITY[1]).bind(id).execute(&mut *tx).await?;
                    tx.commit().await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn list_identities(
                    &self,
                    pool: &str,
                    after: Option<&str>,
                    limit: i64,
                ) -> Result<Vec<IdentityRow>, StorageError> {
                    let found = sqlx::query(LIST_IDENTITIES)
                        .bind(pool)
                        .bind(after.unwrap_or(""))
                        .bind(limit)
                        .fetch_all(self.reader())
                        .await?;
                    rows(found, identity_row)
                }

                async fn list_provider_logins(
                    &self,
                    pool: &str,
                    provider: &str,
                    identity_id: Option<&str>,
                    after: Option<&str>,
                    limit: i64,
                ) -> Result<Vec<LoginRow>, StorageError> {
                    let found = sqlx::query(LIST_PROVIDER_LOGINS)
                        .bind(pool)
                        .bind(provider)
                        .bind(identity_id.unwrap_or(""))
                        .bind(after.unwrap_or(""))
                        .bind(limit)
                        .fetch_all(self.reader())
                        .await?;
                    rows(found, login_row)
                }

                async fn put_principal_tag_map(&self, m: &PrincipalTagMapRow) -> Result<(), StorageError> {
                    sqlx::query(PUT_PRINCIPAL_TAG_MAP)
                        .bind(&m.identity_pool_id)
                        .bind(&m.provider)
                        .bind(i64::from(m.use_defaults))
                        .bind(&m.tags)
                        .bind(m.updated_at)
                        .execute(self.writer())
                        .await?;
                    Ok(())
                }

                async fn get_principal_tag_map(
                    &self,
                    pool: &str,
                    provider: &str,
                ) -> Result<Option<PrincipalTagMapRow>, StorageError> {
                    let row = sqlx::query(GET_PRINCIPAL_TAG_MAP)
                        .bind(pool)
                        .bind(provider)
                        .fetch_optional(self.reader())
                        .await?;
                    Ok(row.as_ref().map(principal_tag_map_row).transpose()?)
                }

                async fn insert_identity_pool(&self, p: &IdentityPoolRow) -> Result<(), StorageError> {
                    sqlx::query(INSERT_IDENTITY_POOL)
                        .bind(&p.identity_pool_id)
                        .bind(&p.name)
                        .bind(&p.settings)
                        .bind(&p.roles)
                        .bind(p.created_at)
                        .bind(p.updated_at)
                        .execute(self.writer())
                        .await
                        .map_err(conflict_as(CONFLICT_PRIMARY))?;
                    Ok(())
                }

                async fn get_identity_pool(&self, id: &str) -> Result<Option<IdentityPoolRow>, StorageError> {
                    let row = sqlx::query(GET_IDENTITY_POOL).bind(id).fetch_optional(self.reader()).await?;
                    Ok(row.as_ref().map(identity_pool_row).transpose()?)
                }

                async fn update_identity_pool(&self, p: &IdentityPoolRow) -> Result<(), StorageError> {
                    let done = sqlx::query(UPDATE_IDENTITY_POOL)
                        .bind(&p.identity_pool_id)
                        .bind(&p.name)
                        .bind(&p.settings)
                        .bind(p.updated_at)
                        .execute(self.writer())
                        .await?;
                    if done.rows_affected() == 0 { Err(StorageError::NotFound) } else { Ok(()) }
                }

                async fn set_identity_pool_roles(
                    &self,
                    id: &str,
                    roles: &str,
                    updated_at: i64,
                ) -> Result<(), StorageError> {
                    let done = sqlx::query(SET_IDENTITY_POOL_ROLES)
                        .bind(id)
                        .bind(roles)
                        .bind(updated_at)
                        .execute(self.writer())
                        .await?;
                    if done.rows_affected() == 0 { Err(StorageError::NotFound) } else { Ok(()) }
                }

                async fn delete_identity_pool(&self, id: &str) -> Result<bool, StorageError> {
                    let mut tx = self.writer().begin().await?;
                    let mut done = None;
                    for statement in DELETE_IDENTITY_POOL {
                        done = Some(sqlx::query(statement).bind(id).execute(&mut *tx).await?);
                    }
                    tx.commit().await?;
                    Ok(done.is_some_and(|d| d.rows_affected() > 0))
                }

                async fn list_identity_pools(
                    &self,
                    after: Option<&str>,
                    limit: i64,
                ) -> Result<Vec<IdentityPoolRow>, StorageError> {
                    let found = sqlx::query(LIST_IDENTITY_POOLS)
                        .bind(after.unwrap_or(""))
                        .bind(limit)
                        .fetch_all(self.reader())
                        .await?;
                    rows(found, identity_pool_row)
                }
            }
        };
    };
}

pub(crate) use impl_identity_pool_store;
