//! An activity's status. Seed 003 names what a forum reports on its activities in the joint
//! management system: whether they have begun, are done, or run into the next plan; issue 13 asks
//! for "not started, started, done, late, cancelled". Four of these are set by the forum; "late"
//! is what an unfinished activity is once its period has ended, so it is derived from the end
//! day and the day it is looked at, never stored (it would be wrong the morning after).

use serde::Serialize;
use time::Date;

use crate::FieldError;

/// The status a forum sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityStatus {
    NotStarted,
    Started,
    Done,
    Cancelled,
}

impl ActivityStatus {
    pub const ALL: [ActivityStatus; 4] =
        [ActivityStatus::NotStarted, ActivityStatus::Started, ActivityStatus::Done, ActivityStatus::Cancelled];

    pub fn as_str(&self) -> &'static str {
        match self {
            ActivityStatus::NotStarted => "not_started",
            ActivityStatus::Started => "started",
            ActivityStatus::Done => "done",
            ActivityStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<ActivityStatus> {
        ActivityStatus::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }

    pub fn field(field: &str, s: &str) -> Result<ActivityStatus, FieldError> {
        ActivityStatus::parse(s).ok_or_else(|| {
            FieldError::new(field, "invalid_choice", "Välj en status i listan.", "Choose a status from the list.")
        })
    }

    pub fn key(&self) -> String {
        format!("actionplans.status_{}", self.as_str())
    }

    /// Whether the activity is still to be worked on.
    pub fn is_open(&self) -> bool {
        matches!(self, ActivityStatus::NotStarted | ActivityStatus::Started)
    }
}

/// The status shown: the one set, or late.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shown {
    NotStarted,
    Started,
    Done,
    Late,
    Cancelled,
}

impl Shown {
    pub const ALL: [Shown; 5] = [Shown::NotStarted, Shown::Started, Shown::Late, Shown::Done, Shown::Cancelled];

    pub fn as_str(&self) -> &'static str {
        match self {
            Shown::NotStarted => "not_started",
            Shown::Started => "started",
            Shown::Done => "done",
            Shown::Late => "late",
            Shown::Cancelled => "cancelled",
        }
    }

    pub fn key(&self) -> String {
        format!("actionplans.status_{}", self.as_str())
    }
}

/// The status shown on `today`: an activity not done nor cancelled whose period ended before
/// `today` is late; otherwise the status set.
pub fn effective_status(set: ActivityStatus, ends_on: Date, today: Date) -> Shown {
    match set {
        ActivityStatus::NotStarted | ActivityStatus::Started if ends_on < today => Shown::Late,
        ActivityStatus::NotStarted => Shown::NotStarted,
        ActivityStatus::Started => Shown::Started,
        ActivityStatus::Done => Shown::Done,
        ActivityStatus::Cancelled => Shown::Cancelled,
    }
}

/// Progress in whole per cent, 0 to 100.
pub fn progress(field: &str, v: &str) -> Result<u8, FieldError> {
    let v = v.trim().trim_end_matches('%').trim();
    if v.is_empty() {
        return Ok(0);
    }
    v.parse::<u8>().ok().filter(|p| *p <= 100).ok_or_else(|| {
        FieldError::new(
            field,
            "invalid_progress",
            "Skriv ett heltal från 0 till 100.",
            "Write a whole number from 0 to 100.",
        )
    })
}

/// The progress kept with a status: a done activity is complete, one not started has none.
pub fn normalised_progress(status: ActivityStatus, progress: u8) -> u8 {
    match status {
        ActivityStatus::Done => 100,
        ActivityStatus::NotStarted => 0,
        _ => progress.min(100),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn an_unfinished_activity_of_the_plan_2022_2024_is_late_from_2025() {
        // Seed 003: the plans 2022–2024 "löper ut 31 december 2024".
        let end = date!(2024 - 12 - 31);
        assert_eq!(effective_status(ActivityStatus::Started, end, date!(2024 - 12 - 31)), Shown::Started);
        assert_eq!(effective_status(ActivityStatus::Started, end, date!(2025 - 01 - 01)), Shown::Late);
        assert_eq!(effective_status(ActivityStatus::NotStarted, end, date!(2025 - 01 - 01)), Shown::Late);
        assert_eq!(effective_status(ActivityStatus::Done, end, date!(2026 - 01 - 01)), Shown::Done);
        assert_eq!(effective_status(ActivityStatus::Cancelled, end, date!(2026 - 01 - 01)), Shown::Cancelled);
    }

    #[test]
    fn progress_is_a_whole_per_cent() {
        assert_eq!(progress("progress", " 40 % "), Ok(40));
        assert_eq!(progress("progress", ""), Ok(0));
        assert_eq!(progress("progress", "101").unwrap_err().code, "invalid_progress");
        assert_eq!(progress("progress", "4.5").unwrap_err().code, "invalid_progress");
        assert_eq!(normalised_progress(ActivityStatus::Done, 40), 100);
        assert_eq!(normalised_progress(ActivityStatus::NotStarted, 40), 0);
        assert_eq!(normalised_progress(ActivityStatus::Started, 40), 40);
        assert_eq!(ActivityStatus::parse("done"), Some(ActivityStatus::Done));
        assert_eq!(ActivityStatus::parse("late"), None, "late is derived, never set");
    }

    proptest! {
        /// Late exactly when the activity is open and its period ended before the day; a done or
        /// cancelled activity keeps its status whatever the day.
        #[test]
        fn late_iff_open_and_past_the_end(s in 0usize..4, end in 0i64..2000, day in 0i64..2000) {
            let set = ActivityStatus::ALL[s];
            let base = date!(2020 - 01 - 01);
            let (end, day) = (base + time::Duration::days(end), base + time::Duration::days(day));
            let shown = effective_status(set, end, day);
            prop_assert_eq!(shown == Shown::Late, set.is_open() && end < day);
            if !set.is_open() {
                prop_assert_eq!(shown.as_str(), set.as_str());
            }
        }
    }
}
