//! The demo data: Östergötland's consultation structure with its findings, Jönköping's
//! Kommunalt forum, the accounts linked to people, and a second load that does nothing.

use crate::common;

use std::collections::BTreeSet;

use common::*;
use domain::ids::UserId;
use domain::meetings::MeetingStatus;
use domain::reference;
use domain::structure::BodyKind;
use store::structure::Body;
use time::macros::date;

fn named<'a>(bodies: &'a [Body], name: &str) -> &'a Body {
    bodies.iter().find(|b| b.name == name).unwrap_or_else(|| panic!("no body {name}"))
}

#[tokio::test]
async fn the_strategic_group_lacks_only_ydres_opposition_representative() {
    for t in TestApp::each_engine().await {
        demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        // After the December meeting that decided the work plan for 2026–2027: Ydre's
        // opposition seat, vacant since 30 September, is the one finding.
        let snap = t.store().snapshot(date!(2025 - 12 - 15)).await.unwrap();
        let strategic = named(&snap.bodies, "Samrådet för strategiska frågor");
        let report = snap.report(strategic);
        let messages: Vec<&str> = report.findings.iter().map(|f| f.sv.as_str()).collect();
        assert_eq!(
            messages,
            ["Ydre kommun saknar ordinarie oppositionsföreträdare i Samrådet för strategiska frågor."],
            "{}",
            t.engine
        );
        // On 1 November the vacancy is there too, but the plan for 2026–2027 is not decided yet
        // (rule 6 wants it decided in 2025; the December meeting does).
        let november = t.store().snapshot(date!(2025 - 11 - 01)).await.unwrap();
        let rules: Vec<&str> = november
            .report(named(&november.bodies, "Samrådet för strategiska frågor"))
            .findings
            .iter()
            .map(|f| f.rule)
            .collect();
        assert_eq!(rules, ["seats_per_organisation", "work_plan_current"]);
        // The day she resigned the seat was still held.
        let before = t.store().snapshot(demo::YDRE_RESIGNED).await.unwrap();
        assert!(
            !before
                .report(named(&before.bodies, "Samrådet för strategiska frågor"))
                .findings
                .iter()
                .any(|f| f.sv.contains("Ydre"))
        );

        // The care group has no work plan, and only three meetings planned for 2026.
        let care = named(&snap.bodies, "Samrådet för vård och omsorg");
        let findings = snap.report(care).findings;
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].rule, "work_plan_current");
        let in_2026 = t.store().snapshot(date!(2026 - 06 - 01)).await.unwrap();
        let care = named(&in_2026.bodies, "Samrådet för vård och omsorg");
        assert!(
            in_2026
                .report(care)
                .findings
                .iter()
                .any(|f| f.sv == "Samrådet för vård och omsorg har 3 sammanträden 2026; minst 4 krävs.")
        );

        // The work plan's history: two versions, each question serving one of the duties.
        let plans = t.store().work_plans(strategic.id).await.unwrap();
        let covers: Vec<_> = plans.iter().map(|p| (p.version, p.covers_from, p.covers_to)).collect();
        assert_eq!(covers, [(2, 2026, 2027), (1, 2025, 2026)]);
        assert_eq!(plans[0].decided_on, date!(2025 - 12 - 12));
        for q in plans.iter().flat_map(|p| &p.questions) {
            assert!(strategic.duties.contains(q.duty.as_ref().unwrap()), "{}", q.title);
        }
        // Past members of the previous term ended with it.
        let all = t.store().memberships(strategic.id, None).await.unwrap();
        let past: Vec<_> = all.iter().filter(|m| m.term == "2019–2022").collect();
        assert!(!past.is_empty() && past.iter().all(|m| m.end_date == Some(date!(2022 - 12 - 31))));
        let now = t.store().memberships(strategic.id, Some(date!(2025 - 12 - 15))).await.unwrap();
        assert!(now.iter().all(|m| m.start_date == date!(2023 - 01 - 01)));
        assert!(now.iter().any(|m| m.role == "secretary" && m.organisation_code.as_deref() == Some("05")));
        assert!(now.iter().any(|m| m.role == "substitute" && m.substitute_for.is_some()));
    }
}

