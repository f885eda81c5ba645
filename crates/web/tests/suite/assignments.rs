//! Assignments over HTTP on both engines (seed 001 § 4.2.1, issue 11): the strategic management
//! group's secretary gives the culture management group an assignment from a paragraph; the
//! rule of who may assign whom, the due day and every field's bad input are named at the field;
//! both bodies' pages list it once the protocol is adjusted; an overdue one is a finding of both;
//! the report back links the paragraph where it was presented; others are refused.

use crate::common;

use axum::http::Method;
use common::*;
use domain::structure::BodyKind;
use serde_json::{Value, json};
use time::Duration;

const WHAT: &str = "Ta fram en gemensam analys av kompetensförsörjningen inom kulturområdet";
const HOW: &str = "Skriftlig rapport till Ledningsgruppen för strategiska frågor";

/// The strategic management group's meeting 40 days ago, its protocol started (§ 1 adjusters,
/// § 2 agenda, § 3 competence, § 4 culture plan), and the bodies the rule is tried on.
struct Setup {
    m: FakeMeeting,
    /// § 3 and § 4 of the meeting.
    p3: i64,
    p4: i64,
    kultur: i64,
    samradet: i64,
    natverk: i64,
    admin: Client,
}

async fn setup(t: &TestApp) -> Setup {
    let strategic_group = Fake::body()
        .named("Ledningsgruppen för strategiska frågor")
        .kind(BodyKind::ManagementGroup)
        .in_region("Region Östergötland");
    let m = Fake::meeting()
        .of(strategic_group)
        .held_on(TODAY - Duration::days(40))
        .with_adjusters(1)
        .with_agenda(&[("Kompetensförsörjning", None), ("Östergötlands kulturplan", None)])
        .create(t)
        .await;
    m.start_protocol(t).await;
    let ps = t.store().paragraphs(m.id).await.unwrap();
    let mut admin = t.admin().await;
    let strategic = m.body.id.0;
    let kultur = body(&mut admin, "Ledningsgruppen för kultur", "management_group", Some(strategic)).await;
    let samradet = body(&mut admin, "Samrådet för strategiska frågor", "consultation_group", None).await;
    let natverk = body(&mut admin, "Kulturnätverket", "network", Some(strategic)).await;
    Setup { p3: ps[2].id, p4: ps[3].id, m, kultur, samradet, natverk, admin }
}

async fn body(admin: &mut Client, name: &str, kind: &str, superior: Option<i64>) -> i64 {
    let j = json!({"name": name, "kind": kind, "superior_id": superior});
    admin.json(Method::POST, "/api/v1/bodies", &j).await.assert_status(201).json()["id"].as_i64().unwrap()
}

fn give_form<'a>(assignee: &'a str, what: &'a str, due: &'a str, how: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![("assignee_id", assignee), ("what", what), ("due_on", due), ("report_how", how), ("idempotency_key", "")]
}

#[tokio::test]
async fn a_superior_group_gives_an_assignment_that_both_bodies_list_once_adjusted() {
    for t in TestApp::each_engine().await {
        let s = setup(&t).await;
        let mut sec = s.m.client(&t, Role::Secretary).await;
        let page = format!("/paragrafer/{}/uppdrag", s.p3);
        sec.get(&page)
            .await
            .assert_status(200)
            .assert_contains("Ge ett uppdrag")
            .assert_contains("Ledningsgruppen för kultur");
        // The link from the protocol's paragraph leads to the page.
        let by_number = sec.get(&format!("/moten/{}/protokoll/3/uppdrag", s.m.id.0)).await;
        by_number.assert_status(303);
        assert_eq!(by_number.location(), page);
        let due = (TODAY + Duration::days(60)).to_string();
        let kultur = s.kultur.to_string();
        let mut form = give_form(&kultur, WHAT, &due, HOW);
        form[4].1 = "nyckel-1";
        let r = sec.post_form(&page, &form).await;
        r.assert_status(303);
        assert!(r.location().starts_with(&page));
        // A retry with the same key gives nothing new.
        sec.post_form(&page, &form).await.assert_status(303);
        assert_eq!(t.count("assignments").await, 1);
        sec.get(&page).await.assert_contains(WHAT).assert_contains(&due);

        // Before the protocol is adjusted the bodies' pages do not show it.
        let mut anon = t.client();
        anon.get(&format!("/organ/{}", s.kultur)).await.assert_status(200).assert_lacks(WHAT);
        s.m.decide_all(&t).await;
        s.m.submit(&t).await;
        s.m.approve_all(&t).await;
        anon.get(&format!("/organ/{}", s.kultur))
            .await
            .assert_contains("Öppna uppdrag till organet")
            .assert_contains(WHAT)
            .assert_contains(&due)
            .assert_lacks("försenat");
        anon.get(&format!("/organ/{}", s.m.body.id.0))
            .await
            .assert_contains("Öppna uppdrag som organet har gett")
            .assert_contains(WHAT);
        let list = anon.get(&format!("/api/v1/assignments?body_id={}", s.kultur)).await.json();
        let items = list["items"].as_array().unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["what"], WHAT);
        assert_eq!(items[0]["giver"]["id"], s.m.body.id.0);
        assert_eq!(items[0]["given_in"]["number"], 3);
        assert_eq!(items[0]["overdue"], false);
        // The audit log has the event.
        let events = t.store().audit_events(&Default::default(), 50).await.unwrap().items;
        assert_eq!(events.iter().filter(|e| e.action == "assignment.give").count(), 1);
    }
}

