//! The notice (kallelse) by e-mail (ADR 24), through a real SMTP server (aiosmtpd,
//! `tests/support/smtp_sink.py`) on both engines: the secretary's "Skicka kallelse" writes one
//! message per member and substitute with an address — both parts with the agenda and absolute
//! links, and an iCalendar invitation that the server parses with the `icalendar` package —
//! then a change of place sends an update with a higher SEQUENCE, and cancelling or deleting
//! the meeting sends METHOD:CANCEL. Retried jobs and repeated posts send nothing twice.

use crate::common;

use axum::http::Method;
use common::*;
use domain::ids::PersonId;
use domain::meetings::{MeetingInput, MeetingStatus};
use domain::organisations::PersonInput;
use serde_json::Value;
use time::Duration;
use time::macros::time;

const SITE: &str = "https://samverkan.example.se";

/// A planned meeting in ten days, 13:00–15:30 in Regionens hus, with an agenda and an
/// attachment, its body's people given addresses `person<id>@test.se` — all but the member
/// returned (who gets nothing).
async fn planned(t: &TestApp, body: &str) -> (FakeMeeting, PersonId) {
    let m = Fake::meeting()
        .of(Fake::body().named(body).in_region("Region Jönköpings län").with_members(3).substitute("Eva Ersättare"))
        .planned_on(TODAY + Duration::days(10))
        .with_agenda(&[("Budget 2027", Some("RJL 2026/12")), ("Läget i länet", None)])
        .with_attachment("Underlag budget")
        .create(t)
        .await;
    let input = MeetingInput {
        date: TODAY + Duration::days(10),
        start: Some(time!(13:00)),
        end: Some(time!(15:30)),
        place: Some("Regionens hus, Jönköping".into()),
        online_url: None,
        chair: Some(m.chair),
        secretary: Some(m.secretary),
    };
    t.store().update_meeting(m.id, &input, &store::Actor::system("test")).await.unwrap();
    let without = *m.body.members.last().unwrap();
    for (_, p) in &m.body.people {
        if *p != without {
            address(t, *p, &format!("person{}@test.se", p.0)).await;
        }
    }
    (m, without)
}

async fn address(t: &TestApp, p: PersonId, email: &str) {
    let v = t.store().person(p).await.unwrap().unwrap().person;
    let input = PersonInput {
        name: v.name,
        organisation_id: v.organisation_id,
        email: Some(email.into()),
        ..Default::default()
    };
    t.store().update_person(p, &input, &store::Actor::system("test")).await.unwrap();
}

/// Who is called: the chair, the members and the substitute (not the secretary), with an
/// address.
fn called(m: &FakeMeeting, without: PersonId) -> Vec<String> {
    let mut v: Vec<String> = std::iter::once(m.body.chair)
        .chain(m.body.members.iter().copied())
        .chain(m.body.substitutes.iter().copied())
        .filter(|p| *p != without)
        .map(|p| format!("person{}@test.se", p.0))
        .collect();
    v.sort();
    v
}

fn recipients(got: &[(Value, String)]) -> Vec<String> {
    let mut v: Vec<String> = got.iter().map(|(s, _)| s["rcpt_tos"][0].as_str().unwrap().to_string()).collect();
    v.sort();
    v
}

/// The one invitation of a received message, as the strict parser read it.
#[track_caller]
fn invitation(s: &Value) -> (&Value, &Value) {
    let files = s["attachments"].as_array().unwrap();
    assert_eq!(files.len(), 1, "{s}");
    let cal = &files[0]["calendar"];
    assert_eq!(cal["problems"], serde_json::json!([]), "{cal}");
    assert_eq!(cal["events"].as_array().unwrap().len(), 1);
    (&files[0], cal)
}

