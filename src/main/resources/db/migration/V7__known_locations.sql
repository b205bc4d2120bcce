-- Tixing schema v7: a borrower's known locations accumulate (Reg F 1006.6(b)(1)(i): a time is convenient only if it
-- is convenient in every location the collector knows of). One row per (borrower, zone, source): the zone stated in
-- any request (STATED) and every zone of each phone number on file now or earlier (PHONE, from libphonenumber).
-- Rows are never deleted by a later request: a new stated zone or a new number adds to the set, never replaces it.
-- Written only by io.tixing.borrower.BorrowerLocationRepository; read by the dispatcher and by explain alike.
CREATE TABLE borrower_location (
    borrower_id  TEXT        NOT NULL REFERENCES borrower(id),
    zone         TEXT        NOT NULL,                 -- IANA zone id, e.g. Pacific/Guam
    source       TEXT        NOT NULL CHECK (source IN ('STATED', 'PHONE')),   -- KnownLocations.Source (facts only)
    first_seen   TIMESTAMPTZ NOT NULL,
    last_seen    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (borrower_id, zone, source),
    CHECK (last_seen >= first_seen)
);

-- What the gateway already knew before v7: every zone stated in an accepted request (the request snapshot) and on
-- the borrower row. Phone-derived zones need libphonenumber, so they are added from the phone on file when read.
INSERT INTO borrower_location (borrower_id, zone, source, first_seen, last_seen)
SELECT borrower_id, zone, 'STATED', MIN(seen), MAX(seen) FROM (
    SELECT r.borrower_id, r.request -> 'borrower' ->> 'timezone' AS zone, r.created_at AS seen
      FROM reminder r JOIN borrower b ON b.id = r.borrower_id
    UNION ALL
    SELECT b.id, b.timezone, b.updated_at FROM borrower b
) stated
WHERE zone IS NOT NULL AND btrim(zone) <> ''
GROUP BY borrower_id, zone
ON CONFLICT DO NOTHING;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${app_role}') AND current_user <> '${app_role}' THEN
        EXECUTE 'GRANT SELECT, INSERT, UPDATE ON borrower_location TO ${app_role}';
    END IF;
END $$;
