package io.tixing.policy;

import java.time.Instant;
import java.util.Comparator;

/** A cease request, dispute, bankruptcy or death stops every contact until the hold is lifted. */
record Holds() implements ContactRule {
    public String name() { return "Holds"; }

    public Verdict check(RuleContext ctx, Instant at) {
        var holds = ctx.facts().borrower().holds();
        if (holds.isEmpty()) return Verdict.allow();
        return new Verdict.Suppress(holds.stream().sorted(Comparator.naturalOrder()).map(HoldType::reason).toList());
    }
}
