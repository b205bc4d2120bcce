package io.tixing.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Why the engine decided what it did: every rule's verdict at the requested instant, the counters it saw
 * ("sms.today" → 2, "voice.attempts.7d" → 7, each with its ".cap"), and the first instant every rule allows
 * (null when suppressed).
 */
public record Explanation(Decision decision, List<RuleVerdict> verdicts, Map<String, Integer> counters, Instant nextAllowed) {
    public Explanation {
        verdicts = List.copyOf(verdicts);
        counters = Map.copyOf(counters);
    }
}
