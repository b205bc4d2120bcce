package io.tixing.reminder;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tixing.api.FieldError;
import io.tixing.api.Problem;
import io.tixing.api.ProblemException;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.security.Masking;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /api/v1/reminders}: newest first, filtered, in pages. The cursor is the last row's sort key (created_at in
 * epoch microseconds and the id, "1763863200000000.4f0c…"), so "strictly after it" stays a stable page boundary while new
 * reminders arrive (the contact log's cursor style).
 */
@ApplicationScoped
public class ReminderListing {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    static final Set<String> PARAMETERS = Set.of("status", "borrowerId", "loanId", "waveId", "createdFrom", "createdTo", "limit", "cursor");

    /** One reminder in a list: where it stands and whom it is for (masked unless the caller has the pii right). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(UUID id, String requestId, String status, String borrowerId, String loanId, UUID waveId, String template,
                       List<String> channels, String channelStrategy, Instant notAfter, Instant nextAttemptAt,
                       Instant createdAt, Instant updatedAt, Recipient recipient) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recipient(String name, String phone, String email) {}

    public record Page(List<Item> items, String next) {}

    /** The parsed query: every bad parameter is reported by name at once. */
    record Filter(Set<ReminderStatus> statuses, String borrowerId, String loanId, UUID waveId, Instant from, Instant to,
                  int limit, Instant afterAt, UUID afterId) {

        static Filter parse(Map<String, List<String>> query) {
            List<FieldError> errors = new ArrayList<>();
            for (String name : query.keySet()) {
                if (!PARAMETERS.contains(name)) errors.add(new FieldError(name, "is not a filter of this list; use one of " + new java.util.TreeSet<>(PARAMETERS)));
            }
            Set<ReminderStatus> statuses = EnumSet.noneOf(ReminderStatus.class);
            for (String v : query.getOrDefault("status", List.of())) {
                for (String s : v.split(",")) {
                    try {
                        statuses.add(ReminderStatus.valueOf(s.strip()));
                    } catch (IllegalArgumentException e) {
                        errors.add(new FieldError("status", "'" + s + "' is not one of " + List.of(ReminderStatus.values())));
                    }
                }
            }
            String borrower = text(query, "borrowerId", errors);
            String loan = text(query, "loanId", errors);
            UUID wave = null;
            String waveText = text(query, "waveId", errors);
            if (waveText != null) {
                try {
                    wave = UUID.fromString(waveText);
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("waveId", "must be a wave id (UUID)"));
                }
            }
            Instant from = instant(query, "createdFrom", errors);
            Instant to = instant(query, "createdTo", errors);
            if (from != null && to != null && !from.isBefore(to)) errors.add(new FieldError("createdTo", "must be after createdFrom"));
            int limit = DEFAULT_LIMIT;
            String limitText = text(query, "limit", errors);
            if (limitText != null) {
                try {
                    limit = Integer.parseInt(limitText);
                    if (limit < 1 || limit > MAX_LIMIT) errors.add(new FieldError("limit", "must be from 1 to " + MAX_LIMIT));
                } catch (NumberFormatException e) {
                    errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
                }
            }
            Instant afterAt = null;
            UUID afterId = null;
            String cursor = text(query, "cursor", errors);
            if (cursor != null) {
                try {
                    int dot = cursor.indexOf('.');
                    if (dot < 0) throw new IllegalArgumentException();
                    afterAt = Instant.EPOCH.plus(Long.parseLong(cursor.substring(0, dot)), ChronoUnit.MICROS);
                    afterId = UUID.fromString(cursor.substring(dot + 1));
                } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
                    errors.add(new FieldError("cursor", "is not a cursor this API returned"));
                }
            }
            if (!errors.isEmpty()) throw new ProblemException(Problem.validation(errors));
            return new Filter(statuses, borrower, loan, wave, from, to, limit, afterAt, afterId);
        }

        private static String text(Map<String, List<String>> query, String name, List<FieldError> errors) {
            List<String> values = query.get(name);
            if (values == null || values.isEmpty()) return null;
            if (values.size() > 1) errors.add(new FieldError(name, "is given more than once"));
            String v = values.getFirst();
            if (v == null || v.isBlank()) {
                errors.add(new FieldError(name, "must not be empty"));
                return null;
            }
            return v;
        }

        private static Instant instant(Map<String, List<String>> query, String name, List<FieldError> errors) {
            String v = text(query, name, errors);
            if (v == null) return null;
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(name, "must be an ISO-8601 UTC instant such as 2026-11-25T14:00:00Z"));
                return null;
            }
        }
    }

    private final Database db;

    public ReminderListing(Database db) { this.db = db; }

    /** @param client the submitter's own client, or null for staff (every client's reminders) */
    Page list(Filter f, String client, boolean masked) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, request_id, status, borrower_id, loan_id, wave_id, template_key, channels, channel_strategy, not_after,
                  next_attempt_at, created_at, updated_at, request->'borrower'->>'name' AS name,
                  request->'borrower'->>'phone' AS phone, request->'borrower'->>'email' AS email
                FROM reminder WHERE true""");
        List<Object> params = new ArrayList<>();
        if (client != null) and(sql, params, "client = ?", client);
        if (!f.statuses().isEmpty()) {
            sql.append(" AND status IN (").append(String.join(",", java.util.Collections.nCopies(f.statuses().size(), "?"))).append(')');
            for (ReminderStatus s : f.statuses()) params.add(s.name());
        }
        if (f.borrowerId() != null) and(sql, params, "borrower_id = ?", f.borrowerId());
        if (f.loanId() != null) and(sql, params, "loan_id = ?", f.loanId());
        if (f.waveId() != null) and(sql, params, "wave_id = ?", f.waveId());
        if (f.from() != null) and(sql, params, "created_at >= ?", f.from());
        if (f.to() != null) and(sql, params, "created_at < ?", f.to());
        if (f.afterAt() != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            params.add(f.afterAt());
            params.add(f.afterId());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(f.limit() + 1);
        return db.read(c -> {
            try (var ps = Sql.prepare(c, sql.toString(), params.toArray()); var rs = ps.executeQuery()) {
                List<Item> items = new ArrayList<>();
                while (rs.next()) items.add(item(rs, masked));
                String next = null;
                if (items.size() > f.limit()) {
                    items.removeLast();
                    Item last = items.getLast();
                    next = ChronoUnit.MICROS.between(Instant.EPOCH, last.createdAt()) + "." + last.id();
                }
                return new Page(items, next);
            }
        });
    }

    private static void and(StringBuilder sql, List<Object> params, String condition, Object value) {
        sql.append(" AND ").append(condition);
        params.add(value);
    }

    private static Item item(ResultSet rs, boolean masked) throws SQLException {
        String name = rs.getString("name"), phone = rs.getString("phone"), email = rs.getString("email");
        Recipient recipient = masked ? new Recipient(Masking.name(name), Masking.phone(phone), Masking.email(email))
                : new Recipient(name, phone, email);
        return new Item(rs.getObject("id", UUID.class), rs.getString("request_id"), rs.getString("status"), rs.getString("borrower_id"),
                rs.getString("loan_id"), rs.getObject("wave_id", UUID.class), rs.getString("template_key"), Sql.strings(rs, "channels"),
                rs.getString("channel_strategy"), Sql.instant(rs, "not_after"), Sql.instant(rs, "next_attempt_at"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), recipient);
    }
}