#[tokio::test]
async fn the_notice_goes_to_members_and_substitutes_with_the_agenda_and_an_invitation_that_follows_the_meeting() {
    for t in TestApp::each_engine().await {
        let sink = Sink::start();
        let app = sending(&t, &format!("smtp://127.0.0.1:{}", sink.port));
        let (m, without) = planned(&t, "Samrådsgrupp vård").await;
        let mut secretary = m.client(&t, Role::Secretary).await;
        secretary.get(&format!("/moten/{}", m.id.0)).await.assert_status(200).assert_contains("Skicka kallelse");
        let r = secretary.post_form(&format!("/moten/{}/kallelse/skicka", m.id.0), &[]).await;
        r.assert_status(303);
        let page = secretary.get(&format!("/moten/{}?klart=kallelse", m.id.0)).await;
        page.assert_status(200)
            .assert_contains("Kallelse skickad måndag 16 november 2026")
            .assert_lacks(">Skicka kallelse<");
        let meeting = t.store().meeting(m.id).await.unwrap().unwrap();
        assert_eq!(meeting.status, MeetingStatus::NoticeSent);
        let notice = t.store().meeting_notice(m.id).await.unwrap().unwrap();
        assert_eq!(notice.sequence, meeting.sequence);

        web::jobs::run_due_jobs(&app).await;
        web::jobs::run_due_jobs(&app).await;
        let got = sink.received();
        assert_eq!(recipients(&got), called(&m, without), "{}: each called person with an address, once", t.engine);
        let (s, raw) = got.iter().find(|(s, _)| s["rcpt_tos"][0] == format!("person{}@test.se", m.chair.0)).unwrap();
        let h = &s["headers"];
        assert!(h["Subject"].as_str().unwrap().starts_with("Kallelse: Samrådsgrupp vård den torsdag 26 november 2026"));
        assert!(h["Content-Type"].as_str().unwrap().starts_with("multipart/mixed"), "{h}");
        assert!(raw.lines().all(|l| l.is_ascii()), "7-bit on the wire");
        let text = s["parts"]["text/plain"].as_str().unwrap();
        let link = format!("{SITE}/moten/{}", m.id.0);
        for needle in [
            "Du kallas till Samrådsgrupp vård den torsdag 26 november 2026.",
            "Tid: 13:00–15:30",
            "Plats: Regionens hus, Jönköping",
            "Dagordning",
            "1. Budget 2027",
            "2. Läget i länet",
            "Bilaga 2: Underlag budget: https://samverkan.example.se/bilagor/",
            &format!("{link}/kallelse.pdf"),
            &link,
        ] {
            assert!(text.contains(needle), "{}: {needle} in {text}", t.engine);
        }
        let html = s["parts"]["text/html"].as_str().unwrap();
        assert!(html.contains("<html lang=\"sv\">") && html.contains("<ol>"), "{html}");
        assert!(html.contains(&format!("<a href=\"{link}/kallelse.pdf\"")), "{html}");
        // The invitation: the bytes written to the outbox, parsed strictly.
        let (file, cal) = invitation(s);
        assert_eq!(file["filename"], "invitation.ics");
        // MIME parameters, quoted or not (RFC 2045).
        let kind = file["content_type"].as_str().unwrap().replace('"', "");
        assert!(kind.starts_with("text/calendar") && kind.contains("method=REQUEST"), "{kind}");
        let stored = t.store().outbox(50).await.unwrap();
        let row = stored.iter().find(|x| x.recipient == format!("person{}@test.se", m.chair.0)).unwrap();
        assert_eq!(row.status, "sent");
        let bytes = &t.store().message_attachments(row.id).await.unwrap()[0].bytes;
        assert_eq!(file["sha256"], store::files::sha256_hex(bytes), "the bytes sent are the bytes kept");
        assert_eq!(cal["method"], "REQUEST");
        assert_eq!(cal["timezones"], serde_json::json!(["Europe/Stockholm"]));
        let ev = &cal["events"][0];
        assert_eq!(ev["uid"], format!("meeting-{}@samverkan", m.id.0));
        assert_eq!(ev["sequence"], notice.sequence);
        assert_eq!(ev["status"], "CONFIRMED");
        assert_eq!(ev["dtstart"], "2026-11-26T13:00:00+01:00", "{ev}");
        assert_eq!(ev["dtstart_tzid"], "Europe/Stockholm");
        assert_eq!(ev["dtend"], "2026-11-26T15:30:00+01:00");
        assert_eq!(ev["location"], "Regionens hus, Jönköping");
        assert!(ev["dtstamp"].as_str().unwrap().starts_with("2026-11-16T09:"), "the store's clock: {ev}");
        assert_eq!(ev["organizer"], "mailto:noreply@samverkan.example.se");
        assert_eq!(ev["attendees"], serde_json::json!([format!("mailto:person{}@test.se", m.chair.0)]));

        // Sending again through the API before anything changed sends nothing new.
        let mut api = m.client(&t, Role::Secretary).await;
        api.json(Method::POST, &format!("/api/v1/meetings/{}/notice", m.id.0), &serde_json::json!({}))
            .await
            .assert_status(200);
        web::jobs::run_due_jobs(&app).await;
        let n = got.len();
        assert_eq!(sink.received().len(), n, "{}", t.engine);

        // A new place: an update to everyone, with a higher sequence.
        let mut input = MeetingInput {
            date: meeting.date,
            start: Some(time!(13:00)),
            end: Some(time!(15:30)),
            place: Some("Sal 2, Länsstyrelsen".into()),
            online_url: None,
            chair: Some(m.chair),
            secretary: Some(m.secretary),
        };
        t.store().update_meeting(m.id, &input, &store::Actor::system("test")).await.unwrap();
        web::jobs::run_due_jobs(&app).await;
        let all = sink.received();
        let update: Vec<_> = all[n..].to_vec();
        assert_eq!(recipients(&update), called(&m, without), "{}", t.engine);
        let (s, _) = &update[0];
        assert!(s["headers"]["Subject"].as_str().unwrap().starts_with("Ändrad kallelse: "));
        let (_, cal) = invitation(s);
        let ev = &cal["events"][0];
        assert_eq!((cal["method"].as_str(), ev["location"].as_str()), (Some("REQUEST"), Some("Sal 2, Länsstyrelsen")));
        assert_eq!(ev["uid"], format!("meeting-{}@samverkan", m.id.0));
        let updated_seq = ev["sequence"].as_i64().unwrap();
        assert!(updated_seq > notice.sequence, "{updated_seq} > {}", notice.sequence);

        // A change that is neither time nor place (the chair) sends nothing.
        input.chair = Some(m.body.members[0]);
        t.store().update_meeting(m.id, &input, &store::Actor::system("test")).await.unwrap();
        web::jobs::run_due_jobs(&app).await;
        assert_eq!(sink.received().len(), all.len(), "{}", t.engine);

        // Cancelled: METHOD:CANCEL, STATUS:CANCELLED, a higher sequence still.
        secretary.post_form(&format!("/moten/{}/status", m.id.0), &[("status", "cancelled")]).await.assert_status(303);
        web::jobs::run_due_jobs(&app).await;
        let cancel: Vec<_> = sink.received()[all.len()..].to_vec();
        assert_eq!(recipients(&cancel), called(&m, without), "{}", t.engine);
        let (s, _) = &cancel[0];
        assert!(s["headers"]["Subject"].as_str().unwrap().starts_with("Inställt: "));
        let (file, cal) = invitation(s);
        assert!(file["content_type"].as_str().unwrap().replace('"', "").contains("method=CANCEL"));
        let ev = &cal["events"][0];
        assert_eq!((cal["method"].as_str(), ev["status"].as_str()), (Some("CANCEL"), Some("CANCELLED")));
        assert!(ev["sequence"].as_i64().unwrap() > updated_seq);
        assert_eq!(ev["uid"], format!("meeting-{}@samverkan", m.id.0));
    }
}

