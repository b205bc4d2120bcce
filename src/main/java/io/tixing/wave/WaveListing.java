package io.tixing.wave;

import io.tixing.api.FieldError;
import io.tixing.api.Problem;
import io.tixing.api.ProblemException;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET /api/v1/waves}: newest first, in cursor pages ({@code limit} 1..100, default 20; {@code cursor} from the
 * previous page's {@code next}, null on the last page). Keyset paging on (created_at, id): a wave created while a
 * reviewer pages never shifts or repeats a row.
 */
@ApplicationScoped
public class WaveListing {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    static final Set<String> PARAMETERS = Set.of("limit", "cursor", "state");

    public record Page(List<WaveProgress.View> items, String next) {}

    private final Database db;
    private final WaveProgress progress;

    public WaveListing(Database db, WaveProgress progress) {
        this.db = db;
        this.progress = progress;
    }

    public Page list(Map<String, List<String>> query) {
        List<FieldError> errors = new ArrayList<>();
        for (String name : query.keySet()) {
            if (!PARAMETERS.contains(name)) errors.add(new FieldError(name, "is not a parameter of this list; use limit, cursor or state"));
        }
        int limit = DEFAULT_LIMIT;
        String limitText = first(query, "limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
                if (limit < 1 || limit > MAX_LIMIT) errors.add(new FieldError("limit", "must be from 1 to " + MAX_LIMIT));
            } catch (NumberFormatException e) {
                errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
            }
        }
        WaveRepository.State state = null;
        String stateText = first(query, "state");
        if (stateText != null) {
            try {
                state = WaveRepository.State.valueOf(stateText);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("state", "'" + stateText + "' is not one of " + List.of(WaveRepository.State.values())));
            }
        }
        Instant afterAt = null;
        UUID afterId = null;
        String cursor = first(query, "cursor");
        if (cursor != null) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
                afterAt = Instant.parse(parts[0]);
                afterId = UUID.fromString(parts[1]);
            } catch (RuntimeException e) {
                errors.add(new FieldError("cursor", "is not a cursor this API returned"));
            }
        }
        if (!errors.isEmpty()) throw new ProblemException(Problem.validation(errors));
        final int pageSize = limit;
        final Instant at = afterAt;
        final UUID id = afterId;
        final String stateName = state == null ? null : state.name();
        List<WaveRepository.Wave> rows = db.read(c -> {
            List<WaveRepository.Wave> out = new ArrayList<>();
            try (var ps = Sql.prepare(c, """
                    SELECT * FROM wave
                    WHERE (?::timestamptz IS NULL OR (created_at, id) < (?::timestamptz, ?::uuid)) AND (?::text IS NULL OR state = ?)
                    ORDER BY created_at DESC, id DESC LIMIT ?""", Sql.ts(at), Sql.ts(at), id, stateName, stateName, pageSize + 1);
                 var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WaveRepository.Wave(rs.getObject("id", UUID.class), rs.getString("client"), rs.getString("name"),
                            WaveRepository.State.valueOf(rs.getString("state")), rs.getLong("accepted"), rs.getLong("invalid"),
                            rs.getString("cron"), Sql.instant(rs, "created_at"), rs.getString("cancelled_by")));
                }
            }
            return out;
        });
        String next = null;
        if (rows.size() > pageSize) {
            rows = rows.subList(0, pageSize);
            var last = rows.getLast();
            next = Base64.getUrlEncoder().withoutPadding().encodeToString((last.createdAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
        }
        return new Page(rows.stream().map(progress::of).toList(), next);
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty() || values.getFirst().isBlank()) return null;
        return values.getFirst().trim();
    }
}
