-- Background jobs and the outbox of e-mail. The PostgreSQL twin has the same meaning.
--
-- A job is enqueued in the transaction of the write that asks for it, so it exists exactly when
-- that write committed. `state` is queued, running, failed (will run again at `run_at`), dead
-- (gave up after too many attempts) or done. A running job whose `locked_until` has passed
-- belongs to a worker that died: any worker may claim it again. `dedupe_key` makes enqueueing
-- idempotent (a scheduled job per day, one message per recipient and event).

CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    dedupe_key   TEXT UNIQUE,
    state        TEXT NOT NULL,
    attempts     BIGINT NOT NULL,
    run_at       TEXT NOT NULL,
    locked_until TEXT,
    last_error   TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX jobs_due ON jobs(state, run_at, id);

-- Every e-mail the product writes, whether or not an SMTP server is configured: `status` is
-- queued, sent (with the server's answer), failed (with the server's answer; the job retries),
-- or outbox (no SMTP server: kept here for administrators to read).
CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY,
    dedupe_key    TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    recipient     TEXT NOT NULL,
    lang          TEXT NOT NULL,
    subject       TEXT NOT NULL,
    text_body     TEXT NOT NULL,
    html_body     TEXT NOT NULL,
    meeting_id    BIGINT REFERENCES meetings(id) ON DELETE SET NULL,
    status        TEXT NOT NULL,
    server_answer TEXT,
    attempts      BIGINT NOT NULL,
    created_at    TEXT NOT NULL,
    sent_at       TEXT
);
CREATE INDEX outbox_created ON outbox(created_at, id);
