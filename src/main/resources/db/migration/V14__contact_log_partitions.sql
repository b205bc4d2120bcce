-- contact_log partitioned by month on "at" (docs/CONTACT-LOG.md, "Partitions"): years of retention at constant
-- cost. Retention drops whole months once signed checkpoints cover every entry in them, instead of deleting rows.
-- The primary key must contain the partition key: (seq, at). (chain_id, chain_pos) can no longer be UNIQUE across
-- partitions; positions come from the locked chain head, and the verifier reports a repeated position anyway.

ALTER TABLE contact_log RENAME TO contact_log_unpartitioned;
ALTER TABLE contact_log_unpartitioned ALTER COLUMN seq DROP DEFAULT;
ALTER SEQUENCE contact_log_seq_seq OWNED BY NONE;
DROP TRIGGER contact_log_append_only ON contact_log_unpartitioned;
DROP TRIGGER contact_log_no_truncate ON contact_log_unpartitioned;

CREATE TABLE contact_log (
    seq                BIGINT      NOT NULL DEFAULT nextval('contact_log_seq_seq'),
    chain_id           INT         NOT NULL,
    chain_pos          BIGINT      NOT NULL,
    at                 TIMESTAMPTZ NOT NULL,
    zone               TEXT,
    local_time         TEXT,
    kind               TEXT        NOT NULL,
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
    hash               TEXT        NOT NULL
) PARTITION BY RANGE (at);
ALTER SEQUENCE contact_log_seq_seq OWNED BY contact_log.seq;

-- Rows outside every monthly partition (a clock far off, or the month-ahead job down for months) land here;
-- a month whose rows are already in the default partition is not created (see contact_log_ensure_partitions).
CREATE TABLE contact_log_default PARTITION OF contact_log DEFAULT;

-- Creates the monthly partitions (UTC months) from p_from's month for p_months months that do not exist yet, each
-- with the append-only TRUNCATE trigger (row triggers are cloned from the parent; statement triggers are not).
-- SECURITY DEFINER: the app role may call it but owns nothing; partitions carry no grants, so the app role can
-- only reach their rows through contact_log (SELECT, INSERT).
CREATE FUNCTION contact_log_ensure_partitions(p_from DATE, p_months INT)
    RETURNS INT LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_month   TIMESTAMPTZ;
    v_next    TIMESTAMPTZ;
    v_name    TEXT;
    v_created INT := 0;
BEGIN
    IF p_months < 1 OR p_months > 120 THEN
        RAISE EXCEPTION 'p_months must be 1..120, not %', p_months USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR i IN 0 .. p_months - 1 LOOP
        v_month := make_timestamptz(extract(year FROM p_from)::int, extract(month FROM p_from)::int, 1, 0, 0, 0, 'UTC')
                   + make_interval(months => i);
        v_next := v_month + interval '1 month';
        v_name := 'contact_log_' || to_char(v_month AT TIME ZONE 'UTC', 'YYYYMM');
        CONTINUE WHEN to_regclass(v_name) IS NOT NULL;
        IF EXISTS (SELECT 1 FROM contact_log_default WHERE at >= v_month AND at < v_next) THEN
            RAISE WARNING 'contact_log: % not created, its month already has rows in contact_log_default', v_name;
            CONTINUE;
        END IF;
        EXECUTE format('CREATE TABLE %I PARTITION OF contact_log FOR VALUES FROM (%L) TO (%L)', v_name, v_month, v_next);
        EXECUTE format('CREATE TRIGGER contact_log_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION contact_log_refuse_change()', v_name);
        v_created := v_created + 1;
    END LOOP;
    RETURN v_created;
END $$;
REVOKE ALL ON FUNCTION contact_log_ensure_partitions(DATE, INT) FROM PUBLIC;

-- Partitions for the rows already there, and the current month and two ahead.
DO $$
DECLARE
    v_first DATE;
    v_last  DATE;
BEGIN
    SELECT (min(at) AT TIME ZONE 'UTC')::date, (max(at) AT TIME ZONE 'UTC')::date INTO v_first, v_last FROM contact_log_unpartitioned;
    IF v_first IS NOT NULL THEN
        -- at most ten years of months; anything older than that goes to the default partition
        v_first := greatest(v_first, (v_last - interval '119 months')::date);
        PERFORM contact_log_ensure_partitions(v_first,
            ((extract(year FROM v_last) - extract(year FROM v_first)) * 12 + extract(month FROM v_last) - extract(month FROM v_first))::int + 1);
    END IF;
    PERFORM contact_log_ensure_partitions((now() AT TIME ZONE 'UTC')::date, 3);
END $$;

INSERT INTO contact_log SELECT * FROM contact_log_unpartitioned;
DROP TABLE contact_log_unpartitioned;

ALTER TABLE contact_log ADD CONSTRAINT contact_log_pkey PRIMARY KEY (seq, at);
CREATE INDEX contact_log_chain_pos ON contact_log (chain_id, chain_pos);
CREATE INDEX contact_log_borrower  ON contact_log (borrower_id, seq DESC);
CREATE INDEX contact_log_reminder  ON contact_log (reminder_id, seq);
CREATE INDEX contact_log_loan      ON contact_log (loan_id, seq DESC) WHERE loan_id IS NOT NULL;
CREATE INDEX contact_log_template  ON contact_log (template_key, seq DESC) WHERE template_key IS NOT NULL;
CREATE INDEX contact_log_at        ON contact_log (at, seq);
CREATE INDEX contact_log_kind      ON contact_log (kind, seq DESC);
CREATE INDEX contact_log_outcome   ON contact_log (outcome, seq DESC) WHERE outcome IS NOT NULL;
CREATE INDEX contact_log_reasons   ON contact_log USING gin (reasons);

