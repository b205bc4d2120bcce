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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tixing.wave.WaveFixtures.recipient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/** TestClock starts on 2026-11-23 10:00 in Shanghai; each "day" moves it 24 hours and runs the cadence job. */
@QuarkusTest
class CadenceTest {

    @Inject DispatchWorker worker;
    @Inject CadenceAdvance cadence;
    @Inject TestClock clock;
    @Inject Database db;

    static String lender;
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @BeforeEach
    void setUp() {
        clock.reset();
        worker.drain();
        cadence.advanceDue();
        worker.drain();
        if (lender == null) lender = Api.keyWith("cadence-lender", "submitter");
    }

    @AfterEach
    void tearDown() { clock.reset(); }

    @Test
    void a_loan_walks_its_cadence_one_local_day_at_a_time_and_stops_the_moment_it_is_paid() {
        var loan = loan(TODAY.plusDays(3), List.of(), "LOW");  // today is D-3
        String borrower = id(loan);
        put(loan, "ACTIVE").statusCode(200).body("daysOverdue", equalTo(-3));

        List<Integer> sentByDay = new ArrayList<>();
        for (int day = 0; day <= 7; day++) {           // D-3 … D+4
            if (day > 0) clock.advance(Duration.ofDays(1));
            cadence.advanceDue();
            cadence.advanceDue();                      // a second tick on the same local day does nothing
            worker.drain();
            sentByDay.add(WaveFixtures.sandboxMessages(db, borrower));
        }
        //                       D-3 D-2 D-1 D0 D+1 D+2 D+3 D+4
        assertThat(sentByDay).containsExactly(1, 1, 1, 1, 3, 3, 4, 4);
        assertThat(channels(borrower)).containsExactly("SMS", "EMAIL", "SMS", "VOICE");

        clock.advance(Duration.ofDays(3));             // D+7: VOICE + SMS created, not yet dispatched
        cadence.advanceDue();
        put(loan, "PAID").statusCode(200).body("status", equalTo("PAID")).body("cancelled", equalTo(1))
                .body("stepsRun", contains("D-3", "D+1", "D+3", "D+7"));
        worker.drain();
        for (int day = 0; day < 10; day++) {
            clock.advance(Duration.ofDays(1));
            cadence.advanceDue();
            worker.drain();
        }
        assertThat(WaveFixtures.sandboxMessages(db, borrower)).as("nothing after the loan was paid").isEqualTo(4);
        assertThat(lifecycle(borrower)).contains("CANCELLED", "PAID");
    }

    @Test
    void an_elderly_borrower_gets_the_extra_d_minus_1_reminder_and_a_hardship_borrower_the_offer_first() {
        var elderly = loan(TODAY.plusDays(3), List.of("ELDERLY"), "LOW");
        var hardship = loan(TODAY.plusDays(3), List.of("HARDSHIP"), "LOW");
        put(elderly, "ACTIVE").statusCode(200);
        put(hardship, "ACTIVE").statusCode(200);
        for (int day = 0; day <= 4; day++) {           // D-3 … D+1
            if (day > 0) clock.advance(Duration.ofDays(1));
            cadence.advanceDue();
        }
        Api.as(lender).get("/api/v1/loans/" + loanId(elderly)).then().body("stepsRun", contains("D-3", "D-1", "D+1"));
        Api.as(lender).get("/api/v1/loans/" + loanId(hardship)).then().body("stepsRun", contains("D-3", "D+1"));
        assertThat(template(loanId(hardship), "D-3")).isEqualTo("hardship-offer");
        assertThat(template(loanId(hardship), "D+1")).isEqualTo("overdue-early");
        assertThat(template(loanId(elderly), "D-1")).as("the gentle variant for the elderly").isEqualTo("pre-due-elderly");
    }

    @Test
    void four_instances_ticking_at_once_advance_each_loan_once() throws Exception {
        List<Map<String, Object>> loans = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            var loan = loan(TODAY.plusDays(3), List.of(), "LOW");
            put(loan, "ACTIVE").statusCode(200);
            loans.add(loan);
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        var go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> ticks = new ArrayList<>();
        for (int t = 0; t < 4; t++) ticks.add(pool.submit(() -> { go.await(); return cadence.advanceDue(); }));
        go.countDown();
        int advanced = 0;
        for (var f : ticks) advanced += f.get(2, java.util.concurrent.TimeUnit.MINUTES);
        pool.shutdown();

        assertThat(advanced).as("each loan advanced by exactly one of the ticks").isEqualTo(loans.size());
        for (var loan : loans) {
            assertThat(strings("SELECT kind FROM contact_log WHERE loan_id = ? AND kind = 'REQUEST'", loanId(loan)))
                    .as("one D-3 reminder for %s", loanId(loan)).hasSize(1);
        }
    }

    @Test
    void unknown_cadence_and_bad_status_are_problems() {
        var loan = loan(TODAY, List.of(), "LOW");
        loan.put("cadence", "nope");
        loan.put("status", "SOLD");
        Api.as(lender).body(loan).put("/api/v1/loans/" + loanId(loan)).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("cadence", "status"));
        Api.as(lender).body(loan).put("/api/v1/loans/other-id").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("loan.id"));
    }

    static Map<String, Object> loan(LocalDate due, List<String> flags, String tier) {
        var r = recipient("B-" + WaveFixtures.fresh(), "Asia/Shanghai");
        WaveFixtures.borrowerOf(r).put("flags", flags);
        @SuppressWarnings("unchecked") var loan = (Map<String, Object>) r.get("loan");
        loan.put("dueDate", due.toString());
        loan.remove("daysOverdue"); // a cadence counts the days from dueDate itself (a stated count must agree with it)
        loan.put("riskTier", tier);
        r.put("cadence", "default");
        return r;
    }

    io.restassured.response.ValidatableResponse put(Map<String, Object> loan, String status) {
        loan.put("status", status);
        return Api.as(lender).body(loan).put("/api/v1/loans/" + loanId(loan)).then();
    }

    static String id(Map<String, Object> loan) { return WaveFixtures.borrowerOf(loan).get("id").toString(); }

    @SuppressWarnings("unchecked")
    static String loanId(Map<String, Object> loan) { return ((Map<String, Object>) loan.get("loan")).get("id").toString(); }

    private List<String> channels(String borrower) {
        return strings("SELECT a.channel FROM sandbox_message s JOIN attempt a ON a.id = s.attempt_id WHERE a.borrower_id = ? ORDER BY s.received_at, a.channel",
                borrower);
    }

    private List<String> lifecycle(String borrower) {
        return strings("SELECT outcome FROM contact_log WHERE borrower_id = ? AND kind = 'LIFECYCLE' ORDER BY seq", borrower);
    }

    private String template(String loanId, String step) {
        return strings("SELECT template_key FROM reminder WHERE request_id = ?", "cadence:" + loanId + ":" + step).getFirst();
    }

    private List<String> strings(String sql, Object... params) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, sql, params); var rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) out.add(rs.getString(1));
                return out;
            }
        });
    }
}
