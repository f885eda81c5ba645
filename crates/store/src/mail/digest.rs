//! Per-person mail settings and the daily digest (ADR 24): for each kind of message (the
//! notice, adjustment and its reminders, decisions) a person chooses to get it at once, in the
//! morning's digest, or not at all (the notice of a meeting they are called to: at once or in
//! the digest only). A held message stays in the outbox as `held` until the morning's run
//! writes the person's digest with it and marks it `digested`, in one transaction.

use serde_json::json;

use super::{NewAttachment, NewMessage, queue_message};
use crate::{Actor, Result, Store, audit, on_pool, on_tx};

/// The kinds of message a person chooses for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailKind {
    Notice,
    Adjustment,
    Decisions,
    /// An answer through a referral's open form awaits the drafter's moderation (ADR 52).
    Moderation,
}

impl MailKind {
    pub const ALL: [MailKind; 4] = [MailKind::Notice, MailKind::Adjustment, MailKind::Decisions, MailKind::Moderation];

    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::Notice => "notice",
            MailKind::Adjustment => "adjustment",
            MailKind::Decisions => "decisions",
            MailKind::Moderation => "moderation",
        }
    }
}

/// How a kind of message reaches the person.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Delivery {
    #[default]
    Immediately,
    Digest,
    Never,
}

impl Delivery {
    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Immediately => "immediately",
            Delivery::Digest => "digest",
            Delivery::Never => "never",
        }
    }

    /// A value of the settings form; the notice cannot be turned off.
    pub fn parse(kind: MailKind, s: &str) -> Option<Delivery> {
        match s.trim() {
            "" | "immediately" => Some(Delivery::Immediately),
            "digest" => Some(Delivery::Digest),
            "never" if kind != MailKind::Notice => Some(Delivery::Never),
            _ => None,
        }
    }
}

/// A message held for a person's digest.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct HeldMessage {
    pub id: i64,
    pub person_id: i64,
    pub recipient: String,
    pub subject: String,
    pub meeting_id: Option<i64>,
}

impl Store {
    /// How `kind` reaches `person` (at once unless they chose otherwise).
    pub async fn delivery(&self, person: i64, kind: MailKind) -> Result<Delivery> {
        let mode: Option<String> = on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT mode FROM mail_settings WHERE person_id = $1 AND kind = $2"
        )
        .bind(person)
        .bind(kind.as_str())
        .fetch_optional(p)
        .await)?;
        Ok(mode.and_then(|m| Delivery::parse(kind, &m)).unwrap_or_default())
    }

    /// Every kind with how it reaches `person`.
    pub async fn mail_settings(&self, person: i64) -> Result<Vec<(MailKind, Delivery)>> {
        let mut out = Vec::new();
        for k in MailKind::ALL {
            out.push((k, self.delivery(person, k).await?));
        }
        Ok(out)
    }

    pub async fn set_mail_settings(&self, person: i64, settings: &[(MailKind, Delivery)], actor: &Actor) -> Result<()> {
        let before = self.mail_settings(person).await?;
        let mut tx = self.begin().await?;
        let mut changes = serde_json::Map::new();
        for (kind, to) in settings {
            let from = before.iter().find(|(k, _)| k == kind).map_or(Delivery::Immediately, |(_, d)| *d);
            if from == *to {
                continue;
            }
            on_tx!(&mut tx, |c| sqlx::query("DELETE FROM mail_settings WHERE person_id = $1 AND kind = $2")
                .bind(person)
                .bind(kind.as_str())
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
            on_tx!(&mut tx, |c| sqlx::query("INSERT INTO mail_settings (person_id, kind, mode) VALUES ($1, $2, $3)")
                .bind(person)
                .bind(kind.as_str())
                .bind(to.as_str())
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
            changes.insert(kind.as_str().into(), json!({"from": from.as_str(), "to": to.as_str()}));
        }
        if !changes.is_empty() {
            audit::record(&mut tx, actor, "person.mail_settings", "person", Some(person), changes.into()).await?;
        }
        tx.commit().await
    }

    /// Every message held for a digest, by person.
    pub async fn held_messages(&self) -> Result<Vec<HeldMessage>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT id, person_id, recipient, subject, meeting_id FROM outbox \
             WHERE status = 'held' AND person_id IS NOT NULL ORDER BY person_id, id"
        )
        .fetch_all(p)
        .await)?)
    }

    /// Writes a person's digest with the files of the messages it gathers, and marks those
    /// `digested` — in one transaction, so a retried morning run writes it once.
    pub async fn queue_digest(&self, digest: &NewMessage, held: &[i64]) -> Result<()> {
        let mut files: Vec<NewAttachment> = digest.attachments.clone();
        for id in held {
            for f in self.message_attachments(*id).await? {
                files.push(NewAttachment { filename: f.filename, content_type: f.content_type, bytes: f.bytes });
            }
        }
        let digest = NewMessage { attachments: files, ..digest.clone() };
        let mut tx = self.begin().await?;
        queue_message(&mut tx, &digest).await?;
        for id in held {
            on_tx!(&mut tx, |c| sqlx::query(
                "UPDATE outbox SET status = 'digested' WHERE id = $1 AND status = 'held'"
            )
            .bind(id)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        }
        tx.commit().await
    }
}
