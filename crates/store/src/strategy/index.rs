//! What search finds of the strategy model and the register (issue 10 and 13, ADR 20):
//!
//! - an adopted strategy by its name and vision (`/strategier/{id}`), and each node of its tree
//!   — an area, a sub-strategy, a goal — by its title and text, on the node's own page
//!   (`/strategier/{id}/delar/{node}`). A strategy being drawn up, and its nodes, are found by
//!   signed-in readers only, as its pages are shown (ADR 45). All are owned by "strategy:{id}", so a strategy's refresh replaces them at
//!   once; a node's own write re-indexes that node alone.
//! - a governing document by its title, kind, owner and summary, for everyone, like its page
//!   (`/styrdokument/{id}`).
//!
//! Every write that changes what is indexed calls the refresh of its thing in its transaction;
//! the register's organisations call `refresh_documents_of` when renamed.

use domain::search::{Kind, Readers, SearchDocument, Searchable};
use domain::strategy::{DocumentKind, StrategyStatus};
use time::Date;

use crate::{Result, Tx, on_tx};

/// The text indexed of one document, at most.
const TEXT_MAX: usize = 20_000;

/// A governing document's kind as a reader names it (the Swedish of `strategy.kind_*`).
fn kind_name(k: DocumentKind) -> &'static str {
    match k {
        DocumentKind::Strategy => "Strategi",
        DocumentKind::Programme => "Program",
        DocumentKind::Plan => "Plan",
        DocumentKind::Policy => "Policy",
        DocumentKind::Guideline => "Riktlinje",
        DocumentKind::Agenda => "Agenda",
    }
}

pub(super) struct IndexedStrategy {
    pub id: i64,
    pub title: String,
    pub vision: Option<String>,
    pub first_year: i32,
    /// Public once adopted; everyone signed in while drawn up.
    pub readers: Readers,
}

impl Searchable for IndexedStrategy {
    fn search_document(&self) -> SearchDocument {
        SearchDocument {
            kind: Kind::Strategy,
            ref_id: self.id,
            title: self.title.clone(),
            text: self.vision.as_deref().unwrap_or("").chars().take(TEXT_MAX).collect(),
            url: format!("/strategier/{}", self.id),
            body_id: None,
            year: Some(self.first_year),
            date: String::new(),
            readers: self.readers.clone(),
        }
    }
}

pub(super) struct IndexedNode {
    pub strategy_id: i64,
    pub first_year: i32,
    pub id: i64,
    pub title: String,
    pub description: Option<String>,
    pub readers: Readers,
}

impl Searchable for IndexedNode {
    fn search_document(&self) -> SearchDocument {
        SearchDocument {
            kind: Kind::StrategyNode,
            ref_id: self.id,
            title: self.title.clone(),
            text: self.description.as_deref().unwrap_or("").chars().take(TEXT_MAX).collect(),
            url: format!("/strategier/{}/delar/{}", self.strategy_id, self.id),
            body_id: None,
            year: Some(self.first_year),
            date: String::new(),
            readers: self.readers.clone(),
        }
    }
}

pub(super) struct IndexedDocument {
    pub id: i64,
    pub title: String,
    pub kind: DocumentKind,
    pub owner: String,
    pub summary: Option<String>,
    pub adopted_on: Option<Date>,
}

impl Searchable for IndexedDocument {
    fn search_document(&self) -> SearchDocument {
        let mut text = format!("{} · {}", kind_name(self.kind), self.owner);
        if let Some(s) = self.summary.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            text.push_str(" · ");
            text.push_str(s);
        }
        SearchDocument {
            kind: Kind::GoverningDocument,
            ref_id: self.id,
            title: self.title.clone(),
            text: text.chars().take(TEXT_MAX).collect(),
            url: format!("/styrdokument/{}", self.id),
            body_id: None,
            year: self.adopted_on.map(|d| d.year()),
            date: self.adopted_on.map(|d| d.to_string()).unwrap_or_default(),
            readers: Readers::Public,
        }
    }
}

/// The strategy's row as indexed: `None` when it is gone.
async fn indexed(tx: &mut Tx, id: i64) -> Result<Option<IndexedStrategy>> {
    let row: Option<(String, Option<String>, i64, String)> =
        on_tx!(tx, |c| sqlx::query_as("SELECT title, vision, first_year, status FROM strategies WHERE id = $1")
            .bind(id)
            .fetch_optional(c)
            .await)?;
    Ok(row.map(|(title, vision, first_year, status)| IndexedStrategy {
        id,
        title,
        vision,
        first_year: first_year as i32,
        readers: match StrategyStatus::parse(&status) {
            Some(StrategyStatus::Adopted) => Readers::Public,
            _ => Readers::SignedIn,
        },
    }))
}

