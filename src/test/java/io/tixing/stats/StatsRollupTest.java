package io.tixing.stats;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tixing.contactlog.ContactLogWriter;
import io.tixing.contactlog.RetentionPurge;
import io.tixing.db.Database;
import io.tixing.db.Sql;
import io.tixing.dispatch.DispatchWorker;
import io.tixing.support.Api;
import io.tixing.support.Fixtures;
import io.tixing.support.TestClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static io.tixing.stats.StatsTest.attempt;
import static io.tixing.stats.StatsTest.reminderOn;
import static io.tixing.stats.StatsTest.stats;
import static io.tixing.stats.StatsTest.submitter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stats endpoints answer from the rollup plus the log past its marks; whatever has been rolled, the numbers must
 * be those counted straight from the log's rows (here in plain Java, from a SELECT of the period's entries). Entries
 * are written by the real dispatcher through the API, around hour and day boundaries, with the clock pinned; the
 * rollup job is run by calling it. Days 2032-06-09..11 belong to this class only.
 */
@QuarkusTest
class StatsRollupTest {

    static final List<String> ZONES = List.of("Asia/Shanghai", "UTC", "Asia/Kolkata", "America/St_Johns");

    @Inject DispatchWorker worker;
    @Inject TestClock clock;
    @Inject ContactLogRollup rollup;
    @Inject ContactLogWriter log;
    @Inject Database db;
    @Inject RetentionPurge purge;

    @AfterEach
    void resetClock() { clock.reset(); }

    @Test
    void contacts_decisions_and_jurisdictions_equal_the_logs_own_counts_before_after_and_across_a_rollup_in_every_zone() {
        // Sends just before and after an hour, late evening (deferred by quiet hours to 08:00), and just after midnight.
        sendAt("2032-06-10T10:59:58", 2, List.of("SMS"));
        sendAt("2032-06-10T11:00:01", 1, List.of("EMAIL"));
        sendAt("2032-06-10T23:10:00", 2, List.of("SMS"));
        assertEveryZoneMatchesTheLog("nothing rolled yet");

        assertThat(rollup.rollUp()).as("entries rolled").isPositive();
        assertThat(rollup.rollUp()).as("a second run finds nothing new").isZero();
        assertThat(rolledEntries()).isPositive();
        assertEveryZoneMatchesTheLog("all rolled");

        // The deferred ones go out at 08:00 the next day; more come in just after local midnight: past the marks.
        clock.setLocal("2032-06-11T08:00:05", "Asia/Shanghai");
        worker.drain();
        sendAt("2032-06-11T00:30:00", 1, List.of("SMS"));
        sendAt("2032-06-11T09:29:59", 1, List.of("SMS"));
        // 02:45Z: in St John's (-02:30) 00:15 on the 11th, inside the UTC hour 02:00Z that began on the 10th there.
        sendAt("2032-06-11T10:45:00", 1, List.of("EMAIL"));
        assertEveryZoneMatchesTheLog("rolled, with entries past the marks");

        rollup.rollUp();
        assertEveryZoneMatchesTheLog("all rolled again");
        assertThat(stats("contacts", Map.of("from", "2032-06-10", "to", "2032-06-11", "zone", "Asia/Shanghai")).getLong("total"))
                .as("hand-offs on both days").isGreaterThanOrEqualTo(6);
    }

