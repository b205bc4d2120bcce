package io.tixing.dispatch;

import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.reminder.TaskQueue;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The outbox: claims with FOR UPDATE SKIP LOCKED plus a lease, so instances never take the same task. */
@ApplicationScoped
public class TaskRepository implements TaskQueue {

    private final Database db;

    public TaskRepository(Database db) { this.db = db; }

    public List<DispatchTask> claim(String worker, Instant now, Instant leaseUntil, int limit) {
        return db.inTransaction(c -> claim(c, worker, now, leaseUntil, limit));
    }

    /**
     * The due tasks, earliest first, leased to {@code worker}; returned in the order they are to be processed: due
     * instant, then id. The paused-wave test is a per-row subquery on purpose: as {@code NOT EXISTS} the planner turns it
     * into an anti join that reads and sorts every pending task before the LIMIT (40 ms per claim at 30,000 pending),
     * where a filter on the ordered index scan stops at the batch's last row.
     */
    private List<DispatchTask> claim(Connection c, String worker, Instant now, Instant leaseUntil, int limit) throws SQLException {
        try (var ps = Sql.prepare(c, """
                    UPDATE dispatch_task SET state = 'LEASED', lease_owner = ?, lease_until = ?, updated_at = ?
                    WHERE id = ANY (ARRAY(
                        SELECT id FROM dispatch_task t WHERE state = 'PENDING' AND due_at <= ?
                          AND coalesce((SELECT w.state = 'PAUSED' FROM reminder r JOIN wave w ON w.id = r.wave_id
                                        WHERE r.id = t.reminder_id), false) = false
                        ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED))
                    RETURNING *""", worker, leaseUntil, now, now, limit);
             var rs = ps.executeQuery()) {
            List<DispatchTask> out = new ArrayList<>();
            while (rs.next()) out.add(task(rs));
            out.sort(PROCESSING_ORDER);
            return out;
        }
    }

    /** Earliest due first; among tasks due at the same instant, the one enqueued first. */
    static final Comparator<DispatchTask> PROCESSING_ORDER =
            Comparator.comparing(DispatchTask::dueAt).thenComparingLong(DispatchTask::id);

    /** {@link #requeueExpired} and {@link #claim} in one transaction: the first stage of every dispatch round. */
    public List<DispatchTask> claimDue(String worker, Instant now, Instant leaseUntil, int limit) {
        return db.inTransaction(c -> {
            Sql.update(c, """
                    UPDATE dispatch_task SET state = 'PENDING', lease_owner = NULL, lease_until = NULL, updated_at = ?
                    WHERE state = 'LEASED' AND lease_until < ?""", now, now);
            return claim(c, worker, now, leaseUntil, limit);
        });
    }

    /** Leases of instances that died (or stalled) go back to the queue; their SENDING attempts are resolved on the next claim. */
    public int requeueExpired(Instant now) {
        return db.inTransaction(c -> Sql.update(c, """
                UPDATE dispatch_task SET state = 'PENDING', lease_owner = NULL, lease_until = NULL, updated_at = ?
                WHERE state = 'LEASED' AND lease_until < ?""", now, now));
    }

    /**
     * Extends the leases {@code worker} still holds on these tasks to {@code leaseUntil}: a live worker whose sends are
     * still waiting for their provider keeps its claim, so no other round takes the task over (and looks the send up
     * before the provider has it). Returns how many leases were extended; one already lost stays lost.
     */
    public int renewLeases(String worker, java.util.Collection<Long> ids, Instant leaseUntil) {
        if (ids.isEmpty()) return 0;
        return db.inTransaction(c -> Sql.update(c, """
                UPDATE dispatch_task SET lease_until = ?
                WHERE id = ANY (?) AND state = 'LEASED' AND lease_owner = ? AND lease_until < ?""",
                leaseUntil, c.createArrayOf("bigint", ids.toArray()), worker, leaseUntil));
    }

    /** Re-reads a claimed task under a row lock; empty when this worker no longer holds its lease. */
    public Optional<DispatchTask> lockIfLeased(Connection c, long id, String worker) throws SQLException {
        try (var ps = Sql.prepare(c, "SELECT * FROM dispatch_task WHERE id = ? AND state = 'LEASED' AND lease_owner = ? FOR UPDATE", id, worker);
             var rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(task(rs)) : Optional.empty();
        }
    }

    public void reschedule(Connection c, long id, Instant dueAt, int channelIndex, int retries, Instant now) throws SQLException {
        Sql.update(c, """
                UPDATE dispatch_task SET state = 'PENDING', due_at = ?, channel_index = ?, retries = ?, lease_owner = NULL,
                  lease_until = NULL, updated_at = ? WHERE id = ?""", dueAt, channelIndex, retries, now, id);
    }

