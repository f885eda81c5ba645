//! The consultation structure: bodies, memberships, representation rules (issue 3).
//!
//! Rules 1–8 of `domain.md` as seed 001 (Östergötland) states them: who represents which
//! organisation in which body ([`MembershipFacts`]), the representation rules as data an
//! administrator edits ([`Rule`], with the seed's sets in [`standard_rules`]), the check of a body
//! against them ([`compliance`]), terms of office ([`Term`]) and the links between bodies
//! ([`check_hierarchy`]).

mod body;
mod compliance;
pub mod csv_import;
mod draft;
pub(crate) mod inputs;
mod kinds;
mod late_protocols;
mod membership;
mod rule_form;
mod rules;
pub mod standard_rules;
mod term;
mod term_ending;
#[cfg(test)]
mod tests;

pub use body::{Body, BodyFacts, check_hierarchy};
pub use compliance::{ComplianceInput, Finding, Report, WorkPlanFacts, compliance};
pub use inputs::{BodyFields, BodyInput, Question, QuestionStatus, WorkPlanInput, date, parse_meeting_dates};
pub use kinds::{BodyKind, MembershipRole, Side};
pub use late_protocols::ProtocolFacts;
pub use membership::{Membership, MembershipFacts, MembershipInput, OrganisationFacts, ordinary_seats};
pub use rule_form::RuleFields;
pub use rules::{Rule, Scope};
pub use term::Term;
pub use term_ending::TERM_NOTICE_DAYS;
