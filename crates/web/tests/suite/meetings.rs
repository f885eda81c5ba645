//! Meetings as the secretary prepares them: a meeting with its agenda, attachments, adjusters,
//! attendance and notice, the calendar feeds, and who may do what.

use crate::common;

use axum::http::{Method, header};
use common::*;
use domain::ids::{PersonId, UserId};
use serde_json::{Value, json};
use store::Actor;

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0xd, 0xa, 0x1a, 0xa, 0x0, 0x0, 0x0, 0xd, 0x49, 0x48, 0x44, 0x52, 0x0, 0x0, 0x0, 0x1, 0x0,
    0x0, 0x0, 0x1, 0x8, 0x6, 0x0, 0x0, 0x0, 0x1f, 0x15, 0xc4, 0x89, 0x0, 0x0, 0x0, 0xd, 0x49, 0x44, 0x41, 0x54, 0x78,
    0xda, 0x63, 0x64, 0x60, 0xf8, 0x5f, 0xf, 0x0, 0x2, 0x87, 0x1, 0x80, 0xeb, 0x47, 0xba, 0x92, 0x0, 0x0, 0x0, 0x0,
    0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];
const EXE: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run in DOS mode.";
const SVG: &[u8] = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";

/// Kommunalt forum with a chair, two members from Aneby, a substitute and a secretary whose
/// account prepares its meetings; a member's account; and an account that sits nowhere.
struct Fixture {
    body: i64,
    chair: i64,
    member_a: i64,
    member_b: i64,
    substitute: i64,
    secretary: i64,
    outsider: i64,
}

async fn post_json(api: &mut Client, path: &str, body: Value) -> Value {
    let r = api.json(Method::POST, path, &body).await;
    r.assert_status(201);
    r.json()
}

async fn fixture(t: &TestApp) -> Fixture {
    let mut api = t.token_client("api@test.se", true).await;
    let region = post_json(
        &mut api,
        "/api/v1/organisations",
        json!({"name": "Region Jönköpings län", "kind": "region", "code": "06"}),
    )
    .await["id"]
        .clone();
    let aneby = post_json(
        &mut api,
        "/api/v1/organisations",
        json!({"name": "Aneby kommun", "kind": "municipality", "code": "0604"}),
    )
    .await["id"]
        .clone();
    let body = post_json(&mut api, "/api/v1/bodies", json!({"name": "Kommunalt forum", "kind": "consultation_group", "county_code": "06", "organisations": [region, aneby]})).await["id"].as_i64().unwrap();
    let mut person = async |name: &str, org: &Value, party: &str| -> i64 {
        post_json(&mut api, "/api/v1/people", json!({"name": name, "organisation_id": org, "party": party})).await["id"]
            .as_i64()
            .unwrap()
    };
    let chair = person("Rachel De Basso", &region, "S").await;
    let member_a = person("Mats Hansson", &aneby, "M").await;
    let member_b = person("Beata Allen", &aneby, "C").await;
    let substitute = person("Arijana Jazic", &aneby, "KD").await;
    let secretary = person("Josefine Colliander", &region, "").await;
    let outsider = person("Ulla Utanför", &region, "").await;
    for (p, org, role, side) in [
        (chair, &region, "chair", "majority"),
        (member_a, &aneby, "member", "majority"),
        (member_b, &aneby, "member", "opposition"),
        (substitute, &aneby, "substitute", "opposition"),
        (secretary, &region, "secretary", ""),
    ] {
        let r = api
            .json(
                Method::POST,
                &format!("/api/v1/bodies/{body}/memberships"),
                &json!({"person_id": p, "organisation_id": org, "role": role, "side": side, "start": "2024-01-01"}),
            )
            .await;
        r.assert_status(201);
    }
    for (email, p) in [("sekreterare@test.se", secretary), ("ledamot@test.se", member_a)] {
        let uid = t.user(email, false).await;
        t.store().link_user_person(UserId(uid), Some(PersonId(p)), &Actor::system("test")).await.unwrap();
    }
    t.user("annan@test.se", false).await;
    Fixture { body, chair, member_a, member_b, substitute, secretary, outsider }
}

async fn signed_in(t: &TestApp, email: &str) -> Client {
    let mut c = t.client();
    c.login(email, PASSWORD).await;
    c
}

async fn upload(c: &mut Client, meeting: i64, parts: &[(&str, Option<&str>, &[u8])]) -> Resp {
    let csrf = c.csrf().await;
    let (ct, body) = multipart(parts);
    c.send(Method::POST, &format!("/moten/{meeting}/bilagor?csrf={csrf}"), Some(&ct), body).await
}

async fn create_meeting(sec: &mut Client, body: i64, date: &str, chair: i64, secretary: i64) -> i64 {
    let (chair, secretary) = (chair.to_string(), secretary.to_string());
    let r = sec
        .post_form(
            &format!("/organ/{body}/moten"),
            &[
                ("date", date),
                ("start", "09:00"),
                ("end", "12:00"),
                ("place", "Regionens hus, Jönköping"),
                ("online_url", "https://meet.example.se/kf"),
                ("chair", &chair),
                ("secretary", &secretary),
            ],
        )
        .await;
    r.assert_status(303);
    assert!(r.location().ends_with("?klart=skapat"), "{}", r.location());
    id_in(&r.location())
}

/// The fixture, its secretary signed in, and a meeting of the body on Friday 11 October 2024
/// made through the form.
async fn planned(t: &TestApp) -> (Fixture, Client, i64) {
    let f = fixture(t).await;
    let mut sec = signed_in(t, "sekreterare@test.se").await;
    let m = create_meeting(&mut sec, f.body, "2024-10-11", f.chair, f.secretary).await;
    (f, sec, m)
}

/// An agenda item as its form has it: title, kind, case number, presenters, from and to.
type Item = (&'static str, &'static str, &'static str, &'static str, &'static str, &'static str);

const OPENING: Item = ("Mötets öppnande", "information", "", "", "09:00", "09:05");
const PLAN: Item =
    ("Regional plan", "decision", "rjl 2024/3336", "Ola Götesson, verksamhetschef\nKarin Hermansson", "09:15", "10:00");
const REPORTED: Item = ("Anmälningsärenden", "reported", "", "", "", "");
/// The plan as edited: a new title, one presenter left.
const PLAN_2025: Item =
    ("Regional plan 2025", "decision", "RJL 2024/3336", "Ola Götesson, verksamhetschef", "09:15", "10:00");

fn item_form(item: Item) -> [(&'static str, &'static str); 6] {
    let (title, kind, case, presenters, from, to) = item;
    [
        ("title", title),
        ("kind", kind),
        ("case_number", case),
        ("presenters", presenters),
        ("starts_at", from),
        ("ends_at", to),
    ]
}

