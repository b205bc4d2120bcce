package io.tixing.stats;

import io.tixing.api.FieldError;
import io.tixing.api.Problem;
import io.tixing.api.ProblemException;
import io.tixing.policy.RulePacks;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The filters every stats endpoint shares. Days are the REVIEWER's days: {@code from} and {@code to} are calendar
 * dates (both included) in {@code zone} (default UTC), so one chart has one day boundary for all borrowers, whatever
 * their zones. Only "contacts over a cap" counts borrower-local days, because that is how the caps themselves count.
 * A period is at most {@link #MAX_DAYS} days, which keeps every query to a bounded slice of the log.
 *
 * @param jurisdiction a rule pack name (CN, HK, TW, US...); null = all
 */
public record StatsPeriod(LocalDate from, LocalDate to, ZoneId zone, String jurisdiction, Instant start, Instant end) {

    public static final int MAX_DAYS = 31;
    public static final int DEFAULT_DAYS = 7;
    static final Set<String> PARAMETERS = Set.of("from", "to", "zone", "jurisdiction");

    /** {@code rule_pack LIKE ?}: packs are written "CN@2026.1"; all packs when no jurisdiction is asked for. */
    String packPattern() { return jurisdiction == null ? "%" : jurisdiction + "@%"; }

    public static StatsPeriod parse(Map<String, List<String>> query, RulePacks packs, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        for (String name : query.keySet()) {
            if (!PARAMETERS.contains(name)) errors.add(new FieldError(name, "is not a known parameter (known: from, to, zone, jurisdiction)"));
        }
        ZoneId zone = ZoneId.of("UTC");
        String zoneText = first(query, "zone");
        if (zoneText != null) {
            try {
                zone = ZoneId.of(zoneText);
            } catch (DateTimeException e) {
                errors.add(new FieldError("zone", "must be an IANA time zone such as Asia/Shanghai, not '" + zoneText + "'"));
            }
        }
        LocalDate from = date(query, "from", errors), to = date(query, "to", errors);
        LocalDate reviewerToday = today;
        if (to == null) to = from == null ? reviewerToday : from.plusDays(DEFAULT_DAYS - 1);
        if (from == null) from = to.minusDays(DEFAULT_DAYS - 1);
        if (from.isAfter(to)) errors.add(new FieldError("from", "must not be after to (" + to + ")"));
        else if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            errors.add(new FieldError("to", "the period is at most " + MAX_DAYS + " days (from " + from + " to " + to + " is "
                    + (ChronoUnit.DAYS.between(from, to) + 1) + ")"));
        }
        String jurisdiction = first(query, "jurisdiction");
        if (jurisdiction != null && !packs.has(jurisdiction)) {
            Set<String> known = new TreeSet<>();
            packs.all().forEach(p -> known.add(p.name()));
            errors.add(new FieldError("jurisdiction", "is not a loaded rule pack: '" + jurisdiction + "' (known: " + String.join(", ", known) + ")"));
        }
        if (!errors.isEmpty()) throw new ProblemException(Problem.validation(errors));
        return new StatsPeriod(from, to, zone, jurisdiction, from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant());
    }

    private static LocalDate date(Map<String, List<String>> query, String name, List<FieldError> errors) {
        String text = first(query, name);
        if (text == null) return null;
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be a date YYYY-MM-DD (a day in zone), not '" + text + "'"));
            return null;
        }
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) return null;
        String v = values.getFirst().trim();
        return v.isEmpty() ? null : v;
    }

    /** What the answer says it covers: the reviewer's dates, the zone, and the exact instants. */
    public record View(LocalDate from, LocalDate to, String zone, String jurisdiction, Instant start, Instant end) {}

    public View view() { return new View(from, to, zone.getId(), jurisdiction, start, end); }
}
