//! Registering a document in a case (its organisation's registrars): the operation, the form
//! with its file upload, and the API call (JSON without a file, or multipart with one).

use askama::Template;
use axum::Json;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::cases::{Case, Direction, DocumentInput};
use store::cases::{CaseDocument, NewDocumentFile};

use super::CasePath;
use super::access::require_registrar;
use super::form::{DocumentForm, document_json};
use super::view::document_view;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::reshown;
use crate::pages::{Chrome, render};
use crate::upload::CheckedFile;

/// The operation: a registrar registers the document, with its file when there is one. The
/// file's bytes are stored first (by their digest) and removed again if the registration is
/// refused. A retry with the same idempotency key returns the first registration.
pub async fn register(
    app: &App,
    ctx: &Ctx,
    c: &Case,
    input: &DocumentInput,
    file: Option<CheckedFile>,
    key: Option<&str>,
) -> AppResult<CaseDocument> {
    require_registrar(app, ctx, c.organisation_id).await?;
    let mut stored = None;
    let mut files = Vec::new();
    if let Some(f) = file {
        let size = f.bytes.len() as i64;
        let (sha256, fresh) = crate::upload::store_bytes(app, f.bytes).await?;
        files.push(NewDocumentFile { file_name: f.file_name, sha256: sha256.clone(), size, mime: f.mime.into() });
        stored = Some((sha256, fresh));
    }
    match app.store.register_document(c.id, input, &files, &ctx.actor(), key).await {
        Ok(id) => app.store.case_document(id).await?.ok_or(AppError::NotFound),
        Err(e) => {
            if let Some((sha, fresh)) = stored {
                crate::upload::forget_fresh(app, &sha, fresh).await;
            }
            Err(e.into())
        }
    }
}

#[derive(Template)]
#[template(path = "cases/document_form.html")]
struct FormPage {
    p: Chrome,
    c: Case,
    f: DocumentForm,
    directions: [Direction; 3],
}

fn page(ctx: &Ctx, c: Case, f: DocumentForm, invalid: Option<&domain::Invalid>) -> AppResult<Response> {
    let title = format!("{} – {}", crate::i18n::text(ctx.lang, "case.document_new"), c.number);
    let (p, status) = Chrome::new(ctx, title).form(invalid);
    Ok((status, render(&FormPage { p, c, f, directions: Direction::ALL })?).into_response())
}

pub async fn form(State(app): State<App>, ctx: Ctx, CasePath(c): CasePath) -> AppResult<Response> {
    require_registrar(&app, &ctx, c.organisation_id).await?;
    let f = DocumentForm {
        idempotency_key: crate::auth::new_secret(),
        document_date: app.store.today().to_string(),
        direction: "incoming".into(),
        ..Default::default()
    };
    page(&ctx, c, f, None)
}

/// The multipart body of the form and of the API, parsed: the fields, and the file checked for
/// size and kind (`upload`), every problem at once. Read only once the caller is known to
/// register for the case.
async fn read_multipart(
    app: &App,
    req: Request,
) -> AppResult<(DocumentForm, Result<(DocumentInput, Option<CheckedFile>), domain::Invalid>)> {
    let mp = Multipart::from_request(req, app).await.map_err(|_| AppError::BadRequest {
        code: "invalid_form",
        field: None,
        sv: "Skicka formuläret som multipart/form-data.".into(),
        en: "Send the form as multipart/form-data.".into(),
    })?;
    let multi = crate::upload::read(mp).await?;
    let f = DocumentForm::of(|k| multi.get(k));
    let parsed = f.parse(app.store.today());
    Ok((f, domain::Invalid::both(parsed, multi.optional_file())))
}

/// The form's post (multipart).
pub async fn form_post(State(app): State<App>, ctx: Ctx, CasePath(c): CasePath, req: Request) -> AppResult<Response> {
    require_registrar(&app, &ctx, c.organisation_id).await?;
    let (f, parsed) = read_multipart(&app, req).await?;
    let key = Some(f.idempotency_key.clone()).filter(|k| !k.is_empty());
    let result = match parsed {
        Ok((input, file)) => register(&app, &ctx, &c, &input, file, key.as_deref()).await,
        Err(i) => Err(i.into()),
    };
    match result {
        Ok(d) => Ok(Redirect::to(&format!("/diarium/{}?klart=handling#handling-{}", c.id, d.number)).into_response()),
        Err(e) => page(&ctx, c, f, Some(&reshown(e)?)),
    }
}

/// `POST /api/v1/cases/{id}/documents`: JSON without a file, or multipart/form-data with the
/// same fields and a part `file` (the form's upload, with its limits). The idempotency key is
/// the `Idempotency-Key` header.
pub async fn api(State(app): State<App>, ctx: Ctx, CasePath(c): CasePath, req: Request) -> AppResult<Response> {
    require_registrar(&app, &ctx, c.organisation_id).await?;
    let today = app.store.today();
    let headers = req.headers().clone();
    let (input, file) = if crate::upload::is_multipart(&headers) {
        read_multipart(&app, req).await?.1?
    } else {
        let body = crate::upload::json_body(req, &app).await?;
        (document_json(&headers, &body, today)?, None)
    };
    let d = register(&app, &ctx, &c, &input, file, crate::json::idempotency_key(&headers)).await?;
    let location = format!("/api/v1/cases/{}/documents", c.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(document_view(&d, &domain::cases::Reader::registrar(), today)),
    )
        .into_response())
}
