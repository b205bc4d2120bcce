package io.tixing.webhook;

import io.tixing.db.Sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An attempt as webhooks see it: found by our attempt id (in the callback URL) or the provider's id. */
record AttemptRecord(UUID id, long taskId, UUID reminderId, String borrowerId, String loanId, String channel, String destination,
                     String status, String providerId, String templateKey, String templateVersion, String locale,
                     String contentHash, String subject, String body, Instant createdAt) {

    /** Locks the attempt row: callbacks for one attempt are applied one at a time. */
    static Optional<AttemptRecord> lock(Connection c, UUID attemptId, String providerId) throws SQLException {
        String where = attemptId != null ? "id = ?" : "provider_id = ?";
        Object key = attemptId != null ? attemptId : providerId;
        if (key == null) return Optional.empty();
        try (var ps = Sql.prepare(c, "SELECT * FROM attempt WHERE " + where + " FOR UPDATE", key); var rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(of(rs)) : Optional.empty();
        }
    }

    private static AttemptRecord of(ResultSet rs) throws SQLException {
        return new AttemptRecord(rs.getObject("id", UUID.class), rs.getLong("task_id"), rs.getObject("reminder_id", UUID.class),
                rs.getString("borrower_id"), rs.getString("loan_id"), rs.getString("channel"), rs.getString("destination"),
                rs.getString("status"), rs.getString("provider_id"), rs.getString("template_key"), rs.getString("template_version"),
                rs.getString("locale"), rs.getString("content_hash"), rs.getString("subject"), rs.getString("body"),
                Sql.instant(rs, "created_at"));
    }
}
