package io.tixing.reminder;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.db.Sql;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

import static io.tixing.support.Fixtures.loan;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class GroupCommitTest {

    static final int THREADS = 32;
    static String submitter;

    @Inject GroupCommit group;
    private Duration wait;

    @BeforeEach
    void setUp() {
        if (submitter == null) submitter = Api.keyWith("group-sys", "submitter");
        wait = group.maxWait();
        group.maxWait(Duration.ofMillis(50)); // 32 requests released at once reliably share groups on a busy machine
    }

    @AfterEach
    void restore() { group.maxWait(wait); }

    record Answer(int status, String id, String type) {}

    /** Sends {@code THREADS} POSTs at the same instant; body i from {@code bodies}. */
    private static List<Answer> concurrently(IntFunction<Map<String, Object>> bodies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                var body = bodies.apply(i);
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    var r = Api.as(submitter).body(body).post("/api/v1/reminders").then().extract();
                    return new Answer(r.statusCode(), r.path("id"), r.path("type"));
                }, pool));
            }
            go.countDown();
            List<Answer> out = new ArrayList<>();
            for (var a : answers) out.add(a.get());
            return out;
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void concurrent_requests_are_committed_together_and_each_is_answered_only_after_its_commit() throws Exception {
        long commitsBefore = group.commits();
        List<Answer> answers = concurrently(i -> Fixtures.aReminder());

        assertThat(answers).extracting(Answer::status).containsOnly(202);
        assertThat(answers).extracting(Answer::id).doesNotHaveDuplicates();
        // answered 202 means committed: every one is readable at once, from another connection
        for (Answer a : answers) Api.as(submitter).get("/api/v1/reminders/" + a.id()).then().statusCode(200);
        assertThat(group.commits() - commitsBefore).as("transactions for %d requests", THREADS).isLessThan(THREADS / 2);
    }

    @Test
    void the_same_request_id_with_the_same_body_from_32_threads_is_one_reminder_and_31_replays() throws Exception {
        var body = Fixtures.aReminder();
        List<Answer> answers = concurrently(i -> body);

        assertThat(answers).filteredOn(a -> a.status() == 202).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() == 200).hasSize(THREADS - 1);
        assertThat(answers).extracting(Answer::id).containsOnly(answers.getFirst().id());
    }

    @Test
    void the_same_request_id_with_other_bodies_from_32_threads_is_one_reminder_and_31_conflicts() throws Exception {
        var base = Fixtures.aReminder();
        List<Answer> answers = concurrently(i -> {
            var b = copy(base);
            loan(b).put("amountDue", (100 + i) + ".00");
            return b;
        });

        assertThat(answers).filteredOn(a -> a.status() == 202).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() == 409).hasSize(THREADS - 1)
                .extracting(Answer::type).containsOnly("https://tixing.io/problems/idempotency-conflict");
    }

    @Test
    void new_requests_and_repeats_mixed_in_one_group_each_get_their_own_answer() throws Exception {
        var repeated = Fixtures.aReminder();
        String original = Api.submit(submitter, repeated).statusCode(202).extract().path("id");
        List<Answer> answers = concurrently(i -> i % 2 == 0 ? repeated : Fixtures.aReminder());

        for (int i = 0; i < THREADS; i++) {
            if (i % 2 == 0) assertThat(answers.get(i)).isEqualTo(new Answer(200, original, null));
            else assertThat(answers.get(i).status()).isEqualTo(202);
        }
    }

    /** Fault injection: a trigger refuses one loan id, as a constraint would, after validation passed. */
    @Test
    void one_request_the_database_refuses_fails_alone_and_the_rest_of_its_group_commits() throws Exception {
        superuser(c -> {
            Sql.update(c, """
                    CREATE OR REPLACE FUNCTION test_refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN IF NEW.loan_id = 'L-POISON' THEN RAISE EXCEPTION 'poisoned loan' USING ERRCODE = '23514'; END IF; RETURN NEW; END $$""");
            Sql.update(c, "CREATE TRIGGER test_refuse_poison BEFORE INSERT ON reminder FOR EACH ROW EXECUTE FUNCTION test_refuse_poison()");
        });
        try {
            List<Answer> answers = concurrently(i -> {
                var b = Fixtures.aReminder();
                if (i == 7) loan(b).put("id", "L-POISON");
                return b;
            });
            for (int i = 0; i < THREADS; i++) {
                if (i == 7) assertThat(answers.get(i).status()).isEqualTo(500);
                else assertThat(answers.get(i).status()).as("request %d", i).isEqualTo(202);
            }
            for (int i = 0; i < THREADS; i++) {
                if (i != 7) Api.as(submitter).get("/api/v1/reminders/" + answers.get(i).id()).then().statusCode(200);
            }
        } finally {
            superuser(c -> {
                Sql.update(c, "DROP TRIGGER test_refuse_poison ON reminder");
                Sql.update(c, "DROP FUNCTION test_refuse_poison()");
            });
        }
    }

    interface Work { void run(java.sql.Connection c) throws java.sql.SQLException; }

    /** Outside the app's rights (it may not create triggers), as the fault injection needs. */
    private static void superuser(Work work) throws java.sql.SQLException {
        try (var c = java.sql.DriverManager.getConnection(io.tixing.support.EmbeddedPostgresResource.database().superuserJdbcUrl())) {
            work.run(c);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> m) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> inner ? copy((Map<String, Object>) inner) : v instanceof List<?> l ? new ArrayList<>(l) : v));
        return out;
    }
}
