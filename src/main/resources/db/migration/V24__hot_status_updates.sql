-- Tixing schema v24: a reminder's status changes (QUEUED → SENDING → SENT, twice per message) become HOT updates —
-- a new row version on the same page and no new entry in any of the table's eight indexes — by indexing no column
-- those updates write (status, next_attempt_at, updated_at), and by leaving room on each page for the new versions.

-- The wave counts (progress, pending gauges) read a wave's rows by wave_id and count their statuses from the rows.
DROP INDEX IF EXISTS reminder_wave;
CREATE INDEX reminder_wave ON reminder (wave_id) WHERE wave_id IS NOT NULL;

-- The retention job looks for final reminders not touched since a cutoff; created_at is never after updated_at, so
-- "created before the cutoff" is a superset the job then tests with updated_at, and created_at never changes.
DROP INDEX IF EXISTS reminder_unredacted;
CREATE INDEX reminder_unredacted ON reminder (created_at) WHERE redacted_at IS NULL;

-- Room on each page for the next version of every row on it: a dispatch batch takes consecutive reminders (ids are
-- time-ordered), so all the rows of a page change status in the same statement; a row is ~860 bytes, and at 75 % only
-- 2 of a page's 7 new versions fitted (39 % HOT in a 60,000-message run). Pruning makes room again for the next
-- status. Pages filled from now on; the table is no larger than the dead versions of non-HOT updates made it.
ALTER TABLE reminder SET (fillfactor = 50);
