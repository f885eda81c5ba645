//! How far the annual follow-up report of a strategy has come while it is being written. The
//! region reports the follow-up of its strategy to the government each year (lag (2010:630) om
//! regionalt utvecklingsansvar 5 §); the report has, per strategy area, a text, the goals, the
//! indicators' status and the activities done. Three things can be missing: an area's text, an
//! activity's follow-up in a round of the year, an indicator's value for the year. The share
//! ready is what is there of all that is asked for.

use serde::Serialize;

/// An area's text in the report, at most this many characters.
pub const TEXT_MAX: usize = 8000;

/// What is asked for and what is there.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ReadinessCounts {
    pub areas: usize,
    pub areas_with_text: usize,
    pub activities: usize,
    pub activities_followed_up: usize,
    pub indicators: usize,
    pub indicators_with_value: usize,
}

/// The counts and the whole per cent ready.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Readiness {
    pub counts: ReadinessCounts,
    pub percent: u8,
}

impl ReadinessCounts {
    /// Per cent ready, rounded down so that 100 % means nothing is missing; an empty report
    /// (nothing asked for) is 0 %, since there is nothing to send.
    pub fn readiness(self) -> Readiness {
        let asked = self.areas + self.activities + self.indicators;
        let there = self.areas_with_text.min(self.areas)
            + self.activities_followed_up.min(self.activities)
            + self.indicators_with_value.min(self.indicators);
        let percent = (there * 100).checked_div(asked).map_or(0, |p| p as u8);
        Readiness { counts: self, percent }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn six_areas_of_the_rus_with_half_the_work_done() {
        let c = ReadinessCounts {
            areas: 6,
            areas_with_text: 3,
            activities: 10,
            activities_followed_up: 5,
            indicators: 4,
            indicators_with_value: 2,
        };
        assert_eq!(c.readiness().percent, 50);
        let nearly = ReadinessCounts { areas_with_text: 6, activities_followed_up: 10, indicators_with_value: 3, ..c };
        assert_eq!(nearly.readiness().percent, 95, "rounded down: one value missing is not 100 %");
        assert_eq!(ReadinessCounts::default().readiness().percent, 0);
    }

    proptest! {
        /// 100 % exactly when nothing asked for is missing (and something is asked for).
        #[test]
        fn full_only_when_nothing_is_missing(a in 0usize..20, at in 0usize..20, b in 0usize..50, bt in 0usize..50, c in 0usize..30, ct in 0usize..30) {
            let counts = ReadinessCounts { areas: a, areas_with_text: at, activities: b, activities_followed_up: bt, indicators: c, indicators_with_value: ct };
            let r = counts.readiness();
            prop_assert!(r.percent <= 100);
            let complete = a + b + c > 0 && at >= a && bt >= b && ct >= c;
            prop_assert_eq!(r.percent == 100, complete);
        }
    }
}
