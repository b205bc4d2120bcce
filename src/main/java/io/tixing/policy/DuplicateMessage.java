package io.tixing.policy;

import java.time.Instant;

/**
 * The same template about the same loan on the same channel, already delivered within the duplicate window, is not
 * sent again (a retry storm or a double submit). Delivered = SENT for SMS/email, CONVERSATION for voice: an
 * unanswered call may be retried (the dial-attempt caps limit that). The channel is part of the key so the caller's
 * "all channels" strategy can send one reminder by SMS and email.
 */
record DuplicateMessage() implements ContactRule {
    public String name() { return "DuplicateMessage"; }

    public Verdict check(RuleContext ctx, Instant at) {
        ContactTarget t = ctx.target();
        ContactKind delivered = t.channel() == ChannelType.VOICE ? ContactKind.CONVERSATION : ContactKind.SENT;
        var same = ctx.instants(delivered, c -> c.channel() == t.channel()
                && java.util.Objects.equals(c.templateKey(), t.templateKey()) && java.util.Objects.equals(c.loanId(), t.loanId()));
        return Counting.stillCounting(same, ctx.pack().duplicateWindow(), at, ctx.zones()).isEmpty() ? Verdict.allow() : Verdict.suppress(ReasonCode.DUPLICATE);
    }
}
