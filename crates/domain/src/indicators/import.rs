//! What the three import formats share: the format, the parsed result, the per-row error, and
//! the all-or-nothing rule (a file with any bad row gives only its errors).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::{Gender, Observation};
use crate::FieldError;
use crate::error::Lang;

/// A bad row: its number (the line of a CSV file, the 1-based position of the row or cell in a
/// JSON file; 0 for the file as a whole) and the problem, at its field.
pub type RowError = (usize, FieldError);

/// At most this many rows in one file.
pub const ROWS_MAX: usize = 2_000_000;

/// The file formats an import reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Kolada's API v2 or v3 `data` response (JSON).
    Kolada,
    /// SCB's PxWebApi 2.0 response as JSON-stat 2.0.
    Scb,
    /// CSV with the columns of `csv::COLUMNS`.
    Csv,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Kolada, Format::Scb, Format::Csv];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Kolada => "kolada",
            Format::Scb => "scb",
            Format::Csv => "csv",
        }
    }

    pub fn parse(s: &str) -> Result<Format, FieldError> {
        Format::ALL.into_iter().find(|f| f.as_str() == s.trim()).ok_or_else(|| {
            FieldError::new(
                "format",
                "invalid_choice",
                "Välj filens format: Kolada (JSON), SCB (JSON-stat) eller CSV.",
                "Choose the file's format: Kolada (JSON), SCB (JSON-stat) or CSV.",
            )
        })
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Format::Kolada, _) => "Kolada API v2/v3 (JSON)",
            (Format::Scb, Lang::Sv) => "SCB PxWebApi 2.0 (JSON-stat 2.0)",
            (Format::Scb, Lang::En) => "Statistics Sweden PxWebApi 2.0 (JSON-stat 2.0)",
            (Format::Csv, _) => "CSV",
        }
    }
}

/// What an import is checked against: the indicator's Kolada KPI, when it has one (rows of
/// another KPI are refused).
#[derive(Clone, Copy, Debug, Default)]
pub struct Expect<'a> {
    pub kolada_kpi: Option<&'a str>,
}

/// A file read without errors.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub observations: Vec<Observation>,
    /// The address or number of the next page when the file is one page of several (Kolada's
    /// `next_page` / `next_url`): the rest must be imported too.
    pub next_page: Option<String>,
}

/// The file as JSON, or the error that says where it is not.
pub(crate) fn json<'a, T: Deserialize<'a>>(input: &'a str) -> Result<T, Vec<RowError>> {
    serde_json::from_str(input.trim_start_matches('\u{feff}')).map_err(|e| {
        file_error(
            "invalid_json",
            format!("Filen är inte giltig JSON (rad {}, kolumn {}).", e.line(), e.column()),
            format!("The file is not valid JSON (line {}, column {}).", e.line(), e.column()),
        )
    })
}

/// The error of a file that is not what its format says.
pub(crate) fn file_error(code: &'static str, sv: impl Into<String>, en: impl Into<String>) -> Vec<RowError> {
    vec![(0, FieldError::new("file", code, sv, en))]
}

/// The last check of every format: one value per geography, year and gender, and no values at
/// all while any row is bad.
pub(crate) fn finish(
    rows: Vec<(usize, Observation)>,
    mut errors: Vec<RowError>,
    next_page: Option<String>,
) -> Result<Parsed, Vec<RowError>> {
    let mut seen: HashSet<(&str, i32, Gender)> = HashSet::with_capacity(rows.len());
    for (n, o) in &rows {
        if !seen.insert((o.geography.as_str(), o.year, o.gender)) {
            errors.push((
                *n,
                FieldError::new(
                    "row",
                    "duplicate",
                    format!(
                        "Värdet för {} år {} kön {} finns redan tidigare i filen.",
                        o.geography.as_str(),
                        o.year,
                        o.gender.code()
                    ),
                    format!(
                        "The value for {} in {} gender {} is already earlier in the file.",
                        o.geography.as_str(),
                        o.year,
                        o.gender.code()
                    ),
                ),
            ));
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors = file_error("empty", "Filen innehåller inga värden.", "The file holds no values.");
    }
    if errors.is_empty() {
        // An empty status is no status, whichever format wrote it.
        let observations =
            rows.into_iter().map(|(_, o)| Observation { status: o.status.filter(|s| !s.is_empty()), ..o }).collect();
        Ok(Parsed { observations, next_page })
    } else {
        errors.sort_by_key(|(n, _)| *n);
        Err(errors)
    }
}
