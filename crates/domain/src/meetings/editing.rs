//! What may change in which status of a meeting, and the checks before its protocol is handed
//! to the chair and adjusters.
//!
//! The agenda is fixed once the meeting is held; the meeting's details, adjusters and
//! attachments until the protocol is submitted; the working copy (paragraphs, attendance) is
//! written while the meeting is held, frozen while out for adjustment, and after adjustment
//! edited only to prepare a correction, a new version beside the adjusted one (rule 18,
//! JO 581-2013). A paragraph adjusted at once (OJ, KL 5 kap. 70 §) stays as approved.

use time::Date;

use super::MeetingStatus;
use super::adjustment::Approvers;
use super::error::MeetingError;
use super::protocol::Protocol;

/// The meeting's details (date, time, place, officers), its adjusters and its attachments can
/// change until the protocol is submitted for adjustment.
pub fn meeting_editable(status: MeetingStatus) -> Result<(), MeetingError> {
    if matches!(status, MeetingStatus::ProtocolDrafted | MeetingStatus::Adjusted | MeetingStatus::Announced) {
        return Err(MeetingError::Locked);
    }
    Ok(())
}

/// The agenda can change until the meeting is held (and not for a cancelled meeting).
pub fn agenda_editable(status: MeetingStatus) -> Result<(), MeetingError> {
    if status.was_held() || status == MeetingStatus::Cancelled {
        return Err(MeetingError::AgendaFixed);
    }
    Ok(())
}

/// The attendance list can change except while the protocol is out for adjustment (after
/// adjustment a change prepares a correction, like the paragraphs).
pub fn attendance_editable(status: MeetingStatus) -> Result<(), MeetingError> {
    if status == MeetingStatus::ProtocolDrafted {
        return Err(MeetingError::OutForAdjustment);
    }
    Ok(())
}

/// A paragraph of the working copy can change once the meeting is held, not while out for
/// adjustment, and not once adjusted at once (OJ) while the protocol is written; after
/// adjustment a change prepares a correction.
pub fn paragraph_editable(status: MeetingStatus, adjusted_at_once: bool) -> Result<(), MeetingError> {
    if status == MeetingStatus::ProtocolDrafted {
        return Err(MeetingError::OutForAdjustment);
    }
    if !status.was_held() {
        return Err(MeetingError::NotHeld);
    }
    if status == MeetingStatus::Held && adjusted_at_once {
        return Err(MeetingError::AdjustedAtOnce);
    }
    Ok(())
}

/// Paragraphs are added (a matter raised at the meeting), removed and moved while the protocol
/// is written; a correction after adjustment changes text, not the numbering the announcement
/// named (KL 8 kap. 12 §). A paragraph adjusted at once (OJ) keeps its number, since its
/// approvals name it (KL 5 kap. 70 §): `adjusted_renumbered` says whether one would change.
pub fn may_restructure(status: MeetingStatus, adjusted_renumbered: bool) -> Result<(), MeetingError> {
    if status == MeetingStatus::ProtocolDrafted {
        return Err(MeetingError::OutForAdjustment);
    }
    if status != MeetingStatus::Held {
        return Err(MeetingError::RestructureWhileWriting);
    }
    if adjusted_renumbered {
        return Err(MeetingError::AdjustedAtOnce);
    }
    Ok(())
}

/// The order of the working copy with paragraph `id` moved to place `to` (from 0, clamped).
pub fn moved(order: &[i64], id: i64, to: usize) -> Option<Vec<i64>> {
    let from = order.iter().position(|x| *x == id)?;
    let mut v = order.to_vec();
    let x = v.remove(from);
    v.insert(to.min(v.len()), x);
    Some(v)
}

/// The protocol is started (its paragraphs generated) once the meeting is held.
pub fn may_start_protocol(status: MeetingStatus) -> Result<(), MeetingError> {
    if status != MeetingStatus::Held {
        return Err(MeetingError::ProtocolBeforeHeld);
    }
    Ok(())
}

