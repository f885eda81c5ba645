//! Governing documents and the strategy model over HTTP on both engines (issue 13): the
//! register with its filters, review findings (seed 003's RUS, adopted 2019-12-03, was to be
//! reviewed before the election of 13 September 2026) and relations (the regional transport
//! plan coordinated with the RUS); a strategy's tree with its dimensions, Agenda 2030 links and
//! owning bodies, by the tree's rules; strategies being drawn up hidden from visitors; the
//! administrators' Swedish target texts; every field's bad input named; others refused; every
//! change audited.

use crate::common;

use axum::http::Method;
use common::*;
use serde_json::{Value, json};

struct World {
    admin: Client,
    region: i64,
    fullmaktige: i64,
    samrad: i64,
}

async fn world(t: &TestApp) -> World {
    let mut admin = t.admin().await;
    let r = admin
        .json(
            Method::POST,
            "/api/v1/organisations",
            &json!({"name": "Region Jönköpings län", "kind": "region", "code": "06", "county_code": "06"}),
        )
        .await;
    let region = r.assert_status(201).json()["id"].as_i64().unwrap();
    let body = |name: &'static str, kind: &'static str| json!({"name": name, "kind": kind});
    let fullmaktige = admin
        .json(Method::POST, "/api/v1/bodies", &body("Regionfullmäktige", "regional_council"))
        .await
        .assert_status(201)
        .json()["id"]
        .as_i64()
        .unwrap();
    let samrad = admin
        .json(Method::POST, "/api/v1/bodies", &body("Samrådet för strategiska frågor", "consultation_group"))
        .await
        .assert_status(201)
        .json()["id"]
        .as_i64()
        .unwrap();
    World { admin, region, fullmaktige, samrad }
}

fn rus(w: &World) -> Value {
    json!({
        "owner_id": w.region, "kind": "strategy", "title": "Regional utvecklingsstrategi 2020-2035",
        "valid_from": "2020-01-01", "valid_to": "2035-12-31", "adopted_body_id": w.fullmaktige,
        "adopted_on": "2019-12-03", "revision_rule": "between_elections",
    })
}

/// The API error's field and code (the body names the first field that is wrong).
fn codes(r: &Resp) -> Vec<(String, String)> {
    let (code, field) = r.error();
    vec![(field.unwrap_or_default(), code)]
}

