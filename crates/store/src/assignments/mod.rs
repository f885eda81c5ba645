//! Assignments (uppdrag, seed 001 § 4.2.1, issue 11): given in a protocol paragraph, reported
//! back in another. This file loads them; `write` gives them and records the report back.
//!
//! An assignment is public when the protocol of the paragraph that gave it is (adjusted or
//! announced): the bodies' lists and the overdue findings read only those. The paragraph's own
//! page (for those who prepare the meeting) shows every assignment given there.

mod write;

pub use domain::assignments::{Assignment, AssignmentFacts, AssignmentInput, ParagraphLink, ReportInput};

use domain::ids::BodyId;
use domain::named::Named;
use time::Date;

use crate::{Result, Store, Tx, on_pool, on_tx};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    giver_id: i64,
    giver: String,
    assignee_id: i64,
    assignee: String,
    what: String,
    due_on: Date,
    report_how: String,
    p_id: i64,
    p_meeting: i64,
    p_date: Date,
    p_number: i64,
    p_title: String,
    r_id: Option<i64>,
    r_meeting: Option<i64>,
    r_date: Option<Date>,
    r_number: Option<i64>,
    r_title: Option<String>,
    r_body: Option<i64>,
    r_body_name: Option<String>,
}

impl From<Row> for Assignment {
    fn from(r: Row) -> Assignment {
        let reported_in = match (r.r_id, r.r_meeting, r.r_date, r.r_number, r.r_body) {
            (Some(paragraph_id), Some(meeting_id), Some(meeting_date), Some(number), Some(body)) => {
                Some(ParagraphLink {
                    paragraph_id,
                    meeting_id,
                    body_id: BodyId(body),
                    body: r.r_body_name.unwrap_or_default(),
                    meeting_date,
                    number,
                    title: r.r_title.unwrap_or_default(),
                })
            }
            _ => None,
        };
        Assignment {
            id: r.id,
            given_in: ParagraphLink {
                paragraph_id: r.p_id,
                meeting_id: r.p_meeting,
                body_id: BodyId(r.giver_id),
                body: r.giver.clone(),
                meeting_date: r.p_date,
                number: r.p_number,
                title: r.p_title,
            },
            giver: Named { id: r.giver_id, name: r.giver },
            assignee: Named { id: r.assignee_id, name: r.assignee },
            what: r.what,
            due_on: r.due_on,
            report_how: r.report_how,
            reported_in,
        }
    }
}

const SELECT: &str = "SELECT a.id, a.giver_id, g.name AS giver, a.assignee_id, t.name AS assignee, a.what, \
     a.due_on, a.report_how, p.id AS p_id, p.meeting_id AS p_meeting, m.date AS p_date, p.number AS p_number, \
     p.title AS p_title, r.id AS r_id, r.meeting_id AS r_meeting, rm.date AS r_date, r.number AS r_number, \
     r.title AS r_title, r.body_id AS r_body, rb.name AS r_body_name \
     FROM assignments a JOIN bodies g ON g.id = a.giver_id JOIN bodies t ON t.id = a.assignee_id \
     JOIN paragraphs p ON p.id = a.given_in JOIN meetings m ON m.id = p.meeting_id \
     LEFT JOIN paragraphs r ON r.id = a.reported_in LEFT JOIN meetings rm ON rm.id = r.meeting_id \
     LEFT JOIN bodies rb ON rb.id = r.body_id";

/// The condition that an assignment's giving protocol is public.
const PUBLIC: &str = "m.status IN ('adjusted', 'announced')";

/// A paragraph as an assignment refers to it.
#[derive(sqlx::FromRow)]
struct LinkRow {
    paragraph_id: i64,
    meeting_id: i64,
    body_id: i64,
    body: String,
    meeting_date: Date,
    number: i64,
    title: String,
}

impl From<LinkRow> for ParagraphLink {
    fn from(r: LinkRow) -> ParagraphLink {
        ParagraphLink {
            paragraph_id: r.paragraph_id,
            meeting_id: r.meeting_id,
            body_id: BodyId(r.body_id),
            body: r.body,
            meeting_date: r.meeting_date,
            number: r.number,
            title: r.title,
        }
    }
}

const LINK: &str = "SELECT p.id AS paragraph_id, p.meeting_id, p.body_id, b.name AS body, m.date AS meeting_date, \
     p.number, p.title FROM paragraphs p JOIN meetings m ON m.id = p.meeting_id JOIN bodies b ON b.id = p.body_id \
     WHERE p.id = $1";

