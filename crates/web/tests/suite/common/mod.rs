//! The test harness: the router in-process over a real database — SQLite always, PostgreSQL
//! too when `SAMVERKAN_TEST_POSTGRES_URL` is set (each test gets a fresh database) — and a
//! client that keeps cookies and the CSRF token like a browser.
#![allow(dead_code)]

mod fake;
mod oidc;
mod registry;
mod smtp;
#[allow(unused_imports)]
pub use fake::*;
#[allow(unused_imports)]
pub use oidc::*;
#[allow(unused_imports)]
pub use registry::*;
#[allow(unused_imports)]
pub use smtp::*;

use std::collections::HashMap;
use std::path::PathBuf;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use store::{Actor, Store};
use tower::ServiceExt;
use web::{App, Config};

pub const PASSWORD: &str = "ett långt testlösenord";

/// The day every test runs on: the tests never read the wall clock's date. A Monday in
/// November 2026, with the demo's last autumn meetings behind it and December's ahead.
pub const TODAY: time::Date = time::macros::date!(2026 - 11 - 16);

pub struct TestApp {
    pub app: App,
    pub engine: &'static str,
    dir: Option<PathBuf>,
    pg: Option<(String, String)>,
}

impl TestApp {
    /// One app per configured engine, each on its own empty, migrated database.
    pub async fn each_engine() -> Vec<TestApp> {
        let mut apps = vec![TestApp::sqlite().await];
        if let Ok(url) = std::env::var("SAMVERKAN_TEST_POSTGRES_URL")
            && !url.is_empty()
        {
            apps.push(TestApp::postgres(&url).await);
        }
        apps
    }

    pub async fn sqlite() -> TestApp {
        TestApp::sqlite_on(TODAY).await
    }

    /// An SQLite app whose clock reads 10:00 on `day` (for what must hold whatever the date).
    pub async fn sqlite_on(day: time::Date) -> TestApp {
        let dir = std::env::temp_dir().join(format!("samverkan-test-{}", web::auth::new_secret()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}", dir.join("test.db").display());
        let store = Store::connect(&url).await.unwrap().with_clock(store::Clock::starting_on(day));
        store.migrate().await.unwrap();
        TestApp { app: App::new(store, config(&dir)), engine: "sqlite", dir: Some(dir), pg: None }
    }

    pub async fn postgres(base: &str) -> TestApp {
        let name = format!("samverkan_test_{}", &web::auth::new_secret()[..16]);
        let admin = Store::connect(base).await.expect("PostgreSQL reachable");
        let template = postgres_template(base);
        if let store::Pool::Postgres(p) = &admin.pool {
            let create = |t: &str| sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name} TEMPLATE {t}")));
            if create(template).execute(p).await.is_err() {
                // Another checkout's run (other migrations) dropped this one's template as stale:
                // make it again.
                let base = base.to_string();
                let again = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                    rt.block_on(make_postgres_template(&base))
                })
                .join()
                .unwrap();
                create(&again).execute(p).await.unwrap();
            }
        }
        admin.close().await;
        let url = with_database(base, &name);
        let dir = std::env::temp_dir().join(format!("samverkan-test-{}", web::auth::new_secret()));
        let store = Store::connect(&url).await.unwrap().with_clock(store::Clock::starting_on(TODAY));
        store.migrate().await.unwrap();
        TestApp {
            app: App::new(store, config(&dir)),
            engine: "postgres",
            dir: Some(dir),
            pg: Some((base.to_string(), name)),
        }
    }

    /// A second process's app on the same database (PostgreSQL only): its own store, pool,
    /// data version and page cache, as another `samverkan serve` would have.
    pub async fn second_process(&self) -> Option<App> {
        let (base, name) = self.pg.as_ref()?;
        let store = Store::connect(&with_database(base, name)).await.unwrap().with_clock(self.store().clock);
        Some(App::new(store, (*self.app.config).clone()))
    }

    /// A client of another app (e.g. `second_process`).
    pub fn client_of(&self, app: &App) -> Client {
        Client {
            router: web::router(app.clone()),
            cookies: HashMap::new(),
            engine: self.engine,
            bearer: None,
            address: None,
        }
    }

    /// The same app with another public site address.
    pub fn with_site_url(mut self, url: &str) -> TestApp {
        let config = Config { site_url: url.into(), ..(*self.app.config).clone() };
        self.app.config = std::sync::Arc::new(config);
        self
    }

    /// The same app with these identity providers configured (ADR 29).
    pub fn with_oidc(mut self, providers: Vec<domain::identity::Provider>) -> TestApp {
        let config = Config { oidc: providers, ..(*self.app.config).clone() };
        self.app.config = std::sync::Arc::new(config);
        self
    }

    pub fn store(&self) -> &Store {
        &self.app.store
    }

    pub fn client(&self) -> Client {
        Client {
            router: web::router(self.app.clone()),
            cookies: HashMap::new(),
            engine: self.engine,
            bearer: None,
            address: None,
        }
    }

    pub async fn user(&self, email: &str, admin: bool) -> i64 {
        let hash = web::auth::hash_password(PASSWORD);
        let name = email.split('@').next().unwrap();
        self.store().create_user(email, name, &hash, admin, &Actor::system("test")).await.unwrap().0
    }

    /// A signed-in client of a new account.
    pub async fn signed_in(&self, email: &str, admin: bool) -> Client {
        self.user(email, admin).await;
        let mut c = self.client();
        c.login(email, PASSWORD).await;
        c
    }

    pub async fn admin(&self) -> Client {
        self.signed_in("admin@test.se", true).await
    }

    pub async fn member(&self) -> Client {
        self.signed_in("ledamot@test.se", false).await
    }

    /// A client carrying a personal API token of a new account.
    pub async fn token_client(&self, email: &str, admin: bool) -> Client {
        let id = self.user(email, admin).await;
        let token = web::auth::new_api_token();
        self.store()
            .create_token(domain::ids::UserId(id), "test", &web::auth::sha256_hex(&token), &Actor::system("test"))
            .await
            .unwrap();
        let mut c = self.client();
        c.bearer = Some(token);
        c
    }

    /// Runs one statement as it is, on either engine (rows a test needs and no API writes).
    pub async fn exec(&self, sql: &str) {
        let sql = sql.to_string();
        match &self.store().pool {
            store::Pool::Sqlite(p) => sqlx::query(sqlx::AssertSqlSafe(sql)).execute(p).await.map(|_| ()).unwrap(),
            store::Pool::Postgres(p) => sqlx::query(sqlx::AssertSqlSafe(sql)).execute(p).await.map(|_| ()).unwrap(),
        }
    }

    pub async fn count(&self, table: &str) -> i64 {
        self.scalar(&format!("SELECT COUNT(*) FROM {table}")).await
    }

    /// The number a query of one row and column returns.
    pub async fn scalar(&self, sql: &str) -> i64 {
        let sql = sql.to_string();
        match &self.store().pool {
            store::Pool::Sqlite(p) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(p).await.unwrap(),
            store::Pool::Postgres(p) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(p).await.unwrap(),
        }
    }
}

