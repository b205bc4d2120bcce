package io.tixing.policy;

import java.time.Instant;

/** A number or address the provider reported invalid (or a landline for SMS) is not tried again. */
record InvalidContactPoint() implements ContactRule {
    public String name() { return "InvalidContactPoint"; }

    public Verdict check(RuleContext ctx, Instant at) {
        return ctx.target().contactPointInvalid() ? Verdict.suppress(ReasonCode.CONTACT_POINT_INVALID) : Verdict.allow();
    }
}
