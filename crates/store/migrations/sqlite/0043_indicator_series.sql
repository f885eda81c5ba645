-- An indicator's values as one row per geography and gender holding its years (ADR 62): the
-- import wrote a row per value (a Kolada file of 28,080 values, 28,080 rows and their index
-- entries); it now writes 936. `points` is the text `crates/store/src/indicators/points.rs`
-- reads and writes, a line a year by year: year TAB value TAB import [TAB status]. No foreign
-- keys, as before (ADR 57).
--
-- The values of `indicator_values` move in the same transaction by a step in Rust
-- (`indicators::carry::carry_over`, run after this file), which then drops that table: neither
-- engine's SQL writes every number as text that reads back to the same number (SQLite's
-- printf('%!.20g') missed by one unit in the last place on numbers past about 1e60, measured by
-- the store suite's migration test), and the store's own writing does.

CREATE TABLE indicator_series (
    indicator_id    INTEGER NOT NULL,
    geography       TEXT NOT NULL,
    gender          TEXT NOT NULL CHECK (gender IN ('T', 'K', 'M')),
    values_count    INTEGER NOT NULL,
    points          TEXT NOT NULL,
    PRIMARY KEY (indicator_id, geography, gender)
);
