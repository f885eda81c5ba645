//! A forum's action plan: the body it belongs to, its title, the years it covers and whether it
//! is published; and its focus areas. Seed 003: "I gemensamt ledningssystem i samverkan tar
//! strategigrupperna och övriga forum fram handlingsplaner, fokusområden och prioriteringar,
//! samt insatser/aktiviteter och hur dessa följs upp", for three years at a time (2022–2024,
//! then 2025–2027).

use crate::error::Errors;
use crate::ids::BodyId;
use crate::strategy::document::optional_id;
use crate::strategy::plan::year;
use crate::{FieldError, Invalid, text};

pub const TITLE_MAX: usize = 300;
pub const SUMMARY_MAX: usize = 4000;
/// A plan covers at most this many years (seed 003's plans cover three).
pub const YEARS_MAX: i32 = 10;
pub const AREA_TITLE_MAX: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanInput {
    pub body_id: BodyId,
    pub title: String,
    pub summary: Option<String>,
    pub first_year: i32,
    pub last_year: i32,
    pub published: bool,
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct PlanFields {
    pub body_id: String,
    pub title: String,
    pub summary: String,
    pub first_year: String,
    pub last_year: String,
    pub published: String,
}

/// A checkbox or a JSON boolean sent as text.
pub fn flag(v: &str) -> bool {
    matches!(v.trim(), "on" | "true" | "1" | "yes")
}

impl PlanFields {
    /// Every field's problems at once; the period runs forward and is at most `YEARS_MAX` years.
    pub fn parse(&self) -> Result<PlanInput, Invalid> {
        let mut e = Errors::new();
        let body = e.check(optional_id("body_id", &self.body_id)).flatten();
        if body.is_none() && self.body_id.trim().is_empty() {
            e.push(FieldError::required("body_id"));
        }
        let title = e.check(text::required("title", &self.title, TITLE_MAX));
        let summary = e.check(text::optional_multiline("summary", &self.summary, SUMMARY_MAX)).flatten();
        let first = e.check(year("first_year", &self.first_year));
        let last = e.check(year("last_year", &self.last_year));
        if let (Some(f), Some(l)) = (first, last) {
            if l < f {
                e.push(FieldError::new(
                    "last_year",
                    "before_start",
                    "Planen kan inte sluta innan den börjar.",
                    "The plan cannot end before it starts.",
                ));
            } else if l - f + 1 > YEARS_MAX {
                e.push(FieldError::new(
                    "last_year",
                    "too_long_period",
                    format!("En plan gäller högst {YEARS_MAX} år."),
                    format!("A plan covers at most {YEARS_MAX} years."),
                ));
            }
        }
        e.finish(|| PlanInput {
            body_id: BodyId(body.unwrap_or_default()),
            title: title.unwrap_or_default(),
            summary,
            first_year: first.unwrap_or_default(),
            last_year: last.unwrap_or_default(),
            published: flag(&self.published),
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AreaInput {
    pub title: String,
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct AreaFields {
    pub title: String,
}

impl AreaFields {
    pub fn parse(&self) -> Result<AreaInput, Invalid> {
        let mut e = Errors::new();
        let title = e.check(text::required("title", &self.title, AREA_TITLE_MAX));
        e.finish(|| AreaInput { title: title.unwrap_or_default() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_003s_plan_of_a_strategy_group() {
        let p = PlanFields {
            body_id: "12".into(),
            title: "Handlingsplan Strategigrupp Äldre 2025–2027".into(),
            first_year: "2025".into(),
            last_year: "2027".into(),
            published: "on".into(),
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert_eq!((p.body_id, p.first_year, p.last_year, p.published), (BodyId(12), 2025, 2027, true));
        assert_eq!(
            AreaFields { title: " Bästa platsen att leva på! ".into() }.parse().unwrap().title,
            "Bästa platsen att leva på!"
        );
    }

    #[test]
    fn every_field_says_what_is_wrong() {
        let f = PlanFields {
            body_id: "".into(),
            title: "".into(),
            summary: "s".repeat(SUMMARY_MAX + 1),
            first_year: "2027".into(),
            last_year: "2025".into(),
            published: "".into(),
        };
        let got: Vec<_> = f.parse().unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect();
        let want =
            [("body_id", "required"), ("title", "required"), ("summary", "too_long"), ("last_year", "before_start")];
        assert_eq!(got, want.iter().map(|(a, b)| (a.to_string(), *b)).collect::<Vec<_>>());
        let f = PlanFields {
            body_id: "x".into(),
            first_year: "2020".into(),
            last_year: "2040".into(),
            ..Default::default()
        };
        let codes: Vec<_> = f.parse().unwrap_err().0.into_iter().map(|e| e.code).collect();
        assert_eq!(codes, vec!["invalid_id", "required", "too_long_period"]);
        assert_eq!(AreaFields::default().parse().unwrap_err().0[0].code, "required");
    }
}
