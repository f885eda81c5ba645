//! The secrecy grants' block on the case page (ADR 54): for the case's registrars the grants
//! with their state and the form that grants; for a person holding a grant a line saying so.

use askama::Template;
use domain::cases::{Case, Reader};
use domain::ids::CaseId;
use serde::Deserialize;
use store::cases::SecrecyGrant;

use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, render};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct GrantForm {
    pub grantee: String,
    pub grant_document: String,
    pub grant_reason: String,
    pub grant_until: String,
    pub idempotency_key: String,
}

struct Row {
    g: SecrecyGrant,
    /// "active", "expired" or "revoked" on today.
    state: &'static str,
}

#[derive(Template)]
#[template(path = "cases/grants.html")]
struct Block {
    p: Chrome,
    case_id: CaseId,
    rows: Vec<Row>,
    /// The case's secrecy-marked documents: id and full number.
    secret: Vec<(i64, String)>,
    f: GrantForm,
}

/// The block on the case page: for registrars the grants and the form; for a person holding a
/// grant a line saying so; nothing for others.
pub async fn block(
    app: &App,
    ctx: &Ctx,
    c: &Case,
    reader: &Reader,
    f: Option<GrantForm>,
    invalid: Option<&domain::Invalid>,
) -> AppResult<String> {
    let today = app.store.today();
    if !reader.registrar {
        let granted = reader.grants.iter().any(|g| g.active(today));
        return Ok(if granted {
            format!("<p class=\"notice\">{}</p>", crate::i18n::text(ctx.lang, "grant.shown_by_grant"))
        } else {
            String::new()
        });
    }
    let rows = app
        .store
        .secrecy_grants(c.id)
        .await?
        .into_iter()
        .map(|g| {
            let state = if g.revoked_at.is_some() {
                "revoked"
            } else if g.rule().active(today) {
                "active"
            } else {
                "expired"
            };
            Row { g, state }
        })
        .collect();
    let secret = app
        .store
        .case_documents(c.id)
        .await?
        .into_iter()
        .filter(|d| d.secrecy.is_some())
        .map(|d| (d.id.0, d.full_number))
        .collect();
    let f = f.unwrap_or_else(|| GrantForm { idempotency_key: crate::auth::new_secret(), ..Default::default() });
    let block = Block { p: Chrome::new(ctx, "").form(invalid).0, case_id: c.id, rows, secret, f };
    Ok(render(&block)?.0)
}
