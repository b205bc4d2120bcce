package io.tixing.borrower;

import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.LogEntry;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Opt-outs, opt-ins, holds and their lifting, each with its source and actor (COMPLIANCE.md, consent ledger).
 * The state in force lives in {@code borrower_restriction}; every change is also a CONSENT contact-log entry,
 * written in the same transaction, and taken under the borrower's row lock so it orders with decisions.
 */
@ApplicationScoped
public class ConsentLedger {

    public enum Source { SMS_REPLY, VOICE_DTMF, API, CONSOLE, PROVIDER }

    /** Opt-outs the borrower (or their carrier) made: only the borrower lifts them, by re-consenting. */
    static final Set<Source> BORROWER_OWN = EnumSet.of(Source.SMS_REPLY, Source.VOICE_DTMF, Source.PROVIDER);

    public record Restriction(String kind, String value, String loanId, String source, String actor, Instant since) {}

    /**
     * What a webhook-driven change did. STALE: the event happened before the latest change of the same
     * borrower/kind/value/loan scope (a late or replayed message), so it changed nothing.
     */
    public enum Change { CHANGED, UNCHANGED, STALE }

    private final Database db;
    private final Clock clock;
    private final ContactLogWriter log;

    public ConsentLedger(Database db, Clock clock, ContactLogWriter log) {
        this.db = db;
        this.clock = clock;
        this.log = log;
    }

    /** @return false when the same restriction from the same source was already in force (nothing changes, nothing is logged) */
    public boolean restrict(String borrowerId, String kind, String value, String loanId, Source source, String actor, String note) {
        return db.inTransaction(c -> restrict(c, borrowerId, kind, value, loanId, source, actor, note));
    }

    public boolean restrict(Connection c, String borrowerId, String kind, String value, String loanId, Source source, String actor,
                            String note) throws SQLException {
        Instant now = clock.instant();
        lockOrCreate(c, borrowerId, now);
        return insert(c, borrowerId, kind, value, loanId, source, actor, note, now, now);
    }

    /**
     * A restriction that happened at {@code effectiveAt} (the provider's time of a webhook, never later than now):
     * STALE when the scope changed later than that. Each source keeps its own row, so a borrower's own STOP survives
     * the lifting of an operator's opt-out, and the borrower's START never lifts the operator's.
     */
    public Change restrictAsOf(Connection c, String borrowerId, String kind, String value, String loanId, Source source, String actor,
                               String note, Instant effectiveAt) throws SQLException {
        Instant now = clock.instant();
        Instant at = effectiveAt == null || effectiveAt.isAfter(now) ? now : effectiveAt;
        lockOrCreate(c, borrowerId, now);
        if (changedAfter(c, borrowerId, kind, value, loanId, at)) return Change.STALE;
        return insert(c, borrowerId, kind, value, loanId, source, actor, note, at, now) ? Change.CHANGED : Change.UNCHANGED;
    }

