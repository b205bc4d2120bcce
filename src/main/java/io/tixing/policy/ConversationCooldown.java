package io.tixing.policy;

import java.time.Instant;
import java.util.Objects;

/** US: after a telephone conversation about a debt, no call about that debt for 7 days (12 CFR 1006.14(b)(2)(ii)). */
record ConversationCooldown() implements ContactRule {
    public String name() { return "ConversationCooldown"; }

    public Verdict check(RuleContext ctx, Instant at) {
        var cooldown = ctx.pack().voice().cooldownAfterConversation();
        if (ctx.channel() != ChannelType.VOICE || cooldown.isZero()) return Verdict.allow();
        var ends = Counting.stillCounting(ctx.instants(ContactKind.CONVERSATION, c -> Objects.equals(c.loanId(), ctx.target().loanId())),
                cooldown, at, ctx.zones());
        return ends.isEmpty() ? Verdict.allow() : Verdict.defer(ends.getLast(), ReasonCode.COOLDOWN_AFTER_CONVERSATION);
    }
}
