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
 *   load  <baseUrl> <apiKey> <runId> <n> [concurrency]   — submits n SMS reminders (unique borrowers, a zone where it is
 *                                                          daytime now, so nothing is deferred by quiet hours)
 *   watch <jdbcUrl> <user> <password> <runId> <n>        — waits until all n are SENT, then prints messages/s from the
 *                                                          database's own timestamps (first attempt → last reminder SENT)
 */
public class DispatchLoad {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "load" -> load(args[1], args[2], args[3], Integer.parseInt(args[4]), args.length > 5 ? Integer.parseInt(args[5]) : 16);
            case "watch" -> watch(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void load(String base, String key, String run, int n, int concurrency) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ZoneId zone = daytimeZone();
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String body = """
                    {"requestId":"%1$s-%2$d","borrower":{"id":"%1$s-%2$d","name":"王小明","locale":"zh-CN","timezone":"%3$s",
                     "jurisdiction":"CN","phone":"+8613800138000"},"loan":{"id":"L-%2$d","creditor":"示例银行","product":"个人消费贷",
                     "amountDue":"1234.50","currency":"CNY","dueDate":"2026-11-20","hotline":"95555"},
                     "template":"overdue-reminder","channels":["SMS"]}""".formatted(run, i, zone.getId());
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
            while (System.nanoTime() < deadline && (sent = count(c, "SELECT count(*) FROM reminder WHERE status = 'SENT' AND request_id LIKE ?", run)) < n) {
                Thread.sleep(200);
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

    static long count(Connection c, String sql, String run) throws Exception {
        try (var ps = c.prepareStatement(sql)) {
            ps.setString(1, run + "-%");
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A zone where it is between 10:00 and 18:00 now: every rule pack allows contact then. */
    static ZoneId daytimeZone() {
        return ZoneId.getAvailableZoneIds().stream().sorted().map(ZoneId::of)
                .filter(z -> z.getId().contains("/") && !z.getId().startsWith("Etc/"))
                .filter(z -> {
                    LocalTime t = ZonedDateTime.now(z).toLocalTime();
                    return t.isAfter(LocalTime.of(10, 0)) && t.isBefore(LocalTime.of(18, 0));
                })
                .findFirst().orElseThrow();
    }
}
