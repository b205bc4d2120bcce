package io.tixing.policy;

import java.time.Instant;

/** A hearing-impaired borrower cannot take a voice call: that channel is never used for them. */
record Accessibility() implements ContactRule {
    public String name() { return "Accessibility"; }

    public Verdict check(RuleContext ctx, Instant at) {
        return ctx.channel() == ChannelType.VOICE && ctx.is(BorrowerFlag.HEARING_IMPAIRED)
                ? Verdict.suppress(ReasonCode.CHANNEL_NOT_ACCESSIBLE) : Verdict.allow();
    }
}
