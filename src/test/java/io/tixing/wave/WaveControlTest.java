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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.tixing.wave.WaveFixtures.recipient;
import static io.tixing.wave.WaveFixtures.sandboxMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class WaveControlTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    @Inject Database db;

    static String operator;

    @BeforeEach
    void setUp() {
        clock.reset();
        worker.drain();
        if (operator == null) operator = Api.keyWith("wave-control", "operator");
    }

    @AfterEach
    void tearDown() { clock.reset(); }

    @Test
    void pause_holds_resume_releases_and_cancel_ends_the_rest_with_a_log_entry_each_while_counts_reconcile() {
        String s = WaveFixtures.fresh();
        List<Map<String, Object>> recipients = new ArrayList<>();
        for (int i = 0; i < 10; i++) recipients.add(recipient("B-" + s + "-" + i, "Asia/Shanghai"));
        var wave = WaveFixtures.wave(Map.of("at", TestClock.DEFAULT.toString()), recipients);
        wave.put("pacing", Map.of("SMS", 1)); // recipient i is due i seconds after the start
        String id = Api.as(operator).body(wave).post("/api/v1/waves").then().statusCode(202).extract().path("id");

        clock.advance(Duration.ofSeconds(2));
        worker.drain();
        assertThat(sent(recipients)).isEqualTo(3);

        Api.as(operator).post("/api/v1/waves/" + id + "/pause").then().statusCode(200)
                .body("state", equalTo("PAUSED")).body("reconciled", equalTo(true));
        clock.advance(Duration.ofSeconds(5));
        worker.drain();
        assertThat(sent(recipients)).as("nothing leaves a paused wave").isEqualTo(3);

        Api.as(operator).post("/api/v1/waves/" + id + "/resume").then().statusCode(200).body("state", equalTo("ACTIVE"));
        worker.drain();
        assertThat(sent(recipients)).as("slots 0..7 are due 7 s after the start").isEqualTo(8);

        Api.as(operator).post("/api/v1/waves/" + id + "/cancel").then().statusCode(200)
                .body("cancelled", equalTo(2))
                .body("wave.state", equalTo("CANCELLED"))
                .body("wave.accepted", equalTo(10))
                .body("wave.counts.sent", equalTo(8))
                .body("wave.counts.cancelled", equalTo(2))
                .body("wave.counts.pending", equalTo(0))
                .body("wave.reconciled", equalTo(true));
        clock.advance(Duration.ofMinutes(5));
        worker.drain();
        assertThat(sent(recipients)).as("cancelled recipients are never sent").isEqualTo(8);

        List<String> details = db.read(c -> {
            try (var ps = Sql.prepare(c, """
                    SELECT l.detail FROM contact_log l JOIN reminder r ON r.id = l.reminder_id
                    WHERE r.wave_id = ? AND l.kind = 'LIFECYCLE' AND l.outcome = 'CANCELLED'""", UUID.fromString(id)); var rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) out.add(rs.getString(1));
                return out;
            }
        });
        assertThat(details).hasSize(2).allSatisfy(d -> assertThat(d).contains(id).contains("cancelled by operator:wave-control"));
        Api.as(operator).post("/api/v1/waves/" + id + "/resume").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void progress_of_an_unknown_wave_is_a_404_problem() {
        Api.as(operator).get("/api/v1/waves/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    }

    private int sent(List<Map<String, Object>> recipients) {
        return recipients.stream().mapToInt(r -> sandboxMessages(db, WaveFixtures.borrowerOf(r).get("id").toString())).sum();
    }
}
