package io.tixing.policy;

import java.time.Instant;
import java.util.List;

/** What one rule says about one contact at one instant. */
public sealed interface Verdict {

    record Allow() implements Verdict {}

    /** Not before {@code until}: the first instant at or after which this rule could allow (never later than that). */
    record Defer(Instant until, ReasonCode reason) implements Verdict {}

    /** Never: time does not cure it. */
    record Suppress(List<ReasonCode> reasons) implements Verdict {
        public Suppress { reasons = List.copyOf(reasons); }
    }

    Allow ALLOW = new Allow();

    static Verdict allow() { return ALLOW; }

    static Verdict defer(Instant until, ReasonCode reason) { return new Defer(until, reason); }

    static Verdict suppress(ReasonCode... reasons) { return new Suppress(List.of(reasons)); }
}
