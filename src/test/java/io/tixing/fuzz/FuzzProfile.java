package io.tixing.fuzz;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Sandbox channels (so every accepted reminder can be read back as the exact text that would have been sent), plus a
 * Twilio auth token and public webhook URL so that webhooks can be signed the way Twilio would sign them.
 */
public class FuzzProfile implements QuarkusTestProfile {

    public static final String TOKEN = "fuzz-auth-token";
    public static final String WEBHOOK_BASE = "https://gw.fuzz.test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "tixing.twilio.account-sid", "AC11111111111111111111111111111111",
                "tixing.twilio.auth-token", TOKEN,
                "tixing.twilio.messaging-service-sid", "MG11111111111111111111111111111111",
                "tixing.twilio.voice-from", "+14155550100",
                "tixing.twilio.webhook-base-url", WEBHOOK_BASE,
                "tixing.channels.sms", "sandbox",
                "tixing.channels.email", "sandbox",
                "tixing.channels.voice", "sandbox");
    }
}
