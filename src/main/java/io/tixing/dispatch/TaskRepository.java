package io.tixing.dispatch;

import io.tixing.db.Database;
import io.tixing.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The outbox: claims with FOR UPDATE SKIP LOCKED plus a lease, so instances never take the same task. */
@ApplicationScoped
public class TaskRepository {

    private final Database db;

    public TaskRepository(Database db) { this.db = db; }

    public List<DispatchTask> claim(String worker, Instant now, Instant leaseUntil, int limit) {
        return db.inTransaction(c -> {
            try (var ps = Sql.prepare(c, """
                    UPDATE dispatch_task SET state = 'LEASED', lease_owner = ?, lease_until = ?, updated_at = ?
                    WHERE id IN (SELECT id FROM dispatch_task WHERE state = 'PENDING' AND due_at <= ?
                                 AND NOT EXISTS (SELECT 1 FROM reminder r JOIN wave w ON w.id = r.wave_id
                                                 WHERE r.id = dispatch_task.reminder_id AND w.state = 'PAUSED')
                                 ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED)
                    RETURNING *""", worker, leaseUntil, now, now, limit);
                 var rs = ps.executeQuery()) {
                List<DispatchTask> out = new ArrayList<>();
                while (rs.next()) out.add(task(rs));
                return out;
            }
        });
    }

    /** Leases of instances that died (or stalled) go back to the queue; their SENDING attempts are resolved on the next claim. */
    public int requeueExpired(Instant now) {
        return db.inTransaction(c -> Sql.update(c, """
                UPDATE dispatch_task SET state = 'PENDING', lease_owner = NULL, lease_until = NULL, updated_at = ?
                WHERE state = 'LEASED' AND lease_until < ?""", now, now));
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

    private static DispatchTask task(ResultSet rs) throws SQLException {
        return new DispatchTask(rs.getLong("id"), rs.getObject("reminder_id", UUID.class), rs.getString("borrower_id"),
                Sql.strings(rs, "channels"), rs.getInt("channel_index"), rs.getInt("retries"), Sql.instant(rs, "due_at"));
    }
}
