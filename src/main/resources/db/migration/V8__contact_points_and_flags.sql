-- Tixing schema v8: the contact point is a person too, and protective flags are facts of the person.

-- One row per destination (normalised E.164 number or trimmed lower-cased email), whatever borrower ids and loans
-- use it. It is the lock of every decision that may contact it: a decision locks the borrower row first, then its
-- contact points in ascending address order (see docs/POLICY.md, "Contact points"), so caps counted per contact
-- point hold across borrower ids and across instances, and two instances can never deadlock on them.
CREATE TABLE contact_point (
    address     TEXT        PRIMARY KEY,
    kind        TEXT        NOT NULL CHECK (kind IN ('PHONE', 'EMAIL')),
    created_at  TIMESTAMPTZ NOT NULL
);

-- Each attempt remembers the contact point it went to, so history can be read per destination across borrower ids.
ALTER TABLE attempt ADD COLUMN contact_point TEXT;
-- Earlier attempts: phones were validated E.164 at intake; emails are normalised here as ContactPoint does.
UPDATE attempt SET contact_point = CASE WHEN channel = 'EMAIL' THEN lower(btrim(destination)) ELSE btrim(destination) END;
CREATE INDEX attempt_contact_point ON attempt (contact_point, created_at DESC);

-- Protective flags in force and their history. A request may add a flag (source REQUEST, actor client:<name>);
-- only an operator removes one, with a note (removed_at, removed_by, note), which is also a CONSENT contact-log entry.
-- Writer: io.tixing.borrower.BorrowerFlags.
CREATE TABLE borrower_flag (
    id           BIGSERIAL   PRIMARY KEY,
    borrower_id  TEXT        NOT NULL REFERENCES borrower(id),
    flag         TEXT        NOT NULL CHECK (flag IN ('ELDERLY', 'HARDSHIP', 'HEARING_IMPAIRED', 'VISION_IMPAIRED')),
    source       TEXT        NOT NULL CHECK (source IN ('REQUEST', 'MIGRATION')),
    actor        TEXT        NOT NULL,             -- client:<api client> for a request; 'migration' for the backfill
    request_id   TEXT,                             -- the client's requestId that first stated it, when known
    set_at       TIMESTAMPTZ NOT NULL,
    removed_at   TIMESTAMPTZ,
    removed_by   TEXT,
    note         TEXT,                             -- why it was removed (required for a removal)
    CHECK ((removed_at IS NULL) = (removed_by IS NULL)),
    CHECK (removed_at IS NULL OR (note IS NOT NULL AND btrim(note) <> ''))
);
CREATE UNIQUE INDEX borrower_flag_in_force ON borrower_flag (borrower_id, flag) WHERE removed_at IS NULL;

-- Backfill: every flag any earlier request stated (reminder snapshots) or the borrower row holds stays in force.
INSERT INTO borrower_flag (borrower_id, flag, source, actor, set_at)
SELECT borrower_id, flag, 'MIGRATION', 'migration', min(at) FROM (
    SELECT r.borrower_id, f.flag, r.created_at AS at
      FROM reminder r, jsonb_array_elements_text(CASE WHEN jsonb_typeof(r.request -> 'borrower' -> 'flags') = 'array'
                                                      THEN r.request -> 'borrower' -> 'flags' ELSE '[]'::jsonb END) AS f(flag)
    UNION ALL
    SELECT b.id, f.flag, b.updated_at FROM borrower b, unnest(b.flags) AS f(flag)
) stated
WHERE flag IN ('ELDERLY', 'HARDSHIP', 'HEARING_IMPAIRED', 'VISION_IMPAIRED')
GROUP BY borrower_id, flag;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${app_role}') AND current_user <> '${app_role}' THEN
        EXECUTE 'GRANT SELECT, INSERT, UPDATE ON contact_point, borrower_flag TO ${app_role}';
        EXECUTE 'GRANT USAGE, SELECT ON SEQUENCE borrower_flag_id_seq TO ${app_role}';
    END IF;
END $$;
