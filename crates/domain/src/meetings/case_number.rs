//! Registry numbers (diarienummer) such as "RJL 2024/3336": the registry's prefix, the year
//! the case was opened and its sequence number in that year (OSL 5 kap.: documents are
//! registered with their case number).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::FieldError;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CaseNumber {
    prefix: String,
    year: u16,
    seq: u32,
}

impl CaseNumber {
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    pub fn year(&self) -> u16 {
        self.year
    }

    pub fn seq(&self) -> u32 {
        self.seq
    }
}

impl FromStr for CaseNumber {
    type Err = FieldError;

    /// Accepts "RJL 2024/3336", also with several or non-breaking spaces, lower-case prefix or
    /// leading zeros in the sequence; refuses anything else with a message that shows the form.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            FieldError::new(
                "case_number",
                "invalid_case_number",
                format!("”{}” är inget diarienummer; skriv t.ex. RJL 2024/3336.", s.trim()),
                format!("“{}” is not a case number; write e.g. RJL 2024/3336.", s.trim()),
            )
        };
        let norm: String = s.trim().chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect();
        let (prefix, rest) = norm.split_once(' ').ok_or_else(bad)?;
        let (year, seq) = rest.trim().split_once('/').ok_or_else(bad)?;
        let prefix = prefix.to_uppercase();
        let prefix_ok =
            (1..=10).contains(&prefix.chars().count()) && prefix.chars().all(|c| c.is_alphabetic() || c == '-');
        let year: u16 = year.parse().ok().filter(|y| (1900..=2200).contains(y)).ok_or_else(bad)?;
        let seq: u32 = seq.parse().ok().filter(|n| (1..=9_999_999).contains(n)).ok_or_else(bad)?;
        if !prefix_ok {
            return Err(bad());
        }
        Ok(CaseNumber { prefix, year, seq })
    }
}

impl fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}/{}", self.prefix, self.year, self.seq)
    }
}

impl TryFrom<String> for CaseNumber {
    type Error = FieldError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<CaseNumber> for String {
    fn from(c: CaseNumber) -> String {
        c.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_the_seed_protocols_numbers() {
        let c: CaseNumber = "RJL 2024/3336".parse().unwrap();
        assert_eq!((c.prefix(), c.year(), c.seq()), ("RJL", 2024, 3336));
        assert_eq!("  rjl\u{a0}2024/03340 ".parse::<CaseNumber>().unwrap().to_string(), "RJL 2024/3340");
        for bad in ["", "RJL", "RJL 2024", "RJL 24/3336", "RJL 2024/0", "2024/3336", "R1L 2024/3"] {
            assert!(bad.parse::<CaseNumber>().is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn printed_numbers_read_back(prefix in "[A-ZÅÄÖ]{1,6}", year in 1900u16..2200, seq in 1u32..9_999_999) {
            let c: CaseNumber = format!("{prefix} {year}/{seq}").parse().unwrap();
            prop_assert_eq!(c.to_string().parse::<CaseNumber>().unwrap(), c.clone());
            let json = serde_json::to_string(&c).unwrap();
            prop_assert_eq!(serde_json::from_str::<CaseNumber>(&json).unwrap(), c);
        }
    }
}
