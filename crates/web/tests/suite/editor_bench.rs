//! A benchmark, not a test (ADR 8): the protocol editor of the demo's Kommunalt forum (64
//! members, all registered present) with a nine-item agenda, as its secretary loads it. Prints
//! the page's weight and the server's render time; never fails on a slow machine.
//!
//! `cargo test -p web --test suite editor_bench -- --ignored --nocapture`

use crate::common;

use std::time::Instant;

use common::*;
use domain::meetings::{AgendaItemFields, AgendaItemInput, MeetingFields, MeetingInput, MeetingStatus};
use store::Actor;
use store::structure::BodyFilter;
use time::Duration;

const AGENDA: [(&str, &str); 9] = [
    ("Anmälningsärenden Kommunalt forum", "reported"),
    ("Information ledningssystem i samverkan och Nära vård", "information"),
    ("Information Småland Blekinge Halland South Sweden (SBHSS)", "information"),
    ("Kompetensförsörjning", "information"),
    ("Dialogmöten och processen med Regional utvecklingsstrategi (RUS)", "dialogue"),
    ("Regional plan", "information"),
    ("Sammanträdesdatum Kommunalt forum", "decision"),
    ("Aktuellt från Primärkommunalt Samverkansorgan (PKS)", "information"),
    ("Avslutning", "information"),
];

#[tokio::test]
#[ignore = "a benchmark: run with --ignored --nocapture"]
async fn editor_page_of_a_64_member_body() {
    let t = TestApp::sqlite().await;
    demo::load(t.store(), t.app.files.as_ref()).await.unwrap();
    let (s, a) = (t.store(), Actor::system("bench"));
    let forum = s
        .bodies(&BodyFilter { q: Some("Kommunalt forum".into()), ..Default::default() }, None, 50)
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|b| b.name == "Kommunalt forum")
        .expect("Kommunalt forum in the demo");
    let day = (TODAY - Duration::days(2)).to_string();
    let secretary = forum.secretary.as_ref().map(|p| p.id.to_string()).unwrap_or_default();
    let input = MeetingInput::parse(&MeetingFields {
        date: &day,
        start: "09:00",
        end: "12:00",
        place: "Regionens hus",
        secretary: &secretary,
        ..Default::default()
    })
    .unwrap();
    let id = s.create_meeting(forum.id, &input, &a, None).await.unwrap();
    for (title, kind) in AGENDA {
        let item = AgendaItemInput::parse(&AgendaItemFields { title, kind, ..Default::default() }).unwrap();
        s.add_agenda_item(id, &item, &a, None).await.unwrap();
    }
    s.set_meeting_status(id, MeetingStatus::Held, &a).await.unwrap();
    let meeting = s.meeting(id).await.unwrap().unwrap();
    let mut lines = s.attendance_from_members(&meeting).await.unwrap();
    for l in &mut lines {
        l.present = true;
    }
    s.set_attendance(id, &lines, &a).await.unwrap();
    s.start_protocol(id, &a).await.unwrap();
    let mut admin = t.admin().await;
    let page = format!("/moten/{id}/protokoll");
    let first = admin.get(&page).await;
    first.assert_status(200);
    let runs = 50;
    let mut times = Vec::new();
    for _ in 0..runs {
        let t0 = Instant::now();
        let r = admin.get(&page).await;
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(r.body.len(), first.body.len());
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    // With the vote of one paragraph opened (its ballots only), where the editor has sections.
    let pid = s.paragraphs(id).await.unwrap()[8].id;
    let opened = admin.get(&format!("{page}?oppna=p{pid}-votes")).await;
    println!("with one vote opened: {} bytes", opened.body.len());
    println!(
        "editor page of Kommunalt forum: {} attendance lines, {} paragraphs, {} bytes of HTML, {} form controls; \
         render median {:.1} ms, min {:.1} ms, max {:.1} ms over {runs} requests (debug build, SQLite, in process)",
        lines.len(),
        s.paragraphs(id).await.unwrap().len(),
        first.body.len(),
        first.body.matches("<input").count()
            + first.body.matches("<select").count()
            + first.body.matches("<textarea").count(),
        times[runs / 2],
        times[0],
        times[runs - 1],
    );
}
