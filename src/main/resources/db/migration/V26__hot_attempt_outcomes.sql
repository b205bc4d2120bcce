-- Tixing schema v26: an attempt's outcome (SENDING → SENT with the provider's id, or a failure) becomes a HOT update —
-- a new row version on the same page and no new entry in the table's indexes — as V24 did for reminder statuses.
-- Two indexes named columns that update writes:

-- 1. Open cases of unknown outcome were found by a partial index on status; any status change then had to update
--    every index. A stored flag computed from status changes only when an attempt enters or leaves UNKNOWN.
ALTER TABLE attempt ADD COLUMN outcome_unknown BOOLEAN GENERATED ALWAYS AS (status = 'UNKNOWN') STORED;
DROP INDEX IF EXISTS attempt_unknown_outcome;
CREATE INDEX attempt_unknown_outcome ON attempt (id) WHERE outcome_unknown;

-- 2. The provider's id (what a receipt or status callback without our attempt id names) is looked up in its own
--    table, written when an outcome first names it; attempt.provider_id stays as the attempt's own record of it.
DROP INDEX IF EXISTS attempt_provider; -- the index's name is the table's now
CREATE TABLE attempt_provider (
    provider_id TEXT PRIMARY KEY,
    attempt_id  UUID NOT NULL REFERENCES attempt (id)
);
INSERT INTO attempt_provider (provider_id, attempt_id) SELECT provider_id, id FROM attempt WHERE provider_id IS NOT NULL;

-- Room on each page for the new versions of its rows: a batch's attempts are inserted together and completed
-- together, so every row of a page changes in one statement (rows are ~600 bytes).
ALTER TABLE attempt SET (fillfactor = 40);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${app_role}') AND current_user <> '${app_role}' THEN
        EXECUTE 'GRANT SELECT, INSERT ON attempt_provider TO ${app_role}';
    END IF;
END $$;