#[tokio::test]
async fn the_register_finds_overdue_reviews_and_keeps_relations() {
    for t in TestApp::each_engine().await {
        let mut w = world(&t).await;
        let csrf = w.admin.csrf().await;
        let headers = [("idempotency-key", "rus-1"), ("x-csrf-token", csrf.as_str())];
        // The RUS by the API, retried with the same key: one document.
        let r = w
            .admin
            .send_with(
                Method::POST,
                "/api/v1/governing-documents",
                Some("application/json"),
                rus(&w).to_string().into_bytes(),
                &headers,
            )
            .await;
        let rus_id = r.assert_status(201).json()["id"].as_i64().unwrap();
        let again = w
            .admin
            .send_with(
                Method::POST,
                "/api/v1/governing-documents",
                Some("application/json"),
                rus(&w).to_string().into_bytes(),
                &headers,
            )
            .await;
        assert_eq!(again.assert_status(201).json()["id"].as_i64(), Some(rus_id));
        assert_eq!(t.count("governing_documents").await, 1);
        let j = r.json();
        assert_eq!(j["review"], json!({"state": "overdue", "due_on": "2026-09-12", "days": 65}));
        // The transport plan by the form, initiated from the consultation group.
        let (region, samrad) = (w.region.to_string(), w.samrad.to_string());
        let r = w
            .admin
            .post_form(
                "/styrdokument",
                &[
                    ("owner_id", &region),
                    ("kind", "plan"),
                    ("title", "Regional transportplan 2022-2033"),
                    ("revision_rule", "every_4_years"),
                    ("adopted_by", "Regionfullmäktige"),
                    ("adopted_on", "2023-06-14"),
                    ("adopted_paragraph", "§ 98"),
                    ("initiated_by_body_id", &samrad),
                    ("idempotency_key", "plan-1"),
                ],
            )
            .await;
        r.assert_status(303);
        let plan = id_in(&r.location());
        // Related from the plan's page: shown on both documents, stored once.
        let r = w
            .admin
            .post_form(
                &format!("/styrdokument/{plan}/relationer"),
                &[("to_id", &rus_id.to_string()), ("relation", "coordinated_with")],
            )
            .await;
        r.assert_status(303);
        let anon = &mut t.client();
        anon.get(&format!("/styrdokument/{plan}"))
            .await
            .assert_status(200)
            .assert_contains("Samordnas med")
            .assert_contains("Regional utvecklingsstrategi 2020-2035")
            .assert_contains("Samrådet för strategiska frågor")
            .assert_contains("2027-06-14");
        anon.get(&format!("/styrdokument/{rus_id}"))
            .await
            .assert_status(200)
            .assert_contains("Samordnas med")
            .assert_contains("Översynen är försenad")
            .assert_contains("2026-09-12");
        w.admin
            .post_form(
                &format!("/styrdokument/{rus_id}/relationer"),
                &[("to_id", &plan.to_string()), ("relation", "coordinated_with")],
            )
            .await
            .assert_status(303);
        let rels = t.client().get(&format!("/api/v1/governing-documents/{rus_id}")).await.json()["relations"].clone();
        assert_eq!(t.count("governing_relations").await, 1, "{rels} rus {rus_id} plan {plan}");
        // Filters: overdue only, by kind, by words of the title.
        let overdue = anon.get("/api/v1/governing-documents?forsenad=1").await.json();
        assert_eq!(overdue["items"].as_array().unwrap().len(), 1);
        assert_eq!(overdue["items"][0]["id"].as_i64(), Some(rus_id));
        let plans = anon.get("/styrdokument?typ=plan").await;
        plans.assert_status(200).assert_contains("Regional transportplan").assert_lacks("utvecklingsstrategi 2020");
        let words = anon.get("/api/v1/governing-documents?q=transportplan").await.json();
        assert_eq!(words["items"].as_array().unwrap().len(), 1);
        anon.get("/styrdokument?typ=memo").await.assert_status(422);
        // Reviewed in November 2025: the next review falls before the election of 2030.
        let mut edit = rus(&w);
        edit["reviewed_on"] = json!("2025-11-25");
        let r = w.admin.json(Method::PUT, &format!("/api/v1/governing-documents/{rus_id}"), &edit).await;
        assert_eq!(r.assert_status(200).json()["review"], json!({"state": "due", "due_on": "2030-09-07"}));
        anon.get("/styrdokument?forsenad=1").await.assert_contains("Inga styrande dokument");
        // Every change is audited.
        let f = store::audit::AuditFilter { entity_type: Some("governing_document".into()), ..Default::default() };
        let actions: Vec<String> =
            t.store().audit_events(&f, 50).await.unwrap().items.into_iter().map(|e| e.action).collect();
        for a in ["governing_document.create", "governing_document.update", "governing_relation.add"] {
            assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
        }
        assert_eq!(actions.iter().filter(|a| *a == "governing_document.create").count(), 2);
    }
}

