//! What an indicator is: its title and unit, where its values come from (a Kolada KPI, an SCB
//! table, or another source), which direction is better, whether it is divided by gender, the
//! geography whose series the status is about, and an optional baseline and target (issue 13,
//! "Indicators").

use serde::{Deserialize, Serialize};

use super::{Geography, number, status::Target, year};
use crate::error::{Errors, FieldError, Invalid, Lang};
use crate::text;

pub const TITLE_MAX: usize = 200;
pub const UNIT_MAX: usize = 60;
pub const DESCRIPTION_MAX: usize = 4000;

/// Where the values come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Kolada,
    Scb,
    Other,
}

impl Source {
    pub const ALL: [Source; 3] = [Source::Kolada, Source::Scb, Source::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Kolada => "kolada",
            Source::Scb => "scb",
            Source::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|x| x.as_str() == s.trim())
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Source::Kolada, _) => "Kolada (RKA)",
            (Source::Scb, Lang::Sv) => "SCB, Statistikdatabasen",
            (Source::Scb, Lang::En) => "Statistics Sweden (SCB)",
            (Source::Other, Lang::Sv) => "Annan källa",
            (Source::Other, Lang::En) => "Other source",
        }
    }
}

/// Which way the indicator should move.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Increase,
    Decrease,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
        }
    }

    pub fn parse(s: &str) -> Option<Direction> {
        match s.trim() {
            "increase" => Some(Direction::Increase),
            "decrease" => Some(Direction::Decrease),
            _ => None,
        }
    }
}

/// A value in a year (the baseline).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearValue {
    pub value: f64,
    pub year: i32,
}

/// An indicator's definition as typed (the form and the API send the same fields as text).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorInput {
    pub title: String,
    pub unit: String,
    pub description: Option<String>,
    pub source: Source,
    /// Kolada's KPI id (`N01951`) when the source is Kolada.
    pub kolada_kpi: Option<String>,
    /// SCB's table id (`TAB638`) when the source is SCB.
    pub scb_table: Option<String>,
    pub direction: Direction,
    pub by_gender: bool,
    /// The geography the status is computed for (the region, e.g. `0006`).
    pub geography: Geography,
    pub baseline: Option<YearValue>,
    pub target: Option<Target>,
    pub published: bool,
}

/// The raw fields, by name (a form or a JSON body).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawIndicator {
    pub title: String,
    pub unit: String,
    pub description: String,
    pub source: String,
    pub kolada_kpi: String,
    pub scb_table: String,
    pub direction: String,
    pub by_gender: String,
    pub geography: String,
    pub baseline_year: String,
    pub baseline_value: String,
    pub target_year: String,
    pub target_value: String,
    pub published: String,
}

fn kpi(v: &str) -> Result<String, FieldError> {
    let v = v.trim().to_ascii_uppercase();
    let ok = v.len() == 6 && v.as_bytes()[0].is_ascii_uppercase() && v[1..].bytes().all(|b| b.is_ascii_digit());
    if ok {
        Ok(v)
    } else {
        Err(FieldError::new(
            "kolada_kpi",
            "invalid_kpi",
            "Ange Koladas nyckeltals-id: en bokstav och fem siffror, t.ex. N01951.",
            "Give Kolada's KPI id: a letter and five digits, e.g. N01951.",
        ))
    }
}

fn table(v: &str) -> Result<String, FieldError> {
    let v = v.trim();
    let ok = (2..=40).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if ok {
        Ok(v.to_string())
    } else {
        Err(FieldError::new(
            "scb_table",
            "invalid_table",
            "Ange SCB:s tabell-id med bokstäver och siffror, t.ex. TAB638.",
            "Give SCB's table id in letters and digits, e.g. TAB638.",
        ))
    }
}

fn flag(v: &str) -> bool {
    matches!(v.trim(), "true" | "on" | "1" | "yes" | "ja")
}

/// A value and a year given together or not at all.
fn pair(e: &mut Errors, prefix: &str, v: &str, y: &str) -> Option<(f64, i32)> {
    let (vf, yf) = (format!("{prefix}_value"), format!("{prefix}_year"));
    match (v.trim().is_empty(), y.trim().is_empty()) {
        (true, true) => None,
        (false, true) => {
            e.push(FieldError::required(yf));
            None
        }
        (true, false) => {
            e.push(FieldError::required(vf));
            None
        }
        (false, false) => {
            let value = e.check(number(&vf, v));
            let yr = e.check(year(&yf, y));
            value.zip(yr)
        }
    }
}

