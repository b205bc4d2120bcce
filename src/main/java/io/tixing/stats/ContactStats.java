package io.tixing.stats;

import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.policy.AttemptScope;
import io.tixing.policy.AttemptStatus;
import io.tixing.policy.ChannelType;
import io.tixing.policy.RulePack;
import io.tixing.policy.RulePacks;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;

/**
 * Read-only aggregates over the contact log (and nothing else: the log is the evidence, so the dashboard shows what
 * the evidence says). Each query reads one slice {@code kind = ?, at in [start, end)}, served by the covering index
 * {@code contact_log_stats} (V18) on every monthly partition the period touches.
 */
@ApplicationScoped
public class ContactStats {

    /** Examples returned with a non-zero violation count (the count itself is exact). */
    static final int EXAMPLES = 20;

    public record ContactRow(LocalDate day, String channel, String outcome, long count) {}

    public record DecisionRow(String decision, String reason, long count) {}

    public record PackRow(String rulePack, String jurisdiction, long attempts, long allowed, long deferred, long suppressed, long expired) {}

    public record OutsideWindow(long seq, Instant at, String zone, String localTime, String channel, String rulePack, String borrowerId,
                                String window) {}

    public record OverCap(String borrowerId, String rulePack, LocalDate localDay, String cap, long count, long limit) {}

    /**
     * @param checked   attempt entries that could be checked (they carry the borrower's local time and a known rule pack)
     * @param unchecked attempt entries that could not (no local time or pack recorded, e.g. recovered interrupted dispatches)
     */
    public record Violations(long checked, long unchecked, long outsideWindow, List<OutsideWindow> outsideWindowExamples,
                             long overCap, List<OverCap> overCapExamples) {}

    private final Database db;
    private final RulePacks packs;

    public ContactStats(Database db, RulePacks packs) {
        this.db = db;
        this.packs = packs;
    }

