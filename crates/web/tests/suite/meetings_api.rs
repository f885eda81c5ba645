//! Meetings and protocols through the API, as an integration or a secretary's tool would use
//! it, one behaviour a test, grouped by capability: planning and completing a meeting, its
//! agenda and attendance, drafting the protocol, approvals, publication, corrections that never
//! replace the adjusted text, verification, OParl's Meeting, AgendaItem and File, and the demo.

use crate::common;

use axum::http::Method;
use common::*;
use domain::ids::{PersonId, UserId};
use domain::meetings::{Deadlines, SWEDEN};
use serde_json::{Value, json};
use store::Actor;

struct Fixture {
    api: Client,
    body: Value,
    chair: Value,
    adjuster: Value,
    other: Value,
}

/// A body with a chair, an adjuster and one more member, each with an account linked to them.
async fn fixture(t: &TestApp) -> Fixture {
    let mut api = t.token_client("kansli@test.se", true).await;
    let org = api
        .json(
            Method::POST,
            "/api/v1/organisations",
            &json!({"name": "Region Jönköpings län", "kind": "region", "code": "06"}),
        )
        .await
        .json()["id"]
        .clone();
    let body = api
        .json(
            Method::POST,
            "/api/v1/bodies",
            &json!({"name": "Kommunalt forum", "kind": "consultation_group", "county_code": "06", "organisations": [org]}),
        )
        .await
        .json()["id"]
        .clone();
    let mut ids = Vec::new();
    for (name, party, role, email) in [
        ("Rut Ordförande", "S", "chair", "ordf@test.se"),
        ("Jon Justerare", "M", "member", "just@test.se"),
        ("Li Ledamot", "KD", "member", "led@test.se"),
    ] {
        let p = api
            .json(Method::POST, "/api/v1/people", &json!({"name": name, "organisation_id": org, "party": party}))
            .await
            .json()["id"]
            .clone();
        api.json(
            Method::POST,
            &format!("/api/v1/bodies/{body}/memberships"),
            &json!({"person_id": p, "organisation_id": org, "role": role, "side": "majority", "start": "2023-01-01"}),
        )
        .await
        .assert_status(201);
        let user = t.user(email, false).await;
        t.store()
            .link_user_person(UserId(user), Some(PersonId(p.as_i64().unwrap())), &Actor::system("test"))
            .await
            .unwrap();
        ids.push(p);
    }
    Fixture { api, body, chair: ids[0].clone(), adjuster: ids[1].clone(), other: ids[2].clone() }
}

async fn as_user(t: &TestApp, email: &str) -> Client {
    let mut c = t.client();
    c.login(email, PASSWORD).await;
    c
}

/// The day the meetings here are held: weeks before `TODAY`, in summer time (+02:00).
fn held() -> time::Date {
    TODAY - time::Duration::days(60)
}

/// A meeting of the fixture's body on `held()`, 09–12, with its chair and Jon Justerare as
/// adjuster; still planned, with no agenda.
async fn planned_meeting(t: &TestApp) -> (Fixture, Value) {
    let mut f = fixture(t).await;
    let r = f
        .api
        .json(
            Method::POST,
            &format!("/api/v1/bodies/{}/meetings", f.body),
            &json!({"date": held().to_string(), "start": "09:00", "end": "12:00", "place": "Regionens hus",
                    "chair": f.chair}),
        )
        .await;
    r.assert_status(201);
    let id = r.json()["id"].clone();
    f.api
        .json(Method::PUT, &format!("/api/v1/meetings/{id}/adjusters"), &json!({"adjusters": [f.adjuster]}))
        .await
        .assert_status(200);
    (f, id)
}

/// The agenda's decision item (it becomes § 3).
fn decision_item() -> Value {
    json!({"title": "Sammanträdesdatum 2025", "kind": "decision", "case_number": "RJL 2024/3340",
           "presenters": ["Kanslichefen"]})
}

/// The planned meeting with its agenda: the decision item and an information item.
async fn meeting_with_agenda(t: &TestApp) -> (Fixture, Value) {
    let (mut f, id) = planned_meeting(t).await;
    let path = format!("/api/v1/meetings/{id}/agenda");
    f.api.json(Method::POST, &path, &decision_item()).await.assert_status(201);
    f.api.json(Method::POST, &path, &json!({"title": "Aktuellt", "kind": "information"})).await.assert_status(201);
    (f, id)
}

/// The meeting with its agenda, noticed and held.
async fn held_meeting(t: &TestApp) -> (Fixture, Value) {
    let (mut f, id) = meeting_with_agenda(t).await;
    for s in ["notice_sent", "held"] {
        f.api
            .json(Method::POST, &format!("/api/v1/meetings/{id}/status"), &json!({"status": s}))
            .await
            .assert_status(200);
    }
    (f, id)
}

