//! The stakeholder analysis of a process: the grid of influence × interest as a table (each
//! cell names its stakeholders) and a small SVG of the same, the list with who was invited and
//! who took part; its owners add stakeholders (the form re-shown with its errors). Its JSON.

use askama::Template;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chart::xml::esc;
use domain::named::Named;
use domain::processes::{Level, ParticipantKind, StakeholderFields, StakeholderStrategy};
use serde_json::json;
use store::processes::{Process, Stakeholder};

use super::ProcessPath;
use super::access::{is_owner, require_owner};
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::forms::{Pairs, reshown};
use crate::json::JsonInput;
use crate::pages::{Chrome, render};

/// The operation: an owner adds a stakeholder.
pub async fn create(app: &App, ctx: &Ctx, x: &Process, f: &StakeholderFields) -> AppResult<i64> {
    require_owner(app, ctx, x).await?;
    let input = f.parse()?;
    Ok(app.store.save_stakeholder(x.id, None, &input, &ctx.actor()).await?)
}

/// The grid's cell of `(influence, interest)`, high influence on top.
pub fn cell(all: &[Stakeholder], influence: u8, interest: u8) -> Vec<&Stakeholder> {
    all.iter().filter(|s| s.influence.0 == influence && s.interest.0 == interest).collect()
}

/// The grid as a small SVG: one dot per stakeholder in its cell, the quadrants shaded.
pub fn grid_svg(all: &[Stakeholder], title: &str, x_label: &str, y_label: &str) -> String {
    let (size, left, top) = (60.0, 40.0, 10.0);
    let w = left + size * 4.0 + 10.0;
    let h = top + size * 4.0 + 36.0;
    let mut out = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="grid-title" font-family="sans-serif" font-size="12"><title id="grid-title">{}</title><rect width="{w}" height="{h}" fill="#ffffff"/>"##,
        esc(title)
    );
    for inf in 1..=4u8 {
        for int in 1..=4u8 {
            let x = left + size * f64::from(int - 1);
            let y = top + size * f64::from(4 - inf);
            let fill = match StakeholderStrategy::of(Level(int), Level(inf)) {
                StakeholderStrategy::ManageClosely => "#dbe7f3",
                StakeholderStrategy::KeepSatisfied => "#eef3f8",
                StakeholderStrategy::KeepInformed => "#f3f7ee",
                StakeholderStrategy::Monitor => "#f7f7f7",
            };
            out.push_str(&format!(
                r##"<rect x="{x}" y="{y}" width="{size}" height="{size}" fill="{fill}" stroke="#767676"/>"##
            ));
            for (i, _) in cell(all, inf, int).iter().enumerate().take(9) {
                let cx = x + 12.0 + 18.0 * (i % 3) as f64;
                let cy = y + 12.0 + 18.0 * (i / 3) as f64;
                out.push_str(&format!(r##"<circle cx="{cx}" cy="{cy}" r="6" fill="#1b4f8a"/>"##));
            }
        }
    }
    out.push_str(&format!(
        r##"<text x="{}" y="{}" text-anchor="middle" fill="#1a1a1a">{}</text><text x="12" y="{}" text-anchor="middle" fill="#1a1a1a" transform="rotate(-90 12 {})">{}</text></svg>"##,
        left + size * 2.0,
        top + size * 4.0 + 24.0,
        esc(x_label),
        top + size * 2.0,
        top + size * 2.0,
        esc(y_label)
    ));
    out
}

#[derive(Template)]
#[template(path = "processes/stakeholders.html")]
struct Page {
    p: Chrome,
    x: Process,
    all: Vec<Stakeholder>,
    owner: bool,
    svg: String,
    f: StakeholderFields,
    organisations: Vec<Named>,
    kinds: Vec<(&'static str, String)>,
}

impl Page {
    fn cell(&self, influence: &u8, interest: &u8) -> Vec<&Stakeholder> {
        cell(&self.all, *influence, *interest)
    }
}

async fn show(
    app: &App,
    ctx: &Ctx,
    x: Process,
    f: StakeholderFields,
    invalid: Option<&domain::Invalid>,
) -> AppResult<Response> {
    let owner = is_owner(app, ctx, &x).await?;
    let all = app.store.stakeholders(x.id).await?;
    let t = |k| crate::i18n::text(ctx.lang, k);
    let svg = grid_svg(&all, t("process.grid"), t("process.interest"), t("process.influence"));
    let (p, status) = Chrome::new(ctx, format!("{} – {}", t("process.stakeholders"), x.title)).form(invalid);
    let organisations = if owner { super::organisations(app).await? } else { Vec::new() };
    let kinds = ParticipantKind::ALL.iter().map(|k| (k.as_str(), k.key())).collect();
    let page = Page { p, x, all, owner, svg, f, organisations, kinds };
    Ok((status, render(&page)?).into_response())
}

pub async fn page(State(app): State<App>, ctx: Ctx, ProcessPath(x): ProcessPath) -> AppResult<Response> {
    let f = StakeholderFields { interest: "2".into(), influence: "2".into(), ..Default::default() };
    show(&app, &ctx, x, f, None).await
}

pub async fn form_post(
    State(app): State<App>,
    ctx: Ctx,
    ProcessPath(x): ProcessPath,
    form: Pairs,
) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    let f = StakeholderFields {
        organisation_id: form.get("organisation_id"),
        name: form.get("name"),
        kind: form.get("kind"),
        interest: form.get("interest"),
        influence: form.get("influence"),
        invited: form.get("invited") == "on",
        took_part: form.get("took_part") == "on",
        note: form.get("note"),
    };
    match create(&app, &ctx, &x, &f).await {
        Ok(_) => Ok(Redirect::to(&format!("/processer/{}/intressenter?klart=sparat", x.id)).into_response()),
        Err(e) => show(&app, &ctx, x, f, Some(&reshown(e)?)).await,
    }
}

pub async fn api(State(app): State<App>, ProcessPath(x): ProcessPath) -> AppResult<Response> {
    Ok(Json(json!({"items": app.store.stakeholders(x.id).await?})).into_response())
}

pub async fn create_api(
    State(app): State<App>,
    ctx: Ctx,
    ProcessPath(x): ProcessPath,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    require_owner(&app, &ctx, &x).await?;
    let fields = ["organisation_id", "name", "kind", "interest", "influence", "invited", "took_part", "note"];
    let mut j = JsonInput::parse(&headers, &body, &fields)?;
    let text = |v: Option<i64>| v.map(|i| i.to_string()).unwrap_or_default();
    let f = StakeholderFields {
        organisation_id: text(j.id("organisation_id")),
        name: j.str("name"),
        kind: j.str("kind"),
        interest: text(j.int("interest")),
        influence: text(j.int("influence")),
        invited: j.bool("invited").unwrap_or(false),
        took_part: j.bool("took_part").unwrap_or(false),
        note: j.str("note"),
    };
    j.finish()?;
    let id = create(&app, &ctx, &x, &f).await?;
    let s = app.store.stakeholders(x.id).await?.into_iter().find(|s| s.id == id);
    Ok((StatusCode::CREATED, Json(s)).into_response())
}
