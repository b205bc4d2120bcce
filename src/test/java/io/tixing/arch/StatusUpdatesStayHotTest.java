package io.tixing.arch;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message changes its reminder's status twice. PostgreSQL can make such an update HOT (a new version on the same
 * page, no new index entries) only if no index — key, expression or partial predicate — names a column it writes (V24;
 * docs/ARCHITECTURE.md "Status changes leave the indexes alone"). An index added on one of these columns would quietly
 * put eight index writes back on both of a message's reminder updates; this test says so first.
 */
@QuarkusTest
class StatusUpdatesStayHotTest {

    /** The columns dispatch's status updates write, per table (see ReminderRepository). */
    static final Map<String, List<String>> WRITTEN_BY_STATUS_UPDATES = Map.of(
            "reminder", List.of("status", "next_attempt_at", "updated_at"));

    @Inject Database db;

    @Test
    void no_index_of_reminder_names_a_column_its_status_updates_write() {
        List<String> offending = new ArrayList<>();
        WRITTEN_BY_STATUS_UPDATES.forEach((table, columns) -> {
            for (String definition : indexDefinitions(table)) {
                for (String column : columns) {
                    if (Pattern.compile("\\b" + column + "\\b").matcher(definition).find()) offending.add(definition + "  ← " + column);
                }
            }
        });
        assertThat(offending).isEmpty();
    }

    @Test
    void reminder_pages_keep_room_for_the_next_versions_of_their_rows() {
        assertThat(fillfactor("reminder")).isLessThanOrEqualTo(50);
    }

    private List<String> indexDefinitions(String table) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (var ps = Sql.prepare(c, "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = ?::regclass", table);
                 var rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        });
    }

    private int fillfactor(String table) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, """
                    SELECT coalesce((SELECT split_part(o, '=', 2)::int FROM unnest(reloptions) o WHERE o LIKE 'fillfactor=%'), 100)
                    FROM pg_class WHERE oid = ?::regclass""", table); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
