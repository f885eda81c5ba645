//! Personal data (GDPR, rule 22, ADR 35): an administrator sees every place a person's data is
//! kept, removes it from the web with a reason — names hidden in the published protocols, on
//! the page and in the PDF, contact details deleted — while the archived versions still verify;
//! exports everything as JSON and hands over a register extract.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::json;
use time::Duration;

/// A held meeting whose protocol is adjusted and published: Anna Berg is the secretary (an
/// official), Rachel De Basso (S) chairs and Kerstin Hammar (M) adjusts; the chair, the
/// secretary and the adjuster have e-mail addresses.
async fn published(t: &TestApp) -> FakeMeeting {
    published_deciding(t, "Beslutas.").await
}

/// As [`published`], every paragraph with the decision `decision`.
async fn published_deciding(t: &TestApp, decision: &str) -> FakeMeeting {
    let body = Fake::body()
        .in_region("Region Jönköpings län")
        .chair("Rachel De Basso (S)")
        .secretary("Anna Berg")
        .member("Kerstin Hammar (M)")
        .member("Pierre Klasson (C)");
    let m = Fake::meeting()
        .of(body)
        .held_on(TODAY - Duration::days(3))
        .with_adjusters(1)
        .with_agenda(&[("Regional plan", Some("RJL 2024/3340"))])
        .with_attendance()
        .create(t)
        .await
        .with_addresses(t)
        .await;
    m.start_protocol(t).await;
    m.decide_all_as(t, decision).await;
    m.submit(t).await;
    m.approve_all(t).await;
    m
}

fn protocol(m: &FakeMeeting) -> String {
    format!("/moten/{}/protokoll", m.id.0)
}

fn places(person: domain::ids::PersonId) -> String {
    format!("/personer/{}/personuppgifter", person.0)
}

/// The text of a PDF as `pdftotext` reads it, on one line.
fn pdf_text(bytes: &[u8]) -> String {
    check_pdf(bytes);
    let path = std::env::temp_dir().join(format!("samverkan-privacy-{}.pdf", web::auth::new_secret()));
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext is missing");
    let _ = std::fs::remove_file(&path);
    String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
}

