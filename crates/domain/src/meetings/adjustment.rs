//! Adjustment (justering): who must approve a protocol, and when it counts as adjusted.
//!
//! Kommunallagen (2017:725) 5 kap. 69 § (for boards and committees via 6 kap. 35 §): the
//! protocol is adjusted by the chair and at least one adjuster, no later than 14 days after the
//! meeting (rule 15). A paragraph can be adjusted at once at the meeting (omedelbar justering,
//! "OJ", KL 5 kap. 70 §). Each approval signs the SHA-256 digest of the text it approves; the
//! text counts as adjusted when the chair and every elected adjuster have signed that same
//! digest.

use serde::{Serialize, Serializer};

use super::MeetingStatus;
use super::error::MeetingError;
use super::protocol::Protocol;
use crate::ids::PersonId;

/// What an approval approves: a whole version of the protocol, or one paragraph adjusted at once
/// (OJ) while the protocol is still written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ApprovalTarget {
    Protocol { version: i64 },
    Paragraph { number: i64 },
}

impl ApprovalTarget {
    /// The two columns of the `approvals` table (and the API's two fields): a version with
    /// paragraph 0 for the whole protocol, version 0 with the paragraph's number for OJ.
    pub fn columns(self) -> (i64, i64) {
        match self {
            ApprovalTarget::Protocol { version } => (version, 0),
            ApprovalTarget::Paragraph { number } => (0, number),
        }
    }

    /// The target the two columns stand for; `None` for a pair no approval is stored with.
    pub fn from_columns(version: i64, paragraph: i64) -> Option<Self> {
        match (version, paragraph) {
            (v, 0) if v > 0 => Some(ApprovalTarget::Protocol { version: v }),
            (0, n) if n > 0 => Some(ApprovalTarget::Paragraph { number: n }),
            _ => None,
        }
    }
}

/// Serialised as the two fields `version` and `paragraph` the API has always had.
impl Serialize for ApprovalTarget {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (version, paragraph) = self.columns();
        let mut st = s.serialize_struct("ApprovalTarget", 2)?;
        st.serialize_field("version", &version)?;
        st.serialize_field("paragraph", &paragraph)?;
        st.end()
    }
}

/// The role in which someone approves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ApproverRole {
    Chair,
    Adjuster,
}

impl ApproverRole {
    pub fn as_str(self) -> &'static str {
        match self {
            ApproverRole::Chair => "chair",
            ApproverRole::Adjuster => "adjuster",
        }
    }
}

/// One recorded approval, as the rules need it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signature<'a> {
    pub target: ApprovalTarget,
    pub person: PersonId,
    pub digest: &'a str,
}

/// The people who approve a meeting's protocol: its chair and its elected adjusters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Approvers {
    pub chair: Option<PersonId>,
    pub adjusters: Vec<PersonId>,
}

impl Approvers {
    pub fn new(chair: Option<PersonId>, adjusters: impl IntoIterator<Item = PersonId>) -> Self {
        Approvers { chair, adjusters: adjusters.into_iter().collect() }
    }

    /// The approvers a protocol names (the chair and adjusters it records, by person id).
    pub fn of_protocol(p: &Protocol) -> Self {
        Approvers::new(
            p.chair.as_ref().and_then(|c| c.person_id).map(PersonId),
            p.adjusters.iter().filter_map(|a| a.person_id).map(PersonId),
        )
    }

    /// The role in which `person` approves, if they do: the chair as chair, an elected adjuster
    /// as adjuster.
    pub fn role_of(&self, person: PersonId) -> Option<ApproverRole> {
        if self.chair == Some(person) {
            Some(ApproverRole::Chair)
        } else if self.adjusters.contains(&person) {
            Some(ApproverRole::Adjuster)
        } else {
            None
        }
    }

    /// The role in which `person` approves, or the refusal for someone who does not.
    pub fn required(&self, person: PersonId) -> Result<ApproverRole, MeetingError> {
        self.role_of(person).ok_or(MeetingError::NotAnApprover)
    }

