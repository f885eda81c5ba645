//! The consultation structure as its users work with it: bodies, members over time, CSV import
//! and export, rules and compliance, meeting and work plans, and who may change what.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::{Value, json};

/// Region Östergötland, Ydre and Kinda, and a strategic consultation group with the standard
/// rules of seed 001 for county 05 (through the API, as an integration would).
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
    let rules = json!([
        {"kind": "seats_per_organisation", "scope": {"kind": "organisations", "ids": [ids["ydre"], ids["kinda"]]}, "side": "majority", "min": 1, "max": 1},
        {"kind": "seats_per_organisation", "scope": {"kind": "organisations", "ids": [ids["ydre"], ids["kinda"]]}, "side": "opposition", "min": 1, "max": 1},
    ]);
    let r = api
        .json(
            Method::POST,
            "/api/v1/bodies",
            &json!({
                "name": "Samrådet för strategiska frågor", "kind": "consultation_group", "county_code": "05",
                "duties": ["Principiella frågor", "Gemensamma utvecklingsfrågor"],
                "organisations": [ids["region"], ids["ydre"], ids["kinda"]], "rules": rules,
            }),
        )
        .await;
    r.assert_status(201);
    ids["body"] = r.json()["id"].clone();
    (api, ids)
}

async fn person(api: &mut Client, name: &str, org: &Value, party: &str) -> Value {
    let r =
        api.json(Method::POST, "/api/v1/people", &json!({"name": name, "organisation_id": org, "party": party})).await;
    r.assert_status(201);
    r.json()["id"].clone()
}

async fn member(
    api: &mut Client,
    body: &Value,
    person: &Value,
    org: &Value,
    side: &str,
    start: &str,
    end: Option<&str>,
) -> Value {
    let r = api
        .json(
            Method::POST,
            &format!("/api/v1/bodies/{body}/memberships"),
            &json!({
                "person_id": person, "organisation_id": org, "role": "member", "side": side, "start": start, "end": end,
            }),
        )
        .await;
    r.assert_status(201);
    r.json()
}

#[tokio::test]
async fn compliance_names_the_missing_representative_and_clears_when_the_seat_is_filled() {
    for t in TestApp::each_engine().await {
        let (mut api, ids) = fixture(&t).await;
        let body = ids["body"].clone();
        let ydre_m = person(&mut api, "Karin Ek", &ids["ydre"], "C").await;
        let ydre_o = person(&mut api, "Olle Berg", &ids["ydre"], "S").await;
        let kinda_m = person(&mut api, "Sara Holm", &ids["kinda"], "M").await;
        let kinda_o = person(&mut api, "Per Lund", &ids["kinda"], "V").await;
        member(&mut api, &body, &ydre_m, &ids["ydre"], "majority", "2023-01-01", None).await;
        member(&mut api, &body, &kinda_m, &ids["kinda"], "majority", "2023-01-01", None).await;
        member(&mut api, &body, &kinda_o, &ids["kinda"], "opposition", "2023-01-01", None).await;
        // Ydre's opposition representative resigned at the end of September 2025.
        member(&mut api, &body, &ydre_o, &ids["ydre"], "opposition", "2023-01-01", Some("2025-09-30")).await;

        let before = api.get(&format!("/api/v1/bodies/{body}/compliance?at=2025-06-01")).await.json();
        assert_eq!(before["compliant"], true, "{before}");
        let after = api.get(&format!("/api/v1/bodies/{body}/compliance?at=2025-11-01")).await.json();
        assert_eq!(after["compliant"], false);
        let f = &after["findings"][0];
        assert_eq!(
            f["message"],
            "Ydre kommun saknar ordinarie oppositionsföreträdare i Samrådet för strategiska frågor."
        );
        assert_eq!(f["organisation_id"], ids["ydre"]);
        assert_eq!(f["rule"], "seats_per_organisation");
        assert_eq!(after["findings"].as_array().unwrap().len(), 1);

        // The member list on the two dates.
        let june = api.get(&format!("/api/v1/bodies/{body}/memberships?at=2025-06-01")).await.json();
        assert_eq!(june["items"].as_array().unwrap().len(), 4);
        let nov = api.get(&format!("/api/v1/bodies/{body}/memberships?at=2025-11-01")).await.json();
        assert_eq!(nov["items"].as_array().unwrap().len(), 3);

        // The dashboard shows the finding to anyone, in Swedish.
        let mut anon = t.client();
        anon.get("/efterlevnad?datum=2025-11-01")
            .await
            .assert_status(200)
            .assert_contains("Ydre kommun saknar ordinarie oppositionsföreträdare");
        anon.get(&format!("/organ/{body}")).await.assert_status(200).assert_contains("Principiella frågor");

        // A new opposition representative fills the seat.
        let new = person(&mut api, "Lisa Ahl", &ids["ydre"], "SD").await;
        member(&mut api, &body, &new, &ids["ydre"], "opposition", "2025-10-15", None).await;
        let fixed = api.get(&format!("/api/v1/bodies/{body}/compliance?at=2025-11-01")).await.json();
        assert_eq!(fixed["compliant"], true, "{fixed}");
        // The person page lists current and past assignments.
        anon.get(&format!("/personer/{ydre_o}"))
            .await
            .assert_contains("Samrådet för strategiska frågor")
            .assert_contains("2025-09-30")
            .assert_contains("2023–2026");
    }
}

