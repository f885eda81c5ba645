//! Kolada's `data` responses, API v2 and v3 (data README, "Kolada"):
//! `{"count": n, "values": [{"kpi", "municipality", "period", "values": [{"gender", "value",
//! "count"?, "status"?, "isdeleted"?}]}], "next_page"?: …}` — v3 pages with `next_url` instead
//! of `next_page`. `count` and `status` are optional (the shipped files lack them), `value: null`
//! is kept as a missing value, and a value marked `isdeleted` is stored as missing (Kolada
//! withdrew it; the earlier figure stays in the history). Genders are T, K, M.

use serde::Deserialize;

use super::import::{Expect, Parsed, RowError, file_error, finish};
use super::lenient::{Array, Object, Scalar};
use super::{Gender, Geography, Observation, year};
use crate::FieldError;

fn wrong(field: &str, sv: &str, en: &str) -> FieldError {
    FieldError::new(field, "invalid", sv, en)
}

/// A response as read: its rows, and the next page's address or number.
#[derive(Deserialize)]
struct Response<'a> {
    #[serde(borrow)]
    values: Option<Array<Object<Row<'a>>>>,
    #[serde(borrow)]
    next_page: Option<Scalar<'a>>,
    #[serde(borrow)]
    next_url: Option<Scalar<'a>>,
}

/// One area and year; a field of the wrong type is reported at its row.
#[derive(Default, Deserialize)]
#[serde(default)]
struct Row<'a> {
    #[serde(borrow)]
    kpi: Option<Scalar<'a>>,
    #[serde(borrow)]
    municipality: Option<Scalar<'a>>,
    #[serde(borrow)]
    municipality_id: Option<Scalar<'a>>,
    #[serde(borrow)]
    period: Option<Scalar<'a>>,
    #[serde(borrow)]
    values: Option<Array<Object<Cell<'a>>>>,
}

/// One gender's value.
#[derive(Default, Deserialize)]
#[serde(default)]
struct Cell<'a> {
    #[serde(borrow)]
    gender: Option<Scalar<'a>>,
    #[serde(borrow)]
    value: Option<Scalar<'a>>,
    #[serde(borrow)]
    status: Option<Scalar<'a>>,
    #[serde(borrow)]
    isdeleted: Option<Scalar<'a>>,
}

/// Reads one response body.
pub fn parse(input: &str, expect: Expect<'_>) -> Result<Parsed, Vec<RowError>> {
    let doc: Object<Response> = super::import::json(input)?;
    let Some((doc, rows)) = doc.0.as_ref().and_then(|d| Some((d, d.values.as_ref()?.0.as_ref()?))) else {
        return Err(file_error(
            "not_kolada",
            "Filen är inget svar från Koladas API: fältet \"values\" saknas.",
            "The file is not a response of Kolada's API: the field \"values\" is missing.",
        ));
    };
    let next_page = [&doc.next_page, &doc.next_url].into_iter().find_map(|k| match k {
        Some(Scalar::Str(s)) if !s.is_empty() => Some(s.to_string()),
        Some(Scalar::Int(n)) => Some(n.to_string()),
        Some(Scalar::Float(n)) => Some(n.to_string()),
        _ => None,
    });
    let empty = Row::default();
    let mut out = Vec::with_capacity(rows.len() * 3);
    let mut errors = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let n = i + 1;
        let row = row.0.as_ref().unwrap_or(&empty);
        let mut bad = |e: FieldError| errors.push((n, e));
        let kpi = row.kpi.as_ref().and_then(Scalar::as_str);
        match (kpi, expect.kolada_kpi) {
            (None, _) => bad(wrong("kpi", "Nyckeltalets id (\"kpi\") saknas.", "The KPI id (\"kpi\") is missing.")),
            (Some(k), Some(want)) if !k.eq_ignore_ascii_case(want) => bad(FieldError::new(
                "kpi",
                "other_kpi",
                format!("Raden gäller nyckeltalet {k}, indikatorn är {want}."),
                format!("The row is for KPI {k}; the indicator is {want}."),
            )),
            _ => {}
        }
        let area = row.municipality.as_ref().or(row.municipality_id.as_ref()).and_then(Scalar::as_str);
        let geography = match area {
            Some(g) => Geography::parse("municipality", g).map_err(&mut bad).ok(),
            None => {
                bad(wrong(
                    "municipality",
                    "Områdeskoden (\"municipality\") saknas.",
                    "The area code (\"municipality\") is missing.",
                ));
                None
            }
        };
        let period = match &row.period {
            Some(Scalar::Int(p)) => year("period", &p.to_string()).map_err(&mut bad).ok(),
            Some(Scalar::Float(p)) => year("period", &p.to_string()).map_err(&mut bad).ok(),
            Some(Scalar::Str(p)) => year("period", p).map_err(&mut bad).ok(),
            _ => {
                bad(wrong("period", "Året (\"period\") saknas.", "The year (\"period\") is missing."));
                None
            }
        };
        let Some(values) = row.values.as_ref().and_then(|v| v.0.as_ref()) else {
            bad(wrong("values", "Raden saknar värden (\"values\").", "The row has no values (\"values\")."));
            continue;
        };
        let none = Cell::default();
        for v in values {
            let v = v.0.as_ref().unwrap_or(&none);
            let gender = match v.gender.as_ref().and_then(Scalar::as_str) {
                Some(g) if !g.trim().is_empty() => Gender::parse("gender", g).map_err(&mut bad).ok(),
                _ => {
                    bad(wrong("gender", "Kön (\"gender\") saknas.", "The gender (\"gender\") is missing."));
                    None
                }
            };
            let deleted = matches!(v.isdeleted, Some(Scalar::Bool(true)));
            let value = match &v.value {
                None | Some(Scalar::Null) => None,
                Some(x @ (Scalar::Int(_) | Scalar::Float(_))) => x.as_f64(),
                Some(_) => {
                    bad(wrong("value", "Värdet är inget tal.", "The value is not a number."));
                    continue;
                }
            };
            let status = v.status.as_ref().and_then(Scalar::as_str).filter(|s| !s.is_empty()).map(str::to_string);
            if let (Some(geography), Some(year), Some(gender)) = (&geography, period, gender) {
                let value = if deleted { None } else { value };
                out.push((n, Observation { geography: geography.clone(), year, gender, value, status }));
            }
        }
    }
    finish(out, errors, next_page)
}

