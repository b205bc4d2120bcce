-- Tixing schema v4: compliance review of the contact log.
-- Query indexes (search/export stay index-driven at 10M+ entries), signed retention checkpoints,
-- and the one door through which expired entries may leave the append-only log.

-- Search is "newest first by seq"; each selective filter gets (column, seq DESC) so PostgreSQL reads the
-- first page straight off the index. Channel (three common values) rides on the primary key.
CREATE INDEX contact_log_loan     ON contact_log (loan_id, seq DESC) WHERE loan_id IS NOT NULL;
CREATE INDEX contact_log_template ON contact_log (template_key, seq DESC) WHERE template_key IS NOT NULL;
-- Time-ranged searches page by (at, seq): see ContactLogFilter.byTime().
CREATE INDEX contact_log_at       ON contact_log (at, seq);
-- Rare kinds (AUDIT, CONSENT) and rare outcomes (FAILED, UNDELIVERED) would otherwise scan the whole log backwards.
CREATE INDEX contact_log_kind     ON contact_log (kind, seq DESC);
CREATE INDEX contact_log_outcome  ON contact_log (outcome, seq DESC) WHERE outcome IS NOT NULL;
CREATE INDEX contact_log_reasons  ON contact_log USING gin (reasons);
-- No index for free text `q`: a pg_trgm GIN index was measured at 10M rows and was slow for exactly the texts
-- people search (masked numbers share "***" and prefix trigrams with every row: >20 s). `q` must instead be
-- combined with a narrowing filter (see ContactLogFilter), and it filters that small set.

-- A signed statement "chain X was intact up to position N, whose hash was H", written before the prefix
-- up to N is purged, so verification can start from here instead of from the genesis hash.
CREATE TABLE contact_log_checkpoint (
    id          BIGSERIAL PRIMARY KEY,
    chain_id    INT         NOT NULL,
    up_to_pos   BIGINT      NOT NULL,
    last_hash   TEXT        NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    cutoff      TIMESTAMPTZ NOT NULL,
    signature   TEXT        NOT NULL,              -- HMAC-SHA256 over chain_id|up_to_pos|last_hash|at|cutoff
    UNIQUE (chain_id, up_to_pos)
);

-- Checkpoints are as append-only as the log they vouch for.
CREATE FUNCTION contact_log_checkpoint_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'contact_log_checkpoint is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER contact_log_checkpoint_append_only BEFORE UPDATE OR DELETE ON contact_log_checkpoint
    FOR EACH ROW EXECUTE FUNCTION contact_log_checkpoint_refuse_change();

-- Retention purge: deletes the prefix of one chain up to p_up_to_pos, and only if
--   * a checkpoint for exactly that position exists and carries the hash of the entry at that position,
--   * every entry in the prefix is older than p_cutoff,
--   * nothing before the prefix remains undeleted (prefix-only: no holes in a chain).
-- SECURITY DEFINER: runs as the owner; the app role may EXECUTE it but still cannot DELETE directly.
CREATE FUNCTION contact_log_purge_prefix(p_chain INT, p_up_to_pos BIGINT, p_cutoff TIMESTAMPTZ)
    RETURNS BIGINT LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    v_hash    TEXT;
    v_young   BIGINT;
    v_deleted BIGINT;
BEGIN
    SELECT hash INTO v_hash FROM contact_log WHERE chain_id = p_chain AND chain_pos = p_up_to_pos;
    IF v_hash IS NULL THEN
        RAISE EXCEPTION 'no entry at chain % position %', p_chain, p_up_to_pos USING ERRCODE = 'no_data_found';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM contact_log_checkpoint
                   WHERE chain_id = p_chain AND up_to_pos = p_up_to_pos AND last_hash = v_hash) THEN
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
REVOKE ALL ON FUNCTION contact_log_purge_prefix(INT, BIGINT, TIMESTAMPTZ) FROM PUBLIC;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${app_role}') AND current_user <> '${app_role}' THEN
        EXECUTE 'GRANT SELECT, INSERT ON contact_log_checkpoint TO ${app_role}';
        EXECUTE 'GRANT USAGE, SELECT ON SEQUENCE contact_log_checkpoint_id_seq TO ${app_role}';
        EXECUTE 'GRANT EXECUTE ON FUNCTION contact_log_purge_prefix(INT, BIGINT, TIMESTAMPTZ) TO ${app_role}';
    END IF;
END $$;
