//! The OParl objects built from the store's rows: Body, Organization, Person, Membership,
//! LegislativeTerm, Meeting, AgendaItem, Paper, Consultation, File.

use super::*;

pub(super) fn published_terms(today: time::Date) -> Vec<Term> {
    let last = Term::containing(today).next();
    let mut out = Vec::new();
    let mut t = Term::starting(FIRST_TERM).expect("a term starts in the first year");
    while t <= last {
        out.push(t);
        t = t.next();
    }
    out
}

pub(super) fn term_json(u: &Urls, t: Term, epoch: OffsetDateTime) -> Value {
    Obj::new(u.term(t), "LegislativeTerm")
        .set("name", t.to_string())
        .set("startDate", t.start().to_string())
        .set("endDate", t.end().to_string())
        .times(epoch, epoch)
        .done()
}

pub(super) fn body_json(u: &Urls, b: &BodyRow, terms: Option<&[Value]>) -> Value {
    let own = u.body(b.id);
    let mut o = Obj::new(own.clone(), "Body")
        .set("system", u.system())
        .set("name", b.name.clone())
        .opt("website", b.website.clone())
        .set("classification", b.kind().label(domain::error::Lang::Sv))
        .set("organization", format!("{own}/organization"))
        .set("person", format!("{own}/person"))
        .set("membership", format!("{own}/membership"))
        .set("meeting", format!("{own}/meeting"))
        .set("paper", format!("{own}/paper"))
        .set("agendaItem", format!("{own}/agenda-item"))
        .set("consultation", format!("{own}/consultation"))
        .set("file", format!("{own}/file"))
        .set("legislativeTermList", format!("{own}/legislative-term"));
    if let Some(terms) = terms {
        o = o.set("legislativeTerm", terms.to_vec());
    }
    o.opt("samverkan:code", b.code.clone())
        .opt("samverkan:countyCode", b.county_code.clone())
        .set("web", u.web(&format!("/organisationer/{}", b.id)))
        .times(b.created_at, b.updated_at)
        .done()
}

pub(super) fn organization_json(u: &Urls, b: &OrganizationRow, behind: &[i64], memberships: &[i64]) -> Value {
    let organization_type = if b.formal { "Gremium" } else { "Sonstiges" };
    let mut o = Obj::new(u.organization(b.id), "Organization")
        .opt("body", behind.first().map(|o| u.body(*o)))
        .set("name", b.name.clone())
        .opt("membership", list(memberships.iter().map(|m| u.membership(*m))))
        .opt("subOrganizationOf", b.superior_id.map(|s| u.organization(s)))
        .set("organizationType", organization_type)
        .set("classification", b.kind().label(domain::error::Lang::Sv))
        .opt("startDate", b.start_date.map(|d| d.to_string()))
        .opt("endDate", b.end_date.map(|d| d.to_string()));
    if !behind.is_empty() {
        o = o.set("samverkan:body", behind.iter().map(|o| u.body(*o)).collect::<Vec<_>>());
    }
    o.set("web", u.web(&format!("/organ/{}", b.id))).times(b.created_at, b.updated_at).done()
}

/// A membership; embedded in its person, without the back reference to them.
pub(super) fn membership_json(u: &Urls, m: &MembershipRow, embedded: bool) -> Value {
    let role = m.role();
    let mut o = Obj::new(u.membership(m.id), "Membership");
    if !embedded {
        o = o.set("person", u.person(m.person_id));
    }
    o.set("organization", u.organization(m.body_id))
        .set("role", role.label(domain::error::Lang::Sv))
        .set("votingRight", role.is_ordinary())
        .set("startDate", m.start_date.to_string())
        .opt("endDate", m.end_date.map(|d| d.to_string()))
        .opt("samverkan:onBehalfOfBody", m.on_behalf_of_body().map(|b| u.body(b)))
        .set("samverkan:onBehalfOfName", m.organisation_name.clone())
        .times(m.created_at, m.updated_at)
        .done()
}

/// A local Swedish date and "HH:MM" as an OParl date-time with the offset of the day.
pub(super) fn local_time(date: time::Date, hhmm: &str) -> Option<String> {
    let t = domain::meetings::time_of_day("t", hhmm).ok().flatten()?;
    Some(local_date_time(date.with_time(t)))
}

/// A Swedish wall-clock time as an OParl date-time (§ 2.4), with the offset that applies then.
pub(super) fn local_date_time(local: time::PrimitiveDateTime) -> String {
    let offset = domain::meetings::calendar::stockholm_offset(local.assume_utc() - time::Duration::hours(1));
    time_text(local.assume_offset(offset))
}