/// Adds the items through the form and returns their ids in agenda order.
async fn add_items(t: &TestApp, sec: &mut Client, m: i64, items: &[Item]) -> Vec<i64> {
    for item in items {
        sec.post_form(&format!("/moten/{m}/dagordning"), &item_form(*item)).await.assert_status(303);
    }
    agenda(t, m).await
}

async fn agenda(t: &TestApp, m: i64) -> Vec<i64> {
    t.store().agenda(domain::ids::MeetingId(m)).await.unwrap().iter().map(|a| a.id).collect()
}

/// Uploads "Förslag till regional plan" (a PDF sent as `C:\Users\jc\Regional plan.pdf`),
/// attached to the agenda item `item` when there is one.
async fn upload_plan(c: &mut Client, m: i64, item: Option<i64>) -> Resp {
    let item = item.map(|i| i.to_string()).unwrap_or_default();
    upload(
        c,
        m,
        &[
            ("attachment_title", None, "Förslag till regional plan".as_bytes()),
            ("agenda_item", None, item.as_bytes()),
            ("file", Some("C:\\Users\\jc\\Regional plan.pdf"), PDF),
        ],
    )
    .await
}

/// Uploads a PNG map without title or agenda item.
async fn upload_map(c: &mut Client, m: i64) -> Resp {
    upload(c, m, &[("attachment_title", None, b""), ("agenda_item", None, b""), ("file", Some("karta.png"), PNG)]).await
}

async fn attachments(t: &TestApp, m: i64) -> Vec<store::meetings::Attachment> {
    t.store().attachments(domain::ids::MeetingId(m)).await.unwrap()
}

/// The attendance form as the secretary fills it in: the chair; member A, who leaves after § 6;
/// member B absent, the substitute serving for her; the secretary; a guest from outside the
/// register; and an empty guest line.
fn attendance_form(f: &Fixture) -> Vec<(String, String)> {
    let (chair, a, b, s, secr) = (
        f.chair.to_string(),
        f.member_a.to_string(),
        f.member_b.to_string(),
        f.substitute.to_string(),
        f.secretary.to_string(),
    );
    let mut lines: Vec<(String, String)> = Vec::new();
    let mut line = |i: usize, fields: &[(&str, &str)]| {
        for (k, v) in fields {
            lines.push((format!("attendance[{i}].{k}"), v.to_string()));
        }
    };
    line(0, &[("person", &chair), ("role", "member"), ("present", "on")]);
    line(1, &[("person", &a), ("role", "member"), ("present", "on"), ("to_paragraph", "6")]);
    line(2, &[("person", &b), ("role", "member")]);
    line(3, &[("person", &s), ("role", "substitute"), ("present", "on"), ("replaces", &b)]);
    line(4, &[("person", &secr), ("role", "secretary"), ("present", "on")]);
    line(
        5,
        &[("name", "Ola Götesson"), ("organisation", "Region Jönköpings län"), ("role", "guest"), ("present", "on")],
    );
    line(6, &[("name", ""), ("organisation", ""), ("role", "guest"), ("present", "on")]);
    lines
}

async fn post_attendance(sec: &mut Client, m: i64, lines: &[(String, String)]) -> Resp {
    let fields: Vec<(&str, &str)> = lines.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    sec.post_form(&format!("/moten/{m}/narvaro"), &fields).await
}

// Creating a meeting.

#[tokio::test]
async fn the_meetings_of_a_year_offer_a_new_meeting_form_only_to_those_who_prepare_them() {
    for t in TestApp::each_engine().await {
        let f = fixture(&t).await;
        let body = f.body;
        let mut sec = signed_in(&t, "sekreterare@test.se").await;
        sec.get(&format!("/organ/{body}/moten?ar=2024")).await.assert_status(200).assert_contains("Nytt möte");
        t.client().get(&format!("/organ/{body}/moten?ar=2024")).await.assert_status(200).assert_lacks("Nytt möte");
    }
}

#[tokio::test]
async fn a_new_meeting_with_bad_input_comes_back_with_the_errors_at_its_fields() {
    for t in TestApp::each_engine().await {
        let f = fixture(&t).await;
        let mut sec = signed_in(&t, "sekreterare@test.se").await;
        sec.post_form(
            &format!("/organ/{}/moten", f.body),
            &[("date", "2024-13-01"), ("start", "10:00"), ("end", "09:00"), ("online_url", "http://x")],
        )
        .await
        .assert_status(422)
        .assert_contains("href=\"#f-date\"")
        .assert_contains("Sluttiden måste vara efter starttiden.")
        .assert_contains("https://")
        .assert_contains("value=\"http://x\"");
        assert_eq!(t.count("meetings").await, 0);
    }
}

#[tokio::test]
async fn anyone_reads_a_new_meeting_with_its_body_day_hours_chair_and_status_but_without_the_preparers_controls() {
    for t in TestApp::each_engine().await {
        let (_, _, m) = planned(&t).await;
        t.client()
            .get(&format!("/moten/{m}"))
            .await
            .assert_status(200)
            .assert_contains("Kommunalt forum")
            .assert_contains("fredag 11 oktober 2024")
            .assert_contains("09:00–12:00")
            .assert_contains("Rachel De Basso")
            .assert_contains("Planerat")
            .assert_lacks("Lägg till punkten")
            .assert_lacks("/narvaro");
    }
}

#[tokio::test]
async fn a_new_meeting_is_listed_among_the_meetings_of_its_body_and_year() {
    for t in TestApp::each_engine().await {
        let (f, mut sec, m) = planned(&t).await;
        sec.get(&format!("/organ/{}/moten?ar=2024", f.body)).await.assert_contains(&format!("/moten/{m}"));
    }
}

#[tokio::test]
async fn a_retried_new_meeting_form_with_the_same_key_creates_one_meeting() {
    for t in TestApp::each_engine().await {
        let f = fixture(&t).await;
        let mut sec = signed_in(&t, "sekreterare@test.se").await;
        let retry = [("date", "2024-12-12"), ("idempotency_key", "nyckel-1")];
        let first = sec.post_form(&format!("/organ/{}/moten", f.body), &retry).await.location();
        assert_eq!(sec.post_form(&format!("/organ/{}/moten", f.body), &retry).await.location(), first);
        assert_eq!(t.count("meetings").await, 1);
    }
}

