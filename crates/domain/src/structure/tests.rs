//! Östergötland's consultation structure (seed 001) checked against its rules, and properties
//! of the check.

use proptest::prelude::*;
use time::macros::date;
use time::{Date, Duration};

use super::*;
use crate::error::Lang;
use crate::ids::{BodyId, OrganisationId, PersonId};
use crate::organisations::OrganisationKind;
use crate::reference;

const AT: Date = date!(2025 - 06 - 01);
const REGION: OrganisationId = OrganisationId(1);

/// Region Östergötland (id 1) and the county's 13 municipalities (ids 100 + kommunkod).
fn organisations() -> Vec<OrganisationFacts> {
    let region = OrganisationFacts {
        id: REGION,
        name: "Region Östergötland".into(),
        kind: OrganisationKind::Region,
        code: Some("05".into()),
        county_code: Some("05".into()),
    };
    let municipalities = reference::municipalities_in("05").map(|m| OrganisationFacts {
        id: OrganisationId(100 + m.code.parse::<i64>().unwrap()),
        name: m.official_name.clone(),
        kind: OrganisationKind::Municipality,
        code: Some(m.code.clone()),
        county_code: Some("05".into()),
    });
    std::iter::once(region).chain(municipalities).collect()
}

fn org(name: &str) -> OrganisationFacts {
    organisations().into_iter().find(|o| o.name == name).unwrap_or_else(|| panic!("{name}"))
}

fn member(person: i64, organisation: &OrganisationFacts, role: MembershipRole, side: Side) -> MembershipFacts {
    MembershipFacts {
        person: PersonId(person),
        organisation: organisation.clone(),
        role,
        side,
        start: date!(2023 - 01 - 01),
        end: None,
        substitute_for: None,
    }
}

fn strategic() -> BodyFacts {
    BodyFacts::new(BodyId(1), "Samrådet för strategiska frågor", BodyKind::ConsultationGroup)
}

/// A full strategic consultation group: a majority and an opposition representative of each
/// municipality, the regional board's chair and an opposition member for the region.
fn strategic_members() -> Vec<MembershipFacts> {
    let mut ms = Vec::new();
    for (i, o) in organisations().iter().enumerate() {
        let i = i as i64 * 10;
        let first = if o.id == REGION { MembershipRole::Chair } else { MembershipRole::Member };
        ms.push(member(i + 1, o, first, Side::Majority));
        ms.push(member(i + 2, o, MembershipRole::Member, Side::Opposition));
    }
    ms
}

fn strategic_presidium() -> Vec<MembershipFacts> {
    vec![
        member(1, &org("Region Östergötland"), MembershipRole::Chair, Side::Majority),
        member(500, &org("Linköpings kommun"), MembershipRole::ViceChair, Side::Majority),
    ]
}

const PLAN: WorkPlanFacts = WorkPlanFacts { updated_on: date!(2025 - 02 - 10), covers_from: 2026, covers_to: 2027 };

fn check(memberships: &[MembershipFacts]) -> Report {
    let body = strategic();
    let presidium = strategic_presidium();
    let orgs = organisations();
    let input = ComplianceInput {
        body: &body,
        at: AT,
        organisations: &orgs,
        memberships,
        presidium: &presidium,
        meetings_in_year: 4,
        work_plan: Some(&PLAN),
        protocols: &[],
        term_notice_days: TERM_NOTICE_DAYS,
    };
    compliance(&standard_rules::strategic_consultation_group("05"), &input)
}

fn messages(r: &Report) -> Vec<&str> {
    r.findings.iter().map(|f| f.sv.as_str()).collect()
}

fn without(mut ms: Vec<MembershipFacts>, name: &str, side: Side) -> Vec<MembershipFacts> {
    ms.retain(|m| !(m.organisation.name == name && m.side == side));
    ms
}

#[test]
fn the_full_strategic_group_is_compliant() {
    let r = check(&strategic_members());
    assert_eq!(r, Report { compliant: true, findings: vec![] });
}

