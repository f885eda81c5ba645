//! The statutory deadlines between a meeting and the end of the appeal period: adjustment
//! ("justering") of the protocol, posting the notice of adjustment on the notice board
//! ("anslagstavlan") and appeal ("laglighetsprövning").
//!
//! Dates saturate at the ends of what [`time::Date`] can represent.

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use super::calendar::WorkingDays;
use crate::FieldError;

/// The lengths of the statutory periods. [`Deadlines::default`] gives the numbers of the law;
/// they are a configurable default so that an organisation with stricter rules of procedure
/// can shorten them. All three are expected to be non-negative.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Deadlines {
    /// The protocol is adjusted no later than 14 days after the meeting: kommunallagen
    /// (2017:725) 5 kap. 69 § (fullmäktige) and 6 kap. 35 § (nämnder).
    pub adjustment_days: i64,
    /// The adjustment is announced on the notice board no later than the second day after
    /// it: KL 8 kap. 12 §.
    pub posting_days: i64,
    /// An appeal must reach the court within three weeks of the day the adjustment was
    /// announced on the notice board: KL 13 kap. 5 §. A period that ends on a day off moves
    /// to the next working day: lag (1930:173) om beräkning av lagstadgad tid 2 §.
    pub appeal_weeks: i64,
}

impl Default for Deadlines {
    fn default() -> Self {
        Deadlines { adjustment_days: 14, posting_days: 2, appeal_weeks: 3 }
    }
}

/// The dates of one notice of adjustment on the notice board, checked against [`Deadlines`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct NoticeDates {
    pub adjusted_on: Date,
    pub posted_on: Date,
    /// The last day an appeal can reach the court.
    pub appeal_deadline: Date,
    /// The day the notice comes down; after the appeal deadline.
    pub takedown_on: Date,
}

impl Deadlines {
    /// The last day to adjust the protocol of a meeting held on `meeting_date` (KL 5 kap.
    /// 69 §, 6 kap. 35 §). Not moved off a day off.
    pub fn adjustment_due(&self, meeting_date: Date) -> Date {
        meeting_date.saturating_add(Duration::days(self.adjustment_days))
    }

    /// The last day to post the notice of a protocol adjusted on `adjusted_on` (KL 8 kap.
    /// 12 §). Not moved off a day off.
    pub fn posting_due(&self, adjusted_on: Date) -> Date {
        adjusted_on.saturating_add(Duration::days(self.posting_days))
    }

    /// The last day for an appeal against decisions in a protocol whose adjustment was posted
    /// on `posted_on`: three weeks later (KL 13 kap. 5 §), moved to the next working day when
    /// that is a Saturday, Sunday, public holiday, midsommarafton, julafton or nyårsafton
    /// (lag (1930:173) 2 §).
    pub fn appeal_deadline(&self, posted_on: Date, calendar: &WorkingDays) -> Date {
        calendar.next_working_day_on_or_after(posted_on.saturating_add(Duration::weeks(self.appeal_weeks)))
    }

    /// The first day the notice may come down: the day after the appeal deadline, since it
    /// stays up for the whole appeal period (KL 8 kap. 12 §).
    pub fn earliest_takedown(&self, posted_on: Date, calendar: &WorkingDays) -> Date {
        let deadline = self.appeal_deadline(posted_on, calendar);
        deadline.next_day().unwrap_or(deadline)
    }

    /// Checks the dates of a notice and fills in the appeal deadline and, when none is
    /// requested, the earliest takedown. Rejects a notice posted before the adjustment or
    /// after [`posting_due`](Self::posting_due) (field `posted_on`), and a takedown before
    /// [`earliest_takedown`](Self::earliest_takedown) (field `takedown_on`).
    pub fn notice_dates(
        &self,
        adjusted_on: Date,
        posted_on: Date,
        requested_takedown: Option<Date>,
        calendar: &WorkingDays,
    ) -> Result<NoticeDates, FieldError> {
        if posted_on < adjusted_on {
            return Err(FieldError::new(
                "posted_on",
                "posted_before_adjustment",
                format!("Justeringen kan inte anslås före justeringsdagen {adjusted_on}."),
                format!("The approval cannot be posted before the day of approval, {adjusted_on}."),
            ));
        }
        let due = self.posting_due(adjusted_on);
        if posted_on > due {
            return Err(FieldError::new(
                "posted_on",
                "posted_too_late",
                format!("Justeringen ska anslås senast {due} (kommunallagen 8 kap. 12 §)."),
                format!("The approval must be posted no later than {due} (Local Government Act, ch. 8 s. 12)."),
            ));
        }
        let earliest = self.earliest_takedown(posted_on, calendar);
        let takedown_on = requested_takedown.unwrap_or(earliest);
        if takedown_on < earliest {
            return Err(FieldError::new(
                "takedown_on",
                "takedown_too_early",
                format!("Anslaget ska sitta uppe hela överklagandetiden och kan tas ned tidigast {earliest}."),
                format!(
                    "The notice must stay up for the whole appeal period and can come down on {earliest} at the earliest."
                ),
            ));
        }
        Ok(NoticeDates {
            adjusted_on,
            posted_on,
            appeal_deadline: self.appeal_deadline(posted_on, calendar),
            takedown_on,
        })
    }