/// The held meeting with its protocol started: its four generated paragraphs.
async fn started_protocol(t: &TestApp) -> (Fixture, Value, Vec<Value>) {
    let (mut f, id) = held_meeting(t).await;
    let r = f.api.json(Method::POST, &format!("/api/v1/meetings/{id}/protocol/start"), &json!({})).await;
    r.assert_status(200);
    let paragraphs = r.json()["paragraphs"].as_array().unwrap().clone();
    (f, id, paragraphs)
}

/// An open vote on § 3: the chair and the adjuster for, Li Ledamot against.
async fn vote_on(f: &mut Fixture, id: &Value, p3: &Value) -> Resp {
    f.api
        .json(
            Method::POST,
            &format!("/api/v1/meetings/{id}/paragraphs/{p3}/votes"),
            &json!({"question": "Ja för förslaget, nej för avslag", "result": "Förslaget bifalls",
                    "ballots": [{"person_id": f.chair, "choice": "yes"}, {"person_id": f.adjuster, "choice": "yes"},
                                {"person_id": f.other, "choice": "no"}]}),
        )
        .await
}

/// § 3's decision as submitted, and as a correction words it.
const DECIDED: &str = "Kommunalt forum fastställer sammanträdestider för år 2025.";
const CORRECTED: &str = "Kommunalt forum fastställer sammanträdestider för år 2025 enligt förslaget.";

/// Sets the decision of § 3 (a correction's edit once the protocol is adjusted).
async fn decide(api: &mut Client, id: &Value, p3: &Value, decision: &str) {
    api.json(
        Method::PUT,
        &format!("/api/v1/meetings/{id}/paragraphs/{p3}"),
        &json!({"title": "Sammanträdesdatum 2025", "case_number": "RJL 2024/3340", "decision": decision,
                "recipients": ["Kommuner i Jönköpings län"]}),
    )
    .await
    .assert_status(200);
}

/// The started protocol with § 3 decided, with a proposal to reject, an open vote and a dissent;
/// returns § 3's id.
async fn decided_protocol(t: &TestApp) -> (Fixture, Value, Value) {
    let (mut f, id, paragraphs) = started_protocol(t).await;
    let p3 = paragraphs[2]["id"].clone();
    decide(&mut f.api, &id, &p3, DECIDED).await;
    f.api
        .json(
            Method::POST,
            &format!("/api/v1/meetings/{id}/paragraphs/{p3}/motions"),
            &json!({"by": "Li Ledamot (KD)", "text": "Avslag."}),
        )
        .await
        .assert_status(201);
    vote_on(&mut f, &id, &p3).await.assert_status(201);
    f.api
        .json(
            Method::POST,
            &format!("/api/v1/meetings/{id}/paragraphs/{p3}/dissents"),
            &json!({"person_id": f.other, "text": "Vi vill ha färre möten."}),
        )
        .await
        .assert_status(201);
    (f, id, p3)
}

/// A protocol out for adjustment, or past it.
struct Protocol {
    f: Fixture,
    id: Value,
    p3: Value,
    /// The digest of the submitted text.
    digest: String,
}

/// The decided protocol, submitted: out for adjustment by the chair and Jon Justerare.
async fn meeting_ready_to_approve(t: &TestApp) -> Protocol {
    let (mut f, id, p3) = decided_protocol(t).await;
    let r = f.api.json(Method::POST, &format!("/api/v1/meetings/{id}/protocol/submit"), &json!({})).await;
    r.assert_status(200);
    let digest = r.json()["digest"].as_str().unwrap().to_string();
    Protocol { f, id, p3, digest }
}

/// An approval through the API by the account of `email`.
async fn approve(t: &TestApp, id: &Value, email: &str, password: &str) -> Resp {
    as_user(t, email)
        .await
        .json(Method::POST, &format!("/api/v1/meetings/{id}/approvals"), &json!({"password": password}))
        .await
}

/// The protocol approved by the chair and the adjuster: adjusted and announced today.
async fn adjusted_meeting(t: &TestApp) -> Protocol {
    let p = meeting_ready_to_approve(t).await;
    approve(t, &p.id, "ordf@test.se", PASSWORD).await.assert_status(201);
    approve(t, &p.id, "just@test.se", PASSWORD).await.assert_status(201);
    p
}

/// The adjusted protocol with § 3's decision corrected: version 2.
async fn corrected_meeting(t: &TestApp) -> Protocol {
    let mut p = adjusted_meeting(t).await;
    decide(&mut p.f.api, &p.id, &p.p3, CORRECTED).await;
    p.f.api
        .json(
            Method::POST,
            &format!("/api/v1/meetings/{}/protocol/corrections", p.id),
            &json!({"reason": "Skrivfel i § 3"}),
        )
        .await
        .assert_status(201);
    p
}

// Planning and completing a meeting.

