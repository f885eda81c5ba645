//! Phases and milestones with planned and actual dates, the forums of a milestone with their
//! part in it, and whether a milestone keeps to the plan.
//!
//! Seed 003's RTP plan draws each milestone with the forums involved and what each does there:
//! "Kommunalt forum – Information", "Kommunchefs nätverk – Information, Dialog, Förankring i egen
//! organisation", "TIM-nämnd – Besluta om remissversion". Seed 002 plans by month ("Februari –
//! april: Dialog/förankring"); a milestone not reached by its planned day has slipped.

use serde::Serialize;
use time::{Date, OffsetDateTime};

use crate::error::Errors;
use crate::strategy::document::{optional_date, optional_id};
use crate::{FieldError, Invalid, text};

pub const TITLE_MAX: usize = 300;
pub const NOTE_MAX: usize = 2000;
/// The longest a process plan may run: seed 002's review spans two years, RUS processes three.
pub const MAX_SPAN_DAYS: i64 = 366 * 10;

/// What a forum does at a milestone (seed 003).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ForumRole {
    Information,
    Dialogue,
    Anchoring,
    Decision,
}

impl ForumRole {
    pub const ALL: [ForumRole; 4] =
        [ForumRole::Information, ForumRole::Dialogue, ForumRole::Anchoring, ForumRole::Decision];

