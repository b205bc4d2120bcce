package io.tixing.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.tixing.channel.twilio.TwilioSignature;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * While PostgreSQL is down, every request that needs it is answered 503 problem+json with a Retry-After (a client,
 * a load balancer or Twilio retries), never 500; once it is back, the same requests succeed, and nothing the service
 * refused during the outage was stored.
 */
@QuarkusTest
@TestProfile(StoppableDatabase.Profile.class)
class DatabaseOutageTest {

    static final String REMINDERS = "/api/v1/reminders";

    @AfterEach
    void databaseBack() { StoppableDatabase.startServer(); }

    /** Each test starts with the database up, whichever test stopped it last. */
    @org.junit.jupiter.api.BeforeEach
    void databaseIsUp() throws InterruptedException {
        StoppableDatabase.startServer();
        awaitReady();
    }

    @Test
    void while_the_database_is_down_requests_get_503_with_retry_after_and_after_it_returns_they_succeed_and_nothing_refused_exists()
            throws Exception {
        // Before: a reminder, a borrower with a contact log, a key issued but never used (so not cached).
        var before = Fixtures.aReminder();
        String phone = "+86139" + String.format("%08d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000));
        Fixtures.borrower(before).put("phone", phone);
        String borrowerId = (String) Fixtures.borrower(before).get("id");
        String reminderId = Api.submit(Fixtures.ADMIN_KEY, before).statusCode(202).extract().path("id");
        String freshKey = Api.keyWith("outage-reader", "operator");
        var during = Fixtures.aReminder();
        Fixtures.borrower(during).put("id", borrowerId);
        Fixtures.borrower(during).put("phone", phone);
        Map<String, String> stop = new LinkedHashMap<>(Map.of("From", phone, "Body", "STOP", "MessageSid", "SM" + UUID.randomUUID().toString().replace("-", "")));

        StoppableDatabase.stopServer();

        assertUnavailable(Api.as(Fixtures.ADMIN_KEY).body(during).post(REMINDERS), "intake");
        assertUnavailable(Api.asAdmin().queryParam("borrowerId", borrowerId).get("/api/v1/contact-log"), "contact-log search");
        assertUnavailable(Api.asAdmin().get(REMINDERS + "/" + reminderId), "GET reminder");
        assertUnavailable(Api.asAdmin().get("/api/v1/borrowers/" + borrowerId + "/timeline"), "timeline");
        assertUnavailable(Api.asAdmin().get("/api/v1/borrowers/" + borrowerId + "/consents"), "consents");
        // A key that must be looked up is not "unknown" while the database is away: 503, so the client keeps it.
        assertUnavailable(Api.as(freshKey).get("/api/v1/borrowers/" + borrowerId + "/consents"), "uncached key");
        // Twilio retries a webhook answered 5xx; an inbound STOP must not be lost, nor half-applied.
        HttpResponse<String> webhook = inbound(stop);
        assertThat(webhook.statusCode()).as("inbound STOP webhook").isEqualTo(503);
        assertThat(webhook.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(webhook.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        // Readiness tells the orchestrator, liveness stays up (the process is fine).
        given().get("/q/health/ready").then().statusCode(503);

        StoppableDatabase.startServer();
        awaitReady();

        // Nothing refused was stored: the refused request id is new (202, not a 200 replay), the STOP was not applied.
        assertThat(Api.asAdmin().get("/api/v1/borrowers/" + borrowerId + "/consents").then().statusCode(200)
                .extract().<List<Map<String, Object>>>path("$")).as("opt-outs after the refused STOP").isEmpty();
        List<String> kinds = Api.asAdmin().queryParam("borrowerId", borrowerId).get("/api/v1/contact-log")
                .then().statusCode(200).extract().path("entries.kind");
        assertThat(kinds).as("contact log of the borrower: only the reminder accepted before the outage")
                .doesNotContain("INBOUND").contains("REQUEST");
        long requests = kinds.stream().filter("REQUEST"::equals).count();
        assertThat(requests).isEqualTo(1);
        Api.submit(Fixtures.ADMIN_KEY, during).statusCode(202);
        // ... and the same requests now succeed.
        Api.asAdmin().get(REMINDERS + "/" + reminderId).then().statusCode(200);
        Api.asAdmin().get("/api/v1/borrowers/" + borrowerId + "/timeline").then().statusCode(200);
        Api.as(freshKey).get("/api/v1/borrowers/" + borrowerId + "/consents").then().statusCode(200);
        assertThat(inbound(stop).statusCode()).as("Twilio's retry of the STOP").isEqualTo(200);
        assertThat(Api.asAdmin().get("/api/v1/borrowers/" + borrowerId + "/consents").then().statusCode(200)
                .extract().<List<String>>path("kind")).contains("OPT_OUT");
        Api.asAdmin().get("/api/v1/contact-log/verify").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("OK"));
    }

    @Test
    void requests_that_do_not_need_the_database_keep_their_answers_during_an_outage() {
        Api.asAdmin().get("/api/v1/contact-log/texts").then().statusCode(200); // the admin key is now verified and cached
        StoppableDatabase.stopServer();
        given().get("/q/health/live").then().statusCode(200);
        // A bad request is still the client's fault, and says so; no key is still 401; a bad signature still 403.
        Api.asAdmin().body("{").post(REMINDERS).then().statusCode(400);
        given().get("/api/v1/contact-log").then().statusCode(401);
        given().contentType("application/x-www-form-urlencoded").formParam("Body", "STOP").post("/webhooks/twilio/inbound").then().statusCode(403);
    }

    /**
     * The database stops while reminders are arriving. Each is answered 202 or 503, never 500; afterwards every
     * reminder that exists has its one REQUEST entry in the contact log (a transaction cut short left neither), and
     * sending a refused one again is accepted.
     */
    @Test
    void a_database_that_stops_under_concurrent_intake_leaves_every_reminder_whole_or_absent() throws Exception {
        int n = 60;
        List<Map<String, Object>> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) bodies.add(Fixtures.aReminder());
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                var body = bodies.get(i);
                answers.add(pool.submit(() -> Api.as(Fixtures.ADMIN_KEY).body(body).post(REMINDERS).statusCode()));
                if (i == n / 3) pool.submit(StoppableDatabase::stopServer);
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var a : answers) statuses.add(a.get());
            assertThat(statuses).as("answers while the database stopped").containsAnyOf(503).allMatch(s -> s == 202 || s == 503);
        } finally {
            pool.shutdown();
        }
        StoppableDatabase.startServer();
        awaitReady();
        for (int i = 0; i < n; i++) {
            // Sent again: a replay (200) of what was stored, or a first acceptance (202) of what was not.
            var again = Api.submit(Fixtures.ADMIN_KEY, bodies.get(i)).statusCode(org.hamcrest.Matchers.oneOf(200, 202)).extract();
            List<String> kinds = Api.asAdmin().queryParam("reminderId", again.<String>path("id")).get("/api/v1/contact-log")
                    .then().statusCode(200).extract().path("entries.kind");
            assertThat(kinds.stream().filter("REQUEST"::equals).count()).as("REQUEST entries of reminder " + i + " (" + again.statusCode() + ")")
                    .isEqualTo(1);
        }
        Api.asAdmin().get("/api/v1/contact-log/verify").then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("OK"));
    }

    private static void assertUnavailable(Response r, String what) {
        assertThat(r.statusCode()).as(what + ": " + r.asString()).isEqualTo(503);
        assertThat(r.contentType()).as(what).startsWith("application/problem+json");
        assertThat(r.header("Retry-After")).as(what + " Retry-After (seconds, from tixing.api.outage-retry-after)").isEqualTo("7");
        assertThat(r.<String>path("type")).isEqualTo(Problem.BASE + "database-unavailable");
    }

    private static void awaitReady() throws InterruptedException {
        for (int i = 0; i < 60; i++) {
            if (given().get("/q/health/ready").statusCode() == 200) return;
            Thread.sleep(500);
        }
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> inbound(Map<String, String> form) throws Exception {
        String path = "/webhooks/twilio/inbound";
        Map<String, List<String>> params = new LinkedHashMap<>();
        form.forEach((k, v) -> params.put(k, List.of(v)));
        String signature = new TwilioSignature(StoppableDatabase.Profile.TOKEN, StoppableDatabase.Profile.WEBHOOK_BASE)
                .sign(StoppableDatabase.Profile.WEBHOOK_BASE + path, params);
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
