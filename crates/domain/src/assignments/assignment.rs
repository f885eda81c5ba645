//! An assignment as stored, as a secretary types it, and its report back.

use serde::Serialize;
use time::Date;

use crate::cases::refuse_identity_number;
use crate::error::Errors;
use crate::ids::BodyId;
use crate::named::Named;
use crate::structure::date;
use crate::{FieldError, Invalid, text};

/// The longest description of what is to be done.
pub const WHAT_MAX: usize = 2000;
/// The longest description of how to report back.
pub const HOW_MAX: usize = 1000;

/// A protocol paragraph an assignment refers to: where it was given or reported back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ParagraphLink {
    pub paragraph_id: i64,
    pub meeting_id: i64,
    pub body_id: BodyId,
    pub body: String,
    #[serde(with = "crate::dates::ymd")]
    pub meeting_date: Date,
    /// The paragraph's number (§ 3).
    pub number: i64,
    pub title: String,
}

/// An assignment as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Assignment {
    pub id: i64,
    /// The group that gave it (the paragraph's body).
    pub giver: Named,
    /// The group that carries it out.
    pub assignee: Named,
    pub given_in: ParagraphLink,
    pub what: String,
    #[serde(with = "crate::dates::ymd")]
    pub due_on: Date,
    pub report_how: String,
    /// The paragraph where the report back was presented.
    pub reported_in: Option<ParagraphLink>,
}

impl Assignment {
    /// What the overdue rule reads of it.
    pub fn facts(&self) -> AssignmentFacts {
        AssignmentFacts {
            id: self.id,
            giver: self.giver.clone(),
            assignee: self.assignee.clone(),
            what: self.what.clone(),
            due_on: self.due_on,
            reported_on: self.reported_in.as_ref().map(|p| p.meeting_date),
        }
    }

    /// Overdue on `at`: not reported back by then and its day has passed.
    pub fn is_overdue_at(&self, at: Date) -> bool {
        self.facts().is_overdue_at(at)
    }
}

/// What the overdue rule needs to know about an assignment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssignmentFacts {
    pub id: i64,
    pub giver: Named,
    pub assignee: Named,
    pub what: String,
    pub due_on: Date,
    /// The day of the meeting where the report back was presented, if it was.
    pub reported_on: Option<Date>,
}

impl AssignmentFacts {
    /// Overdue on `at`: the due day is before `at` and no report back was presented by then
    /// (a report on the due day itself is in time).
    pub fn is_overdue_at(&self, at: Date) -> bool {
        self.due_on < at && self.reported_on.is_none_or(|d| d > at)
    }
}

/// An assignment as a secretary typed it, from a paragraph of the giving group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssignmentInput {
    pub assignee_id: BodyId,
    pub what: String,
    pub due_on: Date,
    pub report_how: String,
}

/// The public texts refuse personal identity numbers (body pages show them to everyone).
fn public_text(field: &str, v: &str, max: usize) -> Result<String, FieldError> {
    let t = text::required(field, v, max)?;
    refuse_identity_number(field, &t)?;
    Ok(t)
}

impl AssignmentInput {
    /// Every field's problems at once.
    pub fn parse(assignee: &str, what: &str, due_on: &str, report_how: &str) -> Result<AssignmentInput, Invalid> {
        let mut e = Errors::new();
        let assignee = e.check(required_id("assignee_id", assignee));
        let what = e.check(public_text("what", what, WHAT_MAX));
        let due_on = e.check(date("due_on", due_on).and_then(|d| d.ok_or_else(|| FieldError::required("due_on"))));
        let report_how = e.check(public_text("report_how", report_how, HOW_MAX));
        e.finish(|| AssignmentInput {
            assignee_id: BodyId(assignee.unwrap_or_default()),
            what: what.unwrap_or_default(),
            due_on: due_on.unwrap_or(Date::MIN),
            report_how: report_how.unwrap_or_default(),
        })
    }
}

/// A report back: the paragraph where the assignment was presented.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportInput {
    pub paragraph_id: i64,
}

