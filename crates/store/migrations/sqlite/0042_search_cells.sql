-- Search (ADR 61): a query's facets counted from the full-text index alone. Every document
-- belongs to one cell, its kind, body, year and readers together; the FTS5 row id of a
-- document is its cell's id times 2^32 plus the document's id, so counting the matches of each
-- cell reads only the words' lists of row ids and never a document (which made a common word,
-- 90,000 matches at national scale, cost 320 ms). The index keeps no copy of the terms
-- (`content = ''`): they are in `search_documents`, and the triggers hand them over.
CREATE TABLE search_cells (
    id      INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL,
    body_id BIGINT,
    year    INTEGER,
    readers BIGINT
);
CREATE UNIQUE INDEX search_cells_key
    ON search_cells (kind, IFNULL(body_id, -1), IFNULL(year, -1), IFNULL(readers, -2));

DROP TRIGGER search_documents_ai;
DROP TRIGGER search_documents_ad;
DROP TRIGGER search_documents_au;
DROP TABLE search_fts;

CREATE VIRTUAL TABLE search_fts USING fts5(
    title_terms, terms,
    content = '',
    tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN
    INSERT OR IGNORE INTO search_cells (kind, body_id, year, readers)
    VALUES (new.kind, new.body_id, new.year, new.readers);
    INSERT INTO search_fts (rowid, title_terms, terms)
    SELECT (c.id << 32) | new.id, new.title_terms, new.terms FROM search_cells c
    WHERE c.kind = new.kind AND IFNULL(c.body_id, -1) = IFNULL(new.body_id, -1)
      AND IFNULL(c.year, -1) = IFNULL(new.year, -1) AND IFNULL(c.readers, -2) = IFNULL(new.readers, -2);
END;
CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN
    INSERT INTO search_fts (search_fts, rowid, title_terms, terms)
    SELECT 'delete', (c.id << 32) | old.id, old.title_terms, old.terms FROM search_cells c
    WHERE c.kind = old.kind AND IFNULL(c.body_id, -1) = IFNULL(old.body_id, -1)
      AND IFNULL(c.year, -1) = IFNULL(old.year, -1) AND IFNULL(c.readers, -2) = IFNULL(old.readers, -2);
END;
-- A document is replaced (deleted and inserted, `search::index`), never updated in place: its
-- cell and so its row id in the index would change.
CREATE TRIGGER search_documents_bu BEFORE UPDATE ON search_documents BEGIN
    SELECT RAISE(ABORT, 'search documents are replaced, not updated');
END;

INSERT OR IGNORE INTO search_cells (kind, body_id, year, readers)
SELECT DISTINCT kind, body_id, year, readers FROM search_documents;
INSERT INTO search_fts (rowid, title_terms, terms)
SELECT (c.id << 32) | d.id, d.title_terms, d.terms FROM search_documents d JOIN search_cells c
    ON c.kind = d.kind AND IFNULL(c.body_id, -1) = IFNULL(d.body_id, -1)
   AND IFNULL(c.year, -1) = IFNULL(d.year, -1) AND IFNULL(c.readers, -2) = IFNULL(d.readers, -2);
