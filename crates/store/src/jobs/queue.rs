//! Enqueueing: inside the transaction of the write that asks for the job.

use serde_json::Value;
use time::OffsetDateTime;

use crate::{Result, Store, Tx, on_tx};

/// A job to enqueue.
#[derive(Clone, Debug)]
pub struct NewJob {
    pub kind: &'static str,
    pub payload: Value,
    /// When it may run first (`None`: as soon as the transaction commits).
    pub run_at: Option<OffsetDateTime>,
    /// A second job with the same key is not enqueued (a day's scheduled run, one message per
    /// recipient and event).
    pub dedupe_key: Option<String>,
}

impl NewJob {
    pub fn now(kind: &'static str, payload: Value) -> NewJob {
        NewJob { kind, payload, run_at: None, dedupe_key: None }
    }

    pub fn once(mut self, key: impl Into<String>) -> NewJob {
        self.dedupe_key = Some(key.into());
        self
    }

    pub fn at(mut self, at: OffsetDateTime) -> NewJob {
        self.run_at = Some(at);
        self
    }
}

/// Enqueues `job` in the open transaction: it exists exactly when the transaction commits.
/// Returns its id, or `None` when a job with the same dedupe key already exists.
pub async fn enqueue(tx: &mut Tx, job: &NewJob) -> Result<Option<i64>> {
    let run_at = job.run_at.unwrap_or(tx.now);
    let id: Option<i64> = on_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO jobs (kind, payload, dedupe_key, state, attempts, run_at, locked_until, last_error, created_at, updated_at) \
         VALUES ($1, $2, $3, 'queued', 0, $4, NULL, NULL, $5, $5) \
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id"
    )
    .bind(job.kind)
    .bind(job.payload.to_string())
    .bind(&job.dedupe_key)
    .bind(run_at)
    .bind(tx.now)
    .fetch_optional(c)
    .await
    })?;
    Ok(id)
}

impl Store {
    /// Enqueues a job on its own (the scheduler's daily runs); see [`enqueue`].
    pub async fn enqueue_job(&self, job: &NewJob) -> Result<Option<i64>> {
        let mut tx = self.begin().await?;
        let id = enqueue(&mut tx, job).await?;
        tx.commit().await?;
        Ok(id)
    }
}