#[test]
fn ydre_without_its_opposition_representative() {
    let r = check(&without(strategic_members(), "Ydre kommun", Side::Opposition));
    assert!(!r.compliant);
    assert_eq!(r.findings.len(), 1);
    let f = &r.findings[0];
    assert_eq!((f.rule, f.rule_index, f.organisation_id), ("seats_per_organisation", 1, Some(org("Ydre kommun").id)));
    assert_eq!(f.sv, "Ydre kommun saknar ordinarie oppositionsföreträdare i Samrådet för strategiska frågor.");
    assert_eq!(f.en, "Ydre kommun has no ordinary opposition representative in Samrådet för strategiska frågor.");
}

#[test]
fn linkoping_with_two_majority_representatives() {
    let mut ms = strategic_members();
    ms.push(member(900, &org("Linköpings kommun"), MembershipRole::ViceChair, Side::Majority));
    let r = check(&ms);
    assert_eq!(
        messages(&r),
        [
            "Linköpings kommun har 2 ordinarie majoritetsföreträdare i Samrådet för strategiska frågor; högst 1 är tillåtet."
        ]
    );
    assert_eq!(
        r.findings[0].en,
        "Linköpings kommun has 2 ordinary majority representatives in Samrådet för strategiska frågor; at most 1 allowed."
    );
    // One person in two roles is still one representative.
    let mut ms = strategic_members();
    let chair = ms.iter().find(|m| m.organisation.name == "Linköpings kommun" && m.side == Side::Majority).unwrap();
    ms.push(MembershipFacts { role: MembershipRole::ViceChair, ..chair.clone() });
    assert!(check(&ms).compliant);
}

#[test]
fn substitutes_and_advisers_hold_no_ordinary_seat() {
    let mut ms = strategic_members();
    for m in ms.iter_mut().filter(|m| m.organisation.name == "Kinda kommun" && m.side == Side::Opposition) {
        m.role = MembershipRole::Substitute;
    }
    let linkoping = org("Linköpings kommun");
    ms.push(member(901, &linkoping, MembershipRole::Substitute, Side::Majority));
    ms.push(member(902, &linkoping, MembershipRole::Adviser, Side::Majority));
    assert_eq!(
        messages(&check(&ms)),
        ["Kinda kommun saknar ordinarie oppositionsföreträdare i Samrådet för strategiska frågor."]
    );
}

#[test]
fn only_memberships_active_on_the_day_count() {
    let set = |name: &str, start: Date, end: Option<Date>| {
        let mut ms = strategic_members();
        for m in ms.iter_mut().filter(|m| m.organisation.name == name && m.side == Side::Opposition) {
            (m.start, m.end) = (start, end);
        }
        check(&ms).findings.len()
    };
    let start = date!(2023 - 01 - 01);
    assert_eq!(set("Boxholms kommun", start, Some(AT - Duration::days(1))), 1, "expired yesterday");
    assert_eq!(set("Boxholms kommun", start, Some(AT)), 0, "the end day is included");
    assert_eq!(set("Boxholms kommun", AT + Duration::days(1), None), 1, "starts tomorrow");
    assert_eq!(set("Boxholms kommun", AT, None), 0, "starts today");
}

#[test]
fn findings_come_in_rule_order_then_swedish_name_order() {
    let mut ms = strategic_members();
    for name in ["Ödeshögs kommun", "Åtvidabergs kommun", "Ydre kommun"] {
        ms = without(ms, name, Side::Opposition);
    }
    ms = without(ms, "Motala kommun", Side::Majority);
    ms.retain(|m| m.organisation.id != REGION);
    let r = check(&ms);
    let names: Vec<_> = r.findings.iter().map(|f| f.sv.split(" saknar").next().unwrap()).collect();
    assert_eq!(names, ["Motala kommun", "Ydre kommun", "Åtvidabergs kommun", "Ödeshögs kommun", "Region Östergötland"]);
    assert_eq!(r.findings.iter().map(|f| f.rule_index).collect::<Vec<_>>(), [0, 1, 1, 1, 2]);
}