#[tokio::test]
async fn a_meeting_plan_creates_its_meetings_as_planned() {
    for t in TestApp::each_engine().await {
        let Fixture { mut api, body, .. } = fixture(&t).await;
        let year = held().year();
        api.json(
            Method::PUT,
            &format!("/api/v1/bodies/{body}/meeting-plan/{year}"),
            &json!({"dates": [held().to_string()]}),
        )
        .await
        .assert_status(200);
        let list = api.get(&format!("/api/v1/meetings?body_id={body}&from={year}-01-01&to={year}-12-31")).await.json();
        assert_eq!(list["items"][0]["date"], held().to_string());
        assert_eq!(list["items"][0]["status"], "planned");
    }
}

/// A meeting of the fixture's body on `held()` with nothing but its date.
async fn bare_meeting(api: &mut Client, body: &Value) -> Value {
    let r =
        api.json(Method::POST, &format!("/api/v1/bodies/{body}/meetings"), &json!({"date": held().to_string()})).await;
    r.assert_status(201);
    r.json()["id"].clone()
}

#[tokio::test]
async fn a_meeting_that_ends_before_it_starts_or_links_outside_the_web_is_refused() {
    for t in TestApp::each_engine().await {
        let Fixture { mut api, body, .. } = fixture(&t).await;
        let id = bare_meeting(&mut api, &body).await;
        let r = api
            .json(
                Method::PUT,
                &format!("/api/v1/meetings/{id}"),
                &json!({"date": held().to_string(), "start": "09:00", "end": "08:00", "online_url": "ftp://x"}),
            )
            .await;
        r.assert_status(422);
    }
}

#[tokio::test]
async fn the_secretary_completes_a_meeting_with_its_times_place_and_chair() {
    for t in TestApp::each_engine().await {
        let Fixture { mut api, body, chair, .. } = fixture(&t).await;
        let id = bare_meeting(&mut api, &body).await;
        let r = api
            .json(
                Method::PUT,
                &format!("/api/v1/meetings/{id}"),
                &json!({"date": held().to_string(), "start": "09:00", "end": "12:00", "place": "Regionens hus",
                        "chair": chair}),
            )
            .await;
        r.assert_status(200);
        assert_eq!(r.json()["chair"]["id"], chair);
    }
}

#[tokio::test]
async fn only_those_who_prepare_a_meeting_change_it() {
    for t in TestApp::each_engine().await {
        let Fixture { mut api, body, .. } = fixture(&t).await;
        let r =
            api.json(Method::POST, &format!("/api/v1/bodies/{body}/meetings"), &json!({"date": "2026-12-11"})).await;
        r.assert_status(201);
        let id = r.json()["id"].clone();
        let mut member = as_user(&t, "led@test.se").await;
        for (method, path, body) in [
            (Method::POST, format!("/api/v1/bodies/{body}/meetings"), json!({"date": "2026-12-12"})),
            (Method::PUT, format!("/api/v1/meetings/{id}"), json!({"date": "2026-12-12"})),
            (Method::POST, format!("/api/v1/meetings/{id}/status"), json!({"status": "held"})),
            (Method::POST, format!("/api/v1/meetings/{id}/agenda"), json!({"title": "x", "kind": "information"})),
            (Method::PUT, format!("/api/v1/meetings/{id}/attendance"), json!({"items": []})),
            (Method::POST, format!("/api/v1/meetings/{id}/protocol/start"), json!({})),
        ] {
            member.json(method.clone(), &path, &body).await.assert_status(403);
            t.client().json(method, &path, &body).await.assert_status(401);
        }
        member.json(Method::DELETE, &format!("/api/v1/meetings/{id}"), &json!({})).await.assert_status(403);
        // Readable by all: the meeting, its agenda; a meeting not yet held has no protocol (as on
        // the page), except for those who prepare it.
        t.client().get(&format!("/api/v1/meetings/{id}")).await.assert_status(200);
        t.client().get(&format!("/api/v1/meetings/{id}/agenda")).await.assert_status(200);
        t.client().get(&format!("/api/v1/meetings/{id}/protocol")).await.assert_status(404);
        member.get(&format!("/api/v1/meetings/{id}/protocol")).await.assert_status(404);
        api.get(&format!("/api/v1/meetings/{id}/protocol")).await.assert_status(200);
        // The attendance, as on the page: the body's members read it before the meeting.
        member.get(&format!("/api/v1/meetings/{id}/attendance")).await.assert_status(200);
        t.client().get(&format!("/api/v1/meetings/{id}/attendance")).await.assert_status(401);
        api.json(Method::DELETE, &format!("/api/v1/meetings/{id}"), &json!({})).await.assert_status(204);
        assert_eq!(t.count("meetings").await, 0);
    }
}

