package io.tixing.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tixing.channel.twilio.FakeTwilio;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.tixing.support.Fixtures.borrower;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** Provider callbacks are applied once per provider id: a duplicate or a byte-for-byte replay changes nothing. */
@QuarkusTest
@TestProfile(LiveProviders.Profile.class)
class WebhooksApplyOnceTest {

    private static final AtomicInteger NUMBERS = new AtomicInteger(7000);

    @Inject DispatchWorker worker;
    @Inject TestClock clock;

    static String key;

    @BeforeEach
    void setUp() {
        clock.reset();
        if (key == null) key = Api.keyWith("apply-once-test", "submitter", "operator", "compliance", "pii");
        worker.drain();
    }

    private static String freshMobile() { return "+86135" + String.format("%08d", NUMBERS.incrementAndGet()); }

    private static String sid(String prefix, String phone) { return prefix + String.format("%032d", Long.parseLong(phone.substring(1))); }

    private static List<Map<String, Object>> entries(String borrowerId) {
        return Api.as(key).queryParam("borrowerId", borrowerId).get("/api/v1/contact-log").then().statusCode(200)
                .extract().jsonPath().getList("entries");
    }

    /** Posts the same signed bytes {@code times} times at once: concurrent duplicates, as a retrying provider sends them. */
    private static void postConcurrently(SignedWebhook hook, int times) {
        CompletableFuture.allOf(IntStream.range(0, times).mapToObj(i -> CompletableFuture.runAsync(hook::post)).toArray(CompletableFuture[]::new))
                .join();
    }

    @Test
    void a_duplicated_status_callback_is_applied_once() {
        String phone = freshMobile();
        String messageSid = sid("SM", phone);
        LiveProviders.twilio.server.stubFor(post(urlPathEqualTo(FakeTwilio.MESSAGES)).withRequestBody(containing("To=" + phone.replace("+", "%2B")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"" + messageSid + "\",\"status\":\"accepted\"}")));
        var body = Fixtures.aReminder();
        borrower(body).put("phone", phone);
        String email = "once-" + phone.substring(1) + "@example.com";
        borrower(body).put("email", email);
        body.put("channels", List.of("SMS", "EMAIL"));
        String id = Api.submit(key, body).statusCode(202).extract().path("id");
        worker.drain();
        String attempt = Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("SENT")).extract().path("attempts[0].id");

        SignedWebhook undelivered = SignedWebhook.of("/webhooks/twilio/status?attemptId=" + attempt,
                Map.of("MessageSid", messageSid, "MessageStatus", "undelivered", "ErrorCode", "30008"));
        postConcurrently(undelivered, 4);
        worker.drain();
        undelivered.post(); // and once more, after the fail-over has happened
        worker.drain();

        Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("SENT"))
                .body("attempts.channel", equalTo(List.of("SMS", "EMAIL")))
                .body("attempts[0].status", equalTo("UNDELIVERED")).body("attempts[0].errorCode", equalTo("30008"));
        assertThat(entries((String) borrower(body).get("id"))).filteredOn(e -> "STATUS".equals(e.get("kind"))).hasSize(1);
        assertThat(java.util.Arrays.stream(LiveProviders.mail.getReceivedMessages()).filter(m -> recipient(m).equals(email))).hasSize(1);
    }

    @Test
    void a_replayed_voice_menu_choice_answers_again_but_is_recorded_once() {
        String phone = freshMobile();
        String callSid = sid("CA", phone);
        LiveProviders.twilio.server.stubFor(post(urlPathEqualTo(FakeTwilio.CALLS)).withRequestBody(containing("To=" + phone.replace("+", "%2B")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"" + callSid + "\",\"status\":\"queued\"}")));
        var body = Fixtures.aReminder();
        borrower(body).put("phone", phone);
        body.put("channels", List.of("VOICE"));
        String id = Api.submit(key, body).statusCode(202).extract().path("id");
        worker.drain();
        String attempt = Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("SENT")).extract().path("attempts[0].id");
        String base = "/webhooks/twilio/voice/" + attempt;

        SignedWebhook.of(base + "?step=identity", Map.of("Digits", "1", "CallSid", callSid)).post();
        SignedWebhook optOut = SignedWebhook.of(base + "?step=menu", Map.of("Digits", "9", "CallSid", callSid));
        String first = optOut.post();
        String replayed = optOut.post();

        assertThat(replayed).isEqualTo(first).contains("<Say");
        var log = entries((String) borrower(body).get("id"));
        assertThat(log).filteredOn(e -> "OPT_OUT".equals(e.get("outcome"))).hasSize(1);
        assertThat(log).filteredOn(e -> "OPTED_OUT".equals(e.get("outcome"))).hasSize(1);
        assertThat(log).filteredOn(e -> "IDENTITY_CONFIRMED".equals(e.get("outcome"))).hasSize(1);
    }

    @Test
    void concurrent_duplicates_of_one_inbound_stop_are_applied_once() {
        String phone = freshMobile();
        var body = Fixtures.aReminder();
        borrower(body).put("phone", phone);
        Api.submit(key, body).statusCode(202);
        SignedWebhook stop = SignedWebhook.of("/webhooks/twilio/inbound", Map.of("From", phone, "Body", "退订", "MessageSid", sid("SM", phone)));

        postConcurrently(stop, 4);

        var log = entries((String) borrower(body).get("id"));
        assertThat(log).filteredOn(e -> "STOP".equals(e.get("outcome"))).hasSize(1);
        assertThat(log).filteredOn(e -> "REPLAY".equals(e.get("outcome"))).hasSize(3);
        assertThat(log).filteredOn(e -> "OPTED_OUT".equals(e.get("outcome"))).hasSize(1);
    }

    private static String recipient(jakarta.mail.internet.MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
