package io.tixing.reminder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.tixing.support.Fixtures.borrower;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class BatchIntakeTest {

    static String submitter;
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject ReminderBatch batch;
    @Inject ObjectMapper mapper;
    @Inject Database db;

    @BeforeEach
    void keys() {
        if (submitter == null) submitter = Api.keyWith("bulk-sys", "submitter");
    }

    private static String line(Map<String, Object> reminder) {
        try {
            return JSON.writeValueAsString(reminder);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<JsonNode> post(String key, String contentType, String body) {
        String answer = given().header("Authorization", "Bearer " + key).contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/reminders/batch").then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString();
        return parse(answer);
    }

    static List<JsonNode> parse(String answer) {
        List<JsonNode> out = new ArrayList<>();
        for (String l : answer.split("\n")) {
            if (l.isBlank()) continue;
            try {
                out.add(JSON.readTree(l));
            } catch (IOException e) {
                throw new AssertionError("answer line is not JSON: " + l, e);
            }
        }
        return out;
    }

    static JsonNode summary(List<JsonNode> answer) {
        JsonNode last = answer.getLast();
        assertThat(last.has("summary")).as("the last line is the summary: %s", last).isTrue();
        return last.get("summary");
    }

    @Test
    void a_batch_answers_one_result_per_line_in_order_and_a_summary() {
        List<Map<String, Object>> reminders = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            var r = Fixtures.aReminder();
            reminders.add(r);
            body.append(line(r)).append('\n');
            if (i == 9) body.append('\n'); // a blank line is skipped but counted: line numbers stay the client's own
        }
        List<JsonNode> answer = post(submitter, "application/x-ndjson", body.toString());

        assertThat(answer).hasSize(251);
        for (int i = 0; i < 250; i++) {
            JsonNode result = answer.get(i);
            assertThat(result.get("line").asLong()).isEqualTo(i < 10 ? i + 1 : i + 2);
            assertThat(result.get("requestId").asText()).isEqualTo(reminders.get(i).get("requestId"));
            assertThat(result.get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(result.get("id").asText()).isNotBlank();
        }
        JsonNode summary = summary(answer);
        assertThat(summary.get("lines").asLong()).isEqualTo(250);
        assertThat(summary.get("accepted").asLong()).isEqualTo(250);
        assertThat(summary.get("replayed").asLong()).isZero();
        assertThat(summary.get("invalid").asLong()).isZero();
        assertThat(summary.get("complete").asBoolean()).isTrue();

        // each line is a reminder like any other: queued, with its borrower and loan
        String id = answer.get(137).get("id").asText();
        Api.as(submitter).get("/api/v1/reminders/" + id).then().statusCode(200)
                .body("status", equalTo("QUEUED"))
                .body("requestId", equalTo(reminders.get(137).get("requestId")))
                .body("borrowerId", equalTo(borrower(reminders.get(137)).get("id")));
    }

    @Test
    void an_invalid_line_never_fails_the_valid_ones() {
        var good1 = Fixtures.aReminder();
        var badPhone = Fixtures.aReminder();
        borrower(badPhone).put("phone", "13800138000");
        var unknownField = Fixtures.aReminder();
        unknownField.put("colour", "red");
        var good2 = Fixtures.aReminder();
        String body = line(good1) + "\n" + line(badPhone) + "\n{not json\n" + line(unknownField) + "\n" + line(good2) + "\n";

        List<JsonNode> answer = post(submitter, "application/x-ndjson", body);

        assertThat(answer).hasSize(6);
        assertThat(answer.get(0).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(answer.get(1).get("requestId").asText()).isEqualTo(badPhone.get("requestId"));
        assertThat(answer.get(1).at("/problem/status").asInt()).isEqualTo(400);
        assertThat(answer.get(1).at("/problem/errors/0/field").asText()).isEqualTo("borrower.phone");
        assertThat(answer.get(2).get("line").asLong()).isEqualTo(3);
        assertThat(answer.get(2).at("/problem/errors/0/message").asText()).startsWith("not valid JSON");
        assertThat(answer.get(3).at("/problem/errors/0/message").asText()).isEqualTo("unknown field 'colour'");
        assertThat(answer.get(4).get("status").asText()).isEqualTo("ACCEPTED");
        JsonNode summary = summary(answer);
        assertThat(summary.get("accepted").asLong()).isEqualTo(2);
        assertThat(summary.get("invalid").asLong()).isEqualTo(3);
        // the valid ones are stored, the invalid one is not
        Api.as(submitter).get("/api/v1/reminders/" + answer.get(4).get("id").asText()).then().statusCode(200);
        Api.submit(submitter, badPhone).statusCode(400);
    }

    @Test
    void a_replayed_request_id_in_a_batch_returns_the_original_id() {
        var earlier = Fixtures.aReminder();
        String original = Api.submit(submitter, earlier).statusCode(202).extract().path("id");
        var twice = Fixtures.aReminder();
        var reused = Fixtures.aReminder();
        reused.put("requestId", earlier.get("requestId")); // same requestId, another body
        String body = line(earlier) + "\n" + line(twice) + "\n" + line(twice) + "\n" + line(reused) + "\n";

        List<JsonNode> answer = post(submitter, "application/x-ndjson", body);

        assertThat(answer.get(0).get("status").asText()).isEqualTo("REPLAYED");
        assertThat(answer.get(0).get("id").asText()).isEqualTo(original);
        assertThat(answer.get(1).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(answer.get(2).get("status").asText()).isEqualTo("REPLAYED"); // repeated within the same chunk
        assertThat(answer.get(2).get("id").asText()).isEqualTo(answer.get(1).get("id").asText());
        assertThat(answer.get(3).at("/problem/status").asInt()).isEqualTo(409);
        assertThat(answer.get(3).at("/problem/detail").asText()).contains(original);
        JsonNode summary = summary(answer);
        assertThat(summary.get("accepted").asLong()).isEqualTo(1);
        assertThat(summary.get("replayed").asLong()).isEqualTo(2);
        assertThat(summary.get("invalid").asLong()).isEqualTo(1);
        // and a single POST of a batch line replays it too: one idempotency space
        Api.submit(submitter, twice).statusCode(200).body("id", equalTo(answer.get(1).get("id").asText()));
    }

    @Test
    void a_request_id_repeated_in_the_next_chunk_written_alongside_replays_or_conflicts_with_its_first_line() {
        // 2,500 lines sent at once, chunks of 1,000: lines 1,001 and 1,002 (chunk 2) repeat lines 1 and 2 (chunk 1); with
        // tixing.reminders.batch.chunks-in-flight=2 chunk 2 is written while chunk 1 may not have committed yet
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) lines.add(Fixtures.aReminder());
        lines.set(1_000, lines.get(0));
        var reused = Fixtures.aReminder();
        reused.put("requestId", lines.get(1).get("requestId")); // same requestId, another body
        lines.set(1_001, reused);
        StringBuilder body = new StringBuilder();
        for (var l : lines) body.append(line(l)).append('\n');

        List<JsonNode> answer = post(submitter, "application/x-ndjson", body.toString());

        assertThat(answer).hasSize(2_501);
        for (int i = 0; i < 2_500; i++) assertThat(answer.get(i).get("line").asLong()).isEqualTo(i + 1); // in order
        assertThat(answer.get(1_000).get("status").asText()).isEqualTo("REPLAYED");
        assertThat(answer.get(1_000).get("id").asText()).isEqualTo(answer.get(0).get("id").asText());
        assertThat(answer.get(1_001).at("/problem/status").asInt()).isEqualTo(409);
        assertThat(answer.get(1_001).at("/problem/detail").asText()).contains(answer.get(1).get("id").asText());
        JsonNode summary = summary(answer);
        assertThat(summary.get("accepted").asLong()).isEqualTo(2_498);
        assertThat(summary.get("replayed").asLong()).isEqualTo(1);
        assertThat(summary.get("invalid").asLong()).isEqualTo(1);
        assertThat(summary.get("complete").asBoolean()).isTrue();
    }

    @Test
    void a_json_array_batch_is_read_element_by_element() {
        var a = Fixtures.aReminder();
        var b = Fixtures.aReminder();
        b.put("channels", List.of("FAX"));
        var c = Fixtures.aReminder();
        String body = "[" + line(a) + ",\n" + line(b) + "," + line(c) + "]";

        List<JsonNode> answer = post(submitter, "application/json", body);

        assertThat(answer).hasSize(4);
        assertThat(answer.get(0).get("line").asLong()).isEqualTo(1);
        assertThat(answer.get(0).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(answer.get(1).at("/problem/errors/0/field").asText()).isEqualTo("channels[0]");
        assertThat(answer.get(2).get("line").asLong()).isEqualTo(3);
        assertThat(answer.get(2).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(summary(answer).get("complete").asBoolean()).isTrue();
    }

    @Test
    void a_json_array_that_ends_before_it_is_closed_keeps_the_whole_elements_and_says_where_it_stopped() {
        var a = Fixtures.aReminder();
        var b = Fixtures.aReminder();
        var c = Fixtures.aReminder();
        String third = line(c);
        String body = "[" + line(a) + "," + line(b) + "," + third.substring(0, third.length() / 2);

        List<JsonNode> answer = post(submitter, "application/json", body);

        assertThat(answer).hasSize(3);
        assertThat(answer.get(1).get("status").asText()).isEqualTo("ACCEPTED");
        JsonNode summary = summary(answer);
        assertThat(summary.get("complete").asBoolean()).isFalse();
        assertThat(summary.get("stoppedAfterLine").asLong()).isEqualTo(2);
        assertThat(summary.get("reason").asText()).contains("element 3");
        Api.submit(submitter, c).statusCode(202); // the broken third element was not stored
    }

    @Test
    void lines_over_the_limit_are_refused_with_one_problem_naming_them() {
        long limit = batch.maxLines();
        batch.maxLines(3);
        try {
            StringBuilder body = new StringBuilder();
            List<Map<String, Object>> reminders = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                var r = Fixtures.aReminder();
                reminders.add(r);
                body.append(line(r)).append('\n');
            }
            List<JsonNode> answer = post(submitter, "application/x-ndjson", body.toString());

            assertThat(answer).hasSize(5);
            assertThat(answer.get(2).get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(answer.get(3).get("line").asLong()).isEqualTo(4);
            assertThat(answer.get(3).at("/problem/status").asInt()).isEqualTo(413);
            assertThat(answer.get(3).at("/problem/detail").asText()).contains("lines 4 to 6");
            JsonNode summary = summary(answer);
            assertThat(summary.get("accepted").asLong()).isEqualTo(3);
            assertThat(summary.get("refused").asLong()).isEqualTo(3);
            assertThat(summary.get("complete").asBoolean()).isFalse();
            assertThat(summary.get("stoppedAfterLine").asLong()).isEqualTo(3);
            Api.submit(submitter, reminders.get(4)).statusCode(202); // refused lines were not stored
        } finally {
            batch.maxLines(limit);
        }
    }

    @Test
    void the_batch_is_not_held_to_the_1_MiB_body_limit() {
        StringBuilder body = new StringBuilder();
        int n = 0;
        while (body.length() < 1_200_000) {
            body.append(line(Fixtures.aReminder())).append('\n');
            n++;
        }
        List<JsonNode> answer = post(submitter, "application/x-ndjson", body.toString());
        assertThat(summary(answer).get("accepted").asLong()).isEqualTo(n);
    }

    @Test
    void a_line_longer_than_a_single_request_may_be_is_refused_alone_without_being_held() {
        var a = Fixtures.aReminder();
        var b = Fixtures.aReminder();
        String huge = "{\"requestId\":\"" + "x".repeat(1_200_000) + "\"}";
        List<JsonNode> answer = post(submitter, "application/x-ndjson", line(a) + "\n" + huge + "\n" + line(b) + "\n");

        assertThat(answer).hasSize(4);
        assertThat(answer.get(0).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(answer.get(1).at("/problem/errors/0/message").asText()).contains("longer than");
        assertThat(answer.get(2).get("line").asLong()).isEqualTo(3);
        assertThat(answer.get(2).get("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void a_json_array_element_longer_than_a_single_request_may_be_stops_the_batch_there() {
        var a = Fixtures.aReminder();
        String huge = "{\"requestId\":\"" + "x".repeat(1_200_000) + "\"}";
        List<JsonNode> answer = post(submitter, "application/json", "[" + line(a) + "," + huge + "," + line(Fixtures.aReminder()) + "]");

        assertThat(answer).hasSize(2);
        assertThat(answer.get(0).get("status").asText()).isEqualTo("ACCEPTED");
        JsonNode summary = summary(answer);
        assertThat(summary.get("complete").asBoolean()).isFalse();
        assertThat(summary.get("stoppedAfterLine").asLong()).isEqualTo(1);
        assertThat(summary.get("reason").asText()).contains("element 2 is longer than");
    }

    /** Fault injection: a trigger refuses one loan id, as a constraint would, after validation passed. */
    @Test
    void a_line_the_database_refuses_fails_alone_and_the_rest_of_its_chunk_commits() throws Exception {
        superuser("""
                CREATE OR REPLACE FUNCTION test_refuse_batch_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.loan_id = 'L-BATCH-POISON' THEN RAISE EXCEPTION 'poisoned loan' USING ERRCODE = '23514'; END IF; RETURN NEW; END $$""",
                "CREATE TRIGGER test_refuse_batch_poison BEFORE INSERT ON reminder FOR EACH ROW EXECUTE FUNCTION test_refuse_batch_poison()");
        try {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                var r = Fixtures.aReminder();
                if (i == 2) io.tixing.support.Fixtures.loan(r).put("id", "L-BATCH-POISON");
                body.append(line(r)).append('\n');
            }
            List<JsonNode> answer = post(submitter, "application/x-ndjson", body.toString());

            assertThat(answer).hasSize(6);
            for (int i = 0; i < 5; i++) {
                if (i == 2) assertThat(answer.get(i).at("/problem/type").asText()).endsWith("/line-not-written");
                else assertThat(answer.get(i).get("status").asText()).as("line %d", i + 1).isEqualTo("ACCEPTED");
            }
            assertThat(summary(answer).get("accepted").asLong()).isEqualTo(4);
            assertThat(summary(answer).get("complete").asBoolean()).isTrue();
        } finally {
            superuser("DROP TRIGGER test_refuse_batch_poison ON reminder", "DROP FUNCTION test_refuse_batch_poison()");
        }
    }

    private static void superuser(String... statements) throws java.sql.SQLException {
        try (var c = java.sql.DriverManager.getConnection(io.tixing.support.EmbeddedPostgresResource.database().superuserJdbcUrl());
             var st = c.createStatement()) {
            for (String sql : statements) st.execute(sql);
        }
    }

    @Test
    void a_batch_needs_the_submitter_role() {
        String operator = Api.keyWith("ops-bulk", "operator");
        given().header("Authorization", "Bearer " + operator).contentType("application/x-ndjson")
                .body((line(Fixtures.aReminder()) + "\n").getBytes(StandardCharsets.UTF_8)).post("/api/v1/reminders/batch").then().statusCode(403);
    }

    @Test
    void a_body_cut_off_mid_stream_keeps_every_committed_line_and_says_where_it_stopped() throws Exception {
        List<Map<String, Object>> sent = new ArrayList<>();
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            var r = Fixtures.aReminder();
            sent.add(r);
            first.append(line(r)).append('\n');
        }
        var cut = Fixtures.aReminder();
        String half = line(cut).substring(0, 40);
        List<JsonNode> received;
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/reminders/batch HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + submitter
                    + "\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            chunk(out, first.toString());
            ChunkedReader in = new ChunkedReader(socket.getInputStream());
            assertThat(in.status()).contains(" 200 ");
            // the answer streams while the body is still being sent: every line so far is committed and answered
            received = in.lines(150);
            chunk(out, half);
            socket.setSoLinger(true, 0); // the connection breaks off mid-line (RST), as a crashed client's would
        }
        assertThat(received).hasSize(150);
        for (int i = 0; i < 150; i++) {
            assertThat(received.get(i).get("line").asLong()).isEqualTo(i + 1);
            assertThat(received.get(i).get("status").asText()).isEqualTo("ACCEPTED");
        }
        // where it stopped: line 150 was the last answer, and each answered line is stored
        for (int i : new int[] {0, 99, 100, 149}) {
            Api.as(submitter).get("/api/v1/reminders/" + received.get(i).get("id").asText()).then().statusCode(200)
                    .body("requestId", equalTo(sent.get(i).get("requestId")));
            Api.submit(submitter, sent.get(i)).statusCode(200); // resending the batch replays them
        }
        Api.submit(submitter, cut).statusCode(202); // the half line was never stored
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Just enough HTTP/1.1 to read a chunked answer line by line while the request is still open. */
    static final class ChunkedReader {
        private final InputStream in;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        ChunkedReader(InputStream in) { this.in = in; }

        String status() throws IOException {
            String status = rawLine();
            String header;
            while (!(header = rawLine()).isEmpty()) {
                assertThat(header.toLowerCase()).doesNotStartWith("content-length"); // streamed, so chunked
            }
            return status;
        }

        List<JsonNode> lines(int count) throws IOException {
            List<JsonNode> out = new ArrayList<>();
            while (out.size() < count) {
                int size = Integer.parseInt(rawLine().strip(), 16);
                if (size == 0) break;
                byte[] data = in.readNBytes(size);
                rawLine();
                for (byte b : data) {
                    if (b == '\n') {
                        out.add(JSON.readTree(pending.toString(StandardCharsets.UTF_8)));
                        pending.reset();
                    } else {
                        pending.write(b);
                    }
                }
            }
            return out;
        }

        private String rawLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') if (b != '\r') line.write(b);
            return line.toString(StandardCharsets.US_ASCII);
        }
    }

    /** The borrower row's version (xmin changes with every write of the row) and its stored name. */
    private List<String> borrowerRow(String borrowerId) {
        return db.read(c -> {
            try (var ps = Sql.prepare(c, "SELECT xmin::text, name, updated_at::text, flags::text FROM borrower WHERE id = ?", borrowerId);
                 var rs = ps.executeQuery()) {
                assertThat(rs.next()).as("borrower %s stored", borrowerId).isTrue();
                return List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
            }
        });
    }

    @Test
    void a_borrower_sent_again_with_the_same_facts_is_not_rewritten_and_new_facts_still_replace_the_old() {
        var first = Fixtures.aReminder();
        String borrowerId = (String) borrower(first).get("id");
        assertThat(summary(post(submitter, "application/x-ndjson", line(first) + "\n")).get("accepted").asInt()).isEqualTo(1);
        List<String> written = borrowerRow(borrowerId);

        var again = Fixtures.aReminder(); // another reminder (its own requestId and loan) for the same borrower, same facts
        again.put("borrower", first.get("borrower"));
        assertThat(summary(post(submitter, "application/x-ndjson", line(again) + "\n")).get("accepted").asInt()).isEqualTo(1);
        assertThat(borrowerRow(borrowerId)).as("same facts: the row is not written again").isEqualTo(written);

        var renamed = Fixtures.aReminder();
        var facts = new java.util.LinkedHashMap<>(borrower(first));
        facts.put("name", "王大明");
        facts.put("flags", List.of("ELDERLY", "HARDSHIP"));
        renamed.put("borrower", facts);
        assertThat(summary(post(submitter, "application/x-ndjson", line(renamed) + "\n")).get("accepted").asInt()).isEqualTo(1);
        List<String> changed = borrowerRow(borrowerId);
        assertThat(changed.get(1)).isEqualTo("王大明");
        assertThat(changed.get(0)).isNotEqualTo(written.get(0));
        assertThat(written.get(3)).isEqualTo("{}");
        assertThat(changed.get(3)).as("each flag its own element").isEqualTo("{ELDERLY,HARDSHIP}");
    }

    @Test
    void a_conflicting_line_changes_nothing_about_its_borrower_neither_facts_nor_known_locations() {
        var earlier = Fixtures.aReminder();
        String borrowerId = (String) borrower(earlier).get("id");
        assertThat(summary(post(submitter, "application/x-ndjson", line(earlier) + "\n")).get("accepted").asInt()).isEqualTo(1);
        List<String> stored = borrowerRow(borrowerId);

        var reused = Fixtures.aReminder(); // the same requestId, another body: the borrower moved to Taipei and was renamed
        reused.put("requestId", earlier.get("requestId"));
        var moved = new java.util.LinkedHashMap<>(borrower(earlier));
        moved.put("name", "王大明");
        moved.put("timezone", "Asia/Taipei");
        reused.put("borrower", moved);
        List<JsonNode> answer = post(submitter, "application/x-ndjson", line(reused) + "\n");

        assertThat(answer.get(0).at("/problem/status").asInt()).isEqualTo(409);
        assertThat(borrowerRow(borrowerId)).as("a refused line's facts are not applied").isEqualTo(stored);
        assertThat(zonesOf(borrowerId)).doesNotContain("Asia/Taipei").contains("Asia/Shanghai");
    }

    /**
     * A decision holds its borrowers FOR UPDATE in id order. A batch whose lines name stored borrowers in the other order
     * must not hold the later one while it waits for the earlier: it takes its locks in id order too, so the decision
     * gets its second borrower at once instead of deadlocking with the batch.
     */
    @Test
    void a_batch_waiting_for_a_borrower_a_decision_holds_does_not_hold_the_decisions_next_borrower() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        var first = Fixtures.aReminder();
        var second = Fixtures.aReminder();
        borrower(first).put("id", "B-LOCK-" + run + "-1");
        borrower(second).put("id", "B-LOCK-" + run + "-2");
        post(submitter, "application/x-ndjson", line(first) + "\n" + line(second) + "\n");
        var again1 = Fixtures.aReminder();
        again1.put("borrower", first.get("borrower"));
        var again2 = Fixtures.aReminder();
        again2.put("borrower", second.get("borrower"));

        var holding = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        var secondLock = new java.util.concurrent.CompletableFuture<Boolean>();
        Thread decision = Thread.ofPlatform().start(() -> db.inTransaction(c -> {
            Sql.execute(c, "SELECT 1 FROM borrower WHERE id = ? FOR UPDATE", "B-LOCK-" + run + "-1");
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            try {
                // NOWAIT: held by the batch, this would wait until the server found the deadlock and aborted one of the two
                Sql.execute(c, "SELECT 1 FROM borrower WHERE id = ? FOR UPDATE NOWAIT", "B-LOCK-" + run + "-2");
                secondLock.complete(true);
            } catch (java.sql.SQLException e) {
                secondLock.complete(false);
                throw e;
            }
            return null;
        }));
        holding.await();
        // lines in descending borrower order: the second borrower first
        var batchAnswer = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> post(submitter, "application/x-ndjson", line(again2) + "\n" + line(again1) + "\n"));
        awaitBackendWaitingForALock();
        release.countDown();
        assertThat(secondLock.get(10, java.util.concurrent.TimeUnit.SECONDS)).as("the decision got its second borrower").isTrue();
        decision.join();
        List<JsonNode> answer = batchAnswer.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answer.get(0).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(answer.get(1).get("status").asText()).isEqualTo("ACCEPTED");
    }

    /**
     * Chunks are written two at a time (tixing.reminders.batch.chunks-in-flight=2) and may commit in either order, so a
     * chunk that writes a borrower or a requestId of the chunk before it waits for that one to commit. Here the first
     * chunk is held by a lock on one of its stored borrowers (before it writes anything else): the second chunk, which
     * renames another borrower of the first and repeats one of its lines, must not overtake it.
     */
    @Test
    void a_chunk_sharing_a_borrower_or_request_id_with_the_one_before_waits_for_it_so_the_later_line_still_wins() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String held = "B-HOLD-" + run + "-0", shared = "B-HOLD-" + run + "-1";
        // All three borrowers are stored already: a new one would be inserted by the first chunk at once, and its
        // uncommitted key alone would make the second chunk wait.
        var stored = Fixtures.aReminder();
        borrower(stored).put("id", held);
        var storedShared = Fixtures.aReminder();
        borrower(storedShared).put("id", shared);
        var storedThird = Fixtures.aReminder();
        borrower(storedThird).put("id", "B-HOLD-" + run + "-2");
        assertThat(summary(post(submitter, "application/x-ndjson", line(stored) + "\n" + line(storedShared) + "\n" + line(storedThird) + "\n"))
                .get("accepted").asInt()).isEqualTo(3);

        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) lines.add(Fixtures.aReminder()); // chunks of 100 in tests: lines 1-100, 101-200
        var heldAgain = lines.get(0);
        heldAgain.put("borrower", new java.util.LinkedHashMap<>(borrower(stored)));
        borrower(heldAgain).put("name", "改"); // new facts: the first chunk must update (and so lock) the held borrower
        borrower(lines.get(1)).put("id", shared);
        borrower(lines.get(1)).put("name", "先");
        var renamed = lines.get(100);
        renamed.put("borrower", new java.util.LinkedHashMap<>(borrower(lines.get(1))));
        borrower(renamed).put("name", "后");
        // line 102 repeats line 3, whose (stored) borrower sorts after the held one too
        borrower(lines.get(2)).put("id", "B-HOLD-" + run + "-2");
        lines.set(101, lines.get(2));
        StringBuilder body = new StringBuilder();
        for (var l : lines) body.append(line(l)).append('\n');

        var holding = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        Thread lock = Thread.ofPlatform().start(() -> db.inTransaction(c -> {
            Sql.execute(c, "SELECT 1 FROM borrower WHERE id = ? FOR UPDATE", held);
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return null;
        }));
        holding.await();
        // The body straight to the batch, as a stream with all of it already there: over HTTP the server may find the
        // network empty after the first chunk and answer it before reading on, and then no chunk is written alongside.
        var batchAnswer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            var out = new java.io.ByteArrayOutputStream();
            try {
                batch.run("bulk-sys", BatchLines.ndjson(new java.io.ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8)), mapper), out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return parse(out.toString(StandardCharsets.UTF_8));
        });
        awaitBackendWaitingForALock(); // the first chunk waits for the held borrower
        // Time for a second chunk written alongside to show itself: it would rename the shared borrower meanwhile.
        boolean overtaken = false;
        for (long end = System.nanoTime() + 2_000_000_000L; System.nanoTime() < end && !overtaken; Thread.sleep(50)) {
            overtaken = borrowerRow(shared).get(1).equals("后");
        }
        release.countDown();
        lock.join();
        List<JsonNode> answer = batchAnswer.get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(overtaken).as("the second chunk wrote the shared borrower while the first was held").isFalse();
        assertThat(borrowerRow(shared).get(1)).as("the later line's facts win").isEqualTo("后");
        assertThat(answer.get(2).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(answer.get(101).get("status").asText()).isEqualTo("REPLAYED");
        assertThat(answer.get(101).get("id").asText()).isEqualTo(answer.get(2).get("id").asText());
        assertThat(summary(answer).get("accepted").asLong()).isEqualTo(199);
    }

    private void awaitBackendWaitingForALock() throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            long waiting = db.read(c -> {
                try (var ps = Sql.prepare(c, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%borrower%'");
                     var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            if (waiting > 0) return;
            Thread.sleep(20); // polling another session's state, not waiting for time to pass
        }
        throw new AssertionError("the batch never waited for the borrower lock");
    }

    private List<String> zonesOf(String borrowerId) {
        return db.read(c -> {
            List<String> zones = new ArrayList<>();
            try (var ps = Sql.prepare(c, "SELECT zone FROM borrower_location WHERE borrower_id = ?", borrowerId); var rs = ps.executeQuery()) {
                while (rs.next()) zones.add(rs.getString(1));
            }
            return zones;
        });
    }
}
