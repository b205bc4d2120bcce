-- Tixing schema v6: webhooks apply once, and consent changes are ordered by the provider's time.
-- Twilio signatures carry no timestamp, so a captured, correctly signed callback can be replayed at will: the
-- provider's id is the only guard. Each callback that changes something inserts its receipt with
-- ON CONFLICT DO NOTHING in the same transaction as its effect; a receipt that already exists means a replay,
-- which changes nothing. Receipts hold provider ids only (no personal data) and are kept: a purged receipt would
-- let its callback apply again.
CREATE TABLE webhook_receipt (
    kind         TEXT        NOT NULL CHECK (kind IN ('INBOUND_SMS', 'STATUS', 'VOICE_STEP')),
    provider_id  TEXT        NOT NULL,              -- MessageSid / CallSid (our attempt id when the callback has none)
    event        TEXT        NOT NULL,              -- '' (inbound SMS), provider status (status), step:choice (voice)
    provider_at  TIMESTAMPTZ,                       -- the provider's timestamp, when the callback carries one
    received_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (kind, provider_id, event)
);

-- When each restriction and its lifting happened in the world (the provider's time for a webhook, else receipt
-- time), so a late or replayed event older than the latest change of the same scope changes nothing.
-- Rows from before v6 fall back to created_at / lifted_at.
ALTER TABLE borrower_restriction ADD COLUMN effective_at TIMESTAMPTZ, ADD COLUMN lift_effective_at TIMESTAMPTZ;
CREATE INDEX borrower_restriction_scope ON borrower_restriction (borrower_id, kind, value);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${app_role}') AND current_user <> '${app_role}' THEN
        EXECUTE 'GRANT SELECT, INSERT ON webhook_receipt TO ${app_role}';
    END IF;
END $$;
