package io.tixing.policy;

import java.util.Set;

/** At most {@code max} connected voice conversations per each of {@code scopes} (all debts) per {@code period}. */
public record ConversationCap(int max, CapPeriod period, Set<AttemptScope> scopes) {
    public ConversationCap {
        if (max < 1) throw new IllegalArgumentException("conversation cap must be at least 1");
        scopes = AttemptScope.checked(scopes, "a conversation cap");
    }
}
