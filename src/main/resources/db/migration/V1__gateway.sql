-- Tixing schema v1: API keys, borrowers, reminders, dispatch outbox, attempts, contact log.
-- Migrated by the owner role; the app role (placeholder app_role) gets only what it needs.

CREATE TABLE api_key (
    id          BIGSERIAL PRIMARY KEY,
    client      TEXT        NOT NULL,
    key_hash    TEXT        NOT NULL UNIQUE,          -- SHA-256 of the key; the key itself is never stored
    key_prefix  TEXT        NOT NULL,                 -- first characters, to recognise a key in listings
    roles       TEXT[]      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    created_by  TEXT        NOT NULL,
    revoked_at  TIMESTAMPTZ,
    revoked_by  TEXT
);

-- Latest known facts about a borrower (as last sent by a loan system); also the per-borrower lock row.
CREATE TABLE borrower (
    id            TEXT PRIMARY KEY,
    name          TEXT,
    locale        TEXT,
    timezone      TEXT,
    jurisdiction  TEXT,
    phone         TEXT,
    email         TEXT,
    flags         TEXT[]      NOT NULL DEFAULT '{}',
    updated_at    TIMESTAMPTZ NOT NULL
);

-- Consent ledger state: opt-outs and holds currently in force (history lives in the contact log).
CREATE TABLE borrower_restriction (
    id           BIGSERIAL PRIMARY KEY,
    borrower_id  TEXT        NOT NULL REFERENCES borrower(id),
    kind         TEXT        NOT NULL,               -- OPT_OUT or HOLD
    value        TEXT        NOT NULL,               -- channel (SMS, EMAIL, VOICE, ALL) or hold type
    scope_loan   TEXT,                               -- null: all loans
    source       TEXT        NOT NULL,               -- SMS_REPLY, VOICE_DTMF, API, CONSOLE, PROVIDER
    actor        TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    lifted_at    TIMESTAMPTZ,
    lifted_by    TEXT
);
CREATE INDEX borrower_restriction_active ON borrower_restriction (borrower_id) WHERE lifted_at IS NULL;

-- Contact points the provider told us are unusable (invalid number, landline, bouncing mailbox).
CREATE TABLE invalid_contact_point (
    borrower_id   TEXT        NOT NULL REFERENCES borrower(id),
    channel       TEXT        NOT NULL,
    destination   TEXT        NOT NULL,
    error_code    TEXT,
    marked_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (borrower_id, channel, destination)
);

CREATE TABLE reminder (
    id                UUID PRIMARY KEY,
    client            TEXT        NOT NULL,
    request_id        TEXT        NOT NULL,
    request_hash      TEXT        NOT NULL,          -- canonical body hash: same requestId + other body => 409
    borrower_id       TEXT        NOT NULL REFERENCES borrower(id),
    loan_id           TEXT        NOT NULL,
    request           JSONB       NOT NULL,          -- the request as accepted (borrower + loan snapshot)
    template_key      TEXT,
    channels          TEXT[]      NOT NULL,
    channel_strategy  TEXT        NOT NULL,
    not_after         TIMESTAMPTZ,
    status            TEXT        NOT NULL,
    next_attempt_at   TIMESTAMPTZ,
    wave_id           UUID,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (client, request_id)
);
CREATE INDEX reminder_borrower ON reminder (borrower_id, created_at DESC);

