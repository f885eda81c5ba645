//! The directory's files and the plan (issue 15, "the people register in step"; rule 3 of
//! `domain.md` for terms of office).

use proptest::prelude::*;
use time::macros::date;

use super::*;
use crate::ids::{MembershipId, PersonId};

fn org(s: &str) -> Option<OrganisationId> {
    match s {
        "0512" | "Ydre kommun" => Some(OrganisationId(1)),
        "05" => Some(OrganisationId(2)),
        _ => None,
    }
}

fn body(s: &str) -> Option<BodyId> {
    match s {
        "7" | "Regionala utvecklingsgruppen" => Some(BodyId(7)),
        _ => None,
    }
}

const LOOKUP: Lookup<'static> = Lookup { organisation: &org, body: &body };

const CSV: &str = "\u{feff}extern_id;förnamn;efternamn;e-post;organisation;titel;organ;roll;sida;start;slut;mandatperiod\n\
    u1;Åsa;Lind;Asa.Lind@ydre.se;0512;;7;ledamot;majoritet;2023-01-01;;\n\
    u1;Åsa;Lind;asa.lind@ydre.se;0512;;Regionala utvecklingsgruppen;ersättare;;;;2027–2030\n\
    u2;Per;Berg;;05;Regional utvecklingsdirektör;;;;;;\n";

#[test]
fn reads_people_with_several_seats_and_ends_them_with_their_term() {
    let entries = csv::parse(CSV, &LOOKUP).unwrap();
    assert_eq!(entries.len(), 2);
    let asa = &entries[0];
    assert_eq!(asa.person.name, "Åsa Lind");
    assert_eq!(asa.person.email.as_deref(), Some("asa.lind@ydre.se"));
    assert_eq!(asa.memberships.len(), 2);
    // No end given: the seat ends when its term ends (rule 3).
    assert_eq!(asa.memberships[0].end, date!(2026 - 12 - 31));
    assert_eq!((asa.memberships[1].start, asa.memberships[1].end), (date!(2027 - 01 - 01), date!(2030 - 12 - 31)));
    assert_eq!(entries[1].person.title.as_deref(), Some("Regional utvecklingsdirektör"));
    assert!(entries[1].memberships.is_empty());
}

#[test]
fn every_bad_row_is_named_with_its_line_and_column() {
    let csv = "extern_id,fornamn,efternamn,epost,organisation,organ,roll,start,slut\n\
        u1,A,B,inte-en-adress,9999,7,ledamot,2023-01-01,\n\
        u2,C,D,,0512,99,kung,,\n\
        u3,E,F,,0512,7,ledamot,2025-01-01,2027-06-30\n\
        u4,G,H,,0512,,,2025-01-01,\n";
    let errs = csv::parse(csv, &LOOKUP).unwrap_err();
    let got: Vec<(usize, &str, &str)> = errs.iter().map(|(n, e)| (*n, e.field.as_str(), e.code)).collect();
    assert_eq!(
        got,
        [
            (2, "epost", "invalid_email"),
            (2, "organisation", "unknown_organisation"),
            (3, "organ", "unknown_body"),
            (3, "roll", "invalid_role"),
            (3, "start", "required"),
            (4, "slut", "after_term_end"),
            (5, "organ", "required"),
        ]
    );
    assert!(errs[0].1.message(crate::error::Lang::En).contains("e-mail"));
    assert_eq!(csv::parse("fornamn,efternamn\nA,B", &LOOKUP).unwrap_err()[0].1.code, "missing_columns");
    assert_eq!(csv::parse("", &LOOKUP).unwrap_err()[0].1.code, "empty");
    assert_eq!(csv::parse("extern_id,fornamn,efternamn,organisation\n", &LOOKUP).unwrap_err()[0].1.code, "no_rows");
}

#[test]
fn duplicate_rows_and_conflicting_people_are_refused() {
    let csv = "extern_id,fornamn,efternamn,epost,organisation,organ,roll,start\n\
        u1,A,B,a@ydre.se,0512,7,ledamot,2023-01-01\n\
        u1,A,B,a@ydre.se,0512,7,ledamot,2023-01-01\n\
        u1,A,Annan,a@ydre.se,0512,,,\n\
        u2,C,D,a@ydre.se,0512,,,\n";
    let errs = csv::parse(csv, &LOOKUP).unwrap_err();
    let got: Vec<(usize, &str)> = errs.iter().map(|(n, e)| (*n, e.code)).collect();
    assert_eq!(got, [(3, "duplicate_row"), (4, "conflicting_rows"), (5, "duplicate_email")]);
    assert!(errs[0].1.message(crate::error::Lang::Sv).contains("rad 2"));
}

