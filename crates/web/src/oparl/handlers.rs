//! The handlers of every route: load, build, respond.

use super::*;

pub(super) async fn root() -> Response {
    Redirect::permanent(&format!("{PREFIX}/system")).into_response()
}

pub(super) async fn not_found(ctx: Ctx) -> Response {
    respond(&ctx, Err(AppError::NotFound))
}

pub(super) async fn method_not_allowed(ctx: Ctx) -> Response {
    respond(&ctx, Err(AppError::MethodNotAllowed))
}

pub(super) async fn system(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let epoch = app.store.oparl_epoch().await?;
        Ok(Obj::new(u.system(), "System")
            .set("oparlVersion", SCHEMA)
            .set("name", crate::i18n::text(domain::error::Lang::Sv, "site.name"))
            .set("body", format!("{}/body", u.api))
            .opt("contactEmail", Some(app.config.contact_email.clone()).filter(|e| !e.is_empty()))
            .set("website", u.web("/"))
            .set("web", u.web("/"))
            .times(epoch, epoch)
            .done())
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn bodies(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        let s = app.store.oparl_bodies(&q.window, q.keyset).await?;
        let terms = if q.omit_internal {
            None
        } else {
            let epoch = app.store.oparl_epoch().await?;
            Some(published_terms(app.store.today()).into_iter().map(|t| term_json(&u, t, epoch)).collect::<Vec<_>>())
        };
        Ok(q.slice_page(&format!("{}/body", u.api), s, |b| b.id, |b| body_json(&u, b, terms.as_deref())))
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn body(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let b = party(&app, &raw).await?;
        let epoch = app.store.oparl_epoch().await?;
        let terms: Vec<Value> =
            published_terms(app.store.today()).into_iter().map(|t| term_json(&u, t, epoch)).collect();
        Ok(body_json(&u, &b, Some(&terms)))
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn body_organizations(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let b = party(&app, &raw).await?;
        let q = ListQuery::parse(&ctx.query)?;
        organizations_page(&app, &u, &q, Some(b.id), &format!("{}/organization", u.body(b.id))).await
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn body_people(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let b = party(&app, &raw).await?;
        let q = ListQuery::parse(&ctx.query)?;
        people_page(&app, &ctx, &u, &q, Some(b.id), &format!("{}/person", u.body(b.id))).await
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn body_memberships(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let b = party(&app, &raw).await?;
        let q = ListQuery::parse(&ctx.query)?;
        memberships_page(&app, &u, &q, Some(b.id), &format!("{}/membership", u.body(b.id))).await
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn body_meetings(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let b = party(&app, &raw).await?;
        let q = ListQuery::parse(&ctx.query)?;
        meetings_page(&app, &u, &q, Some(b.id), &format!("{}/meeting", u.body(b.id))).await
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn meetings(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        meetings_page(&app, &u, &q, None, &format!("{}/meeting", u.api)).await
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn meeting(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let m = app.store.oparl_meeting(path_id(&raw)?).await?.ok_or(AppError::NotFound)?;
        let all = Keyset { after: None, limit: MAX_LIMIT };
        let items = app.store.oparl_agenda_items(Some(m.id), &TimeWindow::default(), all).await?.items;
        let files = app.store.oparl_files(Some(m.id), &TimeWindow::default(), all).await?.items;
        Ok(meeting_json(&u, &m, &items, &files))
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn meeting_items(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let m = app.store.oparl_meeting(path_id(&raw)?).await?.ok_or(AppError::NotFound)?;
        let q = ListQuery::parse(&ctx.query)?;
        let s = app.store.oparl_agenda_items(Some(m.id), &q.window, q.keyset).await?;
        Ok(q.slice_page(&format!("{}/agenda-item", u.meeting(m.id)), s, |i| i.id, |i| agenda_item_json(&u, i, false)))
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn agenda_items(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        let s = app.store.oparl_agenda_items(None, &q.window, q.keyset).await?;
        Ok(q.slice_page(&format!("{}/agenda-item", u.api), s, |i| i.id, |i| agenda_item_json(&u, i, false)))
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn agenda_item(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let i = app.store.oparl_agenda_item(path_id(&raw)?).await?.ok_or(AppError::NotFound)?;
        Ok(agenda_item_json(&u, &i, false))
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn files(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        let s = app.store.oparl_files(None, &q.window, q.keyset).await?;
        Ok(q.slice_page(&format!("{}/file", u.api), s, |f| f.id, |f| file_json(&u, f, false)))
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn file(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let f = app.store.oparl_file(path_id(&raw)?).await?.ok_or(AppError::NotFound)?;
        Ok(file_json(&u, &f, false))
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn body_terms(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let b = party(&app, &raw).await?;
        let q = ListQuery::parse(&ctx.query)?;
        terms_page(&app, &u, &q, &format!("{}/legislative-term", u.body(b.id))).await
    }
    .await;
    respond(&ctx, result)
}

/// `meeting` and `paper`: required lists of a Body, empty until Samverkan keeps them.
pub(super) async fn body_empty_list(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let b = party(&app, &raw).await?;
        let q = ListQuery::parse(&ctx.query)?;
        let list = ctx.path.rsplit('/').next().unwrap_or_default();
        Ok(q.memory_page(&format!("{}/{list}", u.body(b.id)), Vec::new()))
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn organizations(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        organizations_page(&app, &u, &q, None, &format!("{}/organization", u.api)).await
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn organization(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let b = app.store.oparl_organization(path_id(&raw)?).await?.ok_or(AppError::NotFound)?;
        let bodies = app.store.oparl_bodies_behind(&[b.id]).await?;
        let memberships = app.store.oparl_membership_ids(&[b.id]).await?;
        let none = Vec::new();
        Ok(organization_json(&u, &b, bodies.get(&b.id).unwrap_or(&none), memberships.get(&b.id).unwrap_or(&none)))
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn people(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        people_page(&app, &ctx, &u, &q, None, &format!("{}/person", u.api)).await
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn person(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let p = app.store.oparl_person(path_id(&raw)?).await?.ok_or(AppError::NotFound)?;
        let ms = app.store.oparl_person_memberships(&[p.id]).await?.remove(&p.id).unwrap_or_default();
        Ok(person_json(&u, &p, Some(&ms), ctx.signed_in()))
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn memberships(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        memberships_page(&app, &u, &q, None, &format!("{}/membership", u.api)).await
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn membership(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let m = app.store.oparl_membership(path_id(&raw)?).await?.ok_or(AppError::NotFound)?;
        Ok(membership_json(&u, &m, false))
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn terms(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        terms_page(&app, &u, &q, &format!("{}/legislative-term", u.api)).await
    }
    .await;
    respond(&ctx, result)
}

pub(super) async fn term(State(app): State<App>, ctx: Ctx, Path(raw): Path<String>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let year = i32::try_from(path_id(&raw)?).map_err(|_| AppError::NotFound)?;
        let t = published_terms(app.store.today())
            .into_iter()
            .find(|t| t.start_year() == year)
            .ok_or(AppError::NotFound)?;
        let epoch = app.store.oparl_epoch().await?;
        Ok(term_json(&u, t, epoch))
    }
    .await;
    respond(&ctx, result)
}
