package io.tixing.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * At most N contacts of any channel per borrower per local day: SMS and email sent plus calls dialled
 * (a conversation is also logged as the dial attempt that reached it, so it is not counted twice).
 */
record TotalDailyCap() implements ContactRule {
    public String name() { return "TotalDailyCap"; }

    private static List<Instant> contacts(RuleContext ctx) {
        return Stream.concat(ctx.instants(ContactKind.SENT, c -> true).stream(), ctx.instants(ContactKind.DIAL_ATTEMPT, c -> true).stream()).toList();
    }

    public Verdict check(RuleContext ctx, Instant at) {
        return Counting.dailyLimit(contacts(ctx), ctx.dailyCap(ctx.pack().caps().totalDaily()), at, ctx.zones(), ReasonCode.CAP_TOTAL_DAILY);
    }

    public void count(RuleContext ctx, Instant at, Map<String, Integer> counters) {
        counters.put("contacts.today", Counting.maxSameLocalDay(contacts(ctx), at, ctx.zones()));
        counters.put("contacts.today.cap", ctx.dailyCap(ctx.pack().caps().totalDaily()));
    }
}
