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

    /** The window for this contact, or null when a tightened pack window and the ELDERLY voice hours do not overlap. */
    static ContactWindow windowFor(RuleContext ctx) {
        ContactWindow window = ctx.pack().window(ctx.channel());
        if (ctx.channel() != ChannelType.VOICE || !ctx.is(BorrowerFlag.ELDERLY)) return window;
        boolean overlap = window.start().isBefore(ELDERLY_VOICE.end()) && ELDERLY_VOICE.start().isBefore(window.end());
        return overlap ? window.narrowedTo(ELDERLY_VOICE) : null;
    }

    public Verdict check(RuleContext ctx, Instant at) {
        ContactWindow window = windowFor(ctx);
        if (window == null) return Verdict.suppress(ReasonCode.QUIET_HOURS); // no lawful hour exists on any day
        Instant until = null;
        for (ZoneId zone : ctx.zones()) {
            if (!window.contains(at, zone)) until = Counting.later(until, window.nextOpening(at, zone));
        }
        return until == null ? Verdict.allow() : Verdict.defer(until, ReasonCode.QUIET_HOURS);
    }
}
