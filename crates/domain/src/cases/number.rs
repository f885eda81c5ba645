//! A registry's number series: its prefix ("RJL"), and the numbers it gives out, "RJL 2024/3336"
//! (seed `003_…`), one series per organisation and year. The number itself is the meetings'
//! `CaseNumber` (an agenda item or paragraph names a case by it), re-exported here as the
//! registry's. A document registered in a case is numbered after it: "RJL 2024/3336-2".

use serde::{Deserialize, Serialize};

use crate::FieldError;
pub use crate::meetings::case_number::CaseNumber;

/// The letters a registry puts before its numbers: one to ten letters or hyphens, upper case
/// ("RJL" for Region Jönköpings län, "RÖ" for Region Östergötland).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Prefix(String);

impl Prefix {
    pub fn parse(field: &str, s: &str) -> Result<Prefix, FieldError> {
        let p = s.trim().to_uppercase();
        if p.is_empty() {
            return Err(FieldError::required(field));
        }
        let ok = p.chars().count() <= 10
            && p.chars().all(|c| c.is_alphabetic() || c == '-')
            && p.chars().next().is_some_and(char::is_alphabetic);
        if !ok {
            return Err(FieldError::new(
                field,
                "invalid_prefix",
                "Diariets prefix är en till tio bokstäver, t.ex. RJL.",
                "The registry's prefix is one to ten letters, e.g. RJL.",
            ));
        }
        Ok(Prefix(p))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number `seq` of `year` in this series.
    pub fn number(&self, year: i32, seq: i64) -> Option<CaseNumber> {
        format!("{} {year}/{seq}", self.0).parse().ok()
    }
}

impl TryFrom<String> for Prefix {
    type Error = FieldError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Prefix::parse("prefix", &s)
    }
}

impl From<Prefix> for String {
    fn from(p: Prefix) -> String {
        p.0
    }
}

impl std::fmt::Display for Prefix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The number of the `n`th document registered in case `case`: "RJL 2024/3336-2".
pub fn document_number(case: &CaseNumber, n: i64) -> String {
    format!("{case}-{n}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_seed_protocols_series() {
        // Seed 003, § 3 and § 9 of Kommunalt forum: "Diarienummer: RJL 2024/3336" and "… 3340".
        let p = Prefix::parse("prefix", " rjl ").unwrap();
        assert_eq!(p.number(2024, 3336).unwrap().to_string(), "RJL 2024/3336");
        assert_eq!(p.number(2024, 3340).unwrap(), "RJL 2024/3340".parse().unwrap());
        assert_eq!(document_number(&p.number(2024, 3336).unwrap(), 2), "RJL 2024/3336-2");
        assert_eq!(Prefix::parse("prefix", "RÖ").unwrap().as_str(), "RÖ");
        for bad in ["", "R1", "RJL 2", "-RJL", "ABCDEFGHIJK", "R/J"] {
            assert!(Prefix::parse("prefix", bad).is_err(), "{bad}");
        }
        assert_eq!(Prefix::parse("prefix", "").unwrap_err().code, "required");
    }

    proptest! {
        /// Every number a series gives out reads back as the same prefix, year and sequence.
        #[test]
        fn a_series_numbers_read_back(prefix in "[A-ZÅÄÖ]{1,10}", year in 1900i32..2100, seq in 1i64..9_999_999) {
            let p = Prefix::parse("prefix", &prefix).unwrap();
            let n = p.number(year, seq).unwrap();
            prop_assert_eq!(n.prefix(), prefix.as_str());
            prop_assert_eq!(i32::from(n.year()), year);
            prop_assert_eq!(i64::from(n.seq()), seq);
        }
    }
}
