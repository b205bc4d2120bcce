package io.tixing.wave;

import io.tixing.lender.LenderEvents;
import io.tixing.lender.LenderConfig;
import io.tixing.lender.LenderEventDelivery;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
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

        for (int day = 0; day <= 4; day++) {               // D+3 VOICE, D+5 VOICE, D+7 VOICE+SMS
            if (day > 0) clock.advance(Duration.ofDays(1));
            cadence.advanceDue();
            worker.drain();
            noAnswerOnEveryCall(borrower);                 // each call ends without a conversation
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
        assertThat(WaveFixtures.sandboxMessages(db, borrower)).isEqualTo(4);
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

    private void noAnswerOnEveryCall(String borrower) {
        db.inTransaction(c -> Sql.update(c, "UPDATE attempt SET status = 'NO_ANSWER' WHERE borrower_id = ? AND channel = 'VOICE'", borrower));
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
