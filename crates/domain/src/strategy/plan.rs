//! A strategy (issue 13): the organisation that owns it, its title, its vision, the years it
//! covers, and whether it is being drawn up or adopted; optionally the governing document it is.
//! Seed 003: Jönköping's RUS 2020–2035, vision "Sveriges mest hållbara, attraktiva och
//! tillgängliga län"; seed 002: Kalmar's RUS 2019–2030; Östergötland's new RUS in drafting
//! (seed 000).

use serde::Serialize;

use crate::error::Errors;
use crate::ids::OrganisationId;
use crate::{FieldError, Invalid, text};

pub const TITLE_MAX: usize = 300;
pub const VISION_MAX: usize = 1000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StrategyStatus {
    Drafting,
    Adopted,
}

impl StrategyStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            StrategyStatus::Drafting => "drafting",
            StrategyStatus::Adopted => "adopted",
        }
    }

    pub fn parse(s: &str) -> Option<StrategyStatus> {
        match s.trim() {
            "drafting" => Some(StrategyStatus::Drafting),
            "adopted" => Some(StrategyStatus::Adopted),
            _ => None,
        }
    }

    pub fn key(&self) -> String {
        format!("strategy.status_{}", self.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StrategyInput {
    pub owner_id: OrganisationId,
    pub title: String,
    pub vision: Option<String>,
    pub first_year: i32,
    pub last_year: i32,
    pub status: StrategyStatus,
    pub document_id: Option<i64>,
}

#[derive(Clone, Debug, Default)]
pub struct StrategyFields {
    pub owner_id: String,
    pub title: String,
    pub vision: String,
    pub first_year: String,
    pub last_year: String,
    pub status: String,
    pub document_id: String,
}

pub(crate) fn year(field: &str, v: &str) -> Result<i32, FieldError> {
    let v = v.trim();
    if v.is_empty() {
        return Err(FieldError::required(field));
    }
    v.parse::<i32>().ok().filter(|y| (crate::dates::FIRST_YEAR..=crate::dates::LAST_YEAR).contains(y)).ok_or_else(
        || FieldError::new(field, "invalid_year", "Skriv ett årtal, t.ex. 2035.", "Write a year, e.g. 2035."),
    )
}

impl StrategyFields {
    pub fn parse(&self) -> Result<StrategyInput, Invalid> {
        let mut e = Errors::new();
        let owner = e.check(super::document::optional_id("owner_id", &self.owner_id)).flatten();
        if owner.is_none() && self.owner_id.trim().is_empty() {
            e.push(FieldError::required("owner_id"));
        }
        let title = e.check(text::required("title", &self.title, TITLE_MAX));
        let vision = e.check(text::optional_multiline("vision", &self.vision, VISION_MAX)).flatten();
        let first = e.check(year("first_year", &self.first_year));
        let last = e.check(year("last_year", &self.last_year));
        if let (Some(f), Some(l)) = (first, last)
            && l < f
        {
            e.push(FieldError::new(
                "last_year",
                "before_start",
                "Strategin kan inte sluta innan den börjar.",
                "The strategy cannot end before it starts.",
            ));
        }
        let status = StrategyStatus::parse(&self.status);
        if status.is_none() {
            e.push(FieldError::new(
                "status",
                "invalid_choice",
                "Välj en status i listan.",
                "Choose a status from the list.",
            ));
        }
        let document_id = e.check(super::document::optional_id("document_id", &self.document_id)).flatten();
        e.finish(|| StrategyInput {
            owner_id: OrganisationId(owner.unwrap_or_default()),
            title: title.unwrap_or_default(),
            vision,
            first_year: first.unwrap_or_default(),
            last_year: last.unwrap_or_default(),
            status: status.unwrap_or(StrategyStatus::Drafting),
            document_id,
        })
    }
}

/// The years whose annual follow-up a strategy valid `first_year`–`last_year` can be reported
/// for, newest first: the last three of its years up to `this_year` (lag (2010:630) om regionalt
/// utvecklingsansvar 5 §: the region reports its follow-up every year).
pub fn report_years(first_year: i32, last_year: i32, this_year: i32) -> Vec<i32> {
    let newest = last_year.min(this_year);
    (first_year.max(newest - 2)..=newest).rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_003s_rus_parses() {
        let s = StrategyFields {
            owner_id: "2".into(),
            title: "Regional utvecklingsstrategi för Jönköpings län 2020–2035".into(),
            vision: "Sveriges mest hållbara, attraktiva och tillgängliga län".into(),
            first_year: "2020".into(),
            last_year: "2035".into(),
            status: "adopted".into(),
            document_id: String::new(),
        }
        .parse()
        .unwrap();
        assert_eq!((s.first_year, s.last_year, s.status), (2020, 2035, StrategyStatus::Adopted));
    }

    #[test]
    fn every_field_says_what_is_wrong() {
        let f = StrategyFields {
            owner_id: "".into(),
            title: "".into(),
            vision: "v".repeat(VISION_MAX + 1),
            first_year: "2035".into(),
            last_year: "2019".into(),
            status: "done".into(),
            document_id: "x".into(),
        };
        let got: Vec<_> = f.parse().unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect();
        let want = [
            ("owner_id", "required"),
            ("title", "required"),
            ("vision", "too_long"),
            ("last_year", "before_start"),
            ("status", "invalid_choice"),
            ("document_id", "invalid_id"),
        ];
        assert_eq!(got, want.iter().map(|(a, b)| (a.to_string(), *b)).collect::<Vec<_>>());
        let f = StrategyFields { first_year: "20x".into(), last_year: "".into(), ..Default::default() };
        let codes: Vec<_> =
            f.parse().unwrap_err().0.into_iter().filter(|e| e.field.ends_with("year")).map(|e| e.code).collect();
        assert_eq!(codes, vec!["invalid_year", "required"]);
    }

    #[test]
    fn reports_are_offered_for_the_last_three_years_in_force() {
        // Jönköping's RUS 2020–2035 in 2026: this year's report and the two before.
        assert_eq!(report_years(2020, 2035, 2026), vec![2026, 2025, 2024]);
        // Kalmar's 2019–2030, long after its end: its last three years.
        assert_eq!(report_years(2019, 2030, 2040), vec![2030, 2029, 2028]);
        // A strategy adopted this year, and one not yet in force.
        assert_eq!(report_years(2026, 2040, 2026), vec![2026]);
        assert!(report_years(2028, 2040, 2026).is_empty());
    }
}
