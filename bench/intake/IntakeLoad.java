import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load at a fixed concurrency against three targets, one after the other, in one run:
 *   intake — POST /api/v1/reminders (unique requestId and borrower per request)
 *   noop   — POST /api/v1/noop, the same body, auth and JSON binding, no database (framework ceiling)
 *   jdbc   — the inserts one intake transaction makes, straight over JDBC (database ceiling)
 * Each target: warm-up, then a measured window; prints requests/s, p50/p99/max latency, errors.
 *
 * Usage: java -cp <postgresql driver> IntakeLoad.java <baseUrl> <apiKey> <jdbcUrl> <user> <password> [concurrency] [warmupS] [measureS]
 */
public class IntakeLoad {

    record Result(String name, long ok, long errors, double seconds, long[] latenciesNanos) {
        double rate() { return ok / seconds; }
        double pct(double p) {
            if (latenciesNanos.length == 0) return Double.NaN;
            return latenciesNanos[Math.min(latenciesNanos.length - 1, (int) Math.ceil(p * latenciesNanos.length) - 1)] / 1e6;
        }
    }

    interface Op { boolean run(int thread, long n) throws Exception; }

    static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    public static void main(String[] args) throws Exception {
        String base = args[0], key = args[1], jdbcUrl = args[2], user = args[3], password = args[4];
        int concurrency = args.length > 5 ? Integer.parseInt(args[5]) : 32;
        int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 10;
        int measure = args.length > 7 ? Integer.parseInt(args[7]) : 30;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        Op intake = (t, n) -> post(http, base + "/api/v1/reminders", key, body("intake", t, n)) == 202;
        Op noop = (t, n) -> post(http, base + "/api/v1/noop", key, body("noop", t, n)) == 202;
        Connection[] connections = new Connection[concurrency];
        for (int i = 0; i < concurrency; i++) {
            connections[i] = DriverManager.getConnection(jdbcUrl, user, password);
            connections[i].setAutoCommit(false);
        }
        Op jdbc = (t, n) -> insertLikeIntake(connections[t], "jdbc", t, n);
        String superPassword = System.getProperty("bench.superuser-password", "");
        stats = superPassword.isEmpty() ? null : DriverManager.getConnection(jdbcUrl, "postgres", superPassword);

        System.out.printf("concurrency %d, warm-up %d s, measured %d s per target%n", concurrency, warmup, measure);
        List<Result> results = new ArrayList<>();
        results.add(run("noop", noop, concurrency, warmup, measure));
        results.add(run("intake", intake, concurrency, warmup, measure));
        results.add(run("jdbc", jdbc, concurrency, warmup, measure));

        System.out.println();
        System.out.println("| target | requests/s | p50 ms | p99 ms | max ms | errors |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            System.out.printf("| %s | %.0f | %.1f | %.1f | %.1f | %d |%n", r.name(), r.rate(), r.pct(0.50), r.pct(0.99), r.pct(1.0), r.errors());
        }
        Result in = results.get(1), no = results.get(0), db = results.get(2);
        System.out.printf("%nintake / noop (framework ceiling) = %.0f %%%nintake / jdbc (database ceiling) = %.0f %%%n",
                100 * in.rate() / no.rate(), 100 * in.rate() / db.rate());
        if (CPU_US.containsKey("noop") && CPU_US.containsKey("intake")) {
            // What the same ratio would be with the machine to itself: requests per CPU-second, intake against noop.
            System.out.printf("cpu per request noop / intake (service + postgres) = %.0f %%%n", 100 * CPU_US.get("noop") / CPU_US.get("intake"));
        }
        for (Connection c : connections) c.close();
        if (stats != null) stats.close();
    }

    /** A superuser connection for pg_stat_statements and pg_stat_wal (null: not measured). */
    static Connection stats;

    /** {WAL records, full-page images, WAL bytes, checkpoints} so far */
    static long[] wal() throws Exception {
        try (var st = stats.createStatement(); var rs = st.executeQuery("""
                SELECT wal_records, wal_fpi, wal_bytes::bigint,
                       (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter) FROM pg_stat_wal""")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
        }
    }

    /**
     * The app role's statements that cost most over a measured window, in µs of execution per request answered in it
     * (as bench/dispatch prints per message): a statement whose cost grows with the tables, or whose plan is wrong,
     * stands out here before it shows in the rates.
     */
    static void statementsPerRequest(String name, long requests, long[] walBefore) throws Exception {
        Thread.sleep(600); // backends report WAL counts to the statistics system within 500 ms or so
        long[] w = wal();
        System.out.printf("%-6s WAL per request: %.1f records, %.2f full-page images, %.0f bytes; checkpoints in the window: %d%n", name,
                (w[0] - walBefore[0]) / (double) requests, (w[1] - walBefore[1]) / (double) requests,
                (w[2] - walBefore[2]) / (double) requests, w[3] - walBefore[3]);
        try (var st = stats.createStatement(); var rs = st.executeQuery("""
                SELECT total_exec_time, calls, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 110)
                FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = 'tixing_app'
                ORDER BY total_exec_time DESC LIMIT 12""")) {
            System.out.printf("%-6s statements by execution time (µs per request, calls, rows):%n", name);
            double sum = 0;
            while (rs.next()) {
                sum += rs.getDouble(1);
                System.out.printf("  %6.1f µs %7d %8d  %s%n", rs.getDouble(1) * 1000 / requests, rs.getLong(2), rs.getLong(3), rs.getString(4));
            }
            System.out.printf("  %6.1f µs in these statements per request%n", sum * 1000 / requests);
        }
    }

