package io.tixing.it;

import io.tixing.db.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Two gateway processes on one PostgreSQL: caps and claims hold across instances, not only across threads. */
class TwoInstancesIT {

    static EmbeddedDatabase db;
    static GatewayProcess a;
    static GatewayProcess b;

    @BeforeAll
    static void start() throws Exception {
        db = EmbeddedDatabase.start(GatewayProcess.tempDir("tixing-it-pg"), 0);
        a = GatewayProcess.start(db, "a");
        b = GatewayProcess.start(db, "b");
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) a.close();
        if (b != null) b.close();
        if (db != null) db.close();
    }

    /**
     * A borrower's home where it is now mid-day, so the CN window is open and the local day is not about to roll over.
     * The phone must be from the same zone: a borrower's phone zones bind as much as the stated zone (known locations),
     * so a Shanghai number stated as mid-day elsewhere would be in Shanghai's night half the time. Offsets no more than
     * six hours apart, so at every instant one of them is between 10:00 and 18:00.
     */
    static final java.util.Map<String, String> PHONE_IN = new java.util.LinkedHashMap<>(java.util.Map.of(
            "Asia/Shanghai", "+8613800138000", "Asia/Kolkata", "+919876543210", "Europe/London", "+447400123456",
            "America/New_York", "+12125551234", "America/Los_Angeles", "+13102221234", "Pacific/Honolulu", "+18082221234"));

    static ZoneId middayZone() {
        return PHONE_IN.keySet().stream().sorted().map(ZoneId::of)
                .filter(z -> {
                    LocalTime t = ZonedDateTime.now(z).toLocalTime();
                    return t.isAfter(LocalTime.of(10, 0)) && t.isBefore(LocalTime.of(18, 0));
                })
                .findFirst().orElseThrow();
    }

    /** A mobile number whose only zone is {@code zone} (see {@link #middayZone()}). */
    static String phoneIn(ZoneId zone) { return PHONE_IN.get(zone.getId()); }

    private static final java.util.concurrent.atomic.AtomicInteger NEXT_PHONE = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A handset of its own in {@code zone} (the zone's number with other last four digits): caps count per contact point,
     * so reminders meant to be independent must not share one.
     */
    static String freshPhoneIn(ZoneId zone) { return phoneIn(zone, NEXT_PHONE.incrementAndGet()); }

    /** The n-th handset in {@code zone}, the same for the same n: a retried request must send the same body. */
    static String phoneIn(ZoneId zone, int n) {
        String base = phoneIn(zone);
        return base.substring(0, base.length() - 4) + String.format("%04d", n % 10_000);
    }

    @Test
    void fifty_reminders_for_one_borrower_through_two_instances_send_exactly_the_cap_of_3() throws Exception {
        ZoneId zone = middayZone();
        String borrower = "B-two-" + System.nanoTime();
        String phone = freshPhoneIn(zone);
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            GatewayProcess target = i % 2 == 0 ? a : b;
            String body = """
                    {"requestId":"two-%d","borrower":{"id":"%s","name":"王小明","locale":"zh-CN","timezone":"%s","jurisdiction":"CN",
                     "phone":"%s"},"loan":{"id":"L-two-%d","creditor":"示例银行","amountDue":"1234.50","currency":"CNY",
                     "dueDate":"2026-11-20","hotline":"95555"},"template":"overdue-reminder","channels":["SMS"]}"""
                    .formatted(i, borrower, zone.getId(), phone, i);
            posts.add(() -> target.post("/api/v1/reminders", body).statusCode());
        }
        var pool = Executors.newFixedThreadPool(10);
        for (Future<Integer> f : pool.invokeAll(posts)) assertThat(f.get()).isEqualTo(202);
        pool.shutdown();

        Map<String, Integer> byStatus = Map.of();
        for (int i = 0; i < 120; i++) {
            byStatus = statuses(borrower);
            if (byStatus.getOrDefault("SENT", 0) + byStatus.getOrDefault("DEFERRED", 0) == 50) break;
            GatewayProcess.sleep(500);
        }
        assertThat(byStatus).containsEntry("SENT", 3).containsEntry("DEFERRED", 47);
        Instant nextWindow = ZonedDateTime.now(zone).toLocalDate().plusDays(1).atTime(8, 0).atZone(zone).toInstant();
        assertThat(deferredUntil(borrower)).containsOnly(nextWindow);
        assertThat(count("SELECT count(*) FROM contact_log WHERE borrower_id = ? AND kind = 'ATTEMPT' AND outcome = 'SENT'", borrower)).isEqualTo(3);
        assertThat(count("SELECT count(DISTINCT lease_owner) FROM dispatch_task WHERE borrower_id = ? AND lease_owner IS NOT NULL", borrower))
                .isZero(); // every claim was released
        assertThat(count("SELECT count(*) FROM sandbox_message s JOIN attempt t ON t.id = s.attempt_id WHERE t.borrower_id = ?", borrower))
                .isEqualTo(3);
    }

    @Test
    void ten_concurrent_identical_reminders_through_two_instances_send_exactly_one_and_suppress_nine_as_duplicates_in_twenty_rounds()
            throws Exception {
        ZoneId zone = middayZone();
        String run = "dup-" + System.nanoTime();
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            // Each round its own borrower, loan and handset; its 10 copies differ only in requestId, half to each instance.
            String phone = freshPhoneIn(zone); // a handset of its own each round, in the zone where it is midday
            for (int i = 0; i < 10; i++) {
                GatewayProcess target = i % 2 == 0 ? a : b;
                String body = """
                        {"requestId":"%s-%d-%d","borrower":{"id":"B-%s-%d","name":"王小明","locale":"zh-CN","timezone":"%s","jurisdiction":"CN",
                         "phone":"%s"},"loan":{"id":"L-%s-%d","creditor":"示例银行","amountDue":"1234.50","currency":"CNY",
                         "dueDate":"2026-11-20","hotline":"95555"},"template":"overdue-reminder","channels":["SMS"]}"""
                        .formatted(run, round, i, run, round, zone.getId(), phone, run, round);
                posts.add(() -> target.post("/api/v1/reminders", body).statusCode());
            }
        }
        var pool = Executors.newFixedThreadPool(10);
        for (Future<Integer> f : pool.invokeAll(posts)) assertThat(f.get()).isEqualTo(202);
        pool.shutdown();

        for (int i = 0; i < 120 && settled("B-" + run + "-%") < 200; i++) GatewayProcess.sleep(500);
        for (int round = 0; round < 20; round++) {
            assertThat(statuses("B-" + run + "-" + round)).as("round %d", round).isEqualTo(Map.of("SENT", 1, "SUPPRESSED", 9));
            assertThat(count("""
                    SELECT count(*) FROM contact_log WHERE borrower_id = ? AND kind = 'DECISION' AND decision = 'SUPPRESS'
                    AND reasons = '{DUPLICATE}'""", "B-" + run + "-" + round)).as("round %d", round).isEqualTo(9);
        }
    }

    @Test
    void eight_borrower_ids_on_one_number_through_two_instances_get_exactly_six_robot_calls_under_the_cn_pack() throws Exception {
        ZoneId zone = middayZone();
        String run = "cp-" + System.nanoTime();
        String phone = freshPhoneIn(zone); // one handset, where it is midday (its zone binds too)
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            GatewayProcess target = i % 2 == 0 ? a : b;
            String body = """
                    {"requestId":"%s-%d","borrower":{"id":"B-%s-%d","name":"王小明","locale":"zh-CN","timezone":"%s","jurisdiction":"CN",
                     "phone":"%s"},"loan":{"id":"L-%s-%d","creditor":"示例银行","amountDue":"1234.50","currency":"CNY",
                     "dueDate":"2026-11-20","hotline":"95555"},"template":"overdue-reminder","channels":["VOICE"]}"""
                    .formatted(run, i, run, i, zone.getId(), phone, run, i);
            posts.add(() -> target.post("/api/v1/reminders", body).statusCode());
        }
        var pool = Executors.newFixedThreadPool(8);
        for (Future<Integer> f : pool.invokeAll(posts)) assertThat(f.get()).isEqualTo(202);
        pool.shutdown();

        for (int i = 0; i < 120 && settled("B-" + run + "-%") < 8; i++) GatewayProcess.sleep(500);
        assertThat(count("SELECT count(*) FROM reminder WHERE borrower_id LIKE ? AND status = 'SENT'", "B-" + run + "-%")).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM reminder WHERE borrower_id LIKE ? AND status = 'DEFERRED'", "B-" + run + "-%")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM sandbox_message WHERE destination = ?", phone)).isEqualTo(6);
    }

    /** Reminders of the borrowers matching {@code pattern} that reached a state the dispatcher leaves them in for now. */
    static long settled(String pattern) throws SQLException {
        return count("SELECT count(*) FROM reminder WHERE borrower_id LIKE ? AND status IN ('SENT', 'SUPPRESSED', 'DEFERRED', 'FAILED')", pattern);
    }

    static Map<String, Integer> statuses(String borrower) throws SQLException {
        try (var c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.APP, db.credentials().app());
             var ps = c.prepareStatement("SELECT status, count(*) FROM reminder WHERE borrower_id = ? GROUP BY status")) {
            ps.setString(1, borrower);
            var rs = ps.executeQuery();
            Map<String, Integer> out = new HashMap<>();
            while (rs.next()) out.put(rs.getString(1), rs.getInt(2));
            return out;
        }
    }

    static List<Instant> deferredUntil(String borrower) throws SQLException {
        try (var c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.APP, db.credentials().app());
             var ps = c.prepareStatement("SELECT next_attempt_at FROM reminder WHERE borrower_id = ? AND status = 'DEFERRED'")) {
            ps.setString(1, borrower);
            var rs = ps.executeQuery();
            List<Instant> out = new ArrayList<>();
            while (rs.next()) out.add(rs.getTimestamp(1).toInstant());
            return out;
        }
    }

    static long count(String sql, String borrower) throws SQLException {
        try (var c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.APP, db.credentials().app());
             var ps = c.prepareStatement(sql)) {
            ps.setString(1, borrower);
            var rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }
}
