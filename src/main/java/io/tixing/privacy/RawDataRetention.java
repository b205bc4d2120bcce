package io.tixing.privacy;

import io.tixing.contactlog.RawDataBeforePurge;
import io.tixing.contactlog.RetentionPurge;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.policy.RulePack;
import io.tixing.policy.RulePacks;
import io.tixing.reminder.ReminderStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Raw personal data follows the contact log's retention: a reminder's raw copies (its request, its attempts'
 * full destinations and messages, the sandbox's copies) go once every log entry of that reminder is past its
 * rule pack's retention, on the same per-pack cutoffs the log purge uses; a borrower's own facts (name, phone,
 * email) go once all its reminders are redacted, no enrollment is active and its log entries are past retention.
 * Retention periods are minimums for the record of contacts; the raw copies never outlive them. Run by the
 * retention purge before it purges the log (while the log entries that date a reminder still exist).
 */
@ApplicationScoped
public class RawDataRetention implements RawDataBeforePurge {

    private static final int BATCH = 500;

    private final Database db;
    private final RawDataRedactor redactor;
    private final RetentionPurge.RetentionPolicy policy;
    private final RulePacks packs;

    public RawDataRetention(Database db, RawDataRedactor redactor, RetentionPurge.RetentionPolicy policy, RulePacks packs) {
        this.db = db;
        this.redactor = redactor;
        this.policy = policy;
        this.packs = packs;
    }

    /** The cutoff per pack at {@code now}, as SQL: {@code WITH k(pack, cutoff) AS (VALUES ...)} and its parameters. */
    private record Cutoffs(String with, List<Object> params, Instant fallback, Instant shortest) {}

    private Cutoffs cutoffs(Instant now) {
        StringBuilder with = new StringBuilder("WITH k(pack, cutoff) AS (VALUES ");
        List<Object> params = new ArrayList<>();
        Instant fallback = policy.cutoff(null, now);
        Instant shortest = fallback;
        boolean first = true;
        for (RulePack pack : packs.all()) {
            Instant cutoff = policy.cutoff(pack.name() + "@" + pack.version(), now);
            if (cutoff.isAfter(shortest)) shortest = cutoff;
            with.append(first ? "" : ", ").append("(?, ?::timestamptz)");
            params.add(pack.name());
            params.add(cutoff);
            first = false;
        }
        if (first) with.append("(NULL, NULL::timestamptz)");
        return new Cutoffs(with.append(") ").toString(), params, fallback, shortest);
    }

    @Override
    public Optional<String> redactExpired(Instant now) {
        var redacted = run(now);
        return redacted.any() ? Optional.of(redacted.describe()) : Optional.empty();
    }

    /** Redacts everything past retention at {@code now}; returns what went. */
    public RawDataRedactor.Redacted run(Instant now) {
        Cutoffs k = cutoffs(now);
        RawDataRedactor.Redacted total = RawDataRedactor.Redacted.NONE;
        while (true) {
            var done = db.inTransaction(c -> {
                List<UUID> ids = expiredReminders(c, k);
                return ids.isEmpty() ? null : redactor.reminders(c, ids, now);
            });
            if (done == null) break;
            total = total.plus(done);
        }
        while (true) {
            var done = db.inTransaction(c -> {
                List<String> ids = expiredBorrowers(c, k);
                return ids.isEmpty() ? null : redactor.borrowers(c, ids, now);
            });
            if (done == null) break;
            total = total.plus(done);
        }
        return total.plus(db.inTransaction(c -> redactor.leftovers(c, k.shortest())));
    }

    /**
     * Final reminders whose newest log entry is older than the cutoff of the pack that decided them (the longest
     * retention when several did; the default when none is known), and not touched within the shortest retention.
     */
    private List<UUID> expiredReminders(Connection c, Cutoffs k) throws SQLException {
        List<Object> params = new ArrayList<>(k.params());
        params.add(k.fallback());
        params.add(Sql.textArray(c, ReminderStatus.FINAL.stream().map(Enum::name).toList()));
        params.add(k.shortest());
        params.add(k.shortest());
        params.add(k.fallback());
        String sql = k.with() + """
                SELECT r.id FROM reminder r
                LEFT JOIN LATERAL (
                    SELECT max(l.at) AS last_at, min(COALESCE(k.cutoff, ?)) FILTER (WHERE l.rule_pack IS NOT NULL) AS pack_cutoff
                    FROM contact_log l LEFT JOIN k ON k.pack = split_part(l.rule_pack, '@', 1)
                    WHERE l.reminder_id = r.id) e ON TRUE
                WHERE r.redacted_at IS NULL AND r.status = ANY (?) AND r.created_at < ? AND r.updated_at < ? -- created_at: the index
                  AND COALESCE(e.last_at, r.updated_at) < COALESCE(e.pack_cutoff, ?)
                LIMIT
                """ + BATCH;
        List<UUID> ids = new ArrayList<>();
        try (var ps = Sql.prepare(c, sql, params.toArray()); var rs = ps.executeQuery()) {
            while (rs.next()) ids.add(rs.getObject(1, UUID.class));
        }
        return ids;
    }

    /**
     * Borrowers still holding facts (a later request may have brought them back after a redaction) whose every
     * reminder is redacted, with no active enrollment, and whose log entries are past retention.
     */
    private List<String> expiredBorrowers(Connection c, Cutoffs k) throws SQLException {
        List<Object> params = new ArrayList<>(k.params());
        params.add(k.fallback());
        params.add(k.shortest());
        params.add(k.fallback());
        String sql = k.with() + """
                SELECT b.id FROM borrower b
                LEFT JOIN LATERAL (
                    SELECT max(l.at) AS last_at, min(COALESCE(k.cutoff, ?)) FILTER (WHERE l.rule_pack IS NOT NULL) AS pack_cutoff
                    FROM contact_log l LEFT JOIN k ON k.pack = split_part(l.rule_pack, '@', 1)
                    WHERE l.borrower_id = b.id) e ON TRUE
                WHERE (b.name IS NOT NULL OR b.phone IS NOT NULL OR b.email IS NOT NULL) AND b.updated_at < ?
                  AND NOT EXISTS (SELECT 1 FROM reminder r WHERE r.borrower_id = b.id AND r.redacted_at IS NULL)
                  AND NOT EXISTS (SELECT 1 FROM loan_enrollment le WHERE le.borrower_id = b.id AND le.status = 'ACTIVE')
                  AND COALESCE(e.last_at, b.updated_at) < COALESCE(e.pack_cutoff, ?)
                LIMIT
                """ + BATCH;
        List<String> ids = new ArrayList<>();
        try (var ps = Sql.prepare(c, sql, params.toArray()); var rs = ps.executeQuery()) {
            while (rs.next()) ids.add(rs.getString(1));
        }
        return ids;
    }
}