    /** Ends a task, remembering which channel it ended on (a later delivery failure may fail over from there). */
    public void finish(Connection c, long id, int channelIndex, String outcome, Instant now) throws SQLException {
        Sql.update(c, """
                UPDATE dispatch_task SET state = 'DONE', outcome = ?, channel_index = ?, lease_owner = NULL, lease_until = NULL,
                  updated_at = ? WHERE id = ?""", outcome, channelIndex, now, id);
    }

    /** {@link #lockIfLeased} for a batch, in id order: the tasks of {@code ids} this worker still holds, locked. */
    public List<DispatchTask> lockIfLeased(Connection c, java.util.Collection<Long> ids, String worker) throws SQLException {
        List<DispatchTask> out = new ArrayList<>();
        if (ids.isEmpty()) return out;
        try (var ps = Sql.prepare(c, """
                SELECT * FROM dispatch_task WHERE id = ANY (?) AND state = ? AND lease_owner = ? ORDER BY id FOR UPDATE""",
                c.createArrayOf("bigint", ids.toArray()), TaskState.LEASED.name(), worker);
             var rs = ps.executeQuery()) {
            while (rs.next()) out.add(task(rs));
        }
        out.sort(PROCESSING_ORDER); // locked in id order, decided in processing order
        return out;
    }

