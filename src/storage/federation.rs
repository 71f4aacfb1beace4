//! The SQL behind `federation::store::OidcProviderStore`: the OpenID Connect providers
//! registered through IAM (CreateOpenIDConnectProvider), which identity-pool logins are
//! checked against. Shared by both backends, expanded per backend by
//! [`impl_oidc_provider_store!`] (table of migration 0007).

pub const INSERT_OIDC_PROVIDER: &str = "insert into iam_oidc_providers (arn, url, client_ids, thumbprints, created_at) values ($1, $2, $3, $4, $5)";
pub const GET_OIDC_PROVIDER: &str =
    "select arn, url, client_ids, thumbprints, created_at from iam_oidc_providers where arn = $1";
pub const UPDATE_OIDC_PROVIDER: &str =
    "update iam_oidc_providers set client_ids = $2, thumbprints = $3 where arn = $1";
pub const DELETE_OIDC_PROVIDER: &str = "delete from iam_oidc_providers where arn = $1";
pub const LIST_OIDC_PROVIDERS: &str =
    "select arn, url, client_ids, thumbprints, created_at from iam_oidc_providers order by arn";

/// Implements `OidcProviderStore` for `$store` (see `storage::user_pools`).
macro_rules! impl_oidc_provider_store {
    ($store:ty, $row:ty) => {
        const _: () = {
            use sqlx::Row;

            use crate::error::StorageError;
            use crate::federation::store::*;
            use crate::storage::conflict_as;
            use crate::storage::federation::*;

            fn string_list(text: &str) -> Result<Vec<String>, sqlx::Error> {
                serde_json::from_str(text).map_err(|e| sqlx::Error::Decode(Box::new(e)))
            }

            fn oidc_row(r: &$row) -> Result<OidcProviderRow, sqlx::Error> {
                let client_ids: String = r.try_get("client_ids")?;
                let thumbprints: String = r.try_get("thumbprints")?;
                Ok(OidcProviderRow {
                    arn: r.try_get("arn")?,
                    url: r.try_get("url")?,
                    client_ids: string_list(&client_ids)?,
                    thumbprints: string_list(&thumbprints)?,
                    created_at: r.try_get("created_at")?,
                })
            }

            fn json(list: &[String]) -> String {
                serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
            }

            #[async_trait::async_trait]
            impl OidcProviderStore for $store {
                async fn insert_oidc_provider(&self, p: &OidcProviderRow) -> Result<(), StorageError> {
                    sqlx::query(INSERT_OIDC_PROVIDER)
                        .bind(&p.arn)
                        .bind(&p.url)
                        .bind(json(&p.client_ids))
                        .bind(json(&p.thumbprints))
                        .bind(p.created_at)
                        .execute(self.writer())
                        .await
                        .map_err(conflict_as(CONFLICT_OIDC_PROVIDER))?;
                    Ok(())
                }

                async fn get_oidc_provider(
                    &self,
                    arn: &str,
                ) -> Result<Option<OidcProviderRow>, StorageError> {
                    let row = sqlx::query(GET_OIDC_PROVIDER).bind(arn).fetch_optional(self.reader()).await?;
                    Ok(row.as_ref().map(oidc_row).transpose()?)
                }

                async fn update_oidc_provider(&self, p: &OidcProviderRow) -> Result<(), StorageError> {
                    let done = sqlx::query(UPDATE_OIDC_PROVIDER)
                        .bind(&p.arn)
                        .bind(json(&p.client_ids))
                        .bind(json(&p.thumbprints))
                        .execute(self.writer())
                        .await?;
                    if done.rows_affected() == 0 { Err(StorageError::NotFound) } else { Ok(()) }
                }

                async fn delete_oidc_provider(&self, arn: &str) -> Result<bool, StorageError> {
                    let done = sqlx::query(DELETE_OIDC_PROVIDER).bind(arn).execute(self.writer()).await?;
                    Ok(done.rows_affected() > 0)
                }

                async fn list_oidc_providers(&self) -> Result<Vec<OidcProviderRow>, StorageError> {
                    let found = sqlx::query(LIST_OIDC_PROVIDERS).fetch_all(self.reader()).await?;
                    found.iter().map(oidc_row).collect::<Result<Vec<_>, _>>().map_err(Into::into)
                }
            }
        };
    };
}

pub(crate) use impl_oidc_provider_store;
