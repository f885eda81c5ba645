//! A meeting's life by hand: notice sent, held, cancelled (taking a submitted protocol back to
//! held goes through `reopen_protocol`).

use domain::ids::MeetingId;
use domain::meetings::MeetingStatus;
use domain::meetings::editing::may_set_by_hand;
use serde_json::json;

use super::meeting::set_status;
use crate::{Actor, Result, Store, StoreError, audit};

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
}
