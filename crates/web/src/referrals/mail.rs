//! Referrals' messages, written by jobs (handlers in `jobs::handlers`): the invitation with
//! the consultee's personal answer link, the receipt of a submitted answer (with its registry
//! number), the drafters' notice of an open answer awaiting moderation, the reminder before the
//! deadline, and on the report's publication a notice to every respondent, telling those whose
//! views were not fully accommodated which and why. Messages
//! to a named person are in the person's language (as every message of the register, see
//! `mail::addressee`); to organisations, which have no language of their own, in Swedish.
//! Links from `site_url`.

use domain::error::Lang;
use domain::ids::{AnswerId, ConsulteeId, PersonId, ReferralId};
use domain::referrals::{Moderation, RespondentType, Verdict, moderation_notice_respondent};
use serde_json::Value;
use store::mail::{MailKind, NewMessage};
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

/// The language of a consultee's messages: a named person's own, Swedish for organisations.
async fn lang_of(app: &App, k: &Consultee) -> Result<Lang, String> {
    let Some(p) = k.person_id else { return Ok(Lang::Sv) };
    Ok(app.store.person(PersonId(p)).await.map_err(err)?.map_or(Lang::Sv, |p| p.person.lang))
}

/// The consultee of an answer (none for the open form) with its address and language.
async fn answer_addressee(app: &App, a: &store::referrals::Answer) -> Result<Option<(String, Lang)>, String> {
    let (email, lang) = match a.consultee_id {
        Some(k) => match app.store.referral_consultee(ConsulteeId(k)).await.map_err(err)? {
            Some(k) => (k.email.clone(), lang_of(app, &k).await?),
            None => (None, Lang::Sv),
        },
        None => (a.respondent_email.clone(), Lang::Sv),
    };
    Ok(email.filter(|e| !e.trim().is_empty()).map(|e| (e, lang)))
}

fn invitation(app: &App, r: &Referral, k: &Consultee, email: &str, token: &str, lang: Lang) -> NewMessage {
    let rcp = Recipient { name: &k.name, email, lang };
    let obliged = k.obligation == "obliged";
    let (paragraphs, subject, link_text) = match lang {
        Lang::Sv => (
            vec![
                format!("Ni har fått remissen ”{}” ({}) med diarienummer {}.", r.title, r.document_version, r.case_number),
                format!(
                    "{} Sista svarsdag är {}.",
                    if obliged { "Ni är skyldiga att svara på remissen." } else { "Ni är inbjudna att svara på remissen." },
                    r.deadline
                ),
                "Länken nedan är personlig för er organisation och fungerar utan konto. Flera av er kan arbeta i samma utkast; svaret skickas in en gång.".into(),
            ],
            format!("Remiss: {}", r.title),
            "Läs remissen och svara",
        ),
        Lang::En => (
            vec![
                format!(
                    "You have received the referral “{}” ({}), case number {}.",
                    r.title, r.document_version, r.case_number
                ),
                format!(
                    "{} The deadline is {}.",
                    if obliged { "You are obliged to answer the referral." } else { "You are invited to answer the referral." },
                    r.deadline
                ),
                "The link below is personal and works without an account. Several people can work on the same draft; the answer is submitted once.".into(),
            ],
            format!("Referral: {}", r.title),
            "Read the referral and answer",
        ),
    };
    let link = format!("{}/remissvar/{}?nyckel={token}", app.config.site_url, k.id);
    letter(
        &rcp,
        "referral.invitation",
        format!("referral.invitation:{}", k.id),
        subject,
        paragraphs,
        link,
        link_text.into(),
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
        let msg = invitation(app, &r, &k, &email, &token, lang_of(app, &k).await?);
        app.store
            .send_answer_link(ConsulteeId(k.id), &crate::auth::sha256_hex(&token), expires, &msg)
            .await
            .map_err(err)?;
    }
    Ok(())
}

fn registered_as(number: &str, sv: bool) -> String {
    if sv { format!("Svaret är diariefört som {number}.") } else { format!("It is registered as {number}.") }
}

