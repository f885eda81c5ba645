//! Each person's setting decides how a message reaches them (ADR 24): at once, held for the
//! morning's digest, or not at all; and the morning's run (`jobs::daily`) writes one digest per
//! person with what was held for them, the held messages' files attached.

use domain::ids::PersonId;
use store::mail::{Delivery, MailKind, NewMessage};
use time::Date;

use super::compose::{self, Recipient};
use crate::App;

/// `msg` to `person` as their setting for `kind` says: sent, held for the digest, or dropped.
pub async fn route(
    app: &App,
    person: PersonId,
    kind: MailKind,
    mut msg: NewMessage,
) -> Result<Option<NewMessage>, String> {
    msg.person_id = Some(person.0);
    match app.store.delivery(person.0, kind).await.map_err(|e| e.to_string())? {
        Delivery::Immediately => Ok(Some(msg)),
        Delivery::Digest => {
            msg.held = true;
            Ok(Some(msg))
        }
        Delivery::Never => Ok(None),
    }
}

/// Writes the digest of `day` for everyone with held messages.
pub async fn run(app: &App, day: Date) -> Result<(), String> {
    let held = app.store.held_messages().await.map_err(|e| e.to_string())?;
    let mut people: Vec<i64> = held.iter().map(|h| h.person_id).collect();
    people.dedup();
    for person in people {
        let mine: Vec<_> = held.iter().filter(|h| h.person_id == person).collect();
        let Some(a) = super::addressee(app, PersonId(person)).await? else { continue };
        let r = Recipient { name: &a.name, email: &a.email, lang: a.lang };
        let items: Vec<(String, Option<i64>)> = mine.iter().map(|h| (h.subject.clone(), h.meeting_id)).collect();
        let ids: Vec<i64> = mine.iter().map(|h| h.id).collect();
        let key = format!("digest:{day}:{person}:{}", ids.first().copied().unwrap_or(0));
        let mut msg = compose::digest(app, &r, key, day, &items);
        msg.person_id = Some(person);
        app.store.queue_digest(&msg, &ids).await.map_err(|e| e.to_string())?;
    }
    Ok(())
}
