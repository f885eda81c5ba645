//! Background jobs in the database (ADR 18). A write that wants something done later (send a
//! message, remind someone) enqueues a job in its own transaction, so the job exists exactly
//! when the write committed. Workers claim due jobs one at a time: on PostgreSQL with
//! `FOR UPDATE SKIP LOCKED`, so any number of `samverkan serve` processes share the queue; on
//! SQLite one in-process worker (its writes are serialised anyway).
//!
//! A claim holds a lease (`locked_until`). A worker that dies mid-job never completes it; when
//! the lease has passed, the job is claimable again, so handlers must be idempotent (they are:
//! their effects carry dedupe keys). A failure is retried with exponential back-off; after
//! [`MAX_ATTEMPTS`] the job is dead until an administrator retries it.
//!
//! One file per concept: `queue` (enqueueing), `claim` (claim, complete, fail) and `admin`
//! (listing and retrying).

mod admin;
mod claim;
mod queue;

pub use admin::JobCounts;
pub use queue::{NewJob, enqueue};

use serde::Serialize;
use time::{Duration, OffsetDateTime};

/// After this many attempts a failing job is dead: it waits for an administrator.
pub const MAX_ATTEMPTS: i64 = 8;

/// How long a claim lasts before another worker may take the job over.
pub const LEASE: Duration = Duration::minutes(5);

/// Where a job is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Queued,
    Running,
    Failed,
    Dead,
    Done,
}

impl JobState {
    pub const ALL: [JobState; 5] =
        [JobState::Queued, JobState::Running, JobState::Failed, JobState::Dead, JobState::Done];

    pub fn as_str(self) -> &'static str {
        match self {
            JobState::Queued => "queued",
            JobState::Running => "running",
            JobState::Failed => "failed",
            JobState::Dead => "dead",
            JobState::Done => "done",
        }
    }

    pub fn parse(s: &str) -> Option<JobState> {
        JobState::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// An administrator may send it round again.
    pub fn retryable(self) -> bool {
        matches!(self, JobState::Failed | JobState::Dead)
    }
}

/// A job as stored.
#[derive(Clone, Debug, Serialize)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub payload: serde_json::Value,
    pub dedupe_key: Option<String>,
    pub state: JobState,
    pub attempts: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub run_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub locked_until: Option<OffsetDateTime>,
    pub last_error: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct JobRow {
    id: i64,
    kind: String,
    payload: String,
    dedupe_key: Option<String>,
    state: String,
    attempts: i64,
    run_at: OffsetDateTime,
    locked_until: Option<OffsetDateTime>,
    last_error: Option<String>,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
}

impl From<JobRow> for Job {
    fn from(r: JobRow) -> Self {
        Job {
            id: r.id,
            kind: r.kind,
            payload: serde_json::from_str(&r.payload).unwrap_or_default(),
            dedupe_key: r.dedupe_key,
            state: JobState::parse(&r.state).unwrap_or(JobState::Dead),
            attempts: r.attempts,
            run_at: r.run_at,
            locked_until: r.locked_until,
            last_error: r.last_error,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

const COLUMNS: &str =
    "id, kind, payload, dedupe_key, state, attempts, run_at, locked_until, last_error, created_at, updated_at";

/// How long to wait before the next try after `attempts` failed ones: one minute, doubling,
/// at most a day (1, 2, 4 … 64 minutes for the eight tries).
pub fn backoff(attempts: i64) -> Duration {
    let exp = attempts.clamp(1, 11) - 1;
    Duration::minutes(1i64 << exp).min(Duration::days(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_from_a_minute() {
        assert_eq!(backoff(1), Duration::minutes(1));
        assert_eq!(backoff(2), Duration::minutes(2));
        assert_eq!(backoff(8), Duration::minutes(128));
        assert!(backoff(100) <= Duration::days(1));
        assert_eq!(backoff(0), Duration::minutes(1));
    }

    #[test]
    fn states_round_trip() {
        for s in JobState::ALL {
            assert_eq!(JobState::parse(s.as_str()), Some(s));
        }
        assert!(JobState::Dead.retryable() && !JobState::Done.retryable());
    }
}