#[tokio::test]
async fn the_meeting_list_reads_its_query_like_the_other_lists() {
    let t = TestApp::sqlite().await;
    let mut c = t.client();
    // A repeated parameter counts once (the first), as everywhere else: never a plain-text 400.
    c.get("/api/v1/meetings?to=2024-01-01&to=2024-12-31").await.assert_status(200);
    let bad = c.get("/api/v1/meetings?from=ig%C3%A5r").await;
    bad.assert_status(422);
    assert_eq!(bad.error().1.as_deref(), Some("from"));
    c.get("/api/v1/meetings?body_id=abc").await.assert_status(404);
    assert_eq!(c.get("/api/v1/meetings?body_id=999&from=2000-01-01&to=2100-12-31").await.json()["items"], json!([]));
}

// The agenda and attendance.

#[tokio::test]
async fn a_retried_agenda_item_is_created_once() {
    for t in TestApp::each_engine().await {
        let (Fixture { mut api, .. }, id) = planned_meeting(&t).await;
        let path = format!("/api/v1/meetings/{id}/agenda");
        let item = decision_item().to_string().into_bytes();
        let key = [("idempotency-key", "a1")];
        let first = api.send_with(Method::POST, &path, Some("application/json"), item.clone(), &key).await;
        first.assert_status(201);
        let again = api.send_with(Method::POST, &path, Some("application/json"), item, &key).await;
        assert_eq!(first.json()["id"], again.json()["id"]);
        api.json(Method::POST, &path, &json!({"title": "Aktuellt", "kind": "information"})).await.assert_status(201);
        assert_eq!(api.get(&path).await.json()["items"].as_array().unwrap().len(), 2);
    }
}

#[tokio::test]
async fn an_invalid_agenda_item_is_refused_and_not_added() {
    for t in TestApp::each_engine().await {
        let (Fixture { mut api, .. }, id) = planned_meeting(&t).await;
        let path = format!("/api/v1/meetings/{id}/agenda");
        let bad = api.json(Method::POST, &path, &json!({"title": "", "kind": "vote", "case_number": "3340"})).await;
        bad.assert_status(422);
        assert_eq!(api.get(&path).await.json()["items"], json!([]));
    }
}

#[tokio::test]
async fn attendance_names_whoever_is_not_a_known_person() {
    for t in TestApp::each_engine().await {
        let (Fixture { mut api, chair, adjuster, other, .. }, id) = held_meeting(&t).await;
        let mut items = vec![
            json!({"person_id": chair, "role": "member", "present": true}),
            json!({"person_id": adjuster, "role": "member", "present": true}),
            json!({"person_id": other, "role": "member", "present": true, "to_paragraph": "3"}),
            json!({"name": "Gäst Gästsson", "organisation": "SKR", "role": "guest", "present": true}),
            json!({"role": "member", "replaces_id": 99, "present": true}),
        ];
        let path = format!("/api/v1/meetings/{id}/attendance");
        let r = api.json(Method::PUT, &path, &json!({ "items": items })).await;
        r.assert_status(422);
        assert_eq!(r.error().1.as_deref(), Some("items[4].name"));
        // Without the nameless one: a partial presence and a guest from outside the body.
        items.pop();
        api.json(Method::PUT, &path, &json!({ "items": items })).await.assert_status(200);
    }
}

// Drafting the protocol.

#[tokio::test]
async fn a_started_protocol_opens_with_the_adjusters_by_name_and_numbers_the_agenda_after() {
    for t in TestApp::each_engine().await {
        let (_, _, paragraphs) = started_protocol(&t).await;
        assert_eq!(paragraphs.len(), 4);
        assert_eq!(paragraphs[0]["title"], "Val av protokollsjusterare");
        assert!(paragraphs[0]["decision"].as_str().unwrap().contains("Jon Justerare (M), Region Jönköpings län"));
        assert_eq!(paragraphs[2]["number"], 3);
    }
}

#[tokio::test]
async fn a_protocol_is_submitted_only_once_every_paragraph_has_a_decision() {
    for t in TestApp::each_engine().await {
        let (Fixture { mut api, .. }, id, _) = started_protocol(&t).await;
        let r = api.json(Method::POST, &format!("/api/v1/meetings/{id}/protocol/submit"), &json!({})).await;
        r.assert_status(422);
        assert_eq!(r.error().1.as_deref(), Some("decision"));
    }
}

#[tokio::test]
async fn a_vote_names_each_voter_in_its_ballots() {
    for t in TestApp::each_engine().await {
        let (mut f, id, paragraphs) = started_protocol(&t).await;
        let r = vote_on(&mut f, &id, &paragraphs[2]["id"]).await;
        r.assert_status(201);
        assert_eq!(r.json()["votes"][0]["ballots"][2]["name"], "Li Ledamot");
    }
}

#[tokio::test]
async fn a_submitted_protocol_carries_the_sha256_digest_of_its_text() {
    for t in TestApp::each_engine().await {
        let (Fixture { mut api, .. }, id, _) = decided_protocol(&t).await;
        let r = api.json(Method::POST, &format!("/api/v1/meetings/{id}/protocol/submit"), &json!({})).await;
        r.assert_status(200);
        assert_eq!(r.json()["digest"].as_str().unwrap().len(), 64);
    }
}

