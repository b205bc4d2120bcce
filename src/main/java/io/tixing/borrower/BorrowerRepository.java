package io.tixing.borrower;

import io.tixing.db.Sql;
import io.tixing.policy.ChannelType;
import io.tixing.policy.ContactPoint;
import io.tixing.policy.HoldType;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

@ApplicationScoped
public class BorrowerRepository {

    private final BorrowerFlags flags;
    private final ContactPointExclusions exclusions;

    public BorrowerRepository(BorrowerFlags flags, ContactPointExclusions exclusions) {
        this.flags = flags;
        this.exclusions = exclusions;
    }

    /**
     * Adds the protective flags an accepted request states to the borrower's sticky flags ({@link BorrowerFlags}):
     * a request adds flags, never removes one. Called after the request is accepted (not for a replayed requestId),
     * in the transaction that upserted the borrower, so the row lock is held.
     *
     * @param actor who stated them, e.g. {@code client:<api client>}
     */
    public void addStatedFlags(Connection c, String borrowerId, java.util.Collection<String> stated, String actor, String requestId,
                               Instant now) throws SQLException {
        flags.addStated(c, borrowerId, stated, actor, requestId, now);
    }

    /** {@link #addStatedFlags} for a batch: the CONSENT entries go into {@code entries}, appended with the batch's own. */
    public void addStatedFlags(Connection c, String borrowerId, java.util.Collection<String> stated, String actor, String requestId,
                               Instant now, java.util.List<io.tixing.contactlog.LogEntry> entries) throws SQLException {
        flags.addStated(c, borrowerId, stated, actor, requestId, now, entries);
    }

    /** The protective flags in force for the borrower (sticky; see {@link BorrowerFlags}). */
    public java.util.Set<io.tixing.policy.BorrowerFlag> flagsInForce(Connection c, String borrowerId) throws SQLException {
        return flags.inForce(c, borrowerId);
    }

    /** Keeps the borrower's latest facts; a reminder also snapshots the ones it was sent with. Flags: see {@link #addStatedFlags}. */
    public void upsert(Connection c, BorrowerRecord b, Instant now) throws SQLException {
        Sql.update(c, """
                INSERT INTO borrower (id, name, locale, timezone, jurisdiction, phone, email, flags, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, locale = EXCLUDED.locale, timezone = EXCLUDED.timezone,
                  jurisdiction = EXCLUDED.jurisdiction, phone = EXCLUDED.phone, email = EXCLUDED.email, flags = EXCLUDED.flags,
                  updated_at = EXCLUDED.updated_at
                """ + UNCHANGED_NOT_WRITTEN,
                b.id(), b.name(), b.locale(), b.timezone(), b.jurisdiction(), b.phone(), b.email(),
                Sql.textArray(c, b.flags()), now);
    }

    /**
     * Facts the same as stored are not written again: the row is still locked (PostgreSQL locks a conflicting row even
     * when the {@code DO UPDATE … WHERE} is false), so the lock order of concurrent writers is unchanged, but an unchanged
     * borrower costs no new row version, no index entries and no WAL. {@code updated_at} is when the facts last changed,
     * which is all retention asks of it (raw data also waits for the borrower's reminders and contact-log entries).
     */
    private static final String UNCHANGED_NOT_WRITTEN = """
            WHERE (borrower.name, borrower.locale, borrower.timezone, borrower.jurisdiction, borrower.phone, borrower.email,
                   borrower.flags)
              IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.locale, EXCLUDED.timezone, EXCLUDED.jurisdiction, EXCLUDED.phone,
                   EXCLUDED.email, EXCLUDED.flags)""";

    /** Separates a borrower's flags in {@link #upsertAll}'s one-string-per-borrower column; never in a flag name. */
    private static final String FLAG_SEPARATOR = "\u001f";

    /**
     * {@link #upsert} for many borrowers in one set-based statement (INSERT … SELECT FROM unnest of binary text arrays;
     * a borrower's flags travel as one string split by the server). The caller passes each borrower once (the latest
     * facts); ordered by id so that two batches sharing borrowers take their row locks in the same order.
     */
    public void upsertAll(Connection c, java.util.Collection<BorrowerRecord> borrowers, Instant now) throws SQLException {
        if (borrowers.isEmpty()) return;
        Sql.update(c, INSERT_ALL + """
                ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, locale = EXCLUDED.locale, timezone = EXCLUDED.timezone,
                  jurisdiction = EXCLUDED.jurisdiction, phone = EXCLUDED.phone, email = EXCLUDED.email, flags = EXCLUDED.flags,
                  updated_at = EXCLUDED.updated_at
                """ + UNCHANGED_NOT_WRITTEN, columns(borrowers, now));
    }

