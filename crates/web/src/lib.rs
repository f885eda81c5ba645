//! The web face of Samverkan: server-rendered Swedish HTML, the JSON API under `/api/v1` and
//! health checks, on axum. Handlers are thin: parse input → domain → store → render.

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use domain::accounts::LoginThrottle;
use store::Store;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;

pub mod accounts;
pub mod actionplans;
pub mod admin;
mod assignments;
pub mod audit_words;
pub mod auth;
pub mod branding;
pub mod cache;
mod cases;
pub mod context;
mod csv;
mod directory;
mod download;
pub mod error;
pub mod extract;
mod forms;
mod home;
pub mod i18n;
pub mod jobs;
// indicators (issue 13)
mod indicators;
mod joint;
mod json;
mod layer;
mod list;
pub mod mail;
mod meetings;
mod member_rows;
pub mod metrics;
mod oidc;
mod oparl;
mod organisations;
pub mod pages;
mod people;
mod privacy;
pub(crate) mod referrals;
mod search;
mod secrets;
pub mod server;
mod site;
// strategy: governing documents and the strategy model (issue 13)
mod strategy;
// processes (issue 14): phases, milestones, stakeholders, dialogue and inputs
mod processes;
pub(crate) mod structure;
// surveys (issue 14)
mod surveys;
mod throttle;
mod upload;

/// The largest request body outside the routes that take a file (which set their own limit,
/// the upload's): every form and JSON body.
pub(crate) const JSON_LIMIT: usize = 1 << 20;

#[derive(Clone, Debug)]
pub struct Config {
    /// Mark cookies `Secure`. Browsers accept secure cookies from http://127.0.0.1 and
    /// http://localhost, so this stays on except behind an unusual plain-HTTP proxy.
    pub secure_cookies: bool,
    pub session_hours: i64,
    pub throttle: LoginThrottle,
    /// Where people report accessibility problems.
    pub contact_email: String,
    /// Read the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded: bool,
    /// Where uploaded files live (under `files/`).
    pub data_dir: PathBuf,
    /// The site's public address (`https://samverkan.region.se`, no trailing slash): every
    /// absolute link (feeds, open data, calendars) uses it, never the request's Host header; an
    /// https address also turns on HSTS.
    pub site_url: String,
    /// Where e-mail goes (`--smtp-url`); without it messages stay in the outbox (ADR 19).
    pub smtp: Option<mail::SmtpUrl>,
    /// The sender of every message (`--mail-from`), e.g. `Samverkan <noreply@region.se>`.
    pub mail_from: String,
    /// The client addresses that may read `/metrics` without an administrator's API token
    /// (`--metrics-allow`, ADR 23).
    pub metrics_allow: Vec<std::net::IpAddr>,
    /// The OpenID Connect providers people may sign in through (`SAMVERKAN_OIDC_<N>_*`,
    /// ADR 29).
    pub oidc: Vec<domain::identity::Provider>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            secure_cookies: true,
            session_hours: 12,
            throttle: LoginThrottle::default(),
            contact_email: "tillganglighet@example.se".into(),
            trust_forwarded: false,
            data_dir: PathBuf::from("./data"),
            site_url: "http://127.0.0.1:8080".into(),
            smtp: None,
            mail_from: "Samverkan <noreply@example.se>".into(),
            metrics_allow: vec![std::net::Ipv6Addr::LOCALHOST.into(), std::net::Ipv4Addr::LOCALHOST.into()],
            oidc: Vec::new(),
        }
    }
}

#[derive(Clone)]
pub struct App {
    pub store: Store,
    pub config: Arc<Config>,
    /// The bytes of attachments, by their SHA-256.
    pub files: Arc<dyn store::files::FileStore>,
    /// The request figures of `/metrics`.
    pub metrics: Arc<metrics::Metrics>,
    /// Rendered public pages for anonymous visitors (ADR 21).
    pub cache: Arc<cache::PageCache>,
    /// The installation's look, kept per data version.
    pub brand: Arc<branding::BrandCache>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").field("store", &self.store).field("config", &self.config).finish_non_exhaustive()
    }
}

impl App {
    pub fn new(store: Store, config: Config) -> App {
        let files = Arc::new(store::files::DiskStore::new(config.data_dir.join("files")));
        App::with_files(store, config, files)
    }

