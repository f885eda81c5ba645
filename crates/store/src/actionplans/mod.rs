//! Action plans and their follow-up (issue 13, ADR 51): forums' plans with focus areas and
//! activities linked to strategy nodes and indicators (`plans`, `activities`), the rounds in
//! which a body asks the forums for their summaries and the forums' answers (`followup`), and
//! the texts of the annual report of a strategy with what it is built from (`report`). Every
//! write is one transaction with its audit event; creates take an idempotency key.

mod activities;
mod followup;
mod index;
mod plans;
mod report;

pub use domain::actionplans::{
    ActivityInput, ActivityStatus, AnswerInput, AreaInput, PlanInput, RequestState, RoundInput, Shown,
};
pub use followup::PendingRequest;
pub(crate) use index::{all_plans, refresh_plan};
pub use report::{ReportActivity, ReportText};

use domain::named::Named;
use serde::Serialize;
use time::Date;

/// A focus area of a plan.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct FocusArea {
    pub id: i64,
    pub title: String,
    pub position: i64,
}

/// A strategy node an activity serves.
#[derive(Clone, Debug, Serialize)]
pub struct NodeLink {
    pub id: i64,
    pub strategy_id: i64,
    pub title: String,
}

/// An activity of a plan, with its status as set; `shown` gives the status of a day.
#[derive(Clone, Debug, Serialize)]
pub struct Activity {
    pub id: i64,
    pub plan_id: i64,
    pub area_id: Option<i64>,
    pub title: String,
    pub description: Option<String>,
    pub organisation: Option<Named>,
    pub body: Option<Named>,
    #[serde(with = "domain::dates::ymd")]
    pub starts_on: Date,
    #[serde(with = "domain::dates::ymd")]
    pub ends_on: Date,
    pub status: ActivityStatus,
    pub progress: i64,
    pub nodes: Vec<NodeLink>,
    pub indicators: Vec<Named>,
}

impl Activity {
    /// The status shown on `today` (late derived, `domain::actionplans::status`).
    pub fn shown(&self, today: Date) -> Shown {
        domain::actionplans::status::effective_status(self.status, self.ends_on, today)
    }
}

/// A forum's plan with its focus areas and activities.
#[derive(Clone, Debug, Serialize)]
pub struct Plan {
    pub id: i64,
    pub body: Named,
    pub title: String,
    pub summary: Option<String>,
    pub first_year: i32,
    pub last_year: i32,
    pub published: bool,
    pub areas: Vec<FocusArea>,
    pub activities: Vec<Activity>,
}

impl Plan {
    pub fn in_area(&self, area: Option<i64>) -> Vec<&Activity> {
        self.activities.iter().filter(|a| a.area_id == area).collect()
    }
}

/// A plan in a list.
#[derive(Clone, Debug, Serialize)]
pub struct PlanSummary {
    pub id: i64,
    pub body: Named,
    pub title: String,
    pub first_year: i32,
    pub last_year: i32,
    pub published: bool,
    pub activities: i64,
    pub done: i64,
}

/// A forum asked in a round, with its answer once given.
#[derive(Clone, Debug, Serialize)]
pub struct Request {
    pub plan_id: i64,
    pub plan_title: String,
    pub forum: Named,
    pub summary: Option<String>,
    #[serde(with = "domain::dates::ymd::option")]
    pub submitted_on: Option<Date>,
    pub submitted_by: Option<String>,
    pub state: RequestState,
}

/// A follow-up round with the forums asked.
#[derive(Clone, Debug, Serialize)]
pub struct Round {
    pub id: i64,
    pub body: Named,
    pub title: String,
    pub year: i32,
    #[serde(with = "domain::dates::ymd")]
    pub due_on: Date,
    pub requests: Vec<Request>,
}

/// One activity's line of an answer.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Line {
    pub activity_id: i64,
    pub status: String,
    pub progress: i64,
    pub comment: Option<String>,
}
