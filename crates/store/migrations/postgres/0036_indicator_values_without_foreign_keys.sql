-- The indicator import's values without foreign keys (ADR 57). PostgreSQL checks a foreign key
-- by a trigger per inserted row; measured, the two of indicator_values took two thirds of an
-- import's insert (docs/performance.md, "Indicator import"). The store keeps the references
-- itself: values and history are written only by the import, inside the transaction that holds
-- the indicator's row lock and inserts the import's row, and `Store::delete_indicator` deletes
-- an indicator's history and values before the indicator (whose imports still go with it by
-- their own foreign key). The SQLite twin has the same meaning.

ALTER TABLE indicator_values DROP CONSTRAINT indicator_values_indicator_id_fkey;
ALTER TABLE indicator_values DROP CONSTRAINT indicator_values_import_id_fkey;
ALTER TABLE indicator_value_history DROP CONSTRAINT indicator_value_history_indicator_id_fkey;
ALTER TABLE indicator_value_history DROP CONSTRAINT indicator_value_history_import_id_fkey;
ALTER TABLE indicator_value_history DROP CONSTRAINT indicator_value_history_superseded_by_fkey;
