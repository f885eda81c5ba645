//! The generated paragraphs of a protocol and their decision texts, as the seed protocol words
//! them (seed 003): § 1 election of adjusters, § 2 approval of the agenda, then one paragraph
//! per agenda item with a default decision for what only asks the meeting to take note.

use super::protocol::{ItemKind, Named, Paragraph};

/// The title of the generated first paragraph.
pub const ADJUSTERS_TITLE: &str = "Val av protokollsjusterare";
/// The title and decision of the generated second paragraph (seed 003, § 2).
pub const AGENDA_TITLE: &str = "Fastställande av dagordning";
pub const AGENDA_DECISION: &str = "Dagordningen fastställs i enlighet med utskickat förslag.";

/// The decision of the generated first paragraph, election of adjusters (seed 003, § 1): they
/// adjust together with the chair (KL 5 kap. 69 §).
pub fn adjusters_decision(adjusters: &[Named]) -> String {
    let names: Vec<String> = adjusters.iter().map(Named::full).collect();
    let list = match names.as_slice() {
        [] => return "Justerare att jämte ordföranden justera dagens protokoll har ännu inte utsetts.".into(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} och {last}", init.join(", ")),
    };
    format!("Till att jämte ordföranden justera dagens protokoll utses {list}.")
}

/// The decision a paragraph starts with for an agenda item of `kind`: information, dialogue and
/// reported matters are noted; a decision item waits for the secretary (empty).
pub fn default_decision(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Information => "Informationen noteras.",
        ItemKind::Dialogue => "Dialogen noteras.",
        ItemKind::Reported => "Anmälningsärendena anmäls och läggs till handlingarna.",
        ItemKind::Decision => "",
    }
}

/// The two paragraphs every protocol opens with, numbered from `first`.
pub fn opening_paragraphs(first: u32, adjusters: &[Named]) -> [Paragraph; 2] {
    [
        Paragraph::new(first, ADJUSTERS_TITLE, None, &adjusters_decision(adjusters)),
        Paragraph::new(first + 1, AGENDA_TITLE, None, AGENDA_DECISION),
    ]
}

/// The paragraph of an agenda item, with the default decision of its kind.
pub fn item_paragraph(number: u32, title: &str, case_number: Option<String>, kind: ItemKind) -> Paragraph {
    Paragraph::new(number, title, case_number, default_decision(kind))
}

/// The matters every protocol opens with, which an agenda often lists as items of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opening {
    /// Val av (protokolls)justerare.
    Adjusters,
    /// Godkännande/fastställande av dagordning.
    Agenda,
}

/// Which opening matter an agenda item's title names, if any: "Val av justerare", "Val av
/// protokollsjusterare", "Justering av protokoll" …; "Godkännande av dagordning", "Fastställande
/// av dagordningen", "Dagordning" … (issue 9: the agenda is the protocol's skeleton).
pub fn opening_of(title: &str) -> Option<Opening> {
    let t: String = title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .filter(|w| w.parse::<u32>().is_err() && *w != "§")
        .collect::<Vec<_>>()
        .join(" ");
    let short = t.split_whitespace().count() <= 6;
    if short && (t.contains("justerare") || t.starts_with("justering av protokoll")) {
        return Some(Opening::Adjusters);
    }
    if short && t.contains("dagordning") && !t.contains("tillägg") {
        return Some(Opening::Agenda);
    }
    None
}

/// An agenda item as the skeleton needs it.
#[derive(Clone, Debug)]
pub struct SkeletonItem<'a> {
    pub title: &'a str,
    pub case_number: Option<String>,
    pub kind: ItemKind,
}

