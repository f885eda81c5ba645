//! The directory as CSV: a header row and one row per person and seat (comma or semicolon
//! separated, as Swedish spreadsheets write it; the header's å, ä, ö may be written a, a, o).
//!
//! | column | required | meaning |
//! |---|---|---|
//! | `extern_id` | yes | the person's id in the directory (objectGUID, employee number) |
//! | `fornamn`, `efternamn` | yes | given and family name |
//! | `epost` | no | e-mail address (matches a register person not yet linked) |
//! | `organisation` | yes | the person's organisation: kommunkod, länskod or exact name |
//! | `titel` | no | the title as an official of the organisation |
//! | `organ` | no | a body the person sits in: its number or exact name; empty for none |
//! | `roll` | with `organ` | ledamot, ersättare, ordförande … (code or Swedish label) |
//! | `sida` | no | majoritet / opposition |
//! | `start`, `slut` | `start` or `mandatperiod` with `organ` | YYYY-MM-DD; `slut` defaults to the term's end |
//! | `mandatperiod` | no | e.g. 2027–2030: the term's first day is the start |
//!
//! A person with several seats has several rows; their person columns must agree.

use super::{Entry, Lookup, RawMembership, RowError, finish, membership, person};
use crate::FieldError;
use crate::structure::csv_import::Table;

/// The columns, by header name.
pub const COLUMNS: [&str; 12] = [
    "extern_id",
    "fornamn",
    "efternamn",
    "epost",
    "organisation",
    "titel",
    "organ",
    "roll",
    "sida",
    "start",
    "slut",
    "mandatperiod",
];

const REQUIRED: [&str; 4] = ["extern_id", "fornamn", "efternamn", "organisation"];

/// Parses the file; every bad row is reported with its line and column, and nothing is
/// returned while any row is bad.
pub fn parse(input: &str, lookup: &Lookup<'_>) -> Result<Vec<Entry>, Vec<RowError>> {
    let table = Table::read(input, "file", &REQUIRED, &COLUMNS)?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for &(n, line) in &table.lines {
        let c = table.cells(line);
        let get = |name: &str| table.get(&c, name);
        let mut row_errors = Vec::new();
        let fields = ["extern_id", "fornamn", "efternamn", "epost", "organisation", "titel"].map(|k| (k, get(k)));
        let p = person(fields, lookup, &mut row_errors);
        let mut memberships = Vec::new();
        if !get("organ").is_empty() {
            let raw = RawMembership {
                body: ("organ", get("organ")),
                role: ("roll", get("roll")),
                side: ("sida", get("sida")),
                start: ("start", get("start")),
                end: ("slut", get("slut")),
                term: ("mandatperiod", get("mandatperiod")),
            };
            memberships.extend(membership(n, &raw, lookup, &mut row_errors));
        } else if ["roll", "start", "slut", "mandatperiod"].iter().any(|k| !get(k).is_empty()) {
            row_errors.push(FieldError::new(
                "organ",
                "required",
                "Ange organet som uppdraget gäller.",
                "Give the body the membership is in.",
            ));
        }
        match p {
            Some(p) if row_errors.is_empty() => rows.push((n, p, memberships)),
            _ => errors.extend(row_errors.into_iter().map(|e| (n, e))),
        }
    }
    finish(rows, errors, ("epost", "organ"))
}