/// A meeting that was held is never deleted: its protocol is an official document
/// (tryckfrihetsförordningen 2 kap., rule 19).
pub fn may_delete(status: MeetingStatus) -> Result<(), MeetingError> {
    if status.was_held() {
        return Err(MeetingError::HeldMeetingsStay);
    }
    Ok(())
}

/// Only an adjusted protocol is corrected, with a new version (rule 18).
pub fn may_correct(status: MeetingStatus) -> Result<(), MeetingError> {
    if !matches!(status, MeetingStatus::Adjusted | MeetingStatus::Announced) {
        return Err(MeetingError::NotAdjusted);
    }
    Ok(())
}

/// The steps of a meeting's life set by hand: notice sent, held, cancelled (the later ones
/// come with submitting, approving and announcing). A meeting dated `date` is held on its day
/// at the earliest (`today` in Sweden), or its appeal period could end before it takes place
/// (issue 8, hole 3).
pub fn may_set_by_hand(to: MeetingStatus, date: Date, today: Date) -> Result<(), MeetingError> {
    if !matches!(to, MeetingStatus::NoticeSent | MeetingStatus::Held | MeetingStatus::Cancelled) {
        return Err(MeetingError::NotByHand);
    }
    if to == MeetingStatus::Held {
        held_by(date, today)?;
    }
    Ok(())
}

/// A meeting dated `date` can have been held by `today`.
pub fn held_by(date: Date, today: Date) -> Result<(), MeetingError> {
    if date > today {
        return Err(MeetingError::BeforeMeetingDay { date });
    }
    Ok(())
}

/// A held meeting keeps a date that has come: moving it to a later day than `today` would make
/// it held before its day.
pub fn may_move(status: MeetingStatus, to: Date, today: Date) -> Result<(), MeetingError> {
    if status.was_held() && to > today {
        return Err(MeetingError::HeldMeetingInFuture { date: to });
    }
    Ok(())
}

