//! A paragraph's form, as the working copy's page shows and posts it and as the API sends it:
//! its fields as typed, and their parsing into the domain's input with the attachments it
//! refers to.

use axum::body::Bytes;
use axum::http::HeaderMap;
use domain::Invalid;
use domain::meetings::{ParagraphFields, ParagraphInput};
use store::meetings::ParagraphRow;

use crate::error::AppResult;
use crate::forms::Pairs;
use crate::json::JsonInput;

/// A paragraph's edit form as strings, so that any input can be shown again with its errors.
#[derive(Clone, Debug, Default)]
pub struct ParagraphForm {
    pub title: String,
    pub case_number: String,
    pub decision: String,
    pub summary: String,
    pub basis: String,
    pub recipients: String,
    pub attachments: Vec<i64>,
    pub immediate: bool,
}

impl ParagraphForm {
    pub fn of(r: &ParagraphRow) -> ParagraphForm {
        ParagraphForm {
            title: r.title.clone(),
            case_number: r.case_number.clone().unwrap_or_default(),
            decision: r.decision.clone(),
            summary: r.summary.clone().unwrap_or_default(),
            basis: r.basis.join("\n"),
            recipients: r.recipients.join("\n"),
            attachments: r.attachments.clone(),
            immediate: r.immediate,
        }
    }

    pub fn from_pairs(p: &Pairs) -> ParagraphForm {
        ParagraphForm {
            title: p.get("title"),
            case_number: p.get("case_number"),
            decision: p.get("decision"),
            summary: p.get("summary"),
            basis: p.get("basis"),
            recipients: p.get("recipients"),
            attachments: p.all("attachment").iter().filter_map(|a| a.parse().ok()).collect(),
            immediate: !p.get("immediate").is_empty(),
        }
    }

    pub fn parse(&self) -> Result<ParagraphInput, Invalid> {
        ParagraphInput::parse(&ParagraphFields {
            title: &self.title,
            case_number: &self.case_number,
            decision: &self.decision,
            summary: &self.summary,
            basis: &self.basis,
            recipients: &self.recipients,
            immediate: self.immediate,
        })
    }

    pub fn has_attachment(&self, id: &i64) -> bool {
        self.attachments.contains(id)
    }
}

const FIELDS: &[&str] =
    &["title", "case_number", "decision", "summary", "basis", "recipients", "immediate", "attachments"];

/// The same from a JSON body (basis and recipients as lists, attachments as ids).
pub fn parse_json(headers: &HeaderMap, body: &Bytes) -> AppResult<(ParagraphInput, Vec<i64>)> {
    let mut j = JsonInput::parse(headers, body, FIELDS)?;
    let (title, case_number, decision, summary) =
        (j.str("title"), j.str("case_number"), j.str("decision"), j.str("summary"));
    let (basis, recipients) = (j.strings("basis").join("\n"), j.strings("recipients").join("\n"));
    let (immediate, attachments) = (j.bool("immediate").unwrap_or(false), j.ids("attachments"));
    j.finish()?;
    let input = ParagraphInput::parse(&ParagraphFields {
        title: &title,
        case_number: &case_number,
        decision: &decision,
        summary: &summary,
        basis: &basis,
        recipients: &recipients,
        immediate,
    })?;
    Ok((input, attachments))
}
