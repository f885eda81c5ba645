//! The morning's reminders of surveys: each organisation asked that has not submitted its
//! answer is written to at its functional address on the day
//! `domain::surveys::reminder::reminder_day` names, in Swedish as the invitation is. The dedupe
//! key (survey and organisation) makes a rerun of the day's job, or a second worker, write
//! nothing more.

use domain::surveys::{Audience, ResponseStatus, SurveyStatus};
use time::Date;

use crate::App;
use crate::mail::compose::{Recipient, letter};

fn err(e: impl ToString) -> String {
    e.to_string()
}

/// Queues the day's reminders.
pub async fn run(app: &App, day: Date) -> Result<(), String> {
    let mut messages = Vec::new();
    for s in app.store.surveys(false).await.map_err(err)? {
        if s.status != SurveyStatus::Open || s.audience != Audience::Organisations {
            continue;
        }
        let (Some(sent_on), Some(closes_on)) = (s.sent_on, s.closes_on) else { continue };
        if domain::surveys::reminder::reminder_day(sent_on, closes_on) != Some(day) {
            continue;
        }
        let link = format!("{}/enkater/{}/svara", app.config.site_url, s.id);
        for r in app.store.survey_recipients(s.id).await.map_err(err)? {
            if r.status == Some(ResponseStatus::Submitted) {
                continue;
            }
            let Some(email) = r.email.clone().filter(|e| !e.trim().is_empty()) else { continue };
            let rcp = Recipient { name: &r.name, email: &email, lang: domain::error::Lang::Sv };
            let begun = if r.status == Some(ResponseStatus::Draft) {
                "Ert utkast är sparat men inte inskickat."
            } else {
                "Vi har inte fått något svar från er ännu."
            };
            messages.push(letter(
                &rcp,
                "survey.reminder",
                format!("survey.reminder:{}:{}", s.id, r.organisation_id),
                format!("Påminnelse: {}", s.title),
                vec![format!("Sista svarsdag för enkäten ”{}” är {closes_on}.", s.title), begun.to_string()],
                link.clone(),
                "Besvara enkäten".into(),
            ));
        }
    }
    app.store.queue_messages(&messages).await.map(|_| ()).map_err(err)
}
