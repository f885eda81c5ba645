//! The dry run: what importing the directory's export would change, shown without writing.
//! The upload page, its form post (a file or pasted text) and `POST /api/v1/admin/directory/dry-run`
//! (the export as the body: `text/csv` or `application/scim+json`).

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::directory::{LeavingReason, Plan, RowError, Who};
use domain::error::Lang;
use domain::{FieldError, Invalid};
use serde_json::json;
use store::directory::{Counts, ImportRun};

use super::Names;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::pages::{Chrome, render};
use crate::{App, i18n};

/// A dry run's answer: the plan and its fingerprint, or the rows that are wrong.
pub enum DryRun {
    Planned(Plan, String),
    Refused(Vec<RowError>),
}

/// The operation: an administrator asks what the export would change. Nothing is written.
pub async fn dry_run(app: &App, ctx: &Ctx, names: &Names, text: &str) -> AppResult<DryRun> {
    ctx.require_admin()?;
    Ok(match names.read(text) {
        Ok(entries) => {
            let (plan, print) = app.store.directory_plan(&entries).await?;
            DryRun::Planned(plan, print)
        }
        Err(errors) => DryRun::Refused(errors),
    })
}

#[derive(Template)]
#[template(path = "directory/upload.html")]
struct UploadPage {
    p: Chrome,
    data: String,
    row_errors: Vec<(usize, String, String)>,
    runs: Vec<ImportRun>,
}

/// A plan as the page shows it: names instead of ids, in the reader's language.
#[derive(Default)]
pub(super) struct PlanView {
    counts: Counts,
    add: Vec<[String; 5]>,
    update: Vec<(String, String, String)>,
    officials: Vec<(String, String, String)>,
    gone: Vec<(String, String)>,
    join: Vec<[String; 5]>,
    leave: Vec<[String; 5]>,
}

#[derive(Template)]
#[template(path = "directory/plan.html")]
pub(super) struct PlanPage {
    p: Chrome,
    data: String,
    fingerprint: String,
    v: PlanView,
    nothing: bool,
}

fn official(names: &Names, org: Option<domain::ids::OrganisationId>, title: &Option<String>) -> String {
    let org = org.map(|o| names.organisation(o)).unwrap_or_default();
    match title {
        Some(t) if org.is_empty() => t.clone(),
        Some(t) => format!("{t}, {org}"),
        None => org,
    }
}

fn view(plan: &Plan, names: &Names, lang: Lang) -> PlanView {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let role = |r: domain::structure::MembershipRole| r.label(lang).to_string();
    PlanView {
        counts: Counts::of(plan),
        add: plan
            .add
            .iter()
            .map(|n| {
                let f = &n.fields;
                [
                    f.external_id.clone(),
                    f.name.clone(),
                    opt(&f.email),
                    names.organisation(f.organisation),
                    opt(&f.title),
                ]
            })
            .collect(),
        update: plan
            .update
            .iter()
            .map(|u| {
                let (b, a) = (&u.before, &u.after);
                let mut changes = Vec::new();
                if b.external_id.as_deref() != Some(a.external_id.as_str()) {
                    changes.push(format!("{}: {}", i18n::text(lang, "directory.external_id"), a.external_id));
                }
                if b.name != a.name {
                    changes.push(format!("{}: {} → {}", i18n::text(lang, "person.name"), b.name, a.name));
                }
                if b.email != a.email {
                    changes.push(format!(
                        "{}: {} → {}",
                        i18n::text(lang, "person.email"),
                        opt(&b.email),
                        opt(&a.email)
                    ));
                }
                (b.name.clone(), a.external_id.clone(), changes.join("; "))
            })
            .collect(),
        officials: plan
            .update
            .iter()
            .filter(|u| u.official_changed())
            .map(|u| {
                let before = official(names, u.before.organisation, &u.before.title);
                let after = official(names, Some(u.after.organisation), &u.after.title);
                (u.after.name.clone(), before, after)
            })
            .collect(),
        gone: plan.gone.iter().map(|g| (g.external_id.clone(), g.name.clone())).collect(),
        join: plan
            .join
            .iter()
            .map(|j| {
                let name = match &j.who {
                    Who::Known(_) => j.name.clone(),
                    Who::New(_) => format!("{} ({})", j.name, i18n::text(lang, "directory.new")),
                };
                [name, names.body(j.body), role(j.role), j.start.to_string(), j.end.to_string()]
            })
            .collect(),
        leave: plan
            .leave
            .iter()
            .map(|l| {
                let reason = match l.reason {
                    LeavingReason::NotInDirectory => "directory.reason_gone",
                    LeavingReason::Ends => "directory.reason_term",
                };
                [l.name.clone(), names.body(l.body), role(l.role), l.end.to_string(), i18n::text(lang, reason).into()]
            })
            .collect(),
    }
}

pub async fn upload_page(State(app): State<App>, ctx: Ctx) -> AppResult<Response> {
    ctx.require_admin()?;
    render_upload(&app, &ctx, String::new(), vec![], None).await
}

