package io.tixing.contactlog;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Retention drops whole months. Purges every chain with a clock far beyond anything other tests write, so every
 * entry in the shared database is past retention and the month of the pinned test clock can go whole.
 */
@QuarkusTest
class PartitionRetentionTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    @Inject RetentionPurge purge;
    @Inject ChainAnchoring anchoring;
    @Inject ContactLogPartitions partitions;

    @AfterEach
    void resetClock() { clock.reset(); }

    @Test
    void retention_drops_a_whole_month_after_signed_checkpoints_and_every_chain_still_verifies() throws Exception {
        clock.reset();
        worker.drain();
        var body = LogScenario.sentReminderOffChainZero(worker);
        String borrowerId = LogScenario.borrowerId(body);
        anchoring.anchorNow();
        try (Connection su = LogScenario.superuser()) {
            assertThat(PartitionTest.partitionNames(su)).contains("contact_log_202611");
        }

        clock.set(Instant.parse("2400-01-01T00:00:00Z"));
        var purged = purge.purge(null);

        assertThat(purged).isNotEmpty();
        try (Connection su = LogScenario.superuser(); var s = su.createStatement()) {
            assertThat(PartitionTest.partitionNames(su)).doesNotContain("contact_log_202611").contains("contact_log_default");
            try (var rs = s.executeQuery("SELECT count(*) FROM contact_log WHERE at < '2395-01-01'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("entries past retention, dropped or deleted").isZero();
            }
        }
        Api.as(LogScenario.compliance()).queryParam("kind", "AUDIT").queryParam("outcome", "PURGE")
                .queryParam("q", "partitions dropped whole")
                .queryParam("from", "2399-12-31T12:00:00Z").queryParam("to", "2400-01-01T12:00:00Z")
                .get("/api/v1/contact-log").then().body("entries[0].detail", containsString("contact_log_202611"));
        Api.as(LogScenario.compliance()).get("/api/v1/contact-log/verify").then().body("status", equalTo("OK"));

        clock.reset(); // the daily job puts the dropped month back (it is empty now); the chain goes on in it
        assertThat(partitions.ensureAhead()).isGreaterThanOrEqualTo(1);
        LogScenario.again(body, worker);
        Api.as(LogScenario.compliance()).queryParam("chainId", ContactLogWriter.chainOf(borrowerId)).get("/api/v1/contact-log/verify")
                .then().body("status", equalTo("OK"));
    }
}
