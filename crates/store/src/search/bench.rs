//! The queries the search benchmarks time (`samverkan search bench` over a real database, and
//! the suite's `search_bench` over a generated one), so both measure the same thing.

/// One-word queries: common, rare and compound heads.
pub const ONE_WORD: &[&str] =
    &["region", "kompetens", "beslut", "infrastruktur", "kultur", "näringsliv", "folkhälsa", "protokollsjusterare"];

/// Three-word queries.
pub const THREE_WORDS: &[&str] = &[
    "regional utveckling strategi",
    "kompetensförsörjning i länet",
    "länsplan regional transportinfrastruktur",
    "aktuellt från regionen",
    "val av protokollsjusterare",
    "vård och omsorg",
];
