package io.tixing.wave;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tixing.wave.WaveFixtures.attemptLocalTimes;
import static io.tixing.wave.WaveFixtures.recipient;
import static io.tixing.wave.WaveFixtures.sandboxMessages;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class WaveLocalStartTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    @Inject Database db;

    static String operator;

    @BeforeEach
    void setUp() {
        clock.reset();
        worker.drain();
        if (operator == null) operator = Api.keyWith("wave-ops", "operator");
    }

    @AfterEach
    void tearDown() { clock.reset(); }

    @Test
    void a_local_0930_start_reaches_each_borrower_at_0930_on_their_own_clock() {
        String s = WaveFixtures.fresh();
        List<String> zones = List.of("Asia/Shanghai", "Asia/Taipei", "Asia/Hong_Kong", "America/New_York");
        List<Map<String, Object>> recipients = new ArrayList<>();
        for (String zone : zones) recipients.add(recipient(borrower(s, zone), zone));
        var wave = WaveFixtures.wave(Map.of("localTime", "09:30", "date", "2026-11-24"), recipients);

        Api.as(operator).body(wave).post("/api/v1/waves").then().statusCode(202)
                .body("accepted", org.hamcrest.Matchers.equalTo(4)).body("invalid", org.hamcrest.Matchers.equalTo(0));

        Map<String, Instant> local0930 = new java.util.LinkedHashMap<>();
        for (String zone : zones) {
            local0930.put(zone, java.time.ZonedDateTime.of(2026, 11, 24, 9, 30, 0, 0, java.time.ZoneId.of(zone)).toInstant());
        }
        // Shanghai, Taipei and Hong Kong share +08:00, so their 09:30 is one instant; New York's comes 13 hours later.
        for (Instant opening : new java.util.TreeSet<>(local0930.values())) {
            clock.set(opening.minusSeconds(1));
            worker.drain();
            local0930.forEach((zone, at) -> {
                if (!at.isBefore(opening)) assertThat(sandboxMessages(db, borrower(s, zone))).as("%s before its 09:30", zone).isZero();
            });
            clock.set(opening);
            worker.drain();
            local0930.forEach((zone, at) -> {
                int expected = at.isAfter(opening) ? 0 : 1;
                assertThat(sandboxMessages(db, borrower(s, zone))).as("%s at %s", zone, opening).isEqualTo(expected);
                if (expected == 1) {
                    assertThat(attemptLocalTimes(db, borrower(s, zone))).singleElement().asString()
                            .startsWith("2026-11-24T09:30").doesNotContain("09:30:");
                }
            });
        }
        clock.advance(Duration.ofDays(1));
        worker.drain();
        for (String zone : zones) {
            assertThat(sandboxMessages(db, borrower(s, zone))).as("still exactly one a day later").isEqualTo(1);
        }
    }

    private static String borrower(String suffix, String zone) { return "B-" + suffix + "-" + zone.substring(zone.indexOf('/') + 1); }

    @Test
    void pacing_spreads_a_channel_so_the_wave_never_exceeds_its_rate() {
        String s = WaveFixtures.fresh();
        List<Map<String, Object>> recipients = new ArrayList<>();
        for (int i = 0; i < 7; i++) recipients.add(recipient("B-" + s + "-" + i, "Asia/Shanghai"));
        var wave = WaveFixtures.wave(Map.of("at", "2026-11-23T03:00:00Z"), recipients);
        wave.put("pacing", Map.of("SMS", 2));
        String id = Api.as(operator).body(wave).post("/api/v1/waves").then().statusCode(202).extract().path("id");

        List<Instant> due = db.read(c -> {
            try (var ps = Sql.prepare(c, """
                    SELECT t.due_at FROM dispatch_task t JOIN reminder r ON r.id = t.reminder_id WHERE r.wave_id = ? ORDER BY t.due_at""",
                    java.util.UUID.fromString(id)); var rs = ps.executeQuery()) {
                List<Instant> out = new ArrayList<>();
                while (rs.next()) out.add(Sql.instant(rs, "due_at"));
                return out;
            }
        });
        Instant start = Instant.parse("2026-11-23T03:00:00Z");
        assertThat(due).hasSize(7).first().isEqualTo(start);
        for (int i = 1; i < due.size(); i++) assertThat(Duration.between(due.get(i - 1), due.get(i))).isEqualTo(Duration.ofMillis(500));

        clock.set(start.plusMillis(1_000));
        worker.drain();
        long sent = recipients.stream().filter(r -> sandboxMessages(db, WaveFixtures.borrowerOf(r).get("id").toString()) == 1).count();
        assertThat(sent).as("slots 0, 0.5 s and 1 s are due after one second").isEqualTo(3);
    }

    @Test
    void a_bad_start_is_refused_with_a_problem_naming_the_field() {
        var wave = WaveFixtures.wave(Map.of("localTime", "25:99", "date", "2026-11-24"), List.of());
        wave.put("pacing", Map.of("FAX", 3));
        wave.put("channels", List.of("SMS", "PIGEON"));
        wave.put("notAfter", "2020-01-01T00:00:00Z");
        Api.as(operator).body(wave).post("/api/v1/waves").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("start.localTime", "pacing.FAX", "channels[1]", "notAfter"));
    }

    @Test
    void a_submitter_cannot_launch_a_wave() {
        String submitter = Api.keyWith("wave-submitter", "submitter");
        Api.as(submitter).body(WaveFixtures.wave(Map.of("at", "2026-11-24T01:30:00Z"), List.of())).post("/api/v1/waves")
                .then().statusCode(403);
    }
}
