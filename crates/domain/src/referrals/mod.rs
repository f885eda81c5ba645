//! Referrals (remiss, issue 12): a case's document sent for formal views to consultees, their
//! answers, and the consultation report (samrådsredogörelse) that answers every comment.
//!
//! Sources: seed `002_…` (Region Kalmar län's RUS review: "Januari – mars: Remisstid",
//! "April – juni: Samrådsredogörelse"), `domain.md` rules 8 (a party that needs formal views
//! uses a referral), 11 (referral version → referral period → consultation report → decision)
//! and 22 (personal data in a referral answer is reviewed before web publication), and plan- och
//! bygglagen (2010:900) 5 kap. 17 § for what a samrådsredogörelse holds.
//!
//! - `referral`: the referral's fields, the default period of three months, late answers and
//!   the day of the reminder.
//! - `section`: the document's numbered sections, Markdown import by headings, and the
//!   section-by-section comparison of a later version with the referral version.
//! - `diff`: a later version compared with the referral version, section by section and word
//!   by word inside a section.
//! - `open_form`: who answers through the open form, the drafter's moderation, and when a
//!   file sent with an open answer is public.
//! - `consultee`: who is asked (obliged or invited), all organisations of a kind in a county in
//!   one step.
//! - `answer`: an answer's position, comments, state (draft → submitted once) and arrival.
//! - `response`: the drafter's response to a comment and the reason it needs.
//! - `personal_data`: what the review before publication finds and masks.
//! - `report`: the report's counts, its groupings and its states.

pub mod answer;
pub mod consultee;
pub mod diff;
pub mod open_form;
pub mod personal_data;
pub mod referral;
pub mod report;
pub mod response;
pub mod section;

pub use answer::{AnswerInput, AnswerStatus, Arrival, CommentInput, Position, arrival};
pub use consultee::{Obligation, in_county_of_kind};
pub use diff::{DiffSummary, Mark, Piece, SectionDiff};
pub use open_form::{
    Moderation, ModerationInput, OpenAnswerInput, RespondentType, moderation_notice_respondent, open_file_public,
};
pub use personal_data::{Finding, FindingKind, find as find_personal_data, mask};
pub use referral::{LateAnswers, ReferralFields, ReferralInput, ReferralStatus, default_deadline, reminder_day};
pub use report::{ReportComment, ReportStatus, RespondentKind, Summary, summary_by_respondent};
pub use response::{ResponseInput, Verdict};
pub use section::{SectionChange, SectionInput, SectionText, compare, from_markdown};
