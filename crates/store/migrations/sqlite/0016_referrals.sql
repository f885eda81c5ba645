-- Referrals (remiss, issue 12). The PostgreSQL twin has the same meaning.
--
-- A referral belongs to a case and sends a version of a document (an accessible PDF, by its
-- digest in files) for views. Its sections are numbered per version: version 1 is the
-- referral version that comments are anchored to, later versions are compared with it. The
-- missiv's questions are overall (no section) or per section. A consultee is an organisation
-- or a named person, obliged to answer or invited; its personal answer link is a random token
-- of which only the SHA-256 is kept, with its expiry and revocation. An answer is a draft its
-- organisation's people share until it is submitted once; on submission it is registered in
-- the case's registry as an incoming document (case_document_id) in the same transaction.
-- Answers from the open form have no consultee and wait for moderation. Each comment gets one
-- response; the personal-data review writes each comment's published text (masked_text), and
-- the report moves draft → reviewed → published.

CREATE TABLE referrals (
    id                 INTEGER PRIMARY KEY,
    case_id            INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    title              TEXT NOT NULL,
    document_version   TEXT NOT NULL,
    sent_on            TEXT NOT NULL,
    deadline           TEXT NOT NULL,
    late_answers       TEXT NOT NULL,
    open_to_public     BOOLEAN NOT NULL DEFAULT FALSE,
    missiv             TEXT,
    status             TEXT NOT NULL,
    published_at       TEXT,
    document_sha256    TEXT REFERENCES files(sha256),
    document_file_name TEXT,
    report_status      TEXT NOT NULL,
    report_changes     TEXT,
    report_published_at TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX referrals_case ON referrals(case_id);
CREATE INDEX referrals_deadline ON referrals(status, deadline);

CREATE TABLE referral_sections (
    id          INTEGER PRIMARY KEY,
    referral_id INTEGER NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
    version     BIGINT NOT NULL,
    number      BIGINT NOT NULL,
    heading     TEXT NOT NULL,
    body        TEXT NOT NULL,
    UNIQUE (referral_id, version, number)
);

CREATE TABLE referral_questions (
    id          INTEGER PRIMARY KEY,
    referral_id INTEGER NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
    number      BIGINT NOT NULL,
    section     BIGINT,
    text        TEXT NOT NULL,
    UNIQUE (referral_id, number)
);

CREATE TABLE referral_consultees (
    id               INTEGER PRIMARY KEY,
    referral_id      INTEGER NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
    organisation_id  INTEGER REFERENCES organisations(id) ON DELETE CASCADE,
    person_id        INTEGER REFERENCES people(id) ON DELETE CASCADE,
    obligation       TEXT NOT NULL,
    token_hash       TEXT UNIQUE,
    token_expires_at TEXT,
    token_revoked_at TEXT,
    reminded_on      TEXT,
    created_at       TEXT NOT NULL,
    CHECK ((organisation_id IS NULL) <> (person_id IS NULL)),
    UNIQUE (referral_id, organisation_id),
    UNIQUE (referral_id, person_id)
);
CREATE INDEX referral_consultees_organisation ON referral_consultees(organisation_id);

CREATE TABLE referral_answers (
    id               INTEGER PRIMARY KEY,
    referral_id      INTEGER NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
    consultee_id     INTEGER UNIQUE REFERENCES referral_consultees(id) ON DELETE CASCADE,
    respondent_name  TEXT NOT NULL,
    respondent_email TEXT,
    private_person   BOOLEAN NOT NULL DEFAULT FALSE,
    position         TEXT,
    their_case_number TEXT,
    summary          TEXT,
    status           TEXT NOT NULL,
    late             BOOLEAN NOT NULL DEFAULT FALSE,
    submitted_at     TEXT,
    submitted_on     TEXT,
    submitted_by     TEXT,
    case_document_id INTEGER REFERENCES case_documents(id) ON DELETE SET NULL,
    moderation       TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX referral_answers_referral ON referral_answers(referral_id, status);

CREATE TABLE referral_answer_files (
    id         INTEGER PRIMARY KEY,
    answer_id  INTEGER NOT NULL REFERENCES referral_answers(id) ON DELETE CASCADE,
    file_name  TEXT NOT NULL,
    sha256     TEXT NOT NULL REFERENCES files(sha256),
    created_at TEXT NOT NULL
);
CREATE INDEX referral_answer_files_answer ON referral_answer_files(answer_id, id);

CREATE TABLE referral_question_answers (
    answer_id   INTEGER NOT NULL REFERENCES referral_answers(id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES referral_questions(id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    PRIMARY KEY (answer_id, question_id)
);

CREATE TABLE referral_comments (
    id          INTEGER PRIMARY KEY,
    answer_id   INTEGER NOT NULL REFERENCES referral_answers(id) ON DELETE CASCADE,
    section     BIGINT,
    text        TEXT NOT NULL,
    masked_text TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX referral_comments_answer ON referral_comments(answer_id, id);

CREATE TABLE referral_responses (
    comment_id INTEGER PRIMARY KEY REFERENCES referral_comments(id) ON DELETE CASCADE,
    verdict    TEXT NOT NULL,
    reason     TEXT,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
