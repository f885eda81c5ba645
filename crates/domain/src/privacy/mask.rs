//! The published copy of a protocol with removed people's names hidden (rule 22 of `domain.md`;
//! GDPR art. 17 and art. 85 with 1 kap. 7 § dataskyddslagen 2018:218 on what public bodies
//! publish; ADR 35).
//!
//! Elected representatives' names and parties may be published: a person who serves in the
//! protocol as member, substitute, chair or adjuster keeps their name in it. Everyone else the
//! protocol names — officials, guests and presenters, the secretary — is shown as
//! [`REMOVED`] once their personal data has been removed from the web, wherever their name stands
//! (the attendance list, the signature block, and free text such as decisions and proposals).
//! The stored version is never changed; only the copy served is.

use crate::meetings::protocol::{AttendanceRole, Named, Protocol};

/// What a removed name reads on the web.
pub const REMOVED: &str = "[borttaget]";

/// A person whose personal data has been removed from the web, with the name to hide.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removed {
    pub person_id: i64,
    pub name: String,
}

/// Whether a person's own page stays public after their personal data was removed from the web:
/// an elected representative's name and party may be published (rule 22), and the register marks
/// elected representatives by their party.
pub fn stays_public(party: Option<&str>) -> bool {
    party.is_some_and(|p| !p.trim().is_empty())
}

/// Whether `person_id` serves in `p` as an elected representative (rule 22: their name and
/// party stay public).
fn elected_in(p: &Protocol, person_id: i64) -> bool {
    let is = |n: &Named| n.person_id == Some(person_id);
    p.chair.as_ref().is_some_and(is)
        || p.adjusters.iter().any(is)
        || p.attendance
            .iter()
            .any(|a| is(&a.person) && matches!(a.role, AttendanceRole::Member | AttendanceRole::Substitute))
}

/// `s` with every occurrence of `name` replaced by [`REMOVED`].
fn scrub(s: &mut String, name: &str) {
    if s.contains(name) {
        *s = s.replace(name, REMOVED);
    }
}

/// The removed people whose names a meeting's published texts hide: all but those who serve in
/// it as elected representatives (`elected`), and never a name too short to find safely.
pub fn hidden_in(removed: &[Removed], elected: impl Fn(i64) -> bool) -> Vec<&Removed> {
    removed.iter().filter(|r| r.name.chars().count() >= 2 && !elected(r.person_id)).collect()
}

/// A text of a published meeting (a paragraph's decision in open data or the search index) with
/// the names of `hidden` people replaced by [`REMOVED`], as [`mask_protocol`] hides them in the
/// published copy.
pub fn mask_text(s: &mut String, hidden: &[&Removed]) {
    for r in hidden {
        scrub(s, &r.name);
    }
}

fn scrub_named(n: &mut Named, r: &Removed) {
    if n.person_id == Some(r.person_id) {
        n.name = REMOVED.to_string();
        n.party = None;
    } else {
        scrub(&mut n.name, &r.name);
    }
}

/// Every free text of the protocol in which a name may stand.
fn texts(p: &mut Protocol) -> Vec<&mut String> {
    let mut out: Vec<&mut String> = Vec::new();
    if let Some(place) = p.place.as_mut() {
        out.push(place);
    }
    for a in &mut p.attendance {
        if let Some(r) = a.replaces.as_mut() {
            out.push(r);
        }
    }
    for g in &mut p.paragraphs {
        out.push(&mut g.title);
        out.push(&mut g.decision);
        if let Some(s) = g.summary.as_mut() {
            out.push(s);
        }
        out.extend(g.basis.iter_mut());
        out.extend(g.recipients.iter_mut());
        for m in &mut g.motions {
            out.push(&mut m.by);
            out.push(&mut m.text);
        }
        for v in &mut g.votes {
            out.push(&mut v.question);
            out.push(&mut v.result);
            out.extend(v.ballots.iter_mut().map(|b| &mut b.name));
        }
        for d in &mut g.dissents {
            out.push(&mut d.by);
            out.extend(d.grounds.as_mut());
        }
        for c in &mut g.conflicts {
            out.push(&mut c.by);
            out.extend(c.note.as_mut());
        }
    }
    out
}

