//! Surveys' messages, written by a job (handler in `jobs::handlers`): the invitation to each
//! organisation asked, at its functional address, in Swedish (organisations have no language of
//! their own), with the link to the answer page, where its people sign in and draft together.
//! Links from `site_url`; each message's dedupe key (survey and organisation) makes a second
//! run of the job write nothing.

use serde_json::Value;

use crate::App;
use crate::mail::compose::{Recipient, letter};

fn err(e: impl ToString) -> String {
    e.to_string()
}

/// The invitations of a survey (or of the organisations added after it was sent).
pub async fn invitations(app: &App, payload: &Value) -> Result<(), String> {
    let id = payload.get("survey_id").and_then(Value::as_i64).ok_or("no survey id")?;
    let only: Option<Vec<i64>> =
        payload.get("organisations").and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_i64).collect());
    let Some(s) = app.store.survey(id).await.map_err(err)? else { return Ok(()) };
    let link = format!("{}/enkater/{}/svara", app.config.site_url, s.id);
    let mut messages = Vec::new();
    for r in app.store.survey_recipients(s.id).await.map_err(err)? {
        if only.as_ref().is_some_and(|o| !o.contains(&r.organisation_id)) {
            continue;
        }
        let Some(email) = r.email.clone().filter(|e| !e.trim().is_empty()) else { continue };
        let rcp = Recipient { name: &r.name, email: &email, lang: domain::error::Lang::Sv };
        let mut paragraphs = vec![format!("Ni ombeds besvara enkäten ”{}”.", s.title)];
        if let Some(d) = s.closes_on {
            paragraphs.push(format!("Sista svarsdag är {d}."));
        }
        paragraphs.push(
            "Organisationen lämnar ett gemensamt svar: alla som hör till er organisation kan logga in och arbeta i samma utkast, och en av er skickar in svaret för organisationens räkning.".into(),
        );
        messages.push(letter(
            &rcp,
            "survey.invitation",
            format!("survey.invitation:{}:{}", s.id, r.organisation_id),
            format!("Enkät: {}", s.title),
            paragraphs,
            link.clone(),
            "Besvara enkäten".into(),
        ));
    }
    app.store.queue_messages(&messages).await.map_err(err)?;
    Ok(())
}