#[tokio::test]
async fn everyone_reads_the_overview_of_a_year_for_one_body() {
    for t in TestApp::each_engine().await {
        let (f, _, m) = planned(&t).await;
        t.client()
            .get(&format!("/moten?ar=2024&organ={}", f.body))
            .await
            .assert_status(200)
            .assert_contains(&format!("/moten/{m}"));
    }
}

// The agenda.

#[tokio::test]
async fn agenda_items_are_added_with_their_kind_and_the_case_number_normalised() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        add_items(&t, &mut sec, m, &[OPENING, PLAN, REPORTED]).await;
        let agenda = t.store().agenda(domain::ids::MeetingId(m)).await.unwrap();
        assert_eq!(agenda.len(), 3);
        assert_eq!(agenda[1].case_number.as_deref(), Some("RJL 2024/3336"));
    }
}

#[tokio::test]
async fn a_new_agenda_item_with_bad_input_comes_back_with_the_errors_at_its_fields() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        sec.post_form(
            &format!("/moten/{m}/dagordning"),
            &[("title", "Omröstning"), ("kind", "vote"), ("case_number", "2024-3336")],
        )
        .await
        .assert_status(422)
        .assert_contains("href=\"#f-kind\"")
        .assert_contains("href=\"#f-case_number\"")
        .assert_contains("value=\"Omröstning\"");
        assert!(agenda(&t, m).await.is_empty());
    }
}

#[tokio::test]
async fn an_agenda_item_moves_up_the_agenda() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        let [open, plan, reported] = add_items(&t, &mut sec, m, &[OPENING, PLAN, REPORTED]).await[..] else {
            panic!("three items")
        };
        sec.post_form(&format!("/moten/{m}/dagordning/{reported}/flytta"), &[("direction", "up")])
            .await
            .assert_status(303);
        assert_eq!(agenda(&t, m).await, [open, reported, plan]);
    }
}

#[tokio::test]
async fn the_edit_form_of_an_agenda_item_shows_its_normalised_case_number() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        let plan = add_items(&t, &mut sec, m, &[PLAN]).await[0];
        sec.get(&format!("/moten/{m}/dagordning/{plan}/redigera"))
            .await
            .assert_status(200)
            .assert_contains("value=\"RJL 2024/3336\"");
    }
}

#[tokio::test]
async fn an_edited_agenda_item_ending_before_it_starts_comes_back_with_the_error_at_its_end() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        let plan = add_items(&t, &mut sec, m, &[PLAN]).await[0];
        let mut form = item_form(PLAN_2025);
        form[5] = ("ends_at", "09:00");
        sec.post_form(&format!("/moten/{m}/dagordning/{plan}"), &form)
            .await
            .assert_status(422)
            .assert_contains("href=\"#f-ends_at\"");
        assert_eq!(t.store().agenda(domain::ids::MeetingId(m)).await.unwrap()[0].title, "Regional plan");
    }
}

#[tokio::test]
async fn an_agenda_item_is_edited() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        let plan = add_items(&t, &mut sec, m, &[PLAN]).await[0];
        sec.post_form(&format!("/moten/{m}/dagordning/{plan}"), &item_form(PLAN_2025)).await.assert_status(303);
        assert_eq!(t.store().agenda(domain::ids::MeetingId(m)).await.unwrap()[0].title, "Regional plan 2025");
    }
}

#[tokio::test]
async fn an_agenda_item_is_deleted() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        let [open, plan, reported] = add_items(&t, &mut sec, m, &[OPENING, PLAN, REPORTED]).await[..] else {
            panic!("three items")
        };
        sec.post_form(&format!("/moten/{m}/dagordning/{reported}/ta-bort"), &[]).await.assert_status(303);
        assert_eq!(agenda(&t, m).await, [open, plan]);
    }
}

#[tokio::test]
async fn the_adjusters_are_chosen_among_the_members() {
    for t in TestApp::each_engine().await {
        let (f, mut sec, m) = planned(&t).await;
        let a = f.member_a.to_string();
        sec.post_form(&format!("/moten/{m}/justerare"), &[("adjusters", &a)]).await.assert_status(303);
        let meeting = t.store().meeting(domain::ids::MeetingId(m)).await.unwrap().unwrap();
        assert_eq!(meeting.adjusters.iter().map(|n| n.id).collect::<Vec<_>>(), [f.member_a]);
    }
}

// Attachments.

#[tokio::test]
async fn uploaded_attachments_are_numbered_from_two_and_keep_title_file_name_item_and_type() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        let plan = add_items(&t, &mut sec, m, &[PLAN]).await[0];
        upload_plan(&mut sec, m, Some(plan)).await.assert_status(303);
        upload_map(&mut sec, m).await.assert_status(303);
        let attachments = attachments(&t, m).await;
        assert_eq!(attachments.len(), 2);
        assert_eq!((attachments[0].number, attachments[0].title.as_str()), (2, "Förslag till regional plan"));
        assert_eq!(attachments[0].file_name, "Regional plan.pdf");
        assert_eq!(attachments[0].agenda_item_id, Some(plan));
        assert_eq!((attachments[1].title.as_str(), attachments[1].mime.as_str()), ("karta", "image/png"));
    }
}

#[tokio::test]
async fn an_executable_an_svg_or_an_empty_file_is_refused_at_the_file_field() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        for (name, bytes, message) in [
            ("virus.exe", EXE, "Filtypen stöds inte"),
            ("bild.svg", SVG, "Filtypen stöds inte"),
            ("tom.pdf", &b""[..], "Filen är tom."),
        ] {
            upload(&mut sec, m, &[("attachment_title", None, b"Fel"), ("file", Some(name), bytes)])
                .await
                .assert_status(422)
                .assert_contains("href=\"#f-file\"")
                .assert_contains(message)
                .assert_contains("value=\"Fel\"");
        }
        assert!(attachments(&t, m).await.is_empty());
    }
}

#[tokio::test]
async fn a_too_large_file_is_refused() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        let mut big = b"%PDF-1.4\n".to_vec();
        big.resize(domain::meetings::attachment::MAX_ATTACHMENT_BYTES + 1, b'x');
        upload(&mut sec, m, &[("file", Some("stor.pdf"), &big)])
            .await
            .assert_status(422)
            .assert_contains("Filen är för stor.");
        assert!(attachments(&t, m).await.is_empty());
    }
}

#[tokio::test]
async fn a_refused_file_is_explained_in_english_to_an_english_reader() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        sec.post_form("/sprak", &[("lang", "en"), ("tillbaka", "/")]).await;
        upload(&mut sec, m, &[("file", Some("virus.exe"), EXE)])
            .await
            .assert_status(422)
            .assert_contains("This type of file is not supported.");
    }
}

