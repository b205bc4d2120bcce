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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.tixing.support.Fixtures.borrower;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * Inbound replies end to end: signed Twilio webhooks in, the real SDK against the fake Twilio out. A borrower who
 * said stop in any reasonable way gets no further SMS; START lifts only the borrower's own stop; replays change nothing.
 */
@QuarkusTest
@TestProfile(LiveProviders.Profile.class)
class InboundRepliesTest {

    private static final AtomicInteger NUMBERS = new AtomicInteger(5000);
    private static final AtomicInteger SIDS = new AtomicInteger();

    @Inject DispatchWorker worker;
    @Inject TestClock clock;

    static String key;

    @BeforeEach
    void setUp() {
        clock.reset();
        if (key == null) key = Api.keyWith("replies-test", "submitter", "operator", "compliance", "pii");
        worker.drain();
    }

    private static String freshMobile() { return "+86137" + String.format("%08d", NUMBERS.incrementAndGet()); }

    private static String sid(String prefix) { return prefix + String.format("%032d", SIDS.incrementAndGet() + System.nanoTime() % 1_000_000_000L); }

    /** The fake Twilio accepts the next SMS to {@code phone} with a fresh message id (the newest stub wins). */
    private static void acceptNextSms(String phone) {
        LiveProviders.twilio.server.stubFor(post(urlPathEqualTo(FakeTwilio.MESSAGES)).withRequestBody(containing("To=" + phone.replace("+", "%2B")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"" + sid("SM") + "\",\"status\":\"accepted\"}")));
    }

    /** A borrower with one SMS already sent, so the fake has seen exactly one message to the phone. */
    private Map<String, Object> borrowerWithOneSms(String phone, String locale) {
        acceptNextSms(phone);
        var first = Fixtures.aReminder();
        borrower(first).put("phone", phone);
        if (locale != null) borrower(first).put("locale", locale);
        String id = Api.submit(key, first).statusCode(202).extract().path("id");
        worker.drain();
        Api.as(key).get("/api/v1/reminders/" + id).then().log().ifValidationFails().body("status", equalTo("SENT"));
        assertThat(smsTo(phone)).isEqualTo(1);
        return first;
    }

    /** The next reminder to the same borrower; returns its id after the worker has run. */
    private String nextReminder(Map<String, Object> first) {
        acceptNextSms((String) borrower(first).get("phone"));
        var next = Fixtures.aReminder();
        next.put("borrower", borrower(first));
        String id = Api.submit(key, next).statusCode(202).extract().path("id");
        worker.drain();
        return id;
    }

    private void assertSuppressedAsOptedOut(String reminderId) {
        Api.as(key).get("/api/v1/reminders/" + reminderId).then()
                .body("status", equalTo("SUPPRESSED")).body("decisions[0].reasons", hasItem("OPTED_OUT"));
    }

    private static long smsTo(String phone) {
        return LiveProviders.twilio.requests().stream().filter(r -> r.getUrl().startsWith(FakeTwilio.MESSAGES))
                .map(FakeTwilio::form).filter(f -> List.of(phone).equals(f.get("To"))).count();
    }

    private static SignedWebhook reply(String phone, String text) {
        return SignedWebhook.of("/webhooks/twilio/inbound", Map.of("From", phone, "Body", text, "MessageSid", sid("SM")));
    }

