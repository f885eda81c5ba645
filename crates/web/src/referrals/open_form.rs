//! The open form of a referral open to everyone (issue 12, ADR 52): citizens, associations and
//! companies answer without an account — name, kind of respondent, optional organisation and
//! e-mail, position, a comment per section and answers to the questions. Each answer is
//! registered in the case's registry on arrival and waits for the drafter's moderation before
//! the report takes it. A file may come with the answer (the upload's checks); it stays with
//! the answer, read by the drafters, and is public only as `domain::referrals::open_file_public`
//! says; the API takes it too, as multipart/form-data with the JSON body's fields as parts. The form is throttled per client address (`LIMIT`, `crate::throttle`), as the
//! requests for documents are, and a resent form (same key) returns the first answer.

use std::collections::HashMap;

use askama::Template;
use axum::Json;
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::error::Errors;
use domain::ids::AnswerId;
use domain::referrals::answer::{COMMENT_MAX, question_answer};
use domain::referrals::{
    CommentInput, Moderation, OpenAnswerInput, Position, ReferralStatus, ReportStatus, RespondentType, open_file_public,
};
use serde_json::json;
use store::cases::NewDocumentFile;
use store::referrals::{Answer, AnswerFile, NewPublicAnswer, Question, Referral, Section};

use super::access::is_drafter;
use super::{MODERATION, RECEIPT, ReferralPath};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};
use crate::upload::CheckedFile;

/// Answers one client address may give through open forms in an hour.
pub const LIMIT: crate::throttle::PerAddress =
    crate::throttle::PerAddress { limit: 5, message: "referral.open_throttled" };

/// The form's field of the comment on section `n` (0: the whole document).
fn comment_field(n: i64) -> String {
    format!("c{n}")
}