#[tokio::test]
async fn an_upload_without_the_csrf_token_is_refused() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        let (ct, bytes) = multipart(&[("file", Some("a.pdf"), PDF)]);
        sec.send(Method::POST, &format!("/moten/{m}/bilagor"), Some(&ct), bytes).await.assert_status(403);
        assert!(attachments(&t, m).await.is_empty());
    }
}

#[tokio::test]
async fn anyone_downloads_an_attachment_with_its_sniffed_type_a_safe_disposition_nosniff_and_its_digest_as_etag() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        upload_plan(&mut sec, m, None).await.assert_status(303);
        let pdf = &attachments(&t, m).await[0];
        let r = t.client().get(&format!("/bilagor/{}/Regional%20plan.pdf", pdf.id)).await;
        r.assert_status(200);
        assert_eq!(r.body.as_bytes(), PDF);
        let h = |n: header::HeaderName| r.headers.get(n).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        assert_eq!(h(header::CONTENT_TYPE), "application/pdf");
        assert_eq!(
            h(header::CONTENT_DISPOSITION),
            "inline; filename=\"Regional plan.pdf\"; filename*=UTF-8''Regional%20plan.pdf"
        );
        assert_eq!(h(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
        assert_eq!(h(header::ETAG), format!("\"{}\"", pdf.sha256));
        assert!(h(header::CACHE_CONTROL).contains("max-age"));
        assert!(t.app.files.exists(&pdf.sha256));
    }
}

#[tokio::test]
async fn a_download_with_the_attachments_etag_answers_not_modified() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        upload_plan(&mut sec, m, None).await.assert_status(303);
        let pdf = &attachments(&t, m).await[0];
        let etag = format!("\"{}\"", pdf.sha256);
        t.client()
            .send_with(Method::GET, &format!("/bilagor/{}/x", pdf.id), None, vec![], &[("if-none-match", &etag)])
            .await
            .assert_status(304);
    }
}

#[tokio::test]
async fn an_unknown_attachment_is_not_found() {
    for t in TestApp::each_engine().await {
        t.client().get("/bilagor/999999/x.pdf").await.assert_status(404);
    }
}

#[tokio::test]
async fn the_preparer_removes_an_attachment() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        upload_plan(&mut sec, m, None).await.assert_status(303);
        upload_map(&mut sec, m).await.assert_status(303);
        let map = attachments(&t, m).await[1].id;
        sec.post_form(&format!("/moten/{m}/bilagor/{map}/ta-bort"), &[]).await.assert_status(303);
        assert_eq!(attachments(&t, m).await.len(), 1);
    }
}

// Attendance.

#[tokio::test]
async fn the_attendance_form_starts_from_the_members_and_substitutes() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        sec.get(&format!("/moten/{m}/narvaro"))
            .await
            .assert_status(200)
            .assert_contains("Mats Hansson")
            .assert_contains("Arijana Jazic");
    }
}

#[tokio::test]
async fn a_member_serving_for_another_member_is_refused_at_the_field_and_no_attendance_is_stored() {
    for t in TestApp::each_engine().await {
        let (f, mut sec, m) = planned(&t).await;
        let mut wrong = attendance_form(&f);
        wrong.push(("attendance[1].replaces".into(), f.member_b.to_string()));
        post_attendance(&mut sec, m, &wrong)
            .await
            .assert_status(422)
            .assert_contains("href=\"#f-attendance[1].replaces\"")
            .assert_contains("Bara en ersättare kan tjänstgöra för en ledamot.")
            .assert_contains("value=\"Ola Götesson\"");
        assert!(t.store().attendance(domain::ids::MeetingId(m)).await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn the_attendance_is_stored_with_absences_departures_substitutes_and_guests_skipping_empty_lines() {
    for t in TestApp::each_engine().await {
        let (f, mut sec, m) = planned(&t).await;
        post_attendance(&mut sec, m, &attendance_form(&f)).await.assert_status(303);
        let stored = t.store().attendance(domain::ids::MeetingId(m)).await.unwrap();
        assert_eq!(stored.len(), 6, "the empty line is skipped");
        assert!(!stored[2].present);
        assert_eq!((stored[1].to_paragraph, stored[3].replaces_id), (Some(6), Some(f.member_b)));
        assert_eq!((stored[5].name.as_str(), stored[5].person_id), ("Ola Götesson", None));
    }
}

#[tokio::test]
async fn the_stored_attendance_is_the_forms_next_starting_point() {
    for t in TestApp::each_engine().await {
        let (f, mut sec, m) = planned(&t).await;
        post_attendance(&mut sec, m, &attendance_form(&f)).await.assert_status(303);
        sec.get(&format!("/moten/{m}/narvaro")).await.assert_contains("value=\"6\"");
    }
}

#[tokio::test]
async fn members_read_the_attendance_grouped_by_organisation_from_the_meeting_page() {
    for t in TestApp::each_engine().await {
        let (f, mut sec, m) = planned(&t).await;
        post_attendance(&mut sec, m, &attendance_form(&f)).await.assert_status(303);
        let mut member = signed_in(&t, "ledamot@test.se").await;
        let list = member.get(&format!("/moten/{m}/narvaro")).await;
        list.assert_status(200)
            .assert_contains("Aneby kommun")
            .assert_contains("tjänstgör för Beata Allen")
            .assert_contains("Frånvarande")
            .assert_lacks("Spara närvaron");
        assert!(list.body.find("Rachel De Basso").unwrap() < list.body.find("Ola Götesson").unwrap());
        member.get(&format!("/moten/{m}")).await.assert_contains(&format!("/moten/{m}/narvaro"));
    }
}

#[tokio::test]
async fn those_without_a_seat_may_not_read_the_attendance_and_visitors_are_asked_to_sign_in() {
    for t in TestApp::each_engine().await {
        let (f, mut sec, m) = planned(&t).await;
        post_attendance(&mut sec, m, &attendance_form(&f)).await.assert_status(303);
        signed_in(&t, "annan@test.se").await.get(&format!("/moten/{m}/narvaro")).await.assert_status(403);
        assert!(t.client().get(&format!("/moten/{m}/narvaro")).await.location().starts_with("/logga-in"));
    }
}

// Status and notice.

#[tokio::test]
async fn a_status_that_other_steps_set_is_refused_at_the_field() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        sec.post_form(&format!("/moten/{m}/status"), &[("status", "adjusted")])
            .await
            .assert_status(422)
            .assert_contains("href=\"#f-status\"");
    }
}

#[tokio::test]
async fn a_meeting_whose_notice_is_sent_says_so() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        sec.post_form(&format!("/moten/{m}/status"), &[("status", "notice_sent")]).await.assert_status(303);
        t.client().get(&format!("/moten/{m}")).await.assert_contains("Kallelse skickad");
    }
}

