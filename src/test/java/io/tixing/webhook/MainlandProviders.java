package io.tixing.webhook;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.tixing.channel.sms.aliyun.FakeAliyun;
import io.tixing.channel.twilio.FakeTwilio;

import java.util.List;
import java.util.Map;

/** Alibaba Cloud SMS (fake, real SDK) as the mainland route, Twilio (fake, real SDK) as its secondary and for the rest. */
public class MainlandProviders implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "aliyun-callback-token-for-tests";
    public static final String TEMPLATE_CODE = "SMS_465000001";

    static FakeAliyun aliyun;
    static FakeTwilio twilio;

    @Override
    public Map<String, String> start() {
        aliyun = new FakeAliyun();
        twilio = new FakeTwilio();
        twilio.keepsMessages();
        String t = "tixing.aliyun-sms.templates.overdue-reminder.zh-CN.";
        return Map.ofEntries(
                Map.entry("tixing.aliyun-sms.access-key-id", "LTAI-test"),
                Map.entry("tixing.aliyun-sms.access-key-secret", "test-secret"),
                Map.entry("tixing.aliyun-sms.endpoint", aliyun.endpoint()),
                Map.entry("tixing.aliyun-sms.protocol", "HTTP"),
                Map.entry("tixing.aliyun-sms.sign-name", "示例银行"),
                Map.entry("tixing.aliyun-sms.read-timeout", "2s"),
                Map.entry("tixing.aliyun-sms.callback-token", TOKEN),
                Map.entry(t + "code", TEMPLATE_CODE),
                Map.entry(t + "params.name", "name"),
                Map.entry(t + "params.product", "product"),
                Map.entry(t + "params.amount", "amount"),
                Map.entry(t + "params.dueDate", "dueDate"),
                Map.entry(t + "params.days", "daysOverdue"),
                Map.entry(t + "params.hotline", "hotline"),
                Map.entry("tixing.sms.circuit.request-volume", "50"),
                Map.entry("tixing.twilio.account-sid", FakeTwilio.ACCOUNT),
                Map.entry("tixing.twilio.auth-token", FakeTwilio.TOKEN),
                Map.entry("tixing.twilio.api-base-url", twilio.baseUrl()),
                Map.entry("tixing.twilio.messaging-service-sid", LiveProviders.MESSAGING_SERVICE),
                Map.entry("tixing.twilio.webhook-base-url", LiveProviders.WEBHOOK_BASE),
                Map.entry("tixing.twilio.read-timeout", "3s"),
                Map.entry("tixing.channels.sms", "live"),
                Map.entry("tixing.channels.email", "sandbox"),
                Map.entry("tixing.channels.voice", "sandbox"),
                Map.entry("tixing.pacing.sms", "0"));
    }

    @Override
    public void stop() {
        if (aliyun != null) aliyun.close();
        if (twilio != null) twilio.close();
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() { return List.of(new TestResourceEntry(MainlandProviders.class)); }
    }
}
