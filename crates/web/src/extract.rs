//! Typed path extractors: a capability's `…Path` type parses its id from the route and loads the
//! entity, so handlers receive the thing itself and a missing or malformed id is a 404 in the
//! caller's format (the JSON error body or the error page), never a hand-parsed `String`.
//!
//! ```ignore
//! pub struct OrganisationPath(pub Organisation);
//! crate::path_entity!(OrganisationPath, "id", |app, id| app.store.organisation(id).await);
//! ```

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;

use crate::error::{AppError, AppResult};

/// The positive integer id in the route's parameter `name`; anything else is not found.
pub async fn path_id<T: From<i64>>(parts: &mut Parts, name: &str) -> AppResult<T> {
    let params = RawPathParams::from_request_parts(parts, &()).await.map_err(|_| AppError::NotFound)?;
    let raw = params.iter().find(|(k, _)| *k == name).map(|(_, v)| v).ok_or(AppError::NotFound)?;
    crate::forms::id(raw)
}

/// Defines a path extractor `$name(pub Entity)` for `State<App>` routers: it reads the id in
/// the route parameter `$param`, loads the entity with `$load` (`Result<Option<Entity>, _>`)
/// and answers 404 when there is none.
#[macro_export]
macro_rules! path_entity {
    ($name:ident, $param:literal, |$app:ident, $id:ident| $load:expr) => {
        impl axum::extract::FromRequestParts<$crate::App> for $name {
            type Rejection = $crate::error::AppError;

            async fn from_request_parts(
                parts: &mut axum::http::request::Parts,
                $app: &$crate::App,
            ) -> Result<Self, Self::Rejection> {
                let $id = $crate::extract::path_id(parts, $param).await?;
                let found = $load?;
                found.map($name).ok_or($crate::error::AppError::NotFound)
            }
        }
    };
}