#[tokio::test]
async fn a_protocol_out_for_adjustment_cannot_be_edited() {
    for t in TestApp::each_engine().await {
        let Protocol { mut f, id, p3, .. } = meeting_ready_to_approve(&t).await;
        f.api
            .json(
                Method::PUT,
                &format!("/api/v1/meetings/{id}/paragraphs/{p3}"),
                &json!({"title": "x", "decision": "y"}),
            )
            .await
            .assert_status(422);
    }
}

#[tokio::test]
async fn a_protocol_out_for_adjustment_is_read_by_members_and_not_by_the_public() {
    for t in TestApp::each_engine().await {
        let Protocol { id, .. } = meeting_ready_to_approve(&t).await;
        t.client().get(&format!("/api/v1/meetings/{id}/protocol")).await.assert_status(401);
        let mut member = as_user(&t, "led@test.se").await;
        assert_eq!(member.get(&format!("/api/v1/meetings/{id}/protocol")).await.json()["draft"], true);
    }
}

// Approvals.

#[tokio::test]
async fn only_the_chair_and_the_adjusters_approve_a_protocol() {
    for t in TestApp::each_engine().await {
        let Protocol { id, .. } = meeting_ready_to_approve(&t).await;
        approve(&t, &id, "led@test.se", PASSWORD).await.assert_status(403);
    }
}

#[tokio::test]
async fn an_approval_needs_the_approvers_own_password() {
    for t in TestApp::each_engine().await {
        let Protocol { id, .. } = meeting_ready_to_approve(&t).await;
        let r = approve(&t, &id, "ordf@test.se", "fel lösenord").await;
        r.assert_status(422);
        assert_eq!(r.error().1.as_deref(), Some("password"));
    }
}

#[tokio::test]
async fn an_approval_is_recorded_against_the_submitted_digest() {
    for t in TestApp::each_engine().await {
        let Protocol { id, digest, .. } = meeting_ready_to_approve(&t).await;
        let r = approve(&t, &id, "ordf@test.se", PASSWORD).await;
        r.assert_status(201);
        assert_eq!(r.json()["outcome"], "recorded");
        assert_eq!(r.json()["approvals"][0]["digest"], digest.as_str());
    }
}

#[tokio::test]
async fn the_last_approval_adjusts_the_protocol_and_announces_the_meeting() {
    for t in TestApp::each_engine().await {
        let Protocol { mut f, id, .. } = meeting_ready_to_approve(&t).await;
        approve(&t, &id, "ordf@test.se", PASSWORD).await.assert_status(201);
        let r = approve(&t, &id, "just@test.se", PASSWORD).await;
        assert_eq!(r.json()["outcome"], "adjusted");
        assert_eq!(f.api.get(&format!("/api/v1/meetings/{id}")).await.json()["status"], "announced");
    }
}

#[tokio::test]
async fn the_start_page_shows_each_approver_the_protocol_until_they_have_approved_it() {
    for t in TestApp::each_engine().await {
        let Protocol { id, .. } = meeting_ready_to_approve(&t).await;
        let mut chair = as_user(&t, "ordf@test.se").await;
        chair
            .get("/")
            .await
            .assert_contains("Protokoll som väntar på din justering")
            .assert_contains(&format!("href=\"/moten/{id}/protokoll\""));
        chair
            .json(Method::POST, &format!("/api/v1/meetings/{id}/approvals"), &json!({"password": PASSWORD}))
            .await
            .assert_status(201);
        chair.get("/").await.assert_lacks("Protokoll som väntar på din justering");
        let mut adjuster = as_user(&t, "just@test.se").await;
        adjuster.get("/").await.assert_contains("Protokoll som väntar på din justering");
    }
}

#[tokio::test]
async fn two_approvers_at_once_still_adjust_the_protocol() {
    for t in TestApp::each_engine().await {
        let Fixture { mut api, body, chair, adjuster, .. } = fixture(&t).await;
        let r = api
            .json(
                Method::POST,
                &format!("/api/v1/bodies/{body}/meetings"),
                &json!({"date": "2026-02-06", "chair": chair}),
            )
            .await;
        let id = r.json()["id"].clone();
        api.json(Method::PUT, &format!("/api/v1/meetings/{id}/adjusters"), &json!({"adjusters": [adjuster]})).await;
        api.json(Method::POST, &format!("/api/v1/meetings/{id}/status"), &json!({"status": "held"})).await;
        api.json(Method::POST, &format!("/api/v1/meetings/{id}/protocol/start"), &json!({})).await.assert_status(200);
        api.json(Method::POST, &format!("/api/v1/meetings/{id}/protocol/submit"), &json!({})).await.assert_status(200);
        let (m, actor) = (domain::ids::MeetingId(id.as_i64().unwrap()), Actor::system("test"));
        let person = |v: &Value| PersonId(v.as_i64().unwrap());
        let now = t.store().now();
        let (a, b) = tokio::join!(
            t.store().approve_protocol(m, person(&chair), None, now, &actor),
            t.store().approve_protocol(m, person(&adjuster), None, now, &actor),
        );
        let outcomes = [a.unwrap(), b.unwrap()];
        assert!(outcomes.contains(&store::meetings::ApprovalOutcome::Adjusted), "{outcomes:?}");
        let meeting = t.store().meeting(m).await.unwrap().unwrap();
        assert_eq!(meeting.status, domain::meetings::MeetingStatus::Announced, "[{}]", t.engine);
    }
}

