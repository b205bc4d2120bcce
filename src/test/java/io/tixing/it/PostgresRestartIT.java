package io.tixing.it;

import io.tixing.db.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
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
 * PostgreSQL stops under a running gateway and comes back on the same port and data. While it is gone the gateway
 * answers with problems and reports itself not ready, but stays up; once it is back the same process (no restart)
 * accepts new reminders again, and every accepted reminder, before and after, ends SENT with exactly one message.
 */
class PostgresRestartIT {

    static final int PER_PHASE = Integer.getInteger("tixing.pgrestart.reminders", 600);
    static EmbeddedDatabase db;

    @AfterAll
    static void stop() { if (db != null) db.close(); }

    @Test
    void the_gateway_rides_out_a_database_restart_without_restarting_and_loses_nothing() throws Exception {
        Path data = GatewayProcess.tempDir("tixing-pgrestart-pg");
        int port = freePort();
        db = EmbeddedDatabase.start(data, port);
        ZoneId zone = TwoInstancesIT.middayZone();
        String run = "pgr-" + System.nanoTime();

        try (GatewayProcess gateway = GatewayProcess.start(db, "pg-restart", "-Dtixing.dispatch.lease=5s", "-Dtixing.dispatch.poll-interval=1s")) {
            List<Integer> before = submit(gateway, run, 0, PER_PHASE);
            assertThat(before).containsOnly(202);

            long sentBeforeStop = sent(run);
            System.out.printf("PostgresRestartIT: %d of %d sent when PostgreSQL stopped%n", sentBeforeStop, PER_PHASE);
            db.close();
            db = null;
            // While the database is away: problems and "not ready", never a dead process or a hanging request.
            HttpResponse<String> during = gateway.post("/api/v1/reminders", body(run, 999_999, zone));
            assertThat(during.statusCode()).isBetween(500, 599);
            assertThat(during.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(gateway.get("/q/health/ready").statusCode()).isEqualTo(503);
            assertThat(gateway.get("/q/health/live").statusCode()).isEqualTo(200);

            db = EmbeddedDatabase.start(data, port);
            for (int i = 0; i < 120 && gateway.get("/q/health/ready").statusCode() != 200; i++) GatewayProcess.sleep(500);
            assertThat(gateway.get("/q/health/ready").statusCode()).as("ready again after the database came back").isEqualTo(200);

            List<Integer> after = submit(gateway, run, PER_PHASE, 2 * PER_PHASE);
            assertThat(after).as("submissions after the restart").containsOnly(202);

            for (int i = 0; i < 240 && sent(run) < 2L * PER_PHASE; i++) GatewayProcess.sleep(500);
        }
        assertThat(sent(run)).isEqualTo(2L * PER_PHASE);
        assertThat(count("""
                SELECT count(*) FROM sandbox_message s JOIN attempt a ON a.id = s.attempt_id JOIN reminder r ON r.id = a.reminder_id
                WHERE r.request_id LIKE ?""", run + "-%")).as("messages at the provider").isEqualTo(2L * PER_PHASE);
        assertThat(count("""
                SELECT count(*) FROM (SELECT r.id FROM reminder r JOIN attempt a ON a.reminder_id = r.id
                  JOIN sandbox_message s ON s.attempt_id = a.id WHERE r.request_id LIKE ? GROUP BY r.id HAVING count(*) = 1) one""",
                run + "-%")).as("reminders with exactly one message").isEqualTo(2L * PER_PHASE);
        // The request refused while the database was away was never half-stored.
        assertThat(count("SELECT count(*) FROM reminder WHERE request_id = ?", run + "-999999")).isZero();
    }

    private static List<Integer> submit(GatewayProcess gateway, String run, int from, int to) throws Exception {
        ZoneId zone = TwoInstancesIT.middayZone();
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String body = body(run, i, zone);
            posts.add(() -> gateway.post("/api/v1/reminders", body).statusCode());
        }
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(posts)) statuses.add(f.get());
            return statuses;
        } finally {
            pool.shutdown();
        }
    }

    private static String body(String run, int i, ZoneId zone) {
        return """
                {"requestId":"%s-%d","borrower":{"id":"%s-%d","name":"王小明","locale":"zh-CN","timezone":"%s","jurisdiction":"CN",
                 "phone":"%s"},"loan":{"id":"L-%d","creditor":"示例银行","amountDue":"1234.50","currency":"CNY",
                 "dueDate":"2026-11-20","hotline":"95555"},"template":"overdue-reminder","channels":["SMS"]}"""
                .formatted(run, i, run, i, zone.getId(), TwoInstancesIT.phoneIn(zone, i), i);
    }

    private static long sent(String run) throws SQLException {
        return count("SELECT count(*) FROM reminder WHERE status = 'SENT' AND request_id LIKE ?", run + "-%");
    }

    private static long count(String sql, String arg) throws SQLException {
        try (var c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.APP, db.credentials().app());
             var ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            var rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    private static int freePort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