CREATE TRIGGER contact_log_append_only BEFORE UPDATE OR DELETE ON contact_log
    FOR EACH ROW EXECUTE FUNCTION contact_log_refuse_change();
CREATE TRIGGER contact_log_no_truncate BEFORE TRUNCATE ON contact_log
    FOR EACH STATEMENT EXECUTE FUNCTION contact_log_refuse_change();
CREATE TRIGGER contact_log_no_truncate BEFORE TRUNCATE ON contact_log_default
    FOR EACH STATEMENT EXECUTE FUNCTION contact_log_refuse_change();

-- Drops every monthly partition whose entries are all vouched for by checkpoints: for each entry, the latest
-- checkpoint of its chain covers its position, the entry is older than that checkpoint's cutoff, and the
-- checkpoint's hash is the stored hash of the entry at its position (while that entry exists). Returns the names.
-- The default partition is never dropped (its rows go row by row through contact_log_purge_prefix).
CREATE FUNCTION contact_log_drop_covered_partitions()
    RETURNS TEXT[] LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    r         RECORD;
    v_dropped TEXT[] := '{}';
    v_bad     BIGINT;
BEGIN
    CREATE TEMP TABLE IF NOT EXISTS pg_temp.latest_checkpoint ON COMMIT DROP AS
        SELECT DISTINCT ON (chain_id) chain_id, up_to_pos, last_hash, cutoff
        FROM contact_log_checkpoint ORDER BY chain_id, up_to_pos DESC;
    -- A checkpoint whose hash is not the stored hash of its entry vouches for nothing.
    DELETE FROM pg_temp.latest_checkpoint k
     WHERE EXISTS (SELECT 1 FROM contact_log l WHERE l.chain_id = k.chain_id AND l.chain_pos = k.up_to_pos AND l.hash <> k.last_hash);
    FOR r IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = 'contact_log'::regclass AND c.relname <> 'contact_log_default' ORDER BY c.relname LOOP
        EXECUTE format($q$SELECT count(*) FROM %I l WHERE NOT EXISTS (
                   SELECT 1 FROM pg_temp.latest_checkpoint k
                   WHERE k.chain_id = l.chain_id AND k.up_to_pos >= l.chain_pos AND l.at < k.cutoff)$q$, r.relname) INTO v_bad;
        CONTINUE WHEN v_bad > 0;
        EXECUTE format('SELECT count(*) FROM %I', r.relname) INTO v_bad;
        CONTINUE WHEN v_bad = 0; -- empty months (current and ahead) stay
        EXECUTE format('DROP TABLE %I', r.relname);
        v_dropped := v_dropped || r.relname::text;
    END LOOP;
    DROP TABLE pg_temp.latest_checkpoint;
    RETURN v_dropped;
END $$;
REVOKE ALL ON FUNCTION contact_log_drop_covered_partitions() FROM PUBLIC;

-- The prefix purge, as in V4, except that the entry at p_up_to_pos may already be gone with a dropped partition:
-- then the checkpoint for exactly (chain, position) must exist (its hash was checked when the partition was dropped).
CREATE OR REPLACE FUNCTION contact_log_purge_prefix(p_chain INT, p_up_to_pos BIGINT, p_cutoff TIMESTAMPTZ)
    RETURNS BIGINT LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_hash    TEXT;
    v_young   BIGINT;
    v_deleted BIGINT;
BEGIN
    SELECT hash INTO v_hash FROM contact_log WHERE chain_id = p_chain AND chain_pos = p_up_to_pos;
    IF NOT EXISTS (SELECT 1 FROM contact_log_checkpoint
                   WHERE chain_id = p_chain AND up_to_pos = p_up_to_pos AND (v_hash IS NULL OR last_hash = v_hash)) THEN
        RAISE EXCEPTION 'no checkpoint for chain % position %', p_chain, p_up_to_pos USING ERRCODE = 'check_violation';
    END IF;
    SELECT count(*) INTO v_young FROM contact_log
     WHERE chain_id = p_chain AND chain_pos <= p_up_to_pos AND at >= p_cutoff;
    IF v_young > 0 THEN
        RAISE EXCEPTION '% entries in chain % up to % are not older than %', v_young, p_chain, p_up_to_pos, p_cutoff
            USING ERRCODE = 'check_violation';
    END IF;
    PERFORM set_config('tixing.retention_purge', 'on', true);
    DELETE FROM contact_log WHERE chain_id = p_chain AND chain_pos <= p_up_to_pos;
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    PERFORM set_config('tixing.retention_purge', 'off', true);
    RETURN v_deleted;
END $$;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${app_role}') AND current_user <> '${app_role}' THEN
        EXECUTE 'GRANT SELECT, INSERT ON contact_log TO ${app_role}';
        EXECUTE 'GRANT USAGE, SELECT ON SEQUENCE contact_log_seq_seq TO ${app_role}';
        EXECUTE 'GRANT EXECUTE ON FUNCTION contact_log_ensure_partitions(DATE, INT) TO ${app_role}';
        EXECUTE 'GRANT EXECUTE ON FUNCTION contact_log_drop_covered_partitions() TO ${app_role}';
    END IF;
END $$;