/// Uploaded files go to the test's own temporary folder.
fn config(dir: &std::path::Path) -> Config {
    // The client's address comes from X-Forwarded-For, so a test can speak from several.
    Config {
        secure_cookies: true,
        data_dir: dir.to_path_buf(),
        trust_forwarded: true,
        site_url: "http://localhost".into(),
        ..Config::default()
    }
}

/// The migrated database each test's PostgreSQL database is copied from (`CREATE DATABASE …
/// TEMPLATE`, a file copy on the server), where each of some 300 tests ran every migration anew.
/// Named by the digest of the migrations, so any change to one makes a new template; made once
/// per process, under a temporary name renamed when complete, so that no process copies a
/// half-migrated one. Templates of other migrations are dropped when a new one is made.
fn postgres_template(base: &str) -> &'static str {
    static TEMPLATE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let base = base.to_string();
        // On a runtime of its own: the caller's test runtime is blocked until it is made.
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(make_postgres_template(&base))
        })
        .join()
        .unwrap()
    })
}

async fn make_postgres_template(base: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../store/migrations/postgres");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let all: String = files
        .iter()
        .map(|f| format!("{}\n{}\n", f.file_name().unwrap().to_string_lossy(), std::fs::read_to_string(f).unwrap()))
        .collect();
    let name = format!("samverkan_tmpl_{}", &web::auth::sha256_hex(&all)[..16]);
    let admin = Store::connect(base).await.expect("PostgreSQL reachable");
    let store::Pool::Postgres(p) = &admin.pool else { panic!("{base} is not a PostgreSQL URL") };
    let exists: Option<i32> =
        sqlx::query_scalar("SELECT 1 FROM pg_database WHERE datname = $1").bind(&name).fetch_optional(p).await.unwrap();
    if exists.is_none() {
        let work = format!("{name}_{}", &web::auth::new_secret()[..8]);
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {work}"))).execute(p).await.unwrap();
        let store = Store::connect(&with_database(base, &work)).await.unwrap();
        store.migrate().await.unwrap();
        store.close().await;
        let renamed =
            sqlx::query(sqlx::AssertSqlSafe(format!("ALTER DATABASE {work} RENAME TO {name}"))).execute(p).await;
        if renamed.is_err() {
            // Another process made it meanwhile: use theirs.
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {work}"))).execute(p).await;
        }
        let stale: Vec<String> = sqlx::query_scalar(
            "SELECT datname FROM pg_database WHERE datname LIKE 'samverkan\\_tmpl\\_%' AND datname NOT LIKE $1",
        )
        .bind(format!("{name}%"))
        .fetch_all(p)
        .await
        .unwrap();
        for old in stale {
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {old}"))).execute(p).await;
        }
    }
    admin.close().await;
    name
}

