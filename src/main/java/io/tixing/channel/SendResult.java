package io.tixing.channel;

import java.time.Duration;

/** How a provider answered. Provider errors are values, never exceptions. */
public sealed interface SendResult {

    /** The provider took the message; {@code status} is its word for it (queued, accepted, sent...). */
    record Accepted(String providerId, String status) implements SendResult {}

    /** Final: do not retry this contact point for this message. */
    record Rejected(Failure failure, String errorCode, String detail) implements SendResult {}

    /** Transient (HTTP 429, 5xx, timeout, SMTP disconnect): try again after at least {@code retryAfter}. */
    record RetryLater(String errorCode, Duration retryAfter, String detail) implements SendResult {}

    /**
     * The request may have reached the provider but its answer did not come back (a read timeout): sending again
     * could reach the borrower twice, so the attempt is closed as UNKNOWN and never resent; a later status
     * callback can still confirm it.
     */
    record Unknown(String errorCode, String detail) implements SendResult {}

    enum Failure {
        /** Invalid, unreachable or landline number / bad mailbox: mark the contact point invalid. */
        INVALID_CONTACT_POINT,
        /** The provider says the recipient unsubscribed (Twilio 21610): record an opt-out. */
        OPTED_OUT,
        /** Anything else that will not get better by retrying. */
        PERMANENT
    }
}
