//! The compilation of a process's published inputs that feeds the drafting of the strategy:
//! grouped by question, by strategy area and by kind of participant (the domain's
//! `compilation`), as HTML, as tagged PDF (the `pdf` crate, as the referrals' report) and JSON.
//! Only published inputs, in their masked text: the compilation is as public as the process.

use ::pdf::{Block, Document};
use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::error::Lang;
use domain::processes::Moderation;
use domain::processes::compilation::{by_area, by_kind, by_question};
use serde_json::json;
use store::processes::{InputRecord, Process};

use super::ProcessPath;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::i18n::text;
use crate::pages::{Chrome, render};

/// One group: its heading and its inputs' texts with their kind of participant.
pub struct Group {
    pub heading: String,
    pub inputs: Vec<(String, String)>,
}

/// The three groupings, each a heading and its groups.
pub struct View {
    pub total: usize,
    pub sections: Vec<(String, Vec<Group>)>,
}

pub async fn view(app: &App, x: &Process, lang: Lang) -> AppResult<View> {
    let inputs: Vec<InputRecord> = app.store.process_inputs(x.id, Some(Moderation::Published)).await?;
    let areas = super::inputs::areas(app, x).await?;
    let t = |k: &str| text(lang, k).to_string();
    let line = |i: usize| {
        let r = &inputs[i];
        let who = match &r.organisation_name {
            Some(o) if r.kind != domain::processes::ParticipantKind::Resident => format!("{} ({o})", t(&r.kind.key())),
            _ => t(&r.kind.key()),
        };
        (who, r.published_text.clone().unwrap_or_default())
    };
    let group = |heading: String, idx: &Vec<usize>| Group { heading, inputs: idx.iter().map(|i| line(*i)).collect() };
    let questions = by_question(&inputs)
        .iter()
        .map(|(q, idx)| {
            let h = q
                .and_then(|q| x.questions.iter().find(|x| x.id == q))
                .map_or_else(|| t("process.no_question"), |q| format!("{}. {}", q.position, q.text));
            group(h, idx)
        })
        .collect();
    let by_areas = by_area(&inputs)
        .iter()
        .map(|(a, idx)| {
            let h = a
                .and_then(|a| areas.iter().find(|n| n.id == a))
                .map_or_else(|| t("process.no_area"), |n| n.name.trim_start_matches("– ").to_string());
            group(h, idx)
        })
        .collect();
    let kinds =
        by_kind(&inputs).iter().map(|(k, idx)| group(k.map(|k| t(&k.key())).unwrap_or_default(), idx)).collect();
    Ok(View {
        total: inputs.len(),
        sections: vec![
            (t("process.by_question"), questions),
            (t("process.by_area"), by_areas),
            (t("process.by_kind"), kinds),
        ],
    })
}

#[derive(Template)]
#[template(path = "processes/compilation.html")]
struct Page {
    p: Chrome,
    x: Process,
    v: View,
}

pub async fn page(State(app): State<App>, ctx: Ctx, ProcessPath(x): ProcessPath) -> AppResult<Response> {
    let v = view(&app, &x, ctx.lang).await?;
    let p = Chrome::new(&ctx, format!("{} – {}", text(ctx.lang, "process.compilation"), x.title));
    Ok(render(&Page { p, x, v })?.into_response())
}

pub fn document(x: &Process, v: &View, lang: Lang) -> Document {
    let title = format!("{} – {}", text(lang, "process.compilation"), x.title);
    let mut blocks = vec![
        Block::Heading { level: 1, text: title.clone() },
        Block::Field { label: text(lang, "process.owner").into(), value: x.owner.name.clone() },
        Block::Field { label: text(lang, "process.inputs_count").into(), value: v.total.to_string() },
    ];
    for (heading, groups) in &v.sections {
        blocks.push(Block::Heading { level: 2, text: heading.clone() });
        for g in groups {
            blocks.push(Block::Heading { level: 3, text: format!("{} ({})", g.heading, g.inputs.len()) });
            for (who, body) in &g.inputs {
                blocks.push(Block::Field { label: who.clone(), value: body.clone() });
            }
        }
    }
    Document {
        title,
        lang: if lang == Lang::Sv { "sv-SE" } else { "en-GB" }.into(),
        header: Some(x.title.clone()),
        footer_page_label: if lang == Lang::Sv { "Sida {page} av {pages}" } else { "Page {page} of {pages}" }.into(),
        blocks,
        ..Default::default()
    }
}

pub async fn pdf(State(app): State<App>, ctx: Ctx, ProcessPath(x): ProcessPath) -> AppResult<Response> {
    let v = view(&app, &x, ctx.lang).await?;
    let doc = crate::branding::branded(&app, document(&x, &v, ctx.lang)).await;
    Ok(crate::download::pdf_response(::pdf::render(&doc), &format!("sammanstallning-{}", x.id)))
}

pub async fn api(State(app): State<App>, ctx: Ctx, ProcessPath(x): ProcessPath) -> AppResult<Response> {
    let v = view(&app, &x, ctx.lang).await?;
    let sections: Vec<_> = v
        .sections
        .iter()
        .map(|(h, gs)| {
            json!({"heading": h, "groups": gs.iter().map(|g| json!({"heading": g.heading, "count": g.inputs.len(),
                "inputs": g.inputs.iter().map(|(who, t)| json!({"from": who, "text": t})).collect::<Vec<_>>()})).collect::<Vec<_>>()})
        })
        .collect();
    Ok(Json(json!({"total": v.total, "sections": sections})).into_response())
}
