//! The working copy as a whole (issue 9): every paragraph's text saved at once from the one form
//! of the protocol editor, without overwriting what someone else saved meanwhile, and the
//! paragraphs added (a matter raised at the meeting), removed and moved, with the numbers
//! following.
//!
//! A paragraph's *stamp* is a digest of its text as the form shows it. The form carries the
//! stamp of each paragraph as loaded; a save writes only the paragraphs the user changed, and
//! refuses (nothing written) when one of them was changed by someone else since (the stored
//! stamp differs from the loaded one): a three-way check per paragraph, so two secretaries can
//! write different paragraphs of the same protocol at once. The check reads before the
//! transaction, as the other writes of the working copy do; the window between is a request's.

use domain::ids::MeetingId;
use domain::meetings::editing::{may_restructure, moved};
use domain::meetings::protocol::{self, Paragraph};
use domain::meetings::{ApprovalTarget, MeetingError, ParagraphInput};
use domain::{FieldError, Invalid};
use serde_json::json;

use super::meeting::touch_meeting;
use super::paragraphs::{ParagraphRow, insert_paragraph, write_paragraph};
use crate::accounts::{remember, remembered};
use crate::files::sha256_hex;
use crate::{Actor, Result, Store, StoreError, Tx, audit, on_tx};

/// A paragraph's text as the editor posts it, with the stamp of the text it was loaded with.
#[derive(Clone, Debug)]
pub struct DraftEdit {
    pub id: i64,
    pub stamp: String,
    pub input: ParagraphInput,
    pub attachments: Vec<i64>,
}

#[allow(clippy::too_many_arguments)]
fn stamp_of(
    title: &str,
    case_number: Option<&str>,
    decision: &str,
    summary: Option<&str>,
    basis: &[String],
    recipients: &[String],
    attachments: &[i64],
    immediate: bool,
) -> String {
    let mut a = attachments.to_vec();
    a.sort_unstable();
    a.dedup();
    let text =
        json!([title, case_number, decision, summary.filter(|s| !s.is_empty()), basis, recipients, a, immediate]);
    sha256_hex(text.to_string().as_bytes())[..24].to_string()
}

impl ParagraphRow {
    /// The digest of the paragraph's text as its form shows it.
    pub fn stamp(&self) -> String {
        stamp_of(
            &self.title,
            self.case_number.as_deref(),
            &self.decision,
            self.summary.as_deref(),
            &self.basis,
            &self.recipients,
            &self.attachments,
            self.immediate,
        )
    }
}

impl DraftEdit {
    /// The stamp of the text as posted: equal to the loaded stamp when the user changed nothing.
    pub fn posted_stamp(&self) -> String {
        let p = &self.input;
        stamp_of(
            &p.title,
            p.case_number.as_ref().map(ToString::to_string).as_deref(),
            &p.decision,
            p.summary.as_deref(),
            &p.basis,
            &p.recipients,
            &self.attachments,
            p.immediate,
        )
    }
}

/// A refusal about paragraph `id`, named after its form (`p12-draft`).
fn at(id: i64, e: MeetingError) -> FieldError {
    let mut f = e.to_field_error();
    f.field = format!("p{id}-{}", f.field);
    f
}

