//! Reading a file in its format: the one entry point over the three parsers (`kolada`, `scb`,
//! `csv`), which share what `import` defines.

use super::import::{Expect, Format, Parsed, RowError};

/// Reads `input` in `format`: all the values, or every bad row.
pub fn parse(format: Format, input: &str, expect: Expect<'_>) -> Result<Parsed, Vec<RowError>> {
    match format {
        Format::Kolada => super::kolada::parse(input, expect),
        Format::Scb => super::scb::parse(input),
        Format::Csv => super::csv::parse(input),
    }
}