#[tokio::test]
async fn a_strategy_is_a_tree_by_its_rules_with_sdg_links_and_owners() {
    for t in TestApp::each_engine().await {
        let mut w = world(&t).await;
        let s = json!({"owner_id": w.region, "title": "Regional utvecklingsstrategi för Jönköpings län",
            "vision": "Sveriges mest hållbara, attraktiva och tillgängliga län", "first_year": 2020,
            "last_year": 2035, "status": "adopted"});
        let r = w.admin.json(Method::POST, "/api/v1/strategies", &s).await;
        let sid = r.assert_status(201).json()["id"].as_i64().unwrap();
        let nodes = format!("/api/v1/strategies/{sid}/nodes");
        let area = w
            .admin
            .json(
                Method::POST,
                &nodes,
                &json!({"kind": "area", "title": "En attraktiv region", "dimensions": ["social"]}),
            )
            .await
            .assert_status(201)
            .json()["id"]
            .as_i64()
            .unwrap();
        let sub = json!({"parent_id": area, "kind": "priority",
            "title": "Likvärdiga möjligheter till boende, arbete och välfärd i hela länet",
            "dimensions": ["economic", "social"], "sdg": ["11.2", "10"], "bodies": [w.samrad]});
        let sub = w.admin.json(Method::POST, &nodes, &sub).await.assert_status(201).json();
        let sub_id = sub["id"].as_i64().unwrap();
        assert_eq!(sub["sdg"], json!(["10", "11.2"]));
        assert_eq!(sub["dimensions"], json!(["social", "economic"]));
        // The tree's rules: an impact goal needs a parent; an area cannot stand under a
        // priority; nothing moves under its own descendant.
        let r = w.admin.json(Method::POST, &nodes, &json!({"kind": "impact_goal", "title": "Effekt"})).await;
        assert_eq!(codes(r.assert_status(422)), vec![("parent_id".into(), "impact_goal_needs_parent".into())]);
        let r = w.admin.json(Method::POST, &nodes, &json!({"parent_id": sub_id, "kind": "area", "title": "X"})).await;
        assert_eq!(codes(r.assert_status(422)), vec![("kind".into(), "kind_under_parent".into())]);
        let goal = w
            .admin
            .json(Method::POST, &nodes, &json!({"parent_id": sub_id, "kind": "overall_goal", "title": "Fler i arbete"}))
            .await
            .assert_status(201)
            .json()["id"]
            .as_i64()
            .unwrap();
        let r = w
            .admin
            .json(
                Method::PUT,
                &format!("{nodes}/{sub_id}"),
                &json!({"parent_id": goal, "kind": "priority", "title": "Y"}),
            )
            .await;
        assert_eq!(codes(r.assert_status(422))[0].0, "kind");
        // A changed kind must still rank above its children's.
        let r = w
            .admin
            .json(
                Method::PUT,
                &format!("{nodes}/{sub_id}"),
                &json!({"parent_id": area, "kind": "impact_goal", "title": "Y"}),
            )
            .await;
        assert_eq!(codes(r.assert_status(422)), vec![("kind".into(), "kind_under_parent".into())]);
        let r = w.admin.json(Method::POST, &nodes, &json!({"parent_id": 999_999, "kind": "area", "title": "Z"})).await;
        assert_eq!(codes(r.assert_status(422)), vec![("parent_id".into(), "unknown_parent".into())]);
        // A node of another strategy is not found under this one.
        t.client().get(&format!("/strategier/{}/delar/{sub_id}", sid + 1)).await.assert_status(404);
        // The page: the tree as nested lists, the vision, the node's SDG links and owners.
        let anon = &mut t.client();
        let page = anon.get(&format!("/strategier/{sid}")).await;
        page.assert_status(200)
            .assert_contains("Sveriges mest hållbara, attraktiva och tillgängliga län")
            .assert_contains("<ul class=\"strategy-tree\">")
            .assert_contains(&format!("<li id=\"del-{goal}\">"));
        let html = &page.body;
        assert_eq!(html.matches("<ul").count(), html.matches("</ul>").count());
        anon.get(&format!("/strategier/{sid}/delar/{sub_id}"))
            .await
            .assert_status(200)
            .assert_contains("Minskad ojämlikhet")
            .assert_contains("provide access to safe, affordable")
            .assert_contains("Samrådet för strategiska frågor")
            .assert_contains("Fler i arbete")
            .assert_lacks("kommer snart");
        // An administrator adds the Swedish text of target 11.2: the node shows it.
        let sv = "Senast 2030 ge alla tillgång till säkra, ekonomiskt överkomliga, tillgängliga och hållbara transportsystem.";
        w.admin.post_form("/sdg/delmal/11.2", &[("title_sv", sv)]).await.assert_status(303);
        anon.get(&format!("/strategier/{sid}/delar/{sub_id}")).await.assert_contains(sv);
        anon.get("/sdg/11").await.assert_status(200).assert_contains(sv).assert_contains("Likvärdiga möjligheter");
        let long = "å".repeat(1001);
        let r = w.admin.post_form("/sdg/delmal/11.2", &[("title_sv", &long)]).await;
        r.assert_status(422).assert_contains("Högst 1000 tecken");
        w.admin.json(Method::PUT, "/api/v1/sdg/targets/11.99", &json!({"title_sv": "x"})).await.assert_status(404);
        let r =
            w.admin.json(Method::PUT, "/api/v1/sdg/targets/3.4", &json!({"title_sv": "Minska för tidig död"})).await;
        assert_eq!(r.assert_status(200).json()["title_sv"], "Minska för tidig död");
        anon.get("/sdg/18").await.assert_status(404);
        let goals = anon.get("/api/v1/sdg/goals").await.json();
        assert_eq!(goals["items"].as_array().unwrap().len(), 17);
        // Audited.
        let f = store::audit::AuditFilter { entity_type: Some("strategy".into()), ..Default::default() };
        let actions: Vec<String> =
            t.store().audit_events(&f, 50).await.unwrap().items.into_iter().map(|e| e.action).collect();
        assert_eq!(actions.iter().filter(|a| *a == "strategy_node.create").count(), 3);
        assert!(actions.iter().any(|a| a == "strategy.create"));
    }
}