#[test]
fn a_municipality_without_an_organisation_is_still_counted() {
    let body = strategic();
    let orgs: Vec<_> = organisations().into_iter().filter(|o| o.name != "Vadstena kommun").collect();
    let ms: Vec<_> = strategic_members().into_iter().filter(|m| m.organisation.name != "Vadstena kommun").collect();
    let input = ComplianceInput {
        body: &body,
        at: AT,
        organisations: &orgs,
        memberships: &ms,
        presidium: &strategic_presidium(),
        meetings_in_year: 4,
        work_plan: Some(&PLAN),
        protocols: &[],
        term_notice_days: TERM_NOTICE_DAYS,
    };
    let r = compliance(&standard_rules::strategic_consultation_group("05"), &input);
    assert_eq!(
        messages(&r),
        [
            "Vadstena kommun saknar ordinarie majoritetsföreträdare i Samrådet för strategiska frågor.",
            "Vadstena kommun saknar ordinarie oppositionsföreträdare i Samrådet för strategiska frågor.",
        ]
    );
    assert!(r.findings.iter().all(|f| f.organisation_id.is_none()));
}

#[test]
fn presidium_meetings_and_work_plan() {
    let body = strategic();
    let orgs = organisations();
    let ms = strategic_members();
    let municipal_only = vec![member(500, &org("Linköpings kommun"), MembershipRole::Chair, Side::Majority)];
    let old_plan = WorkPlanFacts { updated_on: date!(2024 - 11 - 20), covers_from: 2025, covers_to: 2026 };
    let input = ComplianceInput {
        body: &body,
        at: AT,
        organisations: &orgs,
        memberships: &ms,
        presidium: &municipal_only,
        meetings_in_year: 3,
        work_plan: Some(&old_plan),
        protocols: &[],
        term_notice_days: TERM_NOTICE_DAYS,
    };
    let r = compliance(&standard_rules::strategic_consultation_group("05"), &input);
    assert_eq!(
        messages(&r),
        [
            "Presidiet för Samrådet för strategiska frågor saknar företrädare för en region.",
            "Samrådet för strategiska frågor har 3 sammanträden 2025; minst 4 krävs.",
            "Samrådet för strategiska frågor saknar en arbetsplan som täcker 2026–2027 och är uppdaterad 2025.",
        ]
    );
    let en: Vec<_> = r.findings.iter().map(|f| f.message(Lang::En)).collect();
    assert_eq!(
        en,
        [
            "The presidium of Samrådet för strategiska frågor has no representative of a region.",
            "Samrådet för strategiska frågor has 3 meetings in 2025; at least 4 required.",
            "Samrådet för strategiska frågor has no work plan that covers 2026–2027 and was updated in 2025.",
        ]
    );
    // A plan decided after the day checked, or covering too little, is not current either.
    let later = WorkPlanFacts { updated_on: date!(2025 - 09 - 01), ..PLAN };
    let short = WorkPlanFacts { covers_to: 2026, ..PLAN };
    for plan in [None, Some(&later), Some(&short)] {
        let r =
            compliance(&[Rule::WorkPlanCurrent { years_covered: 2 }], &ComplianceInput { work_plan: plan, ..input });
        assert_eq!(r.findings.len(), 1);
    }
    let r =
        compliance(&[Rule::WorkPlanCurrent { years_covered: 2 }], &ComplianceInput { work_plan: Some(&PLAN), ..input });
    assert!(r.compliant);
}

#[test]
fn the_care_group_needs_the_region() {
    let body = BodyFacts::new(BodyId(2), "Samrådet för vård och omsorg", BodyKind::ConsultationGroup);
    let orgs = organisations();
    let ms: Vec<_> = strategic_members().into_iter().filter(|m| m.organisation.id != REGION).collect();
    let input = ComplianceInput {
        body: &body,
        at: AT,
        organisations: &orgs,
        memberships: &ms,
        presidium: &strategic_presidium(),
        meetings_in_year: 5,
        work_plan: Some(&PLAN),
        protocols: &[],
        term_notice_days: TERM_NOTICE_DAYS,
    };
    let r = compliance(&standard_rules::care_consultation_group("05"), &input);
    assert_eq!(messages(&r), ["Region Östergötland saknar ordinarie företrädare i Samrådet för vård och omsorg."]);
}

