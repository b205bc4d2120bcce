package io.tixing.it;

import io.tixing.channel.sms.aliyun.FakeAliyun;
import io.tixing.channel.twilio.FakeTwilio;
import io.tixing.db.EmbeddedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} the service while it hands SMS to both live providers (fake Alibaba Cloud and fake Twilio, driven by
 * the real SDKs), at a moment the test chooses, not one it hopes for: the fakes take each message at once and hold
 * their answer until the test lets it go ({@link io.tixing.support.HeldAnswers}). With every sender waiting for an
 * answer nothing moves, so the test sees exactly which attempts reached a provider (held there, the message taken)
 * and which were still waiting in the gateway (SENDING, no request made). It lets rounds go until both kinds are
 * there at both providers, then kills. After a restart (the fakes now answering 2 s late, so batches run past
 * the half of their lease): every reminder is SENT, each borrower got exactly one message across both providers, no
 * attempt is UNKNOWN; every attempt that had reached a provider is SENT with that provider's id and its reminder was
 * not sent again; every attempt that had not is NOT_SENT and its reminder was sent once afterwards. Counted at the
 * providers and in the database only, through the public schema: no class of the dispatcher is named.
 */
class ProviderCrashIT {

    static final int PER_PROVIDER = Integer.getInteger("tixing.provider-crash.reminders", 20);
    static final int SENDERS = 4;
    static EmbeddedDatabase db;
    static FakeAliyun aliyun;
    static FakeTwilio twilio;

    @BeforeAll
    static void start() throws Exception {
        db = EmbeddedDatabase.start(GatewayProcess.tempDir("tixing-provider-crash-pg"), 0);
        aliyun = new FakeAliyun();
        twilio = new FakeTwilio();
        twilio.keepsMessages();
    }

    @AfterAll
    static void stop() {
        if (aliyun != null) {
            aliyun.held.stop();
            aliyun.close();
        }
        if (twilio != null) {
            twilio.messages.held.stop();
            twilio.close();
        }
        if (db != null) db.close();
    }

    @Test
    void killed_mid_send_on_both_providers_every_reminder_ends_sent_once_and_none_is_left_unknown() throws Exception {
        ZoneId zone = TwoInstancesIT.middayZone();
        String base = TwoInstancesIT.phoneIn(zone);
        String stem = base.substring(0, base.length() - 4);
        String viaAliyun = stem + "1"; // handsets ...1xxx go by Alibaba Cloud, ...2xxx by Twilio
        String run = "pcrash-" + System.nanoTime();
        String t = "-Dtixing.aliyun-sms.templates.overdue-reminder.zh-CN.";
        String[] settings = {
                "-Dtixing.dispatch.lease=5s", "-Dtixing.dispatch.poll-interval=1s", "-Dtixing.dispatch.senders=" + SENDERS,
                "-Dtixing.dispatch.batch-size=10", "-Dtixing.dispatch.retry-base-delay=200ms", "-Dtixing.dispatch.retry-max-delay=1s",
                // the default retry budget (5): a hand-off put back for the second half of its lease spends none of it
                // answers are held while the test looks: longer than the adapters' read timeouts (10-15 s), a held send
                // would time out as an unknown outcome on a slow machine (seen at load 15), which is not what this tests
                "-Dtixing.aliyun-sms.read-timeout=120s", "-Dtixing.twilio.read-timeout=120s",
                "-Dtixing.pacing.sms=0", "-Dtixing.channels.sms=live", "-Dtixing.channels.voice=sandbox", "-Dtixing.channels.email=sandbox",
                "-Dtixing.aliyun-sms.access-key-id=LTAI-it", "-Dtixing.aliyun-sms.access-key-secret=it-secret",
                "-Dtixing.aliyun-sms.endpoint=" + aliyun.endpoint(), "-Dtixing.aliyun-sms.protocol=HTTP",
                "-Dtixing.aliyun-sms.sign-name=示例银行", t + "code=SMS_465000001", t + "params.name=name", t + "params.amount=amount",
                "-Dtixing.twilio.account-sid=" + FakeTwilio.ACCOUNT, "-Dtixing.twilio.auth-token=" + FakeTwilio.TOKEN,
                "-Dtixing.twilio.api-base-url=" + twilio.baseUrl(), "-Dtixing.twilio.messaging-service-sid=MG00000000000000000000000000000000",
                "-Dtixing.twilio.webhook-base-url=https://gw.example.test",
                "-Dtixing.sms.routes=" + viaAliyun + "=aliyun,twilio; " + stem + "2=twilio; *=twilio"};

        // Every answer waits for the test: a round of sends stands still once all senders wait, and is let go unless it
        // shows both kinds of interrupted send at both providers (and a part of the reminders already SENT).
        aliyun.held.hold();
        twilio.messages.held.hold();
        GatewayProcess dispatching = GatewayProcess.start(db, "provider-crash-before", settings);
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < 2 * PER_PROVIDER; i++) {
            String phone = TwoInstancesIT.phoneIn(zone, (i % 2 == 0 ? 1000 : 2000) + i / 2);
            String body = """
                    {"requestId":"%s-%d","borrower":{"id":"%s-%d","name":"王小明","locale":"zh-CN","timezone":"%s","jurisdiction":"CN",
                     "phone":"%s"},"loan":{"id":"L-%d","creditor":"示例银行","amountDue":"1234.50","currency":"CNY",
                     "dueDate":"2026-11-20","hotline":"95555"},"template":"overdue-reminder","channels":["SMS"]}"""
                    .formatted(run, i, run, i, zone.getId(), phone, i);
            posts.add(() -> dispatching.post("/api/v1/reminders", body).statusCode());
        }
        var pool = Executors.newFixedThreadPool(8);
        for (Future<Integer> f : pool.invokeAll(posts)) assertThat(f.get()).isEqualTo(202);
        pool.shutdown();
        int rounds = 0;
        Interrupted now;
        Set<String> heldAliyun, heldTwilio;
        while (true) {
            rounds++;
            awaitAllSendersWaiting(dispatching, run);
            heldAliyun = aliyun.held.waiting();
            heldTwilio = twilio.messages.held.waiting();
            now = interrupted(run, viaAliyun);
            // A held send whose lease ran out may have been looked up and settled by another round meanwhile (the provider
            // has it: SENT): such a round shows no send in flight at that provider, so it is let go too.
            if (!heldAliyun.isEmpty() && !heldTwilio.isEmpty() && now.reachedAliyun().containsAll(heldAliyun)
                    && now.reachedTwilio().containsAll(heldTwilio) && !now.notReachedAliyunRoute().isEmpty() && !now.notReachedTwilioRoute().isEmpty()
                    && count(SENT, run + "%") >= PER_PROVIDER / 2) break;
            aliyun.held.letGo();
            twilio.messages.held.letGo();
        }
        dispatching.kill();
        aliyun.held.stop();
        twilio.messages.held.stop();

