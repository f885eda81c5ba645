//! Members imported from a spreadsheet: CSV with a header row (comma or semicolon separated, as
//! Swedish spreadsheets write it), checked row by row so that the user sees every bad row at
//! once and nothing is written while any row is wrong.

use time::Date;

use super::inputs::date;
use super::{MembershipRole, Side};
use crate::FieldError;
use crate::ids::OrganisationId;
use crate::text;

/// The columns, by header name; `namn`, `organisation`, `roll` and `start` are required.
pub const COLUMNS: [&str; 8] = ["namn", "organisation", "roll", "sida", "parti", "start", "slut", "ersattare_for"];

/// One valid row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRow {
    /// Line number in the file (the header is line 1).
    pub line: usize,
    pub name: String,
    pub organisation: OrganisationId,
    pub party: Option<String>,
    pub role: MembershipRole,
    pub side: Side,
    pub start: Date,
    pub end: Option<Date>,
    /// The name of the ordinary member a personal substitute stands in for.
    pub substitute_for: Option<String>,
}

/// Splits one CSV line into cells (RFC 4180 quoting; `sep` is `,` or `;`).
pub(crate) fn cells(line: &str, sep: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter().map(|c| c.trim().to_string()).collect()
}

/// A CSV file as a header row and its other non-empty lines. The separator is whichever of `;`
/// and `,` the header has more of; a byte-order mark is ignored; header names match whatever
/// their case, with å, ä, ö written a, a, o and spaces, hyphens and underscores left out
/// ("E-post", "e_post" and "epost" name one column).
pub(crate) struct Table<'a> {
    head: Vec<String>,
    sep: char,
    /// Each line with its number in the file (the header is line 1).
    pub lines: Vec<(usize, &'a str)>,
}

fn fold(h: &str) -> String {
    h.to_lowercase().replace(['ä', 'å'], "a").replace('ö', "o").replace([' ', '-', '_'], "")
}

impl<'a> Table<'a> {
    /// Reads `input`, refusing an empty file or a header without the `required` columns (the
    /// errors name `field`, the file's field, and list all `columns`).
    pub(crate) fn read(
        input: &'a str,
        field: &str,
        required: &[&str],
        columns: &[&str],
    ) -> Result<Self, Vec<(usize, FieldError)>> {
        let input = input.trim_start_matches('\u{feff}');
        let mut lines = input.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).map(|(i, l)| (i + 1, l));
        let Some((_, header)) = lines.next() else {
            return Err(vec![(1, FieldError::new(field, "empty", "Filen är tom.", "The file is empty."))]);
        };
        let sep = if header.matches(';').count() > header.matches(',').count() { ';' } else { ',' };
        let head: Vec<String> = cells(header, sep).iter().map(|h| fold(h)).collect();
        let table = Table { head, sep, lines: lines.collect() };
        let missing: Vec<&str> = required.iter().copied().filter(|c| table.col(c).is_none()).collect();
        if !missing.is_empty() {
            return Err(vec![(
                1,
                FieldError::new(
                    field,
                    "missing_columns",
                    format!("Rubrikraden saknar kolumnerna {}. Kolumner: {}.", missing.join(", "), columns.join(", ")),
                    format!("The header lacks the columns {}. Columns: {}.", missing.join(", "), columns.join(", ")),
                ),
            )]);
        }
        Ok(table)
    }

    fn col(&self, name: &str) -> Option<usize> {
        let name = fold(name);
        self.head.iter().position(|h| *h == name)
    }

    /// The cells of `line`.
    pub(crate) fn cells(&self, line: &str) -> Vec<String> {
        cells(line, self.sep)
    }

    /// The cell of column `name` among `cells` (empty when the file has no such column).
    pub(crate) fn get<'c>(&self, cells: &'c [String], name: &str) -> &'c str {
        self.col(name).and_then(|i| cells.get(i)).map(String::as_str).unwrap_or("")
    }
}

