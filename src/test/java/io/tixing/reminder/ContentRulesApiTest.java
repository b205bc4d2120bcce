package io.tixing.reminder;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.tixing.support.Fixtures.borrower;
import static io.tixing.support.Fixtures.loan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * COMPLIANCE.md "Lint sees what the borrower sees" and "Facts must agree", and the guarantor's wording, end to end:
 * POST /api/v1/reminders, the dispatcher on a pinned clock, the contact log and the sandbox.
 */
@QuarkusTest
class ContentRulesApiTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    @Inject Database db;

    static String submitter;
    static String compliance;
    static String operator;

    @BeforeEach
    void setUp() {
        clock.reset();
        worker.drain();
        if (submitter == null) {
            submitter = Api.keyWith("facts-test", "submitter");
            compliance = Api.keyWith("facts-compliance", "compliance");
            operator = Api.keyWith("facts-operator", "operator");
        }
    }

    @AfterEach
    void resetClock() { clock.reset(); }

    @Test
    void a_threat_of_suit_in_the_creditor_field_is_suppressed_content_blocked_naming_the_field_and_nothing_is_sent() {
        var body = Fixtures.aReminder();
        loan(body).put("creditor", "示例银行不还就起诉你");
        String id = Api.submit(submitter, body).statusCode(202).extract().path("id");

        worker.drain();

        Api.as(submitter).get("/api/v1/reminders/" + id).then().statusCode(200)
                .body("status", equalTo("SUPPRESSED"))
                .body("decisions[0].decision", equalTo("SUPPRESS"))
                .body("decisions[0].reasons", contains("CONTENT_BLOCKED"));
        String borrowerId = borrower(body).get("id").toString();
        String detail = Api.as(compliance).queryParam("borrowerId", borrowerId).queryParam("reason", "CONTENT_BLOCKED")
                .get("/api/v1/contact-log").then().statusCode(200).extract().path("entries[0].detail");
        assertThat(detail).isEqualTo("loan.creditor: threat-of-legal-action 起诉你");
        assertThat(sandboxBodiesOf(borrowerId)).isEmpty();
        // Explain, asked about this reminder, says what the dispatcher did and why.
        Api.as(compliance).queryParam("borrowerId", borrowerId).queryParam("channel", "SMS").queryParam("reminderId", id)
                .get("/api/v1/policy/explain").then().statusCode(200)
                .body("decision", equalTo("SUPPRESS")).body("reasons", contains("CONTENT_BLOCKED"))
                .body("content", equalTo("loan.creditor: threat-of-legal-action 起诉你"));
    }

    @Test
    void full_width_police_in_the_creditor_field_suppresses_with_content_blocked_naming_the_field() {
        var body = Fixtures.aReminder();
        borrower(body).putAll(Map.of("locale", "en-US", "timezone", "America/New_York", "jurisdiction", "US", "phone", "+12024561111",
                "name", "John Smith"));
        loan(body).putAll(Map.of("creditor", "ＰＯＬＩＣＥ Credit Union", "currency", "USD", "hotline", "1-800-555-0100"));
        clock.setLocal("2026-11-23T10:00:00", "America/New_York");
        String id = Api.submit(submitter, body).statusCode(202).extract().path("id");

        worker.drain();

        Api.as(submitter).get("/api/v1/reminders/" + id).then().body("status", equalTo("SUPPRESSED"))
                .body("decisions[0].reasons", contains("CONTENT_BLOCKED"));
        String borrowerId = borrower(body).get("id").toString();
        String detail = Api.as(compliance).queryParam("borrowerId", borrowerId).queryParam("reason", "CONTENT_BLOCKED")
                .get("/api/v1/contact-log").then().extract().path("entries[0].detail");
        assertThat(detail).startsWith("loan.creditor: impersonating-officials police");
        assertThat(sandboxBodiesOf(borrowerId)).isEmpty();
    }

    @Test
    void amount_due_zero_is_refused_with_a_problem_naming_the_field() {
        var body = Fixtures.aReminder();
        loan(body).put("amountDue", "0.00");

        Api.submit(submitter, body).statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("loan.amountDue"));
    }

    @Test
    void days_overdue_contradicting_a_future_due_date_is_refused_naming_both_fields() {
        var body = Fixtures.aReminder();
        loan(body).put("dueDate", "2026-11-26"); // three days ahead in Shanghai
        loan(body).put("daysOverdue", 3);

        Api.submit(submitter, body).statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("loan.daysOverdue", "loan.dueDate"));
    }

    @Test
    void days_overdue_omitted_is_derived_from_the_due_date_and_the_message_states_it() {
        var body = Fixtures.aReminder();
        loan(body).remove("daysOverdue");
        String id = Api.submit(submitter, body).statusCode(202).extract().path("id");

        worker.drain();

        Api.as(submitter).get("/api/v1/reminders/" + id).then().body("status", equalTo("SENT"));
        assertThat(sandboxBodiesOf(borrower(body).get("id").toString())).singleElement().asString()
                .contains("已于2026年11月20日到期，目前逾期3天");
    }

    @Test
    void a_wave_line_whose_days_overdue_contradicts_its_due_date_is_reported_by_line_number() throws Exception {
        var json = new ObjectMapper();
        var good = Fixtures.aReminder();
        var bad = Fixtures.aReminder();
        loan(bad).put("dueDate", "2026-11-26");
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("name", "facts " + id(good));
        header.put("template", "overdue-reminder");
        header.put("channels", new ArrayList<>(List.of("SMS")));
        header.put("start", Map.of("at", "2026-11-23T03:00:00Z"));
        header.put("notAfter", "2026-12-31T00:00:00Z");
        String ndjson = String.join("\n", json.writeValueAsString(header),
                json.writeValueAsString(Map.of("borrower", borrower(good), "loan", loan(good))),
                json.writeValueAsString(Map.of("borrower", borrower(bad), "loan", loan(bad)))) + "\n";

        given().header("Authorization", "Bearer " + operator).contentType("application/x-ndjson")
                .body(ndjson.getBytes(StandardCharsets.UTF_8)).post("/api/v1/waves").then().statusCode(202)
                .body("accepted", equalTo(1)).body("invalid", equalTo(1))
                .body("errors[0].line", equalTo(3))
                .body("errors[0].errors.field", hasItem("loan.daysOverdue"))
                .body("errors[0].errors.field", hasItem("loan.dueDate"));
    }

    @Test
    void a_wave_planned_a_week_ahead_checks_days_overdue_as_of_its_start() throws Exception {
        var json = new ObjectMapper();
        var asOfStart = Fixtures.aReminder();
        loan(asOfStart).putAll(Map.of("dueDate", "2026-12-03", "daysOverdue", -3)); // D-3 on 30 Nov, the wave's date
        var asOfToday = Fixtures.aReminder();
        loan(asOfToday).putAll(Map.of("dueDate", "2026-12-03", "daysOverdue", -10)); // true today, false when sent
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("name", "D-3 " + id(asOfStart));
        header.put("template", "pre-due");
        header.put("channels", new ArrayList<>(List.of("SMS")));
        header.put("start", Map.of("localTime", "09:30", "date", "2026-11-30"));
        header.put("notAfter", "2026-12-31T00:00:00Z");
        String ndjson = String.join("\n", json.writeValueAsString(header),
                json.writeValueAsString(Map.of("borrower", borrower(asOfStart), "loan", loan(asOfStart))),
                json.writeValueAsString(Map.of("borrower", borrower(asOfToday), "loan", loan(asOfToday)))) + "\n";

        given().header("Authorization", "Bearer " + operator).contentType("application/x-ndjson")
                .body(ndjson.getBytes(StandardCharsets.UTF_8)).post("/api/v1/waves").then().statusCode(202)
                .body("accepted", equalTo(1)).body("invalid", equalTo(1))
                .body("errors[0].line", equalTo(3))
                .body("errors[0].errors.field", hasItem("loan.daysOverdue"));
    }

    @Test
    void a_tw_guarantor_is_sent_the_guarantor_wording_about_the_borrowers_debt() {
        var body = Fixtures.aReminder();
        borrower(body).putAll(Map.of("name", "林美玲", "locale", "zh-TW", "timezone", "Asia/Taipei", "jurisdiction", "TW",
                "phone", "+886912345678"));
        loan(body).putAll(Map.of("creditor", "示範銀行", "product", "信用貸款", "amountDue", "12345", "currency", "TWD",
                "hotline", "0800-000-123"));
        body.remove("template");
        body.put("recipientRelation", "GUARANTOR");
        String id = Api.submit(submitter, body).statusCode(202).extract().path("id");

        worker.drain();

        Api.as(submitter).get("/api/v1/reminders/" + id).then().body("status", equalTo("SENT"));
        assertThat(sandboxBodiesOf(id(body))).singleElement().asString()
                .contains("您為借款人林**於示範銀行之信用貸款保證人", "NT$12,345", "已逾期3天").doesNotContain("您的信用貸款");
    }

    private static String id(Map<String, Object> reminder) { return borrower(reminder).get("id").toString(); }

    private List<String> sandboxBodiesOf(String borrowerId) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, """
                    SELECT s.body FROM sandbox_message s JOIN attempt a ON a.id = s.attempt_id WHERE a.borrower_id = ?""", borrowerId);
                 var rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) out.add(rs.getString(1));
                return out;
            }
        });
    }
}
