//! Where a case was handled: the agenda items that name its number and the paragraphs of public
//! protocols (adjusted or announced) that do. Typing a registered number on an agenda item or a
//! paragraph is what links the two (issue 11); nothing else is stored. `registered_cases` is the
//! other direction: which numbers on an agenda name a registered case. `check_case_link` is the
//! check every write of an agenda item or paragraph makes in its transaction: a number in a
//! series kept here must name a registered case (`domain::cases::check_link`).

use domain::cases::CaseNumber;
use serde::Serialize;
use time::Date;

use crate::{Result, Store, Tx, on_pool, on_tx};

/// Refuses, as a field error on `case_number`, a number of a series kept here that names no
/// registered case; inside the write's transaction, so a case registered meanwhile counts.
pub(crate) async fn check_case_link(tx: &mut Tx, number: Option<&CaseNumber>) -> Result<()> {
    let Some(n) = number else { return Ok(()) };
    let (kept, registered): (bool, bool) = on_tx!(tx, |c| sqlx::query_as(
        "SELECT EXISTS (SELECT 1 FROM case_series WHERE prefix = $1), \
         EXISTS (SELECT 1 FROM cases WHERE year = $2 AND seq = $3 AND prefix = $1)"
    )
    .bind(n.prefix())
    .bind(i64::from(n.year()))
    .bind(i64::from(n.seq()))
    .fetch_one(c)
    .await)?;
    domain::cases::check_link(n, kept, registered).map_err(|e| domain::Invalid::one(e).into())
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Handling {
    pub meeting_id: i64,
    #[serde(with = "domain::dates::ymd")]
    pub date: Date,
    pub body: String,
    /// "agenda_item" or "paragraph".
    pub kind: String,
    pub ref_id: i64,
    pub title: String,
    /// The paragraph's number (§ 3), for a paragraph.
    pub paragraph: Option<i64>,
}

/// A handling with the id of the case whose number it names (`handling_of`).
#[derive(sqlx::FromRow)]
struct CaseHandlingRow {
    case_id: i64,
    #[sqlx(flatten)]
    handling: Handling,
}

/// Where the cases `ids` were handled, each case's in `case_handling`'s order, in one query:
/// the number each agenda item and paragraph carries is joined to the case's number as the
/// registry writes it ("RJL 2024/3336"), so the indexes on `case_number` are used per case.
pub(super) async fn handling_of(store: &Store, ids: &[i64]) -> Result<Vec<(i64, Handling)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    let number = "c.prefix || ' ' || CAST(c.year AS TEXT) || '/' || CAST(c.seq AS TEXT)";
    let sql = format!(
        "SELECT c.id AS case_id, m.id AS meeting_id, m.date, b.name AS body, 'agenda_item' AS kind, a.id AS ref_id, \
         a.title, CAST(NULL AS BIGINT) AS paragraph FROM cases c JOIN agenda_items a ON a.case_number = {number} \
         JOIN meetings m ON m.id = a.meeting_id JOIN bodies b ON b.id = m.body_id WHERE c.id IN ({list}) \
         UNION ALL \
         SELECT c.id, m.id, m.date, b.name, 'paragraph', p.id, p.title, p.number FROM cases c \
         JOIN paragraphs p ON p.case_number = {number} JOIN meetings m ON m.id = p.meeting_id \
         JOIN bodies b ON b.id = m.body_id WHERE c.id IN ({list}) AND m.status IN ('adjusted', 'announced') \
         ORDER BY 1, 3, 2, 5, 6"
    );
    let rows: Vec<CaseHandlingRow> =
        on_pool!(&store.pool, |p| sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(p).await)?;
    Ok(rows.into_iter().map(|r| (r.case_id, r.handling)).collect())
}

impl Store {
    /// The registered cases among `numbers` (as agenda items and paragraphs carry them): each
    /// number that names a case, with the case's id. Numbers that are not registered are left
    /// out.
    pub async fn registered_cases(&self, numbers: &[&str]) -> Result<std::collections::HashMap<String, i64>> {
        let mut out = std::collections::HashMap::new();
        for n in numbers {
            let Ok(number) = n.parse::<CaseNumber>() else { continue };
            if let Some(c) = self.case_by_number(&number).await? {
                out.insert(n.to_string(), c.id.0);
            }
        }
        Ok(out)
    }

    /// The agenda items and public paragraphs that name `number`, by meeting date.
    pub async fn case_handling(&self, number: &CaseNumber) -> Result<Vec<Handling>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as::<_, Handling>(
            "SELECT m.id AS meeting_id, m.date, b.name AS body, 'agenda_item' AS kind, a.id AS ref_id, a.title, \
             CAST(NULL AS BIGINT) AS paragraph FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id \
             JOIN bodies b ON b.id = m.body_id WHERE a.case_number = $1 \
             UNION ALL \
             SELECT m.id, m.date, b.name, 'paragraph', p.id, p.title, p.number FROM paragraphs p \
             JOIN meetings m ON m.id = p.meeting_id JOIN bodies b ON b.id = m.body_id \
             WHERE p.case_number = $1 AND m.status IN ('adjusted', 'announced') \
             ORDER BY 2, 1, 4, 5"
        )
        .bind(number.to_string())
        .fetch_all(p)
        .await)?)
    }
}
