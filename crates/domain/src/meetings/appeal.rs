//! What the announced protocol says about appeal: laglighetsprövning (kommunallagen 2017:725,
//! 13 kap.) lies against the decisions of an organisation's own boards — fullmäktige, styrelse,
//! nämnd (13 kap. 1–2 §§). The joint bodies of the collaboration have no decision power of their
//! own (`domain.md` rule 9, seed 000): a consultation group or a management group of officials
//! recommends, and each organisation decides for itself, so its protocol holds no decision
//! that can be appealed and its notice must not invite an appeal (rule 17).

use serde::Serialize;

use crate::structure::BodyKind;

/// The appeal text an announced protocol carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AppealNotice {
    /// A decision of the organisation's own board, appealable by laglighetsprövning within
    /// three weeks of the posting (KL 13 kap. 1, 5 §§).
    Laglighetsprovning,
    /// A joint body without decision power of its own (rule 9): its recommendations bind only
    /// through each organisation's own decision, which is appealed where it is made.
    NoDecisionPower,
}

impl AppealNotice {
    /// The notice for a protocol of a body of `kind`. Only fullmäktige, styrelse and nämnd
    /// decide on behalf of a municipality or region (KL 13 kap. 2 §); every joint group of the
    /// structure, formal or not, prepares and recommends (rule 9). `formal` is the body's own
    /// flag: an informal group never decides, and a formal joint group does not either.
    pub fn for_body(kind: BodyKind, formal: bool) -> Self {
        let own_board = matches!(
            kind,
            BodyKind::RegionalCouncil | BodyKind::RegionalBoard | BodyKind::MunicipalBoard | BodyKind::Committee
        );
        if own_board && formal { AppealNotice::Laglighetsprovning } else { AppealNotice::NoDecisionPower }
    }

    /// Whether the notice states a last day to appeal (KL 13 kap. 5 §).
    pub fn appealable(self) -> bool {
        self == AppealNotice::Laglighetsprovning
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// KL 13 kap. 1–2 §§: decisions of fullmäktige, a styrelse and a nämnd are appealed by
    /// laglighetsprövning.
    #[test]
    fn decisions_of_an_organisations_own_boards_can_be_appealed() {
        for kind in [BodyKind::RegionalCouncil, BodyKind::RegionalBoard, BodyKind::MunicipalBoard, BodyKind::Committee]
        {
            assert_eq!(AppealNotice::for_body(kind, true), AppealNotice::Laglighetsprovning, "{kind:?}");
            assert!(AppealNotice::for_body(kind, true).appealable());
        }
    }

    /// Rule 9 (seed 000): "Kommunalt forum" and "Samrådet för strategiska frågor" recommend;
    /// each organisation decides. Their announced protocols invite no appeal.
    #[test]
    fn a_consultation_group_has_no_decision_power_of_its_own() {
        assert_eq!(AppealNotice::for_body(BodyKind::ConsultationGroup, true), AppealNotice::NoDecisionPower);
        assert!(!AppealNotice::for_body(BodyKind::ConsultationGroup, true).appealable());
    }

    /// Rule 9 and the glossary: a management group (ledningsgrupp) is a joint group of
    /// officials; it decides nothing on an organisation's behalf.
    #[test]
    fn a_management_group_of_officials_has_no_decision_power_of_its_own() {
        assert_eq!(AppealNotice::for_body(BodyKind::ManagementGroup, true), AppealNotice::NoDecisionPower);
    }

    /// Every joint kind of the structure, and any group marked informal, recommends only.
    #[test]
    fn only_own_boards_invite_an_appeal() {
        let appealable: Vec<_> =
            BodyKind::ALL.iter().copied().filter(|k| AppealNotice::for_body(*k, true).appealable()).collect();
        assert_eq!(
            appealable,
            [BodyKind::MunicipalBoard, BodyKind::RegionalBoard, BodyKind::RegionalCouncil, BodyKind::Committee]
        );
        assert!(BodyKind::ALL.iter().all(|k| !AppealNotice::for_body(*k, false).appealable()));
    }
}
