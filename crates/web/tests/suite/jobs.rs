//! Background jobs, on both engines: a write's job exists exactly when the write committed; a
//! worker that dies mid-job is replaced after its lease and the effect happens once; failures
//! back off and die after eight attempts; the morning's run reminds and warns once; the
//! administrators see the jobs and retry one. The worker is driven step by step
//! (`web::jobs::run_due_jobs`) on the store's clock, never sleeping.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::json;
use store::jobs::{JobState, NewJob};
use time::{Duration, OffsetDateTime};
use web::App;

/// The same app, its worker on a clock that reads `at` (a later morning, a lease run out).
fn worker_at(t: &TestApp, at: OffsetDateTime) -> App {
    App { store: t.app.store.clone().with_clock(store::Clock::starting_at(at)), ..t.app.clone() }
}

/// A meeting held `days_ago`, with addresses for its chair, secretary and two adjusters, and
/// its protocol submitted for adjustment.
async fn submitted(t: &TestApp, days_ago: i64) -> FakeMeeting {
    let m = Fake::meeting()
        .of(Fake::body().named("Näringslivsrådet"))
        .held_on(TODAY - Duration::days(days_ago))
        .with_adjusters(2)
        .create(t)
        .await
        .with_addresses(t)
        .await;
    m.start_protocol(t).await;
    m.decide_all(t).await;
    m.submit(t).await;
    m
}

async fn outbox_to(t: &TestApp, kind: &str) -> Vec<String> {
    let mut to: Vec<String> =
        t.store().outbox(100).await.unwrap().into_iter().filter(|m| m.kind == kind).map(|m| m.recipient).collect();
    to.sort();
    to
}

fn address(p: domain::ids::PersonId) -> String {
    format!("person{}@test.se", p.0)
}

#[tokio::test]
async fn submitting_a_protocol_enqueues_its_job_in_the_same_transaction() {
    for t in TestApp::each_engine().await {
        assert_eq!(t.count("jobs").await, 0, "{}", t.engine);
        let m = submitted(&t, 3).await;
        let jobs = t.store().jobs(Some(JobState::Queued), 10).await.unwrap();
        assert_eq!(jobs.len(), 1, "{}", t.engine);
        assert_eq!(jobs[0].kind, "protocol.submitted");
        assert_eq!(jobs[0].payload["meeting"], json!(m.id.0));
        // A refused submission (already submitted) enqueues nothing.
        assert!(t.store().submit_protocol(m.id, &store::Actor::system("test")).await.is_err());
        assert_eq!(t.count("jobs").await, 1, "{}", t.engine);
    }
}

#[tokio::test]
async fn the_chair_and_each_adjuster_get_a_message_with_the_due_date_kept_in_the_outbox_without_smtp() {
    for t in TestApp::each_engine().await {
        let t = t.with_site_url("https://samverkan.example.se");
        let m = submitted(&t, 3).await;
        web::jobs::run_due_jobs(&t.app).await;
        let mut expected: Vec<String> = std::iter::once(m.chair).chain(m.adjusters.clone()).map(address).collect();
        expected.sort();
        assert_eq!(outbox_to(&t, "protocol.submitted").await, expected, "{}", t.engine);
        let msg = t.store().outbox(100).await.unwrap().into_iter().find(|x| x.kind == "protocol.submitted").unwrap();
        assert_eq!(msg.status, "outbox", "no SMTP server: kept, not sent");
        assert!(msg.subject.starts_with("Protokoll att justera: Näringslivsrådet den "), "{}", msg.subject);
        // Held on 13 November: due 27 November (14 days, KL 5 kap. 69 §).
        assert!(msg.text_body.contains("senast fredag 27 november 2026"), "{}", msg.text_body);
        let link = format!("https://samverkan.example.se/moten/{}", m.id.0);
        assert!(msg.text_body.contains(&link) && msg.html_body.contains(&format!("href=\"{link}\"")));
        assert!(msg.html_body.contains("<html lang=\"sv\">"));
        assert_eq!(t.store().jobs(Some(JobState::Done), 100).await.unwrap().len(), 1 + 1 + expected.len());
    }
}