    static Result run(String name, Op op, int concurrency, int warmupS, int measureS) throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + Duration.ofSeconds(warmupS).toNanos();
        long end = measureFrom + Duration.ofSeconds(measureS).toNanos();
        AtomicLong ok = new AtomicLong(), errors = new AtomicLong();
        long[][] lat = new long[concurrency][];
        int[] counts = new int[concurrency];
        CountDownLatch done = new CountDownLatch(concurrency);
        String[] firstError = new String[1];
        for (int t = 0; t < concurrency; t++) {
            int thread = t;
            lat[t] = new long[1 << 16];
            Thread.ofPlatform().name("load-" + t).start(() -> {
                long n = 0;
                try {
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                        boolean success;
                        try {
                            success = op.run(thread, n++);
                        } catch (Exception e) {
                            success = false;
                            synchronized (firstError) { if (firstError[0] == null) firstError[0] = e.toString(); }
                        }
                        long after = System.nanoTime();
                        if (now < measureFrom) continue;
                        if (!success) { errors.incrementAndGet(); continue; }
                        ok.incrementAndGet();
                        if (counts[thread] == lat[thread].length) lat[thread] = Arrays.copyOf(lat[thread], counts[thread] * 2);
                        lat[thread][counts[thread]++] = after - now;
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        long[] cpu = new long[4];
        long[][] walBefore = new long[1][];
        boolean database = stats != null && !name.equals("noop");
        Thread sampler = Thread.ofPlatform().name("cpu-sampler").start(() -> {
            try {
                Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
                if (database) {
                    try (var st = stats.createStatement()) { st.execute("SELECT pg_stat_statements_reset()"); }
                    walBefore[0] = wal();
                }
                cpu[0] = serviceTicks();
                cpu[1] = postgresTicks();
                Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
                cpu[2] = serviceTicks();
                cpu[3] = postgresTicks();
            } catch (Exception e) {
                java.util.Arrays.fill(cpu, 0);
            }
        });
        done.await();
        sampler.join();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < concurrency; t++) {
            System.arraycopy(lat[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        Result r = new Result(name, ok.get(), errors.get(), measureS, all);
        System.out.printf("%-6s %8.0f /s  p50 %6.1f ms  p99 %6.1f ms  max %7.1f ms  errors %d%s%n", name, r.rate(), r.pct(0.5), r.pct(0.99),
                r.pct(1.0), r.errors(), firstError[0] == null ? "" : "  (first: " + firstError[0] + ")");
        if (cpu[2] > 0 && r.ok() > 0) {
            double perTick = 1e6 / TICKS_PER_SECOND / r.ok();
            CPU_US.put(name, (cpu[2] - cpu[0] + cpu[3] - cpu[1]) * perTick);
            System.out.printf("%-6s cpu per request: service %.0f us + postgres %.0f us = %.0f us%n", name,
                    (cpu[2] - cpu[0]) * perTick, (cpu[3] - cpu[1]) * perTick, (cpu[2] - cpu[0] + cpu[3] - cpu[1]) * perTick);
        }
        if (database && walBefore[0] != null && r.ok() > 0) statementsPerRequest(name, r.ok(), walBefore[0]);
        return r;
    }

    /**
     * CPU of the service and of PostgreSQL during a measured window (clock ticks from /proc; pids from the run script),
     * so that on a machine shared with other work the cost of a request can be told apart from what the others take.
     */
    static final long SERVICE_PID = Long.getLong("bench.service-pid", 0), POSTGRES_PID = Long.getLong("bench.postgres-pid", 0);
    static final long TICKS_PER_SECOND = Long.getLong("bench.clk-tck", 100);
    static final java.util.Map<String, Double> CPU_US = new java.util.concurrent.ConcurrentHashMap<>();

    static long serviceTicks() { return SERVICE_PID == 0 ? 0 : ticks(SERVICE_PID, false); }

    /** The postmaster with its reaped children, plus its live backends. */
    static long postgresTicks() {
        if (POSTGRES_PID == 0) return 0;
        long t = ticks(POSTGRES_PID, true);
        for (var child : ProcessHandle.of(POSTGRES_PID).map(h -> h.children().toList()).orElse(List.of())) t += ticks(child.pid(), false);
        return t;
    }

    static long ticks(long pid, boolean withReapedChildren) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withReapedChildren) t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return t;
        } catch (Exception gone) {
            return 0; // a backend that ended meanwhile: its time is in the postmaster's reaped children
        }
    }

    static int post(HttpClient http, String url, String key, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static String body(String target, int thread, long n) {
        String id = RUN + "-" + target + "-" + thread + "-" + n;
        return """
                {"requestId":"req-%1$s","borrower":{"id":"B-%1$s","name":"王小明","locale":"zh-CN","timezone":"Asia/Shanghai",
                 "jurisdiction":"CN","phone":"+86138%2$08d","email":"wang@example.com","flags":[]},
                 "loan":{"id":"L-%1$s","creditor":"示例银行","product":"个人消费贷","amountDue":"1234.50","currency":"CNY",
                 "dueDate":"2026-11-20","riskTier":"LOW","hotline":"95555"},
                 "template":"overdue-reminder","channels":["SMS"],"channelStrategy":"FIRST_ALLOWED"}""".formatted(id,
                (thread * 10_000_000L + n) % 100_000_000L); // each request its own phone number, as in a real extract
    }

    /** The statements of one intake transaction (ReminderIntake.create + ContactLogWriter.append, one transaction per request), nothing else. */
    static boolean insertLikeIntake(Connection c, String target, int thread, long n) throws Exception {
        String id = RUN + "-" + target + "-" + thread + "-" + n;
        String borrower = "B-" + id;
        UUID reminder = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        String json = body(target, thread, n);
        String requestHash = sha256("", json);
        try {
            Array flags = c.createArrayOf("text", new String[0]);
            Array channels = c.createArrayOf("text", new String[]{"SMS"});
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO borrower (id, name, locale, timezone, jurisdiction, phone, email, flags, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, locale = EXCLUDED.locale, timezone = EXCLUDED.timezone,
                      jurisdiction = EXCLUDED.jurisdiction, phone = EXCLUDED.phone, email = EXCLUDED.email, flags = EXCLUDED.flags,
                      updated_at = EXCLUDED.updated_at""")) {
                set(ps, borrower, "王小明", "zh-CN", "Asia/Shanghai", "CN", "+8613800138000", "wang@example.com", flags, now);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO reminder (id, client, request_id, request_hash, borrower_id, loan_id, request, template_key, channels,
                      channel_strategy, not_after, status, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, 'QUEUED', ?, ?)
                    ON CONFLICT (client, request_id) DO NOTHING""")) {
                set(ps, reminder, "bench-jdbc", "req-" + id, requestHash, borrower, "L-" + id, json, "overdue-reminder", channels,
                        "FIRST_ALLOWED", null, now, now);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO dispatch_task (reminder_id, borrower_id, channels, state, due_at, updated_at)
                    VALUES (?, ?, ?, 'PENDING', ?, ?)""")) {
                set(ps, reminder, borrower, channels, now, now);
                ps.executeUpdate();
            }
            // As ContactLogWriter appends: the first chain head from the borrower's on that no other transaction holds
            // (FOR UPDATE SKIP LOCKED; all busy: wait for the borrower's), the entry, the head's new length and hash.
            int preferred = Math.floorMod(borrower.hashCode(), 16);
            int chain;
            long position;
            String prev;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT chain_id, length, last_hash FROM contact_log_chain
                    ORDER BY (chain_id - ? + 16) % 16 LIMIT 1 FOR UPDATE SKIP LOCKED""")) {
                set(ps, preferred);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        chain = rs.getInt(1);
                        position = rs.getLong(2) + 1;
                        prev = rs.getString(3);
                    } else {
                        chain = -1;
                        position = 0;
                        prev = null;
                    }
                }
            }
            if (chain < 0) {
                try (PreparedStatement ps = c.prepareStatement("SELECT chain_id, length, last_hash FROM contact_log_chain WHERE chain_id = ? FOR UPDATE")) {
                    set(ps, preferred);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        chain = rs.getInt(1);
                        position = rs.getLong(2) + 1;
                        prev = rs.getString(3);
                    }
                }
            }
            String hash = sha256(prev, chain + "|" + position + "|" + json);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO contact_log (chain_id, chain_pos, at, zone, local_time, kind, borrower_id, loan_id, reminder_id,
                      attempt_id, channel, destination_masked, template_key, template_version, content_hash, decision, reasons,
                      rule_pack, provider_id, outcome, actor, detail, until, prev_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                set(ps, chain, position, now, "Asia/Shanghai", "2026-11-23T10:00", "REQUEST", borrower, "L-" + id, reminder, null, null,
                        null, "overdue-reminder", null, null, null, flags, "CN", null, "QUEUED", "client:bench-jdbc",
                        "requestId=req-" + id + "; channels=SMS; strategy=FIRST_ALLOWED", null, prev, hash);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE contact_log_chain SET length = ?, last_hash = ? WHERE chain_id = ?")) {
                set(ps, position, hash, chain);
                ps.executeUpdate();
            }
            c.commit();
            return true;
        } catch (Exception e) {
            c.rollback();
            throw e;
        }
    }

    static void set(PreparedStatement ps, Object... values) throws Exception {
        for (int i = 0; i < values.length; i++) ps.setObject(i + 1, values[i]);
    }

    static String sha256(String prev, String text) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(prev.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
        return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
