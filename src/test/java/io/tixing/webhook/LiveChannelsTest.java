package io.tixing.webhook;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.tixing.channel.twilio.FakeTwilio;
import io.tixing.channel.twilio.TwilioSignature;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static io.tixing.support.Fixtures.borrower;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The real twilio-java SDK against a fake Twilio on loopback, real SMTP (GreenMail), and signed webhooks. */
@QuarkusTest
@TestProfile(LiveProviders.Profile.class)
class LiveChannelsTest {

    private static final AtomicInteger NUMBERS = new AtomicInteger(1000);

    @Inject DispatchWorker worker;
    @Inject TestClock clock;

    static String key;

    @BeforeEach
    void setUp() {
        clock.reset();
        if (key == null) key = Api.keyWith("live-test", "submitter", "operator", "compliance", "pii");
        worker.drain();
    }

    /** A fresh mobile number per test, so stubs keyed on it never meet another test's requests. */
    private static String freshMobile() { return "+86139" + String.format("%08d", NUMBERS.incrementAndGet()); }

    private static String enc(String phone) { return phone.replace("+", "%2B"); }

    private static void smsTo(String phone, int status, String json) {
        LiveProviders.twilio.server.stubFor(post(urlPathEqualTo(FakeTwilio.MESSAGES)).withRequestBody(containing("To=" + enc(phone)))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(json)));
    }

    private static String accepted(String sid) {
        return "{\"sid\":\"" + sid + "\",\"status\":\"accepted\",\"account_sid\":\"" + FakeTwilio.ACCOUNT + "\"}";
    }

    private static String error(int code, int status) {
        return "{\"code\":" + code + ",\"message\":\"error " + code + "\",\"status\":" + status + "}";
    }

    private static Map<String, Object> reminderTo(String phone, List<String> channels) {
        var body = Fixtures.aReminder();
        borrower(body).put("phone", phone);
        body.put("channels", channels);
        return body;
    }

    private static List<Map<String, List<String>>> formsTo(String path, String phone) {
        return LiveProviders.twilio.requests().stream().filter(r -> r.getUrl().startsWith(path))
                .map(FakeTwilio::form).filter(f -> List.of(phone).equals(f.get("To"))).toList();
    }

    @Test
    void an_sms_reaches_twilio_with_the_exact_form_parameters() {
        String phone = freshMobile();
        smsTo(phone, 201, accepted("SM" + "1".repeat(32)));
        String id = Api.submit(key, reminderTo(phone, List.of("SMS"))).statusCode(202).extract().path("id");
        worker.drain();

        var attempt = Api.as(key).get("/api/v1/reminders/" + id).then().statusCode(200)
                .body("status", equalTo("SENT")).body("attempts[0].providerId", equalTo("SM" + "1".repeat(32)))
                .extract().path("attempts[0].id");
        var form = formsTo(FakeTwilio.MESSAGES, phone).getFirst();
        assertThat(form.get("MessagingServiceSid")).containsExactly(LiveProviders.MESSAGING_SERVICE);
        assertThat(form.get("Body").getFirst()).startsWith("【示例银行】").contains("¥1,234.50").contains("95555").contains("TD");
        assertThat(form.get("StatusCallback")).containsExactly(LiveProviders.WEBHOOK_BASE + "/webhooks/twilio/status?attemptId=" + attempt);
    }

    @Test
    void a_signed_delivery_callback_marks_the_attempt_delivered_and_a_forged_one_is_refused() {
        String phone = freshMobile();
        smsTo(phone, 201, accepted("SM" + "2".repeat(32)));
        String id = Api.submit(key, reminderTo(phone, List.of("SMS"))).statusCode(202).extract().path("id");
        worker.drain();
        String attempt = Api.as(key).get("/api/v1/reminders/" + id).then().extract().path("attempts[0].id");
        String path = "/webhooks/twilio/status?attemptId=" + attempt;
        Map<String, String> form = Map.of("MessageSid", "SM" + "2".repeat(32), "MessageStatus", "delivered");

        signed(path, form, "forged-signature").then().statusCode(403);
        Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("SENT"));

        signed(path, form, null).then().statusCode(204);
        Api.as(key).get("/api/v1/reminders/" + id).then()
                .body("status", equalTo("DELIVERED")).body("attempts[0].status", equalTo("DELIVERED"));
    }

    @Test
    void an_inbound_TD_opts_the_borrower_out_and_the_next_sms_is_suppressed_as_opted_out() {
        String phone = freshMobile();
        smsTo(phone, 201, accepted("SM" + "3".repeat(32)));
        var first = reminderTo(phone, List.of("SMS"));
        Api.submit(key, first).statusCode(202);
        worker.drain();

        String twiml = signed("/webhooks/twilio/inbound", Map.of("From", phone, "Body", " td ", "MessageSid", "SM" + "9".repeat(32)), null)
                .then().statusCode(200).contentType(containsString("xml")).extract().asString();
        assertThat(twiml).contains("<Message>").contains("您已退订");

        var second = reminderTo(phone, List.of("SMS"));
        borrower(second).put("id", borrower(first).get("id"));
        String id = Api.submit(key, second).statusCode(202).extract().path("id");
        worker.drain();
        Api.as(key).get("/api/v1/reminders/" + id).then()
                .body("status", equalTo("SUPPRESSED")).body("decisions[0].reasons", hasItem("OPTED_OUT"));
        assertThat(formsTo(FakeTwilio.MESSAGES, phone)).hasSize(1);
        Api.as(key).get("/api/v1/borrowers/" + borrower(first).get("id") + "/consents").then()
                .body("[0].source", equalTo("SMS_REPLY")).body("[0].value", equalTo("SMS"));
    }

    @Test
    void a_429_is_retried_later_and_then_succeeds() {
        String phone = freshMobile();
        var server = LiveProviders.twilio.server;
        server.stubFor(post(urlPathEqualTo(FakeTwilio.MESSAGES)).withRequestBody(containing("To=" + enc(phone)))
                .inScenario("busy-" + phone).whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody(error(20429, 429)))
                .willSetStateTo("calm"));
        server.stubFor(post(urlPathEqualTo(FakeTwilio.MESSAGES)).withRequestBody(containing("To=" + enc(phone)))
                .inScenario("busy-" + phone).whenScenarioStateIs("calm")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(accepted("SM" + "4".repeat(32)))));
        String id = Api.submit(key, reminderTo(phone, List.of("SMS"))).statusCode(202).extract().path("id");

        worker.drain();
        Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("DEFERRED")).body("attempts[0].status", equalTo("RETRY"));
        clock.advance(Duration.ofSeconds(30)); // past the backoff (at most 20 s here)
        worker.drain();
        Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("SENT"))
                .body("attempts.status", equalTo(List.of("RETRY", "SENT")))
                .body("decisions.decision", equalTo(List.of("ALLOW", "ALLOW"))); // the retry was checked by the policy again
        assertThat(formsTo(FakeTwilio.MESSAGES, phone)).hasSize(2);
    }

    @Test
    void an_sms_provider_failing_with_500_fails_over_to_email() throws Exception {
        String phone = freshMobile();
        smsTo(phone, 500, error(20500, 500));
        var body = reminderTo(phone, List.of("SMS", "EMAIL"));
        String email = "live-" + phone.substring(1) + "@example.com";
        borrower(body).put("email", email);
        String id = Api.submit(key, body).statusCode(202).extract().path("id");

        for (int round = 0; round < 4; round++) {
            worker.drain();
            clock.advance(Duration.ofSeconds(30));
        }
        Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("SENT"))
                .body("attempts.channel", equalTo(List.of("SMS", "SMS", "SMS", "EMAIL")))
                .body("attempts[3].status", equalTo("SENT"));
        assertThat(formsTo(FakeTwilio.MESSAGES, phone)).hasSize(9); // 3 tries, each retried 3 times by the SDK
        MimeMessage[] received = LiveProviders.mail.getReceivedMessages();
        assertThat(java.util.Arrays.stream(received).filter(m -> to(m).equals(email))).hasSize(1);

        // Health shows the degradation while it lasts, and recovers with the provider.
        given().get("/q/health/ready").then().statusCode(503).body("checks.find { it.name == 'Channels' }.data.SMS", containsString("DEGRADED"));
        String healthy = freshMobile();
        smsTo(healthy, 201, accepted("SM" + "6".repeat(32)));
        Api.submit(key, reminderTo(healthy, List.of("SMS"))).statusCode(202);
        worker.drain();
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void an_invalid_number_is_marked_and_never_used_again() {
        String phone = freshMobile();
        smsTo(phone, 400, error(21211, 400));
        var first = reminderTo(phone, List.of("SMS", "EMAIL"));
        String firstId = Api.submit(key, first).statusCode(202).extract().path("id");
        worker.drain();
        Api.as(key).get("/api/v1/reminders/" + firstId).then().body("attempts[0].status", equalTo("FAILED"))
                .body("attempts[0].errorCode", equalTo("21211")).body("attempts[1].channel", equalTo("EMAIL"));

        var second = reminderTo(phone, List.of("SMS", "EMAIL"));
        borrower(second).put("id", borrower(first).get("id"));
        String id = Api.submit(key, second).statusCode(202).extract().path("id");
        worker.drain();
        Api.as(key).get("/api/v1/reminders/" + id).then()
                .body("decisions[0].channel", equalTo("SMS")).body("decisions[0].reasons", hasItem("CONTACT_POINT_INVALID"))
                .body("attempts.channel", equalTo(List.of("EMAIL")));
        assertThat(formsTo(FakeTwilio.MESSAGES, phone)).hasSize(1);
    }

    @Test
    void a_borrower_whose_only_contact_point_is_invalid_is_reported_unreachable_to_the_lender_once() {
        String phone = freshMobile();
        smsTo(phone, 400, error(21614, 400)); // not a mobile number
        var body = reminderTo(phone, List.of("SMS"));
        borrower(body).remove("email");
        String borrowerId = (String) borrower(body).get("id");
        Api.submit(key, body).statusCode(202);
        worker.drain();
        var again = reminderTo(phone, List.of("SMS"));
        again.put("borrower", borrower(body));
        Api.submit(key, again).statusCode(202);
        worker.drain();

        Api.as(key).queryParam("borrowerId", borrowerId).get("/api/v1/contact-log").then()
                .body("entries.findAll { it.outcome == 'UNREACHABLE' }.size()", equalTo(1))
                .body("entries.find { it.outcome == 'UNREACHABLE' }.detail", containsString("every contact point is invalid"));
        assertThat(lenderEvents("borrower.unreachable", borrowerId)).isEqualTo(1);
    }

    @Inject io.tixing.db.Database db;

    private long lenderEvents(String type, String borrowerId) {
        return db.read(c -> {
            try (var ps = io.tixing.db.Sql.prepare(c, "SELECT count(*) FROM lender_event WHERE type = ? AND payload->>'borrowerId' = ?",
                    type, borrowerId); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void a_voice_call_carries_twiml_and_machine_detection_and_key_9_opts_out_of_calls() {
        String phone = freshMobile();
        LiveProviders.twilio.server.stubFor(post(urlPathEqualTo(FakeTwilio.CALLS)).withRequestBody(containing("To=" + enc(phone)))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"CA" + "5".repeat(32) + "\",\"status\":\"queued\"}")));
        var body = reminderTo(phone, List.of("VOICE"));
        borrower(body).put("name", "王<Dial>+19005550000</Dial>");
        String id = Api.submit(key, body).statusCode(202).extract().path("id");
        worker.drain();

        String attempt = Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("SENT")).extract().path("attempts[0].id");
        var form = formsTo(FakeTwilio.CALLS, phone).getFirst();
        assertThat(form.get("MachineDetection")).containsExactly("DetectMessageEnd");
        assertThat(form.get("Twiml").getFirst()).contains("<Gather").doesNotContain("<Dial>+1900").doesNotContain("<Dial");

        String base = "/webhooks/twilio/voice/" + attempt;
        signed(base + "?step=identity", Map.of("Digits", "1", "CallSid", "CA" + "5".repeat(32)), null).then().statusCode(200)
                .body(containsString("¥1,234.50"));
        signed(base + "?step=menu", Map.of("Digits", "9", "CallSid", "CA" + "5".repeat(32)), null).then().statusCode(200);
        Api.as(key).get("/api/v1/borrowers/" + borrower(body).get("id") + "/consents").then()
                .body("find { it.value == 'VOICE' }.source", equalTo("VOICE_DTMF"));
        Api.as(key).queryParam("borrowerId", borrower(body).get("id")).get("/api/v1/contact-log").then()
                .body("entries.outcome", org.hamcrest.Matchers.hasItems("IDENTITY_CONFIRMED", "OPT_OUT"));
    }

    /** Posts a form to a webhook with the signature Twilio would compute, or with {@code forged} instead. */
    private static io.restassured.response.Response signed(String pathAndQuery, Map<String, String> form, String forged) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        form.forEach((k, v) -> params.put(k, List.of(v)));
        String signature = forged != null ? forged
                : new TwilioSignature(FakeTwilio.TOKEN, LiveProviders.WEBHOOK_BASE).sign(LiveProviders.WEBHOOK_BASE + pathAndQuery, params);
        return given().contentType(ContentType.URLENC.withCharset("UTF-8")).header("X-Twilio-Signature", signature)
                .formParams(form).post(pathAndQuery);
    }

    private static String to(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
