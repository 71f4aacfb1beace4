//! The SQL behind `credentials::store::IamStore` (roles and their inline policies), shared
//! by both backends and expanded once per backend by [`impl_iam_store!`] (migration 0007).

pub const INSERT_ROLE: &str = "insert into iam_roles (role_name_key, role_name, role_id, path, arn, trust_policy, description, max_session_duration, tags, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
pub const GET_ROLE: &str = "select role_name_key, role_name, role_id, path, arn, trust_policy, description, max_session_duration, tags, created_at, updated_at from iam_roles where role_name_key = $1";
pub const UPDATE_ROLE: &str = "update iam_roles set trust_policy = $2, description = $3, max_session_duration = $4, tags = $5, updated_at = $6 where role_name_key = $1";
/// Refuses (deletes nothing) while the role still has inline policies.
pub const DELETE_ROLE: &str = "delete from iam_roles where role_name_key = $1 and not exists (select 1 from iam_role_policies where role_name_key = $1)";
pub const LIST_ROLES: &str = "select role_name_key, role_name, role_id, path, arn, trust_policy, description, max_session_duration, tags, created_at, updated_at from iam_roles where role_name_key > $1 order by role_name_key limit $2";

pub const UPDATE_ROLE_POLICY: &str = "update iam_role_policies set document = $3, updated_at = $4 where role_name_key = $1 and policy_name = $2";
pub const INSERT_ROLE_POLICY: &str = "insert into iam_role_policies (role_name_key, policy_name, document, created_at, updated_at) values ($1, $2, $3, $4, $5)";
pub const GET_ROLE_POLICY: &str = "select role_name_key, policy_name, document, created_at, updated_at from iam_role_policies where role_name_key = $1 and policy_name = $2";
pub const DELETE_ROLE_POLICY: &str =
    "delete from iam_role_policies where role_name_key = $1 and policy_name = $2";
pub const LIST_ROLE_POLICIES: &str = "select role_name_key, policy_name, document, created_at, updated_at from iam_role_policies where role_name_key = $1 order by policy_name";

