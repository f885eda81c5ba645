//! The meeting rules that the probe of issue 8 found open, each shut and kept shut over HTTP on
//! both engines: one person adjusting alone, meetings held before their day, verification that
//! hid an unapproved correction, a doubled full stop, and uploads that wrote files for nothing.

use crate::common;

use axum::http::Method;
use common::*;
use domain::ids::{MeetingId, PersonId};
use serde_json::{Value, json};
use store::Actor;

/// A body of Region Jönköpings län with three people in it, and the token client that runs it.
struct Body {
    api: Client,
    id: Value,
    /// The chair, an adjuster and one more member (person ids).
    people: [Value; 3],
}

async fn body(t: &TestApp) -> Body {
    let mut api = t.token_client("kansli@test.se", true).await;
    let org = json!({"name": "Region Jönköpings län", "kind": "region", "code": "06"});
    let org = api.json(Method::POST, "/api/v1/organisations", &org).await.json()["id"].clone();
    let b = json!({"name": "Samrådet för strategiska frågor", "kind": "consultation_group", "organisations": [org]});
    let id = api.json(Method::POST, "/api/v1/bodies", &b).await.json()["id"].clone();
    let mut people = Vec::new();
    for name in ["Rut Ordförande", "Jon Justerare", "Li Ledamot"] {
        let p = json!({"name": name, "organisation_id": org});
        people.push(api.json(Method::POST, "/api/v1/people", &p).await.json()["id"].clone());
    }
    Body { api, id, people: people.try_into().unwrap() }
}

impl Body {
    /// A new meeting of the body on `date`, chaired by the body's chair.
    async fn meeting(&mut self, date: &str) -> Value {
        let path = format!("/api/v1/bodies/{}/meetings", self.id);
        let r = self.api.json(Method::POST, &path, &json!({"date": date, "chair": self.people[0]})).await;
        r.assert_status(201);
        r.json()["id"].clone()
    }

    async fn post(&mut self, meeting: &Value, what: &str, body: Value) -> Resp {
        self.api.json(Method::POST, &format!("/api/v1/meetings/{meeting}/{what}"), &body).await
    }

    async fn elect(&mut self, meeting: &Value, adjusters: Value) -> Resp {
        self.api
            .json(Method::PUT, &format!("/api/v1/meetings/{meeting}/adjusters"), &json!({"adjusters": adjusters}))
            .await
    }
}

impl Body {
    /// A meeting held ten days ago with its protocol out for adjustment: the chair and the
    /// adjuster approve it.
    async fn out_for_adjustment(&mut self) -> Value {
        let m = self.meeting("2026-11-06").await;
        self.elect(&m, json!([self.people[1]])).await.assert_status(200);
        self.post(&m, "status", json!({"status": "held"})).await.assert_status(200);
        self.post(&m, "protocol/start", json!({})).await.assert_status(200);
        self.post(&m, "protocol/submit", json!({})).await.assert_status(200);
        m
    }
}

/// The chair's and the adjuster's approvals (their passwords are the API tests' concern).
async fn approve(t: &TestApp, b: &Body, m: &Value, who: &[usize]) {
    let id = MeetingId(m.as_i64().unwrap());
    for i in who {
        let person = PersonId(b.people[*i].as_i64().unwrap());
        t.store().approve_protocol(id, person, None, t.store().now(), &Actor::system("test")).await.unwrap();
    }
}

/// Corrects the adjusted protocol's first paragraph with `reason`.
async fn correct(t: &TestApp, b: &mut Body, m: &Value, reason: &str) {
    let first = &t.store().paragraphs(MeetingId(m.as_i64().unwrap())).await.unwrap()[0];
    let text = json!({"title": first.title, "decision": "Till justerare utses Jon Justerare."});
    b.api.json(Method::PUT, &format!("/api/v1/meetings/{m}/paragraphs/{}", first.id), &text).await.assert_status(200);
    b.post(m, "protocol/corrections", json!({"reason": reason})).await.assert_status(201);
}

#[track_caller]
fn refused(r: &Resp, code: &str, field: &str) {
    r.assert_status(422);
    assert_eq!(r.error(), (code.to_string(), Some(field.to_string())), "{}", r.body);
}

