//! The paged lists, from the store's slices to OParl's list object.

use super::*;

pub(super) async fn organizations_page(
    app: &App,
    u: &Urls,
    q: &ListQuery,
    behind: Option<i64>,
    url: &str,
) -> AppResult<Value> {
    let s = app.store.oparl_organizations(behind, &q.window, q.keyset).await?;
    let ids: Vec<i64> = s.items.iter().map(|b| b.id).collect();
    let bodies = app.store.oparl_bodies_behind(&ids).await?;
    let memberships = app.store.oparl_membership_ids(&ids).await?;
    Ok(q.slice_page(
        url,
        s,
        |b| b.id,
        |b| {
            let none = Vec::new();
            organization_json(u, b, bodies.get(&b.id).unwrap_or(&none), memberships.get(&b.id).unwrap_or(&none))
        },
    ))
}

pub(super) async fn people_page(
    app: &App,
    ctx: &Ctx,
    u: &Urls,
    q: &ListQuery,
    of: Option<i64>,
    url: &str,
) -> AppResult<Value> {
    let s = app.store.oparl_people(of, &q.window, q.keyset).await?;
    let ids: Vec<i64> = s.items.iter().map(|p| p.id).collect();
    let memberships =
        if q.omit_internal { Default::default() } else { app.store.oparl_person_memberships(&ids).await? };
    let omit = q.omit_internal;
    Ok(q.slice_page(
        url,
        s,
        |p| p.id,
        |p| {
            let ms = embedded(omit, &memberships, p.id);
            person_json(u, p, ms, ctx.signed_in())
        },
    ))
}

pub(super) async fn memberships_page(
    app: &App,
    u: &Urls,
    q: &ListQuery,
    of: Option<i64>,
    url: &str,
) -> AppResult<Value> {
    let s = app.store.oparl_memberships(of, &q.window, q.keyset).await?;
    Ok(q.slice_page(url, s, |m| m.id, |m| membership_json(u, m, false)))
}

pub(super) async fn terms_page(app: &App, u: &Urls, q: &ListQuery, url: &str) -> AppResult<Value> {
    let epoch = app.store.oparl_epoch().await?;
    let items = published_terms(app.store.today())
        .into_iter()
        .map(|t| (i64::from(t.start_year()), epoch, epoch, term_json(u, t, epoch)))
        .collect();
    Ok(q.memory_page(url, items))
}

/// The objects embedded in the object `id`, unless `omit_internal` leaves them out.
pub(super) fn embedded<T>(omit: bool, all: &std::collections::HashMap<i64, Vec<T>>, id: i64) -> Option<&[T]> {
    (!omit).then(|| all.get(&id).map_or(&[][..], Vec::as_slice))
}
