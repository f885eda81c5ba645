//! Choosing organisations to ask: one by its id, or every organisation of a kind in a county in
//! one step ("all municipalities of the county in one step", issues 12 and 14). Referrals choose
//! their consultees and surveys their recipients with it.

use domain::FieldError;
use domain::ids::OrganisationId;
use domain::organisations::OrganisationKind;

use crate::App;
use crate::error::AppResult;

fn field_error(field: &str, code: &'static str, sv: &str, en: &str) -> domain::Invalid {
    domain::Invalid::one(FieldError::new(field, code, sv, en))
}

/// The organisation `organisation_id` when it is given, or else every organisation of `kind`
/// in county `county`, by name. Errors name the field (`organisation_id`, `kind`, `county`).
pub async fn organisations_in(
    app: &App,
    organisation_id: &str,
    kind: &str,
    county: &str,
) -> AppResult<Vec<OrganisationId>> {
    if !organisation_id.trim().is_empty() {
        let unknown = || {
            field_error(
                "organisation_id",
                "unknown_choice",
                "Välj en organisation i registret.",
                "Choose an organisation of the register.",
            )
        };
        let o: OrganisationId = crate::forms::id(organisation_id.trim()).map_err(|_| unknown())?;
        app.store.organisation(o).await?.ok_or_else(unknown)?;
        return Ok(vec![o]);
    }
    let mut e = domain::error::Errors::new();
    let kind = e.check(OrganisationKind::parse(kind.trim()).ok_or_else(|| {
        FieldError::new("kind", "invalid_choice", "Välj en sorts organisation.", "Choose a kind of organisation.")
    }));
    let county = e.check(
        domain::reference::county(county.trim())
            .map(|c| c.code.clone())
            .ok_or_else(|| FieldError::new("county", "unknown_county", "Välj ett län.", "Choose a county.")),
    );
    e.finish(|| ())?;
    let (Some(kind), Some(county)) = (kind, county) else { return Ok(Vec::new()) };
    let ids = app.store.organisations_of_kind_in_county(kind, &county).await?;
    if ids.is_empty() {
        return Err(field_error(
            "county",
            "no_organisations",
            "Det finns inga organisationer av den sorten i länet.",
            "There are no organisations of that kind in the county.",
        )
        .into());
    }
    Ok(ids)
}