/// Hole 2 of issue 8: the chair could be elected the only adjuster and so adjust alone. KL 5 kap.
/// 69 § asks for the chair and at least one adjuster besides: the chair is never elected
/// adjuster, and a protocol whose only adjuster became its chair is not submitted.
#[tokio::test]
async fn the_chair_is_never_elected_adjuster_and_never_adjusts_alone() {
    for t in TestApp::each_engine().await {
        let mut b = body(&t).await;
        let [chair, adjuster, _] = b.people.clone();
        let m = b.meeting("2026-11-06").await;
        refused(&b.elect(&m, json!([chair])).await, "chair_as_adjuster", "adjusters");
        refused(&b.elect(&m, json!([adjuster, chair])).await, "chair_as_adjuster", "adjusters");
        b.elect(&m, json!([adjuster])).await.assert_status(200);
        // The adjuster then becomes the meeting's chair: nobody besides the chair would adjust.
        let r = b
            .api
            .json(Method::PUT, &format!("/api/v1/meetings/{m}"), &json!({"date": "2026-11-06", "chair": adjuster}))
            .await;
        r.assert_status(200);
        b.post(&m, "status", json!({"status": "held"})).await.assert_status(200);
        b.post(&m, "protocol/start", json!({})).await.assert_status(200);
        refused(&b.post(&m, "protocol/submit", json!({})).await, "no_adjuster_beside_chair", "adjusters");
        // With the first chair back, the protocol goes out for adjustment.
        let r = b
            .api
            .json(Method::PUT, &format!("/api/v1/meetings/{m}"), &json!({"date": "2026-11-06", "chair": chair}))
            .await;
        r.assert_status(200);
        b.post(&m, "protocol/submit", json!({})).await.assert_status(200);
    }
}

/// Hole 3 of issue 8: a meeting dated in the future could be marked held, adjusted and
/// announced, its appeal period ending before it took place. A meeting is held on its day at
/// the earliest (Swedish time, the store's clock), a held meeting is not moved to a day still to
/// come, and a protocol of a meeting whose day has not come is not submitted.
#[tokio::test]
async fn a_meeting_is_not_held_before_its_day() {
    for t in TestApp::each_engine().await {
        let mut b = body(&t).await;
        let adjuster = b.people[1].clone();
        let later = b.meeting("2026-12-11").await;
        refused(&b.post(&later, "status", json!({"status": "held"})).await, "before_meeting_day", "status");
        let m = b.api.get(&format!("/api/v1/meetings/{later}")).await.json();
        assert_eq!(m["status"], "planned", "[{}]", t.engine);
        // Today (common::TODAY) is the meeting's day: it can be held.
        let today = b.meeting(&TODAY.to_string()).await;
        b.elect(&today, json!([adjuster])).await.assert_status(200);
        b.post(&today, "status", json!({"status": "held"})).await.assert_status(200);
        let moved = json!({"date": "2026-11-17", "chair": b.people[0]});
        let r = b.api.json(Method::PUT, &format!("/api/v1/meetings/{today}"), &moved).await;
        refused(&r, "held_meeting_in_future", "date");
        b.post(&today, "protocol/start", json!({})).await.assert_status(200);
        // A meeting held before this rule and dated later since is not submitted either.
        let sql = format!("UPDATE meetings SET date = '2026-11-17' WHERE id = {today}");
        match &t.store().pool {
            store::Pool::Sqlite(p) => sqlx::query(sqlx::AssertSqlSafe(sql)).execute(p).await.map(|_| ()),
            store::Pool::Postgres(p) => sqlx::query(sqlx::AssertSqlSafe(sql)).execute(p).await.map(|_| ()),
        }
        .unwrap();
        refused(&b.post(&today, "protocol/submit", json!({})).await, "before_meeting_day", "status");
    }
}

/// Hole 4 of issue 8: after a correction, verification said `valid: true` while the version shown
/// (the correction) had no approvals. It now says per version whether the text matches its
/// digest and whether, and by whom, it was approved: the adjusted version by the chair and the
/// adjusters (KL 5 kap. 69 §), a correction by its record (who, when, why; rule 18). The public
/// page says that the text shown is a correction made after adjustment.
#[tokio::test]
async fn verification_and_the_public_page_tell_a_correction_from_the_adjusted_text() {
    for t in TestApp::each_engine().await {
        let mut b = body(&t).await;
        let m = b.out_for_adjustment().await;
        let path = format!("/api/v1/meetings/{m}/protocol/verify");
        // Out for adjustment, approved by the chair only: the text is intact but not approved.
        approve(&t, &b, &m, &[0]).await;
        let v = b.api.get(&path).await.json();
        assert_eq!((v["valid"].clone(), v["versions"][0]["approved"].clone()), (json!(true), json!(false)), "{v}");
        approve(&t, &b, &m, &[1]).await;
        correct(&t, &mut b, &m, "Fel namn i § 1").await;
        let v = b.api.get(&path).await.json();
        assert_eq!(v["valid"], true, "[{}] {v}", t.engine);
        let (adjusted, corrected) = (&v["versions"][0], &v["versions"][1]);
        assert_eq!(adjusted["approved"], true, "{v}");
        assert_eq!(adjusted["approvals"].as_array().unwrap().len(), 2, "{v}");
        assert!(adjusted["correction"].is_null(), "{v}");
        assert_eq!(corrected["approved"], true, "{v}");
        assert_eq!(corrected["approvals"], json!([]), "{v}");
        assert_eq!(corrected["correction"]["reason"], "Fel namn i § 1", "{v}");
        assert_eq!(corrected["correction"]["by"], "kansli@test.se", "{v}");
        assert!(corrected["correction"]["at"].as_str().is_some_and(|a| a.starts_with("2026-11-16")), "{v}");
        // The public page shows the correction as such, not as an unadjusted text.
        let page = t.client().get(&format!("/moten/{m}/protokoll")).await;
        page.assert_status(200).assert_lacks("Protokollet är inte justerat.");
        page.assert_contains("Den här versionen är en rättelse som gjordes efter justeringen");
        let adjusted_page = t.client().get(&format!("/moten/{m}/protokoll?version=1")).await;
        adjusted_page.assert_status(200).assert_lacks("Den här versionen är en rättelse");
    }
}

