package io.tixing.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * At most N contacts of any channel per local day, for each scope of the pack's message caps (per borrower; per
 * contact point: everything sent to or dialled on that destination): SMS and email sent plus calls dialled
 * (a conversation is also logged as the dial attempt that reached it, so it is not counted twice).
 */
record TotalDailyCap() implements ContactRule {
    public String name() { return "TotalDailyCap"; }

    private static List<Instant> contacts(RuleContext ctx, AttemptScope scope) {
        return Stream.concat(ctx.instants(ContactKind.SENT, scope, c -> true).stream(),
                ctx.instants(ContactKind.DIAL_ATTEMPT, scope, c -> true).stream()).toList();
    }

    public Verdict check(RuleContext ctx, Instant at) {
        int cap = ctx.dailyCap(ctx.pack().caps().totalDaily());
        return Counting.inEveryScope(ctx.pack().caps().scopes(),
                scope -> Counting.dailyLimit(contacts(ctx, scope), cap, at, ctx.zones(), ReasonCode.CAP_TOTAL_DAILY), ReasonCode.CAP_TOTAL_DAILY);
    }

    public void count(RuleContext ctx, Instant at, Map<String, Integer> counters) {
        Counting.countInEveryScope(ctx.pack().caps().scopes(), scope -> Counting.maxSameLocalDay(contacts(ctx, scope), at, ctx.zones()),
                "contacts.today", counters);
        counters.put("contacts.today.cap", ctx.dailyCap(ctx.pack().caps().totalDaily()));
    }
}
