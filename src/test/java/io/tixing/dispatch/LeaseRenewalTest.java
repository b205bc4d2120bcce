package io.tixing.dispatch;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tixing.channel.twilio.FakeTwilio;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import io.tixing.webhook.LiveProviders;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.tixing.support.Fixtures.borrower;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A provider call that outlasts the lease (a slow provider, a long read timeout) keeps its claim while its worker
 * lives: no other round takes the task over and looks the send up before the provider has answered.
 */
@QuarkusTest
@TestProfile(LeaseRenewalTest.SlowProvider.class)
class LeaseRenewalTest {

    /** The live providers, with a read timeout long enough that a held answer is still awaited while the test looks. */
    public static class SlowReads extends LiveProviders {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            config.put("tixing.twilio.read-timeout", "60s");
            return config;
        }
    }

    public static class SlowProvider implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() { return List.of(new TestResourceEntry(SlowReads.class)); }
    }

    @Inject DispatchPipeline pipeline;
    @Inject DispatchConfig config;
    @Inject TestClock clock;
    @Inject Database db;

    @AfterEach
    void letEverythingGo() {
        LiveProviders.twilio().messages.held.stop();
        clock.reset();
    }

    @Test
    void a_send_still_waiting_for_its_provider_after_the_lease_is_not_taken_over_and_the_message_goes_out_once() throws Exception {
        FakeTwilio twilio = LiveProviders.twilio();
        twilio.keepsMessages();
        twilio.messages.held.hold();
        String key = Api.keyWith("lease-" + System.nanoTime(), "submitter");
        var reminder = Fixtures.aReminder();
        String phone = "+86139" + String.format("%08d", System.nanoTime() % 100_000_000);
        borrower(reminder).put("phone", phone);
        String id = Api.submit(key, reminder).statusCode(202).extract().path("id");

        var first = CompletableFuture.supplyAsync(() -> pipeline.runOnce("worker-a"));
        awaitTrue(() -> !twilio.messages.held.waiting().isEmpty(), "the send reached the provider");
        Instant leasedUntil = leaseUntil(id);

        // Past a quarter of the lease the waiting worker renews it; past the original lease no other round may take it.
        clock.advance(config.lease().dividedBy(2));
        awaitTrue(() -> leaseUntil(id).isAfter(leasedUntil), "the lease was renewed");
        clock.advance(config.lease().dividedBy(2).plusSeconds(1));
        assertThat(clock.instant()).isAfter(leasedUntil);
        assertThat(pipeline.runOnce("worker-b")).as("tasks another worker took over").isZero();

        twilio.messages.held.letGo();
        first.get(30, TimeUnit.SECONDS);
        Api.as(key).get("/api/v1/reminders/" + id).then().statusCode(200).body("status", equalTo("SENT"));
        long created = twilio.requests().stream()
                .filter(r -> r.getMethod().getName().equals("POST") && r.getUrl().startsWith(FakeTwilio.MESSAGES))
                .filter(r -> FakeTwilio.form(r).getOrDefault("To", List.of()).contains(phone)).count();
        assertThat(created).as("messages created for the borrower").isEqualTo(1);
        long lookups = twilio.requests().stream()
                .filter(r -> r.getMethod().getName().equals("GET") && r.getUrl().startsWith(FakeTwilio.MESSAGES)).count();
        assertThat(lookups).as("provider lookups of an interrupted send").isZero();
    }

    private Instant leaseUntil(String reminderId) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT lease_until FROM dispatch_task WHERE reminder_id = ?", UUID.fromString(reminderId));
                 var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return Sql.instant(rs, "lease_until");
            }
        });
    }

    /** Polls another thread's progress (not the passing of time: the clock is pinned and moved by the test). */
    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 1_000; i++) {
            if (condition.getAsBoolean()) return;
            Thread.sleep(10);
        }
        throw new AssertionError("never: " + what);
    }
}
