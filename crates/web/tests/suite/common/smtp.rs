//! A real SMTP server for the mail tests: Python's aiosmtpd (`tests/support/smtp_sink.py`,
//! installed by `scripts/test`) on a free port, and the app sending through it.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use serde_json::Value;
use web::App;

use super::TestApp;

/// The SMTP server of one test, stopped when dropped.
pub struct Sink {
    child: Child,
    pub port: u16,
    dir: PathBuf,
}

impl Sink {
    pub fn start() -> Sink {
        Sink::start_with(&[])
    }

    pub fn start_with(extra: &[&std::ffi::OsStr]) -> Sink {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let dir = std::env::temp_dir().join(format!("samverkan-smtp-{}", web::auth::new_secret()));
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/smtp_sink.py");
        let mut child = Command::new("python3")
            .arg(script)
            .arg(port.to_string())
            .arg(&dir)
            .args(extra)
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs (scripts/test installs aiosmtpd)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "ready", "the SMTP sink did not start: is aiosmtpd installed (pip install aiosmtpd)?");
        Sink { child, port, dir }
    }

    /// What the server received, in order: each message's summary (envelope, headers, parts)
    /// and its raw bytes.
    pub fn received(&self) -> Vec<(Value, String)> {
        let mut out = Vec::new();
        for n in 1.. {
            let base = self.dir.join(n.to_string());
            let Ok(summary) = std::fs::read_to_string(base.with_extension("json")) else { break };
            let raw = std::fs::read_to_string(base.with_extension("eml")).unwrap();
            out.push((serde_json::from_str(&summary).unwrap(), raw));
        }
        out
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The app sending through `url` from Samverkan's address.
pub fn sending(t: &TestApp, url: &str) -> App {
    let config = web::Config {
        smtp: Some(web::mail::SmtpUrl::parse(url).unwrap()),
        mail_from: "Samverkan Östergötland <noreply@samverkan.example.se>".into(),
        site_url: "https://samverkan.example.se".into(),
        ..(*t.app.config).clone()
    };
    App { config: std::sync::Arc::new(config), ..t.app.clone() }
}
