//! The people register kept in step with the region's directory (issue 15, ADR 40): an
//! administrator uploads an export, sees the dry run, applies exactly it, all or nothing; seats
//! end with their term and the next term's seats are vacant findings until filled.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::{Value, json};

/// Region Östergötland, Ydre and Kinda; a consultation group where each municipality holds one
/// majority seat (seed 001's rule 1); Karin Ek of Ydre entered by hand with her e-mail, holding
/// the seat without an end.
async fn fixture(t: &TestApp) -> (Client, Value) {
    let mut api = t.token_client("api@test.se", true).await;
    let mut ids = json!({});
    for (key, name, kind, code) in [
        ("region", "Region Östergötland", "region", "05"),
        ("ydre", "Ydre kommun", "municipality", "0512"),
        ("kinda", "Kinda kommun", "municipality", "0513"),
    ] {
        let r =
            api.json(Method::POST, "/api/v1/organisations", &json!({"name": name, "kind": kind, "code": code})).await;
        r.assert_status(201);
        ids[key] = r.json()["id"].clone();
    }
    let rules = json!([{"kind": "seats_per_organisation", "scope": {"kind": "organisations", "ids": [ids["ydre"], ids["kinda"]]}, "side": "majority", "min": 1, "max": 1}]);
    let r = api
        .json(
            Method::POST,
            "/api/v1/bodies",
            &json!({"name": "Samrådet för strategiska frågor", "kind": "consultation_group", "county_code": "05",
                    "organisations": [ids["ydre"], ids["kinda"]], "rules": rules}),
        )
        .await;
    r.assert_status(201);
    ids["body"] = r.json()["id"].clone();
    let r = api
        .json(
            Method::POST,
            "/api/v1/people",
            &json!({"name": "Karin Ek", "organisation_id": ids["ydre"], "party": "C", "email": "karin.ek@ydre.se"}),
        )
        .await;
    r.assert_status(201);
    ids["karin"] = r.json()["id"].clone();
    api.json(
        Method::POST,
        &format!("/api/v1/bodies/{}/memberships", ids["body"]),
        &json!({"person_id": ids["karin"], "organisation_id": ids["ydre"], "role": "member", "side": "majority", "start": "2023-01-01"}),
    )
    .await
    .assert_status(201);
    (api, ids)
}

/// The directory's export: Karin (matched by e-mail) keeps her seat, Sara Holm of Kinda is new
/// and takes Kinda's, Per Lund is a new official without seats.
fn export(body: &Value) -> String {
    format!(
        "extern_id;förnamn;efternamn;e-post;organisation;titel;organ;roll;sida;start;slut;mandatperiod\n\
         ad-1;Karin;Ek;Karin.Ek@ydre.se;0512;;{body};ledamot;majoritet;2023-01-01;;\n\
         ad-2;Sara;Holm;sara.holm@kinda.se;Kinda kommun;;{body};ledamot;majoritet;2024-03-01;;\n\
         ad-3;Per;Lund;per.lund@regionostergotland.se;05;Regional utvecklingsdirektör;;;;;;\n"
    )
}

async fn counts(t: &TestApp) -> (i64, i64, i64) {
    (t.count("people").await, t.count("memberships").await, t.count("audit_events").await)
}

async fn dry_run_form(c: &mut Client, data: &str) -> Resp {
    let csrf = c.csrf().await;
    let (ct, body) = multipart(&[("file", Some("katalog.csv"), data.as_bytes()), ("data", None, b"")]);
    c.send(Method::POST, &format!("/admin/katalog/provkorning?csrf={csrf}"), Some(&ct), body).await
}

fn fingerprint_in(page: &str) -> String {
    let at = page.find("name=\"fingerprint\" value=\"").expect("the plan page has a fingerprint") + 26;
    page[at..at + 64].to_string()
}

