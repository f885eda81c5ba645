//! Downloading a registered document's file: everyone for a public document; while a secrecy
//! marking applies, only its organisation's registrars and those they granted reading (ADR 54),
//! 404 to others, so that a secret file's existence under an address says no more than the
//! registry does.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use domain::ids::{CaseDocumentId, CaseId};

use super::DocumentFilePath;
use super::access::reader;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};

pub async fn download(State(app): State<App>, ctx: Ctx, DocumentFilePath(f): DocumentFilePath) -> AppResult<Response> {
    let d = app.store.case_document(CaseDocumentId(f.document_id)).await?.ok_or(AppError::NotFound)?;
    let c = app.store.case(CaseId(d.case_id.0)).await?.ok_or(AppError::NotFound)?;
    let today = app.store.today();
    let secret = d.secrecy.as_ref().is_some_and(|s| s.applies(today));
    if !reader(&app, &ctx, &c).await?.may_read(d.id, d.secrecy.as_ref(), today) {
        return Err(AppError::NotFound);
    }
    let files = app.files.clone();
    let sha = f.sha256.clone();
    let bytes = tokio::task::spawn_blocking(move || files.get(&sha))
        .await
        .map_err(|e| AppError::Internal(format!("reading a file: {e}")))?
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => AppError::NotFound,
            _ => AppError::Internal(format!("reading file {}: {e}", f.sha256)),
        })?;
    let h = |v: String| HeaderValue::from_str(&v).map_err(|e| AppError::Internal(e.to_string()));
    let cache = if secret { "private, no-store" } else { "public, max-age=3600, must-revalidate" };
    Ok((
        [
            (header::CONTENT_TYPE, h(f.mime.clone())?),
            (header::CONTENT_DISPOSITION, h(crate::meetings::disposition(&f.file_name, &f.mime))?),
            (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        bytes,
    )
        .into_response())
}
