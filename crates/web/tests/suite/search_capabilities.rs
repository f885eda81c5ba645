//! Search over the capabilities of issues 13 and 14 (issue 10: "later capabilities add their
//! documents through one trait"): processes, surveys, strategies with their parts, governing
//! documents and action plans are found by a word of their text — Swedish compounds by their
//! head — through the API and the `/sok` page, with their URL and facet, as soon as the write
//! commits; an edit changes what is found; what is not public (an unpublished process, a drafted
//! survey, a strategy being drawn up, an unpublished plan outside its forum) is not found by a
//! visitor, and what is not public is found as a draft by those who may read it; inputs and answers are never found (rule 22); a delete takes the documents away;
//! a rebuilt index holds the same documents. On both engines.

use crate::common;

use axum::http::Method;
use common::*;
use domain::ids::{PersonId, UserId};
use serde_json::{Value, json};
use store::Actor;

/// The hits of a search (`query` is the query string after `?`).
async fn hits(c: &mut Client, query: &str) -> Vec<Value> {
    let r = c.get(&format!("/api/v1/search?{query}")).await;
    r.assert_status(200);
    r.json()["items"].as_array().unwrap().clone()
}

/// The URLs of the hits of `kind` for the words `q`.
async fn found(c: &mut Client, q: &str, kind: &str) -> Vec<String> {
    hits(c, &format!("q={}&kind={kind}", enc(q))).await.iter().map(|h| h["url"].as_str().unwrap().to_string()).collect()
}

/// One URL, as `found` answers it.
fn one(url: &str) -> Vec<String> {
    vec![url.to_string()]
}

async fn post(c: &mut Client, path: &str, body: Value) -> i64 {
    let r = c.json(Method::POST, path, &body).await;
    assert_eq!(r.status, 201, "{path}: {}", r.body);
    r.json()["id"].as_i64().unwrap()
}

async fn delete(c: &mut Client, path: &str) {
    let csrf = c.csrf().await;
    let r = c.send_with(Method::DELETE, path, None, vec![], &[("x-csrf-token", csrf.as_str())]).await;
    assert!(r.status.is_success(), "{path}: {} {}", r.status, r.body);
}

async fn put(c: &mut Client, path: &str, body: Value) {
    let r = c.json(Method::PUT, path, &body).await;
    assert_eq!(r.status, 200, "{path}: {}", r.body);
}

/// What an administrator finds for each of `queries`: every hit with its snippet, and the facets.
async fn answers(t: &TestApp, queries: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for q in queries {
        let query = domain::search::SearchQuery::parse(q, "", "", "").unwrap();
        let page = t.store().search(&query, &store::search::Reading::All, None, 100).await.unwrap();
        out.push(format!("{q}: {}", serde_json::to_string(&page).unwrap()));
    }
    out
}

/// Rebuilding the index gives the same documents: the same count, and the same answers.
async fn same_after_reindex(t: &TestApp, queries: &[&str]) {
    let before = (t.store().search_document_count().await.unwrap(), answers(t, queries).await);
    t.store().reindex_search().await.unwrap();
    let after = (t.store().search_document_count().await.unwrap(), answers(t, queries).await);
    assert_eq!(before, after, "{}: a rebuilt index holds the same documents", t.engine);
}

/// The words each test's reindex is checked with.
const PROCESS: &[&str] = &["kompetens", "omvärldsanalys", "tillväxt", "besöksnäring", "revidering", "region", "ola"];
const SURVEY: &[&str] = &["pendeltåg", "buss", "kollektiv", "resa", "enkät"];
const STRATEGY: &[&str] = &["attraktiv", "kompetens", "livslångt", "yrkeshögskola", "östergötland", "region"];
const DOCUMENT: &[&str] = &["medborgardialog", "invånardialog", "jönköping", "riktlinje", "invånar", "ola", "region"];
const PLAN: &[&str] = &["trygghetslarm", "nattpatrull", "hemtjänst", "handlingsplan", "strategigrupp", "ola"];

struct World {
    admin: Client,
    region: i64,
    forum: i64,
}

