//! Archive packages of closed cases (ADR 54), for the organisation's registrars: one case
//! (`/diarium/{id}/arkiv.zip`, `GET /api/v1/cases/{id}/archive`) or every closed case of an
//! organisation's series in a year (`/diarium/arkiv`, `GET /api/v1/cases/archive`). The package
//! is a ZIP streamed as it is written: `erms.xml` (the domain's ERMS writer), the files one by
//! one (read from the file store as they are sent) and `checksums.sha256`. Each export is
//! audited. Secret documents go in whole, with their restriction: the package is for the
//! archive, which keeps the secrecy (OSL 5 kap. and arkivlagen 1990:782).

use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::cases::archive::{ArchiveAction, ArchiveCase, ArchiveDocument, ArchiveFile, erms_xml};
use domain::cases::{Case, CaseStatus};
use domain::ids::{CaseId, OrganisationId};
use domain::{FieldError, Invalid};
use serde_json::json;
use store::cases::{ArchiveReads, CaseFilter, Series};
use time::Date;

use super::CasePath;
use super::access::{registering_series, require_registrar};
use super::zip::{ZipWriter, fits};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::pages::{Chrome, query_value, render};

/// A package ready to stream: its XML and the files to add, with their paths and digests.
struct Plan {
    xml: String,
    files: Vec<ArchiveFile>,
}

fn folder(number: &str) -> String {
    number.chars().map(|c| if c == '/' || c == ' ' { '-' } else { c }).collect()
}

/// A case as archived, from its documents and handling (`Store::archive_reads`); `bodies` are
/// the names of the bodies (read once for a year's cases).
fn archive_case(c: &Case, bodies: &[(i64, String)], reads: &mut ArchiveReads) -> ArchiveCase {
    let body = c.body_id.and_then(|b| bodies.iter().find(|(id, _)| *id == b.0)).map(|(_, n)| n.clone());
    let mut actions = vec![ArchiveAction {
        date: c.opened_on,
        kind: "registered",
        text: format!("Ärendet {} registrerades", c.number),
    }];
    for h in reads.handling.remove(&c.id).unwrap_or_default() {
        let text = match h.paragraph {
            Some(n) => format!("Behandlat i {} {}, § {n} {}", h.body, h.date, h.title),
            None => format!("På föredragningslistan för {} {}: {}", h.body, h.date, h.title),
        };
        actions.push(ArchiveAction { date: h.date, kind: "handled", text });
    }
    let documents = reads
        .documents
        .remove(&c.id)
        .unwrap_or_default()
        .into_iter()
        .map(|d| ArchiveDocument {
            files: d
                .files
                .iter()
                .map(|f| ArchiveFile {
                    path: format!("files/{}/{}/{}-{}", folder(&c.number.to_string()), d.number, f.id, f.file_name),
                    file_name: f.file_name.clone(),
                    mime: f.mime.clone(),
                    sha256: f.sha256.clone(),
                    size: f.size,
                })
                .collect(),
            full_number: d.full_number,
            number: d.number,
            registered_on: d.registered_on,
            document_date: d.document_date,
            direction: d.direction,
            counterpart: d.counterpart,
            description: d.description,
            secrecy: d.secrecy,
        })
        .collect();
    ArchiveCase {
        number: c.number.to_string(),
        public_title: c.public_title.clone(),
        internal_title: c.internal_title.clone(),
        status: c.status,
        opened_on: c.opened_on,
        responsible: c.responsible.clone(),
        body,
        documents,
        actions,
    }
}

async fn plan(app: &App, org: OrganisationId, id: &str, cases: &[Case]) -> AppResult<Plan> {
    let organisation = app.store.organisation(org).await?.map(|o| o.name).unwrap_or_default();
    let bodies: Vec<(i64, String)> = app.store.all_bodies().await?.into_iter().map(|b| (b.id.0, b.name)).collect();
    let ids: Vec<CaseId> = cases.iter().map(|c| c.id).collect();
    let mut reads = app.store.archive_reads(&ids).await?;
    let archived: Vec<ArchiveCase> = cases.iter().map(|c| archive_case(c, &bodies, &mut reads)).collect();
    let files: Vec<ArchiveFile> =
        archived.iter().flat_map(|c| c.documents.iter().flat_map(|d| d.files.iter().cloned())).collect();
    let xml = erms_xml(&organisation, id, app.store.today(), &archived);
    let bytes = xml.len() as u64 + files.iter().map(|f| f.size as u64 + 200 + f.path.len() as u64 * 2).sum::<u64>();
    if !fits(files.len() + 2, bytes) {
        return Err(AppError::BadRequest {
            code: "archive_too_large",
            field: None,
            sv: "Paketet blir för stort för en ZIP-fil; exportera ärendena ett och ett.".into(),
            en: "The package is too large for one ZIP file; export the cases one by one.".into(),
        });
    }
    Ok(Plan { xml, files })
}

/// The response: the ZIP streamed from a task that reads each file only when it is its turn.
fn stream(app: &App, plan: Plan, file_name: &str) -> AppResult<Response> {
    let (tx, body) = crate::download::channel(2);
    let task_app = app.clone();
    let day = app.store.today();
    tokio::spawn(async move {
        let mut z = ZipWriter::new(day);
        let mut sums = String::new();
        if tx.send(Ok(Bytes::from(z.entry("erms.xml", plan.xml.as_bytes())))).await.is_err() {
            return;
        }
        for f in plan.files {
            let bytes = match crate::download::bytes(&task_app, &f.sha256).await {
                Ok(b) => b,
                Err(e) => {
                    // Headers are sent: cutting the stream short is how the client learns.
                    tracing::error!("archive: reading file {}: {e:?}", f.sha256);
                    let _ = tx.send(Err(std::io::Error::other(format!("{e:?}")))).await;
                    return;
                }
            };
            sums.push_str(&format!("{}  {}\n", f.sha256, f.path));
            if tx.send(Ok(Bytes::from(z.entry(&f.path, &bytes)))).await.is_err() {
                return;
            }
        }
        let mut last = z.entry("checksums.sha256", sums.as_bytes());
        last.extend(z.finish());
        let _ = tx.send(Ok(Bytes::from(last))).await;
    });
    let headers = crate::download::headers(file_name, "application/zip", crate::download::PRIVATE)?;
    Ok((headers, body).into_response())
}

