//! A case's path through the consultation structure over HTTP on both engines (issue 11, seed
//! 001 § 6.2, ADR 47): an officer records what the case concerns and the proposed path is kept
//! as steps; the case page and `/api/v1/cases/{id}/routing` show it as a timeline with each
//! step's status and links to where it was handled; a deviation (add, remove, change, skip)
//! needs its reason, which the timeline shows; every field's bad input is named in Swedish and
//! English; others are refused; every change is audited.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::{Value, json};

/// The steps of a timeline as "kind:line" (or "kind"), with their statuses.
fn steps(timeline: &Value) -> Vec<(String, String)> {
    timeline["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let code = match s["line"].as_str() {
                Some(l) => format!("{}:{l}", s["kind"].as_str().unwrap()),
                None => s["kind"].as_str().unwrap().to_string(),
            };
            (code, s["status"].as_str().unwrap().to_string())
        })
        .collect()
}

fn step_id(timeline: &Value, kind: &str) -> i64 {
    timeline["steps"].as_array().unwrap().iter().find(|s| s["kind"] == kind).unwrap()["id"].as_i64().unwrap()
}

fn planned(codes: &[&str]) -> Vec<(String, String)> {
    codes.iter().map(|c| (c.to_string(), "planned".to_string())).collect()
}

/// The RUS's traits (seed 000): a development strategy the boards decide on.
fn rus() -> Value {
    json!({"strategy": "development_strategy", "needs_board_decisions": true})
}