#[tokio::test]
async fn the_dry_run_writes_nothing_and_the_apply_does_exactly_what_it_showed() {
    for t in TestApp::each_engine().await {
        let (mut api, ids) = fixture(&t).await;
        let mut admin = t.admin().await;
        admin.get("/admin/katalog").await.assert_status(200).assert_contains("extern_id;fornamn");
        let before = counts(&t).await;
        let page = dry_run_form(&mut admin, &export(&ids["body"])).await;
        page.assert_status(200)
            .assert_contains("Sara Holm")
            .assert_contains("Per Lund")
            .assert_contains("Regional utvecklingsdirektör")
            .assert_contains("Slutar med mandatperioden")
            .assert_contains("2026-12-31");
        assert_eq!(counts(&t).await, before, "a dry run writes nothing");
        let print = fingerprint_in(&page.body);

        // The API's dry run of the same file shows the same plan.
        let plan = api
            .send(Method::POST, "/api/v1/admin/directory/dry-run", Some("text/csv"), export(&ids["body"]).into())
            .await;
        plan.assert_status(200);
        let plan = plan.json();
        assert_eq!(plan["fingerprint"], print.as_str());
        assert_eq!(
            plan["counts"],
            json!({"people_added": 2, "people_updated": 1, "people_unchanged": 0, "people_gone": 0,
                   "officials_changed": 0, "memberships_added": 1, "memberships_ended": 1})
        );

        let data = export(&ids["body"]);
        let r = admin.post_form("/admin/katalog/verkstall", &[("data", &data), ("fingerprint", &print)]).await;
        r.assert_status(303);
        assert!(r.location().starts_with("/admin/katalog?klart=verkstallt"), "{}", r.location());
        admin.get(&r.location()).await.assert_status(200).assert_contains("Importen är verkställd.");
        let after = counts(&t).await;
        assert_eq!((after.0 - before.0, after.1 - before.1), (2, 1));

        // Karin was linked by her e-mail, and her open seat now ends with the term.
        let seats = api.get(&format!("/api/v1/people/{}/memberships", ids["karin"])).await.json();
        assert_eq!(seats["items"][0]["end_date"], "2026-12-31", "{seats}");
        let log = api.get("/api/v1/audit?action=directory.import").await.json();
        assert_eq!(log["items"][0]["changes"]["people_added"], 2, "{log}");

        // A retry of the same apply changes nothing and answers with the first one's counts.
        let again = api
            .send(
                Method::POST,
                &format!("/api/v1/admin/directory/apply?fingerprint={print}"),
                Some("text/csv"),
                data.clone().into(),
            )
            .await;
        again.assert_status(200);
        assert_eq!(again.json()["repeated"], true);
        assert_eq!(again.json()["counts"]["people_added"], 2);
        admin
            .post_form("/admin/katalog/verkstall", &[("data", &data), ("fingerprint", &print)])
            .await
            .assert_status(303);
        assert_eq!(counts(&t).await, after, "a retried apply writes nothing");

        // The register now agrees with the directory: a new dry run changes nothing.
        let second = api.send(Method::POST, "/api/v1/admin/directory/dry-run", Some("text/csv"), data.into()).await;
        assert_eq!(second.json()["counts"]["people_unchanged"], 3, "{}", second.body);
        assert_eq!(second.json()["plan"]["join"], json!([]));
        assert_eq!(second.json()["plan"]["leave"], json!([]));
    }
}

