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
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.tixing.support.Fixtures.borrower;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Signed Twilio status callbacks through the real webhook endpoint: what an undelivered or failed message means is
 * decided by the same AttemptOutcomes as a send's own result (invalid number, provider opt-out, fail-over).
 */
@QuarkusTest
@TestProfile(LiveProviders.Profile.class)
class DeliveryStatusCallbackTest {

    private static final AtomicInteger NUMBERS = new AtomicInteger(8000);

    @Inject DispatchWorker worker;
    @Inject TestClock clock;

    static String key;

    @BeforeEach
    void setUp() {
        clock.reset();
        if (key == null) key = Api.keyWith("status-callback-test", "submitter", "operator", "compliance", "pii");
        worker.drain();
    }

    /** A reminder by SMS then email (FIRST_ALLOWED), sent by SMS through the fake Twilio; returns reminder and attempt ids. */
    private record Sent(String reminderId, String attemptId, String messageSid, String borrowerId, String email) {}

    private Sent sentBySms() {
        String phone = "+86136" + String.format("%08d", NUMBERS.incrementAndGet());
        String messageSid = "SM" + String.format("%032d", Long.parseLong(phone.substring(1)));
        LiveProviders.twilio.server.stubFor(post(urlPathEqualTo(FakeTwilio.MESSAGES)).withRequestBody(containing("To=" + phone.replace("+", "%2B")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"" + messageSid + "\",\"status\":\"accepted\"}")));
        var body = Fixtures.aReminder();
        borrower(body).put("phone", phone);
        String email = "status-" + phone.substring(1) + "@example.com";
        borrower(body).put("email", email);
        body.put("channels", List.of("SMS", "EMAIL"));
        String id = Api.submit(key, body).statusCode(202).extract().path("id");
        worker.drain();
        String attempt = Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("SENT")).extract().path("attempts[0].id");
        return new Sent(id, attempt, messageSid, (String) borrower(body).get("id"), email);
    }

    private static SignedWebhook status(Sent s, String status, String errorCode) {
        return SignedWebhook.of("/webhooks/twilio/status?attemptId=" + s.attemptId(),
                Map.of("MessageSid", s.messageSid(), "MessageStatus", status, "ErrorCode", errorCode));
    }

    private static List<Map<String, Object>> entries(String borrowerId) {
        return Api.as(key).queryParam("borrowerId", borrowerId).get("/api/v1/contact-log").then().statusCode(200)
                .extract().jsonPath().getList("entries");
    }

    @Test
    void undelivered_30003_marks_the_number_invalid_and_first_allowed_goes_on_by_email() {
        var s = sentBySms();

        status(s, "undelivered", "30003").post();
        worker.drain();

        Api.as(key).get("/api/v1/reminders/" + s.reminderId()).then().body("status", equalTo("SENT"))
                .body("attempts.channel", equalTo(List.of("SMS", "EMAIL")))
                .body("attempts[0].status", equalTo("UNDELIVERED")).body("attempts[0].errorCode", equalTo("30003"));
        // The number is now known to be unreachable: the next SMS to it is suppressed, as explain shows.
        Api.as(key).queryParam("borrowerId", s.borrowerId()).queryParam("channel", "SMS").get("/api/v1/policy/explain").then()
                .statusCode(200).body("decision", equalTo("SUPPRESS")).body("reasons", hasItem("CONTACT_POINT_INVALID"));
    }

    @Test
    void error_21610_records_the_providers_opt_out_in_the_consent_ledger() {
        var s = sentBySms();

        status(s, "undelivered", "21610").post();
        worker.drain();

        assertThat(entries(s.borrowerId())).filteredOn(e -> "OPTED_OUT".equals(e.get("outcome")))
                .singleElement().satisfies(e -> assertThat((String) e.get("detail")).contains("source=PROVIDER"));
        Api.as(key).queryParam("borrowerId", s.borrowerId()).queryParam("channel", "SMS").get("/api/v1/policy/explain").then()
                .statusCode(200).body("decision", equalTo("SUPPRESS")).body("reasons", hasItem("OPTED_OUT"));
    }

    @Test
    void a_failed_message_goes_on_with_the_next_channel() {
        var s = sentBySms();

        status(s, "failed", "30008").post();
        worker.drain();

        Api.as(key).get("/api/v1/reminders/" + s.reminderId()).then().body("status", equalTo("SENT"))
                .body("attempts.channel", equalTo(List.of("SMS", "EMAIL")))
                .body("attempts[0].status", equalTo("FAILED")).body("attempts[1].status", equalTo("SENT"));
        assertThat(java.util.Arrays.stream(LiveProviders.mail.getReceivedMessages()).filter(m -> recipient(m).equals(s.email()))).hasSize(1);
    }

    @Test
    void a_callback_without_our_attempt_id_finds_the_attempt_by_the_message_sid() {
        var s = sentBySms();

        // e.g. a status callback set on the Twilio messaging service rather than per message
        SignedWebhook.of("/webhooks/twilio/status", Map.of("MessageSid", s.messageSid(), "MessageStatus", "delivered")).post();

        Api.as(key).get("/api/v1/reminders/" + s.reminderId()).then()
                .body("attempts[0].status", equalTo("DELIVERED")).body("attempts[0].providerId", equalTo(s.messageSid()));
    }

    @Test
    void a_replayed_callback_changes_nothing() {
        var s = sentBySms();
        var undelivered = status(s, "undelivered", "30003");
        undelivered.post();
        worker.drain();
        var before = entries(s.borrowerId()).size();

        undelivered.post();
        worker.drain();

        assertThat(entries(s.borrowerId())).hasSize(before);
        Api.as(key).get("/api/v1/reminders/" + s.reminderId()).then().body("attempts", org.hamcrest.Matchers.hasSize(2));
        assertThat(java.util.Arrays.stream(LiveProviders.mail.getReceivedMessages()).filter(m -> recipient(m).equals(s.email()))).hasSize(1);
    }

    private static String recipient(jakarta.mail.internet.MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
