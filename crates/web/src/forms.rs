//! Form posts read into plain string fields, so that any value can be shown again next to its
//! error; a body that is not a form at all is a 400 in the site's own error format.

use axum::extract::{FromRequest, Request};
use serde::de::DeserializeOwned;

use crate::error::AppError;

pub struct Input<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Input<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
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

/// Parses a path id; anything that is not a positive number is simply not found.
pub fn id<T: From<i64>>(s: &str) -> Result<T, AppError> {
    s.parse::<i64>().ok().filter(|v| *v > 0).map(T::from).ok_or(AppError::NotFound)
}

/// A form as its (name, value) pairs in order, for forms with repeated names (check boxes).
pub struct Pairs(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequest<S> for Pairs {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let body = axum::body::Bytes::from_request(req, state).await.map_err(|_| AppError::BadRequest {
            code: "invalid_form",
            field: None,
            sv: "Formuläret kunde inte läsas.".into(),
            en: "The form could not be read.".into(),
        })?;
        let text = String::from_utf8_lossy(&body);
        Ok(Pairs(
            text.split('&')
                .filter(|kv| !kv.is_empty())
                .map(|kv| {
                    let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                    (crate::pages::url_decode(k), crate::pages::url_decode(v))
                })
                .collect(),
        ))
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
