//! The morning's scheduled run: joint matters' reminders (`joint::reminders`); protocols whose 14-day adjustment deadline (KL 5 kap. 69 §) is
//! in two days remind the approvers who have not approved; late ones tell the secretary, once.
//! Then each person's digest of the messages held for them (ADR 24). Queued once a day (dedupe
//! key per day), due at 06:00 Swedish time.

use domain::ids::PersonId;
use serde_json::json;
use store::jobs::NewJob;
use time::{Date, Duration};

use crate::App;
use crate::mail::addressee;
use crate::mail::compose::{self, Recipient};
use crate::mail::digest::route;
use store::mail::MailKind;

pub const KIND: &str = "deadlines.daily";

/// Makes sure today's run is queued (once per day, however many workers ask).
pub async fn schedule_today(app: &App) -> store::Result<()> {
    let today = app.store.today();
    let local = today.midnight() + Duration::hours(6);
    let offset = domain::meetings::calendar::stockholm_offset(local.assume_utc());
    let at = local.assume_offset(offset).to_offset(time::UtcOffset::UTC);
    let job = NewJob::now(KIND, json!({"day": today.to_string()})).at(at).once(format!("{KIND}:{today}"));
    app.store.enqueue_job(&job).await.map(|_| ())
}

/// The reminders and late notices of `day`.
pub async fn run(app: &App, day: Date) -> Result<(), String> {
    let mut messages = Vec::new();
    for (m, unsigned) in app.store.protocols_out().await.map_err(|e| e.to_string())? {
        let due = m.adjustment_due();
        if due - Duration::days(2) == day {
            for person in &unsigned {
                if let Some(a) = addressee(app, *person).await? {
                    let r = Recipient { name: &a.name, email: &a.email, lang: a.lang };
                    let key = format!("protocol.reminder:{}:{}:{day}", m.id.0, person.0);
                    let msg = compose::reminder(app, &r, key, &m, due);
                    messages.extend(route(app, *person, MailKind::Adjustment, msg).await?);
                }
            }
        }
        if day > due
            && let Some(secretary) = &m.secretary
            && let Some(a) = addressee(app, PersonId(secretary.id)).await?
        {
            let mut waiting = Vec::new();
            for person in &unsigned {
                if let Some(p) = app.store.person(*person).await.map_err(|e| e.to_string())? {
                    waiting.push(p.person.name);
                }
            }
            let r = Recipient { name: &a.name, email: &a.email, lang: a.lang };
            let key = format!("protocol.late:{}", m.id.0);
            let msg = compose::late(app, &r, key, &m, due, &waiting);
            messages.extend(route(app, PersonId(secretary.id), MailKind::Adjustment, msg).await?);
        }
    }
    app.store.queue_messages(&messages).await.map_err(|e| e.to_string())?;
    // Joint matters due within the week whose organisations have not decided (issue 11).
    crate::joint::reminders::run(app, day).await?;
    // Referrals' reminders to consultees who have not answered (issue 12), one job each.
    app.store.enqueue_referral_reminders(day, crate::referrals::REMINDER).await.map_err(|e| e.to_string())?;
    // Follow-up rounds' reminders to forums that have not answered (issue 13, ADR 51).
    crate::actionplans::reminders::run(app, day).await?;
    // Surveys' reminders to organisations that have not submitted (issue 14).
    crate::surveys::reminders::run(app, day).await?;
    // The digest of what was held for each person (ADR 24).
    crate::mail::digest::run(app, day).await
}
