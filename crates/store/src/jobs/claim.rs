//! A worker's side: claim the next due job under a lease, then complete it or fail it.

use super::{COLUMNS, Job, JobRow, JobState, LEASE, MAX_ATTEMPTS, backoff};
use crate::{Engine, Result, Store, on_tx};

impl Store {
    /// Claims the next due job — queued or failed and due, or running under a lease that has
    /// passed (its worker died) — marks it running under a new lease and counts the attempt.
    /// On PostgreSQL, concurrent workers skip the rows others are claiming
    /// (`FOR UPDATE SKIP LOCKED`); on SQLite the write lock serialises them.
    pub async fn claim_job(&self) -> Result<Option<Job>> {
        let lock = match self.engine() {
            Engine::Postgres => " FOR UPDATE SKIP LOCKED",
            Engine::Sqlite => "",
        };
        let sql = format!(
            "UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_until = $2, updated_at = $1 \
             WHERE id = (SELECT id FROM jobs \
                         WHERE (state IN ('queued', 'failed') AND run_at <= $1) \
                            OR (state = 'running' AND locked_until <= $1) \
                         ORDER BY run_at, id LIMIT 1{lock}) \
             RETURNING {COLUMNS}"
        );
        let mut tx = self.begin().await?;
        let now = tx.now;
        let row: Option<JobRow> = on_tx!(&mut tx, |c| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(now)
            .bind(now + LEASE)
            .fetch_optional(c)
            .await)?;
        tx.commit().await?;
        Ok(row.map(Job::from))
    }

    /// Marks the job done, if this attempt still holds it (a worker whose lease passed and whose
    /// job another worker took over completes nothing). Returns whether it did.
    pub async fn complete_job(&self, job: &Job) -> Result<bool> {
        let mut tx = self.begin().await?;
        let now = tx.now;
        let n = on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE jobs SET state = 'done', locked_until = NULL, last_error = NULL, updated_at = $1 \
             WHERE id = $2 AND state = 'running' AND attempts = $3"
        )
        .bind(now)
        .bind(job.id)
        .bind(job.attempts)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        tx.commit().await?;
        Ok(n == 1)
    }

    /// Records a failed attempt: the job runs again after [`backoff`], or is dead after
    /// [`MAX_ATTEMPTS`]. Returns the state it is left in.
    pub async fn fail_job(&self, job: &Job, error: &str) -> Result<JobState> {
        let mut tx = self.begin().await?;
        let now = tx.now;
        let (state, run_at) = if job.attempts >= MAX_ATTEMPTS {
            (JobState::Dead, job.run_at)
        } else {
            (JobState::Failed, now + backoff(job.attempts))
        };
        let error: String = error.chars().take(2000).collect();
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE jobs SET state = $1, run_at = $2, locked_until = NULL, last_error = $3, updated_at = $4 \
             WHERE id = $5 AND state = 'running' AND attempts = $6"
        )
        .bind(state.as_str())
        .bind(run_at)
        .bind(&error)
        .bind(now)
        .bind(job.id)
        .bind(job.attempts)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        tx.commit().await?;
        Ok(state)
    }
}
