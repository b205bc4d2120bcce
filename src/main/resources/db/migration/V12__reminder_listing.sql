-- Tixing schema v12: GET /api/v1/reminders lists newest first by (created_at, id), per client for a submitter and across
-- clients for staff; its filters by loan and by borrower (reminder_borrower, V1) and wave (reminder_wave, V3) have indexes.
CREATE INDEX reminder_client_created ON reminder (client, created_at DESC, id DESC);
CREATE INDEX reminder_created ON reminder (created_at DESC, id DESC);
CREATE INDEX reminder_loan ON reminder (loan_id, created_at DESC);