/// A meeting's `start`, always a date-time (OParl 1.1 Meeting.start): its start time, or the
/// beginning of its day when no time is set.
pub(super) fn meeting_start(date: time::Date, start: Option<&str>) -> String {
    start.and_then(|t| local_time(date, t)).unwrap_or_else(|| local_date_time(date.midnight()))
}

/// An optional OParl list: left out when empty rather than written as `[]`.
pub(super) fn list<T: Into<Value>>(items: impl IntoIterator<Item = T>) -> Option<Vec<Value>> {
    let v: Vec<Value> = items.into_iter().map(Into::into).collect();
    (!v.is_empty()).then_some(v)
}

/// A meeting with its agenda items and files embedded.
/// A registered case as an OParl Paper: `name` its public title, `reference` its number,
/// `date` the day it was registered, `paperType` "Ärende", `web` its page in the registry.
/// Its Consultations are embedded (without the back reference `paper`) unless left out.
pub(super) fn paper_json(u: &Urls, c: &PaperRow, consultations: Option<&[ConsultationRow]>) -> Value {
    Obj::new(u.paper(c.id), "Paper")
        .set("body", u.body(c.organisation_id))
        .set("name", c.public_title.clone())
        .set("reference", c.number.clone())
        .set("date", c.opened_on.to_string())
        .set("paperType", "Ärende")
        .opt("consultation", consultations.and_then(|cs| list(cs.iter().map(|k| consultation_json(u, k, true)))))
        .set("web", u.web(&format!("/diarium/{}", c.id)))
        .times(c.created_at, c.updated_at)
        .done()
}

pub(super) async fn papers_page(app: &App, u: &Urls, q: &ListQuery, of: Option<i64>, url: &str) -> AppResult<Value> {
    let s = app.store.oparl_papers(of, &q.window, q.keyset).await?;
    let ids: Vec<i64> = s.items.iter().map(|c| c.id).collect();
    let consultations =
        if q.omit_internal { Default::default() } else { app.store.oparl_case_consultations(&ids).await? };
    Ok(q.slice_page(url, s, |c| c.id, |c| paper_json(u, c, embedded(q.omit_internal, &consultations, c.id))))
}

/// A case's handling in an agenda item (OParl 1.1 Consultation): `paper` the case, `agendaItem`
/// and `meeting` where it was handled, `organization` the body that met, `role` what the item
/// asked ("Beslut", "Information" …). `authoritative` is false: the consultation structure has
/// no decision power of its own; what it agrees binds only when each organisation decides
/// (domain.md rule 9). Embedded in its Paper, without the back reference.
pub(super) fn consultation_json(u: &Urls, k: &ConsultationRow, embedded: bool) -> Value {
    let mut o = Obj::new(u.consultation(k.id), "Consultation");
    if !embedded {
        o = o.set("paper", u.paper(k.case_id));
    }
    o.set("agendaItem", u.agenda_item(k.id))
        .set("meeting", u.meeting(k.meeting_id))
        .set("organization", vec![u.organization(k.body_id)])
        .set("authoritative", false)
        .set("role", k.kind().label(domain::error::Lang::Sv))
        .set("web", u.web(&format!("/diarium/{}", k.case_id)))
        .times(k.created_at, k.updated_at)
        .done()
}

pub(super) async fn consultations_page(
    app: &App,
    u: &Urls,
    q: &ListQuery,
    of: Option<i64>,
    url: &str,
) -> AppResult<Value> {
    let s = app.store.oparl_consultations(of, &q.window, q.keyset).await?;
    Ok(q.slice_page(url, s, |k| k.id, |k| consultation_json(u, k, false)))
}

pub(super) fn meeting_json(u: &Urls, m: &MeetingRow, items: &[AgendaItemRow], files: &[FileRow]) -> Value {
    use domain::meetings::MeetingStatus;
    let status = m.status();
    let mut o = Obj::new(u.meeting(m.id), "Meeting")
        .set("name", format!("{} {}", m.body_name, m.date))
        .set("meetingState", status.label(domain::error::Lang::Sv))
        .set("cancelled", status == MeetingStatus::Cancelled)
        .set("start", meeting_start(m.date, m.start_time.as_deref()))
        .opt("end", m.end_time.as_deref().and_then(|t| local_time(m.date, t)))
        .set("organization", vec![u.organization(m.body_id)])
        .opt("agendaItem", list(items.iter().map(|i| agenda_item_json(u, i, true))))
        .opt("auxiliaryFile", list(files.iter().map(|f| file_json(u, f, true))))
        .opt("samverkan:place", m.place.clone())
        .opt("samverkan:onlineUrl", m.online_url.clone());
    if matches!(status, MeetingStatus::Adjusted | MeetingStatus::Announced) {
        o = o.set("samverkan:protocol", u.web(&format!("/moten/{}/protokoll", m.id)));
    }
    o.set("web", u.web(&format!("/moten/{}", m.id))).times(m.created_at, m.updated_at).done()
}