fn with_database(base: &str, name: &str) -> String {
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

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(dir) = self.dir.take() {
            let _ = std::fs::remove_dir_all(dir);
        }
        if let Some((base, name)) = self.pg.take() {
            // On a runtime of its own (the test's is blocked in this drop); WITH (FORCE) ends the
            // pool's connections from the server side, so the pool need not be closed here.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                rt.block_on(async {
                    if let Ok(admin) = Store::connect(&base).await {
                        if let store::Pool::Postgres(p) = &admin.pool {
                            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            )))
                            .execute(p)
                            .await;
                        }
                        admin.close().await;
                    }
                });
            })
            .join();
        }
    }
}

pub struct Client {
    router: Router,
    pub cookies: HashMap<String, String>,
    pub engine: &'static str,
    pub bearer: Option<String>,
    /// The address the client speaks from (sent as X-Forwarded-For).
    pub address: Option<String>,
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    /// The body as it came, for binary answers (PDFs, attachments).
    pub bytes: Vec<u8>,
    pub context: String,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{}: not JSON ({e}): {}", self.context, self.body))
    }

    pub fn location(&self) -> String {
        self.headers.get(header::LOCATION).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
    }

    #[track_caller]
    pub fn assert_status(&self, s: u16) -> &Self {
        assert_eq!(self.status.as_u16(), s, "{}\n{}", self.context, truncate(&self.body));
        self
    }

    #[track_caller]
    pub fn assert_contains(&self, needle: &str) -> &Self {
        assert!(self.body.contains(needle), "{}: expected {needle:?} in\n{}", self.context, truncate(&self.body));
        self
    }

    #[track_caller]
    pub fn assert_lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.body.contains(needle),
            "{}: did not expect {needle:?} in\n{}",
            self.context,
            truncate(&self.body)
        );
        self
    }

    /// The `{"error":{…}}` body of an API error.
    #[track_caller]
    pub fn error(&self) -> (String, Option<String>) {
        let j = self.json();
        let e = &j["error"];
        assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()), "{}: {}", self.context, self.body);
        (e["code"].as_str().unwrap_or("").to_string(), e["field"].as_str().map(str::to_string))
    }
}

fn truncate(s: &str) -> &str {
    &s[..s.len().min(4000)]
}

impl Client {
    pub async fn send(&mut self, method: Method, path: &str, content_type: Option<&str>, body: Vec<u8>) -> Resp {
        self.send_with(method, path, content_type, body, &[]).await
    }

