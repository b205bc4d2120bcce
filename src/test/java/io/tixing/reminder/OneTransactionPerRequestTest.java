package io.tixing.reminder;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.tixing.support.Fixtures.loan;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * With group commit off ({@code tixing.reminders.group-commit.enabled=false}) each POST is its own transaction, run on a
 * worker thread behind the non-blocking endpoint: the answers are the same as with group commit.
 */
@QuarkusTest
@TestProfile(OneTransactionPerRequestTest.Off.class)
class OneTransactionPerRequestTest {

    public static class Off implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() { return Map.of("tixing.reminders.group-commit.enabled", "false"); }
    }

    @Test
    void without_group_commit_a_request_is_accepted_replayed_refused_on_conflict_and_validated_as_before() {
        String submitter = Api.keyWith("one-tx-sys", "submitter");
        var body = Fixtures.aReminder();
        String id = Api.submit(submitter, body).statusCode(202).body("status", equalTo("QUEUED")).extract().path("id");
        Api.as(submitter).get("/api/v1/reminders/" + id).then().statusCode(200); // committed when answered
        Api.submit(submitter, body).statusCode(200).body("id", equalTo(id));
        loan(body).put("amountDue", "99.00");
        Api.submit(submitter, body).statusCode(409).contentType(containsString("application/problem+json"))
                .body("type", equalTo("https://tixing.io/problems/idempotency-conflict"));
        var bad = Fixtures.aReminder();
        loan(bad).put("currency", "renminbi");
        Api.submit(submitter, bad).statusCode(400).contentType(containsString("application/problem+json"));
    }
}
