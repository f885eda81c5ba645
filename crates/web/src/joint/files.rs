//! Downloading an organisation's extract (protokollsutdrag) of its decision: public, like the
//! matrix it belongs to.

use axum::extract::State;
use axum::response::Response;

use super::PartyPath;
use crate::App;
use crate::error::{AppError, AppResult};

pub async fn download(State(app): State<App>, PartyPath(m, org): PartyPath) -> AppResult<Response> {
    let p = m.party(org).ok_or(AppError::NotFound)?;
    let (Some(name), Some(sha)) = (p.extract_name.clone(), p.extract_sha256.clone()) else {
        return Err(AppError::NotFound);
    };
    let mime = app.store.file_mime(&sha).await?.unwrap_or_else(|| "application/octet-stream".into());
    crate::download::serve(&app, &sha, &name, &mime, crate::download::PUBLIC).await
}
