//! SQLite: the embedded zero-setup default. WAL mode, a pool of readers and exactly one
//! writer connection, so concurrent writes queue in the pool instead of failing with
//! SQLITE_BUSY.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use crate::error::StorageError;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow, SqliteSynchronous,
};

/// The store on SQLite.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    read: SqlitePool,
    write: SqlitePool,
}

impl SqliteStore {
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, StorageError> {
        create_private(url)?;
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        let write = SqlitePoolOptions::new().max_connections(1).connect_with(options.clone()).await?;
        let read = SqlitePoolOptions::new()
            .max_connections(max_connections.max(1))
            .connect_with(options.read_only(true))
            .await?;
        Ok(Self { read, write })
    }

    fn reader(&self) -> &SqlitePool {
        &self.read
    }

    fn writer(&self) -> &SqlitePool {
        &self.write
    }
}

/// `sqlite://data/incognito.db` should work on a fresh checkout with no `data/` yet. The
/// directory (when created here) is owner-only (0700), and so is a new database file
/// (0600): it holds password hashes, sealed secrets and one-time codes. SQLite creates its
/// `-wal` and `-shm` files with the database file's permissions.
fn create_private(url: &str) -> Result<(), StorageError> {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:");
    let path = path.split('?').next().unwrap_or("");
    if path.is_empty() || path.starts_with(':') {
        return Ok(());
    }
    let setup = |what: &str, e: std::io::Error| StorageError::Setup(format!("creating {what}: {e}"));
    if let Some(parent) = Path::new(path).parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.exists()
    {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(parent).map_err(|e| setup(&parent.display().to_string(), e))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(setup(path, e)),
    }
}

#[async_trait::async_trait]
impl crate::storage::Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn ping(&self) -> Result<(), StorageError> {
        sqlx::query("select 1").execute(&self.read).await?;
        Ok(())
    }

    async fn migrate(&self) -> Result<(), StorageError> {
        super::migrator(false).run(&self.write).await?;
        Ok(())
    }
}

super::impl_stores!(SqliteStore, SqliteRow);
