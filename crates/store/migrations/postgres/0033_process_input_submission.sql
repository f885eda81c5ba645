-- Processes: a resent input (issue 14). The SQLite twin has the same meaning.
--
-- The public input form carries a submission key; a double submit or a retry with the same key
-- returns the first input of the process instead of saving a second. Inputs received before
-- this migration have none (NULL keys never collide).

ALTER TABLE process_inputs ADD COLUMN submission_key TEXT;
CREATE UNIQUE INDEX process_inputs_submission ON process_inputs(process_id, submission_key);
