//! Joint matters over HTTP on both engines (issue 11, rule 9): the region's officer sends a
//! case's recommendation to the municipalities; each municipality's officer records its
//! board's decision with the extract, or the region's officer records it on its behalf with a
//! note; the public matrix, its CSV and the API show where each decision stands; follow-up
//! items become overdue; the start pages list what waits; reminders go out once a day; every
//! field's bad input is named; others are refused; every change is audited.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::{Value, json};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
const RUS: &str = "Regional utvecklingsstrategi (RUS) för Östergötland – gemensam arbetsprocess";
const POINTS: &str = "1. Kommunstyrelsen beslutar att aktivt delta i processen för att utarbeta en ny regional utvecklingsstrategi för Östergötland.\n\
    2. Kommunstyrelsen ställer sig bakom den i bilagan föreslagna processen och processorganisationen.\n\
    3. Arbetet ska kontinuerligt återrapporteras till kommunstyrelsens planeringsutskott.";

struct World {
    karin: Client,
    mikael: Client,
    other: Client,
    region: i64,
    linkoping: i64,
    norrkoping: i64,
    case: i64,
}

async fn org(admin: &mut Client, name: &str, kind: &str, code: &str) -> i64 {
    let r = admin
        .json(
            Method::POST,
            "/api/v1/organisations",
            &json!({"name": name, "kind": kind, "code": code, "county_code": "05"}),
        )
        .await;
    r.assert_status(201);
    r.json()["id"].as_i64().unwrap()
}

/// An account acting as a person of `organisation`.
async fn officer(t: &TestApp, admin: &mut Client, email: &str, name: &str, organisation: i64) -> Client {
    let person = admin
        .json(Method::POST, "/api/v1/people", &json!({"name": name, "organisation_id": organisation}))
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let user = t.user(email, false).await;
    t.store()
        .link_user_person(domain::ids::UserId(user), Some(domain::ids::PersonId(person)), &store::Actor::system("test"))
        .await
        .unwrap();
    let mut c = t.client();
    c.login(email, PASSWORD).await;
    c
}

/// Region Östergötland with its registry and the RUS case; Karin (the region), Mikael
/// (Linköping) and an account of no organisation.
async fn world(t: &TestApp) -> World {
    let mut admin = t.admin().await;
    let region = org(&mut admin, "Region Östergötland", "region", "05").await;
    let linkoping = org(&mut admin, "Linköpings kommun", "municipality", "0580").await;
    let norrkoping = org(&mut admin, "Norrköpings kommun", "municipality", "0581").await;
    admin
        .post_form("/diarium/serier", &[("organisation_id", &region.to_string()), ("prefix", "RÖ")])
        .await
        .assert_status(303);
    let r = admin
        .post_form(
            "/diarium",
            &[
                ("organisation_id", &region.to_string()),
                ("public_title", RUS),
                ("internal_title", "RUS – processplan"),
                ("responsible", ""),
                ("body_id", ""),
                ("idempotency_key", ""),
            ],
        )
        .await;
    r.assert_status(303);
    let case = id_in(&r.location());
    let karin = officer(t, &mut admin, "karin@regionostergotland.se", "Karin Regionutvecklare", region).await;
    let mikael = officer(t, &mut admin, "mikael@linkoping.se", "Mikael Kommundirektör", linkoping).await;
    let other = t.signed_in("annan@test.se", false).await;
    World { karin, mikael, other, region, linkoping, norrkoping, case }
}

fn plus(t: &TestApp, days: i64) -> String {
    (t.store().today() + time::Duration::days(days)).to_string()
}

async fn create(w: &mut World, t: &TestApp, due_in: i64) -> i64 {
    let (case, l, n) = (w.case.to_string(), w.linkoping.to_string(), w.norrkoping.to_string());
    let due = plus(t, due_in);
    let r = w
        .karin
        .post_form(
            "/samverkan",
            &[
                ("case_id", &case),
                ("paragraph_id", ""),
                ("title", RUS),
                ("points", POINTS),
                ("due_on", &due),
                ("organisations", &l),
                ("organisations", &n),
                ("idempotency_key", "k1"),
            ],
        )
        .await;
    r.assert_status(303);
    id_in(&r.location())
}

