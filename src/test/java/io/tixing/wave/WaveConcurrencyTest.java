package io.tixing.wave;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.tixing.wave.WaveFixtures.recipient;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class WaveConcurrencyTest {

    static final int RECIPIENTS = 500;
    static final int CLAIMERS = 4;

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    @Inject Database db;

    @BeforeEach
    void setUp() {
        clock.reset();
        worker.drain();
    }

    @Test
    void four_claimers_racing_over_one_wave_send_each_recipient_exactly_once() throws Exception {
        String operator = Api.keyWith("wave-race", "operator");
        String s = WaveFixtures.fresh();
        List<Map<String, Object>> recipients = new ArrayList<>();
        for (int i = 0; i < RECIPIENTS; i++) {
            var r = recipient("B-" + s + "-" + i, "Asia/Shanghai");
            WaveFixtures.borrowerOf(r).put("phone", "+86138" + String.format("%08d", i));
            recipients.add(r);
        }
        String id = Api.as(operator).body(WaveFixtures.wave(Map.of("at", TestClock.DEFAULT.toString()), recipients))
                .post("/api/v1/waves").then().statusCode(202).extract().path("id");

        ExecutorService pool = Executors.newFixedThreadPool(CLAIMERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> claimed = new ArrayList<>();
        for (int t = 0; t < CLAIMERS; t++) {
            claimed.add(pool.submit(() -> {
                go.await();
                int n = 0;
                for (int round; (round = worker.runOnce()) > 0; ) n += round;
                return n;
            }));
        }
        go.countDown();
        int total = 0;
        for (var f : claimed) total += f.get(5, TimeUnit.MINUTES);
        pool.shutdown();
        worker.drain();

        Map<String, Integer> perBorrower = db.read(c -> {
            try (var ps = Sql.prepare(c, """
                    SELECT a.borrower_id, count(s.id) FROM attempt a JOIN reminder r ON r.id = a.reminder_id
                    LEFT JOIN sandbox_message s ON s.attempt_id = a.id WHERE r.wave_id = ? GROUP BY a.borrower_id""", UUID.fromString(id));
                 var rs = ps.executeQuery()) {
                Map<String, Integer> out = new HashMap<>();
                while (rs.next()) out.put(rs.getString(1), rs.getInt(2));
                return out;
            }
        });
        assertThat(total).as("claims across all claimers").isGreaterThanOrEqualTo(RECIPIENTS);
        assertThat(perBorrower).hasSize(RECIPIENTS);
        assertThat(perBorrower.values()).allMatch(n -> n == 1);
        Api.as(operator).get("/api/v1/waves/" + id).then().statusCode(200)
                .body("counts.sent", org.hamcrest.Matchers.equalTo(RECIPIENTS)).body("reconciled", org.hamcrest.Matchers.equalTo(true));
    }
}