#[tokio::test]
async fn the_structure_hangs_together() {
    for t in TestApp::each_engine().await {
        demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        let bodies = t.store().all_bodies().await.unwrap();
        let strategic = named(&bodies, "Samrådet för strategiska frågor");
        let care = named(&bodies, "Samrådet för vård och omsorg");
        let top = named(&bodies, "Ledningsgruppen för strategiska frågor");
        let management: Vec<&Body> = bodies.iter().filter(|b| b.kind == BodyKind::ManagementGroup).collect();
        assert_eq!(management.len(), 6);
        for b in &management {
            let expected = if b.id == top.id { None } else { Some(top.id) };
            assert_eq!(b.superior_id, expected, "{}", b.name);
            assert!(bodies.iter().any(|p| p.presidium_of == Some(b.id)), "{} has a presidium", b.name);
        }
        assert_eq!(top.prepares_for, Some(strategic.id));
        assert_eq!(named(&bodies, "Ledningsgruppen för vård och omsorg").prepares_for, Some(care.id));
        for name in ["Ordförandenätverket KSO/RSO", "Folkhälsonätverket"] {
            let n = named(&bodies, name);
            assert!(n.kind == BodyKind::Network && !n.formal && n.prepares_for.is_none());
        }
        assert_eq!(
            named(&bodies, "Politisk referensgrupp för regional utvecklingsstrategi").kind,
            BodyKind::ReferenceGroup
        );
        for b in [strategic, care] {
            assert_eq!((b.county_code.as_deref(), b.organisations.len()), (Some("05"), 14));
            for year in [2025, 2026] {
                let dates = t.store().meeting_plan(b.id, year).await.unwrap();
                assert!(dates.len() >= 3, "{} {year}", b.name);
            }
        }
        // Nothing else in the demo is out of line on a day in 2025 after the December meetings.
        let snap = t.store().snapshot(date!(2025 - 12 - 15)).await.unwrap();
        for b in &snap.bodies {
            let findings = snap.report(b).findings;
            let expected = match b.name.as_str() {
                "Samrådet för strategiska frågor" | "Samrådet för vård och omsorg" => 1,
                _ => 0,
            };
            assert_eq!(findings.len(), expected, "{}: {findings:?}", b.name);
        }
    }
}

#[tokio::test]
async fn kommunalt_forum_has_every_municipality_and_the_region_and_meets_six_times() {
    for t in TestApp::each_engine().await {
        demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        let bodies = t.store().all_bodies().await.unwrap();
        let forum = named(&bodies, "Kommunalt forum");
        assert_eq!((forum.kind, forum.county_code.as_deref()), (BodyKind::ConsultationGroup, Some("06")));
        let members = t.store().memberships(forum.id, Some(date!(2025 - 06 - 01))).await.unwrap();
        let codes: BTreeSet<&str> = members.iter().filter_map(|m| m.organisation_code.as_deref()).collect();
        let mut expected: BTreeSet<&str> = reference::municipalities_in("06").map(|m| m.code.as_str()).collect();
        assert_eq!(expected.len(), 13);
        expected.insert("06");
        assert_eq!(codes, expected);
        for m in reference::municipalities_in("06") {
            let n = members.iter().filter(|x| x.organisation_code.as_deref() == Some(m.code.as_str())).count();
            assert!((3..=4).contains(&n), "{}: {n}", m.name);
        }
        let region: Vec<_> = members.iter().filter(|m| m.organisation_code.as_deref() == Some("06")).collect();
        assert_eq!(region.len(), 14);
        let chair = region.iter().find(|m| m.role == "chair").unwrap();
        assert_eq!(chair.party.as_deref(), Some("S"));
        assert!(region.iter().any(|m| m.role == "secretary"));
        assert!(region.iter().any(|m| m.role == "adviser") && region.iter().any(|m| m.role == "co_opted"));
        let dates = t.store().meeting_plan(forum.id, 2025).await.unwrap();
        assert_eq!(dates, demo::FORUM_PLAN_2025);
        let snap = t.store().snapshot(date!(2025 - 06 - 01)).await.unwrap();
        assert!(snap.report(forum).compliant, "{:?}", snap.report(forum));
    }
}

