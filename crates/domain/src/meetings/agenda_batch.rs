//! The agenda in minutes (issue 9): several items added from one list of titles, and a new order
//! from the position numbers typed beside the items, both in one post.

use super::AgendaItemInput;
use super::protocol::ItemKind;
use crate::{FieldError, Invalid, text};

/// At most this many items are added at once (a long agenda has about twenty).
pub const MAX_NEW_ITEMS: usize = 50;

/// One item per non-empty line of `titles`, all of `kind`. Refused at the field `titles`: no
/// title, too many, or a line longer than an item's title may be (its line named).
pub fn titles_to_items(titles: &str, kind: ItemKind) -> Result<Vec<AgendaItemInput>, Invalid> {
    let lines: Vec<&str> = titles.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.is_empty() {
        return Err(Invalid::one(FieldError::new(
            "titles",
            "required",
            "Skriv minst en rubrik, en per rad.",
            "Write at least one title, one a line.",
        )));
    }
    if lines.len() > MAX_NEW_ITEMS {
        return Err(Invalid::one(FieldError::new(
            "titles",
            "too_many_lines",
            format!("Högst {MAX_NEW_ITEMS} punkter åt gången."),
            format!("At most {MAX_NEW_ITEMS} items at a time."),
        )));
    }
    let mut errors = Vec::new();
    let mut items = Vec::new();
    for (n, l) in lines.iter().enumerate() {
        match text::required("titles", l, 300) {
            Ok(title) => items.push(AgendaItemInput {
                title,
                kind,
                case_number: None,
                presenters: vec![],
                description: None,
                starts_at: None,
                ends_at: None,
            }),
            Err(e) => errors.push(FieldError::new(
                "titles",
                e.code,
                format!("Rad {}: {}", n + 1, e.sv),
                format!("Line {}: {}", n + 1, e.en),
            )),
        }
    }
    if errors.is_empty() { Ok(items) } else { Err(Invalid(errors)) }
}

/// The new order of the items `(id, typed position)`, given in their current order: by the
/// numbers typed; an item whose number was changed goes before an unchanged one with the same
/// number (typing 1 beside the third item makes it the first), and otherwise the current order
/// holds. An empty field keeps the item's place. Refused at `position[id]`: not a number 1–999.
pub fn order_from_positions(items: &[(i64, &str)]) -> Result<Vec<i64>, Invalid> {
    let mut errors = Vec::new();
    let mut keyed = Vec::new();
    for (i, (id, typed)) in items.iter().enumerate() {
        let current = i as u32 + 1;
        let v = typed.trim();
        let n = if v.is_empty() {
            current
        } else {
            match v.parse::<u32>().ok().filter(|n| (1..=999).contains(n)) {
                Some(n) => n,
                None => {
                    errors.push(FieldError::new(
                        format!("position[{id}]"),
                        "invalid_position",
                        "Ange platsen som ett nummer, t.ex. 3.",
                        "Give the place as a number, e.g. 3.",
                    ));
                    continue;
                }
            }
        };
        keyed.push((n, n == current, i, *id));
    }
    if !errors.is_empty() {
        return Err(Invalid(errors));
    }
    keyed.sort();
    Ok(keyed.into_iter().map(|(_, _, _, id)| id).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_item_per_line_and_blank_lines_skipped() {
        let items =
            titles_to_items("Mötets öppnande\n\n  Val av justerare \r\nInformation", ItemKind::Information).unwrap();
        let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["Mötets öppnande", "Val av justerare", "Information"]);
        assert!(items.iter().all(|i| i.kind == ItemKind::Information));
    }

    #[test]
    fn no_title_or_a_long_line_is_refused_naming_the_line() {
        assert_eq!(titles_to_items(" \n ", ItemKind::Decision).unwrap_err().0[0].code, "required");
        let long = format!("Ok\n{}", "x".repeat(301));
        let e = titles_to_items(&long, ItemKind::Decision).unwrap_err();
        assert!(e.0[0].sv.starts_with("Rad 2:"), "{}", e.0[0].sv);
        let many = "x\n".repeat(MAX_NEW_ITEMS + 1);
        assert_eq!(titles_to_items(&many, ItemKind::Decision).unwrap_err().0[0].code, "too_many_lines");
    }

    #[test]
    fn a_changed_number_wins_a_tie_and_empty_fields_keep_their_place() {
        assert_eq!(order_from_positions(&[(10, "1"), (20, "2"), (30, "1")]).unwrap(), [30, 10, 20]);
        assert_eq!(order_from_positions(&[(10, "3"), (20, ""), (30, "1")]).unwrap(), [30, 20, 10]);
        assert_eq!(order_from_positions(&[(10, "1"), (20, "2")]).unwrap(), [10, 20]);
        let e = order_from_positions(&[(10, "först"), (20, "0")]).unwrap_err();
        assert_eq!(e.0.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["position[10]", "position[20]"]);
    }
}