#[tokio::test]
async fn strategies_being_drawn_up_are_for_members_only() {
    for t in TestApp::each_engine().await {
        let mut w = world(&t).await;
        let s = json!({"owner_id": w.region, "title": "Östergötlands RUS 2040", "first_year": 2026,
            "last_year": 2040, "status": "drafting"});
        let sid = w.admin.json(Method::POST, "/api/v1/strategies", &s).await.assert_status(201).json()["id"]
            .as_i64()
            .unwrap();
        let anon = &mut t.client();
        anon.get(&format!("/strategier/{sid}")).await.assert_status(404);
        anon.get(&format!("/api/v1/strategies/{sid}")).await.assert_status(404);
        anon.get("/strategier").await.assert_status(200).assert_lacks("Östergötlands RUS 2040");
        let mut member = t.member().await;
        member.get(&format!("/strategier/{sid}")).await.assert_status(200).assert_contains("visas bara för inloggade");
        member.get("/strategier").await.assert_contains("Östergötlands RUS 2040");
        // Adopted: everyone reads it.
        let mut s2 = s.clone();
        s2["status"] = json!("adopted");
        w.admin.json(Method::PUT, &format!("/api/v1/strategies/{sid}"), &s2).await.assert_status(200);
        anon.get(&format!("/strategier/{sid}")).await.assert_status(200);
        // Members read; they do not write.
        member.json(Method::PUT, &format!("/api/v1/strategies/{sid}"), &s2).await.assert_status(403);
        member.post_form("/strategier", &[("title", "x")]).await.assert_status(403);
        member.json(Method::POST, &format!("/api/v1/strategies/{sid}/nodes"), &json!({})).await.assert_status(403);
        t.client().json(Method::POST, "/api/v1/governing-documents", &json!({})).await.assert_status(401);
        member.json(Method::PUT, "/api/v1/sdg/targets/3.4", &json!({"title_sv": "x"})).await.assert_status(403);
    }
}

