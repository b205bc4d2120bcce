package io.tixing.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Dial attempts, answered or not: CN at most 6 per contact point per local day; US at most 7 per debt in any
 * rolling 7 days, deferring to when the oldest of those 7 falls out. ELDERLY halves the daily caps.
 */
record DialAttemptLimit() implements ContactRule {
    public String name() { return "DialAttemptLimit"; }

    private static List<Instant> attempts(RuleContext ctx, AttemptScope scope) {
        ContactTarget t = ctx.target();
        return ctx.instants(ContactKind.DIAL_ATTEMPT, c -> switch (scope) {
            case CONTACT_POINT -> Objects.equals(c.contactPoint(), t.contactPoint());
            case LOAN -> Objects.equals(c.loanId(), t.loanId());
        });
    }

    public Verdict check(RuleContext ctx, Instant at) {
        if (ctx.channel() != ChannelType.VOICE) return Verdict.allow();
        Instant until = null;
        for (DialAttemptCap cap : ctx.pack().voice().attemptCaps()) {
            Verdict v = switch (cap.period()) {
                case LOCAL_DAY -> Counting.dailyLimit(attempts(ctx, cap.scope()), ctx.dailyCap(cap.max()), at, ctx.zones(), ReasonCode.CAP_VOICE_ATTEMPTS);
                case ROLLING_7_DAYS -> Counting.rollingLimit(attempts(ctx, cap.scope()), cap.max(), Counting.WEEK, at, ctx.zones(), ReasonCode.CAP_VOICE_ATTEMPTS);
            };
            if (v instanceof Verdict.Defer d) until = Counting.later(until, d.until());
        }
        return until == null ? Verdict.allow() : Verdict.defer(until, ReasonCode.CAP_VOICE_ATTEMPTS);
    }

    public void count(RuleContext ctx, Instant at, Map<String, Integer> counters) {
        for (DialAttemptCap cap : ctx.pack().voice().attemptCaps()) {
            switch (cap.period()) {
                case LOCAL_DAY -> {
                    counters.put("voice.attempts.today", Counting.maxSameLocalDay(attempts(ctx, cap.scope()), at, ctx.zones()));
                    counters.put("voice.attempts.today.cap", ctx.dailyCap(cap.max()));
                }
                case ROLLING_7_DAYS -> {
                    counters.put("voice.attempts.7d", Counting.stillCounting(attempts(ctx, cap.scope()), Counting.WEEK, at, ctx.zones()).size());
                    counters.put("voice.attempts.7d.cap", cap.max());
                }
            }
        }
    }
}
