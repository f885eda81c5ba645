-- Governing documents and the strategy model (issue 13). The PostgreSQL twin has the same meaning.
--
-- governing_documents: the register of strategies, programmes and plans, with who adopted each
-- (a registered body, or its name as written; the protocol paragraph when it is kept here), the
-- review rule ('between_elections', 'every_N_years', 'none') and the last review; the body it
-- was initiated from (seed 001's Bilaga 1). governing_relations: typed relations between two
-- documents (a symmetric one is kept once, lower id first).
--
-- strategies and strategy_nodes: a strategy's tree. A node's id is stable (later link tables, e.g.
-- node ↔ indicator, key on it); siblings are ordered by position, then id. Dimensions are a
-- comma-separated list in fixed order; a node's Agenda 2030 goals and targets and its owning
-- bodies are rows of their own. sdg_target_texts: the Swedish target texts an administrator adds
-- (the English texts and the goals' Swedish names ship in data/).

CREATE TABLE governing_documents (
    id                   INTEGER PRIMARY KEY,
    owner_id             INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    kind                 TEXT NOT NULL,
    title                TEXT NOT NULL,
    title_key            TEXT NOT NULL,
    summary              TEXT,
    valid_from           TEXT,
    valid_to             TEXT,
    adopted_body_id      INTEGER REFERENCES bodies(id) ON DELETE SET NULL,
    adopted_by           TEXT,
    adopted_on           TEXT,
    adopted_paragraph    TEXT,
    paragraph_id         INTEGER REFERENCES paragraphs(id) ON DELETE SET NULL,
    revision_rule        TEXT NOT NULL,
    reviewed_on          TEXT,
    initiated_by_body_id INTEGER REFERENCES bodies(id) ON DELETE SET NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX governing_documents_owner ON governing_documents(owner_id, title_key);
CREATE INDEX governing_documents_title ON governing_documents(title_key);

CREATE TABLE governing_relations (
    from_id    INTEGER NOT NULL REFERENCES governing_documents(id) ON DELETE CASCADE,
    to_id      INTEGER NOT NULL REFERENCES governing_documents(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (from_id, to_id, kind)
);
CREATE INDEX governing_relations_to ON governing_relations(to_id);

CREATE TABLE strategies (
    id          INTEGER PRIMARY KEY,
    owner_id    INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    vision      TEXT,
    first_year  INTEGER NOT NULL,
    last_year   INTEGER NOT NULL,
    status      TEXT NOT NULL,
    document_id INTEGER REFERENCES governing_documents(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX strategies_owner ON strategies(owner_id);

CREATE TABLE strategy_nodes (
    id          INTEGER PRIMARY KEY,
    strategy_id INTEGER NOT NULL REFERENCES strategies(id) ON DELETE CASCADE,
    parent_id   INTEGER REFERENCES strategy_nodes(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    description TEXT,
    dimensions  TEXT NOT NULL,
    position    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX strategy_nodes_strategy ON strategy_nodes(strategy_id, parent_id, position);

CREATE TABLE strategy_node_sdg (
    node_id INTEGER NOT NULL REFERENCES strategy_nodes(id) ON DELETE CASCADE,
    code    TEXT NOT NULL,
    PRIMARY KEY (node_id, code)
);
CREATE INDEX strategy_node_sdg_code ON strategy_node_sdg(code);

CREATE TABLE strategy_node_bodies (
    node_id INTEGER NOT NULL REFERENCES strategy_nodes(id) ON DELETE CASCADE,
    body_id INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    PRIMARY KEY (node_id, body_id)
);
CREATE INDEX strategy_node_bodies_body ON strategy_node_bodies(body_id);

CREATE TABLE sdg_target_texts (
    code       TEXT PRIMARY KEY,
    title_sv   TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
