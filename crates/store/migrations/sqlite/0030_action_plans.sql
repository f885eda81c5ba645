-- Action plans, follow-up rounds and the annual report of a strategy (issue 13, ADR 51). The
-- PostgreSQL twin has the same meaning.
--
-- strategy_node_indicators: the indicators that follow up a node of a strategy's tree.
-- action_plans: a forum's (a body's) plan for a period of years (seed 003: "Handlingsplaner för
-- forum inom Gemensamt ledningssystem för samverkan 2022–2024"); action_focus_areas: its focus
-- areas in order; action_activities: what is done, by whom (organisation, body), when, its
-- status as set (not_started, started, done, cancelled: "late" is derived from ends_on and the
-- day) and progress in per cent; linked to strategy nodes and indicators.
-- followup_rounds: a body asks the forums for their summaries by a date (ReKo, "före
-- 2024-11-08"); followup_answers: one per round and plan, its summary text and when it was
-- submitted; followup_lines: the status and progress each activity was given in the answer.
-- report_texts: the text of a strategy area in the annual report of a year.

CREATE TABLE strategy_node_indicators (
    node_id      INTEGER NOT NULL REFERENCES strategy_nodes(id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    PRIMARY KEY (node_id, indicator_id)
);
CREATE INDEX strategy_node_indicators_indicator ON strategy_node_indicators(indicator_id);

CREATE TABLE action_plans (
    id          INTEGER PRIMARY KEY,
    body_id     INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    summary     TEXT,
    first_year  INTEGER NOT NULL,
    last_year   INTEGER NOT NULL,
    published   BOOLEAN NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX action_plans_body ON action_plans(body_id, first_year);

CREATE TABLE action_focus_areas (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES action_plans(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    position    INTEGER NOT NULL
);
CREATE INDEX action_focus_areas_plan ON action_focus_areas(plan_id, position);

CREATE TABLE action_activities (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES action_plans(id) ON DELETE CASCADE,
    area_id         INTEGER REFERENCES action_focus_areas(id) ON DELETE SET NULL,
    title           TEXT NOT NULL,
    description     TEXT,
    organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
    body_id         INTEGER REFERENCES bodies(id) ON DELETE SET NULL,
    starts_on       TEXT NOT NULL,
    ends_on         TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('not_started', 'started', 'done', 'cancelled')),
    progress        INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX action_activities_plan ON action_activities(plan_id, area_id);

CREATE TABLE action_activity_nodes (
    activity_id INTEGER NOT NULL REFERENCES action_activities(id) ON DELETE CASCADE,
    node_id     INTEGER NOT NULL REFERENCES strategy_nodes(id) ON DELETE CASCADE,
    PRIMARY KEY (activity_id, node_id)
);
CREATE INDEX action_activity_nodes_node ON action_activity_nodes(node_id);

CREATE TABLE action_activity_indicators (
    activity_id  INTEGER NOT NULL REFERENCES action_activities(id) ON DELETE CASCADE,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    PRIMARY KEY (activity_id, indicator_id)
);

CREATE TABLE followup_rounds (
    id          INTEGER PRIMARY KEY,
    body_id     INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    year        INTEGER NOT NULL,
    due_on      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE followup_answers (
    round_id     INTEGER NOT NULL REFERENCES followup_rounds(id) ON DELETE CASCADE,
    plan_id      INTEGER NOT NULL REFERENCES action_plans(id) ON DELETE CASCADE,
    summary      TEXT,
    submitted_on TEXT,
    submitted_by TEXT,
    PRIMARY KEY (round_id, plan_id)
);
CREATE INDEX followup_answers_plan ON followup_answers(plan_id);

CREATE TABLE followup_lines (
    round_id    INTEGER NOT NULL REFERENCES followup_rounds(id) ON DELETE CASCADE,
    activity_id INTEGER NOT NULL REFERENCES action_activities(id) ON DELETE CASCADE,
    status      TEXT NOT NULL,
    progress    INTEGER NOT NULL,
    comment     TEXT,
    PRIMARY KEY (round_id, activity_id)
);
CREATE INDEX followup_lines_activity ON followup_lines(activity_id);

CREATE TABLE report_texts (
    strategy_id INTEGER NOT NULL REFERENCES strategies(id) ON DELETE CASCADE,
    year        INTEGER NOT NULL,
    node_id     INTEGER NOT NULL REFERENCES strategy_nodes(id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (strategy_id, year, node_id)
);
