-- A process's phases in the order their owner gives them (issue 14): phases may overlap (seed
-- 002 runs "Dialog/förankring" beside the drafting), so the plan's order is kept as a place, 1
-- first, rather than read from the start days alone. Existing phases keep the order they were
-- shown in: by start day, then by when they were made.
ALTER TABLE process_phases ADD COLUMN position BIGINT NOT NULL DEFAULT 0;
UPDATE process_phases SET position = (
    SELECT COUNT(*) FROM process_phases q
    WHERE q.process_id = process_phases.process_id
      AND (q.starts_on < process_phases.starts_on OR (q.starts_on = process_phases.starts_on AND q.id <= process_phases.id))
);
CREATE INDEX process_phases_position ON process_phases(process_id, position);