    private boolean insert(Connection c, String borrowerId, String kind, String value, String loanId, Source source, String actor,
                           String note, Instant effectiveAt, Instant now) throws SQLException {
        try (var ps = Sql.prepare(c, """
                SELECT 1 FROM borrower_restriction WHERE borrower_id = ? AND kind = ? AND value = ?
                  AND coalesce(scope_loan, '') = coalesce(?::text, '') AND source = ? AND lifted_at IS NULL""",
                borrowerId, kind, value, loanId, source.name());
             var rs = ps.executeQuery()) {
            if (rs.next()) return false;
        }
        Sql.update(c, """
                INSERT INTO borrower_restriction (borrower_id, kind, value, scope_loan, source, actor, created_at, effective_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", borrowerId, kind, value, loanId, source.name(), actor, now, effectiveAt);
        append(c, borrowerId, kind.equals("HOLD") ? "HOLD_" + value : "OPTED_OUT", kind, value, loanId, source, actor, note, now);
        return true;
    }

    /**
     * An operator's lifting. A borrower's own revocation (SMS reply, DTMF) or the carrier's (PROVIDER, e.g. Twilio 21610)
     * is never lifted here: only the borrower re-consents, by replying START (47 CFR 64.1200(a)(10)).
     *
     * @return false when nothing an operator may lift was in force
     */
    public boolean lift(String borrowerId, String kind, String value, String loanId, Source source, String actor, String note) {
        return db.inTransaction(c -> lift(c, borrowerId, kind, value, loanId, source, actor, note));
    }

    public boolean lift(Connection c, String borrowerId, String kind, String value, String loanId, Source source, String actor,
                        String note) throws SQLException {
        Instant now = clock.instant();
        lockOrCreate(c, borrowerId, now);
        int n = Sql.update(c, """
                UPDATE borrower_restriction SET lifted_at = ?, lifted_by = ?, lift_effective_at = ?
                WHERE borrower_id = ? AND kind = ? AND value = ? AND coalesce(scope_loan, '') = coalesce(?::text, '')
                  AND lifted_at IS NULL AND NOT (kind = 'OPT_OUT' AND source = ANY (?))""",
                now, actor, now, borrowerId, kind, value, loanId, Sql.textArray(c, BORROWER_OWN.stream().map(Enum::name).toList()));
        if (n == 0) return false;
        append(c, borrowerId, kind.equals("HOLD") ? "HOLD_LIFTED_" + value : "OPTED_IN", kind, value, loanId, source, actor, note, now);
        return true;
    }

    /**
     * Lifts only the restrictions {@code source} itself made (a borrower's START lifts the borrower's STOP, never an
     * operator's, legal, provider or cease restriction), as of {@code effectiveAt} like {@link #restrictAsOf}.
     * UNCHANGED when {@code source} had nothing of that kind in force.
     */
    public Change liftFrom(Connection c, String borrowerId, String kind, String value, String loanId, Source source, String actor,
                           String note, Instant effectiveAt) throws SQLException {
        Instant now = clock.instant();
        Instant at = effectiveAt == null || effectiveAt.isAfter(now) ? now : effectiveAt;
        lockOrCreate(c, borrowerId, now);
        if (changedAfter(c, borrowerId, kind, value, loanId, at)) return Change.STALE;
        int n = Sql.update(c, """
                UPDATE borrower_restriction SET lifted_at = ?, lifted_by = ?, lift_effective_at = ?
                WHERE borrower_id = ? AND kind = ? AND value = ? AND coalesce(scope_loan, '') = coalesce(?::text, '')
                  AND source = ? AND lifted_at IS NULL""", now, actor, at, borrowerId, kind, value, loanId, source.name());
        if (n == 0) return Change.UNCHANGED;
        append(c, borrowerId, kind.equals("HOLD") ? "HOLD_LIFTED_" + value : "OPTED_IN", kind, value, loanId, source, actor, note, now);
        return Change.CHANGED;
    }

    /** The sources whose opt-out of {@code channel} (or of ALL) is in force for all of the borrower's loans. */
    public List<String> optedOutBy(Connection c, String borrowerId, String channel) throws SQLException {
        try (var ps = Sql.prepare(c, """
                SELECT DISTINCT source FROM borrower_restriction WHERE borrower_id = ? AND kind = 'OPT_OUT' AND value IN (?, 'ALL')
                  AND scope_loan IS NULL AND lifted_at IS NULL ORDER BY source""", borrowerId, channel);
             var rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) out.add(rs.getString(1));
            return out;
        }
    }

    /** Did anything (any source) restrict or lift this scope after {@code at}? Rows from before V6 use their write times. */
    private static boolean changedAfter(Connection c, String borrowerId, String kind, String value, String loanId, Instant at)
            throws SQLException {
        try (var ps = Sql.prepare(c, """
                SELECT 1 FROM borrower_restriction WHERE borrower_id = ? AND kind = ? AND value = ?
                  AND coalesce(scope_loan, '') = coalesce(?::text, '')
                  AND greatest(coalesce(effective_at, created_at), coalesce(lift_effective_at, lifted_at)) > ?""",
                borrowerId, kind, value, loanId, at);
             var rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    public List<Restriction> inForce(String borrowerId) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, """
                    SELECT kind, value, scope_loan, source, actor, created_at FROM borrower_restriction
                    WHERE borrower_id = ? AND lifted_at IS NULL ORDER BY created_at""", borrowerId);
                 var rs = ps.executeQuery()) {
                List<Restriction> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Restriction(rs.getString("kind"), rs.getString("value"), rs.getString("scope_loan"),
                            rs.getString("source"), rs.getString("actor"), Sql.instant(rs, "created_at")));
                }
                return out;
            }
        });
    }

    /** A consent can arrive before any reminder (a call-centre opt-out): keep it on a bare borrower row. */
    private static void lockOrCreate(Connection c, String borrowerId, Instant now) throws SQLException {
        Sql.update(c, "INSERT INTO borrower (id, updated_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING", borrowerId, now);
        Sql.execute(c, "SELECT 1 FROM borrower WHERE id = ? FOR UPDATE", borrowerId);
    }

    private void append(Connection c, String borrowerId, String outcome, String kind, String value, String loanId, Source source,
                        String actor, String note, Instant now) throws SQLException {
        log.append(c, LogEntry.of(LogEntry.Kind.CONSENT, now).borrower(borrowerId).loan(loanId)
                .channel(kind.equals("OPT_OUT") && !value.equals("ALL") ? value : null)
                .outcome(outcome).actor(actor)
                .detail("source=" + source + (kind.equals("OPT_OUT") ? "; scope=" + value : "; hold=" + value)
                        + (loanId == null ? "" : "; loan=" + loanId) + (note == null ? "" : "; note=" + note))
                .build());
    }
}
