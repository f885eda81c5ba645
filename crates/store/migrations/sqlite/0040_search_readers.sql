-- Search (ADR 20, amended): documents with several kinds of readers. `search_documents.readers`
-- is NULL for public documents, 0 for documents every signed-in reader may read (a strategy
-- being drawn up), a body's id for that body's drafts, and -1 for documents whose readers are
-- listed here: the members and secretaries of `body_id`, or the registrars of
-- `organisation_id` (an unpublished process: the bodies involved and its owner). The PostgreSQL
-- twin has the same meaning.
CREATE TABLE search_readers (
    document_id     INTEGER NOT NULL REFERENCES search_documents(id) ON DELETE CASCADE,
    body_id         BIGINT,
    organisation_id BIGINT,
    CHECK ((body_id IS NULL) <> (organisation_id IS NULL))
);
CREATE INDEX search_readers_document ON search_readers(document_id);
CREATE INDEX search_readers_body ON search_readers(body_id) WHERE body_id IS NOT NULL;
CREATE INDEX search_readers_organisation ON search_readers(organisation_id) WHERE organisation_id IS NOT NULL;
