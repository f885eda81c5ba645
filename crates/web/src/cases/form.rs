//! The registry's forms as typed: a case, a document; their parsing into the domain's inputs
//! from the form and from JSON.

use axum::body::Bytes;
use axum::http::HeaderMap;
use domain::cases::{CaseInput, DocumentFields, DocumentInput};
use serde::Deserialize;
use time::Date;

use crate::error::AppResult;
use crate::json::JsonInput;

/// The case form's fields, as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct CaseForm {
    pub organisation_id: String,
    pub internal_title: String,
    pub public_title: String,
    pub responsible: String,
    pub body_id: String,
    pub idempotency_key: String,
}

impl CaseForm {
    pub fn parse(&self) -> Result<CaseInput, domain::Invalid> {
        CaseInput::parse(
            &self.organisation_id,
            &self.internal_title,
            &self.public_title,
            &self.responsible,
            &self.body_id,
        )
    }
}

const CASE_FIELDS: &[&str] = &["organisation_id", "internal_title", "public_title", "responsible", "body_id"];

/// A case from a JSON body.
pub fn case_json(headers: &HeaderMap, body: &Bytes) -> AppResult<CaseInput> {
    let mut j = JsonInput::parse(headers, body, CASE_FIELDS)?;
    let org = j.id("organisation_id").map(|i| i.to_string()).unwrap_or_default();
    let body_id = j.id("body_id").map(|i| i.to_string()).unwrap_or_default();
    let (internal, public, responsible) = (j.str("internal_title"), j.str("public_title"), j.str("responsible"));
    j.finish()?;
    Ok(CaseInput::parse(&org, &internal, &public, &responsible, &body_id)?)
}

/// The document form's fields, as typed (the file travels beside them).
#[derive(Clone, Debug, Default)]
pub struct DocumentForm {
    pub direction: String,
    pub document_date: String,
    pub counterpart: String,
    pub description: String,
    pub secrecy_provision: String,
    pub secrecy_until: String,
    pub idempotency_key: String,
}

impl DocumentForm {
    pub fn of(mut get: impl FnMut(&str) -> String) -> DocumentForm {
        DocumentForm {
            direction: get("direction"),
            document_date: get("document_date"),
            counterpart: get("counterpart"),
            description: get("description"),
            secrecy_provision: get("secrecy_provision"),
            secrecy_until: get("secrecy_until"),
            idempotency_key: get("idempotency_key"),
        }
    }

    pub fn parse(&self, today: Date) -> Result<DocumentInput, domain::Invalid> {
        DocumentInput::parse(
            DocumentFields {
                direction: &self.direction,
                document_date: &self.document_date,
                counterpart: &self.counterpart,
                description: &self.description,
                secrecy_provision: &self.secrecy_provision,
                secrecy_until: &self.secrecy_until,
            },
            today,
        )
    }
}

const DOCUMENT_FIELDS: &[&str] =
    &["direction", "document_date", "counterpart", "description", "secrecy_provision", "secrecy_until"];

/// A document from a JSON body.
pub fn document_json(headers: &HeaderMap, body: &Bytes, today: Date) -> AppResult<DocumentInput> {
    let mut j = JsonInput::parse(headers, body, DOCUMENT_FIELDS)?;
    let f = DocumentForm::of(|k| j.str(k));
    j.finish()?;
    Ok(f.parse(today)?)
}
