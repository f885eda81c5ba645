//! The query parameters shared by every list: filters, cursor and page size, read from the query
//! string and checked like any other input.

use domain::organisations::OrganisationKind;
use domain::{FieldError, Invalid, reference};

use crate::pages::query_value;

pub const DEFAULT_LIMIT: usize = 50;
pub const MAX_LIMIT: usize = 200;

#[derive(Clone, Debug, Default)]
pub struct ListQuery {
    pub kind: Option<OrganisationKind>,
    pub county: Option<String>,
    pub q: Option<String>,
    pub organisation: Option<i64>,
    pub cursor: Option<(String, i64)>,
    pub limit: usize,
}

impl ListQuery {
    pub fn parse(query: &str) -> Result<ListQuery, Invalid> {
        let mut e = domain::error::Errors::new();
        let get = |n: &str| query_value(query, n).filter(|v| !v.trim().is_empty());
        let kind = get("kind").and_then(|k| {
            e.check(OrganisationKind::parse(&k).ok_or_else(|| {
                FieldError::new("kind", "invalid_kind", "Okänd typ av organisation.", "Unknown kind of organisation.")
            }))
        });
        let county =
            get("county").and_then(|c| {
                e.check(reference::county(&c).map(|c| c.code.clone()).ok_or_else(|| {
                    FieldError::new("county", "unknown_county", "Okänd länskod.", "Unknown county code.")
                }))
            });
        let q = get("q").and_then(|q| e.check(domain::text::optional("q", &q, 200)).flatten());
        let organisation = get("organisation").and_then(|o| {
            e.check(o.parse::<i64>().map_err(|_| {
                FieldError::new("organisation", "invalid_id", "Ogiltigt organisations-id.", "Invalid organisation id.")
            }))
        });
        let cursor = get("cursor").as_deref().and_then(|c| match store::decode_cursor(c) {
            Ok(c) => Some(c),
            Err(i) => {
                e.push(i.first().clone());
                None
            }
        });
        let limit = match get("limit") {
            None => DEFAULT_LIMIT,
            Some(l) => e
                .check(l.parse::<usize>().ok().filter(|n| (1..=MAX_LIMIT).contains(n)).ok_or_else(|| {
                    FieldError::new(
                        "limit",
                        "invalid_limit",
                        format!("Ange ett antal mellan 1 och {MAX_LIMIT}."),
                        format!("Give a number between 1 and {MAX_LIMIT}."),
                    )
                }))
                .unwrap_or(DEFAULT_LIMIT),
        };
        e.finish(|| ListQuery { kind, county, q, organisation, cursor, limit })
    }

    /// The link to the next page, keeping the filters and page size.
    pub fn next_href(&self, base: &str, next_cursor: &str) -> String {
        let mut parts = self.filter_parts();
        parts.push(format!("cursor={next_cursor}"));
        format!("{base}?{}", parts.join("&"))
    }

    /// The link to the first page with the same filters, when this is not the first page.
    pub fn first_href(&self, base: &str) -> Option<String> {
        self.cursor.as_ref()?;
        let parts = self.filter_parts();
        Some(if parts.is_empty() { base.to_string() } else { format!("{base}?{}", parts.join("&")) })
    }

    fn filter_parts(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if let Some(k) = self.kind {
            parts.push(format!("kind={}", k.as_str()));
        }
        if let Some(c) = &self.county {
            parts.push(format!("county={c}"));
        }
        if let Some(q) = &self.q {
            parts.push(format!("q={}", crate::pages::url_encode(q)));
        }
        if let Some(o) = self.organisation {
            parts.push(format!("organisation={o}"));
        }
        if self.limit != DEFAULT_LIMIT {
            parts.push(format!("limit={}", self.limit));
        }
        parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_links_keep_filters_and_page_size() {
        let q = ListQuery::parse("kind=municipality&county=06&limit=10&q=%C3%96").unwrap();
        assert_eq!(q.next_href("/o", "ab"), "/o?kind=municipality&county=06&q=%C3%96&limit=10&cursor=ab");
        assert_eq!(q.first_href("/o"), None);
        // "a", NUL, "1": the cursor of the row with key "a" and id 1.
        let later = ListQuery::parse("county=06&cursor=610031").unwrap();
        assert_eq!(later.first_href("/o").as_deref(), Some("/o?county=06"));
        assert_eq!(ListQuery::parse("cursor=610031").unwrap().first_href("/o").as_deref(), Some("/o"));
    }

    #[test]
    fn bad_list_parameters_name_their_field() {
        for (q, field) in [
            ("kind=x", "kind"),
            ("county=99", "county"),
            ("limit=0", "limit"),
            ("limit=201", "limit"),
            ("cursor=zz", "cursor"),
        ] {
            assert_eq!(ListQuery::parse(q).unwrap_err().first().field, field, "{q}");
        }
    }
}
