package io.tixing.privacy;

import io.tixing.db.Sql;
import io.tixing.dispatch.AttemptRepository;
import io.tixing.security.Masking;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Removes the raw personal data kept outside the masked contact log: full contact points, names, message bodies.
 * Used by the retention job and by erasure requests; the one place that rewrites these columns after the fact
 * (the owning repositories write the rows, this class only ever blanks them). The contact log itself is not
 * touched: it keeps its masked destination and content hash, which is what an audit needs.
 *
 * <ul>
 *   <li>reminder.request → {@code {"redacted": true}} (the accepted request: borrower name, phone, email);</li>
 *   <li>attempt: destination → its masked form; contact_point, subject, body, detail (provider text may quote the
 *       number) → null;</li>
 *   <li>sandbox_message rows of those attempts → deleted (the fake provider's copy of what it "sent");</li>
 *   <li>borrower: name, phone, email → null (the row stays: ids, flags, zone facts, the per-borrower lock);</li>
 *   <li>invalid_contact_point rows of the borrower → deleted; loan_enrollment.request (not ACTIVE) → redacted.</li>
 * </ul>
 */
@ApplicationScoped
public class RawDataRedactor {

    private final AttemptRepository attempts;

    RawDataRedactor(AttemptRepository attempts) { this.attempts = attempts; }

    public static final String REDACTED_JSON = "{\"redacted\": true}";

    /** What one redaction removed, for the log entry that records it. */
    public record Redacted(int reminders, int attempts, int sandboxMessages, int borrowers, int enrollments,
                           int invalidContactPoints, int stagedLines) {
        public static final Redacted NONE = new Redacted(0, 0, 0, 0, 0, 0, 0);

        public Redacted plus(Redacted o) {
            return new Redacted(reminders + o.reminders, attempts + o.attempts, sandboxMessages + o.sandboxMessages,
                    borrowers + o.borrowers, enrollments + o.enrollments, invalidContactPoints + o.invalidContactPoints,
                    stagedLines + o.stagedLines);
        }

        public boolean any() { return !equals(NONE); }

        public String describe() {
            return reminders + " reminders, " + attempts + " attempts, " + sandboxMessages + " sandbox messages, " + borrowers
                    + " borrowers, " + enrollments + " enrollments, " + invalidContactPoints + " invalid contact points, "
                    + stagedLines + " staged wave lines";
        }
    }

    /** Redacts the reminders {@code ids}, their attempts and the sandbox's copies of those attempts. */
    public Redacted reminders(Connection c, Collection<UUID> ids, Instant now) throws SQLException {
        if (ids.isEmpty()) return Redacted.NONE;
        var idArray = c.createArrayOf("uuid", ids.toArray());
        List<UUID> attemptIds = attempts.redactOfReminders(c, idArray, now);
        int sandbox = attemptIds.isEmpty() ? 0
                : Sql.update(c, "DELETE FROM sandbox_message WHERE attempt_id = ANY (?)", c.createArrayOf("uuid", attemptIds.toArray()));
        int reminders = Sql.update(c, "UPDATE reminder SET request = ?::jsonb, redacted_at = ? WHERE id = ANY (?) AND redacted_at IS NULL",
                REDACTED_JSON, now, idArray);
        return new Redacted(reminders, attemptIds.size(), sandbox, 0, 0, 0, 0);
    }

    /** Redacts the borrowers' own facts (name, phone, email), their unusable contact points and closed enrollments. */
    public Redacted borrowers(Connection c, Collection<String> ids, Instant now) throws SQLException {
        if (ids.isEmpty()) return Redacted.NONE;
        var idArray = Sql.textArray(c, ids);
        int borrowers = Sql.update(c, "UPDATE borrower SET name = NULL, phone = NULL, email = NULL, redacted_at = ? WHERE id = ANY (?)", now, idArray);
        int invalid = Sql.update(c, "DELETE FROM invalid_contact_point WHERE borrower_id = ANY (?)", idArray);
        int enrollments = Sql.update(c, """
                UPDATE loan_enrollment SET request = ?::jsonb, redacted_at = ?
                WHERE borrower_id = ANY (?) AND status <> 'ACTIVE' AND request <> ?::jsonb""", REDACTED_JSON, now, idArray, REDACTED_JSON);
        return new Redacted(0, 0, 0, borrowers, enrollments, invalid, 0);
    }

    /** Wave lines staged for the borrower (not planned yet): each a full request with name and contact points. */
    public int stagedLinesOf(Connection c, String borrowerId) throws SQLException {
        return Sql.update(c, "DELETE FROM wave_staged WHERE (request::jsonb -> 'borrower' ->> 'id') = ?", borrowerId);
    }

    /** Staged wave lines and sandbox copies older than {@code cutoff} that nothing will use any more. */
    public Redacted leftovers(Connection c, Instant cutoff) throws SQLException {
        int staged = Sql.update(c, "DELETE FROM wave_staged WHERE due_at < ?", cutoff);
        int sandbox = Sql.update(c, """
                DELETE FROM sandbox_message s WHERE s.received_at < ?
                AND NOT EXISTS (SELECT 1 FROM attempt a WHERE a.id = s.attempt_id AND a.redacted_at IS NULL)""", cutoff);
        return new Redacted(0, 0, sandbox, 0, 0, 0, staged);
    }
}
