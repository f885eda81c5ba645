//! The provider's answer at `/logga-in/oidc/svar`: the flow its state names is taken (so a
//! replayed state finds nothing), checked against this browser and its deadline, the code traded
//! for the ID token, the token's signature and claims checked; then the sign-in opens a session,
//! or the re-authentication approves the protocol it was started for. Every refusal is audited
//! and shown in words on the sign-in page (or the protocol page), never as a server error.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::identity::claims::{self, Expected};
use domain::identity::{IdClaims, Refusal};
use serde_json::json;
use store::identity::{Flow, IdentitySignIn, Reauthentication};
use store::meetings::ApprovalOutcome;
use store::{Actor, Via};
use time::OffsetDateTime;

use super::{FLOW_COOKIE, jose, provider, redirect_uri};
use crate::App;
use crate::auth::{Confirmation, Reauthenticated, open_session, same_secret, sha256_hex};
use crate::context::{Ctx, SESSION_COOKIE, cookie, set_cookie};
use crate::error::{AppError, AppResult};
use crate::forms::reshown;
use crate::meetings::{Posted, approve, approve_paragraph, back, prefixed, render_page};
use crate::pages::{query_value, safe_return};

/// A refusal, the provider it concerns and the detail for the log.
struct Refused {
    refusal: Refusal,
    provider: u32,
    detail: String,
}

fn refuse(refusal: Refusal, provider: u32, detail: impl Into<String>) -> Refused {
    Refused { refusal, provider, detail: detail.into() }
}

/// What an accepted answer completed.
enum Done {
    SignedIn { session: String, back: String },
    Approved { meeting: i64, outcome: ApprovalOutcome, paragraph: bool },
}

/// The answer's page: a redirect where the flow was going, or the refusal in words.
pub async fn page(State(app): State<App>, ctx: Ctx, headers: HeaderMap) -> AppResult<Response> {
    let browser = cookie(&headers, FLOW_COOKIE).map(str::to_string);
    let state = query_value(&ctx.query, "state").unwrap_or_default();
    let flow = if state.is_empty() { None } else { app.store.take_oidc_flow(&sha256_hex(&state)).await? };
    let mut response = match flow {
        None => {
            let detail = if state.is_empty() { "no state" } else { "a state not issued, or used already" };
            refused(&app, &ctx, 0, Refusal::UnknownState, detail, "/").await?
        }
        Some(flow) => {
            let reauthentication = flow.reauthentication.clone();
            let return_to = flow.return_to.clone();
            match complete(&app, &ctx, browser.as_deref(), flow).await {
                Ok(Done::SignedIn { session, back }) => {
                    let mut r = Redirect::to(&back).into_response();
                    let age = app.config.session_hours * 3600;
                    r.headers_mut()
                        .append(header::SET_COOKIE, set_cookie(&app, SESSION_COOKIE, &session, Some(age), "Lax"));
                    r
                }
                Ok(Done::Approved { meeting, outcome, paragraph }) => {
                    let step = match (paragraph, outcome) {
                        (true, _) => "oj",
                        (false, ApprovalOutcome::Adjusted) => "klart",
                        (false, ApprovalOutcome::Recorded) => "justerat",
                    };
                    back(domain::ids::MeetingId(meeting), step)
                }
                Err(Failed::Refused(r)) => match reauthentication {
                    Some(re) => {
                        record(&app, &ctx, &r).await?;
                        approval_refused(&app, &ctx, &re, domain::Invalid::one(r.refusal.at("password"))).await?
                    }
                    None => refused(&app, &ctx, r.provider, r.refusal, &r.detail, &return_to).await?,
                },
                // Why the approval itself could not be made (already approved, no longer out
                // for adjustment): on the protocol page, as after a password.
                Err(Failed::App(e)) => match (reauthentication, reshown(e)) {
                    (Some(re), Ok(invalid)) => approval_refused(&app, &ctx, &re, invalid).await?,
                    (_, Ok(invalid)) => return Err(AppError::Invalid(invalid)),
                    (_, Err(e)) => return Err(e),
                },
            }
        }
    };
    // The flow is over either way.
    response.headers_mut().append(header::SET_COOKIE, set_cookie(&app, FLOW_COOKIE, "", Some(0), "Lax"));
    Ok(response)
}

enum Failed {
    Refused(Refused),
    App(AppError),
}

impl From<AppError> for Failed {
    fn from(e: AppError) -> Failed {
        Failed::App(e)
    }
}

impl From<store::StoreError> for Failed {
    fn from(e: store::StoreError) -> Failed {
        Failed::App(e.into())
    }
}

impl From<Refused> for Failed {
    fn from(r: Refused) -> Failed {
        Failed::Refused(r)
    }
}

