package io.tixing.dispatch;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.channel.Channel;
import io.tixing.channel.ChannelRegistry;
import io.tixing.channel.OutboundMessage;
import io.tixing.channel.SendResult;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.policy.ChannelType;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.tixing.support.Fixtures.borrower;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class DispatchFlowTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    @Inject ChannelRegistry channels;
    @Inject Database db;

    static String submitter;
    static String compliance;

    @BeforeEach
    void setUp() {
        clock.reset();
        worker.drain(); // leave nothing due from other tests
        if (submitter == null) {
            submitter = Api.keyWith("dispatch-test", "submitter");
            compliance = Api.keyWith("dispatch-compliance", "compliance");
        }
    }

    @AfterEach
    void restoreChannels() {
        for (ChannelType type : ChannelType.values()) {
            channels.replace(new io.tixing.channel.sandbox.SandboxChannel(type, db, clock));
        }
        clock.reset();
    }

    @Test
    void a_reminder_goes_from_queued_to_sent_through_the_sandbox_with_its_contact_log() {
        var body = Fixtures.aReminder();
        String id = Api.submit(submitter, body).statusCode(202).extract().path("id");

        worker.drain();

        Api.as(submitter).get("/api/v1/reminders/" + id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("SENT"))
                .body("decisions[0].decision", org.hamcrest.Matchers.equalTo("ALLOW"))
                .body("decisions[0].rulePack", org.hamcrest.Matchers.startsWith("CN@"))
                .body("attempts[0].status", org.hamcrest.Matchers.equalTo("SENT"))
                .body("attempts[0].destination", org.hamcrest.Matchers.equalTo("+86138****8000"));
        List<String> kinds = Api.as(compliance).queryParam("borrowerId", borrower(body).get("id"))
                .get("/api/v1/contact-log").then().statusCode(200).extract().path("entries.kind");
        assertThat(kinds).containsExactly("ATTEMPT", "DECISION", "REQUEST"); // newest first
        Api.as(compliance).queryParam("borrowerId", borrower(body).get("id")).get("/api/v1/contact-log").then()
                .body("entries[0].outcome", org.hamcrest.Matchers.equalTo("SENT"))
                .body("entries[0].destination", org.hamcrest.Matchers.equalTo("+86138****8000"))
                .body("entries[0].localTime", org.hamcrest.Matchers.startsWith("2026-11-23T10:00"))
                .body("entries[0].templateVersion", org.hamcrest.Matchers.notNullValue())
                .body("entries[0].contentHash", org.hamcrest.Matchers.notNullValue());
        assertThat(sandboxMessagesTo(borrower(body).get("id").toString())).hasSize(1);
        String piiReader = Api.keyWith("pii-reader-" + id, "operator", "pii");
        Api.as(piiReader).get("/api/v1/reminders/" + id).then().body("attempts[0].destination", org.hamcrest.Matchers.equalTo(borrower(body).get("phone")));
        Api.as(compliance).queryParam("borrowerId", borrower(body).get("id")).get("/api/v1/contact-log").then()
                .body("entries[0].kind", org.hamcrest.Matchers.equalTo("AUDIT"))
                .body("entries[0].outcome", org.hamcrest.Matchers.equalTo("UNMASKED_READ"));
        String catalogVersion = Api.as(Api.keyWith("ops-" + id, "operator")).get("/api/v1/templates").then().statusCode(200)
                .extract().path("find { it.key == 'overdue-reminder' }.version");
        Api.as(compliance).queryParam("borrowerId", borrower(body).get("id")).queryParam("kind", "ATTEMPT").get("/api/v1/contact-log").then()
                .body("entries[0].templateVersion", org.hamcrest.Matchers.equalTo(catalogVersion));
    }

    @Test
    void borrower_in_taipei_at_22_30_is_deferred_to_07_00_next_day_and_sent_then() {
        clock.setLocal("2026-11-23T22:30:00", "Asia/Taipei");
        var body = Fixtures.aReminder();
        borrower(body).putAll(Map.of("locale", "zh-TW", "timezone", "Asia/Taipei", "jurisdiction", "TW", "phone", "+886912345678"));
        String id = Api.submit(submitter, body).statusCode(202).extract().path("id");
        Instant opening = Instant.parse("2026-11-23T23:00:00Z"); // 07:00 on the 24th in Taipei

        worker.drain();
        Api.as(submitter).get("/api/v1/reminders/" + id).then()
                .body("status", org.hamcrest.Matchers.equalTo("DEFERRED"))
                .body("nextAttemptAt", org.hamcrest.Matchers.equalTo(opening.toString()))
                .body("decisions[0].reasons", org.hamcrest.Matchers.hasItem("QUIET_HOURS"));

        clock.set(opening.minusSeconds(1));
        worker.drain();
        Api.as(submitter).get("/api/v1/reminders/" + id).then().body("status", org.hamcrest.Matchers.equalTo("DEFERRED"));

        clock.set(opening);
        worker.drain();
        Api.as(submitter).get("/api/v1/reminders/" + id).then()
                .body("status", org.hamcrest.Matchers.equalTo("SENT"))
                .body("decisions[1].decision", org.hamcrest.Matchers.equalTo("ALLOW"))
                .body("decisions[1].localTime", org.hamcrest.Matchers.equalTo("2026-11-24T07:00+08:00"));
        assertThat(sandboxMessagesTo(borrower(body).get("id").toString())).hasSize(1);
    }

    /** Simulates the process dying right after the provider took the message, before the result was recorded. */
    static final class DiesAfterSending implements Channel {
        private final Channel real;

        DiesAfterSending(Channel real) { this.real = real; }

        public ChannelType type() { return real.type(); }

        public String mode() { return real.mode(); }

        public SendResult send(OutboundMessage message) {
            real.send(message);
            throw new ProcessKilled();
        }

        public io.tixing.channel.ProviderLookup lookup(java.util.UUID attemptId) { return real.lookup(attemptId); }
    }

    static final class ProcessKilled extends Error {}

    @Test
    void a_worker_killed_between_send_and_record_does_not_send_twice() {
        var body = Fixtures.aReminder();
        String id = Api.submit(submitter, body).statusCode(202).extract().path("id");
        channels.replace(new DiesAfterSending(channels.forType(ChannelType.SMS)));

        assertThatThrownBy(() -> worker.runOnce()).isInstanceOf(ProcessKilled.class);
        Api.as(submitter).get("/api/v1/reminders/" + id).then().body("attempts[0].status", org.hamcrest.Matchers.equalTo("SENDING"));

        restoreChannels();
        worker.drain();                        // lease still held by the "dead" worker: nothing happens
        assertThat(sandboxMessagesTo(borrower(body).get("id").toString())).hasSize(1);
        clock.advance(Duration.ofMinutes(2));  // the lease expires; the task is claimed again
        worker.drain();

        Api.as(submitter).get("/api/v1/reminders/" + id).then()
                .body("status", org.hamcrest.Matchers.equalTo("SENT"))
                .body("attempts", org.hamcrest.Matchers.hasSize(1))
                .body("attempts[0].status", org.hamcrest.Matchers.equalTo("SENT"));
        assertThat(sandboxMessagesTo(borrower(body).get("id").toString())).hasSize(1);
    }

    /** The process died after recording SENDING but before the provider was called: the provider never saw it. */
    static final class DiesBeforeSending implements Channel {
        private final Channel real;

        DiesBeforeSending(Channel real) { this.real = real; }

        public ChannelType type() { return real.type(); }

        public String mode() { return real.mode(); }

        public SendResult send(OutboundMessage message) { throw new ProcessKilled(); }

        public io.tixing.channel.ProviderLookup lookup(java.util.UUID attemptId) { return real.lookup(attemptId); }
    }

    @Test
    void a_worker_killed_before_the_provider_call_sends_exactly_once_after_recovery() {
        var body = Fixtures.aReminder();
        String id = Api.submit(submitter, body).statusCode(202).extract().path("id");
        channels.replace(new DiesBeforeSending(channels.forType(ChannelType.SMS)));
        assertThatThrownBy(() -> worker.runOnce()).isInstanceOf(ProcessKilled.class);

        restoreChannels();
        clock.advance(Duration.ofMinutes(2));
        worker.drain();

        Api.as(submitter).get("/api/v1/reminders/" + id).then()
                .body("status", org.hamcrest.Matchers.equalTo("SENT"))
                .body("attempts.status", org.hamcrest.Matchers.contains("NOT_SENT", "SENT"));
        assertThat(sandboxMessagesTo(borrower(body).get("id").toString())).hasSize(1);
    }

    private List<String> sandboxMessagesTo(String borrowerId) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, """
                    SELECT s.id FROM sandbox_message s JOIN attempt a ON a.id = s.attempt_id WHERE a.borrower_id = ?""", borrowerId);
                 var rs = ps.executeQuery()) {
                List<String> ids = new java.util.ArrayList<>();
                while (rs.next()) ids.add(rs.getString(1));
                return ids;
            }
        });
    }
}
