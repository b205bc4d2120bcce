package io.tixing.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The production shape: a PostgreSQL server the service does not own (Debian's server binaries, a cluster of its own),
 * the owner and app roles created exactly by the script in docs/OPERATIONS.md, and two packaged instances configured
 * only through the documented environment variables. Nothing embedded starts.
 */
class ExternalPostgresIT {

    static ExternalPostgres pg;
    static GatewayProcess a;
    static GatewayProcess b;
    static String appPassword;
    static String ownerPassword;

    /** The operator's role script: the first ```sql block under "### Creating the roles" in docs/OPERATIONS.md. */
    static String operatorScript() throws Exception {
        String doc = Files.readString(Path.of("docs/OPERATIONS.md"));
        int section = doc.indexOf("### Creating the roles");
        assertThat(section).as("docs/OPERATIONS.md has a 'Creating the roles' section").isNotNegative();
        Matcher m = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(m.find(section)).isTrue();
        return m.group(1);
    }

    static Map<String, String> documentedEnvironment() {
        return Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl("tixing"),
                "QUARKUS_DATASOURCE_USERNAME", "tixing_app",
                "QUARKUS_DATASOURCE_PASSWORD", appPassword,
                "QUARKUS_FLYWAY_USERNAME", "tixing_owner",
                "QUARKUS_FLYWAY_PASSWORD", ownerPassword,
                // Instances sharing a database share its anchor key and anchors (docs/OPERATIONS.md, Scale-out).
                "TIXING_CONTACT_LOG_ANCHOR_DIR", pg.base.resolve("anchors").toString(),
                "TIXING_CONTACT_LOG_ANCHOR_KEY_FILE", pg.base.resolve("anchor-key").toString(),
                "TIXING_CONTACT_LOG_CHECKPOINT_KEY_FILE", pg.base.resolve("checkpoint-key").toString());
    }

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(ExternalPostgres.serverBinaries().isPresent(), ExternalPostgres.MISSING);
        pg = ExternalPostgres.start(Path.of("target/external-pg"));
        ownerPassword = ExternalPostgres.password();
        appPassword = ExternalPostgres.password();
        pg.runScript(operatorScript().replace("<owner-password>", ownerPassword).replace("<app-password>", appPassword));
        a = GatewayProcess.startWithEnvironment(documentedEnvironment(), "ext-a");
        b = GatewayProcess.startWithEnvironment(documentedEnvironment(), "ext-b");
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) a.close();
        if (b != null) b.close();
        if (pg != null) pg.close();
    }

    static String reminder(String requestId, String borrower, String loan, ZoneId zone, String phone) {
        return """
                {"requestId":"%s","borrower":{"id":"%s","name":"王小明","locale":"zh-CN","timezone":"%s","jurisdiction":"CN",
                 "phone":"%s"},"loan":{"id":"%s","creditor":"示例银行","amountDue":"1234.50","currency":"CNY",
                 "dueDate":"2026-11-20","hotline":"95555"},"template":"overdue-reminder","channels":["SMS"]}"""
                .formatted(requestId, borrower, zone.getId(), phone, loan);
    }

    static void postAll(List<Callable<Integer>> posts) throws Exception {
        var pool = Executors.newFixedThreadPool(10);
        try {
            for (Future<Integer> f : pool.invokeAll(posts)) assertThat(f.get()).isEqualTo(202);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void the_migrations_ran_as_the_owner_and_the_app_role_cannot_change_the_contact_log() throws Exception {
        assertThat(query("SELECT tableowner FROM pg_tables WHERE tablename = 'reminder'", "tixing_owner", ownerPassword)).isEqualTo("tixing_owner");
        assertThat(query("SELECT count(*) FROM flyway_schema_history WHERE success", "tixing_owner", ownerPassword)).isNotEqualTo("0");
        try (var c = DriverManager.getConnection(pg.jdbcUrl("tixing"), "tixing_app", appPassword); var s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("DELETE FROM contact_log")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isIn("42501", "P0001"));
            assertThatThrownBy(() -> s.execute("CREATE TABLE intruder (x int)")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        }
    }

    @Test
    void twenty_reminders_for_one_borrower_through_both_instances_send_exactly_the_daily_cap_of_3() throws Exception {
        ZoneId zone = TwoInstancesIT.middayZone();
        String borrower = "B-ext-cap-" + System.nanoTime();
        String phone = TwoInstancesIT.freshPhoneIn(zone);
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            GatewayProcess target = i % 2 == 0 ? a : b;
            String body = reminder(borrower + "-" + i, borrower, "L-" + borrower + "-" + i, zone, phone);
            posts.add(() -> target.post("/api/v1/reminders", body).statusCode());
        }
        postAll(posts);
        Map<String, Integer> byStatus = Map.of();
        for (int i = 0; i < 120; i++) {
            byStatus = statuses(borrower);
            if (byStatus.getOrDefault("SENT", 0) + byStatus.getOrDefault("DEFERRED", 0) == 20) break;
            GatewayProcess.sleep(500);
        }
        assertThat(byStatus).containsEntry("SENT", 3).containsEntry("DEFERRED", 17);
        Instant nextWindow = ZonedDateTime.now(zone).toLocalDate().plusDays(1).atTime(8, 0).atZone(zone).toInstant();
        assertThat(count("SELECT count(*) FROM reminder WHERE borrower_id = ? AND status = 'DEFERRED' AND next_attempt_at = ?", borrower, nextWindow))
                .isEqualTo(17);
        assertThat(count("SELECT count(*) FROM contact_log WHERE borrower_id = ? AND kind = 'ATTEMPT' AND outcome = 'SENT'", borrower)).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM sandbox_message s JOIN attempt t ON t.id = s.attempt_id WHERE t.borrower_id = ?", borrower)).isEqualTo(3);
    }

    @Test
    void ten_identical_reminders_through_both_instances_are_delivered_once_and_the_chain_verifies_on_each() throws Exception {
        ZoneId zone = TwoInstancesIT.middayZone();
        String borrower = "B-ext-dup-" + System.nanoTime();
        String phone = TwoInstancesIT.freshPhoneIn(zone);
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            GatewayProcess target = i % 2 == 0 ? a : b;
            String body = reminder(borrower + "-" + i, borrower, "L-" + borrower, zone, phone);
            posts.add(() -> target.post("/api/v1/reminders", body).statusCode());
        }
        postAll(posts);
        for (int i = 0; i < 120 && statuses(borrower).values().stream().mapToInt(Integer::intValue).sum()
                - statuses(borrower).getOrDefault("QUEUED", 0) - statuses(borrower).getOrDefault("SENDING", 0) < 10; i++) {
            GatewayProcess.sleep(500);
        }
        assertThat(statuses(borrower)).isEqualTo(Map.of("SENT", 1, "SUPPRESSED", 9));
        assertThat(count("SELECT count(*) FROM sandbox_message WHERE destination = ?", phone, null)).isEqualTo(1);
        assertThat(count("""
                SELECT count(*) FROM contact_log WHERE borrower_id = ? AND kind = 'DECISION' AND decision = 'SUPPRESS'
                AND reasons = '{DUPLICATE}'""", borrower, null)).isEqualTo(9);
        assertThat(count("SELECT count(*) FROM contact_log WHERE borrower_id = ? AND kind = 'REQUEST'", borrower, null)).isEqualTo(10);
        for (GatewayProcess gateway : List.of(a, b)) {
            var report = gateway.get("/api/v1/contact-log/verify"); // every chain, both instances' entries
            assertThat(report.statusCode()).isEqualTo(200);
            assertThat(report.body()).contains("\"status\":\"OK\"");
        }
    }

    static Map<String, Integer> statuses(String borrower) throws SQLException {
        try (var c = DriverManager.getConnection(pg.jdbcUrl("tixing"), "tixing_app", appPassword);
             var ps = c.prepareStatement("SELECT status, count(*) FROM reminder WHERE borrower_id = ? GROUP BY status")) {
            ps.setString(1, borrower);
            var rs = ps.executeQuery();
            Map<String, Integer> out = new HashMap<>();
            while (rs.next()) out.put(rs.getString(1), rs.getInt(2));
            return out;
        }
    }

    static long count(String sql, String first, Instant second) throws SQLException {
        try (var c = DriverManager.getConnection(pg.jdbcUrl("tixing"), "tixing_app", appPassword); var ps = c.prepareStatement(sql)) {
            ps.setString(1, first);
            if (second != null) ps.setTimestamp(2, java.sql.Timestamp.from(second));
            var rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    static long count(String sql, String borrower) throws SQLException { return count(sql, borrower, null); }

    static String query(String sql, String user, String password) throws SQLException {
        try (var c = DriverManager.getConnection(pg.jdbcUrl("tixing"), user, password); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
