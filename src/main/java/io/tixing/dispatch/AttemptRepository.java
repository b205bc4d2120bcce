package io.tixing.dispatch;

import io.tixing.db.Sql;
import io.tixing.policy.ChannelType;
import io.tixing.policy.ContactKind;
import io.tixing.policy.ContactPoint;
import io.tixing.policy.AttemptStatus;
import io.tixing.policy.PastContact;
import io.tixing.security.Masking;
import io.tixing.template.RenderedMessage;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;

/**
 * Provider hand-offs. An attempt is written as SENDING in the same transaction as the ALLOW decision, before
 * the provider is called, so caps count it at once and a crash leaves a trace that is resolved, not resent.
 */
@ApplicationScoped
public class AttemptRepository {

    public record OpenAttempt(UUID id, long taskId, String channel, String destination, Instant createdAt) {}

    /** The statuses caps count, as the history query's parameter. */
    private static List<String> counted() { return AttemptStatus.counted().stream().map(Enum::name).toList(); }

    public Optional<OpenAttempt> findSending(Connection c, long taskId) throws SQLException {
        var found = findSending(c, List.of(taskId));
        return Optional.ofNullable(found.get(taskId));
    }

    public void complete(Connection c, UUID id, AttemptStatus status, String providerId, String errorCode, String detail, Instant now)
            throws SQLException {
        Sql.update(c, """
                UPDATE attempt SET status = ?, provider_id = ?, error_code = ?, detail = ?, updated_at = ? WHERE id = ?""",
                status.name(), providerId, errorCode, detail, now, id);
    }