#[tokio::test]
async fn every_field_says_what_is_wrong_and_forms_keep_what_was_typed() {
    for t in TestApp::each_engine().await {
        let mut w = world(&t).await;
        // The document form: shown again with the values kept and each error at its field.
        let r = w
            .admin
            .post_form(
                "/styrdokument",
                &[
                    ("owner_id", "999999"),
                    ("kind", "strategy"),
                    ("title", "Kulturplan för Östergötland"),
                    ("valid_from", "2025-01-01"),
                    ("valid_to", "2024-01-01"),
                    ("revision_rule", "between_elections"),
                ],
            )
            .await;
        r.assert_status(422)
            .assert_contains("value=\"Kulturplan för Östergötland\"")
            .assert_contains("Giltighetstiden kan inte sluta innan den börjar.")
            .assert_contains("Ange när dokumentet antogs");
        let r = w.admin.post_form("/styrdokument", &[("owner_id", "999999"), ("kind", "plan"), ("title", "T")]).await;
        r.assert_status(422).assert_contains("Organisationen finns inte.");
        // The API: each field named, in English too.
        let bad = json!({"owner_id": w.region, "kind": "memo", "title": "", "valid_from": "31/12",
            "adopted_on": "2019-12-03", "revision_rule": "yearly", "reviewed_on": "2019-01-01",
            "adopted_paragraph": "§".repeat(41)});
        let r = w.admin.json(Method::POST, "/api/v1/governing-documents", &bad).await;
        assert_eq!(codes(r.assert_status(422)), vec![("kind".into(), "invalid_choice".into())]);
        // Each field's own error, one field wrong at a time.
        for (field, value, code) in [
            ("title", json!(""), "required"),
            ("valid_from", json!("31/12"), "invalid_date"),
            ("adopted_paragraph", json!("§".repeat(41)), "too_long"),
            ("revision_rule", json!("yearly"), "invalid_choice"),
            ("reviewed_on", json!("2019-01-01"), "before_adoption"),
            ("summary", json!("s".repeat(4001)), "too_long"),
            ("adopted_by", json!("Region\u{202E}fullmäktige"), "invisible_characters"),
        ] {
            let mut d = rus(&w);
            d[field] = value;
            let r = w.admin.json(Method::POST, "/api/v1/governing-documents", &d).await;
            assert_eq!(codes(r.assert_status(422)), vec![(field.to_string(), code.to_string())], "{field}");
        }
        let r = w.admin.json(Method::POST, "/api/v1/governing-documents", &json!({"nonsense": 1})).await;
        r.assert_status(400);
        let r = w.admin.json(Method::POST, "/api/v1/governing-documents", &json!({"owner_id": "tre"})).await;
        r.assert_status(422);
        let mut doc = rus(&w);
        doc["paragraph_id"] = json!(424242);
        let r = w.admin.json(Method::POST, "/api/v1/governing-documents", &doc).await;
        assert_eq!(codes(r.assert_status(422)), vec![("paragraph_id".into(), "unknown_paragraph".into())]);
        let id =
            w.admin.json(Method::POST, "/api/v1/governing-documents", &rus(&w)).await.json()["id"].as_i64().unwrap();
        let r = w
            .admin
            .json(
                Method::POST,
                &format!("/api/v1/governing-documents/{id}/relations"),
                &json!({"to_id": id, "relation": "implements"}),
            )
            .await;
        assert_eq!(codes(r.assert_status(422)), vec![("to_id".into(), "self_relation".into())]);
        let r = w
            .admin
            .post_form(&format!("/styrdokument/{id}/relationer"), &[("to_id", "777777"), ("relation", "implements")])
            .await;
        r.assert_status(422).assert_contains("Dokumentet finns inte.");
        // The strategy form and API.
        let r = w
            .admin
            .post_form(
                "/strategier",
                &[
                    ("owner_id", &w.region.to_string()),
                    ("title", "RUS"),
                    ("first_year", "2035"),
                    ("last_year", "2020"),
                    ("status", "adopted"),
                ],
            )
            .await;
        r.assert_status(422)
            .assert_contains("value=\"RUS\"")
            .assert_contains("Strategin kan inte sluta innan den börjar.");
        let bad =
            json!({"owner_id": w.region, "title": "", "first_year": 20000, "status": "done", "document_id": 55555});
        let got = codes(w.admin.json(Method::POST, "/api/v1/strategies", &bad).await.assert_status(422));
        assert_eq!(got, vec![("title".into(), "required".into())]);
        let base =
            json!({"owner_id": w.region, "title": "RUS", "first_year": 2020, "last_year": 2035, "status": "adopted"});
        for (field, value, code) in [
            ("first_year", json!(20000), "invalid_year"),
            ("last_year", json!(2019), "before_start"),
            ("status", json!("done"), "invalid_choice"),
            ("vision", json!("v".repeat(1001)), "too_long"),
            ("owner_id", json!(999999), "unknown_organisation"),
        ] {
            let mut d = base.clone();
            d[field] = value;
            let r = w.admin.json(Method::POST, "/api/v1/strategies", &d).await;
            assert_eq!(codes(r.assert_status(422)), vec![(field.to_string(), code.to_string())], "{field}");
        }
        let ok = json!({"owner_id": w.region, "title": "RUS", "first_year": 2020, "last_year": 2035, "status": "adopted", "document_id": 55555});
        let r = w.admin.json(Method::POST, "/api/v1/strategies", &ok).await;
        assert_eq!(codes(r.assert_status(422)), vec![("document_id".into(), "unknown_document".into())]);
        // The node form and API.
        let ok =
            json!({"owner_id": w.region, "title": "RUS", "first_year": 2020, "last_year": 2035, "status": "adopted"});
        let sid = w.admin.json(Method::POST, "/api/v1/strategies", &ok).await.json()["id"].as_i64().unwrap();
        let bad = json!({"kind": "vision", "title": "", "dimensions": ["cultural"], "sdg": ["18"], "bodies": [999999], "sort_order": 0});
        let got = codes(
            w.admin.json(Method::POST, &format!("/api/v1/strategies/{sid}/nodes"), &bad).await.assert_status(422),
        );
        assert_eq!(got, vec![("kind".into(), "invalid_choice".into())]);
        for (field, value, code) in [
            ("title", json!(""), "required"),
            ("description", json!("d".repeat(4001)), "too_long"),
            ("dimensions", json!(["cultural"]), "invalid_choice"),
            ("sdg", json!(["18"]), "unknown_sdg"),
            ("sort_order", json!(1000), "invalid_position"),
            ("parent_id", json!(-3), "wrong_type"),
        ] {
            let mut d = json!({"kind": "area", "title": "En smart region"});
            d[field] = value;
            let r = w.admin.json(Method::POST, &format!("/api/v1/strategies/{sid}/nodes"), &d).await;
            let (f, c) = codes(r.assert_status(422)).remove(0);
            assert_eq!(f, field, "{field}");
            assert!(c == code || (field == "parent_id" && c == "invalid_id"), "{field}: {c}");
        }
        let r = w
            .admin
            .json(
                Method::POST,
                &format!("/api/v1/strategies/{sid}/nodes"),
                &json!({"kind": "area", "title": "A", "bodies": [999999]}),
            )
            .await;
        assert_eq!(codes(r.assert_status(422)), vec![("bodies".into(), "unknown_body".into())]);
        let r = w
            .admin
            .post_form(
                &format!("/strategier/{sid}/delar"),
                &[("kind", "area"), ("title", "En smart region"), ("sdg", "3 99")],
            )
            .await;
        r.assert_status(422)
            .assert_contains("value=\"En smart region\"")
            .assert_contains("är inget av de globala målen");
        assert_eq!(t.count("strategy_nodes").await, 0);
    }
}

