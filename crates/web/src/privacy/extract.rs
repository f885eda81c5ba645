//! The register extract (registerutdrag, GDPR art. 15) of one person, for an administrator to
//! hand over: the personal data kept, where it is used, why, for how long, and the person's
//! rights, as a page and a PDF that say the same thing (`/personer/{id}/registerutdrag[.pdf]`).

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use domain::error::Lang;
use store::privacy::Places;

use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::i18n::text;
use crate::pages::{Chrome, render};
use crate::people::PersonPath;

/// One part of the extract: a heading and its lines.
pub struct Section {
    pub title: &'static str,
    pub lines: Vec<String>,
}

/// The extract as both faces show it.
pub struct Extract {
    pub name: String,
    /// The day it was made (the store's clock).
    pub date: String,
    pub facts: Vec<(&'static str, String)>,
    pub sections: Vec<Section>,
    /// Why the data is kept, for how long and the person's rights (art. 15.1 a–h), as headings
    /// and texts in the reader's language.
    pub notes: Vec<(&'static str, &'static str)>,
}

fn lines<T>(items: &[T], f: impl Fn(&T) -> String) -> Vec<String> {
    items.iter().map(f).collect()
}

impl Extract {
    pub fn new(places: &Places, today: time::Date, lang: Lang) -> Extract {
        let t = |k| text(lang, k);
        let v = &places.person;
        let none = || "–".to_string();
        let mut facts = vec![("person.name", v.person.name.clone())];
        facts.push(("person.title", v.person.title.clone().unwrap_or_else(none)));
        facts.push(("person.party", v.person.party.clone().unwrap_or_else(none)));
        facts.push(("person.organisation", v.organisation_name.clone().unwrap_or_else(none)));
        facts.push(("person.email", v.person.email.clone().unwrap_or_else(none)));
        facts.push(("person.phone", v.person.phone.clone().unwrap_or_else(none)));
        if let Some(r) = &places.removal {
            facts.push(("privacy.removed", format!("{} ({})", crate::admin::fmt_time(&r.removed_at), r.reason)));
        }
        let sections = vec![
            Section {
                title: "person.assignments",
                lines: lines(&places.memberships, |m| {
                    let end = m.end_date.map(|d| d.to_string()).unwrap_or_default();
                    format!("{}: {}, {} – {end}", m.body_name, m.role, m.start_date)
                }),
            },
            Section {
                title: "privacy.attendance",
                lines: lines(&places.attendance, |a| format!("{} {}: {}", a.body_name, a.date, a.role)),
            },
            Section {
                title: "privacy.protocols",
                lines: lines(&places.protocols, |x| {
                    format!("{} {}, {} {}", x.body_name, x.date, t("protocol.version"), x.version)
                }),
            },
            Section {
                title: "privacy.approvals",
                lines: lines(&places.approvals, |x| {
                    format!("{} {}: {}", t("protocol.version"), x.version, crate::admin::fmt_time(&x.approved_at))
                }),
            },
            Section {
                title: "privacy.messages",
                lines: lines(&places.messages, |x| {
                    format!("{} ({})", x.subject, crate::admin::fmt_time(&x.created_at))
                }),
            },
            Section {
                title: "privacy.answers",
                lines: lines(&places.answers, |x| match x.submitted_on {
                    Some(d) => format!("{}: {} ({d})", x.referral_title, x.respondent_name),
                    None => format!("{}: {}", x.referral_title, x.respondent_name),
                }),
            },
            Section {
                title: "privacy.inputs",
                lines: lines(&places.inputs, |x| {
                    format!("{}: {} ({})", x.process_title, x.status, crate::admin::fmt_time(&x.received_at))
                }),
            },
            Section {
                title: "privacy.survey_responses",
                lines: lines(&places.survey_responses, |x| match &x.submitted_at {
                    Some(at) => format!("{}: {} ({})", x.survey_title, x.status, crate::admin::fmt_time(at)),
                    None => format!("{}: {}", x.survey_title, x.status),
                }),
            },
            Section {
                title: "privacy.accounts",
                lines: lines(&places.accounts, |x| format!("{} ({})", x.name, x.email)),
            },
        ];
        let notes = [
            ("privacy.purpose_title", "privacy.purpose"),
            ("privacy.basis_title", "privacy.basis"),
            ("privacy.recipients_title", "privacy.recipients"),
            ("privacy.storage_title", "privacy.storage"),
            ("privacy.rights_title", "privacy.rights"),
        ]
        .into_iter()
        .map(|(title, body)| (t(title), t(body)))
        .collect();
        Extract { name: v.person.name.clone(), date: today.to_string(), facts, sections, notes }
    }

    /// The extract as a tagged PDF.
    pub fn document(&self, lang: Lang) -> ::pdf::Document {
        use ::pdf::Block;
        let t = |k| text(lang, k).to_string();
        let title = format!("{} – {}", t("privacy.extract"), self.name);
        let mut blocks = vec![Block::Heading { level: 1, text: title.clone() }];
        blocks.push(Block::Paragraph(format!("{} {}", t("privacy.extract_date"), self.date)));
        blocks.push(Block::Heading { level: 2, text: t("privacy.register") });
        blocks.extend(self.facts.iter().map(|(k, v)| Block::Field { label: t(k), value: v.clone() }));
        for s in &self.sections {
            blocks.push(Block::Heading { level: 2, text: format!("{} ({})", t(s.title), s.lines.len()) });
            if !s.lines.is_empty() {
                blocks.push(Block::List(s.lines.clone()));
            }
        }
        for (title, body) in &self.notes {
            blocks.push(Block::Heading { level: 2, text: title.to_string() });
            blocks.push(Block::Paragraph(body.to_string()));
        }
        ::pdf::Document {
            title,
            lang: if lang == Lang::Sv { "sv-SE" } else { "en-GB" }.into(),
            blocks,
            ..Default::default()
        }
    }
}

#[derive(Template)]
#[template(path = "privacy/extract.html")]
struct ExtractPage {
    p: Chrome,
    person_id: i64,
    x: Extract,
}

pub async fn page(State(app): State<App>, ctx: Ctx, PersonPath(v): PersonPath) -> AppResult<Response> {
    ctx.require_admin()?;
    let places = app.store.personal_data_places(v.person.id).await?;
    let x = Extract::new(&places, app.store.today(), ctx.lang);
    let p = Chrome::new(&ctx, format!("{} – {}", text(ctx.lang, "privacy.extract"), x.name));
    Ok(render(&ExtractPage { p, person_id: v.person.id.0, x })?.into_response())
}

pub async fn pdf(State(app): State<App>, ctx: Ctx, PersonPath(v): PersonPath) -> AppResult<Response> {
    ctx.require_admin()?;
    let places = app.store.personal_data_places(v.person.id).await?;
    let x = Extract::new(&places, app.store.today(), ctx.lang);
    let bytes = ::pdf::render(&crate::branding::branded(&app, x.document(ctx.lang)).await);
    Ok(crate::download::pdf_response(bytes, &format!("registerutdrag-{}", v.person.id)))
}
