//! Running the `samverkan` binary as processes: servers on free ports, plain HTTP/1.1 to them,
//! temporary data directories and PostgreSQL databases of their own.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_samverkan"));
    c.env_remove("SAMVERKAN_DATABASE_URL")
        .env_remove("SAMVERKAN_DATA_DIR")
        .env_remove("SAMVERKAN_LOG_FORMAT")
        .env_remove("SAMVERKAN_METRICS_ALLOW")
        .env("SAMVERKAN_LOG", "warn");
    c
}

/// A fresh folder under the system's temp dir, removed when dropped.
pub struct Dir(pub PathBuf);

impl Dir {
    pub fn new(label: &str) -> Dir {
        static N: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let d = std::env::temp_dir().join(format!("samverkan-{label}-{}-{nanos}-{n}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        Dir(d)
    }

    pub fn arg(&self) -> String {
        self.0.display().to_string()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A `samverkan serve` process, stopped with SIGTERM when dropped.
pub struct Server {
    pub child: Child,
    pub addr: String,
    /// Everything it printed on standard output until it listened.
    pub started: String,
    /// Its standard error so far (read by a thread of its own).
    pub stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `samverkan <global> serve --addr 127.0.0.1:0 <args>` and waits until it listens.
    pub fn start(mut cmd: Command) -> Server {
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        {
            let (mut err, sink) = (child.stderr.take().unwrap(), Arc::clone(&stderr));
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = err.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    sink.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            });
        }
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut seen = String::new();
        let began = Instant::now();
        let addr = loop {
            let mut line = String::new();
            if out.read_line(&mut line).unwrap() == 0 {
                std::thread::sleep(Duration::from_millis(200));
                panic!("server ended early: {seen}\n{}", stderr.lock().unwrap());
            }
            seen.push_str(&line);
            if let Some(a) = line.trim().strip_prefix("Samverkan is listening on http://") {
                break a.to_string();
            }
            assert!(began.elapsed() < Duration::from_secs(120), "{seen}");
        };
        // Keep draining standard output, so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            let mut rest = String::new();
            let _ = out.read_to_string(&mut rest);
        });
        Server { child, addr, started: seen, stderr }
    }

    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> Resp {
        http(&self.addr, "GET", path, headers, b"")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let began = Instant::now();
        while began.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The value of the `Set-Cookie` header that sets `name`.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.head.lines().filter_map(|l| l.split_once(':')).find_map(|(k, v)| {
            let v = v.trim();
            (k.eq_ignore_ascii_case("set-cookie") && v.starts_with(&format!("{name}=")))
                .then(|| v.split(';').next().unwrap()[name.len() + 1..].to_string())
        })
    }
}

/// One HTTP/1.1 request on a connection of its own (no chunked answers: `Connection: close`).
pub fn http(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    s.write_all(req.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a whole HTTP answer");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut body = raw[split + 4..].to_vec();
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        body = unchunk(&body);
    }
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Resp { status, head, body }
}

fn unchunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = b.windows(2).position(|w| w == b"\r\n") else { return out };
        let size = usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap().trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 2 + size + 2..];
    }
}

/// A CSRF token the client chooses: the layer only checks that cookie and header agree.
pub const CSRF: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/// Signs in through the form and returns the session cookie's value.
pub fn sign_in(addr: &str, email: &str, password: &str) -> String {
    let cookie = format!("samverkan_csrf={CSRF}");
    let body = format!("email={}&password={}&tillbaka=/", email.replace('@', "%40"), password);
    let r = http(
        addr,
        "POST",
        "/logga-in",
        &[("Cookie", &cookie), ("X-CSRF-Token", CSRF), ("Content-Type", "application/x-www-form-urlencoded")],
        body.as_bytes(),
    );
    assert_eq!(r.status, 303, "{}\n{}", r.head, r.text());
    r.cookie("samverkan_session").expect("a session cookie")
}

/// The PostgreSQL server the tests may use, or `None` with a message saying the test is skipped.
pub fn postgres_or_skip(test: &str) -> Option<String> {
    match std::env::var("SAMVERKAN_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            // Straight to standard error, past the test harness's capture, so the skip is seen.
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED {test}: set SAMVERKAN_TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) \
                 to run it"
            );
            None
        }
    }
}

/// A fresh database on the server at `base`, dropped (with its connections) when dropped.
pub struct PgDatabase {
    pub base: String,
    pub name: String,
    pub url: String,
}

pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
}

impl PgDatabase {
    pub fn new(base: &str) -> PgDatabase {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        let name = format!("samverkan_ops_{}_{nanos}", std::process::id());
        block_on(async {
            let admin = store::Store::connect(base).await.expect("PostgreSQL reachable");
            if let store::Pool::Postgres(p) = &admin.pool {
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(p).await.unwrap();
            }
            admin.close().await;
        });
        let url = with_database(base, &name);
        PgDatabase { base: base.to_string(), name, url }
    }

    pub fn store(&self) -> store::Store {
        block_on(store::Store::connect(&self.url)).unwrap()
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let (base, name) = (self.base.clone(), self.name.clone());
        block_on(async move {
            if let Ok(admin) = store::Store::connect(&base).await {
                if let store::Pool::Postgres(p) = &admin.pool {
                    let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
                        .execute(p)
                        .await;
                }
                admin.close().await;
            }
        });
    }
}

pub fn with_database(base: &str, name: &str) -> String {
    let (head, query) = base.split_once('?').map_or((base, None), |(h, q)| (h, Some(q)));
    let after_scheme = head.find("://").map_or(0, |i| i + 3);
    let root = match head[after_scheme..].find('/') {
        Some(i) => &head[..after_scheme + i],
        None => head,
    };
    match query {
        Some(q) => format!("{root}/{name}?{q}"),
        None => format!("{root}/{name}"),
    }
}