    /**
     * Inserts the borrowers not stored yet, with these facts, and leaves the facts of stored ones alone (the caller has
     * not decided yet whether they apply). Returns the ids inserted. Lets a batch write its reminders, which reference
     * the borrower, before it knows which of its lines are new.
     * <p>
     * Stored ones are held {@code FOR KEY SHARE}, in id order: the lock the reminders' foreign key would take anyway,
     * but taken there in line order, which could deadlock with a decision holding borrowers {@code FOR UPDATE} in id order.
     */
    public Set<String> insertMissing(Connection c, java.util.Collection<BorrowerRecord> borrowers, Instant now) throws SQLException {
        Set<String> inserted = new HashSet<>();
        if (borrowers.isEmpty()) return inserted;
        try (var ps = Sql.prepare(c, INSERT_ALL + " ON CONFLICT (id) DO NOTHING RETURNING id", columns(borrowers, now));
             var rs = ps.executeQuery()) {
            while (rs.next()) inserted.add(rs.getString(1));
        }
        String[] stored = borrowers.stream().map(BorrowerRecord::id).filter(id -> !inserted.contains(id)).toArray(String[]::new);
        if (stored.length > 0) Sql.execute(c, "SELECT 1 FROM borrower WHERE id = ANY (?::text[]) ORDER BY id FOR KEY SHARE", (Object) stored);
        return inserted;
    }

    private static final String INSERT_ALL = """
            INSERT INTO borrower (id, name, locale, timezone, jurisdiction, phone, email, flags, updated_at)
            SELECT id, nm, lc, tz, ju, ph, em, CASE WHEN fl = '' THEN '{}'::text[] ELSE string_to_array(fl, ?) END, ?
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 WITH ORDINALITY AS t(id, nm, lc, tz, ju, ph, em, fl, ord)
            ORDER BY ord
            """;

    /** {@link #INSERT_ALL}'s parameters: the borrowers sorted by id, each column a binary text array. */
    private static Object[] columns(java.util.Collection<BorrowerRecord> borrowers, Instant now) {
        var sorted = new java.util.ArrayList<>(borrowers);
        sorted.sort(java.util.Comparator.comparing(BorrowerRecord::id));
        int n = sorted.size();
        String[] ids = new String[n], names = new String[n], locales = new String[n], zones = new String[n],
                jurisdictions = new String[n], phones = new String[n], emails = new String[n], flagLists = new String[n];
        for (int i = 0; i < n; i++) {
            BorrowerRecord b = sorted.get(i);
            for (String f : b.flags()) if (f.contains(FLAG_SEPARATOR)) throw new IllegalArgumentException("flag name with a separator: " + f);
            ids[i] = b.id();
            names[i] = b.name();
            locales[i] = b.locale();
            zones[i] = b.timezone();
            jurisdictions[i] = b.jurisdiction();
            phones[i] = b.phone();
            emails[i] = b.email();
            flagLists[i] = String.join(FLAG_SEPARATOR, b.flags());
        }
        return new Object[] {FLAG_SEPARATOR, now, ids, names, locales, zones, jurisdictions, phones, emails, flagLists};
    }

