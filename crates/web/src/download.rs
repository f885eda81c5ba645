//! Serving a stored file (ADR 22): its bytes read off the request's thread, 404 when they are
//! gone from the file store (never a 500 for a missing file), and the headers every download
//! carries — its type, an attachment name old and new browsers read, `nosniff` and the caller's
//! caching. Meetings' attachments, registered documents, referral answers' files and joint
//! matters' extracts all go through here.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::App;
use crate::error::{AppError, AppResult};

/// Caching for a file anyone may read.
pub const PUBLIC: &str = "public, max-age=3600, must-revalidate";
/// Caching for a file only some may read (a secret document, an answer before its report).
pub const PRIVATE: &str = "private, no-store";

/// The bytes stored under `sha256`.
pub async fn bytes(app: &App, sha256: &str) -> AppResult<Vec<u8>> {
    let files = app.files.clone();
    let key = sha256.to_string();
    tokio::task::spawn_blocking(move || files.get(&key))
        .await
        .map_err(|e| AppError::Internal(format!("reading a file: {e}")))?
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => AppError::NotFound,
            _ => AppError::Internal(format!("reading file {sha256}: {e}")),
        })
}

/// The headers of a download of `file_name` (`mime`), cached as `cache` says.
pub fn headers(file_name: &str, mime: &str, cache: &'static str) -> AppResult<[(header::HeaderName, HeaderValue); 4]> {
    let h = |v: String| HeaderValue::from_str(&v).map_err(|e| AppError::Internal(e.to_string()));
    Ok([
        (header::CONTENT_TYPE, h(mime.to_string())?),
        (header::CONTENT_DISPOSITION, h(crate::meetings::disposition(file_name, mime))?),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
    ])
}

/// The file stored under `sha256` as a download of `file_name` (`mime`).
pub async fn serve(app: &App, sha256: &str, file_name: &str, mime: &str, cache: &'static str) -> AppResult<Response> {
    let bytes = bytes(app, sha256).await?;
    Ok((headers(file_name, mime, cache)?, bytes).into_response())
}
