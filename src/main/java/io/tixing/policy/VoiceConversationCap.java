package io.tixing.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * At most N connected conversations (all debts) per local day (CN, TW) or per rolling week (HK), for each scope the
 * pack names (per debtor, per contact point across borrower ids). ELDERLY halves the daily caps.
 */
record VoiceConversationCap() implements ContactRule {
    public String name() { return "VoiceConversationCap"; }

    private static List<Instant> conversations(RuleContext ctx, AttemptScope scope) { return ctx.instants(ContactKind.CONVERSATION, scope, c -> true); }

    public Verdict check(RuleContext ctx, Instant at) {
        if (ctx.channel() != ChannelType.VOICE) return Verdict.allow();
        Instant until = null;
        for (ConversationCap cap : ctx.pack().voice().conversationCaps()) {
            Verdict v = Counting.inEveryScope(cap.scopes(), scope -> switch (cap.period()) {
                case LOCAL_DAY -> Counting.dailyLimit(conversations(ctx, scope), ctx.dailyCap(cap.max()), at, ctx.zones(), ReasonCode.CAP_VOICE_CONVERSATIONS);
                case ROLLING_7_DAYS -> Counting.rollingLimit(conversations(ctx, scope), cap.max(), Counting.WEEK, at, ctx.zones(), ReasonCode.CAP_VOICE_CONVERSATIONS);
            }, ReasonCode.CAP_VOICE_CONVERSATIONS);
            if (v instanceof Verdict.Defer d) until = Counting.later(until, d.until());
        }
        return until == null ? Verdict.allow() : Verdict.defer(until, ReasonCode.CAP_VOICE_CONVERSATIONS);
    }

    public void count(RuleContext ctx, Instant at, Map<String, Integer> counters) {
        for (ConversationCap cap : ctx.pack().voice().conversationCaps()) {
            switch (cap.period()) {
                case LOCAL_DAY -> {
                    Counting.countInEveryScope(cap.scopes(), scope -> Counting.maxSameLocalDay(conversations(ctx, scope), at, ctx.zones()),
                            "voice.conversations.today", counters);
                    counters.put("voice.conversations.today.cap", ctx.dailyCap(cap.max()));
                }
                case ROLLING_7_DAYS -> {
                    Counting.countInEveryScope(cap.scopes(),
                            scope -> Counting.stillCounting(conversations(ctx, scope), Counting.WEEK, at, ctx.zones()).size(),
                            "voice.conversations.7d", counters);
                    counters.put("voice.conversations.7d.cap", cap.max());
                }
            }
        }
    }
}
