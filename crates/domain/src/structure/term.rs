//! Mandatperiod: the four-year term between two general elections.

use std::fmt;

use time::{Date, Month};

/// A term of office. Swedish general elections are held in September 2022, 2026, 2030 …; the
/// product's convention is that a term covers whole calendar years, 1 January of its start year
/// to 31 December three years later: 2019–2022, 2023–2026, 2027–2030 …
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Term {
    start_year: i32,
}

/// A year in which a term starts; every fourth year from it is one too.
const ANCHOR: i64 = 2023;

impl Term {
    /// The term that starts in `year`, if one does.
    pub fn starting(year: i32) -> Option<Term> {
        ((i64::from(year) - ANCHOR).rem_euclid(4) == 0).then_some(Term { start_year: year })
    }

    /// The term a date falls in.
    pub fn containing(date: Date) -> Term {
        let year = date.year();
        Term { start_year: year - (i64::from(year) - ANCHOR).rem_euclid(4) as i32 }
    }

    /// "2023–2026" or "2023-2026", with or without spaces around the dash.
    pub fn parse(s: &str) -> Option<Term> {
        let (start, end) = s.trim().split_once(['-', '–'])?;
        let year = |y: &str| {
            let y = y.trim();
            (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit())).then(|| y.parse::<i32>().ok()).flatten()
        };
        let (start, end) = (year(start)?, year(end)?);
        Term::starting(start).filter(|_| end == start + 3)
    }

    pub fn start_year(self) -> i32 {
        self.start_year
    }

    pub fn end_year(self) -> i32 {
        self.start_year + 3
    }

    /// 1 January of the first year.
    pub fn start(self) -> Date {
        Date::from_calendar_date(self.start_year, Month::January, 1).unwrap_or(Date::MIN)
    }

    /// 31 December of the last year (inclusive).
    pub fn end(self) -> Date {
        Date::from_calendar_date(self.end_year(), Month::December, 31).unwrap_or(Date::MAX)
    }

    pub fn contains(self, date: Date) -> bool {
        Term::containing(date) == self
    }

    pub fn next(self) -> Term {
        Term { start_year: self.start_year + 4 }
    }

    pub fn previous(self) -> Term {
        Term { start_year: self.start_year - 4 }
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", self.start_year, self.end_year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn dates_fall_in_their_term() {
        assert_eq!(Term::containing(date!(2024 - 05 - 01)).to_string(), "2023–2026");
        assert_eq!(Term::containing(date!(2027 - 01 - 01)).to_string(), "2027–2030");
        assert_eq!(Term::containing(date!(2026 - 12 - 31)).to_string(), "2023–2026");
        assert_eq!(Term::containing(date!(2019 - 01 - 01)).to_string(), "2019–2022");
        let t = Term::parse("2023–2026").unwrap();
        assert_eq!((t.start(), t.end()), (date!(2023 - 01 - 01), date!(2026 - 12 - 31)));
        assert_eq!(t.next().to_string(), "2027–2030");
        assert_eq!(t.previous().to_string(), "2019–2022");
    }

    #[test]
    fn parses_hyphen_or_en_dash_and_only_real_terms() {
        assert_eq!(Term::parse("2023-2026"), Term::starting(2023));
        assert_eq!(Term::parse(" 2027 – 2030 "), Term::starting(2027));
        for bad in ["2024–2027", "2023–2027", "2023", "23–26", "2023–2026–2029", "+202–2026", ""] {
            assert_eq!(Term::parse(bad), None, "{bad}");
        }
        assert_eq!(Term::starting(2024), None);
    }

    proptest! {
        #[test]
        fn every_date_is_in_exactly_its_term(days in -300_000i32..300_000) {
            let d = date!(2000 - 01 - 01) + time::Duration::days(days.into());
            let t = Term::containing(d);
            prop_assert!(t.start() <= d && d <= t.end());
            prop_assert!(t.contains(d) && !t.next().contains(d) && !t.previous().contains(d));
            prop_assert_eq!(Term::parse(&t.to_string()), Some(t));
        }
    }
}
