//! E-mail through a real SMTP server (Python's aiosmtpd, `tests/support/smtp_sink.py`, started
//! here on a free port; `scripts/test` installs it), on both engines: what the server received —
//! envelope, headers with the UTF-8 subject encoded, both parts, the link — and the delivery
//! status with the server's answer, refusals and an unreachable server included. Never a mock
//! transport. Also the outbox pages without SMTP.

use crate::common;

use std::path::PathBuf;
use std::process::Command;

use common::*;
use time::Duration;

/// A sink speaking TLS (`mode` "starttls" or "tls") with a server certificate for 127.0.0.1
/// issued by the test CA in `certs`.
fn start_tls(mode: &str, certs: &TestCa) -> Sink {
    Sink::start_with(&[mode.as_ref(), certs.cert.as_os_str(), certs.key.as_os_str()])
}

/// A certificate authority and a server certificate for 127.0.0.1 that it issued, made with
/// `openssl` (Debian's) in a temporary folder.
struct TestCa {
    dir: PathBuf,
    ca: PathBuf,
    cert: PathBuf,
    key: PathBuf,
}

impl TestCa {
    fn new() -> TestCa {
        let dir = std::env::temp_dir().join(format!("samverkan-ca-{}", web::auth::new_secret()));
        std::fs::create_dir_all(&dir).unwrap();
        let openssl = |args: &[&str]| {
            let out = Command::new("openssl").args(args).current_dir(&dir).output().expect("openssl runs");
            assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        };
        openssl(&[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=Testregionens CA",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
        ]);
        std::fs::write(dir.join("ext.cnf"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n").unwrap();
        openssl(&[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
        ]);
        openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "ext.cnf",
            "-out",
            "server.pem",
        ]);
        TestCa { ca: dir.join("ca.pem"), cert: dir.join("server.pem"), key: dir.join("server.key"), dir }
    }
}

