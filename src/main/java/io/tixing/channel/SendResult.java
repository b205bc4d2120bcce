package io.tixing.channel;

import java.time.Duration;

/**
 * How a provider answered. Provider errors are values, never exceptions.
 *
 * <p>Every result also says which provider gave it ({@code provider}: "twilio", "aliyun", "smtp", "sandbox"; null when
 * an adapter was called directly) and, when the SMS channel failed over inside itself, what happened at the first
 * provider ({@code failover}, e.g. {@code "aliyun answered HTTP_503 (...); sent via twilio"}; null without failover).
 * The dispatcher writes both into the ATTEMPT entry of the contact log. The old constructors stay for adapters that
 * know nothing of routing.
 */
public sealed interface SendResult {

    /** The provider that gave this answer, or null. */
    String provider();

    /** What the first provider answered when the channel failed over to another, or null. */
    String failover();

    /** The same answer, marked with the provider that gave it and the failover (if any) that led to it. */
    SendResult via(String provider, String failover);

    /** The provider took the message; {@code status} is its word for it (queued, accepted, sent...). */
    record Accepted(String providerId, String status, String provider, String failover) implements SendResult {
        public Accepted(String providerId, String status) { this(providerId, status, null, null); }

        @Override
        public Accepted via(String provider, String failover) { return new Accepted(providerId, status, provider, failover); }
    }

    /** Final: do not retry this contact point for this message. */
    record Rejected(Failure failure, String errorCode, String detail, String provider, String failover) implements SendResult {
        public Rejected(Failure failure, String errorCode, String detail) { this(failure, errorCode, detail, null, null); }

        @Override
        public Rejected via(String provider, String failover) { return new Rejected(failure, errorCode, detail, provider, failover); }
    }

    /** Transient (HTTP 429, 5xx, timeout, SMTP disconnect): try again after at least {@code retryAfter}. */
    record RetryLater(String errorCode, Duration retryAfter, String detail, String provider, String failover) implements SendResult {
        public RetryLater(String errorCode, Duration retryAfter, String detail) { this(errorCode, retryAfter, detail, null, null); }

        @Override
        public RetryLater via(String provider, String failover) { return new RetryLater(errorCode, retryAfter, detail, provider, failover); }
    }

    /**
     * The request may have reached the provider but its answer did not come back (a read timeout): sending again
     * could reach the borrower twice, so the attempt is closed as UNKNOWN and never resent; a later status
     * callback can still confirm it.
     */
    record Unknown(String errorCode, String detail, String provider, String failover) implements SendResult {
        public Unknown(String errorCode, String detail) { this(errorCode, detail, null, null); }

        @Override
        public Unknown via(String provider, String failover) { return new Unknown(errorCode, detail, provider, failover); }
    }

    enum Failure {
        /** Invalid, unreachable or landline number / bad mailbox: mark the contact point invalid. */
        INVALID_CONTACT_POINT,
        /** The provider says the recipient unsubscribed (Twilio 21610): record an opt-out. */
        OPTED_OUT,
        /** Anything else that will not get better by retrying. */
        PERMANENT
    }
}
