//! The installation's look (issue 9): name, accent colour and logo, one row written by
//! administrators and audited like every other write.

use domain::branding::{Branding, BrandingInput, Colour, Logo, LogoKind};
use serde_json::json;

use crate::audit::{self, Actor};
use crate::{Result, Store, on_pool, on_tx};

/// name, accent, logo type, logo digest.
type BrandingRow = (String, Option<String>, Option<String>, Option<String>);

/// What to do with the logo in an update.
#[derive(Clone, Debug, PartialEq)]
pub enum LogoChange {
    Keep,
    Remove,
    Set(Logo),
}

impl Store {
    /// The look now (the product's own when no administrator has set one).
    pub async fn branding(&self) -> Result<Branding> {
        let row: Option<BrandingRow> = on_pool!(&self.pool, |p| {
            sqlx::query_as("SELECT name, accent, logo_type, logo_digest FROM branding WHERE id = 1")
                .fetch_optional(p)
                .await
        })?;
        Ok(match row {
            None => Branding::default(),
            Some((name, accent, logo_type, digest)) => Branding {
                name,
                accent: accent.as_deref().and_then(Colour::parse),
                logo: logo_type.as_deref().and_then(LogoKind::from_mime).zip(digest),
            },
        })
    }

    /// The logo's kind and bytes, when there is one.
    pub async fn branding_logo(&self) -> Result<Option<(LogoKind, Vec<u8>)>> {
        let row: Option<(Option<String>, Option<Vec<u8>>)> = on_pool!(&self.pool, |p| {
            sqlx::query_as("SELECT logo_type, logo FROM branding WHERE id = 1").fetch_optional(p).await
        })?;
        Ok(row.and_then(|(t, b)| t.as_deref().and_then(LogoKind::from_mime).zip(b)))
    }

    /// Sets the name, the accent colour and (per `logo`) the logo, in one audited transaction.
    pub async fn set_branding(&self, input: &BrandingInput, logo: &LogoChange, actor: &Actor) -> Result<()> {
        let mut tx = self.begin().await?;
        let before = self.branding().await?;
        let accent = input.accent.map(|c| c.hex());
        let stamp = tx.now;
        on_tx!(&mut tx, |c| sqlx::query(
            "INSERT INTO branding (id, name, accent, updated_at) VALUES (1, $1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, accent = excluded.accent, \
             updated_at = excluded.updated_at"
        )
        .bind(&input.name)
        .bind(&accent)
        .bind(stamp)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))?;
        let (logo_type, bytes, digest) = match logo {
            LogoChange::Keep => (None, None, None),
            LogoChange::Remove => (Some(None), None, None),
            LogoChange::Set(l) => {
                let digest = crate::files::sha256_hex(&l.bytes)[..16].to_string();
                (Some(Some(l.kind.mime())), Some(l.bytes.clone()), Some(digest))
            }
        };
        if let Some(logo_type) = logo_type {
            on_tx!(&mut tx, |c| sqlx::query(
                "UPDATE branding SET logo_type = $1, logo = $2, logo_digest = $3 WHERE id = 1"
            )
            .bind(logo_type)
            .bind(&bytes)
            .bind(&digest)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        }
        let logo_note = match logo {
            LogoChange::Keep => json!(null),
            LogoChange::Remove => json!("removed"),
            LogoChange::Set(l) => json!({ "type": l.kind.mime(), "bytes": l.bytes.len(), "digest": digest }),
        };
        let mut changes = audit::diff(
            Some(&json!({ "name": before.name, "accent": before.accent.map(|c| c.hex()) })),
            Some(&json!({ "name": input.name, "accent": accent })),
        );
        if !logo_note.is_null()
            && let Some(map) = changes.as_object_mut()
        {
            map.insert("logo".into(), logo_note);
        }
        audit::record(&mut tx, actor, "branding.update", "branding", Some(1), changes).await?;
        tx.commit().await
    }
}
