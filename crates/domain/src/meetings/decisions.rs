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
}