#[tokio::test]
async fn the_demo_accounts_act_as_a_secretary_and_a_member() {
    for t in TestApp::each_engine().await {
        demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        let bodies = t.store().all_bodies().await.unwrap();
        let (forum, strategic) = (named(&bodies, "Kommunalt forum"), named(&bodies, "Samrådet för strategiska frågor"));
        let store = t.store();
        let user = async |email: &str| store.user_with_hash(email).await.unwrap().unwrap().0;
        let secretary = user("sekreterare@demo.samverkan.se").await;
        assert_eq!(secretary.person_id, forum.secretary.as_ref().map(|s| s.id));
        let today = date!(2025 - 06 - 01);
        assert!(t.store().is_body_secretary(UserId(secretary.id), forum.id, today).await.unwrap());
        assert!(!t.store().is_body_secretary(UserId(secretary.id), strategic.id, today).await.unwrap());
        let member = user("ledamot@demo.samverkan.se").await;
        let seats = t.store().person_memberships(domain::ids::PersonId(member.person_id.unwrap())).await.unwrap();
        assert!(seats.iter().any(|m| m.body_id == strategic.id.0 && m.role == "vice_chair"));
        assert!(user("admin@demo.samverkan.se").await.person_id.is_none());
    }
}

#[tokio::test]
async fn the_demo_keeps_its_mail_in_the_outbox_for_administrators_to_read() {
    let t = TestApp::sqlite().await;
    demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
    web::jobs::run_due_jobs(&t.app).await;
    let outbox = t.store().outbox(200).await.unwrap();
    // The protocol left waiting is late: its secretary hears of it; adjusted ones tell nobody.
    assert!(outbox.iter().any(|m| m.kind == "protocol.late"), "{outbox:?}");
    assert!(outbox.iter().all(|m| m.status == "outbox"), "no SMTP server in the demo: nothing is sent");
    let drafted = t.store().protocols_out().await.unwrap();
    // cases: the demo's requests for official documents mail the RUS case's registrars (ADR 48);
    // referrals: the open answers awaiting moderation mail the open referral's drafters (ADR 52);
    // every other message is about a drafted protocol.
    assert_eq!(outbox.iter().filter(|m| m.kind == "document_request").count(), 2, "{outbox:?}");
    assert!(outbox.iter().any(|m| m.kind == "referral.moderation"), "{outbox:?}");
    let meetings = outbox.iter().filter(|m| m.kind != "document_request" && m.kind != "referral.moderation");
    assert!(meetings.clone().all(|m| drafted.iter().any(|(d, _)| Some(d.id.0) == m.meeting_id)));
}

#[tokio::test]
async fn a_second_load_does_nothing() {
    for t in TestApp::each_engine().await {
        let first = demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        assert_eq!((first.organisations, first.accounts, first.cases), (59, 7, 4));
        assert_eq!(first.bodies as i64, t.count("bodies").await);
        assert_eq!(first.memberships as i64, t.count("memberships").await);
        assert_eq!(first.people as i64, t.count("people").await);
        let tables = ["organisations", "people", "bodies", "memberships", "meeting_plan_dates", "work_plans", "users"];
        let mut before = Vec::new();
        for table in tables {
            before.push(t.count(table).await);
        }
        let second = demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        assert_eq!((second.organisations, second.people, second.bodies, second.memberships), (0, 0, 0, 0));
        for (table, n) in tables.into_iter().zip(before) {
            assert_eq!(t.count(table).await, n, "{table}");
        }
        // Nor does the national dataset load over it.
        assert!(demo::load_national(t.store()).await.unwrap().is_none());
        assert_eq!(t.count("bodies").await, first.bodies as i64);
    }
}

