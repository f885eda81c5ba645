-- Search (ADR 20, amended): the documents newest first, so that a query with many matches finds
-- its first page by walking this index and stopping at the page's end instead of sorting every
-- match.
CREATE INDEX search_documents_order ON search_documents (date DESC, ref_id DESC);
