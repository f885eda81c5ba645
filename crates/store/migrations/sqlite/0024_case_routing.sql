-- Case routing (issue 11, seed 001 § 6.2). The PostgreSQL twin has the same meaning.
--
-- case_routes holds the traits a secretary recorded for a case (what it is about); the path
-- domain::cases::routing proposes from them is written as case_route_steps, one row per step
-- (prepare / handle in a line's group, referral, the boards' decisions) with its status
-- (planned / done / skipped). A step added by a deviation has proposed = FALSE; its reason, and
-- the reason of every removal, change and skip, is a row of case_route_deviations, which the
-- timeline shows and which outlives the steps it names (its text says what the step was).
-- Recording the traits again writes the new proposal's steps; the deviations stay as history.

CREATE TABLE case_routes (
    case_id                    INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    division_of_responsibility BOOLEAN NOT NULL,
    within_care                BOOLEAN NOT NULL,
    strategy                   TEXT,
    needs_formal_views         BOOLEAN NOT NULL,
    needs_board_decisions      BOOLEAN NOT NULL,
    funds_joint_initiatives    BOOLEAN NOT NULL,
    recorded_at                TEXT NOT NULL
);

CREATE TABLE case_route_steps (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES case_routes(case_id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    line        TEXT,
    status      TEXT NOT NULL,
    proposed    BOOLEAN NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX case_route_steps_case ON case_route_steps(case_id, id);

CREATE TABLE case_route_deviations (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES case_routes(case_id) ON DELETE CASCADE,
    action      TEXT NOT NULL,
    step_before TEXT,
    step_after  TEXT,
    reason      TEXT NOT NULL,
    recorded_on TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX case_route_deviations_case ON case_route_deviations(case_id, id);
