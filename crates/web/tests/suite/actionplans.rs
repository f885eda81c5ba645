//! Action plans, follow-up rounds and the annual report over HTTP on both engines (issue 13,
//! ADR 51): a forum's member draws up the forum's plan with focus areas and activities linked to
//! the strategy and to an indicator with Kolada's real values (`data/kolada/`); an activity not
//! done when its period has ended shows as late; a body opens a round ("före 2024-11-08" in seed
//! 003), the forum is reminded by the morning's job (once a day) and answers, which sets its
//! activities' status; the annual report counts what is missing ("% ready"), takes the areas'
//! texts from the strategy's owners, and is served as HTML, JSON and a tagged PDF. Outsiders are
//! refused, bad input is named at its field, every write is audited.

use crate::common;

use axum::http::Method;
use common::*;
use domain::ids::{PersonId, UserId};
use serde_json::{Value, json};
use store::Actor;

const N00401: &str = include_str!("../../../../data/kolada/data/N00401.json");

struct World {
    admin: Client,
    forum: i64,
    reko: i64,
    strategy: i64,
    area: i64,
    priority: i64,
    indicator: i64,
}

async fn post(c: &mut Client, path: &str, body: Value) -> Value {
    let r = c.json(Method::POST, path, &body).await;
    assert_eq!(r.status, 201, "{path}: {}", r.body);
    r.json()
}

