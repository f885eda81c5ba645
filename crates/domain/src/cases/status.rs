//! A case's status: opened (registered) → in preparation → decided → closed (issue 11). A
//! case only moves forward, and may skip a step: a reported matter is closed without a decision
//! of its own when it is "lagt till handlingarna" (seed `003_…`, § 3 of Kommunalt forum,
//! "Sammanställning av anmälningsärenden anmäls och läggs till handlingarna"). A closed case stays
//! closed: its documents are then the archive's (TF 2 kap.: a preparatory body's notes become
//! official documents when the case is finished, so what was closed is never reopened here).

use serde::{Deserialize, Serialize};

use crate::FieldError;
use crate::error::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    #[default]
    Opened,
    InPreparation,
    Decided,
    Closed,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 4] =
        [CaseStatus::Opened, CaseStatus::InPreparation, CaseStatus::Decided, CaseStatus::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseStatus::Opened => "opened",
            CaseStatus::InPreparation => "in_preparation",
            CaseStatus::Decided => "decided",
            CaseStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<CaseStatus> {
        CaseStatus::ALL.into_iter().find(|c| c.as_str() == s.trim())
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (CaseStatus::Opened, Lang::Sv) => "Öppnat",
            (CaseStatus::InPreparation, Lang::Sv) => "Under beredning",
            (CaseStatus::Decided, Lang::Sv) => "Beslutat",
            (CaseStatus::Closed, Lang::Sv) => "Avslutat",
            (CaseStatus::Opened, Lang::En) => "Opened",
            (CaseStatus::InPreparation, Lang::En) => "In preparation",
            (CaseStatus::Decided, Lang::En) => "Decided",
            (CaseStatus::Closed, Lang::En) => "Closed",
        }
    }

    /// Whether a case in this status may move to `to`: forward only, skipping allowed.
    pub fn may_become(self, to: CaseStatus) -> bool {
        to > self
    }

    /// The statuses a case in this one may move to.
    pub fn next(self) -> Vec<CaseStatus> {
        CaseStatus::ALL.into_iter().filter(|s| self.may_become(*s)).collect()
    }

    /// Whether documents may still be registered in the case: not once it is closed.
    pub fn open(self) -> bool {
        self != CaseStatus::Closed
    }

    /// The check of a change from this status to `to`, as an error on the field `status`.
    pub fn change_to(self, to: CaseStatus) -> Result<CaseStatus, FieldError> {
        if self.may_become(to) {
            return Ok(to);
        }
        Err(FieldError::new(
            "status",
            "status_not_allowed",
            format!(
                "Ett ärende som är ”{}” kan inte bli ”{}”; status går bara framåt.",
                self.label(Lang::Sv),
                to.label(Lang::Sv)
            ),
            format!(
                "A case that is “{}” cannot become “{}”; the status only moves forward.",
                self.label(Lang::En),
                to.label(Lang::En)
            ),
        ))
    }
}

/// A status change as typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusInput {
    pub status: CaseStatus,
}

impl StatusInput {
    pub fn parse(status: &str) -> Result<StatusInput, crate::Invalid> {
        let status = CaseStatus::parse(status).ok_or_else(|| {
            FieldError::new("status", "invalid_status", "Välj en status i listan.", "Choose a status from the list.")
        })?;
        Ok(StatusInput { status })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_case_moves_forward_through_its_four_statuses() {
        use CaseStatus::*;
        assert!(Opened.may_become(InPreparation));
        assert!(InPreparation.may_become(Decided));
        assert!(Decided.may_become(Closed));
        // Seed 003 § 3: reported matters are put to the files, closed without a decision.
        assert!(Opened.may_become(Closed));
        assert!(!Closed.may_become(Opened));
        assert!(!Decided.may_become(InPreparation));
        assert_eq!(Closed.next(), vec![]);
        assert_eq!(Opened.next(), vec![InPreparation, Decided, Closed]);
        let e = Closed.change_to(Opened).unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("status", "status_not_allowed"));
        assert!(!Closed.open() && Decided.open());
        assert!(StatusInput::parse("archived").is_err());
        assert_eq!(StatusInput::parse(" decided ").unwrap().status, Decided);
    }

    proptest! {
        /// No sequence of allowed changes ever returns to an earlier status, and every sequence
        /// ends at closed within three steps.
        #[test]
        fn status_never_goes_back(steps in proptest::collection::vec(0usize..4, 0..10)) {
            let mut s = CaseStatus::Opened;
            let mut moves = 0;
            for i in steps {
                let to = CaseStatus::ALL[i];
                match s.change_to(to) {
                    Ok(n) => { prop_assert!(n > s); s = n; moves += 1; }
                    Err(_) => prop_assert!(to <= s),
                }
            }
            prop_assert!(moves <= 3);
            for st in CaseStatus::ALL {
                prop_assert_eq!(CaseStatus::parse(st.as_str()), Some(st));
            }
        }
    }
}
