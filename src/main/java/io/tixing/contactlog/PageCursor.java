package io.tixing.contactlog;

import io.tixing.api.ProblemException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The opaque page cursor: the last row's sort key. Plain searches sort by seq ("4711"); time-ranged ones by
 * (at, seq), written as epoch microseconds and seq ("1763863200000000.4711").
 */
record PageCursor(Instant at, long seq) {

    static String after(ContactLogView last, boolean byTime) {
        if (!byTime) return Long.toString(last.seq());
        return ChronoUnit.MICROS.between(Instant.EPOCH, last.at()) + "." + last.seq();
    }

    static PageCursor parse(String cursor, boolean byTime) {
        try {
            if (!byTime) return new PageCursor(null, Long.parseLong(cursor));
            int dot = cursor.indexOf('.');
            if (dot < 0) throw new NumberFormatException();
            Instant at = Instant.EPOCH.plus(Long.parseLong(cursor.substring(0, dot)), ChronoUnit.MICROS);
            return new PageCursor(at, Long.parseLong(cursor.substring(dot + 1)));
        } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
            throw ProblemException.badRequest("cursor", "is not a cursor this API returned for these filters");
        }
    }

    /** Newest first: rows strictly before the cursor in the sort order. */
    void appendTo(StringBuilder sql, List<Object> params) {
        if (at == null) {
            sql.append(" AND seq < ?");
            params.add(seq);
        } else {
            sql.append(" AND (at, seq) < (?, ?)");
            params.add(at);
            params.add(seq);
        }
    }
}
