//! Joint matters (gemensamma ärenden, issue 11, rule 9): a consultation group's recommendation,
//! decided in a paragraph of its protocol, has no force of its own; it becomes binding only when
//! each member organisation decides on it in its own board. A joint matter sends the
//! recommendation's decision points to each organisation and keeps, per organisation, where its
//! decision stands (`status`), what it decided (`decision`), and the duty to report back
//! (`follow_up`).
//!
//! Sources: domain.md rule 9; seed `000_…` (Region Östergötland's RUS process: "Förslag till
//! beslut" 1–3, the third being "Arbetet ska kontinuerligt återrapporteras till
//! kommunstyrelsens planeringsutskott"); ADR 38 (one outcome per organisation over the matter's
//! points) and ADR 39 (who records for an organisation).

pub mod decision;
pub mod follow_up;
pub mod matter;
pub mod outcome;
pub mod reminder;
pub mod status;

pub use decision::{BODY_MAX, DecisionFields, DecisionInput, NOTE_MAX, PARAGRAPH_MAX, TEXT_MAX};
pub use follow_up::{FOLLOW_UP_MAX, FollowUpInput, overdue};
pub use matter::{JointMatterInput, POINT_MAX, POINTS_MAX, TITLE_MAX};
pub use outcome::Outcome;
pub use reminder::{REMINDER_DAYS, reminder_due};
pub use status::{PartyStatus, StatusInput};
