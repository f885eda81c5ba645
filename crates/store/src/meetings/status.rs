//! A meeting's life by hand: notice sent (by e-mail too, `send_notice`), held, cancelled
//! (taking a submitted protocol back to held goes through `reopen_protocol`).

use domain::ids::MeetingId;
use domain::meetings::MeetingStatus;
use domain::meetings::editing::may_set_by_hand;
use serde_json::json;

use super::meeting::set_status;
use super::notice_mail::{NoticeSent, enqueue_notice, not_now, notice_row, sequence_of};
use crate::{Actor, Result, Store, StoreError, audit, on_tx};

impl Store {
    /// Moves a meeting along its life (notice sent, held, cancelled). Drafting, adjustment and
    /// announcement have their own steps (`versions`, `adjustment`, `notice_board`).
    pub async fn set_meeting_status(&self, id: MeetingId, to: MeetingStatus, actor: &Actor) -> Result<()> {
        let m = self.meeting(id).await?.ok_or(StoreError::NotFound)?;
        if m.status == MeetingStatus::ProtocolDrafted && to == MeetingStatus::Held {
            return self.reopen_protocol(id, actor).await;
        }
        may_set_by_hand(to, m.date, self.today())?;
        m.status.advance(to).map_err(|e| StoreError::Invalid(domain::Invalid::one(e)))?;
        let mut tx = self.begin().await?;
        set_status(&mut tx, id, to).await?;
        if to == MeetingStatus::Cancelled {
            super::notice_mail::notice_followup(&mut tx, id, "CANCEL").await?;
        }
        audit::record(
            &mut tx,
            actor,
            "meeting.status",
            "meeting",
            Some(id.0),
            json!({"status": {"from": m.status.as_str(), "to": to.as_str()}}),
        )
        .await?;
        crate::search::refresh_meeting(&mut tx, id).await?;
        tx.commit().await
    }

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
}
