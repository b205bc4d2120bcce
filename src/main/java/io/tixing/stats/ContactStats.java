package io.tixing.stats;

import io.tixing.contactlog.ContactLogWriter;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.policy.AttemptScope;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Read-only aggregates over the contact log (and nothing else: the log is the evidence, so the dashboard shows what
 * the evidence says). Each answer is the rollup ({@link ContactLogRollup}: quarter-hour buckets, borrower-days) for
 * the whole buckets of the period, plus the log itself, live, for what the rollup does not hold: entries past the
 * rollup's per-chain marks, the part of a bucket cut by the period's edges or by a reviewer-day boundary, and
 * buckets the window check cannot decide from the rollup row alone. Marks and
 * rollup are read in one REPEATABLE READ snapshot, so the sum is exactly the log's entries, never one twice.
 */
@ApplicationScoped
public class ContactStats {

    /** Examples returned with a non-zero violation count (the count itself is exact). */
    static final int EXAMPLES = 20;

    /** The rollup's bucket: a quarter hour, so every reviewer-day boundary of today's zones falls between buckets. */
    static final Duration BUCKET = ContactLogRollup.BUCKET;

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

    /**
     * Which part of a period comes from where: rollup buckets in [rolledFrom, rolledTo) except {@code excluded}; the log
     * for {@code live} ranges (whole), and for entries past the marks anywhere else in the period.
     */
    record Plan(StatsPeriod p, Instant rolledFrom, Instant rolledTo, List<Instant> excluded, List<Instant[]> live, Map<Integer, Long> marks) {

        static Plan of(StatsPeriod p, Map<Integer, Long> marks, Set<Instant> alsoLive) {
            Instant from = ceilBucket(p.start()), to = floorBucket(p.end());
            List<Instant> excluded = new ArrayList<>();
            List<Instant[]> live = new ArrayList<>();
            if (!from.isBefore(to)) {
                live.add(new Instant[] {p.start(), p.end()});
                return new Plan(p, from, from, List.of(), live, marks);
            }
            if (p.start().isBefore(from)) live.add(new Instant[] {p.start(), from});
            for (Instant b = from; b.isBefore(to); b = b.plus(BUCKET)) {
                // A bucket holding a reviewer-day boundary inside it (a zone off UTC by other than whole quarter hours,
                // such as local mean times before 1972) cannot be given to one day.
                Instant nextDay = b.atZone(p.zone()).toLocalDate().plusDays(1).atStartOfDay(p.zone()).toInstant();
                boolean cut = nextDay.isAfter(b) && nextDay.isBefore(b.plus(BUCKET));
                if (cut || alsoLive.contains(b)) {
                    excluded.add(b);
                    live.add(new Instant[] {b, b.plus(BUCKET)});
                }
            }
            if (to.isBefore(p.end())) live.add(new Instant[] {to, p.end()});
            return new Plan(p, from, to, excluded, live, marks);
        }

        /** {@code r.bucket} is one the rollup answers for. */
        String rolled(List<Object> params, Connection c) throws SQLException {
            params.add(rolledFrom);
            params.add(rolledTo);
            params.add(c.createArrayOf("timestamptz", excluded.stream().map(Sql::ts).toArray()));
            return "r.bucket >= ? AND r.bucket < ? AND NOT (r.bucket = ANY (?))";
        }

        /** A CTE {@code live} of the log's entries of {@code kinds} this plan reads from the log. */
        String live(List<Object> params, String kinds) {
            String columns = "l.seq, l.at, l.zone, l.local_time, l.kind, l.borrower_id, l.channel, l.outcome, l.decision, l.reasons, l.rule_pack";
            StringJoiner ranges = new StringJoiner(" OR ", "(", ")");
            List<Object> rangeParams = new ArrayList<>();
            for (Instant[] r : live) {
                ranges.add("(l.at >= ? AND l.at < ?)");
                rangeParams.add(r[0]);
                rangeParams.add(r[1]);
            }
            String inRanges = live.isEmpty() ? "false" : ranges.toString();
            String tail = pastMarks(marks);
            StringBuilder sql = new StringBuilder("live AS (");
            if (!live.isEmpty()) {
                sql.append("SELECT ").append(columns).append(" FROM contact_log l WHERE l.kind IN (").append(kinds).append(") AND ").append(inRanges)
                        .append(" UNION ALL ");
                params.addAll(rangeParams);
            }
            sql.append("SELECT ").append(columns).append(" FROM contact_log l WHERE l.kind IN (").append(kinds)
                    .append(") AND l.at >= ? AND l.at < ? AND ").append(tail).append(" AND NOT ").append(inRanges).append(")");
            params.add(p.start());
            params.add(p.end());
            params.addAll(rangeParams);
            return sql.toString();
        }
    }

