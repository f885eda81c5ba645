//! The duty to report back (återrapportering) as follow-up items with due dates (issue 11; seed
//! 000's point 3: "Arbetet ska kontinuerligt återrapporteras till kommunstyrelsens
//! planeringsutskott"). An item not done by its due day is overdue.

use time::Date;

use crate::cases::refuse_identity_number;
use crate::error::Errors;
use crate::ids::OrganisationId;
use crate::{FieldError, Invalid, text};

pub const FOLLOW_UP_MAX: usize = 500;

/// A follow-up item as typed: what is reported, to whom, by when; optionally the organisation
/// that owes it (none: every organisation of the matter).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUpInput {
    pub text: String,
    pub due_on: Date,
    pub organisation_id: Option<OrganisationId>,
}

impl FollowUpInput {
    pub fn parse(text: &str, due_on: &str, organisation: &str) -> Result<FollowUpInput, Invalid> {
        let mut e = Errors::new();
        let t = e.check(
            text::required("text", text, FOLLOW_UP_MAX).and_then(|t| refuse_identity_number("text", &t).map(|()| t)),
        );
        let due = e.check(crate::structure::date("due_on", due_on)).flatten();
        if due.is_none() && due_on.trim().is_empty() {
            e.push(FieldError::required("due_on"));
        }
        let org = organisation.trim();
        let org = if org.is_empty() {
            None
        } else {
            match org.parse::<i64>().ok().filter(|n| *n > 0) {
                Some(n) => Some(OrganisationId(n)),
                None => {
                    e.push(FieldError::new(
                        "organisation_id",
                        "invalid_id",
                        "Välj ett värde i listan.",
                        "Choose a value from the list.",
                    ));
                    None
                }
            }
        };
        e.finish(|| FollowUpInput {
            text: t.unwrap_or_default(),
            due_on: due.unwrap_or(Date::MIN),
            organisation_id: org,
        })
    }
}

/// Whether an item due on `due_on` and done on `done_on` (if it is) is overdue on `today`:
/// not done, and its due day has passed.
pub fn overdue(due_on: Date, done_on: Option<Date>, today: Date) -> bool {
    done_on.is_none() && due_on < today
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_seeds_report_back_duty_is_a_follow_up_item() {
        let f =
            FollowUpInput::parse("Återrapportering till kommunstyrelsens planeringsutskott", "2027-03-31", "").unwrap();
        assert_eq!((f.due_on, f.organisation_id), (date!(2027 - 03 - 31), None));
        assert_eq!(FollowUpInput::parse("x", "2027-03-31", "12").unwrap().organisation_id, Some(OrganisationId(12)));
    }

    #[test]
    fn every_field_says_what_is_wrong() {
        let e = FollowUpInput::parse("", "", "kommun").unwrap_err();
        let got: Vec<(&str, &str)> = e.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(got, vec![("text", "required"), ("due_on", "required"), ("organisation_id", "invalid_id")]);
        let e = FollowUpInput::parse(&"x".repeat(FOLLOW_UP_MAX + 1), "31 mars", "").unwrap_err();
        let got: Vec<&str> = e.0.iter().map(|f| f.code).collect();
        assert_eq!(got, vec!["too_long", "invalid_date"]);
    }

    #[test]
    fn an_item_is_overdue_only_when_undone_past_its_day() {
        let due = date!(2026 - 11 - 15);
        assert!(overdue(due, None, date!(2026 - 11 - 16)));
        assert!(!overdue(due, None, due));
        assert!(!overdue(due, Some(date!(2026 - 11 - 20)), date!(2026 - 12 - 01)));
    }
}
