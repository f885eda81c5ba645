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
    /// Only what is public (visitors).
    Public,
    /// A signed-in reader: what everyone signed in reads, the drafts of the bodies they sit in
    /// or are secretary of, and what is listed for those bodies or for the organisations they
    /// register for.
    SignedIn { bodies: Vec<i64>, registrar_of: Vec<i64> },
}

impl Reading {
    /// The `readers` values besides public (NULL) of what this reader reads, and the subquery of
    /// the listed documents (`readers` = LISTED) it reads, if any; None for everything. Only
    /// ids go into the text, never words.
    fn reads(&self) -> Option<(Vec<i64>, Option<String>)> {
        use super::documents::SIGNED_IN;
        let list = |ids: &[i64]| ids.iter().map(|id| id.to_string()).collect::<Vec<_>>().join(", ");
        match self {
            Reading::All => None,
            Reading::Public => Some((Vec::new(), None)),
            Reading::SignedIn { bodies, registrar_of } => {
                let mut own: Vec<i64> = vec![SIGNED_IN];
                own.extend(bodies);
                let mut listed = Vec::new();
                if !bodies.is_empty() {
                    listed.push(format!("r.body_id IN ({})", list(bodies)));
                }
                if !registrar_of.is_empty() {
                    listed.push(format!("r.organisation_id IN ({})", list(registrar_of)));
                }
                let listed = (!listed.is_empty())
                    .then(|| format!("SELECT r.document_id FROM search_readers r WHERE {}", listed.join(" OR ")));
                Some((own, listed))
            }
        }
    }

    /// The condition on the `readers` of `table` (a `search_documents` or `search_cells` row)
    /// of what this reader may read, or None for everything; `listed` is the condition on a
    /// listed document (`d.id IN (…)` for a document, nothing for a cell, whose documents are
    /// tested one by one when counted).
    fn condition_on(&self, table: &str, listed: impl Fn(&str) -> String) -> Option<String> {
        use super::documents::LISTED;
        let (own, documents) = self.reads()?;
        if own.is_empty() {
            return Some(format!("{table}.readers IS NULL"));
        }
        let own: Vec<String> = own.iter().map(|id| id.to_string()).collect();
        let listed = documents.map(|q| format!(" OR ({table}.readers = {LISTED}{})", listed(&q))).unwrap_or_default();
        Some(format!("({table}.readers IS NULL OR {table}.readers IN ({}){listed})", own.join(", ")))
    }

    /// The condition on `d` (a `search_documents` row) of what this reader may read.
    fn condition(&self) -> Option<String> {
        self.condition_on("d", |q| format!(" AND d.id IN ({q})"))
    }
}

/// The engine's full-text index read alone, to count matches by cell (ADR 61): the table, the
/// condition that a row matches every stem (`$1`), and the expressions of a row's document id
/// and cell. On SQLite the cell is in the FTS5 row id (the high 32 bits); on PostgreSQL it is
/// a column of the narrow `search_terms`.
struct Counted {
    from: &'static str,
    matches: &'static str,
    id: &'static str,
    cell: &'static str,
}

