//! The messages, written from the templates `mail/message.{txt,html}`: plain text and an
//! accessible HTML part (its language declared, real paragraphs, a link that says where it
//! goes), in Swedish or the recipient's language, each with a link to the page built from
//! `site_url` (never a request's Host).

use askama::Template;
use domain::error::Lang;
use store::mail::NewMessage;
use store::meetings::Meeting;
use time::Date;

use crate::App;
use crate::meetings::parts::long_date;

#[derive(Template)]
#[template(path = "mail/message.txt")]
struct Text<'a> {
    greeting: &'a str,
    paragraphs: &'a [String],
    link: &'a str,
    link_text: &'a str,
    footer: &'a str,
}

#[derive(Template)]
#[template(path = "mail/message.html")]
struct Html<'a> {
    lang: &'a str,
    subject: &'a str,
    greeting: &'a str,
    paragraphs: &'a [String],
    link: &'a str,
    link_text: &'a str,
    footer: &'a str,
}

/// What a message says, before it is written out in its two parts.
struct Letter {
    subject: String,
    greeting: String,
    paragraphs: Vec<String>,
    link: String,
    link_text: String,
}

/// One recipient of a message.
pub struct Recipient<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub lang: Lang,
}

fn write(r: &Recipient, kind: &str, key: String, meeting: Option<&Meeting>, l: Letter) -> NewMessage {
    let footer = match r.lang {
        Lang::Sv => "Det här meddelandet skickades automatiskt av Samverkan. Svara inte på det.",
        Lang::En => "This message was sent automatically by Samverkan. Please do not reply to it.",
    };
    let lang = match r.lang {
        Lang::Sv => "sv",
        Lang::En => "en",
    };
    let text =
        Text { greeting: &l.greeting, paragraphs: &l.paragraphs, link: &l.link, link_text: &l.link_text, footer };
    let html = Html {
        lang,
        subject: &l.subject,
        greeting: &l.greeting,
        paragraphs: &l.paragraphs,
        link: &l.link,
        link_text: &l.link_text,
        footer,
    };
    // The templates are plain data in, text out: they cannot fail on these fields.
    let (text_body, html_body) = (text.render().unwrap_or_default(), html.render().unwrap_or_default());
    NewMessage {
        dedupe_key: key,
        kind: kind.into(),
        recipient: r.email.into(),
        lang: lang.into(),
        subject: l.subject,
        text_body,
        html_body,
        meeting_id: meeting.map(|m| m.id.0),
        attachments: Vec::new(),
        person_id: None,
        held: false,
    }
}

/// A message of another capability (referrals, issue 12), in the recipient's language as the
/// caller wrote it: subject, paragraphs and the link (built from `site_url` by the caller).
pub fn letter(
    r: &Recipient,
    kind: &str,
    key: String,
    subject: String,
    paragraphs: Vec<String>,
    link: String,
    link_text: String,
) -> NewMessage {
    let greeting = match r.lang {
        Lang::Sv => format!("Hej {},", r.name),
        Lang::En => format!("Hello {},", r.name),
    };
    write(r, kind, key, None, Letter { subject, greeting, paragraphs, link, link_text })
}

/// A message to an address without a name (an open form's sender, who gave only the address),
/// greeted without one; otherwise as [`letter`].
pub fn to_address(
    email: &str,
    lang: Lang,
    kind: &str,
    key: String,
    subject: String,
    (paragraphs, link, link_text): (Vec<String>, String, String),
) -> NewMessage {
    let greeting = match lang {
        Lang::Sv => "Hej!".to_string(),
        Lang::En => "Hello,".to_string(),
    };
    let r = Recipient { name: "", email, lang };
    write(&r, kind, key, None, Letter { subject, greeting, paragraphs, link, link_text })
}

fn meeting_link(app: &App, m: &Meeting) -> String {
    format!("{}/moten/{}", app.config.site_url, m.id.0)
}

fn meeting_name(m: &Meeting, lang: Lang) -> String {
    let on = match lang {
        Lang::Sv => "den",
        Lang::En => "on",
    };
    format!("{} {on} {}", m.body_name, long_date(m.date, lang))
}

