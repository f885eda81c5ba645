-- Meetings and protocols: meetings with their agenda, attachments (files by content hash),
-- attendance, protocol paragraphs, the adjusted versions of each protocol with their approvals,
-- and the announcements of the notice board. The PostgreSQL twin has the same meaning.
--
-- A paragraph's proposals, votes, dissents and conflicts of interest are JSON arrays in the
-- paragraph's row: they are read and written with the paragraph, never on their own (ADR 13).

CREATE TABLE meetings (
    id           INTEGER PRIMARY KEY,
    body_id      INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    date         TEXT NOT NULL,
    start_time   TEXT,
    end_time     TEXT,
    place        TEXT,
    online_url   TEXT,
    status       TEXT NOT NULL,
    chair_id     INTEGER REFERENCES people(id) ON DELETE SET NULL,
    secretary_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    adjusters    TEXT NOT NULL,
    sequence     INTEGER NOT NULL,
    adjusted_on  TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX meetings_body_date ON meetings(body_id, date);
CREATE INDEX meetings_date ON meetings(date, id);
CREATE INDEX meetings_updated ON meetings(updated_at, id);

CREATE TABLE agenda_items (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    case_number TEXT,
    presenters  TEXT NOT NULL,
    description TEXT,
    starts_at   TEXT,
    ends_at     TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position);
CREATE INDEX agenda_items_updated ON agenda_items(updated_at, id);

CREATE TABLE files (
    sha256     TEXT PRIMARY KEY,
    size       BIGINT NOT NULL,
    mime       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE attachments (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    agenda_item_id INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
    number         INTEGER NOT NULL,
    title          TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    sha256         TEXT NOT NULL REFERENCES files(sha256),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (meeting_id, number)
);
CREATE INDEX attachments_updated ON attachments(updated_at, id);

CREATE TABLE attendance (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    person_id      INTEGER REFERENCES people(id) ON DELETE SET NULL,
    name           TEXT NOT NULL,
    party          TEXT,
    organisation   TEXT,
    role           TEXT NOT NULL,
    present        BOOLEAN NOT NULL,
    replaces_id    INTEGER REFERENCES people(id) ON DELETE SET NULL,
    from_paragraph INTEGER,
    to_paragraph   INTEGER
);
CREATE INDEX attendance_meeting ON attendance(meeting_id, position);

CREATE TABLE paragraphs (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    body_id        INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    year           INTEGER NOT NULL,
    number         INTEGER NOT NULL,
    agenda_item_id INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
    title          TEXT NOT NULL,
    case_number    TEXT,
    decision       TEXT NOT NULL,
    summary        TEXT,
    basis          TEXT NOT NULL,
    recipients     TEXT NOT NULL,
    attachments    TEXT NOT NULL,
    motions        TEXT NOT NULL,
    votes          TEXT NOT NULL,
    dissents       TEXT NOT NULL,
    conflicts      TEXT NOT NULL,
    immediate      BOOLEAN NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (body_id, year, number)
);
CREATE INDEX paragraphs_meeting ON paragraphs(meeting_id, number);

CREATE TABLE protocol_versions (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    content    TEXT NOT NULL,
    digest     TEXT NOT NULL,
    reason     TEXT,
    corrected  TEXT,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    locked_at  TEXT,
    UNIQUE (meeting_id, version)
);

CREATE TABLE approvals (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    paragraph   INTEGER NOT NULL,
    person_id   INTEGER NOT NULL REFERENCES people(id),
    user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    role        TEXT NOT NULL,
    name        TEXT NOT NULL,
    digest      TEXT NOT NULL,
    approved_at TEXT NOT NULL,
    UNIQUE (meeting_id, version, paragraph, person_id)
);

CREATE TABLE announcements (
    id              INTEGER PRIMARY KEY,
    meeting_id      INTEGER NOT NULL UNIQUE REFERENCES meetings(id) ON DELETE CASCADE,
    body_id         INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    body_name       TEXT NOT NULL,
    meeting_date    TEXT NOT NULL,
    paragraphs      TEXT NOT NULL,
    adjusted_on     TEXT NOT NULL,
    posted_on       TEXT,
    appeal_deadline TEXT,
    takedown_on     TEXT,
    kept_at         TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX announcements_takedown ON announcements(takedown_on, id);
CREATE INDEX announcements_posted ON announcements(posted_on, id);
