-- Raw personal data follows retention (docs/CONTACT-LOG.md, "Raw personal data"): the full contact points, names
-- and message bodies outside the masked contact log are redacted by the retention job (or an erasure request).
-- redacted_at marks a row whose raw copy is gone, so the job never revisits it and views can say so.

ALTER TABLE reminder ADD COLUMN redacted_at TIMESTAMPTZ;
ALTER TABLE attempt  ADD COLUMN redacted_at TIMESTAMPTZ;
ALTER TABLE borrower ADD COLUMN redacted_at TIMESTAMPTZ;
ALTER TABLE loan_enrollment ADD COLUMN redacted_at TIMESTAMPTZ;

-- The job looks for old rows that still hold raw data; these stay small once the backlog is redacted.
CREATE INDEX reminder_unredacted ON reminder (updated_at) WHERE redacted_at IS NULL;
-- A borrower's facts may come back with a later request after a redaction: "still holds raw data" is the test.
CREATE INDEX borrower_unredacted ON borrower (updated_at) WHERE name IS NOT NULL OR phone IS NOT NULL OR email IS NOT NULL;
CREATE INDEX attempt_reminder ON attempt (reminder_id);
CREATE INDEX sandbox_message_received ON sandbox_message (received_at);
CREATE INDEX wave_staged_due ON wave_staged (due_at);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${app_role}') AND current_user <> '${app_role}' THEN
        -- contact_point rows (a full address each) are deleted once nothing refers to them any more.
        EXECUTE 'GRANT DELETE ON contact_point TO ${app_role}';
    END IF;
END $$;