async fn record(c: &mut Client, matter: i64, org: i64, parts: &[(&str, Option<&str>, &[u8])]) -> Resp {
    let csrf = c.csrf().await;
    let (ct, body) = multipart(parts);
    c.send(Method::POST, &format!("/samverkan/{matter}/organisationer/{org}/beslut?csrf={csrf}"), Some(&ct), body).await
}

fn decision<'a>(date: &'a str, note: &'a str, outcome: &'a str) -> Vec<(&'a str, Option<&'a str>, &'a [u8])> {
    vec![
        ("decided_on", None, date.as_bytes()),
        ("body", None, "Kommunstyrelsen".as_bytes()),
        ("paragraph", None, "§ 145".as_bytes()),
        ("text", None, "Kommunstyrelsen beslutar att aktivt delta i processen.".as_bytes()),
        ("outcome", None, outcome.as_bytes()),
        ("note", None, note.as_bytes()),
    ]
}

#[tokio::test]
async fn the_region_sends_a_matter_and_each_municipality_records_its_boards_decision() {
    for t in TestApp::each_engine().await {
        let mut w = world(&t).await;
        // The case page offers the region's officer to send it out; not others.
        w.karin
            .get(&format!("/diarium/{}", w.case))
            .await
            .assert_status(200)
            .assert_contains("/samverkan/nytt?arende=");
        w.other.get(&format!("/diarium/{}", w.case)).await.assert_status(200).assert_lacks("/samverkan/nytt?arende=");
        w.karin
            .get(&format!("/samverkan/nytt?arende={}", w.case))
            .await
            .assert_status(200)
            .assert_contains("Linköpings kommun");
        w.other.get(&format!("/samverkan/nytt?arende={}", w.case)).await.assert_status(403);
        let id = create(&mut w, &t, 30).await;
        // A retry with the same key creates nothing more.
        assert_eq!(create(&mut w, &t, 30).await, id);
        assert_eq!(t.count("joint_matters").await, 1, "{}", t.engine);
        let page = t.client().get(&format!("/samverkan/{id}")).await;
        page.assert_status(200)
            .assert_contains("Inte skickat")
            .assert_contains("återrapporteras till kommunstyrelsens");
        assert!(!page.body.contains("/beslut\""), "anonymous visitors record nothing");
        // Not sent yet: nothing to record.
        record(&mut w.mikael, id, w.linkoping, &decision(&plus(&t, 0), "", "agrees"))
            .await
            .assert_status(422)
            .assert_contains("inte skickat till organisationen");
        w.mikael.post_form(&format!("/samverkan/{id}/skicka"), &[]).await.assert_status(403);
        w.karin.post_form(&format!("/samverkan/{id}/skicka"), &[]).await.assert_status(303);
        // Mikael's start page: what his organisation must decide; Karin's: who has not decided.
        w.mikael
            .get("/")
            .await
            .assert_contains("din organisation ska besluta om")
            .assert_contains(&format!("/samverkan/{id}#org-"));
        w.karin
            .get("/")
            .await
            .assert_contains("där organisationer inte har beslutat")
            .assert_contains("2 har inte beslutat av 2");
        // Mikael records Linköping's decision, not Norrköping's.
        w.mikael.get(&format!("/samverkan/{id}/organisationer/{}/beslut", w.norrkoping)).await.assert_status(403);
        w.mikael
            .get(&format!("/samverkan/{id}/organisationer/{}/beslut", w.linkoping))
            .await
            .assert_status(200)
            .assert_lacks("f-note");
        w.mikael
            .post_form(
                &format!("/samverkan/{id}/organisationer/{}/status", w.linkoping),
                &[("status", "in_preparation")],
            )
            .await
            .assert_status(303);
        let decided_on = plus(&t, -2);
        let mut parts = decision(&decided_on, "", "agrees");
        parts.push(("file", Some("Protokollsutdrag KS § 145.pdf"), PDF));
        record(&mut w.mikael, id, w.linkoping, &parts).await.assert_status(303);
        // Recorded once: a second recording is refused at the field.
        record(&mut w.mikael, id, w.linkoping, &decision(&decided_on, "", "declines"))
            .await
            .assert_status(422)
            .assert_contains("redan registrerat");
        // Karin records Norrköping's on its behalf: the note is required, and shown.
        record(&mut w.karin, id, w.norrkoping, &decision(&decided_on, "", "agrees_with_changes"))
            .await
            .assert_status(422)
            .assert_contains("f-note-error");
        record(
            &mut w.karin,
            id,
            w.norrkoping,
            &decision(&decided_on, "Utdrag mottaget per e-post", "agrees_with_changes"),
        )
        .await
        .assert_status(303);
        let page = t.client().get(&format!("/samverkan/{id}")).await;
        page.assert_status(200)
            .assert_contains("§ 145")
            .assert_contains("Ställer sig bakom med ändringar")
            .assert_contains("Utdrag mottaget per e-post")
            .assert_contains("2 / 2");
        let link = format!("/samverkan/{id}/organisationer/{}/utdrag", w.linkoping);
        page.assert_contains(&link);
        let file = t.client().get(&link).await;
        file.assert_status(200);
        assert_eq!(file.bytes, PDF);
        assert_eq!(file.headers["x-content-type-options"], "nosniff");
        // The CSV export of the matrix.
        let csv = t.client().get(&format!("/samverkan/{id}/matris.csv")).await;
        csv.assert_status(200).assert_contains("Linköpings kommun,decided").assert_contains("agrees_with_changes");
        // Every change is audited.
        let f = store::audit::AuditFilter { entity_type: Some("joint_matter".into()), ..Default::default() };
        let actions: Vec<String> =
            t.store().audit_events(&f, 50).await.unwrap().items.into_iter().map(|e| e.action).collect();
        for a in ["joint_matter.create", "joint_matter.send", "joint_party.status", "joint_party.decision"] {
            assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
        }
        // Nothing left to decide: the start pages say so.
        w.mikael.get("/").await.assert_lacks(&format!("/samverkan/{id}#org-"));
        w.karin.get("/").await.assert_lacks("där organisationer inte har beslutat");
        // The case page links its joint matter; the list shows it.
        t.client().get(&format!("/diarium/{}", w.case)).await.assert_contains(&format!("/samverkan/{id}"));
        t.client().get("/samverkan").await.assert_status(200).assert_contains("2 / 2");
        // Search finds the joint matter by its title, for everyone (indexed when created).
        let hits = t.client().get("/api/v1/search?q=arbetsprocess&kind=joint_matter").await.json();
        assert_eq!(hits["items"][0]["url"], format!("/samverkan/{id}"), "{hits}");
        let _ = w.region;
    }
}

