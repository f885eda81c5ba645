//! Answering a query: the documents the reader may read that match every stem of the query,
//! those matching in their title first, then newest first; a page of them with highlighted
//! snippets, and the facets (kind, body, year) of all of them.
//!
//! Both engines rank by the same rule, so the same data gives the same order on SQLite and on
//! PostgreSQL (FTS5's bm25 and PostgreSQL's ts_rank weigh terms differently; ADR 20).

use std::collections::BTreeMap;

use domain::search::terms::QueryStem;
use domain::search::{Kind, SearchQuery, snippet};
use serde::Serialize;

use crate::query::{Arg, bind_all, encode_cursor};
use crate::{Engine, Result, Store, on_pool};

/// Characters of text a snippet shows at most.
const SNIPPET_CHARS: usize = 220;

/// What a reader may read besides public documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Everything (admins).
    All,
    /// The drafts of these bodies (their members and secretaries); none for visitors.
    Bodies(Vec<i64>),
}

#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    pub kind: Kind,
    pub id: i64,
    pub title: String,
    pub url: String,
    /// HTML: the text around the first match, escaped, with matches in `<mark>`.
    pub snippet: String,
    pub body_id: Option<i64>,
    pub year: Option<i32>,
    /// Whether only some readers may see it (a draft).
    pub draft: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Facet<T> {
    pub value: T,
    pub label: String,
    pub count: i64,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Facets {
    pub kind: Vec<Facet<Kind>>,
    pub body: Vec<Facet<i64>>,
    pub year: Vec<Facet<i32>>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SearchResults {
    pub items: Vec<Hit>,
    pub next_cursor: Option<String>,
    pub total: i64,
    pub facets: Facets,
}

/// The full-text conditions of a query on each engine — the one place their syntax differs.
/// Returns the condition that a document matches all stems and the condition that its title
/// does, each with `?` for its one bound argument, and those two arguments. A stem marked as a
/// prefix matches every indexed stem it begins (`"kompetens"*` in FTS5, `kompetens:*` in a
/// tsquery); stems are letters and digits only, so neither syntax needs escaping.
fn full_text(engine: Engine, stems: &[QueryStem]) -> (&'static str, &'static str, String, String) {
    match engine {
        Engine::Sqlite => {
            let all = stems
                .iter()
                .map(|s| if s.prefix { format!("\"{}\"*", s.stem) } else { format!("\"{}\"", s.stem) })
                .collect::<Vec<_>>()
                .join(" AND ");
            (
                "d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)",
                "d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)",
                all.clone(),
                format!("{{title_terms}} : ({all})"),
            )
        }
        Engine::Postgres => {
            let all = stems
                .iter()
                .map(|s| if s.prefix { format!("{}:*", s.stem) } else { s.stem.clone() })
                .collect::<Vec<_>>()
                .join(" & ");
            ("d.tsv @@ to_tsquery('simple', ?)", "d.title_tsv @@ to_tsquery('simple', ?)", all.clone(), all)
        }
    }
}

/// The last key results sort on: a number per kind, so that the order never depends on the
/// table's own ids (which the engines allot differently) nor on a collation.
const KIND_NUMBER: &str = "CASE d.kind WHEN 'body' THEN 1 WHEN 'person' THEN 2 WHEN 'meeting' THEN 3 \
     WHEN 'agenda_item' THEN 4 WHEN 'paragraph' THEN 5 WHEN 'announcement' THEN 6 WHEN 'case' THEN 7 ELSE 8 END";

/// Numbers `?` placeholders from `first` on.
fn numbered(clause: &str, first: usize) -> String {
    let mut n = first;
    let mut out = String::new();
    for part in clause.split('?').enumerate() {
        if part.0 > 0 {
            out.push_str(&format!("${n}"));
            n += 1;
        }
        out.push_str(part.1);
    }
    out
}

#[derive(sqlx::FromRow)]
struct HitRow {
    kind: String,
    ref_id: i64,
    title: String,
    text: String,
    url: String,
    body_id: Option<i64>,
    year: Option<i32>,
    date: String,
    readers: Option<i64>,
    tier: i32,
    kn: i32,
}

#[derive(sqlx::FromRow)]
struct FacetRow {
    kind: String,
    body_id: Option<i64>,
    year: Option<i32>,
    n: i64,
}

impl Store {
    /// The bodies whose drafts a person reads in search: those they sit in or are secretary of
    /// on `today`.
    pub async fn search_reader_bodies(&self, person: i64, today: time::Date) -> Result<Vec<i64>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT body_id FROM memberships WHERE person_id = $1 AND start_date <= $2 \
             AND (end_date IS NULL OR end_date >= $2) UNION SELECT id FROM bodies WHERE secretary_id = $1"
        )
        .bind(person)
        .bind(today)
        .fetch_all(p)
        .await)?)
    }

    /// One page of results for `q` as `reading` may see them, after `cursor` (from the previous
    /// page's `next_cursor`).
    pub async fn search(
        &self,
        q: &SearchQuery,
        reading: &Reading,
        cursor: Option<(String, i64)>,
        limit: usize,
    ) -> Result<SearchResults> {
        let (all_sql, title_sql, all_arg, title_arg) = full_text(self.engine(), &q.stems);
        // Conditions of the match set, shared by the page and the facets: $1 is the match.
        let mut args = vec![Arg::Text(all_arg)];
        let mut conds = vec![numbered(all_sql, 1)];
        match reading {
            Reading::All => {}
            Reading::Bodies(b) if b.is_empty() => conds.push("d.readers IS NULL".into()),
            Reading::Bodies(b) => {
                let list: Vec<String> = b.iter().map(|id| id.to_string()).collect();
                conds.push(format!("(d.readers IS NULL OR d.readers IN ({}))", list.join(", ")));
            }
        }
        if let Some(k) = q.kind {
            args.push(Arg::Text(k.as_str().into()));
            conds.push(format!("d.kind = ${}", args.len()));
        }
        if let Some(b) = q.body {
            args.push(Arg::Int(b));
            conds.push(format!("d.body_id = ${}", args.len()));
        }
        if let Some(y) = q.year {
            args.push(Arg::Int(y.into()));
            conds.push(format!("d.year = ${}", args.len()));
        }
        let where_sql = conds.join(" AND ");

        let facet_sql = format!(
            "SELECT d.kind, d.body_id, d.year, COUNT(*) AS n FROM search_documents d WHERE {where_sql} \
             GROUP BY d.kind, d.body_id, d.year"
        );
        let facet_rows: Vec<FacetRow> =
            on_pool!(&self.pool, |p| bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(facet_sql.as_str())), &args)
                .fetch_all(p)
                .await)?;

        let mut page_args = args.clone();
        page_args.push(Arg::Text(title_arg));
        let tier = numbered(title_sql, page_args.len());
        let mut after = String::new();
        if let Some((key, id)) = cursor {
            let mut parts = key.splitn(3, '|');
            let mut int = |d: i64| parts.next().and_then(|v| v.parse().ok()).unwrap_or(d);
            let (t, k) = (int(1), int(0));
            let date = key.splitn(3, '|').nth(2).unwrap_or("").to_string();
            page_args.extend([Arg::Int(t), Arg::Text(date), Arg::Int(id), Arg::Int(k)]);
            let n = page_args.len();
            after = format!(
                " WHERE r.tier > ${t} OR (r.tier = ${t} AND (r.date < ${d} OR (r.date = ${d} AND \
                 (r.ref_id < ${i} OR (r.ref_id = ${i} AND r.kn > ${k})))))",
                t = n - 3,
                d = n - 2,
                i = n - 1,
                k = n
            );
        }
        // Only the narrow columns are sorted; the wide ones are read for the page alone.
        let page_sql = format!(
            "SELECT r.tier, r.kn, d.kind, d.ref_id, d.title, d.text, d.url, d.body_id, d.year, d.date, d.readers \
             FROM (SELECT * FROM (SELECT d.id, d.date, d.ref_id, CASE WHEN {tier} THEN 0 ELSE 1 END AS tier, \
             {KIND_NUMBER} AS kn FROM search_documents d WHERE {where_sql}) r{after} \
             ORDER BY r.tier, r.date DESC, r.ref_id DESC, r.kn LIMIT {}) r JOIN search_documents d ON d.id = r.id \
             ORDER BY r.tier, r.date DESC, r.ref_id DESC, r.kn",
            limit + 1
        );
        let mut rows: Vec<HitRow> =
            on_pool!(&self.pool, |p| bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(page_sql.as_str())), &page_args)
                .fetch_all(p)
                .await)?;
        let next_cursor = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(|r| encode_cursor(&format!("{}|{}|{}", r.tier, r.kn, r.date), r.ref_id))
        } else {
            None
        };
        let items = rows
            .into_iter()
            .filter_map(|r| {
                Some(Hit {
                    kind: Kind::parse(&r.kind)?,
                    id: r.ref_id,
                    snippet: snippet(&r.text, &q.stems, SNIPPET_CHARS),
                    title: r.title,
                    url: r.url,
                    body_id: r.body_id,
                    year: r.year,
                    draft: r.readers.is_some(),
                })
            })
            .collect();
        let names: Vec<(i64, String)> =
            on_pool!(&self.pool, |p| sqlx::query_as("SELECT id, name FROM bodies").fetch_all(p).await)?;
        let (total, facets) = fold_facets(facet_rows, &names.into_iter().collect());
        Ok(SearchResults { items, next_cursor, total, facets })
    }
}

