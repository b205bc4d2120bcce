package io.tixing.policy;

import java.time.Instant;

/** One rule's answer, for explanations: {@code reason} is null for ALLOW, {@code until} only for DEFER. */
public record RuleVerdict(String rule, Kind kind, ReasonCode reason, Instant until) {
    public enum Kind { ALLOW, DEFER, SUPPRESS }
}
