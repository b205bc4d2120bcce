package io.tixing.policy;

import java.time.Duration;
import java.util.List;

/**
 * Voice-only limits of a pack. Lists so a combined ("strictest") pack can hold the limits of several packs.
 *
 * @param cooldownAfterConversation no call on the same debt for this long after a conversation; ZERO = none
 */
public record VoiceLimits(List<ConversationCap> conversationCaps, List<DialAttemptCap> attemptCaps, Duration cooldownAfterConversation) {
    public VoiceLimits {
        conversationCaps = List.copyOf(conversationCaps);
        attemptCaps = List.copyOf(attemptCaps);
        if (cooldownAfterConversation.isNegative()) throw new IllegalArgumentException("cooldown must not be negative");
    }
}
