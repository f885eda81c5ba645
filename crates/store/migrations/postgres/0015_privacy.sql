-- Privacy (issue 15, ADR 35): people whose personal data an administrator has removed from the
-- web, with the reason. The name is kept so that the published copies of protocols can hide it
-- (rule 22); the stored protocol versions are never changed. The SQLite twin of this file
-- has the same table, columns and meaning.
CREATE TABLE privacy_removals (
    person_id  BIGINT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    reason     TEXT NOT NULL,
    removed_by TEXT NOT NULL,
    removed_at TIMESTAMPTZ NOT NULL
);
