//! The notice (kallelse) by e-mail (ADR 24), the `meeting.notice` job: one message per member
//! and substitute of the body on the meeting's day who has an address, with the agenda
//! (items, presenters, links to the attachments), links to the meeting page and `kallelse.pdf`,
//! plain text and accessible HTML, and an iCalendar invitation (`invitation.ics`,
//! `text/calendar; method=REQUEST`, or `CANCEL`): the meeting's stable UID, the sequence the
//! job was enqueued with, the secretary as organizer, the recipient as attendee.
//!
//! Each message's dedupe key is meeting, sequence, method and person, so a job that runs twice
//! writes each message once; an update or a cancellation has a higher sequence and goes out.

use askama::Template;
use domain::error::Lang;
use domain::ids::{BodyId, MeetingId, PersonId};
use domain::meetings::{MeetingStatus, time_of_day};
use feeds::ical::{self, EventStatus, Invitation, Method, Party};
use serde_json::Value;
use store::mail::{MailKind, NewAttachment, NewMessage};
use store::meetings::{AgendaItem, NOTICE_JOB, NoticeSnapshot};

use crate::App;
use crate::meetings::attachment_href;
use crate::meetings::parts::{long_date, time_span};

/// One agenda item as the message lists it.
struct Line {
    title: String,
    details: Vec<String>,
    /// (label, absolute link) of its attachments.
    files: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "mail/notice.txt")]
struct Text<'a> {
    greeting: &'a str,
    intro: &'a [String],
    agenda_heading: &'a str,
    agenda: &'a [Line],
    links: &'a [(String, String)],
    footer: &'a str,
}

#[derive(Template)]
#[template(path = "mail/notice.html")]
struct Html<'a> {
    lang: &'a str,
    subject: &'a str,
    greeting: &'a str,
    intro: &'a [String],
    agenda_heading: &'a str,
    agenda: &'a [Line],
    links: &'a [(String, String)],
    footer: &'a str,
}

/// Someone called to the meeting.
struct Called {
    person: PersonId,
    name: String,
    email: String,
    lang: Lang,
}

/// What one run writes: the meeting as it is (or was, when deleted), and how.
struct Notice {
    m: NoticeSnapshot,
    sequence: i64,
    method: Method,
    update: bool,
    /// Whether the meeting still exists (its page and PDF can be linked).
    exists: bool,
    agenda: Vec<AgendaItem>,
}

/// The members and substitutes of the body on the day (each person once) who have an address.
async fn called(app: &App, body: BodyId, day: time::Date) -> Result<Vec<Called>, String> {
    let mut out: Vec<Called> = Vec::new();
    for ms in app.store.memberships(body, Some(day)).await.map_err(|e| e.to_string())? {
        if !matches!(ms.role.as_str(), "chair" | "vice_chair" | "member" | "substitute")
            || out.iter().any(|c| c.person.0 == ms.person_id)
        {
            continue;
        }
        if let Some(a) = super::addressee(app, PersonId(ms.person_id)).await? {
            out.push(Called { person: PersonId(ms.person_id), name: a.name, email: a.email, lang: a.lang });
        }
    }
    Ok(out)
}

/// Runs the job with `payload`.
pub async fn run(app: &App, payload: &Value) -> Result<(), String> {
    let int = |name: &str| payload.get(name).and_then(Value::as_i64);
    let id = MeetingId(int("meeting").ok_or("no meeting id")?);
    let sequence = int("sequence").ok_or("no sequence")?;
    let cancel = payload.get("method").and_then(Value::as_str) == Some("CANCEL");
    let update = payload.get("update").and_then(Value::as_bool).unwrap_or(false);
    let (m, exists) = match payload.get("snapshot").filter(|s| !s.is_null()) {
        Some(s) => (serde_json::from_value::<NoticeSnapshot>(s.clone()).map_err(|e| e.to_string())?, false),
        None => match app.store.meeting(id).await.map_err(|e| e.to_string())? {
            // A request for a meeting cancelled since: its cancellation follows on its own.
            Some(m) if !cancel && m.status == MeetingStatus::Cancelled => return Ok(()),
            Some(m) => (NoticeSnapshot::of(&m), true),
            None => return Ok(()),
        },
    };
    let agenda = if exists && !cancel { app.store.agenda(id).await.map_err(|e| e.to_string())? } else { vec![] };
    let method = if cancel { Method::Cancel } else { Method::Request };
    let n = Notice { m, sequence, method, update, exists, agenda };
    let mut messages = Vec::new();
    for c in called(app, BodyId(n.m.body_id), n.m.date).await? {
        let msg = compose(app, &n, &c);
        messages.extend(super::digest::route(app, c.person, MailKind::Notice, msg).await?);
    }
    app.store.queue_messages(&messages).await.map(|_| ()).map_err(|e| e.to_string())
}

/// The address part of `Name <address>`.
fn bare_address(from: &str) -> &str {
    match (from.rfind('<'), from.rfind('>')) {
        (Some(a), Some(b)) if a < b => &from[a + 1..b],
        _ => from.trim(),
    }
}

fn invitation(app: &App, n: &Notice, c: &Called, summary: &str, description: &str, url: &str) -> String {
    let m = &n.m;
    let organizer = m.secretary.as_deref().unwrap_or(&m.body_name);
    let inv = Invitation {
        method: n.method,
        organizer: Party { name: organizer, email: bare_address(&app.config.mail_from) },
        attendees: vec![Party { name: &c.name, email: &c.email }],
        event: ical::Event {
            // The same UID as in the calendar feeds, so clients see one event.
            uid: format!("meeting-{}@samverkan", m.id),
            summary,
            description: Some(description),
            location: m.place.as_deref().or(m.online_url.as_deref()),
            url: Some(url),
            date: m.date,
            start: m.start.as_deref().and_then(|s| time_of_day("start", s).ok().flatten()),
            end: m.end.as_deref().and_then(|s| time_of_day("end", s).ok().flatten()),
            status: EventStatus::Confirmed,
            sequence: u32::try_from(n.sequence).unwrap_or(0),
            last_modified: app.store.now(),
        },
    };
    ical::write_invitation(&inv, app.store.now())
}

