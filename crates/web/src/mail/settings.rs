//! The mail settings of the account page (ADR 24): per kind of message, at once, in the daily
//! digest or never (the notice: at once or in the digest).

use domain::FieldError;
use store::mail::{Delivery, MailKind};

/// The values a kind may take, in the order the page offers them.
fn choices(kind: MailKind) -> &'static [&'static str] {
    match kind {
        MailKind::Notice => &["immediately", "digest"],
        _ => &["immediately", "digest", "never"],
    }
}

fn label(kind: MailKind) -> &'static str {
    match kind {
        MailKind::Notice => "mail.kind_notice",
        MailKind::Adjustment => "mail.kind_adjustment",
        MailKind::Decisions => "mail.kind_decisions",
        MailKind::Moderation => "mail.kind_moderation",
    }
}

/// The page's rows: (field, label key, chosen value, values).
pub fn rows(
    settings: &[(MailKind, Delivery)],
) -> Vec<(&'static str, &'static str, &'static str, &'static [&'static str])> {
    settings.iter().map(|(k, d)| (k.as_str(), label(*k), d.as_str(), choices(*k))).collect()
}

/// The form's values for notice, adjustment, decisions and moderation, in that order.
pub fn parse(values: &[&str; 4]) -> Result<Vec<(MailKind, Delivery)>, Vec<FieldError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (kind, v) in MailKind::ALL.into_iter().zip(values) {
        match Delivery::parse(kind, v) {
            Some(d) => out.push((kind, d)),
            None => errors.push(FieldError::new(
                kind.as_str(),
                "invalid_delivery",
                "Välj ett av alternativen i listan.",
                "Choose one of the options in the list.",
            )),
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// The text key of a value.
pub fn value_key(v: &str) -> &'static str {
    match v {
        "digest" => "mail.digest",
        "never" => "mail.never",
        _ => "mail.immediately",
    }
}
