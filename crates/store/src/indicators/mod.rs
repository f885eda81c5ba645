//! Indicators (issue 13, ADR 43): definitions, their values per geography × year × gender, the
//! imports that wrote them, and the history of every value an import replaced.
//!
//! - `definition`: creating, changing and loading an indicator's definition.
//! - `values`: the all-or-nothing import of a parsed file (one transaction, the replaced values
//!   into the history), and reading series back.
//! - `carry`: migration 0043's step, the former table's values moved into series rows.
//! - `points`: the text of a series row's years (one row per geography and gender, ADR 62).
//! - `write`: the import's bulk writes, the one place with a statement per engine (ADR 56).
//! - `summary`: each indicator's status by Open SDG's method, for lists and for other rooms
//!   (the strategy pages) through `indicator_summary`.

pub(crate) mod carry;
mod definition;
mod points;
mod summary;
mod values;
mod write;

pub use definition::IndicatorUsage;
pub use domain::indicators::definition::{RawIndicator, YearValue};
pub use domain::indicators::{
    Assessment, Direction, Format, Gender, Geography, IndicatorInput, Observation, Parsed, Progress, Source, Target,
};
pub use summary::IndicatorSummary;
pub use values::{HistoryValue, ImportRecord, SeriesValue, StoredValue};

use serde::Serialize;
use time::OffsetDateTime;

/// An indicator's definition as stored.
#[derive(Clone, Debug, Serialize)]
pub struct Indicator {
    pub id: i64,
    pub title: String,
    pub unit: String,
    pub description: Option<String>,
    pub source: Source,
    pub kolada_kpi: Option<String>,
    pub scb_table: Option<String>,
    pub direction: Direction,
    pub by_gender: bool,
    pub geography: Geography,
    pub baseline: Option<YearValue>,
    pub target: Option<Target>,
    pub published: bool,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl Indicator {
    /// The definition as the form shows it for editing.
    pub fn raw(&self) -> RawIndicator {
        let num = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
        let yr = |v: Option<i32>| v.map(|x| x.to_string()).unwrap_or_default();
        RawIndicator {
            title: self.title.clone(),
            unit: self.unit.clone(),
            description: self.description.clone().unwrap_or_default(),
            source: self.source.as_str().into(),
            kolada_kpi: self.kolada_kpi.clone().unwrap_or_default(),
            scb_table: self.scb_table.clone().unwrap_or_default(),
            direction: self.direction.as_str().into(),
            by_gender: if self.by_gender { "true".into() } else { String::new() },
            geography: self.geography.as_str().into(),
            baseline_year: yr(self.baseline.map(|b| b.year)),
            baseline_value: num(self.baseline.map(|b| b.value)),
            target_year: yr(self.target.map(|t| t.year)),
            target_value: num(self.target.map(|t| t.value)),
            published: if self.published { "true".into() } else { String::new() },
        }
    }
}
