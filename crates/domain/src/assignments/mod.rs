//! Assignments (uppdrag, seed `001_…` § 4.2.1, rule 7 of `domain.md`, issue 11): a consultation
//! group, or a group's superior group, gives a group an assignment in a protocol paragraph —
//! what, to whom, by when and how to report back. The report back is the paragraph where it was
//! presented; one not reported by its day is a finding of both bodies.

pub mod assignment;
pub mod rules;

pub use assignment::{
    Assignment, AssignmentFacts, AssignmentInput, BodyAssignments, HOW_MAX, ParagraphLink, ReportInput, WHAT_MAX,
};
pub use rules::{check_due, check_report, may_give, overdue_findings};