#[test]
fn a_management_group_of_officials_is_compliant() {
    let body = BodyFacts::new(BodyId(3), "Ledningsgruppen för strategiska frågor", BodyKind::ManagementGroup);
    let orgs = organisations();
    let ms: Vec<_> =
        orgs.iter().enumerate().map(|(i, o)| member(i as i64, o, MembershipRole::Member, Side::Neither)).collect();
    let presidium = vec![ms[0].clone(), ms[1].clone()];
    let input = ComplianceInput {
        body: &body,
        at: AT,
        organisations: &orgs,
        memberships: &ms,
        presidium: &presidium,
        meetings_in_year: 0,
        work_plan: None,
        protocols: &[],
        term_notice_days: TERM_NOTICE_DAYS,
    };
    assert!(compliance(&standard_rules::management_group("05"), &input).compliant);
    for rules in [
        standard_rules::strategic_consultation_group("05"),
        standard_rules::care_consultation_group("05"),
        standard_rules::management_group("05"),
    ] {
        assert!(rules.iter().all(|r| r.validate().is_ok()));
    }
}

#[test]
fn the_seed_hierarchy_is_valid() {
    let body = |id, name, kind| BodyFacts::new(BodyId(id), name, kind);
    let mut strategic_lg = body(2, "Ledningsgruppen för strategiska frågor", BodyKind::ManagementGroup);
    strategic_lg.prepares_for = Some(BodyId(1));
    let mut care_lg = body(3, "Ledningsgruppen för vård och omsorg", BodyKind::ManagementGroup);
    care_lg.superior_id = Some(BodyId(2));
    let mut culture_lg = body(4, "Ledningsgruppen för kultur", BodyKind::ManagementGroup);
    culture_lg.superior_id = Some(BodyId(2));
    let network = body(5, "Ordförandenätverket (KSO/RSO)", BodyKind::Network);
    let bodies = vec![strategic(), strategic_lg, care_lg, culture_lg, network];
    assert_eq!(check_hierarchy(&bodies), Ok(()));

    let mut bad = bodies.clone();
    bad[4].prepares_for = Some(BodyId(1));
    let err = check_hierarchy(&bad).unwrap_err();
    assert_eq!(err.first().code, "informal_cannot_prepare");
    assert_eq!(
        err.first().sv,
        "Ordförandenätverket (KSO/RSO) ingår inte i den formella strukturen och kan inte bereda ärenden åt Samrådet för strategiska frågor."
    );
    bad[4].formal = true;
    assert_eq!(check_hierarchy(&bad), Ok(()));
}

#[test]
fn circles_and_dangling_links_are_rejected_once() {
    let mut bodies: Vec<_> =
        (1..=3).map(|i| BodyFacts::new(BodyId(i), format!("G{i}"), BodyKind::WorkingGroup)).collect();
    bodies[0].superior_id = Some(BodyId(2));
    bodies[1].superior_id = Some(BodyId(3));
    bodies[2].superior_id = Some(BodyId(1));
    bodies[2].prepares_for = Some(BodyId(3));
    bodies[0].prepares_for = Some(BodyId(9));
    let err = check_hierarchy(&bodies).unwrap_err();
    let got: Vec<_> = err.0.iter().map(|e| (e.field.as_str(), e.code, e.sv.as_str())).collect();
    assert_eq!(
        got,
        [
            ("prepares_for", "unknown_body", "G1 hänvisar till en grupp som inte finns."),
            ("superior_id", "cycle", "Överordningen går runt i en cirkel: G1 → G2 → G3 → G1."),
            ("prepares_for", "cycle", "Beredningen går runt i en cirkel: G3 → G3."),
        ]
    );
}

