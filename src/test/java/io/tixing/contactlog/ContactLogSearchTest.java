package io.tixing.contactlog;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.TestClock;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.tixing.support.Fixtures.loan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class ContactLogSearchTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;

    @BeforeEach
    void setUp() {
        clock.reset();
        worker.drain();
    }

    private static Response search(Map<String, ?> params) {
        return Api.as(LogScenario.compliance()).queryParams(params).get("/api/v1/contact-log");
    }

    @Test
    void each_filter_narrows_the_borrower_entries() {
        var sent = LogScenario.sentReminder(worker);
        String borrowerId = LogScenario.borrowerId(sent);
        clock.setLocal("2026-11-23T23:00:00", "Asia/Shanghai"); // quiet hours: this one is deferred
        var deferred = LogScenario.again(sent, worker);
        clock.reset();

        assertThat(kinds(search(Map.of("borrowerId", borrowerId)))).hasSize(5);
        assertThat(kinds(search(Map.of("borrowerId", borrowerId, "kind", "DECISION")))).containsExactly("DECISION", "DECISION");
        assertThat(kinds(search(Map.of("borrowerId", borrowerId, "reason", "QUIET_HOURS")))).containsExactly("DECISION");
        assertThat(kinds(search(Map.of("borrowerId", borrowerId, "outcome", "SENT")))).containsExactly("ATTEMPT");
        assertThat(kinds(search(Map.of("borrowerId", borrowerId, "channel", "SMS", "kind", "ATTEMPT")))).containsExactly("ATTEMPT");
        assertThat(kinds(search(Map.of("loanId", loan(sent).get("id"), "kind", "REQUEST")))).hasSize(1);
        assertThat(kinds(search(Map.of("borrowerId", borrowerId, "template", "overdue-reminder"))))
                .as("a DEFER decision renders nothing, so it names no template").containsExactly("REQUEST", "ATTEMPT", "DECISION", "REQUEST");
        assertThat(kinds(search(Map.of("borrowerId", borrowerId, "template", "no-such-template")))).isEmpty();
        // local time in the borrower's zone: 22:00-24:00 Shanghai holds only the deferred reminder's entries
        assertThat(kinds(search(Map.of("borrowerId", borrowerId, "from", "2026-11-23T22:00", "to", "2026-11-24", "zone", "Asia/Shanghai"))))
                .containsExactly("DECISION", "REQUEST");
        assertThat(kinds(search(Map.of("loanId", loan(deferred).get("id"), "q", deferred.get("requestId"))))).containsExactly("REQUEST");
        assertThat(kinds(search(Map.of("q", deferred.get("requestId"), "from", "2026-11-23T12:00:00Z", "to", "2026-11-24T00:00:00Z"))))
                .containsExactly("REQUEST");
        search(Map.of("q", "anything")).then().statusCode(400).body("errors.field", hasItem("q"));
        search(Map.of("q", "x", "from", "2026-11-01T00:00:00Z", "to", "2026-11-23T00:00:00Z")).then().statusCode(400)
                .body("errors.field", hasItem("q"));
        assertThat(kinds(search(Map.of("borrowerId", borrowerId, "q", "138****8000")))).contains("ATTEMPT");
        assertThat(kinds(search(Map.of("borrowerId", borrowerId, "q", "req_%")))).as("LIKE wildcards are literal").isEmpty();
    }

    @Test
    void pages_by_cursor_are_stable_while_new_entries_arrive() {
        var body = LogScenario.sentReminder(worker);
        String borrowerId = LogScenario.borrowerId(body);
        LogScenario.again(body, worker);
        LogScenario.again(body, worker); // 9 entries
        List<Integer> all = search(Map.of("borrowerId", borrowerId, "limit", 1000)).then().extract().path("entries.seq");
        assertThat(all).hasSize(9).isSortedAccordingTo(Comparator.reverseOrder());

        List<Integer> paged = new ArrayList<>();
        Response page = search(Map.of("borrowerId", borrowerId, "limit", 4));
        paged.addAll(page.then().extract().path("entries.seq"));
        LogScenario.again(body, worker); // three newer entries land between page 1 and page 2
        String cursor;
        while ((cursor = page.then().extract().path("nextCursor")) != null) {
            page = search(Map.of("borrowerId", borrowerId, "limit", 4, "cursor", cursor));
            paged.addAll(page.then().extract().path("entries.seq"));
        }
        assertThat(paged).containsExactlyElementsOf(all);
    }

    @Test
    void time_ranged_pages_follow_time_then_seq_and_miss_nothing() {
        var body = LogScenario.sentReminder(worker);
        String borrowerId = LogScenario.borrowerId(body);
        clock.set(java.time.Instant.parse("2026-11-23T01:00:00Z")); // earlier in time, later in seq
        LogScenario.again(body, worker);
        clock.reset();
        Map<String, Object> range = Map.of("borrowerId", borrowerId, "from", "2026-11-23T00:00:00Z", "to", "2026-11-24T00:00:00Z");
        Response all = search(range);
        List<Integer> seqs = all.then().extract().path("entries.seq");
        List<String> ats = all.then().extract().path("entries.at");
        assertThat(seqs).hasSize(6);
        assertThat(ats.subList(0, 3)).allMatch(a -> a.startsWith("2026-11-23T02:00"));  // newest in time first, not newest seq
        List<Integer> paged = new ArrayList<>();
        var params = new java.util.HashMap<String, Object>(range);
        params.put("limit", 4);
        Response page = search(params);
        paged.addAll(page.then().extract().path("entries.seq"));
        String cursor = page.then().extract().path("nextCursor");
        assertThat(cursor).contains(".");
        params.put("cursor", cursor);
        paged.addAll(search(params).then().extract().path("entries.seq"));
        assertThat(paged).containsExactlyElementsOf(seqs);
        params.put("cursor", "12345"); // a seq cursor is not valid for a time-ranged search
        search(params).then().statusCode(400).body("errors.field", hasItem("cursor"));
    }

    @Test
    void bad_parameters_are_refused_with_problem_json_naming_each_field() {
        search(Map.of("limit", 0, "from", "yesterday", "to", "2026-11-23T10:00", "reminderId", "x", "channel", "FAX",
                "kind", "GOSSIP", "reason", "quiet hours", "colour", "red")).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("from")).body("errors.field", hasItem("to")).body("errors.field", hasItem("reminderId"))
                .body("errors.field", hasItem("channel")).body("errors.field", hasItem("kind")).body("errors.field", hasItem("reason"))
                .body("errors.field", hasItem("colour"));
        search(Map.of("limit", 1001)).then().statusCode(400).body("errors.field", hasItem("limit"));
        search(Map.of("cursor", "abc")).then().statusCode(400).body("errors.field", hasItem("cursor"));
        search(Map.of("zone", "Mars/Olympus", "from", "2026-11-23T10:00")).then().statusCode(400).body("errors.field", hasItem("zone"));
        search(Map.of("from", "2026-11-24T00:00:00Z", "to", "2026-11-23T00:00:00Z")).then().statusCode(400).body("errors.field", hasItem("to"));
        Api.as(LogScenario.submitter()).get("/api/v1/contact-log").then().statusCode(403);
    }

    private static List<String> kinds(Response r) {
        return r.then().statusCode(200).extract().path("entries.kind");
    }
}