    /// Everyone whose approval the protocol needs, the chair first, each once.
    pub fn who_must_approve(&self) -> Vec<PersonId> {
        let mut out: Vec<PersonId> = Vec::new();
        for p in self.chair.iter().chain(self.adjusters.iter()) {
            if !out.contains(p) {
                out.push(*p);
            }
        }
        out
    }

    /// Whether the approvers can adjust at all (KL 5 kap. 69 §): the chair is known and at least
    /// one adjuster besides the chair is elected.
    pub fn can_adjust(&self) -> Result<(), MeetingError> {
        if self.chair.is_none() {
            return Err(MeetingError::ChairMissing);
        }
        if self.adjusters.is_empty() {
            return Err(MeetingError::AdjustersMissing);
        }
        if self.adjusters.iter().all(|a| Some(*a) == self.chair) {
            return Err(MeetingError::NoAdjusterBesideChair);
        }
        Ok(())
    }

    /// Those who have yet to sign `digest` for `target`.
    pub fn waiting_for<'a>(
        &self,
        target: ApprovalTarget,
        digest: &str,
        signatures: impl IntoIterator<Item = Signature<'a>>,
    ) -> Vec<PersonId> {
        let signed: Vec<PersonId> =
            signatures.into_iter().filter(|s| s.target == target && s.digest == digest).map(|s| s.person).collect();
        self.who_must_approve().into_iter().filter(|p| !signed.contains(p)).collect()
    }
}

/// Whether the text of `target` with `digest` is adjusted: the approvers can adjust (the chair
/// and at least one other adjuster, KL 5 kap. 69 §) and each of them has signed that digest.
pub fn is_adjusted<'a>(
    approvers: &Approvers,
    target: ApprovalTarget,
    digest: &str,
    signatures: impl IntoIterator<Item = Signature<'a>>,
) -> bool {
    approvers.can_adjust().is_ok() && approvers.waiting_for(target, digest, signatures).is_empty()
}

/// Whether a version of a protocol was approved. The version that was adjusted is approved
/// when the chair and every adjuster it names signed its digest (KL 5 kap. 69 §); a correction
/// after adjustment is not adjusted again but approved by its own record, which says who made
/// it, when and why (rule 18, JO 581-2013), so `corrected` versions are approved as such.
pub fn version_approved<'a>(
    approvers: &Approvers,
    version: i64,
    digest: &str,
    corrected: bool,
    signatures: impl IntoIterator<Item = Signature<'a>>,
) -> bool {
    corrected || is_adjusted(approvers, ApprovalTarget::Protocol { version }, digest, signatures)
}

/// Whether a list of adjusters may be elected at a meeting chaired by `chair`: the chair
/// already adjusts and is never also an adjuster, so that someone besides the chair approves
/// (KL 5 kap. 69 §).
pub fn check_election(chair: Option<PersonId>, adjusters: &[PersonId]) -> Result<(), MeetingError> {
    if chair.is_some_and(|c| adjusters.contains(&c)) {
        return Err(MeetingError::ChairAsAdjuster);
    }
    Ok(())
}

/// Whether the protocol can be approved now: only while it is out for adjustment.
pub fn may_approve_protocol(status: MeetingStatus) -> Result<(), MeetingError> {
    if status != MeetingStatus::ProtocolDrafted {
        return Err(MeetingError::NotOutForAdjustment);
    }
    Ok(())
}

