package io.tixing.channel;

import java.time.Instant;

/**
 * Asks the policy again whether a contact is still lawful at a later instant: a provider failover inside a channel
 * sends later than the decision was taken (after a timeout, say), and quiet hours or a cap may have begun since.
 */
@FunctionalInterface
public interface Recheck {

    /** @return null when the contact is still allowed at {@code at}; otherwise the reason code that now forbids it */
    String blockedAt(Instant at);

    /** For callers with no policy behind them (tests of an adapter alone). */
    Recheck NONE = at -> null;
}
