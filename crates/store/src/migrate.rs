//! Embedded migrations, one list per engine with the same versions and meaning. Each runs in its
//! own transaction and is recorded in `schema_migrations`; a database newer than the binary is
//! refused rather than guessed at.

use std::future::Future;
use std::pin::Pin;

use crate::{Pool, Result, Store, StoreError, Tx, on_pool, on_tx};

/// A migration's step in Rust, run after its SQL in the same transaction: for a change that
/// SQL cannot make the same on both engines (migration 0043).
type Step = for<'a> fn(&'a mut Tx) -> Pin<Box<dyn Future<Output = Result<()>> + Send + 'a>>;

struct Migration {
    version: i64,
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
    then: Option<Step>,
}

macro_rules! migration {
    ($version:expr, $name:literal) => {
        migration!($version, $name, None)
    };
    ($version:expr, $name:literal, then $step:path) => {
        migration!($version, $name, Some($step as Step))
    };
    ($version:expr, $name:literal, $then:expr) => {
        Migration {
            version: $version,
            name: $name,
            sqlite: include_str!(concat!("../migrations/sqlite/", $name, ".sql")),
            postgres: include_str!(concat!("../migrations/postgres/", $name, ".sql")),
            then: $then,
        }
    };
}

/// The key of the PostgreSQL advisory lock migrations run under ("SVKMIGR" in ASCII).
const MIGRATION_LOCK: i64 = 0x53564b4d494752;

const MIGRATIONS: &[Migration] = &[
    migration!(1, "0001_foundation"),
    migration!(2, "0002_structure"),
    migration!(3, "0003_meetings"),
    migration!(4, "0004_jobs_and_mail"),
    migration!(5, "0005_search"),
    migration!(7, "0007_files"),
    migration!(8, "0008_notices_by_mail"),
    migration!(11, "0011_branding"),
    migration!(12, "0012_search_order"),
    migration!(13, "0013_identity"),
    migration!(14, "0014_cases"),
    migration!(15, "0015_privacy"),
    migration!(16, "0016_referrals"),
    migration!(17, "0017_joint_matters"),
    migration!(18, "0018_directory"),
    migration!(19, "0019_registry_requests"),
    migration!(20, "0020_assignments"),
    // indicators (issue 13)
    migration!(21, "0021_indicators"),
    // strategy: governing documents and the strategy model (issue 13)
    migration!(22, "0022_strategy"),
    migration!(24, "0024_case_routing"),
    migration!(25, "0025_oidc_flow_address"),
    migration!(26, "0026_session_issuer"),
    migration!(27, "0027_document_requests"),
    // processes (issue 14)
    migration!(28, "0028_processes"),
    // surveys (issue 14)
    migration!(29, "0029_surveys"),
    // action plans, follow-up rounds, the annual report (issue 13)
    migration!(30, "0030_action_plans"),
    // referrals: later versions and the open form (issue 12)
    migration!(31, "0031_referral_versions_and_open_form"),
    // cases: secrecy grants (issue 11)
    migration!(32, "0032_secrecy_grants"),
    // processes: the input form's submission key (issue 14)
    migration!(33, "0033_process_input_submission"),
    // surveys: a version that edits name, so concurrent ones do not overwrite each other
    migration!(35, "0035_survey_versions"),
    // indicators: the values and their history without foreign keys (ADR 57)
    migration!(36, "0036_indicator_values_without_foreign_keys"),
    // processes: phases in their owner's order
    migration!(38, "0038_process_phase_order"),
    // search: documents read by several bodies and organisations, or by everyone signed in
    migration!(40, "0040_search_readers"),
    // cases: the registry walked newest first within a year or an organisation (ADR 60)
    migration!(41, "0041_cases_by_year_and_organisation"),
    // search: facets counted from the full-text index alone (ADR 61)
    migration!(42, "0042_search_cells"),
    migration!(43, "0043_indicator_series", then crate::indicators::carry::carry_over),
];

impl Store {
    /// Brings the schema up to date. Returns the versions applied now. On PostgreSQL, where
    /// several processes may start at once, they take turns under an advisory lock.
    pub async fn migrate(&self) -> Result<Vec<i64>> {
        match &self.pool {
            Pool::Sqlite(_) => self.migrate_now().await,
            Pool::Postgres(p) => {
                let mut lock = p.acquire().await?;
                sqlx::query("SELECT pg_advisory_lock($1)").bind(MIGRATION_LOCK).execute(&mut *lock).await?;
                let result = self.migrate_now().await;
                sqlx::query("SELECT pg_advisory_unlock($1)").bind(MIGRATION_LOCK).execute(&mut *lock).await?;
                result
            }
        }
    }

    async fn migrate_now(&self) -> Result<Vec<i64>> {
        on_pool!(&self.pool, |p| sqlx::raw_sql(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL)"
        )
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        let done: Vec<i64> =
            on_pool!(&self.pool, |p| sqlx::query_scalar("SELECT version FROM schema_migrations ORDER BY version")
                .fetch_all(p)
                .await)?;
        let newest = MIGRATIONS.last().map_or(0, |m| m.version);
        if let Some(v) = done.iter().find(|v| **v > newest) {
            return Err(StoreError::Config(format!(
                "the database has schema version {v}, newer than this program knows ({newest}); upgrade samverkan"
            )));
        }
        let mut applied = Vec::new();
        for m in MIGRATIONS.iter().filter(|m| !done.contains(&m.version)) {
            let sql = match self.pool {
                Pool::Sqlite(_) => m.sqlite,
                Pool::Postgres(_) => m.postgres,
            };
            let mut tx = self.begin().await?;
            on_tx!(&mut tx, |c| sqlx::raw_sql(sql).execute(c).await.map(|r| r.rows_affected()))?;
            if let Some(step) = m.then {
                step(&mut tx).await?;
            }
            on_tx!(&mut tx, |c| sqlx::query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)")
                .bind(m.version)
                .bind(m.name)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
            tx.commit().await?;
            tracing::info!(version = m.version, name = m.name, "migrated");
            applied.push(m.version);
        }
        Ok(applied)
    }
}
