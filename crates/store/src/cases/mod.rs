//! The registry (diarium, issue 11): number series and registrars per organisation, cases
//! numbered inside the transaction that registers them, and the documents registered in them.
//!
//! - `series`: an organisation's prefix and its registrars (ADR 33).
//! - `case`: registering a case (its number taken from the series in the same transaction, so
//!   no two cases share a number and no number is skipped, ADR 32), loading and listing cases,
//!   changing their status.
//! - `documents`: registering a document in a case (numbered within the case, dated by the
//!   store's clock), with its files and secrecy marking.
//! - `grants`: who besides the registrars may read a case's secret documents (ADR 54).
//! - `handling`: the agenda items and paragraphs that name a case's number.
//! - `requests`: requests for official documents and the registrars' queue (ADR 48).
//! - `routing`: the case's path through the consultation structure (seed 001 § 6.2): its
//!   traits, the proposed steps with their statuses, and the deviations with their reasons.
//! - `index`: what search finds of a document (its description only when public; a secret
//!   one's number and date only). This file holds what they share: the case's row, loading it
//!   in a transaction, and `refresh_case`, which every write calls to re-index a case.

mod archive;
mod case;
mod documents;
mod grants;
mod handling;
mod index;
mod requests;
mod routing;
mod series;

pub use archive::ArchiveReads;
pub use case::CaseFilter;
pub(crate) use documents::register_in;
pub use documents::{CaseDocument, DocumentFile, NewDocumentFile};
pub use domain::cases::{Case, CaseInput, CaseStatus, Direction, DocumentInput, Prefix, Secrecy};
pub use grants::SecrecyGrant;
pub use handling::Handling;
pub(crate) use handling::check_case_link;
pub use requests::{DocumentRequest, REQUEST_MAIL_JOB};
pub use routing::{CaseRoute, RouteDeviation, RouteHandling, RouteStep, parse_step_code, step_code};
pub use series::{Registrar, Series};

use documents::documents_in;
use domain::cases::CaseNumber;
use domain::ids::{BodyId, CaseId, OrganisationId};
use domain::search::Searchable;
use index::PublicDocument;
use time::Date;

use crate::search::index;
use crate::{Result, StoreError, Tx, on_tx};

#[derive(sqlx::FromRow)]
pub(super) struct Row {
    id: i64,
    organisation_id: i64,
    prefix: String,
    year: i64,
    seq: i64,
    internal_title: String,
    public_title: String,
    status: String,
    responsible: Option<String>,
    body_id: Option<i64>,
    opened_on: Date,
    documents: i64,
}

impl Row {
    pub(super) fn into_domain(self) -> Result<Case> {
        let number: CaseNumber =
            format!("{} {}/{}", self.prefix, self.year, self.seq).parse().map_err(domain::Invalid::one)?;
        Ok(Case {
            id: CaseId(self.id),
            organisation_id: OrganisationId(self.organisation_id),
            number,
            internal_title: self.internal_title,
            public_title: self.public_title,
            status: CaseStatus::parse(&self.status).unwrap_or_default(),
            responsible: self.responsible,
            body_id: self.body_id.map(BodyId),
            opened_on: self.opened_on,
            documents: self.documents,
        })
    }
}

pub(super) const COLS: &str = "c.id, c.organisation_id, c.prefix, c.year, c.seq, c.internal_title, c.public_title, \
     c.status, c.responsible, c.body_id, c.opened_on, c.documents";

pub(super) async fn fetch(tx: &mut Tx, id: CaseId) -> Result<Case> {
    let sql = format!("SELECT {COLS} FROM cases c WHERE c.id = $1");
    let row =
        on_tx!(tx, |c| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.as_str())).bind(id.0).fetch_optional(c).await)?;
    row.ok_or(StoreError::NotFound)?.into_domain()
}

/// Re-indexes a case and its documents (all owned by "case:{id}").
pub(crate) async fn refresh_case(tx: &mut Tx, id: CaseId) -> Result<()> {
    let owner = format!("case:{id}");
    on_tx!(tx, |c| sqlx::query("DELETE FROM search_documents WHERE owner = $1")
        .bind(&owner)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    let case = match fetch(tx, id).await {
        Ok(c) => c,
        Err(StoreError::NotFound) => return Ok(()),
        Err(e) => return Err(e),
    };
    index(tx, &owner, &case.search_document()).await?;
    let today = domain::meetings::calendar::swedish_date(tx.now);
    for d in documents_in(tx, id).await? {
        index(tx, &owner, &PublicDocument { case: &case, d: &d, today }.search_document()).await?;
    }
    Ok(())
}