/// To the chair or an adjuster: the protocol is out for adjustment, due on `due`.
pub fn submitted(app: &App, r: &Recipient, key: String, m: &Meeting, due: Date) -> NewMessage {
    let (name, due_s) = (meeting_name(m, r.lang), long_date(due, r.lang));
    let l = match r.lang {
        Lang::Sv => Letter {
            subject: format!("Protokoll att justera: {name}"),
            greeting: format!("Hej {},", r.name),
            paragraphs: vec![
                format!("Protokollet från {name} är klart för justering. Du är en av dem som justerar det."),
                format!("Protokollet ska vara justerat senast {due_s}."),
            ],
            link: meeting_link(app, m),
            link_text: "Läs och justera protokollet".into(),
        },
        Lang::En => Letter {
            subject: format!("Minutes to approve: {name}"),
            greeting: format!("Hello {},", r.name),
            paragraphs: vec![
                format!("The minutes of {name} are ready for approval. You are one of those who approve them."),
                format!("They are to be approved no later than {due_s}."),
            ],
            link: meeting_link(app, m),
            link_text: "Read and approve the minutes".into(),
        },
    };
    write(r, "protocol.submitted", key, Some(m), l)
}

/// To an officer of an organisation that has not yet decided on a joint matter (issue 11):
/// its board's decision is asked for by `due`.
pub fn joint_reminder(
    app: &App,
    r: &Recipient,
    key: String,
    matter: (i64, &str),
    organisation: &str,
    due: Date,
) -> NewMessage {
    let (id, title) = matter;
    let due_s = long_date(due, r.lang);
    let link = format!("{}/samverkan/{id}", app.config.site_url);
    let l = match r.lang {
        Lang::Sv => Letter {
            subject: format!("Påminnelse: beslut i gemensamt ärende – {title}"),
            greeting: format!("Hej {},", r.name),
            paragraphs: vec![
                format!("{organisation} har ännu inte registrerat sitt beslut i det gemensamma ärendet ”{title}”."),
                format!(
                    "Beslutet önskas senast {due_s}. Registrera beslutet (datum, paragraf och text) på ärendets sida."
                ),
            ],
            link,
            link_text: "Öppna det gemensamma ärendet".into(),
        },
        Lang::En => Letter {
            subject: format!("Reminder: decision on a joint matter – {title}"),
            greeting: format!("Hello {},", r.name),
            paragraphs: vec![
                format!("{organisation} has not yet recorded its decision on the joint matter “{title}”."),
                format!(
                    "The decision is asked for by {due_s}. Record it (date, paragraph and text) on the matter's page."
                ),
            ],
            link,
            link_text: "Open the joint matter".into(),
        },
    };
    write(r, "joint.reminder", key, None, l)
}

/// To an organisation's officer when the region sends a joint matter for its board's decision.
pub fn joint_sent(
    app: &App,
    r: &Recipient,
    key: String,
    matter: (i64, &str),
    who: (&str, &str),
    due: Date,
) -> NewMessage {
    let ((id, title), (region, organisation)) = (matter, who);
    let due_s = long_date(due, r.lang);
    let link = format!("{}/samverkan/{id}", app.config.site_url);
    let l = match r.lang {
        Lang::Sv => Letter {
            subject: format!("Gemensamt ärende för beslut – {title}"),
            greeting: format!("Hej {},", r.name),
            paragraphs: vec![
                format!(
                    "{region} har skickat det gemensamma ärendet ”{title}” till {organisation} för beslut i er egen nämnd eller styrelse."
                ),
                format!(
                    "Beslutet önskas senast {due_s}. Registrera beslutet (datum, organ, paragraf, text och protokollsutdrag) på ärendets sida, eller markera att ärendet bereds."
                ),
            ],
            link,
            link_text: "Öppna det gemensamma ärendet".into(),
        },
        Lang::En => Letter {
            subject: format!("Joint matter for decision – {title}"),
            greeting: format!("Hello {},", r.name),
            paragraphs: vec![
                format!(
                    "{region} has sent the joint matter “{title}” to {organisation} for a decision by your own board."
                ),
                format!(
                    "The decision is asked for by {due_s}. Record it (date, body, paragraph, text and the extract) on the matter's page, or mark the matter as in preparation."
                ),
            ],
            link,
            link_text: "Open the joint matter".into(),
        },
    };
    write(r, "joint.sent", key, None, l)
}