#[tokio::test]
async fn the_notice_shows_everything_a_member_needs_with_attachments_as_bilaga_n() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        let plan = add_items(&t, &mut sec, m, &[OPENING, PLAN_2025]).await[1];
        upload_plan(&mut sec, m, Some(plan)).await.assert_status(303);
        let notice = t.client().get(&format!("/moten/{m}/kallelse")).await;
        notice
            .assert_status(200)
            .assert_contains("Kallelse: Kommunalt forum")
            .assert_contains("fredag 11 oktober 2024")
            .assert_contains("09:00–12:00")
            .assert_contains("Regionens hus, Jönköping")
            .assert_contains("https://meet.example.se/kf")
            .assert_contains("Regional plan 2025")
            .assert_contains("RJL 2024/3336")
            .assert_contains("Ola Götesson, verksamhetschef")
            .assert_contains("09:15–10:00")
            .assert_contains("Bilaga 2: <a")
            .assert_contains("Förslag till regional plan")
            .assert_contains("Josefine Colliander");
        assert!(notice.body.find("Mötets öppnande").unwrap() < notice.body.find("Regional plan 2025").unwrap());
    }
}

// Calendars.

#[tokio::test]
async fn the_bodys_calendar_holds_its_meetings_and_marks_a_cancelled_one() {
    for t in TestApp::each_engine().await {
        let (f, mut sec, m) = planned(&t).await;
        let other = create_meeting(&mut sec, f.body, "2024-11-20", f.chair, f.secretary).await;
        sec.post_form(&format!("/moten/{other}/status"), &[("status", "cancelled")]).await.assert_status(303);
        let cal = t.client().get(&format!("/organ/{}/kalender.ics", f.body)).await;
        cal.assert_status(200);
        assert_eq!(cal.headers[header::CONTENT_TYPE], "text/calendar; charset=utf-8");
        let unfolded = cal.body.replace("\r\n ", "");
        for needle in [
            "BEGIN:VCALENDAR",
            &format!("UID:meeting-{m}@samverkan"),
            &format!("UID:meeting-{other}@samverkan"),
            "SUMMARY:Kommunalt forum",
            "LOCATION:Regionens hus\\, Jönköping",
            &format!("URL:http://localhost/moten/{m}"),
            "DTSTART;TZID=Europe/Stockholm:20241011T090000",
            "STATUS:CANCELLED",
        ] {
            assert!(unfolded.contains(needle), "{needle} not in\n{unfolded}");
        }
    }
}

#[tokio::test]
async fn a_persons_calendar_holds_the_meetings_of_the_bodies_they_sit_in() {
    for t in TestApp::each_engine().await {
        let (f, _, m) = planned(&t).await;
        let mut anon = t.client();
        let mine = anon.get(&format!("/personer/{}/kalender.ics", f.member_a)).await;
        mine.assert_status(200).assert_contains(&format!("UID:meeting-{m}@samverkan"));
        let none = anon.get(&format!("/personer/{}/kalender.ics", f.outsider)).await;
        none.assert_status(200).assert_lacks("BEGIN:VEVENT");
        anon.get("/personer/999999/kalender.ics").await.assert_status(404);
    }
}

#[tokio::test]
async fn the_person_and_body_pages_offer_their_calendars() {
    for t in TestApp::each_engine().await {
        let f = fixture(&t).await;
        let mut anon = t.client();
        anon.get(&format!("/personer/{}", f.member_a)).await.assert_contains("Prenumerera på kalendern");
        anon.get(&format!("/organ/{}", f.body)).await.assert_contains(&format!("/organ/{}/kalender.ics", f.body));
    }
}

// Who may change a meeting, and deleting one.

#[tokio::test]
async fn a_member_may_change_nothing_about_a_meeting() {
    for t in TestApp::each_engine().await {
        let (f, mut sec, m) = planned(&t).await;
        let body = f.body;
        let plan = add_items(&t, &mut sec, m, &[PLAN]).await[0];
        upload_plan(&mut sec, m, Some(plan)).await.assert_status(303);
        let pdf = attachments(&t, m).await[0].id;
        let mut member = signed_in(&t, "ledamot@test.se").await;
        let writes: Vec<(String, Vec<(&str, &str)>)> = vec![
            (format!("/organ/{body}/moten"), vec![("date", "2024-12-01")]),
            (format!("/moten/{m}"), vec![("date", "2024-12-01")]),
            (format!("/moten/{m}/status"), vec![("status", "held")]),
            (format!("/moten/{m}/justerare"), vec![("adjusters", "1")]),
            (format!("/moten/{m}/dagordning"), vec![("title", "x"), ("kind", "information")]),
            (format!("/moten/{m}/dagordning/{plan}"), vec![("title", "x"), ("kind", "information")]),
            (format!("/moten/{m}/dagordning/{plan}/flytta"), vec![("direction", "up")]),
            (format!("/moten/{m}/dagordning/{plan}/ta-bort"), vec![]),
            (format!("/moten/{m}/bilagor/{pdf}/ta-bort"), vec![]),
            (format!("/moten/{m}/narvaro"), vec![]),
            (format!("/moten/{m}/ta-bort"), vec![]),
            (format!("/moten/{m}/dagordning/flera"), vec![("titles", "x"), ("kind", "information")]),
            (format!("/moten/{m}/dagordning/ordning"), vec![]),
        ];
        for (path, fields) in &writes {
            member.post_form(path, fields).await.assert_status(403);
        }
        upload(&mut member, m, &[("file", Some("a.pdf"), PDF)]).await.assert_status(403);
        for path in [
            format!("/moten/{m}/redigera"),
            format!("/moten/{m}/ta-bort"),
            format!("/moten/{m}/dagordning/{plan}/redigera"),
        ] {
            member.get(&path).await.assert_status(403);
        }
        assert_eq!(attachments(&t, m).await.len(), 1);
        assert_eq!(agenda(&t, m).await, [plan]);
        assert_eq!(t.count("meetings").await, 1);
    }
}

#[tokio::test]
async fn the_preparer_deletes_a_cancelled_meeting_after_confirming() {
    for t in TestApp::each_engine().await {
        let (f, mut sec, m) = planned(&t).await;
        sec.post_form(&format!("/moten/{m}/status"), &[("status", "cancelled")]).await.assert_status(303);
        sec.get(&format!("/moten/{m}/ta-bort")).await.assert_status(200).assert_contains("Ta bort");
        let r = sec.post_form(&format!("/moten/{m}/ta-bort"), &[]).await;
        r.assert_status(303);
        assert!(r.location().starts_with(&format!("/organ/{}/moten", f.body)));
        t.client().get(&format!("/moten/{m}")).await.assert_status(404);
    }
}

