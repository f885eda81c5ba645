//! Organisations and people: forms and API, bad input for every field, paging, idempotency,
//! CSV, and the audit trail of every write.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::json;

#[tokio::test]
async fn an_admin_registers_a_municipality_through_the_form() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        admin.get("/organisationer/ny").await.assert_status(200).assert_contains("name=\"idempotency_key\"");
        let r = admin
            .post_form(
                "/organisationer",
                &[
                    ("name", "Ydre kommun"),
                    ("kind", "municipality"),
                    ("code", "0512"),
                    ("website", "https://www.ydre.se"),
                ],
            )
            .await;
        r.assert_status(303);
        let id = id_in(&r.location());
        let page = admin.get(&r.location()).await;
        page.assert_status(200)
            .assert_contains("<h1>Ydre kommun</h1>")
            .assert_contains("Östergötlands län")
            .assert_contains("Organisationen är skapad.");
        let api = t.client().get(&format!("/api/v1/organisations/{id}")).await;
        assert_eq!(api.json()["county_code"], "05");
        let log = t
            .store()
            .audit_events(
                &store::audit::AuditFilter { entity_type: Some("organisation".into()), ..Default::default() },
                10,
            )
            .await
            .unwrap();
        let e = &log.items[0];
        assert_eq!(
            (e.action.as_str(), e.actor.as_str(), e.via.as_str()),
            ("organisation.create", "admin@test.se", "session")
        );
        assert_eq!(e.changes["code"]["to"], "0512");
    }
}

#[tokio::test]
async fn bad_form_input_is_shown_at_each_field_and_nothing_is_stored() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let long = "x".repeat(201);
        type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);
        let cases: Vec<Case> = vec![
            (org_form("", "other", ""), "name", "Fältet måste fyllas i."),
            (org_form(&long, "other", ""), "name", "Högst 200 tecken."),
            (org_form("X", "rymdstation", ""), "kind", "Välj en giltig typ"),
            (org_form("X", "municipality", "9999"), "code", "kommunkod med fyra siffror"),
            (org_form("X", "region", "5"), "code", "länskod med två siffror"),
            (org_form("X", "business_organisation", "556000-0000"), "code", "kontrollsiffra"),
            (vec![("name", "X"), ("kind", "other"), ("county_code", "77")], "county_code", "ingen länskod"),
            (
                vec![("name", "X"), ("kind", "municipality"), ("code", "0512"), ("county_code", "06")],
                "county_code",
                "hör till län 05",
            ),
            (vec![("name", "X"), ("kind", "other"), ("website", "javascript:alert(1)")], "website", "https://"),
            (vec![("name", "X"), ("kind", "other"), ("description", "a\u{1}b")], "description", "styrtecken"),
        ];
        // The error summary names the field each link leads to (WCAG 3.3.1).
        admin
            .post_form("/organisationer", &org_form("", "other", ""))
            .await
            .assert_contains("<a href=\"#f-name\">Namn: Fältet måste fyllas i.</a>");
        for (form, field, message) in cases {
            let r = admin.post_form("/organisationer", &form).await;
            r.assert_status(422)
                .assert_contains(message)
                .assert_contains(&format!("href=\"#f-{field}\""))
                .assert_contains("aria-invalid=\"true\"");
            // What was typed is shown again.
            if let Some((_, name)) = form.iter().find(|(k, _)| *k == "name")
                && !name.is_empty()
                && name.len() < 100
            {
                r.assert_contains(&format!("value=\"{name}\""));
            }
        }
        assert_eq!(t.count("organisations").await, 0);
        assert_eq!(t.count("audit_events").await, 2, "only the account's creation and sign-in are audited");
    }
}

#[tokio::test]
async fn two_municipalities_cannot_share_a_code() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        admin.post_form("/organisationer", &org_form("Ydre kommun", "municipality", "0512")).await.assert_status(303);
        admin
            .post_form("/organisationer", &org_form("Ydre igen", "municipality", "0512"))
            .await
            .assert_status(422)
            .assert_contains("finns redan");
        let mut api = t.token_client("api@test.se", true).await;
        let r = api
            .json(
                Method::POST,
                "/api/v1/organisations",
                &json!({"name": "Ydre", "kind": "municipality", "code": "0512"}),
            )
            .await;
        r.assert_status(409);
        assert_eq!(r.error(), ("already_exists".to_string(), Some("code".to_string())));
        assert_eq!(t.count("organisations").await, 1);
    }
}

