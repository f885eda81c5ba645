//! Persistence for Samverkan on SQLite (embedded, the default) and PostgreSQL (scale-out).
//!
//! One code path serves both engines: SQL text is written once with `$1` placeholders in the
//! subset both accept and run on whichever pool is configured (see `on_pool!` and `on_tx!`).
//! Migrations are kept per engine with identical meaning (`migrations/{sqlite,postgres}`).
//! Every write records an audit event in the same transaction.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};

pub mod accounts;
pub mod actionplans;
pub mod assignments;
pub mod audit;
pub mod branding;
pub mod cases;
pub mod clock;
pub mod directory;
pub mod files;
pub mod identity;
// indicators (issue 13)
pub mod indicators;
pub mod jobs;
pub mod joint;
pub mod mail;
pub mod meetings;
mod migrate;
mod named;
pub mod oparl;
mod ops;
pub mod organisations;
pub mod people;
pub mod privacy;
// processes (issue 14): phases, milestones, stakeholders, dialogue and inputs
pub mod processes;
mod query;
pub mod referrals;
mod reindex;
pub mod search;
// strategy: governing documents and the strategy model (issue 13)
pub mod strategy;
pub mod structure;
// surveys (issue 14)
pub mod surveys;
pub mod version;

pub use audit::{Actor, Via};
pub use clock::Clock;
pub use ops::PoolStats;
pub use query::{Page, decode_cursor, every_page};

/// The database, on one of the two engines.
#[derive(Clone, Debug)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same expression on whichever pool is configured.
macro_rules! on_pool {
    ($pool:expr, |$p:ident| $body:expr) => {
        match $pool {
            $crate::Pool::Sqlite($p) => $body,
            $crate::Pool::Postgres($p) => $body,
        }
    };
}
pub(crate) use on_pool;

/// An open transaction on either engine, and the instant it began by the store's clock: what
/// it writes is stamped with that one time (like PostgreSQL's `now()`).
pub struct Tx {
    conn: TxConn,
    pub now: time::OffsetDateTime,
    /// Set by `audit::record`: this transaction changes data, so its commit moves the data
    /// version (and, on PostgreSQL, notifies the other processes).
    pub(crate) changes_data: bool,
    version: std::sync::Arc<version::DataVersion>,
}

