//! `samverkan`: the server and its administration commands.

use std::io::Read;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};
use domain::ids::UserId;
use store::{Actor, Store};
use web::{App, Config};

mod backup;
mod search;

#[derive(Parser)]
#[command(name = "samverkan", version, about = "Regional development in collaboration: the Samverkan server")]
struct Cli {
    #[command(flatten)]
    db: DbArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct DbArgs {
    /// Directory for the embedded SQLite database and uploaded files.
    #[arg(long, global = true, env = "SAMVERKAN_DATA_DIR", default_value = "samverkan-data")]
    data_dir: PathBuf,
    /// Database URL: sqlite:PATH or postgres://user@host/db. Default: SQLite in the data directory.
    #[arg(long, global = true, env = "SAMVERKAN_DATABASE_URL")]
    database_url: Option<String>,
    /// Run as if today were this day (YYYY-MM-DD, Swedish time), from 10:00 on: for
    /// demonstrations and tests. Deadlines, the notice board and the demo's dates follow it.
    #[arg(long, global = true, env = "SAMVERKAN_TODAY", value_parser = parse_day)]
    today: Option<time::Date>,
}

fn parse_site_url(s: &str) -> Result<String, String> {
    let s = s.trim().trim_end_matches('/');
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(['/', '?', '#', ' ', '@']) => Ok(s.to_string()),
        _ => Err(format!("“{s}” is not a site address such as https://samverkan.region.se")),
    }
}

fn parse_day(s: &str) -> Result<time::Date, String> {
    time::Date::parse(s, time::macros::format_description!("[year]-[month]-[day]"))
        .map_err(|_| format!("“{s}” is not a date of the form YYYY-MM-DD"))
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (migrates the database first).
    Serve(ServeArgs),
    /// Bring the database schema up to date.
    Migrate,
    /// Load demo data into an empty database: the demo region, or every county with `--scale national`.
    Demo(DemoArgs),
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage personal API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// The search index: rebuild it, or measure it.
    #[command(subcommand)]
    Search(search::SearchCommand),
    /// Copy the database and the attachments into a new folder, consistently, while the server
    /// runs (SQLite: VACUUM INTO and the files; PostgreSQL: pg_dump). The folder gets a manifest
    /// with every file's SHA-256.
    Backup {
        /// A new or empty folder.
        #[arg(long)]
        to: PathBuf,
    },
    /// Bring a backup back into an empty data directory (SQLite) or an empty database
    /// (PostgreSQL, with --database-url), after checking every file against the manifest.
    Restore {
        #[arg(long)]
        from: PathBuf,
    },
}

#[derive(Args)]
struct DemoArgs {
    /// demo: Östergötland's and Jönköping's structures; national: all 21 regions and 290
    /// municipalities, each county with Östergötland's structure and ten years of memberships.
    #[arg(long, value_enum, default_value_t = Scale::Demo)]
    scale: Scale,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Scale {
    Demo,
    National,
}

#[derive(Args)]
struct ServeArgs {
    #[arg(long, env = "SAMVERKAN_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// The site's public address, for every absolute link (feeds, open data, calendars); an
    /// https address also sends HSTS. Default: http:// and --addr.
    #[arg(long, env = "SAMVERKAN_SITE_URL", value_parser = parse_site_url)]
    site_url: Option<String>,
    /// Load the demo region when the database is empty and print the demo accounts' passwords.
    #[arg(long, env = "SAMVERKAN_DEMO")]
    demo: bool,
    /// Send cookies without the Secure flag (only for plain HTTP on a non-local address).
    #[arg(long, env = "SAMVERKAN_INSECURE_COOKIES")]
    insecure_cookies: bool,
    /// Trust X-Forwarded-For for the client address (only behind your own proxy).
    #[arg(long, env = "SAMVERKAN_TRUST_FORWARDED")]
    trust_forwarded: bool,
    /// Where people report accessibility problems.
    #[arg(long, env = "SAMVERKAN_CONTACT_EMAIL", default_value = "tillganglighet@example.se")]
    contact_email: String,
    /// Hours a sign-in lasts.
    #[arg(long, env = "SAMVERKAN_SESSION_HOURS", default_value_t = 12, value_parser = clap::value_parser!(i64).range(1..=720))]
    session_hours: i64,
    /// Where e-mail goes: smtp[s]://[user:password@]host[:port][?tls=none|starttls|tls][&ca=FILE]
    /// (STARTTLS by default when the URL carries a login; plain SMTP to a relay without one). Without it, messages stay in the outbox for administrators to read.
    /// (Parsed at start, so that a refusal never echoes the password.)
    #[arg(long, env = "SAMVERKAN_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// The sender of every message.
    #[arg(long, env = "SAMVERKAN_MAIL_FROM", default_value = "Samverkan <noreply@example.se>")]
    mail_from: String,
    /// Client addresses that may read /metrics (comma-separated IPs); others need an
    /// administrator's API token (Authorization: Bearer …) and otherwise get 404.
    #[arg(long, env = "SAMVERKAN_METRICS_ALLOW", value_delimiter = ',', default_value = "127.0.0.1,::1")]
    metrics_allow: Vec<std::net::IpAddr>,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account; the password is read from standard input.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        admin: bool,
        /// Read the password from standard input (required).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// List accounts.
    List,
    /// Link an account to the person it acts as (for per-body roles such as secretary);
    /// without --person-id the link is removed.
    Link {
        #[arg(long)]
        email: String,
        #[arg(long)]
        person_id: Option<i64>,
    },
    /// Set a new password, read from standard input; ends the account's sessions.
    Passwd {
        #[arg(long)]
        email: String,
        #[arg(long, required = true)]
        password_stdin: bool,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create a personal API token and print it once.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "cli")]
        name: String,
    },
    /// Revoke a token by its id (see `token list`).
    Revoke {
        #[arg(long)]
        email: String,
        #[arg(long)]
        id: i64,
    },
    /// List an account's tokens.
    List {
        #[arg(long)]
        email: String,
    },
}

