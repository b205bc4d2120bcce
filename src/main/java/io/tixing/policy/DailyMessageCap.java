package io.tixing.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * At most N SMS (or N emails) per local calendar day, for each scope the pack names (per borrower, per contact
 * point across borrower ids); ELDERLY halves N.
 */
record DailyMessageCap(ChannelType channel, ReasonCode reason) implements ContactRule {
    static DailyMessageCap sms() { return new DailyMessageCap(ChannelType.SMS, ReasonCode.CAP_SMS_DAILY); }

    static DailyMessageCap email() { return new DailyMessageCap(ChannelType.EMAIL, ReasonCode.CAP_EMAIL_DAILY); }

    public String name() { return channel == ChannelType.SMS ? "DailySmsCap" : "DailyEmailCap"; }

    private int cap(RuleContext ctx) {
        MessageCaps caps = ctx.pack().caps();
        return ctx.dailyCap(channel == ChannelType.SMS ? caps.smsDaily() : caps.emailDaily());
    }

    private List<Instant> sent(RuleContext ctx, AttemptScope scope) {
        return ctx.instants(ContactKind.SENT, scope, c -> c.channel() == channel);
    }

    public Verdict check(RuleContext ctx, Instant at) {
        if (ctx.channel() != channel) return Verdict.allow();
        return Counting.inEveryScope(ctx.pack().caps().scopes(),
                scope -> Counting.dailyLimit(sent(ctx, scope), cap(ctx), at, ctx.zones(), reason), reason);
    }

    public void count(RuleContext ctx, Instant at, Map<String, Integer> counters) {
        String key = channel.name().toLowerCase(java.util.Locale.ROOT);
        Counting.countInEveryScope(ctx.pack().caps().scopes(), scope -> Counting.maxSameLocalDay(sent(ctx, scope), at, ctx.zones()),
                key + ".today", counters);
        counters.put(key + ".today.cap", cap(ctx));
    }
}
