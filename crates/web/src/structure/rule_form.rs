//! One representation rule at a time (administrators): a form per rule on the rules page —
//! change it, remove it, or add a rule of a kind — with the JSON kept as the advanced view.
//! This file holds the forms and what a post does to the rules; `rules` serves them. Each post
//! carries a version of the rules it was made from, so that two administrators never
//! overwrite each other's change unknowingly.

use domain::structure::{Rule, RuleFields};
use domain::{FieldError, Invalid};

use crate::forms::Pairs;

/// The kinds of rule, in the order the page offers them.
pub const KINDS: [&str; 4] = ["seats_per_organisation", "presidium_includes", "meets_at_least", "work_plan_current"];

/// One rule's form on the page: its key (`r0`, `n-meets_at_least`) for ids and errors, the rule
/// it edits (none for a new one) and its fields.
pub struct RuleForm {
    pub key: String,
    pub index: Option<usize>,
    pub f: RuleFields,
}

impl RuleForm {
    /// The error of this form's field `name`, when the post was this form's.
    pub fn err<'a>(&self, p: &'a crate::pages::Chrome, name: &str) -> Option<&'a str> {
        p.error(&format!("{}-{name}", self.key))
    }

    /// The one number of a meeting or work-plan rule: its field and value.
    pub fn number_field(&self) -> &'static str {
        if self.f.kind == "meets_at_least" { "per_year" } else { "years_covered" }
    }

    pub fn number_value(&self) -> &str {
        if self.f.kind == "meets_at_least" { &self.f.per_year } else { &self.f.years_covered }
    }

    pub fn has(&self, list: &str, value: &str) -> bool {
        match list {
            "ids" => self.f.ids.iter().any(|v| v == value),
            _ => self.f.kinds.iter().any(|v| v == value),
        }
    }
}

/// The forms of the page: one per rule, then one per kind to add.
pub fn forms(rules: &[Rule]) -> Vec<RuleForm> {
    let existing =
        rules.iter().enumerate().map(|(i, r)| RuleForm { key: format!("r{i}"), index: Some(i), f: RuleFields::of(r) });
    let new = KINDS.iter().map(|k| RuleForm {
        key: format!("n-{k}"),
        index: None,
        f: RuleFields {
            kind: (*k).into(),
            scope: "municipalities_in_county".into(),
            min: "1".into(),
            ..Default::default()
        },
    });
    existing.chain(new).collect()
}

/// A version of a body's rules: changes when any rule changes.
pub fn version(rules: &[Rule]) -> String {
    store::files::sha256_hex(serde_json::to_string(rules).unwrap_or_default().as_bytes())[..16].to_string()
}

pub fn fields(f: &Pairs) -> RuleFields {
    RuleFields {
        kind: f.get("kind"),
        scope: f.get("scope"),
        county_code: f.get("county_code"),
        ids: f.all("ids"),
        side: f.get("side"),
        min: f.get("min"),
        max: f.get("max"),
        kinds: f.all("kinds"),
        per_year: f.get("per_year"),
        years_covered: f.get("years_covered"),
    }
}

/// The rules after the post: one changed, removed or added.
pub fn apply(rules: &[Rule], index: Option<usize>, remove: bool, f: &RuleFields) -> Result<Vec<Rule>, Invalid> {
    let mut out = rules.to_vec();
    match (index, remove) {
        (Some(i), true) if i < out.len() => {
            out.remove(i);
        }
        (Some(i), false) if i < out.len() => out[i] = f.parse()?,
        (None, false) => out.push(f.parse()?),
        _ => return Err(changed()),
    }
    Ok(out)
}

pub fn changed() -> Invalid {
    Invalid::one(FieldError::new(
        "rules",
        "rules_changed",
        "Reglerna har ändrats av någon annan sedan sidan visades. Se dem här och gör ändringen igen.",
        "The rules were changed by someone else since the page was shown. See them here and make the change again.",
    ))
}
