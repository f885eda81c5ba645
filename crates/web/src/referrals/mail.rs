//! Referrals' messages, written by jobs (handlers in `jobs::handlers`): the invitation with
//! the consultee's personal answer link, the receipt of a submitted answer (with its registry
//! number), the reminder before the deadline, and on the report's publication a notice to every
//! respondent, telling those whose views were not fully accommodated which and why. Messages
//! are in Swedish (organisations have no language of their own), links from `site_url`.

use domain::error::Lang;
use domain::ids::{AnswerId, ConsulteeId, ReferralId};
use domain::referrals::Verdict;
use serde_json::Value;
use store::mail::NewMessage;
use store::referrals::{Consultee, Referral};
use time::Duration;

use crate::App;
use crate::mail::compose::{Recipient, letter};

/// How long an answer link works after the deadline (late answers, when accepted).
const LINK_DAYS_AFTER_DEADLINE: i64 = 60;

fn err(e: impl ToString) -> String {
    e.to_string()
}

async fn referral(app: &App, id: i64) -> Result<Option<Referral>, String> {
    app.store.referral(ReferralId(id)).await.map_err(err)
}

fn invitation(app: &App, r: &Referral, k: &Consultee, email: &str, token: &str) -> NewMessage {
    let rcp = Recipient { name: &k.name, email, lang: Lang::Sv };
    let duty = if k.obligation == "obliged" {
        "Ni är skyldiga att svara på remissen."
    } else {
        "Ni är inbjudna att svara på remissen."
    };
    let paragraphs = vec![
        format!("Ni har fått remissen ”{}” ({}) med diarienummer {}.", r.title, r.document_version, r.case_number),
        format!("{duty} Sista svarsdag är {}.", r.deadline),
        "Länken nedan är personlig för er organisation och fungerar utan konto. Flera av er kan arbeta i samma utkast; svaret skickas in en gång.".into(),
    ];
    let link = format!("{}/remissvar/{}?nyckel={token}", app.config.site_url, k.id);
    letter(
        &rcp,
        "referral.invitation",
        format!("referral.invitation:{}", k.id),
        format!("Remiss: {}", r.title),
        paragraphs,
        link,
        "Läs remissen och svara".into(),
    )
}

/// The invitations of a referral (or of the consultees added later, `consultees`).
pub async fn invitations(app: &App, payload: &Value) -> Result<(), String> {
    let id = payload.get("referral_id").and_then(Value::as_i64).ok_or("no referral id")?;
    let only: Option<Vec<i64>> =
        payload.get("consultees").and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_i64).collect());
    let Some(r) = referral(app, id).await? else { return Ok(()) };
    let expires = (r.deadline + Duration::days(LINK_DAYS_AFTER_DEADLINE)).midnight().assume_utc();
    for k in app.store.referral_consultees(r.id).await.map_err(err)? {
        if only.as_ref().is_some_and(|o| !o.contains(&k.id)) {
            continue;
        }
        let Some(email) = k.email.clone().filter(|e| !e.trim().is_empty()) else { continue };
        let token = crate::auth::new_secret();
        let msg = invitation(app, &r, &k, &email, &token);
        app.store
            .send_answer_link(ConsulteeId(k.id), &crate::auth::sha256_hex(&token), expires, &msg)
            .await
            .map_err(err)?;
    }
    Ok(())
}

/// The receipt of a submitted answer, to the consultee's address (or the open form's).
pub async fn receipt(app: &App, payload: &Value) -> Result<(), String> {
    let id = payload.get("answer_id").and_then(Value::as_i64).ok_or("no answer id")?;
    let Some(a) = app.store.referral_answer(AnswerId(id)).await.map_err(err)? else { return Ok(()) };
    let Some(r) = referral(app, a.referral_id).await? else { return Ok(()) };
    let email = match a.consultee_id {
        Some(k) => app.store.referral_consultee(ConsulteeId(k)).await.map_err(err)?.and_then(|k| k.email),
        None => a.respondent_email.clone(),
    };
    let Some(email) = email.filter(|e| !e.trim().is_empty()) else { return Ok(()) };
    let number = match a.case_document_id {
        Some(d) => app.store.case_document(domain::ids::CaseDocumentId(d)).await.map_err(err)?.map(|d| d.full_number),
        None => None,
    };
    let rcp = Recipient { name: &a.respondent_name, email: &email, lang: Lang::Sv };
    let mut paragraphs = vec![format!("Vi har tagit emot ert svar på remissen ”{}”.", r.title)];
    if let Some(n) = number {
        paragraphs.push(format!("Svaret är diariefört som {n}."));
    }
    if a.late {
        paragraphs.push(format!("Svaret kom in efter sista svarsdag ({}) och är markerat som sent.", r.deadline));
    }
    let msg = letter(
        &rcp,
        "referral.receipt",
        format!("referral.receipt:{id}"),
        format!("Kvitto: remissvar på {}", r.title),
        paragraphs,
        format!("{}/remisser/{}", app.config.site_url, r.id),
        "Remissen".into(),
    );
    app.store.queue_messages(&[msg]).await.map_err(err)?;
    Ok(())
}

