-- The consultation structure: bodies, the organisations behind them, memberships, meeting plans
-- and work plans. The PostgreSQL twin of this file has the same tables, columns and meaning.

CREATE TABLE bodies (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    name_key        TEXT NOT NULL,
    kind            TEXT NOT NULL,
    formal          BOOLEAN NOT NULL,
    county_code     TEXT,
    presidium_of    INTEGER REFERENCES bodies(id) ON DELETE CASCADE,
    superior_id     INTEGER REFERENCES bodies(id) ON DELETE SET NULL,
    prepares_for_id INTEGER REFERENCES bodies(id) ON DELETE SET NULL,
    duties          TEXT NOT NULL,
    rules           TEXT NOT NULL,
    start_date      TEXT,
    end_date        TEXT,
    secretary_id    INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX bodies_name ON bodies(name_key, id);
CREATE INDEX bodies_presidium ON bodies(presidium_of);

CREATE TABLE body_organisations (
    body_id         INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    PRIMARY KEY (body_id, organisation_id)
);

CREATE TABLE memberships (
    id              INTEGER PRIMARY KEY,
    body_id         INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    role            TEXT NOT NULL,
    side            TEXT NOT NULL,
    substitute_for  INTEGER REFERENCES people(id) ON DELETE SET NULL,
    start_date      TEXT NOT NULL,
    end_date        TEXT,
    term            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX memberships_body ON memberships(body_id, start_date);
CREATE INDEX memberships_person ON memberships(person_id);
CREATE INDEX memberships_updated ON memberships(updated_at, id);

CREATE TABLE meeting_plan_dates (
    body_id INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    date    TEXT NOT NULL,
    PRIMARY KEY (body_id, date)
);

CREATE TABLE work_plans (
    id          INTEGER PRIMARY KEY,
    body_id     INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    decided_on  TEXT NOT NULL,
    covers_from INTEGER NOT NULL,
    covers_to   INTEGER NOT NULL,
    questions   TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (body_id, version)
);

ALTER TABLE users ADD COLUMN person_id INTEGER REFERENCES people(id) ON DELETE SET NULL;
