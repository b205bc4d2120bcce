package io.tixing.fault;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.tixing.channel.twilio.FakeTwilio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

/**
 * Providers that a test can break and mend while the service runs: a fake Twilio (WireMock on loopback, driven by the
 * real SDK) with a short read timeout, and a GreenMail SMTP server on a fixed port so it can be stopped and started
 * again where the service expects it.
 */
public class FaultyProviders implements QuarkusTestResourceLifecycleManager {

    public static final Integer READ_TIMEOUT_SECONDS = 1;
    static FakeTwilio twilio;
    static GreenMail mail;
    static int smtpPort;

    @Override
    public Map<String, String> start() {
        twilio = new FakeTwilio();
        smtpPort = freePort();
        startSmtp();
        return Map.ofEntries(
                Map.entry("tixing.twilio.account-sid", FakeTwilio.ACCOUNT),
                Map.entry("tixing.twilio.auth-token", FakeTwilio.TOKEN),
                Map.entry("tixing.twilio.api-base-url", twilio.baseUrl()),
                Map.entry("tixing.twilio.messaging-service-sid", "MG00000000000000000000000000000000"),
                Map.entry("tixing.twilio.voice-from", "+14155550100"),
                Map.entry("tixing.twilio.webhook-base-url", "https://gw.example.test"),
                Map.entry("tixing.twilio.read-timeout", READ_TIMEOUT_SECONDS + "s"),
                Map.entry("tixing.smtp.host", "127.0.0.1"),
                Map.entry("tixing.smtp.port", Integer.toString(smtpPort)),
                Map.entry("tixing.smtp.tls-mode", "NONE"),
                Map.entry("tixing.smtp.from", "示例银行 <noreply@bank.example>"),
                Map.entry("tixing.smtp.unsubscribe-mailto", "unsubscribe@bank.example"),
                Map.entry("tixing.smtp.connect-timeout", "1s"),
                Map.entry("tixing.smtp.read-timeout", "2s"),
                Map.entry("tixing.channels.sms", "live"),
                Map.entry("tixing.channels.email", "live"),
                Map.entry("tixing.channels.voice", "live"),
                Map.entry("tixing.pacing.sms", "0"),
                Map.entry("tixing.pacing.email", "0"),
                Map.entry("tixing.pacing.voice", "0"),
                Map.entry("tixing.dispatch.max-retries", "3"),
                Map.entry("tixing.dispatch.retry-base-delay", "10s"),
                Map.entry("tixing.dispatch.retry-max-delay", "20s"));
    }

    static void startSmtp() {
        mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
    }

    static void stopSmtp() { mail.stop(); }

    @Override
    public void stop() {
        if (twilio != null) twilio.close();
        if (mail != null) mail.stop();
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() { return List.of(new TestResourceEntry(FaultyProviders.class)); }
    }
}
