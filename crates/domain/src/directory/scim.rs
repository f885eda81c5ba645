//! The directory as SCIM 2.0-like JSON (RFC 7643): a `ListResponse` (`{"Resources": [...]}`) or
//! a plain array of User resources.
//!
//! | attribute | meaning |
//! |---|---|
//! | `externalId` (else `id`) | the person's id in the directory |
//! | `name.givenName`, `name.familyName` | the name |
//! | `emails` | the `primary` one, else the first |
//! | `title` | the title as an official |
//! | `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`.`organization` | the organisation: kommunkod, länskod or exact name |
//! | `active` | `false`: the person is left out, as if not in the directory |
//! | `groups[]` | the bodies: `value` (the body's number) or `display` (its exact name), and Samverkan's own `role`, `side`, `start`, `end`, `term` as in the CSV |
//!
//! A resource's position in the list (from 1) is its row in errors; attributes are named by
//! their path (`groups[2].role`).

use serde_json::Value;

use super::{Entry, Lookup, RawMembership, RowError, finish, membership, person};
use crate::FieldError;

pub const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

fn text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// Parses the document; every bad resource is reported with its position and attribute.
pub fn parse(input: &str, lookup: &Lookup<'_>) -> Result<Vec<Entry>, Vec<RowError>> {
    let doc: Value = serde_json::from_str(input.trim_start_matches('\u{feff}')).map_err(|e| {
        vec![(
            e.line(),
            FieldError::new(
                "file",
                "invalid_json",
                format!("Filen är inte giltig JSON (rad {}, kolumn {}).", e.line(), e.column()),
                format!("The file is not valid JSON (line {}, column {}).", e.line(), e.column()),
            ),
        )]
    })?;
    let resources = match &doc {
        Value::Array(a) => a,
        Value::Object(o) => match o.get("Resources") {
            Some(Value::Array(a)) => a,
            _ => {
                return Err(vec![(
                    1,
                    FieldError::new(
                        "Resources",
                        "invalid_scim",
                        "Dokumentet saknar listan Resources med användare.",
                        "The document lacks the list Resources of users.",
                    ),
                )]);
            }
        },
        _ => {
            return Err(vec![(
                1,
                FieldError::new("file", "invalid_scim", "Dokumentet är ingen lista.", "The document is not a list."),
            )]);
        }
    };
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (i, user) in resources.iter().enumerate() {
        let n = i + 1;
        if user.get("active") == Some(&Value::Bool(false)) {
            continue;
        }
        let mut row_errors = Vec::new();
        let id = match user.get("externalId") {
            Some(v @ Value::String(_)) => text(Some(v)),
            _ => text(user.get("id")),
        };
        let name = user.get("name");
        let emails = user.get("emails").and_then(Value::as_array);
        let email = emails
            .and_then(|e| e.iter().find(|m| m.get("primary") == Some(&Value::Bool(true))).or_else(|| e.first()))
            .map(|m| text(m.get("value")))
            .unwrap_or_default();
        let org = text(user.get(ENTERPRISE).and_then(|x| x.get("organization")));
        let given = text(name.and_then(|x| x.get("givenName")));
        let family = text(name.and_then(|x| x.get("familyName")));
        let title = text(user.get("title"));
        let fields = [
            ("externalId", id.as_str()),
            ("name.givenName", given.as_str()),
            ("name.familyName", family.as_str()),
            ("emails", email.as_str()),
            ("organization", org.as_str()),
            ("title", title.as_str()),
        ];
        let p = person(fields, lookup, &mut row_errors);
        let mut memberships = Vec::new();
        let groups = user.get("groups").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
        for (g, group) in groups.iter().enumerate() {
            let at = |a: &str| format!("groups[{}].{a}", g + 1);
            let value = text(group.get("value"));
            let body = if value.is_empty() { text(group.get("display")) } else { value };
            let role = text(group.get("role"));
            let role = if role.is_empty() { "member".to_string() } else { role };
            let [side, start, end, term] = ["side", "start", "end", "term"].map(|k| text(group.get(k)));
            let names = ["value", "role", "side", "start", "end", "term"].map(at);
            let raw = RawMembership {
                body: (&names[0], &body),
                role: (&names[1], &role),
                side: (&names[2], &side),
                start: (&names[3], &start),
                end: (&names[4], &end),
                term: (&names[5], &term),
            };
            memberships.extend(membership(n, &raw, lookup, &mut row_errors));
        }
        match p {
            Some(p) if row_errors.is_empty() => rows.push((n, p, memberships)),
            _ => errors.extend(row_errors.into_iter().map(|e| (n, e))),
        }
    }
    finish(rows, errors, ("emails", "groups"))
}