fn counted(engine: Engine) -> Counted {
    match engine {
        Engine::Sqlite => Counted {
            from: "search_fts",
            matches: "search_fts MATCH $1",
            id: "(rowid & 4294967295)",
            cell: "(rowid >> 32)",
        },
        Engine::Postgres => {
            Counted { from: "search_terms t", matches: "t.tsv @@ to_tsquery('simple', $1)", id: "t.id", cell: "t.cell" }
        }
    }
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
                "d.id IN (SELECT rowid & 4294967295 FROM search_fts WHERE search_fts MATCH ?)",
                "d.id IN (SELECT rowid & 4294967295 FROM search_fts WHERE search_fts MATCH ?)",
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

/// The condition that `table` (a `search_documents` or `search_cells` row) is public and of one
/// of `kinds`.
fn public_of(table: &str, kinds: &[Kind]) -> String {
    let list: Vec<String> = kinds.iter().map(|k| format!("'{}'", k.as_str())).collect();
    format!("{table}.readers IS NULL AND {table}.kind IN ({})", list.join(", "))
}

/// How a capability narrows its own list by words inside its own query (the registry's
/// `/diarium?q=`, `Store::cases`): the condition that a search document `d` is a public entry of
/// one of `kinds` matching every stem, with `?` for its one argument, and that argument. With
/// `each`, the condition tests one document at a time where an index of the caller's finds the
/// documents (on SQLite the unary `+` keeps the planner from seeking that index once for every
/// match, which made a walk of the registry 500 times slower); otherwise the matches drive.
pub(crate) fn matching(engine: Engine, stems: &[QueryStem], kinds: &[Kind], each: bool) -> (String, String) {
    let (all, _, arg, _) = full_text(engine, stems);
    let plus = if each && engine == Engine::Sqlite { "+" } else { "" };
    (format!("{plus}{all} AND {}", public_of("d", kinds)), arg)
}

/// The last key results sort on: a kind's place in
/// `Kind::ALL`, so that the order never depends on the table's own ids (which the engines allot
/// differently) nor on a collation, and a new kind gets its number where it is declared.
static KIND_NUMBER: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let whens: String = Kind::ALL.iter().enumerate().map(|(i, k)| format!(" WHEN '{}' THEN {i}", k.as_str())).collect();
    format!("CASE d.kind{whens} ELSE {} END", Kind::ALL.len())
});

/// On PostgreSQL, a search's queries are planned for its own words: a prepared statement's
/// generic plan, which PostgreSQL switches to after a few runs, cannot know how many documents
/// the words match, and sorted 25,000 matches where walking the date order reads 21.
pub(crate) const CUSTOM_PLAN: &str = "SET LOCAL plan_cache_mode = force_custom_plan";

/// Runs `body` with `c` the SQLite pool, or on PostgreSQL a transaction with `settings` (planner
/// settings for this search's queries alone) applied first.
macro_rules! planned {
    ($pool:expr, $settings:expr, |$c:ident| $body:expr) => {
        match $pool {
            $crate::Pool::Sqlite($c) => $body,
            $crate::Pool::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                for setting in $settings {
                    sqlx::query(setting).execute(&mut *tx).await?;
                }
                let $c = &mut *tx;
                let out = $body;
                tx.commit().await?;
                out
            }
        }
    };
}
pub(crate) use planned;

impl Store {
    /// Whether at least `n` public index entries of `kinds` match every stem: counted only up to
    /// `n` from the full-text index and the cells (ADR 61), so a caller can choose between
    /// walking its own list and collecting what the matches name.
    pub(crate) async fn public_matches_at_least(&self, stems: &[QueryStem], kinds: &[Kind], n: i64) -> Result<bool> {
        let engine = self.engine();
        let (_, _, arg, _) = full_text(engine, stems);
        let Counted { from, matches, cell, .. } = counted(engine);
        let sql = format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM {from} WHERE {matches} AND {cell} IN \
             (SELECT c.id FROM search_cells c WHERE {}) LIMIT {n}) x",
            public_of("c", kinds)
        );
        let found: i64 = planned!(&self.pool, [CUSTOM_PLAN, "SET LOCAL enable_seqscan = off"], |c| {
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql.as_str())).bind(arg).fetch_one(c).await?
        });
        Ok(found >= n)
    }
}

/// When a page is found by walking the documents newest first and stopping at the page's end,
/// rather than by sorting every match (see `search`).
#[derive(Clone, Copy, Debug)]
pub struct Walk {
    /// From this many matches on.
    pub from: i64,
    /// On PostgreSQL, the documents a tier's walk reads at most (with those tied with the last
    /// on date and reference) before it gives up and sorts every match instead.
    pub reads: usize,
}

impl Walk {
    pub const DEFAULT: Walk = Walk { from: 1000, reads: 2000 };
}

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

