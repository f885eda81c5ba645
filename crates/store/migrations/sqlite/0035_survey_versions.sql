-- A survey's version (review finding 2). The PostgreSQL twin has the same meaning.
--
-- Counts the changes to a survey's own fields, its definition and its state. An edit names the
-- version it began from in its UPDATE's WHERE, so of two edits begun from the same version the
-- second changes nothing and is refused (409) instead of overwriting the first.

ALTER TABLE surveys ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