#[cfg(test)]
mod tests {
    use super::*;

    const V3: &str = r#"{"count": 2, "values": [
      {"kpi": "N01951", "municipality": "0680", "period": 2023, "values": [
        {"gender": "T", "value": 145000.0, "count": 1, "status": "", "isdeleted": false},
        {"gender": "K", "value": 72000.0, "count": 1, "status": "B", "isdeleted": false},
        {"gender": "M", "value": 1.0, "count": 1, "status": "", "isdeleted": true}]}],
      "next_url": "https://api.kolada.se/v3/data/kpi/N01951?page=2"}"#;

    #[test]
    fn v3_rows_with_status_isdeleted_and_next_url() {
        let p = parse(V3, Expect { kolada_kpi: Some("N01951") }).unwrap();
        assert_eq!(p.observations.len(), 3);
        assert_eq!(p.observations[1].status.as_deref(), Some("B"));
        assert_eq!(p.observations[2].value, None, "a deleted value is stored as missing");
        assert!(p.next_page.unwrap().contains("page=2"));
    }

    #[test]
    fn bad_rows_are_all_reported_with_their_number_and_nothing_is_kept() {
        let input = r#"{"values": [
          {"kpi": "N01951", "municipality": "0680", "period": 2022, "values": [{"gender": "T", "value": 1.0}]},
          {"kpi": "N02267", "municipality": "680", "period": "20x2", "values": [{"gender": "X", "value": "1"}]},
          {"kpi": "N01951", "municipality": "0680", "period": 2022, "values": [{"gender": "T", "value": 2.0}]}]}"#;
        let errs = parse(input, Expect { kolada_kpi: Some("N01951") }).unwrap_err();
        let fields: Vec<(usize, &str)> = errs.iter().map(|(n, e)| (*n, e.field.as_str())).collect();
        for want in [(2, "kpi"), (2, "municipality"), (2, "period"), (2, "gender"), (3, "row")] {
            assert!(fields.contains(&want), "{want:?} in {fields:?}");
        }
        assert!(errs.iter().all(|(_, e)| !e.sv.is_empty() && !e.en.is_empty()));
    }

    #[test]
    fn not_a_kolada_file() {
        assert_eq!(parse("[1,2", Expect::default()).unwrap_err()[0].1.code, "invalid_json");
        assert_eq!(parse("{}", Expect::default()).unwrap_err()[0].1.code, "not_kolada");
        assert_eq!(parse(r#"{"values": []}"#, Expect::default()).unwrap_err()[0].1.code, "empty");
    }
}
