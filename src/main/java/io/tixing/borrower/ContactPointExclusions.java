package io.tixing.borrower;

import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.LogEntry;
import io.tixing.db.Sql;
import io.tixing.policy.ContactPoint;
import io.tixing.security.Masking;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.AbstractSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;

/**
 * Contact points the person holding them said are not the borrower's ("打错了", "wrong number"). The exclusion is a
 * fact of the borrower, not of one request: no later request, wave or cadence can put the number back for that
 * borrower (an operator fixes the borrower's data at the loan system, which the lender event tells). The one writer
 * of {@code excluded_contact_point}; the address is kept only as a hash of its {@link ContactPoint} form.
 */
@ApplicationScoped
public class ContactPointExclusions {

    /** Where the statement came from. */
    public enum Source { SMS_REPLY, VOICE_DTMF }

    private final ContactLogWriter log;

    public ContactPointExclusions(ContactLogWriter log) { this.log = log; }

    /**
     * Excludes {@code point} for the borrower, with a CONSENT entry (outcome CONTACT_POINT_EXCLUDED). The caller holds
     * the borrower's row lock (or takes it here), so the exclusion orders with the decisions that read it.
     *
     * @return false when it was already excluded (nothing is written)
     */
    public boolean exclude(Connection c, String borrowerId, ContactPoint point, Source source, String evidence, String rule, Instant now)
            throws SQLException {
        Sql.execute(c, "SELECT 1 FROM borrower WHERE id = ? FOR UPDATE", borrowerId);
        String masked = point.kind() == ContactPoint.Kind.EMAIL ? Masking.email(point.address()) : Masking.phone(point.address());
        int n = Sql.update(c, """
                INSERT INTO excluded_contact_point (borrower_id, address_hash, kind, masked, reason, source, evidence, excluded_at)
                VALUES (?, ?, ?, ?, 'WRONG_NUMBER', ?, ?, ?) ON CONFLICT DO NOTHING""",
                borrowerId, hash(point), point.kind().name(), masked, source.name(), evidence, now);
        if (n == 0) return false;
        log.append(c, LogEntry.of(LogEntry.Kind.CONSENT, now).borrower(borrowerId).destinationMasked(masked)
                .outcome("CONTACT_POINT_EXCLUDED").actor("borrower")
                .detail("not the borrower's contact point (WRONG_NUMBER); source=" + source + "; rule=" + rule
                        + (evidence == null ? "" : "; evidence=" + evidence)).build());
        return true;
    }

    /** The hashes of the borrower's excluded contact points. */
    Set<String> hashesOf(Connection c, String borrowerId) throws SQLException {
        Set<String> out = new HashSet<>();
        try (var ps = Sql.prepare(c, "SELECT address_hash FROM excluded_contact_point WHERE borrower_id = ?", borrowerId);
             var rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /** {@link #hashesOf(Connection, String)} for a batch of borrowers at once (the dispatch pipeline's load stage). */
    public static java.util.Map<String, Set<String>> hashesOf(Connection c, java.sql.Array borrowerIds) throws SQLException {
        java.util.Map<String, Set<String>> out = new java.util.HashMap<>();
        try (var ps = Sql.prepare(c, "SELECT borrower_id, address_hash FROM excluded_contact_point WHERE borrower_id = ANY (?)", borrowerIds);
             var rs = ps.executeQuery()) {
            while (rs.next()) out.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
        }
        return out;
    }

    static String hash(ContactPoint p) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(p.address().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The destinations the policy must treat as unusable: the ones a provider rejected (as written) and the excluded
     * ones, matched as contact points in any spelling ("+86 138 0013 8000" is "+8613800138000"). Decisions ask
     * {@code contains(destination)}; the excluded addresses themselves are never known, only their hashes.
     */
    public static Set<String> unusable(Set<String> rejected, Set<String> excludedHashes) {
        if (excludedHashes.isEmpty()) return rejected;
        return new AbstractSet<>() {
            @Override
            public boolean contains(Object o) {
                if (rejected.contains(o)) return true;
                if (!(o instanceof String d) || d.isBlank()) return false;
                ContactPoint p = d.contains("@") ? ContactPoint.email(d) : ContactPoint.phone(d);
                return excludedHashes.contains(hash(p));
            }

            @Override
            public Iterator<String> iterator() { return rejected.iterator(); }

            @Override
            public int size() { return rejected.size(); }
        };
    }
}
