package io.tixing.it;

import io.tixing.db.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} the service in the middle of dispatching, start it again, let it finish: every reminder ends
 * SENT and every borrower received exactly one message (counted at the provider, the sandbox inbox).
 */
class CrashRecoveryIT {

    static final int REMINDERS = Integer.getInteger("tixing.crash.reminders", 3000);
    static EmbeddedDatabase db;

    @BeforeAll
    static void database() throws Exception { db = EmbeddedDatabase.start(GatewayProcess.tempDir("tixing-crash-pg"), 0); }

    @AfterAll
    static void stop() { if (db != null) db.close(); }

    @Test
    void a_service_killed_mid_dispatch_finishes_after_restart_with_exactly_one_message_per_reminder() throws Exception {
        ZoneId zone = TwoInstancesIT.middayZone();
        String run = "crash-" + System.nanoTime();
        String[] fast = {"-Dtixing.dispatch.lease=5s", "-Dtixing.dispatch.poll-interval=1s"};
        // Accept everything first with dispatch off, so the kill below always lands in the middle of dispatching.
        GatewayProcess first = GatewayProcess.start(db, "intake", "-Dtixing.dispatch.poll-interval=off");
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < REMINDERS; i++) {
            String body = """
                    {"requestId":"%s-%d","borrower":{"id":"%s-%d","name":"王小明","locale":"zh-CN","timezone":"%s","jurisdiction":"CN",
                     "phone":"%s"},"loan":{"id":"L-%d","creditor":"示例银行","amountDue":"1234.50","currency":"CNY",
                     "dueDate":"2026-11-20","hotline":"95555"},"template":"overdue-reminder","channels":["SMS"]}"""
                    .formatted(run, i, run, i, zone.getId(), TwoInstancesIT.phoneIn(zone, i), i);
            posts.add(() -> first.post("/api/v1/reminders", body).statusCode());
        }
        var pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> accepted = pool.invokeAll(posts);
        pool.shutdown();
        for (Future<Integer> f : accepted) assertThat(f.get()).isEqualTo(202);
        first.close();

        GatewayProcess dispatching = GatewayProcess.start(db, "before-crash", "-Dtixing.dispatch.lease=5s",
                "-Dtixing.dispatch.poll-interval=1s", "-Dtixing.dispatch.senders=1", "-Dtixing.dispatch.batch-size=10");
        while (count("SELECT count(*) FROM reminder WHERE status = 'SENT' AND request_id LIKE ?", run + "%") < REMINDERS / 5) {
            GatewayProcess.sleep(50);
        }
        dispatching.kill();
        long sentBeforeCrash = count("SELECT count(*) FROM reminder WHERE status = 'SENT' AND request_id LIKE ?", run + "%");
        assertThat(sentBeforeCrash).isLessThan(REMINDERS); // the crash really happened mid-way

        try (GatewayProcess second = GatewayProcess.start(db, "after-crash", fast)) {
            for (int i = 0; i < 240 && count("SELECT count(*) FROM reminder WHERE status = 'SENT' AND request_id LIKE ?", run + "%") < REMINDERS; i++) {
                GatewayProcess.sleep(500);
            }
        }
        assertThat(count("SELECT count(*) FROM reminder WHERE status = 'SENT' AND request_id LIKE ?", run + "%")).isEqualTo(REMINDERS);
        assertThat(count("""
                SELECT count(*) FROM (SELECT r.id FROM reminder r JOIN attempt a ON a.reminder_id = r.id
                  JOIN sandbox_message s ON s.attempt_id = a.id WHERE r.request_id LIKE ? GROUP BY r.id HAVING count(*) = 1) one""",
                run + "%")).isEqualTo(REMINDERS);
        assertThat(count("""
                SELECT count(*) FROM sandbox_message s JOIN attempt a ON a.id = s.attempt_id JOIN reminder r ON r.id = a.reminder_id
                WHERE r.request_id LIKE ?""", run + "%")).isEqualTo(REMINDERS);
    }

    static long count(String sql, String like) throws SQLException {
        try (var c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.APP, db.credentials().app());
             var ps = c.prepareStatement(sql)) {
            ps.setString(1, like);
            var rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }
}
