package io.tixing.dispatch;

import io.tixing.db.Sql;
import io.tixing.policy.ChannelType;
import io.tixing.policy.ContactKind;
import io.tixing.policy.ContactPoint;
import io.tixing.policy.PastContact;
import io.tixing.template.RenderedMessage;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Provider hand-offs. An attempt is written as SENDING in the same transaction as the ALLOW decision, before
 * the provider is called, so caps count it at once and a crash leaves a trace that is resolved, not resent.
 */
@ApplicationScoped
public class AttemptRepository {

    /** Statuses that mean the contact happened or may have happened: they count against caps. */
    static final List<String> COUNTED = List.of("SENDING", "SENT", "DELIVERED", "UNDELIVERED", "UNKNOWN");

    public record OpenAttempt(UUID id, String channel, String destination) {}

    public void insertSending(Connection c, UUID id, DispatchTask task, String loanId, String destination,
                              RenderedMessage m, Instant now) throws SQLException {
        Sql.update(c, """
                INSERT INTO attempt (id, task_id, reminder_id, borrower_id, loan_id, channel, destination, contact_point, template_key,
                  template_version, locale, content_hash, subject, body, status, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SENDING', ?, ?)""",
                id, task.id(), task.reminderId(), task.borrowerId(), loanId, task.channel().name(), destination,
                ContactPoint.addressOf(task.channel(), destination), m.templateKey(),
                m.templateVersion(), m.locale(), m.contentHash(), m.subject(), m.text(), now, now);
    }

    public Optional<OpenAttempt> findSending(Connection c, long taskId) throws SQLException {
        try (var ps = Sql.prepare(c, "SELECT id, channel, destination FROM attempt WHERE task_id = ? AND status = 'SENDING'", taskId);
             var rs = ps.executeQuery()) {
            return rs.next()
                    ? Optional.of(new OpenAttempt(rs.getObject("id", UUID.class), rs.getString("channel"), rs.getString("destination")))
                    : Optional.empty();
        }
    }

    public void complete(Connection c, UUID id, String status, String providerId, String errorCode, String detail, Instant now)
            throws SQLException {
        Sql.update(c, """
                UPDATE attempt SET status = ?, provider_id = ?, error_code = ?, detail = ?, updated_at = ? WHERE id = ?""",
                status, providerId, errorCode, detail, now, id);
    }

    /**
     * The contacts since {@code since} of the borrower OR with any of {@code contactPoints} (normalised addresses),
     * whatever borrower id they were filed under: the union the caps count, each attempt once (one row, one contact).
     * The template is the one the reminder asked for, not the variant rendered (overdue-reminder-elderly): duplicates
     * are "the same reminder again", and a flagged borrower's variant must not hide them.
     */
    public List<PastContact> history(Connection c, String borrowerId, java.util.Collection<String> contactPoints, Instant since)
            throws SQLException {
        try (var ps = Sql.prepare(c, """
                SELECT a.created_at, a.channel, a.borrower_id, a.loan_id, coalesce(r.template_key, a.template_key) AS template_key,
                  a.contact_point, a.conversation
                FROM attempt a JOIN reminder r ON r.id = a.reminder_id
                WHERE (a.borrower_id = ? OR a.contact_point = ANY (?)) AND a.created_at >= ? AND a.status = ANY (?)""",
                borrowerId, Sql.textArray(c, contactPoints), since, Sql.textArray(c, COUNTED));
             var rs = ps.executeQuery()) {
            List<PastContact> out = new ArrayList<>();
            while (rs.next()) {
                ChannelType channel = ChannelType.valueOf(rs.getString("channel"));
                Instant at = Sql.instant(rs, "created_at");
                String loan = rs.getString("loan_id");
                String template = rs.getString("template_key");
                String point = rs.getString("contact_point");
                String borrower = rs.getString("borrower_id");
                if (channel == ChannelType.VOICE) {
                    out.add(new PastContact(at, channel, ContactKind.DIAL_ATTEMPT, loan, template, point, borrower));
                    if (rs.getBoolean("conversation")) out.add(new PastContact(at, channel, ContactKind.CONVERSATION, loan, template, point, borrower));
                } else {
                    out.add(new PastContact(at, channel, ContactKind.SENT, loan, template, point, borrower));
                }
            }
            return out;
        }
    }
}