#[tokio::test]
async fn an_admin_builds_the_structure_through_forms_and_the_graph_stays_sound() {
    for t in TestApp::each_engine().await {
        let (mut api, ids) = fixture(&t).await;
        let body = ids["body"].as_i64().unwrap().to_string();
        let mut admin = t.admin().await;
        admin.get("/organ/ny").await.assert_status(200);
        let region = ids["region"].as_i64().unwrap().to_string();
        let ydre = ids["ydre"].as_i64().unwrap().to_string();
        let r = admin
            .post_form(
                "/organ",
                &[
                    ("name", "Ledningsgruppen för strategiska frågor"),
                    ("kind", "management_group"),
                    ("county_code", "05"),
                    ("prepares_for", &body),
                    ("duties", "driva den gemensamma utvecklingen\nvara sakkunniga till samråden"),
                    ("org", &region),
                    ("org", &ydre),
                ],
            )
            .await;
        r.assert_status(303);
        let lg = id_in(&r.location()).to_string();
        let page = admin.get(&format!("/organ/{lg}")).await;
        page.assert_contains("Bereder ärenden åt")
            .assert_contains("Samrådet för strategiska frågor")
            .assert_contains("Ydre kommun")
            .assert_contains("vara sakkunniga till samråden");
        // The strategic management group is superior to the culture group …
        let r = admin
            .post_form(
                "/organ",
                &[("name", "Ledningsgruppen för kultur"), ("kind", "management_group"), ("superior_id", &lg)],
            )
            .await;
        let kultur = id_in(&r.location()).to_string();
        admin
            .get(&format!("/organ/{lg}"))
            .await
            .assert_contains("Underordnade organ")
            .assert_contains("Ledningsgruppen för kultur");
        // … so it cannot be made subordinate to the culture group: that would be a circle.
        let r = admin
            .post_form(
                &format!("/organ/{lg}"),
                &[
                    ("name", "Ledningsgruppen för strategiska frågor"),
                    ("kind", "management_group"),
                    ("superior_id", &kultur),
                ],
            )
            .await;
        r.assert_status(422).assert_contains("G");
        // A network prepares nothing.
        let r = admin
            .post_form("/organ", &[("name", "Folkhälsonätverket"), ("kind", "network"), ("prepares_for", &body)])
            .await;
        r.assert_status(422).assert_contains("bereder inga ärenden");
        // A presidium belongs to its body.
        admin
            .post_form("/organ", &[("name", "Presidiet"), ("kind", "presidium")])
            .await
            .assert_status(422)
            .assert_contains("Ange vilket organ presidiet hör till");
        let r = admin
            .post_form(
                "/organ",
                &[
                    ("name", "Presidiet för Samrådet för strategiska frågor"),
                    ("kind", "presidium"),
                    ("presidium_of", &body),
                ],
            )
            .await;
        r.assert_status(303);
        admin.get(&format!("/organ/{body}")).await.assert_contains("Presidiet för Samrådet för strategiska frågor");
        // Bad API input names its field.
        let r = api.json(Method::POST, "/api/v1/bodies", &json!({"name": "X", "kind": "club"})).await;
        assert_eq!(r.error(), ("invalid_kind".into(), Some("kind".into())));
        let r = api
            .json(Method::POST, "/api/v1/bodies", &json!({"name": "X", "kind": "network", "duties": "en sträng"}))
            .await;
        assert_eq!(r.error(), ("wrong_type".into(), Some("duties".into())));
        let r = api
            .json(Method::POST, "/api/v1/bodies", &json!({"name": "X", "kind": "network", "superior_id": 999999}))
            .await;
        assert_eq!(r.error().1.as_deref(), Some("superior_id"));
        let r = api
            .json(
                Method::PUT,
                &format!("/api/v1/bodies/{body}/rules"),
                &json!({"rules": [{"kind": "meets_at_least", "per_year": 0}]}),
            )
            .await;
        assert_eq!(r.error().1.as_deref(), Some("rules"));
        let log = t
            .store()
            .audit_events(&store::audit::AuditFilter { entity_type: Some("body".into()), ..Default::default() }, 50)
            .await
            .unwrap();
        assert!(log.items.iter().filter(|e| e.action == "body.create").count() >= 4);
    }
}

