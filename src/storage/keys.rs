//! The SQL behind `keys::KeyStore`, shared by both backends, expanded per backend by
//! [`impl_key_store!`].

pub const INSERT_SIGNING_KEY: &str = "insert into signing_keys (user_pool_id, kid, private_key_sealed, public_jwk, created_at, retired_at) values ($1, $2, $3, $4, $5, $6)";
pub const LIST_SIGNING_KEYS: &str = "select user_pool_id, kid, private_key_sealed, public_jwk, created_at, retired_at from signing_keys where user_pool_id = $1 order by created_at desc, kid desc";
pub const RETIRE_SIGNING_KEYS: &str =
    "update signing_keys set retired_at = $3 where user_pool_id = $1 and kid <> $2 and retired_at is null";

/// Implements `KeyStore` for `$store` (see `storage::user_pools`).
macro_rules! impl_key_store {
    ($store:ty, $row:ty) => {
        const _: () = {
            use async_trait::async_trait;
            use sqlx::Row;

            use crate::error::StorageError;
            use crate::keys::store::*;
            use crate::storage::conflict_as;
            use crate::storage::keys::*;

            fn signing_key_row(r: &$row) -> Result<SigningKeyRow, sqlx::Error> {
                Ok(SigningKeyRow {
                    user_pool_id: r.try_get("user_pool_id")?,
                    kid: r.try_get("kid")?,
                    private_key_sealed: r.try_get("private_key_sealed")?,
                    public_jwk: r.try_get("public_jwk")?,
                    created_at: r.try_get("created_at")?,
                    retired_at: r.try_get("retired_at")?,
                })
            }

            #[async_trait]
            impl KeyStore for $store {
                async fn insert_signing_key(&self, k: &SigningKeyRow) -> Result<(), StorageError> {
                    sqlx::query(INSERT_SIGNING_KEY)
                        .bind(&k.user_pool_id)
                        .bind(&k.kid)
                        .bind(&k.private_key_sealed)
                        .bind(&k.public_jwk)
                        .bind(k.created_at)
                        .bind(k.retired_at)
                        .execute(self.writer())
                        .await
                        .map_err(conflict_as(CONFLICT_PRIMARY))?;
                    Ok(())
                }

                async fn list_signing_keys(&self, pool: &str) -> Result<Vec<SigningKeyRow>, StorageError> {
                    let found = sqlx::query(LIST_SIGNING_KEYS).bind(pool).fetch_all(self.reader()).await?;
                    Ok(found.iter().map(signing_key_row).collect::<Result<Vec<_>, _>>()?)
                }

                async fn retire_signing_keys(
                    &self,
                    pool: &str,
                    kid: &str,
                    at: i64,
                ) -> Result<(), StorageError> {
                    sqlx::query(RETIRE_SIGNING_KEYS)
                        .bind(pool)
                        .bind(kid)
                        .bind(at)
                        .execute(self.writer())
                        .await?;
                    Ok(())
                }
            }
        };
    };
}

pub(crate) use impl_key_store;