    /** The SENDING attempts of {@code taskIds} (at most one per task: the one a dead worker left), in one statement. */
    public java.util.Map<Long, OpenAttempt> findSending(Connection c, java.util.Collection<Long> taskIds) throws SQLException {
        java.util.Map<Long, OpenAttempt> out = new java.util.HashMap<>();
        if (taskIds.isEmpty()) return out;
        try (var ps = Sql.prepare(c, "SELECT id, task_id, channel, destination, created_at FROM attempt WHERE task_id = ANY (?) AND status = ?",
                c.createArrayOf("bigint", taskIds.toArray()), AttemptStatus.SENDING.name()); var rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong("task_id"), new OpenAttempt(rs.getObject("id", UUID.class), rs.getLong("task_id"), rs.getString("channel"),
                        rs.getString("destination"), Sql.instant(rs, "created_at")));
            }
        }
        return out;
    }

    /** One ALLOWed contact for {@link #insertSendingAll}. */
    public record Sending(UUID id, DispatchTask task, String loanId, String destination, RenderedMessage message) {}

    /** Records a batch's ALLOWed contacts as SENDING, before the provider is called: one statement. */
    public void insertSendingAll(Connection c, List<Sending> rows, Instant now) throws SQLException {
        if (rows.isEmpty()) return;
        int n = rows.size();
        List<List<String>> cols = new ArrayList<>();
        for (int i = 0; i < 14; i++) cols.add(new ArrayList<>(n));
        for (Sending r : rows) {
            var t = r.task();
            var m = r.message();
            String[] v = {r.id().toString(), Long.toString(t.id()), t.reminderId().toString(), t.borrowerId(), r.loanId(), t.channel().name(),
                    r.destination(), ContactPoint.addressOf(t.channel(), r.destination()), m.templateKey(), m.templateVersion(), m.locale(),
                    m.contentHash(), m.subject(), m.text()};
            for (int i = 0; i < v.length; i++) cols.get(i).add(v[i]);
        }
        Object[] params = new Object[3 + cols.size()];
        params[0] = AttemptStatus.SENDING.name();
        params[1] = now;
        params[2] = now;
        for (int i = 0; i < cols.size(); i++) params[3 + i] = Sql.textArray(c, cols.get(i));
        Sql.update(c, """
                INSERT INTO attempt (id, task_id, reminder_id, borrower_id, loan_id, channel, destination, contact_point, template_key,
                  template_version, locale, content_hash, subject, body, status, created_at, updated_at)
                SELECT id::uuid, task::bigint, reminder::uuid, borrower, loan, channel, destination, point, tkey, tversion, locale, hash,
                  subject, body, ?, ?, ?
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::text[], ?::text[], ?::text[])
                  AS t(id, task, reminder, borrower, loan, channel, destination, point, tkey, tversion, locale, hash, subject, body)""",
                params);
    }

    /** A send's answer for {@link #completeAll}. */
    public record Completion(UUID id, AttemptStatus status, String providerId, String errorCode, String detail) {}

    /**
     * Records answers of attempts still SENDING, in one statement. @return the ids it changed: an attempt a worker
     * taking over the lease already resolved is left as it is (and its answer is not recorded twice)
     */
    public Set<UUID> completeAll(Connection c, List<Completion> rows, Instant now) throws SQLException {
        Set<UUID> changed = new HashSet<>();
        if (rows.isEmpty()) return changed;
        List<String> ids = new ArrayList<>(), statuses = new ArrayList<>(), providers = new ArrayList<>(), codes = new ArrayList<>(),
                details = new ArrayList<>();
        for (Completion r : rows) {
            ids.add(r.id().toString());
            statuses.add(r.status().name());
            providers.add(r.providerId());
            codes.add(r.errorCode());
            details.add(r.detail());
        }
        try (var ps = Sql.prepare(c, """
                UPDATE attempt a SET status = t.status, provider_id = t.provider, error_code = t.code, detail = t.detail, updated_at = ?
                FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[]) AS t(id, status, provider, code, detail)
                WHERE a.id = t.id AND a.id = ANY (?::uuid[]) AND a.status = ? RETURNING a.id""", now, Sql.textArray(c, ids), Sql.textArray(c, statuses),
                Sql.textArray(c, providers), Sql.textArray(c, codes), Sql.textArray(c, details), Sql.textArray(c, ids),
                AttemptStatus.SENDING.name());
             var rs = ps.executeQuery()) {
            while (rs.next()) changed.add(rs.getObject(1, UUID.class));
        }
        return changed;
    }

    /** The last retry of an attempt failed: it no longer counts as a try in progress. */
    public void markFailed(Connection c, UUID id, Instant now) throws SQLException {
        Sql.update(c, "UPDATE attempt SET status = ?, updated_at = ? WHERE id = ?", AttemptStatus.FAILED.name(), now, id);
    }

    /** A carrier's final word from a status callback (never over another final status: the caller checks). */
    public void applyProviderStatus(Connection c, UUID id, AttemptStatus status, String errorCode, String providerId, Instant now)
            throws SQLException {
        Sql.update(c, """
                UPDATE attempt SET status = ?, error_code = coalesce(?, error_code), provider_id = coalesce(provider_id, ?), updated_at = ?
                WHERE id = ?""", status.name(), errorCode, providerId, now, id);
    }

    /** The callee confirmed their identity on a robot call: the call counts as a conversation for caps. */
    public void markConversation(Connection c, UUID id, Instant now) throws SQLException {
        Sql.update(c, "UPDATE attempt SET conversation = TRUE, updated_at = ? WHERE id = ?", now, id);
    }

    /**
     * The contacts since {@code since} of the borrower OR with any of {@code contactPoints} (normalised addresses),
     * whatever borrower id they were filed under: the union the caps count, each attempt once (one row, one contact).
     * The template is the one the reminder asked for, not the variant rendered (overdue-reminder-elderly): duplicates
     * are "the same reminder again", and a flagged borrower's variant must not hide them.
     */
    public List<PastContact> history(Connection c, String borrowerId, java.util.Collection<String> contactPoints, Instant since)
            throws SQLException {
        return history(c, List.of(borrowerId), contactPoints, since);
    }

    /** {@link #history(Connection, String, java.util.Collection, Instant)} for a whole batch of borrowers, in one statement. */
    public List<PastContact> history(Connection c, java.util.Collection<String> borrowerIds, java.util.Collection<String> contactPoints,
                                     Instant since) throws SQLException {
        try (var ps = Sql.prepare(c, """
                SELECT a.created_at, a.channel, a.borrower_id, a.loan_id, coalesce(r.template_key, a.template_key) AS template_key,
                  a.contact_point, a.conversation
                FROM attempt a JOIN reminder r ON r.id = a.reminder_id
                WHERE (a.borrower_id = ANY (?) OR a.contact_point = ANY (?)) AND a.created_at >= ? AND a.status = ANY (?)""",
                Sql.textArray(c, borrowerIds), Sql.textArray(c, contactPoints), since, Sql.textArray(c, counted()));
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

    /**
     * Erasure and raw-data retention: the attempts of these reminders keep only a masked destination; what was sent
     * (subject, body, provider detail) goes. Returns the attempts redacted, for the sandbox copies and the log entry.
     */
    public List<UUID> redactOfReminders(Connection c, java.sql.Array reminderIds, Instant now) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        List<String> masked = new ArrayList<>();
        try (var ps = Sql.prepare(c, "SELECT id, destination FROM attempt WHERE reminder_id = ANY (?) AND redacted_at IS NULL", reminderIds);
             var rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
                masked.add(Masking.destination(rs.getString(2)));
            }
        }
        try (var ps = c.prepareStatement("""
                UPDATE attempt SET destination = ?, contact_point = NULL, subject = NULL, body = NULL, detail = NULL, redacted_at = ?
                WHERE id = ?""")) {
            for (int i = 0; i < ids.size(); i++) {
                Sql.bind(ps, masked.get(i), now, ids.get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return ids;
    }
}
