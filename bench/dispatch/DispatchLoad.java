import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Dispatch benchmark helper.
 *   load  <baseUrl> <apiKey> <runId> <n> [concurrency]   — submits n SMS reminders (unique borrowers and handsets, Shanghai:
 *                                                          run it in Shanghai daytime, 08:30-20:00)
 *   extension <jdbcUrl> <superuser> <password>           — creates pg_stat_statements (loaded at the next start), analyzes
 *   watch <jdbcUrl> <superuser> <password> <runId> <n>   — waits until all n are SENT, then prints messages/s from the
 *                                                          database's own timestamps (first attempt → last reminder SENT),
 *                                                          and statements and commits per message over the watch window
 */
public class DispatchLoad {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "load" -> load(args[1], args[2], args[3], Integer.parseInt(args[4]), args.length > 5 ? Integer.parseInt(args[5]) : 16);
            case "extension" -> {
                try (Connection c = DriverManager.getConnection(args[1], args[2], args[3]); var st = c.createStatement()) {
                    st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                    // Planner statistics of the loaded tables, as autovacuum has them on a database that has run a minute or
                    // more: its first look at freshly filled tables can come a minute late, and a run shorter than that would
                    // measure plans chosen for empty tables (sequential scans of tens of thousands of rows per batch).
                    st.execute("ANALYZE");
                }
            }
            case "watch" -> watch(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void load(String base, String key, String run, int n, int concurrency) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // The phone number's zone is a known location too (KnownLocations): a +86 number means Shanghai time, whatever
        // zone is stated. So the run must happen in Shanghai's daytime for nothing to be deferred by quiet hours.
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        LocalTime local = ZonedDateTime.now(zone).toLocalTime();
        if (local.isBefore(LocalTime.of(8, 30)) || local.isAfter(LocalTime.of(20, 0))) {
            // Deferred reminders are never SENT within the run, and the watcher would wait for them until killed.
            System.err.println("it is " + local + " in Shanghai: CN quiet hours would defer these reminders; run between 08:30 and"
                    + " 20:00 Shanghai time (00:30-12:00 UTC)");
            System.exit(3);
        }
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String body = """
                    {"requestId":"%1$s-%2$d","borrower":{"id":"%1$s-%2$d","name":"王小明","locale":"zh-CN","timezone":"%3$s",
                     "jurisdiction":"CN","phone":"+86138%4$08d"},"loan":{"id":"L-%2$d","creditor":"示例银行","product":"个人消费贷",
                     "amountDue":"1234.50","currency":"CNY","dueDate":"2026-11-20","hotline":"95555"},
                     "template":"overdue-reminder","channels":["SMS"]}""".formatted(run, i, zone.getId(), i); // a handset each: caps per contact point would otherwise defer all but 3
            posts.add(() -> http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/reminders")).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        var pool = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        int accepted = 0;
        for (Future<Integer> f : pool.invokeAll(posts)) if (f.get() == 202) accepted++;
        pool.shutdown();
        System.out.printf("loaded %d/%d reminders (zone %s) in %.1f s%n", accepted, n, zone, (System.nanoTime() - started) / 1e9);
        if (accepted != n) System.exit(1);
    }

    static void watch(String url, String user, String password, String run, int n) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
            long sent = 0;
            long[] before = counters(c);
            long[] walBefore = wal(c);
            try (var st = c.createStatement()) { st.execute("SELECT pg_stat_statements_reset()"); }
            before[0] = 0; // after the reset, statement counts start again from 0
            long sentBefore = count(c, "SELECT count(*) FROM reminder WHERE status = 'SENT' AND request_id LIKE ?", run);
            long polls = 0;
            while (System.nanoTime() < deadline && (sent = count(c, "SELECT count(*) FROM reminder WHERE status = 'SENT' AND request_id LIKE ?", run)) < n) {
                polls++;
                Thread.sleep(1000); // the poll is a scan of reminder: often enough to notice the end, rarely enough not to slow the run
            }
            Thread.sleep(1000); // backends report their counts to the statistics collector within 500 ms
            long[] after = counters(c);
            long window = sent - sentBefore;
            // every query of this watcher is its own autocommit transaction: 2 for the counters, 1 per poll, 1 for sentBefore
            long commits = after[1] - before[1] - (polls + 3);
            System.out.printf("in the watch window: %d messages SENT, %d app statements (%.2f per message), %d commits (%.3f per message)%n",
                    window, after[0] - before[0], window == 0 ? 0.0 : (after[0] - before[0]) / (double) window, commits,
                    window == 0 ? 0.0 : commits / (double) window);
            long[] walAfter = wal(c);
            if (window > 0) {
                System.out.printf("WAL per message: %.1f records, %.2f full-page images, %.0f bytes; checkpoints in the window: %d%n",
                        (walAfter[0] - walBefore[0]) / (double) window, (walAfter[1] - walBefore[1]) / (double) window,
                        (walAfter[2] - walBefore[2]) / (double) window, walAfter[3] - walBefore[3]);
                System.out.printf("shared buffers per message: %.1f hits, %.2f reads (from the OS cache or disk)%n",
                        (walAfter[5] - walBefore[5]) / (double) window, (walAfter[4] - walBefore[4]) / (double) window);
                statementsPerMessage(c, window);
            }
            long other = count(c, "SELECT count(*) FROM reminder WHERE status <> 'SENT' AND request_id LIKE ?", run);
            long messages = count(c, """
                    SELECT count(*) FROM sandbox_message s JOIN attempt a ON a.id = s.attempt_id JOIN reminder r ON r.id = a.reminder_id
                    WHERE r.request_id LIKE ?""", run);
            try (var ps = c.prepareStatement("""
                    SELECT min(a.created_at), max(r.updated_at) FROM reminder r JOIN attempt a ON a.reminder_id = r.id
                    WHERE r.request_id LIKE ? AND r.status = 'SENT'""")) {
                ps.setString(1, run + "-%");
                ResultSet rs = ps.executeQuery();
                rs.next();
                Timestamp first = rs.getTimestamp(1), last = rs.getTimestamp(2);
                double seconds = (last.getTime() - first.getTime()) / 1000.0;
                System.out.printf("SENT %d of %d (not SENT: %d), sandbox messages %d; first attempt %s, last SENT %s: %.2f s → %.0f messages/s%n",
                        sent, n, other, messages, first.toInstant(), last.toInstant(), seconds, sent / seconds);
            }
        }
    }

    /** {WAL records, full-page images, WAL bytes, checkpoints, blocks read, blocks hit} so far */
    static long[] wal(Connection c) throws Exception {
        try (var st = c.createStatement(); var rs = st.executeQuery("""
                SELECT wal_records, wal_fpi, wal_bytes::bigint,
                       (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter),
                       (SELECT blks_read FROM pg_stat_database WHERE datname = current_database()),
                       (SELECT blks_hit FROM pg_stat_database WHERE datname = current_database()) FROM pg_stat_wal""")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)};
        }
    }

    /** The app role's statements that cost most, in µs of execution per message sent in the window. */
    static void statementsPerMessage(Connection c, long window) throws Exception {
        try (var st = c.createStatement(); var rs = st.executeQuery("""
                SELECT total_exec_time, calls, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 110)
                FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname = 'tixing_app'
                ORDER BY total_exec_time DESC LIMIT 14""")) {
            System.out.println("statements by execution time (µs per message sent, calls, rows):");
            while (rs.next()) {
                System.out.printf("  %6.0f µs %7d %8d  %s%n", rs.getDouble(1) * 1000 / window, rs.getLong(2), rs.getLong(3), rs.getString(4));
            }
        }
    }

    /** {sum of pg_stat_statements calls by the app role, xact_commit of this database} */
    static long[] counters(Connection c) throws Exception {
        try (var st = c.createStatement(); var rs = st.executeQuery("""
                SELECT (SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
                        WHERE r.rolname = 'tixing_app'),
                       (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database())""")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    static long count(Connection c, String sql, String run) throws Exception {
        try (var ps = c.prepareStatement(sql)) {
            ps.setString(1, run + "-%");
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }
}
