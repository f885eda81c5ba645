//! What search finds of a process (issue 10 and 14, ADR 20): a published process by its title,
//! description, the titles of its phases and milestones, its dialogue meetings' titles and
//! themes, and its questions, for everyone, like its public page (`/processer/{id}`). A process
//! not yet published is found by those who may read it (ADR 49): the members and secretaries of
//! the bodies involved and the registrars of its owner organisation. The inputs sent to it are never indexed, nor a dialogue meeting's
//! invitees and notes (personal data, rule 22). Every write that changes what is indexed calls
//! `refresh_process` in its transaction.

use domain::search::{Kind, Readers, SearchDocument, Searchable};
use time::Date;

use crate::{Result, Tx, on_tx};

/// The text indexed of a process, at most.
const TEXT_MAX: usize = 20_000;

/// What is indexed of a process.
pub(super) struct IndexedProcess {
    pub id: i64,
    pub title: String,
    pub description: Option<String>,
    pub phases: Vec<String>,
    pub milestones: Vec<String>,
    pub dialogues: Vec<(String, Option<String>)>,
    pub questions: Vec<String>,
    /// The first day of its plan (phases and milestones), if it has one.
    pub starts_on: Option<Date>,
    pub readers: Readers,
}

impl Searchable for IndexedProcess {
    fn search_document(&self) -> SearchDocument {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.description.iter().cloned());
        if !self.phases.is_empty() {
            parts.push(format!("Faser: {}.", self.phases.join(", ")));
        }
        if !self.milestones.is_empty() {
            parts.push(format!("Milstolpar: {}.", self.milestones.join(", ")));
        }
        for (title, theme) in &self.dialogues {
            match theme {
                Some(t) => parts.push(format!("Dialogmöte: {title} ({t}).")),
                None => parts.push(format!("Dialogmöte: {title}.")),
            }
        }
        parts.extend(self.questions.iter().cloned());
        let text = parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ");
        SearchDocument {
            kind: Kind::Process,
            ref_id: self.id,
            title: self.title.clone(),
            text: text.chars().take(TEXT_MAX).collect(),
            url: format!("/processer/{}", self.id),
            body_id: None,
            year: self.starts_on.map(|d| d.year()),
            date: self.starts_on.map(|d| d.to_string()).unwrap_or_default(),
            readers: self.readers.clone(),
        }
    }
}

/// The bodies involved in process `$1`: those holding a role and the forums of its milestones.
pub(crate) const INVOLVED_BODIES: &str = "SELECT body_id FROM process_roles WHERE process_id = $1 AND body_id IS NOT NULL \
     UNION SELECT f.body_id FROM milestone_forums f JOIN process_milestones m ON m.id = f.milestone_id \
     WHERE m.process_id = $1 AND f.body_id IS NOT NULL ORDER BY 1";

/// Puts process `id` in the index as it now is, for its readers, and takes it out when gone.
pub(crate) async fn refresh_process(tx: &mut Tx, id: i64) -> Result<()> {
    let owner = format!("process:{id}");
    on_tx!(tx, |c| sqlx::query("DELETE FROM search_documents WHERE owner = $1")
        .bind(&owner)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    let row: Option<(String, Option<String>, bool, i64)> =
        on_tx!(tx, |c| sqlx::query_as("SELECT title, description, published, owner_id FROM processes WHERE id = $1")
            .bind(id)
            .fetch_optional(c)
            .await)?;
    let Some((title, description, published, owner_id)) = row else { return Ok(()) };
    let readers = if published {
        Readers::Public
    } else {
        let bodies: Vec<i64> = on_tx!(tx, |c| sqlx::query_scalar(INVOLVED_BODIES).bind(id).fetch_all(c).await)?;
        Readers::Listed { bodies, registrars_of: vec![owner_id] }
    };
    let phases: Vec<(String, Date)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT title, starts_on FROM process_phases WHERE process_id = $1 ORDER BY position, starts_on, id"
    )
    .bind(id)
    .fetch_all(c)
    .await)?;
    let milestones: Vec<(String, Date)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT title, planned_on FROM process_milestones WHERE process_id = $1 ORDER BY planned_on, id"
    )
    .bind(id)
    .fetch_all(c)
    .await)?;
    let dialogues: Vec<(String, Option<String>)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT title, theme FROM process_dialogues WHERE process_id = $1 ORDER BY held_on, id"
    )
    .bind(id)
    .fetch_all(c)
    .await)?;
    let questions: Vec<String> = on_tx!(tx, |c| sqlx::query_scalar(
        "SELECT text FROM process_questions WHERE process_id = $1 ORDER BY position, id"
    )
    .bind(id)
    .fetch_all(c)
    .await)?;
    let starts_on = phases.iter().map(|p| p.1).chain(milestones.iter().map(|m| m.1)).min();
    let p = IndexedProcess {
        id,
        title,
        description,
        phases: phases.into_iter().map(|p| p.0).collect(),
        milestones: milestones.into_iter().map(|m| m.0).collect(),
        dialogues,
        questions,
        starts_on,
        readers,
    };
    crate::search::index(tx, &owner, &p.search_document()).await
}

/// The ids of every process, for rebuilding the index.
pub(crate) async fn all_processes(tx: &mut Tx) -> Result<Vec<i64>> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar("SELECT id FROM processes ORDER BY id").fetch_all(c).await)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_process_is_found_by_its_plan_dialogues_and_questions() {
        let d = IndexedProcess {
            id: 3,
            title: "Regional utvecklingsstrategi 2027".into(),
            description: Some("Framtagandet av RUS.".into()),
            phases: vec!["Analys".into()],
            milestones: vec!["Remiss skickas".into()],
            dialogues: vec![("Dialog i Eksjö".into(), Some("Kompetensförsörjning".into()))],
            questions: vec!["Vad behöver ditt län?".into()],
            starts_on: Some(date!(2027 - 02 - 01)),
            readers: Readers::Public,
        }
        .search_document();
        assert_eq!(
            (d.kind, d.url.as_str(), d.year, d.date.as_str(), d.readers),
            (Kind::Process, "/processer/3", Some(2027), "2027-02-01", Readers::Public)
        );
        for word in ["Framtagandet", "Analys", "Remiss skickas", "Dialog i Eksjö", "Kompetensförsörjning", "ditt län"]
        {
            assert!(d.text.contains(word), "{word}: {}", d.text);
        }
    }
}
