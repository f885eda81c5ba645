-- Attachments' bytes in the database, by the SHA-256 of their content (ADR 22). The SQLite
-- twin has the same meaning. `files` (0003) holds what is known about a file (size, type) and is
-- what attachments refer to; this table holds its bytes, written before the attachment is
-- recorded, as `DiskStore` writes its file. Used when the database is PostgreSQL, so that every
-- process serves every file and a `pg_dump` holds the whole installation; on SQLite the files
-- stay in the data directory and this table stays empty.

CREATE TABLE file_bytes (
    sha256     TEXT PRIMARY KEY,
    bytes      BYTEA NOT NULL,
    size       BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