/// A client of an existing account carrying a new personal API token.
async fn with_token(t: &TestApp, email: &str) -> Client {
    let (user, _) = t.store().user_with_hash(email).await.unwrap().unwrap();
    let token = web::auth::new_api_token();
    let hash = web::auth::sha256_hex(&token);
    t.store().create_token(UserId(user.id), "test", &hash, &Actor::system("test")).await.unwrap();
    let mut c = t.client();
    c.bearer = Some(token);
    c
}

/// Hole 1 of issue 8: the API's password re-check had no throttle, so a token holder could
/// guess the account's password without limit, and it accepted the right one while the form
/// was locked. Now both go through the one throttled, audited check.
#[tokio::test]
async fn the_api_approval_counts_wrong_passwords_and_obeys_the_throttle() {
    for t in TestApp::each_engine().await {
        let m = Fake::meeting().held_on(TODAY - time::Duration::days(10)).create(&t).await;
        t.store().start_protocol(m.id, &Actor::system("test")).await.unwrap();
        t.store().submit_protocol(m.id, &Actor::system("test")).await.unwrap();
        let path = format!("/api/v1/meetings/{}/approvals", m.id);
        let mut chair = m.sign_in(&t, m.chair).await;
        chair.address = Some("198.51.100.7".into());
        let mut thief = with_token(&t, &format!("person{}@test.se", m.chair.0)).await;
        thief.address = Some("203.0.113.9".into());
        for _ in 0..5 {
            let r = thief.json(Method::POST, &path, &json!({"password": "gissning"})).await;
            r.assert_status(422);
            assert_eq!(r.error().1.as_deref(), Some("password"));
        }
        // Each wrong guess is audited like a failed sign-in.
        let filter = store::audit::AuditFilter { action: Some("session.login_failed".into()), ..Default::default() };
        let failed = t.store().audit_events(&filter, 50).await.unwrap().items;
        assert_eq!(failed.len(), 5);
        assert!(failed.iter().all(|e| e.changes["purpose"] == "approval"));
        // Now even the right password is refused from that address, by the API and by the form.
        thief.json(Method::POST, &path, &json!({"password": PASSWORD})).await.assert_status(429);
        let mut form = t.client();
        form.address = Some("203.0.113.9".into());
        let fields = [("email", format!("person{}@test.se", m.chair.0)), ("password", PASSWORD.to_string())];
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        form.post_form("/logga-in", &fields).await.assert_status(429);
        // The chair, at their own address, is not locked out of the approval by the stranger.
        let r = chair.json(Method::POST, &path, &json!({"password": PASSWORD})).await;
        r.assert_status(201);
        assert_eq!(r.json()["outcome"], "recorded");
    }
}

// Publication: the notice board and the public protocol.

#[tokio::test]
async fn an_adjusted_protocol_is_posted_on_the_notice_board_with_its_statutory_dates() {
    for t in TestApp::each_engine().await {
        let Protocol { id, .. } = adjusted_meeting(&t).await;
        let today = TODAY;
        let board = t.client().get("/api/v1/notice-board").await.json();
        let a = &board["items"][0];
        assert_eq!(a["meeting_id"], id);
        assert_eq!(a["paragraphs"], "§ 1–4");
        assert_eq!(a["adjusted_on"], today.to_string());
        assert_eq!(a["posted_on"], today.to_string());
        let deadline = Deadlines::default().appeal_deadline(today, &SWEDEN);
        assert_eq!(a["appeal_deadline"], deadline.to_string());
        assert!(a["takedown_on"].as_str().unwrap() > a["appeal_deadline"].as_str().unwrap());
    }
}

#[tokio::test]
async fn an_adjusted_protocol_is_public_with_its_votes_and_dissents() {
    for t in TestApp::each_engine().await {
        let Protocol { id, digest, .. } = adjusted_meeting(&t).await;
        let public = t.client().get(&format!("/api/v1/meetings/{id}/protocol")).await;
        public.assert_status(200);
        let p = public.json();
        assert_eq!(p["digest"], digest.as_str());
        assert_eq!(p["protocol"]["paragraphs"][2]["votes"][0]["ballots"][2]["choice"], "no");
        assert_eq!(p["protocol"]["paragraphs"][2]["dissents"][0]["grounds"], "Vi vill ha färre möten.");
    }
}