#[tokio::test]
async fn the_secretary_manages_members_and_plans_of_their_own_body_only() {
    for t in TestApp::each_engine().await {
        let (mut api, ids) = fixture(&t).await;
        let body = ids["body"].clone();
        let sec_person = person(&mut api, "Josefin Sekreterare", &ids["region"], "").await;
        let r = api.json(Method::POST, &format!("/api/v1/bodies/{body}/memberships"), &json!({"person_id": sec_person, "organisation_id": ids["region"], "role": "secretary", "start": "2023-01-01"})).await;
        r.assert_status(201);
        let other = api
            .json(Method::POST, "/api/v1/bodies", &json!({"name": "Annat samråd", "kind": "consultation_group"}))
            .await
            .json()["id"]
            .clone();
        let uid = t.user("sekreterare@test.se", false).await;
        t.store()
            .link_user_person(
                domain::ids::UserId(uid),
                Some(domain::ids::PersonId(sec_person.as_i64().unwrap())),
                &store::Actor::system("test"),
            )
            .await
            .unwrap();
        let mut sec = t.client();
        sec.login("sekreterare@test.se", PASSWORD).await;
        let member_p = person(&mut api, "Karin Ek", &ids["ydre"], "C").await.to_string();
        let ydre = ids["ydre"].to_string();
        sec.get(&format!("/organ/{body}/ledamoter/ny")).await.assert_status(200);
        let r = sec
            .post_form(
                &format!("/organ/{body}/ledamoter"),
                &[
                    ("person", &member_p),
                    ("organisation", &ydre),
                    ("role", "member"),
                    ("side", "majority"),
                    ("start", "2026-01-01"),
                ],
            )
            .await;
        r.assert_status(303);
        // Bad input is shown at its field.
        sec.post_form(
            &format!("/organ/{body}/ledamoter"),
            &[("person", &member_p), ("organisation", &ydre), ("role", "kung"), ("start", "2026-02-30")],
        )
        .await
        .assert_status(422)
        .assert_contains("Välj en giltig roll")
        .assert_contains("#f-start");
        sec.post_form(
            &format!("/organ/{body}/motesplan"),
            &[("year", "2026"), ("dates", "2026-02-06\n2026-04-10\n2026-09-11\n2026-11-20")],
        )
        .await
        .assert_status(303);
        assert_eq!(
            api.get(&format!("/api/v1/bodies/{body}/meeting-plan/2026")).await.json()["dates"]
                .as_array()
                .unwrap()
                .len(),
            4
        );
        sec.post_form(&format!("/organ/{body}/motesplan"), &[("year", "2026"), ("dates", "2027-01-01")])
            .await
            .assert_status(422);
        // Not the other body.
        sec.get(&format!("/organ/{other}/ledamoter/ny")).await.assert_status(403);
        sec.post_form(&format!("/organ/{other}/motesplan"), &[("year", "2026"), ("dates", "")])
            .await
            .assert_status(403);
        // A plain member may not manage anything; an anonymous visitor is asked to sign in.
        let mut member = t.member().await;
        member.get(&format!("/organ/{body}/ledamoter/ny")).await.assert_status(403);
        let r = t.client().get(&format!("/organ/{body}/ledamoter/ny")).await;
        assert!(r.location().starts_with("/logga-in"));
        // Edit and delete a membership.
        let list = api.get(&format!("/api/v1/bodies/{body}/memberships")).await.json();
        let mid =
            list["items"].as_array().unwrap().iter().find(|m| m["role"] == "member").unwrap()["id"].as_i64().unwrap();
        sec.get(&format!("/organ/{body}/ledamoter/{mid}/redigera"))
            .await
            .assert_status(200)
            .assert_contains("value=\"2026-01-01\"");
        sec.post_form(
            &format!("/organ/{body}/ledamoter/{mid}"),
            &[
                ("person", &member_p),
                ("organisation", &ydre),
                ("role", "member"),
                ("side", "majority"),
                ("start", "2026-01-01"),
                ("end", "2025-01-01"),
            ],
        )
        .await
        .assert_status(422)
        .assert_contains("Slutdatumet kan inte vara före startdatumet.");
        sec.post_form(&format!("/organ/{body}/ledamoter/{mid}/ta-bort"), &[]).await.assert_status(303);
        api.get(&format!("/api/v1/memberships/{mid}")).await.assert_status(404);
    }
}