/// A referral that takes open answers, or 404 (a draft, or one not open to everyone).
fn require_open_form(r: &Referral) -> AppResult<()> {
    if r.status != ReferralStatus::Published || !r.open_to_public {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// An open answer as parsed: who and what, its comments, its answers to the questions.
type Parsed = (OpenAnswerInput, Vec<CommentInput>, Vec<(i64, String)>);

/// The form's fields parsed into an answer: every field's error at once.
fn parse(f: &HashMap<String, String>, sections: &[Section], questions: &[Question]) -> Result<Parsed, domain::Invalid> {
    let get = |n: &str| f.get(n).map(String::as_str).unwrap_or("");
    let mut e = Errors::new();
    let input = match OpenAnswerInput::parse(
        get("name"),
        get("respondent_type"),
        get("organisation"),
        get("email"),
        get("position"),
        get("summary"),
    ) {
        Ok(i) => Some(i),
        Err(domain::Invalid(errs)) => {
            errs.into_iter().for_each(|x| e.push(x));
            None
        }
    };
    let mut comments = Vec::new();
    for n in std::iter::once(0).chain(sections.iter().map(|s| s.number)) {
        let field = comment_field(n);
        if let Some(Some(text)) = e.check(domain::text::optional_multiline(&field, get(&field), COMMENT_MAX)) {
            comments.push(CommentInput { section: (n > 0).then_some(n), text });
        }
    }
    let mut answers = Vec::new();
    for q in questions {
        let field = format!("q{}", q.id);
        if let Some(Some(text)) = e.check(question_answer(&field, get(&field))) {
            answers.push((q.id, text));
        }
    }
    e.finish(|| ())?;
    Ok((input.expect("parsed without errors"), comments, answers))
}

/// The operation: an open answer from anyone, with the file sent with it (checked as it was
/// read: its error joins the fields'), unless the address has given `LIMIT` in the last hour (a
/// retry of a stored answer returns it whatever the count). The file's bytes are stored first
/// and removed again when nothing keeps them: the answer refused, or a resent form answered with
/// the first answer.
pub async fn submit(
    app: &App,
    ctx: &Ctx,
    r: &Referral,
    f: &HashMap<String, String>,
    file: Result<Option<CheckedFile>, domain::Invalid>,
) -> AppResult<Answer> {
    require_open_form(r)?;
    let sections = app.store.referral_sections(r.id, 1).await?;
    let questions = app.store.referral_questions(r.id).await?;
    let ((input, comments, questions), file) = domain::Invalid::both(parse(f, &sections, &questions), file)?;
    let key = f.get("idempotency_key").filter(|k| !k.is_empty()).cloned();
    let sent = app.store.open_answers_from(&ctx.address, LIMIT.since(app)).await?;
    let stored = match &key {
        Some(k) if sent >= LIMIT.limit => app.store.public_answer_stored(r.id, k).await?,
        _ => false,
    };
    LIMIT.check(sent, stored)?;
    let mut fresh = None;
    let file = match file {
        Some(f) => {
            let size = f.bytes.len() as i64;
            let (sha256, new) = crate::upload::store_bytes(app, f.bytes).await?;
            fresh = new.then(|| sha256.clone());
            Some(NewDocumentFile { file_name: f.file_name, sha256, size, mime: f.mime.into() })
        }
        None => None,
    };
    let answer = NewPublicAnswer { input, comments, questions, address: Some(ctx.address.clone()), key, file };
    let result = app.store.submit_public_answer(r.id, &answer, RECEIPT, MODERATION, &ctx.actor()).await;
    if let Some(sha) = fresh {
        // A stored answer is answered whatever this lookup meets: unsure, the bytes stay.
        let kept = match &result {
            Ok(a) => app.store.answer_files(AnswerId(a.id)).await.map_or(true, |fs| fs.iter().any(|f| f.sha256 == sha)),
            Err(_) => false,
        };
        if !kept {
            crate::upload::forget_fresh(app, &sha, true).await;
        }
    }
    Ok(result?)
}

#[derive(Template)]
#[template(path = "referrals/open_form.html")]
struct FormPage {
    p: Chrome,
    r: Referral,
    sections: Vec<Section>,
    questions: Vec<Question>,
    positions: Vec<(&'static str, &'static str)>,
    types: Vec<(&'static str, &'static str)>,
    f: HashMap<String, String>,
    open: bool,
    /// The form is shown again after a post: its fields stay, with what was typed, even when
    /// the referral closed meanwhile, so that nothing the person wrote is lost.
    reshown: bool,
    throttled: Option<&'static str>,
    /// The name of a file that was chosen but not kept (the form was refused): a file field
    /// cannot be filled in again, so the form says which to choose again.
    file_again: Option<String>,
}

impl FormPage {
    fn field(&self, name: &str) -> String {
        self.f.get(name).cloned().unwrap_or_default()
    }

    fn comment(&self, n: &i64) -> String {
        self.field(&comment_field(*n))
    }
}

#[derive(Template)]
#[template(path = "referrals/open_receipt.html")]
struct ReceiptPage {
    p: Chrome,
    r: Referral,
    registered_as: Option<String>,
    late: bool,
}

/// What a post of the form brought besides its fields: the name of the file chosen, if any,
/// and whether the address has answered too often.
#[derive(Default)]
struct Sent {
    file_name: Option<String>,
    throttle: bool,
}

async fn form_page(
    app: &App,
    ctx: &Ctx,
    r: Referral,
    mut f: HashMap<String, String>,
    invalid: Option<&domain::Invalid>,
    sent: Sent,
) -> AppResult<Response> {
    let throttle = sent.throttle;
    f.entry("idempotency_key".into()).or_insert_with(crate::auth::new_secret);
    let sections = app.store.referral_sections(r.id, 1).await?;
    let questions = app.store.referral_questions(r.id).await?;
    let positions = Position::ALL.iter().map(|p| (p.as_str(), p.label(ctx.lang))).collect();
    let types = RespondentType::ALL.iter().map(|t| (t.as_str(), t.label(ctx.lang))).collect();
    let title = format!("{} – {}", crate::i18n::text(ctx.lang, "referral.open_form"), r.title);
    let (p, mut status) = Chrome::new(ctx, title).form(invalid);
    if throttle {
        status = StatusCode::TOO_MANY_REQUESTS;
    }
    let open = r.open_on(app.store.today());
    let reshown = invalid.is_some() || throttle;
    let throttled = throttle.then(|| crate::i18n::text(ctx.lang, LIMIT.message));
    let file_again = sent.file_name.filter(|_| invalid.is_none_or(|i| i.for_field("file").is_none()));
    let page = FormPage { p, r, sections, questions, positions, types, f, open, reshown, throttled, file_again };
    Ok((status, render(&page)?).into_response())
}

/// `GET /remisser/{id}/yttra`: the open form.
pub async fn form(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    require_open_form(&r)?;
    form_page(&app, &ctx, r, HashMap::new(), None, Sent::default()).await
}

/// The form's fields and its file: multipart/form-data from the page (which has a file field),
/// or a form without a file. Read only once the referral is known to take open answers.
async fn read_form(
    app: &App,
    req: Request,
) -> AppResult<(HashMap<String, String>, Option<String>, Result<Option<CheckedFile>, domain::Invalid>)> {
    if !crate::upload::is_multipart(req.headers()) {
        let Input(f) = Input::<HashMap<String, String>>::from_request(req, app).await?;
        return Ok((f, None, Ok(None)));
    }
    let multi = crate::upload::read_request(req, app).await?;
    let fields = multi.fields();
    let name = multi.file_name().filter(|n| !n.is_empty()).map(str::to_string);
    Ok((fields, name, multi.optional_file()))
}

/// `POST /remisser/{id}/yttra` (multipart, with the optional `file`): the receipt, or the
/// form again with what was typed and the errors at their fields.
pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    ReferralPath(r): ReferralPath,
    req: Request,
) -> AppResult<Response> {
    if r.status != ReferralStatus::Published {
        return Err(AppError::NotFound);
    }
    let (f, file_name, file) = read_form(&app, req).await?;
    let sent = Sent { file_name, throttle: false };
    if !r.open_to_public {
        // Closed to the public while the person wrote: the form again with what they typed.
        let closed = domain::FieldError::new(
            "referral",
            "not_open_to_public",
            "Remissen tar inte längre emot svar från allmänheten.",
            "The referral no longer takes answers from the public.",
        );
        return form_page(&app, &ctx, r, f, Some(&domain::Invalid::one(closed)), sent).await;
    }
    match submit(&app, &ctx, &r, &f, file).await {
        Ok(a) => {
            let registered_as = super::registry_number(&app, &a).await?;
            let p = Chrome::new(&ctx, crate::i18n::text(ctx.lang, "referral.open_received").to_string());
            Ok(render(&ReceiptPage { p, r, registered_as, late: a.late })?.into_response())
        }
        Err(AppError::Throttled(_)) => form_page(&app, &ctx, r, f, None, Sent { throttle: true, ..sent }).await,
        Err(e) => form_page(&app, &ctx, r, f, Some(&reshown(e)?), sent).await,
    }
}

/// Whether the open answer `a`'s files are public while the report is `report`
/// (`open_file_public`); an answer whose moderation or kind cannot be read counts as waiting
/// and as a private person's.
pub(super) fn files_public(a: &Answer, report: ReportStatus) -> bool {
    let m = a.moderation.as_deref().and_then(Moderation::parse).unwrap_or(Moderation::Pending);
    let t = a.respondent_type.as_deref().and_then(RespondentType::parse).unwrap_or(RespondentType::PrivatePerson);
    open_file_public(m, report, t)
}

/// Where a file of an open answer is downloaded from.
pub(super) fn file_href(r: &Referral, f: &AnswerFile) -> String {
    format!("/remisser/{}/svarsbilagor/{}", r.id, f.id)
}

/// `GET /remisser/{id}/svarsbilagor/{file}`: a file sent with an open answer, to the
/// referral's drafters (moderation, the report's draft), and to everyone once
/// `open_file_public` says so; 404 to others, as if it did not exist.
pub async fn file_download(
    State(app): State<App>,
    ctx: Ctx,
    axum::extract::Path((_, file)): axum::extract::Path<(String, String)>,
    ReferralPath(r): ReferralPath,
) -> AppResult<Response> {
    let file: i64 = crate::forms::id(&file)?;
    let f = app.store.open_answer_file(r.id, file).await?.ok_or(AppError::NotFound)?;
    let a = app.store.referral_answer(AnswerId(f.answer_id)).await?.ok_or(AppError::NotFound)?;
    let public = files_public(&a, r.report_status);
    if !public && !is_drafter(&app, &ctx, &r).await? {
        return Err(AppError::NotFound);
    }
    let cache = if public { crate::download::PUBLIC } else { crate::download::PRIVATE };
    crate::download::serve(&app, &f.sha256, &f.file_name, &f.mime, cache).await
}

/// The fields of the API's answer.
const API_FIELDS: [&str; 8] =
    ["name", "respondent_type", "organisation", "email", "position", "summary", "comments", "answers"];

/// The API's body: JSON without a file, or multipart/form-data with the same fields as text
/// parts (`comments` and `answers` as JSON text) and the file in the part `file`, read and
/// checked as the page's (`upload`). Its fields are checked as a JSON body's (unknown ones
/// refused); the file's check comes back to be said with the fields' errors.
async fn read_api(
    app: &App,
    req: Request,
) -> AppResult<(JsonInput, HeaderMap, Result<Option<CheckedFile>, domain::Invalid>)> {
    let headers = req.headers().clone();
    if !crate::upload::is_multipart(&headers) {
        let body = crate::upload::json_body(req, app).await?;
        return Ok((JsonInput::parse(&headers, &body, &API_FIELDS)?, headers, Ok(None)));
    }
    let multi = crate::upload::read_request(req, app).await?;
    let mut map = serde_json::Map::new();
    for (name, text) in multi.fields() {
        let value = if matches!(name.as_str(), "comments" | "answers") {
            serde_json::from_str(&text).map_err(|e| {
                AppError::bad_json(
                    Some(name.clone()),
                    format!("Delen ”{name}” är inte giltig JSON (kolumn {}).", e.column()),
                    format!("The part “{name}” is not valid JSON (column {}).", e.column()),
                )
            })?
        } else {
            serde_json::Value::String(text)
        };
        map.insert(name, value);
    }
    Ok((JsonInput::object(map, &API_FIELDS)?, headers, multi.optional_file()))
}

/// `POST /api/v1/referrals/{id}/open-answers`: `{"name", "respondent_type", "organisation",
/// "email", "position", "summary", "comments": [{"section", "text"}], "answers": {id: text}}`,
/// or the same as multipart/form-data with an optional `file` (`read_api`); the receipt, or
/// 429 when the address has answered too often.
pub async fn api(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath, req: Request) -> AppResult<Response> {
    require_open_form(&r)?;
    let (mut j, headers, file) = read_api(&app, req).await?;
    let names = API_FIELDS;
    let mut f = HashMap::new();
    for name in &names[..6] {
        f.insert(name.to_string(), j.str(name));
    }
    let (comments, answers) = (j.raw("comments"), j.raw("answers"));
    j.finish()?;
    let wrong = |field: &str, sv: &str, en: &str| -> AppError {
        domain::Invalid::one(domain::FieldError::new(field, "wrong_type", sv, en)).into()
    };
    match comments {
        None => {}
        Some(serde_json::Value::Array(items)) => {
            for c in items {
                let section = match c.get("section") {
                    None | Some(serde_json::Value::Null) => Some(0),
                    Some(v) => v.as_i64().filter(|n| *n > 0),
                };
                let (Some(section), Some(text)) = (section, c.get("text").and_then(|t| t.as_str())) else {
                    return Err(wrong(
                        "comments",
                        "Varje synpunkt är ett objekt med avsnittets nummer (eller null) och texten.",
                        "Each comment is an object with the section's number (or null) and the text.",
                    ));
                };
                let entry = f.entry(comment_field(section)).or_default();
                if !entry.is_empty() {
                    entry.push_str("\n\n");
                }
                entry.push_str(text);
            }
        }
        Some(_) => return Err(wrong("comments", "Fältet ska vara en lista.", "The field must be a list.")),
    }
    super::answer::answer_fields(&app, r.id, answers, &mut f).await?;
    if let Some(k) = crate::json::idempotency_key(&headers) {
        f.insert("idempotency_key".into(), k.to_string());
    }
    let sections = app.store.referral_sections(r.id, 1).await?.len() as i64;
    if let Some(n) = f.keys().filter_map(|k| crate::forms::id::<i64>(k.strip_prefix('c')?).ok()).find(|n| *n > sections)
    {
        return Err(domain::Invalid::one(domain::FieldError::new(
            "comments",
            "unknown_section",
            format!("Avsnitt {n} finns inte; remissen har {sections} avsnitt."),
            format!("Section {n} does not exist; the referral has {sections} sections."),
        ))
        .into());
    }
    let a = submit(&app, &ctx, &r, &f, file).await?;
    let body = json!({
        "id": a.id, "referral_id": r.id, "status": a.status, "moderation": a.moderation, "late": a.late,
        "registered_as": super::registry_number(&app, &a).await?,
    });
    let location = format!("/remisser/{}", r.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(body)).into_response())
}
