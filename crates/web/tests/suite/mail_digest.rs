//! Mail settings and the daily digest (ADR 24), through a real SMTP server on both engines: a
//! member who wants notices in the digest gets none at once, and the next morning's run sends
//! them one digest with what was held and its invitation attached, once.

use crate::common;

use common::*;
use domain::organisations::PersonInput;
use time::Duration;

#[tokio::test]
async fn a_member_who_chose_the_digest_gets_the_notice_the_next_morning_in_one_message() {
    for t in TestApp::each_engine().await {
        let sink = Sink::start();
        let app = sending(&t, &format!("smtp://127.0.0.1:{}", sink.port));
        let m = Fake::meeting()
            .of(Fake::body().named("Vårdsamverkan").with_members(2))
            .planned_on(TODAY + Duration::days(10))
            .with_agenda(&[("Budget 2027", None)])
            .create(&t)
            .await;
        for (_, p) in &m.body.people {
            let v = t.store().person(*p).await.unwrap().unwrap().person;
            let email = Some(format!("person{}@test.se", p.0));
            let input = PersonInput { name: v.name, organisation_id: v.organisation_id, email, ..Default::default() };
            t.store().update_person(*p, &input, &store::Actor::system("test")).await.unwrap();
        }
        let member = m.body.members[0];
        let address = format!("person{}@test.se", member.0);
        let mut c = m.sign_in(&t, member).await;
        c.get("/konto")
            .await
            .assert_status(200)
            .assert_contains("När du får e-post")
            .assert_contains("I den dagliga sammanfattningen");
        // The notice of a meeting one is called to cannot be turned off.
        c.post_form("/konto/e-post", &[("lang", "sv"), ("notice", "never")])
            .await
            .assert_status(422)
            .assert_contains("Välj ett av alternativen i listan.");
        let fields = [("lang", "sv"), ("notice", "digest"), ("adjustment", "never"), ("decisions", "digest")];
        c.post_form("/konto/e-post", &fields).await.assert_status(303);
        c.get("/konto").await.assert_contains("<option value=\"digest\" selected>");

        t.store().send_notice(m.id, &store::Actor::system("test")).await.unwrap();
        web::jobs::run_due_jobs(&app).await;
        let at_once: Vec<String> =
            sink.received().iter().map(|(s, _)| s["rcpt_tos"][0].as_str().unwrap().into()).collect();
        assert!(!at_once.is_empty() && !at_once.contains(&address), "{}: {at_once:?}", t.engine);
        let held = t.store().outbox(50).await.unwrap().into_iter().find(|x| x.recipient == address).unwrap();
        assert_eq!(held.status, "held", "{}", t.engine);

        // The next morning at 06:01 Swedish time (05:01 UTC in November).
        let morning = (TODAY + Duration::days(1)).midnight().assume_utc() + Duration::minutes(5 * 60 + 1);
        let mut later = app.clone();
        later.store = later.store.clone().with_clock(store::Clock::starting_at(morning));
        web::jobs::run_due_jobs(&later).await;
        web::jobs::run_due_jobs(&later).await;
        let digests: Vec<_> =
            sink.received().into_iter().filter(|(s, _)| s["rcpt_tos"][0] == address.as_str()).collect();
        assert_eq!(digests.len(), 1, "{}: one digest, once", t.engine);
        let (s, _) = &digests[0];
        assert_eq!(s["headers"]["Subject"], "Sammanfattning från Samverkan tisdag 17 november 2026");
        let text = s["parts"]["text/plain"].as_str().unwrap();
        assert!(text.contains("Kallelse: Vårdsamverkan den torsdag 26 november 2026"), "{text}");
        assert!(text.contains(&format!("https://samverkan.example.se/moten/{}", m.id.0)), "{text}");
        let files = s["attachments"].as_array().unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0]["filename"], "invitation.ics");
        assert_eq!(files[0]["calendar"]["method"], "REQUEST");
        let row = t.store().outbox_message(held.id).await.unwrap().unwrap();
        assert_eq!(row.status, "digested", "{}", t.engine);
    }
}