/// The copy of `p` to publish, with the names of `removed` people who are not elected
/// representatives in it hidden; `None` when nothing in `p` changes.
pub fn mask_protocol(p: &Protocol, removed: &[Removed]) -> Option<Protocol> {
    let hidden = hidden_in(removed, |id| elected_in(p, id));
    if hidden.is_empty() {
        return None;
    }
    let mut out = p.clone();
    for r in hidden {
        for n in out.chair.iter_mut().chain(out.secretary.iter_mut()).chain(out.adjusters.iter_mut()) {
            scrub_named(n, r);
        }
        for a in &mut out.attendance {
            scrub_named(&mut a.person, r);
        }
        for s in texts(&mut out) {
            mask_text(s, &[r]);
        }
    }
    (out != *p).then_some(out)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use time::macros::date;

    use super::*;
    use crate::meetings::protocol::{Attendee, Motion, Paragraph};

    fn named(id: i64, name: &str, party: Option<&str>) -> Named {
        Named { person_id: Some(id), name: name.into(), party: party.map(String::from), organisation: None }
    }

    fn attendee(n: Named, role: AttendanceRole) -> Attendee {
        Attendee { person: n, role, present: true, replaces: None, from_paragraph: None, to_paragraph: None }
    }

    fn paragraph(decision: &str) -> Paragraph {
        Paragraph {
            number: 1,
            title: "Lägesrapport".into(),
            case_number: None,
            decision: decision.into(),
            summary: None,
            basis: Vec::new(),
            recipients: Vec::new(),
            attachments: Vec::new(),
            motions: vec![Motion { by: "Kerstin Hammar (S)".into(), text: "Bifall".into() }],
            votes: Vec::new(),
            dissents: Vec::new(),
            conflicts: Vec::new(),
            immediate: false,
        }
    }

    fn protocol(official: &str, decision: &str) -> Protocol {
        Protocol {
            meeting_id: 1,
            body_id: 1,
            body: "Regionala samverkansrådet".into(),
            date: date!(2026 - 10 - 01),
            start: None,
            end: None,
            place: None,
            chair: Some(named(1, "Kerstin Hammar", Some("S"))),
            secretary: Some(named(2, official, None)),
            adjusters: vec![named(3, "Per Ek", Some("M"))],
            attendance: vec![
                attendee(named(1, "Kerstin Hammar", Some("S")), AttendanceRole::Member),
                attendee(named(3, "Per Ek", Some("M")), AttendanceRole::Member),
                attendee(named(2, official, None), AttendanceRole::Secretary),
                attendee(named(4, "Gäst Gästsson", None), AttendanceRole::Guest),
            ],
            paragraphs: vec![paragraph(decision)],
        }
    }

    #[test]
    fn an_official_is_hidden_everywhere_the_protocol_names_them() {
        // Rule 22: other personal data than elected representatives' names may be removed.
        let p = protocol("Anna Berg", "Anna Berg får i uppdrag att återkomma.");
        let m = mask_protocol(&p, &[Removed { person_id: 2, name: "Anna Berg".into() }]).unwrap();
        assert_eq!(m.secretary.as_ref().unwrap().name, REMOVED);
        assert_eq!(m.attendance[2].person.name, REMOVED);
        assert_eq!(m.paragraphs[0].decision, "[borttaget] får i uppdrag att återkomma.");
        assert!(!m.canonical().contains("Anna Berg"));
        // The guest, who was not removed, stays.
        assert_eq!(m.attendance[3].person.name, "Gäst Gästsson");
    }

    #[test]
    fn an_elected_representative_keeps_name_and_party() {
        // Rule 22: names and party of elected representatives may be published.
        let p = protocol("Anna Berg", "Beslut.");
        assert_eq!(mask_protocol(&p, &[Removed { person_id: 1, name: "Kerstin Hammar".into() }]), None);
        assert_eq!(mask_protocol(&p, &[Removed { person_id: 3, name: "Per Ek".into() }]), None);
    }

    #[test]
    fn only_elected_representatives_pages_stay_public() {
        // Rule 22: names and party of elected representatives may be published.
        assert!(stays_public(Some("S")));
        assert!(!stays_public(None));
        assert!(!stays_public(Some("  ")));
    }

    #[test]
    fn a_person_the_protocol_does_not_name_changes_nothing() {
        let p = protocol("Anna Berg", "Beslut.");
        assert_eq!(mask_protocol(&p, &[Removed { person_id: 9, name: "Ingen Alls".into() }]), None);
        assert_eq!(mask_protocol(&p, &[]), None);
    }

    proptest! {
        /// Whatever the name, a removed official's name is nowhere in the published copy, the
        /// elected representatives' names stay, and masking the copy again changes nothing.
        #[test]
        fn a_removed_officials_name_never_survives(name in "[A-ZÅÄÖ][a-zåäö]{1,8} [A-ZÅÄÖ][a-zåäö]{1,10}",
                                                   before in "[a-zåäö ]{0,20}") {
            prop_assume!(!"Kerstin Hammar Per Ek Gäst Gästsson Regionala samverkansrådet Lägesrapport".contains(&name));
            let p = protocol(&name, &format!("{before}{name} redovisar."));
            let removed = [Removed { person_id: 2, name: name.clone() }];
            let m = mask_protocol(&p, &removed).unwrap();
            prop_assert!(!m.canonical().contains(&name));
            prop_assert!(m.canonical().contains("Kerstin Hammar"));
            prop_assert!(m.canonical().contains("Per Ek"));
            prop_assert_eq!(mask_protocol(&m, &removed), None);
        }
    }
}
