//! When the organisations asked that have not submitted their answer are reminded. Seed 004
//! asks the municipalities for their answers by a last day; as a referral's consultees are
//! reminded before its deadline (`referrals::referral::reminder_day`), an organisation that has
//! not submitted is reminded once, a week before the closing day, or the day after sending when
//! the survey was sent later than that. A survey without a closing day is never reminded of.

use time::{Date, Duration};

/// How many days before the closing day the reminder goes.
pub const REMINDER_DAYS_BEFORE: i64 = 7;

/// The day of the reminder of a survey sent on `sent_on` and closing on `closes_on`; none when
/// that day would be after the closing day (sent on its last day).
pub fn reminder_day(sent_on: Date, closes_on: Date) -> Option<Date> {
    let day = (closes_on - Duration::days(REMINDER_DAYS_BEFORE)).max(sent_on + Duration::days(1));
    (day <= closes_on).then_some(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn a_week_before_the_closing_day_or_the_day_after_sending() {
        // Seed 004: the municipalities answer by a last day; sent in February, closing 15 April.
        assert_eq!(reminder_day(date!(2026 - 02 - 01), date!(2026 - 04 - 15)), Some(date!(2026 - 04 - 08)));
        assert_eq!(reminder_day(date!(2026 - 04 - 10), date!(2026 - 04 - 15)), Some(date!(2026 - 04 - 11)));
        assert_eq!(reminder_day(date!(2026 - 04 - 14), date!(2026 - 04 - 15)), Some(date!(2026 - 04 - 15)));
        assert_eq!(reminder_day(date!(2026 - 04 - 15), date!(2026 - 04 - 15)), None);
    }

    proptest! {
        #[test]
        fn the_reminder_is_after_sending_and_by_the_closing_day(sent in 0i64..400, open in 0i64..200) {
            let sent_on = date!(2026 - 01 - 01) + Duration::days(sent);
            let closes_on = sent_on + Duration::days(open);
            if let Some(day) = reminder_day(sent_on, closes_on) {
                prop_assert!(day > sent_on && day <= closes_on);
                prop_assert!(closes_on - day <= Duration::days(REMINDER_DAYS_BEFORE));
            } else {
                prop_assert_eq!(sent_on, closes_on);
            }
        }
    }
}
