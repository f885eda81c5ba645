//! An activity of an action plan: what is to be done, in which focus area, who is responsible
//! (an organisation and the body that carries it), its period, status and progress, and what in
//! the strategy it serves (nodes) and which indicators show its effect. Seed 003 asks each forum
//! to name "insatser/aktiviteter och hur dessa följs upp".

use time::Date;

use super::status::{ActivityStatus, normalised_progress, progress};
use crate::error::Errors;
use crate::strategy::document::{id_list, optional_date, optional_id};
use crate::{FieldError, Invalid, text};

pub const TITLE_MAX: usize = 300;
pub const DESCRIPTION_MAX: usize = 4000;
pub const LINKS_MAX: usize = 20;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActivityInput {
    pub area_id: Option<i64>,
    pub title: String,
    pub description: Option<String>,
    pub organisation_id: Option<i64>,
    pub body_id: Option<i64>,
    pub starts_on: Date,
    pub ends_on: Date,
    pub status: ActivityStatus,
    pub progress: u8,
    pub nodes: Vec<i64>,
    pub indicators: Vec<i64>,
}

#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ActivityFields {
    pub area_id: String,
    pub title: String,
    pub description: String,
    pub organisation_id: String,
    pub body_id: String,
    pub starts_on: String,
    pub ends_on: String,
    pub status: String,
    pub progress: String,
    #[serde(deserialize_with = "crate::actionplans::activity::one_or_many")]
    pub nodes: Vec<String>,
    #[serde(deserialize_with = "crate::actionplans::activity::one_or_many")]
    pub indicators: Vec<String>,
}

/// A form sends a repeated field once per choice; one choice arrives as a single string.
pub fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match <OneOrMany as serde::Deserialize>::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

fn required_date(e: &mut Errors, field: &str, v: &str) -> Option<Date> {
    match e.check(optional_date(field, v)) {
        Some(Some(d)) => Some(d),
        Some(None) => {
            e.push(FieldError::required(field));
            None
        }
        None => None,
    }
}

impl ActivityFields {
    /// Every field's problems at once: the period runs forward; the progress is 0–100 and
    /// follows the status (done is 100 %, not started 0 %).
    pub fn parse(&self) -> Result<ActivityInput, Invalid> {
        let mut e = Errors::new();
        let area_id = e.check(optional_id("area_id", &self.area_id)).flatten();
        let title = e.check(text::required("title", &self.title, TITLE_MAX));
        let description =
            e.check(text::optional_multiline("description", &self.description, DESCRIPTION_MAX)).flatten();
        let organisation_id = e.check(optional_id("organisation_id", &self.organisation_id)).flatten();
        let body_id = e.check(optional_id("body_id", &self.body_id)).flatten();
        let starts = required_date(&mut e, "starts_on", &self.starts_on);
        let ends = required_date(&mut e, "ends_on", &self.ends_on);
        if let (Some(s), Some(t)) = (starts, ends)
            && t < s
        {
            e.push(FieldError::new(
                "ends_on",
                "before_start",
                "Aktiviteten kan inte sluta innan den börjar.",
                "The activity cannot end before it starts.",
            ));
        }
        let status = if self.status.trim().is_empty() {
            Some(ActivityStatus::NotStarted)
        } else {
            e.check(ActivityStatus::field("status", &self.status))
        };
        let progress = e.check(progress("progress", &self.progress));
        let nodes = e.check(id_list("nodes", &self.nodes, LINKS_MAX));
        let indicators = e.check(id_list("indicators", &self.indicators, LINKS_MAX));
        e.finish(|| {
            let status = status.unwrap_or(ActivityStatus::NotStarted);
            ActivityInput {
                area_id,
                title: title.unwrap_or_default(),
                description,
                organisation_id,
                body_id,
                starts_on: starts.unwrap_or(Date::MIN),
                ends_on: ends.unwrap_or(Date::MIN),
                status,
                progress: normalised_progress(status, progress.unwrap_or(0)),
                nodes: nodes.unwrap_or_default(),
                indicators: indicators.unwrap_or_default(),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn an_activity_of_the_plan_2022_2024() {
        let a = ActivityFields {
            title: "Gemensam kraft i socialt utmanade bostadsområden".into(),
            organisation_id: "3".into(),
            starts_on: "2022-01-01".into(),
            ends_on: "2024-12-31".into(),
            status: "done".into(),
            progress: "60".into(),
            nodes: vec!["4, 5".into(), "5".into()],
            indicators: vec!["9".into()],
            ..Default::default()
        }
        .parse()
        .unwrap();
        assert_eq!((a.starts_on, a.ends_on), (date!(2022 - 01 - 01), date!(2024 - 12 - 31)));
        assert_eq!((a.status, a.progress), (ActivityStatus::Done, 100));
        assert_eq!((a.nodes, a.indicators), (vec![4, 5], vec![9]));
    }

    #[test]
    fn every_field_says_what_is_wrong() {
        let f = ActivityFields {
            area_id: "a".into(),
            title: "".into(),
            description: "d".repeat(DESCRIPTION_MAX + 1),
            organisation_id: "-1".into(),
            body_id: "b".into(),
            starts_on: "2025-01-01".into(),
            ends_on: "2024-12-31".into(),
            status: "late".into(),
            progress: "120".into(),
            nodes: vec!["x".into()],
            indicators: (1..=21).map(|i| i.to_string()).collect(),
        };
        let got: Vec<_> = f.parse().unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect();
        let want = [
            ("area_id", "invalid_id"),
            ("title", "required"),
            ("description", "too_long"),
            ("organisation_id", "invalid_id"),
            ("body_id", "invalid_id"),
            ("ends_on", "before_start"),
            ("status", "invalid_choice"),
            ("progress", "invalid_progress"),
            ("nodes", "invalid_id"),
            ("indicators", "too_many"),
        ];
        assert_eq!(got, want.iter().map(|(a, b)| (a.to_string(), *b)).collect::<Vec<_>>());
        let f = ActivityFields {
            title: "t".into(),
            starts_on: "".into(),
            ends_on: "2024-13-01".into(),
            ..Default::default()
        };
        let codes: Vec<_> = f.parse().unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(codes[0], ("starts_on".to_string(), "required"));
        assert_eq!(codes[1].0, "ends_on");
    }
}
