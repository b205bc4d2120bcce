package io.tixing.dispatch;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tixing.support.Fixtures.borrower;
import static io.tixing.support.Fixtures.loan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Protective flags are facts of the person: a request adds them, only an operator with a note removes them. */
@QuarkusTest
class ProtectiveFlagsTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    @Inject Database db;

    static String submitter;
    static String operator;

    @BeforeEach
    void setUp() {
        clock.reset();
        worker.drain();
        if (submitter == null) {
            submitter = Api.keyWith("flags-lender", "submitter");
            operator = Api.keyWith("flags-desk", "operator");
        }
    }

    private static Map<String, Object> reminder(String borrowerId, String channel, String... flags) {
        var body = Fixtures.aReminder();
        borrower(body).put("id", borrowerId);
        borrower(body).put("flags", new ArrayList<>(List.of(flags)));
        body.put("channels", new ArrayList<>(List.of(channel)));
        return body;
    }

    private String sendAndDrain(Map<String, Object> body) {
        String id = Api.submit(submitter, body).statusCode(202).extract().path("id");
        worker.drain();
        return id;
    }

    private static String freshBorrower() { return "B-flags-" + Long.toString(System.nanoTime(), 36); }

    @Test
    void a_later_request_without_flags_keeps_a_hearing_impaired_borrower_off_robot_calls() {
        String borrowerId = freshBorrower();
        sendAndDrain(reminder(borrowerId, "SMS", "HEARING_IMPAIRED"));

        String id = sendAndDrain(reminder(borrowerId, "VOICE"));

        Api.as(operator).get("/api/v1/reminders/" + id).then().statusCode(200)
                .body("status", equalTo("SUPPRESSED")).body("decisions[0].reasons", hasItem("CHANNEL_NOT_ACCESSIBLE"))
                .body("attempts", empty());
        // Explain agrees with the dispatcher and says where the flag came from.
        Api.as(operator).queryParam("borrowerId", borrowerId).queryParam("channel", "VOICE").get("/api/v1/policy/explain").then()
                .statusCode(200).body("decision", equalTo("SUPPRESS")).body("reasons", hasItem("CHANNEL_NOT_ACCESSIBLE"))
                .body("flags[0].flag", equalTo("HEARING_IMPAIRED")).body("flags[0].source", equalTo("REQUEST"))
                .body("flags[0].actor", equalTo("client:flags-lender")).body("flags[0].setAt", equalTo("2026-11-23T02:00:00Z"));
    }

    @Test
    void a_later_request_without_flags_keeps_an_elderly_borrower_on_half_caps_and_the_gentle_wording() {
        String borrowerId = freshBorrower();
        String first = sendAndDrain(reminder(borrowerId, "SMS", "ELDERLY"));
        Api.as(operator).get("/api/v1/reminders/" + first).then().body("status", equalTo("SENT"))
                .body("attempts[0].templateKey", equalTo("overdue-reminder-elderly"));

        String second = sendAndDrain(reminder(borrowerId, "SMS")); // CN: 3 SMS a day, ELDERLY half of it: 1

        Api.as(operator).get("/api/v1/reminders/" + second).then()
                .body("status", equalTo("DEFERRED")).body("decisions[0].reasons", hasItem("CAP_SMS_DAILY"));
        Api.as(operator).queryParam("borrowerId", borrowerId).queryParam("channel", "SMS").get("/api/v1/policy/explain").then()
                .body("decision", equalTo("DEFER")).body("counters.'sms.today.cap'", equalTo(1)).body("flags[0].flag", equalTo("ELDERLY"));

        clock.advance(Duration.ofDays(1));
        worker.drain();
        Api.as(operator).get("/api/v1/reminders/" + second).then().body("status", equalTo("SENT"))
                .body("attempts[0].templateKey", equalTo("overdue-reminder-elderly"));
    }

    @Test
    void a_later_request_without_flags_still_gives_a_hardship_borrower_the_hardship_offer() {
        String borrowerId = freshBorrower();
        sendAndDrain(reminder(borrowerId, "SMS", "HARDSHIP"));

        String later = sendAndDrain(reminder(borrowerId, "SMS"));

        Api.as(operator).get("/api/v1/reminders/" + later).then().body("status", equalTo("SENT"))
                .body("attempts[0].templateKey", equalTo("hardship-offer"));
    }

    @Test
    void an_operator_removal_with_a_note_is_logged_and_takes_effect() {
        String borrowerId = freshBorrower();
        sendAndDrain(reminder(borrowerId, "SMS", "HEARING_IMPAIRED"));

        Api.as(operator).body(Map.of("note", "audiology letter 2026-11-20: hears with aid")).delete("/api/v1/borrowers/" + borrowerId + "/flags/HEARING_IMPAIRED")
                .then().statusCode(200).body("", empty());

        Api.as(operator).queryParam("removed", true).get("/api/v1/borrowers/" + borrowerId + "/flags").then().statusCode(200)
                .body("[0].flag", equalTo("HEARING_IMPAIRED")).body("[0].removedBy", equalTo("api:flags-desk"))
                .body("[0].note", equalTo("audiology letter 2026-11-20: hears with aid"));
        String compliance = Api.keyWith("flags-auditor", "compliance");
        Api.as(compliance).queryParam("borrowerId", borrowerId).queryParam("kind", "CONSENT").get("/api/v1/contact-log").then()
                .body("entries.find { it.outcome == 'FLAG_REMOVED' }.actor", equalTo("api:flags-desk"))
                .body("entries.find { it.outcome == 'FLAG_REMOVED' }.detail", containsString("hears with aid"))
                .body("entries.find { it.outcome == 'FLAG_SET' }.actor", equalTo("client:flags-lender"));

        String call = sendAndDrain(reminder(borrowerId, "VOICE"));
        Api.as(operator).get("/api/v1/reminders/" + call).then().body("status", equalTo("SENT"));
    }

    @Test
    void removing_a_flag_without_a_note_is_a_400_naming_note_and_changes_nothing() {
        String borrowerId = freshBorrower();
        sendAndDrain(reminder(borrowerId, "SMS", "ELDERLY"));

        for (Object body : List.of(Map.of(), Map.of("note", "   "))) {
            Api.as(operator).body(body).delete("/api/v1/borrowers/" + borrowerId + "/flags/ELDERLY").then()
                    .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("note"));
        }
        Api.as(operator).contentType(ContentType.JSON).delete("/api/v1/borrowers/" + borrowerId + "/flags/ELDERLY").then()
                .statusCode(400).body("errors.field", hasItem("note"));
        Api.as(operator).body(Map.of("note", "x")).delete("/api/v1/borrowers/" + borrowerId + "/flags/VISUALLY_IMPAIRED").then()
                .statusCode(400).body("errors[0].field", equalTo("flag"));
        Api.as(submitter).body(Map.of("note", "lender says so")).delete("/api/v1/borrowers/" + borrowerId + "/flags/ELDERLY").then()
                .statusCode(403);

        Api.as(operator).get("/api/v1/borrowers/" + borrowerId + "/flags").then().body("[0].flag", equalTo("ELDERLY"))
                .body("[0].removedAt", org.hamcrest.Matchers.nullValue());
        assertThat(flagRows(borrowerId)).isEqualTo(1);
    }

    private long flagRows(String borrowerId) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT count(*) FROM borrower_flag WHERE borrower_id = ? AND removed_at IS NULL", borrowerId);
                 var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