// Corrections and verification.

#[tokio::test]
async fn an_adjusted_protocol_verifies() {
    for t in TestApp::each_engine().await {
        let Protocol { id, .. } = adjusted_meeting(&t).await;
        assert_eq!(t.client().get(&format!("/api/v1/meetings/{id}/protocol/verify")).await.json()["valid"], true);
    }
}

#[tokio::test]
async fn a_correction_needs_a_reason() {
    for t in TestApp::each_engine().await {
        let Protocol { mut f, id, p3, .. } = adjusted_meeting(&t).await;
        decide(&mut f.api, &id, &p3, CORRECTED).await;
        let r = f
            .api
            .json(Method::POST, &format!("/api/v1/meetings/{id}/protocol/corrections"), &json!({"reason": ""}))
            .await;
        r.assert_status(422);
    }
}

#[tokio::test]
async fn a_correction_is_a_new_version_beside_the_adjusted_one() {
    for t in TestApp::each_engine().await {
        let Protocol { id, digest, .. } = corrected_meeting(&t).await;
        let p = t.client().get(&format!("/api/v1/meetings/{id}/protocol")).await.json();
        assert_eq!(p["version"], 2);
        let versions = p["versions"].as_array().unwrap();
        assert_eq!(versions[0]["digest"], digest.as_str());
        assert_eq!(versions[1]["reason"], "Skrivfel i § 3");
        assert_eq!(versions[1]["corrected"], "§ 3: beslut");
    }
}

#[tokio::test]
async fn a_corrected_protocol_still_verifies() {
    for t in TestApp::each_engine().await {
        let Protocol { id, .. } = corrected_meeting(&t).await;
        assert_eq!(t.client().get(&format!("/api/v1/meetings/{id}/protocol/verify")).await.json()["valid"], true);
    }
}

#[tokio::test]
async fn tampering_with_the_stored_text_of_a_protocol_is_found() {
    for t in TestApp::each_engine().await {
        let Protocol { id, .. } = adjusted_meeting(&t).await;
        let sql = "UPDATE protocol_versions SET content = REPLACE(content, 'Avslag', 'Bifall') WHERE version = 1";
        match &t.store().pool {
            store::Pool::Sqlite(p) => sqlx::query(sql).execute(p).await.map(|_| ()).unwrap(),
            store::Pool::Postgres(p) => sqlx::query(sql).execute(p).await.map(|_| ()).unwrap(),
        }
        let v = t.client().get(&format!("/api/v1/meetings/{id}/protocol/verify")).await.json();
        assert_eq!(v["valid"], false);
        assert_eq!(v["versions"][0]["matches"], false);
    }
}

// OParl: Meeting, AgendaItem and File.

#[tokio::test]
async fn oparl_publishes_a_meeting_with_its_agenda_items_numbered_once_adjusted() {
    for t in TestApp::each_engine().await {
        let Protocol { id, .. } = adjusted_meeting(&t).await;
        let o = t.client().get(&format!("/oparl/v1.1/meeting/{id}")).await;
        o.assert_status(200);
        let o = o.json();
        assert_eq!(o["type"], "https://schema.oparl.org/1.1/Meeting");
        assert_eq!(o["start"], format!("{}T09:00:00+02:00", held()));
        assert_eq!(o["agendaItem"][0]["number"], "§ 3");
    }
}

#[tokio::test]
async fn oparl_gives_an_agenda_item_the_corrected_decision() {
    for t in TestApp::each_engine().await {
        let Protocol { id, .. } = corrected_meeting(&t).await;
        let o = t.client().get(&format!("/oparl/v1.1/meeting/{id}")).await.json();
        assert!(o["agendaItem"][0]["resolutionText"].as_str().unwrap().contains("enligt förslaget"));
    }
}

#[tokio::test]
async fn oparl_lists_agenda_items_with_their_meeting() {
    for t in TestApp::each_engine().await {
        let (_, id) = meeting_with_agenda(&t).await;
        let list = t.client().get("/oparl/v1.1/agenda-item").await.json();
        assert_eq!(list["data"].as_array().unwrap().len(), 2);
        assert_eq!(list["data"][0]["meeting"], format!("http://localhost/oparl/v1.1/meeting/{id}"));
    }
}

#[tokio::test]
async fn oparl_serves_the_list_of_files() {
    for t in TestApp::each_engine().await {
        adjusted_meeting(&t).await;
        t.client().get("/oparl/v1.1/file").await.assert_status(200);
    }
}

// The demo's seed meeting.

