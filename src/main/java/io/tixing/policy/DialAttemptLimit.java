package io.tixing.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Dial attempts, answered or not: CN at most 6 per contact point per local day (across every borrower id and loan
 * that number is filed under); US at most 7 per debt in any rolling 7 days, deferring to when the oldest of those 7
 * falls out. ELDERLY halves the daily caps.
 */
record DialAttemptLimit() implements ContactRule {
    public String name() { return "DialAttemptLimit"; }

    private static List<Instant> attempts(RuleContext ctx, AttemptScope scope) { return ctx.instants(ContactKind.DIAL_ATTEMPT, scope, c -> true); }

    public Verdict check(RuleContext ctx, Instant at) {
        if (ctx.channel() != ChannelType.VOICE) return Verdict.allow();
        Instant until = null;
        for (DialAttemptCap cap : ctx.pack().voice().attemptCaps()) {
            Verdict v = Counting.inEveryScope(cap.scopes(), scope -> switch (cap.period()) {
                case LOCAL_DAY -> Counting.dailyLimit(attempts(ctx, scope), ctx.dailyCap(cap.max()), at, ctx.zones(), ReasonCode.CAP_VOICE_ATTEMPTS);
                case ROLLING_7_DAYS -> Counting.rollingLimit(attempts(ctx, scope), cap.max(), Counting.WEEK, at, ctx.zones(), ReasonCode.CAP_VOICE_ATTEMPTS);
            }, ReasonCode.CAP_VOICE_ATTEMPTS);
            if (v instanceof Verdict.Defer d) until = Counting.later(until, d.until());
        }
        return until == null ? Verdict.allow() : Verdict.defer(until, ReasonCode.CAP_VOICE_ATTEMPTS);
    }

    public void count(RuleContext ctx, Instant at, Map<String, Integer> counters) {
        for (DialAttemptCap cap : ctx.pack().voice().attemptCaps()) {
            switch (cap.period()) {
                case LOCAL_DAY -> {
                    Counting.countInEveryScope(cap.scopes(), scope -> Counting.maxSameLocalDay(attempts(ctx, scope), at, ctx.zones()),
                            "voice.attempts.today", counters);
                    counters.put("voice.attempts.today.cap", ctx.dailyCap(cap.max()));
                }
                case ROLLING_7_DAYS -> {
                    Counting.countInEveryScope(cap.scopes(),
                            scope -> Counting.stillCounting(attempts(ctx, scope), Counting.WEEK, at, ctx.zones()).size(),
                            "voice.attempts.7d", counters);
                    counters.put("voice.attempts.7d.cap", cap.max());
                }
            }
        }
    }
}
