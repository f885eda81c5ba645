//! Deleting an indicator (the region's strategy owners): the operation, the confirmation page
//! that says what goes with it (its values, their history, its links from the strategy and the
//! action plans), the form post and the API call.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::error::Lang;
use store::indicators::{Indicator, IndicatorUsage};

use super::IndicatorPath;
use crate::App;
use crate::context::Ctx;
use crate::error::AppResult;
use crate::pages::{Chrome, DeletePage, render};

/// The operation: an owner deletes the indicator with its values and history (ADR 57); the
/// strategy nodes and activities lose their link to it.
pub async fn delete(app: &App, ctx: &Ctx, i: &Indicator) -> AppResult<()> {
    super::require_owner(ctx)?;
    Ok(app.store.delete_indicator(i.id, &ctx.actor()).await?)
}

/// One sentence per kind of thing that goes with the indicator, leaving out what it has none of.
fn consequences(lang: Lang, u: &IndicatorUsage) -> Vec<String> {
    [
        (u.values, "indicators.delete_values"),
        (u.history, "indicators.delete_history"),
        (u.nodes, "indicators.delete_nodes"),
        (u.activities, "indicators.delete_activities"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, key)| crate::i18n::text(lang, key).replace("{n}", &n.to_string()))
    .collect()
}

pub async fn confirm(State(app): State<App>, ctx: Ctx, IndicatorPath(i): IndicatorPath) -> AppResult<Response> {
    super::require_owner(&ctx)?;
    let usage = app.store.indicator_usage(i.id).await?;
    let p = Chrome::new(&ctx, format!("{} {}", crate::i18n::text(ctx.lang, "form.delete"), i.title));
    let (action, cancel) = (format!("/indikatorer/{}/ta-bort", i.id), format!("/indikatorer/{}", i.id));
    let consequences = consequences(ctx.lang, &usage);
    Ok(render(&DeletePage { p, name: i.title, action, cancel, consequences })?.into_response())
}

pub async fn form_post(State(app): State<App>, ctx: Ctx, IndicatorPath(i): IndicatorPath) -> AppResult<Response> {
    delete(&app, &ctx, &i).await?;
    Ok(Redirect::to("/indikatorer?klart=borttaget").into_response())
}

pub async fn api(State(app): State<App>, ctx: Ctx, IndicatorPath(i): IndicatorPath) -> AppResult<Response> {
    delete(&app, &ctx, &i).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_confirmation_names_only_what_goes() {
        let u = IndicatorUsage { values: 1200, history: 0, nodes: 2, activities: 0 };
        let c = consequences(Lang::Sv, &u);
        assert_eq!(c.len(), 2);
        assert!(c[0].contains("1200") && c[1].contains('2'), "{c:?}");
        assert!(consequences(Lang::En, &IndicatorUsage::default()).is_empty());
    }
}