/// The facet counts of the match set, each list by count (largest first), then by label.
fn fold_facets(rows: Vec<FacetRow>, names: &std::collections::HashMap<i64, String>) -> (i64, Facets) {
    let mut kinds: BTreeMap<Kind, i64> = BTreeMap::new();
    let mut bodies: BTreeMap<i64, (String, i64)> = BTreeMap::new();
    let mut years: BTreeMap<i32, i64> = BTreeMap::new();
    let mut total = 0;
    for r in rows {
        total += r.n;
        if let Some(k) = Kind::parse(&r.kind) {
            *kinds.entry(k).or_default() += r.n;
        }
        if let Some(b) = r.body_id {
            bodies.entry(b).or_insert_with(|| (names.get(&b).cloned().unwrap_or_default(), 0)).1 += r.n;
        }
        if let Some(y) = r.year {
            *years.entry(y).or_default() += r.n;
        }
    }
    let mut kind: Vec<Facet<Kind>> =
        kinds.into_iter().map(|(value, count)| Facet { value, label: value.as_str().into(), count }).collect();
    kind.sort_by_key(|f| std::cmp::Reverse(f.count));
    let mut body: Vec<Facet<i64>> =
        bodies.into_iter().map(|(value, (label, count))| Facet { value, label, count }).collect();
    body.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    // Years newest first.
    let year = years.into_iter().rev().map(|(value, count)| Facet { value, label: value.to_string(), count }).collect();
    (total, Facets { kind, body, year })
}
