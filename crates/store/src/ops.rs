//! What operations ask of the database: `samverkan backup` and `restore`, and the figures of
//! `/metrics` (ADR 23).

use std::path::Path;

use crate::{Pool, Result, Store, StoreError, on_pool};

impl Store {
    /// The newest schema migration applied (0 on a database never migrated).
    pub async fn schema_version(&self) -> Result<i64> {
        let v: Option<i64> =
            on_pool!(&self.pool, |p| sqlx::query_scalar("SELECT MAX(version) FROM schema_migrations")
                .fetch_one(p)
                .await)?;
        Ok(v.unwrap_or(0))
    }

    /// Writes a consistent copy of the SQLite database to `target` (a new file) with `VACUUM
    /// INTO`, which reads in one transaction while the server goes on writing (WAL mode).
    pub async fn copy_sqlite_into(&self, target: &Path) -> Result<()> {
        let Pool::Sqlite(p) = &self.pool else {
            return Err(StoreError::Config("VACUUM INTO is for SQLite; on PostgreSQL use pg_dump".into()));
        };
        let path = target.to_str().ok_or_else(|| StoreError::Config("the backup's path is not UTF-8".into()))?;
        let sql = format!("VACUUM INTO '{}'", path.replace('\'', "''"));
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(p).await?;
        Ok(())
    }

    /// Whether the database holds no tables at all (PostgreSQL: in the `public` schema), as a
    /// restore needs.
    pub async fn is_empty_database(&self) -> Result<bool> {
        let sql = match self.pool {
            Pool::Sqlite(_) => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
            Pool::Postgres(_) => "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
        };
        let n: i64 = on_pool!(&self.pool, |p| sqlx::query_scalar(sql).fetch_one(p).await)?;
        Ok(n == 0)
    }

    /// How many e-mail messages are in each status (queued, sent, failed, outbox), by status.
    pub async fn outbox_counts(&self) -> Result<Vec<(String, i64)>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT status, COUNT(*) FROM outbox GROUP BY status ORDER BY status"
        )
        .fetch_all(p)
        .await)?)
    }

    /// The connection pool now: connections open, of which idle, and the most it opens.
    pub fn pool_stats(&self) -> PoolStats {
        on_pool!(&self.pool, |p| PoolStats {
            size: i64::from(p.size()),
            idle: p.num_idle() as i64,
            max: i64::from(p.options().get_max_connections()),
        })
    }
}

/// See [`Store::pool_stats`].
#[derive(Clone, Copy, Debug)]
pub struct PoolStats {
    pub size: i64,
    pub idle: i64,
    pub max: i64,
}
