package io.tixing.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tixing.channel.twilio.FakeTwilio;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import io.tixing.wave.CadenceAdvance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.tixing.support.Fixtures.borrower;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Borrowers' replies acted on, end to end: signed Twilio webhooks in, the real SDK against the fake Twilio out, the
 * worklist read through its API. "Today" is Monday 2026-11-23 in Shanghai.
 */
@QuarkusTest
@TestProfile(LiveProviders.Profile.class)
class ConversationRepliesTest {

    private static final AtomicInteger NUMBERS = new AtomicInteger(7000);
    private static final AtomicInteger SIDS = new AtomicInteger();

    @Inject DispatchWorker worker;
    @Inject CadenceAdvance cadence;
    @Inject TestClock clock;
    @Inject Database db;

    static String key;
    static String agent;

    @BeforeEach
    void setUp() {
        clock.reset();
        if (key == null) {
            key = Api.keyWith("conversations-test", "submitter", "operator", "compliance");
            agent = Api.keyWith("collections-team", "agent");
        }
        worker.drain();
    }

    @AfterEach
    void tearDown() { clock.reset(); }

    private static String freshMobile() { return "+86136" + String.format("%08d", NUMBERS.incrementAndGet()); }

    private static String sid() { return "SM" + String.format("%032d", SIDS.incrementAndGet() + System.nanoTime() % 1_000_000_000L); }

    private static void acceptSms(String phone) {
        LiveProviders.twilio.server.stubFor(post(urlPathEqualTo(FakeTwilio.MESSAGES)).withRequestBody(containing("To=" + phone.replace("+", "%2B")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"" + sid() + "\",\"status\":\"accepted\"}")));
    }

    private static List<String> smsBodiesTo(String phone) {
        return LiveProviders.twilio.requests().stream().filter(r -> r.getUrl().startsWith(FakeTwilio.MESSAGES))
                .map(FakeTwilio::form).filter(f -> List.of(phone).equals(f.get("To"))).map(f -> f.get("Body").getFirst()).toList();
    }

