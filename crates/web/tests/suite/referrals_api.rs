//! The referrals API on both engines (issue 12): the same operations as the pages, so the same
//! rules. Region Jönköpings län's registry creates a referral from its case (a retry with the
//! same `Idempotency-Key` creates nothing new), divides it, asks the county's municipalities
//! and sends it; Jönköpings kommun's official drafts, comments and submits through the API,
//! Gislaved's with its answer link; the registry reads every answer (JSON and one PDF),
//! responds to the comment, reviews and publishes the report, which everyone then reads as
//! JSON, HTML and PDF, grouped by section and by kind of respondent. Bad input is named.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::json;

const PLAN: &str = "# Attraktiva livsmiljöer\nBoende.\n# Kompetensförsörjning\nSkola och arbete.";

#[tokio::test]
async fn a_referral_goes_through_the_api_from_draft_to_published_report() {
    for t in TestApp::each_engine().await {
        let mut reg = registered_case(&t).await;
        let mut ids = Vec::new();
        for (name, code, email) in
            [("Jönköpings kommun", "0680", "kommunen@jonkoping.example"), ("Gislaveds kommun", "0662", "")]
        {
            let body = json!({"name": name, "kind": "municipality", "code": code, "email": email});
            ids.push(reg.api.json(Method::POST, "/api/v1/organisations", &body).await.json()["id"].as_i64().unwrap());
        }
        let body =
            json!({"case_id": reg.case, "title": "Regional plan, remissversion", "document_version": "Remissversion"});
        let created = reg
            .api
            .send_with(
                Method::POST,
                "/api/v1/referrals",
                Some("application/json"),
                body.to_string().into_bytes(),
                &[("idempotency-key", "plan-1")],
            )
            .await;
        created.assert_status(201);
        let referral = created.json()["id"].as_i64().unwrap();
        assert_eq!(created.location(), format!("/api/v1/referrals/{referral}"));
        // Three months by default (issue 12), from the fixed day.
        assert_eq!(created.json()["deadline"], "2027-02-16");
        let again = reg
            .api
            .send_with(
                Method::POST,
                "/api/v1/referrals",
                Some("application/json"),
                body.to_string().into_bytes(),
                &[("idempotency-key", "plan-1")],
            )
            .await;
        assert_eq!(again.json()["id"].as_i64(), Some(referral), "{}", t.engine);
        let base = format!("/api/v1/referrals/{referral}");
        let mut anonymous = t.client();
        anonymous.get(&base).await.assert_status(404);
        let r = reg.api.json(Method::PUT, &format!("{base}/sections"), &json!({"markdown": PLAN})).await;
        r.assert_status(200);
        assert_eq!(r.json()["items"].as_array().unwrap().len(), 2);
        let q = reg
            .api
            .json(Method::POST, &format!("{base}/questions"), &json!({"question": "Saknas något?", "section": 2}))
            .await;
        q.assert_status(201);
        let question = q.json()["id"].as_i64().unwrap();
        let r = reg
            .api
            .json(
                Method::POST,
                &format!("{base}/consultees"),
                &json!({"kind": "municipality", "county": "06", "obligation": "obliged"}),
            )
            .await;
        assert_eq!(r.assert_status(200).json()["added"], 2);
        reg.api.json(Method::POST, &format!("{base}/publication"), &json!({})).await.assert_status(200);
        // Published: everyone reads the referral and its consultees, without their addresses.
        let shown = anonymous.get(&base).await;
        shown.assert_status(200).assert_lacks("kommunen@jonkoping.example");
        assert_eq!(shown.json()["referral"]["status"], "published");
        assert_eq!(shown.json()["sections"][1]["heading"], "Kompetensförsörjning");
        assert_eq!(anonymous.get(&format!("{base}/consultees")).await.json()["items"].as_array().unwrap().len(), 2);
        anonymous.get("/api/v1/referrals").await.assert_contains("Regional plan, remissversion");

        // Jönköpings kommun's official answers through the API.
        let consultees = t.store().referral_consultees(domain::ids::ReferralId(referral)).await.unwrap();
        let jk = consultees.iter().find(|c| c.organisation_id == Some(ids[0])).unwrap().id;
        let gk = consultees.iter().find(|c| c.organisation_id == Some(ids[1])).unwrap().id;
        let mut official = t.token_client("handlaggare@jonkoping.se", false).await;
        let input = domain::organisations::PersonInput::parse(
            "Sara Lind",
            "",
            Some(domain::ids::OrganisationId(ids[0])),
            "",
            "",
            "",
            "",
        )
        .unwrap();
        let person = t.store().create_person(&input, &store::Actor::system("test"), None).await.unwrap();
        let uid = t.store().users().await.unwrap().into_iter().find(|u| u.email.starts_with("handlaggare")).unwrap().id;
        t.store()
            .link_user_person(domain::ids::UserId(uid), Some(person), &store::Actor::system("test"))
            .await
            .unwrap();
        let answer = format!("{base}/consultees/{jk}/answer");
        official.get(&format!("{base}/consultees/{gk}/answer")).await.assert_status(403);
        official.get(&answer).await.assert_status(200);
        let r = official
            .json(Method::PUT, &answer, &json!({"position": "kanske", "their_case_number": "x".repeat(101)}))
            .await;
        r.assert_status(422);
        let r =
            official.json(Method::PUT, &answer, &json!({"position": "supports", "answers": {"424242": "Ja"}})).await;
        assert_eq!(r.assert_status(422).error().1.as_deref(), Some("answers"));
        let r = official
            .json(
                Method::PUT,
                &answer,
                &json!({"position": "supports_with_changes", "their_case_number": "KS 2026/12",
                        "answers": {question.to_string(): "Kollektivtrafiken."}}),
            )
            .await;
        r.assert_status(200);
        assert_eq!(r.json()["questions"][0]["answer"], "Kollektivtrafiken.");
        let r = official
            .json(
                Method::POST,
                &format!("{answer}/comments"),
                &json!({"section": 2, "text": "Lyft yrkeshögskolan. Ring 070-123 45 67."}),
            )
            .await;
        r.assert_status(201);
        assert_eq!(r.json()["comments"].as_array().unwrap().len(), 1);
        let r = official.json(Method::POST, &format!("{answer}/submission"), &json!({})).await;
        r.assert_status(200);
        assert!(r.json()["registered_as"].as_str().is_some_and(|n| n.starts_with("RJL 2026/")), "{}", r.body);
        let r = official.json(Method::POST, &format!("{answer}/submission"), &json!({})).await;
        r.assert_status(422);

        // Gislaved with its answer link, without an account; a wrong token gets 401.
        let token = "c".repeat(64);
        let until = t.store().now() + time::Duration::days(120);
        t.store()
            .set_answer_token(
                domain::ids::ConsulteeId(gk),
                &web::auth::sha256_hex(&token),
                until,
                &store::Actor::system("test"),
            )
            .await
            .unwrap();
        let gislaved = format!("{base}/consultees/{gk}/answer");
        anonymous.get(&format!("{gislaved}?nyckel=fel")).await.assert_status(401);
        anonymous.get(&format!("{gislaved}?nyckel={token}")).await.assert_status(200);
        anonymous
            .json(Method::PUT, &format!("{gislaved}?nyckel={token}"), &json!({"position": "no_comment"}))
            .await
            .assert_status(200);
        anonymous
            .json(Method::POST, &format!("{gislaved}/submission?nyckel={token}"), &json!({}))
            .await
            .assert_status(200);
        // The drafter revokes the link: it stops working at once; revoking again is harmless.
        let link = format!("{base}/consultees/{gk}/answer-link");
        official.send(Method::DELETE, &link, None, vec![]).await.assert_status(403);
        reg.api.send(Method::DELETE, &link, None, vec![]).await.assert_status(204);
        reg.api.send(Method::DELETE, &link, None, vec![]).await.assert_status(204);
        anonymous.get(&format!("{gislaved}?nyckel={token}")).await.assert_status(401);
        reg.admin.get(&format!("/remisser/{referral}/svar")).await.assert_status(200).assert_contains("återkallad");
        reg.api
            .send(Method::DELETE, &format!("{base}/consultees/{jk}/answer-link"), None, vec![])
            .await
            .assert_status(404);

        // Every answer for the registry, as JSON and as one PDF.
        let all = reg.api.get(&format!("{base}/answers")).await;
        assert_eq!(all.assert_status(200).json()["items"].as_array().unwrap().len(), 2);
        official.get(&format!("{base}/answers")).await.assert_status(403);
        let pdf = reg.admin.get(&format!("/remisser/{referral}/svar.pdf")).await;
        pdf.assert_status(200);
        assert!(pdf.bytes.starts_with(b"%PDF-"));

        // The report: a reason is required for a view not fully accommodated.
        let report = reg.api.get(&format!("{base}/report")).await.json();
        let comment = report["sections"][0]["comments"][0]["id"].as_i64().unwrap();
        assert!(report["sections"][0]["comments"][0]["findings"].to_string().contains("070-123 45 67"), "{report}");
        let response = format!("{base}/comments/{comment}/response");
        let r = reg.api.json(Method::PUT, &response, &json!({"verdict": "noted", "reason": ""})).await;
        assert_eq!(r.assert_status(422).error().1.as_deref(), Some("reason"));
        anonymous.get(&format!("{base}/report")).await.assert_status(404);
        reg.api.json(Method::POST, &format!("{base}/report/publication"), &json!({})).await.assert_status(422);
        reg.api
            .json(Method::PUT, &response, &json!({"verdict": "not_accommodated", "reason": "Utanför planens ram."}))
            .await
            .assert_status(200);
        // How the document changed: bounded, then written, and read back in the report.
        let changes = format!("{base}/report/changes");
        let r = reg.api.json(Method::PUT, &changes, &json!({"changes": "x".repeat(20_001)})).await;
        assert_eq!(r.assert_status(422).error().1.as_deref(), Some("changes"));
        let r = reg.api.json(Method::PUT, &changes, &json!({"changes": "Avsnitt 2 nämner nu yrkeshögskolan."})).await;
        assert_eq!(r.assert_status(200).json()["changes"], "Avsnitt 2 nämner nu yrkeshögskolan.");
        let r = reg.api.json(Method::POST, &format!("{base}/report/review"), &json!({})).await;
        assert_eq!(r.assert_status(200).json()["masked"], 1);
        reg.api.json(Method::PUT, &changes, &json!({"changes": "Sent."})).await.assert_status(422);
        reg.api.json(Method::POST, &format!("{base}/report/publication"), &json!({})).await.assert_status(200);
        let published = anonymous.get(&format!("{base}/report")).await;
        published.assert_status(200).assert_lacks("070-123").assert_lacks("findings");
        let j = published.json();
        assert_eq!(j["sentence"], "2 remissvar med 1 synpunkt");
        assert_eq!(j["sections"][0]["heading"], "2. Kompetensförsörjning");
        // By kind of respondent: both answers are municipalities', one comment not accommodated.
        assert_eq!(j["by_kind"], json!([{"kind": "Kommun", "answers": 2, "comments": 1, "by_verdict": [0, 0, 1, 0]}]));
        anonymous
            .get(&format!("/remisser/{referral}/redogorelse"))
            .await
            .assert_status(200)
            .assert_contains("Utanför planens ram.")
            .assert_contains("Avsnitt 2 nämner nu yrkeshögskolan.")
            .assert_contains(&format!("href=\"/remisser/{referral}/redogorelse.pdf\""));
        let pdf = anonymous.get(&format!("/remisser/{referral}/redogorelse.pdf")).await;
        pdf.assert_status(200);
        assert!(pdf.bytes.starts_with(b"%PDF-"));
        assert_eq!(pdf.headers["content-type"], "application/pdf");
    }
}

