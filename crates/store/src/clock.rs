//! The one clock of the product. Everything that asks "when is now" or "what day is it" — the
//! timestamps the store writes, sessions, the sign-in throttle, deadlines, the notice board and
//! the demo — asks the store's clock, so that a test or a demo can fix "today" (ADR 15).

use std::time::Instant;

use time::{Date, Duration, OffsetDateTime};

/// The system clock, or one that read a chosen instant when it was made and runs on from
/// there: dates stay fixed for the length of a test while instants still advance, so "later"
/// is still later.
#[derive(Clone, Copy, Debug)]
pub struct Clock {
    /// The instant it read when it was made, and when that was; `None` for the system clock.
    fixed: Option<(OffsetDateTime, Instant)>,
}

impl Default for Clock {
    fn default() -> Self {
        Clock::system()
    }
}

impl Clock {
    pub fn system() -> Clock {
        Clock { fixed: None }
    }

    /// A clock that reads `at` now and runs on from there.
    pub fn starting_at(at: OffsetDateTime) -> Clock {
        Clock { fixed: Some((at, Instant::now())) }
    }

    /// A clock that reads 10:00 Swedish time on `day` now (09:00 or 08:00 UTC), and runs on.
    pub fn starting_on(day: Date) -> Clock {
        let utc = day.midnight().assume_utc() + Duration::hours(10);
        let offset = domain::meetings::calendar::stockholm_offset(utc);
        Clock::starting_at(day.midnight().assume_offset(offset) + Duration::hours(10))
    }

    /// Now, truncated to microseconds so that what is read back equals what was written on both
    /// engines (PostgreSQL keeps microseconds).
    pub fn now(&self) -> OffsetDateTime {
        let t = match self.fixed {
            None => OffsetDateTime::now_utc(),
            Some((at, made)) => (at + made.elapsed()).to_offset(time::UtcOffset::UTC),
        };
        t.replace_nanosecond(t.nanosecond() / 1000 * 1000).unwrap_or(t)
    }

    /// Today in Sweden: the day deadlines, the notice board and meeting dates count in.
    pub fn today(&self) -> Date {
        domain::meetings::calendar::swedish_date(self.now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn a_fixed_clock_keeps_its_day_and_runs_on() {
        let c = Clock::starting_on(date!(2026 - 06 - 15));
        assert_eq!(c.today(), date!(2026 - 06 - 15));
        // Summer time: 10:00 in Stockholm is 08:00 UTC.
        assert_eq!(c.now().hour(), 8);
        let (a, b) = (c.now(), c.now());
        assert!(b >= a);
        assert_eq!(Clock::starting_on(date!(2026 - 12 - 04)).now().hour(), 9);
    }

    #[test]
    fn the_swedish_day_starts_at_swedish_midnight() {
        // 23:30 UTC on 31 December is already 1 January in Stockholm.
        let c = Clock::starting_at(datetime!(2026-12-31 23:30 UTC));
        assert_eq!(c.today(), date!(2027 - 01 - 01));
    }
}
