//! Public fields refuse Swedish personal identity numbers (personnummer) and co-ordination
//! numbers (samordningsnummer). A registry is public (TF 2 kap., OSL 5 kap.); a personal identity
//! number may be processed only when clearly justified (lag 2018:218 3 kap. 10 §, GDPR art. 87),
//! and never belongs in the public title of a case or the description of a public document.
//!
//! Forms recognised (Skatteverket, SKV 704): ten digits YYMMDD-NNNN, with "-" or "+" (aged 100
//! or more) or no separator, and twelve digits YYYYMMDD-NNNN likewise; the last digit is a Luhn
//! check digit over the ten-digit form; a co-ordination number adds 60 to the day (SKV 707).
//! Only numbers whose date and check digit are valid count, so a case number (RJL 2024/3336),
//! a phone number or an amount is refused only in the rare case that it is one.

use crate::FieldError;

/// Whether `text` contains a valid personal identity or co-ordination number.
pub fn contains_identity_number(text: &str) -> bool {
    !identity_numbers(text).is_empty()
}

/// Where the valid personal identity and co-ordination numbers stand in `text`, as byte
/// ranges (start, end), in order. The personal-data review of referral answers masks them.
pub fn identity_numbers(text: &str) -> Vec<(usize, usize)> {
    let c: Vec<char> = text.chars().collect();
    let byte: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
    let digit_run = |from: usize| c[from..].iter().take_while(|ch| ch.is_ascii_digit()).count();
    let mut found = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if !c[i].is_ascii_digit() || (i > 0 && c[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let run = digit_run(i);
        let first: String = c[i..i + run].iter().collect();
        if (run == 10 || run == 12) && valid(&first) {
            found.push((byte[i], byte[i + run]));
            i += run;
            continue;
        }
        let sep = i + run;
        if (run == 6 || run == 8) && sep < c.len() && (c[sep] == '-' || c[sep] == '+') && sep + 1 < c.len() {
            let last = digit_run(sep + 1);
            let tail: String = c[sep + 1..sep + 1 + last].iter().collect();
            if last == 4 && valid(&format!("{first}{tail}")) {
                found.push((byte[i], byte[sep + 1 + last]));
                i = sep + 1 + last;
                continue;
            }
        }
        i += run.max(1);
    }
    found
}

/// Refuses `text` in the public field `field` when it holds a personal identity number.
pub fn refuse_identity_number(field: &str, text: &str) -> Result<(), FieldError> {
    if !contains_identity_number(text) {
        return Ok(());
    }
    Err(FieldError::new(
        field,
        "identity_number",
        "Fältet är offentligt och får inte innehålla personnummer eller samordningsnummer. Ta bort numret.",
        "This field is public and must not contain a personal identity or co-ordination number. Remove the number.",
    ))
}

/// Ten or twelve digits that form a valid number: a real month, a day of 1–31 (or 61–91 for a
/// co-ordination number), a century of 18, 19 or 20 when given, and the Luhn check digit.
fn valid(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    let ten = match d.len() {
        10 => &d[..],
        12 if (18..=20).contains(&(d[0] * 10 + d[1])) => &d[2..],
        _ => return false,
    };
    let month = ten[2] * 10 + ten[3];
    let day = ten[4] * 10 + ten[5];
    let day = if day > 60 { day - 60 } else { day };
    (1..=12).contains(&month) && (1..=31).contains(&day) && luhn(ten)
}

/// The Luhn check over ten digits: weights 2, 1, 2, 1 …, the digits of each product summed.
fn luhn(ten: &[u32]) -> bool {
    let sum: u32 = ten
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            let p = if i % 2 == 0 { x * 2 } else { x };
            p / 10 + p % 10
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn finds_the_forms_skatteverket_describes() {
        // Skatteverket's test number ("Tolvan Tolvansson") in every form.
        for t in ["19121212-1212", "191212121212", "121212-1212", "1212121212", "121212+1212"] {
            assert!(contains_identity_number(&format!("Ansökan från {t} om bidrag")), "{t}");
        }
        // A co-ordination number (SKV 707: the day plus 60).
        assert!(contains_identity_number("samordningsnummer 701063-2391"));
        assert_eq!(refuse_identity_number("public_title", "pnr 121212-1212").unwrap_err().code, "identity_number");
    }

    #[test]
    fn leaves_numbers_that_are_not_one_alone() {
        for t in [
            "RJL 2024/3336",
            "Diarienummer RJL 2024/3340, § 9",
            "121212-1213",    // wrong check digit
            "121312-1212",    // month 13
            "12121212121212", // fourteen digits
            "1212121-1212",   // seven before the hyphen
            "Budget 2025: 1 500 000 kr",
            "Sammanträdesdatum 2024-10-11",
        ] {
            assert!(!contains_identity_number(t), "{t}");
        }
        assert!(refuse_identity_number("public_title", "Regional utvecklingsstrategi").is_ok());
    }

    /// Nine digits and the check digit that makes them a valid number.
    fn with_check(nine: [u32; 9]) -> String {
        let check = (0..10).find(|c| luhn(&[&nine[..], &[*c]].concat())).unwrap();
        nine.iter().chain(std::iter::once(&check)).map(|x| char::from_digit(*x, 10).unwrap()).collect()
    }

    proptest! {
        /// Every valid number is found, in every form and wherever it stands in the text; with
        /// its check digit changed it no longer counts.
        #[test]
        fn valid_numbers_are_found_in_any_form(
            yy in 0u32..100, month in 1u32..=12, day in 1u32..=28, coordination in any::<bool>(),
            serial in 0u32..1000, form in 0usize..4, before in "[a-zåäö ]{0,20}", after in "[a-zåäö ]{0,20}",
        ) {
            let day = if coordination { day + 60 } else { day };
            let nine = [yy / 10, yy % 10, month / 10, month % 10, day / 10, day % 10, serial / 100, serial / 10 % 10, serial % 10];
            let ten = with_check(nine);
            let (date, tail) = ten.split_at(6);
            let shown = match form {
                0 => ten.clone(),
                1 => format!("{date}-{tail}"),
                2 => format!("19{date}-{tail}"),
                _ => format!("20{ten}"),
            };
            let text = format!("{before} {shown} {after}");
            prop_assert!(contains_identity_number(&text));
            let last = ten.chars().last().unwrap().to_digit(10).unwrap();
            let wrong = format!("{}{}", &ten[..9], (last + 1) % 10);
            let text = format!("{before} {wrong} {after}");
            prop_assert!(!contains_identity_number(&text));
        }
    }
}
