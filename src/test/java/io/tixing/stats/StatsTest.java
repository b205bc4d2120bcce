package io.tixing.stats;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.LogEntry;
import io.tixing.db.Database;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

/**
 * The dashboard's numbers against an independent count: the same entries fetched one by one through the contact-log
 * search API (other SQL, other code) and counted in Java. Each test uses its own days, far from other tests' clocks.
 */
@QuarkusTest
class StatsTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    @Inject ContactLogWriter log;
    @Inject Database db;

    @AfterEach
    void resetClock() { clock.reset(); }

    /** A CN reminder valid on {@code day} (due three days before, latest send a month after). */
    static Map<String, Object> reminderOn(String day) {
        var body = Fixtures.aReminder();
        var date = java.time.LocalDate.parse(day);
        Fixtures.loan(body).put("dueDate", date.minusDays(3).toString());
        body.put("notAfter", date.plusDays(30) + "T00:00:00Z");
        return body;
    }

    static JsonPath stats(String what, Map<String, ?> params) {
        return Api.as(compliance()).queryParams(params).get("/api/v1/stats/" + what).then().statusCode(200).extract().jsonPath();
    }

    private static String compliance;
    static String compliance() {
        if (compliance == null) compliance = Api.keyWith("stats-compliance", "compliance");
        return compliance;
    }
    private static String submitter;
    static String submitter() {
        if (submitter == null) submitter = Api.keyWith("stats-submitter", "submitter");
        return submitter;
    }

    /** Every entry of {@code kind} in [from, to) through the search API, page by page. */
    static List<Map<String, Object>> searched(String kind, String from, String to) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var spec = Api.as(compliance()).queryParam("kind", kind).queryParam("from", from).queryParam("to", to).queryParam("limit", 1000);
            if (cursor != null) spec.queryParam("cursor", cursor);
            var page = spec.get("/api/v1/contact-log").then().statusCode(200).extract().jsonPath();
            all.addAll(page.getList("entries"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return all;
    }

    @Test
    void contacts_and_decisions_per_day_equal_an_independent_count_of_the_log_entries_the_dispatcher_wrote() {
        // Two Shanghai mornings and one late evening: sent, sent, and deferred by quiet hours.
        clock.setLocal("2031-03-10T10:00:00", "Asia/Shanghai");
        for (int i = 0; i < 3; i++) Api.submit(submitter(), reminderOn("2031-03-10")).statusCode(202);
        worker.drain();
        clock.setLocal("2031-03-11T09:30:00", "Asia/Shanghai");
        var email = reminderOn("2031-03-11");
        email.put("channels", List.of("EMAIL"));
        Api.submit(submitter(), email).statusCode(202);
        Api.submit(submitter(), reminderOn("2031-03-11")).statusCode(202);
        worker.drain();
        clock.setLocal("2031-03-11T23:10:00", "Asia/Shanghai");
        for (int i = 0; i < 2; i++) Api.submit(submitter(), reminderOn("2031-03-11")).statusCode(202);
        worker.drain();

        var period = Map.of("from", "2031-03-10", "to", "2031-03-11", "zone", "Asia/Shanghai");
        var contacts = stats("contacts", period);
        Map<String, Long> fromStats = new TreeMap<>();
        for (Map<String, Object> row : contacts.<Map<String, Object>>getList("rows")) {
            fromStats.put(row.get("day") + " " + row.get("channel") + " " + row.get("outcome"), ((Number) row.get("count")).longValue());
        }
        Map<String, Long> counted = new TreeMap<>();
        for (var e : searched("ATTEMPT", "2031-03-10T00:00:00+08:00", "2031-03-12T00:00:00+08:00")) {
            String day = Instant.parse((String) e.get("at")).atZone(SHANGHAI).toLocalDate().toString();
            counted.merge(day + " " + e.get("channel") + " " + e.get("outcome"), 1L, Long::sum);
        }
        assertThat(fromStats).isEqualTo(counted)
                .containsEntry("2031-03-10 SMS SENT", 3L).containsEntry("2031-03-11 SMS SENT", 1L).containsEntry("2031-03-11 EMAIL SENT", 1L);
        assertThat(contacts.getLong("total")).isEqualTo(5);

        var decisions = stats("decisions", period);
        Map<String, Long> decidedStats = new TreeMap<>();
        for (Map<String, Object> row : decisions.<Map<String, Object>>getList("rows")) {
            decidedStats.put(row.get("decision") + " " + row.get("reason"), ((Number) row.get("count")).longValue());
        }
        Map<String, Long> decidedCount = new TreeMap<>();
        for (var e : searched("DECISION", "2031-03-10T00:00:00+08:00", "2031-03-12T00:00:00+08:00")) {
            if ("ALLOW".equals(e.get("decision"))) continue;
            @SuppressWarnings("unchecked") List<String> reasons = (List<String>) e.get("reasons");
            for (String r : reasons.isEmpty() ? List.of("NONE") : reasons) decidedCount.merge(e.get("decision") + " " + r, 1L, Long::sum);
        }
        assertThat(decidedStats).isEqualTo(decidedCount).containsEntry("DEFER QUIET_HOURS", 2L);

        var packs = stats("jurisdictions", Map.of("from", "2031-03-10", "to", "2031-03-11", "zone", "Asia/Shanghai", "jurisdiction", "CN"));
        assertThat(packs.getList("rows.rulePack")).containsExactly("CN@2026.1");
        assertThat(packs.getLong("rows[0].attempts")).isEqualTo(5);
        assertThat(packs.getLong("rows[0].allowed")).isEqualTo(5);
        assertThat(packs.getLong("rows[0].deferred")).isEqualTo(2);

        // Reviewer days in UTC: 23:10 Shanghai on the 11th is 15:10Z, still the 11th; 10:00 Shanghai on the 10th is 02:00Z.
        assertThat(stats("contacts", Map.of("from", "2031-03-10", "to", "2031-03-10")).getLong("total")).isEqualTo(3);
        assertThat(stats("contacts", Map.of("from", "2031-03-10", "to", "2031-03-11", "jurisdiction", "TW")).getLong("total")).isZero();

        var violations = stats("violations", period);
        assertThat(violations.getLong("violations.outsideWindow")).isZero();
        assertThat(violations.getLong("violations.overCap")).isZero();
        assertThat(violations.getLong("violations.checked")).isEqualTo(5);
    }

    /**
     * The violation counts must be able to fail. No path through the API produces a contact the rules forbid (that
     * is the point), so this writes the ATTEMPT entries a broken dispatcher would write, through the log's own writer.
     */
    @Test
    void a_hand_off_outside_the_borrowers_window_and_a_fourth_sms_on_one_local_day_show_as_violations() {
        String late = "B-late-" + UUID.randomUUID().toString().substring(0, 8);
        String chatty = "B-chatty-" + UUID.randomUUID().toString().substring(0, 8);
        db.inTransaction(c -> {
            log.append(c, attempt(late, "SMS", LocalDateTime.parse("2031-05-20T23:30:00"), "SENT"));
            for (int i = 0; i < 4; i++) log.append(c, attempt(chatty, "SMS", LocalDateTime.parse("2031-05-20T10:00:00").plusMinutes(i), "SENT"));
            // a failed hand-off does not count against the cap
            log.append(c, attempt(chatty, "SMS", LocalDateTime.parse("2031-05-20T11:00:00"), "FAILED"));
            return null;
        });
        var v = stats("violations", Map.of("from", "2031-05-20", "to", "2031-05-20", "zone", "Asia/Shanghai"));
        assertThat(v.getLong("violations.outsideWindow")).isEqualTo(1);
        assertThat(v.getString("violations.outsideWindowExamples[0].borrowerId")).isEqualTo(late);
        assertThat(v.getString("violations.outsideWindowExamples[0].window")).isEqualTo("08:00–22:00");
        assertThat(v.getLong("violations.overCap")).isEqualTo(1);
        assertThat(v.getString("violations.overCapExamples[0].borrowerId")).isEqualTo(chatty);
        assertThat(v.getString("violations.overCapExamples[0].cap")).isEqualTo("CAP_SMS_DAILY");
        assertThat(v.getLong("violations.overCapExamples[0].count")).isEqualTo(4);
        assertThat(v.getLong("violations.overCapExamples[0].limit")).isEqualTo(3);
        // The late contact is 15:30Z: in a UTC reviewer day it is still the 20th, and still outside the borrower's window.
        assertThat(stats("violations", Map.of("from", "2031-05-20", "to", "2031-05-20")).getLong("violations.outsideWindow")).isEqualTo(1);
        assertThat(stats("violations", Map.of("from", "2031-05-21", "to", "2031-05-21", "zone", "Asia/Shanghai")).getLong("violations.outsideWindow")).isZero();
    }

    static LogEntry attempt(String borrower, String channel, LocalDateTime shanghai, String outcome) {
        Instant at = shanghai.atZone(SHANGHAI).toInstant();
        return LogEntry.of(LogEntry.Kind.ATTEMPT, at).borrowerClock(SHANGHAI).borrower(borrower).loan("L-" + borrower)
                .reminder(UUID.randomUUID()).attempt(UUID.randomUUID()).channel(channel).destinationMasked("+86138****8000")
                .rulePack("CN@2026.1").outcome(outcome).actor("dispatcher").build();
    }

    @Test
    void bad_filters_answer_400_problem_json_naming_the_field() {
        var cases = new HashMap<Map<String, String>, String>();
        cases.put(Map.of("from", "2031-02-30"), "from");
        cases.put(Map.of("from", "2031-03-01", "to", "2031-02-01"), "from");
        cases.put(Map.of("from", "2031-01-01", "to", "2031-03-01"), "to");
        cases.put(Map.of("zone", "Mars/Olympus"), "zone");
        cases.put(Map.of("jurisdiction", "XX"), "jurisdiction");
        cases.put(Map.of("borrower", "B-1"), "borrower");
        cases.forEach((params, field) -> Api.as(compliance()).queryParams(params).get("/api/v1/stats/contacts").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field)));
        Api.as(Api.keyWith("stats-operator", "operator")).get("/api/v1/stats/contacts").then().statusCode(403);
    }

    @Test
    void every_stats_endpoint_is_documented_in_openapi_with_a_summary_and_a_description() {
        var doc = io.restassured.RestAssured.given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        for (String what : List.of("contacts", "decisions", "jurisdictions", "violations", "chain")) {
            Map<String, Object> get = doc.getMap("paths.'/api/v1/stats/" + what + "'.get");
            assertThat(get).as(what).isNotNull();
            assertThat((String) get.get("summary")).as(what).isNotBlank();
            assertThat((String) get.get("description")).as(what).isNotBlank();
        }
        assertThat(doc.getMap("paths.'/api/v1/reminders/{id}/detail'.get")).containsKey("summary");
        assertThat(doc.getMap("paths.'/api/v1/waves'.get")).containsKey("summary");
    }

    @Test
    void chain_status_reports_the_last_full_verification_and_the_newest_anchor() {
        Api.submit(submitter(), Fixtures.aReminder()).statusCode(202);
        worker.drain();
        long checked = Api.as(compliance()).get("/api/v1/contact-log/verify").then().statusCode(200).extract().jsonPath().getLong("checked");
        var chain = Api.as(compliance()).get("/api/v1/stats/chain").then().statusCode(200).extract().jsonPath();
        assertThat(chain.getString("status")).isEqualTo("OK");
        assertThat(chain.getString("lastVerification.at")).isNotNull();
        assertThat(chain.getLong("lastVerification.checked")).isEqualTo(checked).isPositive();
    }
}
