//! Search: a write is found as soon as it commits (compounds and å/ä/ö included), a deleted
//! thing disappears, drafts are found only by the body's members, bad input is a field error
//! in the caller's format, and both engines answer the same over the demo.

use crate::common;

use common::{Client, TestApp, enc};
use common::{Fake, Role};
use domain::meetings::{AgendaItemInput, ItemKind};
use serde_json::Value;
use store::Actor;
use store::search::Walk;

async fn titles(c: &mut Client, query: &str) -> Vec<String> {
    let r = c.get(&format!("/api/v1/search?{query}")).await;
    r.assert_status(200);
    r.json()["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn a_compound_word_is_found_by_its_head_right_after_the_write() {
    for t in TestApp::each_engine().await {
        let m = Fake::meeting().with_agenda(&[("Regional kompetensförsörjning i Ödeshög", None)]).create(&t).await;
        let mut c = t.client();
        let r = c.get(&format!("/api/v1/search?q={}", enc("kompetens ödeshög"))).await;
        r.assert_status(200);
        let j = r.json();
        let hit = j["items"].as_array().unwrap().iter().find(|i| i["kind"] == "agenda_item").expect("the agenda item");
        assert_eq!(hit["title"], "Regional kompetensförsörjning i Ödeshög", "{}", c.engine);
        assert_eq!(hit["url"], format!("/moten/{}#item-{}", m.id, hit["id"]), "{}", c.engine);
        assert!(j.get("next_cursor").is_some());
        // The page shows the same, highlighted, with the kind as a facet.
        c.get("/sok?q=kompetens")
            .await
            .assert_status(200)
            .assert_contains("<mark>kompetensförsörjning</mark>")
            .assert_contains("kind=agenda_item");
    }
}

#[tokio::test]
async fn a_deleted_agenda_item_disappears_and_an_edit_is_found() {
    for t in TestApp::each_engine().await {
        let m = Fake::meeting().with_agenda(&[("Cykelstrategi", None)]).create(&t).await;
        let s = t.store();
        let item = s.agenda(m.id).await.unwrap()[0].id;
        let mut c = t.client();
        assert_eq!(titles(&mut c, "q=cykelstrategi&kind=agenda_item").await, ["Cykelstrategi"], "{}", c.engine);
        let input = AgendaItemInput {
            title: "Näringslivets dag".into(),
            kind: ItemKind::Information,
            case_number: None,
            presenters: vec![],
            description: None,
            starts_at: None,
            ends_at: None,
        };
        s.update_agenda_item(m.id, item, &input, &Actor::system("test")).await.unwrap();
        assert!(titles(&mut c, "q=cykelstrategi").await.is_empty(), "{}", c.engine);
        assert_eq!(titles(&mut c, "q=n%C3%A4ringsliv&kind=agenda_item").await, ["Näringslivets dag"]);
        s.delete_agenda_item(m.id, item, &Actor::system("test")).await.unwrap();
        assert!(titles(&mut c, "q=n%C3%A4ringsliv&kind=agenda_item").await.is_empty(), "{}", c.engine);
    }
}

#[tokio::test]
async fn a_draft_paragraph_is_found_only_by_the_body_until_adjusted() {
    for t in TestApp::each_engine().await {
        let m = Fake::meeting()
            .held_on(common::TODAY)
            .with_agenda(&[("Cykelstrategi", Some("RS 2026/7"))])
            .create(&t)
            .await;
        m.start_protocol(&t).await;
        let q = "q=cykelstrategi&kind=paragraph";
        let mut public = t.client();
        assert!(titles(&mut public, q).await.is_empty(), "{}: a visitor sees no draft", public.engine);
        let mut outsider = m.client(&t, Role::Outsider).await;
        assert!(titles(&mut outsider, q).await.is_empty(), "an account outside the body sees no draft");
        let mut member = m.client(&t, Role::Member).await;
        let found = titles(&mut member, q).await;
        assert!(found.len() == 1 && found[0].ends_with(" Cykelstrategi"), "{}: a member finds it", member.engine);
        member.get("/sok?q=cykelstrategi").await.assert_status(200).assert_contains("Utkast");
        m.decide_all(&t).await;
        m.submit(&t).await;
        m.approve_all(&t).await;
        assert_eq!(titles(&mut public, q).await, found, "{}: public once adjusted", public.engine);
        let kinds = titles(&mut public, "q=cykelstrategi&kind=announcement").await;
        assert_eq!(kinds.len(), 0, "the announcement names the body, not the items");
    }
}

#[tokio::test]
async fn bad_input_is_a_field_error_in_the_callers_format() {
    for t in TestApp::each_engine().await {
        let mut c = t.client();
        let long = "a".repeat(201);
        for (query, field) in [
            ("q=".to_string(), "q"),
            ("q=%20%20".into(), "q"),
            (format!("q={long}"), "q"),
            ("q=%C2%A7".into(), "q"),
            ("q=x&kind=secret".into(), "kind"),
            ("q=x&year=99999".into(), "year"),
            ("q=x&body=abc".into(), "body"),
            ("q=x&cursor=zz".into(), "cursor"),
            ("".into(), "q"),
        ] {
            let r = c.get(&format!("/api/v1/search?{query}")).await;
            r.assert_status(422);
            assert_eq!(r.error().1.as_deref(), Some(field), "{query}");
        }
        // The page shows the form again with the message next to the field.
        c.get("/sok?q=")
            .await
            .assert_status(422)
            .assert_contains("Fältet måste fyllas i.")
            .assert_contains("aria-invalid");
        c.get(&format!("/sok?q={long}")).await.assert_status(422).assert_contains("Högst 200 tecken.");
        // NUL is refused before any handler, as everywhere in the product (400, naming the field).
        let r = c.get("/api/v1/search?q=a%00b").await;
        r.assert_status(400);
        assert_eq!(r.error().1.as_deref(), Some("q"));
        // Without a query the page is just the form.
        c.get("/sok").await.assert_status(200).assert_contains("id=\"f-q\"");
    }
}

#[tokio::test]
async fn every_page_has_a_labelled_search_field_in_its_header() {
    let t = TestApp::sqlite().await;
    let mut c = t.client();
    for path in ["/", "/personer", "/organ", "/sok"] {
        c.get(path)
            .await
            .assert_contains("<label for=\"site-search\" class=\"visually-hidden\">Sök i Samverkan</label>")
            .assert_contains("action=\"/sok\"");
    }
}

#[tokio::test]
async fn both_engines_rank_the_demo_alike_and_page_through_it() {
    let mut answers: Vec<Vec<Vec<String>>> = Vec::new();
    for t in TestApp::each_engine().await {
        demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        let mut c = t.admin().await;
        let mut per_engine = Vec::new();
        for q in ["region", "kompetens", "regional utveckling", "beslut", "Jönköping"] {
            per_engine.push(titles(&mut c, &format!("q={}", enc(q))).await);
        }
        assert!(per_engine.iter().any(|a| !a.is_empty()), "the demo has something to find");
        // Paging by cursor walks every result once.
        let first: Value = c.get("/api/v1/search?q=region").await.json();
        let total = first["total"].as_i64().unwrap();
        let mut seen = 0;
        let mut page = first;
        loop {
            seen += page["items"].as_array().unwrap().len() as i64;
            match page["next_cursor"].as_str() {
                Some(cur) => page = c.get(&format!("/api/v1/search?q=region&cursor={cur}")).await.json(),
                None => break,
            }
        }
        assert_eq!(seen, total, "{}", c.engine);
        // Rebuilding the index gives the same answers.
        t.store().reindex_search().await.unwrap();
        assert_eq!(titles(&mut c, "q=region").await, per_engine[0], "{}: after reindex", c.engine);
        answers.push(per_engine);
    }
    if answers.len() == 2 {
        assert_eq!(answers[0], answers[1], "SQLite and PostgreSQL answer alike");
    }
}

/// Every match of `q` in result order, page by page (`limit` at a time) through the cursors,
/// with the page found by walking the date order as `walk` says.
async fn every_match(
    store: &store::Store,
    q: &domain::search::SearchQuery,
    limit: usize,
    walk: store::search::Walk,
) -> Vec<String> {
    let reading = store::search::Reading::Public;
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let page = store.search_walking(q, &reading, cursor, limit, walk).await.unwrap();
        out.extend(page.items.iter().map(|h| format!("{:?} {} {}", h.kind, h.id, h.title)));
        match page.next_cursor {
            Some(c) => cursor = Some(store::decode_cursor(&c).unwrap()),
            None => return out,
        }
    }
}