/// Hole 5 of issue 8: the correction note printed "…i § 1.. Rättat: …" when the reason ended
/// with a full stop.
#[tokio::test]
async fn the_correction_note_ends_each_sentence_once() {
    for t in TestApp::each_engine().await {
        let mut b = body(&t).await;
        let m = b.out_for_adjustment().await;
        approve(&t, &b, &m, &[0, 1]).await;
        correct(&t, &mut b, &m, "Fel namn i § 1.").await;
        let page = t.client().get(&format!("/moten/{m}/protokoll")).await;
        page.assert_status(200).assert_contains("Skäl för rättelsen: Fel namn i § 1. Rättat: § 1: beslut.");
        page.assert_lacks("§ 1..");
    }
}

/// Hole 5 of issue 8: the OpenAPI example of an announcement gave a takedown day the server
/// never produces. The example's dates are those the domain's deadlines give.
#[test]
fn the_announcement_example_has_the_dates_the_server_gives() {
    use domain::meetings::{Deadlines, SWEDEN};
    let doc: Value =
        serde_json::from_str(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json")).unwrap())
            .unwrap();
    let example = &doc["components"]["schemas"]["Announcement"]["example"];
    let day = |k: &str| {
        time::Date::parse(example[k].as_str().unwrap(), &time::format_description::well_known::Iso8601::DATE).unwrap()
    };
    let dates = Deadlines::default().notice_dates(day("adjusted_on"), day("posted_on"), None, &SWEDEN).unwrap();
    assert_eq!(day("appeal_deadline"), dates.appeal_deadline);
    assert_eq!(day("takedown_on"), dates.takedown_on);
}

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

/// Sends the meeting page's upload form with `fields` and the file `a.pdf` holding `bytes`.
async fn upload(c: &mut Client, meeting: &Value, fields: &[(&str, &str)], bytes: &[u8]) -> Resp {
    let boundary = "----samverkan-rules-boundary";
    let mut body = Vec::new();
    for (name, value) in fields {
        let part = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        body.extend_from_slice(part.as_bytes());
    }
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    );
    body.extend_from_slice(head.as_bytes());
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let csrf = c.csrf().await;
    let ct = format!("multipart/form-data; boundary={boundary}");
    c.send(Method::POST, &format!("/moten/{meeting}/bilagor?csrf={csrf}"), Some(&ct), body).await
}

/// The files the app keeps on disk.
fn files_on_disk(t: &TestApp) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![t.app.config.data_dir.join("files")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            if e.path().is_dir() { dirs.push(e.path()) } else { out.push(e.path()) }
        }
    }
    out
}

/// Hole 12 of issue 8: a refused upload (to a locked meeting, to an item of another meeting) had
/// already written its file to disk. Everything that can refuse is checked before the bytes are
/// written; a file no attachment uses is removed when the record still fails.
#[tokio::test]
async fn a_refused_upload_leaves_no_file_behind() {
    for t in TestApp::each_engine().await {
        let mut b = body(&t).await;
        let mut admin = t.admin().await;
        let locked = b.out_for_adjustment().await;
        let r = upload(&mut admin, &locked, &[], PDF).await;
        r.assert_status(422).assert_contains("Protokollet är lämnat för justering eller justerat");
        assert_eq!(files_on_disk(&t), Vec::<std::path::PathBuf>::new(), "[{}] locked meeting", t.engine);
        let open = b.meeting("2026-12-11").await;
        let r = upload(&mut admin, &open, &[("agenda_item", "999")], PDF).await;
        r.assert_status(422).assert_contains("Punkten finns inte på dagordningen.");
        assert_eq!(files_on_disk(&t), Vec::<std::path::PathBuf>::new(), "[{}] unknown item", t.engine);
        // Accepted, the file is kept.
        upload(&mut admin, &open, &[], PDF).await.assert_status(303);
        assert_eq!(files_on_disk(&t).len(), 1, "[{}]", t.engine);
        // A file no attachment uses goes when asked; one in use stays.
        let files = t.app.files.as_ref();
        let stray = files.put(b"%PDF-1.4 stray").unwrap();
        let used = store::files::sha256_hex(PDF);
        for sha in [&stray, &used] {
            t.store().remove_unused_file(files, sha).await.unwrap();
        }
        assert!(!files.exists(&stray) && files.exists(&used), "[{}]", t.engine);
    }
}
