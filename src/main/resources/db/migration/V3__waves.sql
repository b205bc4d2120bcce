-- Tixing schema v3: reminder waves, pacing plans, loan cadences and the lender event outbox.

-- A named wave. Its recipients are ordinary reminders (reminder.wave_id); the counters are written in the
-- same transaction as the reminders they count, so progress always reconciles.
CREATE TABLE wave (
    id            UUID PRIMARY KEY,
    client        TEXT        NOT NULL,
    name          TEXT        NOT NULL,
    header        JSONB       NOT NULL,             -- the wave header as accepted (template, channels, start, pacing...)
    state         TEXT        NOT NULL,             -- LOADING, ACTIVE, PAUSED, CANCELLED
    accepted      BIGINT      NOT NULL DEFAULT 0,
    invalid       BIGINT      NOT NULL DEFAULT 0,
    cron          TEXT,                             -- recurring waves: Quartz cron, evaluated in UTC
    next_run_at   TIMESTAMPTZ,                      -- next recurring run (null: not recurring)
    runs          INT         NOT NULL DEFAULT 1,   -- runs planned so far (the first is the upload itself)
    created_by    TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    paused_by     TEXT,
    cancelled_by  TEXT,
    cancelled_at  TIMESTAMPTZ
);
CREATE INDEX wave_recurring ON wave (next_run_at) WHERE next_run_at IS NOT NULL;
CREATE INDEX reminder_wave ON reminder (wave_id, status) WHERE wave_id IS NOT NULL;

-- Pacing is planned in the database: for each (wave, channel, start instant) the next free slot number.
-- The i-th recipient of a channel is due at start + i / rate, whichever instance accepted it.
CREATE TABLE wave_pace (
    wave_id   UUID        NOT NULL REFERENCES wave(id),
    channel   TEXT        NOT NULL,
    start_at  TIMESTAMPTZ NOT NULL,
    planned   BIGINT      NOT NULL,
    PRIMARY KEY (wave_id, channel, start_at)
);

-- A loan enrolled in a cadence (playbook). Advanced once per borrower-local day.
CREATE TABLE loan_enrollment (
    client            TEXT        NOT NULL,
    loan_id           TEXT        NOT NULL,
    borrower_id       TEXT        NOT NULL REFERENCES borrower(id),
    zone              TEXT        NOT NULL,         -- the borrower's zone: decides when the local date changes
    cadence           TEXT        NOT NULL,
    status            TEXT        NOT NULL,         -- ACTIVE, PAID, CLOSED
    due_date          DATE        NOT NULL,
    request           JSONB       NOT NULL,         -- borrower + loan snapshot for the reminders a step creates
    last_advanced_on  DATE,                         -- borrower-local date of the last advance
    handed_off_at     TIMESTAMPTZ,                  -- escalated to a human: no more automated steps
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (client, loan_id)
);
CREATE INDEX loan_enrollment_active ON loan_enrollment (last_advanced_on) WHERE status = 'ACTIVE' AND handed_off_at IS NULL;

-- Each cadence step of a loan runs exactly once, whatever the number of instances or ticks.
CREATE TABLE cadence_step_run (
    client       TEXT        NOT NULL,
    loan_id      TEXT        NOT NULL,
    step         TEXT        NOT NULL,
    day          INT         NOT NULL,
    reminder_id  UUID,                              -- null for the hand-off step and skipped steps
    outcome      TEXT        NOT NULL,              -- CREATED, HANDOFF, SKIPPED_NO_CONTACT_POINT
    run_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (client, loan_id, step)
);

-- Outbox of events for the lender (e.g. borrower.escalate), delivered with an HMAC signature and retried.
CREATE TABLE lender_event (
    id               BIGSERIAL PRIMARY KEY,
    type             TEXT        NOT NULL,
    dedup_key        TEXT        NOT NULL UNIQUE,   -- one event per fact, e.g. borrower.escalate:client:loan
    client           TEXT        NOT NULL,
    payload          JSONB       NOT NULL,
    status           TEXT        NOT NULL,          -- PENDING, DELIVERED, FAILED, UNDELIVERED_NO_URL
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    delivered_at     TIMESTAMPTZ
);
CREATE INDEX lender_event_due ON lender_event (next_attempt_at) WHERE status = 'PENDING';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${app_role}') AND current_user <> '${app_role}' THEN
        EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON wave, wave_pace, loan_enrollment, cadence_step_run, lender_event TO ${app_role}';
        EXECUTE 'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app_role}';
    END IF;
END $$;