/// A region, a forum with one member who has an account (`forum@test.se`), and an account
/// outside it (`annan@test.se`).
async fn world(t: &TestApp) -> World {
    let mut admin = t.admin().await;
    let region = post(
        &mut admin,
        "/api/v1/organisations",
        json!({"name": "Region Jönköpings län", "kind": "region", "code": "06", "county_code": "06"}),
    )
    .await;
    let forum =
        post(&mut admin, "/api/v1/bodies", json!({"name": "Strategigrupp Äldre", "kind": "consultation_group"})).await;
    let person = post(
        &mut admin,
        "/api/v1/people",
        json!({"name": "Ola Götesson", "organisation_id": region, "email": "ola@rjl.se"}),
    )
    .await;
    post(
        &mut admin,
        &format!("/api/v1/bodies/{forum}/memberships"),
        json!({"person_id": person, "organisation_id": region, "role": "member", "start": "2024-01-01"}),
    )
    .await;
    let uid = t.user("forum@test.se", false).await;
    t.store().link_user_person(UserId(uid), Some(PersonId(person)), &Actor::system("test")).await.unwrap();
    t.user("annan@test.se", false).await;
    World { admin, region, forum }
}

async fn signed_in(t: &TestApp, email: &str) -> Client {
    let mut c = t.client();
    c.login(email, PASSWORD).await;
    c
}

#[tokio::test]
async fn a_process_is_found_by_its_plan_dialogues_and_questions_once_published_before_by_its_readers_never_by_its_inputs()
 {
    for t in TestApp::each_engine().await {
        let mut w = world(&t).await;
        let mut visitor = t.client();
        let fields = |title: &str, published: bool| {
            json!({"owner_id": w.region, "title": title, "published": published, "open_for_input": published,
                   "description": "Framtagandet av en strategi för kompetensförsörjning i länet."})
        };
        let id = post(&mut w.admin, "/api/v1/processes", fields("Ny regional utvecklingsstrategi", false)).await;
        let url = format!("/processer/{id}");
        assert!(found(&mut visitor, "kompetens", "process").await.is_empty(), "{}: unpublished", t.engine);

        put(&mut w.admin, &format!("/api/v1/processes/{id}"), fields("Ny regional utvecklingsstrategi", true)).await;
        assert_eq!(found(&mut visitor, "kompetens", "process").await, one(&url), "{}", t.engine);
        visitor
            .get("/sok?q=kompetens")
            .await
            .assert_status(200)
            .assert_contains(&format!("href=\"{url}\""))
            .assert_contains("<mark>kompetensförsörjning</mark>")
            .assert_contains("kind=process")
            .assert_contains("Processer");

        // Its plan, dialogue meetings and questions are found as they are added.
        let base = format!("/api/v1/processes/{id}");
        post(
            &mut w.admin,
            &format!("{base}/phases"),
            json!({"title": "Omvärldsanalys", "starts_on": "2026-01-12", "ends_on": "2026-04-30"}),
        )
        .await;
        post(
            &mut w.admin,
            &format!("{base}/milestones"),
            json!({"title": "Remissversion klar", "planned_on": "2026-09-01"}),
        )
        .await;
        let question =
            post(&mut w.admin, &format!("{base}/questions"), json!({"text": "Hur når vi hållbar tillväxt?"})).await;
        post(
            &mut w.admin,
            &format!("{base}/dialogues"),
            json!({"title": "Dialogmöte Tranås", "theme": "Besöksnäringen", "held_on": "2026-10-20",
                   "invitees_business": "Tranås näringsliv", "notes": "Anteckningar om Kalle Hjortronsson",
                   "question_ids": [question]}),
        )
        .await;
        for word in ["omvärldsanalys", "remissversion", "tillväxt", "dialogmöte", "besöksnäring"] {
            assert_eq!(found(&mut visitor, word, "process").await, one(&url), "{}: {word}", t.engine);
        }
        let hit = &hits(&mut visitor, "q=omv%C3%A4rldsanalys&kind=process").await[0];
        assert_eq!((hit["year"].as_i64(), hit["draft"].as_bool()), (Some(2026), Some(false)));
        // A dialogue's notes and an input are personal data: never found.
        let input = json!({"kind": "resident", "text": "Jag heter Hjortronsson och bor i Gränna."});
        post(&mut visitor, &format!("{base}/inputs"), input).await;
        for word in ["hjortronsson", "gränna"] {
            assert!(hits(&mut w.admin, &format!("q={}", enc(word))).await.is_empty(), "{}: {word}", t.engine);
        }

        // An edit changes what is found; unpublished, it is gone.
        put(&mut w.admin, &base, fields("Revidering av utvecklingsstrategin", true)).await;
        let titles: Vec<Value> =
            hits(&mut visitor, "q=revidering&kind=process").await.iter().map(|h| h["title"].clone()).collect();
        assert_eq!(titles, [json!("Revidering av utvecklingsstrategin")], "{}", t.engine);
        same_after_reindex(&t, PROCESS).await;
        put(&mut w.admin, &base, fields("Revidering av utvecklingsstrategin", false)).await;
        assert!(found(&mut visitor, "revidering", "process").await.is_empty(), "{}: unpublished again", t.engine);

        // Unpublished, it is found by those who may read it (ADR 49), as a draft: the members of
        // a body involved (once it holds a role), its owner's registrars and administrators; not
        // by another signed-in reader.
        let mut member = signed_in(&t, "forum@test.se").await;
        let mut other = signed_in(&t, "annan@test.se").await;
        let registrar = t.user("registrator@test.se", false).await;
        t.store()
            .grant_registrar(domain::ids::OrganisationId(w.region), UserId(registrar), &Actor::system("test"))
            .await
            .unwrap();
        let mut registrar = signed_in(&t, "registrator@test.se").await;
        assert!(found(&mut member, "revidering", "process").await.is_empty(), "{}: not yet involved", t.engine);
        post(&mut w.admin, &format!("{base}/roles"), json!({"kind": "steering_group", "body_id": w.forum})).await;
        for (who, c) in [("member", &mut member), ("registrar", &mut registrar), ("admin", &mut w.admin)] {
            let hit = &hits(c, "q=revidering&kind=process").await;
            assert_eq!(hit.len(), 1, "{}: {who}", t.engine);
            assert_eq!((hit[0]["url"].as_str(), hit[0]["draft"].as_bool()), (Some(url.as_str()), Some(true)));
            c.get(&url).await.assert_status(200);
        }
        for c in [&mut visitor, &mut other] {
            assert!(found(c, "revidering", "process").await.is_empty(), "{}: not its reader", t.engine);
            c.get(&url).await.assert_status(404);
        }
        same_after_reindex(&t, PROCESS).await;
    }
}