/// The count of one facet cell: a kind, a body and a year.
struct FacetRow {
    kind: Kind,
    body_id: Option<i64>,
    year: Option<i32>,
    n: i64,
}

/// A match of the page, by its sort keys.
#[derive(sqlx::FromRow)]
struct MatchRow {
    id: i64,
    kind: String,
    body_id: Option<i64>,
    year: Option<i32>,
    date: String,
    ref_id: i64,
    tier: i32,
    kn: i32,
}

/// The wide columns of a match shown on the page.
#[derive(sqlx::FromRow)]
struct WideRow {
    id: i64,
    title: String,
    text: String,
    url: String,
    readers: Option<i64>,
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

    /// What a signed-in account reads in search besides what is public (not for admins, who
    /// read everything): the bodies of its person on `today` and the organisations it registers for.
    pub async fn search_reading(&self, user: i64, person: Option<i64>, today: time::Date) -> Result<Reading> {
        let bodies = match person {
            Some(p) => self.search_reader_bodies(p, today).await?,
            None => Vec::new(),
        };
        let registrar_of = self.registrar_of(domain::ids::UserId(user)).await?.into_iter().map(|o| o.0).collect();
        Ok(Reading::SignedIn { bodies, registrar_of })
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
        self.search_walking(q, reading, cursor, limit, Walk::DEFAULT).await
    }