impl Store {
    /// Saves every paragraph the user changed, in one transaction with an audit event per
    /// paragraph. Returns the ids written. Refused as a whole, with an error per paragraph
    /// (`p{id}-draft`), when a changed paragraph was changed by someone else since it was loaded
    /// or is gone.
    pub async fn save_draft(&self, meeting: MeetingId, edits: &[DraftEdit], actor: &Actor) -> Result<Vec<i64>> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        let rows = self.paragraphs(meeting).await?;
        let known: Vec<i64> = self.attachments(meeting).await?.iter().map(|a| a.id).collect();
        let mut conflicts = Vec::new();
        let mut writes: Vec<(&ParagraphRow, &DraftEdit)> = Vec::new();
        for e in edits {
            let posted = e.posted_stamp();
            if posted == e.stamp {
                continue;
            }
            let Some(row) = rows.iter().find(|r| r.id == e.id) else {
                conflicts.push(at(e.id, MeetingError::ParagraphGone));
                continue;
            };
            let stored = row.stamp();
            if stored == posted {
                continue;
            }
            if stored != e.stamp {
                conflicts.push(at(e.id, MeetingError::DraftChanged { number: row.number as u32 }));
                continue;
            }
            if e.attachments.iter().any(|a| !known.contains(a)) {
                conflicts.push(at(e.id, MeetingError::UnknownAttachment));
                continue;
            }
            // Adjusted at once (OJ) or out for adjustment meanwhile: said at the paragraph.
            match self.paragraph_editable(&m, row).await {
                Ok(()) => writes.push((row, e)),
                Err(StoreError::Invalid(i)) => conflicts.extend(i.0.into_iter().map(|mut f| {
                    f.field = format!("p{}-draft", e.id);
                    f
                })),
                Err(other) => return Err(other),
            }
        }
        if !conflicts.is_empty() {
            return Err(StoreError::Invalid(Invalid(conflicts)));
        }
        if writes.is_empty() {
            return Ok(vec![]);
        }
        let mut tx = self.begin().await?;
        for (row, e) in &writes {
            write_paragraph(&mut tx, meeting, row, &e.input, &e.attachments, actor).await?;
        }
        crate::search::refresh_meeting(&mut tx, meeting).await?;
        tx.commit().await?;
        Ok(writes.iter().map(|(r, _)| r.id).collect())
    }

    /// Adds a paragraph titled `title` after paragraph `after` (last when `None`): a matter
    /// raised at the meeting. The paragraphs after it are numbered on. A retry with the same
    /// idempotency key returns the first paragraph.
    pub async fn add_paragraph(
        &self,
        meeting: MeetingId,
        title: &str,
        after: Option<i64>,
        actor: &Actor,
        idempotency_key: Option<&str>,
    ) -> Result<i64> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        let rows = self.paragraphs(meeting).await?;
        let mut order: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let at = match after {
            Some(a) => order.iter().position(|x| *x == a).map(|i| i + 1).ok_or(MeetingError::ParagraphGone)?,
            None => order.len(),
        };
        // The new paragraph's place, marked 0 until it has an id.
        order.insert(at, 0);
        self.restructurable(&m, &rows, &order).await?;
        let mut tx = self.begin().await?;
        if let Some(id) = remembered(&mut tx, actor.user_id, idempotency_key, "paragraph").await? {
            return Ok(id);
        }
        let first = match rows.first() {
            Some(r) => r.number as u32,
            None => next_number(&mut tx, &m).await?,
        };
        let t = tx.now;
        let p = Paragraph::new(0, title, None, "");
        insert_paragraph(&mut tx, meeting, m.body_id, m.date.year(), None, &p, &[], t).await?;
        let id: i64 =
            on_tx!(&mut tx, |c| sqlx::query_scalar("SELECT id FROM paragraphs WHERE meeting_id = $1 AND number = 0")
                .bind(meeting.0)
                .fetch_one(c)
                .await)?;
        for x in order.iter_mut().filter(|x| **x == 0) {
            *x = id;
        }
        renumber(&mut tx, meeting, &order, first).await?;
        remember(&mut tx, actor.user_id, idempotency_key, "paragraph", id).await?;
        let number = first + at as u32;
        audit::record(
            &mut tx,
            actor,
            "paragraph.create",
            "paragraph",
            Some(id),
            json!({"meeting": {"to": meeting}, "title": {"to": title}, "number": {"to": number}}),
        )
        .await?;
        touch_meeting(&mut tx, meeting).await?;
        crate::search::refresh_meeting(&mut tx, meeting).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Removes paragraph `id` from the working copy; those after it move up a number. Removing
    /// one already gone does nothing (a retried request).
    pub async fn remove_paragraph(&self, meeting: MeetingId, id: i64, actor: &Actor) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        let rows = self.paragraphs(meeting).await?;
        let Some(gone) = rows.iter().find(|r| r.id == id) else {
            may_restructure(m.status, false)?;
            return Ok(());
        };
        let order: Vec<i64> = rows.iter().map(|r| r.id).filter(|x| *x != id).collect();
        self.restructurable(&m, &rows, &order).await?;
        let mut tx = self.begin().await?;
        on_tx!(&mut tx, |c| sqlx::query("DELETE FROM paragraphs WHERE id = $1 AND meeting_id = $2")
            .bind(id)
            .bind(meeting.0)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        renumber(&mut tx, meeting, &order, rows[0].number as u32).await?;
        audit::record(
            &mut tx,
            actor,
            "paragraph.delete",
            "paragraph",
            Some(id),
            json!({"title": {"from": gone.title}, "number": {"from": gone.number}, "decision": {"from": gone.decision}}),
        )
        .await?;
        touch_meeting(&mut tx, meeting).await?;
        crate::search::refresh_meeting(&mut tx, meeting).await?;
        tx.commit().await
    }

    /// Moves paragraph `id` to place `to` (from 0) of the working copy, renumbering. Idempotent:
    /// a retry finds it there already.
    pub async fn move_paragraph(&self, meeting: MeetingId, id: i64, to: usize, actor: &Actor) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        let rows = self.paragraphs(meeting).await?;
        let before: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let order = moved(&before, id, to).ok_or(MeetingError::ParagraphGone)?;
        self.restructurable(&m, &rows, &order).await?;
        if order == before {
            return Ok(());
        }
        let from = rows.iter().find(|r| r.id == id).map_or(0, |r| r.number);
        let first = rows[0].number as u32;
        let mut tx = self.begin().await?;
        renumber(&mut tx, meeting, &order, first).await?;
        let to_number = first as usize + order.iter().position(|x| *x == id).unwrap_or(0);
        audit::record(
            &mut tx,
            actor,
            "paragraph.move",
            "paragraph",
            Some(id),
            json!({"number": {"from": from, "to": to_number}}),
        )
        .await?;
        touch_meeting(&mut tx, meeting).await?;
        crate::search::refresh_meeting(&mut tx, meeting).await?;
        tx.commit().await
    }

    /// Whether the working copy may take the order `order` (ids; 0 for a new paragraph): while
    /// the protocol is written, with every paragraph adjusted at once (OJ) keeping its number.
    async fn restructurable(&self, m: &domain::meetings::Meeting, rows: &[ParagraphRow], order: &[i64]) -> Result<()> {
        let adjusted: Vec<i64> = self
            .approvals(m.id)
            .await?
            .iter()
            .filter_map(|a| match a.target {
                ApprovalTarget::Paragraph { number } => Some(number),
                _ => None,
            })
            .collect();
        let first = rows.first().map_or(0, |r| r.number);
        let renumbered = rows
            .iter()
            .filter(|r| adjusted.contains(&r.number))
            .any(|r| order.iter().position(|x| *x == r.id).is_none_or(|i| first + i as i64 != r.number));
        Ok(may_restructure(m.status, renumbered)?)
    }
}

