//! What search finds of a survey (issue 10 and 14, ADR 20): once sent (open or closed), its
//! title and introduction, for everyone, like its page (`/enkater/{id}`); a drafted survey is its
//! owners' alone and is not indexed. The answers are never indexed (personal data, rule 22), nor
//! the questions. Every write that changes the title, the introduction or the state calls
//! `refresh_survey` in its transaction.

use domain::search::{Kind, Readers, SearchDocument, Searchable};
use domain::surveys::SurveyStatus;
use time::Date;

use crate::{Result, Tx, on_tx};

/// The text indexed of a survey's introduction, at most.
const TEXT_MAX: usize = 20_000;

pub(super) struct IndexedSurvey {
    pub id: i64,
    pub title: String,
    pub intro: Option<String>,
    pub sent_on: Option<Date>,
}

impl Searchable for IndexedSurvey {
    fn search_document(&self) -> SearchDocument {
        SearchDocument {
            kind: Kind::Survey,
            ref_id: self.id,
            title: self.title.clone(),
            text: self.intro.as_deref().unwrap_or("").chars().take(TEXT_MAX).collect(),
            url: format!("/enkater/{}", self.id),
            body_id: None,
            year: self.sent_on.map(|d| d.year()),
            date: self.sent_on.map(|d| d.to_string()).unwrap_or_default(),
            readers: Readers::Public,
        }
    }
}

/// Puts survey `id` in the index when sent, and takes it out while drafted.
pub(crate) async fn refresh_survey(tx: &mut Tx, id: i64) -> Result<()> {
    let owner = format!("survey:{id}");
    on_tx!(tx, |c| sqlx::query("DELETE FROM search_documents WHERE owner = $1")
        .bind(&owner)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    let row: Option<(String, Option<String>, String, Option<Date>)> =
        on_tx!(tx, |c| sqlx::query_as("SELECT title, intro, status, sent_on FROM surveys WHERE id = $1")
            .bind(id)
            .fetch_optional(c)
            .await)?;
    let Some((title, intro, status, sent_on)) = row else { return Ok(()) };
    if SurveyStatus::parse(&status).unwrap_or_default() == SurveyStatus::Draft {
        return Ok(());
    }
    crate::search::index(tx, &owner, &IndexedSurvey { id, title, intro, sent_on }.search_document()).await
}

/// The ids of every survey, for rebuilding the index.
pub(crate) async fn all_surveys(tx: &mut Tx) -> Result<Vec<i64>> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar("SELECT id FROM surveys ORDER BY id").fetch_all(c).await)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_sent_survey_is_found_by_its_title_and_introduction() {
        let d = IndexedSurvey {
            id: 5,
            title: "Kompetensförsörjning i länet".into(),
            intro: Some("Berätta hur er organisation rekryterar.".into()),
            sent_on: Some(date!(2026 - 11 - 02)),
        }
        .search_document();
        assert_eq!(
            (d.kind, d.url.as_str(), d.year, d.readers),
            (Kind::Survey, "/enkater/5", Some(2026), Readers::Public)
        );
        assert!(d.text.contains("rekryterar"));
    }
}
