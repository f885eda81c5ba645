//! Who serves for whom (tjänstgöring). Kommunallag (2017:725) 5 kap. 67 §: the protocol records
//! which members and substitutes served; a substitute serves for an absent member (domain rule
//! 3: "substitutes serve when an ordinary member cannot"). The attendance form is kept from the
//! member's side ("ersätts av …"); the protocol keeps it from the substitute's ("tjänstgör för
//! …"). This module turns the one into the other and orders the substitutes to offer.

use super::AttendanceInput;
use super::protocol::AttendanceRole;
use crate::ids::PersonId;
use crate::structure::{Membership, MembershipRole};
use crate::{FieldError, Invalid};

/// One line of the attendance form: the line as entered and, for an absent member, the
/// substitute who serves in the member's place. `field` names the line ("attendance[3]").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seat {
    pub field: String,
    pub line: AttendanceInput,
    pub replaced_by: Option<PersonId>,
}

/// The attendance lines to store: a replaced member is absent and the substitute is present,
/// serving for the member, for the paragraphs entered on the member's line (the substitute's
/// own line is used when it has one, else a line is added after the member's). Refused, at the
/// member's `status` field: a replacement of someone who is not a member, by the member
/// themself, by someone who is not a substitute, or by a substitute who already serves. Each
/// line comes with the index of the seat it came from (an added line: the member's).
pub fn resolve(seats: Vec<Seat>) -> Result<Vec<(usize, AttendanceInput)>, Invalid> {
    let mut errors = Vec::new();
    let mut lines: Vec<AttendanceInput> = seats.iter().map(|s| s.line.clone()).collect();
    let mut from_seat: Vec<usize> = (0..seats.len()).collect();
    // Substitutes who serve by their own line (the API, or a line entered as "tjänstgör för").
    let mut serving: Vec<PersonId> = lines.iter().filter(|l| l.replaces.is_some()).filter_map(|l| l.person).collect();
    let mut added = 0;
    for (i, seat) in seats.iter().enumerate() {
        let Some(sub) = seat.replaced_by else { continue };
        let field = format!("{}.status", seat.field);
        let err = |code: &'static str, sv: &str, en: &str| FieldError::new(field.clone(), code, sv, en);
        let Some(member) = seat.line.person.filter(|_| seat.line.role == AttendanceRole::Member) else {
            errors.push(err(
                "only_members_replaced",
                "Bara en ledamot kan ersättas av en ersättare.",
                "Only a member can be replaced by a substitute.",
            ));
            continue;
        };
        if sub == member {
            errors.push(err(
                "replaced_by_self",
                "En ledamot kan inte ersätta sig själv.",
                "A member cannot replace themself.",
            ));
            continue;
        }
        if serving.contains(&sub) {
            errors.push(err(
                "substitute_already_serves",
                "Ersättaren tjänstgör redan för en annan ledamot.",
                "The substitute already serves for another member.",
            ));
            continue;
        }
        serving.push(sub);
        let at = i + added;
        let (from, to) = (lines[at].from_paragraph, lines[at].to_paragraph);
        lines[at].present = false;
        lines[at].from_paragraph = None;
        lines[at].to_paragraph = None;
        match lines.iter_mut().find(|l| l.person == Some(sub)) {
            Some(l) if l.role != AttendanceRole::Substitute => errors.push(err(
                "only_substitutes_replace",
                "Bara en ersättare kan tjänstgöra för en ledamot.",
                "Only a substitute can serve in a member's place.",
            )),
            Some(l) => {
                l.present = true;
                l.replaces = Some(member);
                l.from_paragraph = from;
                l.to_paragraph = to;
            }
            None => {
                lines.insert(
                    at + 1,
                    AttendanceInput {
                        person: Some(sub),
                        name: None,
                        organisation: None,
                        role: AttendanceRole::Substitute,
                        present: true,
                        replaces: Some(member),
                        from_paragraph: from,
                        to_paragraph: to,
                    },
                );
                from_seat.insert(at + 1, i);
                added += 1;
            }
        }
    }
    if errors.is_empty() { Ok(from_seat.into_iter().zip(lines).collect()) } else { Err(Invalid(errors)) }
}

