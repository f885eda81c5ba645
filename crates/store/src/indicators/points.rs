//! A series row's years as stored (ADR 62, migration 0043): an indicator's values for one
//! geography and gender are one row of `indicator_series`, its years in the text column
//! `points`, one line a year, by year:
//!
//! ```text
//! year TAB value TAB import [TAB status]
//! ```
//!
//! `value` is empty when missing and written as Rust's shortest text that reads back to the same
//! number (the migration wrote SQLite's 17 digits and PostgreSQL's shortest text, both exact);
//! `import` is the import that wrote the value; `status` is left out when there is none, and a
//! backslash, tab or line feed in it is written `\\`, `\t`, `\n`. The same text on both engines,
//! read and written only here.

use std::fmt::Write as _;

/// One stored value of a series row.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct StoredPoint {
    pub year: i32,
    pub value: Option<f64>,
    pub status: Option<String>,
    pub import_id: i64,
}

/// The text of `points`, which must be sorted by year.
pub(crate) fn encode(points: &[StoredPoint]) -> String {
    let mut s = String::with_capacity(points.len() * 24);
    for (i, p) in points.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        let _ = write!(s, "{}\t", p.year);
        if let Some(v) = p.value {
            let _ = write!(s, "{v}");
        }
        let _ = write!(s, "\t{}", p.import_id);
        if let Some(status) = &p.status {
            s.push('\t');
            for c in status.chars() {
                match c {
                    '\\' => s.push_str("\\\\"),
                    '\t' => s.push_str("\\t"),
                    '\n' => s.push_str("\\n"),
                    c => s.push(c),
                }
            }
        }
    }
    s
}

/// A row's points, by year; an error names what in the stored text is not in this format.
pub(crate) fn decode(text: &str) -> Result<Vec<StoredPoint>, sqlx::Error> {
    let bad = |what: &str| sqlx::Error::Decode(format!("indicator_series.points: {what}").into());
    let mut out = Vec::with_capacity(text.len() / 16 + 1);
    if text.is_empty() {
        return Ok(out);
    }
    for line in text.split('\n') {
        let mut f = line.splitn(4, '\t');
        let (Some(year), Some(value), Some(import)) = (f.next(), f.next(), f.next()) else {
            return Err(bad(&format!("a line of fewer than three fields: {line:?}")));
        };
        let year = year.parse().map_err(|_| bad(&format!("the year {year:?}")))?;
        let value = match value {
            "" => None,
            v => Some(v.parse().map_err(|_| bad(&format!("the value {v:?}")))?),
        };
        let import_id = import.parse().map_err(|_| bad(&format!("the import {import:?}")))?;
        let status = f.next().filter(|s| !s.is_empty()).map(unescape);
        out.push(StoredPoint { year, value, status, import_id });
    }
    if !out.is_sorted_by_key(|p| p.year) {
        out.sort_by_key(|p| p.year);
    }
    Ok(out)
}

fn unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            (c, false) => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(year: i32, value: Option<f64>, status: Option<&str>) -> StoredPoint {
        StoredPoint { year, value, status: status.map(str::to_string), import_id: 7 }
    }

    #[test]
    fn the_text_of_a_row() {
        let points = [point(2021, Some(1.5), None), point(2022, None, Some("B")), point(2023, Some(-0.1), None)];
        let text = encode(&points);
        assert_eq!(text, "2021\t1.5\t7\n2022\t\t7\tB\n2023\t-0.1\t7");
        assert_eq!(decode(&text).unwrap(), points);
        assert_eq!(decode("").unwrap(), vec![]);
    }

    #[test]
    fn every_number_and_status_reads_back_exactly() {
        let statuses = [None, Some(".."), Some("a\tb\\n\nc\\"), Some("ä ö; ,")];
        let mut bits: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut points = Vec::new();
        for year in 1900..2100 {
            bits = bits.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let v = f64::from_bits(bits);
            let v = if v.is_finite() { v } else { f64::MIN_POSITIVE };
            points.push(point(year, Some(v), statuses[year as usize % 4]));
        }
        points.push(point(2100, Some(1e300), None));
        points.push(point(2101, Some(-0.0), None));
        let back = decode(&encode(&points)).unwrap();
        for (a, b) in points.iter().zip(&back) {
            assert_eq!(a.value.map(f64::to_bits), b.value.map(f64::to_bits), "{a:?}");
            assert_eq!(a.status, b.status);
        }
    }

    #[test]
    fn the_text_as_the_migration_writes_it_is_read_too() {
        // SQLite's printf('%!.17g') and PostgreSQL's float8 text; rows out of order are sorted.
        let p = decode("2023\t2.3399999999999999\t3\n2022\t1.0e+20\t3\t\n2021\t1e-05\t3").unwrap();
        assert_eq!(p.iter().map(|p| p.year).collect::<Vec<_>>(), [2021, 2022, 2023]);
        assert_eq!(p.iter().map(|p| p.value.unwrap()).collect::<Vec<_>>(), [1e-5, 1e20, 2.34]);
        assert_eq!(p[1].status, None, "an empty status is none");
    }

    #[test]
    fn text_in_another_format_is_an_error() {
        for bad in ["2021\t1.5", "x\t1\t2", "2021\tabc\t2", "2021\t1\tz"] {
            assert!(decode(bad).is_err(), "{bad}");
        }
    }
}
