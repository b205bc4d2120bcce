package io.tixing.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** Counting past contacts per borrower-local day and per rolling window, and when a full count frees a slot. */
final class Counting {

    static final Duration WEEK = Duration.ofDays(7);

    private Counting() {}

    static Instant startOfDay(Instant at, ZoneId zone) { return at.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant(); }

    /** Next local midnight; atStartOfDay resolves a midnight that falls in a DST gap. */
    static Instant startOfNextDay(Instant at, ZoneId zone) {
        LocalDate tomorrow = at.atZone(zone).toLocalDate().plusDays(1);
        return tomorrow.atStartOfDay(zone).toInstant();
    }

    static int sameLocalDay(List<Instant> events, Instant at, ZoneId zone) {
        Instant from = startOfDay(at, zone), to = startOfNextDay(at, zone);
        return (int) events.stream().filter(e -> !e.isBefore(from) && e.isBefore(to)).count();
    }

    /** The most contacts on the local day containing {@code at} in any candidate zone (fail closed). */
    static int maxSameLocalDay(List<Instant> events, Instant at, List<ZoneId> zones) {
        return zones.stream().mapToInt(z -> sameLocalDay(events, at, z)).max().orElse(0);
    }

    /**
     * One more contact must keep every candidate zone's local day at or under {@code cap}; if not, defer to the
     * latest next-midnight among the full zones (no earlier instant can have room in all of them).
     */
    static Verdict dailyLimit(List<Instant> events, int cap, Instant at, List<ZoneId> zones, ReasonCode reason) {
        Instant until = null;
        for (ZoneId zone : zones) {
            if (sameLocalDay(events, at, zone) >= cap) until = later(until, startOfNextDay(at, zone));
        }
        return until == null ? Verdict.allow() : Verdict.defer(until, reason);
    }

    /**
     * When a contact at {@code e} stops counting for a look-back of {@code length}: {@code length} later as elapsed
     * time AND as local calendar days in every candidate zone, whichever is latest. Across a DST change "7 days" is
     * 167 or 169 hours; taking the later end keeps the rule closed whichever reading a regulator uses.
     */
    static Instant countsUntil(Instant e, Duration length, List<ZoneId> zones) {
        Instant end = e.plus(length);
        long days = length.toDays();
        Duration rest = length.minusDays(days);
        for (ZoneId zone : zones) end = later(end, e.atZone(zone).plusDays(days).plus(rest).toInstant());
        return end;
    }

    /**
     * For the contacts still inside the look-back at {@code at}: when each one stops counting, earliest first.
     * A contact stamped after {@code at} counts too: it was allowed by a decision that read its clock a moment later
     * (or on another instance) while this one waited for the lock, and ignoring it let duplicates through.
     */
    static List<Instant> stillCounting(List<Instant> events, Duration length, Instant at, List<ZoneId> zones) {
        return events.stream().map(e -> countsUntil(e, length, zones)).filter(end -> end.isAfter(at)).sorted().toList();
    }

    /**
     * At most {@code cap} in any rolling {@code length}: if the look-back at {@code at} already holds cap contacts,
     * defer until enough of the oldest have left it that one more fits.
     */
    static Verdict rollingLimit(List<Instant> events, int cap, Duration length, Instant at, List<ZoneId> zones, ReasonCode reason) {
        List<Instant> ends = stillCounting(events, length, at, zones);
        if (ends.size() < cap) return Verdict.allow();
        return Verdict.defer(ends.get(ends.size() - cap), reason);
    }

    static Instant later(Instant a, Instant b) { return a == null || b.isAfter(a) ? b : a; }

    /** A cap held in several scopes: each scope is checked on its own contacts; the latest deferral wins. */
    static Verdict inEveryScope(java.util.Set<AttemptScope> scopes, java.util.function.Function<AttemptScope, Verdict> check, ReasonCode reason) {
        Instant until = null;
        for (AttemptScope scope : scopes) {
            if (check.apply(scope) instanceof Verdict.Defer d) until = later(until, d.until());
        }
        return until == null ? Verdict.allow() : Verdict.defer(until, reason);
    }

    /**
     * Counters for a cap held in several scopes: {@code key} is the fullest scope (what binds), and with more than
     * one scope each scope also gets {@code key.<scope>} (e.g. {@code sms.today.contact-point}).
     */
    static void countInEveryScope(java.util.Set<AttemptScope> scopes, java.util.function.ToIntFunction<AttemptScope> count, String key,
                                  java.util.Map<String, Integer> counters) {
        int max = 0;
        for (AttemptScope scope : scopes) {
            int n = count.applyAsInt(scope);
            max = Math.max(max, n);
            if (scopes.size() > 1) counters.put(key + "." + scope.key(), n);
        }
        counters.put(key, max);
    }
}
