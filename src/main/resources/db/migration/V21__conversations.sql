-- Tixing schema v21: two-way conversations (docs/CONVERSATIONS.md).

-- A contact point the person holding it said is not the borrower's ("打错了", "wrong number"): never used again for
-- that borrower, whatever later requests say. Kept as a hash of the normalised address (ContactPoint), so the table
-- holds no phone number or mailbox; a later spelling of the same handset meets the same hash.
CREATE TABLE excluded_contact_point (
    borrower_id   TEXT        NOT NULL,
    address_hash  TEXT        NOT NULL,                 -- sha256 hex of ContactPoint.address()
    kind          TEXT        NOT NULL CHECK (kind IN ('PHONE', 'EMAIL')),
    masked        TEXT        NOT NULL,                 -- for people: +86138****8000
    reason        TEXT        NOT NULL CHECK (reason IN ('WRONG_NUMBER')),
    source        TEXT        NOT NULL CHECK (source IN ('SMS_REPLY', 'VOICE_DTMF')),
    evidence      TEXT,                                 -- the message id of the reply
    excluded_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (borrower_id, address_hash)
);

-- A promise to pay pauses the loan's cadence until the day after the promised date (borrower-local).
ALTER TABLE loan_enrollment ADD COLUMN paused_until DATE;

-- A borrower's own reply ("我失业了") sets the sticky HARDSHIP flag.
ALTER TABLE borrower_flag DROP CONSTRAINT IF EXISTS borrower_flag_source_check,
    ADD CONSTRAINT borrower_flag_source_check CHECK (source IN ('REQUEST', 'MIGRATION', 'REPLY'));

-- The worklist: cases a person must handle. One case per fact (source_key), opened by a reply, a DTMF choice, a
-- cadence hand-off, an unreachable borrower or an attempt whose outcome is unknown.
CREATE TABLE work_case (
    id            UUID        PRIMARY KEY,
    source_key    TEXT        NOT NULL UNIQUE,
    kind          TEXT        NOT NULL CHECK (kind IN ('ESCALATION', 'AGENT_REQUEST', 'UNKNOWN_REPLY', 'DISPUTE', 'HARDSHIP',
                                                       'WRONG_NUMBER', 'UNREACHABLE', 'UNKNOWN_OUTCOME')),
    status        TEXT        NOT NULL CHECK (status IN ('OPEN', 'CLAIMED', 'RESOLVED')),
    borrower_id   TEXT        NOT NULL,
    client        TEXT,
    loan_id       TEXT,
    reason        TEXT        NOT NULL,
    opened_at     TIMESTAMPTZ NOT NULL,
    claimed_by    TEXT,
    claimed_at    TIMESTAMPTZ,
    resolved_by   TEXT,
    resolved_at   TIMESTAMPTZ,
    outcome       TEXT        CHECK (outcome IN ('CONTACTED', 'PROMISE_TO_PAY', 'PAYMENT_PLAN', 'DISPUTE_UPHELD', 'DISPUTE_REJECTED',
                                                 'CONTACT_POINT_CORRECTED', 'NO_ACTION_NEEDED', 'REFERRED')),
    CHECK ((status = 'RESOLVED') = (resolved_at IS NOT NULL AND outcome IS NOT NULL)),
    CHECK (status = 'OPEN' OR claimed_by IS NOT NULL OR status = 'RESOLVED')
);
CREATE INDEX work_case_open ON work_case (opened_at) WHERE status <> 'RESOLVED';
CREATE INDEX work_case_borrower ON work_case (borrower_id, opened_at DESC);

CREATE TABLE work_case_note (
    id        BIGSERIAL   PRIMARY KEY,
    case_id   UUID        NOT NULL REFERENCES work_case(id),
    actor     TEXT        NOT NULL,
    note      TEXT        NOT NULL CHECK (btrim(note) <> ''),
    at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX work_case_note_case ON work_case_note (case_id, id);

-- The facts the worklist collects cases from (Cases.collect, on every read): small partial indexes, so the collection
-- stays cheap when attempt and lender_event hold millions of rows.
CREATE INDEX attempt_unknown_outcome ON attempt (id) WHERE status = 'UNKNOWN';
CREATE INDEX lender_event_unreachable ON lender_event (id) WHERE type = 'borrower.unreachable';
CREATE INDEX loan_enrollment_handed_off ON loan_enrollment (client, loan_id) WHERE handed_off_at IS NOT NULL;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${app_role}') AND current_user <> '${app_role}' THEN
        EXECUTE 'GRANT SELECT, INSERT ON excluded_contact_point, work_case_note TO ${app_role}';
        EXECUTE 'GRANT SELECT, INSERT, UPDATE ON work_case TO ${app_role}';
        EXECUTE 'GRANT USAGE, SELECT ON SEQUENCE work_case_note_id_seq TO ${app_role}';
    END IF;
END $$;
