package io.tixing.wave;

import io.tixing.lender.LenderEvents;
import io.tixing.lender.LenderConfig;

import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.LogEntry;
import io.tixing.db.Sql;
import io.tixing.policy.AttemptStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hand-off to a human when automation stops reaching the borrower: a {@code borrower.escalate} lender event and a
 * LIFECYCLE contact-log entry, written in the cadence transaction that decided it.
 */
@ApplicationScoped
public class Escalation {

    /** Provider outcomes that mean "we tried and nobody answered / nothing arrived" (see {@link AttemptStatus#unanswered()}). */
    static final Set<AttemptStatus> UNANSWERED = AttemptStatus.unanswered();

    private final LenderEvents events;
    private final ContactLogWriter log;

    public Escalation(LenderEvents events, ContactLogWriter log) {
        this.events = events;
        this.log = log;
    }

    /** Unanswered attempts on the loan since the borrower last had a conversation with us (a conversation resets the count). */
    int unanswered(Connection c, String client, String loanId, String borrowerId) throws SQLException {
        try (var ps = Sql.prepare(c, """
                SELECT count(*) FROM attempt a JOIN reminder r ON r.id = a.reminder_id
                WHERE r.client = ? AND a.loan_id = ? AND a.borrower_id = ? AND a.status = ANY (?)
                  AND a.created_at > coalesce((SELECT max(x.created_at) FROM attempt x JOIN reminder y ON y.id = x.reminder_id
                                               WHERE y.client = ? AND x.loan_id = ? AND x.borrower_id = ? AND x.conversation),
                                              '-infinity'::timestamptz)""",
                client, loanId, borrowerId, Sql.textArray(c, names(UNANSWERED)), client, loanId, borrowerId); var rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    void escalate(Connection c, String client, String loanId, String borrowerId, ZoneId zone, Cadence cadence, String step, int daysOverdue,
                  int unanswered, String reason, Instant now) throws SQLException {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", LenderEvents.ESCALATE);
        payload.put("client", client);
        payload.put("loanId", loanId);
        payload.put("borrowerId", borrowerId);
        payload.put("cadence", cadence.name());
        payload.put("step", step);
        payload.put("daysOverdue", daysOverdue);
        payload.put("unansweredAttempts", unanswered);
        payload.put("reason", reason);
        payload.put("at", now.toString());
        events.record(c, LenderEvents.ESCALATE, LenderEvents.ESCALATE + ":" + client + ":" + loanId, client, payload, now);
        Sql.update(c, "UPDATE loan_enrollment SET handed_off_at = ?, updated_at = ? WHERE client = ? AND loan_id = ?", now, now, client, loanId);
        log.append(c, LogEntry.of(LogEntry.Kind.LIFECYCLE, now).borrowerClock(zone).borrower(borrowerId).loan(loanId)
                .outcome("ESCALATED").actor("cadence:" + cadence.name())
                .detail("hand-off to an agent at step " + step + ": " + reason + "; lender event " + LenderEvents.ESCALATE).build());
    }

    private static List<String> names(Set<AttemptStatus> statuses) { return statuses.stream().map(Enum::name).toList(); }
}