pub(crate) enum TxConn {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// Runs the same expression on the connection of an open transaction.
macro_rules! on_tx {
    ($tx:expr, |$c:ident| $body:expr) => {
        match &mut ($tx).conn {
            $crate::TxConn::Sqlite(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::TxConn::Postgres(t) => {
                let $c = &mut **t;
                $body
            }
        }
    };
}
pub(crate) use on_tx;

impl Tx {
    /// Commits; a transaction that changed data then moves the data version: this process's
    /// at once, after the commit, and on PostgreSQL every listening process's by the
    /// notification that PostgreSQL delivers on commit.
    pub async fn commit(mut self) -> Result<(), StoreError> {
        if self.changes_data
            && let TxConn::Postgres(t) = &mut self.conn
        {
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(version::CHANNEL)
                .bind(&self.version.origin)
                .execute(&mut **t)
                .await?;
        }
        match self.conn {
            TxConn::Sqlite(t) => t.commit().await?,
            TxConn::Postgres(t) => t.commit().await?,
        }
        if self.changes_data {
            self.version.bump();
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A uniqueness rule was broken; names the field the user can change.
    #[error("conflict on {0}")]
    Conflict(&'static str),
    #[error(transparent)]
    Invalid(#[from] domain::Invalid),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{0}")]
    Config(String),
}

impl StoreError {
    /// Maps a unique-constraint violation to a conflict on `field`; passes other errors on.
    pub(crate) fn unique(field: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
        move |e| match &e {
            sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Conflict(field),
            _ => StoreError::Database(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The engine of a database URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn of_url(url: &str) -> Result<Engine> {
        if url.starts_with("sqlite:") {
            Ok(Engine::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Engine::Postgres)
        } else {
            Err(StoreError::Config(format!(
                "database URL must start with sqlite: or postgres:// (got “{}”)",
                redact(url)
            )))
        }
    }
}

/// A URL with any password replaced, fit for error messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let cred = &url[s + 3..at];
            match cred.split_once(':') {
                Some((user, _)) => format!("{}://{}:***@{}", &url[..s], user, &url[at + 1..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[derive(Clone, Debug)]
pub struct Store {
    pub pool: Pool,
    pub clock: Clock,
    /// The data version of this process (see `version`), shared by the store's clones.
    pub version: std::sync::Arc<version::DataVersion>,
}

impl Store {
    /// Connects to the database at `url`, creating an SQLite file if missing. SQLite runs in
    /// WAL mode with foreign keys on and a busy timeout, so readers never block the writer.
    pub async fn connect(url: &str) -> Result<Store> {
        let pool = match Engine::of_url(url)? {
            Engine::Sqlite => {
                let opts = SqliteConnectOptions::from_str(url)
                    .map_err(|e| StoreError::Config(format!("bad SQLite URL “{url}”: {e}")))?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10));
                let pool = SqlitePoolOptions::new()
                    .max_connections(8)
                    .connect_with(opts)
                    .await
                    .map_err(|e| StoreError::Config(format!("cannot open SQLite database “{url}”: {e}")))?;
                Pool::Sqlite(pool)
            }
            Engine::Postgres => {
                let opts = PgConnectOptions::from_str(url)
                    .map_err(|e| StoreError::Config(format!("bad PostgreSQL URL “{}”: {e}", redact(url))))?;
                let pool = PgPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect_with(opts)
                    .await
                    .map_err(|e| StoreError::Config(format!("cannot reach PostgreSQL at “{}”: {e}", redact(url))))?;
                Pool::Postgres(pool)
            }
        };
        Ok(Store { pool, clock: Clock::system(), version: Default::default() })
    }

    /// The same database read by another clock (tests and demos fix "today" with it).
    pub fn with_clock(self, clock: Clock) -> Store {
        Store { clock, ..self }
    }

    /// Now by the store's clock, to microseconds.
    pub fn now(&self) -> time::OffsetDateTime {
        self.clock.now()
    }

    /// Today in Sweden by the store's clock.
    pub fn today(&self) -> time::Date {
        self.clock.today()
    }

    pub fn engine(&self) -> Engine {
        match self.pool {
            Pool::Sqlite(_) => Engine::Sqlite,
            Pool::Postgres(_) => Engine::Postgres,
        }
    }

    /// Starts a write transaction. On SQLite it takes the write lock at once (BEGIN IMMEDIATE),
    /// so two writers queue on the busy timeout instead of failing half-way.
    pub async fn begin(&self) -> Result<Tx> {
        let conn = match &self.pool {
            Pool::Sqlite(p) => TxConn::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(p) => TxConn::Postgres(p.begin().await?),
        };
        Ok(Tx { conn, now: self.now(), changes_data: false, version: self.version.clone() })
    }

    /// Whether the database answers (for `/readyz`).
    pub async fn ping(&self) -> Result<()> {
        on_pool!(&self.pool, |p| sqlx::query("SELECT 1").execute(p).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn close(&self) {
        on_pool!(&self.pool, |p| p.close().await)
    }
}

/// Whether a row with `id` exists in `table` (a constant of the caller's).
pub(crate) async fn exists(tx: &mut Tx, table: &str, id: i64) -> Result<bool> {
    let sql = format!("SELECT COUNT(*) FROM {table} WHERE id = $1");
    let n: i64 = on_tx!(tx, |c| sqlx::query_scalar(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_one(c).await)?;
    Ok(n > 0)
}

/// A linked person or organisation must exist; a missing one is an error on `field`.
pub(crate) async fn must_exist(tx: &mut Tx, table: &str, id: i64, field: &str) -> Result<()> {
    if exists(tx, table, id).await? {
        return Ok(());
    }
    Err(match table {
        "people" => invalid_field(field, "unknown_person", "Personen finns inte.", "The person does not exist."),
        "users" => invalid_field(field, "unknown_account", "Kontot finns inte.", "The account does not exist."),
        "bodies" => invalid_field(field, "unknown_body", "Organet finns inte.", "The body does not exist."),
        "indicators" => {
            invalid_field(field, "unknown_indicator", "Indikatorn finns inte.", "The indicator does not exist.")
        }
        "strategy_nodes" => invalid_field(
            field,
            "unknown_node",
            "Delen av strategin finns inte.",
            "The part of the strategy does not exist.",
        ),
        _ => invalid_field(
            field,
            "unknown_organisation",
            "Organisationen finns inte.",
            "The organisation does not exist.",
        ),
    })
}

/// An input error on one field, as the store reports broken links.
pub(crate) fn invalid_field(field: &str, code: &'static str, sv: &str, en: &str) -> StoreError {
    StoreError::Invalid(domain::Invalid::one(domain::FieldError::new(field, code, sv, en)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(redact("postgres://sam:hemligt@db:5432/x"), "postgres://sam:***@db:5432/x");
        assert_eq!(redact("postgres://db/x"), "postgres://db/x");
        assert!(Engine::of_url("mysql://x").is_err());
    }
}
