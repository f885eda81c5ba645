//! Indicator values as CSV (comma or semicolon separated, as Swedish spreadsheets write it; the
//! header's å, ä, ö may be written a, a, o), one value a line:
//!
//! | column | required | meaning |
//! |---|---|---|
//! | `område` | yes | area code as Kolada writes it: kommunkod (`0680`), `00` + länskod (`0006`), `0000` riket |
//! | `år` | yes | the year, four digits |
//! | `kön` | no | `T` (total, the default), `K` (kvinnor), `M` (män) |
//! | `värde` | yes (may be empty) | the value, decimal point or comma; empty = missing |
//! | `status` | no | the source's flag for the value |

use super::import::{Parsed, RowError, finish};
use super::{Gender, Geography, Observation, number, year};
use crate::structure::csv_import::Table;

pub const COLUMNS: [&str; 5] = ["område", "år", "kön", "värde", "status"];
const REQUIRED: [&str; 3] = ["område", "år", "värde"];

/// Reads the file: every value, or every bad line.
pub fn parse(input: &str) -> Result<Parsed, Vec<RowError>> {
    let table = Table::read(input, "file", &REQUIRED, &COLUMNS)?;
    let mut out = Vec::with_capacity(table.lines.len());
    let mut errors = Vec::new();
    for &(n, line) in &table.lines {
        let c = table.cells(line);
        let get = |name: &str| table.get(&c, name);
        let geography = Geography::parse("område", get("område"));
        let yr = year("år", get("år"));
        let gender = Gender::parse("kön", get("kön"));
        let value = match get("värde") {
            "" => Ok(None),
            v => number("värde", v).map(Some),
        };
        let status = Some(get("status")).filter(|s| !s.is_empty()).map(str::to_string);
        match (geography, yr, gender, value) {
            (Ok(geography), Ok(year), Ok(gender), Ok(value)) => {
                out.push((n, Observation { geography, year, gender, value, status }))
            }
            (g, y, k, v) => errors.extend([g.err(), y.err(), k.err(), v.err()].into_iter().flatten().map(|e| (n, e))),
        }
    }
    finish(out, errors, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_decimal_commas_and_a_missing_value() {
        let p = parse("Område;År;Kön;Värde\n0680;2022;K;74,5\n0006;2022;;\n").unwrap().observations;
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].value, Some(74.5));
        assert_eq!((p[1].gender, p[1].value), (Gender::Total, None));
    }

    #[test]
    fn every_bad_cell_is_reported_at_its_line() {
        let e = parse("omrade,ar,kon,varde\n0680,2022,T,1\n99,20,X,abc\n").unwrap_err();
        let got: Vec<(usize, &str)> = e.iter().map(|(n, f)| (*n, f.field.as_str())).collect();
        assert_eq!(got, vec![(3, "område"), (3, "år"), (3, "kön"), (3, "värde")]);
        assert_eq!(parse("ar,varde\n2022,1\n").unwrap_err()[0].1.code, "missing_columns");
    }
}
