//! Texts of search: the header field and the search page.

use domain::error::Lang;

super::catalogue! {
    "search.title" => "Sök", "Search";
    "search.label" => "Sök i Samverkan", "Search Samverkan";
    "search.submit" => "Sök", "Search";
    "search.hits" => "träffar", "results";
    "search.facets" => "Avgränsa sökningen", "Narrow the search";
    "search.facet_kind" => "Sort", "Kind";
    "search.facet_body" => "Organ", "Body";
    "search.facet_year" => "År", "Year";
    "search.clear" => "Visa alla träffar", "Show all results";
    "search.draft" => "Utkast", "Draft";
}
