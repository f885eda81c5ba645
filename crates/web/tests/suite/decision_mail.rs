//! Decisions to their recipients (ADR 24), through a real SMTP server (aiosmtpd) on both
//! engines: when a protocol is announced, each "Beslutet skickas till" line that names someone
//! of the register with an address gets the certified extract of its paragraph as a PDF
//! attachment; lines without an address are skipped and recorded in the audit log.

use crate::common;

use common::*;
use domain::meetings::ParagraphInput;
use domain::organisations::PersonInput;
use time::Duration;

#[tokio::test]
async fn an_announced_protocol_sends_each_decision_with_its_certified_extract_to_its_recipients() {
    for t in TestApp::each_engine().await {
        let sink = Sink::start();
        let app = sending(&t, &format!("smtp://127.0.0.1:{}", sink.port));
        let m = Fake::meeting()
            .of(Fake::body().named("Länsstyrgruppen"))
            .held_on(TODAY - Duration::days(2))
            .with_agenda(&[("Budget 2027", Some("RJL 2026/12")), ("Läget i länet", None)])
            .create(&t)
            .await;
        let actor = store::Actor::system("test");
        let input = PersonInput {
            name: "Kerstin Mottagare".into(),
            email: Some("kerstin@kommun.se".into()),
            ..Default::default()
        };
        t.store().create_person(&input, &actor, None).await.unwrap();
        // An organisation with a functional address receives its decisions too.
        let org = domain::organisations::OrganisationInput {
            name: "Trafikverket Region Syd".into(),
            email: Some("registrator@trafikverket.example".into()),
            ..Default::default()
        };
        t.store().create_organisation(&org, &actor, None).await.unwrap();
        m.start_protocol(&t).await;
        let par = t.store().paragraphs(m.id).await.unwrap().into_iter().find(|p| p.title == "Budget 2027").unwrap();
        let input = ParagraphInput {
            title: par.title.clone(),
            case_number: par.case_number.as_ref().map(|c| c.parse().unwrap()),
            decision: "Budgeten fastställs.".into(),
            summary: None,
            basis: vec![],
            // Matched whatever the case; the second names no one with an address.
            recipients: vec![
                "kerstin MOTTAGARE".into(),
                "Länsstyrelsen i Jönköpings län".into(),
                "Trafikverket Region Syd".into(),
            ],
            immediate: false,
        };
        t.store().update_paragraph(m.id, par.id, &input, &par.attachments, &actor).await.unwrap();
        m.decide_all(&t).await;
        m.submit(&t).await;
        m.approve_all(&t).await;
        web::jobs::run_due_jobs(&app).await;
        web::jobs::run_due_jobs(&app).await;
        let got = sink.received();
        let decisions: Vec<_> = got.iter().filter(|(s, _)| s["rcpt_tos"][0] == "kerstin@kommun.se").collect();
        assert_eq!(decisions.len(), 1, "{}: once, however often the job runs", t.engine);
        assert_eq!(
            got.iter().filter(|(s, _)| s["rcpt_tos"][0] == "registrator@trafikverket.example").count(),
            1,
            "{}: the organisation's address",
            t.engine
        );
        let (s, _) = decisions[0];
        let subject = s["headers"]["Subject"].as_str().unwrap();
        assert!(
            subject.starts_with(&format!("Beslut: § {} Budget 2027 – Länsstyrgruppen den ", par.number)),
            "{subject}"
        );
        let text = s["parts"]["text/plain"].as_str().unwrap();
        let link = format!("https://samverkan.example.se/moten/{}/protokoll/{}/utdrag", m.id.0, par.number);
        assert!(text.contains("Till Kerstin Mottagare,") && text.contains(&link), "{text}");
        let files = s["attachments"].as_array().unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0]["content_type"], "application/pdf");
        let name = files[0]["filename"].as_str().unwrap();
        assert!(
            name.starts_with("protokollsutdrag-") && name.ends_with(&format!("-paragraf-{}.pdf", par.number)),
            "{name}"
        );
        // The bytes sent are the extract kept with the message: a PDF.
        let row = t.store().outbox(50).await.unwrap().into_iter().find(|x| x.recipient == "kerstin@kommun.se").unwrap();
        assert_eq!((row.kind.as_str(), row.status.as_str()), ("protocol.decision", "sent"));
        let kept = &t.store().message_attachments(row.id).await.unwrap()[0];
        assert!(kept.bytes.starts_with(b"%PDF-"));
        assert_eq!(files[0]["sha256"], store::files::sha256_hex(&kept.bytes));
        // The line without an address is recorded for the administrator.
        let mut api = t.token_client("api-admin@test.se", true).await;
        let log = api.get("/api/v1/audit?action=protocol.decisions_mail").await.json();
        let items = log["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{}: {log}", t.engine);
        let changes = items[0]["changes"].to_string();
        assert!(changes.contains(&format!("§ {}: Länsstyrelsen i Jönköpings län", par.number)), "{changes}");
        assert!(changes.contains("kerstin@kommun.se"), "{changes}");
    }
}