/// The next number in the body's series for the meeting's year.
async fn next_number(tx: &mut Tx, m: &domain::meetings::Meeting) -> Result<u32> {
    let last: Option<i64> =
        on_tx!(tx, |c| sqlx::query_scalar("SELECT MAX(number) FROM paragraphs WHERE body_id = $1 AND year = $2")
            .bind(m.body_id.0)
            .bind(m.date.year())
            .fetch_one(c)
            .await)?;
    Ok(protocol::next_paragraph_number(last.filter(|n| *n > 0).map(|n| n as u32)))
}

/// Numbers the meeting's paragraphs `first`, `first + 1` … in `order`; a number a later meeting
/// of the body already uses that year is refused.
async fn renumber(tx: &mut Tx, meeting: MeetingId, order: &[i64], first: u32) -> Result<()> {
    // Out of the way first, so no two rows of the meeting share a number on the way.
    on_tx!(tx, |c| sqlx::query("UPDATE paragraphs SET number = -id WHERE meeting_id = $1")
        .bind(meeting.0)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    let t = tx.now;
    for (i, id) in order.iter().enumerate() {
        let number = first + i as u32;
        on_tx!(tx, |c| sqlx::query("UPDATE paragraphs SET number = $1, updated_at = $2 WHERE id = $3")
            .bind(i64::from(number))
            .bind(t)
            .bind(*id)
            .execute(c)
            .await
            .map_err(|e| match StoreError::unique("number")(e) {
                StoreError::Conflict(_) => StoreError::from(MeetingError::NumberTaken { number }),
                e => e,
            })
            .map(|r| r.rows_affected()))?;
    }
    Ok(())
}
