//! Later versions of the referred document (version 2 and on): their sections, kept beside the
//! referral version's in `referral_sections`, and their names and dates in `referral_versions`,
//! so that each can be compared with the referral version (issue 12, ADR 52).

use domain::ids::ReferralId;
use domain::referrals::{ReferralStatus, SectionInput};
use serde::Serialize;
use serde_json::json;
use time::Date;

use super::{refused, touch};
use crate::accounts::{remember, remembered};
use crate::{Actor, Result, Store, on_pool, on_tx};

pub const LABEL_MAX: usize = 200;

/// A later version of the document, by number (2 and on).
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Version {
    pub version: i64,
    pub label: String,
    #[serde(with = "domain::dates::ymd")]
    pub created_on: Date,
}

impl Store {
    /// Adds the next later version of the document with its sections; the referral must have
    /// been sent (a later version is what came of it). With an idempotency key a retry returns
    /// the first version's number.
    pub async fn add_referral_version(
        &self,
        id: ReferralId,
        label: &str,
        sections: &[SectionInput],
        actor: &Actor,
        key: Option<&str>,
    ) -> Result<i64> {
        let mut tx = self.begin().await?;
        if let Some(v) = remembered(&mut tx, actor.user_id, key, "referral_version").await? {
            return Ok(v);
        }
        let r = touch(&mut tx, id).await?;
        if r.status != ReferralStatus::Published {
            return Err(refused(
                "markdown",
                "referral_not_published",
                "En senare version kan läggas till först när remissen är utskickad.",
                "A later version can be added only once the referral has been sent.",
            ));
        }
        let version: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "SELECT COALESCE(MAX(version), 1) + 1 FROM referral_sections WHERE referral_id = $1"
        )
        .bind(id.0)
        .fetch_one(c)
        .await)?;
        let (t, today) = (tx.now, domain::meetings::calendar::swedish_date(tx.now));
        on_tx!(&mut tx, |c| {
            sqlx::query(
            "INSERT INTO referral_versions (referral_id, version, label, created_on, created_at) VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(id.0)
        .bind(version)
        .bind(label)
        .bind(today)
        .bind(t)
        .execute(c)
        .await
        .map(|r| r.rows_affected())
        })?;
        for (i, s) in sections.iter().enumerate() {
            on_tx!(&mut tx, |c| {
                sqlx::query(
                    "INSERT INTO referral_sections (referral_id, version, number, heading, body) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id.0)
                .bind(version)
                .bind(i as i64 + 1)
                .bind(&s.heading)
                .bind(&s.body)
                .execute(c)
                .await
                .map(|r| r.rows_affected())
            })?;
        }
        remember(&mut tx, actor.user_id, key, "referral_version", version).await?;
        let headings: Vec<&str> = sections.iter().map(|s| s.heading.as_str()).collect();
        let changes = json!({"version": version, "label": label, "headings": headings});
        audit::record(&mut tx, actor, "referral.version", "referral", Some(id.0), changes).await?;
        tx.commit().await?;
        Ok(version)
    }

    /// The later versions of the document, oldest first.
    pub async fn referral_versions(&self, id: ReferralId) -> Result<Vec<Version>> {
        Ok(on_pool!(&self.pool, |p| sqlx::query_as(
            "SELECT version, label, created_on FROM referral_versions WHERE referral_id = $1 ORDER BY version"
        )
        .bind(id.0)
        .fetch_all(p)
        .await)?)
    }
}

use crate::audit;