    /** Provider hand-offs (ATTEMPT entries) per reviewer day, channel and outcome. */
    public List<ContactRow> contacts(StatsPeriod p) {
        return db.read(c -> {
            List<ContactRow> rows = new ArrayList<>();
            try (PreparedStatement ps = Sql.prepare(c, """
                    SELECT (at AT TIME ZONE ?)::date AS day, channel, outcome, count(*) AS n
                    FROM contact_log
                    WHERE kind = 'ATTEMPT' AND at >= ? AND at < ? AND rule_pack LIKE ?
                    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""", p.zone().getId(), Sql.ts(p.start()), Sql.ts(p.end()), p.packPattern());
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ContactRow(rs.getObject("day", LocalDate.class), rs.getString("channel"), rs.getString("outcome"), rs.getLong("n")));
                }
            }
            return rows;
        });
    }

    /**
     * Deferred, suppressed and expired decisions by reason code. A decision with two reasons counts under each;
     * a reminder deferred twice is two decisions.
     */
    public List<DecisionRow> decisions(StatsPeriod p) {
        return db.read(c -> {
            List<DecisionRow> rows = new ArrayList<>();
            try (PreparedStatement ps = Sql.prepare(c, """
                    SELECT l.decision, coalesce(r.reason, 'NONE') AS reason, count(*) AS n
                    FROM contact_log l LEFT JOIN LATERAL unnest(l.reasons) AS r(reason) ON true
                    WHERE l.kind = 'DECISION' AND l.at >= ? AND l.at < ? AND l.rule_pack LIKE ?
                      AND l.decision IN ('DEFER', 'SUPPRESS', 'EXPIRED')
                    GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2""", Sql.ts(p.start()), Sql.ts(p.end()), p.packPattern());
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(new DecisionRow(rs.getString("decision"), rs.getString("reason"), rs.getLong("n")));
            }
            return rows;
        });
    }

    /** Per rule pack (and so per jurisdiction): hand-offs and decisions. */
    public List<PackRow> packs(StatsPeriod p) {
        return db.read(c -> {
            List<PackRow> rows = new ArrayList<>();
            try (PreparedStatement ps = Sql.prepare(c, """
                    SELECT rule_pack,
                           count(*) FILTER (WHERE kind = 'ATTEMPT') AS attempts,
                           count(*) FILTER (WHERE kind = 'DECISION' AND decision = 'ALLOW') AS allowed,
                           count(*) FILTER (WHERE kind = 'DECISION' AND decision = 'DEFER') AS deferred,
                           count(*) FILTER (WHERE kind = 'DECISION' AND decision = 'SUPPRESS') AS suppressed,
                           count(*) FILTER (WHERE kind = 'DECISION' AND decision = 'EXPIRED') AS expired
                    FROM contact_log
                    WHERE kind IN ('ATTEMPT', 'DECISION') AND at >= ? AND at < ? AND rule_pack LIKE ?
                    GROUP BY rule_pack ORDER BY rule_pack""", Sql.ts(p.start()), Sql.ts(p.end()), p.packPattern());
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String pack = rs.getString("rule_pack");
                    rows.add(new PackRow(pack, pack.contains("@") ? pack.substring(0, pack.indexOf('@')) : pack, rs.getLong("attempts"),
                            rs.getLong("allowed"), rs.getLong("deferred"), rs.getLong("suppressed"), rs.getLong("expired")));
                }
            }
            return rows;
        });
    }

    /**
     * Contacts the rules should have prevented, recomputed from the log alone: every hand-off's own time on the
     * borrower's clock (the local time the entry recorded, written from the entry's instant and the borrower's zone)
     * against its rule pack's window for its channel, and every
     * borrower-local day's count of hand-offs that count against caps against the pack's daily caps (per borrower;
     * the log holds contact points only masked, so the per-contact-point scope is left to the dispatcher's own check).
     * The windows and caps are those in force now (configuration may have tightened the shipped floors).
     */
    public Violations violations(StatsPeriod p) {
        List<RulePack> checkedPacks = packs.all().stream().sorted(Comparator.comparing(RulePack::name)).toList();
        return db.read(c -> {
            String windows = windowValues(checkedPacks);
            long checked = 0, unchecked = 0, outside = 0;
            try (PreparedStatement ps = Sql.prepare(c, "WITH w(pack, channel, opens, closes) AS (VALUES " + windows + """
                    )
                    SELECT count(*) FILTER (WHERE w.pack IS NULL OR l.local_time IS NULL) AS unchecked,
                           count(*) FILTER (WHERE w.pack IS NOT NULL AND l.local_time IS NOT NULL) AS checked,
                           count(*) FILTER (WHERE w.pack IS NOT NULL AND l.local_time IS NOT NULL
                               AND NOT (substr(l.local_time, 12, 5) >= w.opens AND substr(l.local_time, 12, 5) < w.closes)) AS outside
                    FROM contact_log l LEFT JOIN w ON w.pack = split_part(l.rule_pack, '@', 1) AND w.channel = l.channel
                    WHERE l.kind = 'ATTEMPT' AND l.at >= ? AND l.at < ? AND coalesce(l.rule_pack, '') LIKE ?""",
                    Sql.ts(p.start()), Sql.ts(p.end()), p.jurisdiction() == null ? "%" : p.packPattern());
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                unchecked = rs.getLong("unchecked");
                checked = rs.getLong("checked");
                outside = rs.getLong("outside");
            }
            List<OutsideWindow> outsideExamples = new ArrayList<>();
            if (outside > 0) {
                try (PreparedStatement ps = Sql.prepare(c, "WITH w(pack, channel, opens, closes) AS (VALUES " + windows + """
                        )
                        SELECT l.seq, l.at, l.zone, l.local_time, l.channel, l.rule_pack, l.borrower_id, w.opens, w.closes
                        FROM contact_log l JOIN w ON w.pack = split_part(l.rule_pack, '@', 1) AND w.channel = l.channel
                        WHERE l.kind = 'ATTEMPT' AND l.at >= ? AND l.at < ? AND l.rule_pack LIKE ? AND l.local_time IS NOT NULL
                          AND NOT (substr(l.local_time, 12, 5) >= w.opens AND substr(l.local_time, 12, 5) < w.closes)
                        ORDER BY l.at LIMIT ?""", Sql.ts(p.start()), Sql.ts(p.end()), p.packPattern(), EXAMPLES);
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        outsideExamples.add(new OutsideWindow(rs.getLong("seq"), Sql.instant(rs, "at"), rs.getString("zone"),
                                rs.getString("local_time"), rs.getString("channel"), rs.getString("rule_pack"), rs.getString("borrower_id"),
                                rs.getString("opens") + "–" + rs.getString("closes")));
                    }
                }
            }
            var overCap = overCap(c, p, checkedPacks);
            return new Violations(checked, unchecked, outside, outsideExamples, overCap.count, overCap.examples);
        });
    }

    private record CapResult(long count, List<OverCap> examples) {}

    /**
     * One row per (borrower, borrower-local day) whose counted hand-offs exceed a daily cap. The scan starts a day
     * early and ends a day late so a local day cut by the period's edges is counted whole; a day is reported when
     * its last hand-off lies inside the period.
     */
    private CapResult overCap(Connection c, StatsPeriod p, List<RulePack> checkedPacks) throws SQLException {
        StringJoiner caps = new StringJoiner(", ");
        for (RulePack pack : checkedPacks) {
            if (!pack.caps().scopes().contains(AttemptScope.BORROWER)) continue;
            caps.add("('" + pack.name() + "', " + pack.caps().smsDaily() + ", " + pack.caps().emailDaily() + ", " + pack.caps().totalDaily() + ")");
        }
        if (caps.length() == 0) return new CapResult(0, List.of());
        StringJoiner counted = new StringJoiner(", ");
        AttemptStatus.counted().forEach(s -> counted.add("'" + s.name() + "'"));
        String sql = "WITH caps(pack, sms, email, total) AS (VALUES " + caps + """
                ), days AS (
                    SELECT l.borrower_id, split_part(l.rule_pack, '@', 1) AS pack, min(l.rule_pack) AS rule_pack,
                           substr(l.local_time, 1, 10) AS local_day, max(l.at) AS last_at,
                           count(*) FILTER (WHERE l.channel = 'SMS') AS sms, count(*) FILTER (WHERE l.channel = 'EMAIL') AS email,
                           count(*) AS total
                    FROM contact_log l
                    WHERE l.kind = 'ATTEMPT' AND l.at >= ? AND l.at < ? AND l.rule_pack LIKE ? AND l.local_time IS NOT NULL
                      AND l.borrower_id IS NOT NULL AND l.outcome IN (COUNTED)
                    GROUP BY l.borrower_id, split_part(l.rule_pack, '@', 1), substr(l.local_time, 1, 10)
                )
                SELECT d.*, k.sms AS sms_cap, k.email AS email_cap, k.total AS total_cap, count(*) OVER () AS violations
                FROM days d JOIN caps k ON k.pack = d.pack
                WHERE d.last_at >= ? AND d.last_at < ? AND (d.sms > k.sms OR d.email > k.email OR d.total > k.total)
                ORDER BY d.local_day, d.borrower_id LIMIT ?""".replace("COUNTED", counted.toString());
        Instant scanFrom = p.start().minus(Duration.ofDays(1)), scanTo = p.end().plus(Duration.ofDays(1));
        long count = 0;
        List<OverCap> examples = new ArrayList<>();
        try (PreparedStatement ps = Sql.prepare(c, sql, Sql.ts(scanFrom), Sql.ts(scanTo), p.packPattern(), Sql.ts(p.start()), Sql.ts(p.end()), EXAMPLES);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                count = rs.getLong("violations");
                String cap;
                long n, limit;
                if (rs.getLong("sms") > rs.getLong("sms_cap")) { cap = "CAP_SMS_DAILY"; n = rs.getLong("sms"); limit = rs.getLong("sms_cap"); }
                else if (rs.getLong("email") > rs.getLong("email_cap")) { cap = "CAP_EMAIL_DAILY"; n = rs.getLong("email"); limit = rs.getLong("email_cap"); }
                else { cap = "CAP_TOTAL_DAILY"; n = rs.getLong("total"); limit = rs.getLong("total_cap"); }
                examples.add(new OverCap(rs.getString("borrower_id"), rs.getString("rule_pack"), LocalDate.parse(rs.getString("local_day")),
                        cap, n, limit));
            }
        }
        return new CapResult(count, examples);
    }

    /**
     * A window bound as the "HH:MM" text the entries' local_time holds at offset 11 ("2026-11-23T21:59:30+08:00"). Text
     * order is time order there, and a bound on a whole minute compares exactly: 21:59:59 reads "21:59" (inside a window
     * ending 22:00), 22:00:00 reads "22:00" (outside). A bound with seconds is narrowed to whole minutes (a start
     * rounded up, an end down), so such a window can raise a false alarm near its edge but never miss a violation.
     */
    static String hhmm(java.time.LocalTime t, boolean start) {
        var minute = t.withSecond(0).withNano(0);
        if (start && minute.isBefore(t)) minute = minute.plusMinutes(1);
        return String.format("%02d:%02d", minute.getHour(), minute.getMinute());
    }

    /** The packs' windows as SQL literals (values from loaded rule packs, never from a request). */
    private static String windowValues(List<RulePack> packs) {
        StringJoiner values = new StringJoiner(", ");
        for (RulePack pack : packs) {
            for (ChannelType channel : ChannelType.values()) {
                var w = pack.window(channel);
                values.add("('" + pack.name() + "', '" + channel.name() + "', '" + hhmm(w.start(), true) + "', '" + hhmm(w.end(), false) + "')");
            }
        }
        return values.toString();
    }
}
