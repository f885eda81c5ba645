//! The published protocol as a PDF, and certified extracts of one paragraph (page and PDF),
//! public once the protocol is adjusted (404 before).

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::error::Lang;
use store::meetings::{Meeting, ProtocolVersion};

use super::record::{published, published_view};
use super::view::{DocView, ParagraphView};
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use domain::meetings::attachment::file_stem;

use crate::download::pdf_response;
use crate::meetings::path::{MeetingPath, ParagraphNumber};
use crate::pages::{Chrome, render};
use crate::{App, i18n};

#[derive(Template)]
#[template(path = "protocol/extract.html")]
struct ExtractPage {
    p: Chrome,
    m: Meeting,
    doc: DocView,
    par: ParagraphView,
    certified: String,
}

/// "Utdraget överensstämmer med det justerade protokollet, version 2. Datum 2024-10-20". The
/// version's checksum is in the page's checksum disclosure and the PDF's metadata, not in the
/// sentence a reader reads.
fn certification(lang: Lang, v: &ProtocolVersion, today: time::Date) -> String {
    format!("{} {}. {} {}", i18n::text(lang, "extract.certified"), v.version, i18n::text(lang, "extract.date"), today)
}

/// The published protocol (the version asked for) with paragraph `number` in it, 404 otherwise.
async fn with_paragraph(app: &App, ctx: &Ctx, m: &Meeting, number: i64) -> AppResult<(DocView, ProtocolVersion, u32)> {
    published(m)?;
    let number: u32 = number.try_into().map_err(|_| AppError::NotFound)?;
    let (doc, v) = published_view(app, ctx, m).await?;
    doc.paragraph(number).ok_or(AppError::NotFound)?;
    Ok((doc, v, number))
}

pub async fn page(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ParagraphNumber(number): ParagraphNumber,
) -> AppResult<Response> {
    let (doc, v, number) = with_paragraph(&app, &ctx, &m, number).await?;
    let par = doc.paragraph(number).cloned().ok_or(AppError::NotFound)?;
    let p =
        Chrome::new(&ctx, format!("{} § {number} – {} {}", i18n::text(ctx.lang, "extract.title"), m.body_name, m.date));
    Ok(render(&ExtractPage { p, certified: certification(ctx.lang, &v, app.store.today()), m, doc, par })?
        .into_response())
}

pub async fn pdf(
    State(app): State<App>,
    ctx: Ctx,
    MeetingPath(m): MeetingPath,
    ParagraphNumber(number): ParagraphNumber,
) -> AppResult<Response> {
    let (doc, v, number) = with_paragraph(&app, &ctx, &m, number).await?;
    let certified = certification(ctx.lang, &v, app.store.today());
    let bytes = ::pdf::render(
        &crate::branding::branded(&app, super::pdf::document(&doc, Some((number, certified)), ctx.lang)).await,
    );
    Ok(pdf_response(bytes, &format!("{}-paragraf-{number}", file_stem("protokollsutdrag", &m.body_name, m.date))))
}

/// The certified extract of paragraph `number` of the latest published version, as a PDF with
/// its file name — for the decision's recipients (`crate::mail::decisions`). `None` when the
/// protocol is not published or has no such paragraph.
pub async fn extract_pdf(app: &App, m: &Meeting, number: u32, lang: Lang) -> AppResult<Option<(Vec<u8>, String)>> {
    if published(m).is_err() {
        return Ok(None);
    }
    let rec = super::record::record(app, m).await?;
    let Some(v) = rec.versions.last() else { return Ok(None) };
    let p = v.protocol().ok_or_else(|| AppError::Internal("a protocol version does not parse".into()))?;
    let (p, masked) = super::record::published_copy(app, p).await?;
    let doc = DocView {
        appeal: Some(rec.appeal),
        masked,
        ..DocView::new(&p, Some(v), &rec.approvals, &rec.attachments, lang)
    };
    if doc.paragraph(number).is_none() {
        return Ok(None);
    }
    let certified = certification(lang, v, app.store.today());
    // The same bytes as the page's extract: with the installation's name on every page.
    let bytes = ::pdf::render(
        &crate::branding::branded(app, super::pdf::document(&doc, Some((number, certified)), lang)).await,
    );
    let name = format!("{}-paragraf-{number}.pdf", file_stem("protokollsutdrag", &m.body_name, m.date));
    Ok(Some((bytes, name)))
}

/// The whole published protocol (the version asked for, the latest by default).
pub async fn protocol_pdf(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> AppResult<Response> {
    published(&m)?;
    let (doc, _) = published_view(&app, &ctx, &m).await?;
    let bytes = ::pdf::render(&crate::branding::branded(&app, super::pdf::document(&doc, None, ctx.lang)).await);
    Ok(pdf_response(bytes, &file_stem("protokoll", &m.body_name, m.date)))
}