// Rule 22 and GDPR art. 17: an official's name is removed from the published protocol, on the
// page, in the API and in the PDF, and the page says so; the elected representatives stay; the
// archived version still verifies; the cached public page does not outlive the removal.
#[tokio::test]
async fn a_removed_officials_name_is_masked_in_the_published_protocol_while_the_archive_verifies() {
    for t in TestApp::each_engine().await {
        let m = published(&t).await;
        let mut anon = t.client();
        anon.get(&protocol(&m)).await.assert_status(200).assert_contains("Anna Berg").assert_lacks("[borttaget]");
        anon.get(&format!("/personer/{}/kalender.ics", m.secretary.0))
            .await
            .assert_status(200)
            .assert_contains("Anna Berg");
        let before = anon.get(&format!("/api/v1/meetings/{}/protocol/verify", m.id.0)).await;
        let found = anon.get("/api/v1/search?q=Anna+Berg&kind=person").await.json();
        assert_eq!(found["items"].as_array().map(Vec::len), Some(1), "{found}");
        anon.get("/personer.csv").await.assert_status(200).assert_contains("Anna Berg");
        anon.get(&format!("/oparl/v1.1/person/{}", m.secretary.0)).await.assert_status(200);
        let secretary = format!("/oparl/v1.1/person/{}\"", m.secretary.0);
        anon.get("/oparl/v1.1/membership").await.assert_status(200).assert_contains(&secretary);
        let mut admin = t.admin().await;
        admin
            .post_form(&places(m.secretary), &[("reason", "Begäran om radering enligt artikel 17")])
            .await
            .assert_status(303);

        let page = anon.get(&protocol(&m)).await;
        page.assert_status(200)
            .assert_lacks("Anna Berg")
            .assert_contains("[borttaget]")
            .assert_contains("Personuppgifter har tagits bort från den publicerade kopian")
            .assert_contains("Rachel De Basso (S)")
            .assert_contains("Kerstin Hammar (M)");
        let text = pdf_text(&anon.get(&format!("{}.pdf", protocol(&m))).await.bytes);
        assert!(!text.contains("Anna Berg"), "the PDF: {text}");
        assert!(text.contains("[borttaget]") && text.contains("Rachel De Basso (S)"), "the PDF: {text}");
        let api = anon.get(&format!("/api/v1/meetings/{}/protocol", m.id.0)).await.json();
        assert_eq!(api["masked"], true);
        assert!(!api["protocol"].to_string().contains("Anna Berg"), "{}", api["protocol"]);

        // The archive: the stored version is unchanged and verifies as before.
        let after = anon.get(&format!("/api/v1/meetings/{}/protocol/verify", m.id.0)).await;
        let (b, a) = (before.json(), after.json());
        assert_eq!(a["valid"], true, "{a}");
        assert_eq!(b["versions"][0]["stored_digest"], a["versions"][0]["stored_digest"]);
        let versions = t.store().protocol_versions(m.id).await.unwrap();
        assert!(versions[0].content.contains("Anna Berg"), "the archived version keeps the name");
        anon.get(&format!("{}/verifiera", protocol(&m))).await.assert_status(200);

        // The meeting's page shows the secretary masked, and the person's own page is gone from
        // the web for everyone but administrators.
        let meeting = anon.get(&format!("/moten/{}", m.id.0)).await;
        meeting.assert_status(200).assert_lacks("Anna Berg").assert_contains("[borttaget]");
        let json = anon.get(&format!("/api/v1/meetings/{}", m.id.0)).await.json();
        assert_eq!(json["secretary"]["name"], "[borttaget]");
        anon.get(&format!("/personer/{}", m.secretary.0)).await.assert_status(404);
        anon.get(&format!("/api/v1/people/{}", m.secretary.0)).await.assert_status(404);
        anon.get(&format!("/personer/{}/kalender.ics", m.secretary.0)).await.assert_status(404);
        anon.get(&format!("/oparl/v1.1/person/{}", m.secretary.0)).await.assert_status(404);
        let people = anon.get("/oparl/v1.1/person").await;
        people.assert_status(200).assert_lacks("Anna Berg").assert_contains("Rachel De Basso");
        // Nor does open data keep memberships that point at a person it no longer shows.
        anon.get("/oparl/v1.1/membership").await.assert_status(200).assert_lacks(&secretary);
        t.member().await.get(&format!("/personer/{}", m.secretary.0)).await.assert_status(404);
        admin.get(&format!("/personer/{}", m.secretary.0)).await.assert_status(200).assert_contains("Anna Berg");
        let found = anon.get("/api/v1/search?q=Anna+Berg&kind=person").await.json();
        assert_eq!(found["items"].as_array().map(Vec::len), Some(0), "{found}");
        anon.get("/personer?q=Anna").await.assert_status(200).assert_lacks("Anna Berg");
        anon.get("/personer.csv").await.assert_status(200).assert_lacks("Anna Berg");
        admin.get("/personer?q=Anna").await.assert_contains("Anna Berg");
    }
}

