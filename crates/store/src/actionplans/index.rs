//! What search finds of an action plan (issue 10 and 13, ADR 20): its title, summary, focus
//! areas and the titles and descriptions of its activities, on its page (`/handlingsplaner/{id}`)
//! and under its forum's facet. A published plan is everyone's; one not yet published is read
//! by those who work in its forum (and administrators), as its page is. The follow-up answers
//! are not indexed. Every write that changes what is indexed calls `refresh_plan` in its
//! transaction; a deleted forum takes its plans' documents with its own.

use domain::search::{Kind, Readers, SearchDocument, Searchable};

use crate::{Result, Tx, on_tx};

/// The text indexed of a plan, at most.
const TEXT_MAX: usize = 20_000;

pub(super) struct IndexedPlan {
    pub id: i64,
    pub body_id: i64,
    pub title: String,
    pub summary: Option<String>,
    pub first_year: i32,
    pub published: bool,
    pub areas: Vec<String>,
    pub activities: Vec<(String, Option<String>)>,
}

impl Searchable for IndexedPlan {
    fn search_document(&self) -> SearchDocument {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.summary.iter().cloned());
        if !self.areas.is_empty() {
            parts.push(format!("Fokusområden: {}.", self.areas.join(", ")));
        }
        for (title, description) in &self.activities {
            parts.push(format!("Aktivitet: {title}."));
            parts.extend(description.iter().cloned());
        }
        let text = parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ");
        SearchDocument {
            kind: Kind::ActionPlan,
            ref_id: self.id,
            title: self.title.clone(),
            text: text.chars().take(TEXT_MAX).collect(),
            url: format!("/handlingsplaner/{}", self.id),
            body_id: Some(self.body_id),
            year: Some(self.first_year),
            date: String::new(),
            readers: if self.published { Readers::Public } else { Readers::Body(self.body_id) },
        }
    }
}

/// Puts plan `id` in the index as it now is (or takes it out when gone).
pub(crate) async fn refresh_plan(tx: &mut Tx, id: i64) -> Result<()> {
    let owner = format!("action_plan:{id}");
    on_tx!(tx, |c| sqlx::query("DELETE FROM search_documents WHERE owner = $1")
        .bind(&owner)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    let row: Option<(i64, String, Option<String>, i64, bool)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT body_id, title, summary, first_year, published FROM action_plans WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(c)
    .await)?;
    let Some((body_id, title, summary, first_year, published)) = row else { return Ok(()) };
    let areas: Vec<String> = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT title FROM action_focus_areas WHERE plan_id = $1 ORDER BY position, id"
    )
    .bind(id)
    .fetch_all(c)
    .await)?;
    let activities: Vec<(String, Option<String>)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT title, description FROM action_activities WHERE plan_id = $1 ORDER BY starts_on, id"
    )
    .bind(id)
    .fetch_all(c)
    .await)?;
    let p = IndexedPlan { id, body_id, title, summary, first_year: first_year as i32, published, areas, activities };
    crate::search::index(tx, &owner, &p.search_document()).await
}

/// The ids of every plan, for rebuilding the index.
pub(crate) async fn all_plans(tx: &mut Tx) -> Result<Vec<i64>> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar("SELECT id FROM action_plans ORDER BY id").fetch_all(c).await)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(published: bool) -> IndexedPlan {
        IndexedPlan {
            id: 8,
            body_id: 3,
            title: "Handlingsplan för kompetensförsörjning".into(),
            summary: None,
            first_year: 2026,
            published,
            areas: vec!["Utbildning".into()],
            activities: vec![("Yrkesvux i hela länet".into(), Some("Fler platser.".into()))],
        }
    }

    #[test]
    fn a_plan_is_found_by_its_areas_and_activities_under_its_forum() {
        let d = plan(true).search_document();
        assert_eq!(
            (d.kind, d.url.as_str(), d.body_id, d.year, d.readers),
            (Kind::ActionPlan, "/handlingsplaner/8", Some(3), Some(2026), Readers::Public)
        );
        assert!(d.text.contains("Utbildning") && d.text.contains("Yrkesvux") && d.text.contains("Fler platser"));
    }

    #[test]
    fn an_unpublished_plan_is_its_forums_alone() {
        assert_eq!(plan(false).search_document().readers, Readers::Body(3));
    }
}
