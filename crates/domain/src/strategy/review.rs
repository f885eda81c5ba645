//! When a governing document is due for review, and the finding when it is overdue.
//!
//! The regional development strategy "ska ses över åtminstone en gång mellan varje val till
//! region- och kommunfullmäktige" (förordning (2017:583) om regionalt tillväxtarbete, as quoted
//! in seed 003; domain.md rules 11 and 20); Jönköping's RUS says the same in its own words,
//! "en gång per mandatperiod". Other documents state a number of years.
//!
//! With elections E₁ < E₂ < E₃ …: a document adopted or last reviewed on a day in [E₁, E₂)
//! has been reviewed in that interval, so the next review must fall in [E₂, E₃): it is due on
//! the day before E₃.

use serde::Serialize;
use time::Date;

use super::elections::next_election_after;
use crate::FieldError;

/// How often a document is to be reviewed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RevisionRule {
    /// At least once between two general elections (the RUS, förordning 2017:583).
    BetweenElections,
    /// At least every n years (1–10).
    EveryYears(u8),
    /// No rule is stated.
    None,
}

pub const MAX_YEARS: u8 = 10;

impl RevisionRule {
    /// The stored and typed form: `between_elections`, `every_3_years`, `none`.
    pub fn as_string(&self) -> String {
        match self {
            RevisionRule::BetweenElections => "between_elections".into(),
            RevisionRule::EveryYears(n) => format!("every_{n}_years"),
            RevisionRule::None => "none".into(),
        }
    }

    pub fn parse(field: &str, s: &str) -> Result<RevisionRule, FieldError> {
        let s = s.trim();
        let bad = || {
            FieldError::new(
                field,
                "invalid_choice",
                "Välj en regel för översyn i listan.",
                "Choose a review rule from the list.",
            )
        };
        match s {
            "" | "none" => Ok(RevisionRule::None),
            "between_elections" => Ok(RevisionRule::BetweenElections),
            _ => {
                let n: u8 = s
                    .strip_prefix("every_")
                    .and_then(|r| r.strip_suffix("_years"))
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(bad)?;
                if (1..=MAX_YEARS).contains(&n) { Ok(RevisionRule::EveryYears(n)) } else { Err(bad()) }
            }
        }
    }

    /// The rules a form offers.
    pub fn choices() -> Vec<RevisionRule> {
        let mut v = vec![RevisionRule::BetweenElections];
        v.extend((1..=MAX_YEARS).map(RevisionRule::EveryYears));
        v.push(RevisionRule::None);
        v
    }
}

/// The last day by which the next review must be made, counted from the day the document was
/// adopted or last reviewed; none without a rule.
pub fn next_review_due(rule: RevisionRule, since: Date) -> Option<Date> {
    match rule {
        RevisionRule::None => None,
        RevisionRule::EveryYears(n) => {
            let year = since.year() + i32::from(n);
            // 29 February moves to 28 February in a year that has none.
            Date::from_calendar_date(year, since.month(), since.day())
                .ok()
                .or_else(|| Date::from_calendar_date(year, since.month(), since.day() - 1).ok())
        }
        RevisionRule::BetweenElections => {
            let e2 = next_election_after(since)?;
            let e3 = next_election_after(e2)?;
            e3.previous_day()
        }
    }
}

/// A document's review as a finding for its page and the register.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ReviewFinding {
    /// No rule: nothing is due.
    NoRule,
    /// Due on a day not yet passed.
    Due {
        #[serde(with = "crate::dates::ymd")]
        due_on: Date,
    },
    /// The due day has passed without a recorded review; `days` since it passed.
    Overdue {
        #[serde(with = "crate::dates::ymd")]
        due_on: Date,
        days: i64,
    },
}

impl ReviewFinding {
    pub fn is_overdue(&self) -> bool {
        matches!(self, ReviewFinding::Overdue { .. })
    }

    pub fn days_overdue(&self) -> Option<i64> {
        match self {
            ReviewFinding::Overdue { days, .. } => Some(*days),
            _ => None,
        }
    }

    pub fn due_on(&self) -> Option<Date> {
        match self {
            ReviewFinding::NoRule => None,
            ReviewFinding::Due { due_on } | ReviewFinding::Overdue { due_on, .. } => Some(*due_on),
        }
    }
}

/// The finding given `today`: `since` is the day of the last review, or of adoption.
pub fn review_finding(rule: RevisionRule, since: Date, today: Date) -> ReviewFinding {
    match next_review_due(rule, since) {
        None => ReviewFinding::NoRule,
        Some(due_on) if today > due_on => ReviewFinding::Overdue { due_on, days: (today - due_on).whole_days() },
        Some(due_on) => ReviewFinding::Due { due_on },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn jonkopings_rus_adopted_2019_12_03_was_due_before_the_2026_election() {
        // Seed 003: "Beslut i regionfullmäktige 2019-12-03"; reviewed at least once between
        // the elections of 2022 and 2026, so due on the day before 13 September 2026.
        let due = next_review_due(RevisionRule::BetweenElections, date!(2019 - 12 - 03));
        assert_eq!(due, Some(date!(2026 - 09 - 12)));
        let f = review_finding(RevisionRule::BetweenElections, date!(2019 - 12 - 03), date!(2026 - 11 - 16));
        assert_eq!(f, ReviewFinding::Overdue { due_on: date!(2026 - 09 - 12), days: 65 });
        // Seed 003: the revised RUS "antas i regionfullmäktige november 2025", in the 2022–2026
        // period: the next review falls between the elections of 2026 and 2030.
        let f = review_finding(RevisionRule::BetweenElections, date!(2025 - 11 - 25), date!(2026 - 11 - 16));
        assert_eq!(f, ReviewFinding::Due { due_on: date!(2030 - 09 - 07) });
    }

    #[test]
    fn a_review_on_election_day_counts_for_the_new_period() {
        assert_eq!(next_review_due(RevisionRule::BetweenElections, date!(2022 - 09 - 11)), Some(date!(2030 - 09 - 07)));
        assert_eq!(next_review_due(RevisionRule::BetweenElections, date!(2022 - 09 - 10)), Some(date!(2026 - 09 - 12)));
    }

    #[test]
    fn years_and_no_rule() {
        assert_eq!(next_review_due(RevisionRule::EveryYears(3), date!(2024 - 02 - 29)), Some(date!(2027 - 02 - 28)));
        assert_eq!(
            review_finding(RevisionRule::None, date!(2020 - 01 - 01), date!(2030 - 01 - 01)),
            ReviewFinding::NoRule
        );
    }

    #[test]
    fn rules_parse_and_print_alike() {
        for r in RevisionRule::choices() {
            assert_eq!(RevisionRule::parse("r", &r.as_string()), Ok(r));
        }
        assert_eq!(RevisionRule::parse("r", "").unwrap(), RevisionRule::None);
        for bad in ["every_0_years", "every_11_years", "yearly", "every_x_years"] {
            assert_eq!(RevisionRule::parse("r", bad).unwrap_err().code, "invalid_choice");
        }
    }

    proptest! {
        #[test]
        fn the_due_day_leaves_exactly_one_election_between(n in 0i64..30_000) {
            let since = date!(2022 - 09 - 11) + time::Duration::days(n);
            let due = next_review_due(RevisionRule::BetweenElections, since).unwrap();
            let e2 = next_election_after(since).unwrap();
            prop_assert!(since < e2 && e2 <= due);
            prop_assert_eq!(next_election_after(due), Some(due.next_day().unwrap()));
        }
    }
}
