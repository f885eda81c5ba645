//! SCB's PxWebApi 2.0 responses in JSON-stat 2.0 (data README, "SCB"): the dataset's `id` and
//! `size` name the dimensions in the order of the `value` array (row-major: the last dimension
//! varies fastest); each dimension's `category.index` gives its codes' positions (an object or a
//! list). `value` and `status` may be lists or objects keyed by position (sparse).
//!
//! How the dimensions become an indicator's values:
//! - `Region`: SCB's codes `00` (Riket), a two-digit county code, or a four-digit municipality
//!   code become Kolada's `0000`, `00` + county, or the municipality code. A table without a
//!   Region dimension holds national figures (e.g. TAB5974, the population projection): `0000`.
//! - `Tid` (the time role): a year (`2024`); months and quarters are refused.
//! - `Kon`: `1` men, `2` women, `1+2` total; absent means total.
//! - Every other dimension (`ContentsCode`, ages, marital status …) must hold one category, since
//!   an indicator is one figure per area, year and gender.

use serde_json::Value;

use super::import::{Parsed, RowError, file_error, finish};
use super::{Gender, Geography, Observation, year};
use crate::FieldError;

struct Dimension {
    id: String,
    /// Codes by position.
    codes: Vec<String>,
}

fn dimension(doc: &Value, id: &str, size: usize) -> Result<Dimension, Vec<RowError>> {
    let index = doc.pointer(&format!("/dimension/{id}/category/index"));
    let mut codes = vec![String::new(); size];
    match index {
        Some(Value::Object(m)) => {
            for (code, pos) in m {
                if let Some(p) = pos.as_u64().map(|p| p as usize).filter(|p| *p < size) {
                    codes[p] = code.clone();
                }
            }
        }
        Some(Value::Array(a)) => {
            for (p, code) in a.iter().enumerate().take(size) {
                codes[p] = code.as_str().unwrap_or_default().to_string();
            }
        }
        // JSON-stat allows a single category without an index: its code is its label's key.
        _ => {
            if let Some(Value::Object(l)) = doc.pointer(&format!("/dimension/{id}/category/label"))
                && l.len() == 1
                && size == 1
            {
                codes[0] = l.keys().next().cloned().unwrap_or_default();
            }
        }
    }
    if codes.iter().any(String::is_empty) {
        return Err(file_error(
            "bad_dimension",
            format!("Dimensionen {id} saknar koder för sina {size} kategorier."),
            format!("The dimension {id} lacks codes for its {size} categories."),
        ));
    }
    Ok(Dimension { id: id.to_string(), codes })
}

fn region(code: &str) -> Result<Geography, FieldError> {
    let code = code.trim();
    match code.len() {
        2 if code == "00" => Ok(Geography::trusted(Geography::COUNTRY)),
        2 => Geography::parse("Region", &format!("00{code}")),
        _ => Geography::parse("Region", code),
    }
}

fn gender(code: &str) -> Result<Gender, FieldError> {
    match code.trim() {
        "1" => Ok(Gender::Men),
        "2" => Ok(Gender::Women),
        "1+2" | "T" | "TOT" => Ok(Gender::Total),
        other => Err(FieldError::new(
            "Kon",
            "invalid_gender",
            format!("Könskoden «{other}» är okänd: 1 (män), 2 (kvinnor) eller 1+2 (totalt)."),
            format!("The gender code '{other}' is unknown: 1 (men), 2 (women) or 1+2 (total)."),
        )),
    }
}

/// The entry `i` of a list, or of an object keyed by position.
fn at(v: Option<&Value>, i: usize) -> Option<&Value> {
    match v? {
        Value::Array(a) => a.get(i),
        Value::Object(m) => m.get(&i.to_string()),
        _ => None,
    }
}

