package io.tixing.borrower;

import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.LogEntry;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.policy.BorrowerFlag;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Protective flags as facts of the person (COMPLIANCE.md, "Protective flags are sticky"): once a request states
 * ELDERLY, HARDSHIP, HEARING_IMPAIRED or VISION_IMPAIRED the flag stays in force for every later decision, whatever
 * later requests say; only an operator removes one, with a note. The one writer of {@code borrower_flag}. Adding and
 * removing happen under the borrower's row lock, so they order with the decisions that read the flags.
 */
@ApplicationScoped
public class BorrowerFlags {

    /** Where a flag came from. */
    public enum Source {
        /** A reminder, wave line or cadence enrollment stated it (actor: {@code client:<name>}). */
        REQUEST,
        /** Stated before flags were kept per borrower; carried over from earlier requests by migration V8. */
        MIGRATION,
        /** The borrower said so in a reply or a DTMF choice ("我失业了"; actor: {@code borrower}). */
        REPLY
    }

    /** A flag and its origin; {@code removedAt} is null while it is in force. */
    public record Flag(String flag, String source, String actor, String requestId, Instant setAt, Instant removedAt,
                       String removedBy, String note) {
        public boolean inForce() { return removedAt == null; }
    }

    private final Database db;
    private final Clock clock;
    private final ContactLogWriter log;

    public BorrowerFlags(Database db, Clock clock, ContactLogWriter log) {
        this.db = db;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Records the flags a request states; flags already in force are left as they are (their first origin stays).
     * A request never removes a flag: one it does not mention simply stays. Each newly set flag is a CONSENT entry.
     * The caller holds the borrower row (it has just upserted it).
     */
    public void addStated(Connection c, String borrowerId, Collection<String> flags, String actor, String requestId, Instant now)
            throws SQLException {
        addStated(c, borrowerId, flags, actor, requestId, now, null);
    }

    /**
     * {@link #addStated}, with the CONSENT entries added to {@code entries} instead of appended at once, when it is not
     * null: a batch appends all its entries together, so heads are reserved in chain order and two batches cannot deadlock.
     */
    public void addStated(Connection c, String borrowerId, Collection<String> flags, String actor, String requestId, Instant now,
                          List<LogEntry> entries) throws SQLException {
        if (flags == null || flags.isEmpty()) return;
        for (String flag : new TreeSet<>(flags)) {
            BorrowerFlag.valueOf(flag); // validated at intake; a wrong name here is a bug, not an input error
            int added = Sql.update(c, """
                    INSERT INTO borrower_flag (borrower_id, flag, source, actor, request_id, set_at) VALUES (?, ?, 'REQUEST', ?, ?, ?)
                    ON CONFLICT (borrower_id, flag) WHERE removed_at IS NULL DO NOTHING""", borrowerId, flag, actor, requestId, now);
            if (added == 1) {
                LogEntry entry = LogEntry.of(LogEntry.Kind.CONSENT, now).borrower(borrowerId).outcome("FLAG_SET").actor(actor)
                        .detail("flag=" + flag + "; source=" + Source.REQUEST + (requestId == null ? "" : "; requestId=" + requestId)).build();
                if (entries == null) log.append(c, entry);
                else entries.add(entry);
            }
        }
    }

    /**
     * A borrower's own reply sets a flag (HARDSHIP for "我失业了"), sticky like a stated one, with a CONSENT entry
     * naming the reply and the rule that matched. The caller holds the borrower's row lock.
     *
     * @return false when the flag was already in force
     */
    public boolean addFromReply(Connection c, String borrowerId, BorrowerFlag flag, String evidence, String rule, Instant now)
            throws SQLException {
        int added = Sql.update(c, """
                INSERT INTO borrower_flag (borrower_id, flag, source, actor, request_id, set_at) VALUES (?, ?, 'REPLY', 'borrower', ?, ?)
                ON CONFLICT (borrower_id, flag) WHERE removed_at IS NULL DO NOTHING""", borrowerId, flag.name(), evidence, now);
        if (added == 1) {
            log.append(c, LogEntry.of(LogEntry.Kind.CONSENT, now).borrower(borrowerId).outcome("FLAG_SET").actor("borrower")
                    .detail("flag=" + flag + "; source=" + Source.REPLY + "; rule=" + rule + (evidence == null ? "" : "; evidence=" + evidence)).build());
        }
        return added == 1;
    }

    /** The flags in force: what every decision and every rendering of the borrower uses. */
    public Set<BorrowerFlag> inForce(Connection c, String borrowerId) throws SQLException {
        Set<BorrowerFlag> out = EnumSet.noneOf(BorrowerFlag.class);
        try (var ps = Sql.prepare(c, "SELECT flag FROM borrower_flag WHERE borrower_id = ? AND removed_at IS NULL", borrowerId);
             var rs = ps.executeQuery()) {
            while (rs.next()) out.add(BorrowerFlag.valueOf(rs.getString(1)));
        }
        return out;
    }

    /** Flags with their origin, in force first, then removed ones (newest removal first) when {@code withRemoved}. */
    public List<Flag> list(Connection c, String borrowerId, boolean withRemoved) throws SQLException {
        try (var ps = Sql.prepare(c, """
                SELECT flag, source, actor, request_id, set_at, removed_at, removed_by, note FROM borrower_flag
                WHERE borrower_id = ? AND (removed_at IS NULL OR ?)
                ORDER BY removed_at IS NOT NULL, removed_at DESC, flag""", borrowerId, withRemoved);
             var rs = ps.executeQuery()) {
            List<Flag> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Flag(rs.getString("flag"), rs.getString("source"), rs.getString("actor"), rs.getString("request_id"),
                        Sql.instant(rs, "set_at"), Sql.instant(rs, "removed_at"), rs.getString("removed_by"), rs.getString("note")));
            }
            return out;
        }
    }

    public List<Flag> list(String borrowerId, boolean withRemoved) { return db.read(c -> list(c, borrowerId, withRemoved)); }

    /**
     * An operator takes a flag off, saying why. Logged as a CONSENT entry (outcome FLAG_REMOVED, with the note) in the
     * same transaction, under the borrower's row lock so no decision in flight sees half of it.
     *
     * @return false when the flag was not in force
     */
    public boolean remove(String borrowerId, BorrowerFlag flag, String actor, String note) {
        return db.inTransaction(c -> {
            Instant now = clock.instant();
            Sql.execute(c, "SELECT 1 FROM borrower WHERE id = ? FOR UPDATE", borrowerId);
            int n = Sql.update(c, """
                    UPDATE borrower_flag SET removed_at = ?, removed_by = ?, note = ?
                    WHERE borrower_id = ? AND flag = ? AND removed_at IS NULL""", now, actor, note, borrowerId, flag.name());
            if (n == 0) return false;
            log.append(c, LogEntry.of(LogEntry.Kind.CONSENT, now).borrower(borrowerId).outcome("FLAG_REMOVED").actor(actor)
                    .detail("flag=" + flag + "; note=" + note).build());
            return true;
        });
    }
}
