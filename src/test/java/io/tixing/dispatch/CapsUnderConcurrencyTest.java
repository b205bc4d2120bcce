package io.tixing.dispatch;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.tixing.support.Fixtures.borrower;
import static io.tixing.support.Fixtures.loan;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class CapsUnderConcurrencyTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    @Inject Database db;

    @Test
    void fifty_simultaneous_reminders_for_one_borrower_with_an_sms_cap_of_3_send_exactly_3() throws Exception {
        clock.reset();
        worker.drain();
        String submitter = Api.keyWith("burst", "submitter");
        String borrowerId = "B-burst-" + System.nanoTime();
        List<Callable<String>> submissions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            var body = Fixtures.aReminder();
            borrower(body).put("id", borrowerId);
            loan(body).put("id", "L-burst-" + i); // distinct loans: not duplicates of each other
            submissions.add(() -> Api.submit(submitter, body).statusCode(202).extract().path("id"));
        }
        var pool = Executors.newFixedThreadPool(8);
        List<String> ids = new ArrayList<>();
        for (Future<String> f : pool.invokeAll(submissions)) ids.add(f.get());

        // Several rounds in parallel: claims and borrower locks are all that keeps them apart.
        List<Callable<Integer>> rounds = List.of(worker::drain, worker::drain, worker::drain, worker::drain);
        for (Future<Integer> f : pool.invokeAll(rounds)) f.get();
        pool.shutdown();

        Map<String, Long> byStatus = countByStatus(ids);
        assertThat(byStatus).containsEntry("SENT", 3L).containsEntry("DEFERRED", 47L);
        Instant nextWindow = Instant.parse("2026-11-24T00:00:00Z"); // 08:00 on the 24th in Shanghai
        assertThat(nextAttempts(ids)).containsOnly(nextWindow);
        assertThat(sentInContactLog(borrowerId)).isEqualTo(3);
    }

    private Map<String, Long> countByStatus(List<String> ids) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT status, count(*) FROM reminder WHERE id = ANY (?::uuid[]) GROUP BY status",
                    Sql.textArray(c, ids)); var rs = ps.executeQuery()) {
                Map<String, Long> out = new java.util.HashMap<>();
                while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
                return out;
            }
        });
    }

    private List<Instant> nextAttempts(List<String> ids) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT next_attempt_at FROM reminder WHERE id = ANY (?::uuid[]) AND status = 'DEFERRED'",
                    Sql.textArray(c, ids)); var rs = ps.executeQuery()) {
                List<Instant> out = new ArrayList<>();
                while (rs.next()) out.add(Sql.instant(rs, "next_attempt_at"));
                return out;
            }
        });
    }

    private long sentInContactLog(String borrowerId) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT count(*) FROM contact_log WHERE borrower_id = ? AND kind = 'ATTEMPT' AND outcome = 'SENT'",
                    borrowerId); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
