//! List parameters (time windows, `limit`, `after`, `omit_internal`) and their links.

use super::*;

#[derive(Clone, Debug)]
pub(super) struct ListQuery {
    pub(super) window: TimeWindow,
    pub(super) keyset: Keyset,
    pub(super) omit_internal: bool,
}

pub(super) const WINDOW_PARAMS: [&str; 4] = ["created_since", "created_until", "modified_since", "modified_until"];

impl ListQuery {
    pub(super) fn parse(query: &str) -> AppResult<ListQuery> {
        let get = |n: &str| query_value(query, n).filter(|v| !v.trim().is_empty());
        let mut times = [None; 4];
        for (slot, name) in times.iter_mut().zip(WINDOW_PARAMS) {
            if let Some(v) = get(name) {
                *slot = Some(parse_time(name, &v)?);
            }
        }
        let [created_since, created_until, modified_since, modified_until] = times;
        let window = TimeWindow { created_since, created_until, modified_since, modified_until };
        let limit =
            match get("limit").map(|v| ("limit", v)).or_else(|| get("elementsPerPage").map(|v| ("elementsPerPage", v)))
            {
                None => DEFAULT_LIMIT,
                Some((name, v)) => {
                    let n = v.trim().parse::<usize>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                        bad_parameter(name, "ange ett positivt heltal.", "give a positive whole number.")
                    })?;
                    n.min(MAX_LIMIT)
                }
            };
        let after =
            match get("after") {
                None => None,
                Some(v) => Some(v.trim().parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
                    bad_parameter("after", "använd länken i links.next.", "use the link in links.next.")
                })?),
            };
        let omit_internal = match get("omit_internal").as_deref().map(str::trim) {
            None | Some("false" | "0") => false,
            Some("true" | "1") => true,
            Some(_) => return Err(bad_parameter("omit_internal", "ange true eller false.", "give true or false.")),
        };
        Ok(ListQuery { window, keyset: Keyset { after, limit }, omit_internal })
    }

    /// The list at `url` with this query's filters and page size, from after `after`.
    pub(super) fn link(&self, url: &str, after: Option<i64>) -> String {
        let w = &self.window;
        let mut parts = Vec::new();
        for (name, t) in
            WINDOW_PARAMS.iter().zip([w.created_since, w.created_until, w.modified_since, w.modified_until])
        {
            if let Some(t) = t {
                parts.push(format!("{name}={}", url_encode(&filter_text(t))));
            }
        }
        if self.omit_internal {
            parts.push("omit_internal=true".into());
        }
        if self.keyset.limit != DEFAULT_LIMIT {
            parts.push(format!("limit={}", self.keyset.limit));
        }
        if let Some(a) = after {
            parts.push(format!("after={a}"));
        }
        if parts.is_empty() { url.to_string() } else { format!("{url}?{}", parts.join("&")) }
    }

    /// One list page in OParl's form.
    pub(super) fn page(&self, url: &str, data: Vec<Value>, total: i64, next_after: Option<i64>, prev: Prev) -> Value {
        let mut links = Map::new();
        links.insert("first".into(), self.link(url, None).into());
        match prev {
            Prev::None => {}
            Prev::First => {
                links.insert("prev".into(), self.link(url, None).into());
            }
            Prev::After(a) => {
                links.insert("prev".into(), self.link(url, Some(a)).into());
            }
        }
        links.insert("self".into(), self.link(url, self.keyset.after).into());
        if let Some(a) = next_after {
            links.insert("next".into(), self.link(url, Some(a)).into());
        }
        json!({
            "data": data,
            "pagination": {"totalElements": total, "elementsPerPage": self.keyset.limit},
            "links": links,
        })
    }

    /// A page of a stored list, with `last_id` giving each row's id.
    pub(super) fn slice_page<T>(
        &self,
        url: &str,
        s: Slice<T>,
        id: impl Fn(&T) -> i64,
        to_json: impl Fn(&T) -> Value,
    ) -> Value {
        let next = if s.more { s.items.last().map(&id) } else { None };
        let data = s.items.iter().map(to_json).collect();
        self.page(url, data, s.total, next, s.prev)
    }

    /// A page of a list built in memory, sorted by id: the objects whose times lie in the window.
    pub(super) fn memory_page(&self, url: &str, items: Vec<(i64, OffsetDateTime, OffsetDateTime, Value)>) -> Value {
        let all: Vec<(i64, Value)> =
            items.into_iter().filter(|(_, c, m, _)| self.window.admits(*c, *m)).map(|(id, _, _, v)| (id, v)).collect();
        let Keyset { after, limit } = self.keyset;
        let start = after.map_or(0, |a| all.iter().take_while(|(id, _)| *id <= a).count());
        let prev = match after {
            None => Prev::None,
            Some(_) if start > limit => Prev::After(all[start - limit - 1].0),
            Some(_) => Prev::First,
        };
        let more = all.len() > start + limit;
        let total = all.len() as i64;
        let page: Vec<(i64, Value)> = all.into_iter().skip(start).take(limit).collect();
        let next = if more { page.last().map(|(id, _)| *id) } else { None };
        self.page(url, page.into_iter().map(|(_, v)| v).collect(), total, next, prev)
    }
}

/// An RFC 3339 date-time with offset. A `+` the client left unencoded arrives as a space.
pub(super) fn parse_time(name: &str, v: &str) -> AppResult<OffsetDateTime> {
    let v = v.trim();
    OffsetDateTime::parse(v, &Rfc3339).or_else(|_| OffsetDateTime::parse(&v.replace(' ', "+"), &Rfc3339)).map_err(
        |_| {
            bad_parameter(
                name,
                "ange datum och tid enligt ISO 8601 med tidszon, till exempel 2024-01-31T12:00:00+01:00.",
                "give a date and time in ISO 8601 with a time zone, for example 2024-01-31T12:00:00+01:00.",
            )
        },
    )
}

/// A time filter as a link keeps it: RFC 3339 in UTC with the fraction it was given, so the
/// next page filters exactly as this one did (unlike the objects' whole-second times).
fn filter_text(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC).format(&Rfc3339).unwrap_or_default()
}