async fn world(t: &TestApp) -> World {
    let mut admin = t.admin().await;
    let region = post(
        &mut admin,
        "/api/v1/organisations",
        json!({"name": "Region Jönköpings län", "kind": "region", "code": "06"}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let forum =
        post(&mut admin, "/api/v1/bodies", json!({"name": "Strategigrupp Äldre", "kind": "consultation_group"})).await
            ["id"]
            .as_i64()
            .unwrap();
    let reko = post(&mut admin, "/api/v1/bodies", json!({"name": "ReKo", "kind": "consultation_group"})).await["id"]
        .as_i64()
        .unwrap();
    let person = post(
        &mut admin,
        "/api/v1/people",
        json!({"name": "Ola Götesson", "organisation_id": region, "email": "ola@rjl.se"}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let r = admin
        .json(
            Method::POST,
            &format!("/api/v1/bodies/{forum}/memberships"),
            &json!({"person_id": person, "organisation_id": region, "role": "member", "start": "2024-01-01"}),
        )
        .await;
    r.assert_status(201);
    let uid = t.user("forum@test.se", false).await;
    t.store().link_user_person(UserId(uid), Some(PersonId(person)), &Actor::system("test")).await.unwrap();
    t.user("annan@test.se", false).await;
    let strategy = post(
        &mut admin,
        "/api/v1/strategies",
        json!({"owner_id": region, "title": "Regional utvecklingsstrategi för Jönköpings län 2020–2035",
               "vision": "Sveriges mest hållbara, attraktiva och tillgängliga län", "first_year": 2020, "last_year": 2035, "status": "adopted"}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let area = post(
        &mut admin,
        &format!("/api/v1/strategies/{strategy}/nodes"),
        json!({"kind": "area", "title": "En hållbar region"}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let priority = post(
        &mut admin,
        &format!("/api/v1/strategies/{strategy}/nodes"),
        json!({"kind": "priority", "title": "Minskad klimatpåverkan", "parent_id": area}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let indicator = post(
        &mut admin,
        "/api/v1/indicators",
        json!({"title": "Utsläpp till luft av växthusgaser totalt, ton CO2-ekv/inv", "unit": "ton/inv", "source": "kolada",
               "kolada_kpi": "N00401", "direction": "decrease", "geography": "0006", "baseline_year": 2015,
               "baseline_value": 4.84104622, "target_year": 2030, "target_value": 2, "published": true}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let csrf = admin.csrf().await;
    let r = admin
        .send_with(
            Method::POST,
            &format!("/api/v1/indicators/{indicator}/imports?format=kolada&file_name=N00401.json"),
            Some("application/json"),
            N00401.as_bytes().to_vec(),
            &[("x-csrf-token", csrf.as_str())],
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    // The node is followed up by the indicator.
    let r = admin
        .json(
            Method::PUT,
            &format!("/api/v1/strategies/{strategy}/nodes/{priority}"),
            &json!({"kind": "priority", "title": "Minskad klimatpåverkan", "parent_id": area, "indicators": [indicator]}),
        )
        .await;
    r.assert_status(200);
    assert_eq!(r.json()["indicators"][0]["id"], indicator);
    World { admin, forum, reko, strategy, area, priority, indicator }
}

async fn signed_in(t: &TestApp, email: &str) -> Client {
    let mut c = t.client();
    c.login(email, PASSWORD).await;
    c
}

fn worker_at(t: &TestApp, days: i64) -> web::App {
    let at = t.store().now() + time::Duration::days(days);
    web::App { store: t.app.store.clone().with_clock(store::Clock::starting_at(at)), ..t.app.clone() }
}

async fn reminders(t: &TestApp) -> Vec<store::mail::OutboxMessage> {
    t.store().outbox(500).await.unwrap().into_iter().filter(|m| m.kind == "followup.reminder").collect()
}

/// The forum's plan 2025–2027 with a focus area and two activities (one ended without being
/// done); returns (plan, activity on time, activity late).
async fn plan(w: &World, forum: &mut Client) -> (i64, i64, i64) {
    let r = forum
        .post_form(
            "/handlingsplaner",
            &[
                ("body_id", &w.forum.to_string()),
                ("title", "Handlingsplan Strategigrupp Äldre 2025–2027"),
                ("first_year", "2025"),
                ("last_year", "2027"),
                ("published", "on"),
                ("idempotency_key", "plan-1"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let plan = id_in(&r.location());
    let area =
        post(forum, &format!("/api/v1/action-plans/{plan}/areas"), json!({"title": "Bästa platsen att leva på!"}))
            .await["id"]
            .as_i64()
            .unwrap();
    let activity = json!({"area_id": area, "title": "Gemensam kraft i socialt utmanade bostadsområden", "starts_on": "2025-01-01",
                          "ends_on": "2027-12-31", "status": "started", "progress": 40, "nodes": [w.priority], "indicators": [w.indicator]});
    let csrf = forum.csrf().await;
    let headers = [("idempotency-key", "act-1"), ("x-csrf-token", csrf.as_str())];
    let path = format!("/api/v1/action-plans/{plan}/activities");
    let mut ids = Vec::new();
    for _ in 0..2 {
        let r = forum
            .send_with(Method::POST, &path, Some("application/json"), activity.to_string().into_bytes(), &headers)
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
        ids.push(r.json()["id"].as_i64().unwrap());
    }
    assert_eq!(ids[0], ids[1], "a retry with the same key is the same activity");
    let late = post(
        forum,
        &path,
        json!({"title": "Fortsatt utveckling av främjande mötesplatser", "starts_on": "2025-01-01", "ends_on": "2025-12-31",
               "status": "not_started", "nodes": [w.area]}),
    )
    .await;
    assert_eq!(late["shown_status"], "late", "ended 2025-12-31, not done on {TODAY}");
    (plan, ids[0], late["id"].as_i64().unwrap())
}

#[tokio::test]
async fn a_forums_plan_its_follow_up_round_and_the_reminders() {
    for t in TestApp::each_engine().await {
        let mut w = world(&t).await;
        let mut forum = signed_in(&t, "forum@test.se").await;
        let mut other = signed_in(&t, "annan@test.se").await;
        let (plan, ontime, late) = plan(&w, &mut forum).await;

        // Someone outside the forum neither creates its plans (refused at the forum) nor edits them.
        let body = json!({"body_id": w.forum, "title": "X", "first_year": 2025, "last_year": 2027});
        let r = other.json(Method::POST, "/api/v1/action-plans", &body).await;
        assert_eq!(r.assert_status(422).error(), ("not_your_forum".to_string(), Some("body_id".to_string())));
        other
            .json(Method::POST, &format!("/api/v1/action-plans/{plan}/areas"), &json!({"title": "Y"}))
            .await
            .assert_status(403);
        t.client().json(Method::POST, "/api/v1/action-plans", &body).await.assert_status(401);
        // Bad input is named at its field, in the form (re-shown, 422) and in the API.
        let r = forum
            .post_form(
                "/handlingsplaner",
                &[("body_id", &w.forum.to_string()), ("first_year", "2027"), ("last_year", "2025")],
            )
            .await;
        r.assert_status(422)
            .assert_contains("Planen kan inte sluta innan den börjar.")
            .assert_contains("f-title-error");
        let r = forum
            .json(
                Method::POST,
                &format!("/api/v1/action-plans/{plan}/activities"),
                &json!({"title": "Z", "starts_on": "2025-01-01", "ends_on": "2025-02-01", "progress": 140}),
            )
            .await;
        assert_eq!(r.status, 422);
        assert_eq!(r.error(), ("invalid_progress".to_string(), Some("progress".to_string())));
        let r = forum
            .json(
                Method::POST,
                &format!("/api/v1/action-plans/{plan}/activities"),
                &json!({"title": "Z", "starts_on": "2025-01-01", "ends_on": "2025-02-01", "indicators": [999999]}),
            )
            .await;
        assert_eq!(r.error(), ("unknown_indicator".to_string(), Some("indicators".to_string())));

        // Everyone reads the published plan: late derived from the day, progress, links.
        let page = t.client().get(&format!("/handlingsplaner/{plan}")).await;
        page.assert_status(200)
            .assert_contains("Bästa platsen att leva på!")
            .assert_contains("Försenad")
            .assert_contains("Påbörjad")
            .assert_contains("value=\"40\"")
            .assert_contains(&format!("/strategier/{}/delar/{}", w.strategy, w.priority))
            .assert_lacks("aktiviteter/ny");
        // The node shows its indicator with a chart and the activity linked to it.
        let node = t.client().get(&format!("/strategier/{}/delar/{}", w.strategy, w.priority)).await;
        node.assert_status(200)
            .assert_contains("Utsläpp till luft av växthusgaser")
            .assert_contains("<svg")
            .assert_contains("Gemensam kraft i socialt utmanade bostadsområden");
        // An unpublished plan is not found by visitors.
        let hidden = post(
            &mut forum,
            "/api/v1/action-plans",
            json!({"body_id": w.forum, "title": "Utkast 2028–2030", "first_year": 2028, "last_year": 2030}),
        )
        .await;
        let hidden = hidden["id"].as_i64().unwrap();
        t.client().get(&format!("/handlingsplaner/{hidden}")).await.assert_status(404);
        forum.get(&format!("/handlingsplaner/{hidden}")).await.assert_status(200);
        t.client().get("/api/v1/action-plans").await.assert_lacks("Utkast 2028");

        // ReKo asks the forums; only the strategy owners or ReKo's secretary may.
        let due = (TODAY + time::Duration::days(4)).to_string();
        let round = json!({"body_id": w.reko, "title": "Uppföljning av handlingsplaner 2025–2027", "year": 2026, "due_on": due});
        other.json(Method::POST, "/api/v1/action-plans/rounds", &round).await.assert_status(403);
        let bad = json!({"body_id": w.reko, "title": "", "year": 2026, "due_on": "2020-01-01"});
        let r = w.admin.json(Method::POST, "/api/v1/action-plans/rounds", &bad).await;
        assert_eq!(r.status, 422);
        let r = w
            .admin
            .json(
                Method::POST,
                "/api/v1/action-plans/rounds",
                &json!({"body_id": w.reko, "title": "T", "year": 2040, "due_on": due}),
            )
            .await;
        assert_eq!(r.error(), ("no_plans".to_string(), Some("year".to_string())));
        let r = post(&mut w.admin, "/api/v1/action-plans/rounds", round).await;
        let round = r["id"].as_i64().unwrap();
        assert_eq!(r["requests"].as_array().unwrap().len(), 1, "the published plan covering 2026 only: {r}");
        assert_eq!(r["requests"][0]["state"], "waiting");

        // Three days before the due day, the forum's member is reminded — once, however many
        // workers run the morning's job.
        web::jobs::run_due_jobs(&worker_at(&t, 1)).await;
        web::jobs::run_due_jobs(&worker_at(&t, 1)).await;
        let sent = reminders(&t).await;
        assert_eq!(sent.len(), 1, "{}: {sent:?}", t.engine);
        assert_eq!(sent[0].recipient, "ola@rjl.se");
        assert!(sent[0].subject.starts_with("Påminnelse"), "{}", sent[0].subject);
        assert!(sent[0].text_body.contains(&format!("/uppfoljningar/{round}/svar/{plan}")), "{}", sent[0].text_body);
        web::jobs::run_due_jobs(&worker_at(&t, 2)).await;
        assert_eq!(reminders(&t).await.len(), 1, "not on the days between");
        // The day after the due day, the round shows the forum late and it is reminded again.
        let later = worker_at(&t, 5);
        web::jobs::run_due_jobs(&later).await;
        let sent = reminders(&t).await;
        assert_eq!(sent.len(), 2);
        assert!(sent.iter().any(|m| m.subject.starts_with("Försenad uppföljning")), "{sent:?}");

        // The forum answers: a bad progress is shown at its line; then the answer sets the
        // activities' status.
        let answer = format!("/uppfoljningar/{round}/svar/{plan}");
        other.get(&answer).await.assert_status(403);
        let api = format!("/api/v1/action-plans/rounds/{round}/answers/{plan}");
        let r = forum.json(Method::PUT, &api, &json!({"summary": "S", "lines": {"activity_id": ontime}})).await;
        assert_eq!(r.assert_status(422).error(), ("wrong_type".to_string(), Some("lines".to_string())));
        let form = forum.get(&answer).await;
        form.assert_status(200).assert_contains("Gemensam kraft i socialt utmanade bostadsområden");
        let (s1, p1, s2, p2) = (
            format!("status_{ontime}"),
            format!("progress_{ontime}"),
            format!("status_{late}"),
            format!("progress_{late}"),
        );
        let r = forum
            .post_form(&answer, &[("summary", ""), (&s1, "started"), (&p1, "abc"), (&s2, "done"), (&p2, "")])
            .await;
        r.assert_status(422)
            .assert_contains("Skriv ett heltal från 0 till 100.")
            .assert_contains(&format!("f-{p1}-error"));
        let r = forum
            .post_form(
                &answer,
                &[
                    ("summary", "Mötesplatserna är klara; bostadsområdena löper in i nästa plan."),
                    (&s1, "started"),
                    (&p1, "70"),
                    (&s2, "done"),
                    (&p2, ""),
                ],
            )
            .await;
        r.assert_status(303);
        let p = forum.get(&format!("/api/v1/action-plans/{plan}")).await.json();
        let status: Vec<(i64, String, i64)> = p["activities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["id"].as_i64().unwrap(),
                    a["shown_status"].as_str().unwrap().to_string(),
                    a["progress"].as_i64().unwrap(),
                )
            })
            .collect();
        assert!(status.contains(&(ontime, "started".into(), 70)), "{status:?}");
        assert!(status.contains(&(late, "done".into(), 100)), "done is complete: {status:?}");
        let r = forum.get(&format!("/api/v1/action-plans/rounds/{round}")).await.json();
        assert_eq!(r["requests"][0]["state"], "answered");
        forum
            .get(&format!("/uppfoljningar/{round}"))
            .await
            .assert_contains("Svarat")
            .assert_contains("Mötesplatserna är klara");
        // Answered: no more reminders.
        web::jobs::run_due_jobs(&worker_at(&t, 12)).await;
        assert_eq!(reminders(&t).await.len(), 2);
        // Every write is in the log.
        let log = w.admin.get("/api/v1/audit?limit=200").await.body;
        for action in [
            "action_plan.create",
            "action_plan.area",
            "action_activity.create",
            "followup_round.create",
            "followup.answer",
        ] {
            assert!(log.contains(action), "{action} missing from the log");
        }
    }
}

#[tokio::test]
async fn a_plan_is_edited_and_refused_input_is_kept_where_it_was_typed() {
    for t in TestApp::each_engine().await {
        let mut w = world(&t).await;
        let mut forum = signed_in(&t, "forum@test.se").await;
        let mut other = signed_in(&t, "annan@test.se").await;
        let (plan, _, _) = plan(&w, &mut forum).await;

        // The form offers only the forums one works in; another forum is refused at its field
        // with the title as typed.
        let form = forum.get("/handlingsplaner/ny").await;
        form.assert_status(200).assert_contains("Strategigrupp Äldre").assert_lacks(">ReKo<");
        let r = forum
            .post_form(
                "/handlingsplaner",
                &[
                    ("body_id", &w.reko.to_string()),
                    ("title", "Handlingsplan ReKo 2025–2027"),
                    ("first_year", "2025"),
                    ("last_year", "2027"),
                ],
            )
            .await;
        r.assert_status(422)
            .assert_contains("f-body_id-error")
            .assert_contains("Du kan bara skapa handlingsplaner för forum du arbetar i.")
            .assert_contains("value=\"Handlingsplan ReKo 2025–2027\"");

        // The plan is edited in the browser and through the API; its forum stays.
        let edit = format!("/handlingsplaner/{plan}/redigera");
        forum.get(&format!("/handlingsplaner/{plan}")).await.assert_contains(&edit);
        other.get(&edit).await.assert_status(403);
        let page = forum.get(&edit).await;
        page.assert_status(200).assert_contains("value=\"Handlingsplan Strategigrupp Äldre 2025–2027\"");
        let r = forum
            .post_form(
                &edit,
                &[("title", "Handlingsplan Äldre, reviderad"), ("first_year", "2026"), ("last_year", "2025")],
            )
            .await;
        r.assert_status(422)
            .assert_contains("Planen kan inte sluta innan den börjar.")
            .assert_contains("value=\"Handlingsplan Äldre, reviderad\"");
        let r = forum
            .post_form(
                &edit,
                &[
                    ("body_id", &w.reko.to_string()),
                    ("title", "Handlingsplan Äldre, reviderad"),
                    ("summary", "Reviderad efter uppföljningen."),
                    ("first_year", "2025"),
                    ("last_year", "2027"),
                    ("published", "on"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{}", r.body);
        let api = format!("/api/v1/action-plans/{plan}");
        let p = forum.get(&api).await.json();
        assert_eq!(
            (p["title"].as_str(), p["body"]["id"].as_i64()),
            (Some("Handlingsplan Äldre, reviderad"), Some(w.forum))
        );
        let change = json!({"title": "Handlingsplan Äldre 2025–2028", "first_year": 2025, "last_year": 2028, "published": false});
        other.json(Method::PUT, &api, &change).await.assert_status(403);
        let r = forum.json(Method::PUT, &api, &json!({"title": "", "first_year": 2025, "last_year": 2028})).await;
        assert_eq!(r.assert_status(422).error().1.as_deref(), Some("title"));
        let r = forum.json(Method::PUT, &api, &change).await;
        r.assert_status(200);
        assert_eq!((r.json()["last_year"].as_i64(), r.json()["published"].as_bool()), (Some(2028), Some(false)));
        t.client().get(&format!("/handlingsplaner/{plan}")).await.assert_status(404);
        assert!(w.admin.get("/api/v1/audit?limit=200").await.body.contains("action_plan.update"));

        // A refused focus area is shown on the plan's page at its field, with the title typed.
        let long = "Ö".repeat(201);
        let r = forum.post_form(&format!("/handlingsplaner/{plan}/fokusomraden"), &[("title", &long)]).await;
        r.assert_status(422).assert_contains("f-title-error").assert_contains(&long);

        // A refused area text in the report is shown at that area's field, as typed.
        let long = "x".repeat(8001);
        let r = w
            .admin
            .post_form(&format!("/strategier/{}/rapport/2026/omraden/{}", w.strategy, w.area), &[("text", &long)])
            .await;
        r.assert_status(422).assert_contains(&format!("f-text_{}-error", w.area)).assert_contains(&long);

        // A round asks only the forums of the asking body's county.
        let county_body = post(
            &mut w.admin,
            "/api/v1/bodies",
            json!({"name": "Länsstyrgrupp Kalmar", "kind": "consultation_group", "county_code": "08"}),
        )
        .await["id"]
            .as_i64()
            .unwrap();
        forum
            .json(
                Method::PUT,
                &api,
                &json!({"title": "Plan", "first_year": 2025, "last_year": 2027, "published": true}),
            )
            .await
            .assert_status(200);
        let due = (TODAY + time::Duration::days(4)).to_string();
        let r = w
            .admin
            .json(
                Method::POST,
                "/api/v1/action-plans/rounds",
                &json!({"body_id": county_body, "title": "T", "year": 2026, "due_on": due}),
            )
            .await;
        assert_eq!(r.error(), ("no_plans".to_string(), Some("year".to_string())), "the forum is not in county 08");
    }
}

#[tokio::test]
async fn the_annual_report_counts_what_is_missing_and_is_a_tagged_pdf() {
    for t in TestApp::each_engine().await {
        let mut w = world(&t).await;
        let mut forum = signed_in(&t, "forum@test.se").await;
        let (plan, ontime, late) = plan(&w, &mut forum).await;
        let base = format!("/api/v1/strategies/{}/report/2022", w.strategy);
        // One area, no text; two live activities, none followed up in 2022; one indicator with
        // Kolada's value for 2022 (the latest year of the file).
        let r = w.admin.get(&format!("{base}/readiness")).await;
        r.assert_status(200);
        let j = r.json();
        assert_eq!(
            j["readiness"]["counts"],
            json!({"areas": 1, "areas_with_text": 0, "activities": 2, "activities_followed_up": 0, "indicators": 1, "indicators_with_value": 1})
        );
        assert_eq!(j["readiness"]["percent"], 25);
        assert_eq!(j["areas"][0]["activities_missing_followup"].as_array().unwrap().len(), 2);
        // A cancelled activity is not asked for; the owner writes the area's text.
        let r = forum
            .json(Method::PUT, &format!("/api/v1/action-plans/{plan}/activities/{late}"), &json!({"title": "Fortsatt utveckling av främjande mötesplatser", "starts_on": "2025-01-01", "ends_on": "2025-12-31", "status": "cancelled", "nodes": [w.area]}))
            .await;
        assert_eq!(r.json()["shown_status"], "cancelled");
        let text = "Utsläppen minskar men inte i den takt som behövs.";
        forum.json(Method::PUT, &format!("{base}/areas/{}", w.area), &json!({"text": text})).await.assert_status(403);
        let r = w.admin.json(Method::PUT, &format!("{base}/areas/{}", w.priority), &json!({"text": text})).await;
        r.assert_status(404);
        let r = w.admin.json(Method::PUT, &format!("{base}/areas/{}", w.area), &json!({"text": text})).await;
        r.assert_status(200);
        assert_eq!(r.json()["readiness"]["percent"], 66, "text and value of 3 asked for");
        let r =
            w.admin.json(Method::PUT, &format!("{base}/areas/{}", w.area), &json!({"text": "x".repeat(8001)})).await;
        assert_eq!(r.error().1.as_deref(), Some("text"));

        // The report: HTML for everyone, with the text, the goals, the indicator's chart and
        // the activity under way; the "% ready" view for members only; the PDF.
        let page = t.client().get(&format!("/strategier/{}/rapport/2022", w.strategy)).await;
        page.assert_status(200)
            .assert_contains(text)
            .assert_contains("Minskad klimatpåverkan")
            .assert_contains("<svg")
            .assert_contains("Gemensam kraft i socialt utmanade bostadsområden")
            .assert_contains("2010:630");
        let status = format!("/strategier/{}/rapport/2022/status", w.strategy);
        assert_ne!(t.client().get(&status).await.status, 200);
        w.admin.get(&status).await.assert_status(200).assert_contains("66 %").assert_contains("Uppföljning saknas");
        let r = w
            .admin
            .post_form(&format!("/strategier/{}/rapport/2022/omraden/{}", w.strategy, w.area), &[("text", "")])
            .await;
        r.assert_status(303);
        let pdf = t.client().get(&format!("/strategier/{}/rapport/2022/rapport.pdf", w.strategy)).await;
        pdf.assert_status(200);
        let info = check_pdf(&pdf.bytes);
        assert!(info.contains("Title:           Årlig uppföljning 2022 – Regional utvecklingsstrategi"), "{info}");
        // The indicator's chart is a tagged figure, its alt text the title and the chart's
        // summary (the values stay as text in the chart's table, as on the page).
        let alts = pdf_figure_alts(&pdf.bytes);
        assert_eq!(alts.len(), 1, "{alts:?}");
        assert!(alts[0].starts_with("Utsläpp till luft av växthusgaser totalt, ton CO2-ekv/inv. "), "{alts:?}");
        assert!(alts[0].len() > 100, "with the chart's summary: {alts:?}");
        t.client().get(&format!("/strategier/{}/rapport/3000", w.strategy)).await.assert_status(404);
        let _ = ontime;
    }
}