async fn complete(app: &App, ctx: &Ctx, browser: Option<&str>, flow: Flow) -> Result<Done, Failed> {
    let n = flow.provider;
    if flow.expires_at <= app.store.now() {
        return Err(refuse(Refusal::ExpiredState, n, "the flow expired").into());
    }
    if !browser.is_some_and(|b| same_secret(&sha256_hex(b), &flow.browser_hash)) {
        return Err(refuse(Refusal::OtherBrowser, n, "the flow's cookie is missing or another").into());
    }
    let Some(p) = super::provider(app, i64::from(n)) else {
        return Err(refuse(Refusal::UnknownProvider, n, "no provider with this number any longer").into());
    };
    let q = |name: &str| query_value(&ctx.query, name).filter(|v| !v.is_empty());
    if let Some(error) = q("error") {
        let description = q("error_description").unwrap_or_default();
        return Err(refuse(Refusal::ProviderError, n, format!("{error}: {description}")).into());
    }
    // RFC 9207 §2.4: an `iss` in the answer must be the provider's (mix-up defence).
    if q("iss").is_some_and(|iss| iss != p.issuer) {
        return Err(refuse(Refusal::Issuer, n, "the answer's iss is another issuer").into());
    }
    let Some(code) = q("code") else { return Err(refuse(Refusal::ProviderError, n, "no code").into()) };
    let failed = |(refusal, detail): provider::Failure| Failed::Refused(refuse(refusal, n, detail));
    let meta = provider::metadata(&p).await.map_err(failed)?;
    let token = provider::id_token(&p, &meta, &code, &flow.verifier, &redirect_uri(app)).await.map_err(failed)?;
    let keys = provider::key_set(&meta).await.map_err(failed)?;
    let c = jose::verify(&token, &keys).map_err(|r| refuse(r, n, "the ID token's signature"))?;
    let expected = Expected {
        issuer: &p.issuer,
        client_id: &p.client_id,
        nonce: &flow.nonce,
        now: app.store.now(),
        reauthenticated_since: flow.reauthentication.as_ref().map(|_| flow.created_at),
    };
    claims::check(&c, &expected).map_err(|r| {
        refuse(r, n, format!("sub {}, iat {}, exp {}, auth_time {:?}", c.sub, c.iat, c.exp, c.auth_time))
    })?;
    match flow.reauthentication {
        None => sign_in(app, ctx, n, &c, &flow.return_to).await,
        Some(re) => reauthenticated(app, ctx, n, &c, re).await,
    }
}

async fn sign_in(app: &App, ctx: &Ctx, n: u32, c: &IdClaims, return_to: &str) -> Result<Done, Failed> {
    let email = claims::verified_email(c).ok();
    let actor = Actor {
        user_id: None,
        label: email.clone().unwrap_or_else(|| c.sub.clone()),
        via: Via::Session,
        address: Some(ctx.address.clone()),
    };
    let found = app.store.sign_in_identity(&c.iss, &c.sub, email.as_deref(), c.name.as_deref(), &actor).await?;
    let user = match found {
        IdentitySignIn::Known(u) | IdentitySignIn::Linked(u) | IdentitySignIn::Created(u) => u,
        IdentitySignIn::NoVerifiedEmail => return Err(refuse(Refusal::UnverifiedEmail, n, c.sub.clone()).into()),
        IdentitySignIn::NoAccount => {
            return Err(refuse(Refusal::NoAccount, n, email.unwrap_or_default()).into());
        }
    };
    if user.disabled {
        return Err(refuse(Refusal::Disabled, n, user.email).into());
    }
    let session = open_session(app, &user, &ctx.address, Some(&c.iss)).await?;
    Ok(Done::SignedIn { session, back: safe_return(return_to) })
}

async fn reauthenticated(app: &App, ctx: &Ctx, n: u32, c: &IdClaims, re: Reauthentication) -> Result<Done, Failed> {
    let signed_in = ctx.user.as_ref().is_some_and(|u| u.user_id() == re.user_id);
    let at = c.auth_time.and_then(|t| OffsetDateTime::from_unix_timestamp(t).ok());
    let (true, Some(at)) = (signed_in, at) else {
        return Err(refuse(Refusal::OtherAccount, n, "not signed in here as the account that asked").into());
    };
    if !app.store.reauthenticated(re.user_id, &c.iss, &c.sub, at, &ctx.actor()).await? {
        return Err(refuse(Refusal::OtherAccount, n, format!("sub {} is not linked to the account", c.sub)).into());
    }
    let m = app.store.meeting(domain::ids::MeetingId(re.meeting_id)).await?.ok_or(AppError::NotFound)?;
    let confirmation = Confirmation::Provider(Reauthenticated::verified(re.user_id));
    let outcome = match re.paragraph {
        Some(number) => approve_paragraph(app, ctx, &m, number, confirmation, "password").await?,
        None => approve(app, ctx, &m, confirmation, "password").await?,
    };
    Ok(Done::Approved { meeting: re.meeting_id, outcome, paragraph: re.paragraph.is_some() })
}

async fn record(app: &App, ctx: &Ctx, r: &Refused) -> AppResult<()> {
    let detail = json!(r.detail);
    Ok(app.store.record_identity_refusal(r.provider, r.refusal.code(), detail, &ctx.actor()).await?)
}

/// A refused sign-in: audited, and the sign-in page with the refusal at the provider buttons.
pub async fn refused(app: &App, ctx: &Ctx, n: u32, refusal: Refusal, detail: &str, back: &str) -> AppResult<Response> {
    record(app, ctx, &refuse(refusal, n, detail)).await?;
    let invalid = domain::Invalid::one(refusal.at("provider"));
    let status = match refusal {
        Refusal::Unreachable => StatusCode::BAD_GATEWAY,
        Refusal::TooManyStarts => StatusCode::TOO_MANY_REQUESTS,
        _ => StatusCode::BAD_REQUEST,
    };
    crate::site::login_page(app, ctx, String::new(), safe_return(back), Some(&invalid), status)
}

/// A refused re-authentication or approval: the protocol page with why, at the password field
/// (or the OJ paragraph's).
async fn approval_refused(
    app: &App,
    ctx: &Ctx,
    re: &Reauthentication,
    invalid: domain::Invalid,
) -> AppResult<Response> {
    let Some(m) = app.store.meeting(domain::ids::MeetingId(re.meeting_id)).await? else {
        return Err(AppError::NotFound);
    };
    let prefix = re.paragraph.map(|n| format!("oj{n}-")).unwrap_or_default();
    let invalid = prefixed(invalid, &prefix, &["password"]);
    render_page(app, ctx, m, Posted { invalid: Some(invalid), ..Default::default() }).await
}