#[tokio::test]
async fn deleting_a_noticed_meeting_cancels_it_and_a_meeting_without_a_notice_sends_nothing() {
    for t in TestApp::each_engine().await {
        let sink = Sink::start();
        let app = sending(&t, &format!("smtp://127.0.0.1:{}", sink.port));
        let (quiet, _) = planned(&t, "Samrådsgrupp tyst").await;
        let (m, without) = planned(&t, "Samrådsgrupp vård").await;
        // Never noticed: changes and deletion write nothing.
        let mut secretary = quiet.client(&t, Role::Secretary).await;
        secretary.post_form(&format!("/moten/{}/ta-bort", quiet.id.0), &[]).await.assert_status(303);
        web::jobs::run_due_jobs(&app).await;
        assert!(sink.received().is_empty(), "{}", t.engine);

        let mut api = m.client(&t, Role::Secretary).await;
        let r = api.json(Method::POST, &format!("/api/v1/meetings/{}/notice", m.id.0), &serde_json::json!({})).await;
        r.assert_status(200);
        let seq = r.json()["sequence"].as_i64().unwrap();
        web::jobs::run_due_jobs(&app).await;
        let n = sink.received().len();
        assert_eq!(n, called(&m, without).len());
        api.json_raw(Method::DELETE, &format!("/api/v1/meetings/{}", m.id.0), b"").await.assert_status(204);
        web::jobs::run_due_jobs(&app).await;
        let cancel: Vec<_> = sink.received()[n..].to_vec();
        assert_eq!(recipients(&cancel), called(&m, without), "{}", t.engine);
        let (s, _) = &cancel[0];
        let text = s["parts"]["text/plain"].as_str().unwrap();
        assert!(
            text.contains("är inställt") && text.contains(&format!("{SITE}/organ/{}/moten", m.body.id.0)),
            "{text}"
        );
        let (_, cal) = invitation(s);
        let ev = &cal["events"][0];
        assert_eq!((cal["method"].as_str(), ev["status"].as_str()), (Some("CANCEL"), Some("CANCELLED")));
        assert!(ev["sequence"].as_i64().unwrap() > seq);
        assert_eq!(ev["dtstart"], "2026-11-26T13:00:00+01:00");
    }
}

