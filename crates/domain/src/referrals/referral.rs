//! A referral: which version of a document goes out, from which day and until which deadline,
//! and whether answers after the deadline are taken. Issue 12: "The covering letter (missiv)
//! names the deadline (default three months)"; "late answers are flagged and accepted or not as
//! the referral says". Seed `002_…`: Region Kalmar län's RUS on referral "Januari – mars" 2022.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, Month};

use crate::error::Errors;
use crate::{FieldError, Invalid, text};

pub const TITLE_MAX: usize = 300;
pub const VERSION_MAX: usize = 100;
pub const MISSIV_MAX: usize = 20_000;
/// The default referral period, in months (issue 12).
pub const DEFAULT_MONTHS: u8 = 3;
/// How many days before the deadline those who have not answered are reminded.
pub const REMINDER_DAYS_BEFORE: i64 = 14;

/// The day three months after `sent_on`; when that month is shorter, its last day
/// (2022-11-30 + 3 months = 2023-02-28).
pub fn default_deadline(sent_on: Date) -> Date {
    let months = sent_on.month() as u8 - 1 + DEFAULT_MONTHS;
    let year = sent_on.year() + i32::from(months / 12);
    let month = Month::try_from(months % 12 + 1).unwrap_or(Month::January);
    let day = sent_on.day().min(time::util::days_in_month(month, year));
    Date::from_calendar_date(year, month, day).unwrap_or(sent_on)
}

/// The day the reminder goes to those who have not answered: two weeks before the deadline,
/// or the day after sending when the period is shorter than that.
pub fn reminder_day(sent_on: Date, deadline: Date) -> Date {
    (deadline - Duration::days(REMINDER_DAYS_BEFORE)).max(sent_on + Duration::days(1))
}

/// Whether an answer that arrives after the deadline is still taken.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LateAnswers {
    /// Taken, and flagged as late.
    #[default]
    Accepted,
    /// Refused after the deadline.
    Refused,
}

impl LateAnswers {
    pub fn as_str(self) -> &'static str {
        match self {
            LateAnswers::Accepted => "accepted",
            LateAnswers::Refused => "refused",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "accepted" => Some(LateAnswers::Accepted),
            "refused" => Some(LateAnswers::Refused),
            _ => None,
        }
    }
}

/// Where a referral stands: drafted (only its drafters see it), published with its missiv
/// (open for answers until the deadline, then closed).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferralStatus {
    #[default]
    Draft,
    Published,
}

impl ReferralStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReferralStatus::Draft => "draft",
            ReferralStatus::Published => "published",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(ReferralStatus::Draft),
            "published" => Some(ReferralStatus::Published),
            _ => None,
        }
    }
}

/// A referral as its drafter typed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferralInput {
    pub title: String,
    /// The version of the document on referral ("Remissversion 2021-12-10").
    pub document_version: String,
    pub sent_on: Date,
    pub deadline: Date,
    pub late_answers: LateAnswers,
    /// Whether anyone may answer through the open form (moderated before publication).
    pub open_to_public: bool,
    /// The covering letter's own words, before the deadline, questions and consultee list that
    /// the missiv always shows.
    pub missiv: Option<String>,
}

/// The fields of a referral as typed.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReferralFields<'a> {
    pub title: &'a str,
    pub document_version: &'a str,
    pub sent_on: &'a str,
    pub deadline: &'a str,
    pub late_answers: &'a str,
    pub open_to_public: bool,
    pub missiv: &'a str,
}

