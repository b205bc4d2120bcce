package io.tixing.channel.sms;

import io.tixing.channel.OutboundMessage;
import io.tixing.channel.ProviderLookup;
import io.tixing.channel.SendResult;

import java.time.Instant;
import java.util.UUID;

/**
 * One SMS provider behind the SMS channel ({@link RoutedSmsChannel} picks and fails over between them). Like a
 * channel it never throws for provider errors; it also says whether another provider may carry the message.
 */
public interface SmsProvider {

    /** "twilio", "aliyun": the name used in routes, logs, metrics and health. */
    String name();

    /** One hand-off, no retries beyond the SDK's own (which never resend after a request may have arrived). */
    Answer attempt(OutboundMessage message);

    /** Does this provider have the attempt? Found / certainly NotFound / Unknown (only when the lookup itself failed). */
    ProviderLookup lookup(UUID attemptId, String destination, Instant sentAt);

    /**
     * @param result        the provider's answer
     * @param providerFault the provider is failing (5xx, unreachable, no answer in time): counts against its circuit
     * @param tryAnother    the provider certainly did not take the message and another provider may send it
     *                      (never true when the request may have arrived: that is {@link SendResult.Unknown})
     */
    record Answer(SendResult result, boolean providerFault, boolean tryAnother) {
        public static Answer of(SendResult result) { return new Answer(result, false, false); }

        public static Answer outage(SendResult result) { return new Answer(result, true, true); }

        public static Answer maybeReceived(SendResult.Unknown result) { return new Answer(result, true, false); }

        /** This provider cannot carry this message (no approved template, account out of credit): another may. */
        public static Answer cannotCarry(SendResult result) { return new Answer(result, false, true); }
    }
}
