import io.tixing.contactlog.ContactLogFilter;
import io.tixing.db.Database;
import io.tixing.db.EmbeddedDatabase;
import io.tixing.policy.RulePacks;
import io.tixing.stats.ContactLogRollup;
import io.tixing.stats.ContactStats;
import io.tixing.stats.StatsConfig;
import io.tixing.stats.StatsPeriod;
import org.flywaydb.core.Flyway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Contact-log query benchmark: a fresh embedded PostgreSQL, the real Flyway migrations, N synthetic entries
 * loaded with generate_series AS THE OWNER ROLE (bypassing ContactLogWriter and the hash chain: this measures
 * queries, not appends), then the console's typical searches timed through the real ContactLogFilter SQL,
 * connected as the app role, then the compliance dashboard's aggregates through the real io.tixing.stats.ContactStats
 * (one day, 7 days and 31 days, the longest period the API accepts).
 * Usage: java -cp ... ContactLogBench.java <rows> <runs> [all|stats]
 */
public class ContactLogBench {

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args.length > 0 ? args[0] : "10000000");
        int runs = Integer.parseInt(args.length > 1 ? args[1] : "50");
        String which = args.length > 2 ? args[2] : "all";
        Path dir = Files.createTempDirectory("tixing-bench-pg");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("postgres"), 0)) {
            Flyway.configure().dataSource(db.jdbcUrl(), EmbeddedDatabase.OWNER, db.credentials().owner())
                    .placeholders(Map.of("app_role", EmbeddedDatabase.APP)).load().migrate();
            try (Connection owner = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.OWNER, db.credentials().owner())) {
                // contact_log is partitioned by month (V14): the months of the synthetic data, as the service would
                // have created them ahead (otherwise every row would land in the default partition).
                try (var s = owner.createStatement()) {
                    s.execute("SELECT contact_log_ensure_partitions('2025-01-01', " + (rows * 3 / (30L * 86400) + 2) + ")");
                }
                // The newest entries stay past the rollup's marks, as the ones appended since the last scheduled run do.
                long tail = Math.min(TAIL, rows / 10);
                load(owner, 1, rows - tail);
                setHeads(owner);
                try (Connection app = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.APP, db.credentials().app())) {
                    long t = System.nanoTime();
                    long rolled = new ContactLogRollup(new Database(pooled(app)), new StatsConfig() {
                        @Override public String rollupEvery() { return "off"; }
                        @Override public int rollupBatch() { return 200_000; }
                    }).rollUp();
                    System.out.printf("rollup of %,d entries: %.0f s%n", rolled, (System.nanoTime() - t) / 1e9);
                }
                load(owner, rows - tail + 1, rows);
                setHeads(owner);
                try (var s = owner.createStatement()) {
                    s.execute("VACUUM ANALYZE contact_log_rollup");
                    s.execute("VACUUM ANALYZE contact_log_rollup_day");
                    s.execute("ANALYZE contact_log");
                    try (var rs = s.executeQuery("SELECT (SELECT count(*) FROM contact_log_rollup), (SELECT count(*) FROM contact_log_rollup_day)")) {
                        rs.next();
                        System.out.printf("rollup rows: %,d quarter-hour buckets, %,d borrower-days; %,d entries past the marks%n", rs.getLong(1), rs.getLong(2), tail);
                    }
                }
            }
            try (Connection app = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.APP, db.credentials().app())) {
                if (!which.equals("stats")) measure(app, rows, runs);
            }
            try (Connection app = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.APP, db.credentials().app())) {
                System.out.printf("load average before the stats queries: %s", Files.readString(Path.of("/proc/loadavg")));
                measureStats(new ContactStats(new Database(pooled(app)), RulePacks.load(Map.of())), rows, runs);
            }
        } finally {
            // 10M rows with indexes take ~9 GB: never leave them behind in /tmp.
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Entries appended after the last rollup run, read live by every stats query. */
    static final long TAIL = 20_000;

    /** The chain heads the writer would have left (the rollup reads positions up to them). */
    static void setHeads(Connection c) throws Exception {
        try (var s = c.createStatement()) {
            s.execute("""
                INSERT INTO contact_log_chain (chain_id, length, last_hash)
                SELECT chain_id, max(chain_pos), '' FROM contact_log GROUP BY chain_id
                ON CONFLICT (chain_id) DO UPDATE SET length = EXCLUDED.length""");
        }
    }

    static void load(Connection c, long first, long rows) throws Exception {
        long started = System.nanoTime();
        long batch = 1_000_000;
        try (var s = c.createStatement()) {
            for (long from = first; from <= rows; from += batch) {
                long to = Math.min(rows, from + batch - 1);
                s.execute("""
                    INSERT INTO contact_log (chain_id, chain_pos, at, zone, local_time, kind, borrower_id, loan_id, reminder_id,
                      attempt_id, channel, destination_masked, template_key, template_version, decision, reasons, rule_pack,
                      provider_id, outcome, actor, detail, prev_hash, hash)
                    SELECT i % 16, i / 16 + 1, timestamptz '2025-01-01 00:00:00+00' + i * interval '3 seconds', 'Asia/Shanghai',
                      to_char((timestamp '2025-01-01 08:00:00' + i * interval '3 seconds'), 'YYYY-MM-DD"T"HH24:MI:SS') || '+08:00',
                      CASE WHEN i % 50 = 0 THEN 'STATUS' WHEN i % 997 = 0 THEN 'CONSENT' WHEN i % 3 = 0 THEN 'REQUEST'
                           WHEN i % 3 = 1 THEN 'DECISION' ELSE 'ATTEMPT' END,
                      'B-' || (hashint4(i::int / 10) & 1048575), 'L-' || (i / 7), md5((i / 3)::text)::uuid,
                      CASE WHEN i % 3 = 2 THEN md5(i::text)::uuid END,
                      CASE WHEN i % 10 < 7 THEN 'SMS' WHEN i % 10 < 9 THEN 'EMAIL' ELSE 'VOICE' END,
                      '+86138****' || lpad((i % 10000)::text, 4, '0'),
                      (ARRAY['overdue-reminder','pre-due-reminder','hardship-offer','d7-reminder','d15-handoff'])[1 + i % 5],
                      'v1',
                      CASE WHEN i % 3 = 1 THEN CASE WHEN i % 20 = 1 THEN 'DEFER' WHEN i % 97 = 1 THEN 'SUPPRESS' ELSE 'ALLOW' END END,
                      CASE WHEN i % 3 = 1 AND i % 20 = 1 THEN ARRAY['QUIET_HOURS'] WHEN i % 3 = 1 AND i % 97 = 1 THEN ARRAY['OPTED_OUT']
                           ELSE '{}'::text[] END,
                      'CN@2026.1', CASE WHEN i % 3 = 2 THEN 'SM' || md5(i::text) END,
                      CASE WHEN i % 3 = 2 THEN CASE WHEN i % 211 = 2 THEN 'FAILED' ELSE 'SENT' END WHEN i % 3 = 0 THEN 'QUEUED' END,
                      'dispatcher', CASE WHEN i % 3 = 0 THEN 'requestId=req-' || i || '; channels=SMS' END,
                      md5(i::text) || md5(i::text), md5((i + 1)::text) || md5((i + 1)::text)
                    FROM generate_series(FROM_ROW, TO_ROW) AS i""".replace("FROM_ROW", Long.toString(from)).replace("TO_ROW", Long.toString(to)));
                System.out.printf("loaded %,d rows (%.0f s)%n", to, (System.nanoTime() - started) / 1e9);
            }
            // The steady state of an insert-only table: autovacuum has set the visibility map (index-only scans).
            s.execute("VACUUM ANALYZE contact_log");
        }
        System.out.printf("load + index maintenance: %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    static void measure(Connection c, long rows, int runs) throws Exception {
        Random random = new Random(42);
        Map<String, Supplier<Map<String, String>>> queries = new LinkedHashMap<>();
        queries.put("borrowerId", () -> Map.of("borrowerId", "B-" + random.nextInt(1_048_576)));
        queries.put("borrowerId + kind=DECISION", () -> Map.of("borrowerId", "B-" + random.nextInt(1_048_576), "kind", "DECISION"));
        queries.put("loanId", () -> Map.of("loanId", "L-" + random.nextLong(rows / 7)));
        queries.put("reminderId", () -> Map.of("reminderId", uuid(random.nextLong(rows / 3))));
        queries.put("channel=VOICE (newest page)", () -> Map.of("channel", "VOICE"));
        queries.put("reason=OPTED_OUT", () -> Map.of("reason", "OPTED_OUT"));
        queries.put("outcome=FAILED", () -> Map.of("outcome", "FAILED"));
        queries.put("kind=CONSENT", () -> Map.of("kind", "CONSENT"));
        queries.put("one day (from/to, local + zone)", () -> day(random, rows));
        queries.put("template + one week", () -> week(random, rows));
        queries.put("q=masked phone + borrowerId", () -> Map.of("borrowerId", "B-" + random.nextInt(1_048_576),
                "q", "138****" + String.format("%04d", random.nextInt(10000))));
        queries.put("q=requestId + one day", () -> {
            var m = new java.util.HashMap<>(day(random, rows));
            m.put("q", "req-" + (3 * random.nextLong(rows / 3)));
            return m;
        });
        queries.put("q=masked phone + one day", () -> {
            var m = new java.util.HashMap<>(day(random, rows));
            m.put("q", "138****" + String.format("%04d", random.nextInt(10000)));
            return m;
        });
        System.out.printf("%n| query | p50 ms | p95 ms | max ms |%n|---|---|---|---|%n");
        for (var q : queries.entrySet()) {
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                var params = new LinkedHashMap<String, List<String>>();
                q.getValue().get().forEach((k, v) -> params.put(k, List.of(v)));
                ContactLogFilter filter = ContactLogFilter.parse(params, Set.of());
                long t = System.nanoTime();
                try (PreparedStatement ps = prepare(c, "SELECT * FROM contact_log WHERE " + filter.where() + filter.order(true) + " LIMIT 101", filter.params())) {
                    try (var rs = ps.executeQuery()) { while (rs.next()) { rs.getString("hash"); } }
                }
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf("| %s | %.1f | %.1f | %.1f |%n", q.getKey(), ms[runs / 2], ms[(int) Math.ceil(runs * 0.95) - 1], ms[runs - 1]);
        }
    }

    /** One open connection handed out again and again, as the service's pool does (no scram handshake per query). */
    static javax.sql.DataSource pooled(Connection c) {
        Connection kept = (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("close") ? null : method.invoke(c, args));
        return new org.postgresql.ds.PGSimpleDataSource() {
            @Override public Connection getConnection() { return kept; }
        };
    }

    /** The stats endpoints' SQL, each over a random period inside the loaded months (reviewer zone Asia/Shanghai). */
    static void measureStats(ContactStats stats, long rows, int runs) {
        Random random = new Random(7);
        long days = rows * 3 / 86400;
        // The reviewer's "today": the newest day of the synthetic log, which holds the entries past the rollup's marks.
        var newest = java.time.LocalDateTime.of(2025, 1, 1, 8, 0).plusSeconds(3 * rows).toLocalDate();
        RulePacks packs = RulePacks.load(Map.of());
        System.out.printf("%n| stats query | period | p50 ms | p95 ms | max ms | rows in period |%n|---|---|---|---|---|---|%n");
        for (int length : new int[] {0, 1, 7, StatsPeriod.MAX_DAYS}) {
            Map<String, java.util.function.Function<StatsPeriod, Object>> queries = new LinkedHashMap<>();
            queries.put("contacts", stats::contacts);
            queries.put("decisions", stats::decisions);
            queries.put("jurisdictions", stats::packs);
            queries.put("violations", stats::violations);
            queries.put("contacts, jurisdiction=CN", stats::contacts);
            queries.put("contacts, zone=Asia/Kolkata (+05:30)", stats::contacts);
            queries.put("violations, zone=Asia/Kolkata (+05:30)", stats::violations);
            for (var q : queries.entrySet()) {
                double[] ms = new double[runs];
                for (int i = 0; i < runs; i++) {
                    var from = length == 0 ? newest : java.time.LocalDate.of(2025, 1, 1).plusDays(random.nextLong(Math.max(1, days - length)));
                    var params = new LinkedHashMap<String, List<String>>();
                    params.put("from", List.of(from.toString()));
                    params.put("to", List.of(from.plusDays(Math.max(1, length) - 1).toString()));
                    params.put("zone", List.of(q.getKey().contains("Kolkata") ? "Asia/Kolkata" : "Asia/Shanghai"));
                    if (q.getKey().contains("jurisdiction")) params.put("jurisdiction", List.of("CN"));
                    var period = StatsPeriod.parse(params, packs, from);
                    long t = System.nanoTime();
                    q.getValue().apply(period);
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
                Arrays.sort(ms);
                System.out.printf("| %s | %s | %.1f | %.1f | %.1f | %,d |%n", q.getKey(), length == 0 ? "today" : length + " d", ms[runs / 2],
                        ms[(int) Math.ceil(runs * 0.95) - 1], ms[runs - 1], Math.max(1, length) * 86400L / 3);
            }
        }
        try {
            System.out.printf("load average after: %s", Files.readString(Path.of("/proc/loadavg")));
        } catch (java.io.IOException e) {
            System.out.println("load average after: unknown (" + e + ")");
        }
    }

    static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws Exception {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof java.time.Instant in) ps.setTimestamp(i + 1, java.sql.Timestamp.from(in));
            else ps.setObject(i + 1, p);
        }
        return ps;
    }

    /** The same UUID PostgreSQL's md5(n::text)::uuid gives. */
    static String uuid(long n) {
        String hex;
        try {
            hex = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(Long.toString(n).getBytes()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    static Map<String, String> day(Random random, long rows) {
        var start = java.time.LocalDateTime.of(2025, 1, 1, 0, 0).plusSeconds(3 * random.nextLong(rows)).toLocalDate();
        return Map.of("from", start.toString(), "to", start.plusDays(1).toString(), "zone", "Asia/Shanghai");
    }

    static Map<String, String> week(Random random, long rows) {
        var start = java.time.Instant.parse("2025-01-01T00:00:00Z").plusSeconds(3 * random.nextLong(rows));
        return Map.of("template", "hardship-offer", "from", start.toString(), "to", start.plusSeconds(7 * 86400).toString());
    }
}
