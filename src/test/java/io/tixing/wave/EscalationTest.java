package io.tixing.wave;

import io.tixing.lender.LenderEvents;
import io.tixing.lender.LenderConfig;
import io.tixing.lender.LenderEventDelivery;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.quarkus.test.junit.TestProfile;
import io.tixing.channel.twilio.FakeTwilio;
import io.tixing.channel.twilio.TwilioSignature;
import io.tixing.webhook.LiveProviders;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs with the fake Twilio (real SDK, WireMock) so that a call nobody answers reaches the gateway exactly as in
 * production: a {@code CallStatus=no-answer} status callback on the signed webhook, which the gateway records as
 * UNDELIVERED. The test never writes an attempt status itself.
 */
@QuarkusTest
@TestProfile(LiveProviders.Profile.class)
class EscalationTest {

    @Inject DispatchWorker worker;
    @Inject CadenceAdvance cadence;
    @Inject LenderEvents events;
    @Inject LenderEventDelivery delivery;
    @Inject TestClock clock;
    @Inject Database db;

    static String lender;

    @BeforeEach
    void setUp() {
        clock.reset();
        worker.drain();
        cadence.advanceDue();
        worker.drain();
        if (lender == null) lender = Api.keyWith("escalation-lender", "submitter");
    }

    @AfterEach
    void tearDown() { clock.reset(); }

