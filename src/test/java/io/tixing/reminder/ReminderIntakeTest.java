package io.tixing.reminder;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static io.tixing.support.Fixtures.borrower;
import static io.tixing.support.Fixtures.loan;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class ReminderIntakeTest {

    static String submitter;

    @BeforeEach
    void keys() {
        if (submitter == null) submitter = Api.keyWith("loan-sys", "submitter");
    }

    @Test
    void a_valid_reminder_is_accepted_as_queued() {
        Api.submit(submitter, Fixtures.aReminder())
                .statusCode(202)
                .body("status", equalTo("QUEUED"))
                .body("id", org.hamcrest.Matchers.notNullValue())
                .body("decisions", hasSize(0));
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                bad("requestId", r -> r.put("requestId", "")),
                bad("requestId", r -> r.put("requestId", "x".repeat(129))),
                bad("requestId", r -> r.put("requestId", "tab\there")),
                bad("borrower.phone", r -> borrower(r).put("phone", "13800138000")),
                bad("borrower.phone", r -> borrower(r).put("phone", "+861234")),
                bad("borrower.phone", r -> borrower(r).put("phone", "+861065529988")),   // Beijing landline: no SMS
                bad("borrower.email", r -> borrower(r).put("email", "wang@@example")),
                bad("borrower.locale", r -> borrower(r).put("locale", "fr-FR")),
                bad("borrower.timezone", r -> borrower(r).put("timezone", "Mars/Olympus")),
                bad("borrower.jurisdiction", r -> borrower(r).put("jurisdiction", "JP")),
                bad("borrower.flags[0]", r -> borrower(r).put("flags", List.of("RICH"))),
                bad("borrower.id", r -> borrower(r).remove("id")),
                bad("loan.amountDue", r -> loan(r).put("amountDue", "-1.00")),
                bad("loan.amountDue", r -> loan(r).put("amountDue", "lots")),
                bad("loan.currency", r -> loan(r).put("currency", "XYZ")),
                bad("loan.dueDate", r -> loan(r).put("dueDate", "20/11/2026")),
                bad("loan.hotline", r -> loan(r).remove("hotline")),
                bad("channels", r -> r.put("channels", List.of())),
                bad("channels[0]", r -> r.put("channels", List.of("FAX"))),
                bad("borrower.email", r -> {
                    borrower(r).remove("email");
                    r.put("channels", List.of("EMAIL"));
                }),
                bad("channelStrategy", r -> r.put("channelStrategy", "RANDOM")),
                bad("notAfter", r -> r.put("notAfter", "tomorrow")),
                bad("template", r -> r.put("template", "no-such-template")));
    }

    private static Arguments bad(String field, Consumer<Map<String, Object>> breakIt) {
        return Arguments.of(field, breakIt);
    }

    @ParameterizedTest(name = "bad {0} is reported by name")
    @MethodSource("badFields")
    void each_bad_field_is_reported_as_problem_json(String field, Consumer<Map<String, Object>> breakIt) {
        var body = Fixtures.aReminder();
        breakIt.accept(body);
        Api.submit(submitter, body)
                .statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("type", equalTo("https://tixing.io/problems/validation"))
                .body("errors.field", hasItem(field));
    }

    @Test
    void every_bad_field_is_reported_at_once() {
        var body = Fixtures.aReminder();
        borrower(body).put("locale", "xx");
        loan(body).put("currency", "???");
        body.put("channels", List.of("PIGEON"));
        Api.submit(submitter, body).statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("borrower.locale", "loan.currency", "channels[0]"));
    }

    @Test
    void unknown_fields_are_rejected_not_ignored() {
        var body = Fixtures.aReminder();
        borrower(body).put("nickname", "小明");
        Api.submit(submitter, body).statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors[0].field", equalTo("borrower.nickname"));
    }

    @Test
    void malformed_json_is_a_problem_not_a_crash() {
        Api.as(submitter).body("{\"requestId\": \"x\", ").post("/api/v1/reminders").then()
                .statusCode(400).contentType(containsString("application/problem+json"));
    }

    @Test
    void a_wrong_type_names_the_field() {
        var body = Fixtures.aReminder();
        body.put("channels", Map.of("not", "a list"));
        Api.submit(submitter, body).statusCode(400).body("errors[0].field", equalTo("channels"));
    }

    @Test
    void bodies_over_one_mebibyte_are_refused_with_413() {
        var body = Fixtures.aReminder();
        body.put("requestId", "x".repeat(1024 * 1024 + 10));
        Api.submit(submitter, body).statusCode(413);
    }

    @Test
    void a_streamed_body_of_unknown_length_over_the_limit_is_refused_before_it_is_read() throws Exception {
        var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        var big = Fixtures.aReminder();
        big.put("requestId", "x".repeat(2 * 1024 * 1024));
        byte[] json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(big);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI + ":"
                        + io.restassured.RestAssured.port + "/api/v1/reminders"))
                .header("Authorization", "Bearer " + submitter).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(json))) // chunked
                .build();
        var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(response.statusCode()).isIn(411, 413);
        org.assertj.core.api.Assertions.assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void the_same_request_twice_returns_the_original_reminder() {
        var body = Fixtures.aReminder();
        String id = Api.submit(submitter, body).statusCode(202).extract().path("id");
        Api.submit(submitter, body).statusCode(200).body("id", equalTo(id));
    }

    @Test
    void the_same_request_id_with_another_body_is_a_conflict() {
        var body = Fixtures.aReminder();
        Api.submit(submitter, body).statusCode(202);
        loan(body).put("amountDue", "99.00");
        Api.submit(submitter, body).statusCode(409)
                .contentType(containsString("application/problem+json"))
                .body("type", equalTo("https://tixing.io/problems/idempotency-conflict"));
    }

    @Test
    void the_same_request_id_from_another_client_is_another_reminder() {
        var body = Fixtures.aReminder();
        String first = Api.submit(submitter, body).statusCode(202).extract().path("id");
        String other = Api.keyWith("other-loan-sys", "submitter");
        String second = Api.submit(other, body).statusCode(202).extract().path("id");
        org.assertj.core.api.Assertions.assertThat(second).isNotEqualTo(first);
    }

    @Test
    void without_a_key_the_answer_is_401() {
        given().contentType("application/json").body(Fixtures.aReminder()).post("/api/v1/reminders").then()
                .statusCode(401).contentType(containsString("application/problem+json"));
    }

    @Test
    void with_an_unknown_key_the_answer_is_401() {
        Api.submit("tx_not-a-real-key", Fixtures.aReminder()).statusCode(401);
    }

    @Test
    void a_key_without_the_submitter_role_gets_403() {
        String compliance = Api.keyWith("auditor", "compliance");
        Api.submit(compliance, Fixtures.aReminder()).statusCode(403)
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void a_revoked_key_stops_working() throws InterruptedException {
        var issued = Api.asAdmin().body(Map.of("client", "temp", "roles", List.of("submitter")))
                .post("/api/v1/admin/api-keys").then().statusCode(201).extract();
        String key = issued.path("key");
        int id = issued.path("id");
        Api.submit(key, Fixtures.aReminder()).statusCode(202);
        Api.asAdmin().delete("/api/v1/admin/api-keys/" + id).then().statusCode(204);
        Api.submit(key, Fixtures.aReminder()).statusCode(401);
    }

    @Test
    void keys_are_stored_hashed_and_listed_without_the_secret() {
        String key = Api.keyWith("listed", "operator");
        Api.asAdmin().get("/api/v1/admin/api-keys").then().statusCode(200)
                .body("find { it.client == 'listed' }.prefix", is(key.substring(0, 8)))
                .body("find { it.client == 'listed' }.key", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void only_admins_manage_keys() {
        String operator = Api.keyWith("ops", "operator");
        Api.as(operator).get("/api/v1/admin/api-keys").then().statusCode(403);
    }

    @Test
    void a_submitter_cannot_read_another_clients_reminder() {
        String id = Api.submit(submitter, Fixtures.aReminder()).statusCode(202).extract().path("id");
        String other = Api.keyWith("nosy", "submitter");
        Api.as(other).get("/api/v1/reminders/" + id).then().statusCode(404);
        Api.as(submitter).get("/api/v1/reminders/" + id).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void reminder_status_masks_destinations_without_pii() {
        String id = Api.submit(submitter, Fixtures.aReminder()).statusCode(202).extract().path("id");
        Api.as(submitter).get("/api/v1/reminders/" + id).then().statusCode(200)
                .body("channels", hasItem("SMS")).body("status", startsWith("QUEUED"));
    }
}
