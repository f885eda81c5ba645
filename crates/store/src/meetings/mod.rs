//! Meetings and their protocols: the agenda, attachments, attendance, the paragraphs the
//! secretary drafts, the versions approvers adjust (with the SHA-256 digest each approval signs),
//! and the announcements of the notice board.
//!
//! The secretary edits a working copy (the `paragraphs` and `attendance` rows). Submitting it
//! for adjustment freezes it as a protocol version in canonical form; approvals sign that
//! version's digest; the last approval locks it, and a correction afterwards is a new version
//! beside it (rule 18), never a change to it.
//!
//! The rules (who approves, when a protocol is adjusted, what may change in which status, the
//! generated decisions, the refusals with their codes and messages) are the domain's
//! (`domain::meetings::{adjustment, editing, decisions, error}`): the store loads, asks the
//! domain, and writes in one transaction.
//!
//! One file per concept, each adding the `Store` methods of its concept; a file uses only those
//! listed before it (and the helpers here): `meeting` (the meeting itself), `plan` (a body's
//! meeting plan, which creates and cancels planned meetings), `attachments`, `agenda`,
//! `attendance`, `approvals` (as recorded), `paragraphs` (the working copy), `paragraph_lists`
//! (a paragraph's proposals, votes, dissents and conflicts), `draft` (the working copy saved as a
//! whole, and its paragraphs added, removed and moved), `versions` (submit, reopen, correct,
//! verify), `status` (a meeting's life by hand), `notice_board`, `adjustment` (approving),
//! `queries` (lists across meetings), `history` (meetings written in one go) and `notice_mail`
//! (the notice sent by e-mail, and its updates and cancellations). Meetings build
//! on the structure (`crate::structure`), never the other way.

mod adjustment;
mod agenda;
mod agenda_batch;
mod approvals;
mod attachments;
mod attendance;
mod draft;
mod history;
mod meeting;
mod notice_board;
mod notice_mail;
mod paragraph_lists;
mod paragraphs;
mod plan;
mod queries;
mod status;
mod versions;

pub use adjustment::ApprovalOutcome;
pub use agenda::AgendaItem;
pub use attachments::Attachment;
pub use attendance::AttendanceLine;
pub use domain::meetings::{Announcement, Approval, Meeting, ProtocolVersion};
pub use draft::DraftEdit;
pub use history::MeetingRecord;
pub use notice_mail::{NOTICE_JOB, NoticeSent, NoticeSnapshot};
pub use paragraph_lists::{ParagraphEntry, ParagraphList};
pub use paragraphs::{ParagraphRow, StoredBallot, StoredRemark, StoredVote};
pub use versions::{ApprovalCheck, CorrectionRecord, SUBMITTED_JOB, Verification, VersionCheck};

use std::collections::HashMap;

use serde::Serialize;
use time::Date;

use domain::meetings::MeetingError;

use crate::{Result, Store, StoreError, on_pool};

fn from_json<T: serde::de::DeserializeOwned + Default>(s: &str) -> T {
    serde_json::from_str(s).unwrap_or_default()
}

fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

/// The store names a meeting rule's refusal; its field, code and messages live with the rule.
impl From<MeetingError> for StoreError {
    fn from(e: MeetingError) -> Self {
        StoreError::Invalid(e.into())
    }
}

fn year_bounds(year: i32) -> (Date, Date) {
    let from = Date::from_calendar_date(year, time::Month::January, 1).unwrap_or(Date::MIN);
    let to = Date::from_calendar_date(year, time::Month::December, 31).unwrap_or(Date::MAX);
    (from, to)
}

impl Store {
    async fn people_names(&self, ids: &[i64]) -> Result<HashMap<i64, String>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        let sql = format!("SELECT id, name FROM people WHERE id IN ({list})");
        let rows: Vec<(i64, String)> =
            on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(p).await)?;
        Ok(rows.into_iter().collect())
    }
}