#[tokio::test]
async fn every_field_of_the_forms_says_what_is_wrong() {
    for t in TestApp::each_engine().await {
        let mut w = world(&t).await;
        let case = w.case.to_string();
        let long = "x".repeat(301);
        let r = w
            .karin
            .post_form(
                "/samverkan",
                &[
                    ("case_id", &case),
                    ("paragraph_id", "paragraf"),
                    ("title", &long),
                    ("points", ""),
                    ("due_on", "2000-01-01"),
                    ("idempotency_key", ""),
                ],
            )
            .await;
        r.assert_status(422);
        for f in ["f-paragraph_id-error", "f-title-error", "f-points-error", "f-due_on-error", "f-organisations-error"]
        {
            r.assert_contains(f);
        }
        assert_eq!(t.count("joint_matters").await, 0);
        // An unknown paragraph and organisation are named too.
        let r = w
            .karin
            .post_form(
                "/samverkan",
                &[
                    ("case_id", &case),
                    ("paragraph_id", "424242"),
                    ("title", "RUS"),
                    ("points", "Punkt"),
                    ("due_on", &plus(&t, 10)),
                    ("organisations", &w.linkoping.to_string()),
                ],
            )
            .await;
        r.assert_status(422).assert_contains("Paragrafen finns inte");
        let id = create(&mut w, &t, 30).await;
        w.karin.post_form(&format!("/samverkan/{id}/skicka"), &[]).await.assert_status(303);
        let tomorrow = plus(&t, 1);
        let bad = vec![
            ("decided_on", None, tomorrow.as_bytes()),
            ("body", None, "".as_bytes()),
            ("paragraph", None, "§ 1 med 121212-1212".as_bytes()),
            ("text", None, "".as_bytes()),
            ("outcome", None, "kanske".as_bytes()),
            ("file", Some("utdrag.exe"), b"MZ\x90\x00" as &[u8]),
        ];
        let r = record(&mut w.mikael, id, w.linkoping, &bad).await;
        r.assert_status(422);
        for f in [
            "f-decided_on-error",
            "f-body-error",
            "f-paragraph-error",
            "f-text-error",
            "f-outcome-error",
            "f-file-error",
        ] {
            r.assert_contains(f);
        }
        let r = w
            .mikael
            .post_form(&format!("/samverkan/{id}/organisationer/{}/status", w.linkoping), &[("status", "decided")])
            .await;
        r.assert_status(422).assert_contains("registrerat beslut");
        // Follow-up items: each field, then one overdue.
        let r = w
            .karin
            .post_form(
                &format!("/samverkan/{id}/uppfoljning"),
                &[("text", ""), ("due_on", "snart"), ("organisation_id", "x")],
            )
            .await;
        r.assert_status(422)
            .assert_contains("f-text-error")
            .assert_contains("f-due_on-error")
            .assert_contains("f-organisation_id-error");
        w.mikael
            .post_form(
                &format!("/samverkan/{id}/uppfoljning"),
                &[("text", "Återrapportering"), ("due_on", &plus(&t, 5))],
            )
            .await
            .assert_status(403);
        let yesterday = plus(&t, -1);
        w.karin
            .post_form(
                &format!("/samverkan/{id}/uppfoljning"),
                &[("text", "Återrapportering till kommunstyrelsens planeringsutskott"), ("due_on", &yesterday)],
            )
            .await
            .assert_status(303);
        t.client().get(&format!("/samverkan/{id}")).await.assert_contains("Försenad");
        let fid = t.store().joint_matter(id).await.unwrap().unwrap().follow_ups[0].id;
        w.karin.post_form(&format!("/samverkan/{id}/uppfoljning/{fid}/klar"), &[]).await.assert_status(303);
        t.client().get(&format!("/samverkan/{id}")).await.assert_lacks("Försenad");
    }
}

