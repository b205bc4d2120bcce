package io.tixing.privacy;

import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.LogEntry;
import io.tixing.contactlog.RetentionPurge;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.policy.RulePack;
import io.tixing.policy.RulePackSelector;
import io.tixing.policy.RulePacks;
import io.tixing.reminder.ReminderStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A borrower's request to erase their personal information (PIPL art. 47 and its equivalents). The rule comes from
 * every pack that governs the borrower (the packs of their contact-log entries and the pack their current facts
 * select); the strictest decides. Granted or refused, the request is recorded in the contact log (LIFECYCLE,
 * outcome ERASED or ERASURE_REFUSED). Erasure removes the raw copies only: the masked contact log stays for its
 * retention, which is what record-keeping law asks for (PIPL art. 47 para. 2: keep, but only store).
 */
@ApplicationScoped
public class BorrowerErasure {

    private final Database db;
    private final RawDataRedactor redactor;
    private final ErasureRules rules;
    private final RulePacks packs;
    private final RetentionPurge.RetentionPolicy retention;
    private final ContactLogWriter log;

    public BorrowerErasure(Database db, RawDataRedactor redactor, ErasureRules rules, RulePacks packs,
                           RetentionPurge.RetentionPolicy retention, ContactLogWriter log) {
        this.db = db;
        this.redactor = redactor;
        this.rules = rules;
        this.packs = packs;
        this.retention = retention;
        this.log = log;
    }

    /** The answer: erased (with what went), or refused with the pack rule ({@code CN.erasure=...}) and why. */
    public record Outcome(boolean erased, String rule, String reason, RawDataRedactor.Redacted redacted) {}

    /** Empty when the borrower is unknown. */
    public Optional<Outcome> request(String borrowerId, String actor, Instant now) {
        return db.inTransaction(c -> {
            String jurisdiction, phone, locale;
            try (var ps = Sql.prepare(c, "SELECT jurisdiction, phone, locale FROM borrower WHERE id = ? FOR UPDATE", borrowerId);
                 var rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                jurisdiction = rs.getString(1);
                phone = rs.getString(2);
                locale = rs.getString(3);
            }
            List<String> governing = governingPacks(c, borrowerId, jurisdiction, phone, locale);
            governing.sort(Comparator.comparing((String p) -> rules.of(p).ordinal()).reversed()); // strictest first
            String refusal = null, rule = null;
            for (String pack : governing) {
                ErasureRule r = rules.of(pack);
                rule = pack + ".erasure=" + r.yaml();
                refusal = switch (r) {
                    case REFUSED_WITHIN_RETENTION -> insideRetention(c, borrowerId, pack, now);
                    case ALLOWED_AFTER_SETTLEMENT -> stillOpen(c, borrowerId);
                    case ALLOWED -> null;
                };
                if (refusal != null) break;
            }
            String packLabel = governing.isEmpty() ? null : label(governing.getFirst());
            if (refusal != null) {
                log.append(c, LogEntry.of(LogEntry.Kind.LIFECYCLE, now).borrower(borrowerId).rulePack(packLabel).outcome("ERASURE_REFUSED")
                        .actor(actor).detail("erasure request refused: " + rule + ": " + refusal).build());
                return Optional.of(new Outcome(false, rule, refusal, RawDataRedactor.Redacted.NONE));
            }
            List<UUID> reminders = new ArrayList<>();
            try (var ps = Sql.prepare(c, "SELECT id FROM reminder WHERE borrower_id = ? AND redacted_at IS NULL", borrowerId);
                 var rs = ps.executeQuery()) {
                while (rs.next()) reminders.add(rs.getObject(1, UUID.class));
            }
            var redacted = redactor.reminders(c, reminders, now).plus(redactor.borrowers(c, List.of(borrowerId), now));
            int staged = redactor.stagedLinesOf(c, borrowerId);
            redacted = redacted.plus(new RawDataRedactor.Redacted(0, 0, 0, 0, 0, 0, staged));
            String granted = rule == null ? "no pack governs the borrower" : rule;
            log.append(c, LogEntry.of(LogEntry.Kind.LIFECYCLE, now).borrower(borrowerId).rulePack(packLabel).outcome("ERASED")
                    .actor(actor).detail("erasure request granted (" + granted + "): " + redacted.describe()).build());
            return Optional.of(new Outcome(true, granted, null, redacted));
        });
    }

    /** The packs of the borrower's log entries, and the pack their current facts select. */
    private List<String> governingPacks(Connection c, String borrowerId, String jurisdiction, String phone, String locale) throws SQLException {
        TreeSet<String> names = new TreeSet<>();
        try (var ps = Sql.prepare(c, """
                SELECT DISTINCT split_part(rule_pack, '@', 1) FROM contact_log WHERE borrower_id = ? AND rule_pack IS NOT NULL""", borrowerId);
             var rs = ps.executeQuery()) {
            while (rs.next()) names.add(rs.getString(1));
        }
        try {
            names.add(RulePackSelector.select(packs, jurisdiction, phone, locale).name());
        } catch (IllegalArgumentException unknownJurisdiction) {
            // facts that select no pack: the packs of the log entries decide
        }
        return new ArrayList<>(names);
    }

    private String label(String pack) {
        if (!packs.has(pack)) return pack;
        RulePack p = packs.get(pack);
        return p.name() + "@" + p.version();
    }

    /** Why the pack's record-keeping retention still holds the borrower's records, or null. */
    private String insideRetention(Connection c, String borrowerId, String pack, Instant now) throws SQLException {
        try (var ps = Sql.prepare(c, """
                SELECT max(at) FROM contact_log WHERE borrower_id = ? AND split_part(rule_pack, '@', 1) = ?""", borrowerId, pack);
             var rs = ps.executeQuery()) {
            rs.next();
            Instant last = Sql.instant(rs, "max");
            if (last == null) return null;
            if (!last.isBefore(retention.cutoff(pack + "@", now))) {
                return "record-keeping rules of " + pack + " require the records of contacts for " + retention.retention(pack + "@")
                        + " after the last contact (" + last + "); the raw data will be removed on that schedule";
            }
            return null;
        }
    }

    /** Why the borrower's debt is not settled as far as the gateway can tell, or null. */
    private static String stillOpen(Connection c, String borrowerId) throws SQLException {
        try (var ps = Sql.prepare(c, """
                SELECT (SELECT count(*) FROM reminder WHERE borrower_id = ? AND NOT (status = ANY (?))),
                       (SELECT count(*) FROM loan_enrollment WHERE borrower_id = ? AND status = 'ACTIVE'),
                       (SELECT count(*) FROM wave_staged WHERE (request::jsonb -> 'borrower' ->> 'id') = ?)""",
                borrowerId, Sql.textArray(c, ReminderStatus.FINAL.stream().map(Enum::name).toList()), borrowerId, borrowerId);
             var rs = ps.executeQuery()) {
            rs.next();
            long reminders = rs.getLong(1), enrollments = rs.getLong(2), staged = rs.getLong(3);
            if (reminders + enrollments + staged == 0) return null;
            return "the borrower's debt is not settled: " + reminders + " reminders in progress, " + enrollments
                    + " active loan enrollments, " + staged + " staged wave lines";
        }
    }
}
