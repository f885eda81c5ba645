//! The Swedish calendar of public holidays and of the days on which a statutory deadline
//! cannot end.
//!
//! Public holidays follow lag (1989:253) om allmänna helgdagar 1 §, in the wording in force
//! since 2005 (SFS 2004:1303, when Sveriges nationaldag replaced annandag pingst); that wording
//! is applied to every year, earlier ones included. Days off for deadlines follow lag (1930:173)
//! om beräkning av lagstadgad tid 2 §.
//!
//! Dates saturate at the ends of what [`time::Date`] can represent (years −9999 to 9999).

use time::{Date, Duration, Month, Weekday};

/// The rule for which days count as working days ("vardagar") when a statutory deadline is
/// computed. Sweden is the only calendar Samverkan knows; use [`SWEDEN`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct WorkingDays;

/// Swedish public holidays and deadline rules.
pub const SWEDEN: WorkingDays = WorkingDays;

/// Number of named public holidays in a year under lag (1989:253) 1 §.
const HOLIDAYS_PER_YEAR: usize = 13;

impl WorkingDays {
    /// The Swedish name of the public holiday ("allmän helgdag") on `d`, per lag (1989:253)
    /// om allmänna helgdagar 1 §. Ordinary Sundays are also allmänna helgdagar but have no
    /// name of their own and give `None`. When two holidays fall on the same day (första maj
    /// and Kristi himmelsfärdsdag in 2008), the one the law names first is given.
    pub fn holiday_name(&self, d: Date) -> Option<&'static str> {
        holiday_table(d.year())?.into_iter().find(|&(h, _)| h == d).map(|(_, name)| name)
    }

    /// Whether `d` is a day on which a statutory deadline can end. Per lag (1930:173) om
    /// beräkning av lagstadgad tid 2 §, a deadline that ends on a Saturday, a Sunday, another
    /// public holiday, midsommarafton, julafton or nyårsafton moves to the next working day.
    pub fn is_working_day(&self, d: Date) -> bool {
        !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) && !is_eve(d) && self.holiday_name(d).is_none()
    }

    /// `d` itself when it is a working day, otherwise the first working day after it
    /// (lag (1930:173) 2 §). At most five days later: julafton on a Wednesday moves to the
    /// following Monday.
    pub fn next_working_day_on_or_after(&self, mut d: Date) -> Date {
        while !self.is_working_day(d) {
            match d.next_day() {
                Some(next) => d = next,
                None => break,
            }
        }
        d
    }

    /// The thirteen named public holidays of `year` with their Swedish names, sorted by date
    /// (holidays that share a day keep the law's order). Empty for a year [`time::Date`]
    /// cannot represent.
    pub fn holidays(&self, year: i32) -> Vec<(Date, &'static str)> {
        let mut list = holiday_table(year).map(Vec::from).unwrap_or_default();
        list.sort_by_key(|&(d, _)| d);
        list
    }
}

/// The last Sunday of a month (the EU's summer-time switch days).
fn last_sunday(year: i32, month: time::Month) -> Option<Date> {
    let mut d = Date::from_calendar_date(year, month, month.length(year)).ok()?;
    while d.weekday() != time::Weekday::Sunday {
        d = d.previous_day()?;
    }
    Some(d)
}

/// The UTC offset of Europe/Stockholm at an instant: CET (+01:00), or CEST (+02:00) from 01:00
/// UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October (EU directive
/// 2000/84/EC).
pub fn stockholm_offset(at: time::OffsetDateTime) -> time::UtcOffset {
    let utc = at.to_offset(time::UtcOffset::UTC);
    let year = utc.year();
    let switch = |m| last_sunday(year, m).map(|d| d.with_hms(1, 0, 0).map(|t| t.assume_utc()));
    let summer = match (switch(time::Month::March), switch(time::Month::October)) {
        (Some(Ok(start)), Some(Ok(end))) => utc >= start && utc < end,
        _ => false,
    };
    time::UtcOffset::from_hms(if summer { 2 } else { 1 }, 0, 0).unwrap_or(time::UtcOffset::UTC)
}

/// The date in Sweden at an instant: the day deadlines and the notice board count in.
pub fn swedish_date(at: time::OffsetDateTime) -> Date {
    at.to_offset(stockholm_offset(at)).date()
}

