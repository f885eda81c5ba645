//! Downloading a registered document's file: everyone for a public document; while a secrecy
//! marking applies, only its organisation's registrars and those they granted reading (ADR 54),
//! 404 to others, so that a secret file's existence under an address says no more than the
//! registry does.

use axum::extract::State;
use axum::response::Response;
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
    let cache = if secret { crate::download::PRIVATE } else { crate::download::PUBLIC };
    crate::download::serve(&app, &f.sha256, &f.file_name, &f.mime, cache).await
}
