package io.tixing.policy;

import java.time.Instant;
import java.time.ZoneId;

/** The pack's optional blackout days (borrower-local dates, in any candidate zone): wait for the next local day. */
record HolidayBlackout() implements ContactRule {
    public String name() { return "HolidayBlackout"; }

    public Verdict check(RuleContext ctx, Instant at) {
        Instant until = null;
        for (ZoneId zone : ctx.zones()) {
            if (ctx.pack().holidays().contains(at.atZone(zone).toLocalDate())) until = Counting.later(until, Counting.startOfNextDay(at, zone));
        }
        return until == null ? Verdict.allow() : Verdict.defer(until, ReasonCode.HOLIDAY);
    }
}