/// The receipt of a submitted answer, to the consultee's address (or the open form's).
pub async fn receipt(app: &App, payload: &Value) -> Result<(), String> {
    let id = payload.get("answer_id").and_then(Value::as_i64).ok_or("no answer id")?;
    let Some(a) = app.store.referral_answer(AnswerId(id)).await.map_err(err)? else { return Ok(()) };
    let Some(r) = referral(app, a.referral_id).await? else { return Ok(()) };
    let Some((email, lang)) = answer_addressee(app, &a).await? else { return Ok(()) };
    let number = super::registry_number(app, &a).await.map_err(err)?;
    let rcp = Recipient { name: &a.respondent_name, email: &email, lang };
    let sv = lang == Lang::Sv;
    let mut paragraphs = vec![if sv {
        format!("Vi har tagit emot ert svar på remissen ”{}”.", r.title)
    } else {
        format!("We have received your answer to the referral “{}”.", r.title)
    }];
    paragraphs.extend(number.as_deref().map(|n| registered_as(n, sv)));
    if a.late {
        paragraphs.push(if sv {
            format!("Svaret kom in efter sista svarsdag ({}) och är markerat som sent.", r.deadline)
        } else {
            format!("The answer arrived after the deadline ({}) and is marked as late.", r.deadline)
        });
    }
    let msg = letter(
        &rcp,
        "referral.receipt",
        format!("referral.receipt:{id}"),
        if sv { format!("Kvitto: remissvar på {}", r.title) } else { format!("Receipt: answer to {}", r.title) },
        paragraphs,
        format!("{}/remisser/{}", app.config.site_url, r.id),
        if sv { "Remissen" } else { "The referral" }.into(),
    );
    app.store.queue_messages(&[msg]).await.map_err(err)?;
    Ok(())
}

