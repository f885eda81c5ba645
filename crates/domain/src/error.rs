//! Validation errors that name the field they concern, in Swedish and English.

use std::fmt;

/// One problem with one field of the input, with a stable code and a message in both
/// languages the product speaks. The web layer shows it next to the field and in the summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
    pub sv: String,
    pub en: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &'static str, sv: impl Into<String>, en: impl Into<String>) -> Self {
        FieldError { field: field.into(), code, sv: sv.into(), en: en.into() }
    }

    pub fn required(field: impl Into<String>) -> Self {
        Self::new(field, "required", "Fältet måste fyllas i.", "This field is required.")
    }

    pub fn too_long(field: impl Into<String>, max: usize) -> Self {
        Self::new(field, "too_long", format!("Högst {max} tecken."), format!("At most {max} characters."))
    }

    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Sv => &self.sv,
            Lang::En => &self.en,
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.en)
    }
}

impl std::error::Error for FieldError {}

/// All the problems found in one input; never empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid(pub Vec<FieldError>);

impl Invalid {
    pub fn one(e: FieldError) -> Self {
        Invalid(vec![e])
    }

    pub fn first(&self) -> &FieldError {
        &self.0[0]
    }

    pub fn for_field(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == field)
    }

    /// Two parts of one input parsed apart (a form's fields and its file): both values, or
    /// every error of either, so that the person sees all of them at once.
    pub fn both<A, B>(a: Result<A, Invalid>, b: Result<B, Invalid>) -> Result<(A, B), Invalid> {
        match (a, b) {
            (Ok(a), Ok(b)) => Ok((a, b)),
            (Err(Invalid(mut x)), Err(Invalid(y))) => {
                x.extend(y);
                Err(Invalid(x))
            }
            (Err(e), _) | (_, Err(e)) => Err(e),
        }
    }
}

impl From<FieldError> for Invalid {
    fn from(e: FieldError) -> Self {
        Invalid(vec![e])
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = self.first();
        write!(f, "{}: {}", e.field, e.en)
    }
}

impl std::error::Error for Invalid {}

/// Collects field errors while an input is parsed, so that the user sees all of them at once.
#[derive(Default)]
pub struct Errors(Vec<FieldError>);

impl Errors {
    pub fn new() -> Self {
        Errors(Vec::new())
    }

    /// Keeps the value when it parsed, records the error otherwise.
    pub fn check<T>(&mut self, r: Result<T, FieldError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }

    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }

    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, Invalid> {
        if self.0.is_empty() { Ok(value()) } else { Err(Invalid(self.0)) }
    }
}

/// The two languages of the product. Swedish is the default everywhere.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sv" | "sv-se" | "sv-fi" => Some(Lang::Sv),
            "en" | "en-gb" | "en-us" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first supported language of an `Accept-Language` header, by its q-values.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut it = part.split(';');
            let tag = it.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = it.find_map(|p| p.trim().strip_prefix("q=").and_then(|v| v.parse::<f32>().ok())).unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            let Some(lang) = Lang::parse(primary) else { continue };
            if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_parts_of_an_input_report_every_error_of_both() {
        // The architecture's forms say every field's error at once (`Errors`); a form with a
        // file checks the file apart and must not hide the fields' errors behind it.
        let e = |f: &str| Invalid::one(FieldError::new(f, "x", "sv", "en"));
        assert_eq!(Invalid::both::<i32, i32>(Ok(1), Ok(2)).unwrap(), (1, 2));
        let fields: Vec<String> = Invalid::both::<i32, i32>(Err(e("name")), Err(e("file")))
            .unwrap_err()
            .0
            .into_iter()
            .map(|f| f.field)
            .collect();
        assert_eq!(fields, ["name", "file"]);
        assert_eq!(Invalid::both::<i32, i32>(Ok(1), Err(e("file"))).unwrap_err().first().field, "file");
        assert_eq!(Invalid::both::<i32, i32>(Err(e("name")), Ok(2)).unwrap_err().first().field, "name");
    }

    #[test]
    fn accept_language_picks_the_highest_supported() {
        assert_eq!(Lang::from_accept_language("de-DE,en;q=0.8,sv;q=0.9"), Some(Lang::Sv));
        assert_eq!(Lang::from_accept_language("en-GB,en;q=0.9"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("fr, de"), None);
        assert_eq!(Lang::from_accept_language("sv;q=0, en;q=0.1"), Some(Lang::En));
    }
}