#[test]
fn membership_input_names_every_wrong_field() {
    let ok = MembershipInput::parse("7", "12", "substitute", "opposition", "2023-01-01", "2026-12-31", "8").unwrap();
    assert_eq!(ok.side, Side::Opposition);
    assert_eq!((ok.end, ok.substitute_for), (Some(date!(2026 - 12 - 31)), Some(PersonId(8))));
    assert_eq!(MembershipInput::parse("7", "12", "member", "", "2023-01-01", "", "").unwrap().side, Side::Neither);

    let codes = |r: Result<MembershipInput, crate::Invalid>| {
        r.unwrap_err().0.iter().map(|e| (e.field.clone(), e.code)).collect::<Vec<_>>()
    };
    let f = |field: &str, code| (field.to_string(), code);
    assert_eq!(
        codes(MembershipInput::parse("7", "12", "member", "", "2024-01-01", "2023-12-31", "8")),
        [f("end", "end_before_start"), f("substitute_for", "not_a_substitute")]
    );
    assert_eq!(
        codes(MembershipInput::parse("7", "12", "substitute", "", "2024-01-01", "", "7")),
        [f("substitute_for", "own_substitute")]
    );
    assert_eq!(
        codes(MembershipInput::parse("", "x", "boss", "left", "", "31/12", "")),
        [
            f("person", "required"),
            f("organisation", "invalid_id"),
            f("role", "invalid_role"),
            f("side", "invalid_side"),
            f("start", "required"),
            f("end", "invalid_date"),
        ]
    );
    let e = MembershipInput::parse("7", "12", "member", "", "2024-01-01", "2023-01-01", "").unwrap_err();
    assert_eq!(e.first().sv, "Slutdatumet kan inte vara före startdatumet.");
}

// Properties.

fn arb_membership() -> impl Strategy<Value = MembershipFacts> {
    (
        prop::sample::select(organisations()),
        1i64..40,
        prop::sample::select(MembershipRole::ALL),
        prop::sample::select(Side::ALL),
        -900i64..300,
        prop::option::of(0i64..900),
    )
        .prop_map(|(o, person, role, side, start, length)| {
            let start = AT + Duration::days(start);
            MembershipFacts {
                person: PersonId(person),
                organisation: o,
                role,
                side,
                start,
                end: length.map(|l| start + Duration::days(l)),
                substitute_for: None,
            }
        })
}

fn arb_scope() -> impl Strategy<Value = Scope> {
    let county = prop::sample::select(reference::counties().iter().map(|c| c.code.clone()).collect::<Vec<_>>());
    prop_oneof![
        county.clone().prop_map(|county_code| Scope::MunicipalitiesInCounty { county_code }),
        county.prop_map(|county_code| Scope::Region { county_code }),
        prop::collection::vec((0i64..1000).prop_map(OrganisationId), 1..5).prop_map(|ids| Scope::Organisations { ids }),
    ]
}

/// A valid seat rule, min ≤ max.
fn arb_seats(min: std::ops::Range<u32>) -> impl Strategy<Value = Rule> {
    (arb_scope(), prop::option::of(prop::sample::select(Side::ALL)), min, prop::option::of(0u32..3)).prop_map(
        |(scope, side, min, extra)| Rule::SeatsPerOrganisation { scope, side, min, max: extra.map(|e| min + e) },
    )
}

fn arb_rule() -> impl Strategy<Value = Rule> {
    prop_oneof![
        (arb_scope(), prop::option::of(prop::sample::select(Side::ALL)), any::<u32>(), any::<Option<u32>>())
            .prop_map(|(scope, side, min, max)| Rule::SeatsPerOrganisation { scope, side, min, max }),
        prop::collection::vec(prop::sample::select(OrganisationKind::ALL.to_vec()), 0..4)
            .prop_map(|kinds| Rule::PresidiumIncludes { kinds }),
        any::<u32>().prop_map(|per_year| Rule::MeetsAtLeast { per_year }),
        any::<u32>().prop_map(|years_covered| Rule::WorkPlanCurrent { years_covered }),
    ]
}