    /// `search`, walking the date order for the page as `walk` says (tests show that every way
    /// gives the same answer).
    pub async fn search_walking(
        &self,
        q: &SearchQuery,
        reading: &Reading,
        cursor: Option<(String, i64)>,
        limit: usize,
        walk: Walk,
    ) -> Result<SearchResults> {
        let (all_sql, title_sql, all_arg, title_arg) = full_text(self.engine(), &q.stems);
        // Conditions of the match set: $1 is the match; the same filters on the documents (for
        // the page) and on their cells (for the facets).
        let mut args = vec![Arg::Text(all_arg)];
        let mut conds = vec![numbered(all_sql, 1)];
        conds.extend(reading.condition());
        let mut cell_conds: Vec<String> = reading.condition_on("c", |_| String::new()).into_iter().collect();
        let mut filter = |column: &str, arg: Arg| {
            args.push(arg);
            conds.push(format!("d.{column} = ${}", args.len()));
            cell_conds.push(format!("c.{column} = ${}", args.len()));
        };
        if let Some(k) = q.kind {
            filter("kind", Arg::Text(k.as_str().into()));
        }
        if let Some(b) = q.body {
            filter("body_id", Arg::Int(b));
        }
        if let Some(y) = q.year {
            filter("year", Arg::Int(y.into()));
        }
        // The page's conditions besides the match itself.
        let others: String = conds[1..].iter().map(|c| format!(" AND {c}")).collect();
        let all_sql = &conds[0];

        let kn = &*KIND_NUMBER;

        // The facets (and the total) of the whole match set, counted by cell from the full-text
        // index alone; only the documents of listed readers are looked up, one by one.
        let Counted { from, matches, id, cell } = counted(self.engine());
        let listed = match reading.reads() {
            Some((_, Some(documents))) => format!(
                " AND ({cell} NOT IN (SELECT id FROM search_cells WHERE readers = {}) OR {id} IN ({documents}))",
                super::documents::LISTED
            ),
            _ => String::new(),
        };
        let cell_where =
            if cell_conds.is_empty() { String::new() } else { format!(" WHERE {}", cell_conds.join(" AND ")) };
        let facet_sql = format!(
            "SELECT string_agg(f.kind || ',' || CAST(COALESCE(f.body_id, -1) AS TEXT) || ',' || \
             CAST(COALESCE(f.year, -1) AS TEXT) || ',' || CAST(f.n AS TEXT), ';') FROM \
             (SELECT c.kind, c.body_id, c.year, CAST(SUM(x.n) AS BIGINT) AS n FROM \
             (SELECT {cell} AS cell, COUNT(*) AS n FROM {from} WHERE {matches}{listed} GROUP BY {cell}) x \
             JOIN search_cells c ON c.id = x.cell{cell_where} GROUP BY c.kind, c.body_id, c.year) f"
        );
        // PostgreSQL prices the full-text test of a row too low: with many matches it would
        // read the whole table and test every row, far slower than the GIN index. Nor is the
        // count compiled: PostgreSQL's JIT compiles a query whose estimated cost passes a
        // threshold, which a scan priced out inflates (seen: 9 ms compiling a 40 ms query).
        let cells: Option<String> =
            planned!(&self.pool, [CUSTOM_PLAN, "SET LOCAL enable_seqscan = off", "SET LOCAL jit = off"], |c| {
                bind_all!(sqlx::query_scalar(sqlx::AssertSqlSafe(facet_sql.as_str())), &args).fetch_one(c).await?
            });
        let facet_rows = facet_cells(cells.as_deref().unwrap_or(""));
        let total: i64 = facet_rows.iter().map(|r| r.n).sum();

        // The page: matches in their title first (tier 0), then the others (tier 1), each tier
        // newest first. Each tier is its own query, so that with many matches the engine can
        // walk the documents in date order (the index `search_documents_order`) and stop at the
        // page's end instead of sorting every match (SQLite is told to; PostgreSQL first walks a
        // bounded number, below). With few matches sorting them is cheaper.
        let walks = total >= walk.from;
        let indexed = if self.engine() == Engine::Sqlite && walks { " INDEXED BY search_documents_order" } else { "" };
        let (mut first_tier, mut after) = (0, None);
        if let Some((key, id)) = cursor {
            let mut parts = key.splitn(3, '|');
            let mut int = |d: i64| parts.next().and_then(|v| v.parse().ok()).unwrap_or(d);
            let (t, k) = (int(1), int(0));
            let date = key.splitn(3, '|').nth(2).unwrap_or("").to_string();
            first_tier = t.clamp(0, 1);
            after = Some((date, id, k));
        }
        let mut rows: Vec<MatchRow> = Vec::new();
        for tier in first_tier..=1 {
            let wanted = limit + 1 - rows.len();
            if wanted == 0 {
                break;
            }
            let mut tier_args = args.clone();
            tier_args.push(Arg::Text(title_arg.clone()));
            let title = numbered(title_sql, tier_args.len());
            // A title match is a match: on SQLite the first tier tests the title alone, which
            // spares FTS5 one evaluation of the words (for a prefix, a merge of every term it
            // begins); PostgreSQL needs the words' condition for its GIN index, which the
            // title's tsvector has not.
            let matched = match (tier, self.engine()) {
                (0, Engine::Sqlite) => title,
                (0, Engine::Postgres) => format!("{all_sql} AND {title}"),
                _ => format!("{all_sql} AND NOT ({title})"),
            };
            let mut after_sql = String::new();
            if let Some((date, id, k)) = after.take() {
                tier_args.extend([Arg::Text(date), Arg::Int(id), Arg::Int(k)]);
                let n = tier_args.len();
                after_sql = format!(
                    " AND (d.date < ${d} OR (d.date = ${d} AND (d.ref_id < ${i} OR (d.ref_id = ${i} AND {kn} > ${k}))))",
                    d = n - 2,
                    i = n - 1,
                    k = n
                );
            }
            let page = |from: &str| {
                format!(
                    "SELECT d.id, d.kind, d.body_id, d.year, d.date, d.ref_id, {tier} AS tier, {kn} AS kn \
                     FROM {from} WHERE {matched}{others}{after_sql} \
                     ORDER BY d.date DESC, d.ref_id DESC, kn LIMIT {wanted}"
                )
            };
            // PostgreSQL's planner cannot tell how many documents a prefix matches (it guessed
            // 607 for 44,850) and sorts them all. With many matches the tier first reads the
            // newest `walk.reads` documents (and those tied with the last, so that the order's
            // last key, the kind, is whole) and keeps its matches: when they fill the page, they
            // are the newest of all. Otherwise it sorts every match (ADR 64).
            let mut sqls = Vec::new();
            if self.engine() == Engine::Postgres && walks {
                sqls.push(page(&format!(
                    "(SELECT * FROM search_documents d WHERE TRUE{after_sql} \
                     ORDER BY d.date DESC, d.ref_id DESC FETCH FIRST {} ROWS WITH TIES) d",
                    walk.reads
                )));
            }
            sqls.push(page(&format!("search_documents d{indexed}")));
            for (i, sql) in sqls.iter().enumerate() {
                let found: Vec<MatchRow> = planned!(&self.pool, [CUSTOM_PLAN], |c| {
                    bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())), &tier_args).fetch_all(c).await?
                });
                if found.len() == wanted || i + 1 == sqls.len() {
                    rows.extend(found);
                    break;
                }
            }
        }
        let next_cursor = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(|r| encode_cursor(&format!("{}|{}|{}", r.tier, r.kn, r.date), r.ref_id))
        } else {
            None
        };
        let ids: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
        let wide: Vec<WideRow> = if ids.is_empty() {
            Vec::new()
        } else {
            let sql =
                format!("SELECT id, title, text, url, readers FROM search_documents WHERE id IN ({})", ids.join(", "));
            on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(p).await)?
        };
        let mut wide: std::collections::HashMap<i64, WideRow> = wide.into_iter().map(|w| (w.id, w)).collect();
        let items = rows
            .into_iter()
            .filter_map(|r| {
                let w = wide.remove(&r.id)?;
                Some(Hit {
                    kind: Kind::parse(&r.kind)?,
                    id: r.ref_id,
                    snippet: snippet(&w.text, &q.stems, SNIPPET_CHARS),
                    title: w.title,
                    url: w.url,
                    body_id: r.body_id,
                    year: r.year,
                    draft: w.readers.is_some(),
                })
            })
            .collect();
        // The names of the bodies in the facets only (every body's was read on every search).
        let ids: std::collections::BTreeSet<i64> = facet_rows.iter().filter_map(|r| r.body_id).collect();
        let names: Vec<(i64, String)> = if ids.is_empty() {
            Vec::new()
        } else {
            let list: Vec<String> = ids.iter().map(i64::to_string).collect();
            let sql = format!("SELECT id, name FROM bodies WHERE id IN ({})", list.join(", "));
            on_pool!(&self.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(p).await)?
        };
        let facets = fold_facets(facet_rows, &names.into_iter().collect());
        Ok(SearchResults { items, next_cursor, total, facets })
    }
}