    pub async fn send_with(
        &mut self,
        method: Method,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
        extra: &[(&str, &str)],
    ) -> Resp {
        let mut req = Request::builder().method(method.clone()).uri(path);
        if !extra.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            req = req.header(header::HOST, "localhost");
        }
        if !self.cookies.is_empty() {
            let c: Vec<String> = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
            req = req.header(header::COOKIE, c.join("; "));
        }
        if let Some(t) = &self.bearer {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        if let Some(a) = &self.address {
            req = req.header("x-forwarded-for", a.as_str());
        }
        if let Some(ct) = content_type {
            req = req.header(header::CONTENT_TYPE, ct);
        }
        for (k, v) in extra {
            req = req.header(*k, *v);
        }
        let res = self.router.clone().oneshot(req.body(Body::from(body)).unwrap()).await.unwrap();
        for v in res.headers().get_all(header::SET_COOKIE) {
            let v = v.to_str().unwrap();
            let (kv, attrs) = v.split_once(';').unwrap_or((v, ""));
            let (k, val) = kv.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_string(), val.to_string());
            }
        }
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let context = format!("[{}] {method} {path} → {status}", self.engine);
        Resp { status, headers, body: String::from_utf8_lossy(&bytes).into_owned(), bytes: bytes.to_vec(), context }
    }

    pub async fn get(&mut self, path: &str) -> Resp {
        self.send(Method::GET, path, None, vec![]).await
    }

    /// The CSRF token, fetching a page first if the client has none yet.
    pub async fn csrf(&mut self) -> String {
        if !self.cookies.contains_key(web::context::CSRF_COOKIE) {
            self.get("/healthz").await;
            self.get("/").await;
        }
        self.cookies[web::context::CSRF_COOKIE].clone()
    }

    /// Posts a form as a browser would, with the page's CSRF token.
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let csrf = self.csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf", &csrf)];
        all.extend_from_slice(fields);
        self.post_raw_form(path, &all).await
    }

    /// Posts a form exactly as given (no CSRF token added).
    pub async fn post_raw_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let body = fields.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&");
        self.send(Method::POST, path, Some("application/x-www-form-urlencoded"), body.into_bytes()).await
    }

    pub async fn json(&mut self, method: Method, path: &str, body: &Value) -> Resp {
        self.json_raw(method, path, body.to_string().as_bytes()).await
    }

    pub async fn json_raw(&mut self, method: Method, path: &str, body: &[u8]) -> Resp {
        let extra: Vec<(String, String)> =
            if self.bearer.is_none() { vec![("x-csrf-token".into(), self.csrf().await)] } else { vec![] };
        let extra: Vec<(&str, &str)> = extra.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        self.send_with(method, path, Some("application/json"), body.to_vec(), &extra).await
    }

    pub async fn login(&mut self, email: &str, password: &str) -> Resp {
        let r = self.post_form("/logga-in", &[("email", email), ("password", password), ("tillbaka", "/")]).await;
        assert!(r.status.is_redirection(), "{}: login failed:\n{}", r.context, r.body);
        r
    }
}

pub fn enc(s: &str) -> String {
    web::pages::url_encode(s).replace('/', "%2F")
}

/// The id at the end of a redirect such as `/organisationer/12?klart=skapat`.
pub fn id_in(location: &str) -> i64 {
    location.split('?').next().unwrap().rsplit('/').next().unwrap().parse().unwrap()
}

pub fn org_form<'a>(name: &'a str, kind: &'a str, code: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![("name", name), ("kind", kind), ("code", code), ("county_code", ""), ("website", ""), ("description", "")]
}

/// Checks a PDF with `qpdf --check` and returns `pdfinfo`'s report (which must say it is
/// tagged). The tools come from Debian's qpdf and poppler-utils, which `scripts/test` installs.
/// A multipart/form-data body: (name, file name, bytes) parts.
pub fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----samverkan-test-boundary-7d1f";
    let mut body = Vec::new();
    for (name, file, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(f) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub fn check_pdf(bytes: &[u8]) -> String {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let path = std::env::temp_dir().join(format!("samverkan-{}.pdf", web::auth::new_secret()));
    std::fs::write(&path, bytes).unwrap();
    let run = |tool: &str, args: &[&str]| {
        let out =
            std::process::Command::new(tool).args(args).arg(&path).output().unwrap_or_else(|e| {
                panic!("{tool} is missing ({e}); install qpdf and poppler-utils (scripts/test does)")
            });
        (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let (ok, qpdf) = run("qpdf", &["--check"]);
    assert!(ok && qpdf.contains("No syntax or stream encoding errors"), "qpdf --check: {qpdf}");
    let (ok, info) = run("pdfinfo", &[]);
    assert!(ok && info.contains("Tagged:          yes"), "pdfinfo: {info}");
    let _ = std::fs::remove_file(&path);
    info
}

/// The text alternatives (`/Alt`) of a tagged PDF's `Figure` elements, as qpdf decodes them
/// (`qpdf --json=2`: text strings as `u:…`).
pub fn pdf_figure_alts(bytes: &[u8]) -> Vec<String> {
    let path = std::env::temp_dir().join(format!("samverkan-{}.pdf", web::auth::new_secret()));
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("qpdf")
        .args(["--json=2", "--json-key=qpdf"])
        .arg(&path)
        .output()
        .expect("qpdf is missing; install qpdf (scripts/test does)");
    let _ = std::fs::remove_file(&path);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("qpdf's JSON");
    let objects = json["qpdf"][1].as_object().expect("qpdf's objects");
    objects
        .values()
        .filter_map(|o| o["value"].as_object())
        .filter(|d| d.get("/S").and_then(|s| s.as_str()) == Some("/Figure"))
        .map(|d| d.get("/Alt").and_then(|a| a.as_str()).unwrap_or("").trim_start_matches("u:").to_owned())
        .collect()
}
