package io.tixing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class OpenApiContractTest {

    JsonNode doc;

    @BeforeEach
    void load() throws Exception {
        doc = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
    }

    Set<String> documented(String method, String path) {
        JsonNode op = doc.path("paths").path(path).path(method.toLowerCase());
        assertThat(op.isMissingNode()).as("%s %s is in the OpenAPI document", method, path).isFalse();
        Set<String> codes = new TreeSet<>();
        op.path("responses").fieldNames().forEachRemaining(codes::add);
        return codes;
    }

    /** The status an endpoint really answered must be one the document lists for it. */
    void answers(String method, String path, Response response, int expected) {
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.asString()).isEqualTo(expected);
        assertThat(documented(method, path)).as("documented statuses of %s %s", method, path).contains(String.valueOf(expected));
    }

    @Test
    void every_operation_has_a_summary_a_description_bearer_security_and_problem_json_errors() {
        List<String> undescribed = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            var path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                var op = ops.next();
                if (!op.getValue().isObject() || !op.getValue().has("responses")) continue;
                String key = op.getKey().toUpperCase() + " " + path.getKey();
                if (!op.getValue().hasNonNull("summary") || !op.getValue().hasNonNull("description")) undescribed.add(key);
                op.getValue().get("responses").fields().forEachRemaining(r -> {
                    if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                        assertThat(r.getValue().path("content").path("application/problem+json").path("schema").path("$ref").asText())
                                .as("%s %s", key, r.getKey()).isEqualTo("#/components/schemas/Problem");
                    }
                });
            }
        }
        assertThat(undescribed).as("operations without summary or description (add them to ApiDocumentation.OPS)").isEmpty();
        assertThat(doc.at("/components/securitySchemes/bearer/type").asText()).isEqualTo("http");
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(doc.at("/security/0").has("bearer")).isTrue();
        assertThat(doc.at("/paths/~1webhooks~1twilio~1status/post/security/0").isEmpty()).as("webhooks are signed, not keyed").isTrue();
        assertThat(doc.at("/components/schemas/Problem/properties").has("errors")).isTrue();
    }

    @Test
    void the_reminder_submission_has_a_chinese_example_and_its_query_filters_are_documented() {
        JsonNode example = doc.at("/paths/~1api~1v1~1reminders/post/requestBody/content/application~1json/examples");
        assertThat(example.toString()).contains("王小明").contains("示例银行");
        List<String> listParams = new ArrayList<>();
        doc.at("/paths/~1api~1v1~1reminders/get/parameters").forEach(p -> {
            listParams.add(p.get("name").asText());
            assertThat(p.hasNonNull("description")).as("parameter %s", p.get("name")).isTrue();
        });
        assertThat(listParams).contains("status", "borrowerId", "loanId", "waveId", "createdFrom", "createdTo", "limit", "cursor");
        List<String> logParams = new ArrayList<>();
        doc.at("/paths/~1api~1v1~1contact-log/get/parameters").forEach(p -> logParams.add(p.get("name").asText()));
        assertThat(logParams).contains("borrowerId", "kind", "reason", "from", "to", "cursor");
    }

    @Test
    void the_benchmark_endpoint_is_neither_documented_nor_served_unless_enabled() {
        assertThat(doc.path("paths").has("/api/v1/noop")).isFalse();
        Api.asAdmin().body(Fixtures.aReminder()).post("/api/v1/noop").then().statusCode(404);
    }

    @Test
    void reminder_endpoints_answer_the_status_codes_they_document() {
        String submitter = Api.keyWith("oas-" + System.nanoTime(), "submitter");
        String reader = Api.keyWith("oas-reader-" + System.nanoTime(), "compliance");
        Map<String, Object> body = Fixtures.aReminder();
        Response first = Api.as(submitter).body(body).post("/api/v1/reminders");
        answers("POST", "/api/v1/reminders", first, 202);
        String id = first.path("id");
        answers("POST", "/api/v1/reminders", Api.as(submitter).body(body).post("/api/v1/reminders"), 200);
        Map<String, Object> changed = new HashMap<>(body);
        changed.put("template", "pre-due");
        answers("POST", "/api/v1/reminders", Api.as(submitter).body(changed).post("/api/v1/reminders"), 409);
        Map<String, Object> invalid = new HashMap<>(body);
        invalid.remove("borrower");
        answers("POST", "/api/v1/reminders", Api.as(submitter).body(invalid).post("/api/v1/reminders"), 400);
        answers("POST", "/api/v1/reminders", given().contentType("application/json").body(body).post("/api/v1/reminders"), 401);
        answers("POST", "/api/v1/reminders", Api.as(reader).body(Fixtures.aReminder()).post("/api/v1/reminders"), 403);

        answers("GET", "/api/v1/reminders/{id}", Api.as(submitter).get("/api/v1/reminders/" + id), 200);
        answers("GET", "/api/v1/reminders/{id}", Api.as(submitter).get("/api/v1/reminders/" + UUID.randomUUID()), 404);
        answers("GET", "/api/v1/reminders", Api.as(submitter).get("/api/v1/reminders"), 200);
        answers("GET", "/api/v1/reminders", Api.as(submitter).queryParam("status", "NOPE").get("/api/v1/reminders"), 400);
        answers("POST", "/api/v1/reminders/{id}/cancel", Api.as(submitter).post("/api/v1/reminders/" + id + "/cancel"), 200);
        answers("POST", "/api/v1/reminders/{id}/cancel", Api.as(submitter).post("/api/v1/reminders/" + id + "/cancel"), 409);
    }

    @Test
    void admin_waves_contact_log_and_webhook_endpoints_answer_the_status_codes_they_document() {
        Response created = Api.asAdmin().body(Map.of("client", "oas-key-" + System.nanoTime(), "roles", List.of("operator")))
                .post("/api/v1/admin/api-keys");
        answers("POST", "/api/v1/admin/api-keys", created, 201);
        answers("GET", "/api/v1/admin/api-keys", Api.asAdmin().get("/api/v1/admin/api-keys"), 200);
        int keyId = created.path("id");
        answers("DELETE", "/api/v1/admin/api-keys/{id}", Api.asAdmin().delete("/api/v1/admin/api-keys/" + keyId), 204);

        String operator = Api.keyWith("oas-op-" + System.nanoTime(), "operator");
        var r = Fixtures.aReminder();
        Map<String, Object> wave = new HashMap<>(Map.of("name", "oas wave", "template", "overdue-reminder", "channels", List.of("SMS"),
                "channelStrategy", "FIRST_ALLOWED", "start", Map.of("at", TestClock.DEFAULT.plus(Duration.ofDays(1)).toString()),
                "notAfter", "2026-12-31T00:00:00Z", "recipients", List.of(Map.of("borrower", r.get("borrower"), "loan", r.get("loan")))));
        answers("POST", "/api/v1/waves", Api.as(operator).queryParam("dryRun", true).body(wave).post("/api/v1/waves"), 200);
        Response accepted = Api.as(operator).body(wave).post("/api/v1/waves");
        answers("POST", "/api/v1/waves", accepted, 202);
        String waveId = accepted.path("id");
        answers("GET", "/api/v1/waves/{id}", Api.as(operator).get("/api/v1/waves/" + waveId), 200);
        answers("GET", "/api/v1/waves/{id}", Api.as(operator).get("/api/v1/waves/" + UUID.randomUUID()), 404);
        answers("POST", "/api/v1/waves/{id}/cancel", Api.as(operator).post("/api/v1/waves/" + waveId + "/cancel"), 200);
        answers("POST", "/api/v1/waves/{id}/pause", Api.as(operator).post("/api/v1/waves/" + waveId + "/pause"), 409);

        String compliance = Api.keyWith("oas-c-" + System.nanoTime(), "compliance");
        answers("GET", "/api/v1/contact-log", Api.as(compliance).get("/api/v1/contact-log"), 200);
        answers("GET", "/api/v1/contact-log", Api.as(compliance).queryParam("kind", "NOPE").get("/api/v1/contact-log"), 400);
        answers("GET", "/api/v1/contact-log", Api.as(operator).get("/api/v1/contact-log"), 403);
        answers("GET", "/api/v1/templates", Api.as(operator).get("/api/v1/templates"), 200);
        answers("POST", "/webhooks/twilio/status", given().contentType("application/x-www-form-urlencoded").formParam("MessageSid", "SM9")
                .post("/webhooks/twilio/status"), 403);
    }
}
