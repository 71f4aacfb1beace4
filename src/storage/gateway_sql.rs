//! The SQL behind `gateway::store::GatewayStore`, shared by both backends and expanded once
//! per backend by [`impl_gateway_store!`]. Both queries are range scans on indexes from
//! migration 0008 and return only what changed since the previous poll.

/// One row per family, however many refresh tokens it had.
pub const REVOKED_FAMILIES_SINCE: &str = "select origin_jti, max(revoked_at) as revoked_at from refresh_tokens where revoked_at > $1 group by origin_jti";
pub const SIGNED_OUT_USERS_SINCE: &str =
    "select user_pool_id, sub, tokens_valid_after from users where tokens_valid_after > $1";

macro_rules! impl_gateway_store {
    ($store:ty, $row:ty) => {
        #[async_trait::async_trait]
        impl crate::gateway::store::GatewayStore for $store {
            async fn revoked_families_since(
                &self,
                since_ms: i64,
            ) -> Result<Vec<crate::gateway::store::RevokedFamily>, crate::storage::StorageError> {
                use sqlx::Row;
                let rows = sqlx::query(crate::storage::gateway_sql::REVOKED_FAMILIES_SINCE)
                    .bind(since_ms)
                    .fetch_all(self.reader())
                    .await?;
                rows.iter()
                    .map(|r: &$row| {
                        Ok(crate::gateway::store::RevokedFamily {
                            origin_jti: r.try_get("origin_jti")?,
                            revoked_at: r.try_get("revoked_at")?,
                        })
                    })
                    .collect::<Result<_, sqlx::Error>>()
                    .map_err(Into::into)
            }

            async fn signed_out_users_since(
                &self,
                since_secs: i64,
            ) -> Result<Vec<crate::gateway::store::SignedOutUser>, crate::storage::StorageError> {
                use sqlx::Row;
                let rows = sqlx::query(crate::storage::gateway_sql::SIGNED_OUT_USERS_SINCE)
                    .bind(since_secs)
                    .fetch_all(self.reader())
                    .await?;
                rows.iter()
                    .map(|r: &$row| {
                        Ok(crate::gateway::store::SignedOutUser {
                            user_pool_id: r.try_get("user_pool_id")?,
                            sub: r.try_get("sub")?,
                            tokens_valid_after: r.try_get("tokens_valid_after")?,
                        })
                    })
                    .collect::<Result<_, sqlx::Error>>()
                    .map_err(Into::into)
            }
        }
    };
}
pub(crate) use impl_gateway_store;
