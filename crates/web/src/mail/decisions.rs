//! The decisions to their recipients (ADR 24), the `protocol.decisions` job enqueued when a
//! protocol is announced: for each paragraph, each "Beslutet skickas till" line that names a
//! person or an organisation of the register with an address gets the certified extract of the
//! paragraph as a PDF; the lines that name none are recorded (the audit log's
//! `protocol.decisions_mail` event, with those sent), so an administrator sees what was skipped.

use domain::error::Lang;
use domain::ids::{MeetingId, PersonId};
use serde_json::Value;
use store::mail::{DECISIONS_JOB, MailKind, NewAttachment};

use super::compose::{self, Recipient};
use crate::App;
use crate::meetings::extract_pdf;

pub async fn run(app: &App, payload: &Value) -> Result<(), String> {
    let id = MeetingId(payload.get("meeting").and_then(Value::as_i64).ok_or("no meeting id")?);
    let Some(m) = app.store.meeting(id).await.map_err(|e| e.to_string())? else { return Ok(()) };
    if !m.protocol_public() {
        return Ok(());
    }
    let versions = app.store.protocol_versions(id).await.map_err(|e| e.to_string())?;
    let Some(v) = versions.last() else { return Ok(()) };
    let protocol = v.protocol().ok_or("a protocol version does not parse")?;
    let (mut messages, mut skipped) = (Vec::new(), Vec::new());
    for par in protocol.paragraphs.iter().filter(|p| !p.recipients.is_empty()) {
        for line in &par.recipients {
            let Some(found) = app.store.resolve_recipient(line).await.map_err(|e| e.to_string())? else {
                skipped.push(format!("§ {}: {line}", par.number));
                continue;
            };
            let lang = match found.person {
                Some(p) => super::addressee(app, PersonId(p)).await?.map_or(Lang::Sv, |a| a.lang),
                None => Lang::Sv,
            };
            let Some((bytes, filename)) = extract_pdf(app, &m, par.number, lang).await.map_err(|e| format!("{e:?}"))?
            else {
                continue;
            };
            let r = Recipient { name: &found.name, email: &found.email, lang };
            let key = format!("{DECISIONS_JOB}:{}:{}:{}:{}", id.0, v.version, par.number, found.email.to_lowercase());
            let mut msg = compose::decision(app, &r, key, &m, par.number, &par.title);
            msg.attachments.push(NewAttachment { filename, content_type: "application/pdf".into(), bytes });
            match found.person {
                Some(p) => messages.extend(super::digest::route(app, PersonId(p), MailKind::Decisions, msg).await?),
                None => messages.push(msg),
            }
        }
    }
    if !skipped.is_empty() {
        tracing::info!(meeting = id.0, ?skipped, "decision recipients without an address were not sent");
    }
    app.store.queue_decisions(id.0, &messages, &skipped).await.map(|_| ()).map_err(|e| e.to_string())
}