#[tokio::main]
async fn main() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("SAMVERKAN_LOG")
        .unwrap_or_else(|_| "info,sqlx=warn,tower_http=warn".into());
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    // One JSON object per line for log collectors (ADR 23); readable text otherwise.
    match std::env::var("SAMVERKAN_LOG_FORMAT").as_deref() {
        Ok("json") => logs.json().with_current_span(false).init(),
        Ok("text") | Ok("") | Err(_) => logs.init(),
        Ok(other) => {
            logs.init();
            tracing::warn!(format = other, "SAMVERKAN_LOG_FORMAT is json or text; writing text");
        }
    }
    if let Err(e) = run(Cli::parse()).await {
        eprintln!("samverkan: {e:#}");
        std::process::exit(1);
    }
}

/// Opens the configured database: the URL if given, else SQLite in the data directory (created
/// if missing, and checked to be writable so the error names the real problem).
async fn open(db: &DbArgs) -> Result<Store> {
    let url = match &db.database_url {
        Some(u) => u.clone(),
        None => {
            prepare_data_dir(&db.data_dir)?;
            format!("sqlite://{}", db.data_dir.join("samverkan.db").display())
        }
    };
    let mut store = Store::connect(&url).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    if let Some(day) = db.today {
        store = store.with_clock(store::Clock::starting_on(day));
    }
    store.migrate().await.map_err(|e| anyhow::anyhow!("migrating the database failed: {e}"))?;
    Ok(store)
}

/// Where attachments live: in the database on PostgreSQL, so every process serves every file;
/// in the data directory on SQLite (ADR 22).
fn file_store(db: &DbArgs, store: &Store) -> std::sync::Arc<dyn store::files::FileStore> {
    match store.engine() {
        store::Engine::Postgres => std::sync::Arc::new(store::files::DbFileStore::new(store.clone())),
        store::Engine::Sqlite => std::sync::Arc::new(store::files::DiskStore::new(db.data_dir.join("files"))),
    }
}

fn prepare_data_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create the data directory {}", dir.display()))?;
    let probe = dir.join(".write-test");
    std::fs::write(&probe, b"ok").with_context(|| format!("the data directory {} is not writable", dir.display()))?;
    let _ = std::fs::remove_file(probe);
    Ok(())
}

fn read_password() -> Result<String> {
    let mut s = String::new();
    std::io::stdin().read_to_string(&mut s).context("reading the password from standard input")?;
    let pw = s.trim_end_matches(['\n', '\r']).to_string();
    domain::accounts::check_new_password("password", &pw).map_err(|e| anyhow::anyhow!("{}", e.en))?;
    Ok(pw)
}

async fn user_by_email(store: &Store, email: &str) -> Result<store::accounts::User> {
    match store.user_with_hash(&email.trim().to_lowercase()).await? {
        Some((u, _)) => Ok(u),
        None => bail!("no account with the e-mail address {email}"),
    }
}

async fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Serve(args) => serve(&cli.db, args).await,
        Command::Migrate => {
            open(&cli.db).await?;
            println!("The database schema is up to date.");
            Ok(())
        }
        Command::Demo(args) => demo(&cli.db, args.scale).await,
        Command::Search(cmd) => search::run(&open(&cli.db).await?, cmd).await,
        Command::Backup { to } => {
            let store = open(&cli.db).await?;
            let done = backup::backup(&store, &cli.db.data_dir, cli.db.database_url.as_deref(), &to).await;
            store.close().await;
            done
        }
        Command::Restore { from } => backup::restore(&cli.db.data_dir, cli.db.database_url.as_deref(), &from).await,
        Command::User(cmd) => {
            let store = open(&cli.db).await?;
            match cmd {
                UserCommand::Add { email, name, admin, .. } => {
                    let email =
                        domain::organisations::email("email", &email).map_err(|e| anyhow::anyhow!("{}", e.en))?;
                    let name =
                        domain::text::required("name", &name, 200).map_err(|e| anyhow::anyhow!("name: {}", e.en))?;
                    let pw = read_password()?;
                    let id = store
                        .create_user(&email, &name, &web::auth::hash_password(&pw), admin, &Actor::cli())
                        .await
                        .map_err(|e| match e {
                            store::StoreError::Conflict(_) => anyhow::anyhow!("an account with {email} exists already"),
                            e => e.into(),
                        })?;
                    println!("Created account {id} for {email}{}.", if admin { " (administrator)" } else { "" });
                }
                UserCommand::List => {
                    for u in store.users().await? {
                        println!("{}\t{}\t{}\t{}", u.id, u.email, u.name, if u.is_admin { "admin" } else { "user" });
                    }
                }
                UserCommand::Link { email, person_id } => {
                    let u = user_by_email(&store, &email).await?;
                    let person = person_id.map(domain::ids::PersonId);
                    store.link_user_person(UserId(u.id), person, &Actor::cli()).await.map_err(|e| match e {
                        store::StoreError::Invalid(i) => anyhow::anyhow!("{}", i.first().en),
                        e => e.into(),
                    })?;
                    match person_id {
                        Some(p) => println!("{} now acts as person {p}.", u.email),
                        None => println!("{} is no longer linked to a person.", u.email),
                    }
                }
                UserCommand::Passwd { email, .. } => {
                    let u = user_by_email(&store, &email).await?;
                    let pw = read_password()?;
                    store.set_password(UserId(u.id), &web::auth::hash_password(&pw), true, &Actor::cli()).await?;
                    println!(
                        "Password changed for {}; their sessions are ended and their API tokens revoked.",
                        u.email
                    );
                }
            }
            Ok(())
        }
        Command::Token(cmd) => {
            let store = open(&cli.db).await?;
            match cmd {
                TokenCommand::Create { email, name } => {
                    let u = user_by_email(&store, &email).await?;
                    let name =
                        domain::text::required("name", &name, 100).map_err(|e| anyhow::anyhow!("name: {}", e.en))?;
                    let token = web::auth::new_api_token();
                    let id =
                        store.create_token(UserId(u.id), &name, &web::auth::sha256_hex(&token), &Actor::cli()).await?;
                    eprintln!("Token {id} for {} created. It is shown only this once:", u.email);
                    println!("{token}");
                }
                TokenCommand::Revoke { email, id } => {
                    let u = user_by_email(&store, &email).await?;
                    store.revoke_token(UserId(u.id), id, &Actor::cli()).await?;
                    println!("Token {id} is revoked.");
                }
                TokenCommand::List { email } => {
                    let u = user_by_email(&store, &email).await?;
                    for t in store.tokens(UserId(u.id)).await? {
                        let state = if t.revoked_at.is_some() { "revoked" } else { "active" };
                        println!("{}\t{}\t{}", t.id, t.name, state);
                    }
                }
            }
            Ok(())
        }
    }
}

