//! The agenda in minutes (issue 9): several items added in one transaction, and the whole order
//! set at once.

use domain::ids::MeetingId;
use domain::meetings::AgendaItemInput;
use domain::meetings::editing::agenda_editable;
use serde_json::json;

use super::meeting::touch_meeting;
use crate::accounts::{remember, remembered};
use crate::{Actor, Result, Store, StoreError, audit, on_tx};

impl Store {
    /// Adds `items` at the end of the agenda, in their order, in one transaction with one audit
    /// event; returns their ids. A retry with the same idempotency key adds nothing and returns
    /// the first item added then.
    pub async fn add_agenda_items(
        &self,
        meeting: MeetingId,
        items: &[AgendaItemInput],
        actor: &Actor,
        idempotency_key: Option<&str>,
    ) -> Result<Vec<i64>> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        agenda_editable(m.status)?;
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, idempotency_key, "agenda_items").await? {
            return Ok(vec![id]);
        }
        let ids = super::agenda::append_items(&mut tx, meeting, items).await?;
        touch_meeting(&mut tx, meeting).await?;
        if let Some(first) = ids.first() {
            remember(&mut tx, actor.user_id, idempotency_key, "agenda_items", *first).await?;
        }
        let titles: Vec<&str> = items.iter().map(|a| a.title.as_str()).collect();
        audit::record(
            &mut tx,
            actor,
            "agenda_item.create_many",
            "meeting",
            Some(meeting.0),
            json!({"items": {"to": ids}, "titles": {"to": titles}}),
        )
        .await?;
        crate::search::refresh_meeting(&mut tx, meeting).await?;
        tx.commit().await?;
        Ok(ids)
    }

    /// Puts the agenda in `order` (item ids). Items of the meeting missing from `order` (added
    /// meanwhile) keep their relative order after the others; ids not of the meeting are
    /// ignored. Doing it again changes nothing.
    pub async fn reorder_agenda(&self, meeting: MeetingId, order: &[i64], actor: &Actor) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        agenda_editable(m.status)?;
        let before: Vec<i64> = self.agenda(meeting).await?.iter().map(|a| a.id).collect();
        let mut after: Vec<i64> = Vec::new();
        for id in order.iter().chain(&before) {
            if before.contains(id) && !after.contains(id) {
                after.push(*id);
            }
        }
        if after == before {
            return Ok(());
        }
        let mut tx = self.begin().await?;
        let stamp = tx.now;
        for (pos, id) in after.iter().enumerate() {
            on_tx!(&mut tx, |c| sqlx::query(
                "UPDATE agenda_items SET position = $1, updated_at = $2 WHERE id = $3 AND meeting_id = $4"
            )
            .bind(pos as i64 + 1)
            .bind(stamp)
            .bind(*id)
            .bind(meeting.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        }
        touch_meeting(&mut tx, meeting).await?;
        audit::record(
            &mut tx,
            actor,
            "agenda.reorder",
            "meeting",
            Some(meeting.0),
            json!({"order": {"from": before, "to": after}}),
        )
        .await?;
        crate::search::refresh_meeting(&mut tx, meeting).await?;
        tx.commit().await
    }
}