// Rule 22: the web is more than the protocol's page. A decision that names an official is found
// by the search and read in open data (OParl); once the official's data is removed from the web,
// both show the name hidden as the published copy does, and searching for the name finds nothing.
#[tokio::test]
async fn a_removed_name_is_hidden_in_search_and_open_data_too() {
    for t in TestApp::each_engine().await {
        let m = published_deciding(&t, "Anna Berg återkommer med en tidplan.").await;
        let mut anon = t.client();
        let search = || format!("/api/v1/search?q={}", "tidplan");
        let found = anon.get(&search()).await.json();
        assert!(found.to_string().contains("Anna Berg"), "before the removal: {found}");
        let by_name = anon.get("/api/v1/search?q=Berg&kind=paragraph").await.json();
        assert_eq!(by_name["items"].as_array().map(Vec::len), Some(1), "{by_name}");
        let items = anon.get(&format!("/oparl/v1.1/meeting/{}/agenda-item", m.id.0)).await;
        items.assert_status(200).assert_contains("Anna Berg återkommer");

        let mut admin = t.admin().await;
        admin
            .post_form(&places(m.secretary), &[("reason", "Begäran om radering enligt artikel 17")])
            .await
            .assert_status(303);
        let found = anon.get(&search()).await.json();
        let text = found.to_string();
        assert!(!text.contains("Anna Berg") && text.contains("borttaget] återkommer"), "after the removal: {found}");
        let by_name = anon.get("/api/v1/search?q=Berg").await.json();
        assert_eq!(by_name["items"].as_array().map(Vec::len), Some(0), "{by_name}");
        let items = anon.get(&format!("/oparl/v1.1/meeting/{}/agenda-item", m.id.0)).await;
        items.assert_status(200).assert_lacks("Anna Berg").assert_contains("[borttaget] återkommer");
        let item = items.json()["data"][0]["id"].as_str().unwrap().to_string();
        let one = anon.get(item.trim_start_matches("http://localhost")).await;
        one.assert_status(200).assert_lacks("Anna Berg");
        // The chair, an elected representative, keeps the name wherever it stands.
        let chair = anon.get("/api/v1/search?q=Rachel+De+Basso").await.json();
        assert!(chair["items"].as_array().is_some_and(|i| !i.is_empty()), "{chair}");
    }
}

// Rule 22 and GDPR art. 17: the web is also the inputs a process published and a survey's
// published free text. A removal hides the official's name in the inputs published before it
// (the API and the compilation), in those published after it, and in the survey's results and
// CSV; what was received is kept for the process's owners; the elected chair keeps the name.
#[tokio::test]
async fn a_removed_name_is_hidden_in_published_inputs_and_survey_answers() {
    use domain::processes::Moderation;
    use store::Actor;
    for t in TestApp::each_engine().await {
        let m = published(&t).await;
        let process = crate::processes_inputs::open_process(&t).await;
        let mut anon = t.client();
        let inputs = format!("/api/v1/processes/{process}/inputs");
        let said = "Anna Berg och Rachel De Basso lovade fler bussar.";
        let sent = anon.json(Method::POST, &inputs, &json!({"kind": "resident", "text": said})).await;
        sent.assert_status(201);
        let system = Actor::system("test");
        let first = sent.json()["id"].as_i64().unwrap();
        t.store().moderate_input(process, first, Moderation::Published, &system).await.unwrap();
        anon.get(&inputs).await.assert_status(200).assert_contains(said);
        let mut admin = t.admin().await;
        let body = json!({"title": "Hur vill du att länet ska utvecklas?", "audience": "open", "closes_on": ""});
        let survey = admin.json(Method::POST, "/api/v1/surveys", &body).await.json()["id"].as_i64().unwrap();
        let def = json!({"sections": [{"title": "Framtid", "questions": [
            {"key": "ide", "text": "Din idé", "kind": "text", "required": true}]}]});
        admin.json(Method::PUT, &format!("/api/v1/surveys/{survey}/definition"), &def).await.assert_status(200);
        admin.json(Method::POST, &format!("/api/v1/surveys/{survey}/sending"), &json!({})).await.assert_status(200);
        let answer = json!({"answers": {"ide": "Anna Berg på regionen vet mer."}});
        anon.json(Method::POST, &format!("/api/v1/surveys/{survey}/responses"), &answer).await.assert_status(201);
        let public = json!({"results_public": true});
        let path = format!("/api/v1/surveys/{survey}/results-publication");
        admin.json(Method::PUT, &path, &public).await.assert_status(200);
        let results = format!("/enkater/{survey}/resultat");
        anon.get(&results).await.assert_status(200).assert_contains("Anna Berg på regionen");

        admin
            .post_form(&places(m.secretary), &[("reason", "Begäran om radering enligt artikel 17")])
            .await
            .assert_status(303);
        let shown = "[borttaget] och Rachel De Basso lovade fler bussar.";
        anon.get(&inputs).await.assert_status(200).assert_lacks("Anna Berg").assert_contains(shown);
        let compiled = anon.get(&format!("/processer/{process}/sammanstallning")).await;
        compiled.assert_status(200).assert_lacks("Anna Berg").assert_contains("[borttaget] och Rachel De Basso");
        let kept = t.store().process_inputs(process, None).await.unwrap();
        assert_eq!(kept[0].text, said, "the input as received is kept");
        anon.get(&results)
            .await
            .assert_status(200)
            .assert_lacks("Anna Berg")
            .assert_contains("[borttaget] på regionen");
        let csv = anon.get(&format!("/enkater/{survey}/svar.csv")).await;
        csv.assert_status(200).assert_lacks("Anna Berg").assert_contains("[borttaget] på regionen");

        // Published after the removal: hidden as well.
        let later = json!({"kind": "resident", "text": "Tack till Anna Berg för kartan."});
        let second = anon.json(Method::POST, &inputs, &later).await.json()["id"].as_i64().unwrap();
        t.store().moderate_input(process, second, Moderation::Published, &system).await.unwrap();
        anon.get(&inputs).await.assert_lacks("Anna Berg").assert_contains("Tack till [borttaget] för kartan.");
        let log = admin
            .get(&format!("/api/v1/audit?action=person.personal_data_removed&entity_id={}", m.secretary.0))
            .await
            .json();
        assert_eq!(log["items"][0]["changes"]["hidden_in_published_texts"], 1, "{log}");
    }
}

