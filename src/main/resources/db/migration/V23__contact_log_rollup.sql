-- Compliance dashboard rollup (io.tixing.stats.ContactLogRollup is the one writer; docs/CONTACT-LOG.md, "Stats
-- rollup"). Derived from the contact log only, never the other way round: every count here is a count of entries
-- the log holds. Which entries are counted is recorded per chain (contact_log_rollup_mark): exactly the positions
-- 1..rolled_pos of each chain, so the stats add the log's entries past the mark live and never count one twice or
-- miss one, whatever the entries' "at" (late commits, clocks set back). Nulls are stored as '' (part of the keys).

-- Quarter-hour buckets (date_bin 15 minutes of "at": every zone in use today is a whole number of quarter hours off
-- UTC, so a reviewer's day is whole buckets) of DECISION and ATTEMPT entries. DECISION rows keep decision and reasons;
-- ATTEMPT rows keep channel, outcome and the hour of the borrower's local time with the earliest and latest
-- local "HH:MM" seen (enough to check a window whose bounds are whole hours from the row alone).
CREATE TABLE contact_log_rollup (
    bucket     TIMESTAMPTZ NOT NULL,
    kind       TEXT        NOT NULL CHECK (kind IN ('ATTEMPT', 'DECISION')),
    rule_pack  TEXT        NOT NULL,
    channel    TEXT        NOT NULL,
    outcome    TEXT        NOT NULL,
    decision   TEXT        NOT NULL,
    reasons    TEXT[]      NOT NULL,
    local_hour TEXT        NOT NULL,
    entries    BIGINT      NOT NULL,
    local_min  TEXT,
    local_max  TEXT,
    PRIMARY KEY (bucket, kind, rule_pack, channel, outcome, decision, reasons, local_hour)
);

-- Counted hand-offs per borrower and borrower-local day (what the daily caps count), for "contacts over a cap".
CREATE TABLE contact_log_rollup_day (
    borrower_id TEXT        NOT NULL,
    pack        TEXT        NOT NULL,
    local_day   TEXT        NOT NULL,
    rule_pack   TEXT        NOT NULL,
    sms         BIGINT      NOT NULL,
    email       BIGINT      NOT NULL,
    total       BIGINT      NOT NULL,
    last_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (borrower_id, pack, local_day)
);
-- "over a cap" is (pack, count > cap) on one of three counts: each is a range scan that is empty when all is well.
CREATE INDEX contact_log_rollup_day_sms   ON contact_log_rollup_day (pack, sms, last_at);
CREATE INDEX contact_log_rollup_day_email ON contact_log_rollup_day (pack, email, last_at);
CREATE INDEX contact_log_rollup_day_total ON contact_log_rollup_day (pack, total, last_at);

-- Per chain: positions up to rolled_pos are in the rollup (or were purged from both, see forgotten_pos).
CREATE TABLE contact_log_rollup_mark (
    chain_id      INT    PRIMARY KEY,
    rolled_pos    BIGINT NOT NULL DEFAULT 0,
    forgotten_pos BIGINT NOT NULL DEFAULT 0
);
INSERT INTO contact_log_rollup_mark (chain_id) SELECT generate_series(0, 15);

-- The rollup answers every stats query; the wide covering index of V18 cost every append and is not read any more.
DROP INDEX IF EXISTS contact_log_stats;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${app_role}') AND current_user <> '${app_role}' THEN
        EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON contact_log_rollup, contact_log_rollup_day, contact_log_rollup_mark TO ${app_role}';
    END IF;
END $$;