/// The upload page, with the rows' errors when a file was refused.
pub(super) async fn render_upload(
    app: &App,
    ctx: &Ctx,
    data: String,
    errors: Vec<RowError>,
    invalid: Option<&Invalid>,
) -> AppResult<Response> {
    let runs = app.store.directory_imports(10).await?;
    let mut p = Chrome::new(ctx, i18n::text(ctx.lang, "directory.title"));
    if let Some(i) = invalid {
        p = p.with_errors(i);
    }
    let failed = invalid.is_some();
    let row_errors =
        errors.into_iter().map(|(row, e)| (row, e.field.clone(), e.message(ctx.lang).to_string())).collect();
    let page = render(&UploadPage { p, data, row_errors, runs })?;
    Ok(if failed { (StatusCode::UNPROCESSABLE_ENTITY, page).into_response() } else { page.into_response() })
}

/// The plan page of a dry run: what would change, and the button that applies it.
pub(super) async fn render_plan(
    app: &App,
    ctx: &Ctx,
    names: &Names,
    data: String,
    outcome: DryRun,
    invalid: Option<&Invalid>,
) -> AppResult<Response> {
    match outcome {
        DryRun::Refused(errors) => {
            let n = errors.len();
            let invalid = Invalid::one(FieldError::new(
                "data",
                "import_failed",
                format!("{n} fel i filen. Inget har ändrats."),
                format!("{n} errors in the file. Nothing has changed."),
            ));
            render_upload(app, ctx, data, errors, Some(&invalid)).await
        }
        DryRun::Planned(plan, fingerprint) => {
            let mut p = Chrome::new(ctx, i18n::text(ctx.lang, "directory.plan_title"));
            if let Some(i) = invalid {
                p = p.with_errors(i);
            }
            let nothing = plan.changes_nothing();
            let v = view(&plan, names, ctx.lang);
            let page = render(&PlanPage { p, data, fingerprint, v, nothing })?;
            let status = match invalid {
                None => StatusCode::OK,
                Some(i) if i.first().code == "plan_changed" => StatusCode::CONFLICT,
                Some(_) => StatusCode::UNPROCESSABLE_ENTITY,
            };
            Ok((status, page).into_response())
        }
    }
}

fn data_error(code: &'static str, sv: &str, en: &str) -> Invalid {
    Invalid::one(FieldError::new("data", code, sv, en))
}

/// The export from the form: the chosen file, else the pasted text.
async fn uploaded(app: &App, req: Request) -> AppResult<Result<String, Invalid>> {
    let mp = Multipart::from_request(req, app).await.map_err(|_| AppError::BadRequest {
        code: "invalid_form",
        field: None,
        sv: "Skicka formuläret som multipart/form-data.".into(),
        en: "Send the form as multipart/form-data.".into(),
    })?;
    let multi = crate::upload::read(mp).await?;
    let pasted = multi.get("data");
    Ok(match multi.text_file(super::UPLOAD_LIMIT) {
        Some(Ok(text)) if !text.trim().is_empty() => Ok(text),
        Some(Err(e)) => Err(e),
        _ if pasted.trim().is_empty() => {
            Err(data_error("required", "Välj en fil eller klistra in exporten.", "Choose a file or paste the export."))
        }
        _ => Ok(pasted),
    })
}

pub async fn form_post(State(app): State<App>, ctx: Ctx, req: Request) -> AppResult<Response> {
    ctx.require_admin()?;
    let text = match uploaded(&app, req).await? {
        Ok(t) => t,
        Err(invalid) => return render_upload(&app, &ctx, String::new(), vec![], Some(&invalid)).await,
    };
    let names = Names::load(&app).await?;
    let outcome = dry_run(&app, &ctx, &names, &text).await?;
    render_plan(&app, &ctx, &names, text, outcome, None).await
}

/// The body of an API call as text.
pub(super) fn body_text(body: &Bytes) -> AppResult<String> {
    let text = std::str::from_utf8(body)
        .map_err(|_| AppError::Invalid(data_error("not_utf8", "Filen är inte UTF-8.", "The file is not UTF-8.")))?;
    if text.contains('\0') {
        return Err(AppError::Invalid(data_error(
            "nul",
            "Filen innehåller NUL-tecken.",
            "The file contains NUL characters.",
        )));
    }
    if text.trim().is_empty() {
        return Err(AppError::Invalid(data_error(
            "required",
            "Skicka exporten i anropets kropp.",
            "Send the export as the body.",
        )));
    }
    Ok(text.to_string())
}

/// The plan as JSON: the counts, the fingerprint to apply it with, and every change.
pub(super) fn plan_json(plan: &Plan, fingerprint: &str) -> serde_json::Value {
    json!({ "fingerprint": fingerprint, "counts": Counts::of(plan), "plan": plan })
}

pub async fn api(State(app): State<App>, ctx: Ctx, body: Bytes) -> AppResult<Response> {
    ctx.require_admin()?;
    let text = body_text(&body)?;
    let names = Names::load(&app).await?;
    match dry_run(&app, &ctx, &names, &text).await? {
        DryRun::Planned(plan, print) => Ok(Json(plan_json(&plan, &print)).into_response()),
        DryRun::Refused(errors) => {
            // Every bad row, not only the first: the dry run is where a file is put right.
            let all = super::row_errors(errors);
            let list: Vec<_> = all
                .0
                .iter()
                .map(|e| json!({"code": e.code, "field": e.field, "message": e.message(ctx.lang)}))
                .collect();
            let first = all.first();
            let body = json!({
                "error": {"code": first.code, "field": first.field, "message": first.message(ctx.lang)},
                "errors": list,
            });
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response())
        }
    }
}