/// The reminder to a consultee that has not submitted its answer.
pub async fn reminder(app: &App, payload: &Value) -> Result<(), String> {
    let id = payload.get("consultee_id").and_then(Value::as_i64).ok_or("no consultee id")?;
    let Some(k) = app.store.referral_consultee(ConsulteeId(id)).await.map_err(err)? else { return Ok(()) };
    if k.answer_status.as_deref() == Some("submitted") {
        return Ok(());
    }
    let Some(r) = referral(app, k.referral_id).await? else { return Ok(()) };
    let Some(email) = k.email.clone().filter(|e| !e.trim().is_empty()) else { return Ok(()) };
    let rcp = Recipient { name: &k.name, email: &email, lang: Lang::Sv };
    let paragraphs = vec![
        format!("Sista svarsdag för remissen ”{}” är {}. Vi har ännu inte fått ert svar.", r.title, r.deadline),
        "Använd länken i inbjudan, eller logga in och svara från remissens sida.".into(),
    ];
    let msg = letter(
        &rcp,
        "referral.reminder",
        format!("referral.reminder:{id}"),
        format!("Påminnelse: remiss {}", r.title),
        paragraphs,
        format!("{}/remisser/{}", app.config.site_url, r.id),
        "Remissen".into(),
    );
    app.store.queue_messages(&[msg]).await.map_err(err)?;
    Ok(())
}

/// On the report's publication: every respondent with an address hears of it; those with
/// comments not fully accommodated are told which, with the reason.
pub async fn report_published(app: &App, payload: &Value) -> Result<(), String> {
    let id = payload.get("referral_id").and_then(Value::as_i64).ok_or("no referral id")?;
    let Some(r) = referral(app, id).await? else { return Ok(()) };
    let rows = app.store.report_rows(r.id).await.map_err(err)?;
    let mut messages = Vec::new();
    for a in app.store.referral_answers(r.id).await.map_err(err)?.into_iter().filter(|a| a.status == "submitted") {
        let email = match a.consultee_id {
            Some(k) => app.store.referral_consultee(ConsulteeId(k)).await.map_err(err)?.and_then(|k| k.email),
            None => a.respondent_email.clone(),
        };
        let Some(email) = email.filter(|e| !e.trim().is_empty()) else { continue };
        let mut paragraphs = vec![format!("Samrådsredogörelsen för remissen ”{}” är publicerad.", r.title)];
        for row in rows.iter().filter(|row| row.answer_id == a.id) {
            let Some(v) = row.verdict.as_deref().and_then(Verdict::parse) else { continue };
            if !v.fully_accommodated() {
                let text = row.masked_text.clone().unwrap_or_else(|| row.text.clone());
                paragraphs.push(format!(
                    "Er synpunkt ”{}” är bedömd som {}: {}",
                    text.chars().take(200).collect::<String>(),
                    v.label(Lang::Sv).to_lowercase(),
                    row.reason.clone().unwrap_or_default()
                ));
            }
        }
        let rcp = Recipient { name: &a.respondent_name, email: &email, lang: Lang::Sv };
        messages.push(letter(
            &rcp,
            "referral.report",
            format!("referral.report:{}", a.id),
            format!("Samrådsredogörelse: {}", r.title),
            paragraphs,
            format!("{}/remisser/{}/redogorelse", app.config.site_url, r.id),
            "Läs samrådsredogörelsen".into(),
        ));
    }
    app.store.queue_messages(&messages).await.map_err(err)?;
    Ok(())
}
