//! Delivery over SMTP with lettre, configured by one URL (ADR 19):
//! `smtp://[user:password@]host[:port]`. This build speaks plain SMTP only — to a relay on the
//! same host or network (Postfix, an MTA that then uses TLS onwards); an URL asking for TLS
//! (`smtps://`, `?tls=starttls`) is refused at start rather than silently sent in the clear.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use store::mail::OutboxMessage;

/// Where to send mail: a parsed `--smtp-url`.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpUrl {
    pub host: String,
    pub port: u16,
    pub credentials: Option<(String, String)>,
}

impl std::fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let user = self.credentials.as_ref().map(|(u, _)| u.as_str());
        f.debug_struct("SmtpUrl").field("host", &self.host).field("port", &self.port).field("user", &user).finish()
    }
}

impl SmtpUrl {
    /// Parses `smtp://[user:password@]host[:port][?tls=none]` (port 25 by default; user and
    /// password percent-encoded).
    pub fn parse(url: &str) -> Result<SmtpUrl, String> {
        let url = url.trim();
        if url.starts_with("smtps://") {
            return Err(no_tls());
        }
        let rest = url.strip_prefix("smtp://").ok_or_else(|| "the SMTP URL must start with smtp://".to_string())?;
        let (authority, query) = rest.split_once('?').unwrap_or((rest, ""));
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            match pair.split_once('=') {
                Some(("tls", "none" | "off")) => {}
                Some(("tls", _)) => return Err(no_tls()),
                _ => return Err(format!("unknown SMTP URL option “{pair}” (known: tls=none)")),
            }
        }
        let authority = authority.trim_end_matches('/');
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        let credentials = match userinfo {
            Some(u) => {
                let (user, pass) = u.split_once(':').unwrap_or((u, ""));
                Some((percent_decode(user)?, percent_decode(pass)?))
            }
            None => None,
        };
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => {
                (h, p.parse::<u16>().map_err(|_| format!("“{p}” is not a port number"))?)
            }
            _ => (hostport, 25),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        if host.is_empty() || host.contains(['/', ' ', '@']) {
            return Err("the SMTP URL names no host: smtp://host[:port]".into());
        }
        Ok(SmtpUrl { host: host.to_string(), port, credentials })
    }
}

fn no_tls() -> String {
    "this build sends mail over plain SMTP only (a relay on this host or network): use smtp://host:port, \
     and let the relay use TLS onwards"
        .into()
}

fn percent_decode(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3).ok_or("bad %-escape in the SMTP URL")?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| "bad %-escape in the SMTP URL")?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "the SMTP URL's user or password is not UTF-8".into())
}

/// Sends one message from `from`; returns the server's answer, or the error with its answer.
pub async fn send(url: &SmtpUrl, from: &str, m: &OutboxMessage, site_host: &str) -> Result<String, String> {
    let from: Mailbox = from.parse().map_err(|e| format!("bad sender address “{from}”: {e}"))?;
    let to: Mailbox = m.recipient.parse().map_err(|e| format!("bad recipient address “{}”: {e}", m.recipient))?;
    let email = Message::builder()
        .from(from)
        .to(to)
        .subject(&m.subject)
        // The same id at every attempt, so a receiver can tell a resent message from a new one.
        .message_id(Some(format!("<outbox-{}.{}@{}>", m.id, m.created_at.unix_timestamp(), site_host)))
        .multipart(
            MultiPart::alternative()
                .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(m.text_body.clone()))
                .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(m.html_body.clone())),
        )
        .map_err(|e| format!("cannot build the message: {e}"))?;
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(url.host.as_str())
        .port(url.port)
        .timeout(Some(Duration::from_secs(30)));
    if let Some((user, pass)) = &url.credentials {
        builder = builder.credentials(Credentials::new(user.clone(), pass.clone()));
    }
    let transport = builder.build();
    match transport.send(email).await {
        Ok(r) => Ok(format!("{} {}", r.code(), r.message().collect::<Vec<_>>().join(" "))),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_relay_and_a_submission_server_with_credentials() {
        let u = SmtpUrl::parse("smtp://127.0.0.1:2525").unwrap();
        assert_eq!((u.host.as_str(), u.port, u.credentials), ("127.0.0.1", 2525, None));
        let u = SmtpUrl::parse("smtp://anna%40x.se:hem%3Aligt@mail.example:587?tls=none").unwrap();
        assert_eq!(u.credentials, Some(("anna@x.se".into(), "hem:ligt".into())));
        assert_eq!((u.host.as_str(), u.port), ("mail.example", 587));
        assert_eq!(SmtpUrl::parse("smtp://relay").unwrap().port, 25);
        assert!(!format!("{u:?}").contains("hem"), "the password never reaches a log");
    }

    #[test]
    fn tls_and_nonsense_are_refused_at_start() {
        assert!(SmtpUrl::parse("smtp://u:p@mail.example:587?tls=starttls").unwrap_err().contains("plain SMTP"));
        assert!(SmtpUrl::parse("smtps://mail.example").is_err());
        assert!(SmtpUrl::parse("http://mail.example").is_err());
        assert!(SmtpUrl::parse("smtp://:25").is_err());
        assert!(SmtpUrl::parse("smtp://host:port").is_err());
        assert!(SmtpUrl::parse("smtp://host?x=1").is_err());
    }
}
