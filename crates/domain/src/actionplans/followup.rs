//! A follow-up round: a body asks the forums of the joint management system for a summary of
//! their action plans by a date — ReKo decided on 2024-10-01 "att ge ingående forum i Gemensamt
//! ledningssystem i samverkan i uppdrag att före 2024-11-08 lämna in sammanfattning av pågående
//! aktivitetsområden i nuvarande treåriga handlingsplan" (seed 003). Each forum answers with a
//! text and, per activity, its status, progress and a comment; a forum that has not answered is
//! reminded before the day and, once late, every week after it.

use serde::Serialize;
use time::Date;

use super::status::{ActivityStatus, normalised_progress, progress};
use crate::error::Errors;
use crate::strategy::document::{optional_date, optional_id};
use crate::{FieldError, Invalid, text};

pub const TITLE_MAX: usize = 300;
pub const SUMMARY_MAX: usize = 8000;
pub const COMMENT_MAX: usize = 2000;
/// Days before the due day a forum that has not answered is reminded.
pub const REMIND_BEFORE: i64 = 3;
/// Once late, a forum is reminded every this many days…
pub const REMIND_EVERY: i64 = 7;
/// …for at most this many days after the due day.
pub const REMIND_UNTIL: i64 = 60;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundInput {
    pub body_id: i64,
    pub title: String,
    pub year: i32,
    pub due_on: Date,
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct RoundFields {
    pub body_id: String,
    pub title: String,
    pub year: String,
    pub due_on: String,
}

impl RoundFields {
    /// Every field's problems; the due day is not before `today` when the round is created.
    pub fn parse(&self, today: Date) -> Result<RoundInput, Invalid> {
        let mut e = Errors::new();
        let body = e.check(optional_id("body_id", &self.body_id)).flatten();
        if body.is_none() && self.body_id.trim().is_empty() {
            e.push(FieldError::required("body_id"));
        }
        let title = e.check(text::required("title", &self.title, TITLE_MAX));
        let year = e.check(crate::strategy::plan::year("year", &self.year));
        let due = match e.check(optional_date("due_on", &self.due_on)) {
            Some(Some(d)) if d < today => {
                e.push(FieldError::new(
                    "due_on",
                    "in_past",
                    "Sista dag kan inte ha passerat.",
                    "The due day cannot have passed.",
                ));
                None
            }
            Some(Some(d)) => Some(d),
            Some(None) => {
                e.push(FieldError::required("due_on"));
                None
            }
            None => None,
        };
        e.finish(|| RoundInput {
            body_id: body.unwrap_or_default(),
            title: title.unwrap_or_default(),
            year: year.unwrap_or_default(),
            due_on: due.unwrap_or(today),
        })
    }
}

/// One activity's line of an answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineInput {
    pub activity_id: i64,
    pub status: ActivityStatus,
    pub progress: u8,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct LineFields {
    pub activity_id: i64,
    pub status: String,
    pub progress: String,
    pub comment: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerInput {
    pub summary: String,
    pub lines: Vec<LineInput>,
}

#[derive(Clone, Debug, Default)]
pub struct AnswerFields {
    pub summary: String,
    pub lines: Vec<LineFields>,
}

impl AnswerFields {
    /// The summary is required; each line's errors name their activity's fields
    /// (`status_7`, `progress_7`, `comment_7`) so the form shows them where they belong.
    pub fn parse(&self) -> Result<AnswerInput, Invalid> {
        let mut e = Errors::new();
        let summary = e.check(text::required("summary", &self.summary, SUMMARY_MAX));
        let mut lines = Vec::with_capacity(self.lines.len());
        for l in &self.lines {
            let id = l.activity_id;
            let status = e.check(ActivityStatus::field(&format!("status_{id}"), &l.status));
            let p = e.check(progress(&format!("progress_{id}"), &l.progress));
            let comment = e.check(text::optional_multiline(&format!("comment_{id}"), &l.comment, COMMENT_MAX));
            if let (Some(status), Some(p), Some(comment)) = (status, p, comment) {
                lines.push(LineInput { activity_id: id, status, progress: normalised_progress(status, p), comment });
            }
        }
        e.finish(|| AnswerInput { summary: summary.unwrap_or_default(), lines })
    }
}

/// Where a forum stands in a round.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestState {
    /// Submitted on or before the due day.
    Answered,
    /// Submitted after the due day.
    AnsweredLate,
    /// Not submitted, the due day has not passed.
    Waiting,
    /// Not submitted, the due day has passed.
    Late,
}

impl RequestState {
    pub fn as_str(&self) -> &'static str {
        match self {
            RequestState::Answered => "answered",
            RequestState::AnsweredLate => "answered_late",
            RequestState::Waiting => "waiting",
            RequestState::Late => "late",
        }
    }

    pub fn key(&self) -> String {
        format!("actionplans.request_{}", self.as_str())
    }

    pub fn is_answered(&self) -> bool {
        matches!(self, RequestState::Answered | RequestState::AnsweredLate)
    }
}