    /**
     * The log's entries the rollup does not hold: per chain, the positions past its mark (one index range each on
     * contact_log_chain_pos; the chains are the writer's fixed set, so no chain can be missed).
     */
    static String pastMarks(Map<Integer, Long> marks) {
        StringJoiner tail = new StringJoiner(" OR ", "(", ")");
        for (int chain = 0; chain < ContactLogWriter.CHAINS; chain++) {
            tail.add("(l.chain_id = " + chain + " AND l.chain_pos > " + marks.getOrDefault(chain, 0L) + ")");
        }
        return tail.toString();
    }

    static Instant floorBucket(Instant t) {
        long size = BUCKET.getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), size) * size);
    }

    static Instant ceilBucket(Instant t) {
        Instant f = floorBucket(t);
        return f.equals(t) ? t : f.plus(BUCKET);
    }

    /** Runs {@code work} in one read-only snapshot that also holds the rollup's marks. */
    private <T> T snapshot(StatsPeriod p, SnapshotWork<T> work) {
        return db.inTransaction(c -> {
            Sql.execute(c, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            // The same statement text comes back with other periods: a generic plan (chosen after five runs of a
            // server-prepared statement) cannot prune partitions by the period or size the tail, so plan each call.
            Sql.execute(c, "SET LOCAL plan_cache_mode = force_custom_plan");
            return work.run(c, ContactLogRollup.marks(c, false));
        });
    }

    @FunctionalInterface
    private interface SnapshotWork<T> {
        T run(Connection c, Map<Integer, Long> marks) throws SQLException;
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        return Sql.prepare(c, sql, params.toArray());
    }

    /** Provider hand-offs (ATTEMPT entries) per reviewer day, channel and outcome. */
    public List<ContactRow> contacts(StatsPeriod p) {
        return snapshot(p, (c, marks) -> {
            Plan plan = Plan.of(p, marks, Set.of());
            List<Object> params = new ArrayList<>();
            String live = plan.live(params, "'ATTEMPT'");
            params.add(p.zone().getId());
            String rolled = plan.rolled(params, c);
            params.add(p.packPattern());
            params.add(p.zone().getId());
            params.add(p.packPattern());
            List<ContactRow> rows = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, "WITH " + live + """
                    , parts AS (
                        SELECT (r.bucket AT TIME ZONE ?)::date AS day, r.channel, r.outcome, r.entries AS n
                        FROM contact_log_rollup r WHERE r.kind = 'ATTEMPT' AND ROLLED AND r.rule_pack <> '' AND r.rule_pack LIKE ?
                        UNION ALL
                        SELECT (l.at AT TIME ZONE ?)::date, coalesce(l.channel, ''), coalesce(l.outcome, ''), 1 FROM live l WHERE l.rule_pack LIKE ?
                    )
                    SELECT day, nullif(channel, '') AS channel, nullif(outcome, '') AS outcome, sum(n) AS n FROM parts
                    GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 2, 3""".replace("ROLLED", rolled), params);
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
        return snapshot(p, (c, marks) -> {
            Plan plan = Plan.of(p, marks, Set.of());
            List<Object> params = new ArrayList<>();
            String live = plan.live(params, "'DECISION'");
            String rolled = plan.rolled(params, c);
            params.add(p.packPattern());
            params.add(p.packPattern());
            List<DecisionRow> rows = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, "WITH " + live + """
                    , parts AS (
                        SELECT r.decision, coalesce(x.reason, 'NONE') AS reason, r.entries AS n
                        FROM contact_log_rollup r LEFT JOIN LATERAL unnest(r.reasons) AS x(reason) ON true
                        WHERE r.kind = 'DECISION' AND ROLLED AND r.rule_pack <> '' AND r.rule_pack LIKE ?
                          AND r.decision IN ('DEFER', 'SUPPRESS', 'EXPIRED')
                        UNION ALL
                        SELECT l.decision, coalesce(x.reason, 'NONE'), 1
                        FROM live l LEFT JOIN LATERAL unnest(l.reasons) AS x(reason) ON true
                        WHERE l.rule_pack LIKE ? AND l.decision IN ('DEFER', 'SUPPRESS', 'EXPIRED')
                    )
                    SELECT decision, reason, sum(n) AS n FROM parts GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 1, 3 DESC, 2"""
                    .replace("ROLLED", rolled), params);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(new DecisionRow(rs.getString("decision"), rs.getString("reason"), rs.getLong("n")));
            }
            return rows;
        });
    }

    /** Per rule pack (and so per jurisdiction): hand-offs and decisions. */
    public List<PackRow> packs(StatsPeriod p) {
        return snapshot(p, (c, marks) -> {
            Plan plan = Plan.of(p, marks, Set.of());
            List<Object> params = new ArrayList<>();
            String live = plan.live(params, "'ATTEMPT', 'DECISION'");
            String rolled = plan.rolled(params, c);
            params.add(p.packPattern());
            params.add(p.packPattern());
            List<PackRow> rows = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, "WITH " + live + """
                    , parts AS (
                        SELECT r.rule_pack, r.kind, r.decision, r.entries AS n FROM contact_log_rollup r
                        WHERE ROLLED AND r.rule_pack <> '' AND r.rule_pack LIKE ?
                        UNION ALL
                        SELECT l.rule_pack, l.kind, l.decision, 1 FROM live l WHERE l.rule_pack LIKE ?
                    )
                    SELECT rule_pack,
                           coalesce(sum(n) FILTER (WHERE kind = 'ATTEMPT'), 0) AS attempts,
                           coalesce(sum(n) FILTER (WHERE kind = 'DECISION' AND decision = 'ALLOW'), 0) AS allowed,
                           coalesce(sum(n) FILTER (WHERE kind = 'DECISION' AND decision = 'DEFER'), 0) AS deferred,
                           coalesce(sum(n) FILTER (WHERE kind = 'DECISION' AND decision = 'SUPPRESS'), 0) AS suppressed,
                           coalesce(sum(n) FILTER (WHERE kind = 'DECISION' AND decision = 'EXPIRED'), 0) AS expired
                    FROM parts GROUP BY rule_pack HAVING sum(n) <> 0 ORDER BY rule_pack""".replace("ROLLED", rolled), params);
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

    private record WindowCounts(long checked, long unchecked, long outside, long undecided) {}

    /**
     * Contacts the rules should have prevented, recomputed from the log alone: every hand-off's own time on the
     * borrower's clock (the local time the entry recorded, written from the entry's instant and the borrower's zone)
     * against its rule pack's window for its channel, and every
     * borrower-local day's count of hand-offs that count against caps against the pack's daily caps (per borrower;
     * the log holds contact points only masked, so the per-contact-point scope is left to the dispatcher's own check).
     * The windows and caps are those in force now (configuration may have tightened the shipped floors): the rollup
     * keeps each bucket's local times with their earliest and latest minute, so a bucket entirely inside or outside a
     * window is decided from the rollup, and one a window bound cuts is read from the log.
     */
    public Violations violations(StatsPeriod p) {
        List<RulePack> checkedPacks = packs.all().stream().sorted(Comparator.comparing(RulePack::name)).toList();
        String windows = windowValues(checkedPacks);
        String pattern = p.jurisdiction() == null ? "%" : p.packPattern();
        return snapshot(p, (c, marks) -> {
            Plan plan = Plan.of(p, marks, Set.of());
            WindowCounts counts = windowCounts(c, plan, windows, pattern);
            if (counts.undecided > 0) {
                Set<Instant> undecided = new HashSet<>();
                List<Object> params = new ArrayList<>();
                String rolled = plan.rolled(params, c);
                params.add(pattern);
                try (PreparedStatement ps = prepare(c, "WITH w(pack, channel, opens, closes) AS (VALUES " + windows + """
                        )
                        SELECT DISTINCT r.bucket FROM contact_log_rollup r JOIN w ON w.pack = split_part(r.rule_pack, '@', 1) AND w.channel = r.channel
                        WHERE r.kind = 'ATTEMPT' AND ROLLED AND r.rule_pack LIKE ? AND r.local_hour <> ''
                          AND NOT (r.local_max < w.opens OR r.local_min >= w.closes) AND NOT (r.local_min >= w.opens AND r.local_max < w.closes)"""
                        .replace("ROLLED", rolled), params);
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) undecided.add(Sql.instant(rs, "bucket"));
                }
                plan = Plan.of(p, marks, undecided);
                counts = windowCounts(c, plan, windows, pattern);
            }
            List<OutsideWindow> outsideExamples = new ArrayList<>();
            if (counts.outside > 0) {
                try (PreparedStatement ps = prepare(c, "WITH w(pack, channel, opens, closes) AS (VALUES " + windows + """
                        )
                        SELECT l.seq, l.at, l.zone, l.local_time, l.channel, l.rule_pack, l.borrower_id, w.opens, w.closes
                        FROM contact_log l JOIN w ON w.pack = split_part(l.rule_pack, '@', 1) AND w.channel = l.channel
                        WHERE l.kind = 'ATTEMPT' AND l.at >= ? AND l.at < ? AND l.rule_pack LIKE ? AND l.local_time IS NOT NULL
                          AND NOT (substr(l.local_time, 12, 5) >= w.opens AND substr(l.local_time, 12, 5) < w.closes)
                        ORDER BY l.at LIMIT ?""", List.of(Sql.ts(p.start()), Sql.ts(p.end()), p.packPattern(), EXAMPLES));
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        outsideExamples.add(new OutsideWindow(rs.getLong("seq"), Sql.instant(rs, "at"), rs.getString("zone"),
                                rs.getString("local_time"), rs.getString("channel"), rs.getString("rule_pack"), rs.getString("borrower_id"),
                                rs.getString("opens") + "–" + rs.getString("closes")));
                    }
                }
            }
            var overCap = overCap(c, p, marks, checkedPacks);
            return new Violations(counts.checked, counts.unchecked, counts.outside, outsideExamples, overCap.count, overCap.examples);
        });
    }

    private static WindowCounts windowCounts(Connection c, Plan plan, String windows, String pattern) throws SQLException {
        List<Object> params = new ArrayList<>();
        String live = plan.live(params, "'ATTEMPT'");
        String rolled = plan.rolled(params, c);
        params.add(pattern);
        params.add(pattern);
        try (PreparedStatement ps = prepare(c, "WITH w(pack, channel, opens, closes) AS (VALUES " + windows + "), " + live + """
                , parts AS (
                    SELECT r.rule_pack, r.channel, r.local_hour, r.local_min, r.local_max, r.entries AS n FROM contact_log_rollup r
                    WHERE r.kind = 'ATTEMPT' AND ROLLED AND r.rule_pack LIKE ?
                    UNION ALL
                    SELECT coalesce(l.rule_pack, ''), coalesce(l.channel, ''), coalesce(substr(l.local_time, 12, 2), ''),
                           substr(l.local_time, 12, 5), substr(l.local_time, 12, 5), 1
                    FROM live l WHERE coalesce(l.rule_pack, '') LIKE ?
                )
                SELECT coalesce(sum(n) FILTER (WHERE w.pack IS NULL OR x.local_hour = ''), 0) AS unchecked,
                       coalesce(sum(n) FILTER (WHERE w.pack IS NOT NULL AND x.local_hour <> ''), 0) AS checked,
                       coalesce(sum(n) FILTER (WHERE w.pack IS NOT NULL AND x.local_hour <> ''
                           AND (x.local_max < w.opens OR x.local_min >= w.closes)), 0) AS outside,
                       coalesce(sum(n) FILTER (WHERE w.pack IS NOT NULL AND x.local_hour <> ''
                           AND NOT (x.local_max < w.opens OR x.local_min >= w.closes)
                           AND NOT (x.local_min >= w.opens AND x.local_max < w.closes)), 0) AS undecided
                FROM parts x LEFT JOIN w ON w.pack = split_part(x.rule_pack, '@', 1) AND w.channel = x.channel"""
                .replace("ROLLED", rolled), params);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new WindowCounts(rs.getLong("checked"), rs.getLong("unchecked"), rs.getLong("outside"), rs.getLong("undecided"));
        }
    }

    private record CapResult(long count, List<OverCap> examples) {}

    /**
     * One row per (borrower, borrower-local day) whose counted hand-offs exceed a daily cap, reported when the day's
     * last hand-off lies inside the period (a local day cut by the period's edges is counted whole). The rollup's
     * borrower-days are found through their count indexes (empty when all is well); the entries past the marks are
     * added to their days live.
     */
    private CapResult overCap(Connection c, StatsPeriod p, Map<Integer, Long> marks, List<RulePack> checkedPacks) throws SQLException {
        StringJoiner caps = new StringJoiner(", ");
        // One index range per pack and count (contact_log_rollup_day_sms/_email/_total): empty when all is well.
        StringJoiner over = new StringJoiner(" UNION ");
        for (RulePack pack : checkedPacks) {
            if (!pack.caps().scopes().contains(AttemptScope.BORROWER)) continue;
            if (p.jurisdiction() != null && !p.jurisdiction().equals(pack.name())) continue;
            caps.add("('" + pack.name() + "', " + pack.caps().smsDaily() + ", " + pack.caps().emailDaily() + ", " + pack.caps().totalDaily() + ")");
            for (var count : Map.of("sms", pack.caps().smsDaily(), "email", pack.caps().emailDaily(), "total", pack.caps().totalDaily()).entrySet()) {
                over.add("SELECT d.* FROM contact_log_rollup_day d, period WHERE d.pack = '" + pack.name() + "' AND d." + count.getKey() + " > "
                        + count.getValue() + " AND d.last_at >= period.s AND d.last_at < period.e");
            }
        }
        if (caps.length() == 0) return new CapResult(0, List.of());
        String tail = pastMarks(marks);
        String sql = "WITH caps(pack, sms, email, total) AS (VALUES " + caps + """
                ), period(s, e) AS (VALUES (?::timestamptz, ?::timestamptz)
                ), tail AS (
                    SELECT l.borrower_id, split_part(l.rule_pack, '@', 1) AS pack, substr(l.local_time, 1, 10) AS local_day,
                           min(l.rule_pack) AS rule_pack, count(*) FILTER (WHERE l.channel = 'SMS') AS sms,
                           count(*) FILTER (WHERE l.channel = 'EMAIL') AS email, count(*) AS total, max(l.at) AS last_at
                    FROM contact_log l
                    WHERE l.kind = 'ATTEMPT' AND TAIL AND l.at >= ? AND l.at < ? AND l.rule_pack LIKE ? AND l.local_time IS NOT NULL
                      AND l.borrower_id IS NOT NULL AND l.outcome IN (COUNTED)
                    GROUP BY 1, 2, 3
                ), days AS (
                    SELECT t.borrower_id, t.pack, t.local_day, least(t.rule_pack, d.rule_pack) AS rule_pack, t.sms + coalesce(d.sms, 0) AS sms,
                           t.email + coalesce(d.email, 0) AS email, t.total + coalesce(d.total, 0) AS total, greatest(t.last_at, d.last_at) AS last_at
                    FROM tail t LEFT JOIN contact_log_rollup_day d ON d.borrower_id = t.borrower_id AND d.pack = t.pack AND d.local_day = t.local_day
                    UNION ALL
                    SELECT d.borrower_id, d.pack, d.local_day, d.rule_pack, d.sms, d.email, d.total, d.last_at
                    FROM (OVER_CAPS) d
                    WHERE NOT EXISTS (SELECT 1 FROM tail t WHERE t.borrower_id = d.borrower_id AND t.pack = d.pack AND t.local_day = d.local_day)
                )
                SELECT d.*, k.sms AS sms_cap, k.email AS email_cap, k.total AS total_cap, count(*) OVER () AS violations
                FROM days d JOIN caps k ON k.pack = d.pack
                WHERE d.last_at >= ? AND d.last_at < ? AND (d.sms > k.sms OR d.email > k.email OR d.total > k.total)
                ORDER BY d.local_day, d.borrower_id LIMIT ?"""
                .replace("COUNTED", ContactLogRollup.counted()).replace("TAIL", tail).replace("OVER_CAPS", over.toString());
        // Entries of one local day lie within 26 hours of each other: the tail around the period finds every day whose
        // last hand-off is inside it, and that day's later hand-offs too.
        Instant scanFrom = p.start().minus(Duration.ofDays(2)), scanTo = p.end().plus(Duration.ofDays(2));
        long count = 0;
        List<OverCap> examples = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, List.of(Sql.ts(p.start()), Sql.ts(p.end()), Sql.ts(scanFrom), Sql.ts(scanTo), p.packPattern(),
                Sql.ts(p.start()), Sql.ts(p.end()), EXAMPLES));
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
