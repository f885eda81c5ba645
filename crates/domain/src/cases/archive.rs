//! The archive package of closed cases (issue 11, ADR 54): one XML document whose element names
//! follow E-ARK CITS ERMS (DILCIS Board, `https://DILCIS.eu/XML/ERMS`), which FGS
//! Ärendehantering (Riksarkivet) builds on: the root `erms` with its `control`, each case an
//! `aggregation` of type `caseFile`, each document a `record` with its `direction`, `dates`,
//! `restriction` (a secrecy marking: `regulation` names the OSL provision) and its files as
//! `appendix` elements pointing into the package; what happened to the case (registration,
//! handling in a meeting, closing) is `action`. The files go next to the XML with a
//! `sha256sum`-style manifest. This module only writes the XML, from plain data.

use time::Date;

use super::{CaseStatus, Direction, Secrecy};

pub const ERMS_NS: &str = "https://DILCIS.eu/XML/ERMS";

/// A file as the package holds it: its path inside the package and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchiveFile {
    pub path: String,
    pub file_name: String,
    pub mime: String,
    pub sha256: String,
    pub size: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchiveDocument {
    pub full_number: String,
    pub number: i64,
    pub registered_on: Date,
    pub document_date: Date,
    pub direction: Direction,
    pub counterpart: Option<String>,
    pub description: String,
    pub secrecy: Option<Secrecy>,
    pub files: Vec<ArchiveFile>,
}

/// Something done in the case: its day, what (a line of text) and its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchiveAction {
    pub date: Date,
    pub kind: &'static str,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchiveCase {
    pub number: String,
    pub public_title: String,
    pub internal_title: String,
    pub status: CaseStatus,
    pub opened_on: Date,
    pub responsible: Option<String>,
    pub body: Option<String>,
    pub documents: Vec<ArchiveDocument>,
    pub actions: Vec<ArchiveAction>,
}

/// `s` escaped for XML text and attribute values; characters XML 1.0 forbids are dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn direction(d: Direction) -> &'static str {
    match d {
        Direction::Incoming => "incoming",
        Direction::Outgoing => "outgoing",
        Direction::DrawnUp => "internal",
    }
}

/// The package's XML: `organisation` is the archive creator (arkivbildare), `created` the day
/// the package was made, `identification` the package's own id.
pub fn erms_xml(organisation: &str, identification: &str, created: Date, cases: &[ArchiveCase]) -> String {
    let e = escape;
    let mut x = String::with_capacity(4096);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str(&format!("<erms xmlns=\"{ERMS_NS}\">\n  <control>\n"));
    x.push_str(&format!("    <identification identificationType=\"local\">{}</identification>\n", e(identification)));
    x.push_str(&format!(
        "    <maintenanceInformation>\n      <maintenanceStatus value=\"new\"/>\n      <maintenanceAgency>\n        <agencyName>{}</agencyName>\n      </maintenanceAgency>\n    </maintenanceInformation>\n",
        e(organisation)
    ));
    x.push_str(&format!(
        "    <dates>\n      <date dateType=\"created\">{created}</date>\n    </dates>\n  </control>\n"
    ));
    x.push_str("  <aggregations>\n");
    for c in cases {
        let status = if c.status == CaseStatus::Closed { "closed" } else { "ongoing" };
        x.push_str(&format!(
            "    <aggregation aggregationType=\"caseFile\" systemIdentifier=\"{0}\">\n      <objectId>{0}</objectId>\n      <title>{1}</title>\n      <otherTitle titleType=\"internal\">{2}</otherTitle>\n      <status value=\"{status}\"/>\n",
            e(&c.number),
            e(&c.public_title),
            e(&c.internal_title)
        ));
        if let Some(r) = &c.responsible {
            x.push_str(&format!(
                "      <agents>\n        <agent agentType=\"responsible_person\">\n          <name>{}</name>\n        </agent>\n      </agents>\n",
                e(r)
            ));
        }
        if let Some(b) = &c.body {
            x.push_str(&format!("      <description>{}</description>\n", e(b)));
        }
        x.push_str(&format!(
            "      <dates>\n        <date dateType=\"opened\">{}</date>\n      </dates>\n",
            c.opened_on
        ));
        for a in &c.actions {
            x.push_str(&format!(
                "      <action>\n        <actionText>{}</actionText>\n        <actionType>{}</actionType>\n        <dates>\n          <actionDate dateType=\"created\">{}</actionDate>\n        </dates>\n      </action>\n",
                e(&a.text),
                e(a.kind),
                a.date
            ));
        }
        for d in &c.documents {
            record(&mut x, d);
        }
        x.push_str("    </aggregation>\n");
    }
    x.push_str("  </aggregations>\n</erms>\n");
    x
}

