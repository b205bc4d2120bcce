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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} the service while it hands SMS to both live providers (fake Alibaba Cloud and fake Twilio, driven by
 * the real SDKs; each takes the message at once and answers a little later, so some attempts are in flight at the
 * kill). After a restart every reminder is SENT, each borrower got exactly one message across both providers, and no
 * attempt is left UNKNOWN: the ones the kill interrupted were looked up at the provider (by OutId at Alibaba Cloud,
 * by number and time at Twilio) and recorded as sent, not sent again. Counted at the providers and in the database
 * only, through the public schema: no class of the dispatcher is named.
 */
class ProviderCrashIT {

    static final int PER_PROVIDER = Integer.getInteger("tixing.provider-crash.reminders", 60);
    static EmbeddedDatabase db;
    static FakeAliyun aliyun;
    static FakeTwilio twilio;

    @BeforeAll
    static void start() throws Exception {
        db = EmbeddedDatabase.start(GatewayProcess.tempDir("tixing-provider-crash-pg"), 0);
        aliyun = new FakeAliyun();
        twilio = new FakeTwilio();
        twilio.keepsMessages();
        aliyun.answersLate(Duration.ofSeconds(2));
        twilio.keepsMessagesAnsweringLate(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        if (aliyun != null) aliyun.close();
        if (twilio != null) twilio.close();
        if (db != null) db.close();
    }

    @Test
    @org.junit.jupiter.api.Disabled("unfinished: the kill does not reliably land while an attempt is in flight (0 of the last two runs). "
            + "On the merged pipeline one run did catch 10 in flight and showed duplicates across providers; the cause was a batch outliving "
            + "its lease, fixed in DispatchPipeline (hand-offs only in the first half of the lease), but not yet proven by this test")
    void killed_mid_send_on_both_providers_every_reminder_ends_sent_once_and_none_is_left_unknown() throws Exception {
        ZoneId zone = TwoInstancesIT.middayZone();
        String base = TwoInstancesIT.phoneIn(zone);
        String stem = base.substring(0, base.length() - 4);
        String run = "pcrash-" + System.nanoTime();
        String t = "-Dtixing.aliyun-sms.templates.overdue-reminder.zh-CN.";
        String[] settings = {
                "-Dtixing.dispatch.lease=5s", "-Dtixing.dispatch.poll-interval=1s", "-Dtixing.dispatch.senders=4",
                "-Dtixing.dispatch.batch-size=10", "-Dtixing.pacing.sms=0", "-Dtixing.channels.sms=live", "-Dtixing.channels.voice=sandbox", "-Dtixing.channels.email=sandbox",
                "-Dtixing.aliyun-sms.access-key-id=LTAI-it", "-Dtixing.aliyun-sms.access-key-secret=it-secret",
                "-Dtixing.aliyun-sms.endpoint=" + aliyun.endpoint(), "-Dtixing.aliyun-sms.protocol=HTTP",
                "-Dtixing.aliyun-sms.sign-name=示例银行", t + "code=SMS_465000001", t + "params.name=name", t + "params.amount=amount",
                "-Dtixing.twilio.account-sid=" + FakeTwilio.ACCOUNT, "-Dtixing.twilio.auth-token=" + FakeTwilio.TOKEN,
                "-Dtixing.twilio.api-base-url=" + twilio.baseUrl(), "-Dtixing.twilio.messaging-service-sid=MG00000000000000000000000000000000",
                "-Dtixing.twilio.webhook-base-url=https://gw.example.test",
                // handsets ...1xxx go by Alibaba Cloud, ...2xxx by Twilio
                "-Dtixing.sms.routes=" + stem + "1=aliyun,twilio; " + stem + "2=twilio; *=twilio"};

        GatewayProcess intake = GatewayProcess.start(db, "provider-crash-intake", "-Dtixing.dispatch.poll-interval=off");
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < 2 * PER_PROVIDER; i++) {
            String phone = TwoInstancesIT.phoneIn(zone, (i % 2 == 0 ? 1000 : 2000) + i / 2);
            String body = """
                    {"requestId":"%s-%d","borrower":{"id":"%s-%d","name":"王小明","locale":"zh-CN","timezone":"%s","jurisdiction":"CN",
                     "phone":"%s"},"loan":{"id":"L-%d","creditor":"示例银行","amountDue":"1234.50","currency":"CNY",
                     "dueDate":"2026-11-20","hotline":"95555"},"template":"overdue-reminder","channels":["SMS"]}"""
                    .formatted(run, i, run, i, zone.getId(), phone, i);
            posts.add(() -> intake.post("/api/v1/reminders", body).statusCode());
        }
        var pool = Executors.newFixedThreadPool(8);
        for (Future<Integer> f : pool.invokeAll(posts)) assertThat(f.get()).isEqualTo(202);
        pool.shutdown();
        intake.close();

        String sent = "SELECT count(*) FROM reminder WHERE status = 'SENT' AND request_id LIKE ?";
        GatewayProcess dispatching = GatewayProcess.start(db, "provider-crash-before", settings);
        while (count(sent, run + "%") < PER_PROVIDER / 2) GatewayProcess.sleep(20);
        dispatching.kill();
        long inFlight = count("SELECT count(*) FROM attempt a JOIN reminder r ON r.id = a.reminder_id WHERE a.status = 'SENDING' AND r.request_id LIKE ?", run + "%");
        assertThat(count(sent, run + "%")).as("the kill landed mid-dispatch").isLessThan(2L * PER_PROVIDER);
        System.out.printf("ProviderCrashIT: %d attempts in flight at the kill%n", inFlight);
        assertThat(inFlight).as("attempts handed to a provider whose answer the kill cut off").isPositive();

        try (GatewayProcess again = GatewayProcess.start(db, "provider-crash-after", settings)) {
            for (int i = 0; i < 240 && count(sent, run + "%") < 2L * PER_PROVIDER; i++) GatewayProcess.sleep(500);
        }

        assertThat(count(sent, run + "%")).as("SENT").isEqualTo(2L * PER_PROVIDER);
        assertThat(count("SELECT count(*) FROM attempt a JOIN reminder r ON r.id = a.reminder_id WHERE r.request_id LIKE ? "
                + "AND (a.status = 'UNKNOWN' OR a.error_code = 'OUTCOME_UNKNOWN')", run + "%")).as("attempts left unknown").isZero();
        // Messages at the providers, per reminder: each provider message names its attempt (OutId / StatusCallback).
        Map<String, Integer> messagesPerAttempt = new HashMap<>();
        aliyun.sent().forEach(s -> messagesPerAttempt.merge(s.outId(), 1, Integer::sum));
        twilio.messages.created().forEach(c -> messagesPerAttempt.merge(c.statusCallback().substring(c.statusCallback().indexOf("attemptId=") + 10), 1, Integer::sum));
        Map<String, Integer> perReminder = new HashMap<>();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), EmbeddedDatabase.APP, db.credentials().app());
             var ps = c.prepareStatement("SELECT r.id, a.id FROM reminder r JOIN attempt a ON a.reminder_id = r.id WHERE r.request_id LIKE ?")) {
            ps.setString(1, run + "%");
            var rs = ps.executeQuery();
            while (rs.next()) perReminder.merge(rs.getString(1), messagesPerAttempt.getOrDefault(rs.getString(2), 0), Integer::sum);
        }
        assertThat(perReminder).hasSize(2 * PER_PROVIDER);
        assertThat(perReminder.values()).as("messages per reminder at the providers").containsOnly(1);
        assertThat(aliyun.sent()).as("Alibaba Cloud carried its half").hasSize(PER_PROVIDER);
        assertThat(twilio.messages.created()).as("Twilio carried its half").hasSize(PER_PROVIDER);
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
