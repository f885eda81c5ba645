-- Search (ADR 20): one row per thing that can be found, its terms stemmed in Rust, and an FTS5
-- index over those terms kept in step by triggers. `readers` is NULL for public documents and
-- otherwise the body whose members may read them (drafts). `owner` names the write that
-- indexes the row ("meeting:12"), so that write can replace its documents at once.
CREATE TABLE search_documents (
    id          INTEGER PRIMARY KEY,
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
    UNIQUE (kind, ref_id)
);
CREATE INDEX search_documents_owner ON search_documents(owner);

CREATE VIRTUAL TABLE search_fts USING fts5(
    title_terms, terms,
    content = 'search_documents', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
    INSERT INTO search_fts (rowid, title_terms, terms) VALUES (new.id, new.title_terms, new.terms);
END;
CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_terms, terms)
    VALUES ('delete', old.id, old.title_terms, old.terms);
END;
CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_terms, terms)
    VALUES ('delete', old.id, old.title_terms, old.terms);
    INSERT INTO search_fts (rowid, title_terms, terms) VALUES (new.id, new.title_terms, new.terms);
END;
