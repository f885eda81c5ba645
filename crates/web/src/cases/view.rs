//! What a reader sees of a case and its documents, the same for the page and the JSON: the
//! public sees a secret document's number and registration day and that it is secret, nothing
//! more (OSL 5 kap. 1–3 §§); the organisation's registrars and administrators see everything, and
//! a person they granted reading (ADR 54) sees the document in full, not the marking's details.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use domain::cases::{Case, CaseStatus, Direction, Reader};
use serde::Serialize;
use store::cases::CaseDocument;
use time::Date;

use crate::App;

#[derive(Clone, Debug, Serialize)]
pub struct CaseView {
    pub id: i64,
    pub number: String,
    pub organisation_id: i64,
    pub organisation: String,
    pub public_title: String,
    /// Only for the organisation's registrars.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internal_title: Option<String>,
    pub status: CaseStatus,
    pub responsible: Option<String>,
    pub body_id: Option<i64>,
    pub body: Option<String>,
    #[serde(with = "domain::dates::ymd")]
    pub opened_on: Date,
    pub documents: i64,
    pub url: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct FileView {
    pub id: i64,
    pub file_name: String,
    pub size: i64,
    pub mime: String,
    pub url: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct DocumentView {
    pub id: i64,
    pub number: i64,
    pub full_number: String,
    #[serde(with = "domain::dates::ymd")]
    pub registered_on: Date,
    /// Whether a secrecy marking applies today.
    pub secret: bool,
    /// The rest only when the reader may see it (always, unless secret).
    pub direction: Option<Direction>,
    #[serde(with = "domain::dates::ymd::option")]
    pub document_date: Option<Date>,
    pub counterpart: Option<String>,
    pub description: Option<String>,
    /// The provision and last day of a marking, for registrars.
    pub secrecy_provision: Option<String>,
    #[serde(with = "domain::dates::ymd::option")]
    pub secrecy_until: Option<Date>,
    pub secrecy_set_by: Option<String>,
    pub files: Vec<FileView>,
}

/// The address a document's file is downloaded from.
pub fn file_href(id: i64, file_name: &str) -> String {
    format!("/diarium/filer/{id}/{}", crate::pages::url_encode(file_name).replace('/', "%2F"))
}

/// A case as its reader sees it (`registrar`: the internal title too).
pub async fn case_view(app: &App, c: &Case, registrar: bool) -> crate::error::AppResult<CaseView> {
    Names::default().view(app, c, registrar).await
}

/// The names of the organisations and bodies of the cases a list shows, each read once for the
/// list rather than twice per case.
#[derive(Default)]
pub struct Names {
    organisations: HashMap<i64, String>,
    bodies: HashMap<i64, Option<String>>,
}

impl Names {
    pub async fn view(&mut self, app: &App, c: &Case, registrar: bool) -> crate::error::AppResult<CaseView> {
        let org = c.organisation_id;
        if let Entry::Vacant(e) = self.organisations.entry(org.0) {
            e.insert(app.store.organisation(org).await?.map(|o| o.name).unwrap_or_default());
        }
        let body = match c.body_id {
            Some(b) => {
                if let Entry::Vacant(e) = self.bodies.entry(b.0) {
                    e.insert(app.store.body(b).await?.map(|b| b.name));
                }
                self.bodies[&b.0].clone()
            }
            None => None,
        };
        Ok(CaseView {
            id: c.id.0,
            number: c.number.to_string(),
            organisation_id: org.0,
            organisation: self.organisations[&org.0].clone(),
            public_title: c.public_title.clone(),
            internal_title: registrar.then(|| c.internal_title.clone()),
            status: c.status,
            responsible: c.responsible.clone(),
            body_id: c.body_id.map(|b| b.0),
            body,
            opened_on: c.opened_on,
            documents: c.documents,
            url: format!("{}/diarium/{}", app.config.site_url.trim_end_matches('/'), c.id),
        })
    }
}

/// A document as `reader` may see it on `today` (the rule of ADR 54); the marking's details are
/// for registrars only.
pub fn document_view(d: &CaseDocument, reader: &Reader, today: Date) -> DocumentView {
    let secret = d.secrecy.as_ref().is_some_and(|s| s.applies(today));
    let shown = reader.may_read(d.id, d.secrecy.as_ref(), today);
    let registrar = reader.registrar;
    DocumentView {
        id: d.id.0,
        number: d.number,
        full_number: d.full_number.clone(),
        registered_on: d.registered_on,
        secret,
        direction: shown.then_some(d.direction),
        document_date: shown.then_some(d.document_date),
        counterpart: if shown { d.counterpart.clone() } else { None },
        description: shown.then(|| d.description.clone()),
        secrecy_provision: if registrar { d.secrecy.as_ref().map(|s| s.provision.to_string()) } else { None },
        secrecy_until: if registrar { d.secrecy.as_ref().and_then(|s| s.until) } else { None },
        secrecy_set_by: if registrar { d.secrecy.as_ref().map(|s| s.set_by.clone()) } else { None },
        files: if shown {
            d.files
                .iter()
                .map(|f| FileView {
                    id: f.id,
                    file_name: f.file_name.clone(),
                    size: f.size,
                    mime: f.mime.clone(),
                    url: file_href(f.id, &f.file_name),
                })
                .collect()
        } else {
            Vec::new()
        },
    }
}