/// Loads the demo; the seed meeting of Kommunalt forum on 2024-10-11, as the meeting list has it.
async fn seed_meeting(t: &TestApp) -> Value {
    demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
    let list = t.client().get("/api/v1/meetings?from=2024-10-11&to=2024-10-11").await.json();
    list["items"][0].clone()
}

/// The seed meeting's protocol, as the public reads it.
async fn seed_protocol(t: &TestApp, m: &Value) -> Value {
    t.client().get(&format!("/api/v1/meetings/{}/protocol", m["id"])).await.json()
}

#[tokio::test]
async fn the_demo_holds_the_seed_meeting_adjusted_and_announced() {
    for t in TestApp::each_engine().await {
        let m = seed_meeting(&t).await;
        assert_eq!(m["body_name"], "Kommunalt forum");
        assert_eq!(m["status"], "announced");
        assert_eq!(m["adjusted_on"], "2024-10-18");
    }
}

#[tokio::test]
async fn the_demo_protocol_has_the_paragraphs_of_the_seed() {
    for t in TestApp::each_engine().await {
        let m = seed_meeting(&t).await;
        let p = seed_protocol(&t, &m).await;
        let paragraphs = p["protocol"]["paragraphs"].as_array().unwrap();
        assert_eq!(paragraphs.len(), 11);
        assert_eq!(paragraphs[8]["title"], "Sammanträdesdatum 2025 Kommunalt forum");
        assert_eq!(paragraphs[8]["case_number"], "RJL 2024/3340");
    }
}

#[tokio::test]
async fn the_demo_protocol_refers_to_the_presentations_as_bilaga_2_to_6() {
    for t in TestApp::each_engine().await {
        let m = seed_meeting(&t).await;
        let p = seed_protocol(&t, &m).await;
        let paragraphs = p["protocol"]["paragraphs"].as_array().unwrap();
        // § 4–8 refer to the presentations, bilaga 2–6 as in the seed.
        assert_eq!(paragraphs[3]["attachments"][0]["number"], 2);
        assert_eq!(paragraphs[7]["attachments"][0]["number"], 6);
        assert_eq!(paragraphs[7]["attachments"][0]["title"], "Regional plan för transportinfrastruktur");
    }
}

#[tokio::test]
async fn the_demo_attachments_download_as_pdf() {
    for t in TestApp::each_engine().await {
        let m = seed_meeting(&t).await;
        let api = &mut t.client();
        let files = api.get(&format!("/api/v1/meetings/{}/attachments", m["id"])).await.json();
        let first = &files["items"][0];
        assert_eq!(first["mime"], "application/pdf");
        let download = api.get(&format!("/bilagor/{}/{}", first["id"], first["file_name"].as_str().unwrap())).await;
        download.assert_status(200);
        check_pdf(&download.bytes);
    }
}

#[tokio::test]
async fn the_demo_protocol_was_approved_by_three_on_the_day_of_adjustment_and_verifies() {
    for t in TestApp::each_engine().await {
        let m = seed_meeting(&t).await;
        let p = seed_protocol(&t, &m).await;
        assert_eq!(p["approvals"].as_array().unwrap().len(), 3);
        assert!(p["approvals"][0]["approved_at"].as_str().unwrap().starts_with("2024-10-18T"), "{}", p["approvals"]);
        assert_eq!(
            t.client().get(&format!("/api/v1/meetings/{}/protocol/verify", m["id"])).await.json()["valid"],
            true
        );
    }
}

#[tokio::test]
async fn the_demo_notice_is_a_tagged_pdf() {
    for t in TestApp::each_engine().await {
        let m = seed_meeting(&t).await;
        let pdf = t.client().get(&format!("/moten/{}/kallelse.pdf", m["id"])).await;
        pdf.assert_status(200);
        assert_eq!(pdf.headers["content-type"], "application/pdf");
        let info = check_pdf(&pdf.bytes);
        assert!(info.contains("Kallelse Kommunalt forum 2024-10-11"), "{info}");
    }
}

#[tokio::test]
async fn the_demo_plans_2025_as_the_seed_protocol_decided() {
    for t in TestApp::each_engine().await {
        let m = seed_meeting(&t).await;
        // § 9 of the seed protocol decided the 2025 plan.
        let plan = t.client().get(&format!("/api/v1/bodies/{}/meeting-plan/2025", m["body_id"])).await.json();
        assert_eq!(plan["dates"][0], "2025-02-07");
    }
}

#[tokio::test]
async fn the_demo_leaves_one_protocol_of_ostergotland_waiting_for_adjustment() {
    for t in TestApp::each_engine().await {
        demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        let all = t.client().get("/api/v1/meetings?from=2025-01-01&to=2026-12-31").await.json();
        let waiting: Vec<&Value> =
            all["items"].as_array().unwrap().iter().filter(|m| m["status"] == "protocol_drafted").collect();
        assert_eq!(waiting.len(), 1);
        assert_eq!(waiting[0]["body_name"], "Samrådet för strategiska frågor");
    }
}
