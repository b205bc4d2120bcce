package io.tixing.worklist;

import io.tixing.api.Problem;
import io.tixing.api.ProblemException;
import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.LogEntry;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The cases collection staff work: what the robot hands to a person. The one writer of {@code work_case} and
 * {@code work_case_note}. Every step (opened, claimed, note, resolved) is a LIFECYCLE contact-log entry of the
 * borrower, in the transaction of the step, so the borrower's timeline tells the whole story.
 *
 * <p>Cases come from replies and DTMF choices ({@link #open}) and from facts other parts record, picked up by
 * {@link #collect}: a cadence hand-off (loan_enrollment.handed_off_at), a {@code borrower.unreachable} lender event,
 * an attempt whose outcome is UNKNOWN. One case per fact ({@code source_key}), however often it is collected.
 */
@ApplicationScoped
public class Cases {

    public enum Kind { ESCALATION, AGENT_REQUEST, UNKNOWN_REPLY, DISPUTE, HARDSHIP, WRONG_NUMBER, UNREACHABLE, UNKNOWN_OUTCOME }

    public enum Status { OPEN, CLAIMED, RESOLVED }

    /** How a person closed a case. */
    public enum Outcome { CONTACTED, PROMISE_TO_PAY, PAYMENT_PLAN, DISPUTE_UPHELD, DISPUTE_REJECTED, CONTACT_POINT_CORRECTED, NO_ACTION_NEEDED, REFERRED }

    public record Note(String actor, String note, Instant at) {}

    /** A case as the worklist shows it; {@code ageSeconds} since it was opened, {@code timeline} the borrower's. */
    public record Case(UUID id, Kind kind, Status status, String borrowerId, String client, String loanId, String reason,
                       Instant openedAt, long ageSeconds, String claimedBy, Instant claimedAt, String resolvedBy, Instant resolvedAt,
                       Outcome outcome, List<Note> notes, String timeline) {}

    private final Database db;
    private final Clock clock;
    private final ContactLogWriter log;

    public Cases(Database db, Clock clock, ContactLogWriter log) {
        this.db = db;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Opens a case for a fact, in the caller's transaction; the existing case when the fact already has one.
     *
     * @param sourceKey the fact, e.g. {@code reply:SM123:DISPUTE}
     */
    public UUID open(Connection c, Kind kind, String sourceKey, String borrowerId, String client, String loanId, String reason, Instant now)
            throws SQLException {
        UUID id = UUID.randomUUID();
        int n = Sql.update(c, """
                INSERT INTO work_case (id, source_key, kind, status, borrower_id, client, loan_id, reason, opened_at)
                VALUES (?, ?, ?, 'OPEN', ?, ?, ?, ?, ?) ON CONFLICT (source_key) DO NOTHING""",
                id, sourceKey, kind.name(), borrowerId, client, loanId, reason, now);
        if (n == 0) {
            try (var ps = Sql.prepare(c, "SELECT id FROM work_case WHERE source_key = ?", sourceKey); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        }
        append(c, borrowerId, loanId, "CASE_OPENED", "worklist", "case " + id + " " + kind + ": " + reason, now);
        return id;
    }

    /**
     * Opens cases for the facts other parts record (hand-offs, unreachable borrowers, unknown outcomes) that have none
     * yet. Called before the worklist is read and by the metrics refresh; cheap when there is nothing new.
     */
    public int collect(Connection c, Instant now) throws SQLException {
        int opened = 0;
        opened += collect(c, Kind.ESCALATION, """
                SELECT 'handoff:' || e.client || ':' || e.loan_id, e.borrower_id, e.client, e.loan_id,
                       'cadence ' || e.cadence || ' handed the loan to an agent', e.handed_off_at
                FROM loan_enrollment e WHERE e.handed_off_at IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM work_case w WHERE w.source_key = 'handoff:' || e.client || ':' || e.loan_id)""", now);
        opened += collect(c, Kind.UNREACHABLE, """
                SELECT 'event:' || l.dedup_key, l.payload->>'borrowerId', l.client, NULL,
                       'borrower unreachable: ' || coalesce(l.payload->>'reason', ''), l.created_at
                FROM lender_event l WHERE l.type = 'borrower.unreachable' AND l.payload->>'borrowerId' IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM work_case w WHERE w.source_key = 'event:' || l.dedup_key)""", now);
        opened += collect(c, Kind.UNKNOWN_OUTCOME, """
                SELECT 'attempt:' || a.id, a.borrower_id, r.client, a.loan_id,
                       a.channel || ' attempt ' || a.id || ' has an unknown outcome: it may or may not have reached the borrower', a.updated_at
                FROM attempt a JOIN reminder r ON r.id = a.reminder_id WHERE a.status = 'UNKNOWN'
                  AND NOT EXISTS (SELECT 1 FROM work_case w WHERE w.source_key = 'attempt:' || a.id)""", now);
        return opened;
    }

    private int collect(Connection c, Kind kind, String select, Instant now) throws SQLException {
        record Found(String key, String borrower, String client, String loan, String reason, Instant at) {}
        List<Found> found = new ArrayList<>();
        try (var ps = Sql.prepare(c, select + " LIMIT 500"); var rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(new Found(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6) == null ? now : rs.getTimestamp(6).toInstant()));
            }
        }
        int opened = 0;
        for (Found f : found) {
            UUID id = UUID.randomUUID();
            // Opened at the fact's own time: the age a person sees is how long the borrower has waited.
            if (Sql.update(c, """
                    INSERT INTO work_case (id, source_key, kind, status, borrower_id, client, loan_id, reason, opened_at)
                    VALUES (?, ?, ?, 'OPEN', ?, ?, ?, ?, ?) ON CONFLICT (source_key) DO NOTHING""",
                    id, f.key(), kind.name(), f.borrower(), f.client(), f.loan(), f.reason(), f.at()) == 1) {
                append(c, f.borrower(), f.loan(), "CASE_OPENED", "worklist", "case " + id + " " + kind + ": " + f.reason(), now);
                opened++;
            }
        }
        return opened;
    }

    /** Open and claimed cases (oldest first), or also resolved ones; filtered by kind and borrower when given. */
    public List<Case> list(boolean withResolved, Kind kind, String borrowerId, int limit) {
        db.inTransaction(c -> collect(c, clock.instant()));
        Instant now = clock.instant();
        return db.read(c -> {
            List<Case> out = new ArrayList<>();
            try (var ps = Sql.prepare(c, """
                    SELECT * FROM work_case WHERE (? OR status <> 'RESOLVED') AND (?::text IS NULL OR kind = ?)
                      AND (?::text IS NULL OR borrower_id = ?) ORDER BY status = 'RESOLVED', opened_at, id LIMIT ?""",
                    withResolved, kind == null ? null : kind.name(), kind == null ? null : kind.name(), borrowerId, borrowerId, limit);
                 var rs = ps.executeQuery()) {
                while (rs.next()) out.add(read(rs, now, List.of()));
            }
            List<Case> withNotes = new ArrayList<>();
            for (Case x : out) withNotes.add(withNotes(c, x));
            return withNotes;
        });
    }

    public Optional<Case> find(UUID id) {
        Instant now = clock.instant();
        return db.read(c -> find(c, id, now, false));
    }

    /** A person takes the case. 409 when someone else holds it or it is resolved; claiming one's own case again is a no-op. */
    public Case claim(UUID id, String actor) {
        return db.inTransaction(c -> {
            Instant now = clock.instant();
            Case x = find(c, id, now, true).orElseThrow(() -> ProblemException.notFound("case " + id));
            if (x.status() == Status.RESOLVED) throw conflict("case-resolved", "case " + id + " was resolved by " + x.resolvedBy());
            if (x.status() == Status.CLAIMED) {
                if (x.claimedBy().equals(actor)) return x;
                throw conflict("case-claimed", "case " + id + " is claimed by " + x.claimedBy() + " since " + x.claimedAt());
            }
            Sql.update(c, "UPDATE work_case SET status = 'CLAIMED', claimed_by = ?, claimed_at = ? WHERE id = ?", actor, now, id);
            append(c, x.borrowerId(), x.loanId(), "CASE_CLAIMED", actor, "case " + id + " " + x.kind() + " claimed", now);
            return find(c, id, now, false).orElseThrow();
        });
    }

    /** A note on an open or claimed case (what the borrower said on the phone, what was agreed). */
    public Case note(UUID id, String actor, String note) {
        return db.inTransaction(c -> {
            Instant now = clock.instant();
            Case x = find(c, id, now, true).orElseThrow(() -> ProblemException.notFound("case " + id));
            if (x.status() == Status.RESOLVED) throw conflict("case-resolved", "case " + id + " was resolved by " + x.resolvedBy());
            Sql.update(c, "INSERT INTO work_case_note (case_id, actor, note, at) VALUES (?, ?, ?, ?)", id, actor, note, now);
            append(c, x.borrowerId(), x.loanId(), "CASE_NOTE", actor, "case " + id + " note: " + note, now);
            return find(c, id, now, false).orElseThrow();
        });
    }

    /**
     * Closes the case with an outcome (and an optional note). The person must hold it: an open case is claimed first
     * (409 when another person holds it, or it is already resolved).
     */
    public Case resolve(UUID id, String actor, Outcome outcome, String note) {
        return db.inTransaction(c -> {
            Instant now = clock.instant();
            Case x = find(c, id, now, true).orElseThrow(() -> ProblemException.notFound("case " + id));
            if (x.status() == Status.RESOLVED) throw conflict("case-resolved", "case " + id + " was resolved by " + x.resolvedBy());
            if (x.status() == Status.CLAIMED && !x.claimedBy().equals(actor)) {
                throw conflict("case-claimed", "case " + id + " is claimed by " + x.claimedBy() + "; only they can resolve it");
            }
            if (note != null && !note.isBlank()) {
                Sql.update(c, "INSERT INTO work_case_note (case_id, actor, note, at) VALUES (?, ?, ?, ?)", id, actor, note, now);
            }
            Sql.update(c, """
                    UPDATE work_case SET status = 'RESOLVED', claimed_by = coalesce(claimed_by, ?), claimed_at = coalesce(claimed_at, ?),
                      resolved_by = ?, resolved_at = ?, outcome = ? WHERE id = ?""", actor, now, actor, now, outcome.name(), id);
            append(c, x.borrowerId(), x.loanId(), "CASE_RESOLVED", actor, "case " + id + " " + x.kind() + " resolved: " + outcome
                    + (note == null || note.isBlank() ? "" : "; note: " + note), now);
            return find(c, id, now, false).orElseThrow();
        });
    }

    /** Open (not resolved) cases per kind and the age of the oldest, for the metrics. */
    public record OpenCount(Kind kind, long open, long oldestSeconds) {}

    public List<OpenCount> openCounts() {
        db.inTransaction(c -> collect(c, clock.instant()));
        Instant now = clock.instant();
        return db.read(c -> {
            List<OpenCount> out = new ArrayList<>();
            try (var ps = Sql.prepare(c, "SELECT kind, count(*), min(opened_at) FROM work_case WHERE status <> 'RESOLVED' GROUP BY kind");
                 var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OpenCount(Kind.valueOf(rs.getString(1)), rs.getLong(2),
                            Math.max(0, Duration.between(rs.getTimestamp(3).toInstant(), now).toSeconds())));
                }
            }
            return out;
        });
    }

    private static ProblemException conflict(String type, String detail) {
        return new ProblemException(Problem.of(409, type, "Conflict", detail));
    }

    private Optional<Case> find(Connection c, UUID id, Instant now, boolean lock) throws SQLException {
        try (var ps = Sql.prepare(c, "SELECT * FROM work_case WHERE id = ?" + (lock ? " FOR UPDATE" : ""), id); var rs = ps.executeQuery()) {
            if (!rs.next()) return Optional.empty();
            return Optional.of(withNotes(c, read(rs, now, List.of())));
        }
    }

    private static Case withNotes(Connection c, Case x) throws SQLException {
        List<Note> notes = new ArrayList<>();
        try (var ps = Sql.prepare(c, "SELECT actor, note, at FROM work_case_note WHERE case_id = ? ORDER BY id", x.id()); var rs = ps.executeQuery()) {
            while (rs.next()) notes.add(new Note(rs.getString(1), rs.getString(2), Sql.instant(rs, "at")));
        }
        return new Case(x.id(), x.kind(), x.status(), x.borrowerId(), x.client(), x.loanId(), x.reason(), x.openedAt(), x.ageSeconds(),
                x.claimedBy(), x.claimedAt(), x.resolvedBy(), x.resolvedAt(), x.outcome(), notes, x.timeline());
    }

    private static Case read(ResultSet rs, Instant now, List<Note> notes) throws SQLException {
        Instant opened = Sql.instant(rs, "opened_at");
        Instant resolved = Sql.instant(rs, "resolved_at");
        String outcome = rs.getString("outcome");
        String borrower = rs.getString("borrower_id");
        return new Case(rs.getObject("id", UUID.class), Kind.valueOf(rs.getString("kind")), Status.valueOf(rs.getString("status")),
                borrower, rs.getString("client"), rs.getString("loan_id"), rs.getString("reason"), opened,
                Math.max(0, Duration.between(opened, resolved == null ? now : resolved).toSeconds()),
                rs.getString("claimed_by"), Sql.instant(rs, "claimed_at"), rs.getString("resolved_by"), resolved,
                outcome == null ? null : Outcome.valueOf(outcome), notes,
                "/api/v1/borrowers/" + java.net.URLEncoder.encode(borrower, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20") + "/timeline");
    }

    private void append(Connection c, String borrowerId, String loanId, String outcome, String actor, String detail, Instant now)
            throws SQLException {
        log.append(c, LogEntry.of(LogEntry.Kind.LIFECYCLE, now).borrower(borrowerId).loan(loanId).outcome(outcome).actor(actor)
                .detail(detail).build());
    }
}
