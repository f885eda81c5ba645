//! Joint matters (issue 11, rule 9): a consultation group's recommendation sent to each member
//! organisation for its own board's decision, with the matrix of where each decision stands.
//!
//! - `matter`: creating a matter (its organisations' rows in the same transaction), loading it
//!   with its matrix and follow-up items, listing matters, sending and status changes.
//! - `decision`: recording an organisation's decision, with its extract as a file.
//! - `follow_ups`: the duty to report back as items with due dates.
//! - `officers`: who is an officer of an organisation (ADR 39), the start page's lists and the
//!   reminders' recipients.

mod decision;
mod follow_ups;
mod index;
pub(crate) use index::refresh_matter;
mod matter;
mod officers;

pub use decision::NewExtract;
pub use domain::joint::{DecisionInput, FollowUpInput, JointMatterInput, Outcome, PartyStatus};
pub use officers::{FromParagraph, Officer, ToDecide, Waiting};

use domain::ids::{CaseId, OrganisationId};
use serde::Serialize;
use time::Date;

/// The protocol paragraph a matter came from.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct ParagraphRef {
    pub id: i64,
    pub meeting_id: i64,
    pub number: i64,
    pub title: String,
    pub body: String,
    #[serde(with = "domain::dates::ymd")]
    pub date: Date,
}

/// One organisation's row of the matrix.
#[derive(Clone, Debug, Serialize)]
pub struct Party {
    pub organisation_id: OrganisationId,
    pub organisation: String,
    pub status: PartyStatus,
    #[serde(with = "domain::dates::ymd::option")]
    pub sent_on: Option<Date>,
    #[serde(with = "domain::dates::ymd::option")]
    pub decided_on: Option<Date>,
    pub body: Option<String>,
    pub paragraph: Option<String>,
    pub text: Option<String>,
    pub outcome: Option<Outcome>,
    /// Who recorded the decision (the account's e-mail or the system's name).
    #[serde(skip)]
    pub recorded_by: Option<String>,
    /// Set when the region's officer recorded the decision on the organisation's behalf.
    pub on_behalf_note: Option<String>,
    pub extract_name: Option<String>,
    #[serde(skip)]
    pub extract_sha256: Option<String>,
}

/// A follow-up item (the duty to report back).
#[derive(Clone, Debug, Serialize)]
pub struct FollowUp {
    pub id: i64,
    pub organisation_id: Option<OrganisationId>,
    pub organisation: Option<String>,
    pub text: String,
    #[serde(with = "domain::dates::ymd")]
    pub due_on: Date,
    #[serde(with = "domain::dates::ymd::option")]
    pub done_on: Option<Date>,
    pub overdue: bool,
}

/// A joint matter with its matrix.
#[derive(Clone, Debug, Serialize)]
pub struct JointMatter {
    pub id: i64,
    pub case_id: CaseId,
    pub case_number: String,
    pub owner_id: OrganisationId,
    pub owner: String,
    pub paragraph: Option<ParagraphRef>,
    pub title: String,
    pub points: Vec<String>,
    #[serde(with = "domain::dates::ymd")]
    pub due_on: Date,
    pub parties: Vec<Party>,
    pub follow_ups: Vec<FollowUp>,
}

impl JointMatter {
    pub fn party(&self, org: OrganisationId) -> Option<&Party> {
        self.parties.iter().find(|p| p.organisation_id == org)
    }

    /// How many organisations have decided, whichever way.
    pub fn decided(&self) -> usize {
        self.parties.iter().filter(|p| p.status.is_final()).count()
    }
}

/// A matter in a list: its counts, not its matrix.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct MatterSummary {
    pub id: i64,
    pub title: String,
    pub case_id: i64,
    pub owner: String,
    #[serde(with = "domain::dates::ymd")]
    pub due_on: Date,
    pub parties: i64,
    pub decided: i64,
}