/// The demo has the same shape whatever the date it is loaded on: one protocol waiting for
/// adjustment (the strategic group's last), every other past meeting announced, and meetings
/// ahead. Before, the meetings of the five days before "today" were left unadjusted too.
#[tokio::test]
async fn the_demo_has_the_same_shape_whatever_the_date() {
    for day in [date!(2026 - 12 - 04), date!(2027 - 01 - 01), date!(2027 - 06 - 21), date!(2029 - 02 - 14)] {
        let t = TestApp::sqlite_on(day).await;
        demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        let past = t.store().meetings_between(date!(2024 - 01 - 01), day.previous_day().unwrap()).await.unwrap();
        let held = past.iter().filter(|m| m.status != domain::meetings::MeetingStatus::Cancelled);
        let waiting: Vec<_> = held.filter(|m| !m.protocol_public()).collect();
        assert_eq!(waiting.len(), 1, "{day}: {:?}", waiting.iter().map(|m| (&m.body_name, m.date)).collect::<Vec<_>>());
        assert_eq!(waiting[0].body_name, "Samrådet för strategiska frågor", "{day}");
        let ahead = t.store().meetings_between(day, day + time::Duration::days(366)).await.unwrap();
        let bodies: BTreeSet<&str> = ahead.iter().map(|m| m.body_name.as_str()).collect();
        assert!(
            bodies.contains("Kommunalt forum") && bodies.contains("Samrådet för strategiska frågor"),
            "{day}: {bodies:?}"
        );
        assert!(ahead.iter().all(|m| m.status == domain::meetings::MeetingStatus::Planned), "{day}");
    }
}

/// The demo shows the whole flow: its chair and minutes-checker accounts sign in with the demo
/// password and approve, through the page's form, the protocol that waits for them; the second
/// approval adjusts it and announces it on the notice board.
#[tokio::test]
async fn the_demo_chair_and_minutes_checker_approve_the_waiting_protocol_through_the_form() {
    for t in TestApp::each_engine().await {
        demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        demo::reset_passwords(t.store(), Some(PASSWORD)).await.unwrap();
        let snap = t.store().snapshot(TODAY).await.unwrap();
        let strategic = named(&snap.bodies, "Samrådet för strategiska frågor").id;
        let waiting = t.store().body_meetings(strategic, None).await.unwrap();
        let m = waiting.iter().rfind(|m| m.status == MeetingStatus::ProtocolDrafted).expect("a protocol waits");
        let page = format!("/moten/{}/protokoll", m.id);
        for email in ["ordforande@demo.samverkan.se", "justerare@demo.samverkan.se"] {
            let mut c = t.client();
            c.login(email, PASSWORD).await;
            c.get(&page).await.assert_status(200).assert_contains(&format!("action=\"{page}/justera\""));
            c.post_form(&format!("{page}/justera"), &[("password", PASSWORD)]).await.assert_status(303);
        }
        let after = t.store().meeting(m.id).await.unwrap().unwrap();
        assert_eq!(after.status, MeetingStatus::Announced, "{}", t.engine);
        t.client().get("/anslagstavla").await.assert_contains(&format!("/moten/{}/protokoll", m.id));
    }
}

