-- Tixing schema v15: the state columns accept only what their Java enums name, and the borrower/wave references
-- that were only implied are real foreign keys.
--
-- Each CHECK mirrors one enum, in declaration order; io.tixing.arch.SchemaMirrorsEnumsTest reads pg_constraint and
-- fails when an enum gains a value without a migration that widens its constraint (DROP CONSTRAINT IF EXISTS ...,
-- ADD CONSTRAINT ... with the full list).
--
-- Every constraint is added NOT VALID (a brief lock, no scan: new rows are checked from then on) and validated by a
-- separate statement, which scans under a lock that lets reads and writes go on. The script runs outside one big
-- transaction (V15__states_and_keys.sql.conf), so a large table is never held under the ADD's exclusive lock while it
-- is scanned. Each ADD is preceded by DROP ... IF EXISTS so a half-applied run can simply be repaired and re-run.

-- io.tixing.policy.AttemptStatus
ALTER TABLE attempt DROP CONSTRAINT IF EXISTS attempt_status_check,
    ADD CONSTRAINT attempt_status_check
        CHECK (status IN ('SENDING', 'SENT', 'DELIVERED', 'UNDELIVERED', 'FAILED', 'RETRY', 'UNKNOWN', 'NOT_SENT')) NOT VALID;
ALTER TABLE attempt VALIDATE CONSTRAINT attempt_status_check;

-- io.tixing.dispatch.TaskState (HELD: a paused wave's waiting tasks, skipped by the claim until the wave resumes)
ALTER TABLE dispatch_task DROP CONSTRAINT IF EXISTS dispatch_task_state_check,
    ADD CONSTRAINT dispatch_task_state_check CHECK (state IN ('PENDING', 'HELD', 'LEASED', 'DONE')) NOT VALID;
ALTER TABLE dispatch_task VALIDATE CONSTRAINT dispatch_task_state_check;

-- A finished task's outcome is the reminder status it ended with (io.tixing.reminder.ReminderStatus); null until DONE.
ALTER TABLE dispatch_task DROP CONSTRAINT IF EXISTS dispatch_task_outcome_check,
    ADD CONSTRAINT dispatch_task_outcome_check
        CHECK (outcome IN ('QUEUED', 'DEFERRED', 'SENDING', 'SENT', 'DELIVERED', 'FAILED', 'SUPPRESSED', 'EXPIRED', 'CANCELLED')) NOT VALID;
ALTER TABLE dispatch_task VALIDATE CONSTRAINT dispatch_task_outcome_check;

-- io.tixing.reminder.ReminderStatus
ALTER TABLE reminder DROP CONSTRAINT IF EXISTS reminder_status_check,
    ADD CONSTRAINT reminder_status_check
        CHECK (status IN ('QUEUED', 'DEFERRED', 'SENDING', 'SENT', 'DELIVERED', 'FAILED', 'SUPPRESSED', 'EXPIRED', 'CANCELLED')) NOT VALID;
ALTER TABLE reminder VALIDATE CONSTRAINT reminder_status_check;

-- io.tixing.contactlog.LogEntry.Kind, on the partitioned parent (V14): PostgreSQL adds it to every partition, and
-- partitions created later inherit it. Validation scans partition by partition.
ALTER TABLE contact_log DROP CONSTRAINT IF EXISTS contact_log_kind_check,
    ADD CONSTRAINT contact_log_kind_check
        CHECK (kind IN ('REQUEST', 'DECISION', 'ATTEMPT', 'STATUS', 'INBOUND', 'CONSENT', 'LIFECYCLE', 'AUDIT')) NOT VALID;
ALTER TABLE contact_log VALIDATE CONSTRAINT contact_log_kind_check;

-- io.tixing.wave.WaveRepository.State
ALTER TABLE wave DROP CONSTRAINT IF EXISTS wave_state_check,
    ADD CONSTRAINT wave_state_check CHECK (state IN ('LOADING', 'ACTIVE', 'PAUSED', 'CANCELLED')) NOT VALID;
ALTER TABLE wave VALIDATE CONSTRAINT wave_state_check;

-- io.tixing.borrower.ConsentLedger.Source
ALTER TABLE borrower_restriction DROP CONSTRAINT IF EXISTS borrower_restriction_source_check,
    ADD CONSTRAINT borrower_restriction_source_check
        CHECK (source IN ('SMS_REPLY', 'VOICE_DTMF', 'API', 'CONSOLE', 'PROVIDER')) NOT VALID;
ALTER TABLE borrower_restriction VALIDATE CONSTRAINT borrower_restriction_source_check;

-- Foreign keys. ON DELETE RESTRICT, deliberately: nothing in the gateway deletes a borrower, a wave, a reminder or an
-- attempt. Erasure and raw-data retention (io.tixing.privacy) redact those rows in place (the borrower row stays as
-- the anchor of the audit record), and the contact-log retention purge deletes only contact_log rows, which hold no
-- foreign keys. A delete that would orphan an attempt or a task is a bug and is refused.
ALTER TABLE reminder DROP CONSTRAINT IF EXISTS reminder_wave_id_fkey,
    ADD CONSTRAINT reminder_wave_id_fkey FOREIGN KEY (wave_id) REFERENCES wave (id) ON DELETE RESTRICT NOT VALID;
ALTER TABLE reminder VALIDATE CONSTRAINT reminder_wave_id_fkey;

ALTER TABLE attempt DROP CONSTRAINT IF EXISTS attempt_borrower_id_fkey,
    ADD CONSTRAINT attempt_borrower_id_fkey FOREIGN KEY (borrower_id) REFERENCES borrower (id) ON DELETE RESTRICT NOT VALID;
ALTER TABLE attempt VALIDATE CONSTRAINT attempt_borrower_id_fkey;

ALTER TABLE dispatch_task DROP CONSTRAINT IF EXISTS dispatch_task_borrower_id_fkey,
    ADD CONSTRAINT dispatch_task_borrower_id_fkey FOREIGN KEY (borrower_id) REFERENCES borrower (id) ON DELETE RESTRICT NOT VALID;
ALTER TABLE dispatch_task VALIDATE CONSTRAINT dispatch_task_borrower_id_fkey;

-- No new index on dispatch_task.borrower_id: borrowers are never deleted, and every index on the outbox costs each
-- task write; attempt.borrower_id already has attempt_borrower, reminder.wave_id has reminder_wave.
