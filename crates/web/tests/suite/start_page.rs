//! Deadlines and states that cannot be missed (issue "The secretary's meeting day and
//! everyone's start page"): a late protocol (KL 5 kap. 69 §, rule 15) shows on the meeting
//! page, the body page, the compliance dashboard and the start pages of the secretary, chair and
//! adjusters; seats ending with the term are a finding; the start page lists what needs each
//! person; an organisation's page shows where it sits.

use crate::common;

use common::*;
use time::Duration;

#[tokio::test]
async fn a_late_protocol_shows_wherever_its_people_look() {
    for t in TestApp::each_engine().await {
        let held = TODAY - Duration::days(20);
        let due = held + Duration::days(14);
        let m = Fake::meeting().held_on(held).with_agenda(&[("Budget", Some("RJL 2026/1"))]).create(&t).await;
        m.start_protocol(&t).await;
        m.decide_all(&t).await;
        m.submit(&t).await;
        let late = format!("Protokollet från sammanträdet {held} i Kommunalt forum är försenat");
        let mut anon = t.client();
        anon.get(&format!("/moten/{}", m.id.0))
            .await
            .assert_status(200)
            .assert_contains(&due.to_string())
            .assert_contains("Försenat");
        anon.get(&format!("/organ/{}", m.body.id.0)).await.assert_status(200).assert_contains(&late);
        anon.get("/efterlevnad").await.assert_status(200).assert_contains(&late);
        let api = anon.get(&format!("/api/v1/bodies/{}/compliance", m.body.id.0)).await.json();
        assert!(api["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "protocol_late"), "{api}");

        let link = format!("/moten/{}/protokoll", m.id.0);
        let mut sec = m.client(&t, Role::Secretary).await;
        sec.get("/")
            .await
            .assert_status(200)
            .assert_contains("Protokoll du ska färdigställa som sekreterare")
            .assert_contains(&link)
            .assert_contains(&format!("justeras senast <time datetime=\"{due}\">"))
            .assert_contains("Försenat")
            .assert_contains("Brister i dina organ")
            .assert_contains(&late);
        for role in [Role::Chair, Role::Adjuster(1)] {
            let mut c = m.client(&t, role).await;
            c.get("/")
                .await
                .assert_contains("Protokoll som väntar på din justering")
                .assert_contains(&link)
                .assert_contains("Försenat")
                .assert_contains(&late)
                .assert_lacks("Protokoll du ska färdigställa");
        }

        // Approved at last: nothing is late any more.
        m.approve_all(&t).await;
        anon.get(&format!("/organ/{}", m.body.id.0)).await.assert_lacks("försenat");
        anon.get(&format!("/moten/{}", m.id.0)).await.assert_lacks("Försenat");
        sec.get("/").await.assert_lacks("Protokoll du ska färdigställa").assert_lacks("Försenat");
    }
}

#[tokio::test]
async fn the_start_page_lists_what_needs_each_person_with_due_dates() {
    for t in TestApp::each_engine().await {
        // Held three days ago: the protocol is due in eleven days, not late.
        let held = TODAY - Duration::days(3);
        let m = Fake::meeting().held_on(held).with_agenda(&[("Budget", Some("RJL 2026/1"))]).create(&t).await;
        let due = held + Duration::days(14);
        let mut sec = m.client(&t, Role::Secretary).await;
        sec.get("/")
            .await
            .assert_contains("Protokoll du ska färdigställa som sekreterare")
            .assert_contains(&format!(
                "Kommunalt forum {held}</a> (Genomfört) – justeras senast <time datetime=\"{due}\">"
            ))
            .assert_lacks("flag late");
        m.start_protocol(&t).await;
        m.decide_all(&t).await;
        m.submit(&t).await;
        let mut adj = m.client(&t, Role::Adjuster(1)).await;
        adj.get("/")
            .await
            .assert_contains("Protokoll som väntar på din justering")
            .assert_contains(&format!("justeras senast <time datetime=\"{due}\">"))
            .assert_lacks("flag late");

        // A coming meeting of the member's body, with a way to its agenda.
        let next = TODAY + Duration::days(7);
        let id = t
            .store()
            .create_meeting(m.body.id, &meeting_input(next), &store::Actor::system("test"), None)
            .await
            .unwrap();
        let mut member = m.client(&t, Role::Member).await;
        member
            .get("/")
            .await
            .assert_contains("Dina kommande möten")
            .assert_contains(&format!("/moten/{}/kallelse", id.0))
            .assert_contains("Kallelse och dagordning")
            .assert_lacks("Protokoll som väntar på din justering");
        let mut en = m.client(&t, Role::Member).await;
        en.post_form("/sprak", &[("lang", "en"), ("tillbaka", "/")]).await;
        en.get("/").await.assert_contains("What needs you").assert_contains("Notice and agenda");

        // Someone of no body is told that nothing waits.
        let mut out = m.client(&t, Role::Outsider).await;
        out.get("/").await.assert_contains("Inget väntar på dig just nu.");
    }
}

fn meeting_input(date: time::Date) -> domain::meetings::MeetingInput {
    domain::meetings::MeetingInput {
        date,
        start: Some(time::macros::time!(13:00)),
        end: None,
        place: Some("Regionens hus".into()),
        online_url: None,
        chair: None,
        secretary: None,
    }
}

#[tokio::test]
async fn the_public_start_page_shows_the_notice_board_coming_meetings_and_a_search_field() {
    for t in TestApp::each_engine().await {
        let m = Fake::meeting()
            .held_on(TODAY - Duration::days(5))
            .with_agenda(&[("Budget", Some("RJL 2026/1"))])
            .create(&t)
            .await;
        m.adjust(&t).await;
        let next = TODAY + Duration::days(10);
        let id = t
            .store()
            .create_meeting(m.body.id, &meeting_input(next), &store::Actor::system("test"), None)
            .await
            .unwrap();
        let mut anon = t.client();
        anon.get("/")
            .await
            .assert_status(200)
            .assert_contains("Senast på anslagstavlan")
            .assert_contains("href=\"/anslagstavla/")
            .assert_contains(&format!("Kommunalt forum {}", TODAY - Duration::days(5)))
            .assert_contains("Kommande möten")
            .assert_contains(&format!("href=\"/moten/{}\"", id.0))
            .assert_contains("<form method=\"get\" action=\"/sok\"")
            .assert_contains("<label for=\"site-search\"")
            .assert_contains("id=\"site-search\" name=\"q\"")
            .assert_lacks("Det här väntar på dig");
    }
}

#[tokio::test]
async fn seats_ending_with_the_term_are_a_finding_that_lists_them() {
    for t in TestApp::each_engine().await {
        // TODAY is 2026-11-16: the 2023–2026 term ends in 45 days.
        let b = Fake::body().substitute("Per Lund (S), Ydre kommun").create(&t).await;
        let mut anon = t.client();
        anon.get(&format!("/organ/{}", b.id.0))
            .await
            .assert_contains(
                "Region för Kommunalt forum: 4 platser i Kommunalt forum blir vakanta när mandatperioden 2023–2026 \
                 slutar 2026-12-31: ordförande (majoritet), 3 × ledamot (majoritet).",
            )
            .assert_contains(
                "Ydre kommun: 1 plats i Kommunalt forum blir vakant när mandatperioden 2023–2026 slutar 2026-12-31: \
                 ersättare (majoritet).",
            );
        anon.get("/efterlevnad").await.assert_contains("blir vakanta när mandatperioden 2023–2026 slutar 2026-12-31");
        let api = anon.get(&format!("/api/v1/bodies/{}/compliance", b.id.0)).await.json();
        let ending: Vec<_> =
            api["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "term_ending").collect();
        assert!(ending.len() >= 2, "the region's seats and Ydre's: {api}");
        // Before October the term is not yet ending.
        anon.get(&format!("/api/v1/bodies/{}/compliance?at=2026-06-01", b.id.0)).await.assert_lacks("term_ending");
    }
}

#[tokio::test]
async fn an_organisation_page_shows_its_bodies_representatives_vacant_seats_and_meetings() {
    for t in TestApp::each_engine().await {
        let b = Fake::body().member("Anna Ek (C), Ydre kommun").create(&t).await;
        let anna = b.person("Anna Ek");
        let ydre = t.store().person(anna).await.unwrap().unwrap().person.organisation_id.unwrap();
        let next = TODAY + Duration::days(12);
        let id =
            t.store().create_meeting(b.id, &meeting_input(next), &store::Actor::system("test"), None).await.unwrap();
        let mut anon = t.client();
        anon.get(&format!("/organisationer/{}", ydre.0))
            .await
            .assert_status(200)
            .assert_contains("Representation i samverkansorgan")
            .assert_contains(&format!("<a href=\"/organ/{}\">Kommunalt forum</a>", b.id.0))
            .assert_contains(&format!("<a href=\"/personer/{}\">Anna Ek</a> (C)", anna.0))
            .assert_contains(">Ledamot<")
            .assert_contains(">Majoritet<")
            .assert_contains(">2023–2026<")
            .assert_contains("Ydre kommun: 1 plats i Kommunalt forum blir vakant när mandatperioden 2023–2026 slutar 2026-12-31: ledamot (majoritet).")
            .assert_contains(&format!("href=\"/moten/{}\"", id.0));
        // An organisation in no body says so.
        let other = t.store().person(b.chair).await.unwrap().unwrap().person.organisation_id.unwrap();
        assert_ne!(other, ydre);
        let org = t
            .store()
            .create_organisation(
                &domain::organisations::OrganisationInput {
                    name: "Kinda kommun".into(),
                    kind: domain::organisations::OrganisationKind::Municipality,
                    ..Default::default()
                },
                &store::Actor::system("test"),
                None,
            )
            .await
            .unwrap();
        anon.get(&format!("/organisationer/{}", org.0))
            .await
            .assert_contains("Organisationen är inte företrädd i något organ just nu.")
            .assert_contains("Inga vakanta platser eller andra brister.");
    }
}
