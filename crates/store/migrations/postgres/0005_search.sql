-- Search (ADR 20): one row per thing that can be found, its terms stemmed in Rust, and a GIN
-- index over a tsvector of those terms (the 'simple' configuration only splits on white space
-- and lower-cases, so the Rust stems are the lexemes). `readers` is NULL for public documents
-- and otherwise the body whose members may read them (drafts). `owner` names the write that
-- indexes the row ("meeting:12"), so that write can replace its documents at once.
CREATE TABLE search_documents (
    id          BIGSERIAL PRIMARY KEY,
    kind        TEXT NOT NULL,
    ref_id      BIGINT NOT NULL,
    owner       TEXT NOT NULL,
    title       TEXT NOT NULL,
    text        TEXT NOT NULL,
    url         TEXT NOT NULL,
    body_id     BIGINT,
    year        INTEGER,
    date        TEXT NOT NULL,
    readers     BIGINT,
    title_terms TEXT NOT NULL,
    terms       TEXT NOT NULL,
    tsv         tsvector GENERATED ALWAYS AS (to_tsvector('simple', title_terms || ' ' || terms)) STORED,
    title_tsv   tsvector GENERATED ALWAYS AS (to_tsvector('simple', title_terms)) STORED,
    UNIQUE (kind, ref_id)
);
CREATE INDEX search_documents_owner ON search_documents(owner);
CREATE INDEX search_documents_tsv ON search_documents USING GIN (tsv);