#[test]
fn reads_a_scim_list_response() {
    let doc = r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"Resources":[
        {"id":"x1","externalId":"u1","name":{"givenName":"Åsa","familyName":"Lind"},
         "emails":[{"value":"privat@example.org"},{"value":"asa.lind@ydre.se","primary":true}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"organization":"Ydre kommun"},
         "groups":[{"value":"7","role":"ordförande","start":"2023-02-01"},{"display":"Regionala utvecklingsgruppen","term":"2027-2030"}]},
        {"id":"x2","active":false,"name":{"givenName":"Borta"}},
        {"id":"x3","name":{"givenName":"Per"},"groups":[{"value":"8"}]}]}"#;
    let errs = scim::parse(doc, &LOOKUP).unwrap_err();
    let got: Vec<(usize, &str)> = errs.iter().map(|(n, e)| (*n, e.field.as_str())).collect();
    assert_eq!(got, [(3, "name.familyName"), (3, "organization"), (3, "groups[1].value"), (3, "groups[1].start")]);
    let ok = doc.replace(r#"{"id":"x3","name":{"givenName":"Per"},"groups":[{"value":"8"}]}"#, r#"{"id":"x3","name":{"givenName":"Per","familyName":"Berg"},"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"organization":"05"}}"#);
    let entries = scim::parse(&ok, &LOOKUP).unwrap();
    assert_eq!(entries.len(), 2, "the inactive user is left out");
    assert_eq!(entries[0].person.email.as_deref(), Some("asa.lind@ydre.se"));
    assert_eq!(entries[0].memberships[0].role, MembershipRole::Chair);
    assert_eq!(entries[0].memberships[1].role, MembershipRole::Member);
    assert_eq!(entries[1].person.external_id, "x3", "without externalId the id is the external id");
    assert_eq!(scim::parse("{", &LOOKUP).unwrap_err()[0].1.code, "invalid_json");
    assert_eq!(scim::parse("{}", &LOOKUP).unwrap_err()[0].1.code, "invalid_scim");
}

fn known(id: i64, ext: Option<&str>, name: &str, email: Option<&str>) -> Known {
    Known {
        id: PersonId(id),
        external_id: ext.map(str::to_string),
        name: name.into(),
        email: email.map(str::to_string),
        organisation: Some(OrganisationId(1)),
        title: None,
    }
}

fn held(id: i64, person: i64, start: time::Date, end: Option<time::Date>) -> Held {
    Held {
        id: MembershipId(id),
        person: PersonId(person),
        body: BodyId(7),
        role: MembershipRole::Member,
        side: Side::Majority,
        start,
        end,
    }
}

#[test]
fn the_plan_matches_by_external_id_then_email() {
    let entries = csv::parse(CSV, &LOOKUP).unwrap();
    let people = [
        known(10, None, "Åsa Lind", Some("ASA.LIND@ydre.se")),
        known(11, Some("u9"), "Gammal Ledamot", None),
        Known {
            title: Some("Direktör".into()),
            organisation: Some(OrganisationId(2)),
            ..known(12, Some("u2"), "Per Berg", None)
        },
    ];
    let today = date!(2026 - 11 - 16);
    let held = [
        // Åsa's seat, open-ended: kept, and given its term's end.
        held(100, 10, date!(2023 - 01 - 01), None),
        // The person who left the directory: their seat ends yesterday.
        held(101, 11, date!(2024 - 01 - 01), None),
        // A seat starting after today is left alone.
        held(102, 11, date!(2027 - 01 - 01), None),
    ];
    let plan = plan(&entries, &people, &held, today);
    assert!(plan.add.is_empty());
    assert_eq!(plan.update.len(), 2);
    assert_eq!(plan.update[0].after.external_id, "u1", "linked by e-mail");
    assert!(!plan.update[0].official_changed());
    assert!(plan.update[1].official_changed(), "Per's title changes");
    assert_eq!(plan.officials_changed(), 1);
    assert_eq!(plan.gone.iter().map(|g| g.id.0).collect::<Vec<_>>(), [11]);
    assert_eq!(plan.join.len(), 1, "Åsa's substitute seat of the next term");
    assert_eq!(plan.join[0].who, Who::Known(PersonId(10)));
    let leave: Vec<(i64, time::Date, LeavingReason)> = plan.leave.iter().map(|l| (l.id.0, l.end, l.reason)).collect();
    assert_eq!(
        leave,
        [
            (100, date!(2026 - 12 - 31), LeavingReason::Ends),
            (101, date!(2026 - 11 - 15), LeavingReason::NotInDirectory)
        ]
    );
}

#[test]
fn a_new_person_joins_and_a_second_run_changes_nothing() {
    let entries = csv::parse(CSV, &LOOKUP).unwrap();
    let today = date!(2026 - 11 - 16);
    let first = plan(&entries, &[], &[], today);
    assert_eq!(first.add.len(), 2);
    assert_eq!(first.join.len(), 2);
    assert!(matches!(&first.join[0].who, Who::New(e) if e == "u1"));
    // The register as the first plan leaves it.
    let people: Vec<Known> = first
        .add
        .iter()
        .enumerate()
        .map(|(i, n)| Known {
            id: PersonId(i as i64 + 1),
            external_id: Some(n.fields.external_id.clone()),
            name: n.fields.name.clone(),
            email: n.fields.email.clone(),
            organisation: Some(n.fields.organisation),
            title: n.fields.title.clone(),
        })
        .collect();
    let held: Vec<Held> = first
        .join
        .iter()
        .enumerate()
        .map(|(i, j)| Held {
            id: MembershipId(i as i64 + 1),
            person: PersonId(1),
            body: j.body,
            role: j.role,
            side: j.side,
            start: j.start,
            end: Some(j.end),
        })
        .collect();
    let second = plan(&entries, &people, &held, today);
    assert!(second.changes_nothing(), "{second:?}");
    assert_eq!(second.unchanged, 2);
}

proptest! {
    /// Whatever the start and end, a membership from the directory never outlives its term.
    #[test]
    fn membership_never_runs_past_its_term(start in 0i64..20_000, len in proptest::option::of(0i64..3_000)) {
        let start = date!(2000 - 01 - 01) + time::Duration::days(start);
        let end = len.map(|l| start + time::Duration::days(l));
        let term = crate::structure::Term::containing(start);
        match membership_end(start, end) {
            Ok(e) => prop_assert!(e >= start.min(e) && e <= term.end()),
            Err(t) => prop_assert!(t == term && end.is_some_and(|e| e > term.end())),
        }
    }
}