#[tokio::test]
async fn the_recorded_traits_propose_a_path_shown_as_a_timeline_with_its_handling() {
    for t in TestApp::each_engine().await {
        let RegisteredCase { mut api, mut admin, case, number, body, .. } = registered_case(&t).await;
        // Kommunalt forum (a consultation group) had the case on an agenda.
        let meeting = api
            .json(
                Method::POST,
                &format!("/api/v1/bodies/{body}/meetings"),
                &json!({"date": (TODAY - time::Duration::days(5)).to_string(), "start": "09:00", "place": "Regionens hus"}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        api.json(
            Method::POST,
            &format!("/api/v1/meetings/{meeting}/agenda"),
            &json!({"title": "Regional utvecklingsstrategi", "kind": "decision", "case_number": number}),
        )
        .await
        .assert_status(201);

        let url = format!("/api/v1/cases/{case}/routing");
        let none = t.client().get(&url).await;
        assert_eq!((none.json()["recorded"].clone(), none.json()["steps"].clone()), (json!(false), json!([])));
        t.client().get(&format!("/diarium/{case}")).await.assert_contains("Ärendets gång är inte registrerad.");

        // The form on the case page records the traits.
        let page = format!("/diarium/{case}/gang");
        admin
            .post_form(&page, &[("needs_board_decisions", "on"), ("strategy", "development_strategy")])
            .await
            .assert_status(303);
        let tl = t.client().get(&url).await.assert_status(200).json();
        assert_eq!(steps(&tl), planned(&["prepare:strategic", "handle:strategic", "decide"]));
        assert_eq!(tl["traits"]["strategy"], "development_strategy");
        // The consultation group's agenda item is where the handling step was handled.
        let handle = &tl["steps"][1];
        let href = handle["links"][0]["href"].as_str().unwrap_or_default();
        assert!(href.starts_with(&format!("/moten/{meeting}#item-")), "{tl}");
        assert!(tl["steps"][0]["links"].as_array().unwrap().is_empty());

        // The public sees the timeline and the principles, and none of the forms.
        let html = t.client().get(&format!("/diarium/{case}")).await;
        html.assert_status(200)
            .assert_contains("Beredning i ledningsgruppen för strategiska frågor")
            .assert_contains("Behandling i samrådet för strategiska frågor")
            .assert_contains("regional strategi som omfattar länet")
            .assert_contains(&format!("/moten/{meeting}#item-"))
            .assert_lacks("/gang/avvikelse");
        admin.get(&format!("/diarium/{case}")).await.assert_contains("/gang/avvikelse").assert_contains(" checked>");

        // The same traits again change nothing; other traits replace the steps by their proposal.
        let again = api.json(Method::PUT, &url, &rus()).await.assert_status(200).json();
        assert_eq!(again["steps"], tl["steps"]);
        let care = api.json(Method::PUT, &url, &json!({"within_care": true})).await.assert_status(200).json();
        assert_eq!(steps(&care), planned(&["prepare:care", "handle:care"]));

        let f = store::audit::AuditFilter { entity_type: Some("case".into()), ..Default::default() };
        let actions: Vec<String> =
            t.store().audit_events(&f, 50).await.unwrap().items.into_iter().map(|e| e.action).collect();
        assert_eq!(actions.iter().filter(|a| *a == "case.route.traits").count(), 2, "{actions:?}");
    }
}

#[tokio::test]
async fn a_deviation_keeps_its_reason_on_the_timeline_and_a_retry_is_one_deviation() {
    for t in TestApp::each_engine().await {
        let RegisteredCase { mut api, mut admin, case, .. } = registered_case(&t).await;
        let url = format!("/api/v1/cases/{case}/routing");
        let tl = api.json(Method::PUT, &url, &rus()).await.json();

        // Add a referral: Norrköping wants formal views (§ 6.2), with an idempotency key.
        let body =
            json!({"action": "add", "kind": "referral", "reason": "Norrköpings kommun vill yttra sig formellt."});
        let headers = [("idempotency-key", "dev-1")];
        let first = api
            .send_with(
                Method::POST,
                &format!("{url}/deviations"),
                Some("application/json"),
                body.to_string().into_bytes(),
                &headers,
            )
            .await;
        first.assert_status(201);
        let again = api
            .send_with(
                Method::POST,
                &format!("{url}/deviations"),
                Some("application/json"),
                body.to_string().into_bytes(),
                &headers,
            )
            .await;
        again.assert_status(201);
        let tl2 = again.json();
        assert_eq!(steps(&tl2), planned(&["prepare:strategic", "handle:strategic", "referral", "decide"]));
        assert_eq!(tl2["deviations"].as_array().unwrap().len(), 1, "{tl2}");
        assert_eq!(tl2["steps"][2]["proposed"], false);

        // Change the preparation to the care line, then remove it; each needs its reason.
        let prepare = step_id(&tl, "prepare");
        let change = json!({"action": "change", "step": prepare, "kind": "prepare", "line": "care", "reason": "Frågan gäller vårdens ansvarsfördelning i praktiken."});
        api.json(Method::POST, &format!("{url}/deviations"), &change).await.assert_status(201);
        let r =
            api.json(Method::POST, &format!("{url}/deviations"), &json!({"action": "remove", "step": prepare})).await;
        r.assert_status(422);
        assert_eq!(r.error(), ("reason_required".into(), Some("reason".into())));
        let tl3 = api
            .json(
                Method::POST,
                &format!("{url}/deviations"),
                &json!({"action": "remove", "step": prepare, "reason": "Beredd direkt i samrådet."}),
            )
            .await
            .assert_status(201)
            .json();
        assert_eq!(steps(&tl3), planned(&["handle:strategic", "referral", "decide"]));
        let actions: Vec<&str> =
            tl3["deviations"].as_array().unwrap().iter().map(|d| d["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["add", "change", "remove"]);

        // Step statuses: done, and a skip with its reason; a skip without one is refused.
        let handle = step_id(&tl3, "handle");
        let step_url = format!("{url}/steps/{handle}");
        api.json(Method::PATCH, &step_url, &json!({"status": "done"})).await.assert_status(200);
        let decide = format!("{url}/steps/{}", step_id(&tl3, "decide"));
        let r = api.json(Method::PATCH, &decide, &json!({"status": "skipped"})).await;
        r.assert_status(422);
        assert_eq!(r.error().1.as_deref(), Some("note"));
        let tl4 = api
            .json(Method::PATCH, &decide, &json!({"status": "skipped", "note": "Ärendet drogs tillbaka av regionen."}))
            .await
            .assert_status(200)
            .json();
        assert_eq!(
            steps(&tl4),
            [("handle:strategic", "done"), ("referral", "planned"), ("decide", "skipped")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        api.json(Method::PATCH, &format!("{url}/steps/999999"), &json!({"status": "done"})).await.assert_status(404);

        // The page shows every reason and the step's status.
        let html = t.client().get(&format!("/diarium/{case}")).await;
        html.assert_contains("Norrköpings kommun vill yttra sig formellt.")
            .assert_contains("Beredd direkt i samrådet.")
            .assert_contains("Ärendet drogs tillbaka av regionen.")
            .assert_contains("Steg överhoppat")
            .assert_contains("Tillagt genom avvikelse");

        // The page's forms: a refused post is shown again with the error at the field and the
        // values kept; a good one goes back to the timeline.
        let r = admin
            .post_form(
                &format!("/diarium/{case}/gang/avvikelse"),
                &[("action", "add"), ("kind", "handle"), ("line", "care"), ("reason", ""), ("idempotency_key", "")],
            )
            .await;
        r.assert_status(422)
            .assert_contains("id=\"f-reason-error\"")
            .assert_contains("Ange skälet till avvikelsen")
            .assert_contains("<option value=\"care\" selected>");
        let r = admin
            .post_form(
                &format!("/diarium/{case}/gang/steg"),
                &[("step", &handle.to_string()), ("step_status", "skipped"), ("step_note", "")],
            )
            .await;
        r.assert_status(422).assert_contains(&format!("id=\"f-step-note-{handle}-error\""));
        admin
            .post_form(
                &format!("/diarium/{case}/gang/avvikelse"),
                &[
                    ("action", "add"),
                    ("kind", "handle"),
                    ("line", "care"),
                    ("reason", "Även vårdsamrådet ska höras."),
                    ("idempotency_key", "k2"),
                ],
            )
            .await
            .assert_status(303);

        let f = store::audit::AuditFilter { entity_type: Some("case".into()), ..Default::default() };
        let actions: Vec<String> =
            t.store().audit_events(&f, 50).await.unwrap().items.into_iter().map(|e| e.action).collect();
        assert_eq!(actions.iter().filter(|a| *a == "case.route.deviate").count(), 4, "{actions:?}");
        assert_eq!(actions.iter().filter(|a| *a == "case.route.step").count(), 2, "{actions:?}");
    }
}

#[tokio::test]
async fn every_field_of_the_path_says_what_is_wrong_in_both_languages() {
    for t in TestApp::each_engine().await {
        let RegisteredCase { mut api, case, .. } = registered_case(&t).await;
        let url = format!("/api/v1/cases/{case}/routing");
        // Before the traits there is no path to deviate from.
        let r = api
            .json(
                Method::POST,
                &format!("{url}/deviations"),
                &json!({"action": "add", "kind": "referral", "reason": "x"}),
            )
            .await;
        assert_eq!(r.assert_status(422).error(), ("no_route".into(), Some("step".into())));
        for (body, status, code, field) in [
            (json!({"strategy": "kulturplanen"}), 422, "invalid_strategy", "strategy"),
            (json!({"within_care": "ja"}), 422, "wrong_type", "within_care"),
            (json!({"colour": "red"}), 400, "unknown_field", "colour"),
        ] {
            let r = api.json(Method::PUT, &url, &body).await;
            r.assert_status(status);
            assert_eq!(r.error(), (code.to_string(), Some(field.to_string())), "{body}: {}", r.body);
        }
        let tl = api.json(Method::PUT, &url, &rus()).await.json();
        let prepare = step_id(&tl, "prepare");
        let handle = step_id(&tl, "handle");
        for (body, code, field) in [
            (json!({"kind": "referral", "reason": "x"}), "required", "action"),
            (json!({"action": "move", "reason": "x"}), "invalid_action", "action"),
            (json!({"action": "add", "kind": "vote", "reason": "x"}), "invalid_kind", "kind"),
            (json!({"action": "add", "kind": "prepare", "reason": "x"}), "line_required", "line"),
            (json!({"action": "add", "kind": "prepare", "line": "culture", "reason": "x"}), "invalid_line", "line"),
            (json!({"action": "add", "kind": "decide", "line": "care", "reason": "x"}), "line_not_allowed", "line"),
            (json!({"action": "add", "kind": "prepare", "line": "strategic", "reason": "x"}), "step_exists", "kind"),
            (json!({"action": "remove", "reason": "x"}), "required", "step"),
            (json!({"action": "remove", "step": 999999, "reason": "x"}), "unknown_step", "step"),
            (
                json!({"action": "change", "step": prepare, "kind": "prepare", "line": "strategic", "reason": "x"}),
                "no_change",
                "kind",
            ),
            (
                json!({"action": "change", "step": prepare, "kind": "handle", "line": "strategic", "reason": "x"}),
                "step_exists",
                "kind",
            ),
            (
                json!({"action": "add", "kind": "referral", "reason": "Begärt av 19121212-1212"}),
                "identity_number",
                "reason",
            ),
            (json!({"action": "add", "kind": "referral", "reason": "x".repeat(1001)}), "too_long", "reason"),
        ] {
            let r = api.json(Method::POST, &format!("{url}/deviations"), &body).await;
            r.assert_status(422);
            assert_eq!(r.error(), (code.to_string(), Some(field.to_string())), "{body}: {}", r.body);
        }
        let r = api
            .json(
                Method::POST,
                &format!("{url}/deviations"),
                &json!({"action": "remove", "step": "ett", "reason": "x"}),
            )
            .await;
        assert_eq!(r.assert_status(422).error().1.as_deref(), Some("step"));
        let r = api.json(Method::PATCH, &format!("{url}/steps/{handle}"), &json!({"status": "finished"})).await;
        assert_eq!(r.assert_status(422).error(), ("invalid_status".into(), Some("status".into())));
        // In English.
        let mut en = t.token_client("kansli-en@test.se", true).await;
        let r = en
            .send_with(
                Method::POST,
                &format!("{url}/deviations"),
                Some("application/json"),
                json!({"action": "add", "kind": "referral"}).to_string().into_bytes(),
                &[("accept-language", "en")],
            )
            .await;
        r.assert_status(422);
        assert!(r.body.contains("Give the reason for deviating from the proposed path."), "{}", r.body);
        // Nothing of it was stored.
        assert_eq!(api.get(&url).await.json()["deviations"], json!([]));
    }
}

#[tokio::test]
async fn only_the_organisations_officers_and_administrators_change_the_path() {
    for t in TestApp::each_engine().await {
        let RegisteredCase { mut api, mut admin, region, case, .. } = registered_case(&t).await;
        let url = format!("/api/v1/cases/{case}/routing");
        let mut anonymous = t.client();
        anonymous.json(Method::PUT, &url, &rus()).await.assert_status(401);
        let mut stranger = t.token_client("annan@kommun.se", false).await;
        stranger.json(Method::PUT, &url, &rus()).await.assert_status(403);
        let mut stranger_page = t.signed_in("annan2@kommun.se", false).await;
        stranger_page.post_form(&format!("/diarium/{case}/gang"), &[("within_care", "on")]).await.assert_status(403);
        stranger_page
            .get(&format!("/diarium/{case}"))
            .await
            .assert_status(200)
            .assert_lacks(&format!("/diarium/{case}/gang\""));

        // The region's registrar is one of its officers.
        let mut registrar = t.token_client("registrator@rjl.se", false).await;
        let users = t.store().users().await.unwrap();
        let user = users.into_iter().find(|u| u.email == "registrator@rjl.se").unwrap().id;
        admin
            .post_form(
                "/diarium/serier/registratorer",
                &[("registrar_organisation_id", &region.to_string()), ("user_id", &user.to_string())],
            )
            .await
            .assert_status(303);
        let tl = registrar.json(Method::PUT, &url, &rus()).await.assert_status(200).json();
        let step = step_id(&tl, "handle");
        stranger
            .json(Method::POST, &format!("{url}/deviations"), &json!({"action": "remove", "step": step, "reason": "x"}))
            .await
            .assert_status(403);
        stranger
            .json(Method::PATCH, &format!("{url}/steps/{step}"), &json!({"status": "done"}))
            .await
            .assert_status(403);
        registrar
            .json(Method::PATCH, &format!("{url}/steps/{step}"), &json!({"status": "done"}))
            .await
            .assert_status(200);
        api.get("/api/v1/cases/999999/routing").await.assert_status(404);
    }
}

#[tokio::test]
async fn the_demo_routes_the_rus_case_with_one_recorded_deviation() {
    for t in TestApp::each_engine().await {
        demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        let cases = t.client().get("/api/v1/cases?limit=100").await.json();
        let rus = cases["items"].as_array().unwrap().iter().find(|c| c["public_title"] == demo::RUS_CASE).unwrap();
        let tl = t.client().get(&format!("/api/v1/cases/{}/routing", rus["id"])).await.assert_status(200).json();
        assert_eq!(
            steps(&tl),
            [
                ("prepare:strategic", "done"),
                ("handle:strategic", "done"),
                ("referral", "planned"),
                ("decide", "planned")
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        assert_eq!(tl["steps"][2]["proposed"], false);
        let deviations = tl["deviations"].as_array().unwrap();
        assert_eq!(deviations.len(), 1, "{tl}");
        assert!(deviations[0]["reason"].as_str().unwrap().contains("formellt få lämna synpunkter"), "{tl}");
        // The boards' decisions are the joint matter sent to the municipalities.
        let links = tl["steps"][3]["links"].as_array().unwrap();
        assert!(links.iter().any(|l| l["href"].as_str().unwrap().starts_with("/samverkan/")), "{tl}");
    }
}