impl Drop for TestCa {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

async fn submitted(t: &TestApp) -> FakeMeeting {
    let m = Fake::meeting()
        .of(Fake::body().named("Näringslivsrådet"))
        .held_on(TODAY - Duration::days(3))
        .with_adjusters(1)
        .create(t)
        .await
        .with_addresses(t)
        .await;
    m.start_protocol(t).await;
    m.decide_all(t).await;
    m.submit(t).await;
    m
}

#[tokio::test]
async fn the_approvers_messages_reach_a_real_smtp_server_with_both_parts_and_the_link() {
    for t in TestApp::each_engine().await {
        let sink = Sink::start();
        let app = sending(&t, &format!("smtp://127.0.0.1:{}", sink.port));
        let m = submitted(&t).await;
        web::jobs::run_due_jobs(&app).await;
        let got = sink.received();
        assert_eq!(got.len(), 2, "{}: the chair and the adjuster", t.engine);
        let mut to: Vec<String> = got.iter().map(|(s, _)| s["rcpt_tos"][0].as_str().unwrap().to_string()).collect();
        to.sort();
        let mut expected = vec![format!("person{}@test.se", m.chair.0), format!("person{}@test.se", m.adjusters[0].0)];
        expected.sort();
        assert_eq!(to, expected);
        let (s, raw) = &got[0];
        assert_eq!(s["mail_from"], "noreply@samverkan.example.se");
        let h = &s["headers"];
        assert_eq!(h["From"], "Samverkan Östergötland <noreply@samverkan.example.se>");
        assert!(h["Subject"].as_str().unwrap().starts_with("Protokoll att justera: Näringslivsrådet den "), "{h}");
        // On the wire the Swedish subject is encoded (RFC 2047), never raw 8-bit.
        let wire_subject = s["raw_headers"]["Subject"].as_str().unwrap();
        assert!(wire_subject.contains("=?utf-8?"), "{wire_subject}");
        assert!(raw.lines().all(|l| l.is_ascii()), "every line of the message on the wire is 7-bit");
        assert!(h["Message-ID"].as_str().unwrap().ends_with("@samverkan.example.se>"));
        assert!(h["Content-Type"].as_str().unwrap().starts_with("multipart/alternative"));
        let link = format!("https://samverkan.example.se/moten/{}", m.id.0);
        let text = s["parts"]["text/plain"].as_str().unwrap();
        assert!(text.contains("senast fredag 27 november 2026") && text.contains(&link), "{text}");
        let html = s["parts"]["text/html"].as_str().unwrap();
        assert!(html.contains("<html lang=\"sv\">") && html.contains(&format!("<a href=\"{link}\"")), "{html}");
        // Each message's delivery status, with the server's answer.
        for msg in t.store().outbox(10).await.unwrap() {
            assert_eq!(msg.status, "sent", "{}", t.engine);
            assert!(msg.server_answer.as_deref().unwrap().starts_with("250 "), "{:?}", msg.server_answer);
            assert!(msg.sent_at.is_some());
        }
        // Run again: nothing is sent twice.
        web::jobs::run_due_jobs(&app).await;
        assert_eq!(sink.received().len(), 2);
    }
}

#[tokio::test]
async fn a_worker_killed_while_talking_to_the_server_is_replaced_and_each_message_arrives_once() {
    for t in TestApp::each_engine().await {
        // A server that accepts the connection and never says a word: the worker hangs there.
        let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = silent.local_addr().unwrap().port();
        let held = tokio::spawn(async move {
            let mut open = Vec::new();
            while let Ok((conn, _)) = silent.accept().await {
                open.push(conn);
            }
        });
        let hanging = sending(&t, &format!("smtp://127.0.0.1:{port}"));
        submitted(&t).await;
        let worker = tokio::spawn(async move { web::jobs::run_due_jobs(&hanging).await });
        let running = || async {
            t.store()
                .jobs(Some(store::jobs::JobState::Running), 10)
                .await
                .unwrap()
                .into_iter()
                .find(|j| j.kind == "mail.send")
        };
        let mut stuck = None;
        for _ in 0..500 {
            stuck = running().await;
            if stuck.is_some() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        let stuck = stuck.expect("the worker reached the silent server");
        // Killed in the middle of the job.
        worker.abort();
        assert!(worker.await.unwrap_err().is_cancelled());
        held.abort();
        // After the lease, a worker on a server that answers takes over.
        let sink = Sink::start();
        let mut later = sending(&t, &format!("smtp://127.0.0.1:{}", sink.port));
        later.store = later
            .store
            .clone()
            .with_clock(store::Clock::starting_at(t.store().now() + store::jobs::LEASE + Duration::seconds(1)));
        web::jobs::run_due_jobs(&later).await;
        web::jobs::run_due_jobs(&later).await;
        assert_eq!(sink.received().len(), 2, "{}: each message once", t.engine);
        let job = t.store().job(stuck.id).await.unwrap().unwrap();
        assert_eq!((job.state, job.attempts), (store::jobs::JobState::Done, 2), "{}", t.engine);
        assert!(t.store().outbox(10).await.unwrap().iter().all(|m| m.status == "sent"));
    }
}

#[tokio::test]
async fn a_refusal_is_recorded_with_the_servers_answer_and_retried_later() {
    for t in TestApp::each_engine().await {
        let sink = Sink::start();
        let app = sending(&t, &format!("smtp://127.0.0.1:{}", sink.port));
        let m = submitted(&t).await;
        // The adjuster's address is one the server refuses.
        let adjuster = t.store().person(m.adjusters[0]).await.unwrap().unwrap().person;
        let input = domain::organisations::PersonInput {
            name: adjuster.name,
            organisation_id: adjuster.organisation_id,
            email: Some("avvisad@test.se".into()),
            ..Default::default()
        };
        t.store().update_person(m.adjusters[0], &input, &store::Actor::system("test")).await.unwrap();
        web::jobs::run_due_jobs(&app).await;
        assert_eq!(sink.received().len(), 1, "{}: the chair's message went", t.engine);
        let refused =
            t.store().outbox(10).await.unwrap().into_iter().find(|x| x.recipient == "avvisad@test.se").unwrap();
        assert_eq!(refused.status, "failed", "{}", t.engine);
        assert!(
            refused.server_answer.as_deref().unwrap().contains("Mottagaren finns inte"),
            "{:?}",
            refused.server_answer
        );
        let job = t.store().jobs(Some(store::jobs::JobState::Failed), 10).await.unwrap();
        assert_eq!(job.len(), 1, "{}", t.engine);
        assert_eq!(job[0].kind, "mail.send");
    }
}

#[tokio::test]
async fn an_unreachable_server_leaves_the_message_failed_and_queued_for_another_try() {
    for t in TestApp::each_engine().await {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let app = sending(&t, &format!("smtp://127.0.0.1:{port}"));
        submitted(&t).await;
        web::jobs::run_due_jobs(&app).await;
        for msg in t.store().outbox(10).await.unwrap() {
            assert_eq!(msg.status, "failed", "{}", t.engine);
            assert!(msg.server_answer.is_some());
        }
        let failed = t.store().jobs(Some(store::jobs::JobState::Failed), 10).await.unwrap();
        assert_eq!(failed.len(), 2, "{}", t.engine);
    }
}

#[tokio::test]
async fn administrators_read_the_outbox_and_each_message_in_both_parts() {
    for t in TestApp::each_engine().await {
        let m = submitted(&t).await;
        web::jobs::run_due_jobs(&t.app).await;
        let mut admin = t.admin().await;
        admin
            .get("/admin/utkorg")
            .await
            .assert_status(200)
            .assert_contains("Ingen SMTP-server är inställd")
            .assert_contains("Protokoll att justera: Näringslivsrådet")
            .assert_contains("I utkorgen (inte skickat)");
        let id = t.store().outbox(10).await.unwrap()[0].id;
        admin
            .get(&format!("/admin/utkorg/{id}"))
            .await
            .assert_status(200)
            .assert_contains("Textdelen")
            .assert_contains("HTML-delen")
            .assert_contains(&format!("/moten/{}", m.id.0))
            // The HTML part is shown as its source, never rendered into the page.
            .assert_contains("&#60;html lang=");
        admin.get("/admin/utkorg/999999").await.assert_status(404);
        let mut api = t.token_client("api-admin@test.se", true).await;
        let r = api.get("/api/v1/admin/outbox").await;
        r.assert_status(200);
        assert_eq!(r.json()["smtp_configured"], false);
        assert_eq!(r.json()["items"].as_array().unwrap().len(), 2);
        let r = api.get(&format!("/api/v1/admin/outbox/{id}")).await;
        assert_eq!(r.json()["status"], "outbox");
        assert!(r.json()["html_body"].as_str().unwrap().contains("<html lang=\"sv\">"));
    }
}

#[tokio::test]
async fn mail_goes_over_starttls_and_implicit_tls_with_the_login_and_an_unknown_ca_is_refused() {
    let certs = TestCa::new();
    let t = TestApp::sqlite().await;
    for mode in ["starttls", "tls"] {
        let sink = start_tls(mode, &certs);
        let scheme = if mode == "tls" { "smtps" } else { "smtp" };
        // A login without tls= means STARTTLS, required.
        let url = format!("{scheme}://samverkan:hemligt@127.0.0.1:{}?ca={}", sink.port, certs.ca.display());
        let app = sending(&t, &url);
        submitted(&t).await;
        web::jobs::run_due_jobs(&app).await;
        let got = sink.received();
        let answers: Vec<_> = t.store().outbox(100).await.unwrap().into_iter().map(|m| m.server_answer).collect();
        assert_eq!(got.len(), 2, "{mode}: the chair and the adjuster: {answers:?}");
        for (s, _) in &got {
            assert_eq!(s["tls"], true, "{mode}");
            assert_eq!(s["auth_user"], "samverkan", "{mode}");
        }
    }
    // The same server, but the product does not trust its CA: nothing is sent, the reason is
    // recorded, the message waits for another try.
    let sink = start_tls("starttls", &certs);
    let before = t.store().outbox(100).await.unwrap().len();
    let app = sending(&t, &format!("smtp://samverkan:hemligt@127.0.0.1:{}", sink.port));
    submitted(&t).await;
    web::jobs::run_due_jobs(&app).await;
    assert!(sink.received().is_empty());
    let failed: Vec<_> = t.store().outbox(100).await.unwrap().into_iter().filter(|m| m.status == "failed").collect();
    assert_eq!(failed.len(), t.store().outbox(100).await.unwrap().len() - before);
    assert!(
        failed.iter().all(|m| m.server_answer.as_deref().unwrap_or("").to_lowercase().contains("certificate")),
        "{:?}",
        failed[0].server_answer
    );
    // A plain server and a URL with a login: STARTTLS is required, so the password never goes
    // over the wire in the clear.
    let plain = Sink::start();
    let app = sending(&t, &format!("smtp://samverkan:hemligt@127.0.0.1:{}", plain.port));
    submitted(&t).await;
    web::jobs::run_due_jobs(&app).await;
    assert!(plain.received().is_empty(), "nothing sent without TLS");
}
