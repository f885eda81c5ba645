//! Meetings and protocols through the API, as an integration or a secretary's tool would use
//! it: a meeting from plan to notice board, the rules of adjustment, corrections that never
//! replace the adjusted text, verification, and OParl's Meeting, AgendaItem and File.

mod common;

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

#[tokio::test]
async fn a_meeting_goes_from_plan_to_the_notice_board_and_its_protocol_is_verifiable() {
    for t in TestApp::each_engine().await {
        let Fixture { mut api, body, chair, adjuster, other } = fixture(&t).await;

        // The plan creates the meeting; the secretary completes it.
        api.json(Method::PUT, &format!("/api/v1/bodies/{body}/meeting-plan/2024"), &json!({"dates": ["2024-10-11"]}))
            .await
            .assert_status(200);
        let list = api.get(&format!("/api/v1/meetings?body_id={body}&from=2024-01-01&to=2024-12-31")).await.json();
        let id = list["items"][0]["id"].clone();
        assert_eq!(list["items"][0]["status"], "planned");
        let r = api
            .json(
                Method::PUT,
                &format!("/api/v1/meetings/{id}"),
                &json!({"date": "2024-10-11", "start": "09:00", "end": "08:00", "online_url": "ftp://x"}),
            )
            .await;
        r.assert_status(422);
        let r = api
            .json(
                Method::PUT,
                &format!("/api/v1/meetings/{id}"),
                &json!({"date": "2024-10-11", "start": "09:00", "end": "12:00", "place": "Regionens hus", "chair": chair}),
            )
            .await;
        r.assert_status(200);
        assert_eq!(r.json()["chair"]["id"], chair);
        api.json(Method::PUT, &format!("/api/v1/meetings/{id}/adjusters"), &json!({"adjusters": [adjuster]}))
            .await
            .assert_status(200);

        // The agenda; a retried creation is one item.
        let item = json!({"title": "Sammanträdesdatum 2025", "kind": "decision", "case_number": "RJL 2024/3340",
                          "presenters": ["Kanslichefen"]});
        let path = format!("/api/v1/meetings/{id}/agenda");
        let first = api
            .send_with(
                Method::POST,
                &path,
                Some("application/json"),
                item.to_string().into_bytes(),
                &[("idempotency-key", "a1")],
            )
            .await;
        first.assert_status(201);
        let again = api
            .send_with(
                Method::POST,
                &path,
                Some("application/json"),
                item.to_string().into_bytes(),
                &[("idempotency-key", "a1")],
            )
            .await;
        assert_eq!(first.json()["id"], again.json()["id"]);
        let bad = api.json(Method::POST, &path, &json!({"title": "", "kind": "vote", "case_number": "3340"})).await;
        bad.assert_status(422);
        api.json(Method::POST, &path, &json!({"title": "Aktuellt", "kind": "information"})).await.assert_status(201);
        assert_eq!(api.get(&path).await.json()["items"].as_array().unwrap().len(), 2);

        // Held, attendance with a partial presence, the protocol started with generated paragraphs.
        for s in ["notice_sent", "held"] {
            api.json(Method::POST, &format!("/api/v1/meetings/{id}/status"), &json!({"status": s}))
                .await
                .assert_status(200);
        }
        let r = api
            .json(
                Method::PUT,
                &format!("/api/v1/meetings/{id}/attendance"),
                &json!({"items": [
                    {"person_id": chair, "role": "member", "present": true},
                    {"person_id": adjuster, "role": "member", "present": true},
                    {"person_id": other, "role": "member", "present": true, "to_paragraph": "3"},
                    {"name": "Gäst Gästsson", "organisation": "SKR", "role": "guest", "present": true},
                    {"role": "member", "replaces_id": 99, "present": true},
                ]}),
            )
            .await;
        r.assert_status(422);
        assert_eq!(r.error().1.as_deref(), Some("items[4].name"));
        api.json(
            Method::PUT,
            &format!("/api/v1/meetings/{id}/attendance"),
            &json!({"items": [
                {"person_id": chair, "role": "member", "present": true},
                {"person_id": adjuster, "role": "member", "present": true},
                {"person_id": other, "role": "member", "present": true, "to_paragraph": "3"},
                {"name": "Gäst Gästsson", "organisation": "SKR", "role": "guest", "present": true},
            ]}),
        )
        .await
        .assert_status(200);
        let r = api.json(Method::POST, &format!("/api/v1/meetings/{id}/protocol/start"), &json!({})).await;
        r.assert_status(200);
        let paragraphs = r.json()["paragraphs"].as_array().unwrap().clone();
        assert_eq!(paragraphs.len(), 4);
        assert_eq!(paragraphs[0]["title"], "Val av protokollsjusterare");
        assert!(paragraphs[0]["decision"].as_str().unwrap().contains("Jon Justerare (M), Region Jönköpings län"));
        let p3 = paragraphs[2]["id"].clone();
        assert_eq!(paragraphs[2]["number"], 3);

        // A decision with a proposal, an open vote and a dissent; submitting needs every decision.
        let r = api.json(Method::POST, &format!("/api/v1/meetings/{id}/protocol/submit"), &json!({})).await;
        r.assert_status(422);
        assert_eq!(r.error().1.as_deref(), Some("decision"));
        api.json(
            Method::PUT,
            &format!("/api/v1/meetings/{id}/paragraphs/{p3}"),
            &json!({"title": "Sammanträdesdatum 2025", "case_number": "RJL 2024/3340",
                    "decision": "Kommunalt forum fastställer sammanträdestider för år 2025.",
                    "recipients": ["Kommuner i Jönköpings län"]}),
        )
        .await
        .assert_status(200);
        api.json(
            Method::POST,
            &format!("/api/v1/meetings/{id}/paragraphs/{p3}/motions"),
            &json!({"by": "Li Ledamot (KD)", "text": "Avslag."}),
        )
        .await
        .assert_status(201);
        let r = api
            .json(
                Method::POST,
                &format!("/api/v1/meetings/{id}/paragraphs/{p3}/votes"),
                &json!({"question": "Ja för förslaget, nej för avslag", "result": "Förslaget bifalls",
                        "ballots": [{"person_id": chair, "choice": "yes"}, {"person_id": adjuster, "choice": "yes"},
                                    {"person_id": other, "choice": "no"}]}),
            )
            .await;
        r.assert_status(201);
        assert_eq!(r.json()["votes"][0]["ballots"][2]["name"], "Li Ledamot");
        api.json(
            Method::POST,
            &format!("/api/v1/meetings/{id}/paragraphs/{p3}/dissents"),
            &json!({"person_id": other, "text": "Vi vill ha färre möten."}),
        )
        .await
        .assert_status(201);
        let r = api.json(Method::POST, &format!("/api/v1/meetings/{id}/protocol/submit"), &json!({})).await;
        r.assert_status(200);
        let digest = r.json()["digest"].as_str().unwrap().to_string();
        assert_eq!(digest.len(), 64);

        // Out for adjustment: no edits; the public cannot read the draft, a member can.
        api.json(
            Method::PUT,
            &format!("/api/v1/meetings/{id}/paragraphs/{p3}"),
            &json!({"title": "x", "decision": "y"}),
        )
        .await
        .assert_status(422);
        t.client().get(&format!("/api/v1/meetings/{id}/protocol")).await.assert_status(401);
        let mut member = as_user(&t, "led@test.se").await;
        assert_eq!(member.get(&format!("/api/v1/meetings/{id}/protocol")).await.json()["draft"], true);

        // Approvals: not by a non-approver, not with a wrong password; the chair and the adjuster.
        let approve = |password: &str| json!({"password": password});
        member
            .json(Method::POST, &format!("/api/v1/meetings/{id}/approvals"), &approve(PASSWORD))
            .await
            .assert_status(403);
        let mut chair_c = as_user(&t, "ordf@test.se").await;
        // The start page tells the chair what waits for them.
        chair_c
            .get("/")
            .await
            .assert_contains("Protokoll som väntar på din justering")
            .assert_contains(&format!("href=\"/moten/{id}/protokoll\""));
        let r = chair_c.json(Method::POST, &format!("/api/v1/meetings/{id}/approvals"), &approve("fel lösenord")).await;
        r.assert_status(422);
        assert_eq!(r.error().1.as_deref(), Some("password"));
        let r = chair_c.json(Method::POST, &format!("/api/v1/meetings/{id}/approvals"), &approve(PASSWORD)).await;
        r.assert_status(201);
        assert_eq!(r.json()["outcome"], "recorded");
        assert_eq!(r.json()["approvals"][0]["digest"], digest.as_str());
        chair_c.get("/").await.assert_lacks("Protokoll som väntar på din justering");
        let mut adj_c = as_user(&t, "just@test.se").await;
        adj_c.get("/").await.assert_contains("Protokoll som väntar på din justering");
        let r = adj_c.json(Method::POST, &format!("/api/v1/meetings/{id}/approvals"), &approve(PASSWORD)).await;
        assert_eq!(r.json()["outcome"], "adjusted");

        // Adjusted, locked and announced today with the statutory dates.
        let m = api.get(&format!("/api/v1/meetings/{id}")).await.json();
        assert_eq!(m["status"], "announced");
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
        let public = t.client().get(&format!("/api/v1/meetings/{id}/protocol")).await;
        public.assert_status(200);
        let p = public.json();
        assert_eq!(p["digest"], digest.as_str());
        assert_eq!(p["protocol"]["paragraphs"][2]["votes"][0]["ballots"][2]["choice"], "no");
        assert_eq!(p["protocol"]["paragraphs"][2]["dissents"][0]["grounds"], "Vi vill ha färre möten.");
        assert_eq!(t.client().get(&format!("/api/v1/meetings/{id}/protocol/verify")).await.json()["valid"], true);

        // A correction is a new version beside the adjusted one.
        api.json(
            Method::PUT,
            &format!("/api/v1/meetings/{id}/paragraphs/{p3}"),
            &json!({"title": "Sammanträdesdatum 2025", "case_number": "RJL 2024/3340",
                    "decision": "Kommunalt forum fastställer sammanträdestider för år 2025 enligt förslaget.",
                    "recipients": ["Kommuner i Jönköpings län"]}),
        )
        .await
        .assert_status(200);
        let r = api
            .json(Method::POST, &format!("/api/v1/meetings/{id}/protocol/corrections"), &json!({"reason": ""}))
            .await;
        r.assert_status(422);
        let r = api
            .json(
                Method::POST,
                &format!("/api/v1/meetings/{id}/protocol/corrections"),
                &json!({"reason": "Skrivfel i § 3"}),
            )
            .await;
        r.assert_status(201);
        let p = t.client().get(&format!("/api/v1/meetings/{id}/protocol")).await.json();
        assert_eq!(p["version"], 2);
        let versions = p["versions"].as_array().unwrap();
        assert_eq!(versions[0]["digest"], digest.as_str());
        assert_eq!(versions[1]["reason"], "Skrivfel i § 3");
        assert_eq!(versions[1]["corrected"], "§ 3: beslut");
        assert_eq!(t.client().get(&format!("/api/v1/meetings/{id}/protocol/verify")).await.json()["valid"], true);

        // Tampering with the stored text is found.
        let sql = "UPDATE protocol_versions SET content = REPLACE(content, 'Avslag', 'Bifall') WHERE version = 1";
        match &t.store().pool {
            store::Pool::Sqlite(p) => sqlx::query(sql).execute(p).await.map(|_| ()).unwrap(),
            store::Pool::Postgres(p) => sqlx::query(sql).execute(p).await.map(|_| ()).unwrap(),
        }
        let v = t.client().get(&format!("/api/v1/meetings/{id}/protocol/verify")).await.json();
        assert_eq!(v["valid"], false);
        assert_eq!(v["versions"][0]["matches"], false);

        // OParl: the meeting with its agenda items, the decision public once adjusted.
        let o = t.client().get(&format!("/oparl/v1.1/meeting/{id}")).await;
        o.assert_status(200);
        let o = o.json();
        assert_eq!(o["type"], "https://schema.oparl.org/1.1/Meeting");
        assert_eq!(o["start"], "2024-10-11T09:00:00+02:00");
        assert_eq!(o["agendaItem"][0]["number"], "§ 3");
        assert!(o["agendaItem"][0]["resolutionText"].as_str().unwrap().contains("enligt förslaget"));
        let list = t.client().get("/oparl/v1.1/agenda-item").await.json();
        assert_eq!(list["data"].as_array().unwrap().len(), 2);
        assert_eq!(list["data"][0]["meeting"], format!("http://localhost/oparl/v1.1/meeting/{id}"));
        t.client().get("/oparl/v1.1/file").await.assert_status(200);
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
        // Readable by all: the meeting, its agenda; the protocol not before the meeting is held.
        t.client().get(&format!("/api/v1/meetings/{id}")).await.assert_status(200);
        t.client().get(&format!("/api/v1/meetings/{id}/agenda")).await.assert_status(200);
        t.client().get(&format!("/api/v1/meetings/{id}/protocol")).await.assert_status(401);
        api.json(Method::DELETE, &format!("/api/v1/meetings/{id}"), &json!({})).await.assert_status(204);
        assert_eq!(t.count("meetings").await, 0);
    }
}

