package io.tixing.contactlog;

import io.tixing.api.FieldError;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Parses {@code from}/{@code to}: an ISO instant or offset date-time, or a local date-time / date read in
 * {@code zone} (compliance staff think in the borrower's or their own local time, never the server's).
 */
final class TimeBounds {

    private final String zoneText;
    private final List<FieldError> errors;
    private ZoneId zone;
    private Instant from, to;

    TimeBounds(String zoneText, List<FieldError> errors) {
        this.zoneText = zoneText;
        this.errors = errors;
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                errors.add(new FieldError("zone", "must be an IANA time zone, e.g. Asia/Shanghai"));
            }
        }
    }

    Optional<Instant> from(String value) { from = parse("from", value); return Optional.ofNullable(from); }

    Optional<Instant> to(String value) { to = parse("to", value); return Optional.ofNullable(to); }

    /** True when both bounds are given and no further apart than {@code max}. */
    boolean spanAtMost(java.time.Duration max) {
        return from != null && to != null && !java.time.Duration.between(from, to).minus(max).isPositive();
    }

    void checkOrder() {
        if (from != null && to != null && !from.isBefore(to)) errors.add(new FieldError("to", "must be after from"));
    }

    private Instant parse(String field, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException ignored) {
            // not an instant with an offset: try a local time below
        }
        LocalDateTime local;
        try {
            local = value.length() == 10 ? LocalDate.parse(value).atStartOfDay() : LocalDateTime.parse(value);
        } catch (DateTimeException e) {
            errors.add(new FieldError(field, "must be an ISO instant (2026-11-23T02:00:00Z) or a local date-time with zone="));
            return null;
        }
        if (zone == null) {
            if (zoneText == null) errors.add(new FieldError(field, "is a local time: add zone= (e.g. zone=Asia/Shanghai)"));
            return null;
        }
        return local.atZone(zone).toInstant();
    }
}
