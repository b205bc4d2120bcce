package io.tixing.wave;

import io.tixing.borrower.BorrowerRecord;
import io.tixing.reminder.ReminderRequest;
import io.tixing.rules.BorrowerRules;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * When each recipient of a wave becomes due: the wave's start on the borrower's own clock, then spread by the
 * channel's pacing rate. Quiet hours are not checked here: the dispatcher asks the rule pack as for any reminder.
 */
@ApplicationScoped
public class WavePlanner {

    private final BorrowerRules rules;

    public WavePlanner(BorrowerRules rules) { this.rules = rules; }

    /** A UTC start is the same for everyone; a local start is {@code date localTime} in the borrower's first zone. */
    public Instant startFor(WaveHeader.Start start, ReminderRequest.Borrower b) {
        if (start.at() != null) return Instant.parse(start.at());
        var zone = rules.resolve(record(b)).displayZone();
        return ZonedDateTime.of(LocalDate.parse(start.date()), LocalTime.parse(start.localTime()), zone).toInstant();
    }

    /**
     * When a recipient's loan facts must be true: the wave's start for them (a D-3 wave planned a week ahead states
     * D-3 as of its start), else {@code now} when the start cannot be worked out yet (the line is invalid anyway).
     */
    Instant factsAsOf(WaveHeader.Start start, ReminderRequest.Borrower b, Instant now) {
        try {
            Instant at = start == null || b == null ? now : startFor(start, b);
            return at.isAfter(now) ? at : now;
        } catch (RuntimeException unresolvable) {
            return now;
        }
    }

    /**
     * The pacing lane a recipient's first contact uses. FIRST_ALLOWED starts with the first channel; ALL contacts
     * every channel at once, so it runs at the slowest configured rate of its channels.
     */
    static String lane(WaveHeader h) {
        if (!"ALL".equals(h.channelStrategy())) return h.channels().getFirst();
        return "ALL";
    }

    /** Messages per second for a lane, or 0 when the lane is not paced. */
    static double rate(WaveHeader h, String lane) {
        Map<String, Double> pacing = h.pacing();
        if (pacing == null || pacing.isEmpty()) return 0;
        if (!lane.equals("ALL")) return pacing.getOrDefault(lane, 0.0);
        double slowest = 0;
        for (String c : h.channels()) {
            Double r = pacing.get(c);
            if (r != null && (slowest == 0 || r < slowest)) slowest = r;
        }
        return slowest;
    }

    /** Slot {@code i} of a lane at {@code rate}/s is due i/rate seconds after the start (never before the wave existed). */
    static Instant due(Instant start, Instant waveCreated, long slot, double rate) {
        Instant base = start.isBefore(waveCreated) ? waveCreated : start;
        if (rate <= 0) return base;
        return base.plus(Duration.ofNanos((long) Math.floor(slot * 1_000_000_000d / rate)));
    }

    static BorrowerRecord record(ReminderRequest.Borrower b) {
        return new BorrowerRecord(b.id(), b.name(), b.locale(), b.timezone(), b.jurisdiction(), b.phone(), b.email(), b.flags());
    }
}
