package io.tixing.wave;

import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.policy.AttemptStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Wave rows, their counters and their pacing plan. */
@ApplicationScoped
public class WaveRepository {

    public enum State { LOADING, ACTIVE, PAUSED, CANCELLED }

    public record Wave(UUID id, String client, String name, State state, long accepted, long invalid, String cron, Instant createdAt,
                       String cancelledBy) {}

    private final Database db;

    public WaveRepository(Database db) { this.db = db; }

    void create(Connection c, UUID id, String client, WaveHeader header, String headerJson, String actor, Instant nextRun, Instant now)
            throws SQLException {
        Sql.update(c, """
                INSERT INTO wave (id, client, name, header, state, cron, next_run_at, created_by, created_at, updated_at)
                VALUES (?, ?, ?, ?::jsonb, 'LOADING', ?, ?, ?, ?, ?)""", id, client, header.name(), headerJson, header.cron(), nextRun,
                actor, now, now);
    }

    /** Locks the wave row for a chunk: a concurrent cancel waits for the chunk, and a chunk never lands on a cancelled wave. */
    State lockForChunk(Connection c, UUID id) throws SQLException {
        try (var ps = Sql.prepare(c, "SELECT state FROM wave WHERE id = ? FOR SHARE", id); var rs = ps.executeQuery()) {
            if (!rs.next()) throw new IllegalStateException("wave " + id + " vanished");
            return State.valueOf(rs.getString(1));
        }
    }

    void count(Connection c, UUID id, long accepted, long invalid, Instant now) throws SQLException {
        Sql.update(c, "UPDATE wave SET accepted = accepted + ?, invalid = invalid + ?, updated_at = ? WHERE id = ?", accepted, invalid, now, id);
    }

    void loaded(UUID id, Instant now) {
        db.inTransaction(c -> Sql.update(c, "UPDATE wave SET state = 'ACTIVE', updated_at = ? WHERE id = ? AND state = 'LOADING'", now, id));
    }

    /**
     * Reserves {@code n} consecutive pacing slots of a channel for recipients starting at {@code start}; returns the first.
     * The row lock orders concurrent chunks, so slots never overlap across instances.
     */
    long reserveSlots(Connection c, UUID waveId, String channel, Instant start, long n) throws SQLException {
        try (var ps = Sql.prepare(c, """
                INSERT INTO wave_pace (wave_id, channel, start_at, planned) VALUES (?, ?, ?, ?)
                ON CONFLICT (wave_id, channel, start_at) DO UPDATE SET planned = wave_pace.planned + EXCLUDED.planned
                RETURNING planned""", waveId, channel, start, n); var rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) - n;
        }
    }

    public Optional<Wave> find(UUID id) { return db.read(c -> find(c, id, false)); }

    Optional<Wave> find(Connection c, UUID id, boolean lock) throws SQLException {
        try (var ps = Sql.prepare(c, "SELECT * FROM wave WHERE id = ?" + (lock ? " FOR UPDATE" : ""), id); var rs = ps.executeQuery()) {
            if (!rs.next()) return Optional.empty();
            return Optional.of(new Wave(id, rs.getString("client"), rs.getString("name"), State.valueOf(rs.getString("state")),
                    rs.getLong("accepted"), rs.getLong("invalid"), rs.getString("cron"), Sql.instant(rs, "created_at"),
                    rs.getString("cancelled_by")));
        }
    }

    void setState(Connection c, UUID id, State state, String actor, Instant now) throws SQLException {
        Sql.update(c, """
                UPDATE wave SET state = ?, updated_at = ?,
                  paused_by = CASE WHEN ? = 'PAUSED' THEN ? ELSE paused_by END,
                  cancelled_by = CASE WHEN ? = 'CANCELLED' THEN ? ELSE cancelled_by END,
                  cancelled_at = CASE WHEN ? = 'CANCELLED' THEN ? ELSE cancelled_at END
                WHERE id = ?""", state.name(), now, state.name(), actor, state.name(), actor, state.name(), now, id);
    }

    /** Key of {@link #statusCounts} for recipients accepted but not planned yet (rows of wave_staged). */
    static final String STAGED = "#STAGED";
    /** Key of {@link #statusCounts} for the wave's accepted counter, read in the same snapshot as the statuses. */
    static final String ACCEPTED = "#ACCEPTED";

    /**
     * Reminder statuses of the wave's recipients, counted where they live, plus the staged (not yet planned) recipients
     * and the accepted counter: one statement, so one snapshot, even while the planner moves rows from staged to reminders.
     */
    Map<String, Long> statusCounts(UUID id) {
        return db.read(c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (var ps = Sql.prepare(c, """
                    SELECT status, count(*) FROM reminder WHERE wave_id = ? GROUP BY status
                    UNION ALL SELECT '#STAGED', count(*) FROM wave_staged WHERE wave_id = ?
                    UNION ALL SELECT '#ACCEPTED', accepted FROM wave WHERE id = ?""", id, id, id); var rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        });
    }

    /** Suppressed recipients by the first reason of the decision that suppressed them. */
    Map<String, Long> suppressedByReason(UUID id) {
        return db.read(c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (var ps = Sql.prepare(c, """
                    SELECT coalesce(reason, 'UNKNOWN'), count(*) FROM (
                      SELECT r.id, (SELECT l.reasons[1] FROM contact_log l WHERE l.reminder_id = r.id AND l.kind = 'DECISION'
                                    AND l.decision = 'SUPPRESS' ORDER BY l.seq DESC LIMIT 1) AS reason
                      FROM reminder r WHERE r.wave_id = ? AND r.status = 'SUPPRESSED') s
                    GROUP BY 1 ORDER BY 2 DESC""", id); var rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        });
    }

    /** Provider hand-offs of the wave's reminders since {@code since}: the throughput figure. */
    long sentSince(UUID id, Instant since) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, """
                    SELECT count(*) FROM attempt a JOIN reminder r ON r.id = a.reminder_id
                    WHERE r.wave_id = ? AND a.status = ANY (?) AND a.updated_at >= ?""",
                    id, Sql.textArray(c, List.of(AttemptStatus.SENT.name(), AttemptStatus.DELIVERED.name())), since);
                 var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