    pub fn as_str(self) -> &'static str {
        match self {
            ForumRole::Information => "information",
            ForumRole::Dialogue => "dialogue",
            ForumRole::Anchoring => "anchoring",
            ForumRole::Decision => "decision",
        }
    }

    pub fn parse(s: &str) -> Option<ForumRole> {
        ForumRole::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn key(self) -> String {
        format!("process.forum_{}", self.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneStatus {
    Planned,
    Done,
    Cancelled,
}

impl MilestoneStatus {
    pub const ALL: [MilestoneStatus; 3] = [MilestoneStatus::Planned, MilestoneStatus::Done, MilestoneStatus::Cancelled];

    pub fn as_str(self) -> &'static str {
        match self {
            MilestoneStatus::Planned => "planned",
            MilestoneStatus::Done => "done",
            MilestoneStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<MilestoneStatus> {
        MilestoneStatus::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn key(self) -> String {
        format!("process.status_{}", self.as_str())
    }
}

/// Where a milestone stands against its plan on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Progress {
    /// Planned, its day still to come (or today).
    Upcoming {
        in_days: i64,
    },
    /// Planned, its day passed without it being reached: flagged.
    Slipped {
        days: i64,
    },
    /// Reached on or before its planned day.
    OnTime,
    /// Reached after its planned day.
    Late {
        days: i64,
    },
    Cancelled,
}

impl Progress {
    pub fn slipped(&self) -> bool {
        matches!(self, Progress::Slipped { .. })
    }

    pub fn key(&self) -> &'static str {
        match self {
            Progress::Upcoming { .. } => "process.progress_upcoming",
            Progress::Slipped { .. } => "process.progress_slipped",
            Progress::OnTime => "process.progress_on_time",
            Progress::Late { .. } => "process.progress_late",
            Progress::Cancelled => "process.progress_cancelled",
        }
    }

    /// The days behind plan (slipped or late), or to go (upcoming).
    pub fn days(&self) -> i64 {
        match self {
            Progress::Upcoming { in_days } => *in_days,
            Progress::Slipped { days } | Progress::Late { days } => *days,
            _ => 0,
        }
    }
}

/// The rule: a milestone still planned after its day has slipped by the days since; a reached
/// one is late by the days between plan and reaching it. `today` is the caller's (the store's
/// clock), never the system's.
pub fn progress(planned_on: Date, actual_on: Option<Date>, status: MilestoneStatus, today: Date) -> Progress {
    match status {
        MilestoneStatus::Cancelled => Progress::Cancelled,
        MilestoneStatus::Done => {
            let late = (actual_on.unwrap_or(planned_on) - planned_on).whole_days();
            if late > 0 { Progress::Late { days: late } } else { Progress::OnTime }
        }
        MilestoneStatus::Planned => {
            let d = (today - planned_on).whole_days();
            if d > 0 { Progress::Slipped { days: d } } else { Progress::Upcoming { in_days: -d } }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhaseInput {
    pub title: String,
    pub starts_on: Date,
    pub ends_on: Date,
    /// Where the phase stands in the plan, 1 first; `None` keeps its place (or, for a new
    /// phase, puts it last). Phases may overlap (seed 002 runs dialogue beside drafting), so
    /// their order is the owner's, not only their start days'.
    pub order: Option<i64>,
}

/// The highest place a phase may be given; a higher one in a shorter plan means "last".
pub const POSITION_MAX: i64 = 1000;

#[derive(Clone, Debug, Default)]
pub struct PhaseFields {
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
    /// Optional: a whole number from 1.
    pub order: String,
}

/// An optional place in a list, 1 first, at most `POSITION_MAX`.
pub fn optional_position(field: &str, v: &str) -> Result<Option<i64>, FieldError> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    v.parse::<i64>().ok().filter(|n| (1..=POSITION_MAX).contains(n)).map(Some).ok_or_else(|| {
        FieldError::new(
            field,
            "invalid_position",
            format!("Ange ett heltal från 1 till {POSITION_MAX}."),
            format!("Give a whole number from 1 to {POSITION_MAX}."),
        )
    })
}

fn required_date(e: &mut Errors, field: &str, v: &str) -> Option<Date> {
    match e.check(optional_date(field, v)) {
        Some(None) => {
            e.push(FieldError::required(field));
            None
        }
        Some(d) => d,
        None => None,
    }
}

impl PhaseFields {
    /// A phase ends on or after it starts, and spans at most `MAX_SPAN_DAYS`.
    pub fn parse(&self) -> Result<PhaseInput, Invalid> {
        let mut e = Errors::new();
        let title = e.check(text::required("title", &self.title, TITLE_MAX));
        let starts = required_date(&mut e, "starts_on", &self.starts_on);
        let ends = required_date(&mut e, "ends_on", &self.ends_on);
        let order = e.check(optional_position("order", &self.order)).flatten();
        if let (Some(s), Some(t)) = (starts, ends) {
            if t < s {
                e.push(FieldError::new(
                    "ends_on",
                    "before_start",
                    "Fasen kan inte sluta innan den börjar.",
                    "The phase cannot end before it starts.",
                ));
            } else if (t - s).whole_days() > MAX_SPAN_DAYS {
                e.push(FieldError::new(
                    "ends_on",
                    "too_long_span",
                    "En fas kan vara högst tio år.",
                    "A phase can last at most ten years.",
                ));
            }
        }
        e.finish(|| PhaseInput {
            title: title.unwrap_or_default(),
            starts_on: starts.unwrap_or(Date::MIN),
            ends_on: ends.unwrap_or(Date::MIN),
            order,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MilestoneInput {
    pub phase_id: Option<i64>,
    pub title: String,
    pub planned_on: Date,
    pub actual_on: Option<Date>,
    pub status: MilestoneStatus,
    pub note: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct MilestoneFields {
    pub phase_id: String,
    pub title: String,
    pub planned_on: String,
    pub actual_on: String,
    pub status: String,
    pub note: String,
}

impl MilestoneFields {
    /// A reached milestone says when (not after `today`); one still planned or cancelled has no
    /// day of reaching.
    pub fn parse(&self, today: Date) -> Result<MilestoneInput, Invalid> {
        let mut e = Errors::new();
        let phase_id = e.check(optional_id("phase_id", &self.phase_id)).flatten();
        let title = e.check(text::required("title", &self.title, TITLE_MAX));
        let planned = required_date(&mut e, "planned_on", &self.planned_on);
        let actual = e.check(optional_date("actual_on", &self.actual_on)).flatten();
        let status = if self.status.trim().is_empty() {
            Some(MilestoneStatus::Planned)
        } else {
            e.check(super::choice("status", &self.status, MilestoneStatus::parse))
        };
        let note = e.check(text::optional_multiline("note", &self.note, NOTE_MAX)).flatten();
        match (status, actual) {
            (Some(MilestoneStatus::Done), None) => e.push(FieldError::new(
                "actual_on",
                "reached_on_required",
                "Skriv när milstolpen nåddes.",
                "Write when the milestone was reached.",
            )),
            (Some(MilestoneStatus::Done), Some(a)) if a > today => e.push(FieldError::new(
                "actual_on",
                "in_future",
                "En milstolpe kan inte ha nåtts i framtiden.",
                "A milestone cannot have been reached in the future.",
            )),
            (Some(MilestoneStatus::Planned | MilestoneStatus::Cancelled), Some(_)) => e.push(FieldError::new(
                "actual_on",
                "not_reached",
                "Ange datum bara för en milstolpe som är nådd.",
                "Give a date only for a milestone that has been reached.",
            )),
            _ => {}
        }
        e.finish(|| MilestoneInput {
            phase_id,
            title: title.unwrap_or_default(),
            planned_on: planned.unwrap_or(Date::MIN),
            actual_on: actual,
            status: status.unwrap_or(MilestoneStatus::Planned),
            note,
        })
    }
}

/// A forum at a milestone: a body of the structure or a forum named (e.g. "RSS Styrelse").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForumInput {
    pub body_id: Option<i64>,
    pub name: Option<String>,
    pub role: ForumRole,
}

impl ForumInput {
    pub fn parse(body_id: &str, name: &str, role: &str) -> Result<ForumInput, Invalid> {
        let mut e = Errors::new();
        let body_id = e.check(optional_id("body_id", body_id)).flatten();
        let name = e.check(text::optional("forum_name", name, super::process::LABEL_MAX)).flatten();
        let role = e.check(super::choice("forum_role", role, ForumRole::parse));
        if body_id.is_none() == name.is_none() {
            e.push(FieldError::new(
                "body_id",
                "one_forum",
                "Välj ett organ eller skriv forumets namn (ett av dem).",
                "Choose a body or write the forum's name (one of them).",
            ));
        }
        e.finish(|| ForumInput { body_id, name, role: role.unwrap_or(ForumRole::Information) })
    }
}

/// The SEQUENCE of a milestone's event in the process calendar (RFC 5545, 3.8.7.4: 0 when the
/// event is created, larger with every revision, so that a calendar client replaces what it
/// holds): the whole seconds from when the milestone was made to its last change. Every saved
/// change a second or more later gives a larger number, without a counter to keep; the value
/// stays within the property's integer range.
pub fn calendar_sequence(created: OffsetDateTime, updated: OffsetDateTime) -> u32 {
    let secs = (updated - created).whole_seconds().clamp(0, i64::from(i32::MAX));
    u32::try_from(secs).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn seed_002s_remissversion_slips_when_december_passes() {
        // "November – december: Beslut remissversion" (2021): planned for 15 December.
        let planned = date!(2021 - 12 - 15);
        assert_eq!(
            progress(planned, None, MilestoneStatus::Planned, date!(2021 - 12 - 01)),
            Progress::Upcoming { in_days: 14 }
        );
        assert_eq!(progress(planned, None, MilestoneStatus::Planned, planned), Progress::Upcoming { in_days: 0 });
        let p = progress(planned, None, MilestoneStatus::Planned, date!(2022 - 01 - 10));
        assert_eq!(p, Progress::Slipped { days: 26 });
        assert!(p.slipped());
        let reached = Some(date!(2022 - 01 - 12));
        assert_eq!(
            progress(planned, reached, MilestoneStatus::Done, date!(2022 - 03 - 01)),
            Progress::Late { days: 28 }
        );
        assert_eq!(progress(planned, Some(planned), MilestoneStatus::Done, planned), Progress::OnTime);
        assert_eq!(progress(planned, None, MilestoneStatus::Cancelled, date!(2030 - 01 - 01)), Progress::Cancelled);
    }

    proptest! {
        /// Only a milestone still planned is ever flagged, and only once its day has passed.
        #[test]
        fn only_planned_milestones_past_their_day_slip(p in 0i64..5000, t in 0i64..5000, a in 0i64..5000, s in 0usize..3) {
            let base = date!(2020 - 01 - 01);
            let day = |n: i64| base + time::Duration::days(n);
            let status = MilestoneStatus::ALL[s];
            let got = progress(day(p), Some(day(a)), status, day(t));
            prop_assert_eq!(got.slipped(), status == MilestoneStatus::Planned && t > p);
            prop_assert!(got.days() >= 0);
        }
    }

    #[test]
    fn every_field_says_what_is_wrong() {
        let today = date!(2026 - 03 - 01);
        let f = MilestoneFields {
            phase_id: "x".into(),
            title: "".into(),
            planned_on: "2026-13-01".into(),
            actual_on: "2026-04-01".into(),
            status: "done".into(),
            note: "n".repeat(NOTE_MAX + 1),
        };
        let got: Vec<_> = f.parse(today).unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect();
        let want = [
            ("phase_id", "invalid_id"),
            ("title", "required"),
            ("planned_on", "invalid_date"),
            ("note", "too_long"),
            ("actual_on", "in_future"),
        ];
        assert_eq!(got, want.iter().map(|(a, b)| (a.to_string(), *b)).collect::<Vec<_>>());
        let f = MilestoneFields { title: "Beslut".into(), planned_on: "2026-02-01".into(), ..Default::default() };
        assert_eq!(f.parse(today).unwrap().status, MilestoneStatus::Planned);
        let f = MilestoneFields { status: "done".into(), ..f };
        assert_eq!(f.parse(today).unwrap_err().0[0].code, "reached_on_required");
        let ph = PhaseFields {
            title: "Analys".into(),
            starts_on: "2021-02-28".into(),
            ends_on: "2021-02-01".into(),
            ..Default::default()
        };
        assert_eq!(ph.parse().unwrap_err().0[0].code, "before_start");
        assert_eq!(ForumInput::parse("", "", "decision").unwrap_err().0[0].code, "one_forum");
        assert_eq!(ForumInput::parse("3", "", "decide").unwrap_err().0[0].code, "invalid_choice");
        assert_eq!(ForumInput::parse("", "RSS Styrelse", "decision").unwrap().role, ForumRole::Decision);
    }

    /// Seed 002's review: "Februari – april: Dialog/förankring" beside the drafting, so an
    /// owner orders overlapping phases by hand; the place is optional, a whole number from 1.
    #[test]
    fn a_phase_is_placed_by_a_whole_number_from_one() {
        let ph = PhaseFields {
            title: "Dialog/förankring".into(),
            starts_on: "2021-02-01".into(),
            ends_on: "2021-04-30".into(),
            order: " 2 ".into(),
        };
        assert_eq!(ph.parse().unwrap().order, Some(2));
        assert_eq!(PhaseFields { order: "".into(), ..ph.clone() }.parse().unwrap().order, None);
        for bad in ["0", "-1", "två", "1.5", "1001"] {
            let e = PhaseFields { order: bad.into(), ..ph.clone() }.parse().unwrap_err();
            assert_eq!((e.0[0].field.as_str(), e.0[0].code), ("order", "invalid_position"), "{bad}");
        }
        assert_eq!(optional_position("order", "1000").unwrap(), Some(POSITION_MAX));
    }

    /// RFC 5545, 3.8.7.4: 0 for an event never revised, growing with each revision.
    #[test]
    fn the_calendar_sequence_grows_with_every_change() {
        let made = time::macros::datetime!(2026-01-12 09:00 UTC);
        assert_eq!(calendar_sequence(made, made), 0);
        let once = calendar_sequence(made, made + time::Duration::hours(1));
        let twice = calendar_sequence(made, made + time::Duration::days(3));
        assert!(0 < once && once < twice, "{once} {twice}");
        assert_eq!(calendar_sequence(made, made - time::Duration::hours(1)), 0, "never negative");
        assert_eq!(calendar_sequence(made, made + time::Duration::days(365 * 100)), i32::MAX as u32);
    }
}
