package io.tixing.policy;

import java.util.Set;

/** At most {@code max} dial attempts (answered or not) per each of {@code scopes} per {@code period}. */
public record DialAttemptCap(int max, CapPeriod period, Set<AttemptScope> scopes) {
    public DialAttemptCap {
        if (max < 1) throw new IllegalArgumentException("dial attempt cap must be at least 1");
        scopes = AttemptScope.checked(scopes, "a dial attempt cap");
    }

    public DialAttemptCap(int max, CapPeriod period, AttemptScope scope) { this(max, period, Set.of(scope)); }
}
