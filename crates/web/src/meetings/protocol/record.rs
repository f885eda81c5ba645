//! What a meeting's protocol has on record: its versions, approvals and attachments, the
//! version a reader asks for, and the published protocol as pages and PDFs show it.

use domain::meetings::AppealNotice;
use domain::meetings::protocol::Protocol;
use store::meetings::{Approval, Attachment, Meeting, ProtocolVersion};

use super::view::DocView;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::pages::query_value;

/// Everything the page shows about the meeting's versions and approvals.
pub struct Record {
    pub versions: Vec<ProtocolVersion>,
    pub approvals: Vec<Approval>,
    pub attachments: Vec<Attachment>,
    /// What the published protocol says about appeal, by the body's kind (KL 13 kap.; rule 9).
    pub appeal: AppealNotice,
}

pub async fn record(app: &App, m: &Meeting) -> AppResult<Record> {
    Ok(Record {
        versions: app.store.protocol_versions(m.id).await?,
        approvals: app.store.approvals(m.id).await?,
        attachments: app.store.attachments(m.id).await?,
        appeal: appeal_notice(app, m).await?,
    })
}

/// The version asked for with `?version=N`, the latest by default.
pub fn chosen<'a>(ctx: &Ctx, versions: &'a [ProtocolVersion]) -> AppResult<Option<&'a ProtocolVersion>> {
    match query_value(&ctx.query, "version") {
        Some(v) => {
            let n: i64 = v.parse().map_err(|_| AppError::NotFound)?;
            versions.iter().find(|x| x.version == n).map(Some).ok_or(AppError::NotFound)
        }
        None => Ok(versions.last()),
    }
}

/// The published protocol's meeting: 404 until it is adjusted.
pub fn published(m: &Meeting) -> AppResult<()> {
    if m.protocol_public() { Ok(()) } else { Err(AppError::NotFound) }
}

/// The version of a published protocol asked for (the latest by default) as a view.
pub async fn published_view(app: &App, ctx: &Ctx, m: &Meeting) -> AppResult<(DocView, ProtocolVersion)> {
    let rec = record(app, m).await?;
    let v = chosen(ctx, &rec.versions)?.cloned().ok_or(AppError::NotFound)?;
    let p = v.protocol().ok_or_else(|| AppError::Internal("a protocol version does not parse".into()))?;
    let (p, masked) = published_copy(app, p).await?;
    let doc = DocView::new(&p, Some(&v), &rec.approvals, &rec.attachments, ctx.lang);
    Ok((DocView { appeal: Some(rec.appeal), masked, ..doc }, v))
}

/// The copy of a published version that the web serves: the names of people whose personal
/// data has been removed hidden (rule 22, ADR 35), and whether anything was. The stored version,
/// which the approvals' digests sign, is never changed.
pub async fn published_copy(app: &App, p: Protocol) -> AppResult<(Protocol, bool)> {
    let removed = app.store.removed_people().await?;
    Ok(match domain::privacy::mask_protocol(&p, &removed) {
        Some(masked) => (masked, true),
        None => (p, false),
    })
}

/// Whether the meeting's body can take decisions that are appealed by laglighetsprövning: only
/// an organisation's own board can (KL 13 kap.); a joint body has no decision power (rule 9).
pub async fn appeal_notice(app: &App, m: &Meeting) -> AppResult<AppealNotice> {
    let body = app.store.body(m.body_id).await?.ok_or(AppError::NotFound)?;
    Ok(AppealNotice::for_body(body.kind, body.formal))
}
