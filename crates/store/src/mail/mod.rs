//! The outbox: every e-mail the product writes, with its delivery status (ADR 19). A message is
//! queued together with the job that delivers it, in the transaction of the write that caused
//! it; its dedupe key (event and recipient) makes writing it twice write it once. Files that go
//! with a message (an invitation, an extract) are kept with it (`attachments`, ADR 24).

mod attachments;
mod decisions;
mod digest;
mod prefs;

pub use attachments::{MessageAttachment, NewAttachment};
pub use decisions::{DECISIONS_JOB, ResolvedRecipient};
pub use digest::{Delivery, HeldMessage, MailKind};

use serde::Serialize;
use serde_json::json;
use time::OffsetDateTime;

use crate::jobs::{NewJob, enqueue};
use crate::query::mapped;
use crate::{Result, Store, Tx, on_pool, on_tx};

/// The job kind that delivers one outbox message (`{"id": …}`).
pub const SEND_JOB: &str = "mail.send";

/// A message to write.
#[derive(Clone, Debug)]
pub struct NewMessage {
    /// Unique per event and recipient, e.g. `protocol.submitted:12:v1:7`.
    pub dedupe_key: String,
    /// What it is about, e.g. `protocol.submitted`.
    pub kind: String,
    pub recipient: String,
    pub lang: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub meeting_id: Option<i64>,
    /// Sent as MIME parts after the text and HTML, in this order.
    pub attachments: Vec<NewAttachment>,
    /// The person it goes to, when it goes to one of the register.
    pub person_id: Option<i64>,
    /// Kept for the person's daily digest instead of sent (their setting).
    pub held: bool,
}

/// A message as kept: queued, sent, failed (with the server's answer) or outbox (no SMTP
/// server configured; kept for administrators to read).
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct OutboxMessage {
    pub id: i64,
    pub dedupe_key: String,
    pub kind: String,
    pub recipient: String,
    pub lang: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub meeting_id: Option<i64>,
    pub status: String,
    pub server_answer: Option<String>,
    pub attempts: i64,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub sent_at: Option<OffsetDateTime>,
}

const COLUMNS: &str = "id, dedupe_key, kind, recipient, lang, subject, text_body, html_body, meeting_id, status, \
                       server_answer, attempts, created_at, sent_at";

/// Writes `m` to the outbox with the job that delivers it, in the open transaction. Returns the
/// message's id, or `None` when a message with its dedupe key was written before.
pub async fn queue_message(tx: &mut Tx, m: &NewMessage) -> Result<Option<i64>> {
    let id: Option<i64> = on_tx!(tx, |c| sqlx::query_scalar(
        "INSERT INTO outbox (dedupe_key, kind, recipient, lang, subject, text_body, html_body, meeting_id, status, \
                             server_answer, attempts, created_at, sent_at, person_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $10, NULL, 0, $9, NULL, $11) \
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING id"
    )
    .bind(&m.dedupe_key)
    .bind(&m.kind)
    .bind(&m.recipient)
    .bind(&m.lang)
    .bind(&m.subject)
    .bind(&m.text_body)
    .bind(&m.html_body)
    .bind(m.meeting_id)
    .bind(tx.now)
    .bind(if m.held { "held" } else { "queued" })
    .bind(m.person_id)
    .fetch_optional(c)
    .await)?;
    if let Some(id) = id {
        attachments::insert(tx, id, &m.attachments).await?;
    }
    if let Some(id) = id.filter(|_| !m.held) {
        enqueue(tx, &NewJob::now(SEND_JOB, json!({"id": id})).once(format!("{SEND_JOB}:{id}"))).await?;
    }
    Ok(id)
}

impl Store {
    /// Writes messages on their own transaction (a job's handler); see [`queue_message`].
    pub async fn queue_messages(&self, messages: &[NewMessage]) -> Result<usize> {
        let mut tx = self.begin().await?;
        let mut written = 0;
        for m in messages {
            written += usize::from(queue_message(&mut tx, m).await?.is_some());
        }
        tx.commit().await?;
        Ok(written)
    }

    /// The newest `limit` messages, newest first.
    pub async fn outbox(&self, limit: i64) -> Result<Vec<OutboxMessage>> {
        let sql = format!("SELECT {COLUMNS} FROM outbox ORDER BY id DESC LIMIT $1");
        let rows: Vec<OutboxMessage> =
            on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).bind(limit).fetch_all(p).await)?;
        Ok(mapped(rows))
    }

    pub async fn outbox_message(&self, id: i64) -> Result<Option<OutboxMessage>> {
        let sql = format!("SELECT {COLUMNS} FROM outbox WHERE id = $1");
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .fetch_optional(p)
            .await)?)
    }

    /// Records a delivery attempt: `status` is sent, failed or outbox; `answer` the server's.
    pub async fn mark_message(&self, id: i64, status: &str, answer: Option<&str>) -> Result<()> {
        let mut tx = self.begin().await?;
        let now = tx.now;
        let sent_at = (status == "sent").then_some(now);
        let answer: Option<String> = answer.map(|a| a.chars().take(2000).collect());
        on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE outbox SET status = $1, server_answer = $2, sent_at = $3, attempts = attempts + 1 WHERE id = $4"
        )
        .bind(status)
        .bind(&answer)
        .bind(sent_at)
        .bind(id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        tx.commit().await?;
        Ok(())
    }
}