// Rule 3 and issue 15: seats end on their term's end; near the end the ending seats are a
// finding, after it the next term's seats are vacant until the directory (or a hand) fills them.
#[tokio::test]
async fn seats_end_with_the_term_and_the_next_terms_seats_are_vacant_until_filled() {
    for t in TestApp::each_engine().await {
        let (mut api, ids) = fixture(&t).await;
        let body = ids["body"].clone();
        let data = export(&body);
        let plan =
            api.send(Method::POST, "/api/v1/admin/directory/dry-run", Some("text/csv"), data.clone().into()).await;
        let print = plan.json()["fingerprint"].as_str().unwrap().to_string();
        api.send(
            Method::POST,
            &format!("/api/v1/admin/directory/apply?fingerprint={print}"),
            Some("text/csv"),
            data.into(),
        )
        .await
        .assert_status(201);

        // Today (2026-11-16) both seats are held, and both end with the term within 90 days.
        let now = api.get(&format!("/api/v1/bodies/{body}/compliance")).await.json();
        let rules: Vec<&str> =
            now["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap()).collect();
        assert_eq!(rules, ["term_ending", "term_ending"], "{now}");
        // After the term the seats are vacant: one finding per municipality.
        let next = api.get(&format!("/api/v1/bodies/{body}/compliance?at=2027-01-15")).await.json();
        let vacant: Vec<&Value> =
            next["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "seats_per_organisation").collect();
        assert_eq!(vacant.len(), 2, "{next}");
        let mut orgs: Vec<&Value> = vacant.iter().map(|f| &f["organisation_id"]).collect();
        orgs.sort_by_key(|v| v.as_i64());
        assert_eq!(orgs, [&ids["ydre"], &ids["kinda"]]);

        // The directory appoints both for 2027–2030 (SCIM this time): the findings go.
        let scim = json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "Resources": [
            {"externalId": "ad-1", "name": {"givenName": "Karin", "familyName": "Ek"}, "emails": [{"value": "karin.ek@ydre.se", "primary": true}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"organization": "0512"},
             "groups": [{"value": body.to_string(), "role": "member", "side": "majority", "start": "2023-01-01"},
                        {"value": body.to_string(), "role": "member", "side": "majority", "term": "2027–2030"}]},
            {"externalId": "ad-2", "name": {"givenName": "Sara", "familyName": "Holm"}, "emails": [{"value": "sara.holm@kinda.se"}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"organization": "Kinda kommun"},
             "groups": [{"display": "Samrådet för strategiska frågor", "role": "ledamot", "side": "majoritet", "start": "2024-03-01"},
                        {"value": body.to_string(), "role": "member", "side": "majority", "term": "2027-2030"}]},
            {"externalId": "ad-3", "name": {"givenName": "Per", "familyName": "Lund"}, "title": "Regional utvecklingsdirektör",
             "emails": [{"value": "per.lund@regionostergotland.se"}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"organization": "05"}}
        ]})
        .to_string();
        let plan = api
            .send(Method::POST, "/api/v1/admin/directory/dry-run", Some("application/scim+json"), scim.clone().into())
            .await;
        plan.assert_status(200);
        assert_eq!(plan.json()["counts"]["memberships_added"], 2, "{}", plan.body);
        assert_eq!(plan.json()["counts"]["people_unchanged"], 3);
        let print = plan.json()["fingerprint"].as_str().unwrap().to_string();
        api.send(
            Method::POST,
            &format!("/api/v1/admin/directory/apply?fingerprint={print}"),
            Some("application/scim+json"),
            scim.into(),
        )
        .await
        .assert_status(201);
        let filled = api.get(&format!("/api/v1/bodies/{body}/compliance?at=2027-01-15")).await.json();
        assert_eq!(filled["compliant"], true, "{filled}");
        let now = api.get(&format!("/api/v1/bodies/{body}/compliance")).await.json();
        assert_eq!(now["compliant"], true, "the next term's seats are filled, so nothing becomes vacant: {now}");
    }
}

#[tokio::test]
async fn bad_files_are_refused_whole_with_every_row_named_and_change_nothing() {
    for t in TestApp::each_engine().await {
        let (mut api, ids) = fixture(&t).await;
        let body = &ids["body"];
        let mut admin = t.admin().await;
        let before = counts(&t).await;
        let bad = format!(
            "extern_id;fornamn;efternamn;epost;organisation;organ;roll;start;slut\n\
             ad-1;Karin;Ek;karin.ek@ydre.se;0512;{body};ledamot;2023-01-01;\n\
             ad-2;Sara;Holm;sara.holm@kinda.se;Atlantis kommun;{body};ledamot;2024-03-01;\n\
             ad-1;Karin;Ek;karin.ek@ydre.se;0512;{body};ledamot;2023-01-01;\n\
             ad-4;Olle;Berg;olle@;0512;999999;kung;igår;2031-01-01\n\
             ad-5;Lisa;Ahl;;0512;{body};ledamot;2025-01-01;2027-06-30\n"
        );
        let r = api.send(Method::POST, "/api/v1/admin/directory/dry-run", Some("text/csv"), bad.clone().into()).await;
        r.assert_status(422);
        let fields: Vec<String> =
            r.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect();
        assert_eq!(
            fields,
            [
                "rad 3: organisation",
                "rad 4: organ",
                "rad 5: epost",
                "rad 5: organ",
                "rad 5: roll",
                "rad 5: start",
                "rad 6: slut"
            ],
            "{}",
            r.body
        );
        assert_eq!(r.json()["errors"][1]["message"], "Rad 4: Samma uppdrag står redan på rad 2.");

        // The page shows each row's error and keeps the text.
        let page = dry_run_form(&mut admin, &bad).await;
        page.assert_status(422)
            .assert_contains("Atlantis kommun")
            .assert_contains("Rader med fel")
            .assert_lacks("name=\"fingerprint\"");

        // Malformed files: no header columns, broken JSON, not UTF-8, empty, an unknown field name.
        for (ct, data, code) in [
            ("text/csv", b"namn,roll\nKarin,ledamot\n".to_vec(), "missing_columns"),
            ("application/scim+json", b"{\"Resources\": [".to_vec(), "invalid_json"),
            ("text/csv", vec![0xff, 0xfe, 0x00], "not_utf8"),
            ("text/csv", b"  \n".to_vec(), "required"),
        ] {
            let r = api.send(Method::POST, "/api/v1/admin/directory/dry-run", Some(ct), data).await;
            r.assert_status(422);
            assert!(r.body.contains(code), "{code}: {}", r.body);
        }
        let page = dry_run_form(&mut admin, "").await;
        page.assert_status(422).assert_contains("Välj en fil eller klistra in exporten.");

        // A good dry run, then the apply with a file that gained one bad row: refused whole.
        let good = export(body);
        let print = api
            .send(Method::POST, "/api/v1/admin/directory/dry-run", Some("text/csv"), good.clone().into())
            .await
            .json()["fingerprint"]
            .as_str()
            .unwrap()
            .to_string();
        let worse = format!("{good}ad-9;Eva;Ny;;Atlantis kommun;;;;;;;\n");
        let r = api
            .send(
                Method::POST,
                &format!("/api/v1/admin/directory/apply?fingerprint={print}"),
                Some("text/csv"),
                worse.into(),
            )
            .await;
        r.assert_status(422);
        assert_eq!(r.json()["error"]["field"], "rad 5: organisation");
        // A fingerprint that is not one.
        let r = api
            .send(Method::POST, "/api/v1/admin/directory/apply?fingerprint=abc", Some("text/csv"), good.clone().into())
            .await;
        r.assert_status(422);
        assert_eq!(r.json()["error"]["field"], "fingerprint");
        assert_eq!(counts(&t).await, before, "nothing was written");
    }
}

