//! CSV exports: RFC 4180 quoting, UTF-8 with a byte-order mark so spreadsheets read å, ä and ö,
//! and cells that would start a formula neutralised (CSV injection).

use axum::http::header;
use axum::response::{IntoResponse, Response};

pub fn cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r', ';']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

/// The byte-order mark a CSV file starts with.
pub const BOM: &str = "\u{feff}";

/// One line of cells, quoted, ended by CRLF, appended to `out`.
pub fn push_row<'a>(out: &mut String, cells: impl IntoIterator<Item = &'a str>) {
    for (i, c) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&cell(c));
    }
    out.push_str("\r\n");
}

pub fn to_string(rows: &[Vec<String>]) -> String {
    let mut out = String::from(BOM);
    for r in rows {
        push_row(&mut out, r.iter().map(String::as_str));
    }
    out
}

/// The headers of a CSV download named `filename` (streamed or not).
pub fn headers(filename: &str) -> [(header::HeaderName, String); 2] {
    [
        (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
        (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
    ]
}

pub fn response(filename: &str, rows: &[Vec<String>]) -> Response {
    (headers(filename), to_string(rows)).into_response()
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
        let mut line = String::new();
        push_row(&mut line, ["a", "b,c", "=1"]);
        assert_eq!(line, "a,\"b,c\",'=1\r\n");
    }
}