#[tokio::test]
async fn a_protocol_adjusted_before_its_job_runs_asks_nobody_to_approve_it() {
    for t in TestApp::each_engine().await {
        let m = submitted(&t, 3).await;
        m.approve_all(&t).await;
        web::jobs::run_due_jobs(&t.app).await;
        assert_eq!(outbox_to(&t, "protocol.submitted").await, Vec::<String>::new(), "{}", t.engine);
        // The submission's job, the morning's run and the announced decisions' job.
        assert_eq!(t.store().jobs(Some(JobState::Done), 10).await.unwrap().len(), 3, "{}", t.engine);
    }
}

#[tokio::test]
async fn a_worker_killed_mid_job_is_replaced_after_its_lease_and_the_messages_are_written_once() {
    for t in TestApp::each_engine().await {
        let m = submitted(&t, 3).await;
        let approvers = 1 + m.adjusters.len();
        // A worker claims the job, has its effect, and dies before it can say it is done.
        let job = t.store().claim_job().await.unwrap().unwrap();
        assert_eq!((job.kind.as_str(), job.state, job.attempts), ("protocol.submitted", JobState::Running, 1));
        web::jobs::perform(&t.app, &job).await.unwrap();
        assert_eq!(t.count("outbox").await, approvers as i64, "{}", t.engine);
        // While its lease lasts no other worker takes the job over.
        web::jobs::run_due_jobs(&t.app).await;
        assert_eq!(t.store().job(job.id).await.unwrap().unwrap().state, JobState::Running, "{}", t.engine);
        // After it, one does, and the messages are not written again.
        let later = worker_at(&t, t.store().now() + store::jobs::LEASE + Duration::seconds(1));
        web::jobs::run_due_jobs(&later).await;
        let after = t.store().job(job.id).await.unwrap().unwrap();
        assert_eq!((after.state, after.attempts), (JobState::Done, 2), "{}", t.engine);
        assert_eq!(t.count("outbox").await, approvers as i64, "{}", t.engine);
        let sends = t.store().jobs(None, 100).await.unwrap().into_iter().filter(|j| j.kind == "mail.send").count();
        assert_eq!(sends, approvers, "one delivery per message");
        // The dead worker's late word changes nothing.
        assert!(!t.store().complete_job(&job).await.unwrap());
    }
}

#[tokio::test]
async fn a_failing_job_backs_off_and_is_dead_after_eight_attempts() {
    for t in TestApp::each_engine().await {
        let id = t.store().enqueue_job(&NewJob::now("no.such.kind", json!({}))).await.unwrap().unwrap();
        let mut at = t.store().now();
        let mut waits = Vec::new();
        for attempt in 1..=8 {
            web::jobs::run_due_jobs(&worker_at(&t, at)).await;
            let j = t.store().job(id).await.unwrap().unwrap();
            assert_eq!(j.attempts, attempt, "{}", t.engine);
            assert!(j.last_error.as_deref().unwrap().contains("no.such.kind"));
            if attempt < 8 {
                assert_eq!(j.state, JobState::Failed);
                waits.push((j.run_at - at).whole_minutes());
                // Not before its time.
                web::jobs::run_due_jobs(&worker_at(&t, j.run_at - Duration::seconds(30))).await;
                assert_eq!(t.store().job(id).await.unwrap().unwrap().attempts, attempt);
                at = j.run_at + Duration::seconds(1);
            } else {
                assert_eq!(j.state, JobState::Dead, "{}", t.engine);
            }
        }
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 64], "{}", t.engine);
        web::jobs::run_due_jobs(&worker_at(&t, at + Duration::days(30))).await;
        assert_eq!(t.store().job(id).await.unwrap().unwrap().attempts, 8, "a dead job waits for an administrator");
    }
}

