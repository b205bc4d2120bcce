package io.tixing.policy;

import java.time.Instant;
import java.util.Map;

/**
 * One named rule of the policy (the shape of ddd-by-examples' PlacingOnHoldPolicy): it looks at the facts and the
 * instant and returns allow, defer or suppress. A Defer's {@code until} must be the first instant this rule allows,
 * or earlier: the engine iterates to the instant every rule allows.
 */
interface ContactRule {

    String name();

    Verdict check(RuleContext ctx, Instant at);

    /** The counts this rule looked at, for the explanation ("sms.today" → 2). */
    default void count(RuleContext ctx, Instant at, Map<String, Integer> counters) {}
}
