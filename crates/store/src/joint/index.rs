//! What search finds of a joint matter (issue 11): its title, its decision points and the case
//! number it was registered under, for everyone, like its public page (`/samverkan/{id}`). The
//! create writes it in its transaction (ADR 20); the title and points do not change afterwards.

use domain::search::{Kind, Readers, SearchDocument, Searchable};
use time::Date;

use crate::{Result, Tx, on_tx};

/// Indexes joint matter `id` again from its row (the full rebuild, `Store::reindex_search`).
pub(crate) async fn refresh_matter(tx: &mut Tx, id: i64) -> Result<()> {
    let owner = format!("joint:{id}");
    on_tx!(tx, |c| sqlx::query("DELETE FROM search_documents WHERE owner = $1")
        .bind(&owner)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    let row: Option<(String, String, Date, String)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT m.title, m.points, m.due_on, c.prefix || ' ' || CAST(c.year AS TEXT) || '/' || CAST(c.seq AS TEXT) \
         FROM joint_matters m JOIN cases c ON c.id = m.case_id WHERE m.id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)?;
    let Some((title, points, due_on, case_number)) = row else { return Ok(()) };
    let points: Vec<String> = serde_json::from_str(&points).unwrap_or_default();
    let m = IndexedMatter { id, title: &title, points: &points, case_number: &case_number, due_on };
    crate::search::index(tx, &owner, &m.search_document()).await
}

pub(super) struct IndexedMatter<'a> {
    pub id: i64,
    pub title: &'a str,
    pub points: &'a [String],
    pub case_number: &'a str,
    pub due_on: Date,
}

impl Searchable for IndexedMatter<'_> {
    fn search_document(&self) -> SearchDocument {
        SearchDocument {
            kind: Kind::JointMatter,
            ref_id: self.id,
            title: self.title.to_string(),
            text: format!("{} Diarienummer {}.", self.points.join(" "), self.case_number),
            url: format!("/samverkan/{}", self.id),
            body_id: None,
            year: Some(self.due_on.year()),
            date: self.due_on.to_string(),
            readers: Readers::Public,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_matter_is_found_by_title_points_and_case_number() {
        let points = vec!["Kommunstyrelsen ställer sig bakom arbetsprocessen.".to_string()];
        let d = IndexedMatter {
            id: 4,
            title: "RUS – gemensam arbetsprocess",
            points: &points,
            case_number: "RÖ 2026/12",
            due_on: date!(2027 - 03 - 31),
        }
        .search_document();
        assert_eq!(
            (d.kind, d.url.as_str(), d.year, d.readers),
            (Kind::JointMatter, "/samverkan/4", Some(2027), Readers::Public)
        );
        assert!(d.text.contains("ställer sig bakom") && d.text.contains("RÖ 2026/12"));
    }
}