        // The database as the kill left it: what was SENDING, and whether its request had reached a provider.
        Interrupted cut = interrupted(run, viaAliyun);
        System.out.printf("ProviderCrashIT: killed in round %d; SENDING at the kill: reached Alibaba Cloud %d, reached Twilio %d, "
                        + "not reached on the Alibaba Cloud route %d, on the Twilio route %d; SENT before the kill %d of %d%n",
                rounds, cut.reachedAliyun().size(), cut.reachedTwilio().size(), cut.notReachedAliyunRoute().size(),
                cut.notReachedTwilioRoute().size(), count(SENT, run + "%"), 2 * PER_PROVIDER);
        assertThat(cut.reachedAliyun()).as("attempts Alibaba Cloud had taken when the answer was cut off").isNotEmpty();
        assertThat(cut.reachedTwilio()).as("attempts Twilio had taken when the answer was cut off").isNotEmpty();
        assertThat(cut.notReachedAliyunRoute()).as("SENDING attempts on the Alibaba Cloud route not yet handed over").isNotEmpty();
        assertThat(cut.notReachedTwilioRoute()).as("SENDING attempts on the Twilio route not yet handed over").isNotEmpty();
        // Nothing reached a provider between the look and the kill (the senders were all waiting): the sends whose answers
        // were held are still SENDING, and so is every attempt that was waiting in the gateway.
        assertThat(now.reachedAliyun()).containsAll(cut.reachedAliyun());
        assertThat(cut.reachedAliyun()).containsAll(heldAliyun);
        assertThat(now.reachedTwilio()).containsAll(cut.reachedTwilio());
        assertThat(cut.reachedTwilio()).containsAll(heldTwilio);
        assertThat(cut.notReachedAliyunRoute()).containsAll(now.notReachedAliyunRoute());
        assertThat(cut.notReachedTwilioRoute()).containsAll(now.notReachedTwilioRoute());