/// The seed's rule sets plus a few random seat rules, some about Östergötland's organisations.
fn arb_rules() -> impl Strategy<Value = Vec<Rule>> {
    let ours = prop::sample::subsequence(organisations().iter().map(|o| o.id).collect::<Vec<_>>(), 1..4)
        .prop_map(|ids| Scope::Organisations { ids });
    let local = (ours, prop::option::of(prop::sample::select(Side::ALL)), 0u32..3, prop::option::of(0u32..3)).prop_map(
        |(scope, side, min, extra)| Rule::SeatsPerOrganisation { scope, side, min, max: extra.map(|e| min + e) },
    );
    prop::collection::vec(prop_oneof![arb_seats(0..3), local], 0..4).prop_map(|extra| {
        let mut rules = standard_rules::strategic_consultation_group("05");
        rules.extend(standard_rules::care_consultation_group("05"));
        rules.extend(extra);
        rules
    })
}

fn report(rules: &[Rule], orgs: &[OrganisationFacts], ms: &[MembershipFacts], presidium: &[MembershipFacts]) -> Report {
    let body = strategic();
    let input = ComplianceInput {
        body: &body,
        at: AT,
        organisations: orgs,
        memberships: ms,
        presidium,
        meetings_in_year: 3,
        work_plan: None,
        protocols: &[],
        term_notice_days: TERM_NOTICE_DAYS,
    };
    compliance(rules, &input)
}

proptest! {
    #[test]
    fn the_report_does_not_depend_on_input_order(
        rules in arb_rules(),
        (ms, shuffled) in prop::collection::vec(arb_membership(), 0..40)
            .prop_flat_map(|ms| (Just(ms.clone()), Just(ms).prop_shuffle())),
        (ps, shuffled_ps) in prop::collection::vec(arb_membership(), 0..6)
            .prop_flat_map(|ps| (Just(ps.clone()), Just(ps).prop_shuffle())),
        shuffled_orgs in Just(organisations()).prop_shuffle(),
    ) {
        prop_assert_eq!(
            report(&rules, &organisations(), &ms, &ps),
            report(&rules, &shuffled_orgs, &shuffled, &shuffled_ps)
        );
    }

    #[test]
    fn a_member_below_the_maximum_adds_no_finding(
        rules in arb_rules(),
        ms in prop::collection::vec(arb_membership(), 0..30),
        o in prop::sample::select(organisations()),
        side in prop::sample::select(Side::ALL),
        role in prop::sample::select(vec![MembershipRole::Chair, MembershipRole::ViceChair, MembershipRole::Member]),
    ) {
        let new = MembershipFacts { person: PersonId(1000), ..member(0, &o, role, side) };
        let below_max = rules.iter().all(|r| match r {
            Rule::SeatsPerOrganisation { scope, side: s, max: Some(max), .. }
                if scope.includes(&o) && s.is_none_or(|s| s == side) =>
                ordinary_seats(&ms, o.id, *s, AT) < *max as usize,
            _ => true,
        });
        prop_assume!(below_max);
        let before = report(&rules, &organisations(), &ms, &[]);
        let mut more = ms.clone();
        more.push(new);
        let after = report(&rules, &organisations(), &more, &[]);
        prop_assert!(after.findings.len() <= before.findings.len());
        for f in &after.findings {
            prop_assert!(
                before.findings.iter().any(|b| (b.rule_index, b.organisation_id) == (f.rule_index, f.organisation_id)),
                "new finding {:?}", f
            );
        }
    }

    #[test]
    fn without_members_no_seat_rule_with_a_minimum_is_met(
        rule in arb_seats(1..4),
        orgs in prop::sample::subsequence(organisations(), 0..=14),
    ) {
        let r = report(std::slice::from_ref(&rule), &orgs, &[], &[]);
        prop_assert!(!r.compliant);
        prop_assert!(r.findings.iter().all(|f| f.rule == "seats_per_organisation"));
    }

    #[test]
    fn rules_round_trip_through_json(rule in arb_rule()) {
        let json = serde_json::to_string(&rule).unwrap();
        prop_assert_eq!(serde_json::from_str::<Rule>(&json).unwrap(), rule);
    }
}

