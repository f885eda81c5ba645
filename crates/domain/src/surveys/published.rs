//! Free-text answers as the results publish them (`domain.md` rule 22: "other personal data in
//! a protocol or referral answer needs a review before web publication"). A survey's results
//! are read by everyone once published, so what a respondent typed is shown with personal
//! identity numbers, e-mail addresses and phone numbers masked by the referrals' review
//! (`referrals::personal_data`); the stored answers are never changed, and the raw export is
//! the survey's owners' alone.

use super::definition::{Definition, Kind};
use super::response::{Answer, Answers};
use crate::privacy::{Removed, mask_text};
use crate::referrals::{find_personal_data, mask};

/// `text` with its personal data replaced by `[maskerat]`, and the names of the people whose
/// personal data has been removed from the web (`hidden`) by [`crate::privacy::REMOVED`].
pub fn masked_text(text: &str, hidden: &[Removed]) -> String {
    let mut shown = mask(text, &find_personal_data(text, &[]));
    mask_text(&mut shown, &hidden.iter().collect::<Vec<_>>());
    shown
}

/// The answers with every free-text question's answer masked (`masked_text`); choices, scales,
/// rankings and matrices (the definition's own words) are kept as they are.
pub fn masked(def: &Definition, answers: &Answers, hidden: &[Removed]) -> Answers {
    answers
        .iter()
        .map(|(k, a)| {
            let free = def.question(k).is_some_and(|q| matches!(q.kind, Kind::Text));
            let a = match a {
                Answer::Text(t) if free => Answer::Text(masked_text(t, hidden)),
                a => a.clone(),
            };
            (k.clone(), a)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surveys::definition::{Question, Section};

    fn q(key: &str, kind: Kind) -> Question {
        Question { key: key.into(), text: key.into(), help: None, required: false, kind, condition: None }
    }

    #[test]
    fn free_text_is_masked_and_choices_are_kept() {
        // Rule 22: personal data in what is published from an answer is masked.
        let def = Definition {
            sections: vec![Section {
                title: "S".into(),
                intro: None,
                questions: vec![
                    q("fritext", Kind::Text),
                    q("val", Kind::Single { options: vec!["070-123 45 67".into()] }),
                ],
            }],
        };
        let mut a = Answers::new();
        a.insert("fritext".into(), Answer::Text("Ring Anna på 070-123 45 67 eller anna@lekeberg.se".into()));
        a.insert("val".into(), Answer::Text("070-123 45 67".into()));
        let m = masked(&def, &a, &[]);
        assert_eq!(m["fritext"], Answer::Text("Ring Anna på [maskerat] eller [maskerat]".into()));
        assert_eq!(m["val"], a["val"], "an option is the definition's words, not personal data");
        assert_eq!(masked_text("Personnummer 19811218-9876 saknas", &[]), "Personnummer [maskerat] saknas");
        // A name removed from the web (rule 22) is hidden as everywhere else it was published.
        let gone = [Removed { person_id: 3, name: "Anna Lind".into() }];
        assert_eq!(masked_text("Anna Lind ringer.", &gone), "[borttaget] ringer.");
    }
}
