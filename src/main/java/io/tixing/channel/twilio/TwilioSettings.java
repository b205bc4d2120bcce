package io.tixing.channel.twilio;

import java.time.Duration;

/**
 * Everything the live Twilio adapters need, as plain values (the integrator fills it from {@code tixing.twilio.*}).
 *
 * @param accountSid          Twilio account SID (AC...)
 * @param authToken           auth token: REST basic-auth password and the key of {@code X-Twilio-Signature}
 * @param apiBaseUrl          scheme://host[:port][/prefix] every *.twilio.com request is sent to; null = {@value #DEFAULT_API_BASE_URL}
 * @param messagingServiceSid MG... used as sender for SMS when set (wins over {@code smsFrom})
 * @param smsFrom             E.164 sender number for SMS when no messaging service is set
 * @param voiceFrom           E.164 caller id for voice calls
 * @param webhookBaseUrl      public base URL Twilio calls back (https://gw.example.com), no trailing slash needed
 * @param agentNumber         E.164 number the voice menu's "0" transfers to; null = no transfer, the callee is told we call back
 * @param connectTimeout      TCP connect timeout to the API; null = 5 s
 * @param readTimeout         time to wait for the API's response; null = 15 s
 */
public record TwilioSettings(String accountSid, String authToken, String apiBaseUrl, String messagingServiceSid,
                             String smsFrom, String voiceFrom, String webhookBaseUrl, String agentNumber,
                             Duration connectTimeout, Duration readTimeout) {

    public static final String DEFAULT_API_BASE_URL = "https://api.twilio.com";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(15);

    public TwilioSettings {
        apiBaseUrl = blank(apiBaseUrl) ? DEFAULT_API_BASE_URL : stripSlash(apiBaseUrl.trim());
        webhookBaseUrl = blank(webhookBaseUrl) ? null : stripSlash(webhookBaseUrl.trim());
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
        messagingServiceSid = blank(messagingServiceSid) ? null : messagingServiceSid.trim();
        smsFrom = blank(smsFrom) ? null : smsFrom.trim();
        agentNumber = blank(agentNumber) ? null : agentNumber.trim();
    }

    /** The absolute URL of a webhook path ("/webhooks/twilio/status") under {@link #webhookBaseUrl}. */
    public String webhookUrl(String pathAndQuery) {
        if (webhookBaseUrl == null) {
            throw new IllegalStateException("tixing.twilio.webhook-base-url is not set");
        }
        return webhookBaseUrl + (pathAndQuery.startsWith("/") ? pathAndQuery : "/" + pathAndQuery);
    }

    @Override
    public String toString() { // never print the token
        return "TwilioSettings[accountSid=" + accountSid + ", apiBaseUrl=" + apiBaseUrl + ", messagingServiceSid="
                + messagingServiceSid + ", smsFrom=" + smsFrom + ", voiceFrom=" + voiceFrom + ", webhookBaseUrl="
                + webhookBaseUrl + ", agentNumber=" + agentNumber + ", authToken=***]";
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