/// The paragraphs a protocol starts with, numbered from `first`, each with the index of the
/// agenda item it stands for: the agenda is the skeleton (issue 9). The election of adjusters
/// and the approval of the agenda come first unless the agenda lists them itself; an item that
/// is one of them becomes that paragraph, with its generated decision, where the agenda puts
/// it — one paragraph, never two for the same matter.
pub fn skeleton(first: u32, adjusters: &[Named], items: &[SkeletonItem<'_>]) -> Vec<(Option<usize>, Paragraph)> {
    let mut seen: Vec<Opening> = Vec::new();
    let mut listed: Vec<(usize, Option<Opening>)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let o = opening_of(item.title).filter(|o| !seen.contains(o));
        if let Some(o) = o {
            seen.push(o);
        }
        listed.push((i, o));
    }
    let [adj, agenda] = opening_paragraphs(0, adjusters);
    let mut out: Vec<(Option<usize>, Paragraph)> = Vec::new();
    for (o, p) in [(Opening::Adjusters, adj.clone()), (Opening::Agenda, agenda.clone())] {
        if !seen.contains(&o) {
            out.push((None, p));
        }
    }
    for (i, o) in listed {
        let item = &items[i];
        let p = match o {
            Some(o) => {
                let generated = if o == Opening::Adjusters { &adj } else { &agenda };
                Paragraph::new(0, item.title, item.case_number.clone(), &generated.decision)
            }
            None => item_paragraph(0, item.title, item.case_number.clone(), item.kind),
        };
        out.push((Some(i), p));
    }
    for (n, (_, p)) in out.iter_mut().enumerate() {
        p.number = first + n as u32;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str, party: &str, org: &str) -> Named {
        Named { person_id: None, name: name.into(), party: Some(party.into()), organisation: Some(org.into()) }
    }

    #[test]
    fn the_adjusters_paragraph_reads_like_the_seed() {
        let a =
            [named("Kerstin Hammar", "M", "Region Jönköpings län"), named("Therese Petersson", "KD", "Sävsjö kommun")];
        assert_eq!(
            adjusters_decision(&a),
            "Till att jämte ordföranden justera dagens protokoll utses Kerstin Hammar (M), Region Jönköpings \
             län och Therese Petersson (KD), Sävsjö kommun."
        );
        assert!(adjusters_decision(&a[..1]).ends_with("utses Kerstin Hammar (M), Region Jönköpings län."));
        // The chair never adjusts alone (KL 5 kap. 69 §), so no text says so.
        assert!(!adjusters_decision(&[]).contains("justeras av ordföranden"));
    }

    #[test]
    fn a_protocol_opens_with_adjusters_and_agenda_and_notes_information() {
        let [first, second] = opening_paragraphs(12, &[named("Kerstin Hammar", "M", "Region Jönköpings län")]);
        assert_eq!((first.number, first.title.as_str()), (12, ADJUSTERS_TITLE));
        assert_eq!((second.number, second.decision.as_str()), (13, AGENDA_DECISION));
        let p = item_paragraph(14, "Regional plan", None, ItemKind::Information);
        assert_eq!(p.decision, "Informationen noteras.");
        assert!(item_paragraph(15, "Beslut", None, ItemKind::Decision).decision.is_empty());
    }

    fn item(title: &str, kind: ItemKind) -> SkeletonItem<'_> {
        SkeletonItem { title, case_number: None, kind }
    }

    /// Seed 003: an agenda without the opening matters gives § 1 adjusters, § 2 agenda, then
    /// the items from § 3 on.
    #[test]
    fn the_seed_agenda_gets_the_opening_paragraphs_first() {
        let items = [
            item("Anmälningsärenden Kommunalt forum 2024", ItemKind::Reported),
            item("Avslutning", ItemKind::Information),
        ];
        let s = skeleton(1, &[], &items);
        let titles: Vec<(Option<usize>, u32, &str)> = s.iter().map(|(i, p)| (*i, p.number, p.title.as_str())).collect();
        assert_eq!(
            titles,
            [
                (None, 1, ADJUSTERS_TITLE),
                (None, 2, AGENDA_TITLE),
                (Some(0), 3, "Anmälningsärenden Kommunalt forum 2024"),
                (Some(1), 4, "Avslutning")
            ]
        );
    }

    /// Issue 9: an agenda that lists "Val av justerare" and "Godkännande av dagordning" gets one
    /// paragraph for each, where the agenda has them, with the generated decisions.
    #[test]
    fn opening_items_on_the_agenda_are_not_doubled() {
        let adjusters = [named("Kerstin Hammar", "M", "Region Jönköpings län")];
        let items = [
            item("Mötets öppnande", ItemKind::Information),
            item("Val av justerare", ItemKind::Decision),
            item("3. Godkännande av dagordningen", ItemKind::Decision),
            item("Regional plan", ItemKind::Information),
        ];
        let s = skeleton(7, &adjusters, &items);
        assert_eq!(s.len(), 4, "{s:?}");
        assert_eq!(s.iter().map(|(_, p)| p.number).collect::<Vec<_>>(), [7, 8, 9, 10]);
        assert_eq!(s[1].0, Some(1));
        assert!(s[1].1.decision.contains("Kerstin Hammar (M)"), "{}", s[1].1.decision);
        assert_eq!(
            (s[2].1.title.as_str(), s[2].1.decision.as_str()),
            ("3. Godkännande av dagordningen", AGENDA_DECISION)
        );
        // Only one of the two listed: the other is generated first.
        let s = skeleton(
            1,
            &[],
            &[item("Fastställande av dagordning", ItemKind::Decision), item("Övrigt", ItemKind::Information)],
        );
        let titles: Vec<&str> = s.iter().map(|(_, p)| p.title.as_str()).collect();
        assert_eq!(titles, [ADJUSTERS_TITLE, "Fastställande av dagordning", "Övrigt"]);
    }

    #[test]
    fn opening_matters_are_recognised_by_their_usual_titles() {
        for t in
            ["Val av protokollsjusterare", "§ 2 Val av justerare", "Val av två justerare", "Justering av protokollet"]
        {
            assert_eq!(opening_of(t), Some(Opening::Adjusters), "{t}");
        }
        for t in ["Godkännande av dagordning", "Fastställande av dagordningen", "Dagordning"] {
            assert_eq!(opening_of(t), Some(Opening::Agenda), "{t}");
        }
        for t in [
            "Regional plan",
            "Information om justerare av regionens riktlinjer för kollektivtrafik och mer",
            "Tillägg till dagordningen",
        ] {
            assert_eq!(opening_of(t), None, "{t}");
        }
    }
}
