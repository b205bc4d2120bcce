package io.tixing.policy;

import java.time.Instant;

/** Only the borrower's own contact points: relatives, employers and emergency contacts never hear about the debt. */
record ThirdPartyTarget() implements ContactRule {
    public String name() { return "ThirdPartyTarget"; }

    public Verdict check(RuleContext ctx, Instant at) {
        return ctx.target().thirdParty() ? Verdict.suppress(ReasonCode.THIRD_PARTY) : Verdict.allow();
    }
}