/// The facet cells as the database wrote them: `kind,body,year,count` separated by `;`, -1
/// for no body or no year. Thousands of cells cross the driver as one value: row by row, the
/// driver's cost per row was as large as the database's counting.
fn facet_cells(s: &str) -> Vec<FacetRow> {
    s.split(';')
        .filter_map(|cell| {
            let mut f = cell.split(',');
            let kind = Kind::parse(f.next()?)?;
            let mut int = || f.next().and_then(|v| v.parse::<i64>().ok());
            let (body, year, n) = (int()?, int()?, int()?);
            Some(FacetRow {
                kind,
                body_id: (body >= 0).then_some(body),
                year: i32::try_from(year).ok().filter(|y| *y >= 0),
                n,
            })
        })
        .collect()
}

/// The facet counts of the match set, each list by count (largest first), then by label.
fn fold_facets(rows: Vec<FacetRow>, names: &std::collections::HashMap<i64, String>) -> Facets {
    let mut kinds: BTreeMap<Kind, i64> = BTreeMap::new();
    let mut bodies: BTreeMap<i64, (String, i64)> = BTreeMap::new();
    let mut years: BTreeMap<i32, i64> = BTreeMap::new();
    for r in rows {
        *kinds.entry(r.kind).or_default() += r.n;
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
    Facets { kind, body, year }
}
