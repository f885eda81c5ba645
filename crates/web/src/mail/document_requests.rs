//! The message that tells an organisation's registrars of a new request for an official
//! document (issue 11, ADR 48), written by the job the request enqueued in its own transaction.
//! One message per registrar with a dedupe key, so a rerun job sends nothing twice. In Swedish
//! (the registrars' working language here), the link from `site_url` to their queue.

use domain::error::Lang;
use domain::ids::OrganisationId;
use serde_json::Value;

use crate::App;
use crate::mail::compose::{Recipient, letter};

/// The kind of the message in the outbox.
pub const KIND: &str = "document_request";

pub async fn notify(app: &App, payload: &Value) -> Result<(), String> {
    let err = |e: store::StoreError| e.to_string();
    let id = payload.get("request_id").and_then(Value::as_i64).ok_or("no request id")?;
    let Some(r) = app.store.document_request(id).await.map_err(err)? else { return Ok(()) };
    let number = match r.document_number {
        Some(n) => format!("{}-{n}", r.case_number),
        None => r.case_number.clone(),
    };
    let paragraphs = vec![
        format!(
            "En begäran om allmän handling har kommit in den {} i ärende {number} ({}).",
            r.received_on, r.case_title
        ),
        format!("Begärt: {}", r.what),
        "Enligt 2 kap. 15 § tryckfrihetsförordningen ska begäran handläggas skyndsamt.".to_string(),
    ];
    let link = format!("{}/diarium/begaranden?organisation={}", app.config.site_url, r.organisation_id);
    let mut messages = Vec::new();
    for g in app.store.registrars(OrganisationId(r.organisation_id)).await.map_err(err)? {
        let rcp = Recipient { name: &g.name, email: &g.email, lang: Lang::Sv };
        messages.push(letter(
            &rcp,
            KIND,
            format!("{KIND}:{id}:{}", g.user_id),
            format!("Begäran om allmän handling: {number}"),
            paragraphs.clone(),
            link.clone(),
            "Öppna registratorns kö".into(),
        ));
    }
    app.store.queue_messages(&messages).await.map(|_| ()).map_err(err)
}