#[tokio::test]
async fn a_double_submitted_form_creates_one_organisation() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let mut form = org_form("Kinda kommun", "municipality", "0513");
        form.push(("idempotency_key", "form-123"));
        let first = admin.post_form("/organisationer", &form).await;
        let second = admin.post_form("/organisationer", &form).await;
        assert_eq!(first.location(), second.location());
        assert_eq!(t.count("organisations").await, 1);
        let mut api = t.token_client("api@test.se", true).await;
        let body = json!({"name": "Boxholms kommun", "kind": "municipality", "code": "0560"}).to_string();
        let mut ids = Vec::new();
        for _ in 0..2 {
            let r = api
                .send_with(
                    Method::POST,
                    "/api/v1/organisations",
                    Some("application/json"),
                    body.clone().into_bytes(),
                    &[("idempotency-key", "k-1")],
                )
                .await;
            r.assert_status(201);
            ids.push(r.json()["id"].as_i64().unwrap());
        }
        assert_eq!(ids[0], ids[1]);
        assert_eq!(t.count("organisations").await, 2);
    }
}

#[tokio::test]
async fn an_admin_edits_and_deletes_an_organisation_and_the_log_shows_what_changed() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let id = id_in(&admin.post_form("/organisationer", &org_form("Ydre", "municipality", "0512")).await.location());
        admin.get(&format!("/organisationer/{id}/redigera")).await.assert_status(200).assert_contains("value=\"Ydre\"");
        let r =
            admin.post_form(&format!("/organisationer/{id}"), &org_form("Ydre kommun", "municipality", "0512")).await;
        r.assert_status(303);
        admin.get(&r.location()).await.assert_contains("Ändringarna är sparade.");
        let log = admin.get("/admin/logg?entity_type=organisation&action=organisation.update").await;
        log.assert_status(200)
            .assert_contains("organisation.update")
            .assert_contains("Ydre kommun")
            .assert_lacks("organisation.create");
        admin.get(&format!("/organisationer/{id}/ta-bort")).await.assert_status(200).assert_contains("Vill du ta bort");
        admin.post_form(&format!("/organisationer/{id}/ta-bort"), &[]).await.assert_status(303);
        admin.get(&format!("/organisationer/{id}")).await.assert_status(404).assert_contains("Sidan finns inte");
        admin.post_form(&format!("/organisationer/{id}/ta-bort"), &[]).await.assert_status(404);
        let events = t.store().audit_events(&Default::default(), 10).await.unwrap();
        let delete = events.items.iter().find(|e| e.action == "organisation.delete").unwrap();
        assert_eq!(delete.changes["name"]["from"], "Ydre kommun");
    }
}

#[tokio::test]
async fn the_list_filters_searches_in_swedish_order_and_pages() {
    for t in TestApp::each_engine().await {
        let demo = demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        assert_eq!(demo.organisations, 59, "the two counties of the seeds, Kalmar län and the referral's consultees");
        let mut c = t.client();
        let r = c.get("/api/v1/organisations?kind=municipality&county=05&limit=5").await;
        r.assert_status(200);
        let mut names = Vec::new();
        let mut next = r.json()["next_cursor"].as_str().map(str::to_string);
        names.extend(r.json()["items"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap().to_string()));
        while let Some(cursor) = next {
            let r = c.get(&format!("/api/v1/organisations?kind=municipality&county=05&limit=5&cursor={cursor}")).await;
            names.extend(r.json()["items"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap().to_string()));
            next = r.json()["next_cursor"].as_str().map(str::to_string);
        }
        assert_eq!(names.len(), 13);
        assert_eq!(names.first().unwrap(), "Boxholms kommun");
        // Å, Ä and Ö come last, in that order.
        let tail: Vec<&str> = names.iter().rev().take(2).rev().map(String::as_str).collect();
        assert_eq!(tail, ["Åtvidabergs kommun", "Ödeshögs kommun"]);
        let found = c.get("/api/v1/organisations?q=%C3%B6desh%C3%96g").await;
        assert_eq!(found.json()["items"][0]["name"], "Ödeshögs kommun");
        // Wildcards typed by the user match literally.
        assert_eq!(c.get("/api/v1/organisations?q=%25").await.json()["items"].as_array().unwrap().len(), 0);
        let html = c.get("/organisationer?kind=municipality&county=06").await;
        html.assert_contains("Eksjö kommun").assert_lacks("Ydre kommun");
        for (q, field) in
            [("kind=x", "kind"), ("county=99", "county"), ("limit=1000", "limit"), ("cursor=zz", "cursor")]
        {
            let r = c.get(&format!("/api/v1/organisations?{q}")).await;
            r.assert_status(422);
            assert_eq!(r.error().1.as_deref(), Some(field), "{q}");
        }
        let csv = c.get("/organisationer.csv?kind=municipality&county=06").await;
        csv.assert_status(200).assert_contains("Eksjö kommun");
        assert_eq!(csv.body.lines().count(), 14);
    }
}

