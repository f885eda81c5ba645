//! When an organisation is reminded to decide on a joint matter (issue 11): on each of the
//! `REMINDER_DAYS` days before the due day and on the day itself, while it has not decided.
//! The morning's job sends at most one reminder per matter, organisation and day (its mail's
//! dedupe key), so a rerun of the day sends nothing more.

use time::Date;

use super::PartyStatus;

/// How many days before the due day reminders start (a default, not a rule of law).
pub const REMINDER_DAYS: i64 = 7;

/// Whether an organisation whose decision stands at `status` is reminded on `today` of a
/// matter due on `due_on`: the matter was sent to it, it has not decided, and today falls in
/// the `days` days before the due day or on it.
pub fn reminder_due(status: PartyStatus, due_on: Date, today: Date, days: i64) -> bool {
    let left = (due_on - today).whole_days();
    matches!(status, PartyStatus::Sent | PartyStatus::InPreparation) && (0..=days).contains(&left)
}

#[cfg(test)]
mod tests {
    use super::*;
    use PartyStatus::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn reminders_run_the_week_before_the_due_day() {
        let due = date!(2026 - 11 - 30);
        assert!(reminder_due(Sent, due, date!(2026 - 11 - 23), REMINDER_DAYS));
        assert!(reminder_due(InPreparation, due, due, REMINDER_DAYS));
        assert!(!reminder_due(Sent, due, date!(2026 - 11 - 22), REMINDER_DAYS));
        assert!(!reminder_due(Sent, due, date!(2026 - 12 - 01), REMINDER_DAYS));
        assert!(!reminder_due(NotSent, due, due, REMINDER_DAYS));
        assert!(!reminder_due(Decided, due, due, REMINDER_DAYS));
    }

    proptest! {
        /// An organisation that has decided is never reminded, whatever the days.
        #[test]
        fn decided_organisations_are_never_reminded(offset in -400i64..400, days in 0i64..60) {
            let due = date!(2026 - 11 - 30);
            let today = due + time::Duration::days(offset);
            prop_assert!(!reminder_due(Decided, due, today, days));
            prop_assert!(!reminder_due(Declined, due, today, days));
            prop_assert_eq!(reminder_due(Sent, due, today, days), (0..=days).contains(&-offset));
        }
    }
}
