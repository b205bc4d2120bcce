package io.tixing.contactlog;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class PartitionTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    @Inject DataSource appDataSource;
    @Inject ContactLogPartitions partitions;

    @BeforeEach
    void setUp() {
        clock.reset();
        worker.drain();
    }

    @AfterEach
    void resetClock() { clock.reset(); }

    @Test
    void the_current_month_and_two_ahead_are_created_as_partitions_once() throws SQLException {
        clock.set(Instant.parse("2061-02-10T00:00:00Z")); // a month no other test writes in
        assertThat(partitions.ensureAhead()).isEqualTo(3);
        assertThat(partitions.ensureAhead()).as("nothing left to create").isZero();
        try (Connection su = LogScenario.superuser()) {
            assertThat(partitionNames(su)).contains("contact_log_206102", "contact_log_206103", "contact_log_206104")
                    .doesNotContain("contact_log_206105");
        }
    }

    @Test
    void entries_of_one_chain_in_several_months_verify_as_one_chain() throws SQLException {
        partitions.ensure(LocalDate.parse("2062-03-01"), 2);
        clock.set(Instant.parse("2062-03-10T02:00:00Z"));
        var body = reminderDue("2062-03-31T00:00:00Z");
        Api.submit(LogScenario.submitter(), body).statusCode(202);
        worker.drain();
        clock.set(Instant.parse("2062-04-10T02:00:00Z"));
        var next = reminderDue("2062-04-30T00:00:00Z");
        next.put("borrower", body.get("borrower"));
        Api.submit(LogScenario.submitter(), next).statusCode(202);
        worker.drain();
        String borrowerId = LogScenario.borrowerId(body);
        try (Connection su = LogScenario.superuser(); var ps = su.prepareStatement(
                "SELECT DISTINCT tableoid::regclass::text FROM contact_log WHERE borrower_id = ?")) {
            ps.setString(1, borrowerId);
            List<String> tables = new ArrayList<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            assertThat(tables).containsExactlyInAnyOrder("contact_log_206203", "contact_log_206204");
        }
        Api.as(LogScenario.compliance()).queryParam("chainId", ContactLogWriter.chainOf(borrowerId)).get("/api/v1/contact-log/verify")
                .then().body("status", equalTo("OK"));
        Api.as(LogScenario.compliance()).queryParam("borrowerId", borrowerId).get("/api/v1/contact-log").then()
                .body("entries.size()", equalTo(6));
    }

    private static java.util.Map<String, Object> reminderDue(String notAfter) {
        var body = io.tixing.support.Fixtures.aReminder();
        while (ContactLogWriter.chainOf((String) io.tixing.support.Fixtures.borrower(body).get("id")) == 0) body = io.tixing.support.Fixtures.aReminder();
        body.put("notAfter", notAfter);
        io.tixing.support.Fixtures.loan(body).remove("daysOverdue"); // derived from dueDate as of 2062, not the fixture's 2026 count
        return body;
    }

    @Test
    void the_app_role_can_neither_update_nor_delete_on_a_partition_directly() throws SQLException {
        var body = LogScenario.sentReminder(worker);
        long seq;
        String own;
        try (Connection su = LogScenario.superuser(); var s = su.createStatement()) {
            seq = LogScenario.seqsOf(su, LogScenario.borrowerId(body)).getFirst();
            try (var rs = s.executeQuery("SELECT tableoid::regclass::text FROM contact_log WHERE seq = " + seq)) {
                rs.next();
                own = rs.getString(1);
            }
        }
        String monthly;
        try (Connection su = LogScenario.superuser()) {
            monthly = own.equals("contact_log_default")
                    ? partitionNames(su).stream().filter(n -> !n.equals("contact_log_default")).findFirst().orElseThrow() : own;
        }
        try (Connection app = appDataSource.getConnection(); var s = app.createStatement()) {
            for (String partition : List.of(own, monthly, "contact_log_default")) {
                assertThatThrownBy(() -> s.executeUpdate("UPDATE " + partition + " SET detail = 'rewritten' WHERE seq = " + seq))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
                assertThatThrownBy(() -> s.executeUpdate("DELETE FROM " + partition + " WHERE seq = " + seq))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
                assertThatThrownBy(() -> s.execute("TRUNCATE " + partition))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            }
            assertThatThrownBy(() -> s.execute("DROP TABLE " + monthly)).isInstanceOf(SQLException.class);
        }
        // Even the superuser meets the append-only trigger on a partition (unless it switches triggers off).
        try (Connection su = LogScenario.superuser(); var s = su.createStatement()) {
            su.setAutoCommit(false);
            try {
                assertThatThrownBy(() -> s.executeUpdate("DELETE FROM " + own + " WHERE seq = " + seq))
                        .hasMessageContaining("append-only");
                su.rollback();
                assertThatThrownBy(() -> s.execute("TRUNCATE " + own)).hasMessageContaining("append-only");
                su.rollback();
                assertThatThrownBy(() -> s.execute("TRUNCATE " + monthly)).hasMessageContaining("append-only");
            } finally {
                su.rollback();
                su.setAutoCommit(true);
            }
        }
        try (Connection app = appDataSource.getConnection()) {
            assertThat(LogScenario.seqsOf(app, LogScenario.borrowerId(body))).contains(seq);
        }
    }

    static List<String> partitionNames(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (var ps = c.prepareStatement("""
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'contact_log'::regclass ORDER BY 1"""); var rs = ps.executeQuery()) {
            while (rs.next()) names.add(rs.getString(1));
        }
        return names;
    }
}
