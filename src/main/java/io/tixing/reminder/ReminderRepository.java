package io.tixing.reminder;

import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.security.Masking;
import jakarta.enterprise.context.ApplicationScoped;
import org.postgresql.PGStatement;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ReminderRepository {

    private final Database db;

    public ReminderRepository(Database db) { this.db = db; }

    public record Existing(UUID id, String requestHash) {}

    public Optional<Existing> findByRequest(String client, String requestId) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT id, request_hash FROM reminder WHERE client = ? AND request_id = ?", client, requestId);
                 var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Existing(rs.getObject("id", UUID.class), rs.getString("request_hash"))) : Optional.empty();
            }
        });
    }

    /**
     * The stored reminders of these requestIds, through the unique (client, request_id) index: the originals of the lines
     * a group commit or batch chunk found repeated (its reminder insert is what finds them). Planned afresh at each
     * execution (see {@link #findByRequests}): a generic plan made while the table was small and unanalyzed (a fresh
     * database: the first minute, before autovacuum looks) is a scan of {@code reminder_client_created} over every
     * reminder of the client, filtered by the array, and a connection kept it as the table grew: each group commit and
     * batch chunk then read all the client's reminders so far (12-24 ms per group at 3,000 reminders in bench/intake,
     * 1.8 ms per request over its 30 s window). Not a LATERAL probe per requestId either: for a client the statistics
     * have not seen yet (its first big extract) each probe became such a scan.
     */
    static final String FIND_BY_REQUESTS = "SELECT request_id, id, request_hash FROM reminder WHERE request_id = ANY(?::text[]) AND client = ?";

    /** The stored reminders of these requestIds of a client, in the caller's transaction (it sees its own inserts). */
    java.util.Map<String, Existing> findByRequests(Connection c, String client, java.util.Collection<String> requestIds) throws SQLException {
        java.util.Map<String, Existing> found = new java.util.HashMap<>();
        if (requestIds.isEmpty()) return found;
        try (var ps = Sql.prepare(c, FIND_BY_REQUESTS, requestIds.toArray(String[]::new), client)) {
            // Never a server-prepared statement: its generic plan, made once per connection (pgjdbc prepares on the server
            // from the fifth execution on), keeps whatever index looked cheapest while the table was small and unanalyzed
            // (reminder_client_created: equal cost at 30 rows) as the table grows; planned with the values and sizes of the
            // moment, the unique index wins as soon as it matters. Planning costs some µs per group or chunk.
            ps.unwrap(PGStatement.class).setPrepareThreshold(0);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) found.put(rs.getString(1), new Existing(rs.getObject(2, UUID.class), rs.getString(3)));
            }
        }
        return found;
    }

    /** @return false when (client, requestId) already exists */
    boolean insert(Connection c, UUID id, String client, ReminderRequest r, String requestHash, String strategy, Instant now,
                   String requestJson, UUID waveId) throws SQLException {
        return Sql.update(c, """
                INSERT INTO reminder (id, client, request_id, request_hash, borrower_id, loan_id, request, template_key, channels,
                  channel_strategy, not_after, status, created_at, updated_at, wave_id)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, 'QUEUED', ?, ?, ?)
                ON CONFLICT (client, request_id) DO NOTHING""",
                id, client, r.requestId(), requestHash, r.borrower().id(), r.loan().id(), requestJson, r.template(),
                Sql.textArray(c, r.channels()), strategy, r.notAfter() == null ? null : Instant.parse(r.notAfter()), now, now,
                waveId) == 1;
    }

    /** A reminder row to insert with {@link #insertAll}. */
    record NewReminder(UUID id, ReminderRequest request, String requestHash, String strategy, String requestJson, UUID waveId) {}

    /**
     * {@link #insert} for many reminders with one set-based statement (INSERT … SELECT FROM unnest(arrays), rows in list
     * order); element i is false when reminder i's requestId already existed — stored before, or earlier in this list
     * (DO NOTHING skips a later duplicate of a row the same statement inserted, as sequential inserts would).
     */
    boolean[] insertAll(Connection c, String client, List<NewReminder> rows, Instant now) throws SQLException {
        int n = rows.size();
        boolean[] inserted = new boolean[n];
        if (n == 0) return inserted;
        String[] ids = new String[n], requestIds = new String[n], hashes = new String[n], borrowerIds = new String[n],
                loanIds = new String[n], requests = new String[n], templates = new String[n], channels = new String[n],
                strategies = new String[n], notAfter = new String[n], waves = new String[n];
        java.util.Map<UUID, Integer> index = new java.util.HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            NewReminder row = rows.get(i);
            ReminderRequest r = row.request();
            for (String ch : r.channels()) if (ch.indexOf(',') >= 0) throw new IllegalArgumentException("channel name with a comma: " + ch);
            ids[i] = row.id().toString();
            requestIds[i] = r.requestId();
            hashes[i] = row.requestHash();
            borrowerIds[i] = r.borrower().id();
            loanIds[i] = r.loan().id();
            requests[i] = row.requestJson();
            templates[i] = r.template();
            channels[i] = String.join(",", r.channels()); // validated channel names: never a comma
            strategies[i] = row.strategy();
            notAfter[i] = r.notAfter() == null ? null : Instant.parse(r.notAfter()).toString();
            waves[i] = row.waveId() == null ? null : row.waveId().toString();
            index.put(row.id(), i);
        }
        try (var ps = Sql.prepare(c, """
                INSERT INTO reminder (id, client, request_id, request_hash, borrower_id, loan_id, request, template_key, channels,
                  channel_strategy, not_after, status, created_at, updated_at, wave_id)
                SELECT id::uuid, ?, rq, h, b, l, j::jsonb, t, string_to_array(ch, ','), st, na::timestamptz, 'QUEUED', ?, ?, w::uuid
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::text[]) WITH ORDINALITY AS u(id, rq, h, b, l, j, t, ch, st, na, w, ord)
                ORDER BY ord
                ON CONFLICT (client, request_id) DO NOTHING
                RETURNING id""", client, now, now, arr(c, ids), arr(c, requestIds), arr(c, hashes), arr(c, borrowerIds),
                arr(c, loanIds), arr(c, requests), arr(c, templates), arr(c, channels), arr(c, strategies), arr(c, notAfter),
                arr(c, waves));
             var rs = ps.executeQuery()) {
            while (rs.next()) inserted[index.get(rs.getObject(1, UUID.class))] = true;
        }
        return inserted;
    }

    /**
     * A text[] parameter as a plain {@code String[]}: pgjdbc then sends it in the binary array format (each element
     * length-prefixed), where {@code createArrayOf} would build an array literal, quoting and escaping every character of
     * every element (the request JSON is full of quotes) for the server to parse back.
     */
    private static Object arr(Connection c, String[] values) { return values; }

    /** @param masked whether destinations are masked (callers without the pii right) */
    public Optional<ReminderView> view(UUID id, boolean masked) {
        return db.read(c -> {
            ReminderView base;
            try (var ps = Sql.prepare(c, "SELECT * FROM reminder WHERE id = ?", id); var rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                base = new ReminderView(id, rs.getString("request_id"), rs.getString("status"), rs.getString("borrower_id"),
                        rs.getString("loan_id"), rs.getString("template_key"), Sql.strings(rs, "channels"),
                        rs.getString("channel_strategy"), Sql.instant(rs, "not_after"), Sql.instant(rs, "next_attempt_at"),
                        Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), null, null);
            }
            List<ReminderView.DecisionView> decisions = new ArrayList<>();
            try (var ps = Sql.prepare(c, """
                    SELECT at, local_time, channel, decision, reasons, rule_pack, until FROM contact_log
                    WHERE reminder_id = ? AND kind = 'DECISION' ORDER BY seq""", id); var rs = ps.executeQuery()) {
                while (rs.next()) {
                    decisions.add(new ReminderView.DecisionView(Sql.instant(rs, "at"), rs.getString("local_time"), rs.getString("channel"),
                            rs.getString("decision"), Sql.strings(rs, "reasons"), rs.getString("rule_pack"), Sql.instant(rs, "until")));
                }
            }
            List<ReminderView.AttemptView> attempts = new ArrayList<>();
            try (var ps = Sql.prepare(c, "SELECT * FROM attempt WHERE reminder_id = ? ORDER BY seq", id); var rs = ps.executeQuery()) {
                while (rs.next()) attempts.add(attempt(rs, masked));
            }
            return Optional.of(new ReminderView(base.id(), base.requestId(), base.status(), base.borrowerId(), base.loanId(),
                    base.template(), base.channels(), base.channelStrategy(), base.notAfter(), base.nextAttemptAt(),
                    base.createdAt(), base.updatedAt(), decisions, attempts));
        });
    }

    /** The client that submitted a reminder, for access checks. */
    public Optional<String> clientOf(UUID id) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT client FROM reminder WHERE id = ?", id); var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        });
    }

    private static ReminderView.AttemptView attempt(ResultSet rs, boolean masked) throws SQLException {
        String destination = rs.getString("destination");
        return new ReminderView.AttemptView(rs.getObject("id", UUID.class), rs.getString("channel"),
                masked ? Masking.destination(destination) : destination, rs.getString("status"), rs.getString("provider_id"),
                rs.getString("error_code"), rs.getString("template_key"), rs.getString("template_version"), rs.getString("locale"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }

    /** The reminder as the dispatcher needs it: its accepted request and where it stands. */
    public record Dispatchable(UUID id, String client, ReminderStatus status, ReminderRequest request, Instant notAfter,
                               String strategy) {}

    public Optional<Dispatchable> forDispatch(Connection c, UUID id, com.fasterxml.jackson.databind.ObjectMapper json) throws SQLException {
        try (var ps = Sql.prepare(c, "SELECT client, status, request, not_after, channel_strategy FROM reminder WHERE id = ?", id);
             var rs = ps.executeQuery()) {
            if (!rs.next()) return Optional.empty();
            try {
                return Optional.of(new Dispatchable(id, rs.getString("client"), ReminderStatus.valueOf(rs.getString("status")),
                        json.readValue(rs.getString("request"), ReminderRequest.class), Sql.instant(rs, "not_after"),
                        rs.getString("channel_strategy")));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("stored request of reminder " + id + " is unreadable", e);
            }
        }
    }

    /** {@link #forDispatch} for a batch of reminders, in one statement. */
    public java.util.Map<UUID, Dispatchable> forDispatch(Connection c, java.util.Collection<UUID> ids,
                                                         com.fasterxml.jackson.databind.ObjectMapper json) throws SQLException {
        java.util.Map<UUID, Dispatchable> out = new java.util.HashMap<>();
        if (ids.isEmpty()) return out;
        try (var ps = Sql.prepare(c, "SELECT id, client, status, request, not_after, channel_strategy FROM reminder WHERE id = ANY (?)",
                c.createArrayOf("uuid", ids.toArray())); var rs = ps.executeQuery()) {
            while (rs.next()) {
                UUID id = rs.getObject("id", UUID.class);
                try {
                    out.put(id, new Dispatchable(id, rs.getString("client"), ReminderStatus.valueOf(rs.getString("status")),
                            json.readValue(rs.getString("request"), ReminderRequest.class), Sql.instant(rs, "not_after"),
                            rs.getString("channel_strategy")));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("stored request of reminder " + id + " is unreadable", e);
                }
            }
        }
        return out;
    }

    /** One reminder's move in {@link #setStatusAll}. */
    public record StatusMove(UUID id, ReminderStatus status, Instant nextAttemptAt) {}

    /** {@link #setStatus} for a batch, in one statement (a reminder named twice gets its last move). */
    public void setStatusAll(Connection c, List<StatusMove> moves, Instant now) throws SQLException {
        if (moves.isEmpty()) return;
        java.util.Map<UUID, StatusMove> last = new java.util.TreeMap<>();
        for (StatusMove m : moves) last.put(m.id(), m);
        List<String> ids = new ArrayList<>(), statuses = new ArrayList<>(), next = new ArrayList<>();
        for (StatusMove m : last.values()) {
            ids.add(m.id().toString());
            statuses.add(m.status().name());
            next.add(m.nextAttemptAt() == null ? null : m.nextAttemptAt().toString());
        }
        Sql.update(c, """
                UPDATE reminder r SET status = t.status, next_attempt_at = t.next::timestamptz, updated_at = ?
                FROM unnest(?::uuid[], ?::text[], ?::text[]) AS t(id, status, next) WHERE r.id = t.id AND r.id = ANY (?::uuid[])""",
                now, Sql.textArray(c, ids), Sql.textArray(c, statuses), Sql.textArray(c, next), Sql.textArray(c, ids));
    }

    /** {@link #settle} for a batch: two statements; returns the final status of each reminder that has one. */
    public java.util.Map<UUID, ReminderStatus> settleAll(Connection c, java.util.Collection<UUID> ids, Instant now) throws SQLException {
        java.util.Map<UUID, ReminderStatus> out = new java.util.TreeMap<>();
        if (ids.isEmpty()) return out;
        java.util.Map<UUID, List<String>> outcomes = new java.util.HashMap<>();
        try (var ps = Sql.prepare(c, "SELECT reminder_id, state, outcome FROM dispatch_task WHERE reminder_id = ANY (?)",
                c.createArrayOf("uuid", ids.toArray())); var rs = ps.executeQuery()) {
            while (rs.next()) {
                outcomes.computeIfAbsent(rs.getObject("reminder_id", UUID.class), k -> new ArrayList<>())
                        .add("DONE".equals(rs.getString("state")) ? rs.getString("outcome") : null);
            }
        }
        List<StatusMove> moves = new ArrayList<>();
        for (var e : outcomes.entrySet()) {
            finalStatus(e.getValue()).ifPresent(s -> {
                out.put(e.getKey(), s);
                moves.add(new StatusMove(e.getKey(), s, null));
            });
        }
        setStatusAll(c, moves, now);
        return out;
    }

    /** Moves the reminder only if it is still in {@code from} (e.g. SENT → DELIVERED, never back). */
    public void setStatusIf(Connection c, UUID id, ReminderStatus from, ReminderStatus to, Instant now) throws SQLException {
        Sql.update(c, "UPDATE reminder SET status = ?, updated_at = ? WHERE id = ? AND status = ?", to.name(), now, id, from.name());
    }

    public void setStatus(Connection c, UUID id, ReminderStatus status, Instant nextAttemptAt, Instant now) throws SQLException {
        Sql.update(c, "UPDATE reminder SET status = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?", status.name(), nextAttemptAt, now, id);
    }

    /**
     * Writes the reminder's final status once every one of its tasks is done; empty (and nothing written) while a
     * task is still open — that task settles it when it ends.
     */
    public Optional<ReminderStatus> settle(Connection c, UUID id, Instant now) throws SQLException {
        List<String> outcomes = new ArrayList<>();
        try (var ps = Sql.prepare(c, "SELECT state, outcome FROM dispatch_task WHERE reminder_id = ?", id); var rs = ps.executeQuery()) {
            while (rs.next()) outcomes.add("DONE".equals(rs.getString("state")) ? rs.getString("outcome") : null);
        }
        Optional<ReminderStatus> status = finalStatus(outcomes);
        if (status.isPresent()) {
            Sql.update(c, "UPDATE reminder SET status = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ?", status.get().name(), now, id);
        }
        return status;
    }

    /**
     * Once every task of a reminder is done, its final status: SENT if any channel got through, else the most
     * telling of FAILED, EXPIRED, SUPPRESSED, CANCELLED. Returns empty while tasks are still open.
     */
    public static Optional<ReminderStatus> finalStatus(List<String> taskOutcomes) {
        if (taskOutcomes.isEmpty() || taskOutcomes.contains(null)) return Optional.empty();
        for (ReminderStatus s : List.of(ReminderStatus.SENT, ReminderStatus.FAILED, ReminderStatus.EXPIRED, ReminderStatus.SUPPRESSED)) {
            if (taskOutcomes.contains(s.name())) return Optional.of(s);
        }
        return Optional.of(ReminderStatus.CANCELLED);
    }
}
