package io.tixing.policy;

import java.time.Instant;

/** A borrower who opted out of a channel (STOP / 回复TD退订 / DTMF 9 / provider 21610) is not contacted on it. */
record ChannelOptOut() implements ContactRule {
    public String name() { return "ChannelOptOut"; }

    public Verdict check(RuleContext ctx, Instant at) {
        return ctx.facts().borrower().optedOut().contains(ctx.channel()) ? Verdict.suppress(ReasonCode.OPTED_OUT) : Verdict.allow();
    }
}
