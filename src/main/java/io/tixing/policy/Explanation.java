package io.tixing.policy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Why the engine decided what it did: every rule's verdict at the requested instant, the counters it saw
 * ("sms.today" → 2, "voice.attempts.7d" → 7, each with its ".cap"), and the first instant every rule allows
 * (null when suppressed), and the known zone whose contact window opens at that instant (the zone that bound a
 * DEFER; null when allowed now, suppressed, or deferred to an instant another rule set).
 */
public record Explanation(Decision decision, List<RuleVerdict> verdicts, Map<String, Integer> counters, Instant nextAllowed,
                          ZoneId bindingZone) {
    public Explanation {
        verdicts = List.copyOf(verdicts);
        counters = Map.copyOf(counters);
    }

    public Explanation(Decision decision, List<RuleVerdict> verdicts, Map<String, Integer> counters, Instant nextAllowed) {
        this(decision, verdicts, counters, nextAllowed, null);
    }
}
