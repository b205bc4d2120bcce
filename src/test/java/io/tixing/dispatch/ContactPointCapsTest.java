package io.tixing.dispatch;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.borrower.BorrowerRepository;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.policy.ChannelType;
import io.tixing.policy.ContactPoint;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.tixing.support.Fixtures.borrower;
import static io.tixing.support.Fixtures.loan;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One handset is one person: caps the pack holds per contact point count every borrower id and loan filed under
 * that number, in one instance under concurrency (two instances: TwoInstancesIT). Duplicates are atomic too.
 */
@QuarkusTest
class ContactPointCapsTest {

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    @Inject Database db;
    @Inject BorrowerRepository borrowers;

    static String submitter;

    @BeforeEach
    void setUp() {
        clock.reset();
        worker.drain();
        if (submitter == null) submitter = Api.keyWith("contact-points", "submitter");
    }

    /** {@code n} reminders for {@code n} borrower ids and loans that all give the same phone. */
    private static List<Map<String, Object>> underSeveralIds(int n, String phone, String channel) {
        String run = Long.toString(System.nanoTime(), 36);
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var body = Fixtures.aReminder();
            borrower(body).put("id", "B-cp-" + run + "-" + i);
            borrower(body).put("phone", phone);
            loan(body).put("id", "L-cp-" + run + "-" + i);
            body.put("channels", new ArrayList<>(List.of(channel)));
            bodies.add(body);
        }
        return bodies;
    }

    private static List<String> submitAll(List<Map<String, Object>> bodies) throws Exception {
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> posts = new ArrayList<>();
            for (var body : bodies) posts.add(() -> Api.submit(submitter, body).statusCode(202).extract().path("id"));
            List<String> ids = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(posts)) ids.add(f.get());
            return ids;
        } finally {
            pool.shutdown();
        }
    }

    /** Several dispatch rounds at once: only claims and row locks keep them apart. */
    private void drainConcurrently() throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> rounds = List.of(worker::drain, worker::drain, worker::drain, worker::drain);
            for (Future<Integer> f : pool.invokeAll(rounds)) f.get();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void eight_borrower_ids_on_one_number_get_exactly_six_robot_calls_a_day_under_the_cn_pack() throws Exception {
        String phone = Fixtures.freshPhone("CN");
        var bodies = underSeveralIds(8, phone, "VOICE");
        List<String> ids = submitAll(bodies);

        worker.drain();

        assertThat(countByStatus(ids)).containsEntry("SENT", 6L).containsEntry("DEFERRED", 2L);
        assertThat(attemptsTo(phone)).isEqualTo(6);
        assertThat(decisionReasons(ids, "DEFER")).contains("CAP_VOICE_ATTEMPTS").doesNotContain("CAP_TOTAL_DAILY");
        // Explain agrees for a ninth id on that number: the count is the handset's, not the borrower's.
        var ninth = Fixtures.aReminder();
        borrower(ninth).put("phone", phone);
        ninth.put("channels", new ArrayList<>(List.of("SMS"))); // accepted and sent (SMS cap 3 per handset): the borrower now exists
        Api.submit(submitter, ninth).statusCode(202);
        worker.drain();
        Api.as(Api.keyWith("contact-points-ops", "operator")).queryParam("borrowerId", borrower(ninth).get("id")).queryParam("channel", "VOICE")
                .get("/api/v1/policy/explain").then().statusCode(200)
                .body("decision", org.hamcrest.Matchers.equalTo("DEFER"))
                .body("reasons", org.hamcrest.Matchers.hasItem("CAP_VOICE_ATTEMPTS"))
                .body("counters.'voice.attempts.today'", org.hamcrest.Matchers.equalTo(6));
    }

    @Test
    void ten_sms_filed_under_ten_borrower_ids_reach_one_handset_at_most_three_times_a_day() throws Exception {
        String phone = Fixtures.freshPhone("CN");
        List<String> ids = submitAll(underSeveralIds(10, phone, "SMS"));

        worker.drain();

        assertThat(countByStatus(ids)).containsEntry("SENT", 3L).containsEntry("DEFERRED", 7L);
        assertThat(attemptsTo(phone)).isEqualTo(3);
        assertThat(decisionReasons(ids, "DEFER")).contains("CAP_SMS_DAILY");
    }

    @Test
    void caps_per_contact_point_hold_when_thirty_borrower_ids_on_one_handset_are_dispatched_at_once() throws Exception {
        String phone = Fixtures.freshPhone("CN");
        List<String> ids = submitAll(underSeveralIds(30, phone, "SMS"));

        drainConcurrently();

        assertThat(countByStatus(ids)).containsEntry("SENT", 3L).containsEntry("DEFERRED", 27L);
        assertThat(attemptsTo(phone)).isEqualTo(3);
    }

    @Test
    void ten_concurrent_identical_reminders_send_exactly_one_and_suppress_nine_as_duplicates() throws Exception {
        // Real time passes while tasks wait for each other's locks; a pinned clock would hide the race.
        AtomicBoolean ticking = new AtomicBoolean(true);
        Thread ticker = Thread.ofPlatform().daemon().start(() -> {
            while (ticking.get()) {
                clock.advance(Duration.ofMillis(1));
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try {
            for (int round = 0; round < 20; round++) {
                var template = Fixtures.aReminder();
                List<Map<String, Object>> bodies = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    var body = Fixtures.aReminder();
                    body.put("borrower", borrower(template));
                    body.put("loan", loan(template)); // same borrower, loan, template and channel; new requestId each
                    bodies.add(body);
                }
                List<String> ids = submitAll(bodies);

                drainConcurrently();

                assertThat(countByStatus(ids)).as("round %d", round).containsEntry("SENT", 1L).containsEntry("SUPPRESSED", 9L);
                assertThat(decisionReasons(ids, "SUPPRESS")).as("round %d", round).containsOnly("DUPLICATE");
                assertThat(attemptsTo((String) borrower(template).get("phone"))).as("round %d", round).isEqualTo(1);
            }
        } finally {
            ticking.set(false);
            ticker.join();
            clock.reset();
        }
    }

    private Map<String, Long> countByStatus(List<String> ids) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT status, count(*) FROM reminder WHERE id = ANY (?::uuid[]) GROUP BY status",
                    Sql.textArray(c, ids)); var rs = ps.executeQuery()) {
                Map<String, Long> out = new HashMap<>();
                while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
                return out;
            }
        });
    }

    private List<String> decisionReasons(List<String> ids, String decision) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, """
                    SELECT DISTINCT unnest(reasons) FROM contact_log WHERE reminder_id = ANY (?::uuid[]) AND kind = 'DECISION' AND decision = ?""",
                    Sql.textArray(c, ids), decision); var rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) out.add(rs.getString(1));
                return out;
            }
        });
    }

    private long attemptsTo(String phone) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT count(*) FROM sandbox_message WHERE destination = ?", phone); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void a_contact_points_lock_is_held_by_the_deciding_transaction_until_it_ends_and_every_release_derives_the_same_key() {
        var point = ContactPoint.of(ChannelType.SMS, Fixtures.freshPhone("CN"));
        // The key is the SHA-256 prefix by definition, not by this JVM: the server computes the same from the address,
        // so instances of different releases lock the same key for the same handset.
        int byServer = db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT ('x' || left(encode(sha256(convert_to(?, 'UTF8')), 'hex'), 8))::bit(32)::int",
                    point.address()); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(BorrowerRepository.lockKey(point)).isEqualTo(byServer);

        boolean freeWhileHeld = db.inTransaction(c -> {
            borrowers.lockContactPoints(c, List.of(point));
            return othersCanLock(point);
        });
        assertThat(freeWhileHeld).as("another decision may take the contact point while the first still decides").isFalse();
        assertThat(othersCanLock(point)).as("the lock ends with the deciding transaction").isTrue();
        assertThat(othersCanLock(ContactPoint.of(ChannelType.SMS, Fixtures.freshPhone("CN")))).isTrue();
    }

    /** Whether another connection (another decision, on this instance or another) could take the contact point's lock now. */
    private boolean othersCanLock(ContactPoint point) {
        return db.inTransaction(c -> {
            try (var ps = Sql.prepare(c, "SELECT pg_try_advisory_xact_lock(?, ?)", BorrowerRepository.CONTACT_POINT_LOCKS, BorrowerRepository.lockKey(point));
                 var rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }
}
