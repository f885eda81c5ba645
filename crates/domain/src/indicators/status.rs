//! The progress status of an indicator, by the method Open SDG took over from Statistics Canada
//! ("Progress Measurement Methodology", `docs/progress-methodology.md` of the open-sdg
//! repository; the reference implementation is sdg-build's progress calculation).
//!
//! - The observed compound annual growth rate between the base year `t0` and the latest year
//!   `ti` with a value: `CAGRi = (yi / y0)^(1 / (ti − t0)) − 1`.
//! - With a target `yT` in year `tT`: target achieved when the latest value has reached it (in
//!   the better direction); otherwise the rate needed is `CAGRT = (yT / y0)^(1 / (tT − t0)) − 1`
//!   and the ratio `R = d · CAGRi / |CAGRT|` (`d` = +1 when an increase is better, −1 when a
//!   decrease is) is compared with 95 % (on track), 60 % (progress made, acceleration needed)
//!   and 0 % (limited progress; below: deterioration). Taking `d` and the absolute value is the
//!   methodology's correction for a base value that already met the target.
//! - Without a target the fixed thresholds apply to `d · CAGRi`: ≥ 1.5 % on track, ≥ 0.5 %
//!   acceleration needed, ≥ 0 % limited progress, below deterioration.
//! - The base year is the one asked for (Open SDG's default is 2015; here the indicator's
//!   baseline year) or, when the series has no value that year, the first later year with one;
//!   without a baseline year, the series' first year. At least two years are needed.
//! - A target of 0 is taken as 0.001, as sdg-build does, so that the rate is defined. A growth
//!   rate is undefined when a value is zero or negative or the signs differ: no status then.
//!
//! Not done: the scaling factor `C` for indicators with a natural limit (e.g. 100 %); the
//! thresholds are used unscaled.

use serde::{Deserialize, Serialize};

use super::Direction;
use crate::error::Lang;

/// The thresholds of the ratio `R` (with a target) and of the growth rate (without).
pub const RATIO_ON_TRACK: f64 = 0.95;
pub const RATIO_ACCELERATE: f64 = 0.60;
pub const GROWTH_ON_TRACK: f64 = 0.015;
pub const GROWTH_ACCELERATE: f64 = 0.005;

/// The five categories, worst first (so that `Ord` means "better than").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    Deterioration,
    LimitedProgress,
    NeedsAcceleration,
    OnTrack,
    TargetAchieved,
}

impl Progress {
    pub const ALL: [Progress; 5] = [
        Progress::TargetAchieved,
        Progress::OnTrack,
        Progress::NeedsAcceleration,
        Progress::LimitedProgress,
        Progress::Deterioration,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Progress::Deterioration => "deterioration",
            Progress::LimitedProgress => "limited_progress",
            Progress::NeedsAcceleration => "needs_acceleration",
            Progress::OnTrack => "on_track",
            Progress::TargetAchieved => "target_achieved",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Progress::TargetAchieved, Lang::Sv) => "Målet är nått",
            (Progress::OnTrack, Lang::Sv) => "På rätt väg",
            (Progress::NeedsAcceleration, Lang::Sv) => "Framsteg, men takten behöver öka",
            (Progress::LimitedProgress, Lang::Sv) => "Begränsade framsteg",
            (Progress::Deterioration, Lang::Sv) => "Försämring",
            (Progress::TargetAchieved, Lang::En) => "Target achieved",
            (Progress::OnTrack, Lang::En) => "On track",
            (Progress::NeedsAcceleration, Lang::En) => "Progress made, acceleration needed",
            (Progress::LimitedProgress, Lang::En) => "Limited progress",
            (Progress::Deterioration, Lang::En) => "Deterioration",
        }
    }
}

/// One year's value of a series.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub year: i32,
    pub value: f64,
}

/// A target: a value to reach by a year.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub value: f64,
    pub year: i32,
}

/// The status with the figures it was computed from, so a page can explain it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub progress: Progress,
    pub base: Point,
    pub latest: Point,
    /// The observed compound annual growth rate (a fraction: 0.01 is 1 % a year).
    pub observed_rate: f64,
    /// The rate needed to reach the target on time, when there is a target not yet achieved.
    pub required_rate: Option<f64>,
    pub ratio: Option<f64>,
}

/// The compound annual growth rate from `(t0, y0)` to `(t1, y1)`; `None` where undefined.
pub fn growth_rate(y0: f64, t0: i32, y1: f64, t1: i32) -> Option<f64> {
    let same_sign = (y1 / y0).partial_cmp(&0.0) == Some(std::cmp::Ordering::Greater);
    if t1 <= t0 || !same_sign || !y0.is_finite() || !y1.is_finite() {
        return None;
    }
    let r = (y1 / y0).powf(1.0 / f64::from(t1 - t0)) - 1.0;
    r.is_finite().then_some(r)
}