/// A forum's state in a round due on `due` on `today`, given the day it submitted, if it has
/// ("före 2024-11-08": the due day itself still counts as on time).
pub fn request_state(submitted_on: Option<Date>, due: Date, today: Date) -> RequestState {
    match submitted_on {
        Some(d) if d <= due => RequestState::Answered,
        Some(_) => RequestState::AnsweredLate,
        None if today > due => RequestState::Late,
        None => RequestState::Waiting,
    }
}

/// Whether a forum that has not answered is reminded on `day`: `REMIND_BEFORE` days before the
/// due day, and after it on the first day late and every `REMIND_EVERY` days, for
/// `REMIND_UNTIL` days.
pub fn reminder_due(due: Date, day: Date) -> bool {
    let after = (day - due).whole_days();
    after == -REMIND_BEFORE || (1..=REMIND_UNTIL).contains(&after) && (after - 1) % REMIND_EVERY == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::Duration;
    use time::macros::date;

    const DUE: Date = date!(2024 - 11 - 08);

    #[test]
    fn rekos_round_of_2024() {
        let r = RoundFields {
            body_id: "5".into(),
            title: "Uppföljning av handlingsplaner 2022–2024".into(),
            year: "2024".into(),
            due_on: "2024-11-08".into(),
        }
        .parse(date!(2024 - 10 - 01))
        .unwrap();
        assert_eq!((r.body_id, r.year, r.due_on), (5, 2024, DUE));
        assert_eq!(request_state(Some(DUE), DUE, date!(2024 - 12 - 01)), RequestState::Answered);
        assert_eq!(request_state(Some(date!(2024 - 11 - 09)), DUE, date!(2024 - 12 - 01)), RequestState::AnsweredLate);
        assert_eq!(request_state(None, DUE, DUE), RequestState::Waiting);
        assert_eq!(request_state(None, DUE, date!(2024 - 11 - 09)), RequestState::Late);
    }

    #[test]
    fn reminders_before_and_weekly_when_late() {
        let days: Vec<i64> = (-10..80).filter(|d| reminder_due(DUE, DUE + Duration::days(*d))).collect();
        assert_eq!(days, vec![-3, 1, 8, 15, 22, 29, 36, 43, 50, 57]);
    }

    #[test]
    fn every_field_says_what_is_wrong() {
        let f = RoundFields { body_id: "".into(), title: "".into(), year: "19".into(), due_on: "2024-09-30".into() };
        let got: Vec<_> =
            f.parse(date!(2024 - 10 - 01)).unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect();
        let want = [("body_id", "required"), ("title", "required"), ("year", "invalid_year"), ("due_on", "in_past")];
        assert_eq!(got, want.iter().map(|(a, b)| (a.to_string(), *b)).collect::<Vec<_>>());
        let a = AnswerFields {
            summary: " ".into(),
            lines: vec![
                LineFields { activity_id: 7, status: "late".into(), progress: "x".into(), comment: String::new() },
                LineFields { activity_id: 8, status: "done".into(), progress: "10".into(), comment: "Klar".into() },
            ],
        };
        let got: Vec<_> = a.parse().unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect();
        let want = [("summary", "required"), ("status_7", "invalid_choice"), ("progress_7", "invalid_progress")];
        assert_eq!(got, want.iter().map(|(a, b)| (a.to_string(), *b)).collect::<Vec<_>>());
    }

    proptest! {
        /// Answered or not decides the family of the state; late exactly when past the due day.
        #[test]
        fn a_state_is_late_only_past_the_due_day(sub in proptest::option::of(-30i64..30), today in -30i64..30) {
            let submitted = sub.map(|d| DUE + Duration::days(d));
            let s = request_state(submitted, DUE, DUE + Duration::days(today));
            prop_assert_eq!(s.is_answered(), submitted.is_some());
            prop_assert_eq!(s == RequestState::Late, submitted.is_none() && today > 0);
            prop_assert_eq!(s == RequestState::AnsweredLate, sub.is_some_and(|d| d > 0));
        }
    }
}
