//! Delivery over SMTP with lettre, configured by one URL (ADR 19):
//! `smtp[s]://[user:password@]host[:port][?tls=none|starttls|tls][&ca=/path/ca.pem]`.
//!
//! - `smtp://host:port` without credentials is plain SMTP to a relay on this host or network;
//! - `?tls=starttls` (the default when the URL carries credentials, so a password never crosses
//!   the network in the clear unless `tls=none` says so) upgrades the connection and refuses to
//!   go on without TLS; `smtps://` (or `?tls=tls`, port 465 by default) speaks TLS from the start;
//! - the server's certificate is checked against the system's roots (`/etc/ssl/certs`) and, for
//!   a region's internal mail server, the certificates of `ca=FILE` (PEM), read at start.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use store::mail::{MessageAttachment, OutboxMessage};

/// How the connection to the SMTP server is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain SMTP, for a relay on this host or network.
    None,
    /// STARTTLS, required: the message is never sent if the upgrade fails.
    StartTls,
    /// TLS from the first byte (`smtps://`, port 465).
    Implicit,
}

/// Where to send mail: a parsed `--smtp-url`.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpUrl {
    pub host: String,
    pub port: u16,
    pub credentials: Option<(String, String)>,
    pub tls: SmtpTls,
    /// Extra trusted root certificates (PEM), from `ca=FILE`.
    pub ca_pem: Option<Vec<u8>>,
}

impl std::fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let user = self.credentials.as_ref().map(|(u, _)| u.as_str());
        f.debug_struct("SmtpUrl")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("user", &user)
            .field("tls", &self.tls)
            .field("ca", &self.ca_pem.is_some())
            .finish()
    }
}

impl SmtpUrl {
    /// Parses the URL (port 25, or 465 for `smtps://`, by default; user, password and the CA
    /// file's path percent-encoded) and reads the CA file it names.
    pub fn parse(url: &str) -> Result<SmtpUrl, String> {
        let url = url.trim();
        let (implicit, rest) = if let Some(r) = url.strip_prefix("smtps://") {
            (true, r)
        } else if let Some(r) = url.strip_prefix("smtp://") {
            (false, r)
        } else {
            return Err("the SMTP URL must start with smtp:// or smtps://".into());
        };
        let (authority, query) = rest.split_once('?').unwrap_or((rest, ""));
        let mut tls = implicit.then_some(SmtpTls::Implicit);
        let mut ca_pem = None;
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            match pair.split_once('=') {
                Some(("tls", v)) => {
                    let asked = match v {
                        "none" | "off" => SmtpTls::None,
                        "starttls" => SmtpTls::StartTls,
                        "tls" | "implicit" => SmtpTls::Implicit,
                        _ => return Err(format!("unknown tls=“{v}” (known: none, starttls, tls)")),
                    };
                    if implicit && asked != SmtpTls::Implicit {
                        return Err("smtps:// speaks TLS from the start: drop the tls= option or use smtp://".into());
                    }
                    tls = Some(asked);
                }
                Some(("ca", path)) => {
                    let path = percent_decode(path)?;
                    let pem = std::fs::read(&path).map_err(|e| format!("cannot read the CA file “{path}”: {e}"))?;
                    Certificate::from_pem(&pem)
                        .map_err(|e| format!("the CA file “{path}” holds no PEM certificate: {e}"))?;
                    ca_pem = Some(pem);
                }
                _ => return Err(format!("unknown SMTP URL option “{pair}” (known: tls=none|starttls|tls, ca=FILE)")),
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
        let tls = tls.unwrap_or(if credentials.is_some() { SmtpTls::StartTls } else { SmtpTls::None });
        if tls == SmtpTls::None && ca_pem.is_some() {
            return Err("ca= needs TLS: add tls=starttls or use smtps://".into());
        }
        let default_port = if tls == SmtpTls::Implicit { 465 } else { 25 };
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => {
                (h, p.parse::<u16>().map_err(|_| format!("“{p}” is not a port number"))?)
            }
            _ => (hostport, default_port),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        if host.is_empty() || host.contains(['/', ' ', '@']) {
            return Err("the SMTP URL names no host: smtp://host[:port]".into());
        }
        Ok(SmtpUrl { host: host.to_string(), port, credentials, tls, ca_pem })
    }

    /// lettre's TLS setting for this URL.
    fn lettre_tls(&self) -> Result<Tls, String> {
        if self.tls == SmtpTls::None {
            return Ok(Tls::None);
        }
        let mut params = TlsParameters::builder(self.host.clone());
        if let Some(pem) = &self.ca_pem {
            params = params.add_root_certificate(Certificate::from_pem(pem).map_err(|e| e.to_string())?);
        }
        let params = params.build_rustls().map_err(|e| format!("TLS: {e}"))?;
        Ok(if self.tls == SmtpTls::Implicit { Tls::Wrapper(params) } else { Tls::Required(params) })
    }
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

/// Both parts, and the files after them.
fn body(m: &OutboxMessage, files: &[MessageAttachment]) -> Result<MultiPart, String> {
    let parts = MultiPart::alternative()
        .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(m.text_body.clone()))
        .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(m.html_body.clone()));
    if files.is_empty() {
        return Ok(parts);
    }
    let mut mixed = MultiPart::mixed().multipart(parts);
    for f in files {
        let kind = ContentType::parse(&f.content_type)
            .map_err(|e| format!("bad content type “{}” of {}: {e}", f.content_type, f.filename))?;
        mixed = mixed.singlepart(Attachment::new(f.filename.clone()).body(f.bytes.clone(), kind));
    }
    Ok(mixed)
}