/// An agenda item; embedded in its meeting, without the back reference.
pub(super) fn agenda_item_json(u: &Urls, i: &AgendaItemRow, embedded: bool) -> Value {
    let mut o = Obj::new(u.agenda_item(i.id), "AgendaItem");
    if !embedded {
        o = o.set("meeting", u.meeting(i.meeting_id));
    }
    o.opt("number", i.number.map(|n| format!("§ {n}")))
        .set("order", i.position)
        .set("name", i.title.clone())
        .set("public", true)
        .opt("resolutionText", i.decision.clone())
        .opt("consultation", i.consultation.then(|| u.consultation(i.id)))
        .opt("samverkan:caseNumber", i.case_number.clone())
        .set("samverkan:kind", i.kind.clone())
        .times(i.created_at, i.updated_at)
        .done()
}

/// A file; embedded in its meeting, without the back reference.
pub(super) fn file_json(u: &Urls, f: &FileRow, embedded: bool) -> Value {
    let download = u.web(&format!("/bilagor/{}/{}", f.id, url_encode(&f.file_name)));
    let mut o = Obj::new(u.file(f.id), "File");
    if !embedded {
        o = o.set("meeting", vec![u.meeting(f.meeting_id)]);
    }
    if let Some(item) = f.agenda_item_id {
        o = o.set("agendaItem", vec![u.agenda_item(item)]);
    }
    o.set("name", f.title.clone())
        .set("fileName", f.file_name.clone())
        .set("mimeType", f.mime.clone())
        .set("size", f.size)
        .set("accessUrl", download.clone())
        .set("downloadUrl", download)
        .times(f.created_at, f.updated_at)
        .done()
}

pub(super) async fn meetings_page(app: &App, u: &Urls, q: &ListQuery, of: Option<i64>, url: &str) -> AppResult<Value> {
    let s = app.store.oparl_meetings(of, &q.window, q.keyset).await?;
    let mut items = std::collections::HashMap::new();
    let mut files = std::collections::HashMap::new();
    if !q.omit_internal {
        for m in &s.items {
            let all = Keyset { after: None, limit: MAX_LIMIT };
            items.insert(m.id, app.store.oparl_agenda_items(Some(m.id), &TimeWindow::default(), all).await?.items);
            files.insert(m.id, app.store.oparl_files(Some(m.id), &TimeWindow::default(), all).await?.items);
        }
    }
    Ok(q.slice_page(
        url,
        s,
        |m| m.id,
        |m| {
            let none = (Vec::new(), Vec::new());
            meeting_json(u, m, items.get(&m.id).unwrap_or(&none.0), files.get(&m.id).unwrap_or(&none.1))
        },
    ))
}

/// Given and family name, when the name is exactly two words.
pub(super) fn split_name(name: &str) -> Option<(&str, &str)> {
    let mut words = name.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some(given), Some(family), None) => Some((given, family)),
        _ => None,
    }
}

/// A person as the caller may see them: e-mail and phone for signed-in callers only.
pub(super) fn person_json(u: &Urls, p: &PersonRow, memberships: Option<&[MembershipRow]>, signed_in: bool) -> Value {
    let names = split_name(&p.name);
    let mut o = Obj::new(u.person(p.id), "Person")
        .opt("body", p.body_id().map(|b| u.body(b)))
        .set("name", p.name.clone())
        .opt("familyName", names.map(|n| n.1.to_string()))
        .opt("givenName", names.map(|n| n.0.to_string()))
        .opt("status", p.title.clone().map(|t| vec![t]))
        .opt("samverkan:party", p.party.clone());
    if signed_in {
        o = o.opt("email", p.email.clone().map(|e| vec![e])).opt("phone", p.phone.clone().map(|t| vec![t]));
    }
    if let Some(ms) = memberships {
        o = o.opt("membership", list(ms.iter().map(|m| membership_json(u, m, true))));
    }
    o.set("web", u.web(&format!("/personer/{}", p.id))).times(p.created_at, p.updated_at).done()
}
