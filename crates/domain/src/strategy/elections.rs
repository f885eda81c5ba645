//! Sweden's general elections: the Riksdag, the regional councils (regionfullmäktige) and the
//! municipal councils (kommunfullmäktige) are elected on the same day, the second Sunday of
//! September, every fourth year (Regeringsformen 3 kap. 3 §; vallagen (2005:837) 1 kap. 3 §).
//! The series is counted from the election of 11 September 2022.

use time::{Date, Month};

/// The first election of the series this product counts from.
pub const FIRST_ELECTION_YEAR: i32 = 2022;

/// The second Sunday of September of `year`.
pub fn second_sunday_of_september(year: i32) -> Option<Date> {
    let first = Date::from_calendar_date(year, Month::September, 1).ok()?;
    let to_sunday = (7 + 6 - first.weekday().number_days_from_monday() as i64) % 7;
    Some(first + time::Duration::days(to_sunday + 7))
}

/// Whether a general election is held in `year` (2022, 2026, 2030, …).
pub fn is_election_year(year: i32) -> bool {
    year >= FIRST_ELECTION_YEAR && (year - FIRST_ELECTION_YEAR) % 4 == 0
}

/// The general election day of `year`, when there is one.
pub fn election_in(year: i32) -> Option<Date> {
    if is_election_year(year) { second_sunday_of_september(year) } else { None }
}

/// The first election day strictly after `day` (the 2022 election for any earlier day).
pub fn next_election_after(day: Date) -> Option<Date> {
    let mut year = day.year().max(FIRST_ELECTION_YEAR);
    year += (4 - (year - FIRST_ELECTION_YEAR) % 4) % 4;
    let e = election_in(year)?;
    if e > day { Some(e) } else { election_in(year + 4) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::Weekday;
    use time::macros::date;

    #[test]
    fn the_elections_of_2022_and_2026_are_on_their_second_sundays() {
        // Valmyndigheten: 11 September 2022; vallagen 1 kap. 3 § gives 13 September 2026.
        assert_eq!(election_in(2022), Some(date!(2022 - 09 - 11)));
        assert_eq!(election_in(2026), Some(date!(2026 - 09 - 13)));
        assert_eq!(election_in(2030), Some(date!(2030 - 09 - 08)));
        assert_eq!(election_in(2027), None);
    }

    #[test]
    fn the_next_election_is_strictly_after_the_day() {
        assert_eq!(next_election_after(date!(2019 - 12 - 03)), Some(date!(2022 - 09 - 11)));
        assert_eq!(next_election_after(date!(2022 - 09 - 11)), Some(date!(2026 - 09 - 13)));
        assert_eq!(next_election_after(date!(2026 - 09 - 12)), Some(date!(2026 - 09 - 13)));
        assert_eq!(next_election_after(date!(2026 - 11 - 16)), Some(date!(2030 - 09 - 08)));
    }

    proptest! {
        #[test]
        fn every_election_is_a_sunday_between_the_8th_and_14th_of_september(k in 0i32..100) {
            let e = election_in(FIRST_ELECTION_YEAR + 4 * k).unwrap();
            prop_assert_eq!(e.weekday(), Weekday::Sunday);
            prop_assert_eq!(e.month(), Month::September);
            prop_assert!((8..=14).contains(&e.day()));
        }

        #[test]
        fn the_next_election_is_after_the_day_and_within_four_years(n in 0i64..40_000) {
            let day = date!(2020 - 01 - 01) + time::Duration::days(n);
            let e = next_election_after(day).unwrap();
            prop_assert!(e > day);
            prop_assert!(is_election_year(e.year()));
            prop_assert!((e - day).whole_days() <= 4 * 366 + 7);
        }
    }
}
