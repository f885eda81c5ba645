//! Public pages and feeds (ADR 21): validators and 304, Cache-Control, the cache of rendered
//! pages for anonymous visitors, and that no committed write is ever followed by the old page —
//! in the writing process at once, and in another process on the same PostgreSQL database once
//! the notification has arrived.

use crate::common;
use std::time::Duration;

use axum::http::{Method, header};
use common::*;
use domain::meetings::ParagraphInput;
use store::Actor;

const NEW_DECISION: &str = "Beslutas enligt det rättade förslaget.";

/// Waits (at most 5 s) until the app hears other processes' writes: at once on SQLite, once
/// its listener is subscribed on PostgreSQL; until then it caches nothing.
async fn listening(app: &web::App) {
    for _ in 0..100 {
        if app.store.hears_other_processes() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the app never listened for other processes' writes");
}

/// An adjusted, announced protocol of a meeting held three days ago.
async fn announced(t: &TestApp) -> FakeMeeting {
    listening(&t.app).await;
    let m = Fake::meeting()
        .held_on(TODAY - time::Duration::days(3))
        .with_agenda(&[("Sammanträdestider 2027", None)])
        .with_adjusters(1)
        .create(t)
        .await;
    m.adjust(t).await;
    m
}

/// A correction of the first paragraph's decision: a committed write that changes the protocol.
async fn correct(store: &store::Store, m: &FakeMeeting) {
    let p = store.paragraphs(m.id).await.unwrap().remove(0);
    let input = ParagraphInput {
        title: p.title,
        case_number: p.case_number.map(|c| c.parse().unwrap()),
        decision: NEW_DECISION.into(),
        summary: p.summary,
        basis: p.basis,
        recipients: p.recipients,
        immediate: p.immediate,
    };
    let a = Actor::system("test");
    store.update_paragraph(m.id, p.id, &input, &p.attachments, &a).await.unwrap();
    store.correct_protocol(m.id, "Felskrivning i beslutet", &a).await.unwrap();
}

fn h(r: &Resp, name: &str) -> String {
    r.headers.get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
}

async fn conditional(c: &mut Client, path: &str, name: &str, value: &str) -> Resp {
    c.send_with(Method::GET, path, None, vec![], &[(name, value)]).await
}

#[tokio::test]
async fn public_pages_and_feeds_carry_validators_and_answer_304() {
    for t in TestApp::each_engine().await {
        let m = announced(&t).await;
        let paths = [
            format!("/moten/{}/protokoll", m.id),
            "/anslagstavla".into(),
            "/anslagstavla.atom".into(),
            format!("/organ/{}", m.body.id),
            format!("/organ/{}/kalender.ics", m.body.id),
            "/oparl/v1.1/meeting".into(),
        ];
        for path in &paths {
            let mut anon = t.client();
            let first = anon.get(path).await;
            first.assert_status(200);
            let (etag, modified) = (h(&first, "etag"), h(&first, "last-modified"));
            assert!(etag.starts_with('"') && modified.ends_with(" GMT"), "{path}: {etag} {modified}");
            assert_eq!(h(&first, "x-cache"), "miss", "{path}");
            let second = anon.get(path).await;
            assert_eq!((h(&second, "x-cache"), h(&second, "etag")), ("hit".into(), etag.clone()), "{path}");
            assert_eq!(second.body, first.body, "{path}: the same visitor sees the same bytes");
            let r = conditional(&mut anon, path, "if-none-match", &etag).await;
            assert_eq!((r.status.as_u16(), r.body.as_str()), (304, ""), "{path}");
            assert_eq!(h(&r, "etag"), etag);
            let r = conditional(&mut anon, path, "if-modified-since", &modified).await;
            assert_eq!(r.status.as_u16(), 304, "{path}");
            conditional(&mut anon, path, "if-none-match", "\"other\"").await.assert_status(200);

            // The same for everyone (a visitor's page carries no CSRF token: the language
            // switch is a link), so a proxy may keep it, and it sets no cookie.
            assert_eq!(h(&first, "cache-control"), "public, no-cache", "{path}");
            assert!(first.headers.get(header::SET_COOKIE).is_none(), "{path}");
            first.assert_lacks("name=\"csrf\"");
            let theirs = t.client().get(path).await;
            assert_eq!(h(&theirs, "x-cache"), "hit");
            assert_eq!((h(&theirs, "etag"), theirs.body), (etag, first.body), "{path}");
        }
        assert!(t.app.cache.hits() >= 6 * 3, "{}", t.engine);
    }
}

#[tokio::test]
async fn a_committed_write_is_never_followed_by_the_old_page() {
    for t in TestApp::each_engine().await {
        let m = announced(&t).await;
        let mut anon = t.client();
        let page = format!("/moten/{}/protokoll", m.id);
        let before = anon.get(&page).await;
        before.assert_lacks(NEW_DECISION);
        let feed_before = anon.get("/anslagstavla.atom").await;
        assert_eq!(h(&anon.get(&page).await, "x-cache"), "hit");
        correct(t.store(), &m).await;
        let after = anon.get(&page).await;
        after.assert_status(200).assert_contains(NEW_DECISION).assert_contains("Rättat protokoll");
        assert_eq!(h(&after, "x-cache"), "miss", "{}", t.engine);
        assert_ne!(h(&after, "etag"), h(&before, "etag"));
        // The old validator no longer matches: the new page, not 304.
        conditional(&mut anon, &page, "if-none-match", &h(&before, "etag"))
            .await
            .assert_status(200)
            .assert_contains(NEW_DECISION);
        // A new body of the same page is dated after the old one.
        conditional(&mut anon, &page, "if-modified-since", &h(&before, "last-modified")).await.assert_status(200);
        // The board's feed was rendered again too (the write moved the version for every page).
        assert_eq!(h(&anon.get("/anslagstavla.atom").await, "x-cache"), "miss");
        let _ = feed_before;
    }
}

/// Background work writes (the decisions' messages of the announced protocol, with their audit
/// event) but changes no page: the cached pages keep being served while it runs — at national
/// scale thousands of such jobs would otherwise keep every page uncached.
#[tokio::test]
async fn background_work_that_changes_no_page_keeps_the_cache() {
    for t in TestApp::each_engine().await {
        let m = announced(&t).await;
        let path = format!("/moten/{}/protokoll", m.id);
        let mut anon = t.client();
        anon.get(&path).await.assert_status(200);
        assert_eq!(h(&anon.get(&path).await, "x-cache"), "hit");
        web::jobs::run_due_jobs(&t.app).await;
        let filter = store::audit::AuditFilter {
            entity_type: Some("meeting".into()),
            entity_id: Some(m.id.to_string()),
            ..Default::default()
        };
        let events = t.app.store.audit_events(&filter, 100).await.unwrap().items;
        assert!(events.iter().any(|e| e.action == "protocol.decisions_mail"), "{}: the job ran", t.engine);
        assert_eq!(h(&anon.get(&path).await, "x-cache"), "hit", "{}", t.engine);
    }
}

#[tokio::test]
async fn signed_in_pages_are_neither_cached_nor_shared() {
    for t in TestApp::each_engine().await {
        let m = announced(&t).await;
        let page = format!("/moten/{}/protokoll", m.id);
        let mut secretary = m.client(&t, Role::Secretary).await;
        for _ in 0..2 {
            let r = secretary.get(&page).await;
            r.assert_status(200);
            assert_eq!(h(&r, "cache-control"), "private, no-store");
            assert_eq!((h(&r, "x-cache"), h(&r, "etag")), (String::new(), String::new()));
        }
        assert_eq!(t.app.cache.hits(), 0);
        // What the signed-in caller saw was not kept for anyone.
        let anon = t.client().get(&page).await;
        assert_eq!(h(&anon, "x-cache"), "miss");
        anon.assert_lacks("Logga ut");
        // And an anonymous page cached first is not served to the signed-in caller.
        let r = secretary.get(&page).await;
        assert_eq!(h(&r, "x-cache"), "");
        r.assert_contains("Logga ut");
    }
}

#[tokio::test]
async fn another_process_hears_of_a_write_and_drops_its_page() {
    for t in TestApp::each_engine().await {
        let Some(b) = t.second_process().await else { continue };
        let m = announced(&t).await;
        let page = format!("/moten/{}/protokoll", m.id);
        let mut reader = t.client_of(&b);
        listening(&b).await;
        // A's writes that made the meeting reach B as notifications a moment later, each
        // dropping B's entries: read until B serves a hit.
        let mut hit = false;
        for _ in 0..100 {
            let r = reader.get(&page).await;
            r.assert_status(200).assert_lacks(NEW_DECISION);
            if h(&r, "x-cache") == "hit" {
                hit = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(hit, "B caches the page");
        let before = b.store.data_version();
        correct(t.store(), &m).await; // written through A
        // The notification arrives within a bounded time; from then on B never serves the old page.
        let mut seen = false;
        for _ in 0..100 {
            if b.store.data_version() != before {
                seen = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(seen, "B heard of A's write within 5 s");
        let r = reader.get(&page).await;
        r.assert_status(200).assert_contains(NEW_DECISION);
        assert_eq!(h(&r, "x-cache"), "miss");
        // The correction was two writes (two notifications): B settles on the new page, cached.
        let mut hit = false;
        for _ in 0..100 {
            let r = reader.get(&page).await;
            r.assert_contains(NEW_DECISION);
            if h(&r, "x-cache") == "hit" {
                hit = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(hit, "B caches the new page");
    }
}