        // After the restart the providers answer 2 s late: with four senders shared by two batches of ten and a 5 s lease,
        // a batch's last sends would start after its lease ended, when another round may already have looked them up as
        // missing and sent them (the duplicates seen before DispatchPipeline's rule); under the rule they are put back.
        aliyun.answersLate(Duration.ofSeconds(2));
        twilio.keepsMessagesAnsweringLate(Duration.ofSeconds(2));
        long restarted = System.nanoTime();
        try (GatewayProcess again = GatewayProcess.start(db, "provider-crash-after", settings)) {
            for (int i = 0; i < 240 && count(SENT, run + "%") < 2L * PER_PROVIDER; i++) GatewayProcess.sleep(250);
        }
        long putBack = count("SELECT count(*) FROM attempt a JOIN reminder r ON r.id = a.reminder_id WHERE r.request_id LIKE ? "
                + "AND a.error_code = 'LEASE_RUNNING_OUT'", run + "%");
        System.out.printf("ProviderCrashIT: finished %d s after the restart began; hand-offs put back for the lease's second half: %d "
                        + "(at most %d for one reminder)%n", Duration.ofNanos(System.nanoTime() - restarted).toSeconds(), putBack,
                count("SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM attempt a JOIN reminder r ON r.id = a.reminder_id "
                        + "WHERE r.request_id LIKE ? AND a.error_code = 'LEASE_RUNNING_OUT' GROUP BY r.id) x", run + "%"));
        assertThat(putBack).as("hand-offs that came in the second half of their lease (and were put back, not sent)").isPositive();

        assertThat(count(SENT, run + "%")).as("SENT").isEqualTo(2L * PER_PROVIDER);
        assertThat(count("SELECT count(*) FROM attempt a JOIN reminder r ON r.id = a.reminder_id WHERE r.request_id LIKE ? "
                + "AND (a.status = 'UNKNOWN' OR a.error_code = 'OUTCOME_UNKNOWN')", run + "%")).as("attempts left unknown").isZero();