/// Implements `IamStore` for `$store`, whose `reader()` and `writer()` return the backend's
/// pool and whose rows are `$row`.
macro_rules! impl_iam_store {
    ($store:ty, $row:ty) => {
        const _: () = {
            use sqlx::Row;

            use crate::credentials::store::*;
            use crate::error::StorageError;
            use crate::storage::conflict_as;
            use crate::storage::iam::*;

            fn role_row(r: &$row) -> Result<RoleRow, sqlx::Error> {
                Ok(RoleRow {
                    role_name_key: r.try_get("role_name_key")?,
                    role_name: r.try_get("role_name")?,
                    role_id: r.try_get("role_id")?,
                    path: r.try_get("path")?,
                    arn: r.try_get("arn")?,
                    trust_policy: r.try_get("trust_policy")?,
                    description: r.try_get("description")?,
                    max_session_duration: r.try_get("max_session_duration")?,
                    tags: r.try_get("tags")?,
                    created_at: r.try_get("created_at")?,
                    updated_at: r.try_get("updated_at")?,
                })
            }

            fn policy_row(r: &$row) -> Result<RolePolicyRow, sqlx::Error> {
                Ok(RolePolicyRow {
                    role_name_key: r.try_get("role_name_key")?,
                    policy_name: r.try_get("policy_name")?,
                    document: r.try_get("document")?,
                    created_at: r.try_get("created_at")?,
                    updated_at: r.try_get("updated_at")?,
                })
            }

            fn all<T>(
                rows: Vec<$row>,
                f: fn(&$row) -> Result<T, sqlx::Error>,
            ) -> Result<Vec<T>, StorageError> {
                Ok(rows.iter().map(f).collect::<Result<Vec<_>, _>>()?)
            }

            #[async_trait::async_trait]
            impl IamStore for $store {
                async fn insert_role(&self, role: &RoleRow) -> Result<(), StorageError> {
                    sqlx::query(INSERT_ROLE)
                        .bind(&role.role_name_key)
                        .bind(&role.role_name)
                        .bind(&role.role_id)
                        .bind(&role.path)
                        .bind(&role.arn)
                        .bind(&role.trust_policy)
                        .bind(&role.description)
                        .bind(role.max_session_duration)
                        .bind(&role.tags)
                        .bind(role.created_at)
                        .bind(role.updated_at)
                        .execute(self.writer())
                        .await
                        .map_err(conflict_as(CONFLICT_ROLE_NAME))?;
                    Ok(())
                }

                async fn get_role(&self, key: &str) -> Result<Option<RoleRow>, StorageError> {
                    let row = sqlx::query(GET_ROLE).bind(key).fetch_optional(self.reader()).await?;
                    Ok(row.as_ref().map(role_row).transpose()?)
                }

                async fn update_role(&self, role: &RoleRow) -> Result<(), StorageError> {
                    let done = sqlx::query(UPDATE_ROLE)
                        .bind(&role.role_name_key)
                        .bind(&role.trust_policy)
                        .bind(&role.description)
                        .bind(role.max_session_duration)
                        .bind(&role.tags)
                        .bind(role.updated_at)
                        .execute(self.writer())
                        .await?;
                    if done.rows_affected() == 0 { Err(StorageError::NotFound) } else { Ok(()) }
                }

                async fn delete_role(&self, key: &str) -> Result<bool, StorageError> {
                    let done = sqlx::query(DELETE_ROLE).bind(key).execute(self.writer()).await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn list_roles(
                    &self,
                    after: Option<&str>,
                    limit: i64,
                ) -> Result<Vec<RoleRow>, StorageError> {
                    let found = sqlx::query(LIST_ROLES)
                        .bind(after.unwrap_or(""))
                        .bind(limit)
                        .fetch_all(self.reader())
                        .await?;
                    all(found, role_row)
                }

                async fn put_role_policy(&self, p: &RolePolicyRow) -> Result<(), StorageError> {
                    // Update first, insert if absent; a concurrent insert of the same name
                    // surfaces as a unique violation and is retried once as an update.
                    let updated = sqlx::query(UPDATE_ROLE_POLICY)
                        .bind(&p.role_name_key)
                        .bind(&p.policy_name)
                        .bind(&p.document)
                        .bind(p.updated_at)
                        .execute(self.writer())
                        .await?;
                    if updated.rows_affected() > 0 {
                        return Ok(());
                    }
                    let inserted = sqlx::query(INSERT_ROLE_POLICY)
                        .bind(&p.role_name_key)
                        .bind(&p.policy_name)
                        .bind(&p.document)
                        .bind(p.created_at)
                        .bind(p.updated_at)
                        .execute(self.writer())
                        .await;
                    match inserted {
                        Ok(_) => Ok(()),
                        Err(e) if crate::storage::is_unique_violation(&e) => {
                            sqlx::query(UPDATE_ROLE_POLICY)
                                .bind(&p.role_name_key)
                                .bind(&p.policy_name)
                                .bind(&p.document)
                                .bind(p.updated_at)
                                .execute(self.writer())
                                .await?;
                            Ok(())
                        }
                        Err(e) => Err(e.into()),
                    }
                }

                async fn get_role_policy(
                    &self,
                    key: &str,
                    name: &str,
                ) -> Result<Option<RolePolicyRow>, StorageError> {
                    let row = sqlx::query(GET_ROLE_POLICY)
                        .bind(key)
                        .bind(name)
                        .fetch_optional(self.reader())
                        .await?;
                    Ok(row.as_ref().map(policy_row).transpose()?)
                }

                async fn delete_role_policy(&self, key: &str, name: &str) -> Result<bool, StorageError> {
                    let done =
                        sqlx::query(DELETE_ROLE_POLICY).bind(key).bind(name).execute(self.writer()).await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn list_role_policies(&self, key: &str) -> Result<Vec<RolePolicyRow>, StorageError> {
                    let found = sqlx::query(LIST_ROLE_POLICIES).bind(key).fetch_all(self.reader()).await?;
                    all(found, policy_row)
                }
            }
        };
    };
}

pub(crate) use impl_iam_store;
