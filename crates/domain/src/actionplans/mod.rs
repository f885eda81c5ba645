//! Action plans and their follow-up (issue 13, third paragraph; ADR 51).
//!
//! - `status`: an activity's status as set and as shown — "late" is derived, never stored, from
//!   the end of its period and the day (`effective_status`), and its progress in per cent.
//! - `plan`: a forum's plan for a period of years with its focus areas (seed 003: "Handlingsplaner
//!   för forum inom Gemensamt ledningssystem för samverkan 2022–2024", then 2025–2027).
//! - `activity`: an activity of a plan: who is responsible, when, status, progress, and its links
//!   to the strategy's nodes and to indicators.
//! - `followup`: a round in which a body asks the forums for their summaries by a date (ReKo
//!   decided 2024-10-01 to ask for them "före 2024-11-08"), each forum's answer and where it
//!   stands (`request_state`), and the days a late forum is reminded.
//! - `readiness`: how far the annual report of a strategy (lag (2010:630) om regionalt
//!   utvecklingsansvar 5 §) has come, as a pure count of what is still missing.

pub mod activity;
pub mod followup;
pub mod plan;
pub mod readiness;
pub mod status;

pub use activity::{ActivityFields, ActivityInput};
pub use followup::{AnswerFields, AnswerInput, LineFields, LineInput, RequestState, RoundFields, RoundInput};
pub use plan::{AreaFields, AreaInput, PlanFields, PlanInput};
pub use readiness::{Readiness, ReadinessCounts};
pub use status::{ActivityStatus, Shown};