#[tokio::test]
async fn only_those_who_prepare_send_the_notice_and_only_before_the_meeting_is_held() {
    for t in TestApp::each_engine().await {
        let (m, _) = planned(&t, "Samrådsgrupp vård").await;
        let path = format!("/moten/{}/kallelse/skicka", m.id.0);
        let api_path = format!("/api/v1/meetings/{}/notice", m.id.0);
        let r = t.client().post_form(&path, &[]).await;
        r.assert_status(303);
        assert!(r.location().starts_with("/logga-in"), "{}", r.location());
        let mut member = m.client(&t, Role::Member).await;
        member.get(&format!("/moten/{}", m.id.0)).await.assert_status(200).assert_lacks("Skicka kallelse");
        member.post_form(&path, &[]).await.assert_status(403);
        member.json(Method::POST, &api_path, &serde_json::json!({})).await.assert_status(403);
        assert!(t.store().meeting_notice(m.id).await.unwrap().is_none());
        assert_eq!(t.store().jobs(None, 50).await.unwrap().iter().filter(|j| j.kind == "meeting.notice").count(), 0);

        let held = Fake::meeting()
            .of(Fake::body().named("Beredningen").in_region("Region Jönköpings län"))
            .held_on(TODAY - Duration::days(1))
            .create(&t)
            .await;
        let mut secretary = held.client(&t, Role::Secretary).await;
        let r = secretary
            .json(Method::POST, &format!("/api/v1/meetings/{}/notice", held.id.0), &serde_json::json!({}))
            .await;
        r.assert_status(422);
        assert_eq!(r.error(), ("notice_not_now".into(), Some("notice".into())), "{}", t.engine);
        secretary
            .post_form(&format!("/moten/{}/kallelse/skicka", held.id.0), &[])
            .await
            .assert_status(422)
            .assert_contains("Kallelsen kan bara skickas innan mötet har hållits");
    }
}