/// The operation for one case: a registrar of its organisation exports it once it is closed.
pub async fn case_package(app: &App, ctx: &Ctx, c: &Case) -> AppResult<Response> {
    require_registrar(app, ctx, c.organisation_id).await?;
    if c.status != CaseStatus::Closed {
        return Err(AppError::Conflict(FieldError::new(
            "status",
            "case_not_closed",
            "Bara avslutade ärenden kan exporteras som arkivpaket.",
            "Only closed cases can be exported as archive packages.",
        )));
    }
    let id = folder(&c.number.to_string());
    let plan = plan(app, c.organisation_id, &id, std::slice::from_ref(c)).await?;
    let details = json!({"number": c.number.to_string(), "files": plan.files.len()});
    app.store.record_archive_export("case.archive_export", "case", c.id.0, details, &ctx.actor()).await?;
    stream(app, plan, &format!("arkiv-{}.zip", ascii(&id)))
}

fn ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'Å' | 'Ä' => 'A',
            'Ö' => 'O',
            'å' | 'ä' => 'a',
            'ö' => 'o',
            c if c.is_ascii_alphanumeric() || c == '-' => c,
            _ => '_',
        })
        .collect()
}

/// The operation for a year: every closed case of `org`'s series numbered in `year`.
pub async fn year_package(app: &App, ctx: &Ctx, org: OrganisationId, year: i32) -> AppResult<Response> {
    require_registrar(app, ctx, org).await?;
    let filter = CaseFilter {
        organisation_id: Some(org),
        year: Some(year),
        status: Some(CaseStatus::Closed),
        ..Default::default()
    };
    let cases = store::every_page(|cur| app.store.cases(&filter, cur, crate::list::MAX_LIMIT)).await?;
    let series = app.store.case_series().await?.into_iter().find(|s| s.organisation_id == org.0);
    let prefix = series.map(|s| s.prefix).unwrap_or_else(|| org.0.to_string());
    let id = format!("{prefix}-{year}");
    let plan = plan(app, org, &id, &cases).await?;
    let details = json!({"year": year, "cases": cases.len(), "files": plan.files.len()});
    app.store.record_archive_export("case.archive_export_year", "organisation", org.0, details, &ctx.actor()).await?;
    stream(app, plan, &format!("arkiv-{}.zip", ascii(&id)))
}

/// The year and organisation of a year's package, from the query.
fn year_query(query: &str, today: Date) -> Result<(OrganisationId, i32), Invalid> {
    let mut e = domain::error::Errors::new();
    let org = query_value(query, "organisation_id").unwrap_or_default();
    let org = e.check(org.trim().parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
        FieldError::new(
            "archive_organisation",
            "invalid_id",
            "Välj en organisation i listan.",
            "Choose an organisation from the list.",
        )
    }));
    let year = query_value(query, "year").unwrap_or_default();
    let year =
        e.check(year.trim().parse::<i32>().ok().filter(|y| (1900..=today.year()).contains(y)).ok_or_else(|| {
            FieldError::new(
                "archive_year",
                "invalid_year",
                format!("Ange ett år mellan 1900 och {}.", today.year()),
                format!("Give a year between 1900 and {}.", today.year()),
            )
        }));
    e.finish(|| (OrganisationId(org.unwrap_or_default()), year.unwrap_or_default()))
}

pub async fn case_zip(State(app): State<App>, ctx: Ctx, CasePath(c): CasePath) -> AppResult<Response> {
    case_package(&app, &ctx, &c).await
}

/// `GET /api/v1/cases/archive?organisation_id=…&year=…`.
pub async fn year_api(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_user()?;
    let (org, year) = year_query(&ctx.query, app.store.today()).map_err(|mut i| {
        for e in &mut i.0 {
            e.field = e.field.replace("archive_organisation", "organisation_id").replace("archive_year", "year");
        }
        i
    })?;
    year_package(&app, &ctx, org, year).await
}

#[derive(Template)]
#[template(path = "cases/archive.html")]
struct ArchivePage {
    p: Chrome,
    series: Vec<Series>,
    organisation_id: String,
    year: String,
}

/// `/diarium/arkiv`: the form (GET, so the download is a plain link), and with its fields the
/// package itself; bad fields re-show the form (422).
pub async fn page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    let series = registering_series(&app, &ctx).await?;
    let today = app.store.today();
    let submitted = query_value(&ctx.query, "year").is_some();
    let organisation_id = query_value(&ctx.query, "organisation_id").unwrap_or_default();
    let year = query_value(&ctx.query, "year").unwrap_or_else(|| (today.year() - 1).to_string());
    let invalid = if submitted {
        match year_query(&ctx.query, today) {
            Ok((org, y)) => return year_package(&app, &ctx, org, y).await,
            Err(i) => Some(i),
        }
    } else {
        None
    };
    let (p, status) = Chrome::new(&ctx, crate::i18n::text(ctx.lang, "archive.title")).form(invalid.as_ref());
    Ok((status, render(&ArchivePage { p, series, organisation_id, year })?).into_response())
}
