-- Processes (issue 14, first part). The PostgreSQL twin has the same meaning.
--
-- processes: a process with its owner organisation, whether the public sees it (published) and
-- may send inputs (open_for_input), the strategy it drafts and the template it was made from.
-- process_phases and process_milestones: the plan with planned and actual dates; a milestone's
-- status is 'planned', 'done' or 'cancelled'. process_roles: the process organisation, each role
-- held by a body, an organisation or a group named in label. milestone_forums: the forums of a
-- milestone (a body, or a forum named) and their part: 'information', 'dialogue', 'anchoring',
-- 'decision'. milestone_links: what actually happened at a milestone, an agenda item or a
-- referral (kind and id; no foreign key, the link is dropped with its milestone and shown only
-- while its target exists).
--
-- process_stakeholders: the stakeholder analysis, interest and influence 1–4. process_questions:
-- the questions put to dialogues and inputs. process_dialogues with dialogue_questions: the
-- dialogue meetings. process_inputs: inputs (inspel) with their moderation; author_name and
-- author_email are never published, published_text is the masked text set on publication;
-- sender_address throttles the public form. Areas (strategy nodes) and Agenda 2030 codes of an
-- input are rows of input_areas and input_sdg.

CREATE TABLE processes (
    id             INTEGER PRIMARY KEY,
    owner_id       INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    title          TEXT NOT NULL,
    description    TEXT,
    published      BOOLEAN NOT NULL DEFAULT FALSE,
    open_for_input BOOLEAN NOT NULL DEFAULT FALSE,
    strategy_id    INTEGER REFERENCES strategies(id) ON DELETE SET NULL,
    template       TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX processes_owner ON processes(owner_id);

CREATE TABLE process_phases (
    id         INTEGER PRIMARY KEY,
    process_id INTEGER NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    starts_on  TEXT NOT NULL,
    ends_on    TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX process_phases_process ON process_phases(process_id, starts_on);

CREATE TABLE process_milestones (
    id         INTEGER PRIMARY KEY,
    process_id INTEGER NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    phase_id   INTEGER REFERENCES process_phases(id) ON DELETE SET NULL,
    title      TEXT NOT NULL,
    planned_on TEXT NOT NULL,
    actual_on  TEXT,
    status     TEXT NOT NULL,
    note       TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX process_milestones_process ON process_milestones(process_id, planned_on);

CREATE TABLE process_roles (
    id              INTEGER PRIMARY KEY,
    process_id      INTEGER NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    body_id         INTEGER REFERENCES bodies(id) ON DELETE CASCADE,
    organisation_id INTEGER REFERENCES organisations(id) ON DELETE CASCADE,
    label           TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX process_roles_process ON process_roles(process_id);
CREATE INDEX process_roles_body ON process_roles(body_id);

CREATE TABLE milestone_forums (
    id           INTEGER PRIMARY KEY,
    milestone_id INTEGER NOT NULL REFERENCES process_milestones(id) ON DELETE CASCADE,
    body_id      INTEGER REFERENCES bodies(id) ON DELETE CASCADE,
    name         TEXT,
    role         TEXT NOT NULL
);
CREATE INDEX milestone_forums_milestone ON milestone_forums(milestone_id);
CREATE INDEX milestone_forums_body ON milestone_forums(body_id);

CREATE TABLE milestone_links (
    milestone_id INTEGER NOT NULL REFERENCES process_milestones(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    target_id    INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (milestone_id, kind, target_id)
);
CREATE INDEX milestone_links_target ON milestone_links(kind, target_id);

CREATE TABLE process_stakeholders (
    id              INTEGER PRIMARY KEY,
    process_id      INTEGER NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    organisation_id INTEGER REFERENCES organisations(id) ON DELETE CASCADE,
    name            TEXT,
    kind            TEXT NOT NULL,
    interest        INTEGER NOT NULL,
    influence       INTEGER NOT NULL,
    invited         BOOLEAN NOT NULL,
    took_part       BOOLEAN NOT NULL,
    note            TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX process_stakeholders_process ON process_stakeholders(process_id);

CREATE TABLE process_questions (
    id         INTEGER PRIMARY KEY,
    process_id INTEGER NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    text       TEXT NOT NULL
);
CREATE INDEX process_questions_process ON process_questions(process_id, position);

CREATE TABLE process_dialogues (
    id                     INTEGER PRIMARY KEY,
    process_id             INTEGER NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    title                  TEXT NOT NULL,
    organisation_id        INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
    theme                  TEXT,
    held_on                TEXT NOT NULL,
    place                  TEXT,
    invitees_politics      TEXT,
    invitees_officials     TEXT,
    invitees_business      TEXT,
    invitees_civil_society TEXT,
    notes                  TEXT,
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL
);
CREATE INDEX process_dialogues_process ON process_dialogues(process_id, held_on);

CREATE TABLE dialogue_questions (
    dialogue_id INTEGER NOT NULL REFERENCES process_dialogues(id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES process_questions(id) ON DELETE CASCADE,
    PRIMARY KEY (dialogue_id, question_id)
);

CREATE TABLE process_inputs (
    id                INTEGER PRIMARY KEY,
    process_id        INTEGER NOT NULL REFERENCES processes(id) ON DELETE CASCADE,
    dialogue_id       INTEGER REFERENCES process_dialogues(id) ON DELETE SET NULL,
    question_id       INTEGER REFERENCES process_questions(id) ON DELETE SET NULL,
    kind              TEXT NOT NULL,
    author_name       TEXT,
    author_email      TEXT,
    organisation_name TEXT,
    text              TEXT NOT NULL,
    published_text    TEXT,
    status            TEXT NOT NULL,
    sender_address    TEXT,
    received_at       TEXT NOT NULL,
    moderated_at      TEXT
);
CREATE INDEX process_inputs_process ON process_inputs(process_id, status);
CREATE INDEX process_inputs_sender ON process_inputs(sender_address, received_at);

CREATE TABLE input_areas (
    input_id INTEGER NOT NULL REFERENCES process_inputs(id) ON DELETE CASCADE,
    node_id  INTEGER NOT NULL REFERENCES strategy_nodes(id) ON DELETE CASCADE,
    PRIMARY KEY (input_id, node_id)
);

CREATE TABLE input_sdg (
    input_id INTEGER NOT NULL REFERENCES process_inputs(id) ON DELETE CASCADE,
    code     TEXT NOT NULL,
    PRIMARY KEY (input_id, code)
);
