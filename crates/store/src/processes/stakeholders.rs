//! The stakeholder analysis of a process: stakeholders added and edited, listed by influence
//! and interest (highest first).

use domain::named::Named;
use domain::processes::{Level, ParticipantKind, StakeholderInput, StakeholderStrategy};
use serde_json::json;

use super::Stakeholder;
use crate::{Actor, Result, Store, StoreError, Tx, audit, must_exist, on_pool, on_tx};

impl Store {
    pub async fn stakeholders(&self, process: i64) -> Result<Vec<Stakeholder>> {
        #[allow(clippy::type_complexity)]
        let rows: Vec<(
            i64,
            Option<i64>,
            Option<String>,
            Option<String>,
            String,
            i64,
            i64,
            bool,
            bool,
            Option<String>,
        )> = on_pool!(&self.pool, |p| {
            sqlx::query_as(
            "SELECT s.id, s.organisation_id, o.name, s.name, s.kind, s.interest, s.influence, s.invited, s.took_part, \
                 s.note FROM process_stakeholders s LEFT JOIN organisations o ON o.id = s.organisation_id \
                 WHERE s.process_id = $1 ORDER BY s.influence DESC, s.interest DESC, s.id"
        )
        .bind(process)
        .fetch_all(p)
        .await
        })?;
        Ok(rows
            .into_iter()
            .map(|(id, oid, oname, name, kind, interest, influence, invited, took_part, note)| {
                let (interest, influence) = (Level(interest.clamp(1, 4) as u8), Level(influence.clamp(1, 4) as u8));
                Stakeholder {
                    id,
                    name: oname.clone().or(name).unwrap_or_default(),
                    organisation: oid.zip(oname).map(|(id, name)| Named { id, name }),
                    kind: ParticipantKind::parse(&kind).unwrap_or(ParticipantKind::CivilSociety),
                    interest,
                    influence,
                    invited,
                    took_part,
                    note,
                    approach: StakeholderStrategy::of(interest, influence),
                }
            })
            .collect())
    }

    /// Adds a stakeholder (`id` None) or replaces one of the process's.
    pub async fn save_stakeholder(
        &self,
        process: i64,
        id: Option<i64>,
        input: &StakeholderInput,
        actor: &Actor,
    ) -> Result<i64> {
        let mut tx = self.begin().await?;
        if let Some(o) = input.organisation_id {
            must_exist(&mut tx, "organisations", o, "organisation_id").await?;
        }
        let t = tx.now;
        let id = match id {
            None => on_tx!(&mut tx, |c| {
                sqlx::query_scalar(
                "INSERT INTO process_stakeholders (process_id, kind, interest, influence, invited, took_part, created_at) \
                 VALUES ($1, 'business', 1, 1, FALSE, FALSE, $2) RETURNING id"
            )
            .bind(process)
            .bind(t)
            .fetch_one(c)
            .await
            })?,
            Some(id) => id,
        };
        let n = write(&mut tx, process, id, input).await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        let changes = json!({"stakeholder_id": id, "organisation_id": input.organisation_id, "name": input.name,
            "kind": input.kind.as_str(), "interest": input.interest.0, "influence": input.influence.0,
            "invited": input.invited, "took_part": input.took_part});
        audit::record(&mut tx, actor, "process.stakeholder", "process", Some(process), changes).await?;
        tx.commit().await?;
        Ok(id)
    }
}

async fn write(tx: &mut Tx, process: i64, id: i64, i: &StakeholderInput) -> Result<u64> {
    Ok(on_tx!(tx, |c| sqlx::query(
        "UPDATE process_stakeholders SET organisation_id = $1, name = $2, kind = $3, interest = $4, influence = $5, \
         invited = $6, took_part = $7, note = $8 WHERE id = $9 AND process_id = $10"
    )
    .bind(i.organisation_id)
    .bind(&i.name)
    .bind(i.kind.as_str())
    .bind(i64::from(i.interest.0))
    .bind(i64::from(i.influence.0))
    .bind(i.invited)
    .bind(i.took_part)
    .bind(&i.note)
    .bind(id)
    .bind(process)
    .execute(c)
    .await
    .map(|r| r.rows_affected()))?)
}
