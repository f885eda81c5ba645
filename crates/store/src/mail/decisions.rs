//! Decisions sent to their recipients (ADR 24): a protocol's announcement enqueues the job
//! (`protocol.decisions`) that sends each paragraph's certified extract to the lines of its
//! "Beslutet skickas till" that name a person or an organisation of the register with an
//! address. The lines that name none are recorded in the audit log with the messages, so an
//! administrator sees what was not sent.

use serde_json::json;

use super::{NewMessage, queue_message};
use crate::{Actor, Result, Store, audit, on_pool, on_tx};

/// The job kind: `{"meeting", "announcement"}`.
pub const DECISIONS_JOB: &str = "protocol.decisions";

/// The audit action that records what the job sent and skipped.
const ACTION: &str = "protocol.decisions_mail";

/// A "Beslutet skickas till" line that names someone with an address.
#[derive(Clone, Debug)]
pub struct ResolvedRecipient {
    pub name: String,
    pub email: String,
    /// The person, when the line names one (their language applies).
    pub person: Option<i64>,
}

impl Store {
    /// The person, else the organisation, whose name is `line` (case and white space aside)
    /// and who has an e-mail address.
    pub async fn resolve_recipient(&self, line: &str) -> Result<Option<ResolvedRecipient>> {
        let key = domain::text::search_key(line);
        let person: Option<(i64, String, String)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT id, name, email FROM people WHERE name_key = $1 AND email IS NOT NULL AND email <> '' \
             ORDER BY id LIMIT 1"
        )
        .bind(&key)
        .fetch_optional(p)
        .await)?;
        if let Some((id, name, email)) = person {
            return Ok(Some(ResolvedRecipient { name, email, person: Some(id) }));
        }
        let org: Option<(String, String)> = on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT name, email FROM organisations WHERE name_key = $1 AND email IS NOT NULL AND email <> '' \
             ORDER BY id LIMIT 1"
        )
        .bind(&key)
        .fetch_optional(p)
        .await)?;
        Ok(org.map(|(name, email)| ResolvedRecipient { name, email, person: None }))
    }

    /// Writes the decisions' messages and, once per meeting, an audit event listing who was
    /// sent what and which lines had no address — in one transaction.
    pub async fn queue_decisions(&self, meeting: i64, messages: &[NewMessage], skipped: &[String]) -> Result<usize> {
        let mut tx = self.begin().await?;
        let mut written = 0;
        for m in messages {
            written += usize::from(queue_message(&mut tx, m).await?.is_some());
        }
        let seen: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_events WHERE action = $1 AND entity_type = 'meeting' AND entity_id = $2"
        )
        .bind(ACTION)
        .bind(meeting.to_string())
        .fetch_one(c)
        .await)?;
        if seen == 0 {
            let sent: Vec<&str> = messages.iter().map(|m| m.recipient.as_str()).collect();
            audit::record_unseen(
                &mut tx,
                &Actor::system("jobs"),
                ACTION,
                "meeting",
                Some(meeting),
                json!({"sent_to": {"to": sent}, "skipped": {"to": skipped}}),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(written)
    }
}