async fn demo(db: &DbArgs, scale: Scale) -> Result<()> {
    let store = open(db).await?;
    let started = std::time::Instant::now();
    match scale {
        Scale::Demo => {
            let files = file_store(db, &store);
            let s = demo::load(&store, files.as_ref()).await?;
            if s.organisations == 0 {
                println!("The database already has data; the demo region was not loaded.");
            } else {
                println!(
                    "Loaded {} organisations, {} people, {} bodies, {} memberships, {} meetings and {} demo accounts \
                     in {:.1} s.",
                    s.organisations,
                    s.people,
                    s.bodies,
                    s.memberships,
                    s.meetings,
                    s.accounts,
                    started.elapsed().as_secs_f64()
                );
            }
        }
        Scale::National => {
            let Some(s) = demo::load_national(&store).await? else {
                bail!(
                    "the database already has data; the national dataset loads only into an empty database \
                     (give a new --data-dir or --database-url)"
                );
            };
            println!(
                "Loaded the national dataset in {:.1} s: {} counties, {} organisations ({} municipalities), \
                 {} people, {} bodies, {} memberships, {} meeting dates, {} meetings held, {} joint matters, \
                 {} cases with {} documents and {} demo accounts.",
                started.elapsed().as_secs_f64(),
                s.counties,
                s.organisations,
                s.municipalities,
                s.people,
                s.bodies,
                s.memberships,
                s.meeting_dates,
                s.meetings,
                s.joint_matters,
                s.cases,
                s.documents,
                s.accounts
            );
            println!("Start it with `samverkan serve --demo` to get the demo accounts' passwords.");
        }
    }
    store.close().await;
    Ok(())
}

async fn serve(db: &DbArgs, args: ServeArgs) -> Result<()> {
    let smtp = match args.smtp_url.as_deref().filter(|u| !u.trim().is_empty()) {
        Some(url) => Some(web::mail::SmtpUrl::parse(url).map_err(|e| anyhow::anyhow!("--smtp-url: {e}"))?),
        None => None,
    };
    let store = open(db).await?;
    let files = file_store(db, &store);
    if args.demo {
        let s = demo::load(&store, files.as_ref()).await?;
        if s.organisations > 0 {
            println!("Loaded the demo region: {} organisations, {} people.", s.organisations, s.people);
        }
        let fixed = std::env::var("SAMVERKAN_DEMO_PASSWORD").ok().filter(|p| !p.is_empty());
        let accounts = demo::reset_passwords(&store, fixed.as_deref()).await?;
        println!("Demo accounts (passwords are new at every start in demo mode):");
        for (email, password) in accounts {
            println!("  {email}  {password}");
        }
    }
    let config = Config {
        secure_cookies: !args.insecure_cookies,
        session_hours: args.session_hours,
        contact_email: args.contact_email,
        trust_forwarded: args.trust_forwarded,
        data_dir: db.data_dir.clone(),
        site_url: args.site_url.clone().unwrap_or_else(|| format!("http://{}", args.addr)),
        smtp,
        mail_from: args.mail_from.clone(),
        metrics_allow: args.metrics_allow.clone(),
        // SAMVERKAN_OIDC_<N>_* (ADR 29): a misspelt or incomplete provider stops the start.
        oidc: domain::identity::providers::from_env(std::env::vars()).map_err(anyhow::Error::msg)?,
        ..Config::default()
    };
    let app = App::with_files(store.clone(), config, files);
    // Background jobs: reminders and e-mail (ADR 18). On PostgreSQL every process runs one.
    let worker = web::jobs::spawn_worker(app.clone());
    let housekeeping = {
        let store = store.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
            loop {
                every.tick().await;
                let before = store.now() - time_window();
                if let Err(e) = store.purge_expired(before).await {
                    tracing::warn!(error = %e, "housekeeping failed");
                }
            }
        })
    };
    let listener =
        tokio::net::TcpListener::bind(args.addr).await.with_context(|| format!("cannot listen on {}", args.addr))?;
    // The SIGTERM handler is in place before anyone is told where to connect.
    let stop = shutdown_signal();
    println!("Samverkan is listening on http://{}", listener.local_addr()?);
    web::server::serve(listener, web::router(app), web::server::Timeouts::default(), stop).await?;
    housekeeping.abort();
    worker.abort();
    store.close().await;
    println!("Samverkan stopped.");
    Ok(())
}

fn time_window() -> time::Duration {
    domain::accounts::LoginThrottle::default().window * 4
}

/// Ctrl-C or SIGTERM: stop accepting, let requests in flight finish. The SIGTERM handler is
/// installed when this is called, not when the future is first polled: a SIGTERM arriving
/// between the two (the first request is served before the server loop polls it) would
/// otherwise kill the process instead of stopping it.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    async move {
        let ctrl_c = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        #[cfg(unix)]
        let term = async move {
            match term {
                Some(mut s) => {
                    s.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        #[cfg(not(unix))]
        let term = std::future::pending::<()>();
        tokio::select! {
            _ = ctrl_c => {},
            _ = term => {},
        }
        tracing::info!("shutting down");
    }
}