// Rule 22: names and party of elected representatives may be published; removing a chair's
// personal data deletes the contact details but keeps the name in the protocols.
#[tokio::test]
async fn an_elected_representatives_name_and_party_stay_while_contact_details_go() {
    for t in TestApp::each_engine().await {
        let m = published(&t).await;
        let mut admin = t.admin().await;
        let r = admin
            .json(
                Method::POST,
                &format!("/api/v1/people/{}/personal-data-removal", m.chair.0),
                &json!({"reason": "Slutat"}),
            )
            .await;
        r.assert_status(200);
        assert_eq!(r.json()["changed"], true);
        assert_eq!(r.json()["removal"]["reason"], "Slutat");
        let v = t.store().person(m.chair).await.unwrap().unwrap().person;
        assert_eq!((v.email, v.phone), (None, None));
        assert_eq!(v.name, "Rachel De Basso");
        t.client().get(&format!("/personer/{}", m.chair.0)).await.assert_status(200).assert_contains("Rachel De Basso");
        t.client()
            .get(&protocol(&m))
            .await
            .assert_contains("Rachel De Basso (S)")
            .assert_lacks("[borttaget]")
            .assert_lacks("Personuppgifter har tagits bort");
    }
}

// GDPR art. 5.2: every removal is audited with its reason, and never with the deleted values;
// doing it again changes nothing and records nothing.
#[tokio::test]
async fn a_removal_is_audited_with_its_reason_once_and_is_safe_to_repeat() {
    for t in TestApp::each_engine().await {
        let m = published(&t).await;
        let email = t.store().person(m.secretary).await.unwrap().unwrap().person.email.unwrap();
        let mut admin = t.admin().await;
        let path = format!("/api/v1/people/{}/personal-data-removal", m.secretary.0);
        admin.json(Method::POST, &path, &json!({"reason": "Har slutat"})).await.assert_status(200);
        let again = admin.json(Method::POST, &path, &json!({"reason": "Igen"})).await;
        again.assert_status(200);
        assert_eq!(again.json()["changed"], false);
        assert_eq!(again.json()["removal"]["reason"], "Har slutat");
        let log = admin
            .get(&format!("/api/v1/audit?action=person.personal_data_removed&entity_id={}", m.secretary.0))
            .await
            .json();
        let items = log["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{log}");
        assert_eq!(items[0]["changes"]["reason"], "Har slutat");
        assert!(!items[0]["changes"].to_string().contains(&email), "the event keeps no deleted value");
        // The page shows the removal and no longer offers the form.
        admin
            .get(&places(m.secretary))
            .await
            .assert_status(200)
            .assert_contains("Personuppgifterna är borttagna från webben")
            .assert_contains("Har slutat")
            .assert_lacks("name=\"reason\"");
    }
}

