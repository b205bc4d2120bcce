package io.tixing.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL of the embedded PostgreSQL, three times, while several clients keep submitting reminders to the packaged
 * service on its default database. The service starts PostgreSQL again by itself each time (readiness DOWN
 * meanwhile, liveness UP); clients retry whatever was not answered 2xx, with the same requestId. Afterwards every
 * reminder that was answered 202 is there (none lost: a 202 is given only after a durable commit), SENT, and sent
 * exactly once.
 */
class PostgresKillIT {

    static final int KILLS = 3;
    static final int CLIENTS = Integer.getInteger("tixing.pgkill.clients", 4);
    /** Pause between a client's requests: keeps the run (and the dispatch after it) well under two minutes. */
    static final long PAUSE_MS = Long.getLong("tixing.pgkill.pause-ms", 15);

    record Kill(int n, long pid, int acceptedBefore, long outageMs, int failedDuring, boolean sawNotReady, boolean liveThroughout) {}

    @Test
    void three_sigkills_of_postgresql_under_concurrent_intake_lose_no_acknowledged_reminder_and_send_each_once() throws Exception {
        Path data = GatewayProcess.tempDir("tixing-pgkill");
        EmbeddedFolder folder = new EmbeddedFolder(data);
        String run = "pgkill-" + System.nanoTime();
        ZoneId zone = TwoInstancesIT.middayZone();

        ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();     // answered 202
        ConcurrentLinkedQueue<String> repeated = new ConcurrentLinkedQueue<>();     // answered 200 on a retry: stored by an earlier try
        Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();           // answers that were not 2xx, by status
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        List<Kill> kills = new ArrayList<>();

        try (GatewayProcess gateway = GatewayProcess.startEmbedded(data, GatewayProcess.freeHttpPort(), "pg-kill", Duration.ofSeconds(120),
                "-Dtixing.dispatch.lease=5s", "-Dtixing.dispatch.poll-interval=1s", "-Dtixing.embedded-db.check-interval=1s")) {
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        int i = next.getAndIncrement();
                        String requestId = run + "-" + i;
                        String body = body(run, i, zone);
                        while (true) { // until answered 2xx: a request is never given up on
                            String outcome;
                            try {
                                int status = gateway.post("/api/v1/reminders", body).statusCode();
                                if (status == 202) { accepted.add(requestId); break; }
                                if (status == 200) { repeated.add(requestId); break; }
                                outcome = Integer.toString(status);
                            } catch (IOException e) {
                                outcome = e.getClass().getSimpleName();
                            } catch (InterruptedException e) {
                                return;
                            }
                            failed.incrementAndGet();
                            failures.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                            GatewayProcess.sleep(100);
                        }
                        GatewayProcess.sleep(PAUSE_MS);
                    }
                }, "client-" + c);
                t.start();
                clients.add(t);
            }

            GatewayProcess.sleep(3000);
            for (int k = 1; k <= KILLS; k++) {
                int acceptedBefore = accepted.size();
                int failedBefore = failed.get();
                long pid = folder.postmasterPid();
                assertThat(EmbeddedFolder.alive(pid)).as("PostgreSQL runs before kill " + k).isTrue();
                EmbeddedFolder.kill9(pid);
                long t0 = System.nanoTime();
                boolean sawNotReady = false;
                boolean liveThroughout = true;
                while (System.nanoTime() - t0 < Duration.ofSeconds(60).toNanos()) {
                    int ready = gateway.get("/q/health/ready").statusCode();
                    if (ready != 200) sawNotReady = true;
                    if (gateway.get("/q/health/live").statusCode() != 200) liveThroughout = false;
                    if (sawNotReady && ready == 200) break;
                    GatewayProcess.sleep(100);
                }
                long outageMs = Duration.ofNanos(System.nanoTime() - t0).toMillis();
                assertThat(gateway.get("/q/health/ready").statusCode()).as("ready again after kill " + k + "\n" + gateway.tail()).isEqualTo(200);
                assertThat(folder.postmasterPid()).as("a new postmaster after kill " + k).isNotEqualTo(pid);
                kills.add(new Kill(k, pid, acceptedBefore, outageMs, failed.get() - failedBefore, sawNotReady, liveThroughout));
                GatewayProcess.sleep(3000);
            }
            assertThat(folder.durability().values()).as("SHOW after the last restart").containsOnly("on");
            stop.set(true);
            for (Thread t : clients) t.join(Duration.ofSeconds(60));
            assertThat(clients).noneMatch(Thread::isAlive);

            String sent = "SELECT count(*) FROM reminder WHERE status = 'SENT' AND request_id LIKE ?";
            long total = accepted.size() + repeated.size();
            for (int i = 0; i < 180 && folder.count(sent, run + "-%") < total; i++) GatewayProcess.sleep(500);

            Set<String> present = new HashSet<>();
            try (var c = folder.app(); var ps = c.prepareStatement("SELECT request_id FROM reminder WHERE request_id LIKE ?")) {
                ps.setString(1, run + "-%");
                var rs = ps.executeQuery();
                while (rs.next()) present.add(rs.getString(1));
            }
            List<String> lost = accepted.stream().filter(id -> !present.contains(id)).toList();
            long sentOnce = folder.count("""
                    SELECT count(*) FROM (SELECT r.id FROM reminder r JOIN attempt a ON a.reminder_id = r.id
                      JOIN sandbox_message s ON s.attempt_id = a.id WHERE r.request_id LIKE ? GROUP BY r.id HAVING count(*) = 1) one""", run + "-%");
            long duplicates = folder.count("""
                    SELECT count(*) FROM (SELECT r.id FROM reminder r JOIN attempt a ON a.reminder_id = r.id
                      JOIN sandbox_message s ON s.attempt_id = a.id WHERE r.request_id LIKE ? GROUP BY r.id HAVING count(*) > 1) more""", run + "-%");
            long messages = folder.count("""
                    SELECT count(*) FROM sandbox_message s JOIN attempt a ON a.id = s.attempt_id JOIN reminder r ON r.id = a.reminder_id
                    WHERE r.request_id LIKE ?""", run + "-%");
            var health = java.util.regex.Pattern.compile("\"restarts\"\\s*:\\s*(\\d+)").matcher(gateway.get("/q/health/ready").body());
            long restarts = health.find() ? Long.parseLong(health.group(1)) : -1;

            System.out.printf("PostgresKillIT: accepted (202) %d, stored on an earlier try (200 on retry) %d, lost %d, present %d, "
                            + "SENT once %d, sent more than once %d, messages %d, failed answers %d %s%n",
                    accepted.size(), repeated.size(), lost.size(), present.size(), sentOnce, duplicates, messages, failed.get(), failures);
            for (Kill k : kills) System.out.println("PostgresKillIT: " + k);

            assertThat(lost).as("answered 202 but not stored").isEmpty();
            assertThat(present).as("nothing stored that was not answered 2xx").hasSize((int) total);
            assertThat(folder.count(sent, run + "-%")).as("SENT").isEqualTo(total);
            assertThat(sentOnce).as("reminders with exactly one message").isEqualTo(total);
            assertThat(duplicates).isZero();
            assertThat(messages).as("messages at the provider").isEqualTo(total);
            assertThat(kills).hasSize(KILLS).allMatch(Kill::sawNotReady).allMatch(Kill::liveThroughout);
            assertThat(accepted.size()).as("intake went on between the kills").isGreaterThan(kills.getLast().acceptedBefore());
            assertThat(restarts).as("restarts the service reports").isEqualTo(KILLS);
        }
        folder.deleteAll();
    }

    static String body(String run, int i, ZoneId zone) {
        return """
                {"requestId":"%s-%d","borrower":{"id":"%s-%d","name":"王小明","locale":"zh-CN","timezone":"%s","jurisdiction":"CN",
                 "phone":"%s"},"loan":{"id":"L-%d","creditor":"示例银行","amountDue":"1234.50","currency":"CNY",
                 "dueDate":"2026-11-20","hotline":"95555"},"template":"overdue-reminder","channels":["SMS"]}"""
                .formatted(run, i, run, i, zone.getId(), TwoInstancesIT.phoneIn(zone, i), i);
    }
}