    /// Whether the protocol of a meeting held on `meeting_date` is overdue for adjustment on
    /// `today`: not yet adjusted and past [`adjustment_due`](Self::adjustment_due).
    pub fn is_adjustment_late(&self, meeting_date: Date, today: Date, adjusted: bool) -> bool {
        !adjusted && today > self.adjustment_due(meeting_date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meetings::calendar::SWEDEN;
    use proptest::prelude::*;
    use time::macros::date;

    fn appeal(posted_on: Date) -> Date {
        Deadlines::default().appeal_deadline(posted_on, &SWEDEN)
    }

    #[test]
    fn default_is_the_law() {
        let d = Deadlines::default();
        assert_eq!((d.adjustment_days, d.posting_days, d.appeal_weeks), (14, 2, 3));
    }

    #[test]
    fn adjustment_and_posting_are_not_moved() {
        let d = Deadlines::default();
        // 2025-06-20 is midsommarafton, 2025-12-24 julafton.
        assert_eq!(d.adjustment_due(date!(2025 - 06 - 06)), date!(2025 - 06 - 20));
        assert_eq!(d.posting_due(date!(2025 - 12 - 22)), date!(2025 - 12 - 24));
    }

    #[test]
    fn appeal_deadline_already_a_working_day() {
        assert_eq!(appeal(date!(2025 - 03 - 04)), date!(2025 - 03 - 25));
    }

    #[test]
    fn appeal_deadline_on_a_saturday_moves_to_monday() {
        assert_eq!(appeal(date!(2025 - 02 - 01)), date!(2025 - 02 - 24));
    }

    #[test]
    fn appeal_deadline_on_midsommarafton() {
        assert_eq!(appeal(date!(2025 - 05 - 30)), date!(2025 - 06 - 23));
    }

    #[test]
    fn appeal_deadline_on_julafton() {
        // 24, 25 and 26 December, then a weekend.
        assert_eq!(appeal(date!(2025 - 12 - 03)), date!(2025 - 12 - 29));
    }

    #[test]
    fn appeal_deadline_on_nyarsafton() {
        assert_eq!(appeal(date!(2025 - 12 - 10)), date!(2026 - 01 - 02));
    }

    #[test]
    fn appeal_deadline_on_kristi_himmelsfardsdag() {
        assert_eq!(appeal(date!(2025 - 05 - 08)), date!(2025 - 05 - 30));
    }

    #[test]
    fn appeal_deadline_on_langfredagen() {
        assert_eq!(appeal(date!(2025 - 03 - 28)), date!(2025 - 04 - 22));
    }

    #[test]
    fn notice_dates_default_takedown() {
        let n = Deadlines::default()
            .notice_dates(date!(2025 - 05 - 28), date!(2025 - 05 - 30), None, &SWEDEN)
            .expect("valid");
        assert_eq!(
            n,
            NoticeDates {
                adjusted_on: date!(2025 - 05 - 28),
                posted_on: date!(2025 - 05 - 30),
                appeal_deadline: date!(2025 - 06 - 23),
                takedown_on: date!(2025 - 06 - 24),
            }
        );
        let later = Deadlines::default()
            .notice_dates(date!(2025 - 05 - 28), date!(2025 - 05 - 28), Some(date!(2025 - 07 - 01)), &SWEDEN)
            .expect("valid");
        assert_eq!(later.takedown_on, date!(2025 - 07 - 01));
    }

    #[test]
    fn notice_dates_rejections() {
        let d = Deadlines::default();
        let err =
            |adjusted, posted, takedown| d.notice_dates(adjusted, posted, takedown, &SWEDEN).expect_err("invalid");

        let e = err(date!(2025 - 05 - 28), date!(2025 - 05 - 27), None);
        assert_eq!((e.field.as_str(), e.code), ("posted_on", "posted_before_adjustment"));

        let e = err(date!(2025 - 05 - 28), date!(2025 - 05 - 31), None);
        assert_eq!((e.field.as_str(), e.code), ("posted_on", "posted_too_late"));
        assert!(e.sv.contains("2025-05-30") && e.en.contains("2025-05-30"));

        let e = err(date!(2025 - 05 - 28), date!(2025 - 05 - 30), Some(date!(2025 - 06 - 23)));
        assert_eq!((e.field.as_str(), e.code), ("takedown_on", "takedown_too_early"));
        assert!(e.sv.contains("2025-06-24") && e.en.contains("2025-06-24"));
    }

    #[test]
    fn adjustment_lateness() {
        let d = Deadlines::default();
        let meeting = date!(2025 - 03 - 03);
        assert!(!d.is_adjustment_late(meeting, date!(2025 - 03 - 17), false));
        assert!(d.is_adjustment_late(meeting, date!(2025 - 03 - 18), false));
        assert!(!d.is_adjustment_late(meeting, date!(2025 - 03 - 18), true));
    }

    fn any_date() -> impl Strategy<Value = Date> {
        let (from, to) = (date!(1950 - 01 - 01).to_julian_day(), date!(2150 - 12 - 31).to_julian_day());
        (from..=to).prop_map(|j| Date::from_julian_day(j).expect("in range"))
    }

    proptest! {
        #[test]
        fn appeal_deadline_is_a_working_day_within_a_week(posted in any_date()) {
            let deadline = appeal(posted);
            let three_weeks = posted + Duration::days(21);
            prop_assert!(SWEDEN.is_working_day(deadline));
            prop_assert!(deadline >= three_weeks);
            prop_assert!(deadline <= three_weeks + Duration::days(6));
        }

        #[test]
        fn takedown_is_after_the_appeal_deadline(posted in any_date()) {
            let d = Deadlines::default();
            prop_assert!(d.earliest_takedown(posted, &SWEDEN) > d.appeal_deadline(posted, &SWEDEN));
        }
    }
}
