//! The morning's reminders of follow-up rounds: each forum that has not answered a round is
//! reminded, through the e-mail of the people who work in it today, on the days
//! `domain::actionplans::followup::reminder_due` names (before the due day, and weekly once
//! late). Each message's dedupe key is (round, plan, person, day), so a rerun of the day's job
//! writes nothing more; the person's setting decides whether it is sent now or in the digest.

use domain::error::Lang;
use domain::ids::{BodyId, PersonId};
use time::Date;

use crate::App;
use crate::mail::compose::{Recipient, letter};
use crate::mail::digest::route;
use store::mail::MailKind;

fn err(e: impl ToString) -> String {
    e.to_string()
}

/// Queues the day's reminders.
pub async fn run(app: &App, day: Date) -> Result<(), String> {
    let mut messages = Vec::new();
    for q in app.store.followup_pending().await.map_err(err)? {
        if !domain::actionplans::followup::reminder_due(q.due_on, day) {
            continue;
        }
        let link = format!("{}/uppfoljningar/{}/svar/{}", app.config.site_url, q.round_id, q.plan_id);
        for m in app.store.memberships(BodyId(q.forum.id), Some(day)).await.map_err(err)? {
            let person = PersonId(m.person_id);
            let Some(a) = crate::mail::addressee(app, person).await? else { continue };
            let r = Recipient { name: &a.name, email: &a.email, lang: a.lang };
            let late = day > q.due_on;
            let (subject, paragraphs, link_text) = match a.lang {
                Lang::Sv => (
                    format!(
                        "{}: {} – {}",
                        if late { "Försenad uppföljning" } else { "Påminnelse" },
                        q.round_title,
                        q.forum.name
                    ),
                    vec![
                        format!(
                            "{} har ombetts att lämna sin uppföljning i ”{}” senast {}.",
                            q.forum.name, q.round_title, q.due_on
                        ),
                        if late {
                            "Uppföljningen har inte kommit in och sista dagen har passerat.".into()
                        } else {
                            "Uppföljningen har inte kommit in ännu.".into()
                        },
                    ],
                    "Fyll i uppföljningen",
                ),
                Lang::En => (
                    format!(
                        "{}: {} – {}",
                        if late { "Overdue follow-up" } else { "Reminder" },
                        q.round_title,
                        q.forum.name
                    ),
                    vec![
                        format!(
                            "{} has been asked to give its follow-up in “{}” by {}.",
                            q.forum.name, q.round_title, q.due_on
                        ),
                        if late {
                            "The follow-up has not come in and the due day has passed.".into()
                        } else {
                            "The follow-up has not come in yet.".into()
                        },
                    ],
                    "Fill in the follow-up",
                ),
            };
            let key = format!("followup.reminder:{}:{}:{}:{day}", q.round_id, q.plan_id, person.0);
            let msg = letter(&r, "followup.reminder", key, subject, paragraphs, link.clone(), link_text.into());
            messages.extend(route(app, person, MailKind::Notice, msg).await?);
        }
    }
    app.store.queue_messages(&messages).await.map(|_| ()).map_err(err)
}