/// Whether a paragraph can be adjusted at once now: while the protocol is written (the meeting
/// is held), and only a paragraph marked OJ (KL 5 kap. 70 §).
pub fn may_approve_paragraph(status: MeetingStatus, marked_immediate: bool) -> Result<(), MeetingError> {
    if status != MeetingStatus::Held {
        return Err(MeetingError::ImmediateOnlyWhileWriting);
    }
    if !marked_immediate {
        return Err(MeetingError::NotImmediate);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const CHAIR: PersonId = PersonId(1);
    const ADJ1: PersonId = PersonId(2);
    const ADJ2: PersonId = PersonId(3);
    const V1: ApprovalTarget = ApprovalTarget::Protocol { version: 1 };

    fn seed() -> Approvers {
        Approvers::new(Some(CHAIR), [ADJ1, ADJ2])
    }

    fn sig(person: PersonId, digest: &str) -> Signature<'_> {
        Signature { target: V1, person, digest }
    }

    /// KL 5 kap. 69 §: the chair and every elected adjuster sign the same text.
    #[test]
    fn the_chair_and_every_adjuster_adjust_the_same_digest() {
        let a = seed();
        assert!(!is_adjusted(&a, V1, "d", [sig(CHAIR, "d"), sig(ADJ1, "d")]));
        assert!(is_adjusted(&a, V1, "d", [sig(CHAIR, "d"), sig(ADJ1, "d"), sig(ADJ2, "d")]));
        assert!(!is_adjusted(&a, V1, "d", [sig(CHAIR, "d"), sig(ADJ1, "d"), sig(ADJ2, "other")]));
        let v2 = ApprovalTarget::Protocol { version: 2 };
        assert!(!is_adjusted(&a, v2, "d", [sig(CHAIR, "d"), sig(ADJ1, "d"), sig(ADJ2, "d")]));
        assert_eq!(a.waiting_for(V1, "d", [sig(ADJ1, "d")]), [CHAIR, ADJ2]);
    }

    /// KL 5 kap. 69 §: the chair and at least one adjuster.
    #[test]
    fn the_chair_and_at_least_one_adjuster() {
        let alone = Approvers::new(Some(CHAIR), []);
        assert_eq!(alone.can_adjust(), Err(MeetingError::AdjustersMissing));
        assert!(!is_adjusted(&alone, V1, "d", [sig(CHAIR, "d")]));
        assert_eq!(Approvers::new(None, [ADJ1]).can_adjust(), Err(MeetingError::ChairMissing));
        assert!(!is_adjusted(&Approvers::new(None, [ADJ1]), V1, "d", [sig(ADJ1, "d")]));
    }

    /// KL 5 kap. 69 § (issue 8, hole 2): the chair is never elected adjuster, and a chair who is
    /// the only adjuster (after a change of chair) does not adjust alone.
    #[test]
    fn the_chair_never_adjusts_alone() {
        assert_eq!(check_election(Some(CHAIR), &[CHAIR]), Err(MeetingError::ChairAsAdjuster));
        assert_eq!(check_election(Some(CHAIR), &[ADJ1, CHAIR]), Err(MeetingError::ChairAsAdjuster));
        assert_eq!(check_election(Some(CHAIR), &[ADJ1]), Ok(()));
        assert_eq!(check_election(None, &[ADJ1]), Ok(()));
        let alone = Approvers::new(Some(CHAIR), [CHAIR]);
        assert_eq!(alone.can_adjust(), Err(MeetingError::NoAdjusterBesideChair));
        assert!(!is_adjusted(&alone, V1, "d", [sig(CHAIR, "d")]));
        assert!(Approvers::new(Some(CHAIR), [CHAIR, ADJ1]).can_adjust().is_ok());
    }

    /// Issue 8, hole 4: a correction carries no approvals of its own; its record approves it.
    #[test]
    fn a_version_is_approved_by_its_adjusters_or_as_a_correction() {
        let a = seed();
        let all = [sig(CHAIR, "d"), sig(ADJ1, "d"), sig(ADJ2, "d")];
        assert!(version_approved(&a, 1, "d", false, all));
        assert!(!version_approved(&a, 1, "d", false, [sig(CHAIR, "d")]));
        assert!(!version_approved(&a, 2, "e", false, all));
        assert!(version_approved(&a, 2, "e", true, []));
    }

    #[test]
    fn roles_and_who_must_approve() {
        let a = seed();
        assert_eq!(a.role_of(CHAIR), Some(ApproverRole::Chair));
        assert_eq!(a.role_of(ADJ2).map(ApproverRole::as_str), Some("adjuster"));
        assert_eq!(a.required(PersonId(9)), Err(MeetingError::NotAnApprover));
        assert_eq!(a.who_must_approve(), [CHAIR, ADJ1, ADJ2]);
        assert_eq!(Approvers::new(Some(CHAIR), [ADJ1, CHAIR, ADJ1]).who_must_approve(), [CHAIR, ADJ1]);
    }

    /// KL 5 kap. 70 §: only a paragraph marked OJ, only while the protocol is written.
    #[test]
    fn immediate_adjustment_while_writing_a_marked_paragraph() {
        assert_eq!(may_approve_paragraph(MeetingStatus::Held, true), Ok(()));
        assert_eq!(may_approve_paragraph(MeetingStatus::Held, false), Err(MeetingError::NotImmediate));
        assert_eq!(
            may_approve_paragraph(MeetingStatus::ProtocolDrafted, true),
            Err(MeetingError::ImmediateOnlyWhileWriting)
        );
        assert_eq!(may_approve_protocol(MeetingStatus::Held), Err(MeetingError::NotOutForAdjustment));
        assert_eq!(may_approve_protocol(MeetingStatus::ProtocolDrafted), Ok(()));
    }

    #[test]
    fn targets_map_to_the_columns_and_back() {
        let oj = ApprovalTarget::Paragraph { number: 7 };
        assert_eq!(V1.columns(), (1, 0));
        assert_eq!(oj.columns(), (0, 7));
        assert_eq!(ApprovalTarget::from_columns(0, 7), Some(oj));
        assert_eq!(ApprovalTarget::from_columns(0, 0), None);
        assert_eq!(serde_json::to_value(oj).unwrap(), serde_json::json!({"version": 0, "paragraph": 7}));
    }

    fn person() -> impl Strategy<Value = PersonId> {
        (1i64..6).prop_map(PersonId)
    }

    fn signature() -> impl Strategy<Value = (i64, PersonId, bool)> {
        (prop_oneof![Just(1i64), Just(2i64)], person(), any::<bool>())
    }

    proptest! {
        /// Adding an approval never un-adjusts a protocol.
        #[test]
        fn adding_an_approval_never_unadjusts(
            chair in proptest::option::of(person()),
            adjusters in proptest::collection::vec(person(), 0..4),
            signed in proptest::collection::vec(signature(), 0..12),
            extra in signature(),
        ) {
            let a = Approvers::new(chair, adjusters);
            let to_sigs = |v: &[(i64, PersonId, bool)]| -> Vec<(ApprovalTarget, PersonId, &'static str)> {
                v.iter().map(|(ver, p, good)| (ApprovalTarget::Protocol { version: *ver }, *p, if *good { "d" } else { "x" })).collect()
            };
            let before = to_sigs(&signed);
            let mut after = before.clone();
            after.extend(to_sigs(&[extra]));
            let view = |v: &[(ApprovalTarget, PersonId, &'static str)]| {
                v.iter().map(|(t, p, d)| Signature { target: *t, person: *p, digest: d }).collect::<Vec<_>>()
            };
            if is_adjusted(&a, V1, "d", view(&before)) {
                prop_assert!(is_adjusted(&a, V1, "d", view(&after)));
            }
        }

        /// A protocol is never adjusted without the chair's approval, nor by the chair alone.
        #[test]
        fn never_adjusted_without_the_chair_or_by_the_chair_alone(
            chair in proptest::option::of(person()),
            adjusters in proptest::collection::vec(person(), 0..4),
            signers in proptest::collection::vec(person(), 0..8),
        ) {
            let a = Approvers::new(chair, adjusters);
            let sigs: Vec<Signature> = signers.iter().map(|p| sig(*p, "d")).collect();
            if is_adjusted(&a, V1, "d", sigs.iter().copied()) {
                let chair = a.chair.expect("adjusted only with a chair");
                prop_assert!(signers.contains(&chair));
                prop_assert!(signers.iter().any(|p| *p != chair && a.adjusters.contains(p)));
            }
        }
    }
}
