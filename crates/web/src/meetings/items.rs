//! An agenda item as pages show it and as its form and JSON give it: the numbered view, the
//! kinds to choose from, and the parsing into the domain's input.

use axum::body::Bytes;
use axum::http::HeaderMap;
use domain::Invalid;
use domain::error::Lang;
use domain::meetings::{AgendaItemFields, AgendaItemInput, ItemKind};
use serde::Deserialize;
use store::meetings::AgendaItem;

use super::parts::time_span;
use crate::error::AppResult;
use crate::json::JsonInput;

/// An agenda item as the meeting page and the notice show it.
pub struct ItemView {
    pub it: AgendaItem,
    pub number: usize,
    pub kind: &'static str,
    pub time: String,
    pub first: bool,
    pub last: bool,
    /// The registered case its number names, if any (the registry, issue 11).
    pub case_id: Option<i64>,
}

pub fn item_views(items: Vec<AgendaItem>, lang: Lang) -> Vec<ItemView> {
    let n = items.len();
    items
        .into_iter()
        .enumerate()
        .map(|(i, it)| ItemView {
            number: i + 1,
            kind: it.kind.label(lang),
            time: time_span(&it.starts_at, &it.ends_at),
            first: i == 0,
            last: i + 1 == n,
            case_id: None,
            it,
        })
        .collect()
}

/// Links each item whose case number names a registered case to it.
pub async fn link_cases(app: &crate::App, views: &mut [ItemView]) -> AppResult<()> {
    let numbers: Vec<&str> = views.iter().filter_map(|v| v.it.case_number.as_deref()).collect();
    let cases = app.store.registered_cases(&numbers).await?;
    for v in views {
        v.case_id = v.it.case_number.as_ref().and_then(|n| cases.get(n).copied());
    }
    Ok(())
}

/// (value, label) of every kind of item.
pub fn item_kinds(lang: Lang) -> Vec<(&'static str, &'static str)> {
    ItemKind::ALL.iter().map(|k| (k.as_str(), k.label(lang))).collect()
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ItemForm {
    pub title: String,
    pub kind: String,
    pub case_number: String,
    pub presenters: String,
    /// One more presenter, picked from the people suggested (`<datalist>`), added as a line.
    pub presenter_add: String,
    pub description: String,
    pub starts_at: String,
    pub ends_at: String,
    /// Makes a retried post add one item.
    pub idempotency_key: String,
}

impl ItemForm {
    pub fn of(a: &AgendaItem) -> ItemForm {
        ItemForm {
            title: a.title.clone(),
            kind: a.kind.as_str().into(),
            case_number: a.case_number.clone().unwrap_or_default(),
            presenters: a.presenters.join("\n"),
            presenter_add: String::new(),
            description: a.description.clone().unwrap_or_default(),
            starts_at: a.starts_at.clone().unwrap_or_default(),
            ends_at: a.ends_at.clone().unwrap_or_default(),
            idempotency_key: String::new(),
        }
    }

    pub fn parse(&self) -> Result<AgendaItemInput, Invalid> {
        let presenters = match self.presenter_add.trim() {
            "" => self.presenters.clone(),
            add => format!("{}\n{add}", self.presenters),
        };
        AgendaItemInput::parse(&AgendaItemFields {
            title: &self.title,
            kind: &self.kind,
            case_number: &self.case_number,
            presenters: &presenters,
            description: &self.description,
            starts_at: &self.starts_at,
            ends_at: &self.ends_at,
        })
    }

    /// The idempotency key the form carries, if any.
    pub fn key(&self) -> Option<&str> {
        Some(self.idempotency_key.as_str()).filter(|k| !k.is_empty())
    }
}

const FIELDS: &[&str] = &["title", "kind", "case_number", "presenters", "description", "starts_at", "ends_at"];

/// The same input from a JSON body (presenters as a list).
pub fn parse_json(headers: &HeaderMap, body: &Bytes) -> AppResult<AgendaItemInput> {
    let mut j = JsonInput::parse(headers, body, FIELDS)?;
    let (title, kind, case_number, description) =
        (j.str("title"), j.str("kind"), j.str("case_number"), j.str("description"));
    let (presenters, starts_at, ends_at) = (j.strings("presenters").join("\n"), j.str("starts_at"), j.str("ends_at"));
    j.finish()?;
    Ok(AgendaItemInput::parse(&AgendaItemFields {
        title: &title,
        kind: &kind,
        case_number: &case_number,
        presenters: &presenters,
        description: &description,
        starts_at: &starts_at,
        ends_at: &ends_at,
    })?)
}

/// "Lägg till flera punkter": one title a line, all of one kind.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ManyForm {
    pub titles: String,
    pub kind: String,
    /// Makes a retried post add the items once.
    pub idempotency_key: String,
}
