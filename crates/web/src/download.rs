//! Serving a stored file (ADR 22): its bytes read off the request's thread, 404 when they are
//! gone from the file store (never a 500 for a missing file), and the headers every download
//! carries — its type, an attachment name old and new browsers read, `nosniff` and the caller's
//! caching. Meetings' attachments, registered documents, referral answers' files and joint
//! matters' extracts all go through here, and so do generated PDFs.

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use hyper::body::Frame;
use tokio::sync::mpsc;

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
        (header::CONTENT_DISPOSITION, h(disposition(file_name, mime))?),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
    ])
}

/// The file stored under `sha256` as a download of `file_name` (`mime`).
pub async fn serve(app: &App, sha256: &str, file_name: &str, mime: &str, cache: &'static str) -> AppResult<Response> {
    let bytes = bytes(app, sha256).await?;
    Ok((headers(file_name, mime, cache)?, bytes).into_response())
}

/// A streamed download's sending end: a writer task sends the chunks as it makes them (and an
/// error to cut the download short), the client reads them as they come.
pub type Chunks = mpsc::Sender<Result<Bytes, std::io::Error>>;

/// A body fed by a writer task through a channel of `capacity` chunks, so that a large export
/// (a year's archive package, a survey's answers) never sits in memory whole.
pub fn channel(capacity: usize) -> (Chunks, Body) {
    let (tx, rx) = mpsc::channel(capacity);
    (tx, Body::new(ChannelBody(rx)))
}

struct ChannelBody(mpsc::Receiver<Result<Bytes, std::io::Error>>);

impl hyper::body::Body for ChannelBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        self.0.poll_recv(cx).map(|o| o.map(|r| r.map(Frame::data)))
    }
}

/// `Content-Disposition` for a stored file name: PDF and images open in the browser, the rest
/// are saved; an ASCII fallback and the exact name in RFC 8187 encoding.
pub fn disposition(file_name: &str, mime: &str) -> String {
    let kind = if mime == "application/pdf" || mime.starts_with("image/") { "inline" } else { "attachment" };
    let ascii: String = file_name
        .chars()
        .map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' })
        .collect();
    let encoded = crate::pages::url_encode(file_name).replace('/', "%2F");
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// A PDF shown inline, with a plain ASCII file name (`stem` + ".pdf").
pub fn pdf_response(bytes: Vec<u8>, stem: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (header::CONTENT_DISPOSITION, format!("inline; filename=\"{stem}.pdf\"")),
        ],
        bytes,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dispositions_are_safe_and_exact() {
        let d = disposition("Regional plan å.pdf", "application/pdf");
        assert_eq!(d, "inline; filename=\"Regional plan _.pdf\"; filename*=UTF-8''Regional%20plan%20%C3%A5.pdf");
        assert!(disposition("a.docx", "application/x").starts_with("attachment;"));
    }
}
