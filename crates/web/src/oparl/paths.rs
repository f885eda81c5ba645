//! The objects a route names, loaded by their id: a handler receives the row itself, and a
//! missing or malformed id is a 404 in OParl's error format (the layer renders it, see
//! [`error_response`]).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::*;

/// A region or municipality (an OParl Body).
pub(super) struct PartyPath(pub(super) BodyRow);
crate::path_entity!(PartyPath, "id", |app, id| app.store.oparl_body(id).await);

/// A consultation body (an OParl Organization).
pub(super) struct OrganizationPath(pub(super) OrganizationRow);
crate::path_entity!(OrganizationPath, "id", |app, id| app.store.oparl_organization(id).await);

pub(super) struct PersonPath(pub(super) PersonRow);
crate::path_entity!(PersonPath, "id", |app, id| app.store.oparl_person(id).await);

pub(super) struct MembershipPath(pub(super) MembershipRow);
crate::path_entity!(MembershipPath, "id", |app, id| app.store.oparl_membership(id).await);

pub(super) struct MeetingPath(pub(super) MeetingRow);
crate::path_entity!(MeetingPath, "id", |app, id| app.store.oparl_meeting(id).await);

pub(super) struct AgendaItemPath(pub(super) AgendaItemRow);
crate::path_entity!(AgendaItemPath, "id", |app, id| app.store.oparl_agenda_item(id).await);

/// A registered case (an OParl Paper).
pub(super) struct PaperPath(pub(super) PaperRow);
crate::path_entity!(PaperPath, "id", |app, id| app.store.oparl_paper(id).await);

/// A case's handling in an agenda item (an OParl Consultation), by the agenda item's id.
pub(super) struct ConsultationPath(pub(super) ConsultationRow);
crate::path_entity!(ConsultationPath, "id", |app, id| app.store.oparl_consultation(id).await);

pub(super) struct FilePath(pub(super) FileRow);
crate::path_entity!(FilePath, "id", |app, id| app.store.oparl_file(id).await);

/// A published term of office, named by its first year (`/legislative-term/2023`).
pub(super) struct TermPath(pub(super) Term);

impl FromRequestParts<App> for TermPath {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, AppError> {
        let year: i32 = crate::extract::path_id::<i64>(parts, "id")
            .await
            .and_then(|y| i32::try_from(y).map_err(|_| AppError::NotFound))?;
        published_terms(app.store.today())
            .into_iter()
            .find(|t| t.start_year() == year)
            .map(TermPath)
            .ok_or(AppError::NotFound)
    }
}