#[tokio::test]
async fn a_held_meeting_is_not_deleted() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        sec.post_form(&format!("/moten/{m}/status"), &[("status", "held")]).await.assert_status(303);
        sec.post_form(&format!("/moten/{m}/ta-bort"), &[]).await.assert_status(422);
        assert!(t.store().meeting(domain::ids::MeetingId(m)).await.unwrap().is_some());
    }
}

#[tokio::test]
async fn a_held_meetings_page_leads_its_preparer_to_the_protocol() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        sec.post_form(&format!("/moten/{m}/status"), &[("status", "held")]).await.assert_status(303);
        sec.get(&format!("/moten/{m}")).await.assert_contains(&format!("/moten/{m}/protokoll"));
    }
}

#[tokio::test]
async fn the_overview_shows_upcoming_meetings_and_late_protocols_to_their_preparers() {
    for t in TestApp::each_engine().await {
        let f = fixture(&t).await;
        let mut sec = signed_in(&t, "sekreterare@test.se").await;
        let today = TODAY;
        let soon = (today + time::Duration::days(10)).to_string();
        let past = (today - time::Duration::days(30)).to_string();
        let recent = (today - time::Duration::days(3)).to_string();
        let upcoming = create_meeting(&mut sec, f.body, &soon, f.chair, f.secretary).await;
        let late = create_meeting(&mut sec, f.body, &past, f.chair, f.secretary).await;
        let pending = create_meeting(&mut sec, f.body, &recent, f.chair, f.secretary).await;
        for m in [late, pending] {
            sec.post_form(&format!("/moten/{m}/status"), &[("status", "held")]).await.assert_status(303);
        }
        let mut anon = t.client();
        let page = anon.get("/moten").await;
        page.assert_status(200)
            .assert_contains(&format!("/moten/{upcoming}"))
            .assert_contains(&format!("/moten/{pending}"))
            .assert_lacks("Protokoll som väntar på justering");
        let page = sec.get("/moten").await;
        page.assert_contains("Protokoll som väntar på justering").assert_contains("Försenat");
        let due = (today - time::Duration::days(30) + time::Duration::days(14)).to_string();
        page.assert_contains(&due);
        signed_in(&t, "ledamot@test.se").await.get("/moten").await.assert_lacks("Protokoll som väntar på justering");
        anon.get("/moten?ar=1999").await.assert_status(422);
        anon.get(&format!("/moten?organ={}", f.body))
            .await
            .assert_status(200)
            .assert_contains(&format!("/moten/{upcoming}"));
    }
}

/// Every meeting route for each kind of visitor: anonymous (asked to sign in for anything
/// beyond reading), signed in without a seat, a member of the body, its secretary and an admin.
#[tokio::test]
async fn authorisation_matrix_of_the_meeting_routes() {
    for t in TestApp::each_engine().await {
        let f = fixture(&t).await;
        let mut sec = signed_in(&t, "sekreterare@test.se").await;
        let m = create_meeting(&mut sec, f.body, "2024-10-11", f.chair, f.secretary).await;
        let held = create_meeting(&mut sec, f.body, "2024-09-11", f.chair, f.secretary).await;
        sec.post_form(&format!("/moten/{held}/status"), &[("status", "held")]).await.assert_status(303);
        sec.post_form(&format!("/moten/{m}/dagordning"), &[("title", "Punkt"), ("kind", "information")])
            .await
            .assert_status(303);
        let item = t.store().agenda(domain::ids::MeetingId(m)).await.unwrap()[0].id;
        upload(&mut sec, m, &[("file", Some("a.pdf"), PDF)]).await.assert_status(303);
        let att = t.store().attachments(domain::ids::MeetingId(m)).await.unwrap()[0].id;
        let body = f.body;
        let person = f.member_a;

        t.user("admin@test.se", true).await;
        let mut clients = [
            ("anonymous", t.client()),
            ("other", signed_in(&t, "annan@test.se").await),
            ("member", signed_in(&t, "ledamot@test.se").await),
            ("secretary", sec),
            ("admin", signed_in(&t, "admin@test.se").await),
        ];
        // Reading: everyone, except attendance before adjustment.
        let reads: Vec<(String, [u16; 5])> = vec![
            ("/moten".into(), [200; 5]),
            (format!("/organ/{body}/moten"), [200; 5]),
            (format!("/moten/{m}"), [200; 5]),
            (format!("/moten/{m}/kallelse"), [200; 5]),
            (format!("/bilagor/{att}/a.pdf"), [200; 5]),
            (format!("/organ/{body}/kalender.ics"), [200; 5]),
            (format!("/personer/{person}/kalender.ics"), [200; 5]),
            (format!("/moten/{m}/narvaro"), [303, 403, 200, 200, 200]),
            (format!("/moten/{m}/redigera"), [303, 403, 403, 200, 200]),
            (format!("/moten/{m}/ta-bort"), [303, 403, 403, 200, 200]),
            (format!("/moten/{m}/dagordning/{item}/redigera"), [303, 403, 403, 200, 200]),
        ];
        for (path, expected) in &reads {
            for ((who, c), want) in clients.iter_mut().zip(expected) {
                let r = c.get(path).await;
                assert_eq!(r.status.as_u16(), *want, "{who}: GET {path}");
            }
        }
        // Writing: only those who prepare; the input is wrong on purpose, so a permitted write
        // answers 422 and nothing changes.
        let writes: Vec<(String, Vec<(&str, &str)>)> = vec![
            (format!("/organ/{body}/moten"), vec![("date", "")]),
            (format!("/moten/{m}"), vec![("date", "")]),
            (format!("/moten/{m}/status"), vec![("status", "adjusted")]),
            (format!("/moten/{m}/justerare"), vec![("adjusters", "x")]),
            (format!("/moten/{m}/dagordning"), vec![("title", "")]),
            (format!("/moten/{m}/dagordning/{item}"), vec![("title", "")]),
            (format!("/moten/{m}/dagordning/{item}/flytta"), vec![("direction", "sideways")]),
            (format!("/moten/{m}/narvaro"), vec![("attendance[0].person", "x"), ("attendance[0].role", "member")]),
            (format!("/moten/{held}/ta-bort"), vec![]),
            (format!("/moten/{held}/dagordning/{item}/ta-bort"), vec![]),
        ];
        let expected = [303, 403, 403, 422, 422];
        for (path, fields) in &writes {
            for ((who, c), want) in clients.iter_mut().zip(expected) {
                let r = c.post_form(path, fields).await;
                // The held meeting's item is not its own: 404 for those who prepare it.
                let want = if path.contains(&format!("{held}/dagordning")) && want == 422 { 404 } else { want };
                assert_eq!(r.status.as_u16(), want, "{who}: POST {path}\n{}", &r.body[..r.body.len().min(600)]);
                if want == 303 {
                    assert!(r.location().starts_with("/logga-in"), "{who}: POST {path}");
                }
            }
        }
        for ((who, c), want) in clients.iter_mut().zip(expected) {
            let r = upload(c, m, &[("file", Some("tom.pdf"), b"")]).await;
            assert_eq!(r.status.as_u16(), want, "{who}: upload");
            let r = c.post_form(&format!("/moten/{m}/bilagor/999999/ta-bort"), &[]).await;
            assert_eq!(r.status.as_u16(), if want == 422 { 404 } else { want }, "{who}: delete attachment");
        }
        assert_eq!(t.store().attachments(domain::ids::MeetingId(m)).await.unwrap().len(), 1);
        assert!(t.store().meeting(domain::ids::MeetingId(held)).await.unwrap().is_some());
    }
}

