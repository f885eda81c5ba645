-- Search (ADR 61): a query's facets counted without reading the documents. Every document
-- belongs to one cell, its kind, body, year and readers together. `search_terms` holds, for
-- each document, its cell and a copy of its tsvector under a GIN index of its own: its rows
-- hold no texts (80 MB against 246 MB for 384,000 documents; `toast_tuple_target` lets
-- PostgreSQL compress the tsvector early, and the GIN index answers these queries without
-- reading it again), so counting the matches of each cell reads a third of the pages that
-- `search_documents` took (a common word matches 90,000 documents at national scale). The
-- SQLite twin keeps the cell in the full-text index's row ids instead.
CREATE TABLE search_cells (
    id      SERIAL PRIMARY KEY,
    kind    TEXT NOT NULL,
    body_id BIGINT,
    year    INTEGER,
    readers BIGINT
);
CREATE UNIQUE INDEX search_cells_key
    ON search_cells (kind, COALESCE(body_id, -1), COALESCE(year, -1), COALESCE(readers, -2));

CREATE TABLE search_terms (
    id   BIGINT PRIMARY KEY REFERENCES search_documents(id) ON DELETE CASCADE,
    cell INTEGER NOT NULL REFERENCES search_cells(id),
    tsv  tsvector NOT NULL
) WITH (toast_tuple_target = 128);

-- The cell of a document, made when it is the first of its cell (looked up first, so that
-- the sequence is not spent on every document; a writer that loses the race finds the
-- winner's on the next turn).
CREATE FUNCTION search_cell(k TEXT, b BIGINT, y INTEGER, r BIGINT) RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE c INTEGER;
BEGIN
    LOOP
        SELECT id INTO c FROM search_cells WHERE kind = k AND COALESCE(body_id, -1) = COALESCE(b, -1)
            AND COALESCE(year, -1) = COALESCE(y, -1) AND COALESCE(readers, -2) = COALESCE(r, -2);
        EXIT WHEN FOUND;
        INSERT INTO search_cells (kind, body_id, year, readers) VALUES (k, b, y, r) ON CONFLICT DO NOTHING;
    END LOOP;
    RETURN c;
END $$;

CREATE FUNCTION search_documents_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_terms (id, cell, tsv)
    VALUES (NEW.id, search_cell(NEW.kind, NEW.body_id, NEW.year, NEW.readers), NEW.tsv)
    ON CONFLICT (id) DO UPDATE SET cell = EXCLUDED.cell, tsv = EXCLUDED.tsv;
    RETURN NULL;
END $$;
CREATE TRIGGER search_documents_terms AFTER INSERT OR UPDATE ON search_documents
    FOR EACH ROW EXECUTE FUNCTION search_documents_terms();

INSERT INTO search_cells (kind, body_id, year, readers)
SELECT DISTINCT kind, body_id, year, readers FROM search_documents;
INSERT INTO search_terms (id, cell, tsv)
SELECT d.id, c.id, d.tsv FROM search_documents d JOIN search_cells c
    ON c.kind = d.kind AND COALESCE(c.body_id, -1) = COALESCE(d.body_id, -1)
   AND COALESCE(c.year, -1) = COALESCE(d.year, -1) AND COALESCE(c.readers, -2) = COALESCE(d.readers, -2);
CREATE INDEX search_terms_tsv ON search_terms USING GIN (tsv);
