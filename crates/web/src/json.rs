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
        if let Some(unknown) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(AppError::BadRequest {
                code: "unknown_field",
                field: Some(unknown.clone()),
                sv: format!("Okänt fält ”{unknown}”. Tillåtna fält: {}.", allowed.join(", ")),
                en: format!("Unknown field “{unknown}”. Allowed fields: {}.", allowed.join(", ")),
            });
        }
        Ok(JsonInput { map, errors: Errors::new() })
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

    /// Type errors found while reading, as one `Invalid`.
    pub fn finish(self) -> AppResult<()> {
        self.errors.finish(|| ()).map_err(AppError::Invalid)
    }
}
