//! A process's plan changed after it was made, over HTTP on both engines (issue 14): a phase's
//! title, days and place edited by its owner on its page and through the API, end before start
//! refused at its field with what was typed kept; a phase that holds milestones is not removed
//! (409, the page says why) while an empty one is, and a form sent twice leads back as the
//! first did; roles and questions removed the same way, a question that inputs answer kept;
//! nobody but the owners may do any of it; every change audited.

use crate::common;

use axum::http::Method;
use common::*;
use domain::processes::process::RoleInput;
use domain::processes::{InputFields, MilestoneFields, PhaseFields};
use serde_json::{Value, json};
use store::Actor;

use super::processes_inputs::open_process;

fn phase(title: &str, from: &str, to: &str) -> domain::processes::PhaseInput {
    PhaseFields { title: title.into(), starts_on: from.into(), ends_on: to.into(), ..Default::default() }
        .parse()
        .unwrap()
}

/// The titles of the process's phases in their order, and their places.
async fn phases(c: &mut Client, id: i64) -> Vec<(String, i64)> {
    let x = c.get(&format!("/api/v1/processes/{id}")).await.json();
    x["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["title"].as_str().unwrap().to_string(), p["order"].as_i64().unwrap()))
        .collect()
}

fn titles(v: &[(String, i64)]) -> Vec<&str> {
    v.iter().map(|(t, _)| t.as_str()).collect()
}

/// A DELETE as a signed-in page's script sends it, with the session's CSRF token.
async fn del(c: &mut Client, path: &str) -> Resp {
    let csrf = c.csrf().await;
    c.send_with(Method::DELETE, path, None, vec![], &[("x-csrf-token", &csrf)]).await
}

async fn actions(t: &TestApp, id: i64) -> std::collections::BTreeSet<String> {
    let f = store::audit::AuditFilter {
        entity_type: Some("process".into()),
        entity_id: Some(id.to_string()),
        ..Default::default()
    };
    t.store().audit_events(&f, 200).await.unwrap().items.into_iter().map(|e| e.action).collect()
}

#[tokio::test]
async fn an_owner_edits_moves_and_removes_phases_and_nobody_else_may() {
    for t in TestApp::each_engine().await {
        let id = open_process(&t).await;
        let (s, a) = (t.store(), Actor::system("test"));
        // Seed 002's review: analysis, dialogue beside it, then writing.
        let analys = s.add_phase(id, &phase("Analys", "2021-02-01", "2021-03-31"), &a).await.unwrap();
        let dialog = s.add_phase(id, &phase("Dialog/förankring", "2021-02-01", "2021-04-30"), &a).await.unwrap();
        let skriv = s.add_phase(id, &phase("Skrivprocess", "2021-05-03", "2021-06-30"), &a).await.unwrap();
        let m = MilestoneFields {
            phase_id: dialog.to_string(),
            title: "Dialogmöten klara".into(),
            planned_on: "2021-04-30".into(),
            ..Default::default()
        };
        s.add_milestone(id, &m.parse(s.today()).unwrap(), &a, None).await.unwrap();
        let mut owner = t.admin().await;
        let (here, edit) = (format!("/processer/{id}"), format!("/processer/{id}/faser/{analys}"));

        // The process page links each phase's page for its owner, and no one else.
        owner.get(&here).await.assert_status(200).assert_contains(&format!(r#"href="{edit}""#));
        assert!(!t.client().get(&here).await.body.contains(&edit));
        let page = owner.get(&edit).await;
        page.assert_status(200)
            .assert_contains(r#"value="Analys""#)
            .assert_contains(r#"name="order" type="number" value="1""#);

        // End before start: refused at the field, what was typed kept; a bad place likewise.
        let bad = [("title", "Analys och nuläge"), ("starts_on", "2021-02-01"), ("ends_on", "2021-01-15")];
        let r = owner.post_form(&edit, &bad).await;
        r.assert_status(422).assert_contains("f-ends_on-error").assert_contains(r#"value="Analys och nuläge""#);
        r.assert_contains("Fasen kan inte sluta innan den börjar.");
        let r = owner
            .post_form(
                &edit,
                &[("title", "Analys"), ("starts_on", "2021-02-01"), ("ends_on", "2021-03-31"), ("order", "0")],
            )
            .await;
        r.assert_status(422).assert_contains("f-order-error");
        assert_eq!(titles(&phases(&mut owner, id).await), ["Analys", "Dialog/förankring", "Skrivprocess"]);

        // Renamed and moved last: the others close up.
        let ok =
            [("title", "Analys och nuläge"), ("starts_on", "2021-02-01"), ("ends_on", "2021-03-31"), ("order", "3")];
        let r = owner.post_form(&edit, &ok).await;
        r.assert_status(303);
        assert_eq!(r.location(), format!("/processer/{id}?klart=sparat#plan"));
        owner.post_form(&edit, &ok).await.assert_status(303);
        let got = phases(&mut owner, id).await;
        assert_eq!(titles(&got), ["Dialog/förankring", "Skrivprocess", "Analys och nuläge"]);
        assert_eq!(got.iter().map(|p| p.1).collect::<Vec<_>>(), [1, 2, 3]);

        // The API: the same rule and the same operation; a place past the end means last.
        let api = format!("/api/v1/processes/{id}/phases/{analys}");
        let r = owner
            .json(Method::PUT, &api, &json!({"title": "Analys", "starts_on": "2021-02-01", "ends_on": "2021-01-01"}))
            .await;
        assert_eq!((r.status.as_u16(), r.error()), (422, ("before_start".into(), Some("ends_on".into()))));
        let r = owner
            .json(
                Method::PUT,
                &api,
                &json!({"title": "Analys", "starts_on": "2021-02-01", "ends_on": "2021-03-31", "order": 1}),
            )
            .await;
        r.assert_status(200);
        assert_eq!((r.json()["title"].clone(), r.json()["order"].clone()), (json!("Analys"), json!(1)));
        let r = owner
            .json(
                Method::PUT,
                &api,
                &json!({"title": "Analys", "starts_on": "2021-02-01", "ends_on": "2021-03-31", "order": "1"}),
            )
            .await;
        assert_eq!(r.status.as_u16(), 422, "the place is a number");
        assert_eq!(titles(&phases(&mut owner, id).await), ["Analys", "Dialog/förankring", "Skrivprocess"]);
        // Keeping the place when none is given.
        let body = json!({"title": "Skrivprocess", "starts_on": "2021-05-03", "ends_on": "2021-07-02"});
        owner.json(Method::PUT, &format!("/api/v1/processes/{id}/phases/{skriv}"), &body).await.assert_status(200);
        assert_eq!(phases(&mut owner, id).await[2], ("Skrivprocess".to_string(), 3));

        // The phase with a milestone is not removed: its page says why and lists the milestone;
        // the post and the API are refused with the reason.
        let dpage = format!("/processer/{id}/faser/{dialog}");
        owner
            .get(&dpage)
            .await
            .assert_status(200)
            .assert_contains("En fas som har milstolpar tas inte bort")
            .assert_contains("Dialogmöten klara");
        let r = owner.post_form(&format!("{dpage}/ta-bort"), &[]).await;
        r.assert_status(409).assert_contains("Fasen har 1 milstolpe(ar).");
        let r = del(&mut owner, &format!("/api/v1/processes/{id}/phases/{dialog}")).await;
        assert_eq!((r.status.as_u16(), r.error().0), (409, "phase_has_milestones".to_string()));
        assert_eq!(phases(&mut owner, id).await.len(), 3);

        // Others: refused, whatever they try.
        let mut user = t.signed_in("annan@test.se", false).await;
        user.get(&edit).await.assert_status(403);
        user.post_form(&edit, &ok).await.assert_status(403);
        user.post_form(&format!("{edit}/ta-bort"), &[]).await.assert_status(403);
        let body = json!({"title": "x", "starts_on": "2021-02-01", "ends_on": "2021-03-31"});
        user.json(Method::PUT, &api, &body).await.assert_status(403);
        del(&mut user, &api).await.assert_status(403);
        let r = t.client().get(&edit).await;
        assert!(r.status.as_u16() == 303 && r.location().starts_with("/logga-in"), "{}", r.status);
        t.client().json(Method::PUT, &api, &body).await.assert_status(401);
        del(&mut t.client(), &api).await.assert_status(401);
        owner.get(&format!("/processer/{id}/faser/999999")).await.assert_status(404);
        assert_eq!(titles(&phases(&mut owner, id).await), ["Analys", "Dialog/förankring", "Skrivprocess"]);

        // The empty phase goes, the others close up; sent twice, the second leads back too.
        let r = owner.post_form(&format!("{edit}/ta-bort"), &[]).await;
        r.assert_status(303);
        assert_eq!(r.location(), format!("/processer/{id}?klart=borttaget#plan"));
        owner.post_form(&format!("{edit}/ta-bort"), &[]).await.assert_status(303);
        let got = phases(&mut owner, id).await;
        assert_eq!(got, [("Dialog/förankring".to_string(), 1), ("Skrivprocess".to_string(), 2)]);
        let api = format!("/api/v1/processes/{id}/phases/{skriv}");
        del(&mut owner, &api).await.assert_status(204);
        del(&mut owner, &api).await.assert_status(404);
        assert_eq!(titles(&phases(&mut owner, id).await), ["Dialog/förankring"]);

        let done = actions(&t, id).await;
        for a in ["process.phase_update", "process.phase_remove"] {
            assert!(done.contains(a), "{a} audited: {done:?}");
        }
    }
}

#[tokio::test]
async fn an_owner_removes_roles_and_unanswered_questions() {
    for t in TestApp::each_engine().await {
        let id = open_process(&t).await;
        let (s, a) = (t.store(), Actor::system("test"));
        let role = |label: &str| RoleInput::parse("other", "", "", label).unwrap();
        let lead = s.add_role(id, &role("Regionens processledning"), &a).await.unwrap();
        let group = s.add_role(id, &role("Referensgrupp näringsliv"), &a).await.unwrap();
        let q1 = s.add_question(id, "Vilka frågor ska RUS:en adressera?", &a).await.unwrap();
        let q2 = s.add_question(id, "Vad behöver vi göra tillsammans för att nå målen?", &a).await.unwrap();
        let i = InputFields {
            kind: "business".into(),
            question_id: q2.to_string(),
            text: "Kompetensförsörjningen.".into(),
            ..Default::default()
        };
        s.create_process_input(id, &i.parse().unwrap(), false, None, &a, None).await.unwrap();
        let mut owner = t.admin().await;
        let mut user = t.signed_in("annan@test.se", false).await;
        let here = format!("/processer/{id}");
        let (role_page, q1_page, q2_page) = (
            format!("{here}/roller/{lead}/ta-bort"),
            format!("{here}/fragor/{q1}/ta-bort"),
            format!("{here}/fragor/{q2}/ta-bort"),
        );
        let page = owner.get(&here).await;
        page.assert_contains(&format!(r#"href="{role_page}""#)).assert_contains(&format!(r#"href="{q1_page}""#));
        assert!(!t.client().get(&here).await.body.contains(&role_page));

        // Others are refused.
        user.get(&role_page).await.assert_status(403);
        user.post_form(&role_page, &[]).await.assert_status(403);
        user.post_form(&q1_page, &[]).await.assert_status(403);
        del(&mut user, &format!("/api/v1/processes/{id}/roles/{lead}")).await.assert_status(403);
        let q = format!("/api/v1/processes/{id}/questions/{q1}");
        del(&mut user, &q).await.assert_status(403);
        del(&mut t.client(), &q).await.assert_status(401);

        // A role: confirmed, removed, and a second post leads back as the first did.
        owner.get(&role_page).await.assert_status(200).assert_contains("Regionens processledning");
        owner.post_form(&role_page, &[]).await.assert_status(303);
        owner.post_form(&role_page, &[]).await.assert_status(303);
        let api = format!("/api/v1/processes/{id}/roles/{group}");
        del(&mut owner, &api).await.assert_status(204);
        del(&mut owner, &api).await.assert_status(404);
        let x: Value = owner.get(&format!("/api/v1/processes/{id}")).await.json();
        assert_eq!(x["roles"], json!([]));

        // A question no input answers goes; one that an input answers stays, and the page says why.
        owner.get(&q1_page).await.assert_status(200).assert_contains("Vilka frågor ska RUS:en adressera?");
        owner.post_form(&q1_page, &[]).await.assert_status(303);
        owner
            .get(&q2_page)
            .await
            .assert_status(200)
            .assert_contains("1 inspel svarar på frågan")
            .assert_lacks(r#"class="button danger""#);
        owner.post_form(&q2_page, &[]).await.assert_status(409).assert_contains("1 inspel svarar på frågan");
        let r = del(&mut owner, &format!("/api/v1/processes/{id}/questions/{q2}")).await;
        assert_eq!((r.status.as_u16(), r.error().0), (409, "question_answered".to_string()));
        del(&mut owner, &q).await.assert_status(404);
        let x: Value = owner.get(&format!("/api/v1/processes/{id}")).await.json();
        assert_eq!(x["questions"].as_array().unwrap().len(), 1);
        assert_eq!(x["questions"][0]["id"], q2);

        let done = actions(&t, id).await;
        for a in ["process.role_remove", "process.question_remove"] {
            assert!(done.contains(a), "{a} audited: {done:?}");
        }
    }
}
