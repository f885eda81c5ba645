//! Indicators of the strategy follow-up (issue 13, seed 002: "Vi följer upp läget i länet utifrån
//! de indikatorer (mätbara nyckeltal)"): an indicator's definition, its values per geography,
//! year and gender as Kolada, SCB or a spreadsheet give them, and its progress status by Open
//! SDG's method.
//!
//! - `definition`: what an indicator is (title, unit, source, better direction, baseline, target).
//! - `status`: the progress status, a pure function of a series (Open SDG / Statistics Canada).
//! - `kolada`, `scb`, `csv`: the three file formats, each a pure parser; `import` holds what
//!   they share and `read` picks the parser of a file's format. Every import is all or nothing: a file with one bad row yields the
//!   list of its bad rows (row number, field, message in Swedish and English) and no values.
//! - `lenient`: typed JSON reading that reports a field of the wrong type at its row.
//! - `reimport`: what a re-import of a file changes against the stored values.

pub mod csv;
pub mod definition;
pub mod import;
pub mod kolada;
pub mod lenient;
pub mod read;
pub mod reimport;
pub mod scb;
pub mod status;

use serde::{Deserialize, Serialize};

use crate::FieldError;

pub use definition::{Direction, IndicatorInput, Source};
pub use import::{Format, Parsed, RowError};
pub use status::{Assessment, Point, Progress, Target};

/// The first and last year an import accepts.
pub const YEAR_MIN: i32 = 1900;
pub const YEAR_MAX: i32 = 2100;

/// A geography as Kolada writes it: a municipality's four-digit SCB code (`0680`), a region as
/// `00` + its county code (`0006`), or the whole country as `0000` (data README, "Kolada").
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Geography(String);

/// What kind of area a geography code names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GeographyKind {
    Country,
    Region,
    Municipality,
}

impl Geography {
    pub const COUNTRY: &'static str = "0000";

    pub fn parse(field: &str, v: &str) -> Result<Geography, FieldError> {
        let v = v.trim();
        let county_ok = |c: &str| matches!(c.parse::<u8>(), Ok(1..=25));
        let ok = v.len() == 4
            && v.bytes().all(|b| b.is_ascii_digit())
            && (v == Self::COUNTRY || county_ok(&v[..2]) || (v.starts_with("00") && county_ok(&v[2..])));
        if ok {
            Ok(Geography(v.to_string()))
        } else {
            Err(FieldError::new(
                field,
                "invalid_geography",
                format!(
                    "«{v}» är ingen områdeskod: fyra siffror, kommunkod (0680), 00 + länskod (0006) eller 0000 för riket."
                ),
                format!(
                    "'{v}' is not an area code: four digits, a municipality code (0680), 00 + county code (0006) or 0000 for Sweden."
                ),
            ))
        }
    }

    /// Wraps a code already checked (read back from the store).
    pub fn trusted(code: impl Into<String>) -> Geography {
        Geography(code.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn kind(&self) -> GeographyKind {
        if self.0 == Self::COUNTRY {
            GeographyKind::Country
        } else if self.0.starts_with("00") {
            GeographyKind::Region
        } else {
            GeographyKind::Municipality
        }
    }

    /// The region of a municipality's county (`0680` → `0006`); the region and the country are
    /// their own.
    pub fn county(&self) -> Geography {
        match self.kind() {
            GeographyKind::Municipality => Geography(format!("00{}", &self.0[..2])),
            _ => self.clone(),
        }
    }
}

/// Kolada's genders: total, women (kvinnor), men (män).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Gender {
    #[serde(rename = "T")]
    Total,
    #[serde(rename = "K")]
    Women,
    #[serde(rename = "M")]
    Men,
}

impl Gender {
    pub const ALL: [Gender; 3] = [Gender::Total, Gender::Women, Gender::Men];

    pub fn code(self) -> &'static str {
        match self {
            Gender::Total => "T",
            Gender::Women => "K",
            Gender::Men => "M",
        }
    }

    pub fn parse(field: &str, v: &str) -> Result<Gender, FieldError> {
        match v.trim() {
            "T" | "t" | "" => Ok(Gender::Total),
            "K" | "k" => Ok(Gender::Women),
            "M" | "m" => Ok(Gender::Men),
            other => Err(FieldError::new(
                field,
                "invalid_gender",
                format!("«{other}» är inget kön: T (totalt), K (kvinnor) eller M (män)."),
                format!("'{other}' is not a gender: T (total), K (women) or M (men)."),
            )),
        }
    }
}

/// One value of an indicator: a geography, a year and a gender; `None` when the source gave the
/// year without a value (Kolada's `"value": null`), kept so that a gap shows as a gap.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    pub geography: Geography,
    pub year: i32,
    pub gender: Gender,
    pub value: Option<f64>,
    /// The source's status flag, when it gives one (Kolada v3 `status`, SCB's `status`).
    pub status: Option<String>,
}

/// A year as an import reads it.
pub fn year(field: &str, v: &str) -> Result<i32, FieldError> {
    v.trim().parse::<i32>().ok().filter(|y| (YEAR_MIN..=YEAR_MAX).contains(y)).ok_or_else(|| {
        FieldError::new(
            field,
            "invalid_year",
            format!("Ange ett år mellan {YEAR_MIN} och {YEAR_MAX}."),
            format!("Give a year between {YEAR_MIN} and {YEAR_MAX}."),
        )
    })
}

/// A number as typed or written in a file: decimal point or comma, spaces as thousands
/// separators ("145 114,5").
pub fn number(field: &str, v: &str) -> Result<f64, FieldError> {
    let t: String = v.trim().chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
    t.replace(',', ".").parse::<f64>().ok().filter(|x| x.is_finite()).ok_or_else(|| {
        FieldError::new(
            field,
            "invalid_number",
            format!("«{}» är inget tal.", v.trim()),
            format!("'{}' is not a number.", v.trim()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geography_codes_as_kolada_writes_them() {
        // Data README: municipality 0680, region 00 + county (0006), country 0000.
        assert_eq!(Geography::parse("g", "0680").unwrap().kind(), GeographyKind::Municipality);
        assert_eq!(Geography::parse("g", "0006").unwrap().kind(), GeographyKind::Region);
        assert_eq!(Geography::parse("g", "0000").unwrap().kind(), GeographyKind::Country);
        assert_eq!(Geography::parse("g", "0680").unwrap().county().as_str(), "0006");
        for bad in ["680", "06800", "9999", "0099", "G0680", ""] {
            assert!(Geography::parse("g", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn numbers_take_a_decimal_comma_and_spaces() {
        assert_eq!(number("v", "145 114,5").unwrap(), 145114.5);
        assert_eq!(number("v", "-0.25").unwrap(), -0.25);
        assert!(number("v", "NaN").is_err());
        assert!(number("v", "12a").is_err());
        assert!(year("y", "1899").is_err());
        assert_eq!(year("y", " 2022 ").unwrap(), 2022);
    }
}
