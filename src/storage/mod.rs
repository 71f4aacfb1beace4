//! The database. One schema on PostgreSQL (production) and SQLite (embedded default),
//! reached through two concrete sqlx pools behind the domain store traits, with runtime
//! queries whose SQL text is shared by both backends (`$1` placeholders work on both).
//! Dialect differences live only in `migrations/postgres` and `migrations/sqlite`.

mod gateway_sql;
mod iam_sql;
mod postgres;
mod sql;
mod sqlite;

use std::borrow::Cow;
use std::sync::Arc;

use sqlx::SqlSafeStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};

pub use postgres::PgStore;
pub use sqlite::SqliteStore;

use crate::gateway::store::GatewayStore;
use crate::identity_pools::store::IdentityPoolStore;
use crate::user_pools::store::UserPoolStore;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("not found")]
    NotFound,
    /// A unique key was taken; the value names which (see the domain's store module).
    #[error("conflict on {0}")]
    Conflict(&'static str),
    #[error("database error: {0}")]
    Other(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{0}")]
    Setup(String),
}

/// Everything the service stores. Each domain declares its own trait; this is their sum.
#[async_trait::async_trait]
pub trait Store:
    UserPoolStore + IdentityPoolStore + GatewayStore + crate::credentials::store::IamStore + Send + Sync + 'static
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
pub async fn connect(url: &str, max_connections: u32) -> Result<Arc<dyn Store>, StorageError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PgStore::connect(url, max_connections).await?))
    } else if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::connect(url, max_connections).await?))
    } else {
        Err(StorageError::Setup(format!("unsupported database url scheme: {url}")))
    }
}

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