impl IndicatorInput {
    /// Every field's problems at once.
    pub fn parse(r: &RawIndicator) -> Result<IndicatorInput, Invalid> {
        let mut e = Errors::new();
        let title = e.check(text::required("title", &r.title, TITLE_MAX));
        let unit = e.check(text::required("unit", &r.unit, UNIT_MAX));
        let description = e.check(text::optional_multiline("description", &r.description, DESCRIPTION_MAX)).flatten();
        let source = Source::parse(&r.source);
        if source.is_none() {
            e.push(FieldError::new(
                "source",
                "invalid_choice",
                "Välj källa: Kolada, SCB eller annan.",
                "Choose the source: Kolada, SCB or other.",
            ));
        }
        let kolada_kpi = if r.kolada_kpi.trim().is_empty() {
            if source == Some(Source::Kolada) {
                e.push(FieldError::required("kolada_kpi"));
            }
            None
        } else {
            e.check(kpi(&r.kolada_kpi))
        };
        let scb_table = if r.scb_table.trim().is_empty() {
            if source == Some(Source::Scb) {
                e.push(FieldError::required("scb_table"));
            }
            None
        } else {
            e.check(table(&r.scb_table))
        };
        let direction = Direction::parse(&r.direction);
        if direction.is_none() {
            e.push(FieldError::new(
                "direction",
                "invalid_choice",
                "Välj om en ökning eller en minskning är bättre.",
                "Choose whether an increase or a decrease is better.",
            ));
        }
        let geography = if r.geography.trim().is_empty() {
            e.push(FieldError::required("geography"));
            None
        } else {
            e.check(Geography::parse("geography", &r.geography))
        };
        let baseline = pair(&mut e, "baseline", &r.baseline_value, &r.baseline_year);
        let target = pair(&mut e, "target", &r.target_value, &r.target_year);
        if let (Some((_, by)), Some((_, ty))) = (baseline, target)
            && ty <= by
        {
            e.push(FieldError::new(
                "target_year",
                "target_before_baseline",
                "Målåret måste komma efter basåret.",
                "The target year must come after the baseline year.",
            ));
        }
        e.finish(|| IndicatorInput {
            title: title.unwrap_or_default(),
            unit: unit.unwrap_or_default(),
            description,
            source: source.unwrap_or(Source::Other),
            kolada_kpi,
            scb_table,
            direction: direction.unwrap_or(Direction::Increase),
            by_gender: flag(&r.by_gender),
            geography: geography.unwrap_or_else(|| Geography::trusted(Geography::COUNTRY)),
            baseline: baseline.map(|(value, year)| YearValue { value, year }),
            target: target.map(|(value, year)| Target { value, year }),
            published: flag(&r.published),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw() -> RawIndicator {
        RawIndicator {
            title: "Invånare totalt, antal".into(),
            unit: "antal".into(),
            source: "kolada".into(),
            kolada_kpi: "n01951".into(),
            direction: "increase".into(),
            by_gender: "on".into(),
            geography: "0006".into(),
            ..RawIndicator::default()
        }
    }

    #[test]
    fn a_kolada_indicator_parses() {
        let i = IndicatorInput::parse(&raw()).unwrap();
        assert_eq!(i.kolada_kpi.as_deref(), Some("N01951"));
        assert!(i.by_gender && !i.published);
        assert_eq!(i.geography.as_str(), "0006");
    }

    #[test]
    fn every_bad_field_is_named() {
        let r = RawIndicator {
            title: " ".into(),
            unit: "".into(),
            source: "x".into(),
            direction: "up".into(),
            geography: "123".into(),
            baseline_value: "12".into(),
            target_value: "abc".into(),
            target_year: "2030".into(),
            ..RawIndicator::default()
        };
        let e = IndicatorInput::parse(&r).unwrap_err();
        for f in ["title", "unit", "source", "direction", "geography", "baseline_year", "target_value"] {
            assert!(e.for_field(f).is_some(), "{f}: {e:?}");
        }
        let r = RawIndicator { kolada_kpi: "".into(), ..raw() };
        assert!(IndicatorInput::parse(&r).unwrap_err().for_field("kolada_kpi").is_some());
        let r = RawIndicator { kolada_kpi: "N0195".into(), ..raw() };
        assert!(IndicatorInput::parse(&r).unwrap_err().for_field("kolada_kpi").is_some());
    }

    #[test]
    fn the_target_comes_after_the_baseline() {
        let r = RawIndicator {
            baseline_value: "100".into(),
            baseline_year: "2020".into(),
            target_value: "120".into(),
            target_year: "2020".into(),
            ..raw()
        };
        assert!(IndicatorInput::parse(&r).unwrap_err().for_field("target_year").is_some());
    }
}