#[tokio::test]
async fn the_api_creates_records_and_reads_joint_matters_with_errors_naming_fields() {
    for t in TestApp::each_engine().await {
        let w = world(&t).await;
        let mut api = t.token_client("api@regionostergotland.se", true).await;
        let bad = api
            .json(
                Method::POST,
                "/api/v1/joint-matters",
                &json!({"case_id": w.case, "title": "", "points": [], "due_on": "2027-13-01", "organisations": []}),
            )
            .await;
        bad.assert_status(422);
        assert_eq!(bad.error().1.as_deref(), Some("title"));
        let typed = api.json(Method::POST, "/api/v1/joint-matters", &json!({"case_id": "fyra"})).await;
        typed.assert_status(422);
        assert_eq!(typed.error().1.as_deref(), Some("case_id"));
        let r = api
            .json(
                Method::POST,
                "/api/v1/joint-matters",
                &json!({"case_id": w.case, "title": RUS, "points": ["Delta i processen", "Återrapportera"],
                        "due_on": plus(&t, 20), "organisations": [w.linkoping, w.norrkoping]}),
            )
            .await;
        r.assert_status(201);
        let m: Value = r.json();
        let id = m["id"].as_i64().unwrap();
        assert_eq!(m["parties"].as_array().unwrap().len(), 2);
        assert_eq!(m["parties"][0]["status"], "not_sent");
        let path = format!("/api/v1/joint-matters/{id}/parties/{}", w.linkoping);
        let r = api.json(Method::PATCH, &path, &json!({"status": "sent"})).await;
        r.assert_status(200);
        let r = api.json(Method::PATCH, &path, &json!({"status": "nej"})).await;
        r.assert_status(422);
        assert_eq!(r.error().1.as_deref(), Some("status"));
        // The administrator is not Linköping's officer: on its behalf, the note is required.
        let d = json!({"decided_on": plus(&t, -1), "body": "Kommunstyrelsen", "paragraph": "§ 12",
                       "text": "Kommunstyrelsen ställer sig bakom processen.", "outcome": "agrees"});
        let r = api.json(Method::POST, &format!("{path}/decision"), &d).await;
        r.assert_status(422);
        assert_eq!(r.error().1.as_deref(), Some("note"));
        let mut d2 = d.clone();
        d2["note"] = json!("Utdrag mottaget från kommunledningskontoret");
        let r = api.json(Method::POST, &format!("{path}/decision"), &d2).await;
        r.assert_status(200);
        assert_eq!(r.json()["parties"][0]["status"], "decided");
        // Not sent to Norrköping: nothing to record there yet.
        let r =
            api.json(Method::POST, &format!("/api/v1/joint-matters/{id}/parties/{}/decision", w.norrkoping), &d2).await;
        r.assert_status(422);
        assert_eq!(r.error().1.as_deref(), Some("status"));
        let r = api
            .json(Method::POST, &format!("/api/v1/joint-matters/{id}/follow-ups"), &json!({"text": "", "due_on": ""}))
            .await;
        r.assert_status(422);
        let r = api
            .json(
                Method::POST,
                &format!("/api/v1/joint-matters/{id}/follow-ups"),
                &json!({"text": "Återrapportering", "due_on": plus(&t, 90), "organisation_id": w.region}),
            )
            .await;
        r.assert_status(422);
        assert_eq!(r.error(), ("not_a_party".into(), Some("organisation_id".into())));
        let list = t.client().get("/api/v1/joint-matters").await;
        list.assert_status(200);
        assert_eq!(list.json()["items"][0]["decided"], 1);
        let one = t.client().get(&format!("/api/v1/joint-matters/{id}")).await;
        one.assert_status(200);
        assert_eq!(one.json()["parties"][0]["on_behalf_note"], "Utdrag mottaget från kommunledningskontoret");
        // Others are refused: anonymous 401, a signed-in stranger 403.
        let mut stranger = t.token_client("stranger@test.se", false).await;
        stranger.json(Method::PATCH, &path, &json!({"status": "in_preparation"})).await.assert_status(403);
        t.client().json(Method::POST, "/api/v1/joint-matters", &json!({})).await.assert_status(401);
        t.client().get("/api/v1/joint-matters/424242").await.assert_status(404);
    }
}