    /** A provider said this number or mailbox cannot be reached: no more sends to it (the policy suppresses them). */
    public void markInvalid(Connection c, String borrowerId, String channel, String destination, String errorCode, Instant now)
            throws SQLException {
        Sql.update(c, """
                INSERT INTO invalid_contact_point (borrower_id, channel, destination, error_code, marked_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", borrowerId, channel, destination, errorCode, now);
    }

    /**
     * Locks the contact points a decision may use, after {@link #lock}: the lock that makes caps counted per contact
     * point hold across borrower ids and instances. Lock order, everywhere: the borrower rows first, then the contact
     * points in ascending {@link #lockKey} order, so two decisions never wait on each other in a cycle. A decision must
     * take every contact point it may use here, before it counts anything.
     * <p>
     * Each is a transaction-scoped advisory lock (V27): held until the decision commits or rolls back, like the row
     * lock it replaced, but it writes nothing. Two addresses sharing a key only make their decisions take turns.
     * The lock manager holds one entry per key: a batch needs up to two per task (phone and email), within the
     * server's {@code max_locks_per_transaction × max_connections} (docs/OPERATIONS.md).
     */
    public void lockContactPoints(Connection c, java.util.Collection<ContactPoint> points) throws SQLException {
        var keys = new java.util.TreeSet<Integer>();
        for (ContactPoint p : points) if (p != null) keys.add(lockKey(p));
        if (keys.isEmpty()) return;
        // The sorted subquery is a fence (OFFSET 0): the locks are taken row by row in key order, whatever the plan.
        Sql.execute(c, """
                SELECT pg_advisory_xact_lock(?, k) FROM (SELECT k FROM unnest(?::int[]) AS u(k) ORDER BY k OFFSET 0) s""",
                CONTACT_POINT_LOCKS, c.createArrayOf("int4", keys.toArray()));
    }

    /** The advisory-lock class of contact points ("TXCP"): the two-key form, apart from single-key locks (Flyway's). */
    public static final int CONTACT_POINT_LOCKS = 0x54584350;

    /**
     * A contact point's lock key: the first four bytes of the SHA-256 of its address, the hash exclusions already store
     * ({@link ContactPointExclusions#hash}). Fixed by this definition, not by a JVM or a server version, so every
     * instance of every release locks the same key for the same address.
     */
    public static int lockKey(ContactPoint point) {
        return Integer.parseUnsignedInt(ContactPointExclusions.hash(point).substring(0, 8), 16);
    }

    /**
     * {@link #lock} for a batch: the borrower rows of {@code borrowerIds}, locked in ascending id order in one
     * statement (so two batches sharing borrowers never wait on each other in a cycle). Missing ids are absent.
     */
    public java.util.Map<String, BorrowerRecord> lockAll(Connection c, java.util.Collection<String> borrowerIds) throws SQLException {
        var out = new java.util.TreeMap<String, BorrowerRecord>();
        if (borrowerIds.isEmpty()) return out;
        try (var ps = Sql.prepare(c, "SELECT * FROM borrower WHERE id = ANY (?) ORDER BY id FOR UPDATE",
                Sql.textArray(c, new java.util.TreeSet<>(borrowerIds))); var rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString("id"), new BorrowerRecord(rs.getString("id"), rs.getString("name"), rs.getString("locale"),
                        rs.getString("timezone"), rs.getString("jurisdiction"), rs.getString("phone"), rs.getString("email"),
                        Sql.strings(rs, "flags")));
            }
        }
        return out;
    }

    /** Reads the borrower with {@code SELECT … FOR UPDATE}: the per-borrower lock of every decision. */
    public Optional<BorrowerState> lock(Connection c, String borrowerId, String loanId) throws SQLException {
        BorrowerRecord b;
        try (var ps = Sql.prepare(c, "SELECT * FROM borrower WHERE id = ? FOR UPDATE", borrowerId); var rs = ps.executeQuery()) {
            if (!rs.next()) return Optional.empty();
            b = new BorrowerRecord(rs.getString("id"), rs.getString("name"), rs.getString("locale"), rs.getString("timezone"),
                    rs.getString("jurisdiction"), rs.getString("phone"), rs.getString("email"), Sql.strings(rs, "flags"));
        }
        return Optional.of(stateOf(c, b, loanId));
    }

    public Optional<BorrowerRecord> find(Connection c, String borrowerId) throws SQLException {
        try (var ps = Sql.prepare(c, "SELECT * FROM borrower WHERE id = ?", borrowerId); var rs = ps.executeQuery()) {
            if (!rs.next()) return Optional.empty();
            return Optional.of(new BorrowerRecord(rs.getString("id"), rs.getString("name"), rs.getString("locale"), rs.getString("timezone"),
                    rs.getString("jurisdiction"), rs.getString("phone"), rs.getString("email"), Sql.strings(rs, "flags")));
        }
    }

    /** Restrictions in force for the borrower as a whole, plus those scoped to {@code loanId}. */
    public BorrowerState stateOf(Connection c, BorrowerRecord b, String loanId) throws SQLException {
        Set<ChannelType> optedOut = EnumSet.noneOf(ChannelType.class);
        Set<HoldType> holds = EnumSet.noneOf(HoldType.class);
        try (var ps = Sql.prepare(c, """
                SELECT kind, value FROM borrower_restriction WHERE borrower_id = ? AND lifted_at IS NULL
                  AND (scope_loan IS NULL OR scope_loan = ?)""", b.id(), loanId);
             var rs = ps.executeQuery()) {
            while (rs.next()) {
                String value = rs.getString("value");
                if ("HOLD".equals(rs.getString("kind"))) holds.add(HoldType.valueOf(value));
                else if ("ALL".equals(value)) optedOut.addAll(EnumSet.allOf(ChannelType.class));
                else optedOut.add(ChannelType.valueOf(value));
            }
        }
        Set<String> invalid = new HashSet<>();
        try (var ps = Sql.prepare(c, "SELECT destination FROM invalid_contact_point WHERE borrower_id = ?", b.id()); var rs = ps.executeQuery()) {
            while (rs.next()) invalid.add(rs.getString(1));
        }
        // Wrong-number exclusions join the rejected destinations: the policy sees both as "this contact point is unusable".
        return new BorrowerState(b, optedOut, holds, ContactPointExclusions.unusable(invalid, exclusions.hashesOf(c, b.id())),
                flags.inForce(c, b.id()));
    }
}
