-- The registry (diarium, issue 11). The PostgreSQL twin has the same meaning.
--
-- An organisation that keeps its registry here has a number series (its prefix, e.g. "RJL");
-- case_sequences holds the last number given out per year, raised inside the transaction that
-- registers a case, so a rolled-back registration gives its number back: no duplicates, no gaps
-- (ADR 32). Registrars are accounts marked per organisation (ADR 33). A case keeps the prefix it
-- was numbered with. A document is numbered within its case ("RJL 2024/3336-2"); its
-- registration day is the store clock's, never typed. Files are the content-addressed files of
-- 0003, as meeting attachments use them.

CREATE TABLE case_series (
    organisation_id INTEGER PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
    prefix          TEXT NOT NULL UNIQUE,
    created_at      TEXT NOT NULL
);

CREATE TABLE case_sequences (
    organisation_id INTEGER NOT NULL REFERENCES case_series(organisation_id) ON DELETE CASCADE,
    year            BIGINT NOT NULL,
    last_seq        BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, year)
);

CREATE TABLE case_registrars (
    organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX case_registrars_user ON case_registrars(user_id);

CREATE TABLE cases (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    prefix          TEXT NOT NULL,
    year            BIGINT NOT NULL,
    seq             BIGINT NOT NULL,
    internal_title  TEXT NOT NULL,
    public_title    TEXT NOT NULL,
    status          TEXT NOT NULL,
    responsible     TEXT,
    body_id         INTEGER REFERENCES bodies(id) ON DELETE SET NULL,
    opened_on       TEXT NOT NULL,
    documents       BIGINT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (organisation_id, year, seq)
);
CREATE INDEX cases_number ON cases(year, seq, id);
CREATE INDEX cases_body ON cases(body_id);

CREATE TABLE case_documents (
    id                INTEGER PRIMARY KEY,
    case_id           INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    number            BIGINT NOT NULL,
    registered_on     TEXT NOT NULL,
    registered_at     TEXT NOT NULL,
    document_date     TEXT NOT NULL,
    direction         TEXT NOT NULL,
    counterpart       TEXT,
    description       TEXT NOT NULL,
    secrecy_provision TEXT,
    secrecy_until     TEXT,
    secrecy_set_by    TEXT,
    UNIQUE (case_id, number)
);

CREATE TABLE case_document_files (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES case_documents(id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL REFERENCES files(sha256),
    created_at  TEXT NOT NULL
);
CREATE INDEX case_document_files_document ON case_document_files(document_id, id);
CREATE INDEX case_document_files_sha ON case_document_files(sha256);