/// The 2023–2026 term ends on 31 December 2026 (`Term`); from 90 days before, every seat not
/// yet filled for 2027–2030 is reported per organisation.
#[test]
fn seats_ending_with_the_term_are_a_finding_until_the_next_term_is_appointed() {
    let body = strategic();
    let orgs = organisations();
    let ydre = org("Ydre kommun");
    let mut ms = vec![
        member(1, &ydre, MembershipRole::Member, Side::Majority),
        member(2, &ydre, MembershipRole::Member, Side::Opposition),
        member(3, &ydre, MembershipRole::Substitute, Side::Majority),
        member(4, &ydre, MembershipRole::Secretary, Side::Neither),
    ];
    let at = date!(2026 - 11 - 16);
    let report = |ms: &[MembershipFacts], at: Date| {
        let input = ComplianceInput {
            body: &body,
            at,
            organisations: &orgs,
            memberships: ms,
            presidium: &[],
            meetings_in_year: 4,
            work_plan: Some(&PLAN),
            protocols: &[],
            term_notice_days: TERM_NOTICE_DAYS,
        };
        compliance(&[], &input)
    };
    let r = report(&ms, at);
    assert_eq!(
        messages(&r),
        [
            "Ydre kommun: 3 platser i Samrådet för strategiska frågor blir vakanta när mandatperioden 2023–2026 slutar 2026-12-31: ledamot (majoritet), ledamot (opposition), ersättare (majoritet)."
        ]
    );
    assert_eq!((r.findings[0].rule, r.findings[0].organisation_id), ("term_ending", Some(ydre.id)));
    // Earlier than 90 days before the end, nothing yet.
    assert!(report(&ms, date!(2026 - 09 - 30)).compliant);
    // The majority member is reappointed for 2027–2030: two seats remain.
    ms.push(MembershipFacts {
        start: date!(2027 - 01 - 01),
        ..member(1, &ydre, MembershipRole::Member, Side::Majority)
    });
    let r = report(&ms, at);
    assert_eq!(
        r.findings[0].en,
        "Ydre kommun: 2 seats in Samrådet för strategiska frågor become vacant when the 2023–2026 term ends on 2026-12-31: member (opposition), substitute (majority)."
    );
}

/// KL 5 kap. 69 § (rule 15): a late protocol is a finding of any body, even without rules.
#[test]
fn a_late_protocol_is_a_finding_after_the_rules() {
    let body = strategic();
    let orgs = organisations();
    let ms = strategic_members();
    let presidium = strategic_presidium();
    let protocols = [ProtocolFacts {
        meeting: crate::ids::MeetingId(7),
        meeting_date: date!(2025 - 05 - 02),
        due: date!(2025 - 05 - 16),
        adjusted_on: None,
    }];
    let input = ComplianceInput {
        body: &body,
        at: AT,
        organisations: &orgs,
        memberships: &ms,
        presidium: &presidium,
        meetings_in_year: 3,
        work_plan: Some(&PLAN),
        protocols: &protocols,
        term_notice_days: TERM_NOTICE_DAYS,
    };
    let rules = standard_rules::strategic_consultation_group("05");
    let r = compliance(&rules, &input);
    let codes: Vec<_> = r.findings.iter().map(|f| f.rule).collect();
    assert_eq!(codes, ["meets_at_least", "protocol_late"]);
    assert_eq!(r.findings[1].rule_index, rules.len());
    assert_eq!(
        r.findings[1].sv,
        "Protokollet från sammanträdet 2025-05-02 i Samrådet för strategiska frågor är försenat: det skulle ha justerats senast 2025-05-16 (KL 5 kap. 69 §)."
    );
    assert!(compliance(&[], &input).findings.iter().any(|f| f.rule == "protocol_late"));
}
