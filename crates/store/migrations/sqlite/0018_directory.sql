-- The people register kept in step with the region's directory (issue 15, ADR 40). A person
-- imported from the directory carries its id there (objectGUID, employee number), which the next
-- import matches first; people entered by hand have none. Each applied import is a row keyed by
-- the fingerprint of the plan its dry run showed, so a retried apply returns the first one's
-- counts instead of applying twice. The PostgreSQL twin has the same meaning.

ALTER TABLE people ADD COLUMN external_id TEXT;
CREATE UNIQUE INDEX people_external_id ON people(external_id) WHERE external_id IS NOT NULL;

CREATE TABLE directory_imports (
    id          INTEGER PRIMARY KEY,
    fingerprint TEXT NOT NULL UNIQUE,
    counts      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
