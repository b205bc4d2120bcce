package io.tixing.contactlog;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class BorrowerTimelineTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;

    static String operator;
    static String piiReader;

    @BeforeEach
    void setUp() {
        clock.reset();
        worker.drain();
        if (operator == null) {
            operator = Api.keyWith("timeline-operator", "operator");
            piiReader = Api.keyWith("timeline-pii", "compliance", "pii");
        }
    }

    @Test
    void the_timeline_tells_the_story_in_order_with_the_message_as_sent_and_masked_contact_points() {
        clock.setLocal("2026-11-23T23:00:00", "Asia/Shanghai");
        var body = LogScenario.sentReminder(worker);          // deferred: quiet hours
        clock.setLocal("2026-11-24T08:00:00", "Asia/Shanghai");
        worker.drain();                                        // sent at the window's opening
        String borrowerId = LogScenario.borrowerId(body);

        var timeline = Api.as(operator).queryParam("lang", "zh-CN").get("/api/v1/borrowers/" + borrowerId + "/timeline")
                .then().statusCode(200).body("unmasked", equalTo(false)).body("zone", equalTo("Asia/Shanghai")).extract();
        List<String> kinds = timeline.path("events.kind");
        assertThat(kinds).containsExactly("REQUEST", "DECISION", "DECISION", "ATTEMPT");
        List<String> at = timeline.path("events.at");
        assertThat(at.stream().map(Instant::parse).toList()).isSorted();
        assertThat((String) timeline.path("events[1].localTime")).startsWith("2026-11-23T23:00");
        assertThat((String) timeline.path("events[1].reasons[0].text")).contains("时段");
        assertThat((String) timeline.path("events[1].explanation")).startsWith("延后发送").contains("2026-11-24T08:00+08:00");
        assertThat((String) timeline.path("events[3].destination")).isEqualTo("+86138****8000");
        String sms = timeline.path("events[3].message.body");
        assertThat(sms).isNotBlank().doesNotContain("王小明");
        assertThat((String) timeline.path("events[3].templateVersion")).isNotBlank();
        // nobody read anything unmasked, so nothing was audited
        Api.as(LogScenario.compliance()).queryParam("kind", "AUDIT").queryParam("borrowerId", borrowerId).get("/api/v1/contact-log")
                .then().body("entries", org.hamcrest.Matchers.empty());
    }

    @Test
    void english_is_chosen_by_accept_language() {
        clock.setLocal("2026-11-23T23:00:00", "Asia/Shanghai");
        var body = LogScenario.sentReminder(worker);
        Api.as(operator).header("Accept-Language", "en-US,en;q=0.9").get("/api/v1/borrowers/" + LogScenario.borrowerId(body) + "/timeline")
                .then().statusCode(200).body("language", equalTo("en-US"))
                .body("events[1].explanation", containsString("Deferred: Outside the allowed contact hours"));
    }

    @Test
    void the_pii_right_unmasks_the_destination_and_leaves_an_unmasked_read_audit_entry() {
        var body = LogScenario.sentReminder(worker);
        String borrowerId = LogScenario.borrowerId(body);

        Api.as(piiReader).get("/api/v1/borrowers/" + borrowerId + "/timeline").then().statusCode(200)
                .body("unmasked", equalTo(true))
                .body("events.find { it.kind == 'ATTEMPT' }.destination", equalTo(io.tixing.support.Fixtures.borrower(body).get("phone")));

        Api.as(LogScenario.compliance()).queryParam("kind", "AUDIT").queryParam("borrowerId", borrowerId).get("/api/v1/contact-log")
                .then().body("entries", org.hamcrest.Matchers.hasSize(1))
                .body("entries[0].outcome", equalTo("UNMASKED_READ"))
                .body("entries[0].actor", equalTo("timeline-pii"));
    }

    @Test
    void unknown_borrowers_bad_languages_and_submitters_are_refused() {
        Api.as(operator).get("/api/v1/borrowers/B-nobody-" + System.nanoTime() + "/timeline").then().statusCode(404)
                .contentType("application/problem+json");
        Api.as(operator).queryParam("lang", "<script>").get("/api/v1/borrowers/B-x/timeline").then().statusCode(400);
        Api.as(LogScenario.submitter()).get("/api/v1/borrowers/B-x/timeline").then().statusCode(403);
    }
}