fn compose(app: &App, n: &Notice, c: &Called) -> NewMessage {
    let (m, sv) = (&n.m, c.lang == Lang::Sv);
    let t = |s: &str, e: &str| if sv { s.to_string() } else { e.to_string() };
    let base = &app.config.site_url;
    let name = format!("{} {} {}", m.body_name, t("den", "on"), long_date(m.date, c.lang));
    let page = if n.exists { format!("{base}/moten/{}", m.id) } else { format!("{base}/organ/{}/moten", m.body_id) };
    let (kind, subject) = match (n.method, n.update) {
        (Method::Cancel, _) => ("meeting.notice_cancel", format!("{}: {name}", t("Inställt", "Cancelled"))),
        (Method::Request, true) => {
            ("meeting.notice_update", format!("{}: {name}", t("Ändrad kallelse", "Notice changed")))
        }
        (Method::Request, false) => ("meeting.notice", format!("{}: {name}", t("Kallelse", "Notice of meeting"))),
    };
    let mut intro = vec![match (n.method, n.update) {
        (Method::Cancel, _) => t(
            &format!("{name} är inställt. Kalenderinbjudan i meddelandet tar bort mötet ur din kalender."),
            &format!("{name} is cancelled. The calendar invitation in this message removes it from your calendar."),
        ),
        (Method::Request, true) => t(
            &format!("Tiden eller platsen för {name} har ändrats. Så här gäller nu."),
            &format!("The time or place of {name} has changed. This is what now applies."),
        ),
        (Method::Request, false) => t(&format!("Du kallas till {name}."), &format!("You are called to {name}.")),
    }];
    let time = time_span(&m.start, &m.end);
    if !time.is_empty() {
        intro.push(format!("{}: {}", t("Tid", "Time"), time));
    }
    if let Some(p) = &m.place {
        intro.push(format!("{}: {p}", t("Plats", "Place")));
    }
    if let Some(u) = &m.online_url {
        intro.push(format!("{}: {u}", t("Delta digitalt", "Join online")));
    }
    intro.push(t(
        "En kalenderinbjudan finns bifogad (invitation.ics).",
        "A calendar invitation is attached (invitation.ics).",
    ));
    let agenda: Vec<Line> = n
        .agenda
        .iter()
        .map(|it| {
            let mut details = Vec::new();
            if !it.presenters.is_empty() {
                details.push(format!("{}: {}", t("Föredragande", "Presenters"), it.presenters.join(", ")));
            }
            if let (Some(s), Some(e)) = (&it.starts_at, &it.ends_at) {
                details.push(format!("{}: {s}–{e}", t("Tid", "Time")));
            }
            let files = it
                .attachments
                .iter()
                .map(|a| {
                    (
                        format!("{} {}: {}", t("Bilaga", "Attachment"), a.number, a.title),
                        format!("{base}{}", attachment_href(a)),
                    )
                })
                .collect();
            Line { title: it.title.clone(), details, files }
        })
        .collect();
    let mut links = vec![(t("Mötet i Samverkan", "The meeting in Samverkan"), page.clone())];
    if n.exists && n.method == Method::Request {
        links.push((t("Kallelsen som PDF", "The notice as PDF"), format!("{base}/moten/{}/kallelse.pdf", m.id)));
    }
    let agenda_lines: Vec<String> =
        n.agenda.iter().enumerate().map(|(i, it)| format!("{}. {}", i + 1, it.title)).collect();
    let description = if agenda_lines.is_empty() { page.clone() } else { agenda_lines.join("\n") };
    let ics = invitation(app, n, c, &m.body_name, &description, &page);
    let footer = t(
        "Det här meddelandet skickades automatiskt av Samverkan. Svara inte på det.",
        "This message was sent automatically by Samverkan. Please do not reply to it.",
    );
    let (lang, greeting, agenda_heading) = if sv {
        ("sv", format!("Hej {},", c.name), "Dagordning")
    } else {
        ("en", format!("Hello {},", c.name), "Agenda")
    };
    let text =
        Text { greeting: &greeting, intro: &intro, agenda_heading, agenda: &agenda, links: &links, footer: &footer };
    let html = Html {
        lang,
        subject: &subject,
        greeting: &greeting,
        intro: &intro,
        agenda_heading,
        agenda: &agenda,
        links: &links,
        footer: &footer,
    };
    // The templates are plain data in, text out: they cannot fail on these fields.
    let (text_body, html_body) = (text.render().unwrap_or_default(), html.render().unwrap_or_default());
    NewMessage {
        dedupe_key: format!("{NOTICE_JOB}:{}:{}:{}:{}", m.id, n.sequence, n.method.as_str(), c.person.0),
        kind: kind.into(),
        recipient: c.email.clone(),
        lang: lang.into(),
        subject,
        text_body,
        html_body,
        meeting_id: n.exists.then_some(m.id),
        attachments: vec![NewAttachment {
            filename: "invitation.ics".into(),
            content_type: format!("text/calendar; charset=utf-8; method={}", n.method.as_str()),
            bytes: ics.into_bytes(),
        }],
        person_id: None,
        held: false,
    }
}
