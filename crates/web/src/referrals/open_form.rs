//! The open form of a referral open to everyone (issue 12, ADR 52): citizens, associations and
//! companies answer without an account — name, kind of respondent, optional organisation and
//! e-mail, position, a comment per section and answers to the questions. Each answer is
//! registered in the case's registry on arrival and waits for the drafter's moderation before
//! the report takes it. The form is throttled per client address (`LIMIT`, `crate::throttle`), as the
//! requests for documents are, and a resent form (same key) returns the first answer.

use std::collections::HashMap;

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::error::Errors;
use domain::referrals::answer::{COMMENT_MAX, question_answer};
use domain::referrals::{CommentInput, OpenAnswerInput, Position, ReferralStatus, RespondentType};
use serde_json::json;
use store::referrals::{Answer, NewPublicAnswer, Question, Referral, Section};

use super::{RECEIPT, ReferralPath};
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::{Input, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

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

/// The operation: an open answer from anyone, unless the address has given `LIMIT` in the last
/// hour (a retry of a stored answer returns it whatever the count).
pub async fn submit(app: &App, ctx: &Ctx, r: &Referral, f: &HashMap<String, String>) -> AppResult<Answer> {
    require_open_form(r)?;
    let sections = app.store.referral_sections(r.id, 1).await?;
    let questions = app.store.referral_questions(r.id).await?;
    let (input, comments, questions) = parse(f, &sections, &questions)?;
    let key = f.get("idempotency_key").filter(|k| !k.is_empty()).cloned();
    let sent = app.store.open_answers_from(&ctx.address, LIMIT.since(app)).await?;
    let stored = match &key {
        Some(k) if sent >= LIMIT.limit => app.store.public_answer_stored(r.id, k).await?,
        _ => false,
    };
    LIMIT.check(sent, stored)?;
    let answer = NewPublicAnswer { input, comments, questions, address: Some(ctx.address.clone()), key };
    Ok(app.store.submit_public_answer(r.id, &answer, RECEIPT, &ctx.actor()).await?)
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

async fn form_page(
    app: &App,
    ctx: &Ctx,
    r: Referral,
    mut f: HashMap<String, String>,
    invalid: Option<&domain::Invalid>,
    throttle: bool,
) -> AppResult<Response> {
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
    let page = FormPage { p, r, sections, questions, positions, types, f, open, reshown, throttled };
    Ok((status, render(&page)?).into_response())
}

/// `GET /remisser/{id}/yttra`: the open form.
pub async fn form(State(app): State<App>, ctx: Ctx, ReferralPath(r): ReferralPath) -> AppResult<Response> {
    require_open_form(&r)?;
    form_page(&app, &ctx, r, HashMap::new(), None, false).await
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    ReferralPath(r): ReferralPath,
    Input(f): Input<HashMap<String, String>>,
) -> AppResult<Response> {
    if r.status != ReferralStatus::Published {
        return Err(AppError::NotFound);
    }
    if !r.open_to_public {
        // Closed to the public while the person wrote: the form again with what they typed.
        let closed = domain::FieldError::new(
            "referral",
            "not_open_to_public",
            "Remissen tar inte längre emot svar från allmänheten.",
            "The referral no longer takes answers from the public.",
        );
        return form_page(&app, &ctx, r, f, Some(&domain::Invalid::one(closed)), false).await;
    }
    match submit(&app, &ctx, &r, &f).await {
        Ok(a) => {
            let registered_as = registered_as(&app, &a).await?;
            let p = Chrome::new(&ctx, crate::i18n::text(ctx.lang, "referral.open_received").to_string());
            Ok(render(&ReceiptPage { p, r, registered_as, late: a.late })?.into_response())
        }
        Err(AppError::Throttled(_)) => form_page(&app, &ctx, r, f, None, true).await,
        Err(e) => form_page(&app, &ctx, r, f, Some(&reshown(e)?), false).await,
    }
}

async fn registered_as(app: &App, a: &Answer) -> AppResult<Option<String>> {
    Ok(match a.case_document_id {
        Some(d) => app.store.case_document(domain::ids::CaseDocumentId(d)).await?.map(|d| d.full_number),
        None => None,
    })
}

/// `POST /api/v1/referrals/{id}/open-answers`: `{"name", "respondent_type", "organisation",
/// "email", "position", "summary", "comments": [{"section", "text"}], "answers": {id: text}}`;
/// the receipt, or 429 when the address has answered too often.
pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    ReferralPath(r): ReferralPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_open_form(&r)?;
    let names = ["name", "respondent_type", "organisation", "email", "position", "summary", "comments", "answers"];
    let mut j = JsonInput::parse(&headers, &body, &names)?;
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
    let a = submit(&app, &ctx, &r, &f).await?;
    let body = json!({
        "id": a.id, "referral_id": r.id, "status": a.status, "moderation": a.moderation, "late": a.late,
        "registered_as": registered_as(&app, &a).await?,
    });
    let location = format!("/remisser/{}", r.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(body)).into_response())
}
