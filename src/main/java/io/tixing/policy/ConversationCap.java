package io.tixing.policy;

/** At most {@code max} connected voice conversations with the borrower (all debts) per {@code period}. */
public record ConversationCap(int max, CapPeriod period) {
    public ConversationCap {
        if (max < 1) throw new IllegalArgumentException("conversation cap must be at least 1");
    }
}
