-- Surveys (enkät, issue 14, ADR 50). The PostgreSQL twin has the same meaning.
--
-- A survey's questions are one JSON document (`definition`, the domain's `surveys::Definition`),
-- fixed once the survey is sent. It goes to organisations (`survey_recipients`, one answer
-- each) or is open to anyone. A response is the answers as JSON (`surveys::Answers`): an
-- organisation's is one row, drafted by any of its people (`version` counts saves, so a save
-- over someone else's newer one is refused) and submitted once; an open one has no
-- organisation, the client address for the throttle, and its idempotency key.

CREATE TABLE surveys (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    intro           TEXT,
    audience        TEXT NOT NULL,
    definition      TEXT NOT NULL,
    status          TEXT NOT NULL,
    closes_on       TEXT,
    sent_on         TEXT,
    results_public  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE survey_recipients (
    id              INTEGER PRIMARY KEY,
    survey_id       INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL,
    UNIQUE (survey_id, organisation_id)
);

CREATE TABLE survey_responses (
    id              INTEGER PRIMARY KEY,
    survey_id       INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    organisation_id INTEGER REFERENCES organisations(id) ON DELETE CASCADE,
    answers         TEXT NOT NULL,
    status          TEXT NOT NULL,
    version         INTEGER NOT NULL,
    updated_by      TEXT NOT NULL,
    submitted_by    TEXT,
    submitted_at    TEXT,
    address         TEXT,
    idempotency_key TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (survey_id, organisation_id),
    UNIQUE (survey_id, idempotency_key)
);

CREATE INDEX survey_responses_address ON survey_responses (address, created_at);