/// Easter Sunday (påskdagen) of `year` in the Gregorian calendar, by the anonymous Gregorian
/// computus (Meeus/Jones/Butcher). `None` for a year [`time::Date`] cannot represent.
pub fn easter_sunday(year: i32) -> Option<Date> {
    let y = year;
    let a = y.rem_euclid(19);
    let (b, c) = (y.div_euclid(100), y.rem_euclid(100));
    let (d, e) = (b.div_euclid(4), b.rem_euclid(4));
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    let month = if n / 31 == 3 { Month::March } else { Month::April };
    // `n % 31 + 1` is a day of March or April, so it fits in a u8.
    let day = u8::try_from(n % 31 + 1).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// The named holidays of lag (1989:253) 1 § in the order the law lists them.
fn holiday_table(year: i32) -> Option<[(Date, &'static str); HOLIDAYS_PER_YEAR]> {
    let easter = easter_sunday(year)?;
    let on = |month, day| Date::from_calendar_date(year, month, day).ok();
    let from_easter = |days| easter.checked_add(Duration::days(days));
    // The first Saturday on or after the given day.
    let saturday_from = |month, day| {
        let start: Date = on(month, day)?;
        let to_saturday = (12 - start.weekday().number_days_from_monday()) % 7; // Saturday is 5
        start.checked_add(Duration::days(i64::from(to_saturday)))
    };
    Some([
        (on(Month::January, 1)?, "nyårsdagen"),
        (on(Month::January, 6)?, "trettondedag jul"),
        (from_easter(-2)?, "långfredagen"),
        (easter, "påskdagen"),
        (from_easter(1)?, "annandag påsk"),
        (from_easter(39)?, "Kristi himmelsfärdsdag"),
        (on(Month::May, 1)?, "första maj"),
        (on(Month::June, 6)?, "Sveriges nationaldag"),
        (from_easter(49)?, "pingstdagen"),
        (saturday_from(Month::June, 20)?, "midsommardagen"),
        (saturday_from(Month::October, 31)?, "alla helgons dag"),
        (on(Month::December, 25)?, "juldagen"),
        (on(Month::December, 26)?, "annandag jul"),
    ])
}

/// Midsommarafton (the Friday 19–25 June), julafton and nyårsafton: not public holidays, but
/// days on which a deadline cannot end (lag (1930:173) 2 §).
fn is_eve(d: Date) -> bool {
    match (d.month(), d.day()) {
        (Month::December, 24 | 31) => true,
        (Month::June, 19..=25) => d.weekday() == Weekday::Friday,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn stockholm_time() {
        use time::macros::{date, datetime};
        assert_eq!(super::stockholm_offset(datetime!(2026-03-29 00:59 UTC)).whole_hours(), 1);
        assert_eq!(super::stockholm_offset(datetime!(2026-03-29 01:00 UTC)).whole_hours(), 2);
        assert_eq!(super::stockholm_offset(datetime!(2026-10-25 00:59 UTC)).whole_hours(), 2);
        assert_eq!(super::stockholm_offset(datetime!(2026-10-25 01:00 UTC)).whole_hours(), 1);
        assert_eq!(super::swedish_date(datetime!(2026-11-23 23:30 UTC)), date!(2026 - 11 - 24));
        assert_eq!(super::swedish_date(datetime!(2026-06-30 22:30 UTC)), date!(2026 - 07 - 01));
        assert_eq!(super::swedish_date(datetime!(2026-06-30 21:30 UTC)), date!(2026 - 06 - 30));
    }

    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn easter_dates() {
        assert_eq!(easter_sunday(1900), Some(date!(1900 - 04 - 15)));
        assert_eq!(easter_sunday(2000), Some(date!(2000 - 04 - 23)));
        assert_eq!(easter_sunday(2008), Some(date!(2008 - 03 - 23)));
        assert_eq!(easter_sunday(2011), Some(date!(2011 - 04 - 24)));
        assert_eq!(easter_sunday(2024), Some(date!(2024 - 03 - 31)));
        assert_eq!(easter_sunday(2025), Some(date!(2025 - 04 - 20)));
        assert_eq!(easter_sunday(2026), Some(date!(2026 - 04 - 05)));
        assert_eq!(easter_sunday(2038), Some(date!(2038 - 04 - 25)));
        assert_eq!(easter_sunday(10_000), None);
    }

    #[test]
    fn easter_is_a_sunday_between_22_march_and_25_april() {
        for year in 1583..=9999 {
            let e = easter_sunday(year).expect("representable year");
            assert_eq!(e.weekday(), Weekday::Sunday, "{year}");
            assert!(e >= date!(2000 - 03 - 22).replace_year(year).expect("valid"), "{year}");
            assert!(e <= date!(2000 - 04 - 25).replace_year(year).expect("valid"), "{year}");
        }
    }

    #[test]
    fn holidays_2025() {
        let expected = vec![
            (date!(2025 - 01 - 01), "nyårsdagen"),
            (date!(2025 - 01 - 06), "trettondedag jul"),
            (date!(2025 - 04 - 18), "långfredagen"),
            (date!(2025 - 04 - 20), "påskdagen"),
            (date!(2025 - 04 - 21), "annandag påsk"),
            (date!(2025 - 05 - 01), "första maj"),
            (date!(2025 - 05 - 29), "Kristi himmelsfärdsdag"),
            (date!(2025 - 06 - 06), "Sveriges nationaldag"),
            (date!(2025 - 06 - 08), "pingstdagen"),
            (date!(2025 - 06 - 21), "midsommardagen"),
            (date!(2025 - 11 - 01), "alla helgons dag"),
            (date!(2025 - 12 - 25), "juldagen"),
            (date!(2025 - 12 - 26), "annandag jul"),
        ];
        assert_eq!(SWEDEN.holidays(2025), expected);
        assert!(SWEDEN.holidays(10_000).is_empty());
    }

    #[test]
    fn saturday_holidays() {
        assert_eq!(SWEDEN.holiday_name(date!(2025 - 06 - 21)), Some("midsommardagen"));
        assert_eq!(SWEDEN.holiday_name(date!(2025 - 11 - 01)), Some("alla helgons dag"));
        assert_eq!(SWEDEN.holiday_name(date!(2026 - 10 - 31)), Some("alla helgons dag"));
        assert_eq!(SWEDEN.holiday_name(date!(2026 - 11 - 01)), None);
        assert_eq!(SWEDEN.holiday_name(date!(2026 - 06 - 20)), Some("midsommardagen"));
    }

    #[test]
    fn shared_day_gives_the_first_in_the_law() {
        assert_eq!(SWEDEN.holiday_name(date!(2008 - 05 - 01)), Some("Kristi himmelsfärdsdag"));
        let h = SWEDEN.holidays(2008);
        assert_eq!(h.len(), 13);
        assert_eq!(h.iter().filter(|(d, _)| *d == date!(2008 - 05 - 01)).count(), 2);
    }

    #[test]
    fn eves_and_weekends_are_not_working_days() {
        for d in [
            date!(2025 - 06 - 20), // midsommarafton
            date!(2025 - 12 - 24), // julafton
            date!(2025 - 12 - 31), // nyårsafton
            date!(2025 - 05 - 29), // Kristi himmelsfärdsdag
            date!(2025 - 02 - 22), // Saturday
            date!(2025 - 02 - 23), // Sunday
        ] {
            assert!(!SWEDEN.is_working_day(d), "{d}");
        }
        for d in [date!(2025 - 06 - 19), date!(2025 - 12 - 23), date!(2025 - 04 - 17), date!(2025 - 05 - 30)] {
            assert!(SWEDEN.is_working_day(d), "{d}");
        }
        // Eves are not public holidays.
        assert_eq!(SWEDEN.holiday_name(date!(2025 - 12 - 24)), None);
    }

    #[test]
    fn next_working_day() {
        let next = |d| SWEDEN.next_working_day_on_or_after(d);
        assert_eq!(next(date!(2025 - 03 - 04)), date!(2025 - 03 - 04));
        assert_eq!(next(date!(2025 - 12 - 24)), date!(2025 - 12 - 29));
        assert_eq!(next(date!(2025 - 12 - 31)), date!(2026 - 01 - 02));
        assert_eq!(next(date!(2025 - 04 - 18)), date!(2025 - 04 - 22));
        assert_eq!(next(Date::MAX), Date::MAX);
    }

    #[test]
    fn longest_run_of_days_off_is_five() {
        let (mut d, mut run, mut longest) = (date!(1900 - 01 - 01), 0, 0);
        while d <= date!(2199 - 12 - 31) {
            run = if SWEDEN.is_working_day(d) { 0 } else { run + 1 };
            longest = longest.max(run);
            d = d.next_day().expect("in range");
        }
        assert_eq!(longest, 5);
    }

    fn any_date() -> impl Strategy<Value = Date> {
        let (from, to) = (date!(1950 - 01 - 01).to_julian_day(), date!(2150 - 12 - 31).to_julian_day());
        (from..=to).prop_map(|j| Date::from_julian_day(j).expect("in range"))
    }

    proptest! {
        #[test]
        fn next_working_day_is_idempotent_and_working(d in any_date()) {
            let n = SWEDEN.next_working_day_on_or_after(d);
            prop_assert!(n >= d);
            prop_assert!(SWEDEN.is_working_day(n));
            prop_assert_eq!(SWEDEN.next_working_day_on_or_after(n), n);
        }

        #[test]
        fn holiday_lists_are_complete_sorted_and_in_the_year(year in 1950i32..=2150) {
            let list = SWEDEN.holidays(year);
            prop_assert_eq!(list.len(), 13);
            prop_assert!(list.windows(2).all(|w| w[0].0 <= w[1].0));
            prop_assert!(list.iter().all(|(d, _)| d.year() == year));
            for (d, name) in &list {
                let first = list.iter().find(|(other, _)| other == d).map(|(_, n)| *n);
                prop_assert_eq!(SWEDEN.holiday_name(*d), first, "{} {}", d, name);
                prop_assert!(!SWEDEN.is_working_day(*d));
            }
        }
    }
}
