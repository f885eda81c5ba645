//! Downloading an organisation's extract (protokollsutdrag) of its decision: public, like the
//! matrix it belongs to.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::PartyPath;
use crate::App;
use crate::error::{AppError, AppResult};

pub async fn download(State(app): State<App>, PartyPath(m, org): PartyPath) -> AppResult<Response> {
    let p = m.party(org).ok_or(AppError::NotFound)?;
    let (Some(name), Some(sha)) = (p.extract_name.clone(), p.extract_sha256.clone()) else {
        return Err(AppError::NotFound);
    };
    let mime = app.store.file_mime(&sha).await?.unwrap_or_else(|| "application/octet-stream".into());
    let files = app.files.clone();
    let key = sha.clone();
    let bytes = tokio::task::spawn_blocking(move || files.get(&key))
        .await
        .map_err(|e| AppError::Internal(format!("reading a file: {e}")))?
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => AppError::NotFound,
            _ => AppError::Internal(format!("reading file {sha}: {e}")),
        })?;
    let h = |v: String| HeaderValue::from_str(&v).map_err(|e| AppError::Internal(e.to_string()));
    Ok((
        [
            (header::CONTENT_TYPE, h(mime.clone())?),
            (header::CONTENT_DISPOSITION, h(crate::meetings::disposition(&name, &mime))?),
            (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600, must-revalidate")),
        ],
        bytes,
    )
        .into_response())
}
