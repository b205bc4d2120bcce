package io.tixing.contactlog;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class ChainVerificationTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    @Inject DataSource appDataSource;
    @Inject NightlyVerification nightly;

    @BeforeEach
    void setUp() {
        clock.reset();
        worker.drain();
    }

    @Test
    void a_clean_chain_verifies_ok_and_counts_its_entries() {
        var body = LogScenario.sentReminder(worker);
        int chain = ContactLogWriter.chainOf(LogScenario.borrowerId(body));

        Api.as(LogScenario.compliance()).queryParam("chainId", chain).get("/api/v1/contact-log/verify").then().statusCode(200)
                .body("status", equalTo("OK"))
                .body("checked", org.hamcrest.Matchers.greaterThanOrEqualTo(3));
    }

    @Test
    void a_tampered_entry_is_pinpointed_by_its_seq_and_flips_the_nightly_gauge() throws Exception {
        var body = LogScenario.sentReminder(worker);
        String borrowerId = LogScenario.borrowerId(body);
        int chain = ContactLogWriter.chainOf(borrowerId);
        try (Connection su = LogScenario.superuser(); var s = su.createStatement()) {
            long victim = LogScenario.seqsOf(su, borrowerId).get(1); // the DECISION entry
            s.execute("SET session_replication_role = replica"); // the append-only trigger does not fire now
            s.execute("CREATE TEMP TABLE original AS SELECT * FROM contact_log WHERE seq = " + victim);
            s.executeUpdate("UPDATE contact_log SET outcome = 'DELIVERED' WHERE seq = " + victim);
            try {
                Api.as(LogScenario.compliance()).queryParam("chainId", chain).get("/api/v1/contact-log/verify").then().statusCode(200)
                        .body("status", equalTo("BROKEN"))
                        .body("firstBroken.seq", equalTo((int) victim))
                        .body("firstBroken.chainId", equalTo(chain))
                        .body("firstBroken.reason", org.hamcrest.Matchers.containsString("hash"));
                double failuresBefore = nightly.failures();
                assertThat(nightly.run().firstBroken().seq()).isEqualTo(victim);
                assertThat(nightly.chainOk()).isZero();
                assertThat(nightly.failures()).isEqualTo(failuresBefore + 1);
            } finally {
                s.executeUpdate("UPDATE contact_log l SET outcome = o.outcome FROM original o WHERE l.seq = o.seq");
            }
        }
        Api.as(LogScenario.compliance()).queryParam("chainId", chain).get("/api/v1/contact-log/verify").then()
                .body("status", equalTo("OK"));
        assertThat(nightly.run().status()).isEqualTo(VerifyReport.Status.OK);
        assertThat(nightly.chainOk()).isEqualTo(1);
        Api.asAdmin().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString("tixing_contact_log_chain_ok 1.0"));
    }

    @Test
    void a_deleted_entry_shows_as_a_gap_at_the_next_position() throws Exception {
        var body = LogScenario.sentReminder(worker);
        String borrowerId = LogScenario.borrowerId(body);
        int chain = ContactLogWriter.chainOf(borrowerId);
        LogScenario.again(body, worker); // entries after the victim in the same chain
        try (Connection su = LogScenario.superuser(); var s = su.createStatement()) {
            long victim = LogScenario.seqsOf(su, borrowerId).get(0);
            long pos;
            try (var rs = s.executeQuery("SELECT chain_pos FROM contact_log WHERE seq = " + victim)) {
                rs.next();
                pos = rs.getLong(1);
            }
            s.execute("SET session_replication_role = replica");
            s.execute("CREATE TEMP TABLE saved AS SELECT * FROM contact_log WHERE seq = " + victim);
            s.executeUpdate("DELETE FROM contact_log WHERE seq = " + victim);
            try {
                Api.as(LogScenario.compliance()).queryParam("chainId", chain).get("/api/v1/contact-log/verify").then()
                        .body("status", equalTo("BROKEN"))
                        .body("firstBroken.chainPos", equalTo((int) pos + 1))
                        .body("firstBroken.reason", org.hamcrest.Matchers.containsString("missing"));
            } finally {
                s.executeUpdate("INSERT INTO contact_log SELECT * FROM saved");
            }
        }
        Api.as(LogScenario.compliance()).queryParam("chainId", chain).get("/api/v1/contact-log/verify").then()
                .body("status", equalTo("OK"));
    }

    @Test
    void the_app_role_can_neither_update_nor_delete_contact_log_entries() throws SQLException {
        var body = LogScenario.sentReminder(worker);
        try (Connection app = appDataSource.getConnection(); var s = app.createStatement()) {
            assertThat(app.getMetaData().getUserName()).isEqualTo("tixing_app");
            long seq = LogScenario.seqsOf(app, LogScenario.borrowerId(body)).getFirst();
            assertThatThrownBy(() -> s.executeUpdate("UPDATE contact_log SET detail = 'rewritten' WHERE seq = " + seq))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM contact_log WHERE seq = " + seq))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            app.setAutoCommit(false); // the purge switch, set by hand, does not open the door either
            try {
                s.execute("SET LOCAL tixing.retention_purge = 'on'");
                assertThatThrownBy(() -> s.executeUpdate("DELETE FROM contact_log WHERE seq = " + seq))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            } finally {
                app.rollback();
                app.setAutoCommit(true);
            }
            // The purge function refuses a prefix that has no signed checkpoint.
            assertThatThrownBy(() -> s.executeQuery("SELECT contact_log_purge_prefix(0, 1, now() + interval '100 years')"))
                    .isInstanceOf(SQLException.class);
            assertThat(LogScenario.seqsOf(app, LogScenario.borrowerId(body))).contains(seq);
        }
    }

    @Test
    void verify_refuses_bad_parameters_and_callers_without_the_compliance_role() {
        Api.as(LogScenario.compliance()).queryParam("chainId", 99).get("/api/v1/contact-log/verify").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("chainId"));
        Api.as(LogScenario.compliance()).queryParam("from", "2026-11-23T10:00").get("/api/v1/contact-log/verify").then().statusCode(400)
                .body("errors.field", hasItem("from"));
        Api.as(LogScenario.submitter()).get("/api/v1/contact-log/verify").then().statusCode(403);
    }

    @Test
    void a_time_ranged_verification_checks_only_entries_in_the_range() {
        LogScenario.sentReminder(worker);
        Api.as(LogScenario.compliance()).queryParam("from", "2026-11-23T09:00").queryParam("to", "2026-11-23T11:00")
                .queryParam("zone", "Asia/Shanghai").get("/api/v1/contact-log/verify").then().statusCode(200)
                .body("status", equalTo("OK")).body("checked", org.hamcrest.Matchers.greaterThanOrEqualTo(3));
        Api.as(LogScenario.compliance()).queryParam("from", "1999-01-01T00:00:00Z").queryParam("to", "1999-01-02T00:00:00Z")
                .get("/api/v1/contact-log/verify").then().body("checked", equalTo(0));
    }
}
