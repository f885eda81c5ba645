//! Surveys (enkät, issue 14, ADR 50): a survey with its definition as one JSON document, the
//! organisations it is sent to, and the responses.
//!
//! - `survey`: creating, editing, the definition (while drafted), sending, closing, publishing
//!   the results; loading and listing. Edits and definitions name the version they began from,
//!   sending and closing the state they leave, so the second of two racing requests is refused.
//! - `recipients`: the organisations asked (all of a kind in a county in one step, chosen by
//!   the caller with `organisations_of_kind_in_county`) and how far each has come.
//! - `responses`: an organisation's draft (any of its people save it; a save over a newer one
//!   is refused, also when two first saves race), its one submission, open responses with the
//!   throttle's count (two with one idempotency key are the first), and the reads
//!   that feed the results and the streamed export.

mod index;
mod recipients;
mod responses;
mod survey;

pub use domain::surveys::{Audience, Definition, ResponseStatus, SurveyInput, SurveyStatus};
pub(crate) use index::{all_surveys, refresh_survey};
pub use recipients::Recipient;
pub use responses::{ExportRow, Filter, Response};
pub use survey::Survey;

/// The job that mails a survey's invitations (payload: `survey_id`, `organisations`).
pub const INVITATIONS_JOB: &str = "survey.invitations";

/// A step the survey's state does not allow, as an input error on `field`.
fn refused(field: &str, code: &'static str, sv: &str, en: &str) -> crate::StoreError {
    crate::invalid_field(field, code, sv, en)
}