/// An answer through the open form awaits moderation: each of the referral's drafters (the
/// registrars of its organisation, `referral_moderators`; administrators, who may moderate
/// everywhere, are not written to) hears of it once, as the mail setting of the person their
/// account acts as says (at once, in the digest, or not at all). The message names the
/// referral and the kind of respondent (an association's or company's name, never a private
/// person's words: `moderation_notice_respondent`) and links the moderation queue. Nothing is
/// sent for an answer moderated, or gone, before the job ran.
pub async fn moderation(app: &App, payload: &Value) -> Result<(), String> {
    let id = payload.get("answer_id").and_then(Value::as_i64).ok_or("no answer id")?;
    let Some(a) = app.store.referral_answer(AnswerId(id)).await.map_err(err)? else { return Ok(()) };
    if a.moderation.as_deref().and_then(Moderation::parse) != Some(Moderation::Pending) {
        return Ok(());
    }
    let Some(r) = referral(app, a.referral_id).await? else { return Ok(()) };
    let number = super::registry_number(app, &a).await.map_err(err)?;
    let kind = a.respondent_type.as_deref().and_then(RespondentType::parse).unwrap_or(RespondentType::PrivatePerson);
    let link = format!("{}/remisser/{}/moderering", app.config.site_url, r.id);
    let mut messages = Vec::new();
    for m in app.store.referral_moderators(r.id).await.map_err(err)? {
        let person = match m.person_id {
            Some(p) => app.store.person(PersonId(p)).await.map_err(err)?,
            None => None,
        };
        let lang = match &person {
            Some(p) => p.person.lang,
            None => m.lang.as_deref().and_then(Lang::parse).unwrap_or(Lang::Sv),
        };
        let who = moderation_notice_respondent(kind, a.respondent_organisation.as_deref(), lang);
        let sv = lang == Lang::Sv;
        let mut paragraphs = vec![if sv {
            format!(
                "Ett svar på remissen ”{}” har kommit in genom det öppna formuläret och väntar på din granskning innan det kan publiceras.",
                r.title
            )
        } else {
            format!(
                "An answer to the referral “{}” has arrived through the open form and awaits your moderation before it can be published.",
                r.title
            )
        }];
        paragraphs.push(if sv { format!("Svarande: {who}.") } else { format!("Respondent: {who}.") });
        paragraphs.extend(number.as_deref().map(|n| registered_as(n, sv)));
        if a.late {
            paragraphs.push(if sv {
                format!("Svaret kom in efter sista svarsdag ({}).", r.deadline)
            } else {
                format!("The answer arrived after the deadline ({}).", r.deadline)
            });
        }
        let rcp = Recipient { name: &m.name, email: &m.email, lang };
        let msg = letter(
            &rcp,
            "referral.moderation",
            format!("referral.moderation:{id}:{}", m.user_id),
            if sv {
                format!("Remissvar att granska: {}", r.title)
            } else {
                format!("Referral answer to moderate: {}", r.title)
            },
            paragraphs,
            link.clone(),
            if sv { "Granska svaren" } else { "Moderate the answers" }.into(),
        );
        match person {
            Some(p) => messages.extend(crate::mail::digest::route(app, p.person.id, MailKind::Moderation, msg).await?),
            None => messages.push(msg),
        }
    }
    app.store.queue_messages(&messages).await.map_err(err)?;
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
    let lang = lang_of(app, &k).await?;
    let sv = lang == Lang::Sv;
    let rcp = Recipient { name: &k.name, email: &email, lang };
    let paragraphs = if sv {
        vec![
            format!("Sista svarsdag för remissen ”{}” är {}. Vi har ännu inte fått ert svar.", r.title, r.deadline),
            "Använd länken i inbjudan, eller logga in och svara från remissens sida.".into(),
        ]
    } else {
        vec![
            format!(
                "The deadline of the referral “{}” is {}. We have not yet received your answer.",
                r.title, r.deadline
            ),
            "Use the link in the invitation, or sign in and answer from the referral's page.".into(),
        ]
    };
    let msg = letter(
        &rcp,
        "referral.reminder",
        format!("referral.reminder:{id}"),
        if sv { format!("Påminnelse: remiss {}", r.title) } else { format!("Reminder: referral {}", r.title) },
        paragraphs,
        format!("{}/remisser/{}", app.config.site_url, r.id),
        if sv { "Remissen" } else { "The referral" }.into(),
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
        let Some((email, lang)) = answer_addressee(app, &a).await? else { continue };
        let sv = lang == Lang::Sv;
        let mut paragraphs = vec![if sv {
            format!("Samrådsredogörelsen för remissen ”{}” är publicerad.", r.title)
        } else {
            format!("The consultation report of the referral “{}” has been published.", r.title)
        }];
        for row in rows.iter().filter(|row| row.answer_id == a.id) {
            let Some(v) = row.verdict.as_deref().and_then(Verdict::parse) else { continue };
            if !v.fully_accommodated() {
                let text = row.masked_text.clone().unwrap_or_else(|| row.text.clone());
                let text: String = text.chars().take(200).collect();
                let (label, reason) = (v.label(lang).to_lowercase(), row.reason.clone().unwrap_or_default());
                paragraphs.push(if sv {
                    format!("Er synpunkt ”{text}” är bedömd som {label}: {reason}")
                } else {
                    format!("Your comment “{text}” was assessed as {label}: {reason}")
                });
            }
        }
        let rcp = Recipient { name: &a.respondent_name, email: &email, lang };
        messages.push(letter(
            &rcp,
            "referral.report",
            format!("referral.report:{}", a.id),
            if sv { format!("Samrådsredogörelse: {}", r.title) } else { format!("Consultation report: {}", r.title) },
            paragraphs,
            format!("{}/remisser/{}/redogorelse", app.config.site_url, r.id),
            if sv { "Läs samrådsredogörelsen" } else { "Read the consultation report" }.into(),
        ));
    }
    app.store.queue_messages(&messages).await.map_err(err)?;
    Ok(())
}
