package io.tixing.policy;

/** At most {@code max} dial attempts (answered or not) per {@code scope} per {@code period}. */
public record DialAttemptCap(int max, CapPeriod period, AttemptScope scope) {
    public DialAttemptCap {
        if (max < 1) throw new IllegalArgumentException("dial attempt cap must be at least 1");
    }
}