async fn link_in(tx: &mut Tx, paragraph: i64) -> Result<Option<ParagraphLink>> {
    let row = on_tx!(tx, |c| sqlx::query_as::<_, LinkRow>(LINK).bind(paragraph).fetch_optional(c).await)?;
    Ok(row.map(Into::into))
}

async fn fetch(tx: &mut Tx, id: i64) -> Result<Option<Assignment>> {
    let sql = format!("{SELECT} WHERE a.id = $1");
    let row =
        on_tx!(tx, |c| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.as_str())).bind(id).fetch_optional(c).await)?;
    Ok(row.map(Into::into))
}

impl Store {
    /// One assignment, whatever its protocol's stage.
    pub async fn assignment(&self, id: i64) -> Result<Option<Assignment>> {
        let sql = format!("{SELECT} WHERE a.id = $1");
        let row = on_pool!(&self.pool, |p| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .fetch_optional(p)
            .await)?;
        Ok(row.map(Into::into))
    }

    /// Whether the protocol that gave the assignment is public.
    pub async fn assignment_is_public(&self, id: i64) -> Result<bool> {
        let sql = format!("SELECT COUNT(*) FROM {} WHERE a.id = $1 AND {PUBLIC}", FROM_PUBLIC);
        let n: i64 = on_pool!(&self.pool, |p| sqlx::query_scalar(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(id)
            .fetch_one(p)
            .await)?;
        Ok(n > 0)
    }

    /// The public assignments a body gave or took, open ones first, each by due day.
    pub async fn body_assignments(&self, body: BodyId) -> Result<Vec<Assignment>> {
        let sql = format!(
            "{SELECT} WHERE (a.giver_id = $1 OR a.assignee_id = $1) AND {PUBLIC} \
             ORDER BY CASE WHEN a.reported_in IS NULL THEN 0 ELSE 1 END, a.due_on, a.id"
        );
        let rows = on_pool!(&self.pool, |p| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(body.0)
            .fetch_all(p)
            .await)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// The assignments given in a paragraph, and those reported back in it.
    pub async fn paragraph_assignments(&self, paragraph: i64) -> Result<Vec<Assignment>> {
        let sql = format!("{SELECT} WHERE a.given_in = $1 OR a.reported_in = $1 ORDER BY a.id");
        let rows = on_pool!(&self.pool, |p| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(paragraph)
            .fetch_all(p)
            .await)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// The public assignments still open that `bodies` gave or took: what a paragraph of one of
    /// them can report back on.
    pub async fn open_assignments_of(&self, body: BodyId) -> Result<Vec<Assignment>> {
        Ok(self.body_assignments(body).await?.into_iter().filter(|a| a.reported_in.is_none()).collect())
    }

    /// A paragraph as an assignment refers to it.
    pub async fn assignment_paragraph(&self, paragraph: i64) -> Result<Option<ParagraphLink>> {
        let row = on_pool!(&self.pool, |p| sqlx::query_as::<_, LinkRow>(LINK).bind(paragraph).fetch_optional(p).await)?;
        Ok(row.map(Into::into))
    }

    /// The id of paragraph § `number` of a meeting's working copy.
    pub async fn paragraph_id_by_number(&self, meeting: i64, number: i64) -> Result<Option<i64>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_scalar(
            "SELECT id FROM paragraphs WHERE meeting_id = $1 AND number = $2"
        )
        .bind(meeting)
        .bind(number)
        .fetch_optional(p)
        .await)?)
    }

    /// The public assignments due before `at` and not reported back by then, of one body (as
    /// giver or assignee) or of all: the facts of the overdue findings.
    pub async fn unreported_assignments(&self, at: Date, only: Option<BodyId>) -> Result<Vec<AssignmentFacts>> {
        let sql = format!(
            "{SELECT} WHERE a.due_on < $1 AND ($2 = 0 OR a.giver_id = $2 OR a.assignee_id = $2) AND {PUBLIC} \
             AND (a.reported_in IS NULL OR rm.date > $1)"
        );
        let rows = on_pool!(&self.pool, |p| sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(at)
            .bind(only.map_or(0, |b| b.0))
            .fetch_all(p)
            .await)?;
        Ok(rows.into_iter().map(|r| Assignment::from(r).facts()).collect())
    }
}

const FROM_PUBLIC: &str = "assignments a JOIN paragraphs p ON p.id = a.given_in JOIN meetings m ON m.id = p.meeting_id";
