//! The handlers of every route: load, build, respond.

use super::*;

pub(super) async fn root() -> Response {
    Redirect::permanent(&format!("{PREFIX}/system")).into_response()
}

pub(super) async fn not_found() -> Response {
    AppError::NotFound.into_response()
}

pub(super) async fn method_not_allowed() -> Response {
    AppError::MethodNotAllowed.into_response()
}

pub(super) async fn system(State(app): State<App>) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let epoch = app.store.oparl_epoch().await?;
        Ok(Obj::new(u.system(), "System")
            .set("oparlVersion", SCHEMA)
            .set("name", app.brand.get(&app.store).await.name.clone())
            .set("body", format!("{}/body", u.api))
            .opt("contactEmail", Some(app.config.contact_email.clone()).filter(|e| !e.is_empty()))
            .set("website", u.web("/"))
            .set("web", u.web("/"))
            .times(epoch, epoch)
            .done())
    }
    .await;
    respond(result)
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
    respond(result)
}

pub(super) async fn body(State(app): State<App>, PartyPath(b): PartyPath) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let epoch = app.store.oparl_epoch().await?;
        let terms: Vec<Value> =
            published_terms(app.store.today()).into_iter().map(|t| term_json(&u, t, epoch)).collect();
        Ok(body_json(&u, &b, Some(&terms)))
    }
    .await;
    respond(result)
}

pub(super) async fn body_organizations(State(app): State<App>, ctx: Ctx, PartyPath(b): PartyPath) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        organizations_page(&app, &u, &q, Some(b.id), &format!("{}/organization", u.body(b.id))).await
    }
    .await;
    respond(result)
}

pub(super) async fn body_people(State(app): State<App>, ctx: Ctx, PartyPath(b): PartyPath) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        people_page(&app, &ctx, &u, &q, Some(b.id), &format!("{}/person", u.body(b.id))).await
    }
    .await;
    respond(result)
}

pub(super) async fn body_memberships(State(app): State<App>, ctx: Ctx, PartyPath(b): PartyPath) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        memberships_page(&app, &u, &q, Some(b.id), &format!("{}/membership", u.body(b.id))).await
    }
    .await;
    respond(result)
}

pub(super) async fn body_meetings(State(app): State<App>, ctx: Ctx, PartyPath(b): PartyPath) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        meetings_page(&app, &u, &q, Some(b.id), &format!("{}/meeting", u.body(b.id))).await
    }
    .await;
    respond(result)
}

pub(super) async fn meetings(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        meetings_page(&app, &u, &q, None, &format!("{}/meeting", u.api)).await
    }
    .await;
    respond(result)
}

pub(super) async fn meeting(State(app): State<App>, MeetingPath(m): MeetingPath) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let all = Keyset { after: None, limit: MAX_LIMIT };
        let items = app.store.oparl_agenda_items(Some(m.id), &TimeWindow::default(), all).await?.items;
        let files = app.store.oparl_files(Some(m.id), &TimeWindow::default(), all).await?.items;
        Ok(meeting_json(&u, &m, &items, &files))
    }
    .await;
    respond(result)
}

pub(super) async fn meeting_items(State(app): State<App>, ctx: Ctx, MeetingPath(m): MeetingPath) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        let s = app.store.oparl_agenda_items(Some(m.id), &q.window, q.keyset).await?;
        Ok(q.slice_page(&format!("{}/agenda-item", u.meeting(m.id)), s, |i| i.id, |i| agenda_item_json(&u, i, false)))
    }
    .await;
    respond(result)
}

pub(super) async fn agenda_items(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        let s = app.store.oparl_agenda_items(None, &q.window, q.keyset).await?;
        Ok(q.slice_page(&format!("{}/agenda-item", u.api), s, |i| i.id, |i| agenda_item_json(&u, i, false)))
    }
    .await;
    respond(result)
}

pub(super) async fn agenda_item(State(app): State<App>, AgendaItemPath(i): AgendaItemPath) -> Response {
    let u = Urls::of(&app);
    let result = async { Ok(agenda_item_json(&u, &i, false)) }.await;
    respond(result)
}

pub(super) async fn files(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        let s = app.store.oparl_files(None, &q.window, q.keyset).await?;
        Ok(q.slice_page(&format!("{}/file", u.api), s, |f| f.id, |f| file_json(&u, f, false)))
    }
    .await;
    respond(result)
}

pub(super) async fn file(State(app): State<App>, FilePath(f): FilePath) -> Response {
    let u = Urls::of(&app);
    let result = async { Ok(file_json(&u, &f, false)) }.await;
    respond(result)
}