// Bad input: a removal without a reason (or with one too long) is refused at the field, in
// Swedish on the page and as a JSON error in the API, and nothing is removed.
#[tokio::test]
async fn a_removal_without_a_reason_is_refused_at_the_field_and_changes_nothing() {
    for t in TestApp::each_engine().await {
        let m = published(&t).await;
        let mut admin = t.admin().await;
        admin
            .post_form(&places(m.secretary), &[("reason", "   ")])
            .await
            .assert_status(422)
            .assert_contains("id=\"f-reason-error\"")
            .assert_contains("Fältet måste fyllas i.");
        let path = format!("/api/v1/people/{}/personal-data-removal", m.secretary.0);
        let r = admin.json(Method::POST, &path, &json!({"reason": ""})).await;
        r.assert_status(422);
        assert_eq!(r.error().1.as_deref(), Some("reason"));
        let long = "x".repeat(2001);
        let r = admin.json(Method::POST, &path, &json!({"reason": long})).await;
        r.assert_status(422);
        assert_eq!(r.error().1.as_deref(), Some("reason"));
        let r = admin.json(Method::POST, &path, &json!({"reason": 5})).await;
        r.assert_status(422);
        admin.json(Method::POST, &path, &json!({"why": "x"})).await.assert_status(400);
        assert!(t.store().person(m.secretary).await.unwrap().unwrap().person.email.is_some());
        assert!(t.store().removal(m.secretary).await.unwrap().is_none());
        t.client().get(&protocol(&m)).await.assert_contains("Anna Berg");
    }
}

