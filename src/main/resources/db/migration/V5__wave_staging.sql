-- Tixing schema v5: wave acceptance is split from planning.
-- An upload only validates each line and stages it here (one row per valid recipient, written with one statement
-- per chunk); WaveStagePlanner then turns staged rows into reminder + dispatch_task + REQUEST contact-log entry in
-- batches, deleting each staged row in the transaction that plans it. A recipient is therefore always either staged
-- or a reminder, never both and never neither, so wave progress (pending includes staged) keeps reconciling.
CREATE TABLE wave_staged (
    wave_id   UUID        NOT NULL REFERENCES wave(id),
    line      BIGINT      NOT NULL,                 -- file line (NDJSON) or 1-based index (inline JSON)
    request   TEXT        NOT NULL,                 -- the validated ReminderRequest as JSON
    due_at    TIMESTAMPTZ NOT NULL,                 -- start on the borrower's clock + pacing slot, fixed at acceptance
    PRIMARY KEY (wave_id, line)
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${app_role}') AND current_user <> '${app_role}' THEN
        EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON wave_staged TO ${app_role}';
    END IF;
END $$;
