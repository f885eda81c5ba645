//! The `samverkan` binary as an administrator uses it: accounts and tokens from the shell,
//! clear start-up errors, and a server that stops gracefully on SIGTERM.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_samverkan"));
    c.env_remove("SAMVERKAN_DATABASE_URL").env_remove("SAMVERKAN_DATA_DIR").env("SAMVERKAN_LOG", "warn");
    c
}

struct Dir(PathBuf);

impl Dir {
    fn new() -> Dir {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        let d = std::env::temp_dir().join(format!("samverkan-cli-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        Dir(d)
    }

    fn arg(&self) -> String {
        self.0.display().to_string()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(dir: &Dir, args: &[&str], stdin: Option<&str>) -> Output {
    let mut c = bin();
    c.arg("--data-dir").arg(dir.arg()).args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(s) = stdin {
        input.write_all(s.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn an_administrator_manages_accounts_and_tokens_from_the_shell() {
    let d = Dir::new();
    let o = run(&d, &["migrate"], None);
    assert!(o.status.success(), "{}", text(&o));
    let o = run(
        &d,
        &["user", "add", "--email", "Karin@Region.se", "--name", "Karin H", "--admin", "--password-stdin"],
        Some("ett långt lösenord\n"),
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("karin@region.se (administrator)"));
    let o = run(
        &d,
        &["user", "add", "--email", "karin@region.se", "--name", "Igen", "--password-stdin"],
        Some("ett långt lösenord\n"),
    );
    assert!(!o.status.success() && text(&o).contains("exists already"), "{}", text(&o));
    let o = run(&d, &["user", "add", "--email", "kort@region.se", "--name", "K", "--password-stdin"], Some("kort\n"));
    assert!(!o.status.success() && text(&o).contains("at least 12"), "{}", text(&o));
    let o = run(&d, &["user", "list"], None);
    assert!(text(&o).contains("karin@region.se\tKarin H\tadmin"), "{}", text(&o));
    let o = run(&d, &["token", "create", "--email", "karin@region.se", "--name", "skript"], None);
    assert!(o.status.success(), "{}", text(&o));
    let token = String::from_utf8_lossy(&o.stdout).trim().to_string();
    assert!(token.starts_with("svk_") && token.len() == 68, "{token}");
    let o = run(&d, &["token", "list", "--email", "karin@region.se"], None);
    assert!(text(&o).contains("skript\tactive"));
    let id = text(&o).split('\t').next().unwrap().to_string();
    let o = run(&d, &["token", "revoke", "--email", "karin@region.se", "--id", &id], None);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&run(&d, &["token", "list", "--email", "karin@region.se"], None)).contains("revoked"));
    // An administrator's reset of the password also revokes the account's tokens (issue 8).
    run(&d, &["token", "create", "--email", "karin@region.se", "--name", "andra"], None);
    assert!(text(&run(&d, &["token", "list", "--email", "karin@region.se"], None)).contains("andra\tactive"));
    let o = run(
        &d,
        &["user", "passwd", "--email", "karin@region.se", "--password-stdin"],
        Some("ett annat långt lösenord"),
    );
    assert!(o.status.success() && text(&o).contains("API tokens revoked"), "{}", text(&o));
    assert!(text(&run(&d, &["token", "list", "--email", "karin@region.se"], None)).contains("andra\trevoked"));
    let o = run(&d, &["user", "link", "--email", "karin@region.se", "--person-id", "42"], None);
    assert!(!o.status.success() && text(&o).contains("does not exist"), "{}", text(&o));
    let o = run(&d, &["user", "link", "--email", "karin@region.se"], None);
    assert!(o.status.success(), "{}", text(&o));
    let o = run(&d, &["token", "create", "--email", "ingen@region.se"], None);
    assert!(!o.status.success() && text(&o).contains("no account"), "{}", text(&o));
}

#[test]
fn start_up_errors_say_exactly_what_is_wrong() {
    let d = Dir::new();
    let o = run(&d, &["--database-url", "mysql://x", "migrate"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("must start with sqlite: or postgres://"), "{}", text(&o));
    let o = run(&d, &["--database-url", "postgres://sam:hemligt@127.0.0.1:1/x", "migrate"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("cannot reach PostgreSQL") && !text(&o).contains("hemligt"), "{}", text(&o));
    let file = d.0.join("a-file");
    std::fs::write(&file, "x").unwrap();
    let o = run(&Dir(file.join("sub")), &["migrate"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("cannot create the data directory"), "{}", text(&o));
    let o = run(&d, &["serve", "--addr", "not-an-address"], None);
    assert!(!o.status.success());
    // A mail URL that cannot be right: refused before starting, the password never repeated.
    let o = run(&d, &["serve", "--smtp-url", "smtp://anna:hemligt@mail.example:587?tls=maybe"], None);
    assert!(!o.status.success());
    assert!(text(&o).contains("unknown tls=") && !text(&o).contains("hemligt"), "{}", text(&o));
}

#[test]
fn the_demo_server_prints_its_accounts_and_stops_gracefully_on_sigterm() {
    let d = Dir::new();
    let mut child = bin()
        .args(["--data-dir", &d.arg(), "serve", "--demo", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut seen = String::new();
    let started = Instant::now();
    let addr = loop {
        let mut line = String::new();
        assert!(out.read_line(&mut line).unwrap() > 0, "server ended early: {seen}");
        seen.push_str(&line);
        if let Some(a) = line.trim().strip_prefix("Samverkan is listening on http://") {
            break a.to_string();
        }
        assert!(started.elapsed() < Duration::from_secs(60), "{seen}");
    };
    assert!(seen.contains("Loaded the demo region: 59 organisations"), "{seen}");
    assert!(seen.contains("admin@demo.samverkan.se"), "{seen}");
    let mut s = std::net::TcpStream::connect(&addr).unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut resp = String::new();
    std::io::Read::read_to_string(&mut s, &mut resp).unwrap();
    assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let status = child.wait().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut out, &mut rest).unwrap();
    assert!(status.success(), "{status:?} {rest}");
    assert!(rest.contains("Samverkan stopped."), "{rest}");
}
