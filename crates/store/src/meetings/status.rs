//! A meeting's life by hand: notice sent, held, cancelled (taking a submitted protocol back to
//! held goes through `reopen_protocol`).

use domain::ids::MeetingId;
use domain::meetings::MeetingStatus;
use serde_json::json;

use super::meeting::set_status;
use super::state_error;
use crate::{Actor, Result, Store, StoreError, audit};

impl Store {
    /// Moves a meeting along its life (notice sent, held, cancelled). Drafting, adjustment and
    /// announcement have their own steps (`versions`, `adjustment`, `notice_board`).
    pub async fn set_meeting_status(&self, id: MeetingId, to: MeetingStatus, actor: &Actor) -> Result<()> {
        let m = self.meeting(id).await?.ok_or(StoreError::NotFound)?;
        if !matches!(to, MeetingStatus::NoticeSent | MeetingStatus::Held | MeetingStatus::Cancelled) {
            return Err(state_error(
                "status",
                "not_by_hand",
                "Den statusen sätts när protokollet lämnas för justering, justeras eller tillkännages.",
                "That status is set when the protocol is submitted, adjusted or announced.",
            ));
        }
        if m.status == MeetingStatus::ProtocolDrafted && to == MeetingStatus::Held {
            return self.reopen_protocol(id, actor).await;
        }
        m.status.advance(to).map_err(|e| StoreError::Invalid(domain::Invalid::one(e)))?;
        let mut tx = self.begin().await?;
        set_status(&mut tx, id, to).await?;
        audit::record(
            &mut tx,
            actor,
            "meeting.status",
            "meeting",
            Some(id.0),
            json!({"status": {"from": m.status.as_str(), "to": to.as_str()}}),
        )
        .await?;
        tx.commit().await
    }
}
