//! The agenda: a meeting's items in order, with their attachments, editable until the meeting is
//! held.

use domain::ids::MeetingId;
use domain::meetings::editing::agenda_editable;
use domain::meetings::{AgendaItemInput, ItemKind, format_time};
use serde::Serialize;
use serde_json::json;
use time::OffsetDateTime;

use super::attachments::Attachment;
use super::meeting::touch_meeting;
use super::{from_json, to_json};
use crate::accounts::{remember, remembered};
use crate::{Actor, Result, Store, StoreError, Tx, audit, on_pool, on_tx};

#[derive(Clone, Debug, Serialize)]
pub struct AgendaItem {
    pub id: i64,
    pub meeting_id: i64,
    pub position: i64,
    pub title: String,
    pub kind: ItemKind,
    pub case_number: Option<String>,
    pub presenters: Vec<String>,
    pub description: Option<String>,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub attachments: Vec<Attachment>,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    id: i64,
    meeting_id: i64,
    position: i64,
    title: String,
    kind: String,
    case_number: Option<String>,
    presenters: String,
    description: Option<String>,
    starts_at: Option<String>,
    ends_at: Option<String>,
    updated_at: OffsetDateTime,
}

impl Store {
    pub async fn agenda(&self, meeting: MeetingId) -> Result<Vec<AgendaItem>> {
        let rows: Vec<ItemRow> = on_pool!(&self.pool, |p| {
            sqlx::query_as::<_, ItemRow>(
            "SELECT id, meeting_id, position, title, kind, case_number, presenters, description, starts_at, ends_at, \
             updated_at FROM agenda_items WHERE meeting_id = $1 ORDER BY position, id"
        )
        .bind(meeting.0)
        .fetch_all(p)
        .await
        })?;
        let attachments = self.attachments(meeting).await?;
        Ok(rows
            .into_iter()
            .map(|r| AgendaItem {
                attachments: attachments.iter().filter(|a| a.agenda_item_id == Some(r.id)).cloned().collect(),
                id: r.id,
                meeting_id: r.meeting_id,
                position: r.position,
                title: r.title,
                kind: ItemKind::parse(&r.kind).unwrap_or(ItemKind::Information),
                case_number: r.case_number,
                presenters: from_json(&r.presenters),
                description: r.description,
                starts_at: r.starts_at,
                ends_at: r.ends_at,
                updated_at: r.updated_at,
            })
            .collect())
    }

