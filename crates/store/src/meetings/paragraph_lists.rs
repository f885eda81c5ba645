//! The lists of a paragraph: proposals, votes, dissents and conflicts of interest, each added or
//! removed one entry at a time.

use domain::ids::MeetingId;
use domain::meetings::protocol::Motion;
use domain::meetings::{MeetingError, MotionInput, RemarkInput, VoteInput};
use serde::Serialize;
use serde_json::{Value, json};

use super::meeting::touch_meeting;
use super::paragraphs::{StoredBallot, StoredRemark, StoredVote};
use super::to_json;
use crate::{Actor, Result, Store, StoreError, audit, on_tx};

/// Which list of a paragraph an entry belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParagraphList {
    Motions,
    Votes,
    Dissents,
    Conflicts,
}

impl ParagraphList {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "motions" => Some(ParagraphList::Motions),
            "votes" => Some(ParagraphList::Votes),
            "dissents" => Some(ParagraphList::Dissents),
            "conflicts" => Some(ParagraphList::Conflicts),
            _ => None,
        }
    }

    fn column(self) -> &'static str {
        match self {
            ParagraphList::Motions => "motions",
            ParagraphList::Votes => "votes",
            ParagraphList::Dissents => "dissents",
            ParagraphList::Conflicts => "conflicts",
        }
    }
}

impl Store {
    /// Adds a proposal, vote, dissent or conflict of interest to a paragraph. People are named
    /// as the register has them.
    pub async fn add_to_paragraph(
        &self,
        meeting: MeetingId,
        id: i64,
        entry: ParagraphEntry,
        actor: &Actor,
    ) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        let p = self.paragraph(meeting, id).await?;
        self.paragraph_editable(&m, &p).await?;
        let (list, value) = match &entry {
            ParagraphEntry::Motion(x) => {
                let mut v = p.motions.clone();
                v.push(Motion { by: x.by.clone(), text: x.text.clone() });
                (ParagraphList::Motions, to_json(&v))
            }
            ParagraphEntry::Vote(x) => {
                let names = self.people_names(&x.ballots.iter().map(|(p, _)| p.0).collect::<Vec<_>>()).await?;
                let mut ballots = Vec::new();
                for (i, (person, choice)) in x.ballots.iter().enumerate() {
                    let name = names.get(&person.0).cloned().ok_or_else(|| {
                        StoreError::from(MeetingError::UnknownPerson { field: format!("ballots[{i}]") })
                    })?;
                    ballots.push(StoredBallot { person_id: person.0, name, choice: *choice });
                }
                let mut v = p.votes.clone();
                v.push(StoredVote { question: x.question.clone(), result: x.result.clone(), ballots });
                (ParagraphList::Votes, to_json(&v))
            }
            ParagraphEntry::Dissent(x) | ParagraphEntry::Conflict(x) => {
                let name = self
                    .people_names(&[x.person.0])
                    .await?
                    .remove(&x.person.0)
                    .ok_or_else(|| StoreError::from(MeetingError::UnknownPerson { field: "person".into() }))?;
                let remark = StoredRemark { person_id: x.person.0, name, text: x.text.clone() };
                if matches!(entry, ParagraphEntry::Dissent(_)) {
                    let mut v = p.dissents.clone();
                    v.push(remark);
                    (ParagraphList::Dissents, to_json(&v))
                } else {
                    let mut v = p.conflicts.clone();
                    v.push(remark);
                    (ParagraphList::Conflicts, to_json(&v))
                }
            }
        };
        self.write_list(meeting, id, list, value, "paragraph.add", actor).await
    }

    /// Removes the `index`th entry of one of a paragraph's lists.
    pub async fn remove_from_paragraph(
        &self,
        meeting: MeetingId,
        id: i64,
        list: ParagraphList,
        index: usize,
        actor: &Actor,
    ) -> Result<()> {
        let m = self.meeting(meeting).await?.ok_or(StoreError::NotFound)?;
        let p = self.paragraph(meeting, id).await?;
        self.paragraph_editable(&m, &p).await?;
        fn remove<T: Serialize + Clone>(v: &[T], i: usize) -> Result<String> {
            if i >= v.len() {
                return Err(StoreError::NotFound);
            }
            let mut v = v.to_vec();
            v.remove(i);
            Ok(to_json(&v))
        }
        let value = match list {
            ParagraphList::Motions => remove(&p.motions, index)?,
            ParagraphList::Votes => remove(&p.votes, index)?,
            ParagraphList::Dissents => remove(&p.dissents, index)?,
            ParagraphList::Conflicts => remove(&p.conflicts, index)?,
        };
        self.write_list(meeting, id, list, value, "paragraph.remove", actor).await
    }

    async fn write_list(
        &self,
        meeting: MeetingId,
        id: i64,
        list: ParagraphList,
        value: String,
        action: &str,
        actor: &Actor,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let sql = format!("UPDATE paragraphs SET {} = $1, updated_at = $2 WHERE id = $3", list.column());
        let stamp = tx.now;
        on_tx!(&mut tx, |c| sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
            .bind(&value)
            .bind(stamp)
            .bind(id)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        touch_meeting(&mut tx, meeting).await?;
        audit::record(
            &mut tx,
            actor,
            action,
            "paragraph",
            Some(id),
            json!({list.column(): {"to": serde_json::from_str::<Value>(&value).unwrap_or(Value::Null)}}),
        )
        .await?;
        crate::search::refresh_meeting(&mut tx, meeting).await?;
        tx.commit().await
    }
}

/// A proposal, vote, dissent or conflict of interest to add to a paragraph.
pub enum ParagraphEntry {
    Motion(MotionInput),
    Vote(VoteInput),
    Dissent(RemarkInput),
    Conflict(RemarkInput),
}
