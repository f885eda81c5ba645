//! The notice (kallelse) by e-mail (ADR 24): the secretary sends it, which records that it was
//! sent (when, by whom, at which sequence), marks a planned meeting "notice sent" and enqueues
//! the job that writes one message with an iCalendar invitation per member and substitute — all
//! in one transaction. Once sent, a change of time or place enqueues an update (the same job
//! with the meeting's higher sequence), and cancelling or deleting the meeting enqueues a
//! cancellation. The job's dedupe key is the meeting and its sequence, so a retried write or
//! job sends nothing twice.

use domain::ids::MeetingId;
use domain::meetings::{Meeting, MeetingStatus};
use domain::{FieldError, Invalid};
use serde::{Deserialize, Serialize};
use serde_json::json;
use time::{Date, OffsetDateTime};

use super::meeting::set_status;
use crate::jobs::{NewJob, enqueue};
use crate::{Actor, Result, Store, StoreError, Tx, audit, on_pool, on_tx};

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

fn not_now() -> StoreError {
    StoreError::Invalid(Invalid::one(FieldError::new(
        "notice",
        "notice_not_now",
        "Kallelsen kan bara skickas innan mötet har hållits och om det inte är inställt.",
        "The notice can only be sent before the meeting is held, and not for a cancelled meeting.",
    )))
}

async fn sequence_of(tx: &mut Tx, id: MeetingId) -> Result<i64> {
    let seq: Option<i64> = on_tx!(tx, |c| sqlx::query_scalar("SELECT sequence FROM meetings WHERE id = $1")
        .bind(id.0)
        .fetch_optional(c)
        .await)?;
    seq.ok_or(StoreError::NotFound)
}

async fn notice_row(tx: &mut Tx, id: MeetingId) -> Result<Option<i64>> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar("SELECT sequence FROM meeting_notices WHERE meeting_id = $1")
        .bind(id.0)
        .fetch_optional(c)
        .await)?)
}

async fn enqueue_notice(
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
    /// Sends the notice: records it, marks a planned meeting "notice sent" and enqueues the job
    /// that writes the messages. Sending again before anything changed sends nothing new.
    pub async fn send_notice(&self, id: MeetingId, actor: &Actor) -> Result<NoticeSent> {
        let m = self.meeting(id).await?.ok_or(StoreError::NotFound)?;
        if !matches!(m.status, MeetingStatus::Planned | MeetingStatus::NoticeSent) {
            return Err(not_now());
        }
        let mut tx = self.begin().await?;
        if m.status == MeetingStatus::Planned {
            set_status(&mut tx, id, MeetingStatus::NoticeSent).await?;
        }
        let seq = sequence_of(&mut tx, id).await?;
        let now = tx.now;
        let first = notice_row(&mut tx, id).await?.is_none();
        let sql = if first {
            "INSERT INTO meeting_notices (sent_at, sent_by, sent_by_name, sequence, meeting_id) VALUES ($1, $2, $3, $4, $5)"
        } else {
            "UPDATE meeting_notices SET sent_at = $1, sent_by = $2, sent_by_name = $3, sequence = $4 WHERE meeting_id = $5"
        };
        on_tx!(&mut tx, |c| sqlx::query(sql)
            .bind(now)
            .bind(actor.user_id.map(|u| u.0))
            .bind(&actor.label)
            .bind(seq)
            .bind(id.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        enqueue_notice(&mut tx, id, seq, "REQUEST", false, None).await?;
        audit::record(
            &mut tx,
            actor,
            "meeting.notice_send",
            "meeting",
            Some(id.0),
            json!({"status": {"from": m.status.as_str(), "to": MeetingStatus::NoticeSent.as_str()}, "sequence": {"to": seq}}),
        )
        .await?;
        crate::search::refresh_meeting(&mut tx, id).await?;
        tx.commit().await?;
        self.meeting_notice(id).await?.ok_or(StoreError::NotFound)
    }

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
