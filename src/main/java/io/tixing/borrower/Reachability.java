package io.tixing.borrower;

import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.LogEntry;
import io.tixing.db.Sql;
import io.tixing.lender.LenderEvents;
import io.tixing.policy.AttemptStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells the lender when a borrower can no longer be reached: every contact point they gave is invalid, or the
 * last N attempts all failed or went unanswered. Emitted once per streak (a successful contact starts a new one).
 */
@ApplicationScoped
public class Reachability {

    /** Attempts whose fate the provider has told us: the streak is read from these only. */
    private static final Set<AttemptStatus> SETTLED = EnumSet.of(AttemptStatus.SENT, AttemptStatus.DELIVERED,
            AttemptStatus.UNDELIVERED, AttemptStatus.FAILED);
    private static final Set<AttemptStatus> UNANSWERED = AttemptStatus.unanswered();

    private final ReachabilityConfig config;
    private final LenderEvents events;
    private final ContactLogWriter log;

    public Reachability(ReachabilityConfig config, LenderEvents events, ContactLogWriter log) {
        this.config = config;
        this.events = events;
        this.log = log;
    }

    public void check(Connection c, String borrowerId, Instant now) throws SQLException {
        String why = allContactPointsInvalid(c, borrowerId) ? "every contact point is invalid" : failedStreak(c, borrowerId);
        if (why == null || alreadyReported(c, borrowerId)) return;
        events.record(c, LenderEvents.UNREACHABLE, LenderEvents.UNREACHABLE + ":" + borrowerId + ":" + now, clientOf(c, borrowerId),
                Map.of("borrowerId", borrowerId, "reason", why, "at", now.toString()), now);
        log.append(c, LogEntry.of(LogEntry.Kind.LIFECYCLE, now).borrower(borrowerId).outcome("UNREACHABLE").actor("gateway")
                .detail(LenderEvents.UNREACHABLE + ": " + why).build());
    }

    /** The client of the borrower's latest reminder: the lender the event is for. */
    static String clientOf(Connection c, String borrowerId) throws SQLException {
        try (var ps = Sql.prepare(c, "SELECT client FROM reminder WHERE borrower_id = ? ORDER BY created_at DESC LIMIT 1", borrowerId);
             var rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : "gateway";
        }
    }

    private static boolean allContactPointsInvalid(Connection c, String borrowerId) throws SQLException {
        try (var ps = Sql.prepare(c, """
                SELECT b.phone, b.email,
                       EXISTS (SELECT 1 FROM invalid_contact_point i WHERE i.borrower_id = b.id AND i.destination = b.phone) AS phone_bad,
                       EXISTS (SELECT 1 FROM invalid_contact_point i WHERE i.borrower_id = b.id AND i.destination = b.email) AS email_bad
                FROM borrower b WHERE b.id = ?""", borrowerId); var rs = ps.executeQuery()) {
            if (!rs.next()) return false;
            boolean hasPhone = rs.getString("phone") != null;
            boolean hasEmail = rs.getString("email") != null;
            return (hasPhone || hasEmail) && (!hasPhone || rs.getBoolean("phone_bad")) && (!hasEmail || rs.getBoolean("email_bad"));
        }
    }

    private String failedStreak(Connection c, String borrowerId) throws SQLException {
        int n = config.afterConsecutiveFailures();
        List<AttemptStatus> recent = new ArrayList<>();
        try (var ps = Sql.prepare(c, """
                SELECT status, conversation FROM attempt WHERE borrower_id = ? AND status = ANY (?)
                ORDER BY created_at DESC LIMIT ?""", borrowerId, Sql.textArray(c, SETTLED.stream().map(Enum::name).toList()), n);
             var rs = ps.executeQuery()) {
            while (rs.next()) recent.add(AttemptStatus.valueOf(rs.getString("status")));
        }
        boolean streak = recent.size() == n && UNANSWERED.containsAll(recent);
        return streak ? n + " consecutive attempts failed or went unanswered" : null;
    }

    /** Already reported since the borrower's last delivered contact? */
    private static boolean alreadyReported(Connection c, String borrowerId) throws SQLException {
        try (var ps = Sql.prepare(c, """
                SELECT 1 FROM contact_log l WHERE l.borrower_id = ? AND l.kind = 'LIFECYCLE' AND l.outcome = 'UNREACHABLE'
                  AND NOT EXISTS (SELECT 1 FROM attempt a WHERE a.borrower_id = l.borrower_id AND a.status = ?
                                  AND a.updated_at > l.at)""", borrowerId, AttemptStatus.DELIVERED.name()); var rs = ps.executeQuery()) {
            return rs.next();
        }
    }
}
