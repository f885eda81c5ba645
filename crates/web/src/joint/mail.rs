//! The mail of a joint matter when the region sends it (issue 11, rule 9): each organisation
//! sent to is told, through its officers' e-mail, that its board is asked to decide, by when,
//! and where to record the decision. Queued by a job the sending enqueues in its transaction;
//! each message's dedupe key is (matter, organisation, account), so a rerun writes nothing more.

use domain::error::Lang;
use domain::ids::OrganisationId;
use serde_json::Value;

use crate::App;
use crate::mail::compose::{self, Recipient};

/// The job kind: the matter was sent to `organisations`.
pub const SENT_JOB: &str = "joint.sent";

/// Queues the messages of a sending.
pub async fn sent(app: &App, payload: &Value) -> Result<(), String> {
    let err = |e: store::StoreError| e.to_string();
    let id = payload.get("matter_id").and_then(Value::as_i64).ok_or("no matter id")?;
    let orgs: Vec<i64> = payload
        .get("organisations")
        .and_then(Value::as_array)
        .map_or(Vec::new(), |a| a.iter().filter_map(Value::as_i64).collect());
    let Some(m) = app.store.joint_matter(id).await.map_err(err)? else { return Ok(()) };
    let mut messages = Vec::new();
    for org in orgs {
        let Some(party) = m.parties.iter().find(|p| p.organisation_id.0 == org) else { continue };
        for o in app.store.officers_of(OrganisationId(org)).await.map_err(err)? {
            let lang = o.lang.as_deref().and_then(Lang::parse).unwrap_or_default();
            let r = Recipient { name: &o.name, email: &o.email, lang };
            let key = format!("{SENT_JOB}:{id}:{org}:{}", o.user_id);
            messages.push(compose::joint_sent(app, &r, key, (id, &m.title), (&m.owner, &party.organisation), m.due_on));
        }
    }
    app.store.queue_messages(&messages).await.map(|_| ()).map_err(err)
}