// GDPR art. 15: the administrator's page and the JSON export list every place the person's
// data is kept, with links; only administrators get them.
#[tokio::test]
async fn the_page_and_the_export_list_every_place_a_persons_data_is_kept() {
    for t in TestApp::each_engine().await {
        let m = published(&t).await;
        let chair = m.chair;
        m.sign_in(&t, chair).await;
        let mut admin = t.admin().await;
        let export = admin.get(&format!("/api/v1/people/{}/export", chair.0)).await;
        export.assert_status(200);
        let j = export.json();
        assert_eq!(j["person"]["name"], "Rachel De Basso");
        assert_eq!(j["person"]["email"], format!("person{}@test.se", chair.0));
        assert_eq!(j["memberships"].as_array().unwrap().len(), 1, "{j}");
        assert_eq!(j["attendance"][0]["meeting_id"], m.id.0);
        assert_eq!(j["protocols"][0]["meeting_id"], m.id.0);
        assert_eq!(j["approvals"][0]["role"], "chair");
        assert_eq!(j["accounts"][0]["email"], format!("person{}@test.se", chair.0));
        assert!(j["audit"].as_array().unwrap().iter().any(|e| e["action"] == "person.update"), "{j}");
        assert_eq!(j["removal"], serde_json::Value::Null);
        // The other member of the body is in no protocol version as chair, but attended.
        let other = m.member();
        let j = admin.get(&format!("/api/v1/people/{}/export", other.0)).await.json();
        assert_eq!(j["approvals"].as_array().unwrap().len(), 0);
        assert_eq!(j["attendance"].as_array().unwrap().len(), 1);

        // An input to a process sent with the person's address (in other letters' case), and a
        // survey response their account wrote, are places too.
        let process = crate::processes_inputs::open_process(&t).await;
        let email = format!("PERSON{}@test.se", chair.0);
        let input = json!({"kind": "resident", "author_name": "Rachel", "author_email": email, "text": "Fler tåg."});
        t.client().json(Method::POST, &format!("/api/v1/processes/{process}/inputs"), &input).await.assert_status(201);
        let at = "'2026-01-01T10:00:00Z'";
        t.exec(&format!(
            "INSERT INTO surveys (title, audience, definition, status, created_at, updated_at) \
             VALUES ('Enkät om kollektivtrafik', 'recipients', '{{}}', 'open', {at}, {at})"
        ))
        .await;
        t.exec(&format!(
            "INSERT INTO survey_responses (survey_id, answers, status, version, updated_by, submitted_by, submitted_at, \
             created_at, updated_at) SELECT id, '{{}}', 'submitted', 1, 'person{}@test.se', 'person{}@test.se', {at}, {at}, {at} \
             FROM surveys",
            chair.0, chair.0
        ))
        .await;
        let j = admin.get(&format!("/api/v1/people/{}/export", chair.0)).await.json();
        assert_eq!(j["inputs"][0]["process_id"], process, "{j}");
        assert_eq!(j["survey_responses"][0]["survey_title"], "Enkät om kollektivtrafik", "{j}");
        assert_eq!(j["survey_responses"][0]["status"], "submitted");
        admin
            .get(&format!("/personer/{}/registerutdrag", chair.0))
            .await
            .assert_status(200)
            .assert_contains("Inspel till processer")
            .assert_contains("Enkät om kollektivtrafik");

        admin
            .get(&places(chair))
            .await
            .assert_status(200)
            .assert_contains(&format!("href=\"/processer/{process}\""))
            .assert_contains("href=\"/enkater/")
            .assert_contains(&format!("href=\"/moten/{}/protokoll?version=1\"", m.id.0))
            .assert_contains(&format!("href=\"/moten/{}\"", m.id.0))
            .assert_contains(&format!("href=\"/api/v1/people/{}/export\"", chair.0))
            .assert_contains("/admin/konton/");
        let mut member = t.member().await;
        member.get(&places(chair)).await.assert_status(403);
        member.get(&format!("/api/v1/people/{}/export", chair.0)).await.assert_status(403);
        t.client().get(&format!("/api/v1/people/{}/export", chair.0)).await.assert_status(401);
        admin.get("/api/v1/people/999999/export").await.assert_status(404);
    }
}

// GDPR art. 15: the register extract, as a page and a tagged PDF, says what is kept, where,
// why and the person's rights.
#[tokio::test]
async fn the_register_extract_is_a_page_and_a_pdf_that_say_the_same() {
    for t in TestApp::each_engine().await {
        let m = published(&t).await;
        let mut admin = t.admin().await;
        let path = format!("/personer/{}/registerutdrag", m.chair.0);
        admin
            .get(&path)
            .await
            .assert_status(200)
            .assert_contains("Registerutdrag: Rachel De Basso")
            .assert_contains(&format!("person{}@test.se", m.chair.0))
            .assert_contains("Kommunalt forum")
            .assert_contains("Dina rättigheter")
            .assert_contains(&TODAY.to_string());
        let pdf = admin.get(&format!("{path}.pdf")).await;
        pdf.assert_status(200);
        let text = pdf_text(&pdf.bytes);
        for needle in ["Registerutdrag – Rachel De Basso", "Kommunalt forum", "Dina rättigheter", "Justeringar (1)"]
        {
            assert!(text.contains(needle), "{needle} in the PDF: {text}");
        }
    }
}
