//! What is indexed for bodies, people and meetings (with their agenda items, protocol
//! paragraphs and announcement), and the two writes every searchable capability uses.

use domain::ids::{BodyId, MeetingId, PersonId};
use domain::meetings::MeetingStatus;
use domain::search::{Kind, Readers, SearchDocument, Searchable, document_terms};
use time::Date;

use crate::{Result, Tx, on_tx};

/// The `readers` of a document every signed-in reader may read.
pub(crate) const SIGNED_IN: i64 = 0;
/// The `readers` of a document whose readers are the rows of `search_readers`.
pub(crate) const LISTED: i64 = -1;

/// Adds or replaces one document, on behalf of `owner` (the write that keeps it, e.g.
/// "meeting:12"; `refresh_…` of that owner replaces all its documents at once).
pub async fn index(tx: &mut Tx, owner: &str, d: &SearchDocument) -> Result<()> {
    // The `readers` column (ADR 20): NULL public, 0 everyone signed in, a body's id, or -1 for
    // the readers listed in `search_readers`.
    let readers = match &d.readers {
        Readers::Public => None,
        Readers::SignedIn => Some(SIGNED_IN),
        Readers::Body(b) => Some(*b),
        Readers::Listed { .. } => Some(LISTED),
    };
    let title_terms = document_terms(&d.title);
    let terms = document_terms(&d.text);
    on_tx!(tx, |c| sqlx::query("DELETE FROM search_documents WHERE kind = $1 AND ref_id = $2")
        .bind(d.kind.as_str())
        .bind(d.ref_id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    on_tx!(tx, |c| sqlx::query(
        "INSERT INTO search_documents (kind, ref_id, owner, title, text, url, body_id, year, date, readers, \
         title_terms, terms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
    )
    .bind(d.kind.as_str())
    .bind(d.ref_id)
    .bind(owner)
    .bind(&d.title)
    .bind(&d.text)
    .bind(&d.url)
    .bind(d.body_id)
    .bind(d.year)
    .bind(&d.date)
    .bind(readers)
    .bind(&title_terms)
    .bind(&terms)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?;
    if let Readers::Listed { bodies, registrars_of } = &d.readers {
        let listed = bodies.iter().map(|b| (Some(*b), None)).chain(registrars_of.iter().map(|o| (None, Some(*o))));
        for (body, organisation) in listed {
            on_tx!(tx, |c| sqlx::query(
                "INSERT INTO search_readers (document_id, body_id, organisation_id) \
                 SELECT id, $3, $4 FROM search_documents WHERE kind = $1 AND ref_id = $2"
            )
            .bind(d.kind.as_str())
            .bind(d.ref_id)
            .bind(body)
            .bind(organisation)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        }
    }
    Ok(())
}

/// Removes one document.
pub async fn remove(tx: &mut Tx, kind: Kind, ref_id: i64) -> Result<()> {
    on_tx!(tx, |c| sqlx::query("DELETE FROM search_documents WHERE kind = $1 AND ref_id = $2")
        .bind(kind.as_str())
        .bind(ref_id)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

async fn remove_owner(tx: &mut Tx, owner: &str) -> Result<()> {
    on_tx!(tx, |c| sqlx::query("DELETE FROM search_documents WHERE owner = $1")
        .bind(owner)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

fn joined<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" · ")
}

#[derive(sqlx::FromRow)]
struct BodyRow {
    id: i64,
    name: String,
    duties: String,
}

impl Searchable for BodyRow {
    fn search_document(&self) -> SearchDocument {
        SearchDocument {
            kind: Kind::Body,
            ref_id: self.id,
            title: self.name.clone(),
            text: self.duties.clone(),
            url: format!("/organ/{}", self.id),
            body_id: Some(self.id),
            year: None,
            date: String::new(),
            readers: Readers::Public,
        }
    }
}

/// Re-indexes a body, and — as its name is part of theirs — its meetings and its members.
pub(crate) async fn refresh_body(tx: &mut Tx, id: BodyId) -> Result<()> {
    refresh_body_only(tx, id).await?;
    let meetings: Vec<i64> =
        on_tx!(tx, |c| sqlx::query_scalar("SELECT id FROM meetings WHERE body_id = $1").bind(id.0).fetch_all(c).await)?;
    for m in meetings {
        refresh_meeting(tx, MeetingId(m)).await?;
    }
    for p in body_people(tx, id).await? {
        refresh_person(tx, p).await?;
    }
    Ok(())
}

/// The people with a membership in a body (whose documents name it).
pub(crate) async fn body_people(tx: &mut Tx, id: BodyId) -> Result<Vec<PersonId>> {
    let people: Vec<i64> =
        on_tx!(tx, |c| sqlx::query_scalar("SELECT DISTINCT person_id FROM memberships WHERE body_id = $1")
            .bind(id.0)
            .fetch_all(c)
            .await)?;
    Ok(people.into_iter().map(PersonId).collect())
}

/// Re-indexes the body's own document (or removes all of a deleted body's).
pub(crate) async fn refresh_body_only(tx: &mut Tx, id: BodyId) -> Result<()> {
    let owner = format!("body:{id}");
    remove_owner(tx, &owner).await?;
    let row: Option<BodyRow> = on_tx!(tx, |c| sqlx::query_as("SELECT id, name, duties FROM bodies WHERE id = $1")
        .bind(id.0)
        .fetch_optional(c)
        .await)?;
    match row {
        Some(b) => index(tx, &owner, &b.search_document()).await?,
        None => {
            // Deleted: its meetings went with it (ON DELETE CASCADE), so do their documents. The
            // registry's cases stay (their body is unset), and so do theirs.
            on_tx!(tx, |c| sqlx::query("DELETE FROM search_documents WHERE body_id = $1 AND owner NOT LIKE 'case:%'")
                .bind(id.0)
                .execute(c)
                .await
                .map(|r| r.rows_affected()))?;
        }
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    name: String,
    title: Option<String>,
    party: Option<String>,
    organisation: Option<String>,
}

struct PersonDoc {
    p: PersonRow,
    roles: Vec<(String, String)>,
}

/// How a membership's role reads in a person's document (in Swedish, the product's language).
fn role_label(role: &str) -> String {
    match domain::structure::MembershipRole::parse(role) {
        Some(r) => r.label(domain::error::Lang::Sv).to_lowercase(),
        None => role.to_string(),
    }
}

impl Searchable for PersonDoc {
    fn search_document(&self) -> SearchDocument {
        let roles: Vec<String> = self.roles.iter().map(|(r, b)| format!("{} i {b}", role_label(r))).collect();
        let mut parts = vec![self.p.title.as_deref().unwrap_or(""), self.p.organisation.as_deref().unwrap_or("")];
        parts.push(self.p.party.as_deref().unwrap_or(""));
        parts.extend(roles.iter().map(String::as_str));
        SearchDocument {
            kind: Kind::Person,
            ref_id: self.p.id,
            title: self.p.name.clone(),
            text: joined(parts),
            url: format!("/personer/{}", self.p.id),
            body_id: None,
            year: None,
            date: String::new(),
            readers: Readers::Public,
        }
    }
}

/// Re-indexes a person: name, title, organisation, party and roles in bodies.
pub(crate) async fn refresh_person(tx: &mut Tx, id: PersonId) -> Result<()> {
    let owner = format!("person:{id}");
    remove_owner(tx, &owner).await?;
    let row: Option<PersonRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT p.id, p.name, p.title, p.party, o.name AS organisation FROM people p \
         LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.id = $1"
    )
    .bind(id.0)
    .fetch_optional(c)
    .await)?;
    let Some(p) = row else { return Ok(()) };
    // A person whose personal data was removed from the web is not found, unless an elected
    // representative (rule 22, ADR 35).
    let removed: Option<i64> =
        on_tx!(tx, |c| sqlx::query_scalar("SELECT person_id FROM privacy_removals WHERE person_id = $1")
            .bind(id.0)
            .fetch_optional(c)
            .await)?;
    if removed.is_some() && !domain::privacy::stays_public(p.party.as_deref()) {
        return Ok(());
    }
    let roles: Vec<(String, String)> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT m.role, b.name FROM memberships m JOIN bodies b ON b.id = m.body_id \
         WHERE m.person_id = $1 ORDER BY m.start_date, m.id"
    )
    .bind(id.0)
    .fetch_all(c)
    .await)?;
    index(tx, &owner, &PersonDoc { p, roles }.search_document()).await
}

#[derive(sqlx::FromRow)]
struct MeetingRow {
    id: i64,
    body_id: i64,
    body_name: String,
    date: Date,
    place: Option<String>,
    status: String,
}

impl Searchable for MeetingRow {
    fn search_document(&self) -> SearchDocument {
        SearchDocument {
            kind: Kind::Meeting,
            ref_id: self.id,
            title: format!("{} {}", self.body_name, self.date),
            text: joined([self.body_name.as_str(), self.place.as_deref().unwrap_or("")]),
            url: format!("/moten/{}", self.id),
            body_id: Some(self.body_id),
            year: Some(self.date.year()),
            date: self.date.to_string(),
            readers: Readers::Public,
        }
    }
}

#[derive(sqlx::FromRow)]
struct ItemRow {
    id: i64,
    title: String,
    case_number: Option<String>,
    description: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ParagraphRow {
    id: i64,
    number: i64,
    title: String,
    case_number: Option<String>,
    decision: String,
    summary: Option<String>,
}

#[derive(sqlx::FromRow)]
struct AnnouncementRow {
    id: i64,
    adjusted_on: Date,
}

/// Re-indexes a meeting with its agenda items, protocol paragraphs and announcement. An item's
/// or paragraph's text is its own (decision, summary, case number), not the body's name: a
/// query for a word of the name would otherwise find every paragraph of the body, which the
/// body facet and the meeting's own document already answer. The
/// paragraphs of a protocol not yet adjusted are drafts: only the body's members and secretaries
/// find them.
pub(crate) async fn refresh_meeting(tx: &mut Tx, id: MeetingId) -> Result<()> {
    let owner = format!("meeting:{id}");
    remove_owner(tx, &owner).await?;
    let row: Option<MeetingRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT m.id, m.body_id, b.name AS body_name, m.date, m.place, m.status FROM meetings m \
         JOIN bodies b ON b.id = m.body_id WHERE m.id = $1"
    )
    .bind(id.0)
    .fetch_optional(c)
    .await)?;
    let Some(m) = row else { return Ok(()) };
    // Agenda items and paragraphs hide the names the published protocol hides (rule 22, ADR 35).
    let hidden = super::hidden::in_meeting(tx, m.id).await?;
    let hidden: Vec<&domain::privacy::Removed> = hidden.iter().collect();
    let at = |mut d: SearchDocument| {
        domain::privacy::mask_text(&mut d.title, &hidden);
        domain::privacy::mask_text(&mut d.text, &hidden);
        SearchDocument { body_id: Some(m.body_id), year: Some(m.date.year()), date: m.date.to_string(), ..d }
    };
    index(tx, &owner, &m.search_document()).await?;

    let items: Vec<ItemRow> = on_tx!(tx, |c| sqlx::query_as(
        "SELECT id, title, case_number, description FROM agenda_items WHERE meeting_id = $1 ORDER BY position"
    )
    .bind(id.0)
    .fetch_all(c)
    .await)?;
    for it in items {
        let d = at(SearchDocument {
            kind: Kind::AgendaItem,
            ref_id: it.id,
            title: it.title,
            text: joined([it.description.as_deref().unwrap_or(""), it.case_number.as_deref().unwrap_or("")]),
            url: format!("/moten/{}#item-{}", m.id, it.id),
            body_id: None,
            year: None,
            date: String::new(),
            readers: Readers::Public,
        });
        index(tx, &owner, &d).await?;
    }

    let status = MeetingStatus::ALL.into_iter().find(|s| s.as_str() == m.status);
    let readers = match status {
        Some(MeetingStatus::Adjusted | MeetingStatus::Announced) => Readers::Public,
        _ => Readers::Body(m.body_id),
    };
    let paragraphs: Vec<ParagraphRow> = on_tx!(tx, |c| {
        sqlx::query_as(
        "SELECT id, number, title, case_number, decision, summary FROM paragraphs WHERE meeting_id = $1 ORDER BY number"
    )
    .bind(id.0)
    .fetch_all(c)
    .await
    })?;
    for p in paragraphs {
        let d = at(SearchDocument {
            kind: Kind::Paragraph,
            ref_id: p.id,
            title: format!("§ {} {}", p.number, p.title),
            text: joined([
                p.decision.as_str(),
                p.summary.as_deref().unwrap_or(""),
                p.case_number.as_deref().unwrap_or(""),
            ]),
            url: format!("/moten/{}/protokoll#paragraf-{}", m.id, p.number),
            body_id: None,
            year: None,
            date: String::new(),
            readers: readers.clone(),
        });
        index(tx, &owner, &d).await?;
    }

    let ann: Option<AnnouncementRow> =
        on_tx!(tx, |c| sqlx::query_as("SELECT id, adjusted_on FROM announcements WHERE meeting_id = $1")
            .bind(id.0)
            .fetch_optional(c)
            .await)?;
    if let Some(a) = ann {
        let d = at(SearchDocument {
            kind: Kind::Announcement,
            ref_id: a.id,
            title: format!("Anslag: protokoll {}", m.title_line()),
            text: format!("Protokollet från {} justerades {}.", m.title_line(), a.adjusted_on),
            url: format!("/anslagstavla/{}", a.id),
            body_id: None,
            year: None,
            date: String::new(),
            readers: Readers::Public,
        });
        index(tx, &owner, &d).await?;
    }
    Ok(())
}

impl MeetingRow {
    fn title_line(&self) -> String {
        format!("{} {}", self.body_name, self.date)
    }
}
