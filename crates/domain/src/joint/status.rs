//! Where an organisation's decision on a joint matter stands: not yet sent → sent → in
//! preparation → decided or declined (issue 11). Rule 9: the recommendation binds an
//! organisation only by its own decision, so the two end states are reached only by recording
//! that decision (`after_decision`), never by a status change alone; and once an organisation's
//! board has decided, the record stands (a decision is changed by a new decision of the board,
//! which is a new matter, not an edit of the matrix).

use serde::{Deserialize, Serialize};

use super::Outcome;
use crate::FieldError;
use crate::error::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PartyStatus {
    #[default]
    NotSent,
    Sent,
    InPreparation,
    Decided,
    Declined,
}

impl PartyStatus {
    pub const ALL: [PartyStatus; 5] = [
        PartyStatus::NotSent,
        PartyStatus::Sent,
        PartyStatus::InPreparation,
        PartyStatus::Decided,
        PartyStatus::Declined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PartyStatus::NotSent => "not_sent",
            PartyStatus::Sent => "sent",
            PartyStatus::InPreparation => "in_preparation",
            PartyStatus::Decided => "decided",
            PartyStatus::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Option<PartyStatus> {
        PartyStatus::ALL.into_iter().find(|c| c.as_str() == s.trim())
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (PartyStatus::NotSent, Lang::Sv) => "Inte skickat",
            (PartyStatus::Sent, Lang::Sv) => "Skickat",
            (PartyStatus::InPreparation, Lang::Sv) => "Under beredning",
            (PartyStatus::Decided, Lang::Sv) => "Beslutat",
            (PartyStatus::Declined, Lang::Sv) => "Avböjt",
            (PartyStatus::NotSent, Lang::En) => "Not yet sent",
            (PartyStatus::Sent, Lang::En) => "Sent",
            (PartyStatus::InPreparation, Lang::En) => "In preparation",
            (PartyStatus::Decided, Lang::En) => "Decided",
            (PartyStatus::Declined, Lang::En) => "Declined",
        }
    }

    /// Whether the organisation has decided, whichever way (rule 9: its own decision).
    pub fn is_final(self) -> bool {
        matches!(self, PartyStatus::Decided | PartyStatus::Declined)
    }

    /// Whether a status change (not a decision) may move this status to `to`: forward only,
    /// one of sent or in preparation, never to an end state (those come from a decision).
    pub fn may_become(self, to: PartyStatus) -> bool {
        !to.is_final() && to > self
    }

    /// The statuses a status change may move this one to.
    pub fn next(self) -> Vec<PartyStatus> {
        PartyStatus::ALL.into_iter().filter(|s| self.may_become(*s)).collect()
    }

    /// Whether a decision may be recorded: once the matter is sent, and not twice.
    pub fn may_record(self) -> bool {
        matches!(self, PartyStatus::Sent | PartyStatus::InPreparation)
    }

    /// The status a recorded decision leaves: declined when the board declined, decided
    /// otherwise (agreeing with changes is a decision to take part, seed 000's point 1).
    pub fn after_decision(outcome: Outcome) -> PartyStatus {
        match outcome {
            Outcome::Declines => PartyStatus::Declined,
            Outcome::Agrees | Outcome::AgreesWithChanges => PartyStatus::Decided,
        }
    }

    /// The check of a status change, as an error on the field `status`.
    pub fn change_to(self, to: PartyStatus) -> Result<PartyStatus, FieldError> {
        if self.may_become(to) {
            return Ok(to);
        }
        Err(FieldError::new(
            "status",
            "status_not_allowed",
            format!(
                "Status ”{}” kan inte bli ”{}”: den går bara framåt, och beslutat eller avböjt blir den bara genom ett registrerat beslut.",
                self.label(Lang::Sv),
                to.label(Lang::Sv)
            ),
            format!(
                "Status “{}” cannot become “{}”: it only moves forward, and becomes decided or declined only by a recorded decision.",
                self.label(Lang::En),
                to.label(Lang::En)
            ),
        ))
    }

    /// The check that a decision may be recorded now, as an error on the field `status`.
    pub fn check_record(self) -> Result<(), FieldError> {
        if self.may_record() {
            return Ok(());
        }
        let (sv, en) = if self.is_final() {
            ("Organisationens beslut är redan registrerat.", "The organisation's decision is already recorded.")
        } else {
            (
                "Ärendet är inte skickat till organisationen ännu.",
                "The matter has not been sent to the organisation yet.",
            )
        };
        Err(FieldError::new("status", "status_not_allowed", sv, en))
    }
}

/// A status change as typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusInput {
    pub status: PartyStatus,
}

impl StatusInput {
    pub fn parse(status: &str) -> Result<StatusInput, crate::Invalid> {
        let status = PartyStatus::parse(status).ok_or_else(|| {
            FieldError::new("status", "invalid_status", "Välj en status i listan.", "Choose a status from the list.")
        })?;
        Ok(StatusInput { status })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PartyStatus::*;
    use proptest::prelude::*;

    #[test]
    fn a_matter_is_sent_prepared_and_then_decided_by_the_board() {
        // Seed 000: the region sends the recommendation; the municipal board decides on it.
        assert!(NotSent.may_become(Sent));
        assert!(Sent.may_become(InPreparation));
        assert!(NotSent.may_become(InPreparation));
        assert!(!Sent.may_become(Decided), "rule 9: only the board's recorded decision decides");
        assert!(!InPreparation.may_become(Sent));
        assert_eq!(Decided.next(), vec![]);
        assert_eq!(NotSent.next(), vec![Sent, InPreparation]);
        assert!(!NotSent.may_record() && Sent.may_record() && InPreparation.may_record());
        assert!(!Decided.may_record() && !Declined.may_record());
        assert_eq!(NotSent.check_record().unwrap_err().code, "status_not_allowed");
        assert_eq!(PartyStatus::after_decision(Outcome::Agrees), Decided);
        assert_eq!(PartyStatus::after_decision(Outcome::AgreesWithChanges), Decided);
        assert_eq!(PartyStatus::after_decision(Outcome::Declines), Declined);
        let e = Decided.change_to(Sent).unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("status", "status_not_allowed"));
        assert!(StatusInput::parse("approved").is_err());
        assert_eq!(StatusInput::parse(" sent ").unwrap().status, Sent);
    }

    proptest! {
        /// Whatever sequence of changes and decisions is tried, the status never moves back,
        /// and an end state is reached only through a decision and never left.
        #[test]
        fn status_never_goes_back_and_ends_only_by_decision(steps in proptest::collection::vec((0usize..5, 0usize..4), 0..16)) {
            let mut s = NotSent;
            for (i, d) in steps {
                let before = s;
                if d < 3 {
                    let outcome = Outcome::ALL[d];
                    if s.may_record() { s = PartyStatus::after_decision(outcome); }
                } else if let Ok(n) = s.change_to(PartyStatus::ALL[i]) {
                    prop_assert!(!n.is_final());
                    s = n;
                }
                prop_assert!(s >= before);
                if before.is_final() { prop_assert_eq!(s, before); }
            }
            for st in PartyStatus::ALL { prop_assert_eq!(PartyStatus::parse(st.as_str()), Some(st)); }
        }
    }
}
