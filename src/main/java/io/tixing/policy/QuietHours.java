package io.tixing.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Contact only inside the pack's window for the channel, in the borrower's local time, in EVERY known zone
 * (see {@link KnownLocations}: the intersection, fail closed). ELDERLY borrowers take voice calls only 09:00–20:00.
 *
 * <p>A DEFER names the exact first instant lawful in every zone at once. When the windows of the known zones never
 * meet (three zones spread around the globe can leave no common hour), the contact is suppressed with
 * NO_COMMON_WINDOW: known locations only ever accumulate, so waiting would not cure it.
 */
record QuietHours() implements ContactRule {
    static final ContactWindow ELDERLY_VOICE = new ContactWindow(LocalTime.of(9, 0), LocalTime.of(20, 0));

    /**
     * How far ahead a common opening is searched for. Offsets and DST rules repeat every year, so if no instant in a
     * year and a week is lawful everywhere, none ever is (short of a tz-rule change, which only a later search sees).
     */
    static final Duration SEARCH = Duration.ofDays(372);

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
        Instant first = firstLawfulInAll(window, ctx.zones(), at);
        if (first == null) return Verdict.suppress(ReasonCode.NO_COMMON_WINDOW);
        return first.equals(at) ? Verdict.allow() : Verdict.defer(first, ReasonCode.QUIET_HOURS);
    }

    /**
     * The first instant at or after {@code at} inside the window in every zone, or null if there is none within
     * {@link #SEARCH}. Each round moves to the latest of the zones' next openings; no instant before that can be
     * lawful in all zones (it is before some zone's next opening), so the first round that moves nothing is the answer.
     * Every round that moves lands on some zone's opening, of which there are one per zone per day: the loop ends.
     */
    static Instant firstLawfulInAll(ContactWindow window, List<ZoneId> zones, Instant at) {
        Instant limit = at.plus(SEARCH);
        Instant t = at;
        while (!t.isAfter(limit)) {
            Instant next = t;
            for (ZoneId zone : zones) next = Counting.later(next, window.nextOpening(t, zone));
            if (next.equals(t)) return t;
            t = next;
        }
        return null;
    }

    /**
     * The known zone whose window opening is {@code until} (the one that pushed a DEFER to that instant), or null when
     * {@code until} is no window opening (another rule, e.g. a cap rolling over, set it). The first in known order wins.
     */
    static ZoneId bindingZone(RuleContext ctx, Instant until) {
        ContactWindow window = windowFor(ctx);
        if (window == null || until == null) return null;
        for (ZoneId zone : ctx.zones()) if (window.opensAt(until, zone)) return zone;
        return null;
    }
}
