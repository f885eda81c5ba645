//! What each kind of job does. Every handler is idempotent: run twice (a worker died after the
//! effect but before completing), it has its effect once, because each message it writes
//! carries a dedupe key and each delivery checks whether it was sent.

use domain::ids::MeetingId;
use domain::meetings::MeetingStatus;
use store::jobs::Job;
use store::mail::{DECISIONS_JOB, MailKind, NewMessage, SEND_JOB};
use store::meetings::{NOTICE_JOB, SUBMITTED_JOB};

use super::daily;
use crate::App;
use crate::mail::compose::{self, Recipient};

/// Runs `job`'s handler; an error (with its reason) makes the job try again later.
pub async fn perform(app: &App, job: &Job) -> Result<(), String> {
    let int = |name: &str| job.payload.get(name).and_then(serde_json::Value::as_i64);
    match job.kind.as_str() {
        SEND_JOB => crate::mail::deliver(app, int("id").ok_or("no message id")?).await,
        SUBMITTED_JOB => submitted(app, job, MeetingId(int("meeting").ok_or("no meeting id")?)).await,
        NOTICE_JOB => crate::mail::notice::run(app, &job.payload).await,
        DECISIONS_JOB => crate::mail::decisions::run(app, &job.payload).await,
        daily::KIND => {
            let day = job.payload.get("day").and_then(|d| d.as_str()).ok_or("no day")?;
            let day = time::Date::parse(day, time::macros::format_description!("[year]-[month]-[day]"))
                .map_err(|e| e.to_string())?;
            daily::run(app, day).await
        }
        crate::joint::mail::SENT_JOB => crate::joint::mail::sent(app, &job.payload).await,
        crate::referrals::INVITATIONS => crate::referrals::mail::invitations(app, &job.payload).await,
        crate::referrals::RECEIPT => crate::referrals::mail::receipt(app, &job.payload).await,
        crate::referrals::MODERATION => crate::referrals::mail::moderation(app, &job.payload).await,
        crate::referrals::REMINDER => crate::referrals::mail::reminder(app, &job.payload).await,
        crate::referrals::REPORT_PUBLISHED => crate::referrals::mail::report_published(app, &job.payload).await,
        // Requests for official documents (cases room, ADR 48).
        crate::cases::REQUEST_MAIL_JOB => crate::mail::document_requests::notify(app, &job.payload).await,
        // surveys (issue 14)
        crate::surveys::INVITATIONS => crate::surveys::mail::invitations(app, &job.payload).await,
        other => Err(format!("unknown job kind “{other}”")),
    }
}

/// A protocol was submitted for adjustment: the chair and each adjuster with an address hear
/// of it, with the due date — if it still waits for them when the job runs (not adjusted or
/// taken back meanwhile).
async fn submitted(app: &App, job: &Job, meeting: MeetingId) -> Result<(), String> {
    let Some(m) = app.store.meeting(meeting).await.map_err(|e| e.to_string())? else { return Ok(()) };
    if m.status != MeetingStatus::ProtocolDrafted {
        return Ok(());
    }
    let approvers = m.approvers();
    let due = m.adjustment_due();
    let mut messages: Vec<NewMessage> = Vec::new();
    for person in approvers.chair.into_iter().chain(approvers.adjusters) {
        if let Some(a) = crate::mail::addressee(app, person).await? {
            let r = Recipient { name: &a.name, email: &a.email, lang: a.lang };
            let key = format!("{SUBMITTED_JOB}:{}:{}", job.id, person.0);
            let msg = compose::submitted(app, &r, key, &m, due);
            messages.extend(crate::mail::digest::route(app, person, MailKind::Adjustment, msg).await?);
        }
    }
    app.store.queue_messages(&messages).await.map(|_| ()).map_err(|e| e.to_string())
}