fn worker_at(t: &TestApp, days: i64) -> web::App {
    let at = t.store().now() + time::Duration::days(days);
    web::App { store: t.app.store.clone().with_clock(store::Clock::starting_at(at)), ..t.app.clone() }
}

async fn reminders(t: &TestApp) -> Vec<store::mail::OutboxMessage> {
    t.store().outbox(500).await.unwrap().into_iter().filter(|m| m.kind == "joint.reminder").collect()
}

// Issue 11: sending a joint matter tells each organisation's officers that their board is asked
// to decide, by when and where to record it; a rerun of the job writes nothing more.
#[tokio::test]
async fn sending_a_matter_writes_to_each_organisations_officers_once() {
    for t in TestApp::each_engine().await {
        let mut w = world(&t).await;
        let id = create(&mut w, &t, 30).await;
        let sent = |t: &TestApp| {
            let store = t.store().clone();
            async move {
                store.outbox(500).await.unwrap().into_iter().filter(|m| m.kind == "joint.sent").collect::<Vec<_>>()
            }
        };
        web::jobs::run_due_jobs(&t.app).await;
        assert!(sent(&t).await.is_empty(), "nothing before the matter is sent");
        w.karin.post_form(&format!("/samverkan/{id}/skicka"), &[]).await.assert_status(303);
        web::jobs::run_due_jobs(&t.app).await;
        web::jobs::run_due_jobs(&t.app).await;
        let mail = sent(&t).await;
        // Linköping's officer; Norrköping has no officer with an account.
        assert_eq!(mail.len(), 1, "{}: {mail:?}", t.engine);
        assert_eq!(mail[0].recipient, "mikael@linkoping.se");
        assert!(mail[0].subject.starts_with("Gemensamt ärende för beslut"), "{}", mail[0].subject);
        assert!(mail[0].text_body.contains("Linköpings kommun"), "{}", mail[0].text_body);
        assert!(mail[0].text_body.contains(&format!("/samverkan/{id}")), "{}", mail[0].text_body);
        // Sending again sends to nobody new, and writes nothing.
        w.karin.post_form(&format!("/samverkan/{id}/skicka"), &[]).await;
        web::jobs::run_due_jobs(&t.app).await;
        assert_eq!(sent(&t).await.len(), 1);
    }
}