pub(super) async fn body_terms(State(app): State<App>, ctx: Ctx, PartyPath(b): PartyPath) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        terms_page(&app, &u, &q, &format!("{}/legislative-term", u.body(b.id))).await
    }
    .await;
    respond(result)
}

/// A Body's `paper` list: the cases registered in its registry (issue 11).
pub(super) async fn body_papers(State(app): State<App>, ctx: Ctx, PartyPath(b): PartyPath) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        papers_page(&app, &u, &q, Some(b.id), &format!("{}/paper", u.body(b.id))).await
    }
    .await;
    respond(result)
}

pub(super) async fn papers(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        papers_page(&app, &u, &q, None, &format!("{}/paper", u.api)).await
    }
    .await;
    respond(result)
}

pub(super) async fn paper(State(app): State<App>, PaperPath(c): PaperPath) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let consultations = app.store.oparl_case_consultations(&[c.id]).await?.remove(&c.id).unwrap_or_default();
        Ok(paper_json(&u, &c, Some(&consultations)))
    }
    .await;
    respond(result)
}

/// A Body's `consultation` list: the handling of the cases in its registry.
pub(super) async fn body_consultations(State(app): State<App>, ctx: Ctx, PartyPath(b): PartyPath) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        consultations_page(&app, &u, &q, Some(b.id), &format!("{}/consultation", u.body(b.id))).await
    }
    .await;
    respond(result)
}

pub(super) async fn consultations(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        consultations_page(&app, &u, &q, None, &format!("{}/consultation", u.api)).await
    }
    .await;
    respond(result)
}

pub(super) async fn consultation(State(app): State<App>, ConsultationPath(k): ConsultationPath) -> Response {
    respond(Ok(consultation_json(&Urls::of(&app), &k, false)))
}

/// A Body's `agendaItem` list: the items of the meetings of the bodies behind it.
pub(super) async fn body_agenda_items(State(app): State<App>, ctx: Ctx, PartyPath(b): PartyPath) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        let s = app.store.oparl_body_agenda_items(b.id, &q.window, q.keyset).await?;
        let url = format!("{}/agenda-item", u.body(b.id));
        Ok(q.slice_page(&url, s, |i| i.id, |i| agenda_item_json(&u, i, false)))
    }
    .await;
    respond(result)
}

/// A Body's `file` list: the files of the meetings of the bodies behind it.
pub(super) async fn body_files(State(app): State<App>, ctx: Ctx, PartyPath(b): PartyPath) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        let s = app.store.oparl_body_files(b.id, &q.window, q.keyset).await?;
        Ok(q.slice_page(&format!("{}/file", u.body(b.id)), s, |f| f.id, |f| file_json(&u, f, false)))
    }
    .await;
    respond(result)
}

pub(super) async fn organizations(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        organizations_page(&app, &u, &q, None, &format!("{}/organization", u.api)).await
    }
    .await;
    respond(result)
}

pub(super) async fn organization(State(app): State<App>, OrganizationPath(b): OrganizationPath) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let bodies = app.store.oparl_bodies_behind(&[b.id]).await?;
        let memberships = app.store.oparl_membership_ids(&[b.id]).await?;
        let none = Vec::new();
        Ok(organization_json(&u, &b, bodies.get(&b.id).unwrap_or(&none), memberships.get(&b.id).unwrap_or(&none)))
    }
    .await;
    respond(result)
}

pub(super) async fn people(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        people_page(&app, &ctx, &u, &q, None, &format!("{}/person", u.api)).await
    }
    .await;
    respond(result)
}

pub(super) async fn person(State(app): State<App>, ctx: Ctx, PersonPath(p): PersonPath) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let ms = app.store.oparl_person_memberships(&[p.id]).await?.remove(&p.id).unwrap_or_default();
        Ok(person_json(&u, &p, Some(&ms), ctx.signed_in()))
    }
    .await;
    respond(result)
}

pub(super) async fn memberships(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        memberships_page(&app, &u, &q, None, &format!("{}/membership", u.api)).await
    }
    .await;
    respond(result)
}

pub(super) async fn membership(State(app): State<App>, MembershipPath(m): MembershipPath) -> Response {
    let u = Urls::of(&app);
    let result = async { Ok(membership_json(&u, &m, false)) }.await;
    respond(result)
}

pub(super) async fn terms(State(app): State<App>, ctx: Ctx) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let q = ListQuery::parse(&ctx.query)?;
        terms_page(&app, &u, &q, &format!("{}/legislative-term", u.api)).await
    }
    .await;
    respond(result)
}

pub(super) async fn term(State(app): State<App>, TermPath(t): TermPath) -> Response {
    let u = Urls::of(&app);
    let result = async {
        let epoch = app.store.oparl_epoch().await?;
        Ok(term_json(&u, t, epoch))
    }
    .await;
    respond(result)
}
