-- The indicator import's values without foreign keys (ADR 57). The PostgreSQL twin drops them
-- for the import's speed (a trigger per row and key there); here each key was a look-up per
-- row. The store keeps the references itself: values and history are written only by the
-- import, inside the transaction that holds the write lock and inserts the import's row, and
-- `Store::delete_indicator` deletes an indicator's history and values before the indicator
-- (whose imports still go with it by their own foreign key).
--
-- SQLite cannot drop a foreign key: both tables are made again with the same columns, key and
-- index, and their rows copied.

CREATE TABLE indicator_values_0036 (
    indicator_id    INTEGER NOT NULL,
    geography       TEXT NOT NULL,
    year            INTEGER NOT NULL,
    gender          TEXT NOT NULL CHECK (gender IN ('T', 'K', 'M')),
    value           DOUBLE PRECISION,
    status          TEXT,
    import_id       INTEGER NOT NULL,
    PRIMARY KEY (indicator_id, geography, year, gender)
) WITHOUT ROWID;
INSERT INTO indicator_values_0036 (indicator_id, geography, year, gender, value, status, import_id)
    SELECT indicator_id, geography, year, gender, value, status, import_id FROM indicator_values;
DROP TABLE indicator_values;
ALTER TABLE indicator_values_0036 RENAME TO indicator_values;

CREATE TABLE indicator_value_history_0036 (
    indicator_id    INTEGER NOT NULL,
    geography       TEXT NOT NULL,
    year            INTEGER NOT NULL,
    gender          TEXT NOT NULL,
    value           DOUBLE PRECISION,
    status          TEXT,
    import_id       INTEGER NOT NULL,
    superseded_by   INTEGER NOT NULL
);
INSERT INTO indicator_value_history_0036
    (indicator_id, geography, year, gender, value, status, import_id, superseded_by)
    SELECT indicator_id, geography, year, gender, value, status, import_id, superseded_by
    FROM indicator_value_history;
DROP TABLE indicator_value_history;
ALTER TABLE indicator_value_history_0036 RENAME TO indicator_value_history;
CREATE INDEX indicator_value_history_key ON indicator_value_history(indicator_id, geography, year, gender);
