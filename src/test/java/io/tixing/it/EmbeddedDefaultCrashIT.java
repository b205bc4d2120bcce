package io.tixing.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's case: the service on its default embedded PostgreSQL (no datasource URL) is killed with
 * {@code kill -9} mid-dispatch. Its postmaster outlives it; the very same command started again must stop that
 * server, start its own on the same data and port, be ready within 30 s, and finish: every accepted reminder
 * present, SENT, with exactly one message each.
 */
class EmbeddedDefaultCrashIT {

    static final int REMINDERS = Integer.getInteger("tixing.embedded-crash.reminders", 1000);

    @Test
    void the_same_command_after_kill_9_is_ready_within_30_s_and_every_accepted_reminder_is_sent_once() throws Exception {
        Path data = GatewayProcess.tempDir("tixing-embedded-crash");
        EmbeddedFolder folder = new EmbeddedFolder(data);
        int httpPort = GatewayProcess.freeHttpPort();
        String[] sameSettings = {"-Dtixing.dispatch.lease=5s", "-Dtixing.dispatch.poll-interval=1s",
                "-Dtixing.dispatch.senders=1", "-Dtixing.dispatch.batch-size=10"};
        String run = "ecrash-" + System.nanoTime();
        ZoneId zone = TwoInstancesIT.middayZone();

        GatewayProcess first = GatewayProcess.startEmbedded(data, httpPort, "embedded-before-crash", Duration.ofSeconds(120), sameSettings);
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < REMINDERS; i++) {
            String body = PostgresKillIT.body(run, i, zone);
            posts.add(() -> first.post("/api/v1/reminders", body).statusCode());
        }
        var pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = pool.invokeAll(posts);
        pool.shutdown();
        for (Future<Integer> f : answers) assertThat(f.get()).isEqualTo(202);

        String sent = "SELECT count(*) FROM reminder WHERE status = 'SENT' AND request_id LIKE ?";
        while (folder.count(sent, run + "-%") < REMINDERS / 5) GatewayProcess.sleep(50);
        long postmaster = folder.postmasterPid();
        first.kill();
        assertThat(EmbeddedFolder.alive(postmaster)).as("the killed service's PostgreSQL lives on").isTrue();
        long sentAtCrash = folder.count(sent, run + "-%");
        assertThat(sentAtCrash).as("the kill landed mid-dispatch").isLessThan(REMINDERS);

        long started = System.nanoTime();
        try (GatewayProcess again = GatewayProcess.startEmbedded(data, httpPort, "embedded-after-crash", Duration.ofSeconds(30), sameSettings)) {
            Duration ready = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("EmbeddedDefaultCrashIT: %d of %d SENT at the kill; ready again after %d ms%n", sentAtCrash, REMINDERS, ready.toMillis());
            assertThat(ready).isLessThan(Duration.ofSeconds(30));
            assertThat(EmbeddedFolder.alive(postmaster)).as("the leftover server was stopped").isFalse();
            assertThat(folder.postmasterPid()).isNotEqualTo(postmaster);
            assertThat(folder.durability()).as("SHOW on the service's running server")
                    .containsExactly(Map.entry("fsync", "on"), Map.entry("synchronous_commit", "on"), Map.entry("full_page_writes", "on"));
            for (int i = 0; i < 240 && folder.count(sent, run + "-%") < REMINDERS; i++) GatewayProcess.sleep(500);
        }
        assertThat(folder.postmasterPid()).as("a clean stop removes postmaster.pid").isEqualTo(-1);

        // Read with a server started the same way the service does (the service is stopped now).
        try (var db = io.tixing.db.EmbeddedDatabase.start(data, 0)) {
            assertThat(folder.count("SELECT count(*) FROM reminder WHERE request_id LIKE ?", run + "-%")).as("accepted and present").isEqualTo(REMINDERS);
            assertThat(folder.count(sent, run + "-%")).as("SENT").isEqualTo(REMINDERS);
            assertThat(folder.count("""
                    SELECT count(*) FROM (SELECT r.id FROM reminder r JOIN attempt a ON a.reminder_id = r.id
                      JOIN sandbox_message s ON s.attempt_id = a.id WHERE r.request_id LIKE ? GROUP BY r.id HAVING count(*) = 1) one""",
                    run + "-%")).as("reminders with exactly one message").isEqualTo(REMINDERS);
            assertThat(folder.count("""
                    SELECT count(*) FROM sandbox_message s JOIN attempt a ON a.id = s.attempt_id JOIN reminder r ON r.id = a.reminder_id
                    WHERE r.request_id LIKE ?""", run + "-%")).as("messages at the provider").isEqualTo(REMINDERS);
        }
        folder.deleteAll();
    }
}