#[tokio::test]
async fn an_apply_after_the_register_changed_is_refused_and_shows_the_new_dry_run() {
    for t in TestApp::each_engine().await {
        let (mut api, ids) = fixture(&t).await;
        let data = export(&ids["body"]);
        let mut admin = t.admin().await;
        let print = fingerprint_in(&dry_run_form(&mut admin, &data).await.body);
        // Meanwhile someone enters Sara Holm by hand, with her e-mail: the plan is no longer the same.
        api.json(
            Method::POST,
            "/api/v1/people",
            &json!({"name": "Sara Holm", "organisation_id": ids["kinda"], "email": "sara.holm@kinda.se"}),
        )
        .await
        .assert_status(201);
        let before = counts(&t).await;
        let page = admin.post_form("/admin/katalog/verkstall", &[("data", &data), ("fingerprint", &print)]).await;
        page.assert_status(409).assert_contains("har ändrats sedan provkörningen");
        let new_print = fingerprint_in(&page.body);
        assert_ne!(new_print, print);
        assert_eq!(counts(&t).await, before, "the refused apply wrote nothing");
        let r = api
            .send(
                Method::POST,
                &format!("/api/v1/admin/directory/apply?fingerprint={print}"),
                Some("text/csv"),
                data.clone().into(),
            )
            .await;
        r.assert_status(409);
        assert_eq!(r.json()["error"]["code"], "plan_changed");
        assert_eq!(r.json()["plan"]["fingerprint"], new_print.as_str());
        assert_eq!(r.json()["plan"]["counts"]["people_added"], 1, "Sara is now matched by e-mail");
        // The body is deleted after the dry run: the file's row names a body that is gone, and
        // the whole apply changes nothing.
        api.send(Method::DELETE, &format!("/api/v1/bodies/{}", ids["body"]), None, vec![]).await.assert_status(204);
        let before = counts(&t).await;
        let r = admin.post_form("/admin/katalog/verkstall", &[("data", &data), ("fingerprint", &new_print)]).await;
        r.assert_status(422).assert_contains("finns inte").assert_contains("Rader med fel");
        assert_eq!(counts(&t).await, before);
        // Others may not import.
        let mut member = t.member().await;
        member.get("/admin/katalog").await.assert_status(403);
        let mut user_api = t.token_client("user@test.se", false).await;
        user_api
            .send(Method::POST, "/api/v1/admin/directory/dry-run", Some("text/csv"), data.into())
            .await
            .assert_status(403);
    }
}
