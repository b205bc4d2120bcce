package io.tixing.contactlog;

import io.quarkus.test.junit.QuarkusTest;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch of entries is one run on one chain; concurrent batches write to different chains side by side. */
@QuarkusTest
class AppendAllTest {

    @Inject ContactLogWriter writer;
    @Inject ChainVerifier verifier;
    @Inject DataSource dataSource;
    @Inject TestClock clock;

    private List<LogEntry> entries() {
        Instant at = clock.instant().plusNanos(123_456_789); // sub-microsecond part: must be truncated as append() does
        List<LogEntry> out = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 60; i++) {
            // borrowers repeat (same chain several times in one batch), spread over many chains, plus borrower-less entries
            String borrower = i % 13 == 0 ? null : "AA-" + run + "-" + (i % 23);
            out.add(LogEntry.of(i % 2 == 0 ? LogEntry.Kind.REQUEST : LogEntry.Kind.LIFECYCLE, at.plusMillis(i))
                    .borrowerClock(ZoneId.of("Asia/Shanghai"))
                    .borrower(borrower).loan("L-" + i).reminder(UUID.nameUUIDFromBytes(("r" + run + i).getBytes()))
                    .template("overdue-reminder", null).outcome("QUEUED").actor("client:test")
                    .reasons(i % 3 == 0 ? List.of("QUIET_HOURS", "CAP") : i % 11 == 0 ? List.of("odd \"quoted\" \\ 例\u0001", "{a,b}") : List.of())
                    .detail("entry " + i + (i % 5 == 0 ? " with | and 12: inside" : ""))
                    .until(i % 7 == 0 ? at.plusSeconds(3600).plusNanos(999) : null)
                    .build());
        }
        return out;
    }

    /** (chain_id, chain_pos, prev_hash, hash, detail) of the entries written after seq {@code after}, in seq order. */
    private static List<String> written(Connection c, long after) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (var ps = c.prepareStatement("SELECT chain_id, chain_pos, prev_hash, hash, detail FROM contact_log WHERE seq > ? ORDER BY seq")) {
            ps.setLong(1, after);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getInt(1) + "/" + rs.getLong(2) + "/" + rs.getString(3) + "/" + rs.getString(4) + "/" + rs.getString(5));
                }
            }
        }
        return rows;
    }

    private static long maxSeq(Connection c) throws SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT coalesce(max(seq), 0) FROM contact_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> heads(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT chain_id, length, last_hash FROM contact_log_chain ORDER BY chain_id")) {
            while (rs.next()) out.add(rs.getInt(1) + "/" + rs.getLong(2) + "/" + rs.getString(3));
        }
        return out;
    }

    @Test
    void a_batch_goes_on_one_chain_in_list_order_linked_hash_to_hash_and_verifies() throws Exception {
        List<LogEntry> entries = entries();
        List<String> batched;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long before = maxSeq(c);
            writer.appendAll(c, entries);
            batched = written(c, before);
            c.commit();
        }
        assertThat(batched).hasSize(entries.size());
        int chain = Integer.parseInt(batched.get(0).split("/")[0]);
        long first = Long.parseLong(batched.get(0).split("/")[1]);
        for (int i = 0; i < batched.size(); i++) {
            String[] row = batched.get(i).split("/", 5);
            assertThat(Integer.parseInt(row[0])).as("entry %d's chain", i).isEqualTo(chain);
            assertThat(Long.parseLong(row[1])).as("entry %d's position", i).isEqualTo(first + i);
            assertThat(row[4]).isEqualTo(entries.get(i).detail());
            if (i > 0) assertThat(row[2]).as("entry %d links to the one before", i).isEqualTo(batched.get(i - 1).split("/")[3]);
        }
        String last = batched.get(batched.size() - 1);
        try (Connection c = dataSource.getConnection()) {
            assertThat(heads(c)).contains(chain + "/" + last.split("/")[1] + "/" + last.split("/")[3]);
        }

        // and single appends continue the chains seamlessly
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            writer.append(c, entries.get(1));
            writer.appendAll(c, entries.subList(2, 5));
            writer.appendAll(c, List.of());
            c.commit();
        }
        assertThat(verifier.verify(ChainVerifier.Scope.ALL).status()).isEqualTo(VerifyReport.Status.OK);
    }

    @Test
    void a_transaction_appending_while_another_holds_its_preferred_chain_takes_another_chain_without_waiting() throws Exception {
        List<LogEntry> entries = entries();
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            long before = maxSeq(first);
            writer.appendAll(first, entries.subList(0, 10));
            String firstChain = written(first, before).get(0).split("/")[0];
            try (var s = second.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '2s'"); // a wait for the first's head would fail here instead of hanging
            }
            writer.appendAll(second, entries.subList(0, 10)); // the same first entry, so the same preferred chain: held
            List<String> seconds = written(second, before); // the first's rows are not committed: only the second's
            assertThat(seconds).hasSize(10).allSatisfy(row -> assertThat(row.split("/")[0]).isNotEqualTo(firstChain));
            second.commit();
            first.commit();
        }
        assertThat(verifier.verify(ChainVerifier.Scope.ALL).status()).isEqualTo(VerifyReport.Status.OK);
    }
}
