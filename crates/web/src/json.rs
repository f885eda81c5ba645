//! Reading JSON request bodies field by field, so that bad JSON, unknown fields and wrong types
//! each get a 4xx that names the field — never a 500 and never a partial write.

use axum::body::Bytes;
use axum::http::HeaderMap;
use domain::FieldError;
use domain::error::Errors;
use serde_json::{Map, Value};

use crate::error::{AppError, AppResult};

pub struct JsonInput {
    map: Map<String, Value>,
    errors: Errors,
}

fn type_error(field: &str, sv: &str, en: &str) -> FieldError {
    FieldError::new(field, "wrong_type", format!("Fältet ska vara {sv}."), format!("The field must be {en}."))
}

/// Whether a NUL character stands in any string of the value, keys included.
fn has_nul(v: &Value) -> bool {
    match v {
        Value::String(s) => s.contains('\0'),
        Value::Array(a) => a.iter().any(has_nul),
        Value::Object(m) => m.iter().any(|(k, v)| k.contains('\0') || has_nul(v)),
        _ => false,
    }
}

impl JsonInput {
    /// Parses an object whose fields are all among `allowed`.
    pub fn parse(headers: &HeaderMap, body: &Bytes, allowed: &[&str]) -> AppResult<JsonInput> {
        let is_json = headers
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        if !is_json {
            return Err(AppError::BadRequest {
                code: "unsupported_media_type",
                field: None,
                sv: "Skicka JSON med Content-Type: application/json.".into(),
                en: "Send JSON with Content-Type: application/json.".into(),
            });
        }
        let value: Value = serde_json::from_slice(body).map_err(|e| {
            AppError::bad_json(
                None,
                format!("Ogiltig JSON (rad {}, kolumn {}).", e.line(), e.column()),
                format!("Invalid JSON (line {}, column {}).", e.line(), e.column()),
            )
        })?;
        let Value::Object(map) = value else {
            return Err(AppError::bad_json(None, "Skicka ett JSON-objekt.".into(), "Send a JSON object.".into()));
        };
        JsonInput::object(map, allowed)
    }

    /// An object read otherwise (the text parts of a multipart body), checked as `parse` checks
    /// a body's: every field among `allowed`, no NUL.
    pub fn object(map: Map<String, Value>, allowed: &[&str]) -> AppResult<JsonInput> {
        if let Some(unknown) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(AppError::BadRequest {
                code: "unknown_field",
                field: Some(unknown.clone()),
                sv: format!("Okänt fält ”{unknown}”. Tillåtna fält: {}.", allowed.join(", ")),
                en: format!("Unknown field “{unknown}”. Allowed fields: {}.", allowed.join(", ")),
            });
        }
        for (field, v) in &map {
            crate::forms::refuse_nul([(field.as_str(), if has_nul(v) { "\0" } else { "" })])?;
        }
        Ok(JsonInput { map, errors: Errors::new() })
    }

    /// A body of the one text field `field` and nothing else: its text ("" when missing).
    pub fn one_str(headers: &HeaderMap, body: &Bytes, field: &str) -> AppResult<String> {
        let mut j = JsonInput::parse(headers, body, &[field])?;
        let text = j.str(field);
        j.finish()?;
        Ok(text)
    }

    /// A string field; missing or null reads as empty (the domain decides if it is required).
    pub fn str(&mut self, field: &str) -> String {
        match self.map.get(field) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(_) => {
                self.errors.push(type_error(field, "en sträng", "a string"));
                String::new()
            }
        }
    }

    /// An optional integer id.
    pub fn id(&mut self, field: &str) -> Option<i64> {
        match self.map.get(field) {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) if n.as_i64().is_some_and(|v| v > 0) => n.as_i64(),
            Some(_) => {
                self.errors.push(type_error(field, "ett positivt heltal", "a positive integer"));
                None
            }
        }
    }

    /// An optional boolean.
    pub fn bool(&mut self, field: &str) -> Option<bool> {
        match self.map.get(field) {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => {
                self.errors.push(type_error(field, "true eller false", "true or false"));
                None
            }
        }
    }

    /// An optional integer (of any sign).
    pub fn int(&mut self, field: &str) -> Option<i64> {
        match self.map.get(field) {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) if n.as_i64().is_some() => n.as_i64(),
            Some(_) => {
                self.errors.push(type_error(field, "ett heltal", "an integer"));
                None
            }
        }
    }

    /// A list of strings; missing or null is empty.
    pub fn strings(&mut self, field: &str) -> Vec<String> {
        match self.map.get(field) {
            None | Some(Value::Null) => vec![],
            Some(Value::Array(a)) if a.iter().all(Value::is_string) => {
                a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()
            }
            Some(_) => {
                self.errors.push(type_error(field, "en lista med strängar", "a list of strings"));
                vec![]
            }
        }
    }

    /// A list of positive integer ids; missing or null is empty.
    pub fn ids(&mut self, field: &str) -> Vec<i64> {
        match self.map.get(field) {
            None | Some(Value::Null) => vec![],
            Some(Value::Array(a)) if a.iter().all(|v| v.as_i64().is_some_and(|i| i > 0)) => {
                a.iter().filter_map(Value::as_i64).collect()
            }
            Some(_) => {
                self.errors.push(type_error(field, "en lista med positiva heltal", "a list of positive integers"));
                vec![]
            }
        }
    }

    /// The field's JSON as it is, for values with their own parser.
    /// Whether the body names `field` at all (a `null` included), for partial updates.
    pub fn has(&self, field: &str) -> bool {
        self.map.contains_key(field)
    }

    pub fn raw(&mut self, field: &str) -> Option<Value> {
        self.map.get(field).filter(|v| !v.is_null()).cloned()
    }

    /// Type errors found while reading, as one `Invalid`.
    pub fn finish(self) -> AppResult<()> {
        self.errors.finish(|| ()).map_err(AppError::Invalid)
    }
}

/// The `Idempotency-Key` header of a create: a retry with the same key returns the first result.
/// The store refuses a key it would not keep (too long).
pub fn idempotency_key(headers: &HeaderMap) -> Option<&str> {
    headers.get("idempotency-key").and_then(|v| v.to_str().ok()).filter(|k| !k.is_empty())
}
