package io.tixing.channel;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Twilio account and endpoints. With an account SID and auth token, SMS and voice go live (mode {@code auto}). */
@ConfigMapping(prefix = "tixing.twilio")
public interface TwilioConfig {

    /** {@code AC…}. */
    Optional<String> accountSid();

    /** REST password, and the key of {@code X-Twilio-Signature} on webhooks. Secret. */
    Optional<String> authToken();

    /** Every {@code *.twilio.com} request goes here (tests and regional edges point elsewhere). */
    @WithDefault("https://api.twilio.com")
    String apiBaseUrl();

    /** {@code MG…}: the SMS sender; wins over {@link #smsFrom()}. */
    Optional<String> messagingServiceSid();

    /** E.164 SMS sender when no messaging service is set. */
    Optional<String> smsFrom();

    /** E.164 caller id for robot calls. */
    Optional<String> voiceFrom();

    /** The public base URL Twilio calls back (webhook signatures are computed over it). */
    Optional<String> webhookBaseUrl();

    /** E.164 number that menu key 0 transfers the borrower to. */
    Optional<String> agentNumber();

    @WithDefault("5s")
    Duration connectTimeout();

    /** Kept well below the dispatch lease, so a slow call never outlives its claim. */
    @WithDefault("15s")
    Duration readTimeout();

    default boolean hasCredentials() {
        return accountSid().filter(s -> !s.isBlank()).isPresent() && authToken().filter(s -> !s.isBlank()).isPresent();
    }
}