#[tokio::test]
async fn bad_input_is_named_at_its_field_in_the_api() {
    for t in TestApp::each_engine().await {
        let mut reg = registered_case(&t).await;
        let r = reg
            .api
            .json(
                Method::POST,
                "/api/v1/referrals",
                &json!({"case_id": 424242, "title": "", "document_version": "", "sent_on": "i går",
                        "deadline": "31 mars", "late_answers": "kanske", "missiv": "x".repeat(20_001)}),
            )
            .await;
        // Every field's problem is found at once; the body names the first.
        assert_eq!(r.assert_status(422).error().1.as_deref(), Some("case_id"));
        for (field, value) in [
            ("title", json!("")),
            ("document_version", json!("v".repeat(101))),
            ("sent_on", json!("i går")),
            ("deadline", json!("2026-11-01")),
            ("late_answers", json!("kanske")),
            ("missiv", json!("x".repeat(20_001))),
        ] {
            let mut body = json!({"case_id": reg.case, "title": "Plan", "document_version": "Remissversion"});
            body[field] = value;
            let r = reg.api.json(Method::POST, "/api/v1/referrals", &body).await;
            assert_eq!(r.assert_status(422).error().1.as_deref(), Some(field), "{}", r.body);
        }
        let r = reg.api.json(Method::POST, "/api/v1/referrals", &json!({"case_id": reg.case, "owner": 1})).await;
        assert_eq!(r.assert_status(400).error(), ("unknown_field".into(), Some("owner".into())));
        let r = reg.api.json(Method::POST, "/api/v1/referrals", &json!({"case_id": "ett", "title": 3})).await;
        assert_eq!(r.assert_status(422).error().1.as_deref(), Some("case_id"));
        let body = json!({"case_id": reg.case, "title": "Plan", "document_version": "Remissversion"});
        let referral = reg.api.json(Method::POST, "/api/v1/referrals", &body).await.json()["id"].as_i64().unwrap();
        let base = format!("/api/v1/referrals/{referral}");
        let r = reg.api.json(Method::PUT, &format!("{base}/sections"), &json!({"markdown": "Ingen rubrik."})).await;
        assert_eq!(r.assert_status(422).error().1.as_deref(), Some("markdown"));
        let r = reg
            .api
            .json(Method::POST, &format!("{base}/consultees"), &json!({"kind": "x", "county": "99", "obligation": "y"}))
            .await;
        assert_eq!(r.assert_status(422).error().1.as_deref(), Some("kind"));
        let r = reg
            .api
            .json(
                Method::POST,
                &format!("{base}/consultees"),
                &json!({"kind": "municipality", "county": "99", "obligation": "obliged"}),
            )
            .await;
        assert_eq!(r.assert_status(422).error().1.as_deref(), Some("county"));
        let r = reg.api.json(Method::POST, &format!("{base}/questions"), &json!({"question": ""})).await;
        assert_eq!(r.assert_status(422).error().1.as_deref(), Some("question"));
        let r = reg.api.json(Method::POST, &format!("{base}/publication"), &json!({})).await;
        assert_eq!(r.assert_status(422).error().1.as_deref(), Some("sections"));
        // A consultee of another referral is not found under this one.
        reg.api.get(&format!("{base}/consultees/424242/answer")).await.assert_status(404);
    }
}