    @Test
    void a_day_over_the_sms_cap_is_found_when_its_first_contacts_are_rolled_and_the_last_one_is_not() {
        String chatty = "B-rollcap-" + UUID.randomUUID().toString().substring(0, 8);
        String late = "B-rolllate-" + UUID.randomUUID().toString().substring(0, 8);
        // A broken dispatcher's entries (no API path produces them), written through the log's own writer.
        db.inTransaction(c -> {
            for (int i = 0; i < 3; i++) log.append(c, attempt(chatty, "SMS", LocalDateTime.parse("2032-06-09T10:00:00").plusMinutes(i), "SENT"));
            log.append(c, attempt(late, "SMS", LocalDateTime.parse("2032-06-09T22:30:00"), "SENT"));
            return null;
        });
        var day = Map.of("from", "2032-06-09", "to", "2032-06-09", "zone", "Asia/Shanghai");
        var before = stats("violations", day);
        assertThat(before.getLong("violations.overCap")).as("three SMS is the CN cap, not over it").isZero();
        assertThat(before.getLong("violations.outsideWindow")).isEqualTo(1);
        rollup.rollUp();
        var rolled = stats("violations", day);
        assertThat(rolled.getLong("violations.outsideWindow")).isEqualTo(1);
        assertThat(rolled.getString("violations.outsideWindowExamples[0].borrowerId")).isEqualTo(late);
        assertThat(rolled.getLong("violations.checked")).isEqualTo(before.getLong("violations.checked"));
        assertThat(rolled.getLong("violations.overCap")).isZero();

        db.inTransaction(c -> {
            log.append(c, attempt(chatty, "SMS", LocalDateTime.parse("2032-06-09T15:00:00"), "SENT"));
            return null;
        });
        var mixed = stats("violations", day);
        assertThat(mixed.getLong("violations.overCap")).as("three rolled + one past the marks").isEqualTo(1);
        assertThat(mixed.getString("violations.overCapExamples[0].borrowerId")).isEqualTo(chatty);
        assertThat(mixed.getLong("violations.overCapExamples[0].count")).isEqualTo(4);
        rollup.rollUp();
        var all = stats("violations", day);
        assertThat(all.getLong("violations.overCap")).isEqualTo(1);
        assertThat(all.getLong("violations.overCapExamples[0].count")).isEqualTo(4);
        assertThat(all.getLong("violations.checked")).isEqualTo(mixed.getLong("violations.checked")).isEqualTo(before.getLong("violations.checked") + 1);
        // In a half-hour zone the reviewer's day boundary cuts an hour: that hour is read from the log, same result.
        var kolkata = stats("violations", Map.of("from", "2032-06-09", "to", "2032-06-09", "zone", "Asia/Kolkata"));
        assertThat(kolkata.getLong("violations.overCap")).isEqualTo(1);
        assertThat(kolkata.getLong("violations.outsideWindow")).isEqualTo(1);
    }

