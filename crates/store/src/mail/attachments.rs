//! The files of an outbox message: filename, content type and bytes, written with the message
//! and sent by its delivery job as MIME parts.

use serde::Serialize;

use crate::{Result, Store, Tx, on_pool, on_tx};

/// A file to send with a message.
#[derive(Clone, Debug)]
pub struct NewAttachment {
    pub filename: String,
    /// The full MIME type with its parameters, e.g. `text/calendar; charset=utf-8; method=REQUEST`.
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// A file of a message as kept.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct MessageAttachment {
    pub message_id: i64,
    pub position: i64,
    pub filename: String,
    pub content_type: String,
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

impl MessageAttachment {
    pub fn size(&self) -> usize {
        self.bytes.len()
    }
}

pub(super) async fn insert(tx: &mut Tx, message: i64, files: &[NewAttachment]) -> Result<()> {
    for (i, f) in files.iter().enumerate() {
        on_tx!(tx, |c| sqlx::query(
            "INSERT INTO outbox_attachments (message_id, position, filename, content_type, bytes) \
             VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(message)
        .bind(i as i64 + 1)
        .bind(&f.filename)
        .bind(&f.content_type)
        .bind(&f.bytes)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

impl Store {
    /// The files of outbox message `id`, in order, with their bytes.
    pub async fn message_attachments(&self, id: i64) -> Result<Vec<MessageAttachment>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT message_id, position, filename, content_type, bytes FROM outbox_attachments \
             WHERE message_id = $1 ORDER BY position"
        )
        .bind(id)
        .fetch_all(p)
        .await)?)
    }
}
