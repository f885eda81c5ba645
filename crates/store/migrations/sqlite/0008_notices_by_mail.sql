-- The notice (kallelse) by e-mail, and messages with attachments (ADR 24). The PostgreSQL twin
-- has the same meaning.

-- Files that go with an outbox message (the notice's iCalendar invitation, a decision's
-- certified extract), kept with it so the delivery job sends exactly what was written and
-- administrators see what went out.
CREATE TABLE outbox_attachments (
    id           INTEGER PRIMARY KEY,
    message_id   BIGINT NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
    position     BIGINT NOT NULL,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    bytes        BLOB NOT NULL,
    UNIQUE (message_id, position)
);

-- That a meeting's notice was sent by e-mail: when, by whom, and the meeting's sequence at the
-- last invitation that went out (an update or a cancellation raises it). One row per meeting.
CREATE TABLE meeting_notices (
    meeting_id   BIGINT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    sent_at      TEXT NOT NULL,
    sent_by      BIGINT REFERENCES users(id) ON DELETE SET NULL,
    sent_by_name TEXT NOT NULL,
    sequence     BIGINT NOT NULL
);

-- An organisation's e-mail address, where the decisions sent to it ("Beslutet skickas till")
-- are mailed.
ALTER TABLE organisations ADD COLUMN email TEXT;

-- The language the product writes to a person in (e-mail): sv or en.
ALTER TABLE people ADD COLUMN lang TEXT NOT NULL DEFAULT 'sv';

-- Per person and kind of message (notice, adjustment, decisions): immediately (no row), digest
-- or never. A message held for the daily digest stays in the outbox as 'held' with its person
-- until the morning's run gathers it ('digested').
CREATE TABLE mail_settings (
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    mode      TEXT NOT NULL,
    PRIMARY KEY (person_id, kind)
);
ALTER TABLE outbox ADD COLUMN person_id BIGINT REFERENCES people(id) ON DELETE SET NULL;
CREATE INDEX outbox_held ON outbox(status, person_id);
