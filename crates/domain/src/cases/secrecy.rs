//! Secrecy markings (sekretessmarkering) on a registered document: the provision of
//! offentlighets- och sekretesslagen (2009:400) that applies ("21 kap. 7 §"), until when, and
//! who set it. The marking hides the document's description, counterpart and files from the
//! public; the registration itself (number, date, that the document exists) stays public
//! (OSL 5 kap. 1 § fjärde stycket: secret documents are always registered; 5 kap. 3 §: only
//! what is secret is left out of the public register).

use serde::{Deserialize, Serialize};
use time::Date;

use crate::error::Errors;
use crate::{FieldError, Invalid};

/// A provision of OSL: chapter, section and an optional letter ("18 kap. 8 a §"). OSL has 44
/// chapters; sections run to a few dozen.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SecrecyProvision {
    chapter: u8,
    section: u8,
    letter: Option<char>,
}

pub const LAST_CHAPTER: u8 = 44;

impl SecrecyProvision {
    pub fn parse(field: &str, s: &str) -> Result<SecrecyProvision, FieldError> {
        let bad = || {
            FieldError::new(
                field,
                "invalid_provision",
                format!("”{}” är ingen bestämmelse i OSL; skriv kapitel och paragraf, t.ex. 21 kap. 7 §.", s.trim()),
                format!("“{}” is no provision of the OSL; give chapter and section, e.g. 21 kap. 7 §.", s.trim()),
            )
        };
        let norm = s.trim().trim_start_matches("OSL").trim_start_matches("osl").replace('.', " ").replace('§', " § ");
        let words: Vec<&str> = norm.split_whitespace().collect();
        let (chapter, rest) = match words.as_slice() {
            [c, k, rest @ ..] if k.eq_ignore_ascii_case("kap") => (c.parse::<u8>().map_err(|_| bad())?, rest),
            _ => return Err(bad()),
        };
        let (section, letter) = match rest {
            [s, "§"] => (s.parse::<u8>().map_err(|_| bad())?, None),
            [s, l, "§"] if l.chars().count() == 1 && l.chars().all(|c| c.is_ascii_lowercase()) => {
                (s.parse::<u8>().map_err(|_| bad())?, l.chars().next())
            }
            _ => return Err(bad()),
        };
        if !(1..=LAST_CHAPTER).contains(&chapter) || section == 0 {
            return Err(bad());
        }
        Ok(SecrecyProvision { chapter, section, letter })
    }

    pub fn chapter(&self) -> u8 {
        self.chapter
    }
}

impl std::fmt::Display for SecrecyProvision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.letter {
            Some(l) => write!(f, "{} kap. {} {l} §", self.chapter, self.section),
            None => write!(f, "{} kap. {} §", self.chapter, self.section),
        }
    }
}

impl TryFrom<String> for SecrecyProvision {
    type Error = FieldError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        SecrecyProvision::parse("secrecy_provision", &s)
    }
}

impl From<SecrecyProvision> for String {
    fn from(p: SecrecyProvision) -> String {
        p.to_string()
    }
}

/// A marking as stored: the provision, until when (inclusive; none means until lifted), and
/// who set it and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Secrecy {
    pub provision: SecrecyProvision,
    #[serde(with = "crate::dates::ymd::option")]
    pub until: Option<Date>,
    pub set_by: String,
}

impl Secrecy {
    /// Whether the marking hides the document on `today`: until its last day has passed.
    pub fn applies(&self, today: Date) -> bool {
        self.until.is_none_or(|u| today <= u)
    }
}

/// A marking as typed: the provision and an optional last day, which must not have passed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecrecyInput {
    pub provision: SecrecyProvision,
    pub until: Option<Date>,
}

impl SecrecyInput {
    /// No marking when both fields are empty; a last day without a provision is an error.
    pub fn parse(provision: &str, until: &str, today: Date) -> Result<Option<SecrecyInput>, Invalid> {
        let mut e = Errors::new();
        let until = e.check(crate::structure::date("secrecy_until", until)).flatten();
        if let Some(u) = until
            && u < today
        {
            e.push(FieldError::new(
                "secrecy_until",
                "secrecy_until_past",
                "Sekretessen kan inte gälla till ett datum som har passerat.",
                "Secrecy cannot last until a day that has passed.",
            ));
        }
        let provision = if provision.trim().is_empty() {
            if until.is_some() {
                e.push(FieldError::new(
                    "secrecy_provision",
                    "provision_required",
                    "Ange vilken bestämmelse i OSL som gäller, t.ex. 21 kap. 7 §.",
                    "Give the provision of the OSL that applies, e.g. 21 kap. 7 §.",
                ));
            }
            None
        } else {
            e.check(SecrecyProvision::parse("secrecy_provision", provision))
        };
        e.finish(|| provision.map(|provision| SecrecyInput { provision, until }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    #[test]
    fn reads_provisions_as_registrars_write_them() {
        // OSL 21 kap. 7 § (personal data processed against the data protection rules) and
        // 18 kap. 8 a § (a lettered section).
        for (typed, shown) in [
            ("21 kap. 7 §", "21 kap. 7 §"),
            ("21 kap 7§", "21 kap. 7 §"),
            ("OSL 31 kap. 16 §", "31 kap. 16 §"),
            (" 18 kap. 8 a § ", "18 kap. 8 a §"),
        ] {
            assert_eq!(SecrecyProvision::parse("p", typed).unwrap().to_string(), shown, "{typed}");
        }
        for bad in ["", "21", "kap. 7 §", "21 kap. §", "0 kap. 1 §", "45 kap. 1 §", "21 kap. 0 §", "21 kap. 7 ab §"]
        {
            assert!(SecrecyProvision::parse("p", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_marking_needs_its_provision_and_a_future_last_day() {
        let today = date!(2026 - 12 - 06);
        assert_eq!(SecrecyInput::parse("", "", today).unwrap(), None);
        let m = SecrecyInput::parse("21 kap. 7 §", "2096-12-31", today).unwrap().unwrap();
        assert_eq!(m.until, Some(date!(2096 - 12 - 31)));
        let e = SecrecyInput::parse("", "2030-01-01", today).unwrap_err();
        assert_eq!(e.first().field, "secrecy_provision");
        let e = SecrecyInput::parse("21 kap. 7 §", "2020-01-01", today).unwrap_err();
        assert_eq!(e.first().code, "secrecy_until_past");
        let e = SecrecyInput::parse("x", "nej", today).unwrap_err();
        assert_eq!(e.0.len(), 2);
    }

    #[test]
    fn a_marking_hides_until_its_last_day_has_passed() {
        let s = Secrecy {
            provision: SecrecyProvision::parse("p", "21 kap. 7 §").unwrap(),
            until: Some(date!(2030 - 06 - 30)),
            set_by: "registrator@example.se".into(),
        };
        assert!(s.applies(date!(2030 - 06 - 30)));
        assert!(!s.applies(date!(2030 - 07 - 01)));
        assert!(Secrecy { until: None, ..s }.applies(date!(2100 - 01 - 01)));
    }

    proptest! {
        #[test]
        fn provisions_read_back(chapter in 1u8..=44, section in 1u8..=99, letter in proptest::option::of("[a-h]")) {
            let typed = match &letter {
                Some(l) => format!("{chapter} kap. {section} {l} §"),
                None => format!("{chapter} kap. {section} §"),
            };
            let p = SecrecyProvision::parse("p", &typed).unwrap();
            prop_assert_eq!(p.to_string(), typed.clone());
            prop_assert_eq!(SecrecyProvision::parse("p", &p.to_string()).unwrap(), p);
        }
    }
}