/// The substitutes to offer for `member`, best first: the member's own (personal) substitute,
/// then substitutes of the same organisation and party, then the rest of the organisation's
/// (rule 3: each organisation appoints its substitutes). When the organisation has none, all
/// the body's substitutes, the same party first.
pub fn substitutes_for<'a>(member: &Membership, all: &'a [Membership]) -> Vec<&'a Membership> {
    let subs: Vec<&Membership> = all.iter().filter(|m| m.role() == MembershipRole::Substitute).collect();
    let own: Vec<&Membership> = subs.iter().copied().filter(|s| s.organisation_id == member.organisation_id).collect();
    let mut out = if own.is_empty() { subs } else { own };
    let same_party = |s: &Membership| member.party.is_some() && s.party == member.party;
    // A stable sort keeps the body's order within each rank.
    out.sort_by_key(|s| (s.substitute_for != Some(member.person_id), !same_party(s)));
    out.dedup_by_key(|s| s.person_id);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meetings::AttendanceFields;

    fn line(person: i64, role: &str, present: bool) -> AttendanceInput {
        AttendanceInput::parse(
            "",
            &AttendanceFields { person: &person.to_string(), role, present, ..AttendanceFields::default() },
        )
        .unwrap()
    }

    fn seat_in(person: i64, org: i64, party: &str, role: &str, substitute_for: Option<i64>) -> Membership {
        let t = time::OffsetDateTime::UNIX_EPOCH;
        Membership {
            id: person,
            body_id: 1,
            body_name: "Kommunalt forum".into(),
            person_id: person,
            person_name: format!("P{person}"),
            party: Some(party.into()),
            organisation_id: org,
            organisation_name: format!("O{org}"),
            organisation_kind: String::new(),
            organisation_code: None,
            organisation_county: None,
            role: role.into(),
            side: String::new(),
            substitute_for,
            substitute_for_name: None,
            start_date: time::Date::MIN,
            end_date: None,
            term: String::new(),
            created_at: t,
            updated_at: t,
        }
    }

    #[test]
    fn the_members_own_substitute_comes_first_then_the_party_and_only_the_organisations() {
        // Rule 3: each organisation appoints its substitutes; a personal substitute serves first.
        let member = seat_in(1, 10, "S", "member", None);
        let all = [
            member.clone(),
            seat_in(2, 10, "M", "substitute", None),
            seat_in(3, 10, "S", "substitute", None),
            seat_in(4, 10, "C", "substitute", Some(1)),
            seat_in(5, 20, "S", "substitute", None),
        ];
        let ids = |v: Vec<&Membership>| v.iter().map(|m| m.person_id).collect::<Vec<_>>();
        assert_eq!(ids(substitutes_for(&member, &all)), [4, 3, 2]);
        // An organisation without substitutes of its own is offered the body's, party first.
        let region = seat_in(6, 30, "M", "member", None);
        assert_eq!(ids(substitutes_for(&region, &all)), [2, 3, 4, 5]);
    }

    fn seat(i: usize, l: AttendanceInput, by: Option<i64>) -> Seat {
        Seat { field: format!("attendance[{i}]"), line: l, replaced_by: by.map(PersonId) }
    }

    #[test]
    fn a_replaced_member_is_absent_and_the_substitute_serves_for_the_members_paragraphs() {
        // KL 5 kap. 67 §: the protocol says which substitute served, and for whom.
        let mut member = line(1, "member", true);
        member.to_paragraph = Some(6);
        let out = resolve(vec![
            seat(0, member, Some(3)),
            seat(1, line(2, "member", true), None),
            seat(2, line(3, "substitute", false), None),
        ])
        .unwrap();
        let out: Vec<AttendanceInput> = out.into_iter().map(|(_, l)| l).collect();
        assert_eq!(out.len(), 3);
        assert!(!out[0].present && out[0].to_paragraph.is_none());
        assert!(out[2].present && out[2].replaces == Some(PersonId(1)) && out[2].to_paragraph == Some(6));
    }

    #[test]
    fn a_substitute_without_a_line_of_their_own_gets_one_after_the_member() {
        let out =
            resolve(vec![seat(0, line(1, "member", true), Some(9)), seat(1, line(2, "member", true), None)]).unwrap();
        assert_eq!(out.iter().map(|(s, _)| *s).collect::<Vec<_>>(), [0, 0, 1]);
        let out: Vec<AttendanceInput> = out.into_iter().map(|(_, l)| l).collect();
        assert_eq!(out.iter().map(|l| l.person.unwrap().0).collect::<Vec<_>>(), [1, 9, 2]);
        assert_eq!((out[1].role, out[1].replaces), (AttendanceRole::Substitute, Some(PersonId(1))));
    }

    #[test]
    fn a_substitute_serves_for_one_member_only_and_only_members_are_replaced() {
        let e = resolve(vec![
            seat(0, line(1, "member", true), Some(3)),
            seat(1, line(2, "member", true), Some(3)),
            seat(2, line(3, "substitute", false), None),
            seat(3, line(4, "official", true), Some(3)),
            seat(4, line(5, "member", true), Some(5)),
            seat(5, line(6, "member", true), Some(2)),
        ])
        .unwrap_err();
        let codes: Vec<(&str, &str)> = e.0.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(
            codes,
            [
                ("attendance[1].status", "substitute_already_serves"),
                ("attendance[3].status", "only_members_replaced"),
                ("attendance[4].status", "replaced_by_self"),
                ("attendance[5].status", "only_substitutes_replace"),
            ]
        );
    }
}
