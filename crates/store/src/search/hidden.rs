//! The names a published meeting's texts hide outside the protocol's own pages: a paragraph's
//! decision and an agenda item's title in the search index and in open data (OParl) hide the
//! same removed people as the published copy of the protocol does (rule 22, ADR 35) — everyone
//! whose personal data was removed from the web, except those who serve in the meeting as
//! elected representatives (chair, adjusters, members and substitutes). Texts published outside
//! the meetings (`outside_protocols`) hide every removed person but the elected representatives.

use std::collections::HashMap;

use domain::privacy::{Removed, hidden_in};

use crate::{Result, Store, Tx, on_pool, on_tx};

const REMOVED: &str = "SELECT person_id, name FROM privacy_removals ORDER BY person_id";
const ELECTED: &str = "SELECT person_id FROM attendance WHERE meeting_id = $1 AND person_id IS NOT NULL \
     AND role IN ('member', 'substitute') \
     UNION SELECT chair_id FROM meetings WHERE id = $1 AND chair_id IS NOT NULL";
const ADJUSTERS: &str = "SELECT adjusters FROM meetings WHERE id = $1";

fn removed(rows: Vec<(i64, String)>) -> Vec<Removed> {
    rows.into_iter().map(|(person_id, name)| Removed { person_id, name }).collect()
}

fn hidden(removed: &[Removed], mut elected: Vec<i64>, adjusters: Option<String>) -> Vec<Removed> {
    elected.extend(adjusters.and_then(|a| serde_json::from_str::<Vec<i64>>(&a).ok()).unwrap_or_default());
    hidden_in(removed, |id| elected.contains(&id)).into_iter().cloned().collect()
}

/// The people whose names the texts of meeting `meeting` hide, read in `tx` (for the search
/// index, written in the transaction that changed the meeting or removed the person).
pub(crate) async fn in_meeting(tx: &mut Tx, meeting: i64) -> Result<Vec<Removed>> {
    let all = removed(on_tx!(tx, |c| sqlx::query_as(REMOVED).fetch_all(c).await)?);
    if all.is_empty() {
        return Ok(all);
    }
    let elected: Vec<i64> = on_tx!(tx, |c| sqlx::query_scalar(ELECTED).bind(meeting).fetch_all(c).await)?;
    let adjusters: Option<String> =
        on_tx!(tx, |c| sqlx::query_scalar(ADJUSTERS).bind(meeting).fetch_optional(c).await)?;
    Ok(hidden(&all, elected, adjusters))
}

/// The people whose names every published text outside the protocols hides (a process's
/// published inputs, a referral's published comments): everyone whose personal data was removed
/// from the web but the elected representatives, whose names and parties stay public (rule 22).
pub(crate) async fn outside_protocols(tx: &mut Tx) -> Result<Vec<Removed>> {
    Ok(unelected(on_tx!(tx, |c| sqlx::query_as(UNELECTED).fetch_all(c).await)?))
}

const UNELECTED: &str = "SELECT r.person_id, r.name FROM privacy_removals r JOIN people p ON p.id = r.person_id \
     WHERE COALESCE(p.party, '') = '' ORDER BY r.person_id";

fn unelected(rows: Vec<(i64, String)>) -> Vec<Removed> {
    hidden_in(&removed(rows), |_| false).into_iter().cloned().collect()
}

/// A `LIKE … ESCAPE '\'` pattern that matches texts containing `name`.
pub(crate) fn like_pattern(name: &str) -> String {
    format!("%{}%", name.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))
}

/// The meetings whose texts (paragraphs, agenda items) name `name`: those to re-index when the
/// person's personal data is removed from the web.
pub(crate) async fn meetings_naming(tx: &mut Tx, name: &str) -> Result<Vec<i64>> {
    let like = like_pattern(name);
    Ok(on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT meeting_id FROM paragraphs WHERE title LIKE $1 ESCAPE '\\' OR decision LIKE $1 ESCAPE '\\' \
         OR summary LIKE $1 ESCAPE '\\' \
         UNION SELECT meeting_id FROM agenda_items WHERE title LIKE $1 ESCAPE '\\' OR description LIKE $1 ESCAPE '\\'"
    )
    .bind(&like)
    .fetch_all(c)
    .await)?)
}

impl Store {
    /// The names every published text outside the protocols hides (`outside_protocols`), for
    /// what is masked as it is served (a survey's published free text).
    pub async fn hidden_outside_protocols(&self) -> Result<Vec<Removed>> {
        Ok(unelected(on_pool!(&self.pool, |p| sqlx::query_as(UNELECTED).fetch_all(p).await)?))
    }

    /// For each of `meetings`, the people whose names its published texts hide (meetings where
    /// none is hidden are left out); one query when nobody's data has been removed.
    pub async fn hidden_by_meeting(
        &self,
        meetings: impl IntoIterator<Item = i64>,
    ) -> Result<HashMap<i64, Vec<Removed>>> {
        let mut out = HashMap::new();
        let all = removed(on_pool!(&self.pool, |p| sqlx::query_as(REMOVED).fetch_all(p).await)?);
        if all.is_empty() {
            return Ok(out);
        }
        for m in meetings {
            if out.contains_key(&m) {
                continue;
            }
            let elected: Vec<i64> = on_pool!(&self.pool, |p| sqlx::query_scalar(ELECTED).bind(m).fetch_all(p).await)?;
            let adjusters: Option<String> =
                on_pool!(&self.pool, |p| sqlx::query_scalar(ADJUSTERS).bind(m).fetch_optional(p).await)?;
            let hidden = hidden(&all, elected, adjusters);
            if !hidden.is_empty() {
                out.insert(m, hidden);
            }
        }
        Ok(out)
    }
}