#[tokio::test]
async fn members_are_imported_all_or_nothing_and_exported_in_the_same_columns() {
    for t in TestApp::each_engine().await {
        let (_api, ids) = fixture(&t).await;
        let body = ids["body"].clone();
        let mut admin = t.admin().await;
        let bad = "namn;organisation;roll;sida;parti;start;slut;ersattare_for\nKarin Ek;0512;ledamot;majoritet;C;2023-01-01;;\nOlle Berg;9999;ledamot;opposition;S;2023-01-01;;\nPer Lund;0513;kung;;V;igår;;\n";
        let r = admin.post_form(&format!("/organ/{body}/ledamoter/import"), &[("csv", bad)]).await;
        r.assert_status(422)
            .assert_contains("Inget har sparats")
            .assert_contains("<td>3</td>")
            .assert_contains("<td>4</td>")
            .assert_contains("9999");
        assert_eq!(t.count("memberships").await, 0);
        let before_people = t.count("people").await;
        let good = "namn;organisation;roll;sida;parti;start;slut;ersattare_for\nKarin Ek;0512;ledamot;majoritet;C;2023-01-01;;\nOlle Berg;Ydre kommun;ledamot;opposition;S;2023-01-01;;\nPer Lund;0513;ersättare;;V;2023-01-01;2024-12-31;Karin Ek\n";
        let r = admin.post_form(&format!("/organ/{body}/ledamoter/import"), &[("csv", good)]).await;
        r.assert_status(303);
        assert_eq!(t.count("memberships").await, 3);
        assert_eq!(t.count("people").await, before_people + 3);
        admin.get(&r.location()).await.assert_contains("Ledamöterna är importerade.");
        let csv = admin.get(&format!("/organ/{body}/ledamoter.csv")).await;
        csv.assert_status(200)
            .assert_contains("Karin Ek,0512,member,majority,C,2023-01-01,,")
            .assert_contains("Per Lund,0513,substitute,neither,V,2023-01-01,2024-12-31,Karin Ek");
        // Exported rows import again (the round trip an administrator relies on).
        let round = csv.body.trim_start_matches('\u{feff}').to_string();
        let other = t
            .store()
            .create_body(
                &domain::structure::BodyInput::parse(&domain::structure::BodyFields {
                    name: "Kopia",
                    kind: "working_group",
                    ..Default::default()
                })
                .unwrap(),
                &[],
                &store::Actor::system("test"),
                None,
            )
            .await
            .unwrap();
        admin.post_form(&format!("/organ/{other}/ledamoter/import"), &[("csv", &round)]).await.assert_status(303);
        assert_eq!(t.count("memberships").await, 6);
        assert_eq!(t.count("people").await, before_people + 3, "people are found again, not duplicated");
    }
}