    /** A borrower who got one reminder by SMS. */
    private Map<String, Object> borrowerWithOneSms(String phone) {
        acceptSms(phone);
        var first = Fixtures.aReminder();
        borrower(first).put("phone", phone);
        String id = Api.submit(key, first).statusCode(202).extract().path("id");
        worker.drain();
        Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("SENT"));
        return first;
    }

    private String nextReminder(Map<String, Object> first) {
        var next = Fixtures.aReminder();
        next.put("borrower", borrower(first));
        next.put("loan", first.get("loan"));
        String id = Api.submit(key, next).statusCode(202).extract().path("id");
        worker.drain();
        return id;
    }

    private static String reply(String phone, String text) {
        return SignedWebhook.of("/webhooks/twilio/inbound", Map.of("From", phone, "Body", text, "MessageSid", sid())).post();
    }

    private static io.restassured.path.json.JsonPath log(String borrowerId) {
        return Api.as(key).queryParam("borrowerId", borrowerId).queryParam("limit", 200).get("/api/v1/contact-log").then().statusCode(200)
                .extract().jsonPath();
    }

    private static io.restassured.path.json.JsonPath worklist(String borrowerId) {
        return Api.as(agent).queryParam("borrowerId", borrowerId).queryParam("status", "all").get("/api/v1/worklist").then().statusCode(200)
                .extract().jsonPath();
    }

    private long lenderEvents(String type, String borrowerId) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT count(*) FROM lender_event WHERE type = ? AND payload->>'borrowerId' = ?", type, borrowerId);
                 var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void a_wrong_number_is_never_used_again_for_that_borrower_whatever_later_requests_say() {
        String phone = freshMobile();
        var first = borrowerWithOneSms(phone);
        String borrowerId = (String) borrower(first).get("id");

        String twiml = reply(phone, "打错了，我不是王小明");
        assertThat(twiml).contains("抱歉打扰").doesNotContain("示例银行", "1234", "王");

        // A later request states the same number again, in another spelling: still not the borrower's.
        borrower(first).put("phone", phone.substring(0, 3) + " " + phone.substring(3, 6) + " " + phone.substring(6));
        var later = Fixtures.aReminder();
        later.put("borrower", Map.copyOf(borrower(first)));
        borrower(first).put("phone", phone);
        later.put("borrower", borrower(first));
        acceptSms(phone);
        String id = Api.submit(key, later).statusCode(202).extract().path("id");
        worker.drain();
        Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("SUPPRESSED"))
                .body("decisions[0].reasons", hasItem("CONTACT_POINT_INVALID"));
        assertThat(smsBodiesTo(phone)).hasSize(1);

        var entries = log(borrowerId);
        assertThat(entries.getList("entries.findAll { it.kind == 'INBOUND' }.outcome")).containsExactly("WRONG_NUMBER");
        assertThat(entries.getString("entries.find { it.kind == 'INBOUND' }.detail")).contains("rule=wrong-number.zh-CN:打错了");
        assertThat(entries.getList("entries.outcome")).contains("CONTACT_POINT_EXCLUDED", "CASE_OPENED");
        assertThat(lenderEvents("borrower.wrong_number", borrowerId)).isEqualTo(1);
        assertThat(worklist(borrowerId).getList("kind")).containsExactly("WRONG_NUMBER");
    }

    @Test
    void a_dispute_places_a_dispute_hold_and_goes_to_a_person() {
        String phone = freshMobile();
        var first = borrowerWithOneSms(phone);
        String borrowerId = (String) borrower(first).get("id");

        assertThat(reply(phone, "这笔钱不是我借的")).doesNotContain("<Message>");

        acceptSms(phone);
        Api.as(key).get("/api/v1/reminders/" + nextReminder(first)).then().body("status", equalTo("SUPPRESSED"))
                .body("decisions[0].reasons", hasItem("HOLD_DISPUTE"));
        assertThat(worklist(borrowerId).getList("kind")).containsExactly("DISPUTE");
        assertThat(lenderEvents("borrower.escalate", borrowerId)).isEqualTo(1);
        assertThat(log(borrowerId).getString("entries.find { it.kind == 'INBOUND' }.detail")).contains("rule=dispute.zh-CN:不是我借的");
    }

    @Test
    void not_refusing_is_no_dispute_and_hardship_sets_the_sticky_flag_and_sends_the_hardship_offer() {
        String phone = freshMobile();
        var first = borrowerWithOneSms(phone);
        String borrowerId = (String) borrower(first).get("id");
        acceptSms(phone);

        reply(phone, "不是不还，我失业了，真的没钱");
        worker.drain();

        Api.as(key).get("/api/v1/borrowers/" + borrowerId + "/flags").then().body("flag", contains("HARDSHIP"))
                .body("source", contains("REPLY"));
        assertThat(smsBodiesTo(phone)).hasSize(2);
        assertThat(smsBodiesTo(phone).get(1)).contains("分期");
        assertThat(worklist(borrowerId).getList("kind")).containsExactly("HARDSHIP");
        assertThat(lenderEvents("borrower.hardship_requested", borrowerId)).isEqualTo(1);
        // A later overdue reminder of the borrower renders as the hardship offer (the flag is the person's, not the
        // request's): the very text just sent, so the policy holds it back as a duplicate instead of sending it again.
        acceptSms(phone);
        Api.as(key).get("/api/v1/reminders/" + nextReminder(first)).then().body("status", equalTo("SUPPRESSED"))
                .body("decisions[0].reasons", hasItem("DUPLICATE"));
        assertThat(smsBodiesTo(phone)).hasSize(2);
    }

    @Test
    void a_promise_pauses_the_cadence_until_the_day_after_and_is_confirmed_and_told_to_the_lender() {
        String phone = freshMobile();
        acceptSms(phone);
        var r = Fixtures.aReminder();
        borrower(r).put("phone", phone);
        @SuppressWarnings("unchecked") var loan = (Map<String, Object>) r.get("loan");
        loan.put("dueDate", LocalDate.of(2026, 11, 26).toString()); // today is D-3
        loan.remove("daysOverdue");
        String loanId = (String) loan.get("id");
        String borrowerId = (String) borrower(r).get("id");
        Api.as(key).body(Map.of("borrower", borrower(r), "loan", loan, "status", "ACTIVE", "cadence", "default"))
                .put("/api/v1/loans/" + loanId).then().statusCode(200);
        cadence.advanceDue();
        worker.drain();
        assertThat(smsBodiesTo(phone)).hasSize(1);

        acceptSms(phone);
        reply(phone, "下个月5号还");
        worker.drain();
        assertThat(smsBodiesTo(phone)).hasSize(2);
        assertThat(smsBodiesTo(phone).get(1)).contains("2026", "12", "5").contains("还款承诺");
        assertThat(lenderEvents("borrower.promise_to_pay", borrowerId)).isEqualTo(1);

        for (int day = 1; day <= 12; day++) {           // up to Dec 5, the promised day: no step
            clock.advance(Duration.ofDays(1));
            cadence.advanceDue();
        }
        Api.as(key).get("/api/v1/loans/" + loanId).then().body("stepsRun", contains("D-3"));
        clock.advance(Duration.ofDays(1));               // Dec 6: the cadence goes on
        cadence.advanceDue();
        Api.as(key).get("/api/v1/loans/" + loanId).then().body("stepsRun", contains("D-3", "D+7"));
        assertThat(log(borrowerId).getList("entries.outcome")).contains("CADENCE_PAUSED", "PROMISE_TO_PAY");
    }

    @Test
    void an_agent_claims_notes_and_resolves_a_case_and_every_step_is_in_the_contact_log() {
        String phone = freshMobile();
        var first = borrowerWithOneSms(phone);
        String borrowerId = (String) borrower(first).get("id");
        reply(phone, "转人工");

        var open = worklist(borrowerId);
        assertThat(open.getList("kind")).containsExactly("AGENT_REQUEST");
        assertThat(open.getString("[0].timeline")).isEqualTo("/api/v1/borrowers/" + borrowerId + "/timeline");
        String caseId = open.getString("[0].id");
        clock.advance(Duration.ofMinutes(30));
        Api.as(agent).get("/api/v1/worklist/" + caseId).then().statusCode(200).body("ageSeconds", equalTo(1800)).body("status", equalTo("OPEN"));

        Api.as(agent).post("/api/v1/worklist/" + caseId + "/claim").then().statusCode(200).body("status", equalTo("CLAIMED"))
                .body("claimedBy", equalTo("api:collections-team"));
        String other = Api.keyWith("other-team", "agent");
        Api.as(other).post("/api/v1/worklist/" + caseId + "/claim").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("claimed by api:collections-team"));
        Api.as(other).body(Map.of("outcome", "CONTACTED")).post("/api/v1/worklist/" + caseId + "/resolve").then().statusCode(409);
        Api.as(agent).body(Map.of("note", " ")).post("/api/v1/worklist/" + caseId + "/notes").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("note"));
        Api.as(agent).body(Map.of("outcome", "MAYBE")).post("/api/v1/worklist/" + caseId + "/resolve").then().statusCode(400)
                .body("errors[0].field", equalTo("outcome"));
        Api.as(agent).post("/api/v1/worklist/not-a-case/claim").then().statusCode(400).body("errors[0].field", equalTo("id"));
        Api.as(agent).post("/api/v1/worklist/" + java.util.UUID.randomUUID() + "/claim").then().statusCode(404);

        Api.as(agent).body(Map.of("note", "called back, will pay Friday")).post("/api/v1/worklist/" + caseId + "/notes").then()
                .statusCode(200).body("notes[0].note", equalTo("called back, will pay Friday"));
        Api.as(agent).body(Map.of("outcome", "CONTACTED")).post("/api/v1/worklist/" + caseId + "/resolve").then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("outcome", equalTo("CONTACTED"));
        Api.as(agent).body(Map.of("outcome", "CONTACTED")).post("/api/v1/worklist/" + caseId + "/resolve").then().statusCode(409);

        Api.as(agent).queryParam("borrowerId", borrowerId).get("/api/v1/worklist").then().body("size()", equalTo(0));
        assertThat(log(borrowerId).getList("entries.outcome")).contains("CASE_OPENED", "CASE_CLAIMED", "CASE_NOTE", "CASE_RESOLVED");
        Api.as(Api.keyWith("lender-only", "submitter")).get("/api/v1/worklist").then().statusCode(403);
        Api.as(agent).queryParam("kind", "NOPE").get("/api/v1/worklist").then().statusCode(400).body("errors[0].field", equalTo("kind"));
    }

    @Test
    void the_worklist_metrics_count_open_cases_and_the_age_of_the_oldest() {
        String phone = freshMobile();
        var first = borrowerWithOneSms(phone);
        reply(phone, "嗯嗯");
        clock.advance(Duration.ofHours(2));
        metrics.refresh();
        String scrape = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(scrape).containsPattern("tixing_worklist_open\\{kind=\"UNKNOWN_REPLY\"[^}]*} [1-9]")
                .containsPattern("tixing_worklist_oldest_seconds\\{kind=\"UNKNOWN_REPLY\"[^}]*} [0-9.E]+");
        assertThat(worklist((String) borrower(first).get("id")).getList("kind")).containsExactly("UNKNOWN_REPLY");
    }

    @Inject io.tixing.worklist.WorklistMetrics metrics;

    /** A borrower called by the robot who confirmed identity; returns the voice webhook base of the call. */
    private String callAnswered(String phone, String[] borrowerIdOut, String[] loanOut) {
        String callSid = "CA" + String.format("%032d", SIDS.incrementAndGet() + System.nanoTime() % 1_000_000_000L);
        LiveProviders.twilio.server.stubFor(post(urlPathEqualTo(FakeTwilio.CALLS)).withRequestBody(containing("To=" + phone.replace("+", "%2B")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"" + callSid + "\",\"status\":\"queued\"}")));
        var body = Fixtures.aReminder();
        borrower(body).put("phone", phone);
        body.put("channels", List.of("VOICE"));
        borrowerIdOut[0] = (String) borrower(body).get("id");
        if (loanOut != null) loanOut[0] = (String) Fixtures.loan(body).get("id");
        String id = Api.submit(key, body).statusCode(202).extract().path("id");
        worker.drain();
        String attempt = Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("SENT")).extract().path("attempts[0].id");
        String base = "/webhooks/twilio/voice/" + attempt;
        SignedWebhook.of(base + "?step=identity", Map.of("Digits", "1", "CallSid", callSid)).post();
        return base + "|" + callSid;
    }

    @Test
    void a_promise_and_a_request_for_a_person_by_dtmf_have_the_effects_of_the_same_reply() {
        String[] borrowerId = new String[1];
        String[] call = callAnswered(freshMobile(), borrowerId, null).split("\\|");
        SignedWebhook.of(call[0] + "?step=menu", Map.of("Digits", "1", "CallSid", call[1])).post();
        SignedWebhook.of(call[0] + "?step=promise-date", Map.of("Digits", "20261205", "CallSid", call[1])).post();
        assertThat(lenderEvents("borrower.promise_to_pay", borrowerId[0])).isEqualTo(1);

        String[] other = new String[1];
        String[] second = callAnswered(freshMobile(), other, null).split("\\|");
        SignedWebhook.of(second[0] + "?step=menu", Map.of("Digits", "0", "CallSid", second[1])).post();
        assertThat(worklist(other[0]).getList("kind")).containsExactly("AGENT_REQUEST");
        assertThat(lenderEvents("borrower.escalate", other[0])).isEqualTo(1);
    }

    @Test
    void the_voice_robots_hardship_and_agent_keys_have_the_same_effects_as_the_reply() {
        String phone = freshMobile();
        String callSid = "CA" + String.format("%032d", SIDS.incrementAndGet());
        LiveProviders.twilio.server.stubFor(post(urlPathEqualTo(FakeTwilio.CALLS)).withRequestBody(containing("To=" + phone.replace("+", "%2B")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"" + callSid + "\",\"status\":\"queued\"}")));
        var body = Fixtures.aReminder();
        borrower(body).put("phone", phone);
        body.put("channels", List.of("VOICE"));
        String borrowerId = (String) borrower(body).get("id");
        String id = Api.submit(key, body).statusCode(202).extract().path("id");
        worker.drain();
        String attempt = Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("SENT")).extract().path("attempts[0].id");
        String base = "/webhooks/twilio/voice/" + attempt;
        SignedWebhook.of(base + "?step=identity", Map.of("Digits", "1", "CallSid", callSid)).post();
        SignedWebhook.of(base + "?step=menu", Map.of("Digits", "2", "CallSid", callSid)).post();

        Api.as(key).get("/api/v1/borrowers/" + borrowerId + "/flags").then().body("flag", contains("HARDSHIP"));
        assertThat(worklist(borrowerId).getList("kind")).containsExactly("HARDSHIP");
        assertThat(lenderEvents("borrower.hardship_requested", borrowerId)).isEqualTo(1);
    }
}
