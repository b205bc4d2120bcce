package io.tixing.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * At most N connected conversations with the borrower (all debts) per local day (CN, TW) or per rolling week (HK).
 * ELDERLY halves the daily caps.
 */
record VoiceConversationCap() implements ContactRule {
    public String name() { return "VoiceConversationCap"; }

    private static List<Instant> conversations(RuleContext ctx) { return ctx.instants(ContactKind.CONVERSATION, c -> true); }

    public Verdict check(RuleContext ctx, Instant at) {
        if (ctx.channel() != ChannelType.VOICE) return Verdict.allow();
        Instant until = null;
        for (ConversationCap cap : ctx.pack().voice().conversationCaps()) {
            Verdict v = switch (cap.period()) {
                case LOCAL_DAY -> Counting.dailyLimit(conversations(ctx), ctx.dailyCap(cap.max()), at, ctx.zones(), ReasonCode.CAP_VOICE_CONVERSATIONS);
                case ROLLING_7_DAYS -> Counting.rollingLimit(conversations(ctx), cap.max(), Counting.WEEK, at, ctx.zones(), ReasonCode.CAP_VOICE_CONVERSATIONS);
            };
            if (v instanceof Verdict.Defer d) until = Counting.later(until, d.until());
        }
        return until == null ? Verdict.allow() : Verdict.defer(until, ReasonCode.CAP_VOICE_CONVERSATIONS);
    }

    public void count(RuleContext ctx, Instant at, Map<String, Integer> counters) {
        for (ConversationCap cap : ctx.pack().voice().conversationCaps()) {
            switch (cap.period()) {
                case LOCAL_DAY -> {
                    counters.put("voice.conversations.today", Counting.maxSameLocalDay(conversations(ctx), at, ctx.zones()));
                    counters.put("voice.conversations.today.cap", ctx.dailyCap(cap.max()));
                }
                case ROLLING_7_DAYS -> {
                    counters.put("voice.conversations.7d", Counting.stillCounting(conversations(ctx), Counting.WEEK, at, ctx.zones()).size());
                    counters.put("voice.conversations.7d.cap", cap.max());
                }
            }
        }
    }
}