#[tokio::test]
async fn a_survey_is_found_once_sent_never_by_its_answers() {
    for t in TestApp::each_engine().await {
        let mut admin = t.admin().await;
        let mut visitor = t.client();
        let id = post(
            &mut admin,
            "/api/v1/surveys",
            json!({"title": "Enkät om kollektivtrafiken", "intro": "Berätta om dina resor med pendeltågen.",
                   "audience": "open"}),
        )
        .await;
        let url = format!("/enkater/{id}");
        assert!(found(&mut visitor, "pendeltåg", "survey").await.is_empty(), "{}: drafted", t.engine);
        assert!(found(&mut admin, "pendeltåg", "survey").await.is_empty(), "{}: a draft is not indexed", t.engine);
        let definition = json!({"sections": [{"title": "Resor", "questions": [
            {"key": "resa", "text": "Hur reser du till arbetet?", "kind": "text"}]}]});
        put(&mut admin, &format!("/api/v1/surveys/{id}/definition"), definition).await;
        admin.json(Method::POST, &format!("/api/v1/surveys/{id}/sending"), &json!({})).await.assert_status(200);

        // Sent: found by a word of its introduction, a compound by its head.
        assert_eq!(found(&mut visitor, "pendeltåg", "survey").await, one(&url), "{}", t.engine);
        assert_eq!(found(&mut visitor, "kollektiv", "survey").await, one(&url), "{}", t.engine);
        visitor
            .get("/sok?q=pendelt%C3%A5g")
            .await
            .assert_status(200)
            .assert_contains(&format!("href=\"{url}\""))
            .assert_contains("kind=survey")
            .assert_contains("Enkäter");
        // An answer is never found.
        let r = visitor
            .json(
                Method::POST,
                &format!("/api/v1/surveys/{id}/responses"),
                &json!({"answers": {"resa": "Cykel förbi Hjortronssons gård"}}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
        assert!(hits(&mut admin, "q=hjortronsson").await.is_empty(), "{}", t.engine);

        // An edit changes what is found; closed, it is still there.
        let s = admin.get(&format!("/api/v1/surveys/{id}")).await.json();
        put(
            &mut admin,
            &format!("/api/v1/surveys/{id}"),
            json!({"title": "Enkät om busstrafiken", "intro": "Berätta om bussen.", "audience": "open",
                   "version": s["version"]}),
        )
        .await;
        assert!(found(&mut visitor, "pendeltåg", "survey").await.is_empty(), "{}", t.engine);
        assert_eq!(found(&mut visitor, "buss", "survey").await, one(&url), "{}", t.engine);
        admin.json(Method::POST, &format!("/api/v1/surveys/{id}/closing"), &json!({})).await.assert_status(200);
        assert_eq!(found(&mut visitor, "busstrafik", "survey").await, [url], "{}: closed", t.engine);
        same_after_reindex(&t, SURVEY).await;
    }
}

#[tokio::test]
async fn a_strategy_and_its_parts_are_found_once_adopted_and_by_members_while_drawn_up() {
    for t in TestApp::each_engine().await {
        let mut w = world(&t).await;
        let mut visitor = t.client();
        let mut member = signed_in(&t, "forum@test.se").await;
        let strategy = |status: &str| {
            json!({"owner_id": w.region, "title": "Östergötlands RUS 2040", "first_year": 2026, "last_year": 2040,
                   "vision": "Ett attraktivt och hållbart Östergötland", "status": status})
        };
        let sid = post(&mut w.admin, "/api/v1/strategies", strategy("drafting")).await;
        let nid = post(
            &mut w.admin,
            &format!("/api/v1/strategies/{sid}/nodes"),
            json!({"kind": "area", "title": "Kompetensförsörjning", "description": "Fler ska ha en eftergymnasial utbildning."}),
        )
        .await;
        let node_url = format!("/strategier/{sid}/delar/{nid}");
        // Being drawn up, it is found by those signed in, as a draft, as its pages are shown (ADR 45).
        assert!(found(&mut visitor, "attraktiv", "strategy").await.is_empty(), "{}: being drawn up", t.engine);
        assert!(found(&mut visitor, "kompetens", "strategy_node").await.is_empty(), "{}: being drawn up", t.engine);
        assert_eq!(found(&mut member, "attraktiv", "strategy").await, [format!("/strategier/{sid}")], "{}", t.engine);
        assert_eq!(found(&mut member, "kompetens", "strategy_node").await, one(&node_url), "{}", t.engine);
        assert_eq!(hits(&mut member, "q=attraktiv&kind=strategy").await[0]["draft"], json!(true));
        member.get(&node_url).await.assert_status(200);
        visitor.get(&node_url).await.assert_status(404);

        put(&mut w.admin, &format!("/api/v1/strategies/{sid}"), strategy("adopted")).await;
        assert_eq!(found(&mut visitor, "attraktiv", "strategy").await, [format!("/strategier/{sid}")], "{}", t.engine);
        assert_eq!(found(&mut visitor, "kompetens", "strategy_node").await, one(&node_url), "{}", t.engine);
        assert_eq!(found(&mut visitor, "eftergymnasial", "strategy_node").await, one(&node_url));
        visitor.get(&node_url).await.assert_status(200);
        visitor
            .get("/sok?q=kompetens")
            .await
            .assert_status(200)
            .assert_contains(&format!("href=\"{node_url}\""))
            .assert_contains("kind=strategy_node")
            .assert_contains("Strategiernas delar");

        // A part added or edited is found as it now reads.
        let goal = post(
            &mut w.admin,
            &format!("/api/v1/strategies/{sid}/nodes"),
            json!({"kind": "priority", "title": "Livslångt lärande", "parent_id": nid}),
        )
        .await;
        assert_eq!(
            found(&mut visitor, "livslångt", "strategy_node").await,
            [format!("/strategier/{sid}/delar/{goal}")]
        );
        put(
            &mut w.admin,
            &format!("/api/v1/strategies/{sid}/nodes/{nid}"),
            json!({"kind": "area", "title": "Kompetens och utbildning", "description": "Yrkeshögskolor i hela länet."}),
        )
        .await;
        assert!(found(&mut visitor, "eftergymnasial", "strategy_node").await.is_empty(), "{}", t.engine);
        assert_eq!(found(&mut visitor, "yrkeshögskola", "strategy_node").await, one(&node_url), "{}", t.engine);
        same_after_reindex(&t, STRATEGY).await;

        // Back to drawing up: the strategy and every part are gone for visitors, not for members.
        put(&mut w.admin, &format!("/api/v1/strategies/{sid}"), strategy("drafting")).await;
        assert!(hits(&mut visitor, "q=attraktiv").await.is_empty(), "{}", t.engine);
        assert!(found(&mut visitor, "livslångt", "strategy_node").await.is_empty(), "{}", t.engine);
        assert_eq!(found(&mut member, "livslångt", "strategy_node").await, [format!("/strategier/{sid}/delar/{goal}")]);
        same_after_reindex(&t, STRATEGY).await;
    }
}

#[tokio::test]
async fn a_governing_document_is_found_by_title_kind_and_owner_until_its_owner_is_deleted() {
    for t in TestApp::each_engine().await {
        let mut w = world(&t).await;
        let mut visitor = t.client();
        let doc = |title: &str| {
            json!({"owner_id": w.region, "kind": "guideline", "title": title, "summary": "Gäller alla förvaltningar.",
                   "adopted_on": "2019-12-03", "adopted_by": "Regionfullmäktige", "revision_rule": "between_elections"})
        };
        let id = post(&mut w.admin, "/api/v1/governing-documents", doc("Riktlinjer för medborgardialog")).await;
        let url = format!("/styrdokument/{id}");
        for word in ["medborgardialog", "medborgar", "riktlinje", "jönköpings", "förvaltning"] {
            assert_eq!(found(&mut visitor, word, "governing_document").await, one(&url), "{}: {word}", t.engine);
        }
        let hit = &hits(&mut visitor, "q=medborgardialog&kind=governing_document").await[0];
        assert_eq!(hit["year"], 2019);
        visitor
            .get("/sok?q=medborgardialog")
            .await
            .assert_status(200)
            .assert_contains(&format!("href=\"{url}\""))
            .assert_contains("kind=governing_document")
            .assert_contains("Styrande dokument");

        // An edit, and a new name of its owner, are found.
        put(&mut w.admin, &format!("/api/v1/governing-documents/{id}"), doc("Policy för invånardialog")).await;
        assert!(found(&mut visitor, "medborgardialog", "governing_document").await.is_empty(), "{}", t.engine);
        assert_eq!(found(&mut visitor, "invånardialog", "governing_document").await, one(&url));
        same_after_reindex(&t, DOCUMENT).await;
        // (The people of a renamed organisation follow at their next write, ADR 20.)
        put(
            &mut w.admin,
            &format!("/api/v1/organisations/{}", w.region),
            json!({"name": "Region Jönköping", "kind": "region", "code": "06", "county_code": "06"}),
        )
        .await;
        assert_eq!(found(&mut visitor, "region jönköping", "governing_document").await, one(&url));
        assert!(
            found(&mut visitor, "län", "governing_document").await.is_empty(),
            "{}: the old name is gone",
            t.engine
        );

        // The owner deleted takes its documents, strategies and processes, and what search held
        // of them.
        let sid = post(
            &mut w.admin,
            "/api/v1/strategies",
            json!({"owner_id": w.region, "title": "Invånarstrategi", "first_year": 2026, "last_year": 2030, "status": "adopted"}),
        )
        .await;
        post(
            &mut w.admin,
            &format!("/api/v1/strategies/{sid}/nodes"),
            json!({"kind": "area", "title": "Invånarnas röst"}),
        )
        .await;
        post(
            &mut w.admin,
            "/api/v1/processes",
            json!({"owner_id": w.region, "title": "Invånarprocessen", "published": true}),
        )
        .await;
        assert_eq!(hits(&mut visitor, "q=inv%C3%A5nar").await.len(), 4, "{}", t.engine);
        delete(&mut w.admin, &format!("/api/v1/organisations/{}", w.region)).await;
        assert!(hits(&mut visitor, "q=inv%C3%A5nar").await.is_empty(), "{}: gone with their owner", t.engine);
        same_after_reindex(&t, DOCUMENT).await;
    }
}

#[tokio::test]
async fn an_action_plan_is_found_by_its_areas_and_activities_and_unpublished_only_by_its_forum() {
    for t in TestApp::each_engine().await {
        let mut w = world(&t).await;
        let mut visitor = t.client();
        let mut forum = signed_in(&t, "forum@test.se").await;
        let mut other = signed_in(&t, "annan@test.se").await;
        let plan = |published: bool| {
            json!({"title": "Handlingsplan Strategigrupp Äldre 2026–2027", "first_year": 2026, "last_year": 2027,
                   "published": published})
        };
        let mut new = plan(false);
        new["body_id"] = json!(w.forum);
        let id = post(&mut w.admin, "/api/v1/action-plans", new).await;
        let url = format!("/handlingsplaner/{id}");
        post(&mut w.admin, &format!("/api/v1/action-plans/{id}/areas"), json!({"title": "Trygg hemtjänst"})).await;
        let activity = |title: &str| {
            json!({"title": title, "description": "Larm i alla kommuner.", "starts_on": "2026-01-01",
                   "ends_on": "2026-12-31", "status": "started", "progress": 10})
        };
        let act =
            post(&mut w.admin, &format!("/api/v1/action-plans/{id}/activities"), activity("Digitala trygghetslarm"))
                .await;

        // Unpublished: its forum finds it, marked a draft; nobody else.
        assert!(found(&mut visitor, "trygghetslarm", "action_plan").await.is_empty(), "{}", t.engine);
        assert!(found(&mut other, "trygghetslarm", "action_plan").await.is_empty(), "{}", t.engine);
        let mine = hits(&mut forum, "q=trygghetslarm&kind=action_plan").await;
        assert_eq!((mine.len(), &mine[0]["url"], &mine[0]["draft"]), (1, &json!(url), &json!(true)), "{}", t.engine);
        forum.get("/sok?q=trygghetslarm").await.assert_status(200).assert_contains("Utkast");

        put(&mut w.admin, &format!("/api/v1/action-plans/{id}"), plan(true)).await;
        for word in ["trygghet", "hemtjänst", "larm", "handlingsplan"] {
            assert_eq!(found(&mut visitor, word, "action_plan").await, one(&url), "{}: {word}", t.engine);
        }
        let hit = &hits(&mut visitor, "q=hemtj%C3%A4nst&kind=action_plan").await[0];
        assert_eq!((hit["body_id"].as_i64(), hit["draft"].as_bool()), (Some(w.forum), Some(false)));
        visitor
            .get("/sok?q=hemtj%C3%A4nst")
            .await
            .assert_status(200)
            .assert_contains(&format!("href=\"{url}\""))
            .assert_contains("kind=action_plan")
            .assert_contains("Handlingsplaner")
            .assert_contains(&format!("body={}", w.forum));

        // An activity edited is found as it now reads.
        put(
            &mut w.admin,
            &format!("/api/v1/action-plans/{id}/activities/{act}"),
            activity("Nattpatrull i hemtjänsten"),
        )
        .await;
        assert!(found(&mut visitor, "trygghetslarm", "action_plan").await.is_empty(), "{}", t.engine);
        assert_eq!(found(&mut visitor, "nattpatrull", "action_plan").await, one(&url), "{}", t.engine);
        same_after_reindex(&t, PLAN).await;

        // The forum deleted takes its plans with it.
        delete(&mut w.admin, &format!("/api/v1/bodies/{}", w.forum)).await;
        assert!(found(&mut visitor, "nattpatrull", "action_plan").await.is_empty(), "{}", t.engine);
        same_after_reindex(&t, PLAN).await;
    }
}

/// The demo writes through the store, so what it makes of issues 13 and 14 is found.
#[tokio::test]
async fn the_demos_processes_surveys_strategies_documents_and_plans_are_found() {
    for t in TestApp::each_engine().await {
        demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        let mut visitor = t.client();
        for (q, kind) in [
            ("utvecklingsstrategi", "process"),
            ("utvecklingsstrategi", "survey"),
            ("utvecklingsstrategi", "strategy"),
            ("hållbar region", "strategy_node"),
            ("transportplan", "governing_document"),
            ("handlingsplan", "action_plan"),
        ] {
            assert!(!found(&mut visitor, q, kind).await.is_empty(), "{}: {q} ({kind})", t.engine);
        }
    }
}

/// The API description names every kind the search has (its `kind` parameter and facets).
#[tokio::test]
async fn the_api_description_lists_every_kind() {
    let t = TestApp::sqlite().await;
    let doc = t.client().get("/api/v1/openapi.json").await.json();
    let listed: Vec<&str> = doc["components"]["schemas"]["SearchKind"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    let kinds: Vec<&str> = domain::search::Kind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(listed, kinds);
}
