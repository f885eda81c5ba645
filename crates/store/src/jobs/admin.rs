//! The administrator's side: jobs by state, and sending a failed or dead job round again.

use serde::Serialize;
use serde_json::json;

use super::{COLUMNS, Job, JobRow, JobState};
use crate::query::mapped;
use crate::{Actor, Result, Store, StoreError, audit, on_pool, on_tx};

/// How many jobs are in each state.
#[derive(Clone, Debug, Default, Serialize)]
pub struct JobCounts {
    pub queued: i64,
    pub running: i64,
    pub failed: i64,
    pub dead: i64,
    pub done: i64,
}

impl Store {
    /// The newest `limit` jobs in `state` (all states when `None`), newest first.
    pub async fn jobs(&self, state: Option<JobState>, limit: i64) -> Result<Vec<Job>> {
        let sql = format!("SELECT {COLUMNS} FROM jobs WHERE ($1 IS NULL OR state = $1) ORDER BY id DESC LIMIT $2");
        let rows: Vec<JobRow> = on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(state.map(JobState::as_str))
            .bind(limit)
            .fetch_all(p)
            .await)?;
        Ok(mapped(rows))
    }

    pub async fn job(&self, id: i64) -> Result<Option<Job>> {
        let sql = format!("SELECT {COLUMNS} FROM jobs WHERE id = $1");
        let row: Option<JobRow> = on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .fetch_optional(p)
            .await)?;
        Ok(row.map(Job::from))
    }

    pub async fn job_counts(&self) -> Result<JobCounts> {
        let rows: Vec<(String, i64)> =
            on_pool!(&self.pool, |p| sqlx::query_as("SELECT state, COUNT(*) FROM jobs GROUP BY state")
                .fetch_all(p)
                .await)?;
        let mut c = JobCounts::default();
        for (state, n) in rows {
            match JobState::parse(&state) {
                Some(JobState::Queued) => c.queued = n,
                Some(JobState::Running) => c.running = n,
                Some(JobState::Failed) => c.failed = n,
                Some(JobState::Dead) => c.dead = n,
                Some(JobState::Done) => c.done = n,
                None => {}
            }
        }
        Ok(c)
    }

    /// Sends a failed or dead job round again: queued now, with a fresh count of attempts.
    /// Any other state is a conflict on `state`.
    pub async fn retry_job(&self, id: i64, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let now = tx.now;
        let state: Option<String> = on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT state FROM jobs WHERE id = $1")
            .bind(id)
            .fetch_optional(c)
            .await)?;
        let state = state.ok_or(StoreError::NotFound)?;
        if !JobState::parse(&state).is_some_and(JobState::retryable) {
            return Err(StoreError::Conflict("state"));
        }
        on_tx!(&mut tx, |c| {
            sqlx::query(
            "UPDATE jobs SET state = 'queued', attempts = 0, run_at = $1, locked_until = NULL, updated_at = $1 WHERE id = $2"
        )
        .bind(now)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
        })?;
        audit::record(&mut tx, actor, "job.retry", "job", Some(id), json!({"state": {"from": state, "to": "queued"}}))
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