/// Sends one message from `from`; returns the server's answer, or the error with its answer.
/// The files go after the text and HTML (`multipart/mixed`), each with its name and type.
pub async fn send(
    url: &SmtpUrl,
    from: &str,
    m: &OutboxMessage,
    files: &[MessageAttachment],
    site_host: &str,
) -> Result<String, String> {
    let from: Mailbox = from.parse().map_err(|e| format!("bad sender address “{from}”: {e}"))?;
    let to: Mailbox = m.recipient.parse().map_err(|e| format!("bad recipient address “{}”: {e}", m.recipient))?;
    let email = Message::builder()
        .from(from)
        .to(to)
        .subject(&m.subject)
        // The same id at every attempt, so a receiver can tell a resent message from a new one.
        .message_id(Some(format!("<outbox-{}.{}@{}>", m.id, m.created_at.unix_timestamp(), site_host)))
        .multipart(body(m, files)?)
        .map_err(|e| format!("cannot build the message: {e}"))?;
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(url.host.as_str())
        .port(url.port)
        .tls(url.lettre_tls()?)
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
    fn credentials_never_go_in_the_clear_unless_the_url_says_so() {
        let u = SmtpUrl::parse("smtp://u:p@mail.example:587").unwrap();
        assert_eq!(u.tls, SmtpTls::StartTls);
        assert_eq!(SmtpUrl::parse("smtp://u:p@mail.example:587?tls=starttls").unwrap().tls, SmtpTls::StartTls);
        assert_eq!(SmtpUrl::parse("smtp://u:p@relay:25?tls=none").unwrap().tls, SmtpTls::None);
        assert_eq!(SmtpUrl::parse("smtp://relay").unwrap().tls, SmtpTls::None);
        let u = SmtpUrl::parse("smtps://mail.example").unwrap();
        assert_eq!((u.tls, u.port), (SmtpTls::Implicit, 465));
        assert_eq!(SmtpUrl::parse("smtp://mail.example?tls=tls").unwrap().port, 465);
    }

    #[test]
    fn nonsense_is_refused_at_start() {
        assert!(SmtpUrl::parse("smtps://mail.example?tls=none").is_err());
        assert!(SmtpUrl::parse("smtp://mail.example?tls=maybe").is_err());
        assert!(SmtpUrl::parse("smtp://mail.example?tls=starttls&ca=/finns/inte.pem").unwrap_err().contains("CA file"));
        assert!(SmtpUrl::parse("http://mail.example").is_err());
        assert!(SmtpUrl::parse("smtp://:25").is_err());
        assert!(SmtpUrl::parse("smtp://host:port").is_err());
        assert!(SmtpUrl::parse("smtp://host?x=1").is_err());
    }
}
