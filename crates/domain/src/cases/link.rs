//! Typing a case number on an agenda item or a protocol paragraph links the two (issue 11: "links
//! to the meetings, agenda items and protocol paragraphs that handled it — typing a registered
//! case number on an agenda item or paragraph links the two"). A number in a series kept here
//! must name a registered case: otherwise the link would silently point nowhere, and a typo
//! ("RJL 2024/3363") would hide the handling from the case's page and from OParl. A number of a
//! registry kept elsewhere (another organisation's own diarium) cannot be checked and is kept as
//! typed, as the seed protocols carry them (seed `003_…`, "Diarienummer: RJL 2024/3336").

use crate::FieldError;
use crate::cases::CaseNumber;

/// Whether `number` may be typed on an agenda item or paragraph: `kept_here` says whether its
/// prefix is a series of this installation's registry, `registered` whether the case exists.
pub fn check_link(number: &CaseNumber, kept_here: bool, registered: bool) -> Result<(), FieldError> {
    if !kept_here || registered {
        return Ok(());
    }
    Err(FieldError::new(
        "case_number",
        "unknown_case_number",
        format!("{number} finns inte i diariet. Kontrollera numret, eller registrera ärendet först."),
        format!("{number} is not in the registry. Check the number, or register the case first."),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> CaseNumber {
        s.parse().unwrap()
    }

    #[test]
    fn a_number_of_a_series_kept_here_must_be_registered() {
        // Seed 003's RJL 2024/3340 (§ 9, "Sammanträdesdatum 2025") once Region Jönköpings län
        // keeps its registry here.
        assert!(check_link(&n("RJL 2024/3340"), true, true).is_ok());
        let e = check_link(&n("RJL 2024/3343"), true, false).unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("case_number", "unknown_case_number"));
        assert!(e.sv.contains("RJL 2024/3343") && e.en.contains("RJL 2024/3343"), "{e:?}");
    }

    #[test]
    fn a_number_of_a_registry_kept_elsewhere_is_kept_as_typed() {
        assert!(check_link(&n("KS 2024/118"), false, false).is_ok());
    }
}
