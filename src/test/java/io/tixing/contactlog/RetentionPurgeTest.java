package io.tixing.contactlog;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.Period;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class RetentionPurgeTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    @Inject RetentionPurge purge;
    @Inject RetentionPurge.RetentionPolicy policy;

    @AfterEach
    void resetClock() { clock.reset(); }

    @Test
    void retention_follows_the_rule_pack_with_the_longest_default_for_unknown_packs() {
        assertThat(policy.retention("CN@2026.1")).isEqualTo(Period.ofYears(5));
        assertThat(policy.retention("TW@2026.1")).isEqualTo(Period.ofYears(5));
        assertThat(policy.retention("US@2026.1")).isEqualTo(Period.ofYears(3));
        assertThat(policy.retention(null)).isEqualTo(Period.ofYears(5));
        assertThat(policy.cutoff("US@1", Instant.parse("2030-06-01T00:00:00Z"))).isEqualTo(Instant.parse("2027-06-01T00:00:00Z"));
    }

    @Test
    void nothing_young_is_purged() {
        clock.reset();
        var body = LogScenario.sentReminder(worker);
        int chain = ContactLogWriter.chainOf(LogScenario.borrowerId(body));
        clock.set(Instant.parse("2028-11-23T00:00:00Z")); // two years on: inside every pack's retention
        purge.purge(chain);
        Api.as(LogScenario.compliance()).queryParam("borrowerId", LogScenario.borrowerId(body)).get("/api/v1/contact-log").then()
                .body("entries", org.hamcrest.Matchers.hasSize(3));
    }

    @Test
    void an_expired_prefix_is_purged_behind_a_signed_checkpoint_and_the_chain_still_verifies() {
        clock.reset();
        var body = LogScenario.sentReminderOffChainZero(worker);
        String borrowerId = LogScenario.borrowerId(body);
        int chain = ContactLogWriter.chainOf(borrowerId);

        clock.set(Instant.parse("2100-01-01T00:00:00Z")); // every entry any test wrote is long past retention
        List<RetentionPurge.Purged> purged = purge.purge(chain);

        assertThat(purged).hasSize(1);
        assertThat(purged.getFirst().deleted()).isEqualTo(purged.getFirst().upToPos() - purged.getFirst().fromPos() + 1).isGreaterThanOrEqualTo(3);
        Api.as(LogScenario.compliance()).queryParam("borrowerId", borrowerId).get("/api/v1/contact-log").then()
                .body("entries", org.hamcrest.Matchers.empty());
        Api.as(LogScenario.compliance()).queryParam("chainId", chain).get("/api/v1/contact-log/verify").then()
                .body("status", equalTo("OK"));
        Api.as(LogScenario.compliance()).queryParam("kind", "AUDIT").queryParam("q", "chain " + chain + " positions " + purged.getFirst().fromPos() + "..")
                .queryParam("from", "2099-12-31T12:00:00Z").queryParam("to", "2100-01-01T12:00:00Z")
                .get("/api/v1/contact-log").then().body("entries[0].outcome", equalTo("PURGE"))
                .body("entries[0].detail", org.hamcrest.Matchers.containsString(purged.getFirst().checkpointHash()));

        clock.reset(); // the chain keeps growing from the checkpoint
        LogScenario.again(body, worker);
        Api.as(LogScenario.compliance()).queryParam("chainId", chain).get("/api/v1/contact-log/verify").then()
                .body("status", equalTo("OK"));
    }

    @Test
    void a_forged_checkpoint_breaks_verification() throws Exception {
        clock.reset();
        var body = LogScenario.sentReminderOffChainZero(worker);
        int chain = ContactLogWriter.chainOf(LogScenario.borrowerId(body));
        clock.set(Instant.parse("2100-01-01T00:00:00Z"));
        assertThat(purge.purge(chain)).as("a checkpoint to forge").hasSize(1);
        try (var su = LogScenario.superuser(); var s = su.createStatement()) {
            s.execute("SET session_replication_role = replica");
            s.execute("CREATE TEMP TABLE cp AS SELECT * FROM contact_log_checkpoint WHERE chain_id = " + chain
                    + " ORDER BY up_to_pos DESC LIMIT 1");
            s.executeUpdate("UPDATE contact_log_checkpoint c SET last_hash = repeat('f', 64) FROM cp WHERE c.id = cp.id");
            try {
                Api.as(LogScenario.compliance()).queryParam("chainId", chain).get("/api/v1/contact-log/verify").then()
                        .body("status", equalTo("BROKEN"))
                        .body("firstBroken.reason", org.hamcrest.Matchers.containsString("checkpoint"));
            } finally {
                s.executeUpdate("UPDATE contact_log_checkpoint c SET last_hash = cp.last_hash FROM cp WHERE c.id = cp.id");
            }
        }
        Api.as(LogScenario.compliance()).queryParam("chainId", chain).get("/api/v1/contact-log/verify").then()
                .body("status", equalTo("OK"));
    }
}
