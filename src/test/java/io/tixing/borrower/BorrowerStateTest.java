package io.tixing.borrower;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.tixing.support.Fixtures.borrower;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class BorrowerStateTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;

    static String operator;
    static String compliance;

    @BeforeEach
    void setUp() {
        clock.reset();
        worker.drain();
        if (operator == null) {
            operator = Api.keyWith("ops-desk", "operator", "submitter");
            compliance = Api.keyWith("auditor-2", "compliance");
        }
    }

    private String sendAndDrain(Map<String, Object> body) {
        String id = Api.submit(operator, body).statusCode(202).extract().path("id");
        worker.drain();
        return id;
    }

    @Test
    void an_operator_opt_out_of_sms_suppresses_the_next_sms_and_is_logged_with_who_did_it() {
        var body = Fixtures.aReminder();
        String borrowerId = (String) borrower(body).get("id");
        Api.as(operator).body(Map.of("channel", "SMS", "note", "call centre request")).post("/api/v1/borrowers/" + borrowerId + "/opt-outs")
                .then().statusCode(201).body("[0].value", equalTo("SMS")).body("[0].source", equalTo("API"));

        String id = sendAndDrain(body);
        Api.as(operator).get("/api/v1/reminders/" + id).then()
                .body("status", equalTo("SUPPRESSED")).body("decisions[0].reasons", hasItem("OPTED_OUT"));
        Api.as(compliance).queryParam("borrowerId", borrowerId).get("/api/v1/contact-log").then()
                .body("entries.find { it.kind == 'CONSENT' }.actor", equalTo("api:ops-desk"))
                .body("entries.find { it.kind == 'CONSENT' }.outcome", equalTo("OPTED_OUT"));
    }

    @Test
    void a_dispute_hold_suppresses_every_channel_until_lifted() {
        var body = Fixtures.aReminder();
        body.put("channels", List.of("SMS", "EMAIL"));
        String borrowerId = (String) borrower(body).get("id");
        Api.as(operator).body(Map.of("type", "DISPUTE")).post("/api/v1/borrowers/" + borrowerId + "/holds").then().statusCode(201);

        String held = sendAndDrain(body);
        Api.as(operator).get("/api/v1/reminders/" + held).then().body("status", equalTo("SUPPRESSED"))
                .body("decisions.reasons.flatten()", hasItems("HOLD_DISPUTE"))
                .body("decisions.channel", equalTo(List.of("SMS", "EMAIL")));

        Api.as(operator).delete("/api/v1/borrowers/" + borrowerId + "/holds/DISPUTE").then().statusCode(200);
        var again = Fixtures.aReminder();
        again.put("borrower", borrower(body));
        String id = sendAndDrain(again);
        Api.as(operator).get("/api/v1/reminders/" + id).then().body("status", equalTo("SENT"));
        Api.as(compliance).queryParam("borrowerId", borrowerId).get("/api/v1/contact-log").then()
                .body("entries.outcome", hasItems("HOLD_DISPUTE", "HOLD_LIFTED_DISPUTE"));
    }

    @Test
    void lifting_what_is_not_in_force_is_404_and_a_bad_hold_type_is_400() {
        Api.as(operator).delete("/api/v1/borrowers/B-nobody/holds/CEASE").then().statusCode(404);
        Api.as(operator).body(Map.of("type", "VACATION")).post("/api/v1/borrowers/B-nobody/holds").then().statusCode(400)
                .body("errors[0].field", equalTo("type"));
        Api.as(compliance).body(Map.of("type", "CEASE")).post("/api/v1/borrowers/B-nobody/holds").then().statusCode(403);
    }

    @Test
    void a_relative_named_as_the_recipient_is_a_third_party_and_never_contacted() {
        var body = Fixtures.aReminder();
        body.put("recipientRelation", "RELATIVE");
        String id = sendAndDrain(body);
        Api.as(operator).get("/api/v1/reminders/" + id).then().body("status", equalTo("SUPPRESSED"))
                .body("decisions[0].reasons", hasItem("THIRD_PARTY"));
    }

    @Test
    void explain_says_why_a_borrower_in_shanghai_cannot_be_texted_at_23_00_and_when_they_can() {
        var body = Fixtures.aReminder();
        String borrowerId = (String) borrower(body).get("id");
        sendAndDrain(body);
        Api.as(compliance).queryParam("borrowerId", borrowerId).queryParam("channel", "SMS").queryParam("at", "2026-11-23T15:00:00Z")
                .get("/api/v1/policy/explain").then().statusCode(200)
                .body("decision", equalTo("DEFER"))
                .body("reasons", hasItem("QUIET_HOURS"))
                .body("until", equalTo("2026-11-24T00:00:00Z"))
                .body("localTime", equalTo("2026-11-23T23:00+08:00"))
                .body("counters.'sms.today'", equalTo(1))
                .body("rules.find { it.reason == 'QUIET_HOURS' }.kind", equalTo("DEFER"));
        Api.as(compliance).queryParam("borrowerId", borrowerId).queryParam("channel", "FAX").get("/api/v1/policy/explain").then()
                .statusCode(400).body("errors[0].field", equalTo("channel"));
    }
}
