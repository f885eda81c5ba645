//! What an indicator's chart shows: the series of a municipality, its county's region and
//! Sweden (or of a region and Sweden), for one gender — the same rows for the SVG, the data
//! table, the text summary and the CSV, so the four never disagree.

use chart::line::{Series, number};
use domain::error::Lang;
use domain::indicators::{Gender, Geography, GeographyKind};
use domain::reference;
use store::indicators::Indicator;

use crate::App;
use crate::error::AppResult;

/// The name of an area code: "Jönköping", "Jönköpings län", "Riket".
pub fn area_name(code: &str, lang: Lang) -> String {
    let g = Geography::trusted(code);
    match g.kind() {
        GeographyKind::Country => match lang {
            Lang::Sv => "Riket".into(),
            Lang::En => "Sweden".into(),
        },
        GeographyKind::Region => reference::county(&code[2..]).map(|c| c.name.clone()).unwrap_or_else(|| code.into()),
        GeographyKind::Municipality => {
            reference::municipality(code).map(|m| m.name.clone()).unwrap_or_else(|| code.into())
        }
    }
}

/// The comparison asked for: an area (default the indicator's own) and a gender.
pub struct Choice {
    pub geography: Geography,
    pub gender: Gender,
}

impl Choice {
    /// From the query (`omrade`, `kon`); anything unknown falls back to the defaults.
    pub fn of(i: &Indicator, query: &str) -> Choice {
        let q = |n: &str| crate::pages::query_value(query, n).unwrap_or_default();
        let geography = Geography::parse("omrade", &q("omrade")).unwrap_or_else(|_| i.geography.clone());
        let gender = if i.by_gender { Gender::parse("kon", &q("kon")).unwrap_or(Gender::Total) } else { Gender::Total };
        Choice { geography, gender }
    }

    /// The areas compared: the area, its county's region, Sweden (each once).
    pub fn areas(&self) -> Vec<Geography> {
        let mut out = vec![self.geography.clone()];
        for g in [self.geography.county(), Geography::trusted(Geography::COUNTRY)] {
            if !out.contains(&g) {
                out.push(g);
            }
        }
        out
    }
}

/// The rows of the comparison: one per year, a value (or none) per area.
pub struct Table {
    pub areas: Vec<(String, String)>,
    pub rows: Vec<(i32, Vec<Option<f64>>)>,
}

impl Table {
    pub async fn load(app: &App, i: &Indicator, c: &Choice, lang: Lang) -> AppResult<Table> {
        let areas = c.areas();
        let refs: Vec<&Geography> = areas.iter().collect();
        let values = app.store.indicator_series(i.id, &refs, c.gender).await?;
        let mut years: Vec<i32> = values.iter().map(|v| v.year).collect();
        years.sort_unstable();
        years.dedup();
        let rows = years
            .iter()
            .map(|y| {
                let cells = areas
                    .iter()
                    .map(|a| values.iter().find(|v| v.year == *y && v.geography == a.as_str()).and_then(|v| v.value))
                    .collect();
                (*y, cells)
            })
            .collect();
        let areas = areas.iter().map(|a| (a.as_str().to_string(), area_name(a.as_str(), lang))).collect();
        Ok(Table { areas, rows })
    }

    pub fn series(&self) -> Vec<Series> {
        self.areas
            .iter()
            .enumerate()
            .map(|(k, (_, name))| Series {
                name: name.clone(),
                points: self.rows.iter().filter_map(|(y, cells)| cells[k].map(|v| (*y, v))).collect(),
            })
            .collect()
    }

    /// The text summary: per area its first and latest value and the change between them.
    pub fn summary(&self, unit: &str, lang: Lang) -> Vec<String> {
        self.series()
            .iter()
            .filter_map(|s| {
                let first = s.points.first()?;
                let last = s.points.last()?;
                let (a, b) = (number(first.1, lang), number(last.1, lang));
                Some(match lang {
                    Lang::Sv => format!("{}: {a} {unit} år {} och {b} {unit} år {}.", s.name, first.0, last.0),
                    Lang::En => format!("{}: {a} {unit} in {} and {b} {unit} in {}.", s.name, first.0, last.0),
                })
            })
            .collect()
    }

    /// The CSV of what the chart shows: year, then one column per area.
    pub fn csv(&self, lang: Lang) -> Vec<Vec<String>> {
        let year = match lang {
            Lang::Sv => "år",
            Lang::En => "year",
        };
        let mut head = vec![year.to_string()];
        head.extend(self.areas.iter().map(|(code, name)| format!("{name} ({code})")));
        let mut out = vec![head];
        for (y, cells) in &self.rows {
            let mut r = vec![y.to_string()];
            r.extend(cells.iter().map(|c| c.map(|v| v.to_string()).unwrap_or_default()));
            out.push(r);
        }
        out
    }
}
