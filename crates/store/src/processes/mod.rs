//! Processes (issue 14, first part): the process with its plan (`processes`, `plan`), its
//! stakeholder analysis (`stakeholders`), dialogue meetings (`dialogues`) and inputs with their
//! moderation (`inputs`). Every write is one transaction with its audit event; creates take an
//! idempotency key.

mod dialogues;
mod edits;
mod index;
mod inputs;
mod plan;
#[allow(clippy::module_inception)]
mod processes;
mod stakeholders;

pub use domain::processes::milestone::ForumInput;
pub use domain::processes::process::RoleInput;
pub use domain::processes::{
    DialogueInput, ForumRole, InputInput, Level, MilestoneInput, MilestoneStatus, Moderation, ParticipantKind,
    PhaseInput, ProcessInput, Progress, RoleKind, StakeholderInput, StakeholderStrategy, Template,
};
pub use edits::Removal;
pub(crate) use index::{all_processes, refresh_process};
pub use plan::{AgendaCandidate, LinkKind};
pub use processes::FromTemplate;

use domain::named::Named;
use domain::strategy::SdgRef;
use serde::Serialize;
use time::{Date, OffsetDateTime};

#[derive(Clone, Debug, Serialize)]
pub struct Phase {
    pub id: i64,
    pub title: String,
    #[serde(with = "domain::dates::ymd")]
    pub starts_on: Date,
    #[serde(with = "domain::dates::ymd")]
    pub ends_on: Date,
    /// Its place in the plan, 1 first.
    pub order: i64,
}

/// A forum at a milestone: a body of the structure, or a forum by name.
#[derive(Clone, Debug, Serialize)]
pub struct Forum {
    pub id: i64,
    pub body: Option<Named>,
    pub name: String,
    pub role: ForumRole,
}

