-- Requests for official documents (begäran om allmän handling, issue 11, ADR 48). The
-- PostgreSQL twin has the same meaning.
--
-- A request is for a case of an organisation's registry, or one document in it. The name is
-- optional (TF 2 kap. 18 §); the address is where the answer goes. The client's network address
-- is kept for the throttle of the public form; the idempotency key (per case) makes a retried
-- submission the same request. A handled request has its outcome, the OSL provision of a
-- redaction or refusal, the registrar's note, and when and by whom it was handled.

CREATE TABLE document_requests (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    case_id         INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    document_id     INTEGER REFERENCES case_documents(id) ON DELETE SET NULL,
    what            TEXT NOT NULL,
    name            TEXT,
    email           TEXT NOT NULL,
    delivery        TEXT NOT NULL,
    status          TEXT NOT NULL,
    outcome         TEXT,
    provision       TEXT,
    note            TEXT,
    handled_by      TEXT,
    handled_at      TEXT,
    address         TEXT,
    idempotency_key TEXT,
    received_on     TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    UNIQUE (case_id, idempotency_key)
);
CREATE INDEX document_requests_queue ON document_requests(organisation_id, status, created_at);
CREATE INDEX document_requests_address ON document_requests(address, created_at);
