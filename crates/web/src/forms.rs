//! Form posts read into plain string fields, so that any value can be shown again next to its
//! error; a body that is not a form at all is a 400 in the site's own error format.

use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

use crate::error::AppError;

pub struct Input<T>(pub T);

/// A NUL character in text the product would store or search: PostgreSQL cannot hold it in a
/// text column, and no person types it, so it is refused at the edge on both engines, naming
/// the field (issue 8, hole 8).
pub fn refuse_nul<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<(), AppError> {
    match pairs.into_iter().find(|(k, v)| k.contains('\0') || v.contains('\0')) {
        None => Ok(()),
        Some((field, _)) => Err(AppError::BadRequest {
            code: "invalid_character",
            field: Some(field.replace('\0', "")),
            sv: format!("Fältet ”{}” innehåller ett otillåtet tecken (NUL).", field.replace('\0', "")),
            en: format!("The field “{}” contains a character that is not allowed (NUL).", field.replace('\0', "")),
        }),
    }
}

/// The decoded (name, value) pairs of an `application/x-www-form-urlencoded` text.
pub fn decode_pairs(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (crate::pages::url_decode(k), crate::pages::url_decode(v))
        })
        .collect()
}

fn unreadable_form() -> AppError {
    AppError::BadRequest {
        code: "invalid_form",
        field: None,
        sv: "Formuläret kunde inte läsas.".into(),
        en: "The form could not be read.".into(),
    }
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Input<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = req.into_parts();
        let bytes = axum::body::Bytes::from_request(Request::from_parts(parts.clone(), body), state)
            .await
            .map_err(|_| unreadable_form())?;
        let pairs = decode_pairs(&String::from_utf8_lossy(&bytes));
        refuse_nul(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
        let req = Request::from_parts(parts, axum::body::Body::from(bytes));
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(v)) => Ok(Input(v)),
            Err(e) => Err(AppError::BadRequest {
                code: "invalid_form",
                field: None,
                sv: format!("Formuläret kunde inte läsas: {}", e.body_text()),
                en: format!("The form could not be read: {}", e.body_text()),
            }),
        }
    }
}

/// What a form shows again next to its fields: an operation's input errors and conflicts. Any
/// other error (not found, forbidden, internal) passes on to the error page.
pub fn reshown(e: AppError) -> Result<domain::Invalid, AppError> {
    match e {
        AppError::Invalid(i) => Ok(i),
        AppError::Conflict(f) => Ok(domain::Invalid::one(f)),
        e => Err(e),
    }
}

/// Parses a path id; anything that is not a positive number is simply not found.
pub fn id<T: From<i64>>(s: &str) -> Result<T, AppError> {
    s.parse::<i64>().ok().filter(|v| *v > 0).map(T::from).ok_or(AppError::NotFound)
}

/// A form as its (name, value) pairs in order, for forms with repeated names (check boxes).
pub struct Pairs(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequest<S> for Pairs {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let body = axum::body::Bytes::from_request(req, state).await.map_err(|_| unreadable_form())?;
        let pairs = decode_pairs(&String::from_utf8_lossy(&body));
        refuse_nul(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
        Ok(Pairs(pairs))
    }
}

impl Pairs {
    pub fn get(&self, name: &str) -> String {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
    }
}