fn record(x: &mut String, d: &ArchiveDocument) {
    let e = escape;
    x.push_str(&format!(
        "      <record recordType=\"document\" systemIdentifier=\"{0}\">\n        <objectId>{0}</objectId>\n        <title>{1}</title>\n        <runningNumber>{2}</runningNumber>\n",
        e(&d.full_number),
        e(&d.description),
        d.number
    ));
    if let Some(s) = &d.secrecy {
        x.push_str(&format!(
            "        <restriction restrictionType=\"confidential\">\n          <explanatoryText>Sekretess enligt offentlighets- och sekretesslagen (2009:400), satt av {}</explanatoryText>\n          <regulation>OSL {}</regulation>\n",
            e(&s.set_by),
            e(&s.provision.to_string())
        ));
        if let Some(u) = s.until {
            x.push_str(&format!(
                "          <dates>\n            <date dateType=\"expires\">{u}</date>\n          </dates>\n"
            ));
        }
        x.push_str("        </restriction>\n");
    }
    x.push_str(&format!("        <direction directionDefinition=\"{}\"/>\n", direction(d.direction)));
    if let Some(cp) = &d.counterpart {
        let kind = if d.direction == Direction::Incoming { "sender" } else { "receiver" };
        x.push_str(&format!(
            "        <agents>\n          <agent agentType=\"{kind}\">\n            <name>{}</name>\n          </agent>\n        </agents>\n",
            e(cp)
        ));
    }
    x.push_str(&format!(
        "        <dates>\n          <date dateType=\"created\">{}</date>\n          <date dateType=\"registered\">{}</date>\n        </dates>\n",
        d.document_date, d.registered_on
    ));
    if !d.files.is_empty() {
        x.push_str("        <additionalInformation>\n");
        for f in &d.files {
            x.push_str(&format!(
                "          <appendix name=\"{}\" path=\"{}\" fileFormat=\"{}\" description=\"SHA-256 {} ({} bytes)\"/>\n",
                e(&f.file_name),
                e(&f.path),
                e(&f.mime),
                e(&f.sha256),
                f.size
            ));
        }
        x.push_str("        </additionalInformation>\n");
    }
    x.push_str("      </record>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::SecrecyProvision;
    use time::macros::date;

    #[test]
    fn the_package_names_cases_documents_restrictions_and_actions_as_erms_does() {
        let c = ArchiveCase {
            number: "RÖ 2026/1".into(),
            public_title: "Regional utvecklingsstrategi (RUS) – gemensam arbetsprocess".into(),
            internal_title: "RUS & kommunerna <intern>".into(),
            status: CaseStatus::Closed,
            opened_on: date!(2026 - 01 - 10),
            responsible: Some("Anna Regionutvecklare".into()),
            body: None,
            documents: vec![ArchiveDocument {
                full_number: "RÖ 2026/1-1".into(),
                number: 1,
                registered_on: date!(2026 - 01 - 11),
                document_date: date!(2026 - 01 - 09),
                direction: Direction::Incoming,
                counterpart: Some("Tolvan \"T\" Tolvansson".into()),
                description: "Synpunkter".into(),
                secrecy: Some(Secrecy {
                    provision: SecrecyProvision::parse("p", "21 kap. 7 §").unwrap(),
                    until: Some(date!(2096 - 12 - 31)),
                    set_by: "registrator@regionostergotland.se".into(),
                }),
                files: vec![ArchiveFile {
                    path: "files/RÖ 2026-1/1/brev.pdf".into(),
                    file_name: "brev.pdf".into(),
                    mime: "application/pdf".into(),
                    sha256: "ab".repeat(32),
                    size: 10,
                }],
            }],
            actions: vec![ArchiveAction {
                date: date!(2026 - 02 - 01),
                kind: "closed",
                text: "Ärendet avslutades\u{1}".into(),
            }],
        };
        let x = erms_xml("Region Östergötland", "RÖ-2026-1", date!(2026 - 12 - 06), &[c]);
        for needle in [
            "<erms xmlns=\"https://DILCIS.eu/XML/ERMS\">",
            "<aggregation aggregationType=\"caseFile\" systemIdentifier=\"RÖ 2026/1\">",
            "<otherTitle titleType=\"internal\">RUS &amp; kommunerna &lt;intern&gt;</otherTitle>",
            "<record recordType=\"document\" systemIdentifier=\"RÖ 2026/1-1\">",
            "<restriction restrictionType=\"confidential\">",
            "<regulation>OSL 21 kap. 7 §</regulation>",
            "<date dateType=\"expires\">2096-12-31</date>",
            "<direction directionDefinition=\"incoming\"/>",
            "<name>Tolvan &quot;T&quot; Tolvansson</name>",
            "<actionText>Ärendet avslutades</actionText>",
            "path=\"files/RÖ 2026-1/1/brev.pdf\"",
        ] {
            assert!(x.contains(needle), "{needle} in\n{x}");
        }
        assert!(!x.contains('\u{1}'));
    }
}