/// Whether the working copy can be handed to the chair and adjusters on `today`: the meeting's
/// day has come, every paragraph has a decision, and the chair and at least one adjuster
/// besides the chair are named (KL 5 kap. 69 §). The status step itself is
/// [`MeetingStatus::advance`].
pub fn check_submission(p: &Protocol, approvers: &Approvers, today: Date) -> Result<(), MeetingError> {
    held_by(p.date, today)?;
    if p.paragraphs.is_empty() {
        return Err(MeetingError::NoParagraphs);
    }
    if let Some(empty) = p.paragraphs.iter().find(|x| x.decision.trim().is_empty()) {
        return Err(MeetingError::DecisionMissing { number: empty.number });
    }
    approvers.can_adjust()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::PersonId;
    use crate::meetings::protocol::Paragraph;
    use MeetingStatus::*;
    use time::macros::date;

    const TODAY: Date = date!(2026 - 11 - 16);

    #[test]
    fn what_changes_in_which_status() {
        for s in MeetingStatus::ALL {
            assert_eq!(meeting_editable(s).is_ok(), !matches!(s, ProtocolDrafted | Adjusted | Announced), "{s:?}");
            assert_eq!(agenda_editable(s).is_ok(), matches!(s, Planned | NoticeSent), "{s:?}");
            assert_eq!(attendance_editable(s).is_ok(), s != ProtocolDrafted, "{s:?}");
            assert_eq!(paragraph_editable(s, false).is_ok(), matches!(s, Held | Adjusted | Announced), "{s:?}");
            assert_eq!(may_delete(s).is_ok(), !s.was_held(), "{s:?}");
            assert_eq!(may_correct(s).is_ok(), matches!(s, Adjusted | Announced), "{s:?}");
        }
        assert_eq!(paragraph_editable(ProtocolDrafted, false), Err(MeetingError::OutForAdjustment));
        assert_eq!(may_start_protocol(NoticeSent), Err(MeetingError::ProtocolBeforeHeld));
    }

    /// Issue 9: paragraphs are added, removed and moved while the protocol is written only.
    #[test]
    fn the_draft_is_restructured_while_written() {
        for s in MeetingStatus::ALL {
            assert_eq!(may_restructure(s, false).is_ok(), s == Held, "{s:?}");
        }
        assert_eq!(may_restructure(Held, true), Err(MeetingError::AdjustedAtOnce));
        assert_eq!(moved(&[1, 2, 3], 3, 0), Some(vec![3, 1, 2]));
        assert_eq!(moved(&[1, 2, 3], 1, 9), Some(vec![2, 3, 1]));
        assert_eq!(moved(&[1, 2, 3], 4, 0), None);
    }

    /// KL 5 kap. 70 §: a paragraph adjusted at once stays as approved while the protocol is
    /// written; after adjustment of the whole it is corrected like any other (rule 18).
    #[test]
    fn a_paragraph_adjusted_at_once_stays() {
        assert_eq!(paragraph_editable(Held, true), Err(MeetingError::AdjustedAtOnce));
        assert_eq!(paragraph_editable(Announced, true), Ok(()));
    }

    /// Issue 8, hole 3: a meeting is not held before its day, so its appeal period cannot end
    /// before it takes place.
    #[test]
    fn a_meeting_is_held_on_its_day_at_the_earliest() {
        let tomorrow = date!(2026 - 11 - 17);
        assert_eq!(may_set_by_hand(Held, tomorrow, TODAY), Err(MeetingError::BeforeMeetingDay { date: tomorrow }));
        assert_eq!(may_set_by_hand(Held, TODAY, TODAY), Ok(()));
        assert_eq!(may_set_by_hand(Cancelled, tomorrow, TODAY), Ok(()));
        assert_eq!(may_set_by_hand(Adjusted, TODAY, TODAY), Err(MeetingError::NotByHand));
        assert_eq!(may_move(Held, tomorrow, TODAY), Err(MeetingError::HeldMeetingInFuture { date: tomorrow }));
        assert_eq!(may_move(Planned, tomorrow, TODAY), Ok(()));
        let p = protocol(tomorrow);
        let ok = Approvers::new(Some(PersonId(1)), [PersonId(2)]);
        assert_eq!(check_submission(&p, &ok, TODAY), Err(MeetingError::BeforeMeetingDay { date: tomorrow }));
    }

    fn protocol(date: Date) -> Protocol {
        let mut p = Protocol::empty(1, 1, "Kommunalt forum", date);
        p.paragraphs.push(Paragraph::new(1, "Val av protokollsjusterare", None, "Utses."));
        p
    }

    /// KL 5 kap. 69 §: the chair and at least one adjuster; a decision in every paragraph.
    #[test]
    fn what_a_submitted_protocol_needs() {
        let ok = Approvers::new(Some(PersonId(1)), [PersonId(2)]);
        let p = protocol(TODAY);
        assert_eq!(check_submission(&p, &ok, TODAY), Ok(()));
        assert_eq!(
            check_submission(&p, &Approvers::new(Some(PersonId(1)), []), TODAY),
            Err(MeetingError::AdjustersMissing)
        );
        assert_eq!(check_submission(&p, &Approvers::new(None, [PersonId(2)]), TODAY), Err(MeetingError::ChairMissing));
        let mut undecided = p.clone();
        undecided.paragraphs.push(Paragraph::new(2, "Fråga", None, " "));
        assert_eq!(check_submission(&undecided, &ok, TODAY), Err(MeetingError::DecisionMissing { number: 2 }));
        let empty = Protocol { paragraphs: vec![], ..p };
        assert_eq!(check_submission(&empty, &ok, TODAY), Err(MeetingError::NoParagraphs));
    }
}