/// Parses the file. Labels of roles and sides are accepted in Swedish or as codes
/// ("ledamot"/"member", "majoritet"/"majority").
pub fn parse(
    input: &str,
    find_organisation: impl Fn(&str) -> Option<OrganisationId>,
) -> Result<Vec<ImportRow>, Vec<(usize, FieldError)>> {
    let table = Table::read(input, "csv", &["namn", "organisation", "roll", "start"], &COLUMNS)?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for &(n, line) in &table.lines {
        let c = table.cells(line);
        let get = |name: &str| table.get(&c, name);
        let mut row_errors = Vec::new();
        let name = keep(&mut row_errors, text::required("namn", get("namn"), 200));
        let organisation = keep(
            &mut row_errors,
            find_organisation(get("organisation")).ok_or_else(|| {
                FieldError::new(
                    "organisation",
                    "unknown_organisation",
                    format!(
                        "Organisationen ”{}” finns inte; ange kommunkod, länskod eller exakt namn.",
                        get("organisation")
                    ),
                    format!("The organisation “{}” does not exist; give its code or exact name.", get("organisation")),
                )
            }),
        );
        let role = keep(
            &mut row_errors,
            parse_role(get("roll")).ok_or_else(|| {
                FieldError::new(
                    "roll",
                    "invalid_role",
                    format!("Okänd roll ”{}”.", get("roll")),
                    format!("Unknown role “{}”.", get("roll")),
                )
            }),
        );
        let side = keep(
            &mut row_errors,
            parse_side(get("sida")).ok_or_else(|| {
                FieldError::new(
                    "sida",
                    "invalid_side",
                    format!("Okänd sida ”{}”.", get("sida")),
                    format!("Unknown side “{}”.", get("sida")),
                )
            }),
        );
        let party = keep(&mut row_errors, text::optional("parti", get("parti"), 40)).flatten();
        let start = keep(
            &mut row_errors,
            date("start", get("start")).and_then(|d| d.ok_or_else(|| FieldError::required("start"))),
        );
        let end = keep(&mut row_errors, date("slut", get("slut"))).flatten();
        let substitute_for =
            keep(&mut row_errors, text::optional("ersattare_for", get("ersattare_for"), 200)).flatten();
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            row_errors.push(FieldError::new(
                "slut",
                "end_before_start",
                "Slutdatumet är före startdatumet.",
                "The end date is before the start date.",
            ));
        }
        if substitute_for.is_some() && role.is_some_and(|r| r != MembershipRole::Substitute) {
            row_errors.push(FieldError::new(
                "ersattare_for",
                "not_a_substitute",
                "Bara en ersättare kan vara ersättare för någon.",
                "Only a substitute can stand in for someone.",
            ));
        }
        match (name, organisation, role, side, start) {
            (Some(name), Some(organisation), Some(role), Some(side), Some(start)) if row_errors.is_empty() => {
                rows.push(ImportRow { line: n, name, organisation, party, role, side, start, end, substitute_for })
            }
            _ => errors.extend(row_errors.into_iter().map(|e| (n, e))),
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push((
            1,
            FieldError::new(
                "csv",
                "no_rows",
                "Filen har inga rader under rubrikraden.",
                "The file has no rows below the header.",
            ),
        ));
    }
    if errors.is_empty() { Ok(rows) } else { Err(errors) }
}

pub(crate) fn keep<T>(errors: &mut Vec<FieldError>, r: Result<T, FieldError>) -> Option<T> {
    r.map_err(|e| errors.push(e)).ok()
}

pub(crate) fn parse_role(s: &str) -> Option<MembershipRole> {
    let s = s.trim().to_lowercase();
    MembershipRole::parse(&s)
        .or_else(|| MembershipRole::ALL.iter().copied().find(|r| r.label(crate::error::Lang::Sv).to_lowercase() == s))
}

pub(crate) fn parse_side(s: &str) -> Option<Side> {
    let s = s.trim().to_lowercase();
    match s.as_str() {
        "" | "ingen" | "-" => Some(Side::Neither),
        "majoritet" => Some(Side::Majority),
        "opposition" => Some(Side::Opposition),
        _ => Side::parse(&s)
            .or_else(|| Side::ALL.iter().copied().find(|x| x.label(crate::error::Lang::Sv).to_lowercase() == s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn orgs(s: &str) -> Option<OrganisationId> {
        match s {
            "0512" | "Ydre kommun" => Some(OrganisationId(1)),
            "05" => Some(OrganisationId(2)),
            _ => None,
        }
    }

    #[test]
    fn reads_a_swedish_spreadsheet_export() {
        let csv = "\u{feff}namn;organisation;roll;sida;parti;start;slut;ersättare_för\n\
                   Åsa Lind;0512;Ledamot;Opposition;M;2023-01-01;;\n\
                   \"Berg, Per\";Ydre kommun;ersättare;;S;2023-01-01;2024-06-30;Åsa Lind\n";
        let rows = parse(csv, orgs).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].role, rows[0].side), (MembershipRole::Member, Side::Opposition));
        assert_eq!(rows[1].name, "Berg, Per");
        assert_eq!(rows[1].substitute_for.as_deref(), Some("Åsa Lind"));
        assert_eq!(rows[1].line, 3);
    }

    /// Headers as spreadsheets write them: capitals, spaces and hyphens name the same column.
    #[test]
    fn headers_match_whatever_their_case_spaces_and_hyphens() {
        let csv = "Namn;Organisation;Roll;Start;Ersättare för\nÅsa Lind;0512;ersättare;2023-01-01;Per Berg\n";
        let rows = parse(csv, orgs).unwrap();
        assert_eq!(rows[0].substitute_for.as_deref(), Some("Per Berg"));
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line() {
        let csv = "namn,organisation,roll,start\nA,0512,member,2023-01-01\nB,9999,member,2023-01-01\n,05,kung,igår\n";
        let errs = parse(csv, orgs).unwrap_err();
        let lines: Vec<(usize, &str)> = errs.iter().map(|(n, e)| (*n, e.field.as_str())).collect();
        assert_eq!(lines, [(3, "organisation"), (4, "namn"), (4, "roll"), (4, "start")]);
        assert_eq!(parse("namn,roll\nA,member", orgs).unwrap_err()[0].1.code, "missing_columns");
        assert_eq!(parse("", orgs).unwrap_err()[0].1.code, "empty");
    }

    proptest! {
        #[test]
        fn quoted_cells_round_trip(v in proptest::collection::vec("[^\"\n\r]{0,12}", 1..5)) {
            let line = v.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect::<Vec<_>>().join(",");
            let back = cells(&line, ',');
            prop_assert_eq!(back, v.iter().map(|c| c.trim().to_string()).collect::<Vec<_>>());
        }
    }
}