// The attendance table (issue 9): one row per person with a presence select, "Alla närvarande",
// and a member replaced by a substitute who then serves for them (KL 5 kap. 67 §).

/// The table's rows as the browser posts them: (person, role, status, from, to), line i.
fn table_form(rows: &[(i64, &str, &str, &str, &str)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, (person, role, status, from, to)) in rows.iter().enumerate() {
        for (k, v) in [("person", person.to_string()), ("role", role.to_string()), ("status", status.to_string())]
            .into_iter()
            .chain([("from_paragraph", from.to_string()), ("to_paragraph", to.to_string())])
        {
            out.push((format!("attendance[{i}].{k}"), v));
        }
    }
    out
}

#[tokio::test]
async fn all_present_marks_every_member_present_and_leaves_the_substitutes_out() {
    for t in TestApp::each_engine().await {
        let (f, mut sec, m) = planned(&t).await;
        let mut form = table_form(&[
            (f.chair, "member", "absent", "", ""),
            (f.member_a, "member", "absent", "", "6"),
            (f.member_b, "member", &f.substitute.to_string(), "", ""),
            (f.substitute, "substitute", "absent", "", ""),
            (f.secretary, "secretary", "absent", "", ""),
        ]);
        form.push(("alla".into(), "1".into()));
        post_attendance(&mut sec, m, &form).await.assert_status(303);
        let stored = t.store().attendance(domain::ids::MeetingId(m)).await.unwrap();
        let present: Vec<(Option<i64>, bool)> = stored.iter().map(|l| (l.person_id, l.present)).collect();
        assert_eq!(
            present,
            [
                (Some(f.chair), true),
                (Some(f.member_a), true),
                (Some(f.member_b), true),
                (Some(f.substitute), false),
                (Some(f.secretary), true)
            ]
        );
        assert!(stored.iter().all(|l| l.replaces_id.is_none() && l.to_paragraph.is_none()));
    }
}

#[tokio::test]
async fn a_replaced_member_is_absent_and_the_substitute_serves_for_them_in_the_list_and_the_form() {
    for t in TestApp::each_engine().await {
        let (f, mut sec, m) = planned(&t).await;
        let sub = f.substitute.to_string();
        let form = table_form(&[
            (f.chair, "member", "present", "", ""),
            (f.member_a, "member", "present", "", "6"),
            (f.member_b, "member", &sub, "3", ""),
            (f.substitute, "substitute", "absent", "", ""),
            (f.secretary, "secretary", "absent", "", ""),
        ]);
        post_attendance(&mut sec, m, &form).await.assert_status(303);
        let stored = t.store().attendance(domain::ids::MeetingId(m)).await.unwrap();
        assert_eq!(stored.len(), 5);
        assert_eq!((stored[1].present, stored[1].to_paragraph), (true, Some(6)));
        assert_eq!((stored[2].present, stored[2].from_paragraph), (false, None), "the member is absent");
        assert_eq!(
            (stored[3].present, stored[3].replaces_id, stored[3].from_paragraph),
            (true, Some(f.member_b), Some(3)),
            "the substitute serves for the member from § 3"
        );
        assert!(!stored[4].present);
        signed_in(&t, "ledamot@test.se")
            .await
            .get(&format!("/moten/{m}/narvaro"))
            .await
            .assert_status(200)
            .assert_contains("Arijana Jazic</a> (KD)")
            .assert_contains("Ersättare, tjänstgör för Beata Allen (C)");
        // The form shows the member replaced by the substitute, with the substitute's paragraphs.
        let page = sec.get(&format!("/moten/{m}/narvaro")).await;
        page.assert_status(200)
            .assert_contains(&format!("<option value=\"{sub}\" selected>Arijana Jazic (KD)</option>"));
        let row = &page.body[page.body.find("name=\"attendance[2].status\"").unwrap()..];
        assert!(
            row[..row.find("</tr>").unwrap()].contains("value=\"3\""),
            "the substitute's § 3 is on the member's row"
        );
    }
}

#[tokio::test]
async fn a_substitute_chosen_for_two_members_is_refused_at_the_second_and_the_typed_form_comes_back() {
    for t in TestApp::each_engine().await {
        let (f, mut sec, m) = planned(&t).await;
        let sub = f.substitute.to_string();
        let form = table_form(&[
            (f.chair, "member", "present", "", ""),
            (f.member_a, "member", &sub, "", "7"),
            (f.member_b, "member", &sub, "", ""),
            (f.secretary, "secretary", "present", "", ""),
        ]);
        post_attendance(&mut sec, m, &form)
            .await
            .assert_status(422)
            .assert_contains("href=\"#f-attendance[2].status\"")
            .assert_contains("Ersättaren tjänstgör redan för en annan ledamot.")
            .assert_contains("aria-describedby=\"f-attendance[2].status-error\"")
            .assert_contains("value=\"7\"")
            .assert_contains("Mats Hansson (M)");
        assert!(t.store().attendance(domain::ids::MeetingId(m)).await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn a_bad_paragraph_or_presence_in_the_table_is_refused_at_its_field_keeping_what_was_typed() {
    for t in TestApp::each_engine().await {
        let (f, mut sec, m) = planned(&t).await;
        let form = table_form(&[
            (f.chair, "member", "present", "", "sex"),
            (f.member_a, "member", "kanske", "", ""),
            (f.member_b, "member", "absent", "", "4"),
        ]);
        post_attendance(&mut sec, m, &form)
            .await
            .assert_status(422)
            .assert_contains("href=\"#f-attendance[0].to_paragraph\"")
            .assert_contains("Ange ett paragrafnummer, t.ex. 6.")
            .assert_contains("href=\"#f-attendance[1].status\"")
            .assert_contains("Välj närvarande, frånvarande eller en ersättare.")
            .assert_contains("value=\"sex\"")
            .assert_contains("value=\"4\"");
        assert!(t.store().attendance(domain::ids::MeetingId(m)).await.unwrap().is_empty());
    }
}

// The agenda in minutes (issue 9): several items in one post, the order in one post.

#[tokio::test]
async fn several_items_are_added_in_one_post_once_however_often_it_is_sent() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        let form = [
            ("titles", "Mötets öppnande\n\n  Val av justerare \nRegional plan"),
            ("kind", "information"),
            ("idempotency_key", "flera-1"),
        ];
        sec.post_form(&format!("/moten/{m}/dagordning/flera"), &form).await.assert_status(303);
        sec.post_form(&format!("/moten/{m}/dagordning/flera"), &form).await.assert_status(303);
        let agenda = t.store().agenda(domain::ids::MeetingId(m)).await.unwrap();
        let titles: Vec<&str> = agenda.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["Mötets öppnande", "Val av justerare", "Regional plan"]);
        assert!(agenda.iter().all(|a| a.kind == domain::meetings::ItemKind::Information));
    }
}

