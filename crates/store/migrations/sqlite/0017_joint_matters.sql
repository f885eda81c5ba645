-- Joint matters (gemensamma ärenden, issue 11, rule 9). The PostgreSQL twin has the same meaning.
--
-- A joint matter belongs to a case (of the region that sends it) and may name the protocol
-- paragraph of the consultation group that recommended it. Its decision points (seed 000's
-- "Förslag till beslut" 1–3) are a JSON array of texts. Each organisation it is sent to has a
-- row in joint_parties: where its decision stands and, once recorded, the decision itself (one
-- outcome over the points, ADR 38), who recorded it and, when the region's officer recorded it
-- on the organisation's behalf, the note saying why (ADR 39). The extract (protokollsutdrag) is
-- a content-addressed file of 0003, as case documents' files are. Follow-up items are the duty
-- to report back, with due dates.

CREATE TABLE joint_matters (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    owner_id     INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    paragraph_id INTEGER REFERENCES paragraphs(id) ON DELETE SET NULL,
    title        TEXT NOT NULL,
    points       TEXT NOT NULL,
    due_on       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX joint_matters_case ON joint_matters(case_id);
CREATE INDEX joint_matters_paragraph ON joint_matters(paragraph_id);

CREATE TABLE joint_parties (
    matter_id       INTEGER NOT NULL REFERENCES joint_matters(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    status          TEXT NOT NULL,
    sent_on         TEXT,
    decided_on      TEXT,
    decision_body   TEXT,
    paragraph       TEXT,
    decision_text   TEXT,
    outcome         TEXT,
    recorded_by     TEXT,
    on_behalf_note  TEXT,
    extract_name    TEXT,
    extract_sha256  TEXT REFERENCES files(sha256),
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (matter_id, organisation_id)
);
CREATE INDEX joint_parties_organisation ON joint_parties(organisation_id, status);

CREATE TABLE joint_follow_ups (
    id              INTEGER PRIMARY KEY,
    matter_id       INTEGER NOT NULL REFERENCES joint_matters(id) ON DELETE CASCADE,
    organisation_id INTEGER REFERENCES organisations(id) ON DELETE CASCADE,
    text            TEXT NOT NULL,
    due_on          TEXT NOT NULL,
    done_on         TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX joint_follow_ups_matter ON joint_follow_ups(matter_id, due_on);
