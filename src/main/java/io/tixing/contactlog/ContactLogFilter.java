package io.tixing.contactlog;

import io.tixing.api.FieldError;
import io.tixing.api.Problem;
import io.tixing.api.ProblemException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The contact-log filters shared by search and export, parsed from query parameters into one SQL condition.
 * Every value is bound as a parameter; every bad value is reported by field name (all of them at once).
 */
public record ContactLogFilter(String where, List<Object> params, Map<String, String> applied) {

    /** The masked text fields {@code q} searches. */
    static final String TEXT_EXPRESSION = "(coalesce(destination_masked, '') || ' ' || coalesce(detail, '') || ' '"
            + " || coalesce(template_key, '') || ' ' || coalesce(provider_id, ''))";
    static final Set<String> FIELDS = Set.of("borrowerId", "loanId", "reminderId", "channel", "kind", "outcome", "reason",
            "template", "from", "to", "zone", "q");
    private static final Set<String> CHANNELS = Set.of("SMS", "EMAIL", "VOICE");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    /** Parses the filters; {@code extra} names the other parameters the caller accepts (cursor, limit...). */
    public static ContactLogFilter parse(Map<String, List<String>> query, Set<String> extra) {
        List<FieldError> errors = new ArrayList<>();
        for (String name : query.keySet()) {
            if (!FIELDS.contains(name) && !extra.contains(name)) errors.add(new FieldError(name, "is not a known filter"));
            else if (query.get(name).size() > 1) errors.add(new FieldError(name, "may be given only once"));
        }
        StringBuilder where = new StringBuilder("TRUE");
        List<Object> params = new ArrayList<>();
        Map<String, String> applied = new LinkedHashMap<>();
        String zone = first(query, "zone");
        var times = new TimeBounds(zone, errors);
        for (String field : FIELDS) {
            String value = first(query, field);
            if (value == null || field.equals("zone")) continue;
            if (value.isBlank() || value.length() > 200) {
                errors.add(new FieldError(field, "must be 1 to 200 characters"));
                continue;
            }
            applied.put(field, value);
            switch (field) {
                case "borrowerId" -> equal(where, params, "borrower_id", value);
                case "loanId" -> equal(where, params, "loan_id", value);
                case "template" -> equal(where, params, "template_key", value);
                case "reminderId" -> {
                    try {
                        equal(where, params, "reminder_id", UUID.fromString(value));
                    } catch (IllegalArgumentException e) {
                        errors.add(new FieldError(field, "must be a UUID"));
                    }
                }
                case "channel" -> {
                    if (CHANNELS.contains(value)) equal(where, params, "channel", value);
                    else errors.add(new FieldError(field, "must be one of SMS, EMAIL, VOICE"));
                }
                case "kind" -> {
                    try {
                        equal(where, params, "kind", LogEntry.Kind.valueOf(value).name());
                    } catch (IllegalArgumentException e) {
                        errors.add(new FieldError(field, "must be one of " + List.of(LogEntry.Kind.values())));
                    }
                }
                case "outcome", "reason" -> {
                    if (!CODE.matcher(value).matches()) errors.add(new FieldError(field, "must be an upper-case code, e.g. QUIET_HOURS"));
                    else if (field.equals("outcome")) equal(where, params, "outcome", value);
                    else {
                        where.append(" AND reasons @> ARRAY[?]::text[]");
                        params.add(value);
                    }
                }
                case "from" -> times.from(value).ifPresent(t -> { where.append(" AND at >= ?"); params.add(t); });
                case "to" -> times.to(value).ifPresent(t -> { where.append(" AND at < ?"); params.add(t); });
                case "q" -> {
                    where.append(" AND ").append(TEXT_EXPRESSION).append(" ILIKE ? ESCAPE '\\'");
                    params.add("%" + escapeLike(value) + "%");
                }
                default -> throw new IllegalStateException(field);
            }
        }
        if (zone != null) applied.put("zone", zone);
        times.checkOrder();
        if (applied.containsKey("q") && !narrowed(applied, times)) {
            errors.add(new FieldError("q", "free text needs a narrower search: add borrowerId, loanId, reminderId, or from and to at most "
                    + MAX_TEXT_RANGE.toHours() + " hours apart"));
        }
        if (!errors.isEmpty()) throw new ProblemException(Problem.validation(errors));
        return new ContactLogFilter(where.toString(), params, applied);
    }

    /** Free text scans the rows the other filters select, so they must select few (measured in docs/PERFORMANCE.md). */
    static final java.time.Duration MAX_TEXT_RANGE = java.time.Duration.ofDays(1);

    private static boolean narrowed(Map<String, String> applied, TimeBounds times) {
        return applied.containsKey("borrowerId") || applied.containsKey("loanId") || applied.containsKey("reminderId")
                || times.spanAtMost(MAX_TEXT_RANGE);
    }

    /** Escapes LIKE wildcards so {@code q=100%} finds "100%" and not "100 anything". */
    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static void equal(StringBuilder where, List<Object> params, String column, Object value) {
        where.append(" AND ").append(column).append(" = ?");
        params.add(value);
    }

    /**
     * With {@code from}/{@code to}, results are ordered by time (then seq) so PostgreSQL walks the (at, seq) index
     * from the range's end; ordered by seq it would scan the primary key from the newest entry back to the range.
     */
    public boolean byTime() { return applied.containsKey("from") || applied.containsKey("to"); }

    /** ORDER BY for newest first ({@code descending}) or oldest first. */
    public String order(boolean descending) {
        String dir = descending ? " DESC" : "";
        return byTime() ? " ORDER BY at" + dir + ", seq" + dir : " ORDER BY seq" + dir;
    }

    /** The filter in words, for the audit entry an export leaves behind. */
    public String describe() { return applied.isEmpty() ? "(no filter)" : applied.toString(); }
}
