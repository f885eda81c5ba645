//! Recording an organisation's decision on a joint matter (journeys: Mikael "records his
//! board's decision (date, §, text) so the region's matrix updates"): by the organisation's own
//! officer, or by the region's on its behalf with a note (ADR 39); the extract
//! (protokollsutdrag) uploaded with it is stored like a case document's file.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use domain::ids::OrganisationId;
use domain::joint::{DecisionFields, DecisionInput, Outcome};
use store::joint::{JointMatter, NewExtract};

use super::PartyPath;
use super::access::recorder;
use crate::App;
use crate::context::Ctx;
use crate::error::{AppError, AppResult};
use crate::forms::reshown;
use crate::json::JsonInput;
use crate::pages::{Chrome, render};
use crate::upload::CheckedFile;

/// The operation: the decision is recorded, with its extract when there is one. The file's
/// bytes are stored first and removed again if the recording is refused.
pub async fn record(
    app: &App,
    ctx: &Ctx,
    m: &JointMatter,
    org: OrganisationId,
    input: &DecisionInput,
    file: Option<CheckedFile>,
) -> AppResult<JointMatter> {
    let on_behalf = recorder(app, ctx, m, org).await?;
    if on_behalf && input.note.is_none() {
        return Err(domain::Invalid::one(domain::FieldError::new(
            "note",
            "note_required",
            "Du registrerar för en annan organisation: ange varifrån beslutet kommer.",
            "You record for another organisation: say where the decision comes from.",
        ))
        .into());
    }
    let mut stored = None;
    let mut extract = None;
    if let Some(f) = file {
        let size = f.bytes.len() as i64;
        let (sha256, fresh) = crate::upload::store_bytes(app, f.bytes).await?;
        extract = Some(NewExtract { file_name: f.file_name, sha256: sha256.clone(), size, mime: f.mime.into() });
        stored = Some((sha256, fresh));
    }
    match app.store.record_joint_decision(m.id, org, input, extract.as_ref(), &ctx.actor()).await {
        Ok(()) => app.store.joint_matter(m.id).await?.ok_or(AppError::NotFound),
        Err(e) => {
            if let Some((sha, fresh)) = stored {
                crate::upload::forget_fresh(app, &sha, fresh).await;
            }
            Err(e.into())
        }
    }
}

/// The form's fields as typed.
#[derive(Clone, Debug, Default)]
pub struct DecisionForm {
    pub decided_on: String,
    pub body: String,
    pub paragraph: String,
    pub text: String,
    pub outcome: String,
    pub note: String,
}

impl DecisionForm {
    fn of(mut get: impl FnMut(&str) -> String) -> DecisionForm {
        DecisionForm {
            decided_on: get("decided_on"),
            body: get("body"),
            paragraph: get("paragraph"),
            text: get("text"),
            outcome: get("outcome"),
            note: get("note"),
        }
    }

    fn parse(&self, today: time::Date, on_behalf: bool) -> Result<DecisionInput, domain::Invalid> {
        let f = DecisionFields {
            decided_on: &self.decided_on,
            body: &self.body,
            paragraph: &self.paragraph,
            text: &self.text,
            outcome: &self.outcome,
            note: &self.note,
        };
        DecisionInput::parse(f, today, on_behalf)
    }
}

#[derive(Template)]
#[template(path = "joint/decision.html")]
struct FormPage {
    p: Chrome,
    m: JointMatter,
    org: OrganisationId,
    on_behalf: bool,
    f: DecisionForm,
    outcomes: Vec<(&'static str, &'static str)>,
}

fn page(
    ctx: &Ctx,
    m: JointMatter,
    org: OrganisationId,
    on_behalf: bool,
    f: DecisionForm,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let organisation = m.party(org).map(|p| p.organisation.clone()).unwrap_or_default();
    let title = format!("{} – {}", crate::i18n::text(ctx.lang, "joint.record"), organisation);
    let (p, status) = Chrome::new(ctx, title).form(invalid);
    let outcomes = Outcome::ALL.iter().map(|o| (o.as_str(), o.label(ctx.lang))).collect();
    Ok((status, render(&FormPage { p, m, org, on_behalf, f, outcomes })?).into_response())
}

pub async fn form(State(app): State<App>, ctx: Ctx, PartyPath(m, org): PartyPath) -> AppResult<Response> {
    let on_behalf = recorder(&app, &ctx, &m, org).await?;
    let f = DecisionForm { decided_on: app.store.today().to_string(), ..Default::default() };
    page(&ctx, m, org, on_behalf, f, None)
}

/// The form's post (multipart), read only once the caller is known to record for `org`.
pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    PartyPath(m, org): PartyPath,
    req: Request,
) -> AppResult<Response> {
    let on_behalf = recorder(&app, &ctx, &m, org).await?;
    let mp = Multipart::from_request(req, &app).await.map_err(|_| AppError::BadRequest {
        code: "invalid_form",
        field: None,
        sv: "Skicka formuläret som multipart/form-data.".into(),
        en: "Send the form as multipart/form-data.".into(),
    })?;
    let multi = crate::upload::read(mp).await?;
    let f = DecisionForm::of(|k| multi.get(k));
    let parsed = f.parse(app.store.today(), on_behalf);
    let file = if multi.has_file() { multi.file().map(Some) } else { Ok(None) };
    let result = match (parsed, file) {
        (Ok(input), Ok(file)) => record(&app, &ctx, &m, org, &input, file).await,
        (Err(mut i), Err(e)) => {
            i.0.extend(e.0);
            Err(i.into())
        }
        (Err(i), _) | (_, Err(i)) => Err(i.into()),
    };
    match result {
        Ok(m) => Ok(Redirect::to(&format!("/samverkan/{}?klart=sparat#org-{org}", m.id)).into_response()),
        Err(e) => page(&ctx, m, org, on_behalf, f, Some(&reshown(e)?)),
    }
}

const FIELDS: &[&str] = &["decided_on", "body", "paragraph", "text", "outcome", "note"];

pub async fn api(
    State(app): State<App>,
    ctx: Ctx,
    PartyPath(m, org): PartyPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    let on_behalf = recorder(&app, &ctx, &m, org).await?;
    let mut j = JsonInput::parse(&headers, &body, FIELDS)?;
    let f = DecisionForm::of(|k| j.str(k));
    j.finish()?;
    let input = f.parse(app.store.today(), on_behalf)?;
    let m = record(&app, &ctx, &m, org, &input, None).await?;
    Ok(Json(m).into_response())
}