/// Reads one JSON-stat 2.0 dataset.
pub fn parse(input: &str) -> Result<Parsed, Vec<RowError>> {
    let doc: Value = super::import::json(input)?;
    let ids: Option<Vec<String>> = doc
        .get("id")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect());
    let sizes: Option<Vec<usize>> = doc
        .get("size")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|s| s.as_u64().map(|n| n as usize)).collect());
    let (Some(ids), Some(sizes)) = (ids, sizes) else {
        return Err(file_error(
            "not_jsonstat",
            "Filen är ingen JSON-stat 2.0-datamängd: \"id\" och \"size\" saknas.",
            "The file is not a JSON-stat 2.0 dataset: \"id\" and \"size\" are missing.",
        ));
    };
    if ids.len() != sizes.len() || doc.get("class").and_then(Value::as_str).is_some_and(|c| c != "dataset") {
        return Err(file_error(
            "not_jsonstat",
            "Filen är ingen JSON-stat 2.0-datamängd (\"id\" och \"size\" stämmer inte överens).",
            "The file is not a JSON-stat 2.0 dataset (\"id\" and \"size\" do not agree).",
        ));
    }
    let time_id = doc.pointer("/role/time/0").and_then(Value::as_str).unwrap_or("Tid").to_string();
    let dims = ids.iter().zip(&sizes).map(|(id, s)| dimension(&doc, id, *s)).collect::<Result<Vec<_>, _>>()?;
    let mut errors: Vec<RowError> = Vec::new();
    for d in &dims {
        let known = d.id == "Region" || d.id == time_id || d.id == "Kon";
        if !known && d.codes.len() != 1 {
            errors.push((
                0,
                FieldError::new(
                    d.id.clone(),
                    "several_categories",
                    format!("Dimensionen {} har {} kategorier; välj en enda i SCB:s tabell.", d.id, d.codes.len()),
                    format!(
                        "The dimension {} has {} categories; choose a single one in SCB's table.",
                        d.id,
                        d.codes.len()
                    ),
                ),
            ));
        }
    }
    if !dims.iter().any(|d| d.id == time_id) {
        errors.push((
            0,
            FieldError::new("Tid", "missing_time", "Tabellen saknar år (Tid).", "The table has no years (Tid)."),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let total: usize = sizes.iter().product();
    let values = doc.get("value");
    let statuses = doc.get("status");
    let mut out = Vec::with_capacity(total);
    for i in 0..total {
        let n = i + 1;
        let (mut geo, mut yr, mut sex) = (Ok(Geography::trusted(Geography::COUNTRY)), None, Ok(Gender::Total));
        let mut rest = i;
        for (d, size) in dims.iter().zip(&sizes).rev() {
            let code = &d.codes[rest % size];
            rest /= size;
            if d.id == "Region" {
                geo = region(code);
            } else if d.id == time_id {
                yr = Some(year(&time_id, code));
            } else if d.id == "Kon" {
                sex = gender(code);
            }
        }
        let value = match at(values, i) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(x)) => Ok(x.as_f64()),
            Some(_) => {
                Err(FieldError::new("value", "invalid_number", "Värdet är inget tal.", "The value is not a number."))
            }
        };
        let status = match statuses {
            Some(Value::String(s)) => Some(s.clone()),
            s => at(s, i).and_then(Value::as_str).map(str::to_string),
        };
        match (geo, yr.unwrap_or_else(|| Err(FieldError::required("Tid"))), sex, value) {
            (Ok(geography), Ok(year), Ok(gender), Ok(value)) => {
                out.push((n, Observation { geography, year, gender, value, status }))
            }
            (g, y, k, v) => {
                errors.extend([g.err(), y.err(), k.err(), v.err()].into_iter().flatten().map(|e| (n, e)));
            }
        }
    }
    finish(out, errors, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_by_two_in_row_major_order_with_sparse_values_and_a_status() {
        let input = r#"{"version": "2.0", "class": "dataset", "id": ["Region", "ContentsCode", "Tid"], "size": [2, 1, 2],
          "dimension": {"Region": {"category": {"index": {"0680": 0, "06": 1}}},
                        "ContentsCode": {"category": {"index": ["BE0101N1"]}},
                        "Tid": {"category": {"index": {"2023": 0, "2024": 1}}}},
          "value": {"0": 1.5, "1": 2.5, "3": 4.5}, "status": {"2": ".."}}"#;
        let p = parse(input).unwrap().observations;
        let got: Vec<(&str, i32, Option<f64>)> = p.iter().map(|o| (o.geography.as_str(), o.year, o.value)).collect();
        assert_eq!(
            got,
            vec![("0680", 2023, Some(1.5)), ("0680", 2024, Some(2.5)), ("0006", 2023, None), ("0006", 2024, Some(4.5))]
        );
        assert_eq!(p[2].status.as_deref(), Some(".."));
    }

    #[test]
    fn months_several_contents_and_unknown_genders_are_refused() {
        let input = r#"{"id": ["Kon", "ContentsCode", "Tid"], "size": [1, 2, 1],
          "dimension": {"Kon": {"category": {"index": {"9": 0}}},
                        "ContentsCode": {"category": {"index": {"A": 0, "B": 1}}},
                        "Tid": {"category": {"index": {"2024M01": 0}}}}, "value": [1, 2]}"#;
        let e = parse(input).unwrap_err();
        assert_eq!(e[0].1.field, "ContentsCode");
        let input = input.replace(r#"{"A": 0, "B": 1}"#, r#"{"A": 0}"#).replace("[1, 2, 1]", "[1, 1, 1]");
        let e = parse(&input).unwrap_err();
        let fields: Vec<&str> = e.iter().map(|(_, f)| f.field.as_str()).collect();
        assert!(fields.contains(&"Kon") && fields.contains(&"Tid"), "{fields:?}");
    }
}
