-- Secrecy grants (issue 11, ADR 54). The PostgreSQL twin has the same meaning.
--
-- A registrar of a case's organisation lets a person (an account) read a secrecy-marked
-- document of the case, or every secret document of it when document_id is NULL, with a reason
-- and an optional last day (inclusive). A revoked grant is kept with when and by whom it was
-- revoked, so the registry can say afterwards who could read what and why.

CREATE TABLE secrecy_grants (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    document_id INTEGER REFERENCES case_documents(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    reason      TEXT NOT NULL,
    until       TEXT,
    granted_by  TEXT NOT NULL,
    granted_at  TEXT NOT NULL,
    revoked_by  TEXT,
    revoked_at  TEXT
);
CREATE INDEX secrecy_grants_reader ON secrecy_grants(user_id, case_id);
CREATE INDEX secrecy_grants_case ON secrecy_grants(case_id, id);