#[tokio::test]
async fn the_demo_holds_the_seed_meeting_adjusted_and_announced() {
    for t in TestApp::each_engine().await {
        demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        let api = &mut t.client();
        let list = api.get("/api/v1/meetings?from=2024-10-11&to=2024-10-11").await.json();
        let m = &list["items"][0];
        assert_eq!(m["body_name"], "Kommunalt forum");
        assert_eq!(m["status"], "announced");
        assert_eq!(m["adjusted_on"], "2024-10-18");
        let p = api.get(&format!("/api/v1/meetings/{}/protocol", m["id"])).await.json();
        let paragraphs = p["protocol"]["paragraphs"].as_array().unwrap();
        assert_eq!(paragraphs.len(), 11);
        assert_eq!(paragraphs[8]["title"], "Sammanträdesdatum 2025 Kommunalt forum");
        assert_eq!(paragraphs[8]["case_number"], "RJL 2024/3340");
        // § 4–8 refer to the presentations, bilaga 2–6 as in the seed, which can be downloaded.
        assert_eq!(paragraphs[3]["attachments"][0]["number"], 2);
        assert_eq!(paragraphs[7]["attachments"][0]["number"], 6);
        assert_eq!(paragraphs[7]["attachments"][0]["title"], "Regional plan för transportinfrastruktur");
        let files = api.get(&format!("/api/v1/meetings/{}/attachments", m["id"])).await.json();
        let first = &files["items"][0];
        assert_eq!(first["mime"], "application/pdf");
        let download = api.get(&format!("/bilagor/{}/{}", first["id"], first["file_name"].as_str().unwrap())).await;
        download.assert_status(200);
        check_pdf(&download.bytes);
        assert_eq!(p["approvals"].as_array().unwrap().len(), 3);
        assert!(p["approvals"][0]["approved_at"].as_str().unwrap().starts_with("2024-10-18T"), "{}", p["approvals"]);
        assert_eq!(api.get(&format!("/api/v1/meetings/{}/protocol/verify", m["id"])).await.json()["valid"], true);
        // The notice as a tagged PDF.
        let pdf = api.get(&format!("/moten/{}/kallelse.pdf", m["id"])).await;
        pdf.assert_status(200);
        assert_eq!(pdf.headers["content-type"], "application/pdf");
        let info = check_pdf(&pdf.bytes);
        assert!(info.contains("Kallelse Kommunalt forum 2024-10-11"), "{info}");
        // Its 2025 plan is § 9's; one protocol of Östergötland waits for adjustment.
        let plan = api.get(&format!("/api/v1/bodies/{}/meeting-plan/2025", m["body_id"])).await.json();
        assert_eq!(plan["dates"][0], "2025-02-07");
        let all = api.get("/api/v1/meetings?from=2025-01-01&to=2026-12-31").await.json();
        let waiting: Vec<&Value> =
            all["items"].as_array().unwrap().iter().filter(|m| m["status"] == "protocol_drafted").collect();
        assert_eq!(waiting.len(), 1);
        assert_eq!(waiting[0]["body_name"], "Samrådet för strategiska frågor");
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
