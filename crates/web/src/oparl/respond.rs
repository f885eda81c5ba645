//! Answers in OParl's format: JSON with CORS, OParl error objects that also carry the API's
//! `{"error": …}`, RFC 3339 times, and the object builder `Obj`.

use super::*;

pub(super) fn json_response(status: StatusCode, v: &Value) -> Response {
    let body = serde_json::to_vec(v).unwrap_or_default();
    let mut r = (status, body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    r
}

/// The answer, or the error (rendered by the layer with [`error_response`]).
pub(super) fn respond(result: AppResult<Value>) -> Response {
    match result {
        Ok(v) => json_response(StatusCode::OK, &v),
        Err(err) => err.into_response(),
    }
}

/// An error under `/oparl`: an OParl error object that is also the API's usual error body,
/// with the CORS header every OParl answer carries. `reference` is an internal error's log
/// reference.
pub(crate) fn error_response(err: &AppError, lang: Lang, reference: Option<&str>) -> Response {
    let message = err.message(lang);
    let mut body = json!({
        "type": format!("{SCHEMA}Error"),
        "message": message,
        "error": {"code": err.code(), "message": message, "field": err.field()},
    });
    if let Some(r) = reference {
        body["error"]["reference"] = json!(r);
    }
    json_response(err.status(), &body)
}

pub(super) fn bad_parameter(name: &str, sv: &str, en: &str) -> AppError {
    AppError::BadRequest {
        code: "invalid_parameter",
        field: Some(name.to_string()),
        sv: format!("Parametern {name}: {sv}"),
        en: format!("Parameter {name}: {en}"),
    }
}

/// OParl 1.1 § 2.4's date-time: `yyyy-mm-ddThh:mm:ss±hh:mm`, whole seconds (the fraction is
/// cut, so a `modified_since` built from a printed time still includes the object), in Swedish
/// local time with the offset of that instant (+01:00 in winter, +02:00 in summer), never `Z`.
pub(super) fn time_text(t: OffsetDateTime) -> String {
    let local = t.to_offset(domain::meetings::calendar::stockholm_offset(t));
    let whole = local.replace_nanosecond(0).unwrap_or(local);
    whole.format(OPARL_TIME).unwrap_or_default()
}

/// The one format of every date-time the interface writes.
const OPARL_TIME: &[time::format_description::BorrowedFormatItem<'static>] = time::macros::format_description!(
    "[year]-[month]-[day]T[hour]:[minute]:[second][offset_hour sign:mandatory]:[offset_minute]"
);

/// An OParl object under construction; absent values are left out rather than written as null.
pub(super) struct Obj(pub(super) Map<String, Value>);

impl Obj {
    pub(super) fn new(id: String, kind: &str) -> Obj {
        let mut m = Map::new();
        m.insert("id".into(), Value::String(id));
        m.insert("type".into(), Value::String(format!("{SCHEMA}{kind}")));
        Obj(m)
    }

    pub(super) fn set(mut self, key: &str, v: impl Into<Value>) -> Obj {
        self.0.insert(key.into(), v.into());
        self
    }

    pub(super) fn opt<T: Into<Value>>(self, key: &str, v: Option<T>) -> Obj {
        match v {
            Some(v) => self.set(key, v),
            None => self,
        }
    }

    pub(super) fn times(self, created: OffsetDateTime, modified: OffsetDateTime) -> Obj {
        self.set("created", time_text(created)).set("modified", time_text(modified))
    }

    pub(super) fn done(self) -> Value {
        Value::Object(self.0)
    }
}
