//! A meeting's attachments: uploading and removing them (those who prepare the meeting, until
//! the protocol is submitted), downloading them (everyone, like the meeting page), and the list
//! as JSON.

use axum::Json;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use store::meetings::{Attachment, Meeting};

use super::access::require_prepare;
use super::files::{NewAttachment, read_upload};
use super::page::{Forms, back, meeting_page};
use super::path::{AttachmentId, AttachmentPath, MeetingPath};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::reshown;

/// The operation: stores the file's bytes by their digest and records the attachment.
pub async fn upload(app: &App, ctx: &Ctx, m: &Meeting, new: NewAttachment) -> AppResult<Attachment> {
    require_prepare(app, ctx, m).await?;
    let NewAttachment { title, file_name, mime, agenda_item, bytes } = new;
    // Whatever can refuse the upload does so before its bytes are written (issue 8, hole 12).
    app.store.check_attachment(m.id, agenda_item).await?;
    let size = bytes.len() as i64;
    let (sha, fresh) = crate::upload::store_bytes(app, bytes).await?;
    match app.store.add_attachment(m.id, agenda_item, &title, &file_name, &sha, size, mime, &ctx.actor()).await {
        Ok(id) => app.store.attachment(id).await?.ok_or(AppError::NotFound),
        Err(e) => {
            // The record failed after all: a file this upload brought and nothing uses goes.
            crate::upload::forget_fresh(app, &sha, fresh).await;
            Err(e.into())
        }
    }
}

/// The operation: removes the meeting's attachment `id` (404 when it is not this meeting's).
pub async fn delete(app: &App, ctx: &Ctx, m: &Meeting, id: i64) -> AppResult<()> {
    require_prepare(app, ctx, m).await?;
    Ok(app.store.delete_attachment(m.id, id, &ctx.actor()).await?)
}

/// The upload form on the meeting page (multipart); what is wrong with the file is shown there.
pub async fn upload_post(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    mp: Multipart,
) -> AppResult<Response> {
    require_prepare(&app, &ctx, &m).await?;
    let up = read_upload(mp).await?;
    let form = up.form.clone();
    let result = match up.parse() {
        Ok(new) => upload(&app, &ctx, &m, new).await,
        Err(invalid) => Err(invalid.into()),
    };
    match result {
        Ok(_) => Ok(back(m.id, "bilaga", "attachments")),
        Err(e) => meeting_page(&app, &ctx, m, Forms { upload: form, ..Forms::default() }, Some(&reshown(e)?)).await,
    }
}

pub async fn delete_post(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    AttachmentId(aid): AttachmentId,
) -> AppResult<Response> {
    match delete(&app, &ctx, &m, aid).await {
        Ok(()) => Ok(back(m.id, "borttaget", "attachments")),
        Err(e) => meeting_page(&app, &ctx, m, Forms::default(), Some(&reshown(e)?)).await,
    }
}

/// Anyone who may see the meeting page (everyone: meetings are public) downloads its
/// attachments, served with the type told by their content and never sniffed by the browser.
pub async fn download(
    State(app): State<App>,
    headers: HeaderMap,
    AttachmentPath(a): AttachmentPath,
) -> AppResult<Response> {
    let etag = format!("\"{}\"", a.sha256);
    let cache = HeaderValue::from_static("public, max-age=3600, must-revalidate");
    let etag_value = HeaderValue::from_str(&etag).map_err(|e| AppError::Internal(e.to_string()))?;
    let matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    if matches {
        return Ok(
            (StatusCode::NOT_MODIFIED, [(header::ETAG, etag_value), (header::CACHE_CONTROL, cache)]).into_response()
        );
    }
    let bytes = crate::download::bytes(&app, &a.sha256).await?;
    let [t, d, n, _] = crate::download::headers(&a.file_name, &a.mime, crate::download::PUBLIC)?;
    Ok(([t, d, n, (header::CACHE_CONTROL, cache), (header::ETAG, etag_value)], bytes).into_response())
}

pub async fn api_list(State(app): State<App>, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    Ok(Json(json!({"items": app.store.attachments(m.id).await?})).into_response())
}
