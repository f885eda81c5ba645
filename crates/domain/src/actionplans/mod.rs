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

/// An optional list of positive ids typed as a list (a multi-select, or "3, 7" in one field).
pub(crate) fn id_list(field: &str, values: &[String], max: usize) -> Result<Vec<i64>, crate::FieldError> {
    let mut out: Vec<i64> = Vec::new();
    for v in values.iter().flat_map(|v| v.split([',', ' '])).map(str::trim).filter(|v| !v.is_empty()) {
        match crate::strategy::document::optional_id(field, v)? {
            Some(id) if !out.contains(&id) => out.push(id),
            _ => {}
        }
    }
    if out.len() > max {
        return Err(crate::FieldError::new(
            field,
            "too_many",
            format!("Högst {max} val."),
            format!("At most {max} choices."),
        ));
    }
    Ok(out)
}
