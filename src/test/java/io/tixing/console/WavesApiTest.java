package io.tixing.console;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

/** The waves list the console pages through, and the ETA it shows. */
@QuarkusTest
class WavesApiTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;

    static String operator;

    static String operator() {
        if (operator == null) operator = Api.keyWith("console-waves", "operator");
        return operator;
    }

    @AfterEach
    void reset() { clock.reset(); }

    /** A wave of {@code n} Shanghai borrowers starting now. */
    static Map<String, Object> wave(int n, Instant start) {
        List<Map<String, Object>> recipients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var r = Fixtures.aReminder();
            Map<String, Object> recipient = new LinkedHashMap<>();
            recipient.put("borrower", r.get("borrower"));
            recipient.put("loan", r.get("loan"));
            recipients.add(recipient);
        }
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("name", "console wave " + UUID.randomUUID().toString().substring(0, 8));
        w.put("template", "overdue-reminder");
        w.put("channels", List.of("SMS"));
        w.put("channelStrategy", "FIRST_ALLOWED");
        w.put("start", Map.of("at", start.toString()));
        w.put("notAfter", "2026-12-20T00:00:00Z");
        w.put("recipients", recipients);
        return w;
    }

    static JsonPath get(String id) {
        return Api.as(operator()).get("/api/v1/waves/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void six_recipients_deferred_to_0800_shanghai_give_an_eta_at_0000z_that_does_not_slide_with_the_clock_and_none_once_sent() {
        clock.set(Instant.parse("2026-11-23T15:00:00Z")); // 23:00 in Shanghai: quiet hours until 08:00 = 00:00Z
        String id = Api.as(operator()).body(wave(6, Instant.parse("2026-11-23T15:00:00Z"))).post("/api/v1/waves").then().statusCode(202).extract().path("id");
        worker.drain();
        var first = get(id);
        assertThat(first.getLong("counts.deferred")).isEqualTo(6);
        assertThat(first.getLong("counts.pending")).isEqualTo(6);
        Instant eta = Instant.parse(first.getString("throughput.eta"));
        assertThat(eta).isAfterOrEqualTo(Instant.parse("2026-11-24T00:00:00Z")).isBefore(Instant.parse("2026-11-24T00:01:00Z"));

        clock.advance(Duration.ofMinutes(7));
        worker.drain();
        assertThat(Instant.parse(get(id).getString("throughput.eta"))).as("the ETA waits for the lawful hour, not for now").isEqualTo(eta);

        clock.set(Instant.parse("2026-11-24T00:00:30Z"));
        worker.drain();
        var done = get(id);
        assertThat(done.getLong("counts.pending")).isZero();
        assertThat(done.getLong("counts.sent") + done.getLong("counts.delivered")).isEqualTo(6);
        assertThat(done.getBoolean("reconciled")).isTrue();
        assertThat(done.getString("throughput.eta")).as("nothing pending: no ETA").isNull();
    }

    @Test
    void waves_are_listed_newest_first_in_cursor_pages() {
        clock.set(Instant.parse("2026-11-23T03:00:00Z"));
        String older = Api.as(operator()).body(wave(1, Instant.parse("2026-11-23T03:00:00Z"))).post("/api/v1/waves").then().statusCode(202).extract().path("id");
        clock.advance(Duration.ofSeconds(1));
        String newer = Api.as(operator()).body(wave(1, Instant.parse("2026-11-23T03:00:00Z"))).post("/api/v1/waves").then().statusCode(202).extract().path("id");
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var spec = Api.as(operator()).queryParam("limit", 1);
            if (cursor != null) spec.queryParam("cursor", cursor);
            var page = spec.get("/api/v1/waves").then().statusCode(200).extract().jsonPath();
            assertThat(page.getList("items")).hasSizeLessThanOrEqualTo(1);
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("next");
            pages++;
        } while (cursor != null && pages < 1000);
        assertThat(seen).doesNotHaveDuplicates().contains(older, newer);
        assertThat(seen.indexOf(newer)).isLessThan(seen.indexOf(older));
        Api.as(operator()).queryParam("limit", 0).get("/api/v1/waves").then().statusCode(400).body("errors.field", hasItem("limit"));
        Api.as(operator()).queryParam("cursor", "nonsense").get("/api/v1/waves").then().statusCode(400).body("errors.field", hasItem("cursor"));
    }
}