#[tokio::test]
async fn who_may_be_assigned_and_every_bad_field_are_named_at_the_field() {
    for t in TestApp::each_engine().await {
        let s = setup(&t).await;
        let mut sec = s.m.client(&t, Role::Secretary).await;
        let page = format!("/paragrafer/{}/uppdrag", s.p3);
        let due = (TODAY + Duration::days(30)).to_string();
        let r = sec.post_form(&page, &give_form("", "", "", "")).await;
        r.assert_status(422);
        for id in ["f-assignee_id-error", "f-what-error", "f-due_on-error", "f-report_how-error"] {
            r.assert_contains(id);
        }
        let long = "x".repeat(2001);
        sec.post_form(&page, &give_form("abc", &long, "31/12", "Rapport om 19121212-1212"))
            .await
            .assert_status(422)
            .assert_contains("Välj ett värde i listan")
            .assert_contains("2000")
            .assert_contains("ÅÅÅÅ-MM-DD")
            .assert_contains("personnummer");
        // What was typed is kept.
        let before = (TODAY - Duration::days(41)).to_string();
        let kultur = s.kultur.to_string();
        sec.post_form(&page, &give_form(&kultur, WHAT, &before, HOW))
            .await
            .assert_status(422)
            .assert_contains("före sammanträdet")
            .assert_contains(WHAT);
        // § 4.2.1: a management group assigns only the groups it is superior to; networks and
        // the group itself take none.
        let samradet = s.samradet.to_string();
        sec.post_form(&page, &give_form(&samradet, WHAT, &due, HOW))
            .await
            .assert_status(422)
            .assert_contains("Bara ett samråd eller den överordnade gruppen");
        let natverk = s.natverk.to_string();
        sec.post_form(&page, &give_form(&natverk, WHAT, &due, HOW))
            .await
            .assert_status(422)
            .assert_contains("formella strukturen");
        let own = s.m.body.id.0.to_string();
        sec.post_form(&page, &give_form(&own, WHAT, &due, HOW)).await.assert_status(422).assert_contains("sig själv");
        assert_eq!(t.count("assignments").await, 0);

        // The API names the field in both languages' error body.
        let bad = |j: Value| j;
        for (body, field) in [
            (bad(json!({"assignee_id": s.kultur, "what": WHAT, "due_on": due, "report_how": HOW})), "paragraph_id"),
            (
                bad(
                    json!({"paragraph_id": 999999, "assignee_id": s.kultur, "what": WHAT, "due_on": due, "report_how": HOW}),
                ),
                "paragraph_id",
            ),
            (bad(json!({"paragraph_id": s.p3, "what": WHAT, "due_on": due, "report_how": HOW})), "assignee_id"),
            (
                bad(
                    json!({"paragraph_id": s.p3, "assignee_id": s.kultur, "what": "", "due_on": due, "report_how": HOW}),
                ),
                "what",
            ),
            (
                bad(
                    json!({"paragraph_id": s.p3, "assignee_id": s.kultur, "what": WHAT, "due_on": "2026-02-30", "report_how": HOW}),
                ),
                "due_on",
            ),
            (
                bad(
                    json!({"paragraph_id": s.p3, "assignee_id": s.kultur, "what": WHAT, "due_on": due, "report_how": ""}),
                ),
                "report_how",
            ),
            (
                bad(
                    json!({"paragraph_id": s.p3, "assignee_id": s.samradet, "what": WHAT, "due_on": due, "report_how": HOW}),
                ),
                "assignee_id",
            ),
        ] {
            let r = sec.json(Method::POST, "/api/v1/assignments", &body).await;
            r.assert_status(422);
            assert_eq!(r.error().1.as_deref(), Some(field), "{body}");
        }
        sec.json(Method::POST, "/api/v1/assignments", &json!({"paragraph_id": s.p3, "nonsense": 1}))
            .await
            .assert_status(400);
        assert_eq!(t.count("assignments").await, 0);
        // A consultation group may assign the strategic management group (§ 4.2.1 "genomföra
        // uppdrag från samråden") — the rule, not the form, is what decides.
        let r = sec
            .json(
                Method::POST,
                "/api/v1/assignments",
                &json!({"paragraph_id": s.p3, "assignee_id": s.kultur, "what": WHAT, "due_on": due, "report_how": HOW}),
            )
            .await;
        r.assert_status(201);
        assert!(r.location().starts_with("/api/v1/assignments/"));
        let _ = s.admin;
    }
}