    @Test
    void after_a_retention_purge_of_a_chain_the_stats_count_what_the_log_still_holds() {
        List<String> borrowers = sendAt("2032-06-10T15:00:00", 3, List.of("SMS"));
        rollup.rollUp();
        // the chain these entries went to (an append takes the first free head, not always its borrower's preferred one)
        int chain = db.read(c -> {
            try (var ps = c.prepareStatement("SELECT chain_id FROM contact_log WHERE borrower_id = ? AND kind = 'ATTEMPT' LIMIT 1")) {
                ps.setString(1, borrowers.getFirst());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
        Instant start = Instant.parse("2032-06-09T00:00:00Z"), end = Instant.parse("2032-06-13T00:00:00Z");
        int before = logRows(start, end, null).size();

        // long past every pack's retention, counted from the log's latest entry (other tests' purges log audit entries at
        // the far-future instants they purge at, and any of them may sit on this chain): the whole chain goes
        Instant latest = db.read(c -> {
            try (var ps = c.prepareStatement("SELECT max(at) FROM contact_log"); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        });
        clock.set(latest.atZone(java.time.ZoneOffset.UTC).plusYears(100).toInstant());
        assertThat(purge.purge(chain)).hasSize(1);
        clock.reset();

        assertThat(logRows(start, end, null).size()).as("the purge took entries of the period").isLessThan(before);
        assertEveryZoneMatchesTheLog("after a purge");
        // And the rollup stays right for what comes after the purge.
        sendAt("2032-06-10T15:30:00", 1, List.of("SMS"));
        rollup.rollUp();
        assertEveryZoneMatchesTheLog("rolled after a purge");
    }

    /** Submits {@code count} reminders at {@code shanghai} and runs the dispatcher; returns the borrowers' ids. */
    private List<String> sendAt(String shanghai, int count, List<String> channels) {
        clock.setLocal(shanghai, "Asia/Shanghai");
        List<String> borrowers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var body = reminderOn(shanghai.substring(0, 10));
            body.put("channels", channels);
            Api.submit(submitter(), body).statusCode(202);
            borrowers.add((String) Fixtures.borrower(body).get("id"));
        }
        worker.drain();
        return borrowers;
    }

    private long rolledEntries() {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT coalesce(sum(entries), 0) FROM contact_log_rollup"); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private void assertEveryZoneMatchesTheLog(String state) {
        for (String zone : ZONES) {
            for (String jurisdiction : new String[] {null, "CN"}) {
                Map<String, String> params = new TreeMap<>(Map.of("from", "2032-06-10", "to", "2032-06-11", "zone", zone));
                if (jurisdiction != null) params.put("jurisdiction", jurisdiction);
                String as = state + ", zone " + zone + ", jurisdiction " + jurisdiction;
                ZoneId z = ZoneId.of(zone);
                Instant start = LocalDate.parse("2032-06-10").atStartOfDay(z).toInstant(), end = LocalDate.parse("2032-06-12").atStartOfDay(z).toInstant();
                List<Row> rows = logRows(start, end, jurisdiction);

                Map<String, Long> contacts = new TreeMap<>(), expectContacts = new TreeMap<>();
                for (Map<String, Object> r : stats("contacts", params).<Map<String, Object>>getList("rows")) {
                    contacts.put(r.get("day") + " " + r.get("channel") + " " + r.get("outcome"), ((Number) r.get("count")).longValue());
                }
                for (Row r : rows) {
                    if (r.kind.equals("ATTEMPT")) expectContacts.merge(r.at.atZone(z).toLocalDate() + " " + r.channel + " " + r.outcome, 1L, Long::sum);
                }
                assertThat(contacts).as("contacts, " + as).isEqualTo(expectContacts);

                Map<String, Long> decisions = new TreeMap<>(), expectDecisions = new TreeMap<>();
                for (Map<String, Object> r : stats("decisions", params).<Map<String, Object>>getList("rows")) {
                    decisions.put(r.get("decision") + " " + r.get("reason"), ((Number) r.get("count")).longValue());
                }
                for (Row r : rows) {
                    if (!r.kind.equals("DECISION") || !List.of("DEFER", "SUPPRESS", "EXPIRED").contains(r.decision)) continue;
                    for (String reason : r.reasons.isEmpty() ? List.of("NONE") : r.reasons) expectDecisions.merge(r.decision + " " + reason, 1L, Long::sum);
                }
                assertThat(decisions).as("decisions, " + as).isEqualTo(expectDecisions);

                Map<String, List<Long>> packs = new TreeMap<>(), expectPacks = new TreeMap<>();
                JsonPath p = stats("jurisdictions", params);
                for (Map<String, Object> r : p.<Map<String, Object>>getList("rows")) {
                    packs.put((String) r.get("rulePack"), List.of(num(r, "attempts"), num(r, "allowed"), num(r, "deferred"), num(r, "suppressed"), num(r, "expired")));
                }
                Map<String, long[]> counted = new TreeMap<>();
                for (Row r : rows) {
                    long[] n = counted.computeIfAbsent(r.rulePack, k -> new long[5]);
                    if (r.kind.equals("ATTEMPT")) n[0]++;
                    else if ("ALLOW".equals(r.decision)) n[1]++;
                    else if ("DEFER".equals(r.decision)) n[2]++;
                    else if ("SUPPRESS".equals(r.decision)) n[3]++;
                    else if ("EXPIRED".equals(r.decision)) n[4]++;
                }
                counted.forEach((k, n) -> expectPacks.put(k, List.of(n[0], n[1], n[2], n[3], n[4])));
                assertThat(packs).as("jurisdictions, " + as).isEqualTo(expectPacks);

                var v = stats("violations", params);
                long attempts = rows.stream().filter(r -> r.kind.equals("ATTEMPT")).count();
                assertThat(v.getLong("violations.checked") + v.getLong("violations.unchecked")).as("violations, " + as).isEqualTo(attempts);
                assertThat(v.getLong("violations.outsideWindow")).as("violations, " + as).isZero();
                assertThat(v.getLong("violations.overCap")).as("violations, " + as).isZero();
            }
        }
    }

    private static long num(Map<String, Object> row, String key) { return ((Number) row.get(key)).longValue(); }

    record Row(Instant at, String kind, String channel, String outcome, String decision, List<String> reasons, String rulePack) {}

    /** The period's ATTEMPT and DECISION entries with a rule pack, straight from contact_log. */
    private List<Row> logRows(Instant start, Instant end, String jurisdiction) {
        return db.read(c -> {
            List<Row> rows = new ArrayList<>();
            try (var ps = Sql.prepare(c, """
                    SELECT at, kind, channel, outcome, decision, reasons, rule_pack FROM contact_log
                    WHERE at >= ? AND at < ? AND kind IN ('ATTEMPT', 'DECISION') AND rule_pack IS NOT NULL""", start, end);
                 var rs = ps.executeQuery()) {
                while (rs.next()) {
                    String pack = rs.getString("rule_pack");
                    if (jurisdiction != null && !pack.startsWith(jurisdiction + "@")) continue;
                    rows.add(new Row(Sql.instant(rs, "at"), rs.getString("kind"), rs.getString("channel"), rs.getString("outcome"),
                            rs.getString("decision"), Sql.strings(rs, "reasons"), pack));
                }
            }
            return rows;
        });
    }
}
