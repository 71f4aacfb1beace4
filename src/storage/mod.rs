//! The database. One schema on PostgreSQL (production) and SQLite (embedded default),
//! reached through two concrete sqlx pools behind the domain store traits, with runtime
//! queries whose SQL text is shared by both backends (`$1` placeholders work on both).
//! Dialect differences live only in `migrations/postgres` and `migrations/sqlite`.
//!
//! Each domain owns its store trait (`<domain>/store.rs`); the SQL behind it lives in the
//! file of the same name here, as `const` statements and one macro that implements the trait,
//! expanded once per backend by [`impl_stores!`]. A new store method: the trait method in the
//! domain, the statement and the method in that file (both backends get it).

mod federation;
mod iam;
mod identity_pools;
mod keys;
mod postgres;
mod sqlite;
mod user_pools;

use std::borrow::Cow;
use std::sync::Arc;

use sqlx::SqlSafeStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};

pub use postgres::PgStore;
pub use sqlite::SqliteStore;

use crate::credentials::store::IamStore;
use crate::error::StorageError;
use crate::federation::store::OidcProviderStore;
use crate::identity_pools::store::IdentityPoolStore;
use crate::keys::KeyStore;
use crate::user_pools::store::UserPoolStore;

/// Everything the service stores. Each domain declares its own trait; this is their sum.
/// An `Arc<dyn Store>` coerces to each domain's `Arc<dyn …Store>`, so a domain sees only
/// its own contract.
#[async_trait::async_trait]
pub trait Store:
    UserPoolStore + KeyStore + IdentityPoolStore + IamStore + OidcProviderStore + Send + Sync + 'static
{
    /// `"postgres"` or `"sqlite"`.
    fn backend(&self) -> &'static str;
    /// A cheap round trip, for readiness.
    async fn ping(&self) -> Result<(), StorageError>;
    /// Applies pending migrations.
    async fn migrate(&self) -> Result<(), StorageError>;
}

/// Migrations as (version, description, postgres SQL, sqlite SQL). Both folders hold the
/// same file names (a test checks), and a merged file never changes.
const MIGRATIONS: &[(i64, &str, &str, &str)] = &[
    (
        1,
        "user_pools",
        include_str!("../../migrations/postgres/0001_user_pools.sql"),
        include_str!("../../migrations/sqlite/0001_user_pools.sql"),
    ),
    (
        2,
        "auth",
        include_str!("../../migrations/postgres/0002_auth.sql"),
        include_str!("../../migrations/sqlite/0002_auth.sql"),
    ),
    (
        3,
        "srp",
        include_str!("../../migrations/postgres/0003_srp.sql"),
        include_str!("../../migrations/sqlite/0003_srp.sql"),
    ),
    (
        4,
        "mfa",
        include_str!("../../migrations/postgres/0004_mfa.sql"),
        include_str!("../../migrations/sqlite/0004_mfa.sql"),
    ),
    (
        5,
        "identity_pools",
        include_str!("../../migrations/postgres/0005_identity_pools.sql"),
        include_str!("../../migrations/sqlite/0005_identity_pools.sql"),
    ),
    (
        6,
        "identities",
        include_str!("../../migrations/postgres/0006_identities.sql"),
        include_str!("../../migrations/sqlite/0006_identities.sql"),
    ),
    (
        7,
        "iam",
        include_str!("../../migrations/postgres/0007_iam.sql"),
        include_str!("../../migrations/sqlite/0007_iam.sql"),
    ),
    (
        8,
        "gateway",
        include_str!("../../migrations/postgres/0008_gateway.sql"),
        include_str!("../../migrations/sqlite/0008_gateway.sql"),
    ),
    (
        9,
        "hardening",
        include_str!("../../migrations/postgres/0009_hardening.sql"),
        include_str!("../../migrations/sqlite/0009_hardening.sql"),
    ),
    (
        10,
        "oauth",
        include_str!("../../migrations/postgres/0010_oauth.sql"),
        include_str!("../../migrations/sqlite/0010_oauth.sql"),
    ),
    (
        11,
        "triggers",
        include_str!("../../migrations/postgres/0011_triggers.sql"),
        include_str!("../../migrations/sqlite/0011_triggers.sql"),
    ),
    (
        12,
        "rotation",
        include_str!("../../migrations/postgres/0012_rotation.sql"),
        include_str!("../../migrations/sqlite/0012_rotation.sql"),
    ),
];

fn migrator(postgres: bool) -> Migrator {
    let migrations = MIGRATIONS
        .iter()
        .map(|&(version, description, pg, lite)| {
            let sql: &'static str = if postgres { pg } else { lite };
            Migration::new(
                version,
                Cow::Borrowed(description),
                MigrationType::Simple,
                sql.into_sql_str(),
                false,
            )
        })
        .collect();
    Migrator::with_migrations(migrations)
}

/// Connects to the database named by `url` (the scheme picks the backend). Does not migrate.
pub async fn connect(config: &crate::config::DatabaseConfig) -> Result<Arc<dyn Store>, StorageError> {
    let (url, max_connections) = (config.url.as_str(), config.max_connections);
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let acquire_timeout = std::time::Duration::from_millis(config.acquire_timeout_ms.max(1));
        Ok(Arc::new(PgStore::connect(url, max_connections, acquire_timeout).await?))
    } else if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::connect(url, max_connections).await?))
    } else {
        Err(StorageError::Setup(format!("unsupported database url scheme: {url}")))
    }
}

/// Implements every domain store trait for a backend whose `reader()` and `writer()` return
/// its pool and whose rows are `$row`.
macro_rules! impl_stores {
    ($store:ty, $row:ty) => {
        crate::storage::user_pools::impl_user_pool_store!($store, $row);
        crate::storage::keys::impl_key_store!($store, $row);
        crate::storage::identity_pools::impl_identity_pool_store!($store, $row);
        crate::storage::iam::impl_iam_store!($store, $row);
        crate::storage::federation::impl_oidc_provider_store!($store, $row);
    };
}
use impl_stores;

/// Whether an error is a unique-key violation, on either backend.
pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
    e.as_database_error().is_some_and(|d| d.is_unique_violation())
}

/// Maps a unique violation to `Conflict(what)` and anything else to `Other`.
pub(crate) fn conflict_as(what: &'static str) -> impl Fn(sqlx::Error) -> StorageError {
    move |e| if is_unique_violation(&e) { StorageError::Conflict(what) } else { StorageError::Other(e) }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    fn listing(dir: &str) -> BTreeSet<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn migration_folders_hold_the_same_files_and_all_are_registered() {
        let pg = listing("migrations/postgres");
        assert_eq!(pg, listing("migrations/sqlite"));
        assert_eq!(pg.len(), super::MIGRATIONS.len());
        for (version, description, _, _) in super::MIGRATIONS {
            let name = format!("{version:04}_{description}.sql");
            assert!(pg.contains(&name), "{name} is registered but not in migrations/");
        }
    }
}
