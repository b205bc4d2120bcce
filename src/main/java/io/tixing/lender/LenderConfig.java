package io.tixing.lender;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "tixing.lender")
public interface LenderConfig {

    /** Where lender events (e.g. {@code borrower.escalate}) are POSTed; unset: events are kept as UNDELIVERED_NO_URL. */
    Optional<String> callbackUrl();

    /** HMAC-SHA256 key for the {@code X-Tixing-Signature} header. */
    Optional<String> callbackSecret();

    /** How often pending events are (re)delivered ({@code off} to drive it by hand, as tests do). */
    @WithDefault("30s")
    String deliveryInterval();

    /** First retry delay; doubles per failed attempt up to {@link #retryMaxDelay()}. */
    @WithDefault("30s")
    Duration retryBaseDelay();

    @WithDefault("6h")
    Duration retryMaxDelay();

    /** Attempts before an event is marked FAILED (it stays in the table for an operator). */
    @WithDefault("12")
    int maxAttempts();
}