#[tokio::test]
async fn administrators_see_the_invitation_with_the_message_in_the_outbox() {
    for t in TestApp::each_engine().await {
        let (m, _) = planned(&t, "Samrådsgrupp vård").await;
        t.store().send_notice(m.id, &store::Actor::system("test")).await.unwrap();
        web::jobs::run_due_jobs(&t.app).await;
        let msg = t.store().outbox(50).await.unwrap().into_iter().find(|x| x.kind == "meeting.notice").unwrap();
        assert_eq!(msg.status, "outbox");
        let mut admin = t.admin().await;
        admin
            .get(&format!("/admin/utkorg/{}", msg.id))
            .await
            .assert_status(200)
            .assert_contains("Bifogade filer")
            .assert_contains("invitation.ics")
            .assert_contains("text/calendar; charset=utf-8; method=REQUEST");
        let r = admin.get(&format!("/admin/utkorg/{}/filer/1", msg.id)).await;
        r.assert_status(200).assert_contains("BEGIN:VCALENDAR\r\n").assert_contains("METHOD:REQUEST\r\n");
        admin.get(&format!("/admin/utkorg/{}/filer/2", msg.id)).await.assert_status(404);
        let mut api = t.token_client("api-admin@test.se", true).await;
        let j = api.get(&format!("/api/v1/admin/outbox/{}", msg.id)).await.json();
        assert_eq!(j["attachments"][0]["filename"], "invitation.ics");
        assert_eq!(j["attachments"][0]["sha256"].as_str().unwrap().len(), 64);
        let mut member = m.client(&t, Role::Member).await;
        member.get(&format!("/admin/utkorg/{}/filer/1", msg.id)).await.assert_status(403);
    }
}

#[tokio::test]
async fn each_recipient_gets_the_notice_in_the_language_they_chose() {
    for t in TestApp::each_engine().await {
        let (m, _) = planned(&t, "Samrådsgrupp vård").await;
        // The chair chooses English on the account page; a bad value is refused at the field.
        let mut chair = m.client(&t, Role::Chair).await;
        chair.get("/konto").await.assert_status(200).assert_contains("E-post från Samverkan");
        chair
            .post_form("/konto/e-post", &[("lang", "fi")])
            .await
            .assert_status(422)
            .assert_contains("Välj svenska eller engelska.");
        chair.post_form("/konto/e-post", &[("lang", "en")]).await.assert_status(303);
        // An administrator sets a member's language through the API (the person form's field).
        let member = m.body.members[0];
        let v = t.store().person(member).await.unwrap().unwrap().person;
        let mut api = t.token_client("api-admin@test.se", true).await;
        let body = serde_json::json!({"name": v.name, "email": v.email, "lang": "en"});
        api.json(Method::PUT, &format!("/api/v1/people/{}", member.0), &body).await.assert_status(200);
        let r = api
            .json(Method::PUT, &format!("/api/v1/people/{}", member.0), &serde_json::json!({"name": "X", "lang": "de"}))
            .await;
        assert_eq!(r.error().1.as_deref(), Some("lang"), "{}", t.engine);
        t.store().send_notice(m.id, &store::Actor::system("test")).await.unwrap();
        web::jobs::run_due_jobs(&t.app).await;
        let english = [format!("person{}@test.se", m.chair.0), format!("person{}@test.se", member.0)];
        let notices: Vec<_> =
            t.store().outbox(50).await.unwrap().into_iter().filter(|x| x.kind == "meeting.notice").collect();
        assert!(notices.len() > 2, "{}", t.engine);
        for n in notices {
            if english.contains(&n.recipient) {
                assert_eq!(n.lang, "en", "{}", n.recipient);
                assert!(
                    n.subject.starts_with("Notice of meeting: Samrådsgrupp vård on Thursday 26 November 2026"),
                    "{}",
                    n.subject
                );
                assert!(n.text_body.contains("Agenda") && n.html_body.contains("<html lang=\"en\">"));
            } else {
                assert_eq!(n.lang, "sv", "{}", n.recipient);
                assert!(n.subject.starts_with("Kallelse: "));
            }
        }
    }
}
