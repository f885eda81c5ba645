//! CSV exports: RFC 4180 quoting, UTF-8 with a byte-order mark so spreadsheets read å, ä and ö,
//! and cells that would start a formula neutralised (CSV injection).

use axum::http::header;
use axum::response::{IntoResponse, Response};

pub fn cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r', ';']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

pub fn to_string(rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    for r in rows {
        out.push_str(&r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

pub fn response(filename: &str, rows: &[Vec<String>]) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
        ],
        to_string(rows),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_defuses_cells() {
        assert_eq!(cell("Ydre"), "Ydre");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hej\""), "\"say \"\"hej\"\"\"");
        assert_eq!(cell("=SUM(A1)"), "'=SUM(A1)");
        assert!(to_string(&[vec!["å".into()]]).starts_with('\u{feff}'));
    }
}
