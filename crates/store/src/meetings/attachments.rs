//! Attachments: the files of a meeting, numbered "Bilaga 2" on (Bilaga 1 is the protocol's
//! attendance list), optionally on an agenda item.

use domain::ids::MeetingId;
use domain::meetings::MeetingError;
use domain::meetings::editing::meeting_editable;
use serde::Serialize;
use serde_json::json;
use time::OffsetDateTime;

use super::meeting::touch_meeting;
use crate::files::FileStore;
use crate::{Actor, Result, Store, StoreError, audit, on_pool, on_tx};

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Attachment {
    pub id: i64,
    pub meeting_id: i64,
    pub agenda_item_id: Option<i64>,
    /// "Bilaga N" of the meeting, from 2 (Bilaga 1 is the protocol's attendance list).
    pub number: i64,
    pub title: String,
    pub file_name: String,
    pub sha256: String,
    pub size: i64,
    pub mime: String,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// Whether an item ($1) is on a meeting's ($2) agenda: a count of 0 or 1.
const ITEM_ON_AGENDA: &str = "SELECT COUNT(*) FROM agenda_items WHERE id = $1 AND meeting_id = $2";

const ATTACHMENT_SELECT: &str = "SELECT a.id, a.meeting_id, a.agenda_item_id, a.number, a.title, a.file_name, \
    a.sha256, f.size, f.mime, a.updated_at FROM attachments a JOIN files f ON f.sha256 = a.sha256";

impl Store {
    pub async fn attachments(&self, meeting: MeetingId) -> Result<Vec<Attachment>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, Attachment>(sqlx::AssertSqlSafe(format!(
            "{ATTACHMENT_SELECT} WHERE a.meeting_id = $1 ORDER BY a.number"
        )))
        .bind(meeting.0)
        .fetch_all(p)
        .await)?)
    }

    pub async fn attachment(&self, id: i64) -> Result<Option<Attachment>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, Attachment>(sqlx::AssertSqlSafe(format!(
            "{ATTACHMENT_SELECT} WHERE a.id = $1"
        )))
        .bind(id)
        .fetch_optional(p)
        .await)?)
    }

    /// Whether a file may be attached to the meeting (on `agenda_item`), asked before its bytes
    /// are stored: the meeting exists and is not locked, and the item is on its agenda.
    /// `add_attachment` asks again when it records the file.
    pub async fn check_attachment(&self, meeting: MeetingId, agenda_item: Option<i64>) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        meeting_editable(m.status)?;
        if let Some(item) = agenda_item {
            let n: i64 = on_pool!(&self.pool, |p| sqlx::query_scalar(ITEM_ON_AGENDA)
                .bind(item)
                .bind(meeting.0)
                .fetch_one(p)
                .await)?;
            if n == 0 {
                return Err(MeetingError::UnknownAgendaItem.into());
            }
        }
        Ok(())
    }

    /// Removes a stored file that no attachment, no registered document and no referral (its
    /// document or an answer's attachment) uses (after a refused or failed record).
    pub async fn remove_unused_file(&self, files: &dyn FileStore, sha256: &str) -> Result<()> {
        let users: i64 = on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM attachments WHERE sha256 = $1) \
             + (SELECT COUNT(*) FROM case_document_files WHERE sha256 = $1) \
             + (SELECT COUNT(*) FROM referrals WHERE document_sha256 = $1) \
             + (SELECT COUNT(*) FROM referral_answer_files WHERE sha256 = $1)"
        )
        .bind(sha256)
        .fetch_one(p)
        .await)?;
        if users == 0 {
            files.remove(sha256).map_err(|e| StoreError::Config(format!("cannot remove file {sha256}: {e}")))?;
        }
        Ok(())
    }

    /// Records an uploaded file (already stored by its digest) as the meeting's next "Bilaga".
    /// The caller asks `check_attachment` before storing the bytes; this asks again, in its write.
    #[allow(clippy::too_many_arguments)]
    pub async fn add_attachment(
        &self,
        meeting: MeetingId,
        agenda_item: Option<i64>,
        title: &str,
        file_name: &str,
        sha256: &str,
        size: i64,
        mime: &str,
        actor: &Actor,
    ) -> Result<i64> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        meeting_editable(m.status)?;
        let mut tx = self.begin().await?;
        if let Some(item) = agenda_item {
            let n: i64 =
                on_tx!(&mut tx, |c| sqlx::query_scalar(ITEM_ON_AGENDA).bind(item).bind(meeting.0).fetch_one(c).await)?;
            if n == 0 {
                return Err(MeetingError::UnknownAgendaItem.into());
            }
        }
        let t = tx.now;
        crate::files::record(&mut tx, sha256, size, mime).await?;
        let last: Option<i64> =
            on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT MAX(number) FROM attachments WHERE meeting_id = $1")
                .bind(meeting.0)
                .fetch_one(c)
                .await)?;
        // Bilaga 1 of a protocol is its attendance list (seed 003); attachments follow from 2.
        let number = last.unwrap_or(1) + 1;
        let id: i64 = on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO attachments (meeting_id, agenda_item_id, number, title, file_name, sha256, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id"
        )
        .bind(meeting.0)
        .bind(agenda_item)
        .bind(number)
        .bind(title)
        .bind(file_name)
        .bind(sha256)
        .bind(t)
        .fetch_one(c)
        .await
        })?;
        touch_meeting(&mut tx, meeting).await?;
        audit::record(
            &mut tx,
            actor,
            "attachment.create",
            "attachment",
            Some(id),
            json!({"meeting": {"to": meeting}, "number": {"to": number}, "title": {"to": title},
                   "file_name": {"to": file_name}, "sha256": {"to": sha256}, "size": {"to": size}}),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn delete_attachment(&self, meeting: MeetingId, id: i64, actor: &Actor) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        meeting_editable(m.status)?;
        let a = self.attachment(id).await?.filter(|a| a.meeting_id == meeting.0).ok_or(StoreError::NotFound)?;
        let mut tx = self.begin().await?;
        on_tx!(&mut tx, |c| sqlx::query("DELETE FROM attachments WHERE id = $1")
            .bind(id)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        touch_meeting(&mut tx, meeting).await?;
        audit::record(
            &mut tx,
            actor,
            "attachment.delete",
            "attachment",
            Some(id),
            json!({"title": {"from": a.title}, "sha256": {"from": a.sha256}}),
        )
        .await?;
        tx.commit().await
    }
}