    /// Adds an item last on the agenda; a retry with the same idempotency key returns the first.
    pub async fn add_agenda_item(
        &self,
        meeting: MeetingId,
        a: &AgendaItemInput,
        actor: &Actor,
        idempotency_key: Option<&str>,
    ) -> Result<i64> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        agenda_editable(m.status)?;
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, idempotency_key, "agenda_item").await? {
            return Ok(id);
        }
        let id = append_items(&mut tx, meeting, std::slice::from_ref(a)).await?[0];
        touch_meeting(&mut tx, meeting).await?;
        remember(&mut tx, actor.user_id, idempotency_key, "agenda_item", id).await?;
        audit::record(
            &mut tx,
            actor,
            "agenda_item.create",
            "agenda_item",
            Some(id),
            json!({"meeting": {"to": meeting}, "title": {"to": a.title}}),
        )
        .await?;
        crate::search::refresh_meeting(&mut tx, meeting).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn update_agenda_item(
        &self,
        meeting: MeetingId,
        item: i64,
        a: &AgendaItemInput,
        actor: &Actor,
    ) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        agenda_editable(m.status)?;
        let before = self.agenda(meeting).await?.into_iter().find(|i| i.id == item).ok_or(StoreError::NotFound)?;
        let mut tx = self.begin().await?;
        crate::cases::check_case_link(&mut tx, a.case_number.as_ref()).await?;
        let stamp = tx.now;
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE agenda_items SET title = $1, kind = $2, case_number = $3, presenters = $4, description = $5, \
             starts_at = $6, ends_at = $7, updated_at = $8 WHERE id = $9 AND meeting_id = $10"
        )
        .bind(&a.title)
        .bind(a.kind.as_str())
        .bind(a.case_number.as_ref().map(ToString::to_string))
        .bind(to_json(&a.presenters))
        .bind(&a.description)
        .bind(a.starts_at.map(format_time))
        .bind(a.ends_at.map(format_time))
        .bind(stamp)
        .bind(item)
        .bind(meeting.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        touch_meeting(&mut tx, meeting).await?;
        let snap = |title: &str, kind: &str, case: Option<String>, presenters: &[String]| json!({"title": title, "kind": kind, "case_number": case, "presenters": presenters});
        audit::record(
            &mut tx,
            actor,
            "agenda_item.update",
            "agenda_item",
            Some(item),
            audit::diff(
                Some(&snap(&before.title, before.kind.as_str(), before.case_number.clone(), &before.presenters)),
                Some(&snap(&a.title, a.kind.as_str(), a.case_number.as_ref().map(ToString::to_string), &a.presenters)),
            ),
        )
        .await?;
        crate::search::refresh_meeting(&mut tx, meeting).await?;
        tx.commit().await
    }

    pub async fn delete_agenda_item(&self, meeting: MeetingId, item: i64, actor: &Actor) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        agenda_editable(m.status)?;
        let mut tx = self.begin().await?;
        let n = on_tx!(&mut tx, |c| sqlx::query("DELETE FROM agenda_items WHERE id = $1 AND meeting_id = $2")
            .bind(item)
            .bind(meeting.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        touch_meeting(&mut tx, meeting).await?;
        audit::record(
            &mut tx,
            actor,
            "agenda_item.delete",
            "agenda_item",
            Some(item),
            json!({"meeting": {"from": meeting}}),
        )
        .await?;
        crate::search::refresh_meeting(&mut tx, meeting).await?;
        tx.commit().await
    }

    /// Moves an item one place up (`-1`) or down (`1`) in the agenda.
    pub async fn move_agenda_item(&self, meeting: MeetingId, item: i64, step: i64, actor: &Actor) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        agenda_editable(m.status)?;
        let items = self.agenda(meeting).await?;
        let i = items.iter().position(|x| x.id == item).ok_or(StoreError::NotFound)?;
        let j = i as i64 + step.signum();
        if j < 0 || j as usize >= items.len() || step == 0 {
            return Ok(());
        }
        let mut order: Vec<i64> = items.iter().map(|x| x.id).collect();
        order.swap(i, j as usize);
        let mut tx = self.begin().await?;
        for (pos, id) in order.iter().enumerate() {
            let stamp = tx.now;
            on_tx!(&mut tx, |c| sqlx::query("UPDATE agenda_items SET position = $1, updated_at = $2 WHERE id = $3")
                .bind(pos as i64 + 1)
                .bind(stamp)
                .bind(*id)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
        }
        touch_meeting(&mut tx, meeting).await?;
        audit::record(
            &mut tx,
            actor,
            "agenda_item.move",
            "agenda_item",
            Some(item),
            json!({"position": {"from": i + 1, "to": j + 1}}),
        )
        .await?;
        crate::search::refresh_meeting(&mut tx, meeting).await?;
        tx.commit().await
    }
}

/// Appends `items` to the end of a meeting's agenda, in their order, inside `tx`; their ids.
pub(super) async fn append_items(tx: &mut Tx, meeting: MeetingId, items: &[AgendaItemInput]) -> Result<Vec<i64>> {
    let last: Option<i64> =
        on_tx!(tx, |c| sqlx::query_scalar("SELECT MAX(position) FROM agenda_items WHERE meeting_id = $1")
            .bind(meeting.0)
            .fetch_one(c)
            .await)?;
    let t = tx.now;
    let mut ids = Vec::with_capacity(items.len());
    for (i, a) in items.iter().enumerate() {
        crate::cases::check_case_link(tx, a.case_number.as_ref()).await?;
        let id: i64 = on_tx!(tx, |c| {
            sqlx::query_scalar(
                "INSERT INTO agenda_items (meeting_id, position, title, kind, case_number, presenters, description, \
                 starts_at, ends_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) \
                 RETURNING id",
            )
            .bind(meeting.0)
            .bind(last.unwrap_or(0) + 1 + i as i64)
            .bind(&a.title)
            .bind(a.kind.as_str())
            .bind(a.case_number.as_ref().map(ToString::to_string))
            .bind(to_json(&a.presenters))
            .bind(&a.description)
            .bind(a.starts_at.map(format_time))
            .bind(a.ends_at.map(format_time))
            .bind(t)
            .fetch_one(c)
            .await
        })?;
        ids.push(id);
    }
    Ok(ids)
}