    private static io.restassured.path.json.JsonPath log(String borrowerId) {
        return Api.as(key).queryParam("borrowerId", borrowerId).get("/api/v1/contact-log").then().statusCode(200).extract().jsonPath();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"REVOKE", "Stop.", "退订。", "ＴＤ", "please stop texting me", "停止", "OPT OUT", "不要再发了", "別再發"})
    void a_reply_that_says_stop_in_any_reasonable_way_suppresses_the_next_sms_as_opted_out(String text) {
        String phone = freshMobile();
        var first = borrowerWithOneSms(phone, null);

        String twiml = reply(phone, text).post();
        assertThat(twiml).contains("<Message>").contains("您已退订短信提醒");

        assertSuppressedAsOptedOut(nextReminder(first));
        assertThat(smsTo(phone)).as("messages reaching the provider").isEqualTo(1);
        Api.as(key).get("/api/v1/borrowers/" + borrower(first).get("id") + "/consents").then()
                .body("[0].source", equalTo("SMS_REPLY")).body("[0].value", equalTo("SMS"));
        var inbound = log((String) borrower(first).get("id")).getList("entries.findAll { it.kind == 'INBOUND' }", Map.class);
        assertThat(inbound).hasSize(1);
        assertThat(inbound.getFirst().get("outcome")).isEqualTo("STOP");
        assertThat((String) inbound.getFirst().get("detail")).contains("intent=OPT_OUT", "keyword=", "normalized=", "consent=CHANGED");
    }

    @Test
    void the_stop_confirmation_is_in_the_borrowers_language() {
        for (var c : List.of(List.of("zh-TW", "您已取消簡訊通知"), List.of("zh-HK", "你已取消短訊通知"), List.of("en-US", "You are unsubscribed"))) {
            String phone = freshMobile();
            var body = Fixtures.aReminder();
            borrower(body).put("phone", phone);
            borrower(body).put("locale", c.get(0));
            Api.submit(key, body).statusCode(202); // the gateway now knows the number and the borrower's language
            assertThat(reply(phone, "STOP").post()).as(c.get(0)).contains(c.get(1));
        }
    }

    @Test
    void a_repeated_stop_changes_nothing_more_and_is_confirmed_again() {
        String phone = freshMobile();
        var first = borrowerWithOneSms(phone, null);
        reply(phone, "TD").post();
        assertThat(reply(phone, "退订").post()).contains("您已退订");
        assertThat(log((String) borrower(first).get("id")).getList("entries.findAll { it.outcome == 'OPTED_OUT' }")).hasSize(1);
        assertThat(log((String) borrower(first).get("id")).getString("entries.find { it.kind == 'INBOUND' }.detail"))
                .contains("consent=UNCHANGED");
    }

    @Test
    void start_lifts_the_borrowers_own_stop_and_the_next_sms_is_sent() {
        String phone = freshMobile();
        var first = borrowerWithOneSms(phone, null);
        reply(phone, "TD").post();
        String twiml = reply(phone, "开始").post();
        assertThat(twiml).contains("您已恢复接收短信提醒");

        Api.as(key).get("/api/v1/reminders/" + nextReminder(first)).then().body("status", equalTo("SENT"));
        assertThat(smsTo(phone)).isEqualTo(2);
    }

    @Test
    void start_does_not_lift_an_operator_opt_out() {
        String phone = freshMobile();
        var first = borrowerWithOneSms(phone, null);
        String borrowerId = (String) borrower(first).get("id");
        reply(phone, "STOP").post();
        Api.as(key).contentType("application/json").body(Map.of("channel", "SMS", "note", "asked on the phone"))
                .post("/api/v1/borrowers/" + borrowerId + "/opt-outs").then().statusCode(201);

        String twiml = reply(phone, "START").post();
        assertThat(twiml).as("no confirmation: the borrower is still opted out").doesNotContain("<Message>");

        Api.as(key).get("/api/v1/borrowers/" + borrowerId + "/consents").then()
                .body("size()", equalTo(1)).body("[0].source", equalTo("API")).body("[0].value", equalTo("SMS"));
        assertSuppressedAsOptedOut(nextReminder(first));
        assertThat(smsTo(phone)).isEqualTo(1);
        assertThat(log(borrowerId).getString("entries.find { it.outcome == 'START' }.detail"))
                .contains("consent=CHANGED", "sms opt-outs in force=[API]");
    }

    @Test
    void an_operator_cannot_lift_the_borrowers_own_stop_only_the_borrower_can() {
        String phone = freshMobile();
        var first = borrowerWithOneSms(phone, null);
        String borrowerId = (String) borrower(first).get("id");
        reply(phone, "退订。").post();

        Api.as(key).delete("/api/v1/borrowers/" + borrowerId + "/opt-outs/SMS").then().statusCode(409)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("SMS_REPLY"));

        Api.as(key).get("/api/v1/borrowers/" + borrowerId + "/consents").then()
                .body("size()", equalTo(1)).body("[0].source", equalTo("SMS_REPLY"));
        assertSuppressedAsOptedOut(nextReminder(first));
        assertThat(smsTo(phone)).isEqualTo(1);
    }

    @Test
    void start_does_not_lift_a_provider_opt_out_nor_an_opt_out_of_all_channels() {
        String phone = freshMobile();
        var first = borrowerWithOneSms(phone, null);
        String borrowerId = (String) borrower(first).get("id");
        Api.as(key).contentType("application/json").body(Map.of("channel", "ALL"))
                .post("/api/v1/borrowers/" + borrowerId + "/opt-outs").then().statusCode(201);

        assertThat(reply(phone, "UNSTOP").post()).doesNotContain("<Message>");
        Api.as(key).get("/api/v1/borrowers/" + borrowerId + "/consents").then().body("[0].value", equalTo("ALL"));
        assertSuppressedAsOptedOut(nextReminder(first));
    }

    @Test
    void a_byte_for_byte_replay_of_a_signed_start_after_a_later_td_changes_nothing() {
        String phone = freshMobile();
        var first = borrowerWithOneSms(phone, null);
        String borrowerId = (String) borrower(first).get("id");
        reply(phone, "TD").post();
        SignedWebhook start = reply(phone, "START");
        assertThat(start.post()).contains("您已恢复");
        clock.advance(Duration.ofMinutes(5));
        reply(phone, "TD").post();

        clock.advance(Duration.ofHours(1));
        String replayed = start.post();
        assertThat(replayed).doesNotContain("<Message>");

        Api.as(key).get("/api/v1/borrowers/" + borrowerId + "/consents").then()
                .body("size()", equalTo(1)).body("[0].source", equalTo("SMS_REPLY"));
        assertSuppressedAsOptedOut(nextReminder(first));
        assertThat(smsTo(phone)).isEqualTo(1);
        var entries = log(borrowerId);
        assertThat(entries.getList("entries.findAll { it.outcome == 'OPTED_IN' }")).hasSize(1);
        assertThat(entries.getList("entries.findAll { it.outcome == 'REPLAY' }")).hasSize(1);
    }

    @Test
    void a_reply_stamped_before_the_latest_consent_change_changes_nothing() {
        String phone = freshMobile();
        var first = borrowerWithOneSms(phone, null);
        reply(phone, "TD").post();
        String earlier = clock.instant().minus(Duration.ofMinutes(10)).atOffset(ZoneOffset.UTC).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        String twiml = SignedWebhook.of("/webhooks/twilio/inbound", Map.of("From", phone, "Body", "START", "MessageSid", sid("SM"),
                "Timestamp", earlier)).post();

        assertThat(twiml).doesNotContain("<Message>");
        assertSuppressedAsOptedOut(nextReminder(first));
        assertThat(log((String) borrower(first).get("id")).getString("entries.find { it.outcome == 'START' }.detail")).contains("consent=STALE");
    }

    @Test
    void an_ambiguous_refusal_opts_out_and_is_on_the_review_worklist() {
        String phone = freshMobile();
        var first = borrowerWithOneSms(phone, null);
        String borrowerId = (String) borrower(first).get("id");
        assertThat(reply(phone, "Leave me alone!").post()).contains("您已退订");

        assertSuppressedAsOptedOut(nextReminder(first));
        Api.as(key).queryParam("kind", "INBOUND").queryParam("outcome", "STOP_REVIEW").queryParam("borrowerId", borrowerId)
                .get("/api/v1/contact-log").then().statusCode(200)
                .body("entries.size()", equalTo(1)).body("entries[0].detail", containsString("review=needed"))
                .body("entries[0].detail", containsString("keyword=leave me alone"));
    }

    @Test
    void a_reply_that_is_no_keyword_is_logged_with_what_was_recognised_and_changes_no_consent() {
        String phone = freshMobile();
        var first = borrowerWithOneSms(phone, null);
        String borrowerId = (String) borrower(first).get("id");
        assertThat(reply(phone, "I'll pay at the weekend").post()).doesNotContain("<Message>");

        Api.as(key).get("/api/v1/reminders/" + nextReminder(first)).then().body("status", equalTo("SENT"));
        var entry = log(borrowerId).getMap("entries.find { it.kind == 'INBOUND' }");
        assertThat(entry.get("outcome")).isEqualTo("REPLY");
        // A promise without a date the classifier can resolve goes to a person (docs/CONVERSATIONS.md); consent is untouched.
        assertThat((String) entry.get("detail")).contains("intent=UNKNOWN", "rule=promise.en-US:i'll pay+no date",
                "normalized=i'll pay at the weekend", "text=I'll pay at the weekend");
        assertThat(entry.get("destination")).isNotNull().asString().doesNotContain(phone.substring(4));
    }

    @Test
    void a_reply_from_a_number_no_borrower_has_is_logged_without_a_borrower() {
        String phone = freshMobile();
        SignedWebhook stop = reply(phone, "STOP");
        String sid = java.net.URLDecoder.decode(new String(stop.body(), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll(".*MessageSid=([^&]*).*", "$1"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(stop.post()).doesNotContain("<Message>");

        Api.as(key).queryParam("kind", "INBOUND").queryParam("q", sid)
                .queryParam("from", clock.instant().minus(Duration.ofHours(1)).toString())
                .queryParam("to", clock.instant().plus(Duration.ofHours(1)).toString())
                .get("/api/v1/contact-log").then().statusCode(200)
                .body("entries.size()", equalTo(1)).body("entries[0].borrowerId", nullValue())
                .body("entries[0].providerId", equalTo(sid)).body("entries[0].outcome", equalTo("STOP"))
                .body("entries[0].detail", containsString("sender=unknown"))
                .body("entries[0].destination", org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.notNullValue(), not(containsString(phone.substring(4)))));
    }
}