#[tokio::test]
async fn officers_are_reminded_once_a_day_in_the_week_before_the_due_day() {
    for t in TestApp::each_engine().await {
        let mut w = world(&t).await;
        let id = create(&mut w, &t, 3).await;
        // Not sent yet: no reminder.
        web::jobs::run_due_jobs(&t.app).await;
        assert!(reminders(&t).await.is_empty());
        w.karin.post_form(&format!("/samverkan/{id}/skicka"), &[]).await.assert_status(303);
        // The next morning, twice (two workers): one reminder to Linköping's officer. Norrköping
        // has no officer with an account, so nobody there is written to.
        web::jobs::run_due_jobs(&worker_at(&t, 1)).await;
        web::jobs::run_due_jobs(&worker_at(&t, 1)).await;
        let sent = reminders(&t).await;
        assert_eq!(sent.len(), 1, "{}: {sent:?}", t.engine);
        assert_eq!(sent[0].recipient, "mikael@linkoping.se");
        assert!(sent[0].subject.starts_with("Påminnelse: beslut i gemensamt ärende"), "{}", sent[0].subject);
        assert!(sent[0].text_body.contains(&format!("/samverkan/{id}")), "{}", sent[0].text_body);
        // The morning after: another; once Linköping has decided, none.
        web::jobs::run_due_jobs(&worker_at(&t, 2)).await;
        assert_eq!(reminders(&t).await.len(), 2);
        let today = t.store().today().to_string();
        record(&mut w.mikael, id, w.linkoping, &decision(&today, "", "agrees")).await.assert_status(303);
        web::jobs::run_due_jobs(&worker_at(&t, 3)).await;
        assert_eq!(reminders(&t).await.len(), 2);
    }
}

#[tokio::test]
async fn the_protocol_paragraph_and_the_matter_link_each_other() {
    for t in TestApp::each_engine().await {
        let mut w = world(&t).await;
        let number = t.store().case(domain::ids::CaseId(w.case)).await.unwrap().unwrap().number.to_string();
        let m = Fake::meeting()
            .held_on(t.store().today() - time::Duration::days(2))
            .with_agenda(&[("RUS – gemensam arbetsprocess", Some(number.as_str()))])
            .create(&t)
            .await;
        let form = format!("/samverkan/nytt?arende={}", w.case);
        // Before the protocol is adjusted there is no paragraph to choose, and the form says how
        // one comes to be offered.
        w.karin.get(&form).await.assert_status(200).assert_contains("Inget justerat protokoll anger ärendets");
        m.adjust(&t).await;
        let paragraphs = t.store().paragraphs(m.id).await.unwrap();
        let paragraph = paragraphs.into_iter().find(|p| p.case_number.as_deref() == Some(number.as_str())).unwrap();
        // The form offers the adjusted paragraph that names the case's number.
        w.karin
            .get(&form)
            .await
            .assert_status(200)
            .assert_contains(&format!(
                "id=\"f-paragraph-{}\" name=\"paragraph_id\" value=\"{}\"",
                paragraph.id, paragraph.id
            ))
            .assert_contains(&format!("§ {} RUS – gemensam arbetsprocess", paragraph.number));
        let mut api = t.token_client("api@regionostergotland.se", true).await;
        let r = api
            .json(
                Method::POST,
                "/api/v1/joint-matters",
                &json!({"case_id": w.case, "paragraph_id": paragraph.id, "title": RUS, "points": ["Delta"],
                        "due_on": plus(&t, 20), "organisations": [w.linkoping]}),
            )
            .await;
        r.assert_status(201);
        let id = r.json()["id"].as_i64().unwrap();
        assert_eq!(r.json()["paragraph"]["number"], paragraph.number);
        let anchor = format!("/moten/{}/protokoll#paragraf-{}", m.id, paragraph.number);
        t.client().get(&format!("/samverkan/{id}")).await.assert_status(200).assert_contains(&anchor);
        t.client()
            .get(&format!("/moten/{}/protokoll", m.id))
            .await
            .assert_status(200)
            .assert_contains(&format!("<a href=\"/samverkan/{id}\">"));
    }
}
