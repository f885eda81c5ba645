//! The receipt of an open survey's response (issue 14): when the respondent gives an address,
//! a copy of what they answered — the survey's title, the day, each answered question and its
//! answer, and a link to the survey — in the page's language, plain text and HTML. The message
//! is written to the outbox in the response's own transaction and delivered by its `mail.send`
//! job (ADR 19), so it goes exactly when the response is stored; the address is kept in that
//! message only, never with the response (the form says so).

use domain::error::Lang;
use domain::surveys::Answers;
use store::mail::NewMessage;
use store::surveys::Survey;

use crate::App;
use crate::mail::compose::to_address;
use crate::meetings::parts::long_date;

/// The kind of the message in the outbox.
pub const KIND: &str = "survey.receipt";

/// The receipt of `answers` to `s`, to `email`, in `lang`. Its dedupe key is the response's
/// submission (the form's key, or a new one), so a rerun writes nothing twice.
pub fn receipt(app: &App, s: &Survey, answers: &Answers, email: &str, lang: Lang, key: &str) -> NewMessage {
    let day = long_date(app.store.today(), lang);
    let link = format!("{}/enkater/{}/oppet-svar", app.config.site_url, s.id);
    let lines = domain::surveys::receipt::lines(&s.definition, answers);
    let (subject, mut paragraphs, link_text) = match lang {
        Lang::Sv => (
            format!("Kvitto: {}", s.title),
            vec![format!("Tack för ditt svar på enkäten ”{}”. Svaret togs emot {day}. Du svarade:", s.title)],
            "Öppna enkäten".to_string(),
        ),
        Lang::En => (
            format!("Receipt: {}", s.title),
            vec![format!(
                "Thank you for answering the survey “{}”. Your answer was received on {day}. You answered:",
                s.title
            )],
            "Open the survey".to_string(),
        ),
    };
    paragraphs.extend(lines.into_iter().map(|l| format!("{} — {}", l.question, l.answer)));
    paragraphs.push(match lang {
        Lang::Sv => "Svaret är anonymt: din e-postadress sparas inte med det, bara i det här meddelandet.".into(),
        Lang::En => "The answer is anonymous: your e-mail address is not kept with it, only in this message.".into(),
    });
    to_address(email, lang, KIND, format!("{KIND}:{}:{key}", s.id), subject, (paragraphs, link, link_text))
}