/// What happened at a milestone: an agenda item of a meeting, or a referral.
#[derive(Clone, Debug, Serialize)]
pub struct Link {
    pub kind: LinkKind,
    pub id: i64,
    pub title: String,
    #[serde(with = "domain::dates::ymd::option")]
    pub date: Option<Date>,
    /// The page it leads to.
    pub href: String,
    /// Whether everyone may see it (a referral still drafted is its drafters' alone).
    pub public: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Milestone {
    pub id: i64,
    pub phase_id: Option<i64>,
    pub title: String,
    #[serde(with = "domain::dates::ymd")]
    pub planned_on: Date,
    #[serde(with = "domain::dates::ymd::option")]
    pub actual_on: Option<Date>,
    pub status: MilestoneStatus,
    pub note: Option<String>,
    /// Where it stands against the plan by the store's today.
    pub progress: Progress,
    pub forums: Vec<Forum>,
    pub links: Vec<Link>,
    /// When it was made and last changed (its forums included): the calendar's SEQUENCE and
    /// LAST-MODIFIED.
    #[serde(skip)]
    pub created_at: OffsetDateTime,
    #[serde(skip)]
    pub updated_at: OffsetDateTime,
}

#[derive(Clone, Debug, Serialize)]
pub struct Role {
    pub id: i64,
    pub kind: RoleKind,
    pub body: Option<Named>,
    pub organisation: Option<Named>,
    pub label: Option<String>,
}

impl Role {
    pub fn holder(&self) -> &str {
        self.body
            .as_ref()
            .or(self.organisation.as_ref())
            .map(|n| n.name.as_str())
            .or(self.label.as_deref())
            .unwrap_or("")
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Question {
    pub id: i64,
    pub position: i64,
    pub text: String,
}

/// A process with its plan, organisation and questions.
#[derive(Clone, Debug, Serialize)]
pub struct Process {
    pub id: i64,
    pub owner: Named,
    pub title: String,
    pub description: Option<String>,
    pub published: bool,
    pub open_for_input: bool,
    pub strategy: Option<Named>,
    pub template: Option<String>,
    pub phases: Vec<Phase>,
    pub milestones: Vec<Milestone>,
    pub roles: Vec<Role>,
    pub questions: Vec<Question>,
}

impl Process {
    pub fn milestone(&self, id: i64) -> Option<&Milestone> {
        self.milestones.iter().find(|m| m.id == id)
    }

    /// The first and last day of the plan (phases and milestones).
    pub fn span(&self) -> Option<(Date, Date)> {
        let days = self
            .phases
            .iter()
            .flat_map(|p| [p.starts_on, p.ends_on])
            .chain(self.milestones.iter().flat_map(|m| std::iter::once(m.planned_on).chain(m.actual_on)));
        days.fold(None, |acc, d| match acc {
            None => Some((d, d)),
            Some((a, b)) => Some((a.min(d), b.max(d))),
        })
    }

    /// The milestones still planned, soonest first (slipped ones included, they are still ahead).
    pub fn next_milestones(&self) -> impl Iterator<Item = &Milestone> {
        self.milestones.iter().filter(|m| m.status == MilestoneStatus::Planned)
    }
}

/// A process in a list, with its next milestone.
#[derive(Clone, Debug, Serialize)]
pub struct ProcessSummary {
    pub id: i64,
    pub title: String,
    pub owner: Named,
    pub published: bool,
    pub open_for_input: bool,
    pub next_title: Option<String>,
    #[serde(with = "domain::dates::ymd::option")]
    pub next_on: Option<Date>,
    pub slipped: i64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Stakeholder {
    pub id: i64,
    pub organisation: Option<Named>,
    pub name: String,
    pub kind: ParticipantKind,
    pub interest: Level,
    pub influence: Level,
    pub invited: bool,
    pub took_part: bool,
    pub note: Option<String>,
    pub approach: StakeholderStrategy,
}

#[derive(Clone, Debug, Serialize)]
pub struct Dialogue {
    pub id: i64,
    pub process_id: i64,
    pub title: String,
    pub organisation: Option<Named>,
    pub theme: Option<String>,
    #[serde(with = "domain::dates::ymd")]
    pub held_on: Date,
    pub place: Option<String>,
    pub invitees: [Option<String>; 4],
    pub notes: Option<String>,
    pub question_ids: Vec<i64>,
}

/// An input as its moderators see it; `public()` is what everyone else sees.
#[derive(Clone, Debug, Serialize)]
pub struct InputRecord {
    pub id: i64,
    pub process_id: i64,
    pub dialogue_id: Option<i64>,
    pub question_id: Option<i64>,
    pub kind: ParticipantKind,
    pub author_name: Option<String>,
    pub author_email: Option<String>,
    pub organisation_name: Option<String>,
    pub text: String,
    pub published_text: Option<String>,
    pub status: Moderation,
    #[serde(with = "time::serde::rfc3339")]
    pub received_at: OffsetDateTime,
    pub area_ids: Vec<i64>,
    pub sdg: Vec<SdgRef>,
}

impl domain::processes::compilation::Compiled for InputRecord {
    fn question(&self) -> Option<i64> {
        self.question_id
    }
    fn areas(&self) -> &[i64] {
        &self.area_ids
    }
    fn kind(&self) -> ParticipantKind {
        self.kind
    }
}

impl InputRecord {
    /// What the public sees of a published input: no name or address of its sender, the text
    /// masked (the organisation it was sent for stays: it speaks as an organisation).
    pub fn public(&self) -> serde_json::Value {
        serde_json::json!({
            "id": self.id, "dialogue_id": self.dialogue_id, "question_id": self.question_id,
            "kind": self.kind,
            // A resident's "organisation" may name them; only organisations speak by name.
            "organisation_name": if self.kind == ParticipantKind::Resident { None } else { self.organisation_name.clone() },
            "text": self.published_text, "area_ids": self.area_ids, "sdg": self.sdg,
        })
    }
}