#[tokio::test]
async fn the_api_refuses_bad_json_field_by_field_without_a_partial_write() {
    for t in TestApp::each_engine().await {
        let mut api = t.token_client("api@test.se", true).await;
        let cases: Vec<(&[u8], u16, &str, Option<&str>)> = vec![
            (b"{not json", 400, "invalid_json", None),
            (b"[1,2]", 400, "invalid_json", None),
            (br#"{"name":"X","kind":"other","colour":"red"}"#, 400, "unknown_field", Some("colour")),
            (br#"{"name":42,"kind":"other"}"#, 422, "wrong_type", Some("name")),
            (br#"{"name":"X","kind":"other","county_code":6}"#, 422, "wrong_type", Some("county_code")),
            (br#"{"kind":"other"}"#, 422, "required", Some("name")),
            (br#"{"name":"X","kind":"moon"}"#, 422, "invalid_kind", Some("kind")),
            (br#"{"name":"X","kind":"municipality","code":"06"}"#, 422, "unknown_municipality_code", Some("code")),
        ];
        for (body, status, code, field) in cases {
            let r = api.json_raw(Method::POST, "/api/v1/organisations", body).await;
            r.assert_status(status);
            assert_eq!(r.error(), (code.to_string(), field.map(str::to_string)), "{}", String::from_utf8_lossy(body));
        }
        let long = json!({"name": "x".repeat(201), "kind": "other"});
        let r = api.json(Method::POST, "/api/v1/organisations", &long).await;
        assert_eq!(r.error(), ("too_long".into(), Some("name".into())));
        let r = api.send(Method::POST, "/api/v1/organisations", Some("text/plain"), b"{}".to_vec()).await;
        r.assert_status(400);
        assert_eq!(r.error().0, "unsupported_media_type");
        // English messages when asked.
        let r = api
            .send_with(
                Method::POST,
                "/api/v1/organisations",
                Some("application/json"),
                br#"{"kind":"other"}"#.to_vec(),
                &[("accept-language", "en")],
            )
            .await;
        assert_eq!(r.json()["error"]["message"], "This field is required.");
        assert_eq!(t.count("organisations").await, 0);
    }
}

#[tokio::test]
async fn the_api_creates_updates_and_deletes_with_a_token() {
    for t in TestApp::each_engine().await {
        let mut api = t.token_client("api@test.se", true).await;
        let r = api
            .json(
                Method::POST,
                "/api/v1/organisations",
                &json!({"name": "Region Östergötland", "kind": "region", "code": "05"}),
            )
            .await;
        r.assert_status(201);
        let id = r.json()["id"].as_i64().unwrap();
        assert_eq!(r.location(), format!("/api/v1/organisations/{id}"));
        let r = api.json(Method::PUT, &format!("/api/v1/organisations/{id}"), &json!({"name": "Region Östergötland", "kind": "region", "code": "05", "website": "https://www.regionostergotland.se"})).await;
        r.assert_status(200);
        assert_eq!(r.json()["website"], "https://www.regionostergotland.se");
        api.json(Method::PUT, "/api/v1/organisations/999999", &json!({"name": "X", "kind": "other"}))
            .await
            .assert_status(404);
        api.get("/api/v1/organisations/abc").await.assert_status(404);
        let events = t.store().audit_events(&Default::default(), 10).await.unwrap();
        assert!(events.items.iter().any(|e| e.action == "organisation.update" && e.via == "token"));
        api.send(Method::DELETE, &format!("/api/v1/organisations/{id}"), None, vec![]).await.assert_status(204);
        api.send(Method::DELETE, &format!("/api/v1/organisations/{id}"), None, vec![]).await.assert_status(404);
    }
}

#[tokio::test]
async fn contact_details_are_shown_to_signed_in_users_only() {
    for t in TestApp::each_engine().await {
        let mut api = t.token_client("api@test.se", true).await;
        let org = api
            .json(
                Method::POST,
                "/api/v1/organisations",
                &json!({"name": "Ydre kommun", "kind": "municipality", "code": "0512"}),
            )
            .await
            .json();
        let person = json!({"name": "Åsa Lind", "title": "Oppositionsråd", "organisation_id": org["id"], "party": "M", "email": "Asa.Lind@Ydre.se", "phone": "0381-661 00"});
        let r = api.json(Method::POST, "/api/v1/people", &person).await;
        r.assert_status(201);
        let pid = r.json()["id"].as_i64().unwrap();
        assert_eq!(r.json()["email"], "asa.lind@ydre.se");
        assert_eq!(r.json()["organisation_name"], "Ydre kommun");

        let mut anon = t.client();
        let j = anon.get(&format!("/api/v1/people/{pid}")).await.json();
        assert_eq!(j["name"], "Åsa Lind");
        assert_eq!(j["party"], "M");
        assert!(j.get("email").is_none() && j.get("phone").is_none(), "{j}");
        anon.get(&format!("/personer/{pid}"))
            .await
            .assert_lacks("asa.lind@ydre.se")
            .assert_contains("visas för inloggade");
        anon.get("/personer.csv").await.assert_lacks("asa.lind@ydre.se");
        anon.get("/personer").await.assert_lacks("asa.lind@ydre.se");
        let mut member = t.member().await;
        member
            .get(&format!("/personer/{pid}"))
            .await
            .assert_contains("asa.lind@ydre.se")
            .assert_contains("0381-661 00");
        assert_eq!(member.get("/api/v1/people?q=%C3%A5sa").await.json()["items"][0]["email"], "asa.lind@ydre.se");
        assert_eq!(
            member.get(&format!("/api/v1/people?organisation={}", org["id"])).await.json()["items"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
    }
}

#[tokio::test]
async fn people_forms_check_every_field() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        for (field, value, message) in [
            ("name", "", "Fältet måste fyllas i."),
            ("email", "inte-en-adress", "giltig e-postadress"),
            ("phone", "ring mig", "telefonnummer"),
            ("organisation_id", "abc", "Välj en organisation"),
            ("organisation_id", "424242", "Organisationen finns inte."),
            ("party", &"P".repeat(41), "Högst 40 tecken."),
        ] {
            let mut form = vec![
                ("name", "Karin Ek"),
                ("title", ""),
                ("organisation_id", ""),
                ("party", ""),
                ("email", ""),
                ("phone", ""),
            ];
            for f in form.iter_mut() {
                if f.0 == field {
                    f.1 = value;
                }
            }
            admin
                .post_form("/personer", &form)
                .await
                .assert_status(422)
                .assert_contains(message)
                .assert_contains(&format!("#f-{field}"));
        }
        assert_eq!(t.count("people").await, 0);
        let r = admin.post_form("/personer", &[("name", "Karin Ek"), ("party", "S")]).await;
        r.assert_status(303);
        let pid = id_in(&r.location());
        admin
            .post_form(&format!("/personer/{pid}"), &[("name", "Karin Ek"), ("party", "S"), ("title", "Regionråd")])
            .await
            .assert_status(303);
        admin.get(&format!("/personer/{pid}")).await.assert_contains("Regionråd");
        let mut api = t.token_client("api@test.se", true).await;
        let r = api.json(Method::POST, "/api/v1/people", &json!({"name": "X", "organisation_id": "12"})).await;
        assert_eq!(r.error(), ("wrong_type".into(), Some("organisation_id".into())));
        let r = api.json(Method::POST, "/api/v1/people", &json!({"name": "X", "organisation_id": 999})).await;
        assert_eq!(r.error(), ("unknown_organisation".into(), Some("organisation_id".into())));
        admin.post_form(&format!("/personer/{pid}/ta-bort"), &[]).await.assert_status(303);
        assert_eq!(t.count("people").await, 0);
    }
}