/// With many matches the page is found by walking the documents newest first (ADR 20; on
/// PostgreSQL a bounded walk that falls back to sorting, ADR 64); the answer — order, tiers
/// (title matches first) and paging across the tiers — is the same as sorting every match, on
/// both engines and with facets, whether the walk finds the page or gives up.
#[tokio::test]
async fn walking_the_date_order_gives_the_answer_of_sorting() {
    for t in TestApp::each_engine().await {
        demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        for (words, kind) in
            [("region", ""), ("kompetens", ""), ("regional utveckling", ""), ("protokoll", "paragraph")]
        {
            let q = domain::search::SearchQuery::parse(words, kind, "", "").unwrap();
            let never = Walk { from: i64::MAX, reads: 0 };
            let sorted = every_match(t.store(), &q, 7, never).await;
            assert!(sorted.len() > 7, "{}: {words} pages", t.engine);
            for reads in [3, 40, 2000] {
                let walked = every_match(t.store(), &q, 7, Walk { from: 0, reads }).await;
                assert_eq!(walked, sorted, "{}: {words}, {reads} read", t.engine);
            }
        }
    }
}

/// The total and the facets are counted by cell from the full-text index (ADR 61), apart from
/// the pages: for every kind of reader they count exactly what that reader pages through, a
/// draft and a document with listed readers included only for those who may read them.
#[tokio::test]
async fn the_total_and_the_facets_count_what_each_reader_pages_through() {
    use domain::search::{Kind, Readers, SearchDocument, SearchQuery};
    use std::collections::BTreeMap;
    use store::search::Reading;
    for t in TestApp::each_engine().await {
        demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
        // Bodies of their own, so that no demo document is a draft of them.
        let (body, other) = (900_001, 900_002);
        let mut tx = t.store().begin().await.unwrap();
        for (ref_id, readers) in [
            (990_001, Readers::Listed { bodies: vec![body], registrars_of: vec![] }),
            (990_002, Readers::Body(other)),
            (990_003, Readers::SignedIn),
            (990_004, Readers::Listed { bodies: vec![other], registrars_of: vec![] }),
        ] {
            let doc = SearchDocument {
                kind: Kind::Process,
                ref_id,
                title: format!("Regional process {ref_id}"),
                text: "Kompetensförsörjning i regionen".into(),
                url: format!("/processer/{ref_id}"),
                body_id: Some(body),
                year: Some(2026),
                date: "2026-11-01".into(),
                readers,
            };
            store::search::index(&mut tx, &format!("test:{ref_id}"), &doc).await.unwrap();
        }
        tx.commit().await.unwrap();
        let readings = [
            ("visitor", Reading::Public, 0),
            ("signed in", Reading::SignedIn { bodies: vec![], registrar_of: vec![] }, 1),
            ("member", Reading::SignedIn { bodies: vec![body], registrar_of: vec![] }, 2),
            ("admin", Reading::All, 4),
        ];
        for (who, reading, own) in readings {
            for (words, kind) in [("region", ""), ("kompetens", ""), ("region", "process")] {
                let q = SearchQuery::parse(words, kind, "", "").unwrap();
                let (mut cursor, mut seen) = (None, Vec::new());
                let first = t.store().search(&q, &reading, None, 40).await.unwrap();
                loop {
                    let page = t.store().search(&q, &reading, cursor, 40).await.unwrap();
                    seen.extend(page.items);
                    match page.next_cursor {
                        Some(c) => cursor = Some(store::decode_cursor(&c).unwrap()),
                        None => break,
                    }
                }
                let at = format!("{}: {who}, {words} {kind}", t.engine);
                assert_eq!(first.total, seen.len() as i64, "{at}");
                let processes = seen.iter().filter(|h| h.kind == Kind::Process && h.id >= 990_001).count();
                assert_eq!(processes, own, "{at}");
                let mut kinds: BTreeMap<String, i64> = BTreeMap::new();
                let mut bodies: BTreeMap<i64, i64> = BTreeMap::new();
                let mut years: BTreeMap<i32, i64> = BTreeMap::new();
                for h in &seen {
                    *kinds.entry(h.kind.as_str().into()).or_default() += 1;
                    if let Some(b) = h.body_id {
                        *bodies.entry(b).or_default() += 1;
                    }
                    if let Some(y) = h.year {
                        *years.entry(y).or_default() += 1;
                    }
                }
                let f = &first.facets;
                assert_eq!(
                    f.kind.iter().map(|x| (x.value.as_str().into(), x.count)).collect::<BTreeMap<_, _>>(),
                    kinds,
                    "{at}"
                );
                assert_eq!(f.body.iter().map(|x| (x.value, x.count)).collect::<BTreeMap<_, _>>(), bodies, "{at}");
                assert_eq!(f.year.iter().map(|x| (x.value, x.count)).collect::<BTreeMap<_, _>>(), years, "{at}");
            }
        }
    }
}