    @Test
    void three_unanswered_calls_hand_the_borrower_to_an_agent_with_a_lender_event_and_a_log_entry() {
        var loan = CadenceTest.loan(LocalDate.of(2026, 11, 20), List.of(), "HIGH");  // today is D+3
        String borrower = CadenceTest.id(loan), loanId = CadenceTest.loanId(loan);
        loan.put("status", "ACTIVE");
        Api.as(lender).body(loan).put("/api/v1/loans/" + loanId).then().statusCode(200);

        String phone = WaveFixtures.borrowerOf(loan).get("phone").toString();
        providerAccepts(FakeTwilio.MESSAGES, phone, "SM", "accepted");
        for (int day = 0; day <= 4; day++) {               // D+3 VOICE, D+5 VOICE, D+7 VOICE+SMS
            if (day > 0) clock.advance(Duration.ofDays(1));
            providerAccepts(FakeTwilio.CALLS, phone, "CA", "queued");   // each call gets its own CallSid
            cadence.advanceDue();
            worker.drain();
            nobodyAnswersTheCalls(borrower);               // each call rings out: Twilio calls back with no-answer
            assertThat(escalations(loanId)).as("no hand-off on day D+%d", 3 + day).isZero();
        }
        clock.advance(Duration.ofDays(1));                 // D+8: three unanswered calls → the next step is the hand-off
        cadence.advanceDue();
        assertThat(escalations(loanId)).isEqualTo(1);
        Api.as(lender).get("/api/v1/loans/" + loanId).then()
                .body("handedOffAt", org.hamcrest.Matchers.notNullValue())
                .body("stepsRun", org.hamcrest.Matchers.contains("D+3", "D+5", "D+7", "D+15"));
        Map<String, String> event = db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT status, payload->>'unansweredAttempts', payload->>'step' FROM lender_event WHERE dedup_key = ?",
                    LenderEvents.ESCALATE + ":escalation-lender:" + loanId); var rs = ps.executeQuery()) {
                rs.next();
                return Map.of("status", rs.getString(1), "unanswered", rs.getString(2), "step", rs.getString(3));
            }
        });
        assertThat(event).containsEntry("status", "UNDELIVERED_NO_URL").containsEntry("unanswered", "3").containsEntry("step", "D+15");

        for (int day = 0; day < 10; day++) {               // handed off: automation stops for this loan
            clock.advance(Duration.ofDays(1));
            cadence.advanceDue();
        }
        worker.drain();
        // D+7's channels go out in the order the step lists them (VOICE, SMS): tasks due together run in enqueue order
        assertThat(attempts(borrower)).as("D+3, D+5, D+7 calls and the D+7 SMS; nothing after the hand-off")
                .containsExactly("VOICE:UNDELIVERED:NO-ANSWER", "VOICE:UNDELIVERED:NO-ANSWER", "VOICE:UNDELIVERED:NO-ANSWER", "SMS:SENT:null");
        assertThat(escalations(loanId)).isEqualTo(1);
    }

    @Test
    void lender_events_are_signed_and_retried_with_backoff_until_the_lender_takes_them() throws Exception {
        WireMockServer lenderSite = new WireMockServer(options().dynamicPort());
        lenderSite.start();
        try {
            lenderSite.stubFor(post(urlEqualTo("/hooks/tixing")).willReturn(aResponse().withStatus(503)));
            String key = "test:" + WaveFixtures.fresh();
            db.inTransaction(c -> events.record(c, LenderEvents.ESCALATE, key, "escalation-lender",
                    Map.of("type", LenderEvents.ESCALATE, "loanId", key), clock.instant(), true));
            URI target = URI.create("http://127.0.0.1:" + lenderSite.port() + "/hooks/tixing");

            assertThat(delivery.deliverDue(target)).isZero();
            assertThat(status(key)).isEqualTo("PENDING");
            lenderSite.stubFor(post(urlEqualTo("/hooks/tixing")).willReturn(aResponse().withStatus(204)));
            assertThat(delivery.deliverDue(target)).as("not retried before its backoff").isZero();
            clock.advance(Duration.ofSeconds(31));
            assertThat(delivery.deliverDue(target)).isEqualTo(1);
            assertThat(status(key)).isEqualTo("DELIVERED");

            var sent = lenderSite.findAll(postRequestedFor(urlEqualTo("/hooks/tixing")));
            assertThat(sent).hasSize(2);
            String body = sent.getLast().getBodyAsString();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("test-lender-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
            lenderSite.verify(postRequestedFor(urlEqualTo("/hooks/tixing"))
                    .withHeader(LenderEventDelivery.SIGNATURE_HEADER, equalTo(expected))
                    .withHeader("X-Tixing-Event", equalTo(LenderEvents.ESCALATE)));
        } finally {
            lenderSite.stop();
        }
    }

    /** The fake provider takes the next message or call to {@code phone} and names it with a fresh sid. */
    private static void providerAccepts(String path, String phone, String sidPrefix, String status) {
        String sid = sidPrefix + UUID.randomUUID().toString().replace("-", "");
        LiveProviders.twilio().server.stubFor(post(urlPathEqualTo(path)).withRequestBody(containing("To=" + phone.replace("+", "%2B")))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"" + sid + "\",\"status\":\"" + status + "\"}")));
    }

    /** Every call still waiting for its outcome ends as Twilio reports a call that rang out: a signed no-answer callback. */
    private void nobodyAnswersTheCalls(String borrower) {
        List<Map<String, String>> calls = db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT id, provider_id FROM attempt WHERE borrower_id = ? AND channel = 'VOICE' AND status = 'SENT'", borrower);
                 var rs = ps.executeQuery()) {
                List<Map<String, String>> out = new ArrayList<>();
                while (rs.next()) out.add(Map.of("attempt", rs.getString(1), "sid", rs.getString(2)));
                return out;
            }
        });
        for (var call : calls) {
            String path = "/webhooks/twilio/status?attemptId=" + call.get("attempt");
            Map<String, String> form = Map.of("CallSid", call.get("sid"), "CallStatus", "no-answer");
            String signature = new TwilioSignature(FakeTwilio.TOKEN, LiveProviders.WEBHOOK_BASE).sign(LiveProviders.WEBHOOK_BASE + path,
                    Map.of("CallSid", List.of(call.get("sid")), "CallStatus", List.of("no-answer")));
            RestAssured.given().contentType("application/x-www-form-urlencoded").header("X-Twilio-Signature", signature)
                    .formParams(form).post(path).then().statusCode(204);
        }
    }

    /** channel:status:error of the borrower's attempts, in the order they were made. */
    private List<String> attempts(String borrower) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT channel, status, error_code FROM attempt WHERE borrower_id = ? ORDER BY seq", borrower);
                 var rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) out.add(rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getString(3));
                return out;
            }
        });
    }

    private long escalations(String loanId) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT count(*) FROM contact_log WHERE loan_id = ? AND kind = 'LIFECYCLE' AND outcome = 'ESCALATED'", loanId);
                 var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private String status(String key) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT status FROM lender_event WHERE dedup_key = ?", key); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
    }
}
