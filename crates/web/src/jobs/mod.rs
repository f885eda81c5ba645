//! Background jobs (ADR 18): the worker that runs what writes enqueued (`store::jobs`), the
//! handlers by kind, the morning's scheduled run, and the administrators' view.
//!
//! `samverkan serve` starts one worker ([`spawn_worker`]); on PostgreSQL any number of
//! processes may run one each, as claims skip each other's rows. Tests drive it step by step
//! with [`run_due_jobs`], on the store's clock, never sleeping.
//!
//! Files: `handlers` (what each kind of job does), `daily` (the morning's reminders and late
//! notices), `admin` (jobs by state, retry one).

mod admin;
mod daily;
mod handlers;

use axum::Router;
use axum::routing::{get, post};
use store::jobs::{Job, JobState};

use crate::App;

pub use daily::schedule_today;
pub use handlers::perform;

pub fn routes() -> Router<App> {
    Router::new().route("/admin/jobb", get(admin::list)).route("/admin/jobb/{id}/forsok-igen", post(admin::retry_post))
}

pub fn api_routes() -> Router<App> {
    Router::new().route("/admin/jobs", get(admin::api_list)).route("/admin/jobs/{id}/retry", post(admin::api_retry))
}

/// At most this many jobs per call of [`run_due_jobs`], so a flood cannot starve the loop.
const BATCH: usize = 500;

/// Runs every job due now by the store's clock, one after another, after making sure the day's
/// scheduled run is queued. Returns how many jobs ran.
pub async fn run_due_jobs(app: &App) -> usize {
    if let Err(e) = schedule_today(app).await {
        tracing::warn!(error = %e, "cannot schedule the daily jobs");
    }
    let mut ran = 0;
    while ran < BATCH {
        let job = match app.store.claim_job().await {
            Ok(Some(job)) => job,
            Ok(None) => break,
            Err(e) => {
                tracing::warn!(error = %e, "cannot claim a job");
                break;
            }
        };
        run(app, &job).await;
        ran += 1;
    }
    ran
}

/// Runs one claimed job and records how it went.
async fn run(app: &App, job: &Job) {
    let outcome = perform(app, job).await;
    let recorded = match outcome {
        Ok(()) => app.store.complete_job(job).await.map(|_| ()),
        Err(error) => app.store.fail_job(job, &error).await.map(|state| {
            let level_dead = state == JobState::Dead;
            if level_dead {
                tracing::error!(job = job.id, kind = %job.kind, %error, "job is dead after its last attempt");
            } else {
                tracing::warn!(job = job.id, kind = %job.kind, %error, "job failed; it will run again");
            }
        }),
    };
    if let Err(e) = recorded {
        tracing::warn!(job = job.id, error = %e, "cannot record the job's outcome; its lease will pass");
    }
}

/// The in-process worker of `samverkan serve`: runs due jobs, then waits a little.
pub fn spawn_worker(app: App) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let ran = run_due_jobs(&app).await;
            if ran < BATCH {
                tokio::time::sleep(std::time::Duration::from_secs(5)).await;
            }
        }
    })
}