#[tokio::test]
async fn one_organisation_or_a_named_person_is_asked_and_an_english_reader_is_written_to_in_english() {
    for t in TestApp::each_engine().await {
        let mut reg = registered_case(&t).await;
        let org = reg
            .api
            .json(
                Method::POST,
                "/api/v1/organisations",
                &json!({"name": "Jönköping University", "kind": "university", "email": "registrator@ju.example"}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let person = reg
            .api
            .json(Method::POST, "/api/v1/people", &json!({"name": "Ann Smith", "email": "ann.smith@example.org"}))
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let actor = store::Actor::system("test");
        t.store().set_mail_lang(domain::ids::PersonId(person), domain::error::Lang::En, &actor).await.unwrap();
        let body = json!({"case_id": reg.case, "title": "Regional plan", "document_version": "Remissversion"});
        let referral = reg.api.json(Method::POST, "/api/v1/referrals", &body).await.json()["id"].as_i64().unwrap();
        let base = format!("/api/v1/referrals/{referral}");
        reg.api.json(Method::PUT, &format!("{base}/sections"), &json!({"markdown": PLAN})).await.assert_status(200);
        // The university through the API, the person through the form by e-mail address.
        let r = reg
            .api
            .json(
                Method::POST,
                &format!("{base}/consultees"),
                &json!({"organisation_id": org, "obligation": "invited"}),
            )
            .await;
        assert_eq!(r.assert_status(200).json()["added"], 1);
        let page = format!("/remisser/{referral}");
        reg.admin.get(&page).await.assert_contains("id=\"f-organisation_id\"").assert_contains("Jönköping University");
        let r = reg
            .admin
            .post_form(
                &format!("{page}/instanser"),
                &[("organisation_id", ""), ("person_email", "ingen@example.org"), ("obligation", "invited")],
            )
            .await;
        r.assert_status(422).assert_contains("id=\"f-person_email-error\"");
        reg.admin
            .post_form(
                &format!("{page}/instanser"),
                &[("organisation_id", ""), ("person_email", "Ann.Smith@example.org"), ("obligation", "invited")],
            )
            .await
            .assert_status(303);
        let r = reg
            .api
            .json(Method::POST, &format!("{base}/consultees"), &json!({"person_id": 424242, "obligation": "invited"}))
            .await;
        assert_eq!(r.assert_status(422).error().1.as_deref(), Some("person_id"));
        let listed = reg.api.get(&format!("{base}/consultees")).await.json();
        let kinds: Vec<_> = listed["items"].as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds.len(), 2, "{listed}");
        assert!(kinds.contains(&"person") && kinds.contains(&"university"), "{listed}");
        reg.api.json(Method::POST, &format!("{base}/publication"), &json!({})).await.assert_status(200);
        while web::jobs::run_due_jobs(&t.app).await > 0 {}
        let outbox = t.store().outbox(50).await.unwrap();
        let to_ann =
            outbox.iter().find(|m| m.recipient == "ann.smith@example.org").expect("an invitation to Ann Smith");
        assert_eq!(to_ann.lang, "en");
        assert!(to_ann.subject.starts_with("Referral: "), "{}", to_ann.subject);
        assert!(to_ann.text_body.contains("The deadline is 2027-02-16."), "{}", to_ann.text_body);
        let to_ju = outbox.iter().find(|m| m.recipient == "registrator@ju.example").expect("an invitation to JU");
        assert_eq!(to_ju.lang, "sv");
        assert!(to_ju.text_body.contains("Ni är inbjudna att svara på remissen."), "{}", to_ju.text_body);

        // GDPR art. 15: the answer Ann starts through her link is a place of her personal data.
        let consultees = t.store().referral_consultees(domain::ids::ReferralId(referral)).await.unwrap();
        let cid = consultees.iter().find(|c| c.person_id == Some(person)).unwrap().id;
        let token = "a".repeat(64);
        let until = t.store().now() + time::Duration::days(120);
        t.store()
            .set_answer_token(domain::ids::ConsulteeId(cid), &web::auth::sha256_hex(&token), until, &actor)
            .await
            .unwrap();
        t.client()
            .post_form(&format!("/remissvar/{cid}"), &[("nyckel", &token), ("position", "supports")])
            .await
            .assert_status(303);
        let places = reg.admin.get(&format!("/api/v1/people/{person}/export")).await.json();
        assert_eq!(places["answers"][0]["referral_title"], "Regional plan", "{places}");
        assert_eq!(places["answers"][0]["status"], "draft", "{places}");
        reg.admin
            .get(&format!("/personer/{person}/personuppgifter"))
            .await
            .assert_contains(&format!("href=\"/remisser/{referral}/svar\""));
    }
}
