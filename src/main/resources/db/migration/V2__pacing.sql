-- Per-channel send pacing shared by every instance: each send reserves the next slot on its channel's row.
CREATE TABLE channel_pace (
    channel    TEXT PRIMARY KEY,
    next_slot  TIMESTAMPTZ NOT NULL
);
INSERT INTO channel_pace (channel, next_slot) VALUES ('SMS', '-infinity'), ('EMAIL', '-infinity'), ('VOICE', '-infinity');

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${app_role}') AND current_user <> '${app_role}' THEN
        EXECUTE 'GRANT SELECT, UPDATE ON channel_pace TO ${app_role}';
    END IF;
END $$;