    /** Locks tasks (in id order) whose outcome is about to be recorded, so a worker taking over a lease waits for us. */
    public void lockAll(Connection c, java.util.Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) return;
        Sql.execute(c, "SELECT 1 FROM dispatch_task WHERE id = ANY (?) ORDER BY id FOR UPDATE", c.createArrayOf("bigint", ids.toArray()));
    }

    /** A task's next move in {@link #moveAll}: back to PENDING at {@code dueAt}, or DONE with {@code outcome}. */
    public record Move(long id, TaskState state, Instant dueAt, int channelIndex, int retries, String outcome) {
        public static Move reschedule(long id, Instant dueAt, int channelIndex, int retries) {
            return new Move(id, TaskState.PENDING, dueAt, channelIndex, retries, null);
        }

        public static Move finish(long id, int channelIndex, String outcome) {
            return new Move(id, TaskState.DONE, null, channelIndex, 0, outcome);
        }
    }

    /** {@link #reschedule} and {@link #finish} for a batch: one statement. A finished task keeps its due_at and retries. */
    public void moveAll(Connection c, List<Move> moves, Instant now) throws SQLException {
        if (moves.isEmpty()) return;
        List<String> ids = new ArrayList<>(), states = new ArrayList<>(), due = new ArrayList<>(), index = new ArrayList<>(),
                retries = new ArrayList<>(), outcomes = new ArrayList<>();
        for (Move m : moves) {
            ids.add(Long.toString(m.id()));
            states.add(m.state().name());
            due.add(m.dueAt() == null ? null : m.dueAt().toString());
            index.add(Integer.toString(m.channelIndex()));
            retries.add(Integer.toString(m.retries()));
            outcomes.add(m.outcome());
        }
        Sql.update(c, """
                UPDATE dispatch_task d SET state = t.state, due_at = coalesce(t.due::timestamptz, d.due_at), channel_index = t.idx::int,
                  retries = CASE WHEN t.state = 'DONE' THEN d.retries ELSE t.retries::int END,
                  outcome = CASE WHEN t.state = 'DONE' THEN t.outcome ELSE d.outcome END,
                  lease_owner = NULL, lease_until = NULL, updated_at = ?
                FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS t(id, state, due, idx, retries, outcome)
                WHERE d.id = t.id AND d.id = ANY (?::bigint[])""", now, Sql.textArray(c, ids), Sql.textArray(c, states), Sql.textArray(c, due),
                Sql.textArray(c, index), Sql.textArray(c, retries), Sql.textArray(c, outcomes), Sql.textArray(c, ids));
    }

    /**
     * A delivery failure reported after the task ended SENT (a status callback): FIRST_ALLOWED goes on with the next
     * channel now. @return false when there is no next channel (or the task is not a SENT one), nothing changed then
     */
    public boolean reopenOnNextChannel(Connection c, long id, Instant now) throws SQLException {
        return Sql.update(c, """
                UPDATE dispatch_task SET state = 'PENDING', channel_index = channel_index + 1, retries = 0, due_at = ?, updated_at = ?
                WHERE id = ? AND state = 'DONE' AND outcome = 'SENT' AND channel_index + 1 < cardinality(channels)""", now, now, id) == 1;
    }

    /** A finished task whose send turned out to have failed (a status callback after it ended SENT). */
    public void markFailed(Connection c, long id, Instant now) throws SQLException {
        Sql.update(c, "UPDATE dispatch_task SET outcome = 'FAILED', updated_at = ? WHERE id = ? AND state = 'DONE'", now, id);
    }

    private static DispatchTask task(ResultSet rs) throws SQLException {
        return new DispatchTask(rs.getLong("id"), rs.getObject("reminder_id", UUID.class), rs.getString("borrower_id"),
                Sql.strings(rs, "channels"), rs.getInt("channel_index"), rs.getInt("retries"), Sql.instant(rs, "due_at"));
    }

    // --- Task moves a wave or a recall asks for (moved here from io.tixing.wave so only this class writes dispatch_task) ---

    /** Pause: the waiting tasks of the wave's reminders are HELD (the claim skips them) until {@link #releaseWave}. */
    public int holdWave(Connection c, UUID waveId, Instant now) throws SQLException {
        return Sql.update(c, """
                UPDATE dispatch_task SET state = 'HELD', updated_at = ?
                WHERE state = 'PENDING' AND reminder_id IN (SELECT id FROM reminder WHERE wave_id = ?)""", now, waveId);
    }

    /** Resume: the wave's HELD tasks wait again for their due instant. */
    public int releaseWave(Connection c, UUID waveId, Instant now) throws SQLException {
        return Sql.update(c, """
                UPDATE dispatch_task SET state = 'PENDING', updated_at = ?
                WHERE state = 'HELD' AND reminder_id IN (SELECT id FROM reminder WHERE wave_id = ?)""", now, waveId);
    }

    /** Reminders just planned into a paused wave: their new tasks are HELD from the start. */
    public int hold(Connection c, List<UUID> reminderIds, Instant now) throws SQLException {
        return Sql.update(c, "UPDATE dispatch_task SET state = 'HELD', updated_at = ? WHERE state = 'PENDING' AND reminder_id = ANY(?)",
                now, c.createArrayOf("uuid", reminderIds.toArray(UUID[]::new)));
    }

    /** A task ended CANCELLED by {@link #cancelWaiting}, with what the caller needs to settle and log its reminder. */
    public record CancelledTask(UUID reminderId, String borrowerId, String loanId) {}

    /**
     * Ends CANCELLED the tasks still waiting (PENDING or HELD) of the reminders matching {@code reminderCondition} (a SQL
     * condition on alias {@code r}, the reminder, with {@code params}), at most {@code limit} tasks. Waits for row locks
     * instead of skipping them: a task being claimed right now is then seen LEASED and left to finish, so nothing sent is
     * ever reported cancelled. Locks tasks before reminders, as the dispatcher does.
     */
    public List<CancelledTask> cancelWaiting(Connection c, String reminderCondition, List<Object> params, int limit, Instant now)
            throws SQLException {
        List<Object> all = new ArrayList<>(params);
        all.add(limit);
        all.add(now);
        List<CancelledTask> out = new ArrayList<>();
        try (var ps = Sql.prepare(c, """
                WITH picked AS (
                  SELECT t.id FROM dispatch_task t JOIN reminder r ON r.id = t.reminder_id
                  WHERE t.state IN ('PENDING', 'HELD') AND %s
                  LIMIT ? FOR UPDATE OF t)
                UPDATE dispatch_task t SET state = 'DONE', outcome = 'CANCELLED', lease_owner = NULL, lease_until = NULL, updated_at = ?
                FROM picked, reminder r WHERE t.id = picked.id AND r.id = t.reminder_id
                RETURNING t.reminder_id, r.borrower_id, r.loan_id""".formatted(reminderCondition), all.toArray());
             var rs = ps.executeQuery()) {
            while (rs.next()) out.add(new CancelledTask(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)));
        }
        return out;
    }

    /**
     * Intake's tasks, set-based: one INSERT … SELECT FROM unnest(arrays) for the whole chunk instead of one statement per
     * task. A task's channels travel as one comma-joined text (channel names are validated enum names, never commas).
     */
    @Override
    public void enqueue(Connection c, List<TaskQueue.NewTask> tasks) throws SQLException {
        if (tasks.isEmpty()) return;
        int n = tasks.size();
        String[] reminders = new String[n], borrowers = new String[n], channels = new String[n], due = new String[n];
        for (int i = 0; i < n; i++) {
            TaskQueue.NewTask t = tasks.get(i);
            for (String ch : t.channels()) if (ch.indexOf(',') >= 0) throw new IllegalArgumentException("channel name with a comma: " + ch);
            reminders[i] = t.reminderId().toString();
            borrowers[i] = t.borrowerId();
            channels[i] = String.join(",", t.channels());
            due[i] = t.dueAt().toString();
        }
        Sql.update(c, """
                INSERT INTO dispatch_task (reminder_id, borrower_id, channels, state, due_at, updated_at)
                SELECT r::uuid, b, string_to_array(ch, ','), ?, d::timestamptz, d::timestamptz
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS t(r, b, ch, d)""",
                TaskState.PENDING.name(), c.createArrayOf("text", reminders), c.createArrayOf("text", borrowers),
                c.createArrayOf("text", channels), c.createArrayOf("text", due));
    }
}
