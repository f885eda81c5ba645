//! The morning's reminders of joint matters (issue 11): each organisation that was sent a
//! matter and has not decided is reminded, through its officers' e-mail, on each of the days
//! before the due day that `domain::joint::reminder_due` names. Each message's dedupe key is
//! (matter, organisation, day, account), so a rerun of the day's job writes nothing more.

use domain::error::Lang;
use time::Date;

use crate::App;
use crate::mail::compose::{self, Recipient};

/// Queues the day's reminders.
pub async fn run(app: &App, day: Date) -> Result<(), String> {
    let mut messages = Vec::new();
    for due in app.store.joint_reminders_due(day).await.map_err(|e| e.to_string())? {
        let org = domain::ids::OrganisationId(due.organisation_id);
        for o in app.store.officers_of(org).await.map_err(|e| e.to_string())? {
            let lang = o.lang.as_deref().and_then(Lang::parse).unwrap_or_default();
            let r = Recipient { name: &o.name, email: &o.email, lang };
            let key = format!("joint.reminder:{}:{}:{day}:{}", due.id, due.organisation_id, o.user_id);
            messages.push(compose::joint_reminder(app, &r, key, (due.id, &due.title), &due.organisation, due.due_on));
        }
    }
    app.store.queue_messages(&messages).await.map(|_| ()).map_err(|e| e.to_string())
}