/// To an approver who has not approved: two days left.
pub fn reminder(app: &App, r: &Recipient, key: String, m: &Meeting, due: Date) -> NewMessage {
    let (name, due_s) = (meeting_name(m, r.lang), long_date(due, r.lang));
    let l = match r.lang {
        Lang::Sv => Letter {
            subject: format!("Påminnelse: justera protokollet från {name}"),
            greeting: format!("Hej {},", r.name),
            paragraphs: vec![format!(
                "Protokollet från {name} ska vara justerat senast {due_s}, om två dagar. Du har ännu inte justerat det."
            )],
            link: meeting_link(app, m),
            link_text: "Läs och justera protokollet".into(),
        },
        Lang::En => Letter {
            subject: format!("Reminder: approve the minutes of {name}"),
            greeting: format!("Hello {},", r.name),
            paragraphs: vec![format!(
                "The minutes of {name} are to be approved no later than {due_s}, in two days. You have not approved them yet."
            )],
            link: meeting_link(app, m),
            link_text: "Read and approve the minutes".into(),
        },
    };
    write(r, "protocol.reminder", key, Some(m), l)
}

/// To the secretary: the deadline has passed without adjustment.
pub fn late(app: &App, r: &Recipient, key: String, m: &Meeting, due: Date, waiting_for: &[String]) -> NewMessage {
    let (name, due_s) = (meeting_name(m, r.lang), long_date(due, r.lang));
    let who = waiting_for.join(", ");
    let l = match r.lang {
        Lang::Sv => Letter {
            subject: format!("Försenad justering: {name}"),
            greeting: format!("Hej {},", r.name),
            paragraphs: vec![
                format!("Protokollet från {name} skulle ha varit justerat senast {due_s} (kommunallagen 5 kap. 69 §)."),
                format!("Det väntar fortfarande på: {who}."),
            ],
            link: meeting_link(app, m),
            link_text: "Öppna mötet".into(),
        },
        Lang::En => Letter {
            subject: format!("Approval overdue: {name}"),
            greeting: format!("Hello {},", r.name),
            paragraphs: vec![
                format!("The minutes of {name} were to be approved no later than {due_s} (Local Government Act 5:69)."),
                format!("They are still waiting for: {who}."),
            ],
            link: meeting_link(app, m),
            link_text: "Open the meeting".into(),
        },
    };
    write(r, "protocol.late", key, Some(m), l)
}

/// To a recipient of a decision ("Beslutet skickas till"): the certified extract is attached.
pub fn decision(app: &App, r: &Recipient, key: String, m: &Meeting, number: u32, title: &str) -> NewMessage {
    let name = meeting_name(m, r.lang);
    let link = format!("{}/moten/{}/protokoll/{number}/utdrag", app.config.site_url, m.id.0);
    let l = match r.lang {
        Lang::Sv => Letter {
            subject: format!("Beslut: § {number} {title} – {name}"),
            greeting: format!("Till {},", r.name),
            paragraphs: vec![
                format!("Beslutet i § {number} {title} i protokollet från {name} skickas till er."),
                "Ett bestyrkt utdrag ur det justerade protokollet finns bifogat som PDF.".into(),
            ],
            link,
            link_text: "Utdraget i Samverkan".into(),
        },
        Lang::En => Letter {
            subject: format!("Decision: § {number} {title} – {name}"),
            greeting: format!("To {},", r.name),
            paragraphs: vec![
                format!("The decision in § {number} {title} of the minutes of {name} is sent to you."),
                "A certified extract of the approved minutes is attached as a PDF.".into(),
            ],
            link,
            link_text: "The extract in Samverkan".into(),
        },
    };
    write(r, "protocol.decision", key, Some(m), l)
}

/// The morning's digest: what was held for the person since, each with its page; the held
/// messages' files are attached by the store.
pub fn digest(app: &App, r: &Recipient, key: String, day: Date, items: &[(String, Option<i64>)]) -> NewMessage {
    let lines: Vec<String> = items
        .iter()
        .map(|(subject, meeting)| match meeting {
            Some(id) => format!("{subject} – {}/moten/{id}", app.config.site_url),
            None => subject.clone(),
        })
        .collect();
    let day_s = long_date(day, r.lang);
    let l = match r.lang {
        Lang::Sv => Letter {
            subject: format!("Sammanfattning från Samverkan {day_s}"),
            greeting: format!("Hej {},", r.name),
            paragraphs: std::iter::once("Det här har hänt sedan förra sammanfattningen:".to_string())
                .chain(lines)
                .collect(),
            link: format!("{}/konto", app.config.site_url),
            link_text: "Ändra vad du får och när på ditt konto".into(),
        },
        Lang::En => Letter {
            subject: format!("Digest from Samverkan {day_s}"),
            greeting: format!("Hello {},", r.name),
            paragraphs: std::iter::once("This has happened since the last digest:".to_string()).chain(lines).collect(),
            link: format!("{}/konto", app.config.site_url),
            link_text: "Change what you get and when on your account".into(),
        },
    };
    write(r, "digest", key, None, l)
}