        // Messages at the providers, per attempt and per reminder: each provider message names its attempt (OutId / StatusCallback).
        Map<String, String> twilioSid = new HashMap<>();
        Map<String, Integer> messagesPerAttempt = new HashMap<>();
        aliyun.sent().forEach(s -> messagesPerAttempt.merge(s.outId(), 1, Integer::sum));
        twilio.messages.created().forEach(c -> {
            messagesPerAttempt.merge(c.attemptId(), 1, Integer::sum);
            twilioSid.put(c.attemptId(), c.sid());
        });
        Map<String, List<Attempt>> attemptsPerReminder = new HashMap<>();
        Map<String, Integer> perReminder = new HashMap<>();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.APP, db.credentials().app());
             var ps = c.prepareStatement("SELECT r.id, a.id, a.status, a.provider_id FROM reminder r JOIN attempt a ON a.reminder_id = r.id "
                     + "WHERE r.request_id LIKE ? ORDER BY a.created_at")) {
            ps.setString(1, run + "%");
            var rs = ps.executeQuery();
            while (rs.next()) {
                String reminder = rs.getString(1), attempt = rs.getString(2);
                perReminder.merge(reminder, messagesPerAttempt.getOrDefault(attempt, 0), Integer::sum);
                attemptsPerReminder.computeIfAbsent(reminder, k -> new ArrayList<>()).add(new Attempt(attempt, rs.getString(3), rs.getString(4)));
            }
        }
        assertThat(perReminder).hasSize(2 * PER_PROVIDER);
        assertThat(perReminder.values()).as("messages per reminder at the providers").containsOnly(1);
        assertThat(messagesPerAttempt.values()).as("messages per attempt at the providers").containsOnly(1);
        assertThat(aliyun.sent()).as("Alibaba Cloud carried its half").hasSize(PER_PROVIDER);
        assertThat(twilio.messages.created()).as("Twilio carried its half").hasSize(PER_PROVIDER);

        // Reached a provider before the kill: found by the lookup, SENT with that provider's id, and nothing sent after.
        for (String id : cut.reachedAliyun()) {
            assertThat(sentOf(attemptsPerReminder, id)).as("sent attempts of the reminder whose attempt %s Alibaba Cloud had taken", id)
                    .containsExactly(new Attempt(id, "SENT", "aliyun:out-" + id));
        }
        for (String id : cut.reachedTwilio()) {
            assertThat(sentOf(attemptsPerReminder, id)).as("sent attempts of the reminder whose attempt %s Twilio had taken", id)
                    .containsExactly(new Attempt(id, "SENT", twilioSid.get(id)));
        }
        // Not reached: NOT_SENT, and its reminder decided afresh and sent once, by a later attempt with its own message.
        List<String> notReached = new ArrayList<>(cut.notReachedAliyunRoute());
        notReached.addAll(cut.notReachedTwilioRoute());
        for (String id : notReached) {
            List<Attempt> all = reminderOf(attemptsPerReminder, id);
            assertThat(all).as("attempt %s, still in the gateway at the kill", id).contains(new Attempt(id, "NOT_SENT", null));
            assertThat(sentOf(attemptsPerReminder, id)).as("sent attempts of the reminder of %s", id)
                    .singleElement().satisfies(a -> assertThat(messagesPerAttempt).containsEntry(a.id(), 1));
        }
    }

    static final String SENT = "SELECT count(*) FROM reminder WHERE status = 'SENT' AND request_id LIKE ?";

    record Attempt(String id, String status, String providerId) {}

    /** The SENDING attempts of the run, by whether a provider has their request (its OutId / StatusCallback names them). */
    record Interrupted(Set<String> reachedAliyun, Set<String> reachedTwilio, Set<String> notReachedAliyunRoute, Set<String> notReachedTwilioRoute) {}

    static Interrupted interrupted(String run, String viaAliyun) throws SQLException {
        Set<String> atAliyun = new HashSet<>(), atTwilio = new HashSet<>();
        aliyun.sent().forEach(s -> atAliyun.add(s.outId()));
        twilio.messages.created().forEach(c -> atTwilio.add(c.attemptId()));
        Interrupted out = new Interrupted(new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
        try (var c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.APP, db.credentials().app());
             var ps = c.prepareStatement("SELECT a.id, a.destination FROM attempt a JOIN reminder r ON r.id = a.reminder_id "
                     + "WHERE a.status = 'SENDING' AND r.request_id LIKE ?")) {
            ps.setString(1, run + "%");
            var rs = ps.executeQuery();
            while (rs.next()) {
                String id = rs.getString(1);
                if (atAliyun.contains(id)) out.reachedAliyun().add(id);
                else if (atTwilio.contains(id)) out.reachedTwilio().add(id);
                else if (rs.getString(2).startsWith(viaAliyun)) out.notReachedAliyunRoute().add(id);
                else out.notReachedTwilioRoute().add(id);
            }
        }
        return out;
    }

    /** Until every sender of the gateway waits for a provider's answer (so nothing moves until the test lets go). */
    static void awaitAllSendersWaiting(GatewayProcess gateway, String run) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (aliyun.held.waiting().size() + twilio.messages.held.waiting().size() < SENDERS) {
            if (System.nanoTime() > deadline || !gateway.alive()) {
                throw new AssertionError("the senders never all waited for a provider (held at Alibaba Cloud "
                        + aliyun.held.waiting().size() + ", at Twilio " + twilio.messages.held.waiting().size() + "; " + progress(run)
                        + "); see " + gateway.log + "\n" + gateway.tail());
            }
            GatewayProcess.sleep(5);
        }
    }

    /** How far the run got, for a failure message: its reminders and attempts counted by status. */
    static String progress(String run) {
        try (var c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.APP, db.credentials().app());
             var ps = c.prepareStatement("SELECT 'reminders ' || status, count(*) FROM reminder WHERE request_id LIKE ? GROUP BY status "
                     + "UNION ALL SELECT 'attempts ' || a.status, count(*) FROM attempt a JOIN reminder r ON r.id = a.reminder_id "
                     + "WHERE r.request_id LIKE ? GROUP BY a.status ORDER BY 1")) {
            ps.setString(1, run + "%");
            ps.setString(2, run + "%");
            var rs = ps.executeQuery();
            List<String> out = new ArrayList<>();
            while (rs.next()) out.add(rs.getString(1) + " " + rs.getLong(2));
            return String.join(", ", out);
        } catch (SQLException e) {
            return "progress unknown: " + e.getMessage();
        }
    }

    /** The attempts of the reminder that {@code attemptId} belongs to, oldest first. */
    static List<Attempt> reminderOf(Map<String, List<Attempt>> perReminder, String attemptId) {
        return perReminder.values().stream().filter(l -> l.stream().anyMatch(a -> a.id().equals(attemptId))).findFirst().orElseThrow();
    }

    /** Its SENT attempts. */
    static List<Attempt> sentOf(Map<String, List<Attempt>> perReminder, String attemptId) {
        return reminderOf(perReminder, attemptId).stream().filter(a -> a.status().equals("SENT")).toList();
    }

    static long count(String sql, String like) throws SQLException {
        try (var c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.APP, db.credentials().app());
             var ps = c.prepareStatement(sql)) {
            ps.setString(1, like);
            var rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }
}