fn sign(d: Direction) -> f64 {
    match d {
        Direction::Increase => 1.0,
        Direction::Decrease => -1.0,
    }
}

fn category(x: f64, on_track: f64, accelerate: f64) -> Progress {
    if x >= on_track {
        Progress::OnTrack
    } else if x >= accelerate {
        Progress::NeedsAcceleration
    } else if x >= 0.0 {
        Progress::LimitedProgress
    } else {
        Progress::Deterioration
    }
}

/// The status of `series` (any order; missing values left out by the caller), or `None` when it
/// cannot be computed (fewer than two years from the base year on, or a rate undefined).
pub fn assess(
    series: &[Point],
    direction: Direction,
    base_year: Option<i32>,
    target: Option<Target>,
) -> Option<Assessment> {
    let mut points: Vec<Point> = series.iter().copied().filter(|p| p.value.is_finite()).collect();
    points.sort_by_key(|p| p.year);
    let base = match base_year {
        Some(y) => *points.iter().find(|p| p.year >= y)?,
        None => *points.first()?,
    };
    let latest = *points.last()?;
    if latest.year <= base.year {
        return None;
    }
    let d = sign(direction);
    let observed_rate = growth_rate(base.value, base.year, latest.value, latest.year)?;
    let Some(t) = target else {
        let progress = category(d * observed_rate, GROWTH_ON_TRACK, GROWTH_ACCELERATE);
        return Some(Assessment { progress, base, latest, observed_rate, required_rate: None, ratio: None });
    };
    let achieved = match direction {
        Direction::Increase => latest.value >= t.value,
        Direction::Decrease => latest.value <= t.value,
    };
    if achieved {
        let progress = Progress::TargetAchieved;
        return Some(Assessment { progress, base, latest, observed_rate, required_rate: None, ratio: None });
    }
    let target_value = if t.value == 0.0 { 0.001 } else { t.value };
    let required = growth_rate(base.value, base.year, target_value, t.year)?;
    let ratio = d * observed_rate / required.abs();
    if ratio.is_nan() {
        return None;
    }
    let progress = category(ratio, RATIO_ON_TRACK, RATIO_ACCELERATE);
    Some(Assessment { progress, base, latest, observed_rate, required_rate: Some(required), ratio: Some(ratio) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn s(v: &[(i32, f64)]) -> Vec<Point> {
        v.iter().map(|&(year, value)| Point { year, value }).collect()
    }

    #[test]
    fn without_a_target_the_fixed_thresholds_apply() {
        // Open SDG methodology, "Indicators without quantitative targets": ≥ 1.5 % on track,
        // 0.5–1.5 % acceleration needed, 0–0.5 % limited progress, < 0 deterioration.
        let up = |y1: f64| assess(&s(&[(2015, 100.0), (2016, y1)]), Direction::Increase, None, None).unwrap().progress;
        assert_eq!(up(102.0), Progress::OnTrack);
        assert_eq!(up(101.0), Progress::NeedsAcceleration);
        assert_eq!(up(100.2), Progress::LimitedProgress);
        assert_eq!(up(100.0), Progress::LimitedProgress);
        assert_eq!(up(99.0), Progress::Deterioration);
        // Kolada N00401 (greenhouse gases, a decrease is better): falling emissions are progress.
        let down = assess(&s(&[(2015, 6.0), (2022, 4.5)]), Direction::Decrease, None, None).unwrap();
        assert_eq!(down.progress, Progress::OnTrack);
        assert!((down.observed_rate - ((4.5f64 / 6.0).powf(1.0 / 7.0) - 1.0)).abs() < 1e-12);
    }

    #[test]
    fn with_a_target_the_ratio_of_rates_decides() {
        // Base 100 in 2015, target 200 in 2025: the required rate is 2^(1/10) − 1 ≈ 7.18 %.
        let t = Some(Target { value: 200.0, year: 2025 });
        let at = |y: f64| assess(&s(&[(2015, 100.0), (2020, y)]), Direction::Increase, Some(2015), t).unwrap();
        let required = 2f64.powf(0.1) - 1.0;
        let on_pace = 100.0 * (1.0 + required).powi(5);
        assert_eq!(at(on_pace).progress, Progress::OnTrack);
        assert_eq!(at(100.0 * (1.0 + 0.8 * required).powi(5)).progress, Progress::NeedsAcceleration);
        assert_eq!(at(100.0 * (1.0 + 0.3 * required).powi(5)).progress, Progress::LimitedProgress);
        assert_eq!(at(95.0).progress, Progress::Deterioration);
        assert_eq!(at(200.0).progress, Progress::TargetAchieved);
        assert!((at(on_pace).ratio.unwrap() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_base_that_met_the_target_and_then_fell_back_is_deterioration() {
        // The methodology's edge case: direction increase, base already above the target, the
        // latest value below it. Without d·|…| the two negative rates would make "on track".
        let t = Some(Target { value: 90.0, year: 2030 });
        let a = assess(&s(&[(2015, 100.0), (2020, 80.0)]), Direction::Increase, Some(2015), t).unwrap();
        assert_eq!(a.progress, Progress::Deterioration);
    }

    #[test]
    fn base_year_falls_to_the_next_year_with_a_value_and_two_years_are_needed() {
        // sdg-build: a base year missing in the data becomes the first later year present.
        let a = assess(&s(&[(2016, 100.0), (2018, 110.0)]), Direction::Increase, Some(2015), None).unwrap();
        assert_eq!(a.base.year, 2016);
        assert!(assess(&s(&[(2016, 100.0)]), Direction::Increase, None, None).is_none());
        assert!(assess(&s(&[(2016, 100.0), (2018, 110.0)]), Direction::Increase, Some(2019), None).is_none());
        // Zero or negative values have no growth rate.
        assert!(assess(&s(&[(2016, 0.0), (2018, 110.0)]), Direction::Increase, None, None).is_none());
        assert!(assess(&s(&[(2016, -1.0), (2018, 1.0)]), Direction::Increase, None, None).is_none());
    }

    #[test]
    fn a_target_of_zero_is_taken_as_a_thousandth() {
        let t = Some(Target { value: 0.0, year: 2045 });
        let a = assess(&s(&[(2015, 6.0), (2022, 5.0)]), Direction::Decrease, Some(2015), t).unwrap();
        assert!(a.required_rate.unwrap() < 0.0);
        assert_eq!(a.progress, Progress::LimitedProgress);
    }

    fn value() -> impl Strategy<Value = f64> {
        1.0f64..1000.0
    }

    fn direction() -> impl Strategy<Value = Direction> {
        prop_oneof![Just(Direction::Increase), Just(Direction::Decrease)]
    }

    proptest! {
        #[test]
        fn status_is_monotonic_in_the_latest_value(y0 in value(), a in value(), b in value(), tv in proptest::option::of(value()), d in direction()) {
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            let t = tv.map(|value| Target { value, year: 2030 });
            let p = |y| assess(&s(&[(2015, y0), (2022, y)]), d, Some(2015), t).map(|a| a.progress);
            let (plo, phi) = (p(lo), p(hi));
            if let (Some(plo), Some(phi)) = (plo, phi) {
                match d {
                    Direction::Increase => prop_assert!(plo <= phi),
                    Direction::Decrease => prop_assert!(plo >= phi),
                }
            }
        }

        #[test]
        fn reversing_the_better_direction_swaps_deterioration(y0 in value(), y1 in value()) {
            prop_assume!((y1 - y0).abs() > 1e-9);
            let p = |d| assess(&s(&[(2015, y0), (2022, y1)]), d, None, None).unwrap().progress;
            let up = p(Direction::Increase) == Progress::Deterioration;
            let down = p(Direction::Decrease) == Progress::Deterioration;
            prop_assert!(up != down);
        }

        #[test]
        fn status_does_not_depend_on_the_unit(y0 in value(), y1 in value(), tv in proptest::option::of(value()), d in direction(), k in -10i32..10) {
            // Rates are ratios: counting in thousands or percent changes nothing (scaled by a
            // power of two, so the comparison is exact in floating point).
            let f = 2f64.powi(k);
            let t = tv.map(|value| Target { value, year: 2030 });
            let tk = tv.map(|value| Target { value: value * f, year: 2030 });
            let a = assess(&s(&[(2015, y0), (2022, y1)]), d, Some(2015), t).map(|a| a.progress);
            let b = assess(&s(&[(2015, y0 * f), (2022, y1 * f)]), d, Some(2015), tk).map(|a| a.progress);
            prop_assert_eq!(a, b);
        }

        #[test]
        fn a_target_reached_is_always_achieved(y0 in value(), y1 in value(), d in direction()) {
            let t = Some(Target { value: y1, year: 2030 });
            let a = assess(&s(&[(2015, y0), (2022, y1)]), d, Some(2015), t).unwrap();
            prop_assert_eq!(a.progress, Progress::TargetAchieved);
        }
    }
}