#[tokio::test]
async fn several_items_with_a_bad_line_come_back_with_the_error_at_the_titles_and_what_was_typed() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        let long = format!("Mötets öppnande\n{}", "x".repeat(301));
        sec.post_form(&format!("/moten/{m}/dagordning/flera"), &[("titles", long.as_str()), ("kind", "decision")])
            .await
            .assert_status(422)
            .assert_contains("href=\"#f-titles\"")
            .assert_contains("Rad 2:")
            .assert_contains("aria-describedby=\"f-titles-hint f-titles-error\"")
            .assert_contains(">Mötets öppnande\nxxx");
        sec.post_form(&format!("/moten/{m}/dagordning/flera"), &[("titles", " \n"), ("kind", "decision")])
            .await
            .assert_status(422)
            .assert_contains("Skriv minst en rubrik, en per rad.");
        assert!(agenda(&t, m).await.is_empty());
    }
}

#[tokio::test]
async fn the_agenda_is_reordered_in_one_post_from_the_numbers_typed() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        let [open, plan, reported] = add_items(&t, &mut sec, m, &[OPENING, PLAN, REPORTED]).await[..] else {
            panic!("three items")
        };
        let page = sec.get(&format!("/moten/{m}")).await;
        page.assert_contains(&format!("name=\"position[{reported}]\" form=\"agenda-order\""))
            .assert_contains("action=\"/moten/");
        let (p_open, p_plan, p_rep) =
            (format!("position[{open}]"), format!("position[{plan}]"), format!("position[{reported}]"));
        sec.post_form(
            &format!("/moten/{m}/dagordning/ordning"),
            &[(p_open.as_str(), "1"), (p_plan.as_str(), "2"), (p_rep.as_str(), "1")],
        )
        .await
        .assert_status(303);
        assert_eq!(agenda(&t, m).await, [reported, open, plan], "the changed number wins the tie");
        sec.post_form(
            &format!("/moten/{m}/dagordning/ordning"),
            &[(p_open.as_str(), "först"), (p_plan.as_str(), "1"), (p_rep.as_str(), "3")],
        )
        .await
        .assert_status(422)
        .assert_contains(&format!("href=\"#f-position[{open}]\""))
        .assert_contains("Ange platsen som ett nummer, t.ex. 3.")
        .assert_contains("value=\"först\"");
        assert_eq!(agenda(&t, m).await, [reported, open, plan], "a refused order changes nothing");
    }
}

#[tokio::test]
async fn the_meeting_page_links_the_printable_notice_and_suggests_presenters_from_the_register() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        sec.get(&format!("/moten/{m}"))
            .await
            .assert_contains(&format!("href=\"/moten/{m}/kallelse.pdf\""))
            .assert_contains("list=\"people\"")
            .assert_contains("<option value=\"Mats Hansson, Aneby kommun\">")
            .assert_contains("<option value=\"Ulla Utanför, Region Jönköpings län\">");
        sec.get(&format!("/moten/{m}/kallelse.pdf")).await.assert_status(200);
        let mut form = item_form(PLAN).to_vec();
        form.push(("presenter_add", "Mats Hansson, Aneby kommun"));
        sec.post_form(&format!("/moten/{m}/dagordning"), &form).await.assert_status(303);
        let presenters = &t.store().agenda(domain::ids::MeetingId(m)).await.unwrap()[0].presenters;
        assert_eq!(presenters, &["Ola Götesson, verksamhetschef", "Karin Hermansson", "Mats Hansson, Aneby kommun"]);
    }
}

#[tokio::test]
async fn an_items_edit_page_uploads_an_attachment_to_that_item() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        let plan = add_items(&t, &mut sec, m, &[PLAN]).await[0];
        sec.get(&format!("/moten/{m}/dagordning/{plan}/redigera"))
            .await
            .assert_status(200)
            .assert_contains("enctype=\"multipart/form-data\"")
            .assert_contains(&format!("name=\"agenda_item\" value=\"{plan}\""));
        upload_plan(&mut sec, m, Some(plan)).await.assert_status(303);
        assert_eq!(attachments(&t, m).await[0].agenda_item_id, Some(plan));
    }
}

#[tokio::test]
async fn the_api_puts_the_agenda_in_order_for_the_preparer_only() {
    for t in TestApp::each_engine().await {
        let (_, mut sec, m) = planned(&t).await;
        let [open, plan] = add_items(&t, &mut sec, m, &[OPENING, PLAN]).await[..] else { panic!("two items") };
        let path = format!("/api/v1/meetings/{m}/agenda/order");
        let mut api = t.token_client("ordning@test.se", true).await;
        let r = api.json(Method::PUT, &path, &json!({"items": [plan, open, 999_999]})).await;
        r.assert_status(200);
        assert_eq!(r.json()["items"][0]["id"], plan);
        assert_eq!(agenda(&t, m).await, [plan, open]);
        api.json(Method::PUT, &path, &json!({"items": "först"})).await.assert_status(422).assert_contains("\"items\"");
        t.token_client("utanfor@test.se", false)
            .await
            .json(Method::PUT, &path, &json!({"items": [open]}))
            .await
            .assert_status(403);
        assert_eq!(agenda(&t, m).await, [plan, open]);
    }
}
