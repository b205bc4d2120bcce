package io.tixing.policy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Contact only inside the pack's window for the channel, in the borrower's local time, in EVERY candidate zone
 * (an ambiguous phone number means the intersection). ELDERLY borrowers take voice calls only 09:00–20:00.
 */
record QuietHours() implements ContactRule {
    static final ContactWindow ELDERLY_VOICE = new ContactWindow(LocalTime.of(9, 0), LocalTime.of(20, 0));

    public String name() { return "QuietHours"; }

    static ContactWindow windowFor(RuleContext ctx) {
        ContactWindow window = ctx.pack().window(ctx.channel());
        return ctx.channel() == ChannelType.VOICE && ctx.is(BorrowerFlag.ELDERLY) ? window.narrowedTo(ELDERLY_VOICE) : window;
    }

    public Verdict check(RuleContext ctx, Instant at) {
        ContactWindow window = windowFor(ctx);
        Instant until = null;
        for (ZoneId zone : ctx.zones()) {
            if (!window.contains(at, zone)) until = Counting.later(until, window.nextOpening(at, zone));
        }
        return until == null ? Verdict.allow() : Verdict.defer(until, ReasonCode.QUIET_HOURS);
    }
}