    /// An app whose attachments live in `files` (the database on PostgreSQL, ADR 22).
    pub fn with_files(store: Store, config: Config, files: Arc<dyn store::files::FileStore>) -> App {
        // Other processes' writes must reach this one's page cache (PostgreSQL only).
        store.listen_for_changes();
        let cache = Arc::new(cache::PageCache::new(cache::DEFAULT_CAPACITY));
        App { store, config: Arc::new(config), files, metrics: Arc::default(), cache, brand: Arc::default() }
    }
}

/// Every route of the product.
pub fn router(app: App) -> Router {
    let pages = Router::new()
        .route("/", get(home::page))
        .route("/logga-in", get(site::login_form).post(site::login))
        .route("/logga-ut", post(oidc::logout))
        .route("/sprak", get(site::lang_link).post(site::set_lang))
        .route("/konto", get(site::account))
        .route("/konto/nycklar", post(site::create_token))
        .route("/konto/nycklar/aterkalla", post(site::revoke_token))
        .route("/konto/losenord", post(site::change_password))
        .route("/konto/e-post", post(site::set_mail_lang))
        .route("/tillganglighet", get(site::accessibility))
        .route("/admin", get(admin::index))
        .route("/admin/logg", get(admin::audit))
        .route("/healthz", get(site::healthz))
        .route("/readyz", get(site::readyz))
        .route("/metrics", get(metrics::render))
        .route("/static/app.css", get(site::css))
        .route("/static/favicon.svg", get(site::favicon))
        .merge(organisations::routes())
        .merge(cases::routes())
        .merge(assignments::routes())
        .merge(joint::routes())
        // indicators (issue 13)
        .merge(indicators::routes())
        .merge(people::routes())
        .merge(privacy::routes())
        .merge(directory::routes())
        .merge(referrals::routes())
        // surveys (issue 14)
        .merge(surveys::routes())
        .merge(strategy::routes()) // strategy (issue 13)
        .merge(processes::routes()) // processes (issue 14)
        .merge(actionplans::routes()) // action plans, follow-up, annual report (issue 13)
        .merge(structure::routes())
        .merge(meetings::routes())
        .merge(jobs::routes())
        .merge(mail::routes())
        .merge(search::routes())
        .merge(branding::routes())
        .merge(accounts::routes())
        .merge(oidc::routes());
    let api = Router::new()
        .route("/me", get(site::api_me))
        .route("/openapi.json", get(site::openapi))
        .route("/audit", get(admin::api_audit))
        .merge(organisations::api_routes())
        .merge(cases::api_routes())
        .merge(assignments::api_routes())
        .merge(joint::api_routes())
        // indicators (issue 13)
        .merge(indicators::api_routes())
        .merge(people::api_routes())
        .merge(privacy::api_routes())
        .merge(directory::api_routes())
        .merge(strategy::api_routes()) // strategy (issue 13)
        .merge(processes::api_routes()) // processes (issue 14)
        .merge(actionplans::api_routes()) // action plans, follow-up, annual report (issue 13)
        .merge(structure::api_routes())
        .merge(meetings::api_routes())
        .merge(jobs::api_routes())
        .merge(mail::api_routes())
        .merge(search::api_routes())
        .merge(branding::api_routes())
        .merge(accounts::api_routes())
        .merge(oidc::api_routes())
        // referrals (issue 12)
        .merge(referrals::api_routes())
        // surveys (issue 14)
        .merge(surveys::api_routes());
    pages
        .nest("/oparl/v1.1", oparl::routes())
        .nest("/api/v1", api)
        .fallback(site::not_found)
        .method_not_allowed_fallback(site::method_not_allowed)
        // Inside the context layer: it reads the request's `Ctx` and the matched route.
        .layer(axum::middleware::from_fn_with_state(app.clone(), cache::layer))
        .layer(axum::middleware::from_fn_with_state(app.clone(), layer::layer))
        // Outside the context layer, so it counts the status the caller got; `Router::layer`
        // wraps each route, so the matched route is known to it.
        .layer(axum::middleware::from_fn_with_state(app.clone(), metrics::track))
        .layer(DefaultBodyLimit::max(JSON_LIMIT))
        // A body that trickles in slower than this is cut off (with the error in our format).
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(std::time::Duration::from_secs(60)))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(app)
}