impl ReferralInput {
    /// Every field's problems at once. An empty sending day is `today`; an empty deadline is
    /// three months after it; the deadline falls after the sending day.
    pub fn parse(f: ReferralFields, today: Date) -> Result<ReferralInput, Invalid> {
        let mut e = Errors::new();
        let title = e.check(text::required("title", f.title, TITLE_MAX));
        let version = e.check(text::required("document_version", f.document_version, VERSION_MAX));
        let sent_on = e.check(crate::structure::date("sent_on", f.sent_on)).map(|d| d.unwrap_or(today));
        let deadline = e.check(crate::structure::date("deadline", f.deadline)).flatten();
        let deadline = match (sent_on, deadline) {
            (Some(s), None) => Some(default_deadline(s)),
            (_, d) => d,
        };
        if let (Some(s), Some(d)) = (sent_on, deadline)
            && d <= s
        {
            e.push(FieldError::new(
                "deadline",
                "deadline_before_sent",
                "Sista svarsdag måste komma efter utskicksdagen.",
                "The deadline must come after the day the referral is sent.",
            ));
        }
        let late = match f.late_answers.trim() {
            "" => Some(LateAnswers::Accepted),
            s => e.check(LateAnswers::parse(s).ok_or_else(|| {
                FieldError::new(
                    "late_answers",
                    "invalid_choice",
                    "Välj om sena svar tas emot.",
                    "Choose whether late answers are accepted.",
                )
            })),
        };
        let missiv = e.check(text::optional_multiline("missiv", f.missiv, MISSIV_MAX));
        e.finish(|| ReferralInput {
            title: title.unwrap_or_default(),
            document_version: version.unwrap_or_default(),
            sent_on: sent_on.unwrap_or(today),
            deadline: deadline.unwrap_or(today),
            late_answers: late.unwrap_or_default(),
            open_to_public: f.open_to_public,
            missiv: missiv.flatten(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn kalmar<'a>() -> ReferralFields<'a> {
        // Seed 002: "Regional utvecklingsstrategi för Kalmar län 2019–2030", referral Jan–Mar 2022.
        ReferralFields {
            title: "Översyn av regional utvecklingsstrategi för Kalmar län 2019–2030",
            document_version: "Remissversion december 2021",
            sent_on: "2022-01-15",
            deadline: "2022-03-31",
            ..Default::default()
        }
    }

    #[test]
    fn the_seed_referral_parses_with_its_own_deadline() {
        let r = ReferralInput::parse(kalmar(), date!(2022 - 01 - 10)).unwrap();
        assert_eq!(
            (r.sent_on, r.deadline, r.late_answers),
            (date!(2022 - 01 - 15), date!(2022 - 03 - 31), LateAnswers::Accepted)
        );
    }

    #[test]
    fn the_deadline_defaults_to_three_months() {
        // Issue 12: "the deadline (default three months)".
        let r = ReferralInput::parse(ReferralFields { deadline: "", ..kalmar() }, date!(2022 - 01 - 10)).unwrap();
        assert_eq!(r.deadline, date!(2022 - 04 - 15));
        assert_eq!(default_deadline(date!(2022 - 11 - 30)), date!(2023 - 02 - 28));
        assert_eq!(default_deadline(date!(2023 - 11 - 30)), date!(2024 - 02 - 29));
        assert_eq!(default_deadline(date!(2026 - 10 - 31)), date!(2027 - 01 - 31));
        // An empty sending day is today.
        let r = ReferralInput::parse(ReferralFields { sent_on: "", deadline: "", ..kalmar() }, date!(2026 - 11 - 16))
            .unwrap();
        assert_eq!((r.sent_on, r.deadline), (date!(2026 - 11 - 16), date!(2027 - 02 - 16)));
    }

    #[test]
    fn every_field_says_what_is_wrong() {
        let e = ReferralInput::parse(
            ReferralFields {
                title: "",
                document_version: "",
                sent_on: "2022-01-15",
                deadline: "2022-01-15",
                late_answers: "maybe",
                ..kalmar()
            },
            date!(2022 - 01 - 10),
        )
        .unwrap_err();
        let got: Vec<(&str, &str)> = e.0.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(
            got,
            vec![
                ("title", "required"),
                ("document_version", "required"),
                ("deadline", "deadline_before_sent"),
                ("late_answers", "invalid_choice"),
            ]
        );
        let e = ReferralInput::parse(
            ReferralFields { sent_on: "15/1", deadline: "31 mars", ..kalmar() },
            date!(2022 - 01 - 10),
        )
        .unwrap_err();
        assert_eq!(e.0.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), ["sent_on", "deadline"]);
    }

    #[test]
    fn the_reminder_comes_two_weeks_before_the_deadline() {
        assert_eq!(reminder_day(date!(2022 - 01 - 15), date!(2022 - 03 - 31)), date!(2022 - 03 - 17));
        // A period of ten days: the day after sending.
        assert_eq!(reminder_day(date!(2022 - 01 - 15), date!(2022 - 01 - 25)), date!(2022 - 01 - 16));
    }
}