/// The demo (seeds 001–004): Jönköping's RUS with its vision and six areas with 4, 3, 2, 4, 4
/// and 3 sub-strategies, overdue for review; the transport plan coordinated with the RUS and the
/// public-transport programme; Kalmar's four priority areas; Östergötland's RUS in drafting,
/// for members only; seed 001's Bilaga 1 initiated from the strategic consultation group.
#[tokio::test]
async fn the_demo_has_the_seeds_strategies_and_documents() {
    let t = TestApp::sqlite().await;
    demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
    let anon = &mut t.client();
    let list = anon.get("/api/v1/strategies").await.json();
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{list}");
    let jkpg = items.iter().find(|s| s["owner"]["name"] == "Region Jönköpings län").unwrap();
    let s = anon.get(&format!("/api/v1/strategies/{}", jkpg["id"])).await.json();
    assert_eq!(s["vision"], "Sveriges mest hållbara, attraktiva och tillgängliga län");
    let nodes = s["nodes"].as_array().unwrap();
    let areas: Vec<&Value> = nodes.iter().filter(|n| n["kind"] == "area").collect();
    let counts: Vec<usize> = areas.iter().map(|a| nodes.iter().filter(|n| n["parent_id"] == a["id"]).count()).collect();
    assert_eq!(counts, vec![4, 3, 2, 4, 4, 3]);
    assert_eq!(areas[0]["title"], "En attraktiv region");
    assert_eq!(areas[4]["dimensions"], json!(["social", "ecological", "economic"]));
    let kalmar = items.iter().find(|s| s["owner"]["name"] == "Region Kalmar län").unwrap();
    assert_eq!(kalmar["nodes"], 4);
    let member = &mut t.member().await;
    let all = member.get("/api/v1/strategies").await.json();
    assert_eq!(all["items"].as_array().unwrap().len(), 3);
    let docs = anon.get("/api/v1/governing-documents?q=transportplan+2022").await.json();
    let plan = docs["items"][0]["id"].as_i64().unwrap();
    let plan = anon.get(&format!("/api/v1/governing-documents/{plan}")).await.json();
    let related: Vec<&str> =
        plan["relations"].as_array().unwrap().iter().map(|r| r["title"].as_str().unwrap()).collect();
    assert_eq!(related.len(), 2, "{related:?}");
    assert!(related.iter().any(|t| t.starts_with("Regional utvecklingsstrategi 2020")));
    assert!(related.iter().any(|t| t.starts_with("Regionalt trafikförsörjningsprogram")));
    let overdue = anon.get("/api/v1/governing-documents?forsenad=1").await.json();
    assert_eq!(overdue["items"][0]["title"], "Regional utvecklingsstrategi 2020-2035");
    let page = anon.get("/styrdokument").await;
    page.assert_status(200).assert_contains("Östergötlands kulturplan").assert_contains("Hållbarhetsprogram 2020-2025");
    let kultur = anon.get("/api/v1/governing-documents?q=kulturplan").await.json();
    let kultur = anon.get(&format!("/api/v1/governing-documents/{}", kultur["items"][0]["id"])).await.json();
    assert_eq!(kultur["initiated_by"]["name"], "Samrådet för strategiska frågor");
}