/// Puts strategy `id` and every node of its tree in the index as they now are (for everyone
/// once adopted, for those signed in while drawn up), and takes them out when gone.
pub(crate) async fn refresh_strategy(tx: &mut Tx, id: i64) -> Result<()> {
    let owner = format!("strategy:{id}");
    on_tx!(tx, |c| sqlx::query("DELETE FROM search_documents WHERE owner = $1")
        .bind(&owner)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    let Some(s) = indexed(tx, id).await? else { return Ok(()) };
    crate::search::index(tx, &owner, &s.search_document()).await?;
    let nodes: Vec<(i64, String, Option<String>)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, title, description FROM strategy_nodes WHERE strategy_id = $1 ORDER BY id"
    )
    .bind(id)
    .fetch_all(c)
    .await)?;
    for (nid, title, description) in nodes {
        let n = IndexedNode {
            strategy_id: id,
            first_year: s.first_year,
            id: nid,
            title,
            description,
            readers: s.readers.clone(),
        };
        crate::search::index(tx, &owner, &n.search_document()).await?;
    }
    Ok(())
}

/// Re-indexes one node of strategy `strategy`.
pub(crate) async fn refresh_node(tx: &mut Tx, strategy: i64, node: i64) -> Result<()> {
    crate::search::remove(tx, Kind::StrategyNode, node).await?;
    let Some(s) = indexed(tx, strategy).await? else { return Ok(()) };
    let row: Option<(String, Option<String>)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT title, description FROM strategy_nodes WHERE id = $1 AND strategy_id = $2"
    )
    .bind(node)
    .bind(strategy)
    .fetch_optional(c)
    .await)?;
    let Some((title, description)) = row else { return Ok(()) };
    let n = IndexedNode {
        strategy_id: strategy,
        first_year: s.first_year,
        id: node,
        title,
        description,
        readers: s.readers,
    };
    crate::search::index(tx, &format!("strategy:{strategy}"), &n.search_document()).await
}

#[derive(sqlx::FromRow)]
struct DocumentRow {
    title: String,
    kind: String,
    owner: String,
    summary: Option<String>,
    adopted_on: Option<Date>,
}

/// Puts governing document `id` in the index as it now is (or takes it out when gone).
pub(crate) async fn refresh_document(tx: &mut Tx, id: i64) -> Result<()> {
    let owner = format!("governing_document:{id}");
    on_tx!(tx, |c| sqlx::query("DELETE FROM search_documents WHERE owner = $1")
        .bind(&owner)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    let row: Option<DocumentRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT d.title, d.kind, o.name AS owner, d.summary, d.adopted_on FROM governing_documents d \
         JOIN organisations o ON o.id = d.owner_id WHERE d.id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)?;
    let Some(r) = row else { return Ok(()) };
    let d = IndexedDocument {
        id,
        title: r.title,
        kind: DocumentKind::parse(&r.kind).unwrap_or(DocumentKind::Strategy),
        owner: r.owner,
        summary: r.summary,
        adopted_on: r.adopted_on,
    };
    crate::search::index(tx, &owner, &d.search_document()).await
}

/// Re-indexes the governing documents of organisation `org` (its name is in theirs).
pub(crate) async fn refresh_documents_of(tx: &mut Tx, org: i64) -> Result<()> {
    let ids: Vec<i64> =
        on_tx!(tx, |c| sqlx::query_scalar("SELECT id FROM governing_documents WHERE owner_id = $1 ORDER BY id")
            .bind(org)
            .fetch_all(c)
            .await)?;
    for id in ids {
        refresh_document(tx, id).await?;
    }
    Ok(())
}

/// The ids of every strategy and every governing document, for rebuilding the index.
pub(crate) async fn all_strategies_and_documents(tx: &mut Tx) -> Result<(Vec<i64>, Vec<i64>)> {
    let strategies = on_tx!(tx, |c| sqlx::query_scalar("SELECT id FROM strategies ORDER BY id").fetch_all(c).await)?;
    let documents =
        on_tx!(tx, |c| sqlx::query_scalar("SELECT id FROM governing_documents ORDER BY id").fetch_all(c).await)?;
    Ok((strategies, documents))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_node_is_found_on_its_own_page_of_its_strategy() {
        let d = IndexedNode {
            strategy_id: 2,
            first_year: 2026,
            id: 17,
            title: "Kompetensförsörjning".into(),
            description: Some("Fler ska ha en eftergymnasial utbildning.".into()),
            readers: Readers::Public,
        }
        .search_document();
        assert_eq!(
            (d.kind, d.url.as_str(), d.year, d.readers),
            (Kind::StrategyNode, "/strategier/2/delar/17", Some(2026), Readers::Public)
        );
        assert!(d.text.contains("eftergymnasial"));
    }

    #[test]
    fn a_governing_document_is_found_by_its_kind_and_owner() {
        let d = IndexedDocument {
            id: 4,
            title: "Regional utvecklingsstrategi".into(),
            kind: DocumentKind::Guideline,
            owner: "Region Jönköpings län".into(),
            summary: None,
            adopted_on: Some(date!(2025 - 06 - 10)),
        }
        .search_document();
        assert_eq!(d.text, "Riktlinje · Region Jönköpings län");
        assert_eq!((d.url.as_str(), d.year, d.date.as_str()), ("/styrdokument/4", Some(2025), "2025-06-10"));
    }
}