#[tokio::test]
async fn work_plans_keep_their_history_and_rules_use_the_standard_sets() {
    for t in TestApp::each_engine().await {
        let (mut api, ids) = fixture(&t).await;
        let body = ids["body"].clone();
        let mut admin = t.admin().await;
        admin.get(&format!("/organ/{body}/arbetsplan")).await.assert_status(200).assert_contains("Ingen arbetsplan");
        admin
            .post_form(
                &format!("/organ/{body}/arbetsplan"),
                &[
                    ("decided_on", "2024-12-13"),
                    ("q0_title", "Kompetensförsörjning"),
                    ("q0_duty", "Principiella frågor"),
                    ("q0_status", "ongoing"),
                ],
            )
            .await
            .assert_status(303);
        admin
            .post_form(
                &format!("/organ/{body}/arbetsplan"),
                &[
                    ("decided_on", "2025-12-12"),
                    ("q0_title", "Revidering av RUS"),
                    ("q0_status", "planned"),
                    ("q1_title", "Kompetensförsörjning"),
                    ("q1_status", "done"),
                ],
            )
            .await
            .assert_status(303);
        admin
            .post_form(
                &format!("/organ/{body}/arbetsplan"),
                &[("decided_on", "2025-12-12"), ("q0_title", "X"), ("q0_duty", "påhittad"), ("q0_status", "planned")],
            )
            .await
            .assert_status(422)
            .assert_contains("Välj en av organets uppdragspunkter.")
            .assert_contains("href=\"#f-q0_duty\"")
            .assert_contains("id=\"f-q0_duty-error\"");
        let plans = api.get(&format!("/api/v1/bodies/{body}/work-plans")).await.json();
        let items = plans["items"].as_array().unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(
            (items[0]["version"].as_i64(), items[0]["covers_from"].as_i64(), items[0]["covers_to"].as_i64()),
            (Some(2), Some(2026), Some(2027))
        );
        assert_eq!(items[1]["questions"][0]["title"], "Kompetensförsörjning");
        let page = admin.get(&format!("/organ/{body}/arbetsplan")).await;
        page.assert_contains("Version 2: 2026–2027")
            .assert_contains("Version 1: 2025–2026")
            .assert_contains("Revidering av RUS");

        admin.get(&format!("/organ/{body}/regler")).await.assert_status(200).assert_contains("seats_per_organisation");
        admin.post_form(&format!("/organ/{body}/regler"), &[("standard", "strategic")]).await.assert_status(303);
        let b = api.get(&format!("/api/v1/bodies/{body}")).await.json();
        assert!(b["rules"].as_array().unwrap().len() >= 4, "{b}");
        admin
            .post_form(&format!("/organ/{body}/regler"), &[("rules", "[{\"kind\":\"nope\"}]")])
            .await
            .assert_status(422)
            .assert_contains("Reglerna kunde inte läsas");
        let r = api.get(&format!("/api/v1/bodies/{body}/compliance?at=2026-03-01")).await.json();
        let messages: Vec<&str> =
            r["findings"].as_array().unwrap().iter().map(|f| f["message"].as_str().unwrap()).collect();
        assert!(messages.iter().any(|m| m.contains("sammanträden 2026")), "{messages:?}");
        api.get(&format!("/api/v1/bodies/{body}/compliance?at=igår")).await.assert_status(422);
        let dash = api.get("/api/v1/compliance?at=2026-03-01").await.json();
        assert_eq!(dash["items"].as_array().unwrap().len(), 1);
        let mut member = t.member().await;
        member.get(&format!("/organ/{body}/regler")).await.assert_status(403);
    }
}