#[tokio::test]
async fn the_registries_hold_the_seed_cases_and_a_secret_registration() {
    for t in TestApp::each_engine().await {
        demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        // Seed 003: § 3 and § 9 of Kommunalt forum 2024-10-11 name RJL 2024/3336 and 3340.
        for (number, title) in
            [("RJL 2024/3336", "Anmälningsärenden Kommunalt forum 2024"), ("RJL 2024/3340", "Sammanträdesdatum 2025")]
        {
            let n: domain::cases::CaseNumber = number.parse().unwrap();
            let c = t.store().case_by_number(&n).await.unwrap().unwrap_or_else(|| panic!("{number} missing"));
            assert!(c.public_title.starts_with(title), "{}", t.engine);
        }
        // Seed 000: Region Östergötland's case, registered today with its decision documents.
        let year = t.store().today().year();
        let n: domain::cases::CaseNumber = format!("RÖ {year}/1").parse().unwrap();
        let rus = t.store().case_by_number(&n).await.unwrap().unwrap();
        assert_eq!(rus.public_title, demo::RUS_CASE);
        let all = t.store().case_documents(rus.id).await.unwrap();
        // Besides its own four, the case holds the open answers to its referral, registered on
        // arrival (issue 12).
        let (answers, docs): (Vec<_>, Vec<_>) = all.into_iter().partition(|d| d.description.starts_with("Remissvar: "));
        assert_eq!((docs.len(), answers.len()), (4, 3), "{}", t.engine);
        assert!(docs[0].description.starts_with("Tjänsteskrivelse") && docs[1].description.starts_with("Bilaga PM"));
        assert_eq!(docs[0].files.len(), 1);
        assert!(docs.iter().all(|d| d.registered_on == t.store().today() && d.document_date <= d.registered_on));
        // The public page shows the secret letter's registration, not what it says.
        let page = t.client().get(&format!("/diarium/{}", rus.id)).await;
        page.assert_status(200).assert_contains("Sekretess").assert_lacks("personliga förhållanden");
        // The secretary who prepares the case is granted reading of the letter (OSL 10 kap. 14 §).
        let grants = t.store().secrecy_grants(rus.id).await.unwrap();
        assert_eq!(grants.len(), 1, "{grants:?}");
        demo::reset_passwords(t.store(), Some(PASSWORD)).await.unwrap();
        let mut secretary = t.client();
        secretary.login(demo::SECRECY_GRANTEE, PASSWORD).await;
        secretary.get(&format!("/diarium/{}", rus.id)).await.assert_contains("personliga förhållanden");
        // The registrar registers for the three regions (Kalmar's since its referral, issue 12).
        let registrar = t.store().user_with_hash("registrator@demo.samverkan.se").await.unwrap().unwrap().0;
        assert_eq!(t.store().registrar_of(UserId(registrar.id)).await.unwrap().len(), 3);
        // Jönköping's series continues after the numbers taken over from its earlier registry.
        let jonkoping = t.store().case_by_number(&"RJL 2024/3340".parse().unwrap()).await.unwrap().unwrap();
        assert_eq!(t.store().case_series().await.unwrap().len(), 3);
        // Seed 002's referral: about 25 answers with about 100 comments, each registered in
        // Kalmar's case, and a published report; Östergötland's referral is open today.
        let referrals = t.store().published_referrals().await.unwrap();
        assert_eq!(referrals.len(), 2, "{}", t.engine);
        let kalmar = referrals.iter().find(|r| r.case_number.starts_with("RKL")).unwrap();
        assert_eq!(
            (kalmar.sent_on.to_string(), kalmar.deadline.to_string()),
            ("2022-01-15".into(), "2022-03-31".into())
        );
        assert_eq!(kalmar.report_status, domain::referrals::ReportStatus::Published);
        let answers = t.store().referral_answers(kalmar.id).await.unwrap();
        let rows = t.store().report_rows(kalmar.id).await.unwrap();
        assert!(
            (23..=27).contains(&answers.len()) && (90..=110).contains(&rows.len()),
            "{} {}",
            answers.len(),
            rows.len()
        );
        assert_eq!(t.store().case_documents(kalmar.case_id).await.unwrap().len(), answers.len());
        assert!(
            rows.iter()
                .all(|r| r.verdict.is_some() && r.masked_text.as_deref().is_some_and(|m| !m.contains("070-123")))
        );
        let open = referrals.iter().find(|r| r.case_number.starts_with("RÖ")).unwrap();
        assert!(open.open_on(t.store().today()));
        t.client()
            .get(&format!("/remisser/{}/redogorelse", kalmar.id))
            .await
            .assert_status(200)
            .assert_contains(" remissvar med ");
        assert_eq!(jonkoping.status, domain::cases::CaseStatus::Decided);
        // Typing the number on the agenda and in the protocol linked them: § 9 of the forum's
        // adjusted protocol handled RJL 2024/3340.
        let handled = t.store().case_handling(&jonkoping.number).await.unwrap();
        assert!(handled.iter().any(|h| h.kind == "agenda_item"), "{handled:?}");
        assert!(handled.iter().any(|h| h.paragraph == Some(9)), "{} {handled:?}", t.engine);
        let page = t.client().get(&format!("/diarium/{}", jonkoping.id)).await;
        page.assert_contains("protokoll#paragraf-9").assert_contains("Kommunalt forum 2024-10-11, § 9");
        // And the other way: the forum meeting's agenda links the number to the case.
        let meeting = handled[0].meeting_id;
        let agenda = t.client().get(&format!("/moten/{meeting}")).await;
        agenda.assert_contains(&format!("<a href=\"/diarium/{}\">RJL 2024/3340</a>", jonkoping.id));
    }
}

