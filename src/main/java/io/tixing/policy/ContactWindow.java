package io.tixing.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The daily window [start, end) in the borrower's local time in which contact is lawful.
 * Local-time arithmetic goes through {@link ZonedDateTime} so DST gaps and overlaps resolve correctly.
 */
public record ContactWindow(LocalTime start, LocalTime end) {

    public ContactWindow {
        if (!start.isBefore(end)) throw new IllegalArgumentException("window start " + start + " must be before end " + end);
    }

    public boolean contains(Instant at, ZoneId zone) {
        LocalTime local = at.atZone(zone).toLocalTime();
        return !local.isBefore(start) && local.isBefore(end);
    }

    /**
     * The first instant at or after {@code at} that lies inside the window in {@code zone}; always after {@code at}
     * when {@code at} itself is outside. Exact across DST: a start that falls in a spring-forward gap opens at the
     * transition itself (the first instant whose local time is past the start), not an hour later.
     */
    public Instant nextOpening(Instant at, ZoneId zone) {
        if (contains(at, zone)) return at;
        LocalDate day = at.atZone(zone).toLocalDate();
        // Today's opening if still ahead, else tomorrow's; a third day only for a zone that skipped a whole date.
        for (int i = 0; i < 3; i++, day = day.plusDays(1)) {
            Instant opening = openingOn(day, zone);
            if (opening.isAfter(at) && contains(opening, zone)) return opening;
        }
        throw new IllegalStateException("no opening of " + this + " in " + zone + " within three days of " + at);
    }

    /** The first instant of {@code day} whose local time is at or past {@code start}. */
    private Instant openingOn(LocalDate day, ZoneId zone) {
        LocalDateTime local = day.atTime(start);
        var transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) return transition.getInstant(); // the start does not exist that day
        return ZonedDateTime.of(local, zone).toInstant(); // an overlap: the earlier of the two, the first lawful one
    }

    /** True when {@code at} is the very first instant of a window in {@code zone} (the window opens at {@code at}). */
    public boolean opensAt(Instant at, ZoneId zone) {
        return contains(at, zone) && !contains(at.minusNanos(1), zone);
    }

    /** The window narrowed to the part inside {@code other} (vulnerable-borrower adjustments). */
    public ContactWindow narrowedTo(ContactWindow other) {
        LocalTime s = start.isAfter(other.start) ? start : other.start;
        LocalTime e = end.isBefore(other.end) ? end : other.end;
        return new ContactWindow(s, e);
    }
}
