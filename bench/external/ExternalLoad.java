import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * load <baseUrl> <apiKey> <runId> <n> <firstHandset> — n SMS reminders, each its own borrower and its own handset (caps
 * count per contact point) in a zone where it is between 10:00 and 18:00 now and whose numbers belong to that zone
 * (the phone's zone binds as much as the stated one), so nothing is deferred: every reminder is one send.
 */
public class ExternalLoad {

    static final Map<String, String> PHONE_IN = new LinkedHashMap<>(Map.of(
            "Asia/Shanghai", "+8613800138000", "Asia/Kolkata", "+919876543210", "Europe/London", "+447400123456",
            "America/New_York", "+12125551234", "America/Los_Angeles", "+13102221234", "Pacific/Honolulu", "+18082221234"));

    public static void main(String[] args) throws Exception {
        String base = args[1], key = args[2], run = args[3];
        int n = Integer.parseInt(args[4]), first = Integer.parseInt(args[5]);
        ZoneId zone = PHONE_IN.keySet().stream().sorted().map(ZoneId::of).filter(z -> {
            LocalTime t = ZonedDateTime.now(z).toLocalTime();
            return t.isAfter(LocalTime.of(10, 0)) && t.isBefore(LocalTime.of(18, 0));
        }).findFirst().orElseThrow();
        String phoneBase = PHONE_IN.get(zone.getId());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String phone = phoneBase.substring(0, phoneBase.length() - 4) + String.format("%04d", (first + i) % 10_000);
            String body = """
                    {"requestId":"%1$s-%2$d","borrower":{"id":"%1$s-%2$d","name":"王小明","locale":"zh-CN","timezone":"%3$s",
                     "jurisdiction":"CN","phone":"%4$s"},"loan":{"id":"L-%1$s-%2$d","creditor":"示例银行","amountDue":"1234.50",
                     "currency":"CNY","dueDate":"2026-11-20","hotline":"95555"},"template":"overdue-reminder","channels":["SMS"]}"""
                    .formatted(run, i, zone.getId(), phone);
            posts.add(() -> http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/reminders")).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        var pool = Executors.newFixedThreadPool(16);
        long started = System.nanoTime();
        int accepted = 0;
        for (Future<Integer> f : pool.invokeAll(posts)) if (f.get() == 202) accepted++;
        pool.shutdown();
        System.out.printf("loaded %d/%d reminders (zone %s) in %.1f s%n", accepted, n, zone, (System.nanoTime() - started) / 1e9);
        if (accepted != n) System.exit(1);
    }
}
