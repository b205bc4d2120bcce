package io.tixing.reminder;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tixing.support.Fixtures.borrower;
import static io.tixing.support.Fixtures.loan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class ReminderListTest {

    @Inject TestClock clock;

    @AfterEach
    void resetClock() { clock.reset(); }

    /** Each test lists as its own client, so the other tests' reminders never show. */
    private static String submitter() { return Api.keyWith("list-" + UUID.randomUUID().toString().substring(0, 8), "submitter"); }

    private static String submit(String key, Map<String, Object> r) {
        return Api.submit(key, r).statusCode(202).extract().path("id");
    }

    @Test
    void the_list_is_newest_first_in_cursor_pages_without_gaps_or_repeats() {
        String key = submitter();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(submit(key, Fixtures.aReminder()));
            clock.advance(Duration.ofSeconds(1));
        }
        // two more in the same microsecond: the id breaks the tie, so paging still never repeats or skips one
        ids.add(submit(key, Fixtures.aReminder()));
        ids.add(submit(key, Fixtures.aReminder()));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var req = Api.as(key).queryParam("limit", 2);
            if (cursor != null) req = req.queryParam("cursor", cursor);
            var page = req.get("/api/v1/reminders").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("next");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(4);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(seen.subList(2, 7)).containsExactlyElementsOf(ids.subList(0, 5).reversed()); // newest first
    }

    @Test
    void the_list_filters_by_status_borrower_loan_wave_and_creation_time() {
        String key = submitter();
        Instant start = clock.instant();
        var a = Fixtures.aReminder();
        String idA = submit(key, a);
        clock.advance(Duration.ofHours(1));
        var b = Fixtures.aReminder();
        loan(b).put("id", loan(a).get("id")); // another reminder of the same loan
        String idB = submit(key, b);
        clock.advance(Duration.ofHours(1));
        String idC = submit(key, Fixtures.aReminder());

        Api.as(key).queryParam("borrowerId", borrower(a).get("id")).get("/api/v1/reminders").then().statusCode(200)
                .body("items.id", equalTo(List.of(idA)));
        Api.as(key).queryParam("loanId", loan(a).get("id")).get("/api/v1/reminders").then()
                .body("items.id", equalTo(List.of(idB, idA)));
        Api.as(key).queryParam("createdFrom", start.plus(Duration.ofMinutes(30)).toString())
                .queryParam("createdTo", start.plus(Duration.ofMinutes(90)).toString()).get("/api/v1/reminders").then()
                .body("items.id", equalTo(List.of(idB)));
        Api.as(key).queryParam("status", "QUEUED").get("/api/v1/reminders").then().body("items", hasSize(3))
                .body("items.status", hasItems("QUEUED"));
        Api.as(key).queryParam("status", "SENT,CANCELLED").get("/api/v1/reminders").then().body("items", hasSize(0));
        Api.as(key).queryParam("waveId", UUID.randomUUID().toString()).get("/api/v1/reminders").then().body("items", hasSize(0));
        Api.as(key).get("/api/v1/reminders").then().body("items.id", equalTo(List.of(idC, idB, idA)));
    }

    @Test
    void a_submitter_lists_only_its_own_reminders_and_staff_list_every_clients() {
        String mine = submitter();
        String theirs = submitter();
        var r = Fixtures.aReminder();
        String id = submit(theirs, r);
        Api.as(mine).queryParam("borrowerId", borrower(r).get("id")).get("/api/v1/reminders").then().body("items", hasSize(0));
        String operator = Api.keyWith("list-ops", "operator");
        Api.as(operator).queryParam("borrowerId", borrower(r).get("id")).get("/api/v1/reminders").then()
                .body("items.id", equalTo(List.of(id)));
    }

    @Test
    void the_list_is_masked_unless_pii_and_an_unmasked_read_is_audited() {
        String key = submitter();
        var r = Fixtures.aReminder();
        submit(key, r);
        String phone = (String) borrower(r).get("phone");
        Api.as(key).queryParam("borrowerId", borrower(r).get("id")).get("/api/v1/reminders").then()
                .body("items[0].recipient.phone", equalTo("+86138****8000"))
                .body("items[0].recipient.name", equalTo("王**"))
                .body("items[0].recipient.email", org.hamcrest.Matchers.startsWith("w***@"));
        String compliance = Api.keyWith("list-compliance", "compliance");
        Api.as(compliance).queryParam("borrowerId", borrower(r).get("id")).queryParam("kind", "AUDIT").get("/api/v1/contact-log")
                .then().body("entries", hasSize(0)); // a masked read is not an audited one

        String pii = Api.keyWith("list-pii", "operator", "pii");
        Api.as(pii).queryParam("borrowerId", borrower(r).get("id")).get("/api/v1/reminders").then()
                .body("items[0].recipient.phone", equalTo(phone))
                .body("items[0].recipient.name", equalTo("王小明"));
        Api.as(compliance).queryParam("borrowerId", borrower(r).get("id")).queryParam("kind", "AUDIT").get("/api/v1/contact-log")
                .then().body("entries[0].outcome", equalTo("UNMASKED_READ"))
                .body("entries[0].actor", equalTo("api:list-pii"));
    }

    @Test
    void bad_filter_values_are_400_naming_the_parameter() {
        String key = submitter();
        Map<String, String> bad = Map.of("status", "LOST", "waveId", "wave-7", "createdFrom", "yesterday", "createdTo", "2026-13-01",
                "limit", "0", "cursor", "page-2", "colour", "red");
        for (var e : bad.entrySet()) {
            Api.as(key).queryParam(e.getKey(), e.getValue()).get("/api/v1/reminders").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo(e.getKey()));
        }
        Api.as(key).queryParam("limit", "501").get("/api/v1/reminders").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        Api.as(key).queryParam("createdFrom", "2026-11-24T00:00:00Z").queryParam("createdTo", "2026-11-23T00:00:00Z")
                .get("/api/v1/reminders").then().statusCode(400).body("errors[0].field", equalTo("createdTo"));
    }
}