-- The outbox: one task per reminder (FIRST_ALLOWED walks its channels) or per channel (ALL).
CREATE TABLE dispatch_task (
    id             BIGSERIAL PRIMARY KEY,
    reminder_id    UUID        NOT NULL REFERENCES reminder(id),
    borrower_id    TEXT        NOT NULL,
    channels       TEXT[]      NOT NULL,
    channel_index  INT         NOT NULL DEFAULT 0,
    state          TEXT        NOT NULL,             -- PENDING, LEASED, DONE
    due_at         TIMESTAMPTZ NOT NULL,
    lease_owner    TEXT,
    lease_until    TIMESTAMPTZ,
    retries        INT         NOT NULL DEFAULT 0,
    outcome        TEXT,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX dispatch_task_due ON dispatch_task (due_at) WHERE state = 'PENDING';
CREATE INDEX dispatch_task_lease ON dispatch_task (lease_until) WHERE state = 'LEASED';
CREATE INDEX dispatch_task_reminder ON dispatch_task (reminder_id);

-- One row per provider hand-off. Written as SENDING before calling out, so a crash never causes a blind resend.
CREATE TABLE attempt (
    id                UUID PRIMARY KEY,
    seq               BIGSERIAL   NOT NULL,          -- creation order, even within one clock tick
    task_id           BIGINT      NOT NULL REFERENCES dispatch_task(id),
    reminder_id       UUID        NOT NULL REFERENCES reminder(id),
    borrower_id       TEXT        NOT NULL,
    loan_id           TEXT        NOT NULL,
    channel           TEXT        NOT NULL,
    destination       TEXT        NOT NULL,
    template_key      TEXT,
    template_version  TEXT,
    locale            TEXT,
    content_hash      TEXT,
    subject           TEXT,
    body              TEXT,
    status            TEXT        NOT NULL,          -- SENDING, SENT, DELIVERED, UNDELIVERED, FAILED, RETRY, UNKNOWN
    provider_id       TEXT,
    error_code        TEXT,
    detail            TEXT,
    conversation      BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX attempt_borrower ON attempt (borrower_id, created_at DESC);
CREATE INDEX attempt_task ON attempt (task_id);
CREATE UNIQUE INDEX attempt_provider ON attempt (provider_id) WHERE provider_id IS NOT NULL;

-- The sandbox provider's own record of what it "sent" (it plays the provider when a channel has no credentials).
CREATE TABLE sandbox_message (
    id           TEXT PRIMARY KEY,
    attempt_id   UUID        NOT NULL UNIQUE,        -- the provider-side idempotency marker
    channel      TEXT        NOT NULL,
    destination  TEXT        NOT NULL,
    locale       TEXT,
    subject      TEXT,
    body         TEXT        NOT NULL,
    html         TEXT,
    received_at  TIMESTAMPTZ NOT NULL
);

-- Append-only, hash-chained contact log. Chains are partitioned by borrower so inserts only
-- serialise per chain (see docs/CONTACT-LOG.md).
CREATE TABLE contact_log_chain (
    chain_id   INT PRIMARY KEY,
    length     BIGINT NOT NULL,
    last_hash  TEXT   NOT NULL
);

CREATE TABLE contact_log (
    seq                BIGSERIAL PRIMARY KEY,
    chain_id           INT         NOT NULL,
    chain_pos          BIGINT      NOT NULL,
    at                 TIMESTAMPTZ NOT NULL,
    zone               TEXT,
    local_time         TEXT,
    kind               TEXT        NOT NULL,        -- REQUEST, DECISION, ATTEMPT, STATUS, INBOUND, CONSENT, ...
    borrower_id        TEXT,
    loan_id            TEXT,
    reminder_id        UUID,
    attempt_id         UUID,
    channel            TEXT,
    destination_masked TEXT,
    template_key       TEXT,
    template_version   TEXT,
    content_hash       TEXT,
    decision           TEXT,
    reasons            TEXT[]      NOT NULL DEFAULT '{}',
    rule_pack          TEXT,
    provider_id        TEXT,
    outcome            TEXT,
    actor              TEXT,
    detail             TEXT,
    until              TIMESTAMPTZ,
    prev_hash          TEXT        NOT NULL,
    hash               TEXT        NOT NULL,
    UNIQUE (chain_id, chain_pos)
);
CREATE INDEX contact_log_borrower ON contact_log (borrower_id, seq DESC);
CREATE INDEX contact_log_reminder ON contact_log (reminder_id, seq);

-- Nobody updates a contact-log entry, whatever their rights; deletes only through the retention purge.
CREATE FUNCTION contact_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('tixing.retention_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'contact_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER contact_log_append_only BEFORE UPDATE OR DELETE ON contact_log
    FOR EACH ROW EXECUTE FUNCTION contact_log_refuse_change();
CREATE TRIGGER contact_log_no_truncate BEFORE TRUNCATE ON contact_log
    FOR EACH STATEMENT EXECUTE FUNCTION contact_log_refuse_change();

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${app_role}') AND current_user <> '${app_role}' THEN
        EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON api_key, borrower, borrower_restriction, invalid_contact_point, reminder, dispatch_task, attempt, sandbox_message, contact_log_chain TO ${app_role}';
        EXECUTE 'GRANT SELECT, INSERT ON contact_log TO ${app_role}';
        EXECUTE 'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app_role}';
    END IF;
END $$;
