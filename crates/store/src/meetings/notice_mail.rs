//! The notice (kallelse) by e-mail (ADR 24), below `meeting` (which calls its follow-ups) and
//! `status` (where sending it is a step of the meeting's life): the secretary sends it, which
//! records that it was sent (when, by whom, at which sequence), marks a planned meeting "notice sent" and enqueues
//! the job that writes one message with an iCalendar invitation per member and substitute — all
//! in one transaction. Once sent, a change of time or place enqueues an update (the same job
//! with the meeting's higher sequence), and cancelling or deleting the meeting enqueues a
//! cancellation. The job's dedupe key is the meeting and its sequence, so a retried write or
//! job sends nothing twice.

use domain::ids::MeetingId;
use domain::meetings::Meeting;
use domain::{FieldError, Invalid};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::{Date, OffsetDateTime};

use crate::jobs::{NewJob, enqueue};
use crate::{Result, Store, StoreError, Tx, on_pool, on_tx};

/// The job kind that writes a meeting's notice, update or cancellation to the outbox:
/// `{"meeting", "sequence", "method": "REQUEST"|"CANCEL", "update", "snapshot"?}` (`update`: a
/// change after the first notice; `snapshot`: the deleted meeting).
pub const NOTICE_JOB: &str = "meeting.notice";

/// That a meeting's notice went out by e-mail.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct NoticeSent {
    pub meeting_id: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub sent_at: OffsetDateTime,
    pub sent_by_name: String,
    /// The meeting's sequence at the last invitation, update or cancellation written.
    pub sequence: i64,
}

/// What the invitation of a deleted meeting says: the meeting row is gone when its
/// cancellation is written, so the job carries what it needs.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct NoticeSnapshot {
    pub id: i64,
    pub body_id: i64,
    pub body_name: String,
    pub date: Date,
    pub start: Option<String>,
    pub end: Option<String>,
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub secretary: Option<String>,
}

impl NoticeSnapshot {
    pub fn of(m: &Meeting) -> NoticeSnapshot {
        NoticeSnapshot {
            id: m.id.0,
            body_id: m.body_id.0,
            body_name: m.body_name.clone(),
            date: m.date,
            start: m.start.clone(),
            end: m.end.clone(),
            place: m.place.clone(),
            online_url: m.online_url.clone(),
            secretary: m.secretary.as_ref().map(|s| s.name.clone()),
        }
    }
}

/// Whether the change from `before` to `after` is one attendees' calendars must hear of.
pub fn time_or_place_changed(before: &Meeting, after: &NoticeSnapshot) -> bool {
    before.date != after.date
        || before.start != after.start
        || before.end != after.end
        || before.place != after.place
        || before.online_url != after.online_url
}

pub(super) fn not_now() -> StoreError {
    StoreError::Invalid(Invalid::one(FieldError::new(
        "notice",
        "notice_not_now",
        "Kallelsen kan bara skickas innan mötet har hållits och om det inte är inställt.",
        "The notice can only be sent before the meeting is held, and not for a cancelled meeting.",
    )))
}

pub(super) async fn sequence_of(tx: &mut Tx, id: MeetingId) -> Result<i64> {
    let seq: Option<i64> = on_tx!(tx, |c| sqlx::query_scalar("SELECT sequence FROM meetings WHERE id = $1")
        .bind(id.0)
        .fetch_optional(c)
        .await)?;
    seq.ok_or(StoreError::NotFound)
}

pub(super) async fn notice_row(tx: &mut Tx, id: MeetingId) -> Result<Option<i64>> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar("SELECT sequence FROM meeting_notices WHERE meeting_id = $1")
        .bind(id.0)
        .fetch_optional(c)
        .await)?)
}

pub(super) async fn enqueue_notice(
    tx: &mut Tx,
    id: MeetingId,
    sequence: i64,
    method: &str,
    update: bool,
    snapshot: Option<&NoticeSnapshot>,
) -> Result<()> {
    let mut payload = json!({"meeting": id.0, "sequence": sequence, "method": method, "update": update});
    if let Some(s) = snapshot {
        payload["snapshot"] = serde_json::to_value(s).unwrap_or_default();
    }
    let job = NewJob::now(NOTICE_JOB, payload).once(format!("{NOTICE_JOB}:{}:{sequence}:{method}", id.0));
    enqueue(tx, &job).await.map(|_| ())
}

/// After a meeting whose notice was sent changed (in `tx`, its sequence already raised): an
/// update (`REQUEST`) or a cancellation (`CANCEL`) goes out. Nothing when no notice was sent.
pub(super) async fn notice_followup(tx: &mut Tx, id: MeetingId, method: &str) -> Result<()> {
    if notice_row(tx, id).await?.is_none() {
        return Ok(());
    }
    let seq = sequence_of(tx, id).await?;
    on_tx!(tx, |c| sqlx::query("UPDATE meeting_notices SET sequence = $1 WHERE meeting_id = $2")
        .bind(seq)
        .bind(id.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    enqueue_notice(tx, id, seq, method, true, None).await
}

/// Before a meeting whose notice was sent is deleted (in `tx`): its cancellation, carrying
/// what the message says, one sequence above the last.
pub(super) async fn notice_deleted(tx: &mut Tx, m: &Meeting) -> Result<()> {
    if notice_row(tx, m.id).await?.is_none() {
        return Ok(());
    }
    let seq = sequence_of(tx, m.id).await? + 1;
    enqueue_notice(tx, m.id, seq, "CANCEL", true, Some(&NoticeSnapshot::of(m))).await
}

impl Store {
    /// Whether (and when, by whom) the meeting's notice went out by e-mail.
    pub async fn meeting_notice(&self, id: MeetingId) -> Result<Option<NoticeSent>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT meeting_id, sent_at, sent_by_name, sequence FROM meeting_notices WHERE meeting_id = $1"
        )
        .bind(id.0)
        .fetch_optional(p)
        .await)?)
    }
}