impl ReportInput {
    pub fn parse(paragraph: &str) -> Result<ReportInput, Invalid> {
        required_id("paragraph_id", paragraph).map(|paragraph_id| ReportInput { paragraph_id }).map_err(Invalid::one)
    }
}

/// A chosen id that must be chosen.
pub fn required_id(field: &str, v: &str) -> Result<i64, FieldError> {
    crate::structure::inputs::id(field, v)?.ok_or_else(|| FieldError::required(field))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_seed_assignment_parses() {
        // Seed 001 § 4.2.1: the strategic management group "kan ge uppdrag till övriga
        // ledningsgrupper"; e.g. an analysis like the one of the seed's introduction.
        let a = AssignmentInput::parse(
            "4",
            "Analysera möjligheterna till en gemensam kompetensförsörjningsplan",
            "2027-03-31",
            "Skriftlig rapport till ledningsgruppen för strategiska frågor",
        )
        .unwrap();
        assert_eq!((a.assignee_id, a.due_on), (BodyId(4), date!(2027 - 03 - 31)));
    }

    #[test]
    fn every_field_says_what_is_wrong() {
        let long = "x".repeat(WHAT_MAX + 1);
        let e = AssignmentInput::parse("noll", &long, "31/3", "Rapport om 19121212-1212").unwrap_err();
        let fields: Vec<(&str, &str)> = e.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(
            fields,
            vec![
                ("assignee_id", "invalid_id"),
                ("what", "too_long"),
                ("due_on", "invalid_date"),
                ("report_how", "identity_number"),
            ]
        );
        let e = AssignmentInput::parse("", " ", "", "").unwrap_err();
        let codes: Vec<&str> = e.0.iter().map(|f| f.code).collect();
        assert_eq!(codes, vec!["required"; 4]);
        assert_eq!(ReportInput::parse("").unwrap_err().first().field, "paragraph_id");
        assert_eq!(ReportInput::parse("12").unwrap(), ReportInput { paragraph_id: 12 });
    }

    #[test]
    fn overdue_the_day_after_the_due_day_until_reported() {
        let f = |reported_on| AssignmentFacts {
            id: 1,
            giver: Named { id: 1, name: "Ledningsgruppen för strategiska frågor".into() },
            assignee: Named { id: 2, name: "Ledningsgruppen för kultur".into() },
            what: "Analys".into(),
            due_on: date!(2026 - 10 - 31),
            reported_on,
        };
        assert!(!f(None).is_overdue_at(date!(2026 - 10 - 31)));
        assert!(f(None).is_overdue_at(date!(2026 - 11 - 01)));
        // Reported on the due day: never overdue; reported later: overdue until then.
        assert!(!f(Some(date!(2026 - 10 - 31))).is_overdue_at(date!(2026 - 11 - 16)));
        let late = f(Some(date!(2026 - 11 - 10)));
        assert!(late.is_overdue_at(date!(2026 - 11 - 09)) && !late.is_overdue_at(date!(2026 - 11 - 10)));
    }
}

/// A body's assignments as its page lists them (seed 001 § 4.2.1: both the giving and the
/// assigned group follow an assignment): open ones it gave, open ones it was given, and those
/// reported back either way, each in the order given.
#[derive(Clone, Debug, Default)]
pub struct BodyAssignments {
    pub given: Vec<Assignment>,
    pub taken: Vec<Assignment>,
    pub reported: Vec<Assignment>,
}

impl BodyAssignments {
    /// Splits `all`, the assignments body `body` gave or was given.
    pub fn of(body: i64, all: Vec<Assignment>) -> Self {
        let (reported, open): (Vec<_>, Vec<_>) = all.into_iter().partition(|a| a.reported_in.is_some());
        let (given, taken) = open.into_iter().partition(|a| a.giver.id == body);
        BodyAssignments { given, taken, reported }
    }

    pub fn is_empty(&self) -> bool {
        self.given.is_empty() && self.taken.is_empty() && self.reported.is_empty()
    }
}