#[tokio::test]
async fn the_morning_run_reminds_unapproved_approvers_two_days_before_the_deadline_once() {
    for t in TestApp::each_engine().await {
        // Held 12 days ago: due in two days.
        let m = submitted(&t, 12).await;
        // The chair has approved; the adjusters have not.
        t.store().approve_protocol(m.id, m.chair, None, t.store().now(), &store::Actor::system("test")).await.unwrap();
        web::jobs::run_due_jobs(&t.app).await;
        let mut expected: Vec<String> = m.adjusters.iter().copied().map(address).collect();
        expected.sort();
        assert_eq!(outbox_to(&t, "protocol.reminder").await, expected, "{}", t.engine);
        let r = t.store().outbox(100).await.unwrap().into_iter().find(|x| x.kind == "protocol.reminder").unwrap();
        assert!(r.text_body.contains("om två dagar"), "{}", r.text_body);
        // Another worker, later the same day: today's run is not scheduled twice.
        web::jobs::run_due_jobs(&worker_at(&t, t.store().now() + Duration::hours(3))).await;
        assert_eq!(outbox_to(&t, "protocol.reminder").await, expected, "{}", t.engine);
        assert_eq!(outbox_to(&t, "protocol.late").await, Vec::<String>::new());
    }
}

#[tokio::test]
async fn the_secretary_hears_once_when_a_protocol_is_late() {
    for t in TestApp::each_engine().await {
        let m = submitted(&t, 20).await;
        web::jobs::run_due_jobs(&t.app).await;
        assert_eq!(outbox_to(&t, "protocol.late").await, vec![address(m.secretary)], "{}", t.engine);
        let late = t.store().outbox(100).await.unwrap().into_iter().find(|x| x.kind == "protocol.late").unwrap();
        assert!(late.subject.starts_with("Försenad justering: Näringslivsrådet"), "{}", late.subject);
        assert!(late.text_body.contains("Det väntar fortfarande på:"));
        // The next morning's run does not tell again.
        web::jobs::run_due_jobs(&worker_at(&t, t.store().now() + Duration::days(1))).await;
        assert_eq!(outbox_to(&t, "protocol.late").await, vec![address(m.secretary)], "{}", t.engine);
        assert_eq!(t.store().jobs(None, 100).await.unwrap().iter().filter(|j| j.kind == "deadlines.daily").count(), 2);
    }
}

#[tokio::test]
async fn administrators_see_jobs_by_state_and_retry_a_dead_one_audited() {
    for t in TestApp::each_engine().await {
        let id = t.store().enqueue_job(&NewJob::now("no.such.kind", json!({}))).await.unwrap().unwrap();
        let mut at = t.store().now();
        for _ in 0..8 {
            web::jobs::run_due_jobs(&worker_at(&t, at)).await;
            at += Duration::days(1);
        }
        let mut admin = t.admin().await;
        admin
            .get("/admin/jobb?state=dead")
            .await
            .assert_status(200)
            .assert_contains("no.such.kind")
            .assert_contains("Kör igen");
        admin.get("/admin/jobb?state=nonsense").await.assert_status(200).assert_contains("Välj ett av tillstånden");
        let r = admin.post_form(&format!("/admin/jobb/{id}/forsok-igen"), &[]).await;
        r.assert_status(303);
        let j = t.store().job(id).await.unwrap().unwrap();
        assert_eq!((j.state, j.attempts), (JobState::Queued, 0), "{}", t.engine);
        let audit = t.store().audit_events(&Default::default(), 5).await.unwrap();
        assert!(audit.items.iter().any(|e| e.action == "job.retry" && e.entity_id.as_deref() == Some(&id.to_string())));
        // Only failed and dead jobs go round again: a conflict in the caller's language.
        let mut api = t.token_client("api-admin@test.se", true).await;
        let r = api.json(Method::POST, &format!("/api/v1/admin/jobs/{id}/retry"), &json!({})).await;
        r.assert_status(409);
        assert_eq!(r.error(), ("not_retryable".to_string(), Some("state".to_string())));
        let r = api.get("/api/v1/admin/jobs?state=queued").await;
        r.assert_status(200);
        assert_eq!(r.json()["items"][0]["id"], json!(id));
        api.get("/api/v1/admin/jobs?state=x").await.assert_status(422);
        api.json(Method::POST, "/api/v1/admin/jobs/999999/retry", &json!({})).await.assert_status(404);
    }
}