#[tokio::test]
async fn an_overdue_assignment_is_a_finding_until_its_report_back_links_the_paragraph() {
    for t in TestApp::each_engine().await {
        let s = setup(&t).await;
        let mut sec = s.m.client(&t, Role::Secretary).await;
        let late = (TODAY - Duration::days(10)).to_string();
        let give = |due: &str, what: &str| json!({"paragraph_id": s.p3, "assignee_id": s.kultur, "what": what, "due_on": due, "report_how": HOW});
        let a1 = sec.json(Method::POST, "/api/v1/assignments", &give(&late, WHAT)).await.assert_status(201).json();
        let a1 = a1["id"].as_i64().unwrap();
        let later = (TODAY + Duration::days(10)).to_string();
        sec.json(Method::POST, "/api/v1/assignments", &give(&later, "Följ upp kulturplanen")).await.assert_status(201);
        // Not public yet: no finding, and the assignment is not found by others.
        let mut anon = t.client();
        anon.get(&format!("/api/v1/assignments/{a1}")).await.assert_status(404);
        sec.get(&format!("/api/v1/assignments/{a1}")).await.assert_status(200);
        let c = anon.get(&format!("/api/v1/bodies/{}/compliance", s.kultur)).await.json();
        assert_eq!(c["compliant"], true, "{c}");
        s.m.decide_all(&t).await;
        s.m.submit(&t).await;
        s.m.approve_all(&t).await;
        for body in [s.kultur, s.m.body.id.0] {
            let c = anon.get(&format!("/api/v1/bodies/{body}/compliance")).await.json();
            let rules: Vec<&str> =
                c["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
            assert_eq!(rules.iter().filter(|r| **r == "assignment_overdue").count(), 1, "{c}");
        }
        anon.get(&format!("/organ/{}", s.kultur))
            .await
            .assert_contains("försenat")
            .assert_contains("skulle ha återrapporterats senast");
        anon.get("/efterlevnad").await.assert_contains("Ledningsgruppen för kultur");
        anon.get(&format!("/api/v1/assignments/{a1}")).await.assert_status(200);

        // The report back, in § 4 of the same group's protocol, through the page's form.
        let report = format!("/paragrafer/{}/aterrapport", s.p4);
        sec.post_form(&report, &[("assignment_id", "")])
            .await
            .assert_status(422)
            .assert_contains("f-assignment_id-error");
        sec.post_form(&report, &[("assignment_id", "999999")]).await.assert_status(422);
        sec.get(&format!("/paragrafer/{}/uppdrag", s.p4)).await.assert_contains(WHAT);
        sec.post_form(&report, &[("assignment_id", &a1.to_string())]).await.assert_status(303);
        let a = anon.get(&format!("/api/v1/assignments/{a1}")).await.json();
        assert_eq!(a["reported_in"]["paragraph_id"], s.p4);
        assert_eq!(a["reported_in"]["number"], 4);
        assert_eq!(a["overdue"], false);
        let c = anon.get(&format!("/api/v1/bodies/{}/compliance", s.kultur)).await.json();
        assert_eq!(c["compliant"], true, "{c}");
        anon.get(&format!("/organ/{}", s.kultur)).await.assert_contains("Återrapporterat i").assert_contains("§ 4");
        // Again in the same paragraph changes nothing; in another one is refused.
        let api = format!("/api/v1/assignments/{a1}/report");
        sec.json(Method::POST, &api, &json!({"paragraph_id": s.p4})).await.assert_status(200);
        let r = sec.json(Method::POST, &api, &json!({"paragraph_id": s.p3})).await;
        r.assert_status(422);
        assert_eq!(r.error().1.as_deref(), Some("paragraph_id"));
        sec.json(Method::POST, &api, &json!({})).await.assert_status(422);
        sec.json(Method::POST, &api, &json!({"paragraph_id": 999999})).await.assert_status(422);
        // A paragraph of a group that neither gave nor took it is refused.
        let other = Fake::meeting()
            .of(Fake::body().named("Ledningsgruppen för vård och omsorg").in_region("Region Östergötland"))
            .held_on(TODAY - Duration::days(5))
            .create(&t)
            .await;
        other.start_protocol(&t).await;
        let op = t.store().paragraphs(other.id).await.unwrap()[0].id;
        let a2 = anon.get(&format!("/api/v1/assignments?body_id={}", s.kultur)).await.json()["items"][0]["id"]
            .as_i64()
            .unwrap();
        let mut other_sec = other.client(&t, Role::Secretary).await;
        let r = other_sec
            .json(Method::POST, &format!("/api/v1/assignments/{a2}/report"), &json!({"paragraph_id": op}))
            .await;
        r.assert_status(422);
        assert_eq!(r.error().1.as_deref(), Some("paragraph_id"));
        assert!(r.body.contains("Ledningsgruppen för kultur"), "{}", r.body);
        let _ = s.admin;
    }
}

#[tokio::test]
async fn only_those_who_prepare_the_meeting_give_or_record_assignments() {
    for t in TestApp::each_engine().await {
        let s = setup(&t).await;
        let page = format!("/paragrafer/{}/uppdrag", s.p3);
        let due = (TODAY + Duration::days(30)).to_string();
        let kultur = s.kultur.to_string();
        let form = give_form(&kultur, WHAT, &due, HOW);
        let mut anon = t.client();
        anon.get(&page).await.assert_status(303);
        anon.json(Method::POST, "/api/v1/assignments", &json!({"paragraph_id": s.p3})).await.assert_status(401);
        for role in [Role::Member, Role::Outsider] {
            let mut c = s.m.client(&t, role).await;
            c.get(&page).await.assert_status(403);
            c.post_form(&page, &form).await.assert_status(403);
            c.post_form(&format!("/paragrafer/{}/aterrapport", s.p4), &[("assignment_id", "1")])
                .await
                .assert_status(403);
            let body =
                json!({"paragraph_id": s.p3, "assignee_id": s.kultur, "what": WHAT, "due_on": due, "report_how": HOW});
            c.json(Method::POST, "/api/v1/assignments", &body).await.assert_status(403);
        }
        anon.get("/paragrafer/999999/uppdrag").await.assert_status(404);
        anon.get("/api/v1/assignments?body_id=").await.assert_status(422);
        anon.get("/api/v1/assignments/999999").await.assert_status(404);
        assert_eq!(t.count("assignments").await, 0);
        // An admin may.
        let mut admin = s.admin;
        admin.post_form(&page, &form).await.assert_status(303);
        assert_eq!(t.count("assignments").await, 1);
    }
}

#[tokio::test]
async fn the_demo_has_one_assignment_reported_back_one_overdue_and_one_open() {
    for t in TestApp::each_engine().await {
        demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        let bodies = t.store().all_bodies().await.unwrap();
        let id = |name: &str| bodies.iter().find(|b| b.name == name).unwrap().id;
        let (strategic, culture, planning) = (
            id("Ledningsgruppen för strategiska frågor"),
            id("Ledningsgruppen för kultur"),
            id("Ledningsgruppen för samhällsplanering"),
        );
        let given = t.store().body_assignments(strategic).await.unwrap();
        assert_eq!(given.len(), 3, "{given:?}");
        assert!(given.iter().all(|a| a.giver.id == strategic.0));
        let culture_list = t.store().body_assignments(culture).await.unwrap();
        let reported: Vec<_> = culture_list.iter().filter(|a| a.reported_in.is_some()).collect();
        assert_eq!(reported.len(), 1);
        let r = reported[0].reported_in.as_ref().unwrap();
        assert!(r.meeting_date >= reported[0].given_in.meeting_date && r.body_id == strategic);
        assert!(culture_list.iter().any(|a| a.reported_in.is_none() && a.due_on > TODAY));
        // The structure picture's analysis is overdue: a finding of both groups today.
        let snap = t.store().snapshot(TODAY).await.unwrap();
        for b in [planning, strategic] {
            let body = snap.bodies.iter().find(|x| x.id == b).unwrap();
            let overdue: Vec<_> =
                snap.report(body).findings.into_iter().filter(|f| f.rule == "assignment_overdue").collect();
            assert_eq!(overdue.len(), 1, "{}: {overdue:?}", body.name);
            assert!(overdue[0].sv.contains("Strukturbild Östergötland"));
        }
        let body = snap.bodies.iter().find(|x| x.id == culture).unwrap();
        assert!(!snap.report(body).findings.iter().any(|f| f.rule == "assignment_overdue"));
    }
}
