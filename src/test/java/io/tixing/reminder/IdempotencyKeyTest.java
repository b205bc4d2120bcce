package io.tixing.reminder;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.tixing.support.Fixtures.loan;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class IdempotencyKeyTest {

    static String submitter;

    @BeforeEach
    void keys() {
        if (submitter == null) submitter = Api.keyWith("keyed-sys", "submitter");
    }

    private static Map<String, Object> withoutRequestId() {
        var r = Fixtures.aReminder();
        r.remove("requestId");
        return r;
    }

    @Test
    void an_idempotency_key_stands_in_for_a_missing_request_id_and_replays_the_original() {
        var r = withoutRequestId();
        String key = UUID.randomUUID().toString();
        String id = Api.as(submitter).header("Idempotency-Key", "\"" + key + "\"").body(r).post("/api/v1/reminders")
                .then().statusCode(202).body("requestId", equalTo(key)).extract().path("id");
        Api.as(submitter).header("Idempotency-Key", "\"" + key + "\"").body(r).post("/api/v1/reminders")
                .then().statusCode(200).body("id", equalTo(id));
        // a bare (unquoted) key is the same key
        Api.as(submitter).header("Idempotency-Key", key).body(r).post("/api/v1/reminders").then().statusCode(200).body("id", equalTo(id));
        // and the key is the requestId: the same request with it in the body replays too
        r.put("requestId", key);
        Api.submit(submitter, r).statusCode(200).body("id", equalTo(id));
    }

    @Test
    void idempotency_key_reused_with_another_body_is_422() {
        String key = "k-" + UUID.randomUUID();
        String id = Api.as(submitter).header("Idempotency-Key", key).body(withoutRequestId()).post("/api/v1/reminders")
                .then().statusCode(202).extract().path("id");
        var other = withoutRequestId();
        loan(other).put("amountDue", "99.00");
        Api.as(submitter).header("Idempotency-Key", key).body(other).post("/api/v1/reminders")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://tixing.io/problems/idempotency-key-reused"))
                .body("detail", containsString(id));
    }

    @Test
    void a_request_id_reused_with_another_body_stays_409() {
        var r = Fixtures.aReminder();
        Api.submit(submitter, r).statusCode(202);
        loan(r).put("amountDue", "99.00");
        Api.submit(submitter, r).statusCode(409).body("type", equalTo("https://tixing.io/problems/idempotency-conflict"));
    }

    @Test
    void an_idempotency_key_that_differs_from_the_request_id_is_400_naming_the_header() {
        var r = Fixtures.aReminder();
        Api.as(submitter).header("Idempotency-Key", "something-else").body(r).post("/api/v1/reminders")
                .then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"))
                .body("errors[0].message", containsString((String) r.get("requestId")));
        // the same value in both is fine
        Api.as(submitter).header("Idempotency-Key", (String) r.get("requestId")).body(r).post("/api/v1/reminders").then().statusCode(202);
    }

    @Test
    void a_bad_idempotency_key_is_400_naming_the_header() {
        Api.as(submitter).header("Idempotency-Key", "\"\"").body(withoutRequestId()).post("/api/v1/reminders")
                .then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
        Api.as(submitter).header("Idempotency-Key", "x".repeat(129)).body(withoutRequestId()).post("/api/v1/reminders")
                .then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
        // without either, the requestId is required as before
        Api.submit(submitter, withoutRequestId()).statusCode(400).body("errors[0].field", equalTo("requestId"));
    }
}
