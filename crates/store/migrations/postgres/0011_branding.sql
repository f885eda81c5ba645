-- The installation's own look (issue 9): one row, id 1, written by administrators. No row means
-- the product's own name and colours. The logo's bytes live here on both engines (at most
-- 256 KiB), so every process serves the same logo; logo_digest names its version in addresses.

CREATE TABLE branding (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    accent      TEXT,
    logo_type   TEXT,
    logo        BYTEA,
    logo_digest TEXT,
    updated_at  TIMESTAMPTZ NOT NULL
);
