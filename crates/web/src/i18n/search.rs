//! Texts of search: the header field and the search page.

use domain::error::Lang;

super::catalogue! {
    "search.title" => "Sök", "Search";
    "search.label" => "Sök i Samverkan", "Search Samverkan";
    "search.submit" => "Sök", "Search";
    "search.hits" => "träffar", "results";
    "search.more_than" => "Fler än", "More than";
    "search.counted_newest" =>
        "Antalen under Avgränsa sökningen räknar de senaste av dem. Lägg till ord eller välj sort, organ eller år för att se alla.",
        "The counts under Narrow the search count the newest of them. Add words or choose a kind, body or year to see them all.";
    "search.facets" => "Avgränsa sökningen", "Narrow the search";
    "search.facet_kind" => "Sort", "Kind";
    "search.facet_body" => "Organ", "Body";
    "search.facet_year" => "År", "Year";
    "search.clear" => "Visa alla träffar", "Show all results";
    "search.draft" => "Utkast", "Draft";
}
