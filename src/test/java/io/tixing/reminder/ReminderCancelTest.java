package io.tixing.reminder;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static io.tixing.support.Fixtures.borrower;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
class ReminderCancelTest {

    static String submitter;
    static String compliance;

    @Inject DispatchWorker worker;
    @Inject TestClock clock;

    @BeforeEach
    void setUp() {
        clock.reset();
        worker.drain(); // nothing due from other tests
        if (submitter == null) {
            submitter = Api.keyWith("cancel-sys", "submitter");
            compliance = Api.keyWith("cancel-compliance", "compliance");
        }
    }

    @AfterEach
    void resetClock() { clock.reset(); }

    private static String cancelPath(String id) { return "/api/v1/reminders/" + id + "/cancel"; }

    @Test
    void a_queued_reminder_is_cancelled_logged_with_the_actor_and_never_sent() {
        var r = Fixtures.aReminder();
        String id = Api.submit(submitter, r).statusCode(202).extract().path("id");

        Api.as(submitter).post(cancelPath(id)).then().statusCode(200).body("status", equalTo("CANCELLED"));
        Api.as(compliance).queryParam("reminderId", id).queryParam("kind", "LIFECYCLE").get("/api/v1/contact-log").then()
                .body("entries", hasSize(1))
                .body("entries[0].outcome", equalTo("CANCELLED"))
                .body("entries[0].actor", equalTo("client:cancel-sys"));

        worker.drain();
        Api.as(submitter).get("/api/v1/reminders/" + id).then().body("status", equalTo("CANCELLED")).body("attempts", hasSize(0));
    }

    @Test
    void a_deferred_reminder_is_cancelled_and_stays_unsent_when_its_window_opens() {
        clock.setLocal("2026-11-23T23:00:00", "Asia/Shanghai"); // quiet hours
        String id = Api.submit(submitter, Fixtures.aReminder()).statusCode(202).extract().path("id");
        worker.drain();
        Api.as(submitter).get("/api/v1/reminders/" + id).then().body("status", equalTo("DEFERRED"));

        String operator = Api.keyWith("cancel-ops", "operator");
        Api.as(operator).post(cancelPath(id)).then().statusCode(200).body("status", equalTo("CANCELLED"));
        Api.as(compliance).queryParam("reminderId", id).queryParam("kind", "LIFECYCLE").get("/api/v1/contact-log").then()
                .body("entries[0].actor", equalTo("operator:cancel-ops"));

        clock.advance(Duration.ofHours(10));
        worker.drain();
        Api.as(submitter).get("/api/v1/reminders/" + id).then().body("status", equalTo("CANCELLED")).body("attempts", hasSize(0));
    }

    @Test
    void cancel_of_a_sent_reminder_is_409_naming_its_status() {
        String id = Api.submit(submitter, Fixtures.aReminder()).statusCode(202).extract().path("id");
        worker.drain();
        Api.as(submitter).get("/api/v1/reminders/" + id).then().body("status", equalTo("SENT"));

        Api.as(submitter).post(cancelPath(id)).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://tixing.io/problems/reminder-not-recallable"))
                .body("detail", containsString("is SENT"));
        Api.as(submitter).get("/api/v1/reminders/" + id).then().body("status", equalTo("SENT"));
    }

    @Test
    void a_cancelled_reminder_cannot_be_cancelled_again() {
        String id = Api.submit(submitter, Fixtures.aReminder()).statusCode(202).extract().path("id");
        Api.as(submitter).post(cancelPath(id)).then().statusCode(200);
        Api.as(submitter).post(cancelPath(id)).then().statusCode(409).body("detail", containsString("is CANCELLED"));
    }

    @Test
    void another_client_cannot_cancel_a_reminder_and_does_not_learn_it_exists() {
        String id = Api.submit(submitter, Fixtures.aReminder()).statusCode(202).extract().path("id");
        String other = Api.keyWith("cancel-other", "submitter");
        Api.as(other).post(cancelPath(id)).then().statusCode(404);
        Api.as(other).post(cancelPath("not-a-uuid")).then().statusCode(404);
        Api.as(compliance).post(cancelPath(id)).then().statusCode(403);
        Api.as(submitter).get("/api/v1/reminders/" + id).then().body("status", equalTo("QUEUED"));
    }

    /**
     * Cancel and dispatch race for the same reminders. Whichever wins its row lock, the two agree: a cancel answered 200
     * means the reminder ended CANCELLED with no attempt; a 409 means it was taken by the dispatcher and sent once.
     */
    @Test
    void cancel_racing_dispatch_never_cancels_a_sent_reminder_nor_sends_a_cancelled_one() throws Exception {
        int cancelled = 0, sent = 0;
        // two threads of their own: the common pool may have only one on a small machine, which would serialise the race
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
        for (int round = 0; round < 12; round++) {
            String id = Api.submit(submitter, Fixtures.aReminder()).statusCode(202).extract().path("id");
            CountDownLatch go = new CountDownLatch(1);
            // alternately one side starts a little later: both orders come up, and the rounds near 0 overlap
            long cancelDelay = round % 2 == 1 ? round * 2L : 0, dispatchDelay = round % 2 == 0 ? round * 40L : 0;
            var cancel = CompletableFuture.supplyAsync(() -> {
                await(go);
                sleep(cancelDelay);
                return Api.as(submitter).post(cancelPath(id)).then().extract().statusCode();
            }, pool);
            var dispatch = CompletableFuture.runAsync(() -> {
                await(go);
                sleep(dispatchDelay);
                worker.runOnce();
            }, pool);
            go.countDown();
            int status = cancel.get();
            dispatch.get();
            worker.drain();
            var view = Api.as(submitter).get("/api/v1/reminders/" + id).then().extract().jsonPath();
            List<Object> attempts = view.getList("attempts");
            if (status == 200) {
                cancelled++;
                assertThat(view.getString("status")).isEqualTo("CANCELLED");
                assertThat(attempts).isEmpty();
            } else {
                sent++;
                assertThat(status).isEqualTo(409);
                assertThat(view.getString("status")).isEqualTo("SENT");
                assertThat(attempts).hasSize(1);
            }
        }
        } finally {
            pool.shutdown();
        }
        assertThat(cancelled + sent).isEqualTo(12);
        System.out.printf("ReminderCancelTest race: %d cancelled first, %d dispatched first%n", cancelled, sent);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch go) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