#[tokio::test]
async fn the_rus_case_is_a_joint_matter_most_municipalities_have_decided() {
    for t in TestApp::each_engine().await {
        demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        // Seed 000: sent to Östergötland's 13 municipalities with its three decision points.
        let matters = t.store().joint_matters(None, None).await.unwrap();
        assert_eq!(matters.len(), 1, "{}", t.engine);
        let m = t.store().joint_matter(matters[0].id).await.unwrap().unwrap();
        assert_eq!((m.parties.len(), m.points.len(), m.decided()), (13, 3, 11), "{}", t.engine);
        use domain::joint::{Outcome, PartyStatus};
        let with_changes: Vec<&str> = m
            .parties
            .iter()
            .filter(|p| p.outcome == Some(Outcome::AgreesWithChanges))
            .map(|p| p.organisation.as_str())
            .collect();
        assert_eq!(with_changes, vec!["Finspångs kommun"]);
        let pending: Vec<(&str, PartyStatus)> =
            m.parties.iter().filter(|p| !p.status.is_final()).map(|p| (p.organisation.as_str(), p.status)).collect();
        assert_eq!(
            pending,
            vec![("Vadstena kommun", PartyStatus::Sent), ("Valdemarsviks kommun", PartyStatus::InPreparation)]
        );
        assert!(m.parties.iter().all(|p| p.decided_on.is_none_or(|d| d < t.store().today())));
        assert!(m.follow_ups.iter().any(|f| f.overdue));
        // The public page and the registrar's start page (an officer of the region).
        t.client().get(&format!("/samverkan/{}", m.id)).await.assert_status(200).assert_contains("§ 245");
        let mut registrar = t.client();
        demo::reset_passwords(t.store(), Some(PASSWORD)).await.unwrap();
        registrar.login("registrator@demo.samverkan.se", PASSWORD).await;
        registrar
            .get("/")
            .await
            .assert_contains("där organisationer inte har beslutat")
            .assert_contains("2 har inte beslutat av 13");
        // Mikael, Valdemarsvik's municipal director, sees what his municipality must decide.
        let mut director = t.client();
        director.login("kommundirektor@demo.samverkan.se", PASSWORD).await;
        let valdemarsvik = m.parties.iter().find(|p| p.organisation == "Valdemarsviks kommun").unwrap();
        director
            .get("/")
            .await
            .assert_contains(&format!("href=\"/samverkan/{}#org-{}\"", m.id, valdemarsvik.organisation_id.0))
            .assert_contains("(Valdemarsviks kommun)");
    }
}
