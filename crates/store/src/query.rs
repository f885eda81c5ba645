//! Keyset paging and the small argument list that dynamic filters bind on either engine.

use domain::{FieldError, Invalid};
use serde::Serialize;

/// One page of a list: `next_cursor` fetches the next page, `None` on the last one.
#[derive(Clone, Debug, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// A bound value of a dynamically built query.
#[derive(Clone, Debug)]
pub(crate) enum Arg {
    Text(String),
    Int(i64),
    Time(time::OffsetDateTime),
    Date(time::Date),
}

/// Builds `WHERE` clauses with numbered placeholders in the order values are bound.
#[derive(Default)]
pub(crate) struct Filter {
    pub clauses: Vec<String>,
    pub args: Vec<Arg>,
}

impl Filter {
    /// Adds a clause in which `?` stands for the next placeholder.
    pub fn push(&mut self, clause: &str, arg: Arg) {
        self.args.push(arg);
        let n = self.args.len();
        self.clauses.push(clause.replace('?', &format!("${n}")));
    }

    /// A keyset condition after (`key`, `id`): rows sorted by the pair come strictly later.
    pub fn after(&mut self, key_col: &str, id_col: &str, cursor: Option<(String, i64)>) {
        if let Some((key, id)) = cursor {
            self.args.push(Arg::Text(key));
            self.args.push(Arg::Int(id));
            let (a, b) = (self.args.len() - 1, self.args.len());
            self.clauses.push(format!("({key_col} > ${a} OR ({key_col} = ${a} AND {id_col} > ${b}))"));
        }
    }

    pub fn where_sql(&self) -> String {
        if self.clauses.is_empty() { String::new() } else { format!(" WHERE {}", self.clauses.join(" AND ")) }
    }
}

/// Binds a `Filter`'s arguments onto a query, on either engine.
macro_rules! bind_all {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for a in $args {
            q = match a {
                $crate::query::Arg::Text(s) => q.bind(s.clone()),
                $crate::query::Arg::Int(i) => q.bind(*i),
                $crate::query::Arg::Time(t) => q.bind(*t),
                $crate::query::Arg::Date(d) => q.bind(*d),
            };
        }
        q
    }};
}
pub(crate) use bind_all;

/// A LIKE pattern matching `q` anywhere, with the wildcards of `q` itself escaped (use with
/// `ESCAPE '\'`).
pub(crate) fn contains_pattern(q: &str) -> String {
    let key = domain::text::search_key(q);
    let escaped = key.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// The opaque cursor of a (sort key, id) position.
pub(crate) fn encode_cursor(key: &str, id: i64) -> String {
    let raw = format!("{key}\u{0}{id}");
    raw.bytes().map(|b| format!("{b:02x}")).collect()
}

/// Reads a cursor given by a client; a malformed one is an error on the field `cursor`.
pub fn decode_cursor(s: &str) -> Result<(String, i64), Invalid> {
    let bad = || {
        Invalid::one(FieldError::new(
            "cursor",
            "invalid_cursor",
            "Ogiltig sidmarkör; använd värdet från next_cursor.",
            "Invalid cursor; use the value of next_cursor.",
        ))
    };
    if !s.is_ascii() || !s.len().is_multiple_of(2) || s.len() > 2000 {
        return Err(bad());
    }
    let bytes: Vec<u8> = (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16))
        .collect::<Result<_, _>>()
        .map_err(|_| bad())?;
    let raw = String::from_utf8(bytes).map_err(|_| bad())?;
    let (key, id) = raw.split_once('\u{0}').ok_or_else(bad)?;
    Ok((key.to_string(), id.parse().map_err(|_| bad())?))
}

/// Every item of a keyset-paged list, fetched page by page (for exports and select lists).
pub async fn every_page<T, F, Fut>(mut fetch: F) -> crate::Result<Vec<T>>
where
    F: FnMut(Option<(String, i64)>) -> Fut,
    Fut: std::future::Future<Output = crate::Result<Page<T>>>,
{
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let page = fetch(cursor).await?;
        out.extend(page.items);
        match page.next_cursor {
            Some(c) => cursor = Some(decode_cursor(&c)?),
            None => return Ok(out),
        }
    }
}

/// Cuts a fetched `limit + 1` rows to a page, with the cursor of its last item.
pub(crate) fn page<T>(mut items: Vec<T>, limit: usize, key: impl Fn(&T) -> (String, i64)) -> Page<T> {
    let next_cursor = if items.len() > limit {
        items.truncate(limit);
        items.last().map(|t| {
            let (k, id) = key(t);
            encode_cursor(&k, id)
        })
    } else {
        None
    };
    Page { items, next_cursor }
}

/// Rows as the domain's records (`store` maps rows to `domain` types, never the other way).
pub(crate) fn mapped<R, T: From<R>>(rows: Vec<R>) -> Vec<T> {
    rows.into_iter().map(T::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let c = encode_cursor("}desh}g", 42);
        assert_eq!(decode_cursor(&c).unwrap(), ("}desh}g".to_string(), 42));
        assert!(decode_cursor("zz").is_err());
        assert!(decode_cursor("616263").is_err());
        // Not hex, and not even ASCII: an error, not a panic on a char boundary.
        assert!(decode_cursor("0\u{80}0").is_err());
    }

    #[test]
    fn like_wildcards_in_queries_are_literal() {
        assert_eq!(contains_pattern("50%_"), "%50\\%\\_%");
    }
}
