//! PostgreSQL: the production backend. One pool serves reads and writes.

use std::time::Duration;

use crate::error::StorageError;
use sqlx::postgres::{PgPool, PgPoolOptions, PgRow};

/// The store on PostgreSQL.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// `acquire_timeout` bounds how long a call waits for a connection, also while the server
    /// is down (a connection is then opened again on the next call, so service resumes as soon
    /// as the server is back; every connection is checked before it is handed out).
    pub async fn connect(
        url: &str,
        max_connections: u32,
        acquire_timeout: Duration,
    ) -> Result<Self, StorageError> {
        let pool = PgPoolOptions::new()
            .max_connections(max_connections.max(1))
            .acquire_timeout(acquire_timeout)
            .test_before_acquire(true)
            .connect(url)
            .await?;
        Ok(Self { pool })
    }

    fn reader(&self) -> &PgPool {
        &self.pool
    }

    fn writer(&self) -> &PgPool {
        &self.pool
    }
}

#[async_trait::async_trait]
impl crate::storage::Store for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn ping(&self) -> Result<(), StorageError> {
        sqlx::query("select 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn migrate(&self) -> Result<(), StorageError> {
        super::migrator(true).run(&self.pool).await?;
        Ok(())
    }
}

super::impl_stores!(PgStore, PgRow);
