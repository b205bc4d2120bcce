package io.tixing.channel;

import io.tixing.policy.ChannelType;

/**
 * The channel SPI: one implementation per channel and mode (sandbox or live). Implementations hold
 * all of their provider's quirks (error codes, retries the SDK does, rate limits) so dispatch stays simple.
 * {@link #send} is called outside any database transaction and must not throw for provider errors:
 * it maps them to a {@link SendResult}.
 */
public interface Channel {

    ChannelType type();

    /** "sandbox" or "live". */
    String mode();

    SendResult send(OutboundMessage message);

    /**
     * Sends with a way to ask the policy again: a channel that fails over to a second provider calls
     * {@code recheck} before it does. Single-provider channels ignore it.
     */
    default SendResult send(OutboundMessage message, Recheck recheck) { return send(message); }

    /**
     * After a crash between hand-off and record, asks the provider whether it already has this attempt.
     * Channels that cannot tell answer {@link ProviderLookup.Unknown}; the attempt is then never resent blindly.
     */
    default ProviderLookup lookup(java.util.UUID attemptId) { return new ProviderLookup.Unknown("channel cannot look up attempts"); }

    /**
     * The same question with what a provider's search needs (Twilio lists messages by To and date sent).
     *
     * @param sentAt when the attempt was recorded as SENDING
     */
    default ProviderLookup lookup(java.util.UUID attemptId, String destination, java.time.Instant sentAt) { return lookup(attemptId); }
}
