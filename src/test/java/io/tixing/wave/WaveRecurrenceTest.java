package io.tixing.wave;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.db.Database;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.tixing.wave.WaveFixtures.recipient;
import static io.tixing.wave.WaveFixtures.sandboxMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class WaveRecurrenceTest {

    @Inject DispatchWorker worker;
    @Inject WaveRecurrence recurrence;
    @Inject TestClock clock;
    @Inject Database db;

    @BeforeEach
    void setUp() {
        clock.reset();
        recurrence.runDue();
        worker.drain();
    }

    @AfterEach
    void tearDown() { clock.reset(); }

    @Test
    void a_daily_wave_runs_again_each_day_once_at_each_borrowers_local_time() {
        String operator = Api.keyWith("wave-recurring", "operator");
        String s = WaveFixtures.fresh();
        var shanghai = recipient("B-" + s + "-sh", "Asia/Shanghai");
        var newYork = recipient("B-" + s + "-ny", "America/New_York");
        var wave = WaveFixtures.wave(Map.of("localTime", "09:30", "date", "2026-11-23"), List.of(shanghai, newYork));
        wave.put("cron", "0 0 0 * * ?");                      // every day (UTC); each run at 09:30 local
        wave.put("notAfter", "2026-11-24T12:00:00Z");
        String id = Api.as(operator).body(wave).post("/api/v1/waves").then().statusCode(202).extract().path("id");

        worker.drain();                                               // 10:00 in Shanghai: its 09:30 has passed, due at once
        clock.set(java.time.Instant.parse("2026-11-23T14:30:00Z"));   // NY 09:30 on day 1
        worker.drain();
        assertThat(recurrence.runDue()).as("nothing recurs before the next day").isZero();
        assertThat(sandboxMessages(db, "B-" + s + "-sh")).isEqualTo(1);
        assertThat(sandboxMessages(db, "B-" + s + "-ny")).isEqualTo(1);

        clock.set(java.time.Instant.parse("2026-11-24T00:00:00Z"));   // the cron fires for 2026-11-24
        assertThat(recurrence.runDue()).isGreaterThanOrEqualTo(1);
        assertThat(recurrence.runDue()).as("a run is planned once").isZero();
        worker.drain();
        assertThat(sandboxMessages(db, "B-" + s + "-sh")).as("not before 09:30 Shanghai").isEqualTo(1);
        clock.set(java.time.Instant.parse("2026-11-24T01:30:00Z"));
        worker.drain();
        assertThat(sandboxMessages(db, "B-" + s + "-sh")).isEqualTo(2);
        clock.set(java.time.Instant.parse("2026-11-24T14:30:00Z"));
        worker.drain();
        assertThat(sandboxMessages(db, "B-" + s + "-ny")).isEqualTo(2);

        Api.as(operator).get("/api/v1/waves/" + id).then().statusCode(200)
                .body("accepted", equalTo(4)).body("counts.sent", equalTo(4)).body("reconciled", equalTo(true));
    }
}
