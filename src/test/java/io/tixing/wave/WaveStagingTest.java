package io.tixing.wave;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.contactlog.ChainVerifier;
import io.tixing.contactlog.VerifyReport;
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

/** Waves above tixing.waves.plan-inline-max are accepted into wave_staged and planned afterwards (here: on demand). */
@QuarkusTest
class WaveStagingTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    @Inject Database db;
    @Inject WaveIntake intake;
    @Inject WaveStagePlanner planner;
    @Inject ChainVerifier verifier;

    static String operator;

    @BeforeEach
    void setUp() {
        clock.reset();
        worker.drain();
        planner.drain(null);
        if (operator == null) operator = Api.keyWith("wave-staging", "operator");
        intake.planInlineMax(0); // every wave is staged and left for the planner
    }

    @AfterEach
    void tearDown() {
        intake.planInlineMax(10_000);
        clock.reset();
    }

    private List<Map<String, Object>> recipients(int n) {
        String s = WaveFixtures.fresh();
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(recipient("BS-" + s + "-" + i, i % 2 == 0 ? "Asia/Shanghai" : "Asia/Taipei"));
        return out;
    }

    private String upload(List<Map<String, Object>> recipients) {
        var wave = WaveFixtures.wave(Map.of("at", TestClock.DEFAULT.toString()), recipients);
        wave.put("pacing", Map.of("SMS", 1));
        return Api.as(operator).body(wave).post("/api/v1/waves").then().statusCode(202)
                .body("accepted", equalTo(recipients.size())).extract().path("id");
    }

    @Test
    void staged_recipients_count_as_pending_until_planned_then_send_like_any_wave() {
        var recipients = recipients(7);
        String id = upload(recipients);
        Api.as(operator).get("/api/v1/waves/" + id).then().statusCode(200)
                .body("accepted", equalTo(7)).body("counts.staged", equalTo(7)).body("counts.pending", equalTo(7))
                .body("counts.queued", equalTo(0)).body("reconciled", equalTo(true));
        worker.drain();
        assertThat(sent(recipients)).as("nothing is sent before it is planned").isZero();

        assertThat(planner.drain(null)).isEqualTo(7);
        Api.as(operator).get("/api/v1/waves/" + id).then()
                .body("counts.staged", equalTo(0)).body("counts.queued", equalTo(7)).body("counts.pending", equalTo(7))
                .body("reconciled", equalTo(true));
        assertThat(count("SELECT count(*) FROM contact_log l JOIN reminder r ON r.id = l.reminder_id WHERE r.wave_id = ? AND l.kind = 'REQUEST'", id))
                .isEqualTo(7);
        assertThat(count("SELECT count(*) FROM reminder WHERE wave_id = ? AND request_id LIKE 'wave:' || wave_id || ':%'", id)).isEqualTo(7);

        clock.advance(Duration.ofSeconds(2)); // pacing slots were fixed at acceptance: 0, 1 and 2 are due
        worker.drain();
        assertThat(sent(recipients)).isEqualTo(3);
        assertThat(planner.drain(null)).as("planned exactly once").isZero();
        assertThat(verifier.verify(ChainVerifier.Scope.ALL).status()).isEqualTo(VerifyReport.Status.OK);
    }

    @Test
    void cancel_ends_staged_recipients_as_cancelled_reminders_with_a_lifecycle_entry_each() {
        var recipients = recipients(5);
        String id = upload(recipients);
        Api.as(operator).post("/api/v1/waves/" + id + "/cancel").then().statusCode(200)
                .body("cancelled", equalTo(5))
                .body("wave.state", equalTo("CANCELLED"))
                .body("wave.counts.cancelled", equalTo(5)).body("wave.counts.staged", equalTo(0)).body("wave.counts.pending", equalTo(0))
                .body("wave.reconciled", equalTo(true));
        assertThat(count("""
                SELECT count(*) FROM contact_log l JOIN reminder r ON r.id = l.reminder_id
                WHERE r.wave_id = ? AND l.kind = 'LIFECYCLE' AND l.outcome = 'CANCELLED' AND l.detail LIKE '%cancelled by operator:wave-staging%'""", id))
                .isEqualTo(5);
        clock.advance(Duration.ofMinutes(5));
        worker.drain();
        assertThat(sent(recipients)).isZero();
    }

    @Test
    void recipients_planned_into_a_paused_wave_are_held_until_resume() {
        var recipients = recipients(4);
        String id = upload(recipients);
        Api.as(operator).post("/api/v1/waves/" + id + "/pause").then().statusCode(200).body("reconciled", equalTo(true));
        planner.drain(null);
        assertThat(count("SELECT count(*) FROM dispatch_task t JOIN reminder r ON r.id = t.reminder_id WHERE r.wave_id = ? AND t.state = 'HELD'", id))
                .isEqualTo(4);
        clock.advance(Duration.ofSeconds(10));
        worker.drain();
        assertThat(sent(recipients)).isZero();
        Api.as(operator).post("/api/v1/waves/" + id + "/resume").then().statusCode(200).body("counts.queued", equalTo(4));
        worker.drain();
        assertThat(sent(recipients)).isEqualTo(4);
    }

    @Test
    void four_planners_racing_over_a_staged_wave_plan_each_recipient_exactly_once() throws Exception {
        var recipients = recipients(600);
        String id = upload(recipients);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Long>> racing = new ArrayList<>();
            for (int i = 0; i < 4; i++) racing.add(pool.submit(() -> planner.drain(null)));
            long planned = 0;
            for (var f : racing) planned += f.get();
            assertThat(planned).isEqualTo(600);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("SELECT count(*) FROM reminder WHERE wave_id = ?", id)).isEqualTo(600);
        assertThat(count("SELECT count(DISTINCT request_id) FROM reminder WHERE wave_id = ?", id)).isEqualTo(600);
        assertThat(count("SELECT count(*) FROM dispatch_task t JOIN reminder r ON r.id = t.reminder_id WHERE r.wave_id = ?", id)).isEqualTo(600);
        assertThat(count("SELECT count(*) FROM contact_log l JOIN reminder r ON r.id = l.reminder_id WHERE r.wave_id = ? AND l.kind = 'REQUEST'", id))
                .isEqualTo(600);
        Api.as(operator).get("/api/v1/waves/" + id).then()
                .body("counts.staged", equalTo(0)).body("counts.queued", equalTo(600)).body("reconciled", equalTo(true));
        assertThat(verifier.verify(ChainVerifier.Scope.ALL).status()).isEqualTo(VerifyReport.Status.OK);
    }

    private long count(String sql, String waveId) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, sql, UUID.fromString(waveId)); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private int sent(List<Map<String, Object>> recipients) {
        return recipients.stream().mapToInt(r -> sandboxMessages(db, WaveFixtures.borrowerOf(r).get("id").toString())).sum();
    }
}
