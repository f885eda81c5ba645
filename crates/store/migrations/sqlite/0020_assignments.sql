-- Assignments (uppdrag, seed 001 § 4.2.1, issue 11). The PostgreSQL twin has the same meaning.
--
-- A group gives another group an assignment in a protocol paragraph (given_in): what, by when,
-- how to report back. The giver is the paragraph's body, kept here so that lists by body need no
-- join through the paragraph. The report back is the paragraph where it was presented
-- (reported_in); a paragraph removed from a working copy takes its assignments with it, and a
-- removed report paragraph leaves the assignment open again.

CREATE TABLE assignments (
    id              INTEGER PRIMARY KEY,
    given_in        INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    giver_id        INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    assignee_id     INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    what            TEXT NOT NULL,
    due_on          TEXT NOT NULL,
    report_how      TEXT NOT NULL,
    reported_in     INTEGER REFERENCES paragraphs(id) ON DELETE SET NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX assignments_giver ON assignments(giver_id, due_on);
CREATE INDEX assignments_assignee ON assignments(assignee_id, due_on);
CREATE INDEX assignments_given_in ON assignments(given_in);
CREATE INDEX assignments_reported_in ON assignments(reported_in);
