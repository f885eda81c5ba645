//! One error type for every handler. It knows its status, a stable code, a message in both
//! languages and the field it concerns; the `render_errors` layer turns it into the JSON body
//! `{"error":{"code","message","field"}}` for the API or the error page for people.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::error::Lang;
use domain::{FieldError, Invalid};
use store::StoreError;

#[derive(Clone, Debug)]
pub enum AppError {
    NotFound,
    MethodNotAllowed,
    /// Not signed in where that is needed.
    Unauthorized,
    Forbidden,
    /// Input that does not parse or break a rule; names the field(s).
    Invalid(Invalid),
    /// A malformed request (bad JSON, bad form encoding) before any field can be read.
    BadRequest {
        code: &'static str,
        field: Option<String>,
        sv: String,
        en: String,
    },
    Conflict(FieldError),
    /// A body over the limit of its route.
    PayloadTooLarge,
    TooManyRequests,
    /// A public form's limit per client address reached (`crate::throttle`); the form's own
    /// message, an i18n key.
    Throttled(&'static str),
    CsrfRejected,
    /// Logged with its request id; the user sees only the id.
    Internal(String),
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::CsrfRejected => StatusCode::FORBIDDEN,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooManyRequests | AppError::Throttled(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::MethodNotAllowed => "method_not_allowed",
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::CsrfRejected => "csrf_rejected",
            AppError::Invalid(i) => i.first().code,
            AppError::BadRequest { code, .. } => code,
            AppError::Conflict(e) => e.code,
            AppError::PayloadTooLarge => "body_too_large",
            AppError::TooManyRequests | AppError::Throttled(_) => "too_many_requests",
            AppError::Internal(_) => "internal",
        }
    }

    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::Invalid(i) => Some(&i.first().field),
            AppError::Conflict(e) => Some(&e.field),
            AppError::BadRequest { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let (sv, en): (&str, &str) = match self {
            AppError::NotFound => ("Sidan eller posten finns inte.", "The page or record does not exist."),
            AppError::MethodNotAllowed => {
                ("Adressen tar inte emot den metoden.", "The address does not accept that method.")
            }
            AppError::Unauthorized => ("Du behöver logga in.", "You need to sign in."),
            AppError::Forbidden => ("Du har inte behörighet till detta.", "You are not allowed to do this."),
            AppError::CsrfRejected => (
                "Formuläret kunde inte kontrolleras (det kan vara för gammalt). Ladda om sidan och försök igen.",
                "The form could not be verified (it may be too old). Reload the page and try again.",
            ),
            AppError::Invalid(i) => return i.first().message(lang).to_string(),
            AppError::BadRequest { sv, en, .. } => (sv, en),
            AppError::Conflict(e) => return e.message(lang).to_string(),
            AppError::Throttled(key) => return crate::i18n::text(lang, key).to_string(),
            AppError::PayloadTooLarge => (
                "Det du skickade är för stort (högst 1 MiB, bilagor högst 25 MiB).",
                "What you sent is too large (at most 1 MiB, attachments at most 25 MiB).",
            ),
            AppError::TooManyRequests => (
                "För många misslyckade inloggningsförsök. Vänta en kvart och försök igen.",
                "Too many failed sign-in attempts. Wait fifteen minutes and try again.",
            ),
            AppError::Internal(_) => (
                "Ett internt fel inträffade. Inget av det du skrev har sparats halvvägs.",
                "An internal error occurred. Nothing you entered was half-saved.",
            ),
        };
        match lang {
            Lang::Sv => sv.to_string(),
            Lang::En => en.to_string(),
        }
    }

    pub fn bad_json(field: Option<String>, sv: String, en: String) -> AppError {
        AppError::BadRequest { code: "invalid_json", field, sv, en }
    }

    /// The error a framework rejection stands for (axum answers those in plain text: a body over
    /// the limit, a path segment that is not UTF-8, a malformed request), so that it reaches the
    /// client in the product's format like every other error (issue 8, hole 10).
    pub fn from_rejection(status: StatusCode) -> AppError {
        match status {
            StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
            StatusCode::NOT_FOUND => AppError::NotFound,
            StatusCode::METHOD_NOT_ALLOWED => AppError::MethodNotAllowed,
            s if s.is_server_error() => AppError::Internal(format!("framework rejection {s}")),
            _ => AppError::BadRequest {
                code: "bad_request",
                field: None,
                sv: "Begäran kunde inte läsas.".into(),
                en: "The request could not be read.".into(),
            },
        }
    }
}

impl From<Invalid> for AppError {
    fn from(i: Invalid) -> Self {
        AppError::Invalid(i)
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::Invalid(Invalid::one(e))
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Invalid(i) => AppError::Invalid(i),
            StoreError::Conflict(field) => AppError::Conflict(FieldError::new(
                field,
                "already_exists",
                "Det finns redan en post med detta värde.",
                "A record with this value already exists.",
            )),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for AppError {
    /// The body is filled in by `render_errors`, which knows the caller's language and whether it
    /// asked for JSON; here the error only travels in the response's extensions.
    fn into_response(self) -> Response {
        let mut r = self.status().into_response();
        r.extensions_mut().insert(self);
        r
    }
}

pub type AppResult<T> = Result<T, AppError>;
