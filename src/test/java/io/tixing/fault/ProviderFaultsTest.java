package io.tixing.fault;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tixing.channel.twilio.FakeTwilio;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

/**
 * Providers misbehave for a while and then recover, with the service running throughout. The rules: readiness shows
 * the degradation while it lasts and recovers with the provider (no restart); nothing accepted is lost (every
 * reminder ends SENT); nothing is sent twice (counted at the provider, per destination).
 */
@QuarkusTest
@TestProfile(FaultyProviders.Profile.class)
class ProviderFaultsTest {

    static final int BURST = 20;
    private static final AtomicInteger NUMBERS = new AtomicInteger();

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    static String key;

    @BeforeEach
    void setUp() {
        clock.reset();
        if (key == null) key = Api.keyWith("fault-test", "submitter", "operator", "pii");
        worker.drain();
    }

    @Test
    void a_429_burst_is_ridden_out_and_every_sms_is_sent_exactly_once_after_it() {
        smsFaultThenRecovery(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}"));
    }

    @Test
    void a_run_of_5xx_is_ridden_out_and_every_sms_is_sent_exactly_once_after_it() {
        smsFaultThenRecovery(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":20503,\"message\":\"Service Unavailable\",\"status\":503}"));
    }

    @Test
    void a_send_whose_answer_never_comes_back_is_closed_as_unknown_and_never_sent_twice() {
        // The provider takes each message but answers only after twice the read timeout: it may have sent it,
        // so the gateway must not send again (at most once), and must say so.
        var server = FaultyProviders.twilio.server;
        List<String> phones = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> borrowers = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            String phone = "+86136" + (10_000_000 + NUMBERS.incrementAndGet());
            phones.add(phone);
            server.stubFor(post(urlPathEqualTo(FakeTwilio.MESSAGES)).atPriority(5).withRequestBody(containing("To=" + phone.replace("+", "%2B")))
                    .willReturn(aResponse().withStatus(201).withFixedDelay(2 * FaultyProviders.READ_TIMEOUT_SECONDS * 1000)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"sid\":\"SM" + String.format("%032d", Long.parseLong(phone.substring(1))) + "\",\"status\":\"accepted\"}")));
            var body = Fixtures.aReminder();
            borrower(body).put("phone", phone);
            borrowers.add((String) borrower(body).get("id"));
            ids.add(Api.submit(key, body).statusCode(202).extract().path("id"));
        }
        worker.drain();
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'Channels' }.data.SMS", containsString("DEGRADED"));
        clock.advance(Duration.ofMinutes(30));
        worker.drain();

        for (String id : ids) {
            Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("FAILED"))
                    .body("attempts.status", equalTo(List.of("UNKNOWN"))).body("attempts[0].errorCode", equalTo("TIMEOUT"));
        }
        for (String phone : phones) {
            long requests = server.getAllServeEvents().stream()
                    .filter(e -> e.getRequest().getBodyAsString().contains("To=" + phone.replace("+", "%2B"))).count();
            assertThat(requests).as("requests reaching the provider for " + phone).isEqualTo(1);
        }
        for (String borrower : borrowers) { // a person looks at each: the borrower may or may not have been reached
            Api.as(key).queryParam("kind", "UNKNOWN_OUTCOME").queryParam("borrowerId", borrower).get("/api/v1/worklist").then()
                    .statusCode(200).body("size()", equalTo(1)).body("[0].reason", containsString("unknown outcome"));
        }
    }

    @Test
    void an_smtp_server_that_goes_away_and_comes_back_on_the_same_port_gets_every_email_exactly_once() {
        FaultyProviders.stopSmtp();
        List<String> recipients = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < BURST; i++) {
                String email = "fault-" + NUMBERS.incrementAndGet() + "-" + System.nanoTime() + "@example.com";
                var body = Fixtures.aReminder();
                borrower(body).put("email", email);
                body.put("channels", List.of("EMAIL"));
                recipients.add(email);
                ids.add(Api.submit(key, body).statusCode(202).extract().path("id"));
            }
            worker.drain();
            for (String id : ids) Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("DEFERRED"));
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'Channels' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'Channels' }.data.EMAIL", containsString("DEGRADED"));
        } finally {
            FaultyProviders.startSmtp();
        }
        clock.advance(Duration.ofSeconds(30));
        worker.drain();

        for (String id : ids) Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("SENT"));
        for (String email : recipients) assertThat(receivedBy(email)).as("messages at the SMTP server for " + email).isEqualTo(1);
        given().get("/q/health/ready").then().statusCode(200);
    }

    /** Every SMS of a burst meets the fault first; the fault is lifted; one retry round later all are SENT, once each. */
    private void smsFaultThenRecovery(ResponseDefinitionBuilder fault) {
        var server = FaultyProviders.twilio.server;
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            String phone = "+86136" + (10_000_000 + NUMBERS.incrementAndGet());
            phones.add(phone);
            server.stubFor(post(urlPathEqualTo(FakeTwilio.MESSAGES)).atPriority(5).withRequestBody(containing("To=" + phone.replace("+", "%2B")))
                    .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                            .withBody("{\"sid\":\"SM" + String.format("%032d", Long.parseLong(phone.substring(1))) + "\",\"status\":\"accepted\"}")));
        }
        StubMapping outage = server.stubFor(post(urlPathEqualTo(FakeTwilio.MESSAGES)).atPriority(1).willReturn(fault));
        List<String> ids = new ArrayList<>();
        for (String phone : phones) {
            var body = Fixtures.aReminder();
            borrower(body).put("phone", phone);
            ids.add(Api.submit(key, body).statusCode(202).extract().path("id"));
        }

        worker.drain();
        for (String id : ids) {
            Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("DEFERRED")).body("attempts[0].status", equalTo("RETRY"));
        }
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'Channels' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Channels' }.data.SMS", containsString("DEGRADED"));

        server.removeStub(outage);
        clock.advance(Duration.ofSeconds(30)); // past the longest backoff (20 s)
        worker.drain();

        for (String id : ids) {
            Api.as(key).get("/api/v1/reminders/" + id).then().body("status", equalTo("SENT"))
                    .body("attempts.status", equalTo(List.of("RETRY", "SENT")));
        }
        for (String phone : phones) assertThat(acceptedBy(phone)).as("messages the provider accepted for " + phone).isEqualTo(1);
        given().get("/q/health/ready").then().statusCode(200);
    }

    /** Requests to this number that the fake Twilio answered with 2xx: messages it would have delivered. */
    private static long acceptedBy(String phone) {
        return FaultyProviders.twilio.server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith(FakeTwilio.MESSAGES))
                .filter(e -> List.of(phone).equals(FakeTwilio.form(e.getRequest()).get("To")))
                .map(ServeEvent::getResponse).filter(r -> r.getStatus() / 100 == 2).count();
    }

    private static long receivedBy(String email) {
        return Arrays.stream(FaultyProviders.mail.getReceivedMessages()).filter(m -> recipient(m).equals(email)).count();
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

}
