-- Indicators of the strategy follow-up (issue 13, ADR 43). The PostgreSQL twin has the same
-- meaning.
--
-- An indicator's definition; its current values, one per indicator × geography × year × gender
-- (value NULL = the source gave the year without a value); the imports that wrote them (who,
-- when, which file, how many rows); and the history: every value a later import replaced, with
-- the import that had written it and the import that replaced it.
--
-- SQLite keeps indicator_values WITHOUT ROWID, clustered by its key as PostgreSQL's index is
-- used: one B-tree per row written instead of a table and an index (the bulk import, ADR 43).

CREATE TABLE indicators (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    unit            TEXT NOT NULL,
    description     TEXT,
    source          TEXT NOT NULL CHECK (source IN ('kolada', 'scb', 'other')),
    kolada_kpi      TEXT,
    scb_table       TEXT,
    direction       TEXT NOT NULL CHECK (direction IN ('increase', 'decrease')),
    by_gender       BOOLEAN NOT NULL,
    geography       TEXT NOT NULL,
    baseline_value  DOUBLE PRECISION,
    baseline_year   INTEGER,
    target_value    DOUBLE PRECISION,
    target_year     INTEGER,
    published       BOOLEAN NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX indicators_title ON indicators(title);

CREATE TABLE indicator_imports (
    id              INTEGER PRIMARY KEY,
    indicator_id    INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    format          TEXT NOT NULL,
    file_name       TEXT NOT NULL,
    actor_id        INTEGER REFERENCES users(id) ON DELETE SET NULL,
    actor           TEXT NOT NULL,
    at              TEXT NOT NULL,
    rows_total      INTEGER NOT NULL,
    inserted        INTEGER NOT NULL,
    updated         INTEGER NOT NULL,
    unchanged       INTEGER NOT NULL,
    next_page       TEXT
);
CREATE INDEX indicator_imports_indicator ON indicator_imports(indicator_id, at);

CREATE TABLE indicator_values (
    indicator_id    INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    geography       TEXT NOT NULL,
    year            INTEGER NOT NULL,
    gender          TEXT NOT NULL CHECK (gender IN ('T', 'K', 'M')),
    value           DOUBLE PRECISION,
    status          TEXT,
    import_id       INTEGER NOT NULL REFERENCES indicator_imports(id) ON DELETE CASCADE,
    PRIMARY KEY (indicator_id, geography, year, gender)
) WITHOUT ROWID;

CREATE TABLE indicator_value_history (
    indicator_id    INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    geography       TEXT NOT NULL,
    year            INTEGER NOT NULL,
    gender          TEXT NOT NULL,
    value           DOUBLE PRECISION,
    status          TEXT,
    import_id       INTEGER NOT NULL REFERENCES indicator_imports(id) ON DELETE CASCADE,
    superseded_by   INTEGER NOT NULL REFERENCES indicator_imports(id) ON DELETE CASCADE
);
CREATE INDEX indicator_value_history_key ON indicator_value_history(indicator_id, geography, year, gender);
