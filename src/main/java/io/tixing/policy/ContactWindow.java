package io.tixing.policy;

import java.time.Instant;
import java.time.LocalDate;
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

    /** The first instant at or after {@code at} that lies inside the window in {@code zone}. */
    public Instant nextOpening(Instant at, ZoneId zone) {
        if (contains(at, zone)) return at;
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalTime().isBefore(start) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        return ZonedDateTime.of(day, start, zone).toInstant();
    }

    /** The window narrowed to the part inside {@code other} (vulnerable-borrower adjustments). */
    public ContactWindow narrowedTo(ContactWindow other) {
        LocalTime s = start.isAfter(other.start) ? start : other.start;
        LocalTime e = end.isBefore(other.end) ? end : other.end;
        return new ContactWindow(s, e);
    }
}
