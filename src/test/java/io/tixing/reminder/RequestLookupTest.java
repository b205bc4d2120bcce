package io.tixing.reminder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group commit or batch chunk with repeated requestIds looks up their originals among the client's stored reminders.
 * That lookup must not keep a plan made when the table was small (see ReminderRepository.FIND_BY_REQUESTS).
 */
@QuarkusTest
class RequestLookupTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject Database db;
    @Inject ReminderRepository reminders;

    @Test
    void the_request_id_lookup_finds_the_stored_ones_and_is_planned_afresh_each_time_not_kept_from_a_smaller_table() throws Exception {
        String client = "lookup-" + System.nanoTime();
        String key = Api.keyWith(client, "submitter");
        int stored = 300;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < stored; i++) {
            var r = Fixtures.aReminder();
            r.put("requestId", "extract-" + i);
            body.append(JSON.writeValueAsString(r)).append('\n');
        }
        List<JsonNode> answer = BatchIntakeTest.post(key, "application/x-ndjson", body.toString());
        assertThat(BatchIntakeTest.summary(answer).get("accepted").asLong()).isEqualTo(stored);

        // five stored requestIds and five new ones, as a group with some repeats
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) ids.add("extract-" + (i * 60));
        for (int i = 0; i < 5; i++) ids.add("new-" + i);
        Map<String, ReminderRepository.Existing> found = db.read(c -> reminders.findByRequests(c, client, ids));
        assertThat(found).containsOnlyKeys(ids.subList(0, 5));
        for (int i = 0; i < 5; i++) {
            assertThat(found.get("extract-" + (i * 60)).id().toString()).isEqualTo(answer.get(i * 60).get("id").asText());
        }

        // Planned at every execution, with the values and table size of the moment: never a generic plan a connection made
        // once, while the table was small and unanalyzed, and kept as it grew (pgjdbc makes a statement run five times a
        // server-prepared one; its generic plan then stays until the table is analyzed). Such a plan scanned every
        // reminder of the client per lookup in bench/intake (reminder_client_created, 12-24 ms at 3,000 reminders).
        long kept = db.read(c -> {
            for (int i = 0; i < 12; i++) reminders.findByRequests(c, client, ids);
            try (var ps = Sql.prepare(c, "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%request_id = ANY%'");
                 var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(kept).as("server-prepared requestId lookups on the connection").isZero();
    }
}
