package io.tixing.stats;

import io.quarkus.scheduler.Scheduled;
import io.tixing.contactlog.DerivedBeforePurge;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.policy.AttemptStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The one writer of the stats rollup (V23: contact_log_rollup, contact_log_rollup_day, contact_log_rollup_mark).
 * It adds contact-log entries by chain position, never by time: per chain, positions up to the committed head are
 * all committed (appends serialise on the head row, which commits with its entries), so "positions (mark, head]"
 * is an exact set of new entries whatever their timestamps. The stats read the rollup plus, live, every entry past
 * the marks, so the two together are always exactly the log. The append path is untouched: the log itself is
 * the queue.
 */
@ApplicationScoped
public class ContactLogRollup implements DerivedBeforePurge {

    /** Bucket size of contact_log_rollup (the SQL's date_bin says the same). */
    public static final Duration BUCKET = Duration.ofMinutes(15);

    private final Database db;
    private final StatsConfig config;

    public ContactLogRollup(Database db, StatsConfig config) {
        this.db = db;
        this.config = config;
    }

    @Scheduled(identity = "stats-rollup", every = "${tixing.stats.rollup-every:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() { rollUp(); }

    /** Adds every entry appended since the last run; returns how many entries were read. Idempotent: a rerun adds nothing. */
    public long rollUp() {
        long total = 0;
        while (true) {
            long n = db.inTransaction(this::rollOnce);
            if (n == 0) return total;
            total += n;
        }
    }

    private long rollOnce(Connection c) throws SQLException {
        // The marks' row locks make concurrent runs (several instances, a run and a purge) take turns; each then reads
        // the marks the previous one committed.
        Map<Integer, Long> marks = marks(c, true);
        Map<Integer, Long> heads = positions(c, "SELECT chain_id, length FROM contact_log_chain");
        List<long[]> ranges = new ArrayList<>();
        for (var head : heads.entrySet()) {
            long from = marks.getOrDefault(head.getKey(), 0L);
            if (head.getValue() > from) ranges.add(new long[] {head.getKey(), from, Math.min(head.getValue(), from + config.rollupBatch())});
        }
        if (ranges.isEmpty()) return 0;
        add(c, ranges, 1);
        long read = 0;
        for (long[] r : ranges) {
            Sql.update(c, """
                    INSERT INTO contact_log_rollup_mark (chain_id, rolled_pos) VALUES (?, ?)
                    ON CONFLICT (chain_id) DO UPDATE SET rolled_pos = EXCLUDED.rolled_pos""", (int) r[0], r[2]);
            read += r[2] - r[1];
        }
        return read;
    }

    /**
     * Before retention deletes positions up to {@code upTo} per chain: the rolled ones among them are subtracted, and
     * the marks move past them, so the rollup never counts an entry the log no longer holds (purged periods read as
     * what is left of them, exactly as the log does).
     */
    @Override
    public void beforePurge(Map<Integer, Long> upToPerChain) {
        if (upToPerChain.isEmpty()) return;
        db.inTransaction(c -> {
            Map<Integer, Long> marks = marks(c, true);
            Map<Integer, Long> forgotten = positions(c, "SELECT chain_id, forgotten_pos FROM contact_log_rollup_mark");
            List<long[]> ranges = new ArrayList<>();
            for (var e : upToPerChain.entrySet()) {
                long from = forgotten.getOrDefault(e.getKey(), 0L);
                long to = Math.min(e.getValue(), marks.getOrDefault(e.getKey(), 0L));
                if (to > from) ranges.add(new long[] {e.getKey(), from, to});
            }
            if (!ranges.isEmpty()) add(c, ranges, -1);
            for (var e : upToPerChain.entrySet()) {
                Sql.update(c, """
                        INSERT INTO contact_log_rollup_mark (chain_id, rolled_pos, forgotten_pos) VALUES (?, ?, ?)
                        ON CONFLICT (chain_id) DO UPDATE SET rolled_pos = greatest(contact_log_rollup_mark.rolled_pos, EXCLUDED.rolled_pos),
                          forgotten_pos = greatest(contact_log_rollup_mark.forgotten_pos, EXCLUDED.forgotten_pos)""",
                        e.getKey(), e.getValue(), e.getValue());
            }
            Sql.update(c, "DELETE FROM contact_log_rollup WHERE entries <= 0");
            Sql.update(c, "DELETE FROM contact_log_rollup_day WHERE total <= 0");
            return null;
        });
    }

    static Map<Integer, Long> marks(Connection c, boolean lock) throws SQLException {
        return positions(c, "SELECT chain_id, rolled_pos FROM contact_log_rollup_mark ORDER BY chain_id" + (lock ? " FOR UPDATE" : ""));
    }

    /** A query's (chain id, position) rows as a map, in chain order. */
    private static Map<Integer, Long> positions(Connection c, String sql) throws SQLException {
        Map<Integer, Long> out = new TreeMap<>();
        try (var ps = c.prepareStatement(sql); var rs = ps.executeQuery()) {
            while (rs.next()) out.put(rs.getInt(1), rs.getLong(2));
        }
        return out;
    }

    /** Adds ({@code sign} 1) or subtracts (-1) the entries at positions (from, to] of each chain. */
    private static void add(Connection c, List<long[]> ranges, int sign) throws SQLException {
        StringJoiner values = new StringJoiner(", ");
        List<Object> params = new ArrayList<>();
        for (long[] r : ranges) {
            values.add("(?::int, ?::bigint, ?::bigint)");
            params.add((int) r[0]);
            params.add(r[1]);
            params.add(r[2]);
        }
        String source = "contact_log l JOIN (VALUES " + values + ") AS p(chain, lo, hi) ON l.chain_id = p.chain AND l.chain_pos > p.lo AND l.chain_pos <= p.hi";
        // Subtracting leaves local_min/local_max as they were: wider than the rows left, which only makes the
        // window check read such an hour from the log (exact either way).
        Sql.update(c, """
                INSERT INTO contact_log_rollup AS r (bucket, kind, rule_pack, channel, outcome, decision, reasons, local_hour, entries, local_min, local_max)
                SELECT date_bin('15 minutes', l.at, timestamptz '2000-01-01 00:00:00+00'), l.kind, coalesce(l.rule_pack, ''),
                       CASE WHEN l.kind = 'ATTEMPT' THEN coalesce(l.channel, '') ELSE '' END,
                       CASE WHEN l.kind = 'ATTEMPT' THEN coalesce(l.outcome, '') ELSE '' END,
                       CASE WHEN l.kind = 'DECISION' THEN coalesce(l.decision, '') ELSE '' END,
                       CASE WHEN l.kind = 'DECISION' THEN coalesce(l.reasons, '{}') ELSE '{}' END,
                       CASE WHEN l.kind = 'ATTEMPT' THEN coalesce(substr(l.local_time, 12, 2), '') ELSE '' END,
                       SIGN * count(*),
                       min(CASE WHEN l.kind = 'ATTEMPT' THEN substr(l.local_time, 12, 5) END),
                       max(CASE WHEN l.kind = 'ATTEMPT' THEN substr(l.local_time, 12, 5) END)
                FROM SOURCE
                WHERE l.kind IN ('ATTEMPT', 'DECISION')
                GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
                ON CONFLICT (bucket, kind, rule_pack, channel, outcome, decision, reasons, local_hour) DO UPDATE
                SET entries = r.entries + EXCLUDED.entries, local_min = least(r.local_min, EXCLUDED.local_min),
                    local_max = greatest(r.local_max, EXCLUDED.local_max)"""
                .replace("SOURCE", source).replace("SIGN", Integer.toString(sign)), params.toArray());
        Sql.update(c, """
                INSERT INTO contact_log_rollup_day AS d (borrower_id, pack, local_day, rule_pack, sms, email, total, last_at)
                SELECT l.borrower_id, split_part(l.rule_pack, '@', 1), substr(l.local_time, 1, 10), min(l.rule_pack),
                       SIGN * count(*) FILTER (WHERE l.channel = 'SMS'), SIGN * count(*) FILTER (WHERE l.channel = 'EMAIL'),
                       SIGN * count(*), max(l.at)
                FROM SOURCE
                WHERE l.kind = 'ATTEMPT' AND l.local_time IS NOT NULL AND l.borrower_id IS NOT NULL AND l.rule_pack IS NOT NULL
                  AND l.outcome IN (COUNTED)
                GROUP BY 1, 2, 3
                ON CONFLICT (borrower_id, pack, local_day) DO UPDATE
                SET sms = d.sms + EXCLUDED.sms, email = d.email + EXCLUDED.email, total = d.total + EXCLUDED.total,
                    rule_pack = least(d.rule_pack, EXCLUDED.rule_pack), last_at = greatest(d.last_at, EXCLUDED.last_at)"""
                .replace("SOURCE", source).replace("SIGN", Integer.toString(sign)).replace("COUNTED", counted()), params.toArray());
    }

    /** The outcomes that count against caps, as SQL literals (from the enum, never from a request). */
    static String counted() {
        StringJoiner counted = new StringJoiner(", ");
        AttemptStatus.counted().forEach(s -> counted.add("'" + s.name() + "'"));
        return counted.toString();
    }
}
