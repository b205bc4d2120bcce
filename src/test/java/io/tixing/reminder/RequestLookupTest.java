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
 * Every group commit and batch chunk looks up its requestIds among the client's stored reminders (replays, conflicts).
 * That lookup must cost the same few index pages per requestId however many reminders the client already has.
 */
@QuarkusTest
class RequestLookupTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject Database db;
    @Inject ReminderRepository reminders;

    @Test
    void looking_up_request_ids_reads_a_few_pages_however_many_reminders_a_new_client_already_has() throws Exception {
        String client = "lookup-" + System.nanoTime();
        String key = Api.keyWith(client, "submitter");
        int stored = 1_500;
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
        for (int i = 0; i < 5; i++) ids.add("extract-" + (i * 300));
        for (int i = 0; i < 5; i++) ids.add("new-" + i);
        Map<String, ReminderRepository.Existing> found = db.read(c -> reminders.findByRequests(c, client, ids));
        assertThat(found).containsOnlyKeys(ids.subList(0, 5));
        for (int i = 0; i < 5; i++) {
            assertThat(found.get("extract-" + (i * 300)).id().toString()).isEqualTo(answer.get(i * 300).get("id").asText());
        }

        // Pages the lookup touched: an index probe per requestId (a few pages each), not the client's 1,500 reminders
        // (about 200 heap pages and the index pages of a scan of all of them). Planned as a generic plan, the one a
        // server-prepared statement settles on after its fifth execution (pgjdbc prepares on the server from then on).
        String numbered = ReminderRepository.FIND_BY_REQUESTS.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2");
        long pages = db.inTransaction(c -> {
            Sql.update(c, "SET LOCAL plan_cache_mode = force_generic_plan");
            Sql.update(c, "PREPARE lookup_plan_test(text[], text) AS " + numbered);
            // literals: EXECUTE's arguments (plain ids and client names here, no quotes in them)
            try (var ps = Sql.prepare(c, "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE lookup_plan_test('{"
                    + String.join(",", ids) + "}', '" + client + "')"); var rs = ps.executeQuery()) {
                rs.next();
                JsonNode plan = JSON.readTree(rs.getString(1)).get(0).get("Plan");
                return plan.get("Shared Hit Blocks").asLong() + plan.get("Shared Read Blocks").asLong();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            } finally {
                Sql.update(c, "DEALLOCATE lookup_plan_test");
            }
        });
        assertThat(pages).as("pages read to look up %d requestIds", ids.size()).isLessThanOrEqualTo(5L * ids.size());
    }
}
