package io.tixing.webhook;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.tixing.channel.twilio.FakeTwilio;

import java.util.List;
import java.util.Map;

/** A fake Twilio (WireMock on 127.0.0.1, driven by the real SDK) and a real SMTP server (GreenMail) for live-channel tests. */
public class LiveProviders implements QuarkusTestResourceLifecycleManager {

    public static final String WEBHOOK_BASE = "https://gw.example.test";
    public static final String MESSAGING_SERVICE = "MG00000000000000000000000000000000";
    public static final String VOICE_FROM = "+14155550100";
    public static final String AGENT = "+8610000000";

    static FakeTwilio twilio;
    static GreenMail mail;

    /** The fake Twilio of the running profile, for tests outside this package that drive calls and their callbacks. */
    public static FakeTwilio twilio() { return twilio; }

    @Override
    public Map<String, String> start() {
        twilio = new FakeTwilio();
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        return Map.ofEntries(
                Map.entry("tixing.twilio.account-sid", FakeTwilio.ACCOUNT),
                Map.entry("tixing.twilio.auth-token", FakeTwilio.TOKEN),
                Map.entry("tixing.twilio.api-base-url", twilio.baseUrl()),
                Map.entry("tixing.twilio.messaging-service-sid", MESSAGING_SERVICE),
                Map.entry("tixing.twilio.voice-from", VOICE_FROM),
                Map.entry("tixing.twilio.agent-number", AGENT),
                Map.entry("tixing.twilio.webhook-base-url", WEBHOOK_BASE),
                Map.entry("tixing.twilio.read-timeout", "3s"),
                Map.entry("tixing.smtp.host", "127.0.0.1"),
                Map.entry("tixing.smtp.port", Integer.toString(mail.getSmtp().getPort())),
                Map.entry("tixing.smtp.tls-mode", "NONE"),
                Map.entry("tixing.smtp.from", "示例银行 <noreply@bank.example>"),
                Map.entry("tixing.smtp.unsubscribe-mailto", "unsubscribe@bank.example"),
                Map.entry("tixing.channels.sms", "live"),
                Map.entry("tixing.channels.email", "live"),
                Map.entry("tixing.channels.voice", "live"),
                Map.entry("tixing.pacing.sms", "0"),   // pacing has its own test; here the clock is pinned
                Map.entry("tixing.pacing.email", "0"),
                Map.entry("tixing.pacing.voice", "0"),
                Map.entry("tixing.dispatch.max-retries", "2"),
                Map.entry("tixing.dispatch.retry-base-delay", "10s"),
                Map.entry("tixing.dispatch.retry-max-delay", "20s"));
    }

    @Override
    public void stop() {
        if (twilio != null) twilio.close();
        if (mail != null) mail.stop();
    }

    /** Runs the live-channel tests in their own application, with the providers above. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() { return List.of(new TestResourceEntry(LiveProviders.class)); }
    }
}
